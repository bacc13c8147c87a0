"""collabstudy.cleaning.survey_readers: the invitations table, with its optional typed respondents and rate."""

from __future__ import annotations

import pytest

from collabstudy.cleaning.survey_readers import read_survey_invitations
from collabstudy.study.errors import StudyInputError

FILE = "survey/enkat-svarsfrekvens.csv"


def test_optional_cells_left_empty_are_not_given(study):
    study.replace_in(study.raw(FILE), "Trelleborg;46;22;47,83%", "Trelleborg;46;;")
    invitations = read_survey_invitations(study.load()).set_index("municipality")
    assert invitations.loc["T", "invited"] == 46
    assert invitations["respondents"].isna()["T"] and invitations.loc["S", "respondents"] == 15
    assert invitations["published_rate"].isna()["T"]


def test_an_optional_cell_with_something_unreadable_is_still_refused(study):
    study.replace_in(study.raw(FILE), "Trelleborg;46;22;47,83%", "Trelleborg;46;ca 22;47,83%")
    with pytest.raises(StudyInputError, match="är inte ett tal") as info:
        read_survey_invitations(study.load())
    assert info.value.row == 3 and info.value.column == "Respondenter"
