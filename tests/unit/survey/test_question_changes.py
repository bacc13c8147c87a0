"""A question set that changes between evaluations (issue 25, item 4): a question is compared with the previous
evaluation's only through its `same_as` link or an identical text, never by its key alone; reworded, new and
dropped questions are said, and the comparison's method says "samma frågetext" only when it is true."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from wording import page

from collabstudy.io import keys
from collabstudy.io.registry import Result
from collabstudy.stats import verdicts
from collabstudy.study.params import Question
from collabstudy.survey import series
from collabstudy.survey.record import record_question_changes
from collabstudy.survey.series import (
    DROPPED,
    IDENTICAL,
    NEW,
    RETEXTED,
    REWORDED,
    changed_questions,
    earlier_question,
    question_changes,
    recurring_themes,
    reworded_compared,
)

FRAME = {
    "kommun": Question(text="Var arbetar du?", label="Arbetsplats", kind="municipality"),
    "tid": Question(text="När var du med?", label="Period", kind="period"),
}
# The earlier survey: q1 asked what should improve, q2 what one would have done otherwise.
THEN = {
    "q1": Question(text="Vad borde förbättras?", label="Förbättras"),
    "q2": Question(text="Vad hade du gjort annorlunda?", label="Gjort annorlunda"),
    **FRAME,
}


def study(questions: dict, name: str = "tidigare"):
    """What the survey series reads of a study: its id and questions."""
    return SimpleNamespace(study_id=name, values=SimpleNamespace(survey=SimpleNamespace(questions=questions)))


# --- which earlier question a question is -------------------------------------------------------------------


def test_a_renumbered_question_is_never_matched_by_its_key_alone():
    # This year the improvement question is q2 (renumbered, same text): it is last year's q1, not q2.
    now = Question(text="Vad borde förbättras?", label="Förbättras")
    assert earlier_question(THEN, now) == "q1"
    # A new question that happens to have an earlier key is no earlier question at all.
    assert earlier_question(THEN, Question(text="Vad var bäst?", label="Bäst")) is None


def test_a_reworded_question_is_matched_only_through_its_link():
    reworded = {"text": "Vad ser du fram emot ska förbättras?", "label": "Förbättras"}
    assert earlier_question(THEN, Question(**reworded)) is None
    assert earlier_question(THEN, Question(**reworded, same_as="q1")) == "q1"


def test_the_same_text_as_another_kind_of_question_is_no_match():
    closed = Question(text="Vad borde förbättras?", label="Förbättras", kind="choice", options=["Allt", "Inget"])
    assert earlier_question(THEN, closed) is None


# --- the table of changes -----------------------------------------------------------------------------------


def changes_of(now: dict) -> pd.DataFrame:
    return question_changes([(study(THEN), {})], study({**now, **FRAME}))


def test_identical_reworded_new_and_dropped():
    now = {
        "q1": Question(text="Vad var bäst?", label="Bäst"),  # new, under last year's key of another question
        "q2": Question(text="Vad borde förbättras?", label="Förbättras"),  # last year's q1, renumbered
        "q3": Question(text="Vad skulle du göra på ett annat sätt i dag?", label="Annorlunda", same_as="q2"),
    }
    changes = changes_of(now)
    assert list(zip(changes["question"], changes["earlier_question"], changes["status"])) == [
        ("q1", "", NEW),
        ("q2", "q1", IDENTICAL),
        ("q3", "q2", REWORDED),
    ]
    assert changed_questions(changes, REWORDED) == [("Annorlunda", "Vad hade du gjort annorlunda?")]
    assert changed_questions(changes, NEW) == ["Bäst"] and changed_questions(changes, DROPPED) == []


def test_a_question_not_continued_is_dropped_and_the_frame_is_never_listed():
    changes = changes_of({"q1": Question(text="Vad borde förbättras?", label="Förbättras")})
    assert changed_questions(changes, DROPPED) == ["Gjort annorlunda"]
    assert changed_questions(changes, NEW) == [] and changed_questions(changes, REWORDED) == []
    assert not set(changes["question"]) & set(FRAME)


def test_a_new_text_under_an_earlier_label_is_one_change_not_a_new_and_a_dropped_question():
    # The analyst kept the label and the key but the form asks in new words, without a same_as link: not compared,
    # and not listed as new and dropped with the same label (which reads as a contradiction).
    changes = changes_of({"q1": Question(text="Vad behöver förbättras i dag?", label="Förbättras")})
    assert changed_questions(changes, RETEXTED) == [("Förbättras", "Vad borde förbättras?")]
    assert changed_questions(changes, NEW) == [] and changed_questions(changes, DROPPED) == ["Gjort annorlunda"]
    # another label: a new question and a dropped one, as before
    changes = changes_of({"q1": Question(text="Vad behöver förbättras i dag?", label="Förbättringar")})
    assert changed_questions(changes, RETEXTED) == []
    assert changed_questions(changes, NEW) == ["Förbättringar"]
    assert changed_questions(changes, DROPPED) == ["Förbättras", "Gjort annorlunda"]


def test_a_link_to_the_same_text_is_identical_not_reworded():
    changes = changes_of({"q9": Question(text="Vad borde  förbättras?", label="Förbättras", same_as="q1")})
    assert changes.loc[changes["question"] == "q9", "status"].item() == IDENTICAL


def test_no_earlier_evaluation_no_changes():
    assert question_changes([], study(THEN)).empty


def test_the_counts_are_recorded():
    changes = changes_of({"q5": Question(text="Nytt?", label="Ny", same_as=None)})
    recorded = {}
    results = SimpleNamespace(record=lambda key, value, **_: recorded.__setitem__(key, value))
    record_question_changes(results, changes)
    assert recorded == {
        keys.question_changes(IDENTICAL): 0,
        keys.question_changes(REWORDED): 0,
        keys.question_changes(NEW): 1,
        keys.question_changes(DROPPED): 2,
    }


# --- the recurring themes: compared through the link or the text ---------------------------------------------


@pytest.fixture
def earlier_codebook(monkeypatch):
    """The earlier study's codebook, as its build folder holds it."""
    codebook = pd.DataFrame({"theme": ["a", "b"], "label": ["Samordning", "Tid"]})
    monkeypatch.setattr(series, "default_build_dir", lambda _study: "tidigare")
    monkeypatch.setattr(series, "read_table", lambda _build, _name: codebook)


