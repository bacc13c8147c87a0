"""End-to-end fixtures: the studies (the published one, the fictional one and its follow-up), each built once
per test session and shared by every xdist worker.

The first worker that needs a study builds it in a folder of the session that every worker sees
(`_shared`, under a lock; a worker that needs it meanwhile waits), and each worker then works on its own copy
of it (`_own_copy`, file times kept, so make sees it as up to date): a test may change its copy (and puts it
back), never another worker's. So no study is run twice, and the tests that read a study need not wait for
one worker: tests/conftest.py hands them out one by one.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from e2e.report_fixture import Reports, export_reports

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT
PARAMS_NAME = "svedala-trelleborg-2023.yaml"
FICTIONAL = ROOT / "tests" / "fixtures" / "fiktiv-studie"


STUDIES = {
    "publicerad": (ROOT, PARAMS_NAME),
    "fiktiv": (FICTIONAL, "fiktiv-2025.yaml"),
    # the fictional follow-up: deliveries only, the fictional study as its previous evaluation
    "uppfoljning": (FICTIONAL, "fiktiv-2026.yaml"),
}
STEPS = ("01_cleaning", "02_outcomes", "03_survey")
NAMES_CACHE = ROOT / "build" / "cache" / "names-se.tsv"  # make's (`make test` builds it first)


class ExecutedStudy:
    """A study run end to end with papermill (all notebooks) in a temporary project."""

    def __init__(self, root: Path, params_name: str):
        import yaml

        self.root = root
        self.params_file = root / "params" / params_name
        self.build = root / "build" / Path(params_name).stem
        self.params = yaml.safe_load(self.params_file.read_text(encoding="utf-8"))

    def results(self, step: str) -> dict:
        return json.loads((self.build / "results" / f"{step}.json").read_text(encoding="utf-8"))["results"]


def study_project(source: Path, root: Path) -> Path:
    """A project of a study's data and params only (the notebooks and lib/ are this project's)."""
    shutil.copytree(source / "data", root / "data")
    shutil.copytree(source / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def run_study(name: str, tmp_path_factory, runs: dict | None = None) -> ExecutedStudy:
    """Notebooks 01–03 of one study, run with papermill in a temporary copy of its data and params.
    Studies of one fixture folder share the copy (`runs`: its "roots"); an earlier evaluation whose results
    are already in the copy is not run again."""
    from collabstudy.runner.execute import execute

    source, params_name = STUDIES[name]
    roots = runs.setdefault("roots", {}) if runs is not None else {}
    root = roots.get(source)
    if root is None:
        root = roots[source] = study_project(source, tmp_path_factory.mktemp(name) / "project")
    study = ExecutedStudy(root, params_name)
    cache = str(NAMES_CACHE) if NAMES_CACHE.is_file() else ""
    # An earlier evaluation runs first, in the same project, as `make run` does when its results are missing.
    earlier = [ExecutedStudy(root, Path(p).name) for p in study.params.get("previous_evaluations", [])]
    for each in [*earlier, study]:
        if (each.build / "results" / f"{STEPS[-1]}.json").is_file():
            continue  # run already in this copy
        for step in STEPS:
            code = execute(ROOT / "notebooks" / f"{step}.ipynb", each.params_file, each.build, "collabstudy", cache)
            assert code == 0, f"{step} misslyckades för {each.params_file.name}"
    return study


def _session_folder(tmp_path_factory) -> Path:
    """A folder of this session that every xdist worker sees (each worker's own base is a folder in it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _shared(name: str, tmp_path_factory, build: Callable[[Path], None]) -> Path:
    """`build(folder)` once per session, by whichever worker asks first; a worker asking while it builds waits
    for it. The folder it returns is never changed after that: copy it (`_own_copy`). A build that failed
    fails every test that asks for it, with its message, and is not tried again."""
    shared = _session_folder(tmp_path_factory) / "delade-studier"
    shared.mkdir(exist_ok=True)
    folder, done, failed = shared / name, shared / f"{name}.klar", shared / f"{name}.misslyckades"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failed.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                build(folder)
            except (Exception, pytest.fail.Exception) as error:
                failed.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
                raise
            done.touch()
    if failed.exists():
        pytest.fail(f"den delade körningen {name} misslyckades: {failed.read_text(encoding='utf-8')}")
    return folder


def _own_copy(shared: Path, tmp_path_factory, name: str) -> Path:
    """This worker's copy of a shared project, every file's time kept (make sees it up to date)."""
    project = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(shared / "project", project, symlinks=True)
    return project


@pytest.fixture(scope="session")
def _runs() -> dict:
    """Every study run or copied so far on this worker (a plain session fixture is never torn down before the
    end, whichever order the tests of different studies come in)."""
    return {}


def run_make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`make` in a copy of the project, on this environment (never rebuilt for the copy)."""
    command = ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)


def _build_published(folder: Path) -> None:
    """The tracked files of the project, copied with their times, and its first `make run`."""
    sys.path.insert(0, str(ROOT / "bench"))
    from benchmark import copy_project

    project = copy_project(folder / "project")
    first = run_make(project, "run")
    said = {"returncode": first.returncode, "stdout": first.stdout, "stderr": first.stderr}
    (folder / "make-run.json").write_text(json.dumps(said), encoding="utf-8")


@pytest.fixture(scope="session")
def made_project(_runs, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The tracked files of the project, copied with their times, and its first `make run`: what an analyst
    gets on a fresh clone. Run once per session (`_shared`); each worker has its own copy of the result.
    The published study's end-to-end tests read this run."""
    if "made" not in _runs:
        shared = _shared("publicerad", tmp_path_factory, _build_published)
        said = json.loads((shared / "make-run.json").read_text(encoding="utf-8"))
        first = subprocess.CompletedProcess(["make", "run"], said["returncode"], said["stdout"], said["stderr"])
        _runs["made"] = (_own_copy(shared, tmp_path_factory, "publicerad"), first)
    return _runs["made"]


def _build_fictional(name: str, tmp_path_factory) -> Callable[[Path], None]:
    """The fictional study (fiktiv), or its follow-up (uppfoljning) in a copy of the fictional study's run:
    notebooks 01–04 run with papermill and the pages exported and published as make does."""

    def build(folder: Path) -> None:
        root = folder / "project"
        if name == "uppfoljning":  # its earlier evaluation is the fictional study, already run
            earlier = _shared("fiktiv", tmp_path_factory, _build_fictional("fiktiv", tmp_path_factory))
            shutil.copytree(earlier / "project", root, symlinks=True)
        else:
            study_project(STUDIES[name][0], root)
        export_reports(run_study(name, tmp_path_factory, {"roots": {STUDIES[name][0]: root}}))

    return build


def shared_study(name: str, _runs: dict, tmp_path_factory) -> ExecutedStudy:
    """One of the studies, run once per session, in this worker's own copy. The published study is the one
    `make run` built (`made_project`)."""
    if name not in _runs:
        if name == "publicerad":
            raise ValueError("the published study comes from made_project")
        shared = _shared(name, tmp_path_factory, _build_fictional(name, tmp_path_factory))
        _runs[name] = ExecutedStudy(_own_copy(shared, tmp_path_factory, name), STUDIES[name][1])
    return _runs[name]


@pytest.fixture(params=list(STUDIES))
def executed_study(request, _runs, tmp_path_factory) -> ExecutedStudy:
    """One of the three studies, run once per session (whichever worker its tests are on)."""
    if request.param not in _runs:
        if request.param == "publicerad":
            project, first = request.getfixturevalue("made_project")
            assert first.returncode == 0, first.stderr
            _runs[request.param] = ExecutedStudy(project, PARAMS_NAME)
        else:
            shared_study(request.param, _runs, tmp_path_factory)
    return _runs[request.param]


@pytest.fixture
def reports(executed_study, _runs) -> Reports:
    """The study's exported pages (all four steps), in <build>/reports/ (made with the study's run)."""
    key = ("reports", executed_study.params_file.name)
    if key not in _runs:
        _runs[key] = export_reports(executed_study)
    return _runs[key]
