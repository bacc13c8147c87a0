"""params survey.questions.<key>.same_as: the previous evaluation's question a question continues, checked
against that study's params before anything runs, each problem in Swedish naming the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from collabstudy.study.errors import ParamsError
from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT

FICTIONAL = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"
BATTRE = '    battre: {text: "Vad borde bli bättre?", label: "Bör bli bättre", area: improvement}'


@pytest.fixture
def fictional(tmp_path: Path) -> Path:
    """The fictional study (fiktiv-2025) and its follow-up (fiktiv-2026), whose previous evaluation it is."""
    root = tmp_path / "fiktiv"
    shutil.copytree(FICTIONAL / "params", root / "params")
    shutil.copytree(FICTIONAL / "data", root / "data")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def follow_up(root: Path, old: str, new: str):
    path = root / "params" / "fiktiv-2026.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_params(path, root)


def test_a_link_to_a_question_of_the_previous_evaluation_is_accepted(fictional):
    params = follow_up(fictional, BATTRE, BATTRE.replace("area: improvement}", "area: improvement, same_as: battre}"))
    assert params.values.survey.questions["battre"].same_as == "battre"
    assert len(params.previous_studies()) == 1


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        (
            "same_as: forbattras",
            "frågan 'forbattras' finns inte i förra utvärderingens parameterfil (params/fiktiv-2025.yaml)",
        ),
        ("same_as: arbetsplats", "frågan arbetsplats i förra utvärderingen har kind: municipality"),
    ],
)
def test_a_link_to_no_such_question_or_another_kind_names_the_key(fictional, link, problem):
    params = follow_up(fictional, BATTRE, BATTRE.replace("area: improvement}", f"area: improvement, {link}}}"))
    with pytest.raises(ParamsError) as stop:
        params.previous_studies()
    assert problem in str(stop.value) and "parameter 'survey.questions.battre.same_as'" in str(stop.value)


def test_two_questions_continuing_one_are_refused(fictional):
    linked = BATTRE.replace("area: improvement}", "area: improvement, same_as: bast}")
    params = follow_up(
        fictional, BATTRE, linked.replace('battre: {text: "Vad borde bli bättre?"', 'battre: {text: "Vad var bäst?"')
    )
    with pytest.raises(ParamsError, match="både bast och battre fortsätter förra utvärderingens fråga bast"):
        params.previous_studies()


def test_a_link_without_an_earlier_evaluation_is_refused(fictional):
    path = fictional / "params" / "fiktiv-2025.yaml"
    old = '    battre: {text: "Vad borde bli bättre?", label: "Bör bli bättre", area: improvement}'
    path.write_text(path.read_text(encoding="utf-8").replace(old, old[:-1] + ", same_as: battre}"), encoding="utf-8")
    with pytest.raises(ParamsError) as stop:
        load_params(path, fictional)
    assert "studien har ingen tidigare utvärdering" in str(stop.value)
    assert "survey.questions.battre.same_as" in str(stop.value)
