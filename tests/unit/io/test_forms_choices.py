"""A Forms answer with several choices ('Sedan 2022;Sedan 2023;', issue 29) is split into its choices: one
choice is that answer, several in a question that takes one are refused naming the question, never read as a
category of their own."""

from __future__ import annotations

import openpyxl
import pytest

from collabstudy.io.forms import choices, read_export
from collabstudy.study.errors import StudyInputError

EXPORT = "survey/forms-export.xlsx"


def _column(sheet, header: str) -> int:
    return next(cell.column for cell in sheet[1] if cell.value == header)


def _set(study, key: str, row: int, value: str) -> tuple[str, str]:
    """Respondent row `row` answers `value` to question `key`; returns the question's header and the old value."""
    header = study.load().values.survey.questions[key].text
    path = study.raw(EXPORT)
    book = openpyxl.load_workbook(path)
    cell = book.active.cell(row=row, column=_column(book.active, header))
    old, cell.value = cell.value, value
    book.save(path)
    return header, old


@pytest.mark.parametrize(
    ("text", "found"),
    [("Sedan 2022;Sedan 2023;", ["Sedan 2022", "Sedan 2023"]), ("Ja;", ["Ja"]), ("Ja", ["Ja"]), (" ; ", [])],
)
def test_a_cell_is_split_into_its_choices(text, found):
    assert choices(text) == found


@pytest.mark.parametrize("key", ["q8", "q9"])  # the municipality and the period of involvement
def test_several_choices_in_a_question_that_takes_one_are_refused_naming_it(study, key):
    header, old = _set(study, key, 5, "Svedala;Trelleborg;" if key == "q8" else "Sedan 2022;Sedan 2023;")
    with pytest.raises(StudyInputError) as caught:
        read_export(study.load())
    assert (caught.value.row, caught.value.column) == (5, header)
    assert "har 2 val" in str(caught.value) and f"frågan {key} tar ett svar" in str(caught.value)


def test_one_choice_written_as_forms_writes_a_multiple_choice_answer_is_that_choice(study):
    reference = read_export(study.load())
    header, old = _set(study, "q9", 5, "")
    _set(study, "q9", 5, f"{old};")
    export = read_export(study.load())
    assert export.respondents.equals(reference.respondents)
