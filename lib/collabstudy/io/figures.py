"""The figures a text may state: lookups in results registries, each figure with its key.

`Figures` is what a template reads: `fig(key)` (a `Stated`: the recorded value and its key, shown in
the report as `<span data-key="…">`), `value(key)`, `verdict(key)`. Step 04 reads the registries the
earlier steps wrote (collabstudy.report.findings); a step's own page reads the registry it is filling.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..stats.verdicts import Verdict
from ..study.vocabulary import OK


@dataclass(frozen=True)
class Stated:
    """A figure the text states, with the key it has in the results registry."""

    key: str
    value: object
    status: str = OK


class Figures:
    """Lookups over one or more registries (key → Result), first match wins; names from params."""

    def __init__(self, params, *registries):
        self.params = params
        self._sources = registries

    @property
    def registries(self) -> list:
        # read at each lookup: a step's own registry grows while its page is written
        return [getattr(r, "results", r) for r in self._sources]

    def result(self, key: str):
        for registry in self.registries:
            if key in registry:
                return registry[key]
        raise KeyError(f"resultatet '{key}' saknas i registren")

    def has(self, key: str) -> bool:
        """Whether a step recorded `key` (a figure that exists only for some data)."""
        return any(key in registry for registry in self.registries)

    def value(self, key: str):
        return self.result(key).value

    def fig(self, key: str) -> Stated:
        """A figure as the text states it: the recorded value with its registry key."""
        found = self.result(key)
        return Stated(key, found.value, found.status)

    def verdict(self, key: str) -> Verdict:
        """A verdict as the step that decided it recorded it (its value, rule and figures)."""
        result = self.result(key)
        inputs = dict(result.inputs or {})
        return Verdict(result.value, inputs.pop("regel", ""), inputs)

    @property
    def goal(self) -> str:
        return self.params.values.goal.municipality

    @property
    def reference(self) -> str:
        return self.params.values.goal.reference

    def name(self, code: str) -> str:
        return self.params.values.name_of(code)

    @property
    def reproduces(self) -> bool:
        """Whether the study reproduces a published report (params published_report)."""
        return self.params.published is not None

    @property
    def layer(self) -> str:
        """The folder of the text only this kind of study has: a reproduced published report, or deliveries."""
        return "publicerad" if self.reproduces else "leveranser"

    @property
    def window(self):
        return self.params.values.reporting_window
