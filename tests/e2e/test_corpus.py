"""The broken-input corpus (tests/corpus/): every realistic mistake stops with a Swedish message that
says where (file, row, column or params key), and leaves every previous output exactly as it was.
Excel's own encodings are read, not refused."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from collabstudy.cleaning.deliveries import read_delivered
from collabstudy.runner.__main__ import main
from collabstudy.study.paths import CODE_PROJECT

# Runs the real notebooks, make or a browser.
pytestmark = pytest.mark.slow

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
CORPUS = ROOT / "tests" / "corpus"
CASES = yaml.safe_load((CORPUS / "index.yaml").read_text(encoding="utf-8"))["cases"]
BROKEN = [c for c in CASES if not c["reads_correctly"]]
READABLE = [c for c in CASES if c["reads_correctly"]]
PREVIOUS = [
    "notebooks/01_cleaning.ipynb",
    "notebooks/03_survey.ipynb",
    "processed/rolling_12m.csv",
    "processed/cleaning_log.csv",
    "results/01_cleaning.json",
    "results/03_survey.json",
    "reports/04_conclusions.html",
]


def test_the_corpus_has_at_least_25_broken_inputs():
    assert len(BROKEN) >= 25 and all((CORPUS / c["name"]).is_file() for c in CASES)


def _install(study, case) -> None:
    """The case's file in place of the one it replaces; a delivery in another format is also renamed in
    the params file (`params`: old and new path), as the analyst would."""
    target = study.root / case["replaces"]
    shutil.copy2(CORPUS / case["name"], target)
    if case.get("params"):
        study.replace_in(study.params_file, case["params"]["old"], case["params"]["new"])


def _previous_outputs(folder: Path) -> dict[str, str]:
    for name in PREVIOUS:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"tidigare resultat: {name}\n", encoding="utf-8")
    return _digests(folder)


def _digests(folder: Path) -> dict[str, str]:
    """Every output's digest; the anonymity review file (granskning/, the analyst's, never published) and
    make's and the runner's own files (.make/: variables, locks) aside."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in ("granskning", ".make")
    }


@pytest.mark.parametrize("case", BROKEN, ids=[c["name"] for c in BROKEN])
def test_broken_input_stops_in_swedish_naming_the_place(case, study, tmp_path, capsys):
    _install(study, case)
    out = tmp_path / "build"
    before = _previous_outputs(out)
    code = main(
        [
            "execute",
            "--notebook",
            str(ROOT / "notebooks" / f"{case['step']}.ipynb"),
            "--params",
            str(study.params_file),
            "--output-dir",
            str(out),
            "--kernel",
            "collabstudy",
        ]
    )
    message = capsys.readouterr().err
    assert code != 0
    assert "Fel i indata" in message and case["expect"] in message, message
    shown = Path(case["replaces"]).name
    assert shown in message, message
    if case["row"] is not None:
        assert f"rad {case['row']}" in message, message
    if case["column"] is not None:
        assert f"kolumn '{case['column']}" in message, message
    if case["key"] is not None:
        assert f"parameter '{case['key']}'" in message, message
    assert _digests(out) == before
    assert not list(out.glob(".staging-*"))
    if "personnamn" in case["expect"] and case["step"] == "01_cleaning":  # a stop for review leaves its file
        assert (out / "granskning" / "namnkandidater.csv").is_file()


@pytest.mark.parametrize("case", READABLE, ids=[c["name"] for c in READABLE])
def test_excel_encodings_are_read_correctly(case, study):
    reference = _observations(study.load())
    _install(study, case)
    assert _observations(study.load()).equals(reference)


def _observations(params):
    """The cleaned statistics as the cleaning step reads them (without source cells), to compare deliveries."""
    return read_delivered(params).observations.drop(columns=["file"])
