"""Fixtures of the `make new-study` tests: a project holding only the published study, and the
follow-up study made from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabstudy.runner import scaffold
from collabstudy.study.paths import CODE_PROJECT

PUBLISHED = "params/svedala-trelleborg-2023.yaml"
FOLLOW_UP = "uppfoljning-2024"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with only the published study: its params file and the raw folders it reads."""
    root = tmp_path / "projekt"
    (root / "params").mkdir(parents=True)
    shutil.copy(CODE_PROJECT / PUBLISHED, root / PUBLISHED)
    for folder in ("statistics", "survey", "rapport"):
        shutil.copytree(CODE_PROJECT / "data" / "raw" / folder, root / "data" / "raw" / folder)
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


@pytest.fixture
def created(project: Path) -> scaffold.Written:
    """The follow-up study `make new-study NAME=uppfoljning-2024` makes from the published one."""
    return scaffold.create_study(project, FOLLOW_UP)
