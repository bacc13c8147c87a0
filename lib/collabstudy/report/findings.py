"""Everything the earlier steps computed for one study, as the final document reads it.

The final document computes nothing: a figure it states is `fig(key)` (the value an earlier step
recorded, with its key, shown as `<span data-key="…">`), a judgement is `verdict(key)`. What this
class adds is selection only: which rows, themes or municipalities a sentence is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..io import keys
from ..io.figures import Figures
from ..io.processed import read_table
from ..io.registry import read_results
from ..outcomes.periods import said
from ..outcomes.yearly import stated_trends
from ..stats.verdicts import UNCLEAR
from ..study.ledger import DELIVERED, NOT_IN_STUDY, delivery_ledger
from ..study.steps import CLEANING, OUTCOMES, SURVEY
from ..study.vocabulary import OK


@dataclass(frozen=True)
class Findings(Figures):
    """Everything the earlier steps computed, for one study: their registries (Figures) and tables."""

    params: object
    cleaning: dict
    outcomes: dict
    survey: dict
    log: pd.DataFrame
    tallies: pd.DataFrame
    quotes: pd.DataFrame
    monthly_periods: pd.DataFrame
    monthly_comparisons: pd.DataFrame
    baseline: pd.DataFrame
    yearly_levels: pd.DataFrame
    coverage: pd.DataFrame
    evaluations: pd.DataFrame
    response_series: pd.DataFrame
    recurring: pd.DataFrame
    # The closed questions (collabstudy.survey.closed): answers per municipality, a rating's median and mean.
    closed_tally: pd.DataFrame = field(default_factory=pd.DataFrame)
    closed_ratings: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The monthly closures per calendar year (step 02) and the year-on-year changes.
    calendar_years: pd.DataFrame = field(default_factory=pd.DataFrame)
    yearly_changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    baseline_comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Each theme's illustrating quote per question and municipality (step 03).
    illustrations: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Every figure a published report states beside the study's (step 03; only a study that reproduces one).
    reproduction: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The published report's statements in its text (step 01; only a study that reproduces one).
    statements: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The survey's questions against the previous evaluation's: identical, reworded, new, dropped (step 03).
    question_changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Months this delivery revised against an earlier evaluation, and the monthly series' totals beside a
    # twelve-month table's where the series covers its period whole (step 02).
    monthly_revisions: pd.DataFrame = field(default_factory=pd.DataFrame)
    table_agreement: pd.DataFrame = field(default_factory=pd.DataFrame)

    @classmethod
    def load(cls, params, build_dir) -> "Findings":
        return cls(
            params,
            read_results(build_dir, CLEANING),
            read_results(build_dir, OUTCOMES),
            read_results(build_dir, SURVEY),
            read_table(build_dir, "cleaning_log"),
            read_table(build_dir, "survey_tallies"),
            read_table(build_dir, "survey_quotes"),
            read_table(build_dir, "monthly_periods"),
            read_table(build_dir, "monthly_comparisons").fillna({"reason": ""}),
            read_table(build_dir, "baseline"),
            read_table(build_dir, "yearly_levels"),
            read_table(build_dir, "survey_coverage"),
            read_table(build_dir, "evaluation_series"),
            read_table(build_dir, "survey_response_series"),
            read_table(build_dir, "survey_recurring_themes"),
            # An answer is text as params spell it: a rating's '4' and a choice '1' must not read as numbers.
            read_table(build_dir, "survey_closed_tally").astype({"value": str}),
            read_table(build_dir, "survey_closed_ratings"),
            read_table(build_dir, "monthly_calendar_years"),
            read_table(build_dir, "yearly_changes"),
            read_table(build_dir, "baseline_comparison"),
            read_table(build_dir, "survey_illustrations"),
            # a row number stays a whole number, also where a published figure has none (its text)
            read_table(build_dir, "reproduction").astype({"row": "Int64"})
            if params.published is not None
            else pd.DataFrame(),
            read_table(build_dir, "report_statements").fillna({"evaluators_sentence": ""})
            if params.published is not None
            else pd.DataFrame(),
            read_table(build_dir, "survey_question_changes").fillna(""),
            monthly_revisions=read_table(build_dir, "monthly_revisions"),
            table_agreement=read_table(build_dir, "monthly_table_agreement"),
        )

    @property
    def registries(self) -> list:
        return [self.outcomes, self.survey, self.cleaning]

    @property
    def goal_verdict(self) -> str:
        """Whether the goal is met ('met', 'not_met', 'undecided'), as step 02 decided it."""
        return self.value(keys.GOAL_VERDICT)

    def theme_label(self, theme: str) -> str:
        return self.tallies.loc[self.tallies["theme"] == theme, "label"].iloc[0]

    def respondents(self, code: str) -> int:
        return int(self.value(keys.response(code, "respondents")))

    def unanswered(self) -> list[str]:
        """The municipalities (names, in params' order) whose survey nobody answered: the reason their answers
        cannot be compared with the others'."""
        counted = [(code, keys.response(code, "respondents")) for code in self.params.values.codes]
        return [self.name(code) for code, key in counted if self.has(key) and self.value(key) == 0]

    # --- selection for the text: which rows, years, questions a sentence is about (nothing computed)

    @property
    def has_previous(self) -> bool:
        return bool(self.params.values.previous_evaluations)

    @property
    def has_evaluators_text(self) -> bool:
        return bool(self.params.deliveries("evaluators_text"))

    @property
    def starts_at_new_year(self) -> bool:
        start = self.params.values.collaboration_start
        return (start.month, start.day) == (1, 1)

    def check_kinds(self, severity: str) -> list[str]:
        """The keys of the findings of one severity by kind and file, most first, then the rest (step 01)."""
        ranked = [keys.checks_kind(severity, rank) for rank in range(1, keys.CHECK_KINDS_NAMED + 1)]
        return [key for key in [*ranked, keys.checks_kind(severity, "rest")] if self.has(key)]

    def not_delivered(self, key: str) -> list[tuple[list[str], str]]:
        """The municipalities params declare did not deliver `key` this period, together when they gave the
        same reason: (names, the reason given)."""
        grouped: dict[str, list[str]] = {}
        for code, reason in self.params.not_delivered(key):
            grouped.setdefault(reason, []).append(self.name(code))
        return [(names, reason) for reason, names in grouped.items()]

    def delivered_kinds(self) -> list[str]:
        """The deliveries the study has from at least one municipality, in params order."""
        ledger = self.ledger()
        return list(dict.fromkeys(ledger.loc[ledger["status"] == DELIVERED, "delivery"]))

    def ledger(self) -> pd.DataFrame:
        """What each municipality delivered for the period, and what not (collabstudy.study.ledger)."""
        return delivery_ledger(self.params)

    def not_in_study(self) -> list[tuple[str, list[str]]]:
        """The deliveries params name for some municipalities only, without declaring the others undelivered:
        (delivery, the names of the municipalities without it)."""
        ledger = self.ledger()
        absent = ledger[ledger["status"] == NOT_IN_STUDY]
        return [
            (key, [self.name(c) for c in rows["municipality"]]) for key, rows in absent.groupby("delivery", sort=False)
        ]

    def monthly_codes(self) -> list[str]:
        """The municipalities with a monthly series, in params order."""
        if self.monthly_comparisons.empty:
            return []
        delivered = set(self.monthly_comparisons["municipality"])
        return [code for code in self.params.values.codes if code in delivered]

    def without_monthly(self) -> list[str]:
        """The municipalities without a monthly series that params do not declare undelivered (those are said
        with their reason, `not_delivered`)."""
        declared = {code for code, _ in self.params.not_delivered("monthly_closures")}
        shown = set(self.monthly_codes()) | declared
        return [self.name(code) for code in self.params.values.codes if code not in shown]

    def lacks_monthly(self) -> bool:
        """Whether a municipality has no monthly series (declared undelivered, or none in the data)."""
        return len(self.monthly_codes()) < len(self.params.values.codes)

    def revised_months(self, code: str) -> list[tuple[str, object, str]]:
        """The months a municipality's delivery revised, in time order: (month's key, its first day, the
        earlier evaluation that had another value)."""
        found = self.monthly_revisions
        if found.empty:
            return []
        mine = found[found["municipality"] == code].sort_values("period_start")
        return [
            (pd.Timestamp(r.period_start).strftime("%Y-%m"), r.period_start, r.from_study) for r in mine.itertuples()
        ]

    def table_disagreements(self, code: str) -> list[str]:
        """The periods where a municipality's monthly series, covering the period whole, sums to another
        count than the twelve-month table for it."""
        found = self.table_agreement
        if found.empty:
            return []
        mine = found[(found["municipality"] == code) & ~found["agrees"].astype(bool)]
        return list(mine["period"])

    def disagreeing_names(self) -> list[str]:
        """The municipalities whose monthly series disagrees with a twelve-month table, by name."""
        return [self.name(c) for c in self.monthly_codes() if self.table_disagreements(c)]

    def revised_names(self) -> list[str]:
        """The municipalities whose monthly series revises an earlier evaluation's months or disagrees with a
        twelve-month table, by name in params order."""
        return [self.name(c) for c in self.monthly_codes() if self.revised_months(c) or self.table_disagreements(c)]

    def stated_comparisons(self, code: str) -> list:
        """The comparisons of a municipality's monthly series a reader is told (outcomes.periods.stated), as
        (comparison, numerator period, denominator period, possible)."""
        return [row[1:] for row in said(self.monthly_comparisons, code, stated_only=True)]

    def stated_from(self, code: str, numerator: str) -> list[tuple[str, str]]:
        """The stated comparisons that could be made from one period: (comparison, denominator period)."""
        return [(c, den) for c, num, den, possible in self.stated_comparisons(code) if possible and num == numerator]

    def numerators(self, code: str) -> list[str]:
        """The periods a municipality's stated comparisons compare from, in order (each said once)."""
        return list(dict.fromkeys(n for _, n, _, possible in self.stated_comparisons(code) if possible))

    def all_directions_unclear(self) -> bool:
        """Whether no stated monthly comparison that could be made shows a direction."""
        found = [
            self.verdict(keys.monthly_direction(code, comparison)).value
            for code in self.monthly_codes()
            for comparison, _, _, possible in self.stated_comparisons(code)
            if possible
        ]
        return all(value == UNCLEAR for value in found)

    def calendar_codes(self) -> list[str]:
        years = self.calendar_years
        return [] if years.empty else [c for c in self.params.values.codes if c in set(years["municipality"])]

    def whole_calendar_years(self, code: str) -> list[int]:
        years = self.calendar_years
        return [int(y) for y in years.loc[(years["municipality"] == code) & years["whole"].astype(bool), "year"]]

    def stated_trends(self) -> list:
        """Per municipality with yearly statistics: (code, measures with a trend step 02 recorded, years so far)."""
        return stated_trends(self.yearly_levels, self)

    def yearly_codes(self) -> list[str]:
        return [code for code, _, _ in self.stated_trends()]

    def one_yearly(self) -> str | None:
        """The name of the one municipality with yearly statistics (None when both, or neither, have them)."""
        codes = self.yearly_codes()
        return self.name(codes[0]) if len(codes) == 1 else None

    def doubtful_years(self) -> list[int]:
        """The years whose statistics the source marks uncertain or missing."""
        levels = self.yearly_levels
        return [] if levels.empty else sorted({int(y) for y in levels.loc[levels["status"] != OK, "year"]})

    def questions(self, area: str | None = None) -> list[str]:
        """The survey's questions (of one area), in the form's order."""
        return [k for k, q in self.params.values.survey.questions.items() if area is None or q.area == area]

    def question(self, key: str):
        return self.params.values.survey.questions[key]

    def areas_asked(self) -> set[str]:
        return {q.area for q in self.params.values.survey.questions.values()}

    def uncounted_questions(self) -> list[str]:
        """The free-text questions with no exact count for any theme (a report that published only quotes)."""
        counted = set(self.tallies.loc[self.tallies["count_exact"].astype(bool), "question"])
        asked = set(self.tallies["question"])
        return [q for q in self.params.values.survey.free_text if q in asked and q not in counted]

    def has_top_theme(self, question: str, code: str) -> bool:
        return self.has(keys.top_theme(question, code))

    def illustration(self, question: str, code: str, theme: str) -> str | None:
        """The quote step 03 chose for a theme (survey.figures.illustrating_quote), or None."""
        found = self.illustrations
        if found.empty:
            return None
        label = self.theme_label(theme)
        found = found[(found["question"] == question) & (found["municipality"] == code) & (found["label"] == label)]
        return None if found.empty else found["quote"].iloc[0]

    def coders(self) -> list[str]:
        return [d.entry.coder or "?" for d in self.params.deliveries("survey_coding")]

    def baseline_variants(self) -> list[tuple[str, str]]:
        """The baseline's alternative figures (variant, remark), beside its main figure."""
        from ..outcomes.baseline import alternatives

        return alternatives(self.baseline_comparison)

    def recurring_shared(self) -> list[tuple[str, str, str]]:
        """The themes most common now and at the previous evaluation: (question label, municipality, theme)."""
        from ..survey.series import shared_recurring

        return shared_recurring(self.recurring, self.params)

    def recurring_reworded(self) -> list[str]:
        """The labels of the questions compared with the previous evaluation through `same_as`, their text
        changed since (the comparison's method names them)."""
        from ..survey.series import reworded_compared

        return reworded_compared(self.recurring, self.params)

    def changed_questions(self, status: str) -> list:
        """The questions reworded ((label, earlier text)), new (labels), dropped (earlier labels) or asked under an
        earlier label with a new text, unlinked ((label, earlier text)) since the previous evaluation."""
        from ..survey.series import changed_questions

        return changed_questions(self.question_changes, status)
