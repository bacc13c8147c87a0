"""Shares of enrolled, with intervals: the rolling 12 months' outcome measures.

Shares are of people enrolled in labour-market measures during the rolling 12 months, as in
the source's table. Intervals are Wilson score intervals (collabstudy.stats.intervals).
"""

from __future__ import annotations

import pandas as pd

from ..stats.intervals import wilson_interval
from ..study.vocabulary import GOAL_MEASURE

# Counts reported as shares of those enrolled: the source's two shares and their parts.
SHARE_NUMERATORS = ["closures", GOAL_MEASURE, "closures_work", "closures_studies", "closures_other"]
PUBLISHED_SHARE_OF = {"closures": "closure_share", GOAL_MEASURE: "work_studies_share"}
DENOMINATOR = "enrolled"


def shares_of_enrolled(rolling: pd.DataFrame, level: float) -> pd.DataFrame:
    """One row per municipality and count: the share of enrolled with its interval, as 'x av y (z %)'."""
    rows = []
    for code, group in rolling.groupby("municipality", sort=False):
        values = group.set_index("measure")
        enrolled = values.loc[DENOMINATOR, "value"]
        for measure in SHARE_NUMERATORS:
            count = values.loc[measure, "value"]
            low, high = wilson_interval(count, enrolled, level)
            published = values.loc[PUBLISHED_SHARE_OF[measure]] if measure in PUBLISHED_SHARE_OF else None
            rows.append(
                {
                    "municipality": code,
                    "measure": measure,
                    "count": count,
                    "enrolled": enrolled,
                    "share": count / enrolled,
                    "ci_low": low,
                    "ci_high": high,
                    "published_share": None if published is None else published["value"],
                    "published": None if published is None else published["published"],
                }
            )
    return pd.DataFrame(rows)


def share_row(shares: pd.DataFrame, code: str, measure: str = GOAL_MEASURE) -> pd.Series:
    """One municipality's row of `shares_of_enrolled` for one measure (by default the goal's)."""
    return shares[(shares["municipality"] == code) & (shares["measure"] == measure)].iloc[0]


def difference(shares: pd.DataFrame, goal: str, reference: str, measure: str = GOAL_MEASURE) -> float:
    """The gap: the goal municipality's share minus the reference's (in proportion units)."""
    return share_row(shares, goal, measure)["share"] - share_row(shares, reference, measure)["share"]


def percentage_points(difference_of_shares: float) -> float:
    """A difference of two shares (0–1) in percentage points."""
    return difference_of_shares * 100
