"""The table appendix (tabeller.xlsx) opens safely: a text a spreadsheet would run as a formula stays text."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from collabstudy.io.xlsx import write_xlsx


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+46 70", "- Mycket blev bättre", "@SUM(A1)"])
def test_a_quote_that_looks_like_a_formula_is_written_as_text(tmp_path, text):
    path = tmp_path / "tabeller.xlsx"
    write_xlsx(path, {"Citat": pd.DataFrame({"Citat": [text, "Vanlig text"]})})
    sheet = openpyxl.load_workbook(path)["Citat"]
    assert sheet["A2"].value == "'" + text and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "Vanlig text"


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "=Anna Berg", "@SUM(A1)"])
def test_a_header_that_looks_like_a_formula_is_written_as_text_and_scanned(tmp_path, text):
    from collabstudy.io.xlsx import text_cells

    path = tmp_path / "tabeller.xlsx"
    write_xlsx(path, {"Citat": pd.DataFrame({text: ["Vanlig text"]})})
    sheet = openpyxl.load_workbook(path)["Citat"]
    assert sheet["A1"].value == "'" + text and sheet["A1"].data_type == "s"
    # a formula's cell has no text the anonymity scans read (the reader gives its saved value): a text cell has
    assert ("Citat", "A1", "'" + text) in list(text_cells(path))
