"""The Makefile on a copy of the project: incremental runs, failure safety, another params file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from e2e.conftest import run_make

from collabstudy.study.paths import CODE_PROJECT

# Runs make on this worker's copy of the published study's `make run` (e2e/conftest.py: made_project).
pytestmark = pytest.mark.slow

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
STUDY = "svedala-trelleborg-2023"


_make = run_make  # the copy uses this environment, never rebuilt for the copy's newer files


@pytest.fixture
def project(made_project) -> Path:
    """The tracked files of the project, copied with their times (no build/ but the names cache, no .venv)."""
    return made_project[0]


@pytest.fixture
def first_run(made_project) -> subprocess.CompletedProcess:
    """The copy's first `make run` (once per session; the published study's end-to-end tests read it too)."""
    return made_project[1]


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".make" not in p.parts
    }


def test_make_alone_lists_the_targets(project):
    result = _make(project)
    assert result.returncode == 0
    for target in ("run", "test", "lab", "clean"):
        assert f"make {target}" in result.stdout


def test_run_executes_the_notebooks_and_exports_html(project, first_run):
    assert first_run.returncode == 0, first_run.stderr
    assert (project / "build" / STUDY / "notebooks" / "01_cleaning.ipynb").is_file()
    assert (project / "build" / STUDY / "reports" / "01_cleaning.html").is_file()


def test_a_successful_run_prints_no_error_text(first_run):
    assert first_run.returncode == 0, first_run.stderr
    printed = first_run.stdout + first_run.stderr
    for noise in ("ERROR", "Error", "Traceback", "KeyboardInterrupt", "Warning"):
        assert noise not in printed, printed
    assert "Publicerad: build/svedala-trelleborg-2023/reports/" in first_run.stdout


def test_what_a_run_kept_of_the_respondents_text_is_gone_when_it_has_ended(project, first_run):
    """The steps keep the export's rows and the words the lexicon was asked about for each other (io.kept); the
    run removes them as it ends. The charts' drawings stay for the next run."""
    assert first_run.returncode == 0, first_run.stderr
    kept = project / "build" / STUDY / ".make" / "sparat"
    assert not (kept / "rader").exists() and not (kept / "ordlistan").exists()
    assert list((kept / "diagram").glob("*.pickle"))


def test_a_second_run_executes_nothing(project, first_run):
    result = _make(project, "run")
    assert result.returncode == 0
    assert "Kör " not in result.stdout and "Exporterad" not in result.stdout


def test_a_failing_step_exits_non_zero_and_keeps_every_output(project, first_run):
    before = _digests(project / "build" / STUDY)
    raw = project / "data" / "raw" / "statistics" / "rullande-12-manader.csv"
    original, stat = raw.read_text(encoding="utf-8"), raw.stat()
    raw.write_text(original.replace("Totalt avslutade;122;507", "Totalt avslutade;-122;507"), encoding="utf-8")
    try:
        result = _make(project, "run")
        assert result.returncode != 0
        assert "rullande-12-manader.csv" in result.stderr and "rad 4" in result.stderr
        after = {k: v for k, v in _digests(project / "build" / STUDY).items() if not k.startswith("failed/")}
        assert after == before
        # make must not take the failed step as done: a dry run still wants to execute it.
        assert "execute" in _make(project, "-n", "run").stdout
    finally:
        raw.write_text(original, encoding="utf-8")
        os.utime(raw, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as before: later tests see an up-to-date build


def test_a_later_step_failing_leaves_the_published_report_as_it_was(project, first_run):
    assert first_run.returncode == 0, first_run.stderr
    reports = project / "build" / STUDY / "reports"
    before = _digests(reports)
    coding = project / "data" / "raw" / "survey" / "kodning.csv"
    original, stat = coding.read_bytes(), coding.stat()
    coding.write_bytes((ROOT / "tests" / "corpus" / "kodning-okant-tema.csv").read_bytes())
    try:
        result = _make(project, "run")
        assert result.returncode != 0
        assert "Steget 03_survey stoppades" in result.stderr
        assert "Den publicerade rapporten i build/svedala-trelleborg-2023/reports/ är oförändrad" in result.stderr
        assert _digests(reports) == before and "Publicerad" not in result.stdout
    finally:
        coding.write_bytes(original)
        os.utime(coding, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_second_run_of_the_same_study_waits_for_the_first(project, first_run):
    import fcntl

    assert first_run.returncode == 0, first_run.stderr
    lock = project / "build" / STUDY / ".make" / "locks" / "run.lock"
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a first `make run` holds it
        second = subprocess.Popen(
            ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", "run"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        waiting = second.stdout.readline()
        assert "En annan körning av studien svedala-trelleborg-2023 pågår; väntar" in waiting
        time.sleep(0.5)
        assert second.poll() is None  # still waiting
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "Kör " not in out  # the first run (here: none) left everything up to date


def test_another_params_file_runs_into_its_own_folder(project, first_run):
    other = project / "params" / "annan-studie.yaml"
    shutil.copy2(project / "params" / f"{STUDY}.yaml", other)
    # One step is enough to show where another study's outputs go (and keeps the test quick).
    target = "build/annan-studie/notebooks/01_cleaning.ipynb"
    result = _make(project, target, "PARAMS=params/annan-studie.yaml")
    assert result.returncode == 0, result.stderr
    assert (project / "build" / "annan-studie" / "results" / "01_cleaning.json").is_file()
    assert not (project / "build" / "annan-studie" / "results" / "01_cleaning.json").samefile(
        project / "build" / STUDY / "results" / "01_cleaning.json"
    )


def test_a_bad_params_file_stops_before_any_notebook_runs(project, first_run):
    bad = project / "params" / "trasig.yaml"
    text = (project / "params" / f"{STUDY}.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("baseline_year: 2019", "baseline_yera: 2019"), encoding="utf-8")
    result = _make(project, "run", "PARAMS=params/trasig.yaml")
    assert result.returncode != 0
    assert "baseline_yera" in result.stderr and "okänd nyckel" in result.stderr
    assert not (project / "build" / "trasig" / "notebooks").exists()


def _steps_make_would_run(project: Path) -> list[str]:
    dry = _make(project, "-n", "run")
    assert dry.returncode == 0, dry.stderr
    return [
        step
        for step in ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
        if f"--notebook notebooks/{step}.ipynb" in dry.stdout
    ]


@contextlib.contextmanager
def _touched(path: Path):
    """The file as if just edited (content unchanged); its old time comes back afterwards."""
    before = path.stat()
    later = time.time() + 5  # newer than anything the first run wrote, whatever the clock's resolution
    os.utime(path, (later, later))
    try:
        yield
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_survey_data_change_reruns_only_the_survey_and_the_conclusions(project, first_run):
    assert first_run.returncode == 0, first_run.stderr
    assert _steps_make_would_run(project) == []
    with _touched(project / "data" / "raw" / "survey" / "kodning.csv"):
        assert _steps_make_would_run(project) == ["03_survey", "04_conclusions"]


def test_an_outcome_module_change_reruns_only_the_outcomes_and_the_conclusions(project, first_run):
    assert first_run.returncode == 0, first_run.stderr
    with _touched(project / "lib" / "collabstudy" / "outcomes" / "monthly.py"):
        assert _steps_make_would_run(project) == ["02_outcomes", "04_conclusions"]


def test_a_template_change_rebuilds_every_page(project, first_run):
    assert first_run.returncode == 0, first_run.stderr
    with _touched(project / "templates" / "rapport" / "rapport.css"):
        assert _steps_make_would_run(project) == ["01_cleaning", "02_outcomes", "03_survey", "04_conclusions"]
