"""The caseworker scenario, the chart helpers, the outcome charts and the results registry."""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from collabstudy.io import atomic
from collabstudy.io.registry import UNITS, Result, ResultsRegistry, read_results
from collabstudy.outcomes import charts as outcome_charts
from collabstudy.outcomes import monthly, yearly
from collabstudy.outcomes.baseline import baseline_comparison
from collabstudy.outcomes.goal import gap_now
from collabstudy.outcomes.scenario import caseworker_change
from collabstudy.outcomes.shares import shares_of_enrolled
from collabstudy.present import figures as charts
from collabstudy.stats.verdicts import NOT_MET
from collabstudy.study.calendar import month_end
from collabstudy.study.params import CaseworkerScenario
from collabstudy.study.vocabulary import STATUSES

NBSP = "\u00a0"


# --- scenario.caseworker_change ----------------------------------------------------------------


def assumptions(stated_drop_pp: float = 1.3, stated_relative_drop: float = 0.22) -> CaseworkerScenario:
    """The BIP figures as the report cites them: 6 % → 4,7 %, stated as 1,3 p.e. and 22 %."""
    return CaseworkerScenario(
        source="BIP",
        job_probability_without_change=0.06,
        job_probability_after_one_change=0.047,
        stated_drop_pp=stated_drop_pp,
        stated_relative_drop=stated_relative_drop,
    )


def test_scenario_drop_in_percentage_points():
    assert caseworker_change(assumptions(), 0.2)["drop_pp"] == pytest.approx((0.06 - 0.047) * 100)
    assert caseworker_change(assumptions(), 0.2)["drop_pp"] == pytest.approx(1.3)


def test_scenario_relative_drop():
    assert caseworker_change(assumptions(), 0.2)["relative_drop"] == pytest.approx(1 - 0.047 / 0.06)


def test_scenario_stated_figures_hold_at_their_rounding():
    # 1,3 p.e. exactly; 1 − 4,7/6 = 21,67 %, which rounds to the stated 22 %.
    result = caseworker_change(assumptions(), 0.2)
    assert result["stated_drop_pp_holds"] is True
    assert result["stated_relative_drop_holds"] is True


def test_scenario_stated_figures_that_do_not_follow():
    # 1,5 p.e. is not 1,3 at one decimal; 25 % is not 21,67 % at whole percent.
    result = caseworker_change(assumptions(stated_drop_pp=1.5, stated_relative_drop=0.25), 0.2)
    assert result["stated_drop_pp_holds"] is False
    assert result["stated_relative_drop_holds"] is False


def test_scenario_relative_drop_checked_at_whole_percent():
    # 21 % is 0,67 percentage points from 21,67 %: more than half a unit at whole percent.
    assert caseworker_change(assumptions(stated_relative_drop=0.21), 0.2)["stated_relative_drop_holds"] is False
    assert caseworker_change(assumptions(stated_drop_pp=1.4), 0.2)["stated_drop_pp_holds"] is False


def test_scenario_share_without_change():
    result = caseworker_change(assumptions(), 0.2)
    relative = 1 - 0.047 / 0.06
    assert result["observed_share"] == 0.2
    assert result["share_without_change"] == pytest.approx(0.2 / (1 - relative))
    assert result["share_without_change"] == pytest.approx(0.2 * 0.06 / 0.047)
    assert result["share_without_change"] > result["observed_share"]


# --- charts.figure_html ------------------------------------------------------------------------


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.images: list[dict] = []
        self.caption = ""
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs))
        self._in_caption = tag == "figcaption"

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.caption += data


def parse(text: str) -> _Images:
    parser = _Images()
    parser.feed(text)
    parser.close()
    return parser


def small_figure():
    fig, ax = charts.new_figure(3, 2)
    ax.plot([0, 1, 2], [1, 3, 2])
    return fig


def test_figure_html_is_a_figure_with_one_image():
    text = charts.figure_html(small_figure(), "Linjediagram", "Bildtext")
    assert text.startswith("<figure") and text.endswith("</figure>")
    page = parse(text)
    assert page.tags[0] == "figure"
    assert len(page.images) == 1
    assert page.caption == "Bildtext"


