"""Published figures against exact ones, at the rounding they were published with."""

from __future__ import annotations


def within_rounding(published: float, exact: float, decimals: int) -> bool:
    """True when `exact` rounds to `published` at the published number of decimals (either half-rule)."""
    return abs(published - exact) <= 0.5 * 10**-decimals + 1e-9


def implied_counts(share: float, decimals: int, respondents: int) -> list[int]:
    """Every whole number of respondents whose share rounds to the published percentage (none of none)."""
    if respondents <= 0:
        return []
    return [k for k in range(respondents + 1) if within_rounding(share * 100, 100 * k / respondents, decimals)]
