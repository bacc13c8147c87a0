"""How large a difference a comparison of two groups can show: the minimal detectable difference."""

from __future__ import annotations

import math

from scipy.stats import norm

POWER = 0.8  # the usual choice: a difference of this size is shown four times in five


def detectable_difference(first: int, second: int, level: float, power: float = POWER) -> float:
    """The smallest difference between two shares (as a share, 0–1) that a two-sided test at `level`
    shows with probability `power`, for groups of `first` and `second` people, at the least favourable
    shares (50 %): (z(1 − α/2) + z(power)) · √(0,25 · (1/first + 1/second))."""
    if first <= 0 or second <= 0:
        return math.inf
    z = norm.ppf(1 - (1 - level) / 2) + norm.ppf(power)
    return z * math.sqrt(0.25 * (1 / first + 1 / second))
