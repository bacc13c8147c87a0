"""Cross-checks that decide, not only log (issue 29): a figure the cleaning log contradicts is never used.
Counts over their totals and respondents over invitations stop the run at their cell; a delivered total the
parts contradict is logged and the parts' sum used everywhere; cells after the reporting window are not data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from collabstudy.cleaning import deliveries
from collabstudy.cleaning import statistics_readers as readers
from collabstudy.study.errors import StudyInputError
from collabstudy.survey.figures import response

ROLLING = "statistics/rullande-12-manader.csv"
INVITATIONS = "survey/enkat-svarsfrekvens.csv"
MONTHLY = "statistics/svedala-avslut-arbete-studier-per-manad.csv"


def _stop(study) -> StudyInputError:
    with pytest.raises(StudyInputError) as caught:
        deliveries.check_deliveries(study.load())
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "said"),
    [
        (
            "Totalt avslutade;122;507",
            "Totalt avslutade;400;507",
            4,
            "Svedala",
            "400 totalt avslutade men 306 inskrivna",
        ),
        (
            "Övrigt;60;170",
            "Övrigt;60;1100",
            11,
            "Trelleborg",
            "1\u00a0100 avslutade av övriga skäl men 1\u00a0029 inskrivna",
        ),
        ("Arbete;53;279", "Arbete;353;279", 8, "Svedala", "353 avslutade till arbete men 306 inskrivna"),
    ],
)
def test_a_count_over_the_enrolled_stops_at_its_cell(study, old, new, row, column, said):
    study.replace_in(study.raw(ROLLING), old, new)
    if "Totalt avslutade;400" in new:  # the parts must still add up, or that stops first
        study.replace_in(study.raw(ROLLING), "Övrigt;60;170", "Övrigt;338;170")
    error = _stop(study)
    assert (error.row, error.column) == (row, column) and said in str(error), str(error)
    assert "över 100 %" in str(error)


def test_parts_of_the_shown_closures_that_add_up_to_less_than_the_total_stop(study):
    study.replace_in(study.raw(ROLLING), "Övrigt;60;170", "Övrigt;50;170")
    error = _stop(study)
    assert (error.row, error.column) == (4, "Svedala")
    assert "= 112 är färre än totalen 122 (totalt avslutade)" in str(error)


def test_respondents_over_invitations_stop_at_the_invitations(study):
    study.replace_in(study.raw(INVITATIONS), "Svedala;31;15;48,39%", "Svedala;5;;")
    error = _stop(study)
    assert (error.row, error.column) == (2, "Utskick")
    assert "5 utskick för Svedala, men exporten data/raw/survey/forms-export.xlsx har 15 svar" in str(error)


def test_no_invitations_stop(study):
    study.replace_in(study.raw(INVITATIONS), "Svedala;31;15;48,39%", "Svedala;0;;")
    error = _stop(study)
    assert (error.row, error.column) == (2, "Utskick") and "0 utskick för Svedala" in str(error)


def test_a_total_the_parts_contradict_is_logged_and_the_sum_used_everywhere(study):
    study.replace_in(study.raw(INVITATIONS), "Totalt;77;37;48%", "Totalt;500;;")
    params = study.load()
    tables = deliveries.check_deliveries(params)
    log = deliveries.run_checks(tables, params)
    (found,) = log[log["check"] == "enkät: summa utskick"].itertuples()
    assert found.severity == "fel" and "Studien räknar med kommunernas utskick" in found.action
    total = response(tables.survey_invitations, tables.survey_respondents, params.values.codes, 0.95)
    assert total.set_index("municipality").loc["total", "invited"] == 77


def test_a_published_total_rate_is_checked_against_the_sum_of_the_parts(study):
    study.replace_in(study.raw(INVITATIONS), "Totalt;77;37;48%", "Totalt;500;37;48%")
    params = study.load()
    log = deliveries.run_checks(deliveries.check_deliveries(params), params)
    (rate,) = log[(log["check"] == "enkät: svarsfrekvens") & (log["published"] == "48%")].itertuples()
    assert rate.severity == "ok" and rate.recomputed.startswith("37 av 77")


def test_filled_months_after_the_window_are_not_data_and_are_logged_with_their_cells(study):
    text = study.raw(MONTHLY).read_text(encoding="utf-8")
    study.raw(MONTHLY).write_text(text + "2023;3;3;3;9;9;9;;;;;;;36;\n2024;60;60;;;;;;;;;;;120;60\n", encoding="utf-8")
    params = study.load()
    tables = deliveries.check_deliveries(params)
    months = tables.monthly_closures
    assert max(months["period_end"]) == dt.date(2023, 3, 31) and len(months) == 27
    log = deliveries.run_checks(tables, params)
    outside = log[log["check"] == "period: värde efter rapportperioden"]
    assert list(zip(outside["row"], outside["column"])) == [
        (4, "April"), (4, "Maj"), (4, "Juni"), (5, "Januari"), (5, "Februari"), (5, "Sammanlagt"), (5, "Månadssnitt")
    ]  # fmt: skip
    assert set(outside["severity"]) == {"varning"}
    assert "efter rapportperioden (som slutar 2023-03-31)" in outside["problem"].iloc[0]


def test_a_filled_month_that_has_not_begun_stops(study, monkeypatch):
    monkeypatch.setattr(readers, "today", lambda: dt.date(2023, 5, 15))
    text = study.raw(MONTHLY).read_text(encoding="utf-8")
    study.raw(MONTHLY).write_text(text + "2023;3;3;3;9;9;9;;;;;;;;\n", encoding="utf-8")
    with pytest.raises(StudyInputError) as caught:
        readers.read_monthly_closures(study.load())
    assert (caught.value.row, caught.value.column) == (4, "Juni")
    assert "gäller juni 2023, som inte har börjat än (i dag är det 2023-05-15)" in str(caught.value)


def test_a_window_that_has_not_ended_stops_before_anything_is_read(study, monkeypatch):
    monkeypatch.setattr(deliveries, "today", lambda: dt.date(2023, 3, 30))
    error = _stop(study)
    assert error.key == "reporting_window.end" and "efter dagens datum (2023-03-30)" in str(error)


def test_the_published_studys_deliveries_pass(study):
    tables = deliveries.check_deliveries(study.load())
    assert isinstance(tables.outside_window, pd.DataFrame) and tables.outside_window.empty
