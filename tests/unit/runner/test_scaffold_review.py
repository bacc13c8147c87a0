"""`make new-study` does not carry the anonymity review's decisions over (each names a place in the latest
study's export), and a study that has them anyway stops before they judge this export's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabstudy.privacy.free_text import inherited_decisions, refuse_inherited_decisions
from collabstudy.runner import scaffold
from collabstudy.study.errors import StudyInputError
from collabstudy.study.params import load_params

NAME = "uppfoljning-2024"  # the study the `created` fixture makes (conftest.py)


def loaded(project: Path):
    """The new study as the run loads it, once the Forms export (which no template stands in for) is saved."""
    (project / "data" / "raw" / NAME / scaffold.EXPORT_FILE).touch()
    return load_params(project / "params" / f"{NAME}.yaml", project)


def test_the_new_params_have_no_review_decisions_and_say_why(created, project):
    text = (project / "params" / f"{NAME}.yaml").read_text(encoding="utf-8")
    params = loaded(project)
    assert params.values.survey.names.review == {}
    assert "svedala-trelleborg-2023.yaml hade 3, men de gällde platser i dess svarsfil" in text
    assert "chefen med ansvaret" not in text  # the old decisions' explanation went with them
    assert inherited_decisions(params) == []


def with_review(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8").replace("    review: {}\n", "    review:\n" + "".join(lines))
    path.write_text(text, encoding="utf-8")


def test_decisions_copied_from_the_earlier_study_stop_with_their_places(created, project):
    path = project / "params" / f"{NAME}.yaml"
    with_review(path, ["      26/q6/230-236: roll\n", "      27/q3/98-110: behåll\n", "      4/q2/1-5: namn\n"])
    params = loaded(project)
    assert inherited_decisions(params) == ["26/q6/230-236", "27/q3/98-110"]
    with pytest.raises(StudyInputError) as stopped:
        refuse_inherited_decisions(params)
    message = str(stopped.value)
    assert "2 av granskningens beslut (26/q6/230-236, 27/q3/98-110)" in message
    assert "survey.names.review" in message and "Traceback" not in message


def test_a_decision_of_this_study_at_the_same_place_but_another_decision_is_its_own(created, project):
    path = project / "params" / f"{NAME}.yaml"
    with_review(path, ["      26/q6/230-236: behåll\n"])  # the earlier study said 'roll'
    refuse_inherited_decisions(loaded(project))
