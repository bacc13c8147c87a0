"""Shared fixtures: a throw-away copy of the study (params + raw data) that a test may break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabstudy.study.params import LoadedParams, load_params

ROOT = Path(__file__).resolve().parents[1]
PARAMS_NAME = "svedala-trelleborg-2023.yaml"
PARAMS = ROOT / "params" / PARAMS_NAME


class StudyCopy:
    """A copy of the project's params and raw data in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root
        self.params_file = root / "params" / PARAMS_NAME

    def load(self) -> LoadedParams:
        return load_params(self.params_file, self.root)

    def raw(self, relative: str) -> Path:
        return self.root / "data" / "raw" / relative

    def replace_in(self, path: Path, old: str, new: str) -> None:
        """Edit a copied file; the old text must be there (so a test cannot silently edit nothing)."""
        text = path.read_text(encoding="utf-8")
        assert old in text, f"'{old}' finns inte i {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def study(tmp_path: Path) -> StudyCopy:
    root = tmp_path / "study"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return StudyCopy(root)


@pytest.fixture(scope="session")
def published() -> LoadedParams:
    """The study as published, loaded from the project itself."""
    return load_params(PARAMS, ROOT)


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


@pytest.fixture(scope="session", params=list(STUDIES))
def executed_study(request, tmp_path_factory) -> ExecutedStudy:
    from collabstudy.runner.execute import execute

    source, params_name = STUDIES[request.param]
    root = tmp_path_factory.mktemp(request.param) / "project"
    shutil.copytree(source / "data", root / "data")
    shutil.copytree(source / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    study = ExecutedStudy(root, params_name)
    cache = ROOT / "build" / "cache" / "first-names-se.txt"
    for step in STEPS:
        code = execute(ROOT / "notebooks" / f"{step}.ipynb", study.params_file, study.build, "collabstudy",
                                str(cache) if cache.is_file() else "")
        assert code == 0, f"{step} misslyckades för {request.param}"
    return study
