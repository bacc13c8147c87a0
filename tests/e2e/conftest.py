"""End-to-end fixtures: both studies (the published one and the fictional one) run with papermill.

Each study is run once per test session; with pytest-xdist, every test of one study is sent to
the same worker (tests/conftest.py: `xdist_scope`), so that no study is run twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from e2e.report_fixture import Reports, export_reports

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT
PARAMS_NAME = "svedala-trelleborg-2023.yaml"


STUDIES = {
    "publicerad": (ROOT, PARAMS_NAME),
    "fiktiv": (ROOT / "tests" / "fixtures" / "fiktiv-studie", "fiktiv-2025.yaml"),
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


def run_study(name: str, tmp_path_factory) -> ExecutedStudy:
    """Notebooks 01–03 of one study, run with papermill in a temporary copy of its data and params."""
    from collabstudy.runner.execute import execute

    source, params_name = STUDIES[name]
    root = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(source / "data", root / "data")
    shutil.copytree(source / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    study = ExecutedStudy(root, params_name)
    cache = ROOT / "build" / "cache" / "first-names-se.txt"
    for step in STEPS:
        code = execute(
            ROOT / "notebooks" / f"{step}.ipynb",
            study.params_file,
            study.build,
            "collabstudy",
            str(cache) if cache.is_file() else "",
        )
        assert code == 0, f"{step} misslyckades för {name}"
    return study


@pytest.fixture(scope="session")
def _runs() -> dict:
    """Every study run so far in this session (a plain session fixture is never torn down before the end,
    whichever order the tests of different studies come in)."""
    return {}


@pytest.fixture(params=list(STUDIES))
def executed_study(request, _runs, tmp_path_factory) -> ExecutedStudy:
    """One of the two studies, run once per session (and per xdist worker: its tests share a worker)."""
    if request.param not in _runs:
        _runs[request.param] = run_study(request.param, tmp_path_factory)
    return _runs[request.param]


@pytest.fixture
def reports(executed_study, _runs) -> Reports:
    """The study's exported pages (all four steps), in <build>/reports/: 04 run and exported once per session."""
    key = ("reports", executed_study.params_file.name)
    if key not in _runs:
        _runs[key] = export_reports(executed_study)
    return _runs[key]
