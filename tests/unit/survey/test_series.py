"""collabstudy.survey.series and what the survey page says of it: the survey across evaluations."""

from __future__ import annotations

import pandas as pd
from wording import page

from collabstudy.survey.series import compared_pairs, shared_recurring


def recurring_sentence(rows: pd.DataFrame, params, has_earlier: bool) -> str:
    """What the survey page says of the themes that recur (templates/rapporttext/teknisk-bilaga/03-enkaten.md.j2)."""
    said = (has_earlier, compared_pairs(rows), shared_recurring(rows, params))
    return page("teknisk-bilaga/03-enkaten.md.j2", "recurring", params, {}, *said)


COLUMNS = ["question", "municipality", "label", "previous"]


def test_no_comparable_question_is_said_not_as_no_recurrence(published):
    text = recurring_sentence(pd.DataFrame(columns=COLUMNS), published, True)
    assert "jämförs inte" in text and "Inget av" not in text


def test_compared_questions_without_a_shared_top_theme(published):
    rows = pd.DataFrame([["q3", "S", float("nan"), "tidigare"]], columns=COLUMNS)
    text = recurring_sentence(rows, published, True)
    assert "1 kombination av fråga och kommun kunde jämföras" in text
    assert "I ingen av dem var det vanligaste temat detsamma" in text


def test_a_recurring_theme_is_named(published):
    rows = pd.DataFrame([["q3", "S", "Olika synsätt", "tidigare"]], columns=COLUMNS)
    text = recurring_sentence(rows, published, True)
    assert "Vanligast både nu och vid förra utvärderingen" in text and "Svedala: ”Olika synsätt”" in text


def test_without_an_earlier_evaluation(published):
    assert "ingen tidigare utvärdering" in recurring_sentence(pd.DataFrame(columns=COLUMNS), published, False)
