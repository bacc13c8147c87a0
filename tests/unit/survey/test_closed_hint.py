"""A run that stops on uncoded answers says so when the answers look like a closed question's (a few short
values, each given by several, or whole numbers) and suggests the kind to give it; free text gets no such
hint (collabstudy.io.answer_shapes, collabstudy.survey.data.check_coverage)."""

from __future__ import annotations

import pandas as pd
import pytest

from collabstudy.io.answer_shapes import closed_shape
from collabstudy.study.errors import StudyInputError
from collabstudy.study.vocabulary import ANSWERED
from collabstudy.survey.data import check_coverage, closed_hint

ROLES = ["Handläggare", "Chef", "Handläggare;", "Coach", "handläggare", "Chef", "Coach", "Handläggare", "Chef"]
FREE = [
    "Att vi fick träffas oftare och lära känna varandras arbetssätt.",
    "Mer tid för gemensam planering.",
    "Bättre",
    "Bättre",
    "Tydligare ansvar mellan kommunerna, det var oklart i början.",
    "Jag vet inte riktigt, kanske mer stöd från ledningen.",
    "Gemensamma utbildningsdagar.",
    "Att coacherna hade fler platser att erbjuda.",
]


def test_few_short_repeated_answers_look_like_a_choice():
    shape = closed_shape(ROLES)
    assert shape.kind == "choice" and shape.values == ("Handläggare", "Chef", "Coach")  # most given first


def test_whole_numbers_look_like_a_rating_on_the_scale_they_fit():
    assert closed_shape(["1", "4", "3", "4", "2", "4,0"]).points == 5
    assert closed_shape(["1", "8", "3", "9", "2", "6"]).points == 10


@pytest.mark.parametrize(
    "texts",
    [
        FREE,  # long and varied
        ROLES[:4],  # too few answers to tell
        [f"Roll {n}" for n in range(12)],  # short but every one different
        ["Ja"] * 8,  # one value only: nothing to choose between
    ],
)
def test_free_text_and_too_little_to_tell_look_like_no_closed_question(texts):
    assert closed_shape(texts) is None


def test_the_hint_suggests_a_choice_with_its_options():
    hint = closed_hint("q10", ROLES)
    assert "ser ut som fasta svarsalternativ, inte fritext" in hint
    assert 'kind: choice och options: ["Handläggare", "Chef", "Coach"]' in hint and "survey.questions.q10" in hint


def test_the_hint_suggests_a_rating_for_whole_numbers():
    hint = closed_hint("q11", ["1", "4", "3", "4", "2", "5"])
    assert "kind: rating och points: 5" in hint and "survey.questions.q11" in hint


def test_free_text_gets_no_hint():
    assert closed_hint("q3", FREE) == ""


def answers(texts: list[str], question: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(1, len(texts) + 1),
            "question": question,
            "text": texts,
            "status": ANSWERED,
            "row": range(2, len(texts) + 2),
            "column": "Frågan",
        }
    )


def coded_none() -> pd.DataFrame:
    return pd.DataFrame(columns=["id", "question", "theme"])


def test_the_stop_on_uncoded_answers_suggests_the_kind_when_they_look_closed(published):
    with pytest.raises(StudyInputError) as stop:
        check_coverage(answers(ROLES, "q1"), coded_none(), published, "forms-export.xlsx")
    message = str(stop.value)
    assert "9 av 9 svar med text på fråga q1 saknar tema" in message
    assert "fasta svarsalternativ" in message and "kind: choice" in message


def test_the_stop_on_uncoded_free_text_suggests_no_kind(published):
    with pytest.raises(StudyInputError) as stop:
        check_coverage(answers(FREE, "q1"), coded_none(), published, "forms-export.xlsx")
    message = str(stop.value)
    assert "8 av 8 svar med text på fråga q1 saknar tema" in message and "kind:" not in message
