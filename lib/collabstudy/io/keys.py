"""The results registry's keys, named once: the steps record under them and the final document reads them.

Keys are stable across studies (municipality codes, measures and themes come from the params
and the data), so a test or a later evaluation can find a figure by the same key.
"""

from __future__ import annotations

from ..study.vocabulary import GOAL_MEASURE

# --- 01 cleaning
OBSERVATIONS = "observations"
CHECKS_MADE = "checks_made"
# The study's settings that the text states (from params, recorded so that every stated figure has a key).
CONFIDENCE_LEVEL = "study.confidence_level"
ALPHA = "study.alpha"
# Rows of the survey export with a value in a personal column (name, e-mail): 0 when the form was anonymous.
EXPORT_PERSONAL_ROWS = "survey.export.personal_rows"


def checks_with(severity: str) -> str:
    """How many checks ended in this severity."""
    return f"checks_{severity}"


# How many kinds of finding of one severity the summary names (the rest are counted together).
CHECK_KINDS_NAMED = 3


def checks_kind(severity: str, rank: int | str) -> str:
    """The findings of one severity of one kind in one file, by rank (1 = the most); 'rest' for all others."""
    return f"checks_{severity}.kind.{rank}"


# --- 02 outcomes: the rolling 12 months
def count(code: str, measure: str) -> str:
    """A count of the rolling table for one municipality ('S.enrolled')."""
    return f"{code}.{measure}"


def share(code: str, measure: str, field: str) -> str:
    """A share of enrolled: field 'count', 'share', 'ci_low' or 'ci_high' ('S.closures_work_studies.share')."""
    return f"{code}.{measure}.{field}"


def goal_share(code: str, field: str) -> str:
    """The goal measure (closures to work or studies, of enrolled) for one municipality."""
    return share(code, GOAL_MEASURE, field)


GAP = "gap.now"
GAP_CI_LOW = "gap.now.ci_low"
GAP_CI_HIGH = "gap.now.ci_high"
GAP_Z = "gap.test.z"
GAP_P = "gap.test.p_value"
EQUIVALENCE_MARGIN = "equivalence.margin"
EQUIVALENCE_P = "equivalence.p_value"
EQUIVALENCE_MET = "equivalence.met"
NEEDED_TARGET = "needed.target_count"
NEEDED_PER_PERIOD = "needed.per_period"
NEEDED_PER_MONTH = "needed.per_month"
NEEDED_VERDICT = "verdict.needed"
# Where the gap's interval lies: wholly above zero, wholly below, or around it.
GAP_INTERVAL_VERDICT = "verdict.gap.interval"


def baseline(variant: str, field: str) -> str:
    """A comparison with the baseline year ('baseline.main.goal_change_pp')."""
    return f"baseline.{variant}.{field}"


def baseline_direction(variant: str, field: str) -> str:
    """The direction of one baseline change as it is shown (up, down, same)."""
    return f"verdict.baseline.{variant}.{field}"


BASELINE_HAS_DENOMINATORS = "baseline.has_denominators"


# --- 02 outcomes: the monthly series, per municipality delivered
def monthly(code: str, period: str, field: str) -> str:
    """A figure of one period of a municipality's monthly series ('monthly.S.before.mean'); periods:
    'before', 'after' (the start), 'window' (this evaluation), 'previous' (the previous evaluation)."""
    return f"monthly.{code}.{period}.{field}"


def rate_ratio(code: str, comparison: str, field: str = "ratio") -> str:
    """A rate ratio between two periods ('monthly.S.after_before.ratio', '….ci_low', '….p_value'; 'change':
    the ratio minus one, 'times': the ratio rounded to whole times)."""
    return f"monthly.{code}.{comparison}.{field}"


def rate_size(code: str, comparison: str) -> str:
    """How a rate ratio is said: so many times, more, fewer or as many."""
    return f"verdict.monthly.{code}.{comparison}.size"


def calendar_year(code: str, year: int, field: str) -> str:
    """The monthly closures of one calendar year: 'total', 'months', 'mean', 'whole'."""
    return f"monthly.{code}.year.{year}.{field}"


def control_line(code: str, phase: str, field: str) -> str:
    """A c-chart line of one phase ('before'/'after'): 'centre', 'ucl', 'lcl'."""
    return f"monthly.{code}.chart.{phase}.{field}"


def monthly_revisions(code: str) -> str:
    """How many months this delivery gives another value than an earlier evaluation had."""
    return f"monthly.{code}.revised"


def monthly_revision(code: str, month: str, field: str) -> str:
    """One revised month ('2022-03'): 'value' (this delivery's), 'earlier' (the earlier evaluation's)."""
    return f"monthly.{code}.revised.{month}.{field}"


def monthly_signals(code: str) -> str:
    return f"monthly.{code}.signals"


def monthly_direction(code: str, comparison: str) -> str:
    """Up, down, unclear, or not possible on these data (the rule then says why)."""
    return f"verdict.monthly.{code}.{comparison}"


