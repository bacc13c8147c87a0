"""Params that make or the study's periods cannot use are refused in Swedish, naming the key (issue 29):
paths with signs make or the shell would read, dates in the wrong order or in the future."""

from __future__ import annotations

import datetime as dt

import pytest

from collabstudy.study import params as params_module
from collabstudy.study.errors import ParamsError

ROLLING = "path: data/raw/statistics/rullande-12-manader.csv"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("data/raw/statistics/rullande 12 manader.csv", "ett mellanslag på plats 29"),
        ("data/raw/statistics\\\\rullande-12-manader.csv", "ett bakstreck (skriv / mellan mapparna)"),
        ("data/raw/statistics/rullande;touch x.csv", "tecknet ';'"),
        ("data/raw/statistics/rullande$(x).csv", "tecknet '$'"),
        ("'data/raw/statistics/rullande''12.csv'", "tecknet '''"),
    ],
)
def test_a_path_with_a_sign_make_cannot_take_is_refused_naming_it(study, written, said):
    study.replace_in(study.params_file, ROLLING, f'path: "{written}"' if "\\" in written else f"path: {written}")
    with pytest.raises(ParamsError) as caught:
        study.load()
    message = str(caught.value)
    assert said in message and "byt namn på filen" in message
    assert "parameter 'raw_files.rolling_12m.path'" in message


def test_a_path_with_swedish_letters_is_a_path(study):
    (study.raw("statistics") / "rullande-12-månader.csv").write_bytes(
        study.raw("statistics/rullande-12-manader.csv").read_bytes()
    )
    study.replace_in(study.params_file, ROLLING, "path: data/raw/statistics/rullande-12-månader.csv")
    assert study.load().delivery("rolling_12m").path.name == "rullande-12-månader.csv"


@pytest.mark.parametrize(
    ("old", "new", "key", "said"),
    [
        (
            "collaboration_start: 2021-09-01",
            "collaboration_start: 2030-01-01",
            "collaboration_start",
            "ligger i framtiden",
        ),
        (
            "collaboration_start: 2021-09-01",
            "collaboration_start: 2022-06-01",
            "collaboration_start",
            "ligger efter rapportperiodens början (2022-04-01)",
        ),
        ("baseline_year: 2019", "baseline_year: 2021", "baseline_year", "ett helt år före samverkans start"),
        ("sent: 2022-03-07", "sent: 2031-03-07", "survey.sent", "ligger i framtiden"),
    ],
)
def test_dates_out_of_order_or_in_the_future_are_refused(study, old, new, key, said):
    study.replace_in(study.params_file, old, new)
    with pytest.raises(ParamsError) as caught:
        study.load()
    assert f"parameter '{key}'" in str(caught.value) and said in str(caught.value)


def test_today_decides_what_is_in_the_future(study, monkeypatch):
    study.replace_in(study.params_file, "sent: 2022-03-07", "sent: 2022-03-08")
    monkeypatch.setattr(params_module, "today", lambda: dt.date(2022, 3, 7))
    with pytest.raises(ParamsError, match="enkätens utskick 2022-03-08 ligger i framtiden"):
        study.load()
    monkeypatch.setattr(params_module, "today", lambda: dt.date(2022, 3, 8))
    assert study.load().values.survey.sent == dt.date(2022, 3, 8)
