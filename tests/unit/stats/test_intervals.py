"""Intervals for a share."""

from __future__ import annotations

import math

import pytest

from collabstudy.stats.intervals import wilson_interval


def test_wilson_interval_for_zero_of_n_ends_at_z_squared_over_n_plus_z_squared():
    z = 1.959963984540054
    low, high = wilson_interval(0, 50, 0.95)
    assert low == pytest.approx(0, abs=1e-12)
    assert high == pytest.approx(z**2 / (50 + z**2))


def test_wilson_interval_is_symmetric_around_one_half():
    low, high = wilson_interval(20, 40, 0.9)
    assert 0.5 - low == pytest.approx(high - 0.5)
    assert not math.isclose(low, high)
