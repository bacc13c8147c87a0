"""collabstudy.io.forms: the Forms export as Excel keeps it (headers with invisible characters, dates)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from collabstudy.io.forms import read_export
from collabstudy.study.errors import StudyInputError

EXPORT = "survey/forms-export.xlsx"
GAINS = "Vad anser du är den/de största vinsterna för Svedala i denna samverkan?"  # q4, column 9


def edit_export(study, edit) -> None:
    path = study.raw(EXPORT)
    book = openpyxl.load_workbook(path)
    edit(book.active)
    book.save(path)


def set_header(text: str):
    def edit(sheet):
        assert sheet.cell(row=1, column=9).value == GAINS
        sheet.cell(row=1, column=9).value = text

    return edit


def assert_same_export(export, reference) -> None:
    assert export.respondents.equals(reference.respondents)
    assert export.answers.equals(reference.answers)
    assert export.columns == reference.columns


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "  ", "\n"], ids=["nbsp", "narrow-nbsp", "double", "newline"])
def test_a_question_header_with_another_kind_of_space_reads_as_the_params_question(study, space):
    reference = read_export(study.load())
    edit_export(study, set_header(GAINS.replace("vinsterna ", "vinsterna" + space)))
    assert_same_export(read_export(study.load()), reference)


def test_a_params_question_text_copied_with_a_no_break_space_matches_the_export(study):
    reference = read_export(study.load())
    study.replace_in(study.params_file, "vinsterna för Svedala", "vinsterna\u00a0för Svedala")
    assert_same_export(read_export(study.load()), reference)


def test_a_question_header_with_a_zero_width_space_is_shown_written_out(study):
    edit_export(study, set_header(GAINS.replace("vinsterna ", "vinsterna\u200b")))
    with pytest.raises(StudyInputError) as info:
        read_export(study.load())
    exc = info.value
    assert (exc.row, exc.column) == (1, GAINS)
    assert str(exc).endswith(
        "frågekolumnen för q4 saknas i exporten – rubriken "
        "'Vad anser du är den/de största vinsterna\\u200bför Svedala i denna samverkan?' skiljer sig från den "
        f"väntade '{GAINS}' bara i osynliga eller förväxlingsbara tecken (\\u200b = nollbreddsmellanslag på plats 41)"
    )


def test_a_question_header_with_a_real_typo_is_missing_with_the_expected_text(study):
    edit_export(study, set_header(GAINS.replace("vinsterna", "vinsterne")))
    with pytest.raises(StudyInputError) as info:
        read_export(study.load())
    assert str(info.value).endswith(f"frågekolumnen för q4 saknas i exporten (väntad rubrik: '{GAINS}')")


def set_times(start: dt.datetime, end: dt.datetime, number_format: str):
    def edit(sheet):
        for column, value in ((2, start), (3, end)):
            cell = sheet.cell(row=2, column=column, value=value)
            cell.number_format = number_format

    return edit


@pytest.mark.parametrize(
    ("start", "end", "number_format", "minutes"),
    [
        (dt.datetime(2022, 11, 1, 9, 15, 2), dt.datetime(2022, 11, 1, 9, 25, 2), "yyyy-mm-dd hh:mm:ss", 10),
        (dt.datetime(2022, 11, 1, 9, 15), dt.datetime(2022, 11, 1, 9, 45), "m/d/yy h:mm", 30),
        (dt.datetime(2022, 11, 1), dt.datetime(2022, 11, 2), "yyyy-mm-dd", 24 * 60),  # midnight, as before
    ],
    ids=["forms", "short", "date-only"],
)
def test_forms_times_as_excel_dates_read_as_before(study, start, end, number_format, minutes):
    edit_export(study, set_times(start, end, number_format))
    first = read_export(study.load()).respondents.iloc[0]
    assert (first["started"], first["minutes"]) == (start, minutes)
