"""Reading a delivered table (Swedish CSV or XLSX) into strings, with its file and row numbers kept.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
Everything is read as text; the table's own reader decides what each cell means.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..study.errors import StudyInputError
from ..study.params_yaml import shortened, swedish_count
from .decoding import SAVE_AS_XLSX, ZIP, decode, file_kind
from .headers import clean_header, find_header, header_hint
from .kept import code_version, keep, kept_file, load_kept

ROW = "_row"  # column carrying the spreadsheet row number of each record

# Bounds on what a delivery may hold, each checked before the content is read whole, so that a broken or
# hostile file is refused within seconds naming it (a few shared strings can unpack into gigabytes).
# Excel's own limit on a cell: 32 767 characters.
MAX_CELL = 32_767
# A delivery is a table of at most some thousands of rows (the survey's 100× benchmark has 10 000).
MAX_ROWS = 100_000
# Unpacked, an XLSX delivery is some MB of XML; the members together may unpack to no more than this.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_CSV_BYTES = 50 * 1024 * 1024
# A delivery template's instructions for whoever fills it in (collabstudy.runner.scaffold): never data.
INSTRUCTIONS_SHEET = "Instruktion"


@dataclass(frozen=True)
class RawTable:
    """A delivered table as text, with where it came from."""

    frame: pd.DataFrame  # text cells, plus ROW
    file: str  # as shown in messages

    def error(self, message: str, *, row: int | None = None, column: str | None = None) -> StudyInputError:
        return StudyInputError(message, file=self.file, row=row, column=column)


# --- CSV ----------------------------------------------------------------------------------------


class NoDataRows(StudyInputError):
    """A delivered table with its header and no row under it (an untouched template)."""


def read_csv_text(path: Path, file: str) -> RawTable:
    """A `;`-separated file (or a tab-separated one, as Excel's "Text (tabbavgränsad)" and "Unicode-text"
    write it) as text cells; a file separated otherwise is an error that says so."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)  # never more than one byte over the bound
    except FileNotFoundError:
        raise StudyInputError("filen finns inte", file=file) from None
    if len(data) > MAX_CSV_BYTES:
        raise StudyInputError(
            f"filen är större än {MAX_CSV_BYTES // (1024 * 1024)} MB; en leverans är en tabell på några tusen rader "
            "(har något annat sparats under filens namn?)",
            file=file,
        )
    text = decode(data, file, path)
    separator = _separator(text, file)
    rows = _csv_rows(text, separator, file)
    for number, cells in enumerate(rows, start=1):
        for position, cell in enumerate(cells):
            if len(cell) > MAX_CELL:
                raise _long_cell(len(cell), file, number, position)
    columns, records = _tidy(rows, file, separator)
    if not records:
        raise NoDataRows("filen har rubriker men inga datarader", file=file)
    return RawTable(pd.DataFrame(records, columns=columns + [ROW], dtype=object), file)


def _separator(text: str, file: str) -> str:
    """`;`, or a tab when the header splits into more fields by tab than by `;` and by comma (on a tie with
    comma: when the next record splits as the header does); any other is an error naming it. The first
    records are read as CSV, so a quoted heading may hold a line break, a comma or the other separator."""
    fields = {separator: _fields(text, separator) for separator in (";", "\t", ",")}
    (semicolon, _), (tab, tab_next), (comma, _) = fields[";"], fields["\t"], fields[","]
    if semicolon > 1 and semicolon >= tab:
        return ";"
    if tab > 1 and (tab > comma or (tab == comma and tab_next == tab)):
        return "\t"
    hint = "den verkar använda ','" if comma > 1 else "rubrikraden har bara en kolumn"
    raise StudyInputError(f"filen ska vara semikolonseparerad (;) eller tabbavgränsad, men {hint}", file=file, row=1)


def _fields(text: str, separator: str) -> tuple[int, int]:
    """How many fields the header (non-empty ones) and the next record have when split by `separator`."""
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        header, following = next(records, []), next(records, [])
    except csv.Error:
        return 0, 0  # not readable this way; the reader says where, if this is the separator
    return len([name for name in header if name.strip()]), len(following)


