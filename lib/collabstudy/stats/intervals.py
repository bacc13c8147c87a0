"""Confidence intervals for a share, used by every step that reports "x av y (z %)"."""

from __future__ import annotations


def wilson_interval(count: float, total: float, level: float) -> tuple[float, float]:
    """Wilson score interval for count/total: stays inside 0–1 and is not symmetric near the edges."""
    # statsmodels takes a second to import: only the steps that compute an interval pay for it,
    # not the final document, which only reads what was computed.
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(count, total, alpha=1 - level, method="wilson")
    return float(low), float(high)
