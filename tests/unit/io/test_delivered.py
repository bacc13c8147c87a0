"""collabstudy.io.delivered: delivered tables (Swedish CSV or XLSX) read as text, with file and row kept."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from collabstudy.io.delivered import ROW, RawTable, read_csv_text, read_table, require_columns
from collabstudy.study.errors import StudyInputError


def write(tmp_path: Path, text: str, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path) -> RawTable:
    return read_table(path, path.name)


def rows(table: RawTable) -> list[dict]:
    return table.frame.to_dict("records")


def assert_swedish(exc: StudyInputError) -> None:
    assert str(exc).startswith("Fel i indata")


# --- reading a good CSV -----------------------------------------------------------------------


def test_semicolon_csv_cells_and_row_numbers(tmp_path):
    table = read(write(tmp_path, "Kommun;Värde\nSvedala;306\nTrelleborg;1 029\n"))
    assert rows(table) == [
        {"Kommun": "Svedala", "Värde": "306", ROW: 2},
        {"Kommun": "Trelleborg", "Värde": "1 029", ROW: 3},
    ]


def test_row_column_name_is_underscore_row():
    assert ROW == "_row"


def test_cells_are_text(tmp_path):
    table = read(write(tmp_path, "A;B\n1;2,5\n"))
    assert all(isinstance(v, str) for v in table.frame[["A", "B"]].iloc[0])


def test_file_name_kept_for_messages(tmp_path):
    table = read_table(write(tmp_path, "A;B\n1;2\n"), "data/raw/t.csv")
    assert table.file == "data/raw/t.csv"


def test_cells_and_headers_stripped(tmp_path):
    table = read(write(tmp_path, " Kommun ; Värde \n Svedala ; 306 \n"))
    assert rows(table) == [{"Kommun": "Svedala", "Värde": "306", ROW: 2}]


def test_empty_cell_kept_as_empty_text(tmp_path):
    table = read(write(tmp_path, "A;B\nx;\n"))
    assert rows(table) == [{"A": "x", "B": "", ROW: 2}]


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("Kommun;Värde\nSödertälje;åäö\n".encode("utf-8-sig"))
    table = read(path)
    assert list(table.frame.columns) == ["Kommun", "Värde", ROW]  # no BOM glued to the first header
    assert rows(table)[0]["Kommun"] == "Södertälje"


def test_windows_1252(tmp_path):
    path = write(tmp_path, "Kommun;Anmärkning\nSvedala;åäö ÅÄÖ\n", encoding="cp1252")
    table = read(path)
    assert rows(table) == [{"Kommun": "Svedala", "Anmärkning": "åäö ÅÄÖ", ROW: 2}]


def test_windows_line_endings(tmp_path):
    table = read(write(tmp_path, "A;B\r\n1;2\r\n3;4\r\n"))
    assert [r[ROW] for r in rows(table)] == [2, 3]


def test_blank_trailing_lines_ignored(tmp_path):
    table = read(write(tmp_path, "A;B\n1;2\n\n;\n\n"))
    assert rows(table) == [{"A": "1", "B": "2", ROW: 2}]


def test_blank_line_inside_keeps_spreadsheet_row_numbers(tmp_path):
    table = read(write(tmp_path, "A;B\n1;2\n\n3;4\n"))
    assert [r[ROW] for r in rows(table)] == [2, 4]


def test_quoted_semicolon_stays_in_cell(tmp_path):
    table = read(write(tmp_path, 'A;B\n"x;y";2\n'))
    assert rows(table)[0]["A"] == "x;y"


# --- rejected CSVs ----------------------------------------------------------------------------


def test_comma_separated_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "Kommun,Värde\nSvedala,306\n", name="komma.csv"))
    exc = info.value
    assert (exc.file, exc.row) == ("komma.csv", 1)
    assert "','" in str(exc)
    assert "semikolon" in str(exc)
    assert_swedish(exc)


def test_single_column_header_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "Kommun\nSvedala\n"))
    assert info.value.row == 1
    assert "en kolumn" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"  \r\n"], ids=["empty", "newlines", "spaces"])
def test_empty_file_rejected(tmp_path, content):
    path = tmp_path / "tom.csv"
    path.write_bytes(content)
    with pytest.raises(StudyInputError) as info:
        read(path)
    assert info.value.file == "tom.csv"
    assert "tom" in info.value.problem
    assert_swedish(info.value)


def test_file_with_only_bom_rejected_as_empty(tmp_path):
    path = tmp_path / "tom.csv"
    path.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(StudyInputError, match="tom"):
        read(path)


def test_header_only_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "A;B\n", name="rubrik.csv"))
    assert info.value.file == "rubrik.csv"
    assert "inga datarader" in str(info.value)
    assert_swedish(info.value)


def test_header_with_only_blank_rows_rejected(tmp_path):
    with pytest.raises(StudyInputError, match="inga datarader"):
        read(write(tmp_path, "A;B\n;\n\n"))


def test_duplicate_header_rejected_naming_column(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "Kommun;Värde;Kommun\nS;1;T\n"))
    exc = info.value
    assert (exc.row, exc.column) == (1, "Kommun")
    assert "två gånger" in str(exc)
    assert_swedish(exc)


def test_empty_header_cell_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "A;;C\n1;2;3\n"))
    assert info.value.row == 1
    assert "kolumn nummer 2" in str(info.value)


def test_row_with_too_many_fields_rejected_naming_row(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "A;B\n1;2\n3;4;5\n", name="fel.csv"))
    exc = info.value
    assert (exc.file, exc.row) == ("fel.csv", 3)
    assert "3 fält" in str(exc)
    assert "rad 3" in str(exc)
    assert_swedish(exc)


def test_row_with_too_few_fields_rejected_naming_row(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "A;B;C\n1;2;3\n4;5;6\n7;8\n"))
    assert info.value.row == 4


def test_missing_csv_file_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read_csv_text(tmp_path / "saknas.csv", "saknas.csv")
    assert info.value.file == "saknas.csv"
    assert "finns inte" in str(info.value)


def test_undecodable_file_rejected(tmp_path):
    path = tmp_path / "binär.csv"
    path.write_bytes(b"A;B\n\x81\x8d;\x90\n")  # bytes neither UTF-8 nor Windows-1252
    with pytest.raises(StudyInputError, match="teckenkodning"):
        read(path)


# --- require_columns --------------------------------------------------------------------------


@pytest.fixture
def table(tmp_path) -> RawTable:
    return read(write(tmp_path, "Kommun;Värde\nS;1\n", name="kol.csv"))


def test_require_columns_accepts_exact_set_in_any_order(table):
    require_columns(table, ["Värde", "Kommun"])


def test_require_columns_names_missing_column(table):
    with pytest.raises(StudyInputError) as info:
        require_columns(table, ["Kommun", "Värde", "År"])
    exc = info.value
    assert (exc.file, exc.row, exc.column) == ("kol.csv", 1, "År")
    assert "saknas" in str(exc)
    assert_swedish(exc)


def test_require_columns_names_extra_column(table):
    with pytest.raises(StudyInputError) as info:
        require_columns(table, ["Kommun"])
    exc = info.value
    assert (exc.row, exc.column) == (1, "Värde")
    assert "okänd kolumn" in str(exc)


def test_require_columns_hints_at_misspelling(tmp_path):
    table = read(write(tmp_path, "kommun;Värde\nS;1\n"))
    with pytest.raises(StudyInputError) as info:
        require_columns(table, ["Kommun", "Värde"])
    assert info.value.column == "Kommun"
    assert "'kommun'" in str(info.value)


def test_row_column_not_counted_as_extra(table):
    require_columns(table, ["Kommun", "Värde"])  # _row is the reader's own, never reported


# --- XLSX -------------------------------------------------------------------------------------


def write_xlsx(tmp_path: Path, sheet: str, rows_: list[list], name: str = "t.xlsx", extra_sheet: bool = True) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows_:
        ws.append(row)
    if extra_sheet:
        book.create_sheet("Annat")
    path = tmp_path / name
    book.save(path)
    return path


def test_xlsx_sheet_read_with_row_numbers(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["Kommun", "Värde"], ["Svedala", "306"], ["Trelleborg", "1 029"]])
    table = read_table(path, "t.xlsx", sheet="Data")
    assert rows(table) == [
        {"Kommun": "Svedala", "Värde": "306", ROW: 2},
        {"Kommun": "Trelleborg", "Värde": "1 029", ROW: 3},
    ]
    assert table.file == "t.xlsx"


def test_xlsx_blank_row_skipped_but_numbering_kept(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["A", "B"], ["x", "1"], [None, None], ["y", "2"]])
    table = read_table(path, "t.xlsx", sheet="Data")
    assert [(r["A"], r[ROW]) for r in rows(table)] == [("x", 2), ("y", 4)]


def test_xlsx_empty_cell_is_empty_text(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["A", "B"], ["x", None]])
    assert rows(read_table(path, "t.xlsx", sheet="Data"))[0]["B"] == ""


@pytest.mark.parametrize("name", ["Blad1", "Sheet1", "Form1"])
def test_xlsx_with_one_sheet_reads_whatever_it_is_called(tmp_path, name):
    path = write_xlsx(tmp_path, name, [["A"], ["x"]], extra_sheet=False)
    assert rows(read_table(path, "t.xlsx")) == [{"A": "x", ROW: 2}]


def test_xlsx_with_several_sheets_and_no_sheet_named_is_an_error(tmp_path):
    path = write_xlsx(tmp_path, "Blad1", [["A"], ["x"]])
    with pytest.raises(StudyInputError) as info:
        read_table(path, "t.xlsx")
    assert "flera blad" in str(info.value) and "sheet" in str(info.value)
    assert_swedish(info.value)


def write_sheets(tmp_path: Path, sheets: dict[str, list[list]], name: str = "mall.xlsx") -> Path:
    """A workbook with these sheets, in this order: {title: rows}."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows_ in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows_:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


