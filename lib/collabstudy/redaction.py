"""Keeping personal names out of free-text answers and out of every output.

The survey was anonymous, so a free-text answer must never identify a respondent or a colleague:
personal (first) names are replaced by the placeholder ``[namn]`` (the source report's own style),
and :func:`check_no_names` / :func:`scan_files` fail a build if a name reaches an output.

How a word is judged (see :meth:`NameDetector.find`):

- Only *capitalised* words are candidates (``Anna``, ``Anna-Karin``, ``Mickes``); a word written in
  ALL CAPITALS (``SFI``, ``IFO``, ``ALLA``) is an acronym or emphasis, never a name.
- A word in ``deny`` is always a name, in any case and even in capitals (the analyst's explicit
  list wins over every other rule).
- A word in ``allow`` is never a name: municipalities, places, method and author names.
- Otherwise a candidate is a name if it is in the Swedish first-name list from the maintained
  ``names_dataset`` package. That list is noisy (it contains ``Inget``, ``Inte``, ``Allt``,
  ``Sverige``, ``Malmö`` ...), so at the *start of a sentence*, where every Swedish word is
  capitalised, a listed word is only a name if it is also not an ordinary word of this corpus (seen
  written in lower case somewhere) and its Swedish word frequency (wordfreq Zipf) is below
  :data:`SENTENCE_START_ZIPF`. Mid-sentence, Swedish capitalises proper nouns only, so a listed
  word there is a name (``Per`` mid-sentence is a name, ``Per månad`` at the start is not).
- Possessive: ``Mickes`` is the name ``Micke`` plus the genitive ``s``; only the name is replaced,
  so ``Mickes samordning`` becomes ``[namn]s samordning`` (the ``s`` says nothing about who it is
  and keeps the sentence readable).
- Hyphenated: ``Anna-Karin`` (or any hyphenated word with a capitalised part that is a name) is
  replaced as a whole by a single ``[namn]``, so no part of a double name survives.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import pickle
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from wordfreq import zipf_frequency

from collabstudy.atomic import write_text
from collabstudy.errors import StudyInputError

PLACEHOLDER = "[namn]"

# A first name from the list at the start of a sentence is taken for an ordinary word when its
# Swedish Zipf frequency is at least this (Inget 5.9, Per 5.5, Hans 5.8; Anna 4.96, Micke 3.9).
SENTENCE_START_ZIPF = 5.0

NAMES_PACKAGE = "names_dataset"
NAMES_RESOURCE = ("v3", "first_names.pkl.gz")
COUNTRY = "SE"

# A word: letters (with any combining accents), optionally joined by hyphens ("Anna-Karin").
# The placeholder is matched as one unit first, so its inner word is never judged.
_LETTER = r"[^\W\d_][\u0300-\u036f]*"
_WORD = rf"(?:{_LETTER})+(?:-(?:{_LETTER})+)*"
_TOKEN = re.compile(rf"{re.escape(PLACEHOLDER)}|{_WORD}")

# Before a word: these end a sentence ...
_SENTENCE_END = frozenset(".!?:…")
# ... and these open one when they stand after a space or a line start (a quote mark, a dash
# between spaces, a bullet, an opening bracket, a Markdown heading, quote or table cell).
_OPENERS = frozenset("\"'“”„«»‘’‹›-‐‑–—−•*·▪‣([#>|")

# Soft hyphen and zero-width characters: invisible, but they would split a name in two.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _letters(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


def _all_caps(word: str) -> bool:
    """SFI, IFO, ALLA, A-C: at least two letters and none of them lower case."""
    return _letters(word) >= 2 and word.upper() == word


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence: text or line start, after . ! ? : …, or after a
    quote mark / dash / bullet / bracket / Markdown # > | that itself follows a space or a sentence
    end (a closing quote glued to the previous word does not open one)."""
    i = start
    opened = False
    while i > 0:
        c = text[i - 1]
        if c in "\n\r\u2028\u2029\x0b\x0c":
            return True
        if c.isspace():
            i -= 1
            continue
        if c in _OPENERS:
            before = text[i - 2] if i >= 2 else ""
            if before == "" or before.isspace() or before in _OPENERS or before in _SENTENCE_END:
                opened = True
                i -= 1
                continue
            return False  # a closing quote or a hyphen glued to the previous word
        return c in _SENTENCE_END or opened
    return True


def _frequent(word: str) -> bool:
    return zipf_frequency(word.lower(), "sv") >= SENTENCE_START_ZIPF


# ---------------------------------------------------------------------------------------------
# The first-name list


