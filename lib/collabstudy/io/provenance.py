"""Where each raw value stands in the source: read from data/raw/provenance.yaml."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from ..study.params_yaml import SAFE_LOADER
from .delivered import read_table


class Provenance:
    """The provenance record of a study's raw files (empty when the study has none)."""

    def __init__(self, root: Path):
        self.raw = root / "data" / "raw"
        path = self.raw / "provenance.yaml"
        # libyaml where PyYAML has it: the report's appendices read the record seven times
        self.record = yaml.load(path.read_text(encoding="utf-8"), SAFE_LOADER) if path.is_file() else {"files": {}}
        self._columns: dict[str, dict[int, str]] = {}

    def lines(self, file: str, row: int | None) -> str:
        """Source lines of a raw file's row ('rad 412'), or '' when not recorded."""
        name = file.split("data/raw/", 1)[-1]
        entry = self.record.get("files", {}).get(name)
        if entry is None or row is None:
            return ""
        if "rows" in entry:
            found = entry["rows"].get(int(row))
            return str(found["lines"]) if found else ""
        if "rows_from_column" in entry:
            if name not in self._columns:
                table = read_table(self.raw / name, name)
                column = entry["rows_from_column"]
                self._columns[name] = dict(zip(table.frame["_row"], table.frame[column]))
            return str(self._columns[name].get(int(row), ""))
        return ""

    def place(self, lines: str) -> str:
        """Where source lines stand, as a reader finds them in the PDF: 'avsnitt 5 Resultat, s. 11–13' (the
        section and the pages between the surviving page markers); '' without a record of the source."""
        source = self.record.get("source") or {}
        sections, ends = source.get("sections") or [], source.get("page_ends") or {}
        if not sections:
            return ""
        places = []
        for first in (int(m.group(1)) for m in re.finditer(r"(\d+)(?:\s*[-–]\s*\d+)?", str(lines))):
            section = next((s for s in reversed(sections) if s["line"] <= first), sections[0])
            pages = _pages(first, {int(page): int(line) for page, line in ends.items()})
            said = f"avsnitt {section['number']} {section['title']}" + (f", s. {pages}" if pages else "")
            if said not in places:
                places.append(said)
        return "; ".join(places)

    def readers_text(self, text: str) -> str:
        """A text that cites source lines ('rad 45, 389 i källan', 'rad 588-592:') with the places a reader
        finds in the PDF instead (unchanged without a record of the source's sections)."""
        if not (self.record.get("source") or {}).get("sections"):
            return text
        return _CITED_LINES.sub(lambda m: f"i källan: {self.place(m.group('lines'))}", str(text))

    def checksums(self, paths: list[Path] | None = None) -> list[dict]:
        """Raw files (`paths`: the files one study reads; by default every file under data/raw/) with
        their recorded and their actual sha256."""
        rows = []
        if paths is None:
            paths = [p for p in self.raw.rglob("*") if p.is_file() and p.name not in ("provenance.yaml", "README.md")]
        inside = {p.resolve() for p in paths if p.resolve().is_relative_to(self.raw.resolve())}  # a file once
        for path in sorted(inside):
            name = str(path.resolve().relative_to(self.raw.resolve()))
            recorded = self.record.get("files", {}).get(name, {}).get("sha256", "")
            rows.append({"file": name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "recorded": recorded})
        return rows


# 'rad 45, 45-47, 389 i källan', 'rader 563–573', 'rad 588-592' in a finding's text; a row of a data file
# ('kodbok.csv, rad 9') is a row of that file, not a line of the source, and is left as it is.
_CITED_LINES = re.compile(
    r"(?<!\.csv, )(?<!\.xlsx, )\brad(?:er|erna)? (?P<lines>\d+(?:\s*[-–]\s*\d+)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*)(?: i källan)?"
)


def _pages(line: int, ends: dict[int, int]) -> str:
    """The pages a line can be on: between the last page end before it and the first after ('11–13')."""
    before = [(page, end) for page, end in sorted(ends.items()) if end < line]
    after = [page for page, end in sorted(ends.items()) if end >= line]
    if not after:
        return ""
    first, last = (before[-1][0] + 1 if before else 1), after[0]
    return str(first) if first == last else f"{first}–{last}"
