"""collabstudy.io.delivered: delivered tables (Swedish CSV or XLSX) read as text, with file and row kept."""

from __future__ import annotations

import datetime as dt
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


def test_a_value_under_an_empty_header_is_rejected_naming_its_row_and_column_number(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "A;;C\n1;;3\n4;2;6\n"))
    assert info.value.row == 3  # where the value stands
    assert "kolumn nummer 2 (B) saknar rubrik" in str(info.value)
    assert_swedish(info.value)


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


# --- what Excel writes: trailing empty columns and rows (CSV) -------------------------------------


def test_csv_trailing_empty_columns_are_ignored(tmp_path):
    """Excel keeps the separators of a deleted column's cells: `;;` after every row, the header's too."""
    table = read(write(tmp_path, "Kommun;Värde;;\nSvedala;306;;\nTrelleborg;1 029;;\n;;;\n"))
    assert rows(table) == [
        {"Kommun": "Svedala", "Värde": "306", ROW: 2},
        {"Kommun": "Trelleborg", "Värde": "1 029", ROW: 3},
    ]


@pytest.mark.parametrize(
    "content",
    ["A;B\n1;2;;\n3;4\n", "A;B;;\n1;2\n3;4;\n", "A;B;\n1;2;;;;\n3;4\n"],
    ids=["longer rows", "shorter rows", "both"],
)
def test_csv_rows_differing_only_in_trailing_empty_fields_are_read(tmp_path, content):
    assert rows(read(write(tmp_path, content))) == [{"A": "1", "B": "2", ROW: 2}, {"A": "3", "B": "4", ROW: 3}]


def test_csv_empty_column_without_header_inside_the_table_is_ignored(tmp_path):
    assert rows(read(write(tmp_path, "A;;C\n1;;3\n"))) == [{"A": "1", "C": "3", ROW: 2}]


def test_csv_value_under_an_empty_trailing_header_is_rejected(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "Kommun;Värde;;\nSvedala;306;;\nTrelleborg;1 029;;obs\n", name="r.csv"))
    exc = info.value
    assert (exc.file, exc.row, exc.column) == ("r.csv", 3, None)
    assert "kolumn nummer 4 (D) saknar rubrik men har ett värde" in str(exc)
    assert "obs" not in str(exc)  # a cell's value is never shown (it may be personal)
    assert_swedish(exc)


def test_csv_value_beyond_the_header_is_still_a_field_count_error(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "A;B\n1;2;;x\n"))
    assert info.value.row == 2
    assert "raden har 4 fält men rubrikraden har 2" in str(info.value)


# --- separators and encodings Excel writes ----------------------------------------------------------


ROLLING = "Mått;Svedala;Trelleborg\r\nInskrivna;306;1 029\r\nAndel;40%;49%\r\n"
EXPECTED = [
    {"Mått": "Inskrivna", "Svedala": "306", "Trelleborg": "1 029", ROW: 2},
    {"Mått": "Andel", "Svedala": "40%", "Trelleborg": "49%", ROW: 3},
]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + ROLLING.encode("utf-16-le"),
        b"\xfe\xff" + ROLLING.encode("utf-16-be"),
        b"\xff\xfe" + ROLLING.replace(";", "\t").encode("utf-16-le"),  # Excel's "Unicode-text"
        b"\xfe\xff" + ROLLING.replace(";", "\t").encode("utf-16-be"),
        ROLLING.replace(";", "\t").encode("cp1252"),  # Excel's "Text (tabbavgränsad)"
        ROLLING.replace(";", "\t").encode("utf-8-sig"),
        ROLLING.replace("\r\n", "\r").encode("utf-8"),  # Excel for Mac: CR alone
    ],
    ids=["utf16le", "utf16be", "utf16le-tab", "utf16be-tab", "cp1252-tab", "utf8-tab", "cr"],
)
def test_utf16_tabs_and_cr_line_endings_read_alike(tmp_path, data):
    path = tmp_path / "u.csv"
    path.write_bytes(data)
    assert rows(read(path)) == EXPECTED


def test_a_tab_separated_file_keeps_a_quoted_tab_in_its_cell(tmp_path):
    assert rows(read(write(tmp_path, 'A\tB\n"x\ty"\t2\n')))[0]["A"] == "x\ty"


def test_semicolon_wins_over_a_tab_in_the_header(tmp_path):
    assert list(read(write(tmp_path, "A\tX;B\n1;2\n")).frame.columns) == ["A X", "B", ROW]


def test_comma_is_still_refused_naming_both_accepted_separators(tmp_path):
    with pytest.raises(StudyInputError) as info:
        read(write(tmp_path, "Kommun,Värde\tx\nSvedala,306\n"))  # one tab does not make a tab-separated header
    assert "semikolonseparerad (;) eller tabbavgränsad, men den verkar använda ','" in str(info.value)


