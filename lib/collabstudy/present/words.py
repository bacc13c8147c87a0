"""The Swedish words for the study's verdicts (collabstudy.stats.verdicts): one wording per verdict."""

from __future__ import annotations

from ..stats.verdicts import DOWN, MET, NOT_MET, SAME, UNCLEAR, UNDECIDED, UP, shown_resolution, sign
from ..study.vocabulary import THIS_ROW
from .formatting import date_span

GOAL_HEADLINE = {
    MET: "Målet är nått.",
    NOT_MET: "Målet är inte nått.",
    UNDECIDED: "Det går ännu inte att säga om målet är nått.",
}

# A change between two figures: "har ökat", "har minskat", "är oförändrad".
_HAS_CHANGED = {UP: "har ökat", DOWN: "har minskat", SAME: "är oförändrad"}
# A series after the start: "har ökat", "har minskat", "har inte tydligt förändrats".
SERIES_DIRECTION = {UP: "har ökat", DOWN: "har minskat", UNCLEAR: "har inte tydligt förändrats"}


def change_direction(change: float, decimals: int = 1) -> str:
    """up, down or same: the direction of a described change as it is shown (at `decimals`)."""
    return sign(change, shown_resolution(decimals))


def has_changed(change: float, decimals: int = 1) -> str:
    """'har ökat', 'har minskat' or 'är oförändrad', by the sign of a change shown at `decimals`."""
    return _HAS_CHANGED[change_direction(change, decimals)]


def changed_by(change: float, unit: str, decimals: int = 1) -> str:
    """'har minskat med 3,0 procentenheter' or 'är oförändrad': direction and size of a change."""
    from .formatting import number

    direction = change_direction(change, decimals)
    if direction == SAME:
        return _HAS_CHANGED[SAME]
    return f"{_HAS_CHANGED[direction]} med {number(abs(change), decimals)} {unit}"


_COMPARED = {DOWN: "lägre än", UP: "högre än", SAME: "lika stor som"}


def comparison_word(difference: float) -> str:
    """'lägre än', 'högre än' or 'lika stor som': a share against another, by the sign of their difference."""
    return _COMPARED[sign(difference)]


def evaluation_period(kind: str, first, last) -> str:
    """'Denna period (1 juli 2025 – 30 juni 2026)' or 'Tidigare utvärdering (…)': a row of a series."""
    return f"{'Denna period' if kind == THIS_ROW else 'Tidigare utvärdering'} ({date_span(first, last)})"


def and_list(items: list[str]) -> str:
    """'A', 'A och B', 'A, B och C' ('' for nothing)."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
