"""How the monthly series' periods and comparisons are named, and which comparisons a reader is told.

Words and a reading rule only: the statistics are in collabstudy.outcomes.monthly, so that the final
document states the comparisons without running them again.
"""

from __future__ import annotations

import pandas as pd

from ..study.vocabulary import COMPARISON_LABELS  # noqa: F401  (the comparisons' names, with the study's words)

# Which period is compared with which: (key, numerator, denominator). "window" is this evaluation's
# reporting period, "previous" the latest earlier evaluation's.
COMPARISONS = (
    ("after_before", "after", "before"),
    ("window_before", "window", "before"),
    ("window_previous", "window", "previous"),
)


def stated(compared: pd.DataFrame, code: str) -> pd.DataFrame:
    """The comparisons a reader is told for one municipality: against the previous evaluation when
    there is one, and against the time before the start over this evaluation's period; over the whole
    time since the start only when this period cannot be compared with the time before."""
    rows = compared[compared["municipality"] == code].set_index("comparison")
    chosen = [c for c in ("window_previous", "window_before") if c in rows.index]
    if "window_before" in rows.index and rows.loc["window_before", "reason"] and "after_before" in rows.index:
        if not rows.loc["after_before", "reason"]:
            chosen[chosen.index("window_before")] = "after_before"
    return rows.loc[chosen].reset_index()


def said(compared: pd.DataFrame, code: str | None = None, *, stated_only: bool = False) -> list[tuple]:
    """The comparisons a text states, in order: (code, comparison, numerator period, denominator period,
    whether the data could make it). Every comparison of every municipality, or of one municipality those
    a reader is told (`stated_only`)."""
    codes = [code] if code is not None else list(compared["municipality"].drop_duplicates())
    rows = []
    for each in codes:
        mine = stated(compared, each) if stated_only else compared[compared["municipality"] == each]
        rows += [(each, r.comparison, r.numerator, r.denominator, not r.reason) for r in mine.itertuples()]
    return rows
