"""A formula cell reads as the value Excel saved beside it; one without a saved value (a workbook a program
wrote and nobody opened in Excel) is refused naming its cell, never read as an empty, missing value."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from collabstudy.io.delivered import read_table
from collabstudy.study.errors import StudyInputError

ROWS = [["Mått", "Svedala", "Trelleborg"], ["Arbete", 53, 279], ["Studier", 9, 58]]


def _with_formula(path):
    book = openpyxl.Workbook()
    for row in [*ROWS, ["Avslutade i arbete/studier", "=B2+B3", 337]]:
        book.active.append(row)
    book.save(path)
    return path


def test_a_formula_without_a_saved_value_is_refused_naming_its_cell(tmp_path):
    path = _with_formula(tmp_path / "rullande.xlsx")
    with pytest.raises(StudyInputError) as caught:
        read_table(path, "rullande.xlsx")
    assert caught.value.row == 4
    assert "cellen B4 har formeln '=B2+B3' men inget sparat värde" in str(caught.value)


def test_a_formula_with_the_value_excel_saved_reads_as_that_value(tmp_path):
    written = _with_formula(tmp_path / "skriven.xlsx")
    saved = tmp_path / "rullande.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>B2+B3</f><v></v>" in data or b"<f>B2+B3</f>" in data
                data = data.replace(b"<f>B2+B3</f><v></v>", b"<f>B2+B3</f>").replace(
                    b"<f>B2+B3</f>", b"<f>B2+B3</f><v>62</v>"
                )
            target.writestr(item, data)
    frame = read_table(saved, "rullande.xlsx").frame
    assert frame.loc[frame["Mått"] == "Avslutade i arbete/studier", "Svedala"].iloc[0] == "62"