def _names_from_package() -> frozenset[str]:
    try:
        resource = resources.files(NAMES_PACKAGE).joinpath(*NAMES_RESOURCE)
        with resource.open("rb") as raw, gzip.GzipFile(fileobj=raw) as unzipped:
            data = pickle.load(unzipped)
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise StudyInputError(
            f"namnlistan kunde inte läsas ur paketet {NAMES_PACKAGE} ({exc}); bygg om miljön med 'make setup'"
        ) from exc
    names = set()
    for name, info in data.items():
        rank = info.get("rank") if isinstance(info, dict) else None
        if isinstance(name, str) and rank and COUNTRY in rank and name.strip():
            names.add(name.strip())
    return frozenset(names)


def load_first_names(cache_file: Path | None = None) -> frozenset[str]:
    """Swedish first names: every name in names_dataset whose 'rank' has 'SE'.

    Reading the package's list takes ~5 s, so if `cache_file` is given and exists, the names are
    read from it instead (UTF-8, one per line, as :func:`write_first_names_cache` writes it). The
    cache is never written here.
    """
    if cache_file is not None and Path(cache_file).exists():
        path = Path(cache_file)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise StudyInputError(f"namnlistan är inte UTF-8 ({exc.reason})", file=str(path)) from exc
        names = frozenset(line.strip() for line in text.split("\n") if line.strip())
        if not names:
            raise StudyInputError(
                "namnlistan är tom, så inga namn skulle hittas; ta bort filen och bygg den igen", file=str(path)
            )
        return names
    return _names_from_package()


def write_first_names_cache(path: Path) -> int:
    """Compute the Swedish first names from names_dataset and write them atomically, sorted, one per
    line. Returns how many."""
    names = sorted(_names_from_package())
    write_text(Path(path), "".join(f"{name}\n" for name in names))
    return len(names)


# ---------------------------------------------------------------------------------------------
# Finding and replacing names


