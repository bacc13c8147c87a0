"""Committed notebooks: no outputs, one literal-only parameters cell, nothing study-specific hard-coded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PARAMS = yaml.safe_load((ROOT / "params" / "svedala-trelleborg-2023.yaml").read_text(encoding="utf-8"))


def _code_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _parameter_cells(path: Path):
    return [c for c in _code_cells(path) if "parameters" in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_execution_counts(path):
    for cell in _code_cells(path):
        assert not cell.get("outputs"), f"{path.name}: en cell har utdata"
        assert cell.get("execution_count") is None, f"{path.name}: en cell har körnummer"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exactly_one_parameters_cell_holding_literals_only(path):
    cells = _parameter_cells(path)
    assert len(cells) == 1, f"{path.name}: {len(cells)} parametrar-celler"
    for statement in ast.parse(cells[0].source).body:
        assert isinstance(statement, ast.Assign), f"{path.name}: parametercellen får bara tilldela värden"
        assert isinstance(statement.value, ast.Constant), f"{path.name}: parametrar ska vara literaler"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_on_the_project_kernel(path):
    assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "collabstudy"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_municipality_year_or_path_outside_the_parameters_cell(path):
    names = [m["name"] for m in PARAMS["municipalities"]]
    pattern = re.compile("|".join([*map(re.escape, names), r"\b(19|20)\d\d\b", r"data/raw", r"\.csv\b"]))
    for cell in _code_cells(path):
        if "parameters" in cell.metadata.get("tags", []):
            continue
        found = pattern.search(cell.source)
        assert found is None, f"{path.name}: '{found.group(0)}' är hårdkodat i en kodcell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_short_and_every_one_follows_a_heading_or_sentence(path):
    cells = nbformat.read(path, as_version=4).cells
    for previous, cell in zip(cells, cells[1:]):
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            assert len(cell.source.splitlines()) <= 15, f"{path.name}: en kodcell är längre än 15 rader"
            assert previous.cell_type == "markdown", f"{path.name}: kodcell utan förklarande text före"
