"""collabstudy.stats.verdicts: one rule per judgement, tested with data that go each way."""

from __future__ import annotations

import pytest

from collabstudy.stats import verdicts as v

ALPHA = 0.05
MARGIN = 0.05


# --- the goal: met / not met / undecided ---------------------------------------------------------


def test_goal_is_met_when_equivalence_is_shown():
    verdict = v.goal(-0.01, -0.03, 0.01, equivalence_p=0.001, margin=MARGIN, alpha=ALPHA)
    assert verdict.value == v.MET


def test_goal_is_not_met_when_the_whole_interval_is_below_the_margin():
    assert v.goal(-0.125, -0.175, -0.069, 0.99, MARGIN, ALPHA).value == v.NOT_MET


def test_goal_is_not_met_when_the_whole_interval_is_above_the_margin():
    # The goal municipality far above the reference is not "the same" either.
    assert v.goal(0.12, 0.07, 0.17, 0.99, MARGIN, ALPHA).value == v.NOT_MET


def test_a_shown_difference_inside_the_margin_leaves_the_goal_undecided():
    # Significant (the interval excludes 0) but reaching into ±5 pp: the study's "densamma" may hold.
    assert v.goal(-0.04, -0.06, -0.02, 0.2, MARGIN, ALPHA).value == v.UNDECIDED


def test_no_shown_difference_is_never_read_as_the_same():
    assert v.goal(-0.01, -0.09, 0.07, 0.4, MARGIN, ALPHA).value == v.UNDECIDED


def test_the_goal_verdict_carries_its_rule_and_inputs():
    verdict = v.goal(-0.125, -0.175, -0.069, 0.99, MARGIN, ALPHA)
    assert verdict.inputs == {
        "difference": -0.125,
        "ci_low": -0.175,
        "ci_high": -0.069,
        "equivalence_p": 0.99,
        "margin": MARGIN,
        "alpha": ALPHA,
    }
    assert "TOST" in verdict.rule and "marginalen" in verdict.rule


# --- a difference: shown or not -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "expected"), [(0.001, v.SHOWN), (0.049, v.SHOWN), (0.05, v.NOT_SHOWN), (0.6, v.NOT_SHOWN)]
)
def test_a_difference_is_shown_only_below_alpha(p, expected):
    assert v.difference(-0.1, p, ALPHA, "score-test").value == expected


@pytest.mark.parametrize(("estimate", "direction"), [(-0.1, v.DOWN), (0.1, v.UP)])
def test_a_difference_keeps_its_sign(estimate, direction):
    assert v.difference(estimate, 0.01, ALPHA, "score-test").inputs["direction"] == direction


# --- the direction of a series ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "expected"), [(2.2, 8.5, v.UP), (0.3, 0.8, v.DOWN), (0.8, 1.3, v.UNCLEAR), (1.0, 2.0, v.UNCLEAR)]
)
def test_the_direction_follows_the_rate_ratios_interval(low, high, expected):
    assert v.rate_direction((low + high) / 2, low, high).value == expected


# --- a described change -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"), [(2.7, v.UP), (-2.7, v.DOWN), (0.0, v.SAME), (0.04, v.SAME), (-0.04, v.SAME), (0.06, v.UP)]
)
def test_a_change_shown_as_zero_is_no_change(change, expected):
    assert v.sign(change, v.shown_resolution(1)) == expected


# --- the most common theme ----------------------------------------------------------------------


def test_the_largest_exact_count_is_most_common():
    verdict = v.most_common([("a", 3, True), ("b", 8, True), ("c", 1, True)])
    assert verdict.value == v.SINGLE and verdict.inputs["top"] == ["b"] and verdict.inputs["count"] == 8


def test_a_tie_names_every_theme_with_the_top_count():
    verdict = v.most_common([("a", 5, True), ("b", 5, True), ("c", 2, True)])
    assert verdict.value == v.TIE and verdict.inputs["top"] == ["a", "b"]


def test_a_lower_bound_is_never_ranked_above_an_exact_count():
    verdict = v.most_common([("exact", 8, True), ("at_least", 9, False)])
    assert verdict.inputs["top"] == ["exact"]
    assert verdict.inputs["at_least_as_common"] == ["at_least"]


def test_a_lower_bound_that_reaches_the_top_is_named_as_at_least_as_common():
    verdict = v.most_common([("exact", 8, True), ("same", 8, False), ("below", 7, False)])
    assert verdict.inputs["at_least_as_common"] == ["same"]


def test_without_an_exact_count_nothing_is_ranked():
    verdict = v.most_common([("a", 3, False), ("b", 0, True)])
    assert verdict.value == v.NO_RANKING and verdict.inputs["top"] == []


def test_without_an_exact_count_the_most_known_answers_are_named_as_such():
    verdict = v.most_common([("a", 1, False), ("b", 4, False), ("c", 4, False), ("d", 3, False)])
    assert verdict.value == v.NO_RANKING and verdict.inputs["most_known"] == ["b", "c"]
    assert verdict.inputs["known_count"] == 4 and verdict.inputs["at_least_as_common"] == ["b", "c", "d", "a"]
    other_way = v.most_common([("a", 5, False), ("b", 4, False)])
    assert other_way.inputs["most_known"] == ["a"]


def test_of_several_comparisons_each_shown_one_is_named():
    verdict = v.any_difference({"a": 0.001, "b": 0.3, "c": 0.04}, ALPHA, "Holm")
    assert verdict.value == v.SHOWN and verdict.inputs["shown_themes"] == ["a", "c"] and verdict.inputs["tested"] == 3


def test_no_comparison_shown_is_no_difference_and_nothing_to_compare_is_no_comparison():
    assert v.any_difference({"a": 0.2}, ALPHA, "Holm").value == v.NOT_SHOWN
    assert v.any_difference({}, ALPHA, "Holm").value == v.NOT_POSSIBLE


@pytest.mark.parametrize(
    ("alpha", "value"),
    [
        (0.95, v.RELIABLE),
        (0.80, v.RELIABLE),
        (0.79, v.TENTATIVE),
        (0.667, v.TENTATIVE),
        (0.66, v.UNRELIABLE),
        (-0.2, v.UNRELIABLE),
        (None, v.NOT_POSSIBLE),
        (float("nan"), v.NOT_POSSIBLE),
    ],
)
def test_coder_agreement_reads_alpha_by_the_usual_thresholds(alpha, value):
    assert v.coder_agreement(alpha).value == value


def test_a_theme_of_unknown_count_that_reaches_the_top_leaves_no_theme_most_common():
    """'minst 8' beside an exact 8 (or 7): neither can be called the most common; below it, the exact one is."""
    for bound in (8, 9):
        verdict = v.most_common([("a", 8, True), ("b", bound, False)])
        assert (
            verdict.value == v.OPEN and verdict.inputs["top"] == ["a"] and verdict.inputs["at_least_as_common"] == ["b"]
        )
    assert v.most_common([("a", 8, True), ("b", 7, False)]).value == v.SINGLE
