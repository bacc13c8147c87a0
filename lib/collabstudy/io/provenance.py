"""Where each raw value stands in the source: read from data/raw/provenance.yaml."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from .delivered import read_table


class Provenance:
    """The provenance record of a study's raw files (empty when the study has none)."""

    def __init__(self, root: Path):
        self.raw = root / "data" / "raw"
        path = self.raw / "provenance.yaml"
        self.record = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {"files": {}}
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
