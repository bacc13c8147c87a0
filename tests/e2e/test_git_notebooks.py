"""Notebooks in git: one run in JupyterLab and committed carries no outputs (the nbstripout git filter
that `make setup` registers, .gitattributes committed). Tried in a temporary clone of this repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from collabstudy.study.paths import CODE_PROJECT

# git runs nbstripout once per notebook it looks at (about 2 s each).
pytestmark = pytest.mark.slow
NOTEBOOK = "notebooks/01_cleaning.ipynb"


def _git(clone: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Analytiker", "-c", "user.email=analytiker@example.org", *args]
    return subprocess.run(command, cwd=clone, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def clone(tmp_path) -> Path:
    if shutil.which("git") is None or not (CODE_PROJECT / ".git").exists():
        pytest.skip("projektet är ingen git-klon här")
    target = tmp_path / "klon"
    subprocess.run(["git", "clone", "--quiet", str(CODE_PROJECT), str(target)], check=True)
    made = subprocess.run(
        ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", "git-filter"],
        cwd=target,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    return target


def _as_run_in_jupyterlab(path: Path) -> None:
    """What JupyterLab saves after Run All: execution counts and outputs in every code cell."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for count, cell in enumerate((c for c in notebook["cells"] if c["cell_type"] == "code"), start=1):
        cell["execution_count"] = count
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["Svedala 62 av 306\n"]}]
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_the_committed_notebooks_pass_through_the_filter_unchanged(clone):
    assert _git(clone, "status", "--porcelain") == ""
    assert "filter: nbstripout" in _git(clone, "check-attr", "filter", NOTEBOOK)


def test_a_notebook_run_and_committed_carries_no_outputs(clone):
    committed = _git(clone, "show", f"HEAD:{NOTEBOOK}")
    _as_run_in_jupyterlab(clone / NOTEBOOK)
    _git(clone, "add", NOTEBOOK)
    assert _git(clone, "diff", "--cached", "--stat") == ""  # nothing but outputs changed: nothing to commit
    # A real edit goes in, without the outputs beside it.
    notebook = json.loads((clone / NOTEBOOK).read_text(encoding="utf-8"))
    notebook["cells"][0]["source"] = ["# Datarensning (redigerad)\n", *notebook["cells"][0]["source"][1:]]
    (clone / NOTEBOOK).write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _git(clone, "commit", "--quiet", "--no-verify", "-am", "Redigerad rubrik")
    stored = json.loads(_git(clone, "show", f"HEAD:{NOTEBOOK}"))
    code = [c for c in stored["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "".join(stored["cells"][0]["source"]).startswith("# Datarensning (redigerad)")
    assert [c.get("id") for c in stored["cells"]] == [c.get("id") for c in json.loads(committed)["cells"]]
    assert (clone / NOTEBOOK).read_text(encoding="utf-8").count(
        '"execution_count": 1'
    ) == 1  # the file keeps its outputs
