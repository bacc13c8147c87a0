"""collabstudy.outcomes.series: the goal across evaluations, read from earlier registries, and the change."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from collabstudy.io import keys
from collabstudy.io.registry import Result
from collabstudy.outcomes.series import EARLIER, change_since_previous, evaluation_series, this_row
from collabstudy.outcomes.shares import shares_of_enrolled
from collabstudy.stats import verdicts as v


def rolling(goal_count: int, goal_enrolled: int, ref_count: int = 330, ref_enrolled: int = 1000) -> pd.DataFrame:
    rows = []
    for code, (count, enrolled) in {"S": (goal_count, goal_enrolled), "T": (ref_count, ref_enrolled)}.items():
        for measure, value in (
            ("enrolled", enrolled),
            ("closures_work_studies", count),
            ("closures", count + 10),
            ("closures_work", count // 2),
            ("closures_studies", count - count // 2),
            ("closures_other", 10),
            ("households", 100),
            ("closure_share", (count + 10) / enrolled),
            ("work_studies_share", count / enrolled),
        ):
            rows.append(
                {"municipality": code, "measure": measure, "value": float(value), "status": "ok", "published": ""}
            )
    return pd.DataFrame(rows)


def registry(shares: pd.DataFrame) -> dict:
    """An earlier evaluation's registry, as its step 02 would have written it."""
    found = {}
    for r in shares.itertuples():
        for field in ("count", "share", "ci_low", "ci_high"):
            key = keys.share(r.municipality, r.measure, field)
            found[key] = Result(key, getattr(r, field), "andel", key, "test")
        found[keys.count(r.municipality, "enrolled")] = Result("", r.enrolled, "antal", "", "test")
    s = shares.set_index(["municipality", "measure"]).loc
    gap = s[("S", "closures_work_studies"), "share"] - s[("T", "closures_work_studies"), "share"]
    for key, value in ((keys.GAP, gap), (keys.GAP_CI_LOW, gap - 0.05), (keys.GAP_CI_HIGH, gap + 0.05)):
        found[key] = Result(key, value, "andel", key, "test")
    found[keys.NEEDED_PER_PERIOD] = Result("", 30, "antal", "", "test")
    found[keys.GOAL_VERDICT] = Result("", v.NOT_MET, "utslag", "", "test")
    return found


def baseline() -> pd.DataFrame:
    return pd.DataFrame({"municipality": ["S", "T"], "variant": "main", "value": [0.23, 0.34]})


def series_for(published, before: tuple[int, int], now: tuple[int, int]) -> pd.DataFrame:
    then = shares_of_enrolled(rolling(*before), 0.95)
    current = shares_of_enrolled(rolling(*now), 0.95)
    gap = {"difference": -0.1, "ci_low": -0.15, "ci_high": -0.05}
    row = this_row(published, current, gap, {"more_per_period": 12}, v.Verdict(v.NOT_MET, "", {}))
    return evaluation_series(published, baseline(), [(published, registry(then))], row)


def said(published, series: pd.DataFrame, macro: str) -> str:
    """What the outcome page (`sentence`) or a summary (`headline`) says of the series, from the registry step
    02 fills: the change since the previous evaluation recorded with its verdicts."""
    from wording import say

    from collabstudy.io.figures import Figures
    from collabstudy.io.registry import ResultsRegistry
    from collabstudy.outcomes.record import record_series

    results = ResultsRegistry("02_outcomes")
    record_series(results, change_since_previous(series, 0.95), series)
    now = series.iloc[-1]
    results.record(keys.GAP, now["gap"], unit="andel", label="", source="")
    results.record(keys.goal_share("S", "share"), now["goal_share"], unit="andel", label="", source="")
    cleaning = ResultsRegistry("01_cleaning")
    cleaning.record(keys.CONFIDENCE_LEVEL, 0.95, unit="andel", label="", source="")
    figures = Figures(published, results, cleaning)
    if macro == "page":
        return say("teknisk-bilaga/02-utfall.md.j2", "series", figures)
    return say("delar/utvecklingen.md.j2", macro, figures, figures)


