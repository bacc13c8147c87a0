"""The baseline: the change since the baseline year, and the gap between the municipalities then and now.

The baseline's shares are published as whole percentages, so everything here is in percentage
points (a published share carries ±0,5 of them).
"""

from __future__ import annotations

import pandas as pd

from .shares import difference, percentage_points, share_row


def baseline_comparison(shares: pd.DataFrame, baseline: pd.DataFrame, goal: str, reference: str) -> pd.DataFrame:
    """The change since the baseline and the gap then and now, for every baseline variant of the goal municipality.

    Baseline shares are published as whole percentages without denominators: each is known
    only to ±0,5 percentage points and carries no sampling interval.
    """
    now = {code: share_row(shares, code)["share"] for code in (goal, reference)}
    gap_current = difference(shares, goal, reference)
    reference_base = baseline[(baseline["municipality"] == reference) & (baseline["variant"] == "main")].iloc[0]
    pp = percentage_points
    rows = []
    for base in baseline[baseline["municipality"] == goal].itertuples():
        gap_then = base.value - reference_base["value"]
        rows.append(
            {
                "variant": base.variant,
                "remark": base.remark,
                "goal_baseline": base.value,
                "goal_now": now[goal],
                "goal_change_pp": pp(now[goal] - base.value),
                "reference_baseline": reference_base["value"],
                "reference_now": now[reference],
                "reference_change_pp": pp(now[reference] - reference_base["value"]),
                "gap_baseline_pp": pp(gap_then),
                "gap_now_pp": pp(gap_current),
                "gap_change_pp": pp(gap_current - gap_then),
                # positive: the municipalities are further apart than at the baseline
                "gap_size_change_pp": pp(abs(gap_current) - abs(gap_then)),
                "rounding_pp": 0.5 * 10 ** -int(base.decimals),
                "denominator_published": not pd.isna(base.denominator),
            }
        )
    return pd.DataFrame(rows)


def alternatives(comparison: pd.DataFrame) -> list[tuple[str, str]]:
    """The baseline's alternative figures beside its main one: (variant, remark), in order."""
    if comparison.empty:
        return []
    others = comparison[comparison["variant"] != "main"]
    return [(r.variant, r.remark if isinstance(r.remark, str) else "") for r in others.itertuples()]