# --- 02 outcomes: the goal across evaluations (params previous_evaluations)
def series_change(field: str) -> str:
    """The goal municipality's share now minus at the latest earlier evaluation: 'change', 'ci_low',
    'ci_high', 'p_value', 'gap_change' (the gap now minus then)."""
    return f"series.goal_share.{field}"


SERIES_CHANGE_VERDICT = "verdict.series.goal_share"


def series_gap(when: str) -> str:
    """Whether the goal municipality lay under, over or level with the reference ('previous', 'now')."""
    return f"verdict.series.gap.{when}"


# --- 02 outcomes: per year and the scenario
def yearly(code: str, measure: str, year: int) -> str:
    """A municipality's value of one measure in one year ('yearly.S.households.2022')."""
    return f"yearly.{code}.{measure}.{year}"


def yearly_change(code: str, measure: str, year: int) -> str:
    return f"yearly.{code}.{measure}.change.{year}"


def yearly_trend(code: str, measure: str, field: str) -> str:
    """The change from the first to the last solid year: 'first', 'last', 'first_value', 'last_value',
    'change' (percent)."""
    return f"yearly.{code}.{measure}.trend.{field}"


def yearly_trend_verdict(code: str, measure: str) -> str:
    return f"verdict.yearly.{code}.{measure}.trend"


SCENARIO_RELATIVE_DROP = "scenario.caseworker.relative_drop"
SCENARIO_DROP_PP = "scenario.caseworker.drop_pp"
SCENARIO_SHARE_WITHOUT = "scenario.caseworker.share_without_change"
SCENARIO_STATED_HOLDS = "scenario.caseworker.stated_figures_hold"

# --- the verdicts (unit 'utslag'), each with the figures it was decided from
GOAL_VERDICT = "verdict.goal"
DIFFERENCE_VERDICT = "verdict.difference"
SURVEY_DIFFERENCE_VERDICT = "verdict.survey_difference"


def top_theme(question: str, code: str) -> str:
    """The most common theme(s) of one question in one municipality."""
    return f"verdict.top_theme.{question}.{code}"


# --- 03 survey
def response(code: str, field: str) -> str:
    """Invited, respondents, rate and its interval per municipality, or 'total'."""
    return f"survey.response.{code}.{field}"


def answer_minutes(field: str) -> str:
    """The answer time from the export's start and completion times: 'median' or 'mean'."""
    return f"survey.answer_minutes.{field}"


def coverage(question: str, field: str) -> str:
    """Answers with text ('answers') and how many are coded ('coded'), per question."""
    return f"survey.coverage.{question}.{field}"


def period(code: str, index: int) -> str:
    return f"survey.period.{code}.{index}"


def theme_count(theme: str, code: str) -> str:
    return f"survey.theme.{theme}.{code}.count"


def theme_share(theme: str, code: str) -> str:
    """A theme's count as a share of the municipality's respondents (exact counts only)."""
    return f"survey.theme.{theme}.{code}.share"


# The smallest difference between the municipalities the survey would show with good power.
DETECTABLE_DIFFERENCE = "survey.detectable_difference"
RECURRING_COMPARED = "survey.recurring.compared"


def question_changes(status: str) -> str:
    """How many questions are identical to, reworded from, new since or dropped from the previous evaluation's
    (survey.series.question_changes)."""
    return f"survey.question_changes.{status}"


def answers(question: str, code: str, field: str) -> str:
    """Blank ('blank') and "vet ej" ('dont_know') answers to one question in one municipality."""
    return f"survey.{question}.{code}.{field}"


def fisher(theme: str, adjusted: bool = False) -> str:
    return f"survey.theme.{theme}.fisher_p{'_holm' if adjusted else ''}"


def coder_agreement(question: str, theme: str, field: str) -> str:
    """Agreement between the coders on one theme of a question ('' as theme: all its themes)."""
    return f"survey.agreement.{question}.{theme or 'alla'}.{field}"


def closed_answer(question: str, code: str, position: int, field: str) -> str:
    """One answer (by its place on the scale or list) of a closed question in one municipality:
    'count', 'share', 'ci_low', 'ci_high'."""
    return f"survey.closed.{question}.{code}.{position}.{field}"


def closed_summary(question: str, code: str, field: str) -> str:
    """A closed question in one municipality: 'answered', 'blank', 'dont_know'; a rating's 'median', 'mean',
    'ci_low', 'ci_high'."""
    return f"survey.closed.{question}.{code}.{field}"


def closed_comparison(question: str, field: str) -> str:
    """The comparison of the municipalities on one closed question: 'p_value', 'p_holm', 'estimate'."""
    return f"survey.closed.{question}.{field}"


def closed_difference(question: str) -> str:
    return f"verdict.closed_difference.{question}"


# --- 03 survey, for a study that reproduces a published report: the reproduction table (bilaga F)
def reproduction(field: str) -> str:
    """How many of the published figures: 'total', 'agrees', 'inputs' (used as published), 'differs'."""
    return f"reproduction.{field}"
