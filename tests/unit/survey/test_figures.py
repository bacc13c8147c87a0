"""Survey helpers on hand-built data: suppression, shown counts, comparisons."""

from __future__ import annotations

from math import comb

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact

from collabstudy.privacy.small_cells import suppressed
from collabstudy.survey import figures as survey
from collabstudy.survey.tables import shown_count


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([7, 3, 5], [False, False, False]),  # nothing small
        ([11, 6, 2, 2, 1], [False, False, True, True, True]),  # several small: none derivable alone
        ([10, 1, 4], [False, True, True]),  # one small: the next smallest is hidden too
        ([0, 9], [False, False]),  # zero is not a small cell
    ],
)
def test_suppressed_hides_small_cells_and_their_complement(counts, expected):
    assert suppressed(counts, 3) == expected


@settings(max_examples=100, deadline=None)
@given(counts=st.lists(st.integers(0, 12), min_size=2, max_size=6), threshold=st.integers(2, 5))
def test_no_hidden_cell_can_be_worked_out_from_the_total(counts, threshold):
    hidden = suppressed(counts, threshold)
    assert all(hide for count, hide in zip(counts, hidden) if 0 < count < threshold)  # every small cell
    if any(hidden):  # what the total leaves for the hidden cells can be shared among them in more than one way
        left, shared_by = sum(c for c, hide in zip(counts, hidden) if hide), sum(hidden)
        assert comb(left + shared_by - 1, shared_by - 1) > 1, (counts, hidden)  # ways to share `left` in `shared_by`


@pytest.mark.parametrize(
    "count, published, threshold, suppress, shown",
    [
        (9, True, 3, False, "9"),
        (2, True, 3, False, "2*"),
        (2, True, 3, True, "<3"),
        (4, False, 3, False, "minst 4"),
        (0, False, 3, False, "–"),
    ],
)
def test_shown_count(count, published, threshold, suppress, shown):
    assert shown_count({"count": count, "count_exact": published}, threshold, suppress) == shown


def test_comparisons_only_for_themes_published_for_both_and_holm_adjusted():
    rows = []
    for theme, (a, b), published in (("t1", (9, 9), True), ("t2", (1, 7), True), ("t3", (3, 0), False)):
        for code, count, n in (("A", a, 15), ("B", b, 22)):
            rows.append(
                {
                    "question": "q",
                    "theme": theme,
                    "label": theme,
                    "municipality": code,
                    "count": count,
                    "respondents": n,
                    "share": count / n,
                    "count_exact": published or code == "A",
                }
            )
    result = survey.theme_comparisons(pd.DataFrame(rows), ["A", "B"])
    assert list(result["theme"]) == ["t1", "t2"]
    p = [fisher_exact([[9, 6], [9, 13]])[1], fisher_exact([[1, 14], [7, 15]])[1]]
    assert list(result["p_value"]) == pytest.approx(p)
    smaller, larger = sorted(p)
    assert sorted(result["p_holm"]) == pytest.approx(sorted([min(2 * smaller, 1), min(max(2 * smaller, larger), 1)]))


def test_no_comparison_for_a_municipality_nobody_answered_for():
    rows = [
        {"question": "q", "theme": "t1", "label": "t1", "municipality": code, "count": count, "respondents": n}
        | {"share": count / n if n else float("nan"), "count_exact": True}
        for code, count, n in (("A", 9, 15), ("B", 0, 0))
    ]
    assert survey.theme_comparisons(pd.DataFrame(rows), ["A", "B"]).empty
    assert survey.theme_comparisons(pd.DataFrame(rows[:1]), ["A", "B"]).empty  # B has no row at all


def _quotes(rows: list[tuple[str, str, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"question": "q1", "municipality": "S", "themes": t, "quote": q, "partial": p} for t, q, p in rows]
    )


def test_an_illustrating_quote_is_of_its_theme_whole_and_not_an_essay():
    essay = "Ett långt svar om A. " * 20
    quotes = _quotes([("A", essay, False), ("A", "Ett svar om A som är helt.", False), ("A", "Kapat svar om A", True)])
    assert survey.illustrating_quote(quotes, "q1", "S", "A") == "Ett svar om A som är helt."
    assert survey.illustrating_quote(quotes, "q1", "S", "B") is None  # never a quote of another theme
    only_essay = _quotes([("A", essay, False)])
    assert survey.illustrating_quote(only_essay, "q1", "S", "A") == essay  # the only one there is


def test_illustrations_choose_one_quote_per_theme_and_prefer_an_answer_about_it_alone():
    quotes = _quotes([("A; B", "Om A och B.", False), ("A", "Om A.", False), ("B", "Om B.", False)])
    chosen = survey.illustrations(quotes).set_index("label")["quote"].to_dict()
    assert chosen == {"A": "Om A.", "B": "Om B."}
    mixed_only = _quotes([("A; B", "Om A och B.", False)])
    assert survey.illustrations(mixed_only).set_index("label")["quote"].to_dict() == {
        "A": "Om A och B.",
        "B": "Om A och B.",
    }
