"""Rendering the report's macros in tests: what a template says, from registries filled by the steps' own
record functions (so a test sees the keys a run writes)."""

from __future__ import annotations

from collabstudy.io.figures import Figures
from collabstudy.present import text


def say(template: str, macro: str, x, *args) -> str:
    """One macro of a template rendered from `x` (Findings or Figures), without the figures' key marks."""
    module = text.environment().get_template(template).make_module(vars=text.base_context(x))
    return text.plain(text._tidy(str(getattr(module, macro)(*args))))


def page(template: str, macro: str, params, *registries_and_args, registries: int = 1) -> str:
    """A technical page's macro (teknisk-bilaga/…) from `registries` registries, then the macro's arguments."""
    figures = Figures(params, *registries_and_args[:registries])
    return say(template, macro, figures, *registries_and_args[registries:])
