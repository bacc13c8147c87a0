"""collabstudy.survey.series and its sentence: the survey across evaluations."""

from __future__ import annotations

import pandas as pd

from collabstudy.survey.tables import recurring_sentence

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
