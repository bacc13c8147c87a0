"""The benchmark's synthetic study (bench/synthetic.py): made up, and consistent enough to run."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from collabstudy.cleaning.deliveries import check_deliveries
from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.study.steps import NAMES
from collabstudy.survey.data import read_survey

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return load_params(synthetic.write_study(root, 2), root)


def test_it_is_labelled_synthetic_where_a_reader_looks(study):
    assert "SYNTETISK" in study.values.study.title and "Syntetiska" in study.values.study.source
    assert study.file.read_text(encoding="utf-8").startswith("# SYNTETISKA DATA")


def test_the_survey_grows_with_the_scale(study):
    export = pd.read_excel(study.raw_path("survey_export"), sheet_name="Svar")
    assert len(export) == 2 * synthetic.RESPONDENTS_PER_SCALE
    monthly = pd.read_csv(study.raw_path("monthly_closures"), sep=";")
    assert len(monthly) == len(synthetic.YEARS)


# The input each step reads and checks itself (the cleaning step also before its kernel runs a cell).
INPUT_CHECKS = {"01_cleaning": check_deliveries, "03_survey": read_survey, "04_conclusions": read_survey}


@pytest.mark.parametrize("step", NAMES)
def test_every_step_accepts_its_input(study, step):
    """The study's own checks (response counts, involvement shares, coding against the export …) pass."""
    INPUT_CHECKS.get(step, lambda params: None)(study)


def test_the_same_scale_gives_the_same_files(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        synthetic.write_study(root, 1)
    files = sorted(p.relative_to(first) for p in (first / "data").rglob("*.csv"))
    assert files and all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