def test_figure_html_embeds_base64_png():
    src = parse(charts.figure_html(small_figure(), "Linjediagram", "Bildtext")).images[0]["src"]
    prefix = "data:image/png;base64,"
    assert src.startswith(prefix)
    assert base64.b64decode(src[len(prefix) :], validate=True).startswith(b"\x89PNG\r\n\x1a\n")


def test_figure_html_alt_is_the_given_text():
    alt = "Punktdiagram: Svedala 20,3\u00a0% – Trelleborg 32,8\u00a0%"
    assert parse(charts.figure_html(small_figure(), alt, "Bildtext")).images[0]["alt"] == alt


def test_figure_html_escapes_alt_text():
    alt = '<script>alert("x")</script> & "citat"'
    text = charts.figure_html(small_figure(), alt, "Bildtext")
    assert "<script>" not in text
    assert '"citat"' not in text
    page = parse(text)
    assert page.tags == ["figure", "img", "figcaption"]
    assert page.images[0]["alt"] == alt


def test_figure_html_escapes_caption():
    text = charts.figure_html(small_figure(), "alt", "<b>fet</b> & mer")
    assert "<b>" not in text
    assert parse(text).caption == "<b>fet</b> & mer"


def test_figure_html_closes_the_figure():
    fig = small_figure()
    charts.figure_html(fig, "alt", "Bildtext")
    assert not plt.fignum_exists(fig.number)


# --- outcomes.charts ----------------------------------------------------------------------------

SHARE_UNITS = {"closure_share", "work_studies_share"}


def rolling_rows(code: str, enrolled: int, work: int, studies: int, other: int) -> list[dict]:
    values = {
        "enrolled": enrolled,
        "closures": work + studies + other,
        "households": 100,
        "closures_work_studies": work + studies,
        "closures_work": work,
        "closures_studies": studies,
        "closures_other": other,
    }
    values["closure_share"] = round(values["closures"] / enrolled, 2)
    values["work_studies_share"] = round(values["closures_work_studies"] / enrolled, 2)
    return [
        {
            "measure": m,
            "municipality": code,
            "period_start": dt.date(2022, 4, 1),
            "period_end": dt.date(2023, 3, 31),
            "value": float(v),
            "unit": "andel" if m in SHARE_UNITS else "antal",
            "status": "ok",
            "published": f"{round(v * 100)}%" if m in SHARE_UNITS else str(v),
        }
        for m, v in values.items()
    ]


@pytest.fixture
def shares() -> pd.DataFrame:
    rolling = pd.DataFrame(rolling_rows("S", 300, 50, 10, 60) + rolling_rows("T", 1000, 280, 50, 170))
    return shares_of_enrolled(rolling, 0.95)


@pytest.fixture
def baseline() -> pd.DataFrame:
    rows = [
        ("S", 0.23, "main", "huvudsiffra"),
        ("T", 0.34, "main", "huvudsiffra"),
        ("S", 0.16, "alternative", "exklusive flyktingar"),
    ]
    return pd.DataFrame(
        [
            {
                "measure": "work_studies_share",
                "municipality": code,
                "value": value,
                "variant": variant,
                "remark": remark,
                "decimals": 0,
                "denominator": float("nan"),
                "status": "ok",
            }
            for code, value, variant, remark in rows
        ]
    )


def series(values: list[float]) -> pd.DataFrame:
    """Monthly closures from January 2021."""
    rows = []
    for offset, value in enumerate(values):
        year, month = 2021 + offset // 12, offset % 12 + 1
        rows.append(
            {
                "measure": "closures_work_studies",
                "municipality": "S",
                "period_start": dt.date(year, month, 1),
                "period_end": month_end(year, month),
                "value": float(value),
                "unit": "antal",
                "status": "ok",
            }
        )
    return pd.DataFrame(rows)


