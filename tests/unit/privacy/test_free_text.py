"""The export's free text is redacted as it is read, and unknown names stop the run for review."""

from __future__ import annotations

import openpyxl
import pytest

from collabstudy.privacy.free_text import REVIEW_FILE, REVIEW_FOLDER, NamesToReview
from collabstudy.privacy.study import review_free_text
from collabstudy.survey import data as survey_data

LESSON = 7  # column G: "Din viktigaste lärdom av samverkan?"
PERIOD = 14  # column N: the period of involvement


def _write(study, cells: dict[tuple[int, int], str]) -> None:
    path = study.raw("survey/forms-export.xlsx")
    book = openpyxl.load_workbook(path)
    for (row, column), value in cells.items():
        book.active.cell(row=row, column=column, value=value)
    book.save(path)


def test_every_identifier_in_an_answer_and_in_the_period_is_redacted(study) -> None:
    _write(
        study,
        {
            (
                2,
                LESSON,
            ): "Ring Maria Lindqvist på 070-123 45 67 eller maria.l@svedala.se, Storgatan 12, pnr 811228-9874.",
            (3, PERIOD): "Annat: sedan Anna började",
        },
    )
    data = survey_data.read_survey(study.load())
    lesson = data.answers[(data.answers["id"] == 1) & (data.answers["question"] == "q2")]["text"].item()
    assert lesson == "Ring [namn] [namn] på [telefon] eller [e-post], [adress], pnr [personnummer]."
    assert data.respondents.loc[data.respondents["id"] == 2, "period"].item() == "Annat: sedan [namn] började"


def test_an_unknown_capitalised_word_stops_for_review_without_showing_it(study) -> None:
    _write(study, {(4, LESSON): "Bra stöd från Xyzzyk på enheten."})
    with pytest.raises(NamesToReview) as caught:
        survey_data.read_survey(study.load())
    message = str(caught.value)
    assert "X… (6 bokstäver) i svar 3 (rad 4)" in message and "Xyzzyk" not in message
    assert message.startswith("Fel i indata (fil data/raw/survey/forms-export.xlsx)")
    assert "survey.names.allow" in message and "survey.names.deny" in message


def test_the_review_file_is_written_outside_reports_and_removed_once_resolved(study, tmp_path) -> None:
    _write(study, {(4, LESSON): "Bra stöd från Xyzzyk på enheten."})
    params = study.load()
    message = review_free_text(params, "", tmp_path)
    review = tmp_path / REVIEW_FOLDER / REVIEW_FILE
    assert message and "granskning/namnkandidater.csv" in message
    lines = review.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ord;svar_id;rad;kolumn;sammanhang;beslut (namn / inte namn)"
    assert lines[1].startswith("Xyzzyk;3;4;Din viktigaste lärdom av samverkan?;Bra stöd från Xyzzyk på enheten.;")
    study.replace_in(params.file, "deny: [Micke]", "deny: [Micke, Xyzzyk]")
    assert review_free_text(study.load(), "", tmp_path) is None
    assert not review.exists()
