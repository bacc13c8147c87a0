"""A revised month and two deliveries of one count that disagree are said, with both values; agreeing
deliveries and a period the series does not cover whole say nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from wording import say

from collabstudy.io.registry import ResultsRegistry
from collabstudy.outcomes import monthly as om
from collabstudy.outcomes import record as outcomes_record
from collabstudy.outcomes.series import goal_counts
from collabstudy.report.findings import Findings

PERIODS = pd.DataFrame(
    {
        "municipality": "S",
        "period": ["before", "after", "window", "previous"],
        "label": ["före", "efter", "denna", "förra"],
        "first_month": [dt.date(2020, 1, 1), dt.date(2021, 9, 1), dt.date(2022, 4, 1), dt.date(2021, 4, 1)],
        "last_month": [dt.date(2021, 8, 31), dt.date(2023, 3, 31), dt.date(2023, 3, 31), dt.date(2022, 3, 31)],
        "months": [20, 19, 12, 9],
        "span_months": [20, 19, 12, 12],
        "total": [40.0, 60.0, 67.0, 30.0],
        "mean": [2.0, 60 / 19, 67 / 12, 30 / 9],
    }
)


def revised(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [("S", dt.date(2022, m, 1), now, then, "svedala-trelleborg-2023") for m, now, then in rows],
        columns=["municipality", "period_start", "value", "earlier_value", "from_study"],
    )


def findings(params, changed: pd.DataFrame, table_totals: dict) -> Findings:
    """Findings as step 02 would record them for these revisions and twelve-month counts."""
    agreement = om.table_agreement(PERIODS, table_totals)
    results = ResultsRegistry("02_outcomes")
    chart = pd.DataFrame(columns=["municipality", "phase", "centre", "ucl", "lcl", "signal"])
    calendar = pd.DataFrame(columns=["municipality", "year", "total", "months", "mean", "whole"])
    outcomes_record.record_monthly(results, PERIODS, pd.DataFrame(columns=["municipality"]), chart, calendar, params)
    outcomes_record.record_revisions(results, changed, agreement, ["S"], params)
    empty = pd.DataFrame()
    return Findings(
        params, {}, results.results, {}, *[empty] * 3, PERIODS, *[empty] * 7,
        monthly_revisions=changed, table_agreement=agreement,
    )  # fmt: skip


def test_the_agreement_compares_only_a_period_the_series_covers_whole():
    found = om.table_agreement(PERIODS, {("S", "window"): 62.0, ("S", "previous"): 30.0, ("T", "window"): 5.0})
    assert found[["period", "series_total", "table_total", "agrees"]].values.tolist() == [["window", 67.0, 62.0, False]]


def test_a_count_the_table_does_not_have_is_not_compared():
    assert om.table_agreement(PERIODS, {("S", "window"): None}).empty
    assert om.table_agreement(PERIODS, {("S", "window"): 67.0})["agrees"].tolist() == [True]


def test_every_revised_month_is_said_with_both_values(published):
    x = findings(published, revised((3, 6.0, 5.0), (11, 2.0, 4.0)), {})
    shown = say("delar/manadsserien.md.j2", "revisions", x, x, "S")
    assert shown.startswith("Svedalas nya leverans ger 2 månader ett annat värde än en tidigare utvärdering hade:")
    assert (
        "mars 2022 (5 i svedala-trelleborg-2023, nu 6) och november 2022 (4 i svedala-trelleborg-2023, nu 2)" in shown
    )
    assert "räknar med den nya leveransen" in shown


def test_without_revisions_nothing_is_said(published):
    x = findings(published, revised(), {})
    assert say("delar/manadsserien.md.j2", "revisions", x, x, "S") == ""


@pytest.mark.parametrize(("table", "said"), [(62.0, True), (67.0, False)])
def test_two_deliveries_of_one_count_that_disagree_are_both_said(published, table, said):
    x = findings(published, revised(), {("S", "window"): table})
    shown = say("delar/manadsserien.md.j2", "table_agreement", x, x, "S")
    if said:
        assert (
            "Svedalas månadsserie summerar till 67 avslut till arbete eller studier under denna utvärderingsperiod"
            in shown
        )
        assert "men tabellen över de senaste tolv månaderna anger 62" in shown
    else:
        assert shown == ""


def test_the_goal_counts_come_from_this_table_and_the_latest_earlier_registry(published):
    shares = pd.DataFrame(
        {"municipality": ["S", "T"], "measure": "closures_work_studies", "count": [62, 337], "share": [0.2, 0.3]}
    )

    class Result:
        def __init__(self, value):
            self.value = value

    older = {"S.closures_work_studies.count": Result(1)}
    latest = {"S.closures_work_studies.count": Result(50), "T.closures_work_studies.count": Result(300)}
    counts = goal_counts(published, shares, [(published, older), (published, latest)])
    assert counts == {("S", "window"): 62, ("T", "window"): 337, ("S", "previous"): 50, ("T", "previous"): 300}
    assert set(goal_counts(published, shares, [])) == {("S", "window"), ("T", "window")}


@pytest.mark.parametrize(
    ("changed", "table", "named"),
    [((3, 6.0, 5.0), None, True), (None, 62.0, True), (None, 67.0, False), (None, None, False)],
)
def test_the_summary_points_to_a_revision_or_a_disagreement(published, changed, table, named):
    x = findings(published, revised(*([changed] if changed else [])), {("S", "window"): table})
    comparisons = pd.DataFrame([{"municipality": "S", "comparison": "window_before", "reason": ""}])
    x = dataclasses.replace(x, monthly_comparisons=comparisons)
    assert x.revised_names() == (["Svedala"] if named else [])


def test_many_revisions_are_shown_in_part_and_counted_whole(published):
    x = findings(published, revised(*[(m, float(m), 0.0) for m in range(1, 10)]), {})
    shown = say("delar/manadsserien.md.j2", "revisions", x, x, "S")
    assert "ger 9 månader ett annat värde" in shown and "juni 2022 (0 i svedala-trelleborg-2023, nu 6)" in shown
    assert "juli 2022" not in shown and "med flera (alla står i den tekniska bilagan om utfallet)" in shown
