"""Survey data validation: Swedish errors naming file, row and column."""

from __future__ import annotations

import openpyxl
import pytest

from collabstudy.study.errors import StudyInputError
from collabstudy.survey import data as survey_data


def _edit_export(study, edit) -> None:
    path = study.raw("survey/forms-export.xlsx")
    book = openpyxl.load_workbook(path)
    edit(book.active)
    book.save(path)


def _read_all(study):
    params = study.load()
    return survey_data.read_survey(params)


def test_the_published_survey_reads(study):
    data = _read_all(study)
    assert len(data.respondents) == 37 and not data.coding.empty


def test_duplicate_respondent_id_names_row_and_column(study):
    _edit_export(study, lambda sheet: sheet.cell(row=3, column=1, value=1))
    with pytest.raises(StudyInputError, match="finns redan på rad 2") as caught:
        _read_all(study)
    assert (caught.value.row, caught.value.column) == (3, "ID")
    assert "forms-export.xlsx" in str(caught.value)


def test_unknown_municipality(study):
    _edit_export(study, lambda sheet: sheet.cell(row=5, column=13, value="Malmö"))
    with pytest.raises(StudyInputError, match="okänd kommun 'Malmö'") as caught:
        _read_all(study)
    assert caught.value.row == 5 and "huvudanställning" in caught.value.column


def test_respondent_without_municipality(study):
    _edit_export(study, lambda sheet: setattr(sheet.cell(row=6, column=13), "value", None))
    with pytest.raises(StudyInputError, match="saknar kommun") as caught:
        _read_all(study)
    assert caught.value.row == 6


def test_missing_question_column(study):
    _edit_export(study, lambda sheet: sheet.cell(row=1, column=9, value="Annan fråga"))
    with pytest.raises(StudyInputError, match="frågekolumnen för q4 saknas") as caught:
        _read_all(study)
    assert caught.value.row == 1


def test_theme_missing_from_codebook(study):
    study.replace_in(study.raw("survey/kodning.csv"), "q4_utbud", "q4_okant_tema")
    with pytest.raises(StudyInputError, match="finns inte i kodboken") as caught:
        _read_all(study)
    assert caught.value.column == "Tema" and caught.value.row >= 2


def test_theme_of_another_question(study):
    study.replace_in(study.raw("survey/kodning.csv"), ";q4;q4_utbud;", ";q5;q4_utbud;")
    with pytest.raises(StudyInputError, match="hör till fråga q4"):
        _read_all(study)


def test_theme_on_a_blank_answer(study):
    sheet = openpyxl.load_workbook(study.raw("survey/forms-export.xlsx")).active
    blanks = [r[0].value for r in sheet.iter_rows(min_row=2) if r[8].value in (None, "")]
    blank_id = blanks[0]
    path = study.raw("survey/kodning.csv")
    path.write_text(path.read_text(encoding="utf-8") + f"{blank_id};q4;q4_utbud;test\n", encoding="utf-8")
    with pytest.raises(StudyInputError, match="blankt") as caught:
        _read_all(study)
    assert caught.value.column == "Tema"


def test_codebook_with_a_duplicate_theme(study):
    path = study.raw("survey/kodbok.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(StudyInputError, match="finns redan på rad 2") as caught:
        _read_all(study)
    assert caught.value.column == "Tema" and caught.value.row == len(lines) + 1


def test_answer_statuses(study):
    data = _read_all(study)
    assert set(data.answers["status"]) <= {"svar", "delvis", "blankt", "vet ej", "ej publicerat"}
    partial = data.answers[data.answers["status"] == "delvis"]
    assert not partial.empty and not partial["text"].str.contains("ej publicerat").any()