def test_a_row_the_csv_module_cannot_read_is_an_error_naming_it_not_a_traceback(tmp_path):
    path = write(tmp_path, 'A;B\n1;2\n"' + "x" * 200_000 + "\n", name="lang.csv")  # a quote never closed
    with pytest.raises(StudyInputError) as info:
        read(path)
    assert (info.value.file, info.value.row) == ("lang.csv", 3)
    assert "kan inte läsas som CSV" in str(info.value)
    assert_swedish(info.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ROLLING.encode("utf-16-le"), "UTF-16 utan markering"),
        (b"A;B\n1;\x002\n", "NUL-tecken"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "Excel-arbetsbok (XLSX)"),
    ],
    ids=["utf16-without-bom", "nul", "xlsx-renamed"],
)
def test_encoding_problems_are_named_as_such(tmp_path, data, expected):
    path = tmp_path / "k.csv"
    path.write_bytes(data)
    with pytest.raises(StudyInputError) as info:
        read(path)
    assert expected in str(info.value) and info.value.file == "k.csv"
    assert_swedish(info.value)


# --- headers: invisible and look-alike characters ---------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Antal\u00a0hushåll", "Antal\u202fhushåll", "Antal  hushåll", "Antal\thushåll", " Antal hushåll\u00a0"],
    ids=["nbsp", "narrow-nbsp", "double-space", "tab", "ends"],
)
def test_a_header_with_another_kind_of_space_is_the_header_it_reads_as(tmp_path, header):
    table = read(write(tmp_path, f"Kommun;{header}\nS;1\n"))
    require_columns(table, ["Kommun", "Antal hushåll"])
    assert rows(table) == [{"Kommun": "S", "Antal hushåll": "1", ROW: 2}]


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        ("Antal\u200bhushåll", "\\u200b = nollbreddsmellanslag på plats 6"),
        ("Antal hus\u00adhåll", "\\u00ad = mjukt bindestreck på plats 10"),
        ("\ufeffAntal hushåll", "\\ufeff = byteordningsmärke (BOM) på plats 1"),
        ("Antal hushåll 2019\u20132022", "\\u2013 = kort tankstreck på plats 19"),
    ],
    ids=["zero-width-space", "soft-hyphen", "bom", "en-dash"],
)
def test_a_header_differing_only_in_invisible_or_lookalike_characters_is_shown_written_out(tmp_path, header, shown):
    expected = "Antal hushåll 2019-2022" if "\u2013" in header else "Antal hushåll"
    table = read(write(tmp_path, f"Kommun;{header}\nS;1\n", name="h.csv"))
    with pytest.raises(StudyInputError) as info:
        require_columns(table, ["Kommun", expected])
    exc = info.value
    assert (exc.file, exc.row, exc.column) == ("h.csv", 1, expected)
    assert f"skiljer sig från den väntade '{expected}' bara i osynliga eller förväxlingsbara tecken ({shown})" in str(
        exc
    )
    assert header not in str(exc)  # never printed as it is: it would look like the expected one


def test_a_lookalike_in_the_expected_header_is_named_there(tmp_path):
    table = read(write(tmp_path, "Period 2019-2022;B\n1;2\n"))
    with pytest.raises(StudyInputError) as info:
        require_columns(table, ["Period 2019\u20132022", "B"])
    assert "'Period 2019\\u20132022'" in str(info.value)
    assert "(\\u2013 = kort tankstreck på plats 12 i den väntade)" in str(info.value)


def test_a_header_with_a_real_typo_is_still_missing_without_a_hint(tmp_path):
    table = read(write(tmp_path, "Kommun;Antal hushal\nS;1\n"))
    with pytest.raises(StudyInputError) as info:
        require_columns(table, ["Kommun", "Antal hushåll"])
    assert info.value.column == "Antal hushåll"
    assert "kolumnen saknas; förväntade kolumner" in str(info.value)
    assert "osynliga" not in str(info.value) and "stavning" not in str(info.value)


# --- XLSX: what the sheet shows ---------------------------------------------------------------------


