"""Outcomes against the goal: shares with intervals, the gap, tests, what it would take.

Shares are of people enrolled in labour-market measures during the rolling 12 months, as in
the source's table. Intervals are Wilson score intervals; the difference between two shares
uses Newcomb's hybrid score interval; tests are score tests (statsmodels).
"""
from __future__ import annotations

import math

import pandas as pd
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    test_proportions_2indep,
    tost_proportions_2indep,
)

from .formatting import x_of_y
from .intervals import wilson_interval

# Counts reported as shares of those enrolled: the source's two shares and their parts.
SHARE_NUMERATORS = ["closures", "closures_work_studies", "closures_work", "closures_studies", "closures_other"]
PUBLISHED_SHARE_OF = {"closures": "closure_share", "closures_work_studies": "work_studies_share"}
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
            rows.append({
                "municipality": code, "measure": measure, "count": count, "enrolled": enrolled,
                "share": count / enrolled, "ci_low": low, "ci_high": high,
                "text": x_of_y(count, enrolled),
                "published_share": None if published is None else published["value"],
                "published": None if published is None else published["published"],
            })
    return pd.DataFrame(rows)


def share_row(shares: pd.DataFrame, code: str, measure: str = "closures_work_studies") -> pd.Series:
    return shares[(shares["municipality"] == code) & (shares["measure"] == measure)].iloc[0]


def gap_now(shares: pd.DataFrame, goal: str, reference: str, level: float) -> dict:
    """Goal minus reference municipality, in proportion units, with interval and a score test."""
    a, b = share_row(shares, goal), share_row(shares, reference)
    low, high = confint_proportions_2indep(a["count"], a["enrolled"], b["count"], b["enrolled"],
                                           method="newcomb", compare="diff", alpha=1 - level)
    test = test_proportions_2indep(a["count"], a["enrolled"], b["count"], b["enrolled"],
                                   method="score", compare="diff")
    return {"difference": a["share"] - b["share"], "ci_low": float(low), "ci_high": float(high),
            "z": float(test.statistic), "p_value": float(test.pvalue)}


def equivalence(shares: pd.DataFrame, goal: str, reference: str, margin_pp: float) -> dict:
    """TOST: is the goal municipality's share within ±margin of the reference's? (p < α means yes)."""
    a, b = share_row(shares, goal), share_row(shares, reference)
    margin = margin_pp / 100
    result = tost_proportions_2indep(a["count"], a["enrolled"], b["count"], b["enrolled"],
                                     -margin, margin, method="score", compare="diff")
    return {"margin": margin, "p_value": float(result.pvalue)}


def closures_needed(shares: pd.DataFrame, goal: str, reference: str, months: int = 12) -> dict:
    """More closures to work/studies the goal municipality needs, at its enrolment, to match the reference."""
    a, b = share_row(shares, goal), share_row(shares, reference)
    target = math.ceil(b["share"] * a["enrolled"] - 1e-9)
    more = max(target - int(a["count"]), 0)
    return {"target_count": target, "more_per_period": more, "more_per_month": more / months,
            "current_count": int(a["count"]), "enrolled": int(a["enrolled"]), "reference_share": b["share"]}


def baseline_comparison(shares: pd.DataFrame, baseline: pd.DataFrame, goal: str, reference: str) -> pd.DataFrame:
    """The change since the baseline and the gap then and now, for every baseline variant of the goal municipality.

    Baseline shares are published as whole percentages without denominators: each is known
    only to ±0,5 percentage points and carries no sampling interval.
    """
    now = {code: share_row(shares, code)["share"] for code in (goal, reference)}
    reference_base = baseline[(baseline["municipality"] == reference) & (baseline["variant"] == "main")].iloc[0]
    rows = []
    for base in baseline[baseline["municipality"] == goal].itertuples():
        gap_then = base.value - reference_base["value"]
        gap_current = now[goal] - now[reference]
        rows.append({
            "variant": base.variant, "remark": base.remark,
            "goal_baseline": base.value, "goal_now": now[goal], "goal_change_pp": (now[goal] - base.value) * 100,
            "reference_baseline": reference_base["value"], "reference_now": now[reference],
            "reference_change_pp": (now[reference] - reference_base["value"]) * 100,
            "gap_baseline_pp": gap_then * 100, "gap_now_pp": gap_current * 100,
            "gap_change_pp": (gap_current - gap_then) * 100,
            "rounding_pp": 0.5 * 10 ** -int(base.decimals),
            "denominator_published": not pd.isna(base.denominator),
        })
    return pd.DataFrame(rows)
