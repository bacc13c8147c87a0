"""How the monthly series' periods and comparisons are named, and which comparisons a reader is told.

Words and a reading rule only: the statistics are in collabstudy.outcomes.monthly, so that the final
document states the comparisons without running them again.
"""

from __future__ import annotations

import pandas as pd

# Which period is compared with which: (key, numerator, denominator). "window" is this evaluation's
# reporting period, "previous" the latest earlier evaluation's.
COMPARISONS = (
    ("after_before", "after", "before"),
    ("window_before", "window", "before"),
    ("window_previous", "window", "previous"),
)
COMPARISON_LABELS = {
    "after_before": "efter mot före samverkans start",
    "window_before": "denna utvärderingsperiod mot tiden före samverkans start",
    "window_previous": "denna utvärderingsperiod mot förra utvärderingens",
}


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


# A period as a sentence names it: "5,8 per månad under denna utvärderingsperiod".
PERIOD_PHRASES = {
    "before": "före samverkans start",
    "after": "efter samverkans start",
    "window": "under denna utvärderingsperiod",
    "previous": "under förra utvärderingens period",
}