def _csv_rows(text: str, separator: str, file: str) -> list[list[str]]:
    """The file's records; one the csv module cannot read is an error naming its row, never a traceback."""
    rows: list[list[str]] = []
    # newline="": the reader itself ends records at CR, LF or CRLF (Excel for Mac writes CR alone).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for record in reader:
            rows.append(record)
            if len(rows) > MAX_ROWS + 1:
                raise _too_many_rows(file)
    except csv.Error:
        raise StudyInputError(
            "raden kan inte läsas som CSV (ett citattecken som aldrig stängs, "
            f"eller ett fält längre än {csv.field_size_limit()} tecken?)",
            file=file,
            row=len(rows) + 1,
        ) from None
    return rows


# --- XLSX ---------------------------------------------------------------------------------------


def read_xlsx_text(path: Path, file: str, sheet: str | None = None) -> RawTable:
    """One sheet of an XLSX as text cells (first row = header). Without a sheet name the workbook must
    have one sheet, whatever it is called (Forms names it 'Sheet1' or 'Blad1' by the interface language),
    besides perhaps a sheet named exactly 'Instruktion' (a delivery template's instructions), never read.
    Each cell reads as the text the sheet shows (:func:`excel_text`)."""
    rows = _xlsx_rows(path, file, sheet)
    if not any(any(cells) for cells in rows):
        raise StudyInputError("bladet är tomt", file=file)
    columns, records = _tidy(rows, file)
    if not records:
        raise NoDataRows("bladet har rubriker men inga datarader", file=file)
    frame = pd.DataFrame(records, columns=columns + [ROW], dtype=object)
    # The dtypes the XLSX reader has always given (pandas' text dtype, integer rows); the CSV's are object.
    return RawTable(frame.astype({**dict.fromkeys(columns, "str"), ROW: int}), file)


# What a damaged workbook, or another file named .xlsx, raises as it is opened or read.
XLSX_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, OSError, InvalidFileException, ParseError)


def _too_many_rows(file: str) -> StudyInputError:
    return StudyInputError(
        f"filen har fler än {swedish_count(MAX_ROWS)} rader; en leverans är en tabell på några tusen rader (har "
        "raderna fyllts ända ned, eller har något annat sparats under filens namn?)",
        file=file,
    )


def _long_cell(length: int, file: str, row: int, position: int) -> StudyInputError:
    return StudyInputError(
        f"cellen i kolumn {get_column_letter(position + 1)} har {swedish_count(length)} tecken; en cell får ha "
        f"högst {swedish_count(MAX_CELL)} (Excels gräns), så filen är inte en tabell som Excel sparar den",
        file=file,
        row=row,
    )


