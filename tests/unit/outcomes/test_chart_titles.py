"""A chart's title states what the goal's verdict says, also when the data go the other way."""

from __future__ import annotations

import pytest

from collabstudy.outcomes import charts
from collabstudy.stats import verdicts as v


@pytest.mark.parametrize(
    ("verdict", "goal_share", "words"),
    [
        (v.MET, 0.32, "är i nivå med"),
        (v.NOT_MET, 0.20, "är lägre än"),
        (v.NOT_MET, 0.45, "är högre än"),
        (v.UNDECIDED, 0.30, "det går ännu inte att säga om målet är nått"),
    ],
)
def test_the_shares_chart_title_follows_the_goal_verdict(verdict, goal_share, words):
    title = charts._shares_title({"share": goal_share}, {"share": 0.33}, "Ekby", "Lundsås", verdict)
    assert words in title


@pytest.mark.parametrize(
    ("verdict", "words", "never"),
    [
        (v.MET, "ett ekvivalenstest visar att skillnaden ligger inom", "utanför"),
        (v.NOT_MET, "hela intervallet för skillnaden ligger utanför", "visar att"),
        (v.UNDECIDED, "intervallet för skillnaden når in i", "hela intervallet"),
    ],
)
def test_the_gap_reason_follows_the_goal_verdict(verdict, words, never):
    said = words_for_reason(verdict)
    assert words in said and never not in said and "±5 procentenheter" in said


def words_for_reason(verdict: str) -> str:
    from collabstudy.present.words import goal_reason

    return goal_reason(verdict, 0.05)
