"""Which lib modules each step runs, read from the source (make's per-step dependencies)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collabstudy import pipeline, step_modules

ROOT = Path(__file__).resolve().parents[1]


def _package(tmp_path: Path, modules: dict[str, str]) -> Path:
    folder = tmp_path / "collabstudy"
    folder.mkdir()
    for name, source in modules.items():
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return folder


def test_closure_follows_relative_absolute_and_function_level_imports(tmp_path):
    package = _package(tmp_path, {
        "__init__": "",
        "a": "from .b import thing\n",
        "b": "def later():\n    from collabstudy import c\n",
        "c": "import collabstudy.d\nimport pandas\n",
        "d": "from . import e as renamed\n",
        "e": "",
        "unused": "",
    })
    assert step_modules.closure({"a"}, package) == {"a", "b", "c", "d", "e"}


def test_a_name_imported_from_a_module_is_not_taken_for_a_module(tmp_path):
    package = _package(tmp_path, {"a": "from .b import c\n", "b": "c = 1\n", "c": ""})
    assert step_modules.closure({"a"}, package) == {"a", "b"}


def test_notebook_modules_read_code_cells_and_skip_magics(tmp_path):
    package = _package(tmp_path, {"x": "", "y": "", "z": ""})
    notebook = tmp_path / "n.ipynb"
    cells = [{"cell_type": "code", "source": ["%matplotlib inline\n", "from collabstudy import x\n"]},
             {"cell_type": "markdown", "source": ["from collabstudy import y"]},
             {"cell_type": "code", "source": "!pip list\nimport collabstudy.z as zed\n"}]
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert step_modules.notebook_modules(notebook, package) == {"x", "z"}


def test_the_runner_counts_for_every_step_but_its_step_specific_imports_do_not(tmp_path):
    package = _package(tmp_path, {
        "pipeline": ("from .params import load\n"
                     "def execute():\n    from .anonymity import scan\n"
                     "def preflight(step):\n    from . import cleaning\n"),
        "params": "", "anonymity": "", "cleaning": ""})
    assert step_modules.runner_modules(package) == {"pipeline", "params", "anonymity"}
    # also when the runner is reached through the closure, not only as the starting point
    assert step_modules.closure({"pipeline"}, package) == {"pipeline", "params", "anonymity"}


@pytest.mark.parametrize("step", list(pipeline.STEP_INPUTS))
def test_what_a_step_loads_is_among_what_the_source_says(step):
    """In a fresh process, import what the notebook imports, load the runner and run the step's
    real input check on the published study: every one of the study's modules that ends up
    loaded must be in the step's static list (so PREFLIGHT_MODULES cannot go stale unnoticed)."""
    notebook = ROOT / "notebooks" / f"{step}.ipynb"
    script = ("import importlib, sys\n"
              "from collabstudy import pipeline\n"
              "from collabstudy.params import load_params\n"
              f"for name in {sorted(step_modules.notebook_modules(notebook))!r}:\n"
              "    importlib.import_module('collabstudy.' + name)\n"
              f"pipeline.preflight({step!r}, load_params(pipeline.PROJECT / 'params' / 'svedala-trelleborg-2023.yaml'))\n"
              "print(' '.join(sorted(m.split('.')[1] for m in sys.modules if m.startswith('collabstudy.'))))")
    loaded = set(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                check=True).stdout.split())
    listed = {p.stem for p in step_modules.step_module_files(notebook, pipeline.PREFLIGHT_MODULES[step])}
    assert loaded <= listed, f"{step} laddar moduler som inte står i dess beroenden: {sorted(loaded - listed)}"
    assert "pipeline" in loaded and step_modules.notebook_modules(notebook) <= loaded
