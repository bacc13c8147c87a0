"""Everything the earlier steps computed for one study, as the final document reads it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..io import keys
from ..io.processed import read_table
from ..io.registry import read_results
from ..present import formatting as f
from ..stats.verdicts import Verdict
from ..study.steps import CLEANING, OUTCOMES, SURVEY


@dataclass(frozen=True)
class Findings:
    """Everything the earlier steps computed, for one study."""

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
        )

    @property
    def reproduces(self) -> bool:
        """Whether the study reproduces a published report (params published_report)."""
        return self.params.published is not None

    def result(self, key: str):
        for registry in (self.outcomes, self.survey, self.cleaning):
            if key in registry:
                return registry[key]
        raise KeyError(f"resultatet '{key}' saknas i registren")

    def value(self, key: str):
        return self.result(key).value

    def verdict(self, key: str) -> Verdict:
        """A verdict as the step that decided it recorded it (its value, rule and figures)."""
        result = self.result(key)
        inputs = dict(result.inputs or {})
        return Verdict(result.value, inputs.pop("regel", ""), inputs)

    @property
    def goal_verdict(self) -> str:
        """Whether the goal is met ('met', 'not_met', 'undecided'), as step 02 decided it."""
        return self.value(keys.GOAL_VERDICT)

    def theme_label(self, theme: str) -> str:
        return self.tallies.loc[self.tallies["theme"] == theme, "label"].iloc[0]

    def respondents(self, code: str) -> int:
        return int(self.value(keys.response(code, "respondents")))

    @property
    def goal(self) -> str:
        return self.params.values.goal.municipality

    @property
    def reference(self) -> str:
        return self.params.values.goal.reference

    def name(self, code: str) -> str:
        return self.params.values.name_of(code)

    def share_text(self, code: str) -> str:
        count = self.value(keys.share(code, "closures_work_studies", "count"))
        enrolled = self.value(keys.count(code, "enrolled"))
        return f.x_of_y(count, enrolled)

    def interval(self, key: str, scale: float = 100, decimals: int = 1) -> str:
        """'16,1–25,1', or '−17,5 till −6,9' when a bound is negative (a dash would read as a minus)."""
        return f.interval(self.value(key + ".ci_low"), self.value(key + ".ci_high"), decimals, scale=scale)
