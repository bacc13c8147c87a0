"""The anonymity scans' reader of a step's own workbooks: every text cell, where it is."""

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from collabstudy.io.xlsx import UnreadableWorkbook, text_cells, write_xlsx


def test_every_text_cell_of_every_sheet_is_given_at_its_own_place(tmp_path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Citat"
    book.active["B4"] = "Fråga Lindqvist"
    book.active["D9"] = "sist"
    book.active["A1"] = 5  # numbers and dates are not text
    book.active["C2"] = dt.date(2023, 3, 1)
    hidden = book.create_sheet("Dold")
    hidden["A1"] = "i ett dolt blad"
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "b.xlsx")
    assert list(text_cells(tmp_path / "b.xlsx")) == [
        ("Citat", "B4", "Fråga Lindqvist"),
        ("Citat", "D9", "sist"),
        ("Dold", "A1", "i ett dolt blad"),
    ]


def test_the_same_text_cells_as_openpyxl_reads_in_a_written_appendix(tmp_path) -> None:
    frame = pd.DataFrame({"Kommun": ["Ekby", "Lundsås", None], "Antal": [1, 2.5, None], "Citat": ["=1+1", "å\nä", ""]})
    write_xlsx(tmp_path / "t.xlsx", {"Tabell 1": frame, "Ett namn längre än trettioen tecken": frame.T})
    book = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True)
    expected = [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value
    ]
    book.close()
    assert list(text_cells(tmp_path / "t.xlsx")) == expected
    assert len(expected) > 10


@pytest.mark.parametrize("content", [b"inte en arbetsbok", b"PK\x03\x04trasig"])
def test_a_file_that_is_no_workbook_is_unreadable(tmp_path, content) -> None:
    (tmp_path / "x.xlsx").write_bytes(content)
    with pytest.raises(UnreadableWorkbook):
        list(text_cells(tmp_path / "x.xlsx"))


def test_a_missing_file_is_unreadable(tmp_path) -> None:
    with pytest.raises(UnreadableWorkbook):
        list(text_cells(tmp_path / "saknas.xlsx"))


def test_a_cell_beyond_excel_s_last_column_is_an_unreadable_workbook(tmp_path) -> None:
    import zipfile

    book = openpyxl.Workbook()
    book.active["B2"] = "text"
    book.save(tmp_path / "b.xlsx")
    with zipfile.ZipFile(tmp_path / "b.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'r="B2"', b'r="ZZZZZZ2"').replace(b'<dimension ref="B2"/>', b"")
    with zipfile.ZipFile(tmp_path / "c.xlsx", "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(UnreadableWorkbook):
        list(text_cells(tmp_path / "c.xlsx"))
