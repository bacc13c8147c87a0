"""Checking outputs for personal identifiers: every file a step writes is scanned before it is published.

A leak is reported without the identifier itself (a name by its first letter and length, any other
kind by its length only), so the error message cannot leak it either.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..study.characters import INVISIBLE
from ..study.errors import StudyInputError
from ..study.paths import system_problem
from .detector import letter_count
from .identifiers import KIND_LABELS, NAME, PLACEHOLDERS
from .redaction import Redactor

# Soft hyphen and zero-width characters: invisible, but they would split a name in two.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass(frozen=True)
class NameLeak:
    """Where an identifier was found, described without it: its kind, its length (and a name's first letter)."""

    where: str
    initial: str
    letters: int
    kind: str = NAME

    @classmethod
    def of(cls, where: str, found, text: str) -> NameLeak:
        """The leak of identifier `found` in `text`, without its value."""
        value = text[found.start : found.end]
        if found.kind == NAME:
            return cls(where, value[:1], letter_count(value), NAME)
        return cls(where, "", len(value), found.kind)

    def what(self) -> str:
        """'ett personnamn (A…, 4 bokstäver)', 'ett telefonnummer (13 tecken)'."""
        if self.kind == NAME:
            return f"{KIND_LABELS[NAME]} ({self.initial}…, {self.letters} bokstäver)"
        return f"{KIND_LABELS[self.kind]} ({self.letters} tecken)"

    def describe(self) -> str:
        return f"{self.what()} i {self.where}"


class NameLeakError(StudyInputError):
    """A personal identifier reached an output. The message (Swedish) lists every place and kind but
    never the identifier, so the error itself cannot leak one."""

    def __init__(self, leaks: list[NameLeak]):
        self.leaks = list(leaks)
        advice = (
            "ersätt uppgiften med " + ", ".join(PLACEHOLDERS.values()) + " (collabstudy.privacy), eller lägg ordet "
            "i params survey.names.allow om det inte är ett personnamn"
        )
        if len(self.leaks) == 1:
            message = f"{self.leaks[0].describe()} — {advice}"
        else:
            lines = "\n".join(f"- {leak.describe()}" for leak in self.leaks)
            message = f"{len(self.leaks)} personuppgifter hittades — {advice}:\n{lines}"
        super().__init__(message, file=self.leaks[0].where if len(self.leaks) == 1 else None)

    def _compose(self) -> str:
        return f"Anonymitetskontroll: {self.problem}"


def describe(found, text: str) -> str:
    """An identifier found in `text`, told without it: 'ett personnamn (A…, 4 bokstäver)'."""
    return NameLeak.of("", found, text).what()


def check_no_names(items: Iterable[tuple[str, str]], redactor: Redactor) -> None:
    """Raise :class:`NameLeakError` listing every identifier found; `items` are (where, text),
    e.g. ('build/x/report.html', text)."""
    found_in: dict[str, list] = {}  # a text repeated (a workbook's cells, a CSV's columns) is examined once
    leaks = []
    for where, text in items:
        if text not in found_in:
            found_in[text] = list(redactor.find(text))
        leaks += [NameLeak.of(where, found, text) for found in found_in[text]]
    if leaks:
        raise NameLeakError(leaks)


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "template"})
    _INLINE = frozenset(
        {
            "a",
            "abbr",
            "b",
            "bdi",
            "bdo",
            "cite",
            "code",
            "data",
            "dfn",
            "em",
            "font",
            "i",
            "kbd",
            "mark",
            "q",
            "s",
            "samp",
            "small",
            "span",
            "strong",
            "sub",
            "sup",
            "time",
            "u",
            "var",
            "wbr",
        }
    )
    _VISIBLE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._INLINE:
            self.parts.append("\n")
        for name, value in attrs:
            if name in self._VISIBLE_ATTRIBUTES and value and not self._skipping:
                self.parts.append(f"\n{value}\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        if tag not in self._INLINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def text_of_html(html: str) -> str:
    """The readable text of an HTML page: tags removed (block elements become line breaks, so table
    cells do not run together), scripts, styles and comments dropped, entities unescaped. The
    visible attributes alt, title, aria-label and placeholder are kept as text too."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return _INVISIBLE.sub("", "".join(parser.parts))


SCANNED_SUFFIXES = (".html", ".htm", ".csv", ".json", ".md", ".txt", ".ipynb", ".xlsx")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StudyInputError(
            f"filen är inte UTF-8 ({exc.reason}), så den kan inte sökas efter namn", file=str(path)
        ) from exc
    except OSError as exc:
        raise StudyInputError(f"filen kan inte läsas ({system_problem(exc)})", file=str(path)) from exc


def _load_json(path: Path) -> object:
    try:
        return json.loads(_read(path))
    except json.JSONDecodeError as exc:
        raise StudyInputError(f"ogiltig JSON ({exc.msg})", file=str(path), row=exc.lineno) from exc


def _json_strings(value: object, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(JSON pointer, string) for every key and string value."""
    if isinstance(value, str):
        yield pointer or "/", value
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{pointer}/{key}"
            yield child, str(key)
            yield from _json_strings(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_strings(item, f"{pointer}/{index}")


def _joined(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _mime_text(mime: str, value: object) -> list[str]:
    """The text to scan in one output representation; images and scripts are not text."""
    if mime in ("text/html", "image/svg+xml"):
        return [text_of_html(_joined(value))]
    if mime.startswith("image/") or "javascript" in mime or mime == "application/pdf":
        return []
    if isinstance(value, (dict, list)) and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return [text for _, text in _json_strings(value)]
    if mime.startswith("text/") or mime.endswith("json"):
        return [_joined(value)]
    return []


def _notebook_items(where: str, notebook: object) -> Iterator[tuple[str, str]]:
    cells = notebook.get("cells", []) if isinstance(notebook, dict) else []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            continue
        yield f"{where}, cell {number} (källkod)", _joined(cell.get("source", ""))
        for out_number, output in enumerate(cell.get("outputs", []) or [], start=1):
            place = f"{where}, cell {number}, utdata {out_number}"
            if "text" in output:
                yield place, _ANSI.sub("", _joined(output["text"]))
            for mime, value in (output.get("data") or {}).items():
                for text in _mime_text(mime, value):
                    yield place, text
            if "evalue" in output:
                yield place, _ANSI.sub("", str(output["evalue"]))
            if "traceback" in output:
                yield place, _ANSI.sub("", "\n".join(output["traceback"]))


def _csv_items(where: str, text: str) -> Iterator[tuple[str, str]]:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header: list[str] = []
    for row in reader:
        if not header:
            header = row
            for index, cell in enumerate(row):
                yield f"{where}, rubrikrad, kolumn {index + 1}", cell
            continue
        for index, cell in enumerate(row):
            column = header[index] if index < len(header) else str(index + 1)
            yield f"{where}, rad {reader.line_num}, kolumn '{column}'", cell


def _workbook_items(where: str, path: Path) -> Iterator[tuple[str, str]]:
    from ..io.xlsx import UnreadableWorkbook, text_cells

    try:
        for sheet, cell, text in text_cells(path):
            yield f"{where}, blad '{sheet}', cell {cell}", text
    except UnreadableWorkbook as exc:
        raise StudyInputError(
            f"filen kan inte läsas som XLSX ({str(exc).split(':')[0]}), så den kan inte sökas efter namn", file=where
        ) from exc


def _file_items(path: Path) -> Iterator[tuple[str, str]]:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        yield where, text_of_html(_read(path))
    elif suffix == ".csv":
        yield from _csv_items(where, _read(path))
    elif suffix == ".json":
        for pointer, text in _json_strings(_load_json(path)):
            yield f"{where}, {pointer}", text
    elif suffix == ".ipynb":
        yield from _notebook_items(where, _load_json(path))
    elif suffix == ".xlsx":
        yield from _workbook_items(where, path)
    elif suffix in (".md", ".txt"):
        # A line break ends a sentence for the detector, so line by line finds the same names.
        for number, line in enumerate(_read(path).split("\n"), start=1):
            yield f"{where}, rad {number}", line
    else:
        raise StudyInputError(
            f"kan inte söka efter namn i filtypen '{path.suffix}' (bara {', '.join(SCANNED_SUFFIXES)})", file=where
        )


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    files = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SCANNED_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise StudyInputError("filen finns inte, så den kan inte sökas efter namn", file=str(path))
    return files


def text_items(paths: Iterable[Path | str]) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of readable text in the given files: .html/.htm as their
    visible text, .csv cell by cell, .json every key and string, .md/.txt line by line, .ipynb
    every cell source and text output, .xlsx every text cell; a folder means every such file under
    it. :class:`StudyInputError` for a missing or unreadable file."""
    for path in _expand(paths):
        yield from _file_items(path)


def scan_files(paths: Iterable[Path | str], redactor: Redactor) -> None:
    """Check that no personal identifier is in the given files (see :func:`text_items`). Raises
    :class:`NameLeakError` listing every one found."""
    check_no_names(text_items(paths), redactor)
