"""Which lib modules each step runs, read from the source (make's per-step dependencies)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collabstudy.runner import dependencies
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.study.steps import NAMES, step

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/


def _package(tmp_path: Path, modules: dict[str, str]) -> Path:
    """A package 'collabstudy' in tmp_path: {'a': source, 'sub/__init__': source, 'sub/x': source}."""
    folder = tmp_path / "collabstudy"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    for name, source in modules.items():
        path = folder / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return folder


def _short(names: set[str]) -> set[str]:
    return {name.removeprefix("collabstudy.") for name in names if name != "collabstudy"}


def test_closure_follows_relative_absolute_and_function_level_imports(tmp_path):
    package = _package(
        tmp_path,
        {
            "a": "from .b import thing\n",
            "b": "def later():\n    from collabstudy import c\n",
            "c": "import collabstudy.d\nimport pandas\n",
            "d": "from . import e as renamed\n",
            "e": "",
            "unused": "",
        },
    )
    assert _short(dependencies.closure({"collabstudy.a"}, package)) == {"a", "b", "c", "d", "e"}


def test_imports_in_every_kind_of_block_are_followed(tmp_path):
    # only statements are walked (an import is one), inside every block that holds statements
    source = (
        "try:\n    import collabstudy.a\nexcept ImportError:\n    import collabstudy.b\nelse:\n    pass\n"
        "finally:\n    import collabstudy.c\n"
        "class K:\n    def m(self):\n        with open('x'):\n            from collabstudy import d\n"
        "for _ in ():\n    pass\nelse:\n    import collabstudy.e\n"
        "match 1:\n    case 1:\n        import collabstudy.f\n"
        "lambda: __import__('collabstudy.unused')\n"
    )
    package = _package(tmp_path, {"start": source, **{name: "" for name in "abcdef"}, "unused": ""})
    assert _short(dependencies.closure({"collabstudy.start"}, package)) == {"start", *"abcdef"}


def test_a_name_imported_from_a_module_is_not_taken_for_a_module(tmp_path):
    package = _package(tmp_path, {"a": "from .b import c\n", "b": "c = 1\n", "c": ""})
    assert _short(dependencies.closure({"collabstudy.a"}, package)) == {"a", "b"}


def test_subpackages_count_with_their_init_and_relative_imports_climb(tmp_path):
    package = _package(
        tmp_path,
        {
            "outcomes/__init__": "",
            "outcomes/goal": "from .shares import x\nfrom ..present import formatting\n",
            "outcomes/shares": "from ..stats.intervals import wilson\n",
            "present/__init__": "",
            "present/formatting": "",
            "present/figures": "",
            "stats/__init__": "",
            "stats/intervals": "",
        },
    )
    assert _short(dependencies.closure({"collabstudy.outcomes.goal"}, package)) == {
        "outcomes",
        "outcomes.goal",
        "outcomes.shares",
        "present",
        "present.formatting",
        "stats",
        "stats.intervals",
    }


def test_notebook_modules_read_code_cells_and_skip_magics(tmp_path):
    package = _package(tmp_path, {"x": "", "y": "", "z": "", "sub/__init__": "", "sub/w": ""})
    notebook = tmp_path / "n.ipynb"
    cells = [
        {"cell_type": "code", "source": ["%matplotlib inline\n", "from collabstudy import x\n"]},
        {"cell_type": "markdown", "source": ["from collabstudy import y"]},
        {"cell_type": "code", "source": "!pip list\nimport collabstudy.z as zed\nfrom collabstudy.sub import w\n"},
    ]
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert _short(dependencies.notebook_modules(notebook, package)) == {"x", "z", "sub", "sub.w"}


def test_the_runner_counts_for_every_step_but_its_other_commands_do_not(tmp_path):
    package = _package(
        tmp_path,
        {
            "runner/__init__": "",
            "runner/__main__": (
                "from .execute import execute\n"
                "def make_inputs_command(args):\n    from .dependencies import make_inputs\n"
            ),
            "runner/execute": "from ..params import load\ndef execute():\n    from ..anonymity import scan\n",
            "runner/dependencies": "from .. import cleaning\n",
            "params": "",
            "anonymity": "",
            "cleaning": "",
        },
    )
    runner = dependencies.closure(set(dependencies.RUNNER), package)
    assert _short(runner) == {"runner", "runner.__main__", "runner.execute", "params", "anonymity"}


@pytest.mark.parametrize("name", NAMES)
def test_what_a_step_loads_is_among_what_the_source_says(name):
    """In a fresh process, import what the notebook imports, load the runner and run the step's
    real input check on the published study: every one of the study's modules that ends up
    loaded must be in the step's static list (so a preflight cannot go stale unnoticed)."""
    declared = step(name)
    notebook = ROOT / declared.notebook
    script = (
        "import importlib, sys\n"
        "import collabstudy.runner.__main__\n"
        "from collabstudy.runner.execute import preflight\n"
        "from collabstudy.study.params import load_params\n"
        f"for name in {sorted(dependencies.notebook_modules(notebook))!r}:\n"
        "    importlib.import_module(name)\n"
        f"preflight({name!r}, load_params({str(ROOT / 'params' / 'svedala-trelleborg-2023.yaml')!r}))\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('collabstudy'))))"
    )
    loaded = set(
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    )
    listed = dependencies.step_modules(declared)
    assert loaded <= listed, f"{name} laddar moduler som inte står i dess beroenden: {sorted(loaded - listed)}"
    assert "collabstudy.runner.execute" in loaded and dependencies.notebook_modules(notebook) <= loaded


def test_earlier_evaluations_are_built_first_one_after_the_other(tmp_path):
    from types import SimpleNamespace

    from collabstudy.runner.dependencies import _earlier_rules

    def study(name):
        return SimpleNamespace(file=tmp_path / "params" / f"{name}.yaml", root=tmp_path, study_id=name)

    lines = _earlier_rules([study("a"), study("b")], tmp_path)
    rules = [line for line in lines if "&:" in line]
    assert rules[0].split("&:")[1].split() == ["$(NAMES_CACHE)"]  # the first waits only for the name list
    assert "build/a/results/02_outcomes.json" in rules[1].split("&:")[1] and "$(NAMES_CACHE)" in rules[1]
    assert any(line.startswith(".PRECIOUS: build/b/results/") for line in lines)
    assert "PARAMS=params/b.yaml" in lines[-1]
