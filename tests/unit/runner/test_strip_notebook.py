"""The notebooks' git filter (collabstudy.runner.strip_notebook) gives nbstripout's own output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from collabstudy.study.paths import CODE_PROJECT


def _as_run(path: Path) -> bytes:
    """A committed notebook as JupyterLab saves it after Run All: counts and outputs in every code cell."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for count, cell in enumerate((c for c in notebook["cells"] if c["cell_type"] == "code"), start=1):
        cell["execution_count"] = count
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["Svedala 62 av 306\n"]}]
    notebook["metadata"]["widgets"] = {"state": {}}
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _filtered(command: list[str], notebook: bytes) -> bytes:
    return subprocess.run(command, input=notebook, capture_output=True, check=True).stdout


def test_the_filter_strips_exactly_as_nbstripout_does() -> None:
    run = _as_run(CODE_PROJECT / "notebooks" / "02_outcomes.ipynb")
    ours = _filtered([sys.executable, "-m", "collabstudy.runner.strip_notebook", "--keep-id"], run)
    theirs = _filtered([str(Path(sys.executable).parent / "nbstripout"), "--keep-id"], run)
    assert ours == theirs
    assert b'"execution_count": 1' in run and b'"execution_count": 1' not in ours
    assert ours == (CODE_PROJECT / "notebooks" / "02_outcomes.ipynb").read_bytes()  # as committed
