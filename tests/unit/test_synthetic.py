"""The benchmark's synthetic study (bench/synthetic.py): made up, and consistent enough to run."""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd
import pytest

from collabstudy.cleaning.deliveries import check_deliveries
from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT
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


def test_the_cleaning_step_s_input_check_accepts_every_delivery(study):
    """What the runner checks before 01 runs a cell (its preflight: every cell readable, the schemas, parts
    against their totals, respondents against the invitations) passes, and keeps every respondent and every
    month up to the end of the reporting window (later ones are logged, not read)."""
    tables = check_deliveries(study)
    end = study.values.reporting_window.end
    months = [dt.date(year, month, 1) for year in synthetic.YEARS for month in range(1, 13)]
    assert sorted(tables.monthly_closures["period_start"]) == [month for month in months if month <= end]
    assert (tables.monthly_closures["status"] == "ok").all()
    assert len(tables.survey_respondents) == 2 * synthetic.RESPONDENTS_PER_SCALE


def test_the_survey_step_reads_every_respondent_and_every_coded_theme(study):
    """03 reads the export against the codebook and the coding (a theme on a blank answer, an unknown
    municipality or theme stops it)."""
    data = read_survey(study)
    assert len(data.respondents) == 2 * synthetic.RESPONDENTS_PER_SCALE
    assert set(data.coding["theme"]) == {theme for themes in synthetic.THEMES.values() for theme in themes}


def test_the_same_scale_gives_the_same_files(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        synthetic.write_study(root, 1)
    files = sorted(p.relative_to(first) for p in (first / "data").rglob("*.csv"))
    assert files and all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