def check_workbook_size(path: Path, file: str) -> bool:
    """An XLSX (a zip) whose members would unpack to more than MAX_UNPACKED, or that has absurdly many, is
    refused before anything in it is read (the sizes the zip declares bound what zipfile unpacks); so is a sheet
    of more than MAX_ROWS rows. Whether the workbook holds a formula."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        raise StudyInputError("filen finns inte", file=file) from None
    except XLSX_ERRORS as exc:
        raise _unreadable_xlsx(exc, file, path) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED or len(members) > MAX_MEMBERS:
        raise StudyInputError(
            f"arbetsboken packas upp till {swedish_count(round(unpacked / (1024 * 1024)))} MB i "
            f"{swedish_count(len(members))} delar; en leverans är högst {MAX_UNPACKED // (1024 * 1024)} MB uppackad "
            "(en cell eller ett blad är orimligt stort, eller så är filen skadad eller gjord för att fylla minnet): "
            "spara om den från Excel",
            file=file,
        )
    return _scan_sheets(path, [m for m in members if m.filename.startswith("xl/worksheets/")], file)


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _scan_sheets(path: Path, sheets: list[zipfile.ZipInfo], file: str) -> bool:
    """A sheet with more than MAX_ROWS rows is refused from its XML, streamed: counting is quick where reading
    the rows as cells would take minutes. Whether any sheet holds a formula."""
    formulas = False
    with zipfile.ZipFile(path) as archive:
        for sheet in sheets:
            count, tail = 0, b""
            with archive.open(sheet) as member:
                for block in iter(lambda: member.read(1 << 20), b""):
                    data = tail + block
                    count += len(_ROW_TAG.findall(data))
                    formulas = formulas or _FORMULA_TAG.search(data) is not None
                    tail = data[-16:]
                    count -= len(_ROW_TAG.findall(tail))  # a tag across blocks is counted once
                    if count > MAX_ROWS + 1:
                        raise _too_many_rows(file)
            count += len(_ROW_TAG.findall(tail))
            if count > MAX_ROWS + 1:
                raise _too_many_rows(file)
    return formulas


def _uncomputed_formulas(path: Path, sheet: str, rows: list[list[str]], file: str) -> None:
    """A formula cell with no value saved beside it (a workbook written by a program, never opened and saved in
    Excel) reads as empty: refused naming its cell, never taken for a missing value."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        worksheet = book[sheet]
        worksheet.reset_dimensions()
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            for position, cell in enumerate(row):
                if cell.data_type == "f" and not (
                    rows[number - 1][position] if position < len(rows[number - 1]) else ""
                ):
                    formula = shortened(str(cell.value))
                    raise StudyInputError(
                        f"cellen {get_column_letter(position + 1)}{number} har formeln '{formula}' men inget sparat "
                        "värde (filen är skriven av ett program och aldrig sparad i Excel); öppna den i Excel och "
                        "spara den, eller skriv in värdet",
                        file=file,
                        row=number,
                    )
    finally:
        book.close()


def _xlsx_rows(path: Path, file: str, sheet: str | None) -> tuple[tuple[str, ...], ...]:
    """The chosen sheet's rows as text, all as wide as the widest: at most MAX_ROWS rows of cells of at most
    MAX_CELL characters, from a workbook that unpacks to at most MAX_UNPACKED. The same file read again in
    one process (the final check reads the export for its answers and its personal columns; at 10 000 rows
    openpyxl takes seconds) is read once while its bytes are the same (a checksum: milliseconds)."""
    try:
        if Path(path).stat().st_size > _CHECKSUMMED:
            return _xlsx_rows_read(path, file, sheet)  # not read into memory whole: the size checks come first
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return _xlsx_rows_read(path, file, sheet)  # its own Swedish message
    return _xlsx_rows_cached(str(path), digest, file, sheet)


_CHECKSUMMED = 32 * 1024 * 1024  # bytes: a delivery is a few MB at most


@lru_cache(maxsize=4)
def _xlsx_rows_cached(path: str, digest: str, file: str, sheet: str | None):
    # Kept for the run's later processes (collabstudy.io.kept): five of them read the survey's export (the review,
    # the notebook, each step's final check), at 10 000 rows seconds each time with openpyxl. The rows are the
    # delivery's own cells, personal columns too: kept only in the study's build folder, its owner's only.
    kept = kept_file("rader", digest, str(sheet), _reader_version())
    rows = load_kept(kept, tuple) if kept else None
    if rows is None:
        rows = _xlsx_rows_read(Path(path), file, sheet)
        if kept:
            keep(kept, rows)
    return rows


def _reader_version() -> str:
    """This reader's code (the io package's modules) and openpyxl's version."""
    return code_version(Path(__file__).parent, openpyxl.__version__)