def top(theme: str) -> Result:
    verdict = verdicts.most_common([(theme, 5, True), ("x", 1, True)])
    return Result("k", verdict.value, "utslag", "", "", inputs={"regel": verdict.rule, **verdict.inputs})


def test_themes_are_compared_with_the_question_of_the_same_text_not_the_same_key(earlier_codebook):
    earlier = [(study(THEN), {keys.top_theme("q1", "S"): top("a"), keys.top_theme("q2", "S"): top("b")})]
    now = study({"q2": Question(text="Vad borde förbättras?", label="Förbättras"), **FRAME})
    codebook = pd.DataFrame({"theme": ["n1"], "label": ["Samordning"]})
    found = recurring_themes(earlier, {("q2", "S"): verdicts.most_common([("n1", 4, True)])}, codebook, now)
    # compared with last year's q1 (same text, theme "Samordning"), not with last year's q2 ("Tid")
    assert list(found["label"]) == ["Samordning"] and not found["reworded"].any()
    assert reworded_compared(found, now) == []


def test_a_reworded_question_is_compared_through_its_link_and_named(earlier_codebook):
    earlier = [(study(THEN), {keys.top_theme("q1", "S"): top("a")})]
    reworded = Question(text="Vad ser du fram emot ska förbättras?", label="Förbättras framöver")
    codebook = pd.DataFrame({"theme": ["n1"], "label": ["Samordning"]})
    tops = {("q7", "S"): verdicts.most_common([("n1", 4, True)])}
    unlinked = recurring_themes(earlier, tops, codebook, study({"q7": reworded, **FRAME}))
    assert unlinked.empty  # without the link the reworded question is new: nothing compared
    linked_now = study({"q7": reworded.model_copy(update={"same_as": "q1"}), **FRAME})
    linked = recurring_themes(earlier, tops, codebook, linked_now)
    assert list(linked["label"]) == ["Samordning"] and linked["reworded"].all()
    assert reworded_compared(linked, linked_now) == ["Förbättras framöver"]


# --- what the survey page and the report say -----------------------------------------------------------------


def recurring(params, rows: pd.DataFrame, reworded: list[str]) -> str:
    from collabstudy.survey.series import compared_pairs, shared_recurring

    said = (True, compared_pairs(rows), shared_recurring(rows, params), reworded)
    return page("teknisk-bilaga/03-enkaten.md.j2", "recurring", params, {}, *said)


COLUMNS = ["question", "municipality", "label", "previous", "reworded"]


def test_the_method_says_the_same_text_only_when_no_compared_question_was_reworded(published):
    rows = pd.DataFrame([["q3", "S", "Olika synsätt", "tidigare", False]], columns=COLUMNS)
    identical = recurring(published, rows, reworded_compared(rows, published))
    assert "(samma frågetext och temanamn" in identical and "formulerats om" not in identical
    rows = pd.DataFrame([["q3", "S", "Olika synsätt", "tidigare", True]], columns=COLUMNS)
    reworded = recurring(published, rows, reworded_compared(rows, published))
    assert "samma frågetext och temanamn" not in reworded
    assert "samma frågetext utom för ”Största utmaningen”, som har formulerats om sedan dess" in reworded


def changes_said(params, changes: pd.DataFrame) -> str:
    lists = [changed_questions(changes, status) for status in (REWORDED, NEW, DROPPED, RETEXTED)]
    return page("teknisk-bilaga/03-enkaten.md.j2", "question_changes", params, {}, *lists)


def test_reworded_new_and_dropped_questions_are_said(published):
    now = {
        "q1": Question(text="Vad var bäst?", label="Bäst"),
        "q3": Question(text="Vad skulle du göra på ett annat sätt?", label="Annorlunda", same_as="q2"),
    }
    text = changes_said(published, changes_of(now))
    assert "Omformulerade sedan förra utvärderingen" in text
    assert "- ”Annorlunda”, förra gången: ”Vad hade du gjort annorlunda?”" in text
    assert "Nya frågor sedan förra utvärderingen (inget att jämföra med): ”Bäst”." in text
    assert "Ställdes vid förra utvärderingen men inte i år: ”Förbättras”." in text


def test_an_unchanged_question_set_says_nothing_of_changes(published):
    same = {"q1": THEN["q1"], "q2": THEN["q2"]}
    assert changes_said(published, changes_of(same)).strip() == ""


def test_a_new_text_under_an_earlier_label_is_said_with_the_earlier_text(published):
    text = changes_said(
        published, changes_of({"q1": Question(text="Vad behöver förbättras i dag?", label="Förbättras")})
    )
    assert "Med samma namn som en fråga förra gången men en ny frågetext, och därför inte jämförda med den:" in text
    assert "- ”Förbättras”, förra gången: ”Vad borde förbättras?”" in text
    assert "Nya frågor" not in text and "Ställdes vid förra utvärderingen men inte i år: ”Gjort annorlunda”." in text
