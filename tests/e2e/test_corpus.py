"""The broken-input corpus (tests/corpus/): every realistic mistake stops with a Swedish message that
says where (file, row, column or params key), and leaves every previous output exactly as it was.
Excel's own encodings are read, not refused.

Besides the plain input cases, a case may be of another kind (tests/corpus/build_corpus.py, issue 29): `log`
(read, with its finding in the cleaning log at its place), `runs` (valid input that runs through, its missing
figures missing and no markup live), `rerun` (a corrected delivery with an older file time re-runs what reads
it) or `make` (a make command refused in Swedish, creating nothing). A case with `study: uppfoljning` breaks
the follow-up an analyst makes with `make new-study`, its templates filled in.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from corpus.follow_up import make_follow_up

from collabstudy.cleaning import deliveries
from collabstudy.cleaning.deliveries import read_delivered
from collabstudy.runner.__main__ import main
from collabstudy.runner.execute import execute
from collabstudy.study.paths import CODE_PROJECT

# Runs the real notebooks, make or a browser.
pytestmark = pytest.mark.slow

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
CORPUS = ROOT / "tests" / "corpus"
CASES = yaml.safe_load((CORPUS / "index.yaml").read_text(encoding="utf-8"))["cases"]
INPUT = [c for c in CASES if c.get("kind") is None]
BROKEN = [c for c in INPUT if not c["reads_correctly"]]
READABLE = [c for c in INPUT if c["reads_correctly"]]
LOGGED, RUNS, RERUNS, MAKES = ([c for c in CASES if c.get("kind") == kind] for kind in ("log", "runs", "rerun", "make"))
KINDS = {None, "log", "runs", "rerun", "make"}
STUDY = "svedala-trelleborg-2023"
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
NAMES_CACHE = ROOT / "build" / "cache" / "names-se.tsv"
PREVIOUS = [
    "notebooks/01_cleaning.ipynb",
    "notebooks/03_survey.ipynb",
    "processed/rolling_12m.csv",
    "processed/cleaning_log.csv",
    "results/01_cleaning.json",
    "results/03_survey.json",
    "reports/04_conclusions.html",
]


def _ids(cases, on_published_run: bool = False) -> list[str]:
    """Case names as test ids; a case that reads the published study's `make run` (made_project, run once per
    session and copied to each worker: e2e/conftest.py) says so with `publicerad` in its id."""
    return [f"publicerad-{c['name']}" if on_published_run else c["name"] for c in cases]


def test_the_corpus_has_at_least_25_broken_inputs():
    assert len(BROKEN) >= 25 and all((CORPUS / c["name"]).is_file() for c in CASES)


def test_every_case_is_of_a_known_kind_and_every_kind_has_cases():
    assert {c.get("kind") for c in CASES} == KINDS


def _study_for(case, study):
    """The study the case breaks: the published one, or the follow-up made from it with `make new-study`."""
    if case.get("study") == "uppfoljning":
        study.params_file = make_follow_up(study.root)
    return study


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


@pytest.mark.parametrize("case", BROKEN, ids=_ids(BROKEN))
def test_broken_input_stops_in_swedish_naming_the_place(case, study, tmp_path, capsys):
    study = _study_for(case, study)
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
    assert "Traceback" not in message
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
    if "kan peka ut en person" in case["expect"]:  # a stop for review leaves its file
        assert (out / "granskning" / "namnkandidater.csv").is_file()


@pytest.mark.parametrize("case", READABLE, ids=_ids(READABLE))
def test_excel_encodings_are_read_correctly(case, study):
    study = _study_for(case, study)
    reference = _read(study.load())
    _install(study, case)
    for found, expected in zip(_read(study.load()), reference, strict=True):
        assert found.equals(expected)


def _read(params):
    """The cleaned statistics as the cleaning step reads them (without source cells), and the survey export's
    respondents and answers, to compare deliveries."""
    tables = read_delivered(params)
    return tables.observations.drop(columns=["file"]), tables.survey_respondents, tables.survey_export.answers


@pytest.mark.parametrize("case", LOGGED, ids=_ids(LOGGED))
def test_a_finding_is_read_and_logged_at_its_place(case, study):
    """Read, not refused: the cleaning log holds each finding at its cell, saying what the study does."""
    study = _study_for(case, study)
    _install(study, case)
    params = study.load()
    log = deliveries.run_checks(deliveries.check_deliveries(params), params)
    for check, row, column in case["logged"]:
        found = log[(log["check"] == check) & (log["row"] == row) & (log["column"] == column)]
        assert len(found) == 1, (check, row, column, log[["check", "row", "column"]].to_string())
        assert found["severity"].iloc[0] != "ok" and found["action"].iloc[0]
    shown = Path(case["replaces"]).name
    named = log[log["check"].isin([check for check, _, _ in case["logged"]])]
    assert named["problem"].str.contains(case["expect"], regex=False).any()
    assert named["file"].str.endswith(shown).all()


@pytest.mark.parametrize("case", RUNS, ids=_ids(RUNS, on_published_run=True))
def test_valid_input_runs_through_missing_what_is_missing(case, study, made_project):
    """Steps run on a copy of the published study's first `make run`, the case's file in place: each succeeds,
    a figure the delivery left empty is recorded as missing, and no markup from the file is live on a page."""
    project, first = made_project
    assert first.returncode == 0, first.stderr
    build = study.root / "build" / STUDY
    shutil.copytree(project / "build" / STUDY, build, ignore=shutil.ignore_patterns(".make", ".staging-*"))
    _install(study, case)
    cache = str(NAMES_CACHE) if NAMES_CACHE.is_file() else ""
    for step in case["steps"]:
        code = execute(ROOT / "notebooks" / f"{step}.ipynb", study.params_file, build, "collabstudy", cache, True)
        assert code == 0, f"{step} stoppades på giltiga indata ({case['name']})"
    for step, statuses in (case.get("statuses") or {}).items():
        results = json.loads((build / "results" / f"{step}.json").read_text(encoding="utf-8"))["results"]
        assert {key: results[key]["status"] for key in statuses} == statuses
    for step in case["steps"]:
        page = (build / "pages" / f"{step}.html").read_text(encoding="utf-8")
        for text in case.get("page_lacks", []):
            assert text not in page, f"{text!r} på sidan {step}"


def _steps_make_would_run(project: Path) -> list[str]:
    dry = subprocess.run(
        ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", "-n", "run"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dry.returncode == 0, dry.stderr
    return [step for step in STEPS if f"--notebook notebooks/{step}.ipynb" in dry.stdout]


@pytest.mark.parametrize("case", RERUNS, ids=_ids(RERUNS, on_published_run=True))
def test_a_corrected_delivery_with_an_older_file_time_reruns_the_steps_that_read_it(case, made_project):
    """Saved with `cp -p`, unzipped or from a mail client: the corrected file is older than the outputs made
    from the first one, and its content alone decides (an hour older than the file it replaces)."""
    project, first = made_project
    assert first.returncode == 0, first.stderr
    target = project / case["replaces"]
    original, status = target.read_bytes(), target.stat()
    try:
        target.write_bytes((CORPUS / case["name"]).read_bytes())
        older = status.st_mtime_ns - 3600 * 10**9
        os.utime(target, ns=(older, older))
        assert _steps_make_would_run(project) == case["reruns"]
    finally:
        target.write_bytes(original)
        os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert _steps_make_would_run(project) == []  # the content the outputs were made from: nothing to run


@pytest.mark.parametrize("case", MAKES, ids=_ids(MAKES, on_published_run=True))
def test_a_make_command_it_cannot_take_is_refused_in_swedish_and_runs_nothing(case, made_project):
    """The file holds the command's arguments, one a line, as an analyst would type them."""
    project, _ = made_project
    arguments = (CORPUS / case["name"]).read_text(encoding="utf-8").splitlines()
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", *arguments],
        cwd=project / case["cwd"] if case.get("cwd") else project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and case["expect"] in printed, printed
    assert "Traceback" not in printed and "No rule to make target" not in printed
    for path in case["creates"]:
        assert not (project / path).exists(), path