def _xlsx_rows_read(path: Path, file: str, sheet: str | None) -> tuple[tuple[str, ...], ...]:
    formulas = check_workbook_size(path, file)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise StudyInputError("filen finns inte", file=file) from None
    except XLSX_ERRORS as exc:
        raise _unreadable_xlsx(exc, file, path) from None
    rows = []
    try:
        sheet = _sheet_name(book.sheetnames, sheet, file)
        worksheet = book[sheet]
        worksheet.reset_dimensions()  # the dimensions a file declares can be wrong: read the cells there are
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows(file)
            cells = [excel_text(cell) for cell in row]
            for position, text in enumerate(cells):
                if len(text) > MAX_CELL:
                    raise _long_cell(len(text), file, number, position)
            rows.append(cells)
    except XLSX_ERRORS as exc:  # read only: the sheet's XML is parsed as its rows are read
        raise _unreadable_xlsx(exc, file, path) from None
    finally:
        book.close()
    if formulas:
        _uncomputed_formulas(path, sheet, rows, file)
    width = max((len(cells) for cells in rows), default=0)
    return tuple(tuple(cells + [""] * (width - len(cells))) for cells in rows)


def read_sheet(path: Path, file: str, sheet: str | None = None, usual: str | None = None) -> RawTable:
    """Like read_table, but an XLSX's messages name the sheet too ("fil … (blad Kodning)"). Without a
    `sheet` named, a workbook holding the `usual` sheet (the one the study wrote it with) is read there."""
    if path.suffix.lower() != ".xlsx":
        return read_table(path, file)
    check_workbook_size(path, file)
    try:
        book = openpyxl.load_workbook(path, read_only=True)
        names = book.sheetnames
        book.close()
    except FileNotFoundError:
        raise StudyInputError("filen finns inte", file=file) from None
    except XLSX_ERRORS as exc:
        raise _unreadable_xlsx(exc, file, path) from None
    chosen = usual if sheet is None and usual in names else _sheet_name(names, sheet, file)
    return read_xlsx_text(path, f"{file} (blad {chosen})", chosen)


def _unreadable_xlsx(exc: Exception, file: str, path: Path | None = None) -> StudyInputError:
    """Why a file named .xlsx cannot be read: what it really is when its first bytes say so (an .xls, an
    .ods, a CSV, a PDF), otherwise that it is damaged."""
    kind = file_kind(path) if path is not None else None
    if kind is not None and kind not in ("XLSX", ZIP):
        return StudyInputError(f"filen heter .xlsx men är {kind}; {SAVE_AS_XLSX}", file=file)
    return StudyInputError(
        "filen kan inte läsas som XLSX: den är skadad eller av en annan typ; " + SAVE_AS_XLSX, file=file
    )


def _sheet_name(names: list[str], sheet: str | None, file: str) -> str:
    """The sheet to read: the one named, or the workbook's only one besides the instructions."""
    if sheet is None:
        data_sheets = [name for name in names if name != INSTRUCTIONS_SHEET] if len(names) > 1 else list(names)
        if len(data_sheets) != 1:
            raise StudyInputError(f"filen har flera blad ({', '.join(names)}); ange vilket i params (sheet)", file=file)
        return data_sheets[0]
    if sheet not in names:
        raise StudyInputError(f"bladet '{sheet}' finns inte (filen har {', '.join(names)})", file=file)
    return sheet


def excel_text(cell) -> str:
    """A spreadsheet cell (openpyxl) as the text a Swedish Excel shows: a number with decimal comma, a
    percentage as the percent it shows ('40%' for 0,4 formatted as 0%), a date as ISO text (with its
    time when it has or shows one), an error value ('#DIV/0!') as itself, text as it is."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, (bool, str)):
        return str(value)
    if isinstance(value, dt.datetime):
        shows_time = value.time() != dt.time() or _shows_time(cell.number_format)
        return str(value) if shows_time else value.date().isoformat()
    if isinstance(value, (int, float)) and _is_percent(cell.number_format):
        return _percent_text(value, cell.number_format)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):  # never in exponent form ('1e-07'): as a Swedish Excel shows the digits
        return f"{Decimal(repr(value)):f}".replace(".", ",")
    return str(value)  # a time of day or a duration, as pandas showed them before


def _format_code(number_format: str | None) -> str:
    """The number format's first section, without quoted text, escaped characters and [tags]."""
    code = (number_format or "").split(";")[0]
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)


def _is_percent(number_format: str | None) -> bool:
    return "%" in _format_code(number_format)


def _shows_time(number_format: str | None) -> bool:
    return re.search(r"[hs]", _format_code(number_format), re.IGNORECASE) is not None


