"""collabstudy.outcomes.monthly: phases before/after the start, the Poisson rate ratio and the c-chart."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from statsmodels.stats import rates

from collabstudy.outcomes.monthly import c_chart, phase_summary, rate_ratio, with_phase
from collabstudy.study.calendar import month_end
from collabstudy.study.vocabulary import AFTER, BEFORE

START = dt.date(2021, 9, 1)


def months(values: list[float], year: int = 2021, month: int = 1, status: str = "ok") -> pd.DataFrame:
    """A monthly series shaped like readers.read_monthly_closures, from `year`-`month` onwards."""
    rows = []
    for offset, value in enumerate(values):
        y, m = year + (month - 1 + offset) // 12, (month - 1 + offset) % 12 + 1
        rows.append(
            {
                "measure": "closures_work_studies",
                "municipality": "S",
                "period_start": dt.date(y, m, 1),
                "period_end": month_end(y, m),
                "value": float(value),
                "unit": "antal",
                "status": status,
                "decimals": 0,
                "published": "" if value != value else str(int(value)),
                "remark": "",
                "footnote": pd.NA,
                "file": "manader.csv",
                "row": 1,
                "column": str(m),
            }
        )
    return pd.DataFrame(rows)


# --- with_phase --------------------------------------------------------------------------------


def test_months_before_start_are_fore_and_from_start_efter():
    phased = with_phase(months([1, 2, 3, 4, 5, 6], year=2021, month=6), START)  # June–November 2021
    assert phased["phase"].tolist() == [BEFORE, BEFORE, BEFORE, AFTER, AFTER, AFTER]
    assert phased.loc[phased["period_start"] == START, "phase"].item() == AFTER


def test_the_control_lines_are_recorded_per_phase_under_swedish_labels(published):
    from collabstudy.io.registry import ResultsRegistry
    from collabstudy.outcomes.record import record_monthly

    results = ResultsRegistry("02_outcomes")
    none = pd.DataFrame()
    record_monthly(results, none, none, c_chart(months([2] * 8 + [6] * 4), START), none, published)
    saved = results.as_dict()
    before, after = saved["monthly.S.chart.before.centre"], saved["monthly.S.chart.after.centre"]
    assert (before["value"], before["label"]) == (2, "Styrdiagram före start, Svedala: medellinje")
    assert (after["value"], after["label"]) == (6, "Styrdiagram efter start, Svedala: medellinje")


def test_with_phase_sorts_by_month():
    series = months([1, 2, 3, 4], year=2021, month=7)
    phased = with_phase(series.iloc[[3, 1, 0, 2]], START)
    assert phased["period_start"].tolist() == sorted(series["period_start"])
    assert phased["value"].tolist() == [1, 2, 3, 4]
    assert phased.index.tolist() == [0, 1, 2, 3]


def test_start_mid_month_puts_that_month_before():
    phased = with_phase(months([1, 2], year=2021, month=9), dt.date(2021, 9, 15))
    assert phased["phase"].tolist() == [BEFORE, AFTER]


# --- phase_summary -----------------------------------------------------------------------------


def test_phase_summary_months_total_mean():
    # Jan–Aug 2021 before (8 months), Sep–Dec after (4 months).
    series = months([1, 2, 2, 2, 1, 0, 0, 1, 1, 5, 3, 7])
    summary = phase_summary(series, START).set_index("phase")
    assert summary.loc[BEFORE, "months"] == 8
    assert summary.loc[BEFORE, "total"] == 9
    assert summary.loc[BEFORE, "mean"] == pytest.approx(9 / 8)
    assert summary.loc[AFTER, "months"] == 4
    assert summary.loc[AFTER, "total"] == 16
    assert summary.loc[AFTER, "mean"] == pytest.approx(4)


def test_phase_summary_first_and_last_dates():
    summary = phase_summary(months([1] * 12), START).set_index("phase")
    assert summary.loc[BEFORE, "first"] == dt.date(2021, 1, 1)
    assert summary.loc[BEFORE, "last"] == dt.date(2021, 8, 31)
    assert summary.loc[AFTER, "first"] == dt.date(2021, 9, 1)
    assert summary.loc[AFTER, "last"] == dt.date(2021, 12, 31)


def test_phase_summary_skips_months_without_value():
    series = months([2, float("nan"), 4, 6, 6], year=2021, month=6)  # Jun, Jul (missing), Aug | Sep, Oct
    summary = phase_summary(series, START).set_index("phase")
    assert summary.loc[BEFORE, "months"] == 2
    assert summary.loc[BEFORE, "total"] == 6
    assert summary.loc[BEFORE, "mean"] == pytest.approx(3)


# --- rate_ratio --------------------------------------------------------------------------------

BEFORE_VALUES = [1, 2, 2, 2, 1, 0, 0, 1]  # Jan–Aug 2021
AFTER_VALUES = [1, 5, 3, 7, 2, 4, 4, 6, 7, 11]  # Sep 2021 – Jun 2022


@pytest.fixture
def series() -> pd.DataFrame:
    return months(BEFORE_VALUES + AFTER_VALUES)


def test_rate_ratio_is_mean_after_over_mean_before(series):
    expected = (sum(AFTER_VALUES) / len(AFTER_VALUES)) / (sum(BEFORE_VALUES) / len(BEFORE_VALUES))
    assert rate_ratio(series, START, 0.95)["ratio"] == pytest.approx(expected)


def test_rate_ratio_interval_contains_estimate(series):
    result = rate_ratio(series, START, 0.95)
    assert result["ci_low"] < result["ratio"] < result["ci_high"]


@pytest.mark.parametrize("level", [0.95, 0.90])
def test_rate_ratio_interval_ends_invert_the_score_test(series, level):
    """At each end of the interval the score test of 'ratio = end' has p = 1 − level."""
    result = rate_ratio(series, START, level)
    for bound in (result["ci_low"], result["ci_high"]):
        test = rates.test_poisson_2indep(
            sum(AFTER_VALUES),
            len(AFTER_VALUES),
            sum(BEFORE_VALUES),
            len(BEFORE_VALUES),
            value=bound,
            method="score",
            compare="ratio",
        )
        assert test.pvalue == pytest.approx(1 - level, abs=1e-3)


def test_rate_ratio_wider_level_wider_interval(series):
    narrow, wide = rate_ratio(series, START, 0.90), rate_ratio(series, START, 0.99)
    assert wide["ci_low"] < narrow["ci_low"] and narrow["ci_high"] < wide["ci_high"]


def test_rate_ratio_clear_increase_is_significant(series):
    assert rate_ratio(series, START, 0.95)["p_value"] < 0.05


def test_rate_ratio_no_change_gives_ratio_one_and_large_p():
    flat = months([3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4])  # 8 before, 4 after, both mean 3,5
    result = rate_ratio(flat, START, 0.95)
    assert result["ratio"] == pytest.approx(1)
    assert result["ci_low"] < 1 < result["ci_high"]
    assert result["p_value"] > 0.9


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        (AFTER_VALUES, "serien saknar månader före samverkans start"),
        (BEFORE_VALUES, "serien saknar månader efter samverkans start"),
        ([0] * 8 + AFTER_VALUES, "det fanns inga avslut före samverkans start"),
    ],
)
def test_rate_ratio_says_why_when_the_series_cannot_give_it(values, reason):
    series = months(values, month=START.month) if values is AFTER_VALUES else months(values)
    result = rate_ratio(series, START, 0.95)
    assert result["reason"].startswith(reason) and "ratio" not in result


# --- c_chart -----------------------------------------------------------------------------------


def own_limits(values: list[float]) -> tuple[float, float, float]:
    centre = sum(values) / len(values)
    return centre, centre + 3 * math.sqrt(centre), max(centre - 3 * math.sqrt(centre), 0.0)


def test_c_chart_centre_and_limits_per_phase():
    before, after = [2, 1, 3, 2, 2, 1, 3, 2], [10, 12, 8, 10]
    chart = c_chart(months(before + after), START)
    for phase, values in ((BEFORE, before), (AFTER, after)):
        part = chart[chart["phase"] == phase]
        centre, ucl, lcl = own_limits(values)
        assert len(part) == len(values)
        assert part["centre"].tolist() == pytest.approx([centre] * len(values))
        assert part["ucl"].tolist() == pytest.approx([ucl] * len(values))
        assert part["lcl"].tolist() == pytest.approx([lcl] * len(values))


def test_c_chart_lower_limit_clipped_at_zero():
    chart = c_chart(months([2, 1, 3, 2, 2, 1, 3, 2]), START)  # mean 2: 2 − 3·√2 < 0
    assert (chart["lcl"] == 0).all()


def test_c_chart_lower_limit_kept_when_positive():
    chart = c_chart(months([2] * 8 + [25] * 4), START)
    after = chart[chart["phase"] == AFTER]
    assert after["lcl"].tolist() == pytest.approx([25 - 3 * 5] * 4)


def test_c_chart_point_above_upper_limit_is_a_signal():
    values = [1, 9, 1, 9, 1, 9, 1, 9, 1, 30]  # Jan–Oct 2021, all before a later start
    centre, ucl, _ = own_limits(values)
    assert 9 < ucl < 30 and 1 < centre < 9
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert chart["outside"].tolist() == [False] * 9 + [True]
    assert not chart["in_run"].any()
    assert chart["signal"].tolist() == [False] * 9 + [True]


def test_c_chart_point_below_positive_lower_limit_is_a_signal():
    values = [30, 20, 30, 20, 30, 20, 30, 20, 30, 0]
    _, _, lcl = own_limits(values)
    assert 0 < lcl < 20
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert chart["outside"].tolist() == [False] * 9 + [True]
    assert chart["signal"].tolist() == [False] * 9 + [True]


def test_c_chart_month_on_upper_limit_is_not_outside():
    # Mean 4 → upper limit exactly 4 + 3·2 = 10.
    values = [10, 3, 3, 3, 3, 2]
    assert own_limits(values)[1] == 10
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert not chart["outside"].any()


def test_c_chart_run_of_eight_above_centre_is_a_signal():
    values = [9, 1, 9, 1] + [6] * 8 + [1, 9, 1, 1]  # mean 80/16 = 5; the eight 6s lie above it
    centre, ucl, _ = own_limits(values)
    assert centre == 5 and max(values) < ucl
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    expected = [False] * 4 + [True] * 8 + [False] * 4
    assert chart["in_run"].tolist() == expected
    assert chart["signal"].tolist() == expected
    assert not chart["outside"].any()


def test_c_chart_run_of_eight_below_centre_is_a_signal():
    values = [1, 9, 1, 9] + [4] * 8 + [9, 1, 9, 9]  # mean 80/16 = 5; the eight 4s lie below it
    assert own_limits(values)[0] == 5
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert chart["in_run"].tolist() == [False] * 4 + [True] * 8 + [False] * 4


def test_c_chart_run_of_seven_is_not_a_signal():
    values = [9, 1, 9, 1] + [6] * 7 + [1, 9, 1, 1]  # mean 74/15 ≈ 4,93; seven 6s above it
    centre, ucl, _ = own_limits(values)
    assert 1 < centre < 6 and max(values) < ucl
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert not chart["in_run"].any()
    assert not chart["signal"].any()


def test_c_chart_longer_run_marks_every_month_of_it():
    values = [9, 1, 9, 1] + [6] * 10 + [1, 1, 1, 1, 1, 1]  # mean 86/20 = 4,3; ten 6s above
    assert own_limits(values)[0] == pytest.approx(4.3)
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert chart["in_run"].tolist() == [False] * 4 + [True] * 10 + [False] * 6


def test_c_chart_month_on_centre_does_not_break_run():
    # Mean 85/17 = 5 exactly; four 6s, one 5 (on the line), four 6s: a run of eight above.
    values = [9, 1, 9, 1] + [6, 6, 6, 6, 5, 6, 6, 6, 6] + [1, 9, 1, 1]
    assert own_limits(values)[0] == 5
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    sixes = [i for i, v in enumerate(values) if v == 6]
    assert chart.loc[sixes, "in_run"].all()
    assert chart.loc[[0, 1, 2, 3, 13, 14, 15, 16], "in_run"].eq(False).all()


def test_c_chart_month_on_centre_does_not_extend_run():
    # Mean 80/16 = 5 exactly; seven 6s with a 5 on the line among them: only seven above.
    values = [9, 1, 9, 1] + [6, 6, 6, 5, 6, 6, 6, 6] + [1, 9, 1, 2]
    assert own_limits(values)[0] == 5
    chart = c_chart(months(values), dt.date(2030, 1, 1))
    assert not chart["in_run"].any()


def test_c_chart_runs_do_not_cross_phases():
    # Four months above the before-centre at the end of 'före', four above the after-centre at the start of 'efter'.
    before = [1, 1, 1, 1, 3, 3, 3, 3]  # Jan–Aug 2021, mean 2
    after = [13, 13, 13, 13, 7, 7, 7, 7]  # Sep 2021 – Apr 2022, mean 10
    chart = c_chart(months(before + after), START)
    assert not chart["in_run"].any()


def test_c_chart_keeps_time_order_and_phase():
    chart = c_chart(months([1, 2, 3] * 4), START)
    assert chart["period_start"].is_monotonic_increasing
    assert chart["phase"].tolist() == [BEFORE] * 8 + [AFTER] * 4


# --- periods across evaluations, per municipality ----------------------------------------------

from collabstudy.outcomes.monthly import compare, period_summary, periods  # noqa: E402
from collabstudy.outcomes.periods import stated  # noqa: E402
from collabstudy.stats import verdicts  # noqa: E402

WINDOW = (dt.date(2022, 4, 1), dt.date(2023, 3, 31))
PREVIOUS = (dt.date(2021, 4, 1), dt.date(2022, 3, 31))


def two_municipalities(s: list[float], t: list[float], year: int = 2021, month: int = 1) -> pd.DataFrame:
    return pd.concat([months(s, year, month), months(t, year, month).assign(municipality="T")], ignore_index=True)


def test_periods_cover_before_after_this_and_the_previous_evaluation():
    series = months([1] * 27)  # January 2021 – March 2023
    found = {p.key: p for p in periods(series, START, WINDOW, PREVIOUS)}
    assert (found["before"].first, found["before"].last) == (dt.date(2021, 1, 1), dt.date(2021, 8, 31))
    assert (found["after"].first, found["after"].last) == (START, dt.date(2023, 3, 31))
    assert (found["window"].first, found["previous"].last) == (WINDOW[0], PREVIOUS[1])
    assert "previous" not in {p.key for p in periods(series, START, WINDOW, None)}


def test_period_summary_counts_only_months_with_a_value_inside_each_period():
    values = [2] * 15 + [float("nan")] * 3 + [6] * 9  # Jan 2021 – Mar 2023, three months missing
    summary = period_summary(months(values), periods(months(values), START, WINDOW, PREVIOUS)).set_index("period")
    assert summary.loc["before", "months"] == 8 and summary.loc["before", "mean"] == 2
    assert summary.loc["window", "months"] == 9 and summary.loc["window", "span_months"] == 12
    assert summary.loc["window", "mean"] == 6
    assert summary.loc["previous", "months"] == 12 and summary.loc["previous", "total"] == 2 * 12


def test_a_falling_series_is_down_against_the_previous_evaluation_and_a_rising_one_up():
    falling = months([6] * 15 + [2] * 12)  # previous period (Apr 2021–Mar 2022) 6 a month, this one 2
    rising = months([2] * 15 + [6] * 12)
    for series, expected in ((falling, verdicts.DOWN), (rising, verdicts.UP)):
        compared = compare(period_summary(series, periods(series, START, WINDOW, PREVIOUS)), 0.95)
        row = compared.set_index("comparison").loc["window_previous"]
        assert row["direction"] == expected and row["reason"] == ""
        assert row["ratio"] == pytest.approx(2 / 6 if expected == verdicts.DOWN else 3)


def test_no_month_before_the_start_is_an_explained_absence_not_a_crash():
    series = months([3] * 19, year=2021, month=9)  # begins at the start
    compared = compare(period_summary(series, periods(series, START, WINDOW, None)), 0.95).set_index("comparison")
    assert compared.loc["after_before", "reason"] == "serien saknar månader före samverkans start"
    assert compared.loc["window_before", "reason"] == "serien saknar månader före samverkans start"
    assert pd.isna(compared.loc["after_before", "ratio"])
    chart = c_chart(series, START)
    assert set(chart["phase"]) == {AFTER}


def test_no_closure_at_all_before_is_explained_too():
    series = months([0] * 8 + [3] * 19)
    compared = compare(period_summary(series, periods(series, START, WINDOW, None)), 0.95).set_index("comparison")
    assert "inga avslut före samverkans start" in compared.loc["after_before", "reason"]


def test_each_municipality_gets_its_own_comparisons_and_chart_limits():
    series = two_municipalities([1] * 8 + [5] * 19, [4] * 27)
    compared = compare(period_summary(series, periods(series, START, WINDOW, PREVIOUS)), 0.95)
    by = compared.set_index(["municipality", "comparison"])
    assert by.loc[("S", "after_before"), "direction"] == verdicts.UP
    assert by.loc[("T", "after_before"), "direction"] == verdicts.UNCLEAR
    chart = c_chart(series, START)
    centres = chart.groupby(["municipality", "phase"])["centre"].first()
    assert centres[("S", BEFORE)] == 1 and centres[("S", AFTER)] == 5 and centres[("T", AFTER)] == 4


def test_a_reader_is_told_this_period_against_the_previous_and_against_before():
    series = months([1] * 8 + [5] * 19)
    compared = compare(period_summary(series, periods(series, START, WINDOW, PREVIOUS)), 0.95)
    assert list(stated(compared, "S")["comparison"]) == ["window_previous", "window_before"]
    # This period not in the series: the time since the start stands in for it.
    short = months([1] * 8 + [5] * 7)  # January 2021 – March 2022
    compared = compare(period_summary(short, periods(short, START, WINDOW, None)), 0.95)
    assert list(stated(compared, "S")["comparison"]) == ["after_before"]


# --- the series continued across evaluations ------------------------------------------------------

from collabstudy.outcomes.monthly import continued, revised  # noqa: E402


def test_months_only_an_earlier_evaluation_had_continue_the_series():
    earlier = months([1, 2, 3, 4], year=2021, month=1)  # January–April 2021
    now = months([9, 9], year=2021, month=4)  # April–May 2021: April delivered again
    series = continued(now, [("studie-2023", earlier)])
    assert list(series["period_start"]) == [dt.date(2021, m, 1) for m in (1, 2, 3, 4, 5)]
    assert list(series["from_study"]) == ["studie-2023"] * 3 + ["", ""]
    assert series.loc[series["period_start"] == dt.date(2021, 4, 1), "value"].item() == 9  # this delivery wins
    changed = revised(now, [("studie-2023", earlier)])
    assert list(changed["earlier_value"]) == [4] and list(changed["value"]) == [9]


def test_without_earlier_evaluations_the_series_is_the_delivery():
    now = months([1, 2, 3])
    assert (
        continued(now, [])
        .drop(columns="from_study")
        .equals(now.sort_values(["municipality", "period_start"], ignore_index=True))
    )
    assert revised(now, []).empty


def test_the_continuation_is_said_per_municipality_and_earlier_study(published):
    from wording import page

    from collabstudy.outcomes.monthly import borrowed, revisions

    earlier = months([1, 2, 3, 4], year=2021, month=1)
    now = months([9, 9], year=2021, month=4)
    taken = borrowed(continued(now, [("studie-2023", earlier)]))
    changed = revisions(revised(now, [("studie-2023", earlier)]))
    text = page("teknisk-bilaga/02-utfall.md.j2", "continuation", published, {}, taken, changed)
    assert "Svedala: 3 månader (januari–mars 2021) kommer från den tidigare utvärderingen studie-2023" in text
    assert "april 2021: denna leverans anger 9, den tidigare utvärderingen studie-2023 hade 4" in text


def test_no_closure_at_all_in_this_period_is_down_never_up():
    series = months([2] * 15 + [0] * 12)  # 2 a month before, none in this period (April 2022 – March 2023)
    compared = compare(period_summary(series, periods(series, START, WINDOW, PREVIOUS)), 0.95)
    row = compared.set_index("comparison").loc["window_previous"]
    assert row["ratio"] == 0 and row["ci_low"] == 0 and row["ci_high"] < 1
    assert row["direction"] == verdicts.DOWN


def test_a_series_that_begins_later_spans_only_its_own_months_before_the_start():
    series = two_municipalities([1] * 27, [1] * 27)
    later = series[(series["municipality"] == "S") | (series["period_start"] >= dt.date(2021, 7, 1))]
    summary = period_summary(later, periods(later, START, WINDOW, None)).set_index(["municipality", "period"])
    assert summary.loc[("S", "before"), "span_months"] == 8
    assert summary.loc[("T", "before"), "span_months"] == 2 and summary.loc[("T", "before"), "months"] == 2


from collabstudy.outcomes.monthly import calendar_years  # noqa: E402


def test_calendar_years_total_each_year_and_mark_a_part_year():
    months = pd.DataFrame(
        {
            "municipality": "S",
            "period_start": [dt.date(2021, m, 1) for m in range(1, 13)] + [dt.date(2022, m, 1) for m in range(1, 4)],
            "value": [2.0] * 12 + [5.0, 6.0, None],
        }
    )
    years = calendar_years(months).set_index("year")
    assert (years.loc[2021, "total"], years.loc[2021, "mean"], bool(years.loc[2021, "whole"])) == (24, 2.0, True)
    assert (years.loc[2022, "total"], years.loc[2022, "months"], bool(years.loc[2022, "whole"])) == (11, 2, False)


def test_no_series_delivered_at_all_gives_empty_tables_not_a_crash(published):
    """Both municipalities declared their monthly closures not delivered: the step's chain runs through."""
    from collabstudy.io.registry import ResultsRegistry
    from collabstudy.outcomes import tables
    from collabstudy.outcomes.monthly import calendar_years, compare, period_summary, periods
    from collabstudy.outcomes.record_time import record_monthly

    none = months([1]).iloc[0:0]  # the processed table of no month, with its columns
    series = continued(none, [("studie-2023", months([1, 2, 3]))])  # an earlier series is not continued alone
    assert series.empty
    spans = periods(series, START, (dt.date(2022, 1, 1), dt.date(2022, 12, 31)), None)
    summary = period_summary(series, spans)
    compared, chart, calendar = compare(summary, 0.95), c_chart(series, START), calendar_years(series)
    assert summary.empty and compared.empty and chart.empty and calendar.empty
    assert {"signal", "centre", "ucl"} <= set(chart.columns)
    results = ResultsRegistry("02_outcomes")
    record_monthly(results, summary, compared, chart, calendar, published)
    assert len(results) == 0
    assert tables.monthly_table(summary, compared, published, 0.95).data.empty
