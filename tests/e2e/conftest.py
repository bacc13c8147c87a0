"""End-to-end fixtures: both studies (the published one and the fictional one) run with papermill.

Each study is run once per test session; with pytest-xdist, every test of one study is sent to
the same worker (tests/conftest.py: `xdist_scope`), so that no study is run twice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from e2e.report_fixture import Reports, export_reports

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT
PARAMS_NAME = "svedala-trelleborg-2023.yaml"


STUDIES = {
    "publicerad": (ROOT, PARAMS_NAME),
    "fiktiv": (ROOT / "tests" / "fixtures" / "fiktiv-studie", "fiktiv-2025.yaml"),
    # the fictional follow-up: deliveries only, the fictional study as its previous evaluation
    "uppfoljning": (ROOT / "tests" / "fixtures" / "fiktiv-studie", "fiktiv-2026.yaml"),
}
STEPS = ("01_cleaning", "02_outcomes", "03_survey")


class ExecutedStudy:
    """A study run end to end with papermill (all notebooks) in a temporary project."""

    def __init__(self, root: Path, params_name: str):
        import yaml

        self.root = root
        self.params_file = root / "params" / params_name
        self.build = root / "build" / Path(params_name).stem
        self.params = yaml.safe_load(self.params_file.read_text(encoding="utf-8"))

    def results(self, step: str) -> dict:
        import json

        return json.loads((self.build / "results" / f"{step}.json").read_text(encoding="utf-8"))["results"]


def run_study(name: str, tmp_path_factory, runs: dict | None = None) -> ExecutedStudy:
    """Notebooks 01–03 of one study, run with papermill in a temporary copy of its data and params.
    Studies of one fixture folder share the copy (`runs`): the fictional study is the follow-up's
    earlier evaluation and runs once for both."""
    from collabstudy.runner.execute import execute

    source, params_name = STUDIES[name]
    roots = runs.setdefault("roots", {}) if runs is not None else {}
    root = roots.get(source)
    if root is None:
        root = tmp_path_factory.mktemp(name) / "project"
        shutil.copytree(source / "data", root / "data")
        shutil.copytree(source / "params", root / "params")
        (root / "lib" / "collabstudy").mkdir(parents=True)
        (root / "pyproject.toml").write_text("", encoding="utf-8")
        roots[source] = root
    study = ExecutedStudy(root, params_name)
    cache = ROOT / "build" / "cache" / "first-names-se.txt"
    # An earlier evaluation runs first, in the same project, as `make run` does when its results are missing.
    earlier = [ExecutedStudy(root, Path(p).name) for p in study.params.get("previous_evaluations", [])]
    for each in [*earlier, study]:
        if (each.build / "results" / f"{STEPS[-1]}.json").is_file():
            continue  # run already in this copy
        for step in STEPS:
            code = execute(
                ROOT / "notebooks" / f"{step}.ipynb",
                each.params_file,
                each.build,
                "collabstudy",
                str(cache) if cache.is_file() else "",
            )
            assert code == 0, f"{step} misslyckades för {each.params_file.name}"
    return study


@pytest.fixture(scope="session")
def _runs() -> dict:
    """Every study run so far in this session (a plain session fixture is never torn down before the end,
    whichever order the tests of different studies come in)."""
    return {}


def run_make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`make` in a copy of the project, on this environment (never rebuilt for the copy)."""
    command = ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def made_project(_runs, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The tracked files of the project, copied with their times, and its first `make run`: what an analyst
    gets on a fresh clone. The published study's end-to-end tests read this run."""
    if "made" not in _runs:
        sys.path.insert(0, str(ROOT / "bench"))
        from benchmark import copy_project

        project = copy_project(tmp_path_factory.mktemp("project"))
        _runs["made"] = (project, run_make(project, "run"))
    return _runs["made"]


@pytest.fixture(params=list(STUDIES))
def executed_study(request, _runs, tmp_path_factory) -> ExecutedStudy:
    """One of the two studies, run once per session (and per xdist worker: its tests share a worker).
    The published study is the one `make run` built in a copy of the project."""
    if request.param not in _runs:
        if request.param == "publicerad":
            project, first = request.getfixturevalue("made_project")
            assert first.returncode == 0, first.stderr
            _runs[request.param] = ExecutedStudy(project, PARAMS_NAME)
        else:
            _runs[request.param] = run_study(request.param, tmp_path_factory, _runs)
    return _runs[request.param]


@pytest.fixture
def reports(executed_study, _runs) -> Reports:
    """The study's exported pages (all four steps), in <build>/reports/: 04 run and exported once per session."""
    key = ("reports", executed_study.params_file.name)
    if key not in _runs:
        _runs[key] = export_reports(executed_study)
    return _runs[key]
