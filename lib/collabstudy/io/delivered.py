"""Reading a delivered table (Swedish CSV or XLSX) into strings, with its file and row numbers kept.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
Everything is read as text; the table's own reader decides what each cell means.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..study.errors import StudyInputError
from .decoding import decode

ROW = "_row"  # column carrying the spreadsheet row number of each record
# A delivery template's instructions for whoever fills it in (collabstudy.runner.scaffold): never data.
INSTRUCTIONS_SHEET = "Instruktion"


@dataclass(frozen=True)
class RawTable:
    """A delivered table as text, with where it came from."""

    frame: pd.DataFrame  # text cells, plus ROW
    file: str  # as shown in messages

    def error(self, message: str, *, row: int | None = None, column: str | None = None) -> StudyInputError:
        return StudyInputError(message, file=self.file, row=row, column=column)


def read_csv_text(path: Path, file: str) -> RawTable:
    """A `;`-separated file as text cells; a file separated otherwise is an error that says so."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StudyInputError("filen finns inte", file=file) from None
    text = decode(data, file)
    lines = text.splitlines()
    header = lines[0]
    if ";" not in header:
        other = next((sep for sep in (",", "\t") if sep in header), None)
        hint = f"den verkar använda '{other}'" if other else "rubrikraden har bara en kolumn"
        raise StudyInputError(f"filen ska vara semikolonseparerad (;), men {hint}", file=file, row=1)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    columns = [c.strip() for c in rows[0]]
    _check_header(columns, file)
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # blank line, as Excel leaves at the end
        if len(cells) != len(columns):
            raise StudyInputError(
                f"raden har {len(cells)} fält men rubrikraden har {len(columns)} (fel avgränsare eller ett ';' i en text?)",
                file=file,
                row=number,
            )
        records.append([c.strip() for c in cells] + [number])
    if not records:
        raise StudyInputError("filen har rubriker men inga datarader", file=file)
    return RawTable(pd.DataFrame(records, columns=columns + [ROW], dtype=object), file)


def read_xlsx_text(path: Path, file: str, sheet: str | None = None) -> RawTable:
    """One sheet of an XLSX as text cells (first row = header). Without a sheet name the workbook must
    have one sheet, whatever it is called (Forms names it 'Sheet1' or 'Blad1' by the interface language),
    besides perhaps a sheet named exactly 'Instruktion' (a delivery template's instructions), never read."""
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="openpyxl")
    except FileNotFoundError:
        raise StudyInputError("filen finns inte", file=file) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise StudyInputError(
            f"filen kan inte läsas som XLSX ({type(exc).__name__}); är den skadad eller av annan typ?", file=file
        ) from None
    if sheet is None:
        data_sheets = [name for name in sheets if name != INSTRUCTIONS_SHEET] if len(sheets) > 1 else list(sheets)
        if len(data_sheets) != 1:
            raise StudyInputError(
                f"filen har flera blad ({', '.join(sheets)}); ange vilket i params (sheet)", file=file
            )
        sheet = data_sheets[0]
    if sheet not in sheets:
        raise StudyInputError(f"bladet '{sheet}' finns inte (filen har {', '.join(sheets)})", file=file)
    frame = sheets[sheet].map(_excel_text)
    columns = [str(c).strip() for c in frame.iloc[0]]
    _check_header(columns, file)
    body = frame.iloc[1:].copy()
    body.columns = columns
    body[ROW] = range(2, len(body) + 2)
    body = body[body.drop(columns=ROW).apply(lambda column: column.astype(str).str.strip() != "").any(axis=1)]
    if body.empty:
        raise StudyInputError("bladet har rubriker men inga datarader", file=file)
    return RawTable(body.reset_index(drop=True), file)


def _excel_text(value: object) -> str:
    """A spreadsheet cell as the text a Swedish Excel shows: numbers with decimal comma."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def read_table(path: Path, file: str, sheet: str | None = None) -> RawTable:
    """A delivered table by its file type."""
    if path.suffix.lower() == ".xlsx":
        return read_xlsx_text(path, file, sheet)
    return read_csv_text(path, file)


def raw_table(params, key: str) -> RawTable:
    """The delivered file behind a params key (of either layer), as text cells."""
    return delivered_table(params.delivery(key))


def delivered_table(delivery) -> RawTable:
    """One delivered file (collabstudy.study.params.Delivery) as text cells."""
    return read_table(delivery.path, delivery.display, sheet=delivery.sheet)


def _check_header(columns: list[str], file: str) -> None:
    for position, name in enumerate(columns, start=1):
        if not name:
            raise StudyInputError(
                f"kolumn nummer {position} saknar rubrik (rubrikerna ska stå på rad 1, "
                "en rad; har filen en extra rubrikrad?)",
                file=file,
                row=1,
            )
    seen = set()
    for name in columns:
        if name in seen:
            raise StudyInputError("kolumnrubriken finns två gånger", file=file, row=1, column=name)
        seen.add(name)


def require_columns(table: RawTable, expected: list[str], optional: list[str] = ()) -> None:
    """The table has the expected columns, and perhaps the optional ones (order free); a missing or an
    unknown one is named."""
    present = [c for c in table.frame.columns if c != ROW]
    allowed = [*expected, *optional]
    for name in expected:
        if name not in present:
            close = [c for c in present if c.lower() == name.lower() or c.strip(" .") == name]
            hint = f" (finns '{close[0]}' – stavning?)" if close else ""
            raise table.error(f"kolumnen saknas{hint}; förväntade kolumner: {', '.join(expected)}", row=1, column=name)
    for name in present:
        if name not in allowed:
            raise table.error(f"okänd kolumn; förväntade kolumner: {', '.join(allowed)}", row=1, column=name)