def formatted_xlsx(tmp_path: Path, header: list, cells: list[tuple[object, str]], name: str = "f.xlsx") -> Path:
    """A one-sheet workbook: the header, then one row of (value, number format) cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for column, (value, number_format) in enumerate(cells, start=1):
        cell = sheet.cell(row=2, column=column, value=value)
        cell.number_format = number_format
    path = tmp_path / name
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.4, "0%", "40%"),
        (0.405, "0.0%", "40,5%"),
        (0.405, "0%", "41%"),  # as the sheet shows it (and its CSV export writes it), rounded half up
        (0.125, "0.00%", "12,50%"),
        (1, "0%", "100%"),
        (0.49, '0" "%', "49 %"),  # the format writes a space: so does the text
        (0.49, "0 %", "49 %"),
        (0.2, "0%;[Red]-0%", "20%"),
    ],
)
def test_xlsx_percent_cells_read_as_the_percent_they_show(tmp_path, value, number_format, shown):
    path = formatted_xlsx(tmp_path, ["Andel"], [(value, number_format)])
    assert rows(read(path))[0]["Andel"] == shown


def test_xlsx_percent_cell_is_accepted_as_a_share_by_the_readers(tmp_path):
    from collabstudy.cleaning.observations import percent_of

    table = read(formatted_xlsx(tmp_path, ["Andel"], [(0.4, "0%")]))
    cell = percent_of(table, rows(table)[0]["Andel"], 2, "Andel")
    assert (cell.value, cell.unit, cell.decimals) == (40, "%", 0)


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (dt.datetime(2024, 3, 7, 9, 15, 2), "yyyy-mm-dd hh:mm:ss", "2024-03-07 09:15:02"),
        (dt.datetime(2024, 3, 7), "yyyy-mm-dd", "2024-03-07"),
        (dt.datetime(2024, 3, 7), "d mmmm yyyy", "2024-03-07"),
        (dt.datetime(2024, 3, 7), "[$-41D]d mmmm yyyy", "2024-03-07"),  # the locale tag holds no time
        (dt.datetime(2024, 3, 7), "yyyy-mm-dd hh:mm", "2024-03-07 00:00:00"),  # shows a time: keeps it
        (dt.datetime(2024, 3, 7, 9, 15), "yyyy-mm-dd", "2024-03-07 09:15:00"),  # has a time: keeps it
    ],
)
def test_xlsx_date_cells_read_as_iso_dates_with_a_time_when_they_have_or_show_one(
    tmp_path, value, number_format, shown
):
    assert rows(read(formatted_xlsx(tmp_path, ["Datum"], [(value, number_format)])))[0]["Datum"] == shown


def test_xlsx_text_cells_read_as_they_are(tmp_path):
    path = formatted_xlsx(tmp_path, ["A", "B", "C", "D"], [("12", "@"), ("0,4", "@"), ("NA", "General"), ("40%", "@")])
    assert rows(read(path))[0] == {"A": "12", "B": "0,4", "C": "NA", "D": "40%", ROW: 2}


def test_xlsx_error_cell_reads_as_its_error_so_the_reader_names_it(tmp_path):
    path = formatted_xlsx(tmp_path, ["A", "B"], [("#DIV/0!", "General"), (3, "General")])
    assert rows(read(path))[0] == {"A": "#DIV/0!", "B": "3", ROW: 2}


def test_xlsx_trailing_empty_columns_and_rows_are_ignored(tmp_path):
    """Columns with an empty header and no value (empty text, spaces), and rows of spaces, as a sheet
    whose contents were deleted keeps them."""
    path = write_xlsx(
        tmp_path,
        "Data",
        [["Kommun", "Värde", "", " ", None], ["Svedala", 306, "", None, " "], [" ", None, "", " "], [None, ""]],
        extra_sheet=False,
    )
    assert rows(read(path)) == [{"Kommun": "Svedala", "Värde": "306", ROW: 2}]


def test_xlsx_value_under_an_empty_header_is_rejected_naming_its_row_and_column(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["Kommun", "Värde", None], ["Svedala", 306], [None], ["Trelleborg", 1, "obs"]])
    with pytest.raises(StudyInputError) as info:
        read_table(path, "t.xlsx", sheet="Data")
    assert info.value.row == 4
    assert "kolumn nummer 3 (C) saknar rubrik men har ett värde" in str(info.value)


def test_xlsx_header_with_a_line_break_or_no_break_space_reads_as_it_shows(tmp_path):
    path = write_xlsx(tmp_path, "Data", [["Antal\nhushåll", "Andel\u00a0avslut"], [1, 2]], extra_sheet=False)
    assert list(read(path).frame.columns) == ["Antal hushåll", "Andel avslut", ROW]


def test_xlsx_empty_sheet_rejected(tmp_path):
    with pytest.raises(StudyInputError, match="bladet är tomt"):
        read(write_xlsx(tmp_path, "Data", [], extra_sheet=False))


def test_a_file_that_is_no_workbook_named_xlsx_is_rejected(tmp_path):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"Kommun;V\xe4rde\n")
    with pytest.raises(StudyInputError) as info:
        read(path)
    assert "kan inte läsas som XLSX" in str(info.value) and info.value.file == "trasig.xlsx"


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1e30, "0%", "1" + "0" * 32 + "%"),  # more digits than Decimal's default precision holds
        (1e-07, "General", "0,0000001"),  # never in exponent form
        (2.5e-05, "0.00", "0,000025"),
    ],
)
def test_xlsx_extreme_numbers_read_as_plain_digits(tmp_path, value, number_format, shown):
    assert rows(read(formatted_xlsx(tmp_path, ["Tal"], [(value, number_format)])))[0]["Tal"] == shown


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ('"Kommun\nnamn";Värde\nSvedala;306\n', ["Kommun namn", "Värde"]),  # a heading with Alt+Enter
        ("Kommun, namn\tÅr\nSvedala\t2022\n", ["Kommun, namn", "År"]),  # tab-separated, a comma in a heading
        ("Kommun;namn\tÅr\tVärde\nSvedala\t2022\t3\n", ["Kommun;namn", "År", "Värde"]),  # a ';' in a heading
    ],
)
def test_the_separator_is_chosen_from_the_first_records_as_csv(tmp_path, text, columns):
    assert [c for c in read(write(tmp_path, text)).frame.columns if c != ROW] == columns
