"""Shared fixtures: a throw-away copy of the study (params + raw data) that a test may break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabstudy.params import LoadedParams, load_params

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
