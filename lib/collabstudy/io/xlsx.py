"""The table appendix for reviewers who work in Excel (xlsx), safe to open."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .atomic import atomic_path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


FIXED_TIME = (2023, 1, 1, 0, 0, 0)


def make_xlsx_reproducible(path: Path) -> None:
    """Same content, same bytes: one fixed time on every zip member and in the document properties."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    stamp = "{:04d}-{:02d}-{:02d}T00:00:00Z".format(*FIXED_TIME[:3]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data, compress_type=zipfile.ZIP_DEFLATED)


def write_xlsx(path: Path, sheets: dict[str, pd.DataFrame]) -> None:
    """One sheet per table (names cut to Excel's 31 characters), every text cell neutralised."""
    with atomic_path(Path(path)) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                # the headers too: a header is a cell like any other
                frame.map(neutralise).rename(columns=neutralise).to_excel(writer, sheet_name=name[:31], index=False)
        make_xlsx_reproducible(tmp)


class UnreadableWorkbook(ValueError):
    """A file named .xlsx that is not a workbook the reader can open (not a zip, a part missing, damaged XML)."""


def text_cells(path: Path) -> Iterator[tuple[str, str, str]]:
    """(sheet, cell, text) for every non-empty text cell of every sheet, e.g. ('Tabell 1', 'B7', 'Ekby'):
    what the anonymity scans read in a step's own workbooks. Read with calamine (Rust), ten times faster than
    openpyxl on the 74 000-cell table appendix of a 10 000-respondent study, with the same text cells. Numbers
    and dates are not text and are not given. :class:`UnreadableWorkbook` for a file it cannot read, or one whose
    sheet spans more than MAX_CELLS cells (read whole, such a sheet would fill the memory)."""
    from openpyxl.utils import get_column_letter
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [(name, book.get_sheet_by_name(name)) for name in book.sheet_names]
    except (CalamineError, OSError) as exc:
        raise UnreadableWorkbook(f"{type(exc).__name__}: {exc}") from exc
    for name, sheet in sheets:
        if sheet.height * sheet.width > MAX_CELLS:
            raise UnreadableWorkbook(f"bladet '{name}' spänner över {sheet.height} × {sheet.width} celler")
        first_row, first_column = sheet.start or (0, 0)
        try:
            rows = sheet.to_python(skip_empty_area=True)  # from the first used cell (sheet.start)
        except CalamineError as exc:
            raise UnreadableWorkbook(f"{type(exc).__name__}: {exc}") from exc
        for number, row in enumerate(rows, start=first_row + 1):
            for position, value in enumerate(row, start=first_column + 1):
                if isinstance(value, str) and value:
                    try:
                        cell = f"{get_column_letter(position)}{number}"
                    except ValueError as exc:  # beyond Excel's last column: no sheet Excel writes
                        raise UnreadableWorkbook(f"ValueError: {exc}") from exc
                    yield name, cell, value


MAX_CELLS = 20_000_000  # Excel's own sheets can be larger, but a step writes tables of some 100 000 cells at most
