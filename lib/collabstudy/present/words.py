"""The verdicts' words for Python's tables and chart texts: the same macros the report's text uses
(templates/rapporttext/ord.md.j2), so that every verdict is worded once."""

from __future__ import annotations

from types import SimpleNamespace

from ..stats.verdicts import described
from ..study.vocabulary import THIS_ROW
from .formatting import date_span


def _said(macro: str, *args) -> str:
    from .text import macro as template_macro

    return str(template_macro("ord.md.j2", macro)(*args)).strip()


def goal_headline(value: str) -> str:
    """'Målet är nått.', 'Målet är inte nått.' or 'Det går ännu inte att säga om målet är nått.'"""
    return _said("goal_headline", SimpleNamespace(value=value))


def goal_reason(value: str, margin: float) -> str:
    """Why the goal verdict is what it is (a clause), with the study's margin (a share, 0–1)."""
    return _said("goal_reason", SimpleNamespace(value=value), margin)


def has_changed(change: float, decimals: int = 1) -> str:
    """'har ökat', 'har minskat' or 'är oförändrad': a change as it is shown at `decimals` (its verdict)."""
    return _said("has_changed", described(change, decimals).value)


def compared_with(direction: str) -> str:
    """'lägre än', 'högre än' or 'lika stor som': a share against another, by the direction of the difference."""
    return _said("compared_with", direction)


def evaluation_period(kind: str, first, last) -> str:
    """'Denna period (1 juli 2025 – 30 juni 2026)' or 'Tidigare utvärdering (…)': a row of a series."""
    return f"{'Denna period' if kind == THIS_ROW else 'Tidigare utvärdering'} ({date_span(first, last)})"


def and_list(items: list[str]) -> str:
    """'A', 'A och B', 'A, B och C' ('' for nothing)."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