def _percent_text(value: float, number_format: str) -> str:
    """0,405 formatted '0.0%' as '40,5%': the value times 100 with the decimals the format shows,
    rounded half away from zero as Excel shows it (and as its CSV export would write it)."""
    decimals = re.search(r"\.([0#?]*)", _format_code(number_format))
    places = len(decimals.group(1)) if decimals else 0
    # repr: the shortest decimal that is the stored float, so 0,405 is 0,405 and not 0,40499…
    with localcontext() as exact:
        exact.prec = 400  # room for every digit of the largest float (about 1,8e308) times 100
        shown = (Decimal(repr(value)) * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # A space before the sign only where the format writes one ('0 %', '0" "%'), as the sheet shows it.
    space = " " if re.search(r'(?: |" "|\\ )%', number_format.split(";")[0]) else ""
    return f"{shown:f}".replace(".", ",") + space + "%"


# --- both ---------------------------------------------------------------------------------------


def _tidy(rows: list[list[str]], file: str, separator: str = ";") -> tuple[list[str], list[list]]:
    """The header and the data rows (each with its spreadsheet row number last). Blank rows, and columns
    with neither header nor value (Excel's `;;` after a deleted column), are left out; a row may end in
    more empty fields than the header has. A value under no header is an error naming its row."""
    header = [clean_header(name) for name in rows[0]]
    width = _used(header)
    records = []
    for number, raw in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            continue  # blank line, as Excel leaves at the end
        if _used(cells) > len(header) or len(cells) < width:
            shown = "tabbtecken" if separator == "\t" else f"'{separator}'"
            count = _used(cells) if _used(cells) > len(header) else len(cells)
            raise StudyInputError(
                f"raden har {count} fält men rubrikraden har {width} (fel avgränsare eller ett {shown} i en text?)",
                file=file,
                row=number,
            )
        records.append((number, cells + [""] * (len(header) - len(cells))))
    kept = [position for position, name in enumerate(header) if name or _unnamed_has_values(position, records, file)]
    columns = [header[position] for position in kept]
    _check_header(columns, file)
    return columns, [[cells[position] for position in kept] + [number] for number, cells in records]


def _used(cells: list[str]) -> int:
    """How many fields count: up to the last one that is not empty."""
    return next((len(cells) - i for i, cell in enumerate(reversed(cells)) if cell), 0)


def _unnamed_has_values(position: int, records: list[tuple[int, list[str]]], file: str) -> bool:
    """False for a column without header that is empty everywhere (left out); a value in one is an
    error naming its row and the column's number (the value itself is not shown: it may be personal)."""
    row = next((number for number, cells in records if cells[position]), None)
    if row is None:
        return False
    raise StudyInputError(
        f"kolumn nummer {position + 1} ({get_column_letter(position + 1)}) saknar rubrik men har ett värde "
        "på den här raden (rubrikerna ska stå på rad 1, en rad; har filen en extra rubrikrad?)",
        file=file,
        row=row,
    )


def _check_header(columns: list[str], file: str) -> None:
    seen = set()
    for name in columns:
        if name in seen:
            raise StudyInputError("kolumnrubriken finns två gånger", file=file, row=1, column=name)
        seen.add(name)


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


def require_columns(table: RawTable, expected: list[str], optional: list[str] = ()) -> None:
    """The table has the expected columns, and perhaps the optional ones (order free); a missing or an
    unknown one is named, with a hint when a present header differs from it only in invisible or
    look-alike characters, in case or by a stray dot."""
    present = [c for c in table.frame.columns if c != ROW]
    allowed = [*expected, *optional]
    for name in expected:
        if find_header(present, name) is None:
            hint = header_hint(present, name)
            raise table.error(f"kolumnen saknas{hint}; förväntade kolumner: {', '.join(expected)}", row=1, column=name)
    for name in present:
        if find_header(allowed, name) is None:
            raise table.error(f"okänd kolumn; förväntade kolumner: {', '.join(allowed)}", row=1, column=name)
