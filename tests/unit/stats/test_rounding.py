"""collabstudy.stats.rounding: which whole counts a published, rounded share can stand for."""

from __future__ import annotations

from collabstudy.stats.rounding import implied_counts


def test_the_counts_a_rounded_share_implies():
    assert implied_counts(0.2, 0, 15) == [3]
    assert implied_counts(0.5, 0, 3) == []  # 1 of 3 is 33 %, 2 of 3 is 67 %


def test_a_share_of_nobody_implies_no_count():
    assert implied_counts(0.0, 0, 0) == []
    assert implied_counts(0.4, 0, 0) == []
