"""Confidence intervals for a share, used by every step that reports "x av y (z %)"."""

from __future__ import annotations

from statsmodels.stats.proportion import proportion_confint


def wilson_interval(count: float, total: float, level: float) -> tuple[float, float]:
    """Wilson score interval for count/total: stays inside 0–1 and is not symmetric near the edges."""
    low, high = proportion_confint(count, total, alpha=1 - level, method="wilson")
    return float(low), float(high)
