"""The goal: the gap between the goal municipality and the reference, its tests, and what it would take.

The difference between two shares has Newcomb's hybrid score interval and a score test; "densamma"
is tested with two one-sided tests (TOST) against the study's margin (statsmodels). Whether the
goal is met is decided once, in collabstudy.stats.verdicts.
"""

from __future__ import annotations

import math

import pandas as pd
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    test_proportions_2indep,
    tost_proportions_2indep,
)

from ..stats import verdicts
from .shares import difference, share_row


def gap_now(shares: pd.DataFrame, goal: str, reference: str, level: float) -> dict:
    """Goal minus reference municipality, in proportion units, with interval and a score test."""
    a, b = share_row(shares, goal), share_row(shares, reference)
    low, high = confint_proportions_2indep(
        a["count"], a["enrolled"], b["count"], b["enrolled"], method="newcomb", compare="diff", alpha=1 - level
    )
    test = test_proportions_2indep(a["count"], a["enrolled"], b["count"], b["enrolled"], method="score", compare="diff")
    return {
        "difference": difference(shares, goal, reference),
        "ci_low": float(low),
        "ci_high": float(high),
        "z": float(test.statistic),
        "p_value": float(test.pvalue),
    }


def equivalence(shares: pd.DataFrame, goal: str, reference: str, margin_pp: float) -> dict:
    """TOST: is the goal municipality's share within ±margin of the reference's? (p < α means yes)."""
    a, b = share_row(shares, goal), share_row(shares, reference)
    margin = margin_pp / 100
    result = tost_proportions_2indep(
        a["count"], a["enrolled"], b["count"], b["enrolled"], -margin, margin, method="score", compare="diff"
    )
    return {"margin": margin, "p_value": float(result.pvalue)}


def closures_needed(shares: pd.DataFrame, goal: str, reference: str, months: int = 12) -> dict:
    """More closures to work/studies the goal municipality needs, at its enrolment, to match the reference."""
    a, b = share_row(shares, goal), share_row(shares, reference)
    target = math.ceil(b["share"] * a["enrolled"] - 1e-9)
    more = max(target - int(a["count"]), 0)
    return {
        "target_count": target,
        "more_per_period": more,
        "more_per_month": more / months,
        "current_count": int(a["count"]),
        "enrolled": int(a["enrolled"]),
        "reference_share": b["share"],
    }


def goal_verdicts(gap: dict, equivalence: dict, level: float) -> tuple[verdicts.Verdict, verdicts.Verdict]:
    """(Is the goal met? Is a difference between the municipalities shown?) — decided by the study's rules."""
    alpha = 1 - level
    goal = verdicts.goal(
        gap["difference"], gap["ci_low"], gap["ci_high"], equivalence["p_value"], equivalence["margin"], alpha
    )
    shown = verdicts.difference(gap["difference"], gap["p_value"], alpha, "score-test av skillnaden mellan två andelar")
    return goal, shown
