"""A delivered file's bytes as text: the encodings Excel writes, and a clear error for any other."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..study.errors import StudyInputError

# Byte-order marks Excel writes: "CSV UTF-8" and "Unicode-text" (UTF-16, little endian; big endian
# from other tools).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
SAVE_AS = "spara den som text i UTF-8 (i Excel: 'CSV UTF-8')"
SAVE_AS_XLSX = "öppna den i Excel (eller LibreOffice) och spara den som Excel-arbetsbok (.xlsx)"
# Spreadsheets the study does not read, by their first bytes (an .xls and a password-protected workbook are
# both OLE containers).
_XLS = "en arbetsbok i det gamla Excel-formatet (XLS) eller en lösenordsskyddad arbetsbok"
_ODS = "ett OpenDocument-kalkylark (.ods, från LibreOffice eller OpenOffice)"
_XLSX = "XLSX"
ZIP = "en Excel-arbetsbok (XLSX) eller annan zip-fil"  # a zip whose members could not be looked into


def file_kind(path: Path) -> str | None:
    """What a file is by its first bytes (and, for a zip, its members): 'XLSX', an .xls, an .ods, a PDF, another
    zip file; None for anything else (text, or unknown)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _XLS
    if head.startswith(b"%PDF"):
        return "en PDF"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return ZIP
    if b"opendocument.spreadsheet" in mimetype:
        return _ODS
    if "xl/workbook.xml" in names:
        return _XLSX
    return "en zip-fil som inte är en arbetsbok"


def _not_text(data: bytes, path: Path | None) -> str | None:
    """What to tell the analyst when a file read as text (CSV) is a workbook, a PDF or a zip."""
    kind = file_kind(path) if path is not None else None
    if kind is None and data.startswith(b"\xd0\xcf\x11\xe0"):
        kind = _XLS
    if kind is None and data.startswith(b"%PDF"):
        kind = "en PDF"
    if kind is None and data.startswith(b"PK\x03\x04"):
        kind = ZIP
    if kind is None:
        return None
    if kind == _XLSX:
        return (
            "filen är en Excel-arbetsbok (XLSX), inte en textfil (CSV): byt filändelsen till .xlsx (och sökvägen i "
            f"params) eller {SAVE_AS}"
        )
    if kind in (_XLS, _ODS):
        return f"filen är {kind}, inte en textfil (CSV) eller XLSX; {SAVE_AS_XLSX} och ange .xlsx i params"
    return f"filen är {kind}, inte en textfil (CSV); {SAVE_AS}"


def decode(data: bytes, file: str, path: Path | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, as Excel writes them; anything
    else (UTF-16 without BOM, NUL bytes, a workbook renamed .csv) is an error naming the encoding, or what
    the file is (with `path`, a zip is looked into: an .ods is named as one)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_marked(data[len(bom) :], codec, name, file), file)
    problem = _not_text(data[:8], path)
    if problem:
        raise StudyInputError(problem, file=file)
    if b"\x00" in data:
        raise StudyInputError(_nul_problem(data), file=file)
    if not data.strip():
        raise StudyInputError("filen är tom", file=file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise StudyInputError(
            "filen har en teckenkodning som inte kan läsas (varken UTF-8 eller Windows-1252)", file=file
        ) from None


def _decode_marked(data: bytes, codec: str, name: str, file: str) -> str:
    """The text after a byte-order mark, which must be valid in the encoding the mark names."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise StudyInputError(f"filen säger sig vara {name} men innehåller ogiltiga tecken", file=file) from None
    if not text.strip():
        raise StudyInputError("filen är tom", file=file)
    return text


def _checked(text: str, file: str) -> str:
    """Decoded text with NUL characters is not a text table (a UTF-16 file with a wrong mark, or binary)."""
    if "\x00" in text:
        raise StudyInputError("filen innehåller NUL-tecken (0x00) och är ingen vanlig textfil; " + SAVE_AS, file=file)
    return text


def _nul_problem(data: bytes) -> str:
    """Why a file without BOM holds NUL bytes: UTF-16 text without its mark, or no text at all."""
    sample = data[:4096]
    # In UTF-16 text in a Latin script, every other byte is NUL (the odd ones in little endian).
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd, even) > 0.4 * (len(sample) / 2) and min(odd, even) < 0.05 * (len(sample) / 2):
        return "filen verkar vara sparad som UTF-16 utan markering (BOM); spara som CSV UTF-8"
    return "filen innehåller NUL-tecken (0x00) och verkar inte vara en textfil; " + SAVE_AS