@dataclass(frozen=True)
class NameDetector:
    """Finds personal names in Swedish free text (rules in the module docstring).

    `allow`, `deny` and `ordinary` are compared case-insensitively; `ordinary` holds the corpus'
    lower-case words (see :meth:`build`).
    """

    first_names: frozenset[str]
    allow: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()
    _first: frozenset[str] = field(init=False, repr=False, compare=False)
    _allow: frozenset[str] = field(init=False, repr=False, compare=False)
    _deny: frozenset[str] = field(init=False, repr=False, compare=False)
    _ordinary: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for public in ("first_names", "allow", "deny", "ordinary"):
            words = getattr(self, public)
            if isinstance(words, str):
                raise TypeError(f"{public} ska vara en mängd ord, inte en sträng")
            words = frozenset(words)
            object.__setattr__(self, public, words)
            object.__setattr__(self, f"_{public.split('_')[0]}", frozenset(_fold(w) for w in words))

    @classmethod
    def build(cls, first_names: Iterable[str], allow: Iterable[str] = (), deny: Iterable[str] = (),
              corpus: Iterable[str] = ()) -> NameDetector:
        """A detector whose ordinary words are every word written in lower case somewhere in
        `corpus` (e.g. all free-text answers): 'inget' seen in lower case makes a sentence-initial
        'Inget' an ordinary word, not the name Inget."""
        ordinary: set[str] = set()
        for text in corpus:
            for match in _TOKEN.finditer(text):
                word = match.group()
                if word == PLACEHOLDER:
                    continue
                for part in {word, *word.split("-")}:
                    if part and part == part.lower() and part != part.upper():
                        ordinary.add(_fold(part))
        return cls(frozenset(first_names), frozenset(allow), frozenset(deny), frozenset(ordinary))

    def _word_name_length(self, word: str, at_start: bool) -> int:
        """Length of the name at the start of `word` (the word itself, or without a possessive s),
        0 if it is not a name."""
        stems = [word]
        if len(word) > 2 and word.endswith("s"):
            stems.append(word[:-1])
        for stem in stems:
            if _letters(stem) >= 2 and _fold(stem) in self._deny:
                return len(stem)
        if not word[:1].isupper() or _all_caps(word):
            return 0
        for stem in stems:
            folded = _fold(stem)
            if folded in self._allow:
                return 0
            if folded in self._first:
                if at_start and any(_fold(w) in self._ordinary or _frequent(w) for w in {word, stem}):
                    return 0
                return len(stem)
        return 0

    def _name_length(self, token: str, at_start: bool) -> int:
        length = self._word_name_length(token, at_start)
        if length or "-" not in token:
            return length
        parts = token.split("-")
        if any(self._word_name_length(part, at_start and i == 0) for i, part in enumerate(parts)):
            return len(token)
        return 0

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every personal name in `text`, in order. For a possessive
        ('Mickes') the span is the name without its s."""
        found = []
        for match in _TOKEN.finditer(text):
            token = match.group()
            if token == PLACEHOLDER:
                continue
            start = match.start()
            if not self._deny and not any(part[:1].isupper() for part in token.split("-")):
                continue  # cheap exit: without a deny list only capitalised words can be names
            length = self._name_length(token, _at_sentence_start(text, start))
            if length:
                found.append((start, start + length, token[:length]))
        return found

    def redact(self, text: str) -> str:
        """`text` with every found name replaced by :data:`PLACEHOLDER` ('Mickes' -> '[namn]s',
        'Anna-Karin' -> '[namn]'). Idempotent; without a deny list, text with no capitalised word is
        returned unchanged."""
        pieces, last = [], 0
        for start, end, _ in self.find(text):
            pieces += [text[last:start], PLACEHOLDER]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


# ---------------------------------------------------------------------------------------------
# Checking outputs


@dataclass(frozen=True)
class NameLeak:
    """Where a name was found, described without the name: its first letter and length only."""

    where: str
    initial: str
    letters: int

    def describe(self) -> str:
        return f"ett personnamn ({self.initial}…, {self.letters} bokstäver) i {self.where}"


class NameLeakError(StudyInputError):
    """A personal name reached an output. The message (Swedish) lists every place but never a whole
    name, so the error itself cannot leak one."""

    def __init__(self, leaks: list[NameLeak]):
        self.leaks = list(leaks)
        advice = (f"ersätt namnet med {PLACEHOLDER} (collabstudy.redaction), eller lägg ordet i "
                  "params survey.names.allow om det inte är ett personnamn")
        if len(self.leaks) == 1:
            message = f"{self.leaks[0].describe()} — {advice}"
        else:
            lines = "\n".join(f"- {leak.describe()}" for leak in self.leaks)
            message = f"{len(self.leaks)} personnamn hittades — {advice}:\n{lines}"
        super().__init__(message, file=self.leaks[0].where if len(self.leaks) == 1 else None)

    def _compose(self) -> str:
        return f"Anonymitetskontroll: {self.problem}"


def check_no_names(items: Iterable[tuple[str, str]], detector: NameDetector) -> None:
    """Raise :class:`NameLeakError` listing every personal name found; `items` are (where, text),
    e.g. ('build/x/report.html', text)."""
    leaks = [
        NameLeak(where, name[:1], _letters(name))
        for where, text in items
        for _, _, name in detector.find(text)
    ]
    if leaks:
        raise NameLeakError(leaks)


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "template"})
    _INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i",
                         "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
                         "u", "var", "wbr"})
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


SCANNED_SUFFIXES = (".html", ".htm", ".csv", ".json", ".md", ".txt", ".ipynb")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StudyInputError(f"filen är inte UTF-8 ({exc.reason}), så den kan inte sökas efter namn",
                              file=str(path)) from exc
    except OSError as exc:
        raise StudyInputError(f"filen kan inte läsas ({exc.strerror})", file=str(path)) from exc


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
    elif suffix in (".md", ".txt"):
        # A line break ends a sentence for the detector, so line by line finds the same names.
        for number, line in enumerate(_read(path).split("\n"), start=1):
            yield f"{where}, rad {number}", line
    else:
        raise StudyInputError(
            f"kan inte söka efter namn i filtypen '{path.suffix}' (bara {', '.join(SCANNED_SUFFIXES)})",
            file=where)


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


def scan_files(paths: Iterable[Path | str], detector: NameDetector) -> None:
    """Check that no personal name is in the given files (.html/.htm as their visible text, .csv
    cell by cell, .json every key and string, .md/.txt line by line, .ipynb every cell source and
    text output); a folder means every such file under it. Raises :class:`NameLeakError` listing
    every name found, :class:`StudyInputError` for a missing or unreadable file."""
    files = _expand(paths)
    check_no_names((item for path in files for item in _file_items(path)), detector)


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="collabstudy.redaction",
                                     description="Personnamn i fritextsvar: namnlistan för anonymitetskontrollen.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-name-list", help="skriv de svenska förnamnen ur names_dataset till en fil")
    build.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "build-name-list":
            count = write_first_names_cache(args.output)
            print(f"Skrev {count} svenska förnamn till {args.output}", flush=True)
            return 0
    except StudyInputError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
