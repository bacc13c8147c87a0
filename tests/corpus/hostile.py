"""Workbooks no spreadsheet program writes, made byte by byte: for the bounded-read cases of the corpus and their
unit tests (issue 29). One shared string may unpack to hundreds of MB from a few hundred kB."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
FIXED = (2023, 1, 1, 0, 0, 0)  # one time on every member: the same bytes every time


def _member(archive: zipfile.ZipFile, name: str, data: str) -> None:
    archive.writestr(zipfile.ZipInfo(name, date_time=FIXED), data, compress_type=zipfile.ZIP_DEFLATED)


def workbook(
    path: Path, rows: list[list[str]], long_string: tuple[int, int] | None = None, empty_rows: int = 0
) -> Path:
    """An XLSX of one sheet whose cells are `rows` (text, as shared strings). With `long_string` (row,
    megabytes), that row's first cell is one shared string of that many MB of 'a' (written in chunks, never
    held whole); `empty_rows` more rows without cells follow (a sheet "filled" to its end)."""
    strings = [cell for row in rows for cell in row]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _member(archive, "[Content_Types].xml", _CONTENT_TYPES)
        _member(archive, "_rels/.rels", _RELS)
        _member(archive, "xl/workbook.xml", _WORKBOOK)
        _member(archive, "xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        sheet, index = [], 0
        for number, row in enumerate(rows, start=1):
            cells = []
            for column, _ in enumerate(row):
                cells.append(f'<c r="{chr(65 + column)}{number}" t="s"><v>{index}</v></c>')
                index += 1
            if long_string and long_string[0] == number:
                cells.insert(0, f'<c r="A{number}" t="s"><v>{len(strings)}</v></c>')
                cells = [cells[0], *cells[2:]]
            sheet.append(f'<row r="{number}">{"".join(cells)}</row>')
        _member(
            archive,
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{''.join(sheet)}{'<row/>' * empty_rows}</sheetData></worksheet>",
        )
        info = zipfile.ZipInfo("xl/sharedStrings.xml", date_time=FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            count = len(strings) + (1 if long_string else 0)
            member.write(
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" '
                f'uniqueCount="{count}">'.encode()
            )
            for text in strings:
                member.write(f"<si><t>{escape(text)}</t></si>".encode())
            if long_string:
                member.write(b"<si><t>")
                chunk = b"a" * (1024 * 1024)
                for _ in range(long_string[1]):
                    member.write(chunk)
                member.write(b"</t></si>")
            member.write(b"</sst>")
    return path


def opendocument(path: Path) -> Path:
    """A spreadsheet as LibreOffice saves it (.ods): a zip whose first member names its type."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", date_time=FIXED), "application/vnd.oasis.opendocument.spreadsheet")
        _member(
            archive,
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
        _member(
            archive,
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        )
    return path


def old_excel(path: Path) -> Path:
    """A workbook in Excel's format before 2007 (.xls): an OLE compound file (its header, then sectors)."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff0900")
    path.write_bytes(header + bytes(512 - len(header)) + bytes(1024))
    return path