def levels() -> pd.DataFrame:
    cells = {
        "households": [(2019, 280, "ok"), (2020, 300, "ok"), (2021, 250, "osäker")],
        "individuals_fa": [(2019, 600, "ok"), (2020, 650, "ok"), (2021, 510, "osäker")],
        "enrolled": [(2019, 200, "ok"), (2020, 300, "ok"), (2021, float("nan"), "saknas")],
        "fa_paid": [(2019, 16_800_000, "ok"), (2020, 18_000_000, "ok"), (2021, 16_000_000, "ok")],
    }
    frame = pd.DataFrame(
        [
            {
                "measure": m,
                "municipality": "S",
                "period_start": dt.date(y, 1, 1),
                "period_end": dt.date(y, 12, 31),
                "value": float(v),
                "status": s,
                "published": str(v),
            }
            for m, rows in cells.items()
            for y, v, s in rows
        ]
    )
    return yearly.yearly_levels(frame)


def check_chart(fig, alt: str, names: list[str]) -> None:
    """The chart closed; its alt text names every municipality it draws."""
    plt.close(fig)
    assert [name for name in names if name not in alt] == []


def test_shares_chart_returns_figure_and_alt_naming_both(shares, baseline, published):
    fig, alt = outcome_charts.shares_against_baseline(shares, baseline, published, 0.95, "Källan", NOT_MET)
    check_chart(fig, alt, ["Svedala", "Trelleborg"])
    assert alt.startswith("Punktdiagram")
    assert f"20,0{NBSP}%" in alt and f"33,0{NBSP}%" in alt  # Swedish percentages
    assert "2019" in alt and "alternativ siffra" in alt


def test_gap_chart_returns_figure_and_alt_naming_both(shares, baseline, published):
    comparison = baseline_comparison(shares, baseline, "S", "T")
    gap = gap_now(shares, "S", "T", 0.95)
    fig, alt = outcome_charts.gap_chart(comparison, gap, 0.05, published, "Källan", NOT_MET)
    check_chart(fig, alt, ["Svedala", "Trelleborg"])
    assert "Svedala minus Trelleborg" in alt
    assert "procentenheter" in alt
    assert "\u221213,0" in alt  # the gap now, −13,0, with a typographic minus


def test_spc_chart_returns_figure_and_alt_naming_municipality():
    values = [9, 1, 9, 1] + [6] * 8 + [1, 9, 1, 1] + [5, 7, 6, 4]  # Jan 2021 – Aug 2022
    chart = monthly.c_chart(series(values), dt.date(2022, 5, 1))
    fig, alt = outcome_charts.spc_chart(chart, dt.date(2022, 5, 1), {"S": "Svedala"}, "Källan")
    check_chart(fig, alt, ["Svedala"])
    assert alt.startswith("Styrdiagram")
    assert f"{len(values)} månader" in alt
    assert "jan 2021" in alt and "aug 2022" in alt
    assert f"{int(chart['signal'].sum())} månader ger signal" in alt


@pytest.mark.parametrize(
    ("start", "marked", "mean", "title"),
    [
        (dt.date(2030, 1, 1), [], "Medel: 3,5 före start", "styrgränser före samverkans start"),
        (
            dt.date(2021, 4, 1),
            ["samverkan startar 1 april 2021"],
            "Medel: 3,3 före start, 3,7 efter",
            "styrgränser före och efter samverkans start",
        ),
    ],
    ids=["every-month-before-the-start", "months-on-both-sides"],
)
def test_spc_chart_marks_the_start_and_a_second_phase_only_when_months_follow_the_start(start, marked, mean, title):
    chart = monthly.c_chart(series([3, 4, 3, 5, 2, 4]), start)  # January–June 2021
    fig, alt = outcome_charts.spc_chart(chart, start, {"S": "Svedala"}, "Källan")
    panel, heading = fig.axes[0], fig.get_suptitle().replace("\n", " ")
    said = [t.get_text() for t in panel.texts] + [t.get_text() for t in panel.get_legend().get_texts()]
    check_chart(fig, alt, ["Svedala"])
    assert [text for text in said if text.startswith("samverkan startar")] == marked and mean in said
    assert heading == f"Svedala: avslut per månad, medellinje och {title}"
    assert (
        "Svedala, 6 månader med värde: jan 2021 3, feb 2021 4, mar 2021 3, apr 2021 5, maj 2021 2, jun 2021 4." in alt
    )