INSTRUCTIONS = [["Så fyller du i mallen"], ["Skriv antal som heltal."]]


@pytest.mark.parametrize("order", ["data first", "instructions first"])
def test_xlsx_instructions_sheet_is_never_read_as_data(tmp_path, order):
    data = {"Data": [["A", "B"], ["x", 1]]}
    sheets = {**data, "Instruktion": INSTRUCTIONS} if order == "data first" else {"Instruktion": INSTRUCTIONS, **data}
    table = read_table(write_sheets(tmp_path, sheets), "mall.xlsx")
    assert rows(table) == [{"A": "x", "B": "1", ROW: 2}]


def test_xlsx_instructions_and_two_other_sheets_is_still_an_error(tmp_path):
    path = write_sheets(tmp_path, {"Blad1": [["A"], ["x"]], "Blad2": [["A"], ["y"]], "Instruktion": INSTRUCTIONS})
    with pytest.raises(StudyInputError) as info:
        read_table(path, "mall.xlsx")
    assert "flera blad" in str(info.value) and "Blad1" in str(info.value) and "Blad2" in str(info.value)
    assert_swedish(info.value)


@pytest.mark.parametrize("title", ["instruktion", "Instruktioner", "Instruktion "])
def test_xlsx_only_a_sheet_named_exactly_instruktion_is_set_aside(tmp_path, title):
    path = write_sheets(tmp_path, {"Data": [["A"], ["x"]], title: INSTRUCTIONS})
    with pytest.raises(StudyInputError, match="flera blad"):
        read_table(path, "mall.xlsx")