def test_the_series_runs_from_the_baseline_through_the_earlier_evaluation_to_now(published):
    series = series_for(published, (60, 300), (90, 300))
    assert list(series["kind"]) == ["basår", EARLIER, "denna period"]
    assert series.iloc[0]["goal_share"] == 0.23 and pd.isna(series.iloc[0]["goal_count"])
    assert series.iloc[1]["goal_share"] == pytest.approx(0.2) and series.iloc[2]["goal_share"] == pytest.approx(0.3)
    assert series.iloc[2]["window_start"] == published.values.reporting_window.start


@pytest.mark.parametrize(
    ("before", "now", "word"), [((60, 300), (120, 300), "ökat"), ((120, 300), (60, 300), "minskat")]
)
def test_a_shown_change_is_named_by_its_sign(published, before, now, word):
    series = series_for(published, before, now)
    change = change_since_previous(series, 0.95)
    assert change["verdict"].value == v.SHOWN
    text = said(published, series, "sentence")
    assert f"andel avslut till arbete eller studier {word} från" in text


def test_a_change_the_test_does_not_show_has_no_direction_word(published):
    series = series_for(published, (60, 300), (63, 300))
    change = change_since_previous(series, 0.95)
    assert change["verdict"].value == v.NOT_SHOWN
    text = said(published, series, "sentence")
    assert "inte statistiskt säkerställd" in text and "ökat" not in text and "minskat" not in text


def test_without_an_earlier_evaluation_there_is_no_change(published):
    current = shares_of_enrolled(rolling(60, 300), 0.95)
    row = this_row(
        published,
        current,
        {"difference": 0, "ci_low": 0, "ci_high": 0},
        {"more_per_period": 0},
        v.Verdict(v.MET, "", {}),
    )
    series = evaluation_series(published, baseline(), [], row)
    assert change_since_previous(series, 0.95) is None
    assert "ingen tidigare utvärdering" in said(published, series, "page")
    assert series.iloc[-1]["window_end"] == published.values.reporting_window.end
    year = published.values.baseline_year  # the baseline row spans its calendar year
    assert (series.iloc[0]["window_start"], series.iloc[0]["window_end"]) == (
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
    )


@pytest.mark.parametrize(
    ("before", "now", "word"), [((60, 300), (120, 300), "ökat"), ((120, 300), (60, 300), "minskat")]
)
def test_the_summary_headline_follows_the_verdict(published, before, now, word):
    series = series_for(published, before, now)
    text = said(published, series, "headline")
    assert f"andel avslut till arbete eller studier {word} från" in text and "statistiskt säkerställd" in text


def test_an_unshown_change_has_no_direction_in_the_headline(published):
    series = series_for(published, (60, 300), (63, 300))
    text = said(published, series, "headline")
    assert "inte statistiskt säkerställd" in text and "ökat" not in text and "minskat" not in text


def test_the_interval_agrees_with_the_test(published):
    for now in [*range(55, 80), *range(81, 100)]:  # 80: the score interval's root search fails (Newcomb then)
        change = change_since_previous(series_for(published, (60, 300), (now, 300)), 0.95)
        excludes_zero = change["ci_low"] > 0 or change["ci_high"] < 0
        assert excludes_zero == (change["verdict"].value == v.SHOWN), now


def test_an_older_registry_without_a_figure_is_a_swedish_error(published):
    from collabstudy.outcomes.series import earlier_row
    from collabstudy.study.errors import StudyInputError

    results = registry(shares_of_enrolled(rolling(60, 300), 0.95))
    del results[keys.NEEDED_PER_PERIOD]
    with pytest.raises(StudyInputError, match="saknar 'needed.per_period'"):
        earlier_row(published, results)
