"""collabstudy.stats.power: the difference a comparison of two groups can show."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from collabstudy.stats.power import detectable_difference


def test_a_small_survey_shows_only_large_differences_and_a_large_one_small_ones():
    small, large = detectable_difference(15, 22, 0.95), detectable_difference(1500, 2200, 0.95)
    assert small == pytest.approx(0.465, abs=0.005)
    assert large < 0.05 < small


def test_the_difference_has_the_stated_power():
    # At 50 % against 50 % + the difference, statsmodels' power for these groups is about 80 %.
    difference = detectable_difference(40, 60, 0.95)
    effect = abs(proportion_effectsize(0.5 + difference / 2, 0.5 - difference / 2))
    assert NormalIndPower().power(effect, nobs1=40, alpha=0.05, ratio=60 / 40) == pytest.approx(0.8, abs=0.02)


def test_a_group_without_anyone_shows_nothing():
    assert math.isinf(detectable_difference(0, 10, 0.95))