def test_xlsx_with_only_an_instructions_sheet_reads_that_sheet(tmp_path):
    path = write_sheets(tmp_path, {"Instruktion": [["A"], ["x"]]})
    assert rows(read_table(path, "mall.xlsx")) == [{"A": "x", ROW: 2}]


def test_xlsx_named_sheet_is_read_even_beside_instructions(tmp_path):
    path = write_sheets(tmp_path, {"Svar": [["A"], ["x"]], "Övrigt": [["A"], ["y"]], "Instruktion": INSTRUCTIONS})
    assert rows(read_table(path, "mall.xlsx", sheet="Övrigt")) == [{"A": "y", ROW: 2}]


def test_xlsx_wrong_sheet_named_in_error(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["A"], ["x"]])
    with pytest.raises(StudyInputError) as info:
        read_table(path, "t.xlsx", sheet="Ark1")
    exc = info.value
    assert exc.file == "t.xlsx"
    assert "'Ark1'" in str(exc)
    assert "Data" in str(exc)  # the sheets the file does have
    assert_swedish(exc)


def test_xlsx_duplicate_header_rejected(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["A", "A"], ["x", "y"]])
    with pytest.raises(StudyInputError) as info:
        read_table(path, "t.xlsx", sheet="Data")
    assert (info.value.row, info.value.column) == (1, "A")


def test_xlsx_header_only_rejected(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["A", "B"]])
    with pytest.raises(StudyInputError, match="inga datarader"):
        read_table(path, "t.xlsx", sheet="Data")


def test_missing_xlsx_file_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read_table(tmp_path / "saknas.xlsx", "saknas.xlsx", sheet="Data")
    assert info.value.file == "saknas.xlsx"
    assert "finns inte" in str(info.value)


def test_xlsx_number_cells_become_swedish_number_text(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["A", "B", "C"], [306, 12.5, 2.0]])
    assert rows(read_table(path, "t.xlsx", sheet="Data"))[0] == {"A": "306", "B": "12,5", "C": "2", ROW: 2}