def test_yearly_chart_returns_figure_and_alt_marking_doubt():
    fig, alt = outcome_charts.yearly_chart(levels(), "Svedala", "Källan")
    check_chart(fig, alt, ["Svedala"])
    assert "Hushåll med ekonomiskt bistånd: 2019 280, 2020 300, 2021 250 (osäker)." in alt
    assert "Inskrivna i arbetsmarknadsinsatser: 2019 200, 2020 300, 2021 saknas." in alt  # never 0
    assert "Utbetalt ekonomiskt bistånd (mnkr): 2019 16,8, 2020 18,0, 2021 16,0." in alt


# --- results.ResultsRegistry -------------------------------------------------------------------


def registry() -> ResultsRegistry:
    return ResultsRegistry("02_outcomes")


def test_record_returns_the_value():
    value = np.int64(7)
    assert registry().record("a", value, unit="antal", label="A", source="test") is value


def test_record_refuses_duplicate_key():
    results = registry()
    results.record("a", 1, unit="antal", label="A", source="test")
    with pytest.raises(ValueError, match="'a'"):
        results.record("a", 2, unit="antal", label="A igen", source="test")
    assert len(results) == 1


def test_record_refuses_unknown_unit():
    with pytest.raises(ValueError, match="enhet"):
        registry().record("a", 1, unit="meter", label="A", source="test")


def test_record_refuses_unknown_status():
    with pytest.raises(ValueError, match="status"):
        registry().record("a", 1, unit="antal", label="A", source="test", status="kanske")


def test_every_known_unit_and_status_accepted():
    results = registry()
    for i, unit in enumerate(sorted(UNITS)):
        for status in sorted(STATUSES):
            results.record(f"{unit}.{status}", i, unit=unit, label=unit, source="test", status=status)
    assert len(results) == len(UNITS) * len(STATUSES)


@pytest.mark.parametrize(
    "value, expected, kind",
    [
        (np.int64(3), 3, int),
        (np.float64(0.25), 0.25, float),
        (np.bool_(True), True, bool),
        (np.float32(1.5), 1.5, float),
    ],
)
def test_numpy_scalars_become_python(value, expected, kind):
    results = registry()
    results.record("a", value, unit="antal", label="A", source="test")
    stored = results.as_dict()["a"]["value"]
    assert type(stored) is kind
    assert stored == expected


@pytest.mark.parametrize("value", [float("nan"), np.nan, np.float64("nan"), math.nan])
def test_nan_becomes_none(value):
    results = registry()
    results.record("a", value, unit="antal", label="A", source="test", status="saknas")
    assert results.as_dict()["a"]["value"] is None


def test_as_dict_sorted_by_key():
    results = registry()
    for key in ("b", "c", "a"):
        results.record(key, 1, unit="antal", label=key, source="test")
    assert list(results.as_dict()) == ["a", "b", "c"]


def filled() -> ResultsRegistry:
    results = registry()
    results.record("gap.now", np.float64(-0.13), unit="andel", label="Skillnad nu", source="test")
    results.record("needed", np.int64(39), unit="antal", label="Fler avslut", source="test")
    results.record("met", np.bool_(False), unit="logisk", label="Målet nått", source="test")
    results.record(
        "yearly.enrolled.2021", float("nan"), unit="antal", label="Inskrivna 2021 – åäö", source="test", status="saknas"
    )
    return results


def test_write_path_and_plain_json(tmp_path: Path):
    target = filled().write(tmp_path)
    assert target == tmp_path / "results" / "02_outcomes.json"
    text = target.read_text(encoding="utf-8")
    assert "NaN" not in text
    data = json.loads(text)
    assert data["step"] == "02_outcomes"
    assert data["results"]["yearly.enrolled.2021"]["value"] is None
    assert data["results"]["needed"]["value"] == 39


