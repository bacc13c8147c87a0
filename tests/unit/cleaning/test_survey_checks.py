"""collabstudy.cleaning.survey_checks: the fieldwork params give, checked against the export."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from collabstudy.cleaning.survey_checks import check_fieldwork_against_answers
from collabstudy.io.forms import Export


def export_started(*days: dt.datetime) -> Export:
    respondents = pd.DataFrame({"id": range(len(days)), "started": list(days)})
    return Export(respondents, pd.DataFrame(), pd.DataFrame(), None, 0, "forms-export.xlsx")


def test_start_times_inside_the_fieldwork_pass():
    export = export_started(dt.datetime(2024, 3, 7, 9), dt.datetime(2024, 3, 20, 15))
    assert check_fieldwork_against_answers(export, dt.date(2024, 3, 7), 16, "params/x.yaml").empty


def test_dates_left_from_the_previous_study_are_a_warning():
    export = export_started(dt.datetime(2024, 3, 7, 9), dt.datetime(2024, 3, 20, 15))
    found = check_fieldwork_against_answers(export, dt.date(2022, 3, 7), 16, "params/x.yaml")
    assert list(found["severity"]) == ["varning"] and "2024-03-07–2024-03-20" in found["problem"].iloc[0]
    assert found["column"].iloc[0] == "survey.sent" and found["file"].iloc[0] == "params/x.yaml"


def test_an_export_without_times_is_not_judged():
    assert check_fieldwork_against_answers(export_started(), dt.date(2022, 3, 7), 16, "params/x.yaml").empty
