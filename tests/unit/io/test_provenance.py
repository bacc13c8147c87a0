"""Every raw file has a provenance record: where each row stands in the source, and a checksum."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from collabstudy.io.delivered import read_table
from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/

RAW = ROOT / "data" / "raw"
RECORD = yaml.safe_load((RAW / "provenance.yaml").read_text(encoding="utf-8"))
# A study folder made by `make new-study` (data/raw/<name>/) keeps its own delivery log in its LÄSMIG.md;
# provenance.yaml records the published study's files.
STUDY_FOLDERS = sorted(p.parent for p in RAW.glob("*/LÄSMIG.md"))
RAW_FILES = sorted(
    str(p.relative_to(RAW))
    for p in RAW.rglob("*")
    if p.is_file()
    and p.name not in ("provenance.yaml", "README.md")
    and not any(p.is_relative_to(folder) for folder in STUDY_FOLDERS)
)


def test_every_raw_file_has_a_record_and_every_record_a_file():
    assert sorted(RECORD["files"]) == RAW_FILES


@pytest.mark.parametrize("folder", STUDY_FOLDERS, ids=[f.name for f in STUDY_FOLDERS])
def test_a_new_study_folder_keeps_a_delivery_log(folder):
    assert "## Leveranslogg" in (folder / "LÄSMIG.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", RAW_FILES)
def test_checksum_matches_the_record(name):
    digest = hashlib.sha256((RAW / name).read_bytes()).hexdigest()
    assert digest == RECORD["files"][name]["sha256"], (
        f"{name} har ändrats sedan proveniensen skrevs. data/raw är oföränderlig indata: "
        "skriv i provenance.yaml vad som ändrats och varför, och uppdatera kontrollsumman."
    )


@pytest.mark.parametrize("name", RAW_FILES)
def test_every_data_row_points_to_source_lines(name):
    entry = RECORD["files"][name]
    if "generated_by" in entry:
        assert (RAW.parents[1] / entry["generated_by"]).is_file()
        return  # tests/test_survey_reconstruction.py rebuilds it and compares
    if "sections" in entry:  # a text (the evaluators' own): every heading points to its source lines
        headings = [
            line.lstrip("#").strip()
            for line in (RAW / name).read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        ]
        assert sorted(headings) == sorted(entry["sections"]), f"{name}: rubriker och proveniens skiljer sig"
        assert all(str(s["lines"]).strip() for s in entry["sections"].values()), f"{name}: rubrik utan källrader"
        return
    table = read_table(RAW / name, name)
    if "rows_from_column" in entry:
        column = entry["rows_from_column"]
        empty = table.frame.loc[table.frame[column].str.strip() == "", "_row"].tolist()
        assert not empty, f"{name}: rader utan källrader i '{column}': {empty}"
        return
    rows = set(table.frame["_row"])
    recorded = entry["rows"]
    assert rows == set(recorded), f"{name}: rader utan proveniens {sorted(rows - set(recorded))}"
    for row, line_entry in recorded.items():
        assert str(line_entry["lines"]).strip(), f"{name} rad {row} saknar källrader"


@pytest.mark.parametrize("name", RAW_FILES)
def test_record_says_what_where_and_how_sure(name):
    entry = RECORD["files"][name]
    for field in ("what", "where", "certainty"):
        assert entry.get(field), f"{name} saknar '{field}' i proveniensen"


def test_cited_source_lines_exist_in_the_source_text():
    source = ROOT.parent / RECORD["source"]["text_file"]
    if not source.is_file():
        pytest.skip("källtexten ligger utanför projektet och finns inte här")
    length = len(source.read_text(encoding="utf-8").splitlines())
    for name, entry in RECORD["files"].items():
        for row, line_entry in [*entry.get("rows", {}).items(), *entry.get("sections", {}).items()]:
            for number in _numbers(str(line_entry["lines"])):
                assert 1 <= number <= length, f"{name} rad {row}: källrad {number} finns inte"


def _numbers(text: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"\d+", text)]


def test_the_record_is_read_again_when_the_file_changes(tmp_path):
    import os

    from collabstudy.io.provenance import Provenance

    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    record = raw / "provenance.yaml"
    record.write_text("files:\n  a.csv:\n    rows: {2: {lines: '12'}}\n", encoding="utf-8")
    assert Provenance(tmp_path).lines("data/raw/a.csv", 2) == "12"
    record.write_text("files:\n  a.csv:\n    rows: {2: {lines: '14'}}\n", encoding="utf-8")
    os.utime(record, ns=(1, 1))  # the same size, another time: a corrected record
    assert Provenance(tmp_path).lines("data/raw/a.csv", 2) == "14"
