"""Shared fixtures: a throw-away copy of the study (params + raw data) that a test may break.

Also how `make test` shares the tests between the cores (pytest-xdist): the tests of a module with one
expensive fixture go to the same worker, so nothing is run twice; every other test goes to whichever worker is
free.
"""

from __future__ import annotations

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


# With pytest-xdist (`make test`: one worker per core) every test is a work unit of its own, handed to whichever
# worker is free, except where tests share an expensive fixture of their module or session: these share a
# worker, so that it runs once. The studies themselves are run once per session whichever worker asks first,
# and shared by both (e2e/conftest.py: `_shared`), so the tests that read them need no worker of their own.
SHARED_WORKER = {  # the start of a test id: its work unit
    "tests/e2e/test_make.py": "make",  # the first to ask for the published study's `make run` (see FIRST)
    "tests/e2e/test_follow_up.py": "uppfoljning",  # the first to ask for the fictional study and its follow-up
    "tests/e2e/test_jupyterlab.py": "jupyterlab",  # one JupyterLab server runs the four notebooks
    "tests/e2e/test_changed_questions.py": "omnumrerad",  # the renumbered follow-up, run once
    "tests/e2e/test_anonymity.py": "anonymitet",  # the tester's study, run before and after the review
    "tests/e2e/test_pipeline.py": "pipeline",  # one executed cleaning notebook
    "tests/e2e/test_report_browser.py::test_the_printed": "pdf",  # the report printed once
    "tests/unit/privacy/": "privacy",  # every anonymity test: the Swedish lexicon loads once (2 s)
}


def xdist_scope(nodeid: str) -> str:
    """The work unit of a test: its module's shared fixture, or the test alone."""
    return next((scope for prefix, scope in SHARED_WORKER.items() if nodeid.startswith(prefix)), nodeid)


# The order the work units are handed out in (each worker takes the next when it is nearly out of work): the
# first goes to one worker and builds the published study, the second to the other and builds the fictional
# study and its follow-up, at the same time; then the longest units, so that none is left alone at the end;
# the many short unit tests last, to even the workers out.
FIRST = ("make", "uppfoljning", "jupyterlab", "omnumrerad", "anonymitet", "pipeline", "pdf")
# End-to-end tests that run a study of their own or several notebooks (a minute or more each), longest first:
# before the rest.
LONG = (
    "tests/e2e/test_varied",
    "tests/e2e/test_hostile_markup.py",
    "tests/e2e/test_reliability.py::test_a_municipality_nobody_answered",
    "tests/e2e/test_reliability.py::test_two_runs",
    "tests/e2e/test_corpus.py::test_valid_input_runs_through",
    "tests/e2e/test_git_notebooks.py",
)
# Unit tests of half a minute or more on a loaded machine (a kernel per step, charts drawn): before the other ones.
LONG_UNIT = (
    "tests/unit/runner/test_dependencies.py::test_what_a_step_loads",
    "tests/unit/outcomes/test_partial_charts.py",
    "tests/unit/runner/test_scaffold",
    "tests/unit/io/test_bounded_reads.py",
)


def pytest_collection_modifyitems(items):
    """The order tests are handed out in (see FIRST)."""

    def rank(item) -> tuple[int, int]:
        scope = xdist_scope(item.nodeid)
        if scope in FIRST:
            return 0, FIRST.index(scope)
        long = next((n for n, prefix in enumerate(LONG) if item.nodeid.startswith(prefix)), None)
        if long is not None:
            return 1, long
        if scope == "privacy":
            return 3, 0
        if item.nodeid.startswith(LONG_UNIT):
            return 4, 0
        return (5, 0) if "/unit/" in item.nodeid else (2, 0)

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
