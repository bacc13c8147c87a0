"""A count a delivery leaves empty (the template says: leave the cell empty when the figure is missing) is
missing everywhere it goes: 'saknas' in the registry and in the tables, never a figure with no value."""

from __future__ import annotations

import math

from collabstudy.io.registry import ResultsRegistry
from collabstudy.present import formatting as f


def test_a_figure_recorded_without_a_value_is_missing_whatever_status_was_passed():
    results = ResultsRegistry("02_outcomes")
    results.record("S.closures.count", float("nan"), unit="antal", label="Totalt avslutade", source="test")
    results.record("S.closures.share", None, unit="andel", label="andel", source="test")
    results.record("S.enrolled", 300, unit="antal", label="Inskrivna", source="test")
    statuses = {key: result.status for key, result in results.results.items()}
    assert statuses == {"S.closures.count": "saknas", "S.closures.share": "saknas", "S.enrolled": "ok"}
    assert results.results["S.closures.count"].value is None


def test_a_missing_count_of_the_enrolled_says_so():
    assert f.x_of_y(float("nan"), 300) == "saknas"
    assert f.x_of_y(None, 300) == "saknas"
    assert f.x_of_y(62, 306) == "62 av 306 (20,3\u00a0%)"


def test_a_missing_interval_is_empty_not_a_dash():
    assert f.percent_interval(math.nan, math.nan) == ""
    assert f.interval(None, 0.2) == ""
    assert f.percent_interval(0.161, 0.251) == "16,1–25,1\u00a0%"