def test_read_results_reads_back_what_was_written(tmp_path: Path):
    filled().write(tmp_path)
    back = read_results(tmp_path, "02_outcomes")
    assert set(back) == {"gap.now", "needed", "met", "yearly.enrolled.2021"}
    recorder = back["gap.now"].recorded_by
    assert back["gap.now"] == Result("gap.now", -0.13, "andel", "Skillnad nu", "test", "ok", None, recorder)
    assert back["needed"].value == 39
    assert back["met"].value is False
    assert back["yearly.enrolled.2021"] == Result(
        "yearly.enrolled.2021", None, "antal", "Inskrivna 2021 – åäö", "test", "saknas", None, recorder
    )
    # the second hop from a figure: the function that recorded it
    assert recorder.endswith(".filled") and recorder.startswith(filled.__module__)


def test_write_replaces_earlier_file(tmp_path: Path):
    filled().write(tmp_path)
    again = registry()
    again.record("only", 1, unit="antal", label="Enda", source="test")
    again.write(tmp_path)
    assert set(read_results(tmp_path, "02_outcomes")) == {"only"}


def test_write_leaves_no_temporary_file(tmp_path: Path):
    filled().write(tmp_path)
    assert [p.name for p in (tmp_path / "results").iterdir()] == ["02_outcomes.json"]


def test_failed_write_keeps_earlier_file_whole(tmp_path: Path, monkeypatch):
    filled().write(tmp_path)
    before = (tmp_path / "results" / "02_outcomes.json").read_bytes()

    def broken_replace(src, dst):
        raise OSError("disken är full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    other = registry()
    other.record("only", 1, unit="antal", label="Enda", source="test")
    with pytest.raises(OSError):
        other.write(tmp_path)
    assert (tmp_path / "results" / "02_outcomes.json").read_bytes() == before
    assert [p.name for p in (tmp_path / "results").iterdir()] == ["02_outcomes.json"]


def test_read_results_missing_step_says_so(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="02_outcomes"):
        read_results(tmp_path, "02_outcomes")


def test_month_ticks_label_every_second_month_of_a_short_series():
    months = [dt.date(2022, m, 1) for m in range(1, 13)] + [dt.date(2023, m, 1) for m in range(1, 13)]
    positions, labels = outcome_charts.month_ticks(months)
    assert positions == list(range(0, 24, 2))
    assert labels[:2] == ["jan 2022", "mar 2022"]


@pytest.mark.parametrize("years", [10, 40, 100])
def test_month_ticks_of_a_long_series_show_only_years_and_never_too_many(years):
    months = [dt.date(1950 + y, m, 1) for y in range(years) for m in range(1, 13)]
    positions, labels = outcome_charts.month_ticks(months, most=16)
    assert 1 <= len(labels) <= 16
    assert labels[0] == "1950" and all(months[p].month == 1 for p in positions)
    assert [str(months[p].year) for p in positions] == labels


def test_spc_chart_draws_both_municipalities_on_one_month_axis():
    s = series([1] * 8 + [5] * 12)
    t = series([4] * 20).assign(municipality="T").iloc[4:]  # Lundsås' series begins four months later
    chart = monthly.c_chart(pd.concat([s, t], ignore_index=True), dt.date(2021, 9, 1))
    fig, alt = outcome_charts.spc_chart(chart, dt.date(2021, 9, 1), {"S": "Svedala", "T": "Trelleborg"}, "Källan")
    assert len(fig.axes) == 2
    check_chart(fig, alt, ["Svedala", "Trelleborg"])
    assert "Svedala, 20 månader" in alt and "Trelleborg, 16 månader" in alt
    first_t = fig.axes[1].lines[0].get_xdata()[0]
    assert first_t == 4  # aligned on the shared axis, not drawn from the left edge


def test_the_signal_legend_appears_only_with_a_signal():
    quiet = monthly.c_chart(series([4] * 20), dt.date(2021, 9, 1))
    fig, _ = outcome_charts.spc_chart(quiet, dt.date(2021, 9, 1), {"S": "Svedala"}, "Källan")
    assert "Signal" not in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    loud = monthly.c_chart(series([4] * 19 + [20]), dt.date(2021, 9, 1))  # 20 lies above the upper limit
    assert int(loud["signal"].sum()) >= 1
    fig, _ = outcome_charts.spc_chart(loud, dt.date(2021, 9, 1), {"S": "Svedala"}, "Källan")
    assert "Signal" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
