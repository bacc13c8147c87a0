"""Shared fixtures: a throw-away copy of the study (params + raw data) that a test may break.

Also how `make test` shares the tests between the cores (pytest-xdist): the tests of one executed
study, and of a module with one expensive fixture, go to the same worker, so nothing is run twice.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from collabstudy.study.params import LoadedParams, load_params
from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
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


# With pytest-xdist: these tests share a worker (their expensive fixture runs once per worker).
SHARED_WORKER = {
    "tests/e2e/test_make.py": "publicerad",  # its project copy and `make run` are the published study's run
    "tests/e2e/test_jupyterlab.py": "publicerad",  # JupyterLab serves that copy, after that `make run`
    "tests/e2e/test_pipeline.py": "pipeline",  # one executed cleaning notebook
    "tests/e2e/test_follow_up.py": "fiktiv",  # the follow-up shares the fictional study's copy and run
}
# Every anonymity test shares one worker: the Swedish lexicon loads once (2 s).
SHARED_FOLDERS = {"tests/unit/privacy/": "privacy"}
STUDY_PARAMETER = re.compile(r"\[(publicerad|fiktiv|uppfoljning)\b")  # conftest (e2e): executed_study's parameter


def xdist_scope(nodeid: str) -> str:
    """The work unit of a test: its study, its module's shared fixture, or the test alone."""
    study = STUDY_PARAMETER.search(nodeid)
    if study:  # the follow-up runs in the fictional study's copy, on its worker
        return "fiktiv" if study.group(1) == "uppfoljning" else study.group(1)
    path = nodeid.split("::", 1)[0]
    folder = next((scope for prefix, scope in SHARED_FOLDERS.items() if path.startswith(prefix)), None)
    return SHARED_WORKER.get(path, folder or nodeid)


# The longest work units first, so that no worker is left with a long one at the end.
FIRST = ("publicerad", "fiktiv", "pipeline", "privacy")


def pytest_collection_modifyitems(items):
    """The order tests are handed out in: the long work units first, then the other end-to-end tests."""

    def rank(item) -> int:
        scope = xdist_scope(item.nodeid)
        return FIRST.index(scope) if scope in FIRST else len(FIRST) + ("/unit/" in item.nodeid)

    items.sort(key=rank)  # stable: each unit keeps its own order


def pytest_xdist_make_scheduler(config, log):
    """xdist's scope scheduling, with `xdist_scope` as the scope (its loadgroup marks do not reach
    pytest 9's node ids), in the order `pytest_collection_modifyitems` gives."""
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False

    class StudyScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return StudyScheduling(config, log)
