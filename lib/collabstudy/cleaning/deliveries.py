"""The cleaning step's input: read every delivered table, validate it against its schema, check it.

Only the study's deliveries (params `raw_files`); a published report to reproduce is read and
checked by collabstudy.published beside this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..io.forms import Export
from ..privacy.free_text import read_redacted_export
from ..privacy.study import study_redactor
from ..study.calendar import today
from ..study.errors import StudyInputError
from ..study.params import LoadedParams
from ..study.paths import display_path
from . import checks, survey_checks, survey_readers
from . import statistics_readers as readers
from .schemas import validate_observations


@dataclass(frozen=True)
class DeliveredTables:
    """Every delivered table, read into tidy form (the export without its free text and personal columns)."""

    rolling_12m: pd.DataFrame
    baseline: pd.DataFrame
    monthly_closures: pd.DataFrame
    monthly_published: pd.DataFrame
    yearly: pd.DataFrame
    survey_invitations: pd.DataFrame
    survey_export: Export
    # Filled cells after the reporting window (a month, a year's sum): not read, listed in the cleaning log.
    outside_window: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def observations(self) -> pd.DataFrame:
        """The counted and summed statistics in one tidy table (for checks across tables)."""
        return pd.concat([self.rolling_12m, self.monthly_closures, self.yearly], ignore_index=True)

    @property
    def survey_respondents(self) -> pd.DataFrame:
        """One row per respondent: municipality, period of involvement, answer time (no free text)."""
        return self.survey_export.respondents


def read_delivered(params: LoadedParams, review_names: bool = True) -> DeliveredTables:
    """Read every delivered table named in params; the first unreadable cell stops with its location.
    The export's free text is redacted (and, with `review_names`, reviewed for unknown names)."""
    outside: list[dict] = []
    monthly, monthly_published = readers.read_monthly_closures(params, outside)
    invitations = survey_readers.read_survey_invitations(params)
    export = read_redacted_export(params, study_redactor(params, "", free_text=True), review=review_names)
    names = {m.code: m.name for m in params.values.municipalities}
    survey_checks.check_typed_respondents(invitations, export, names)
    survey_checks.check_respondents_within_invitations(invitations, export, names)
    return DeliveredTables(
        rolling_12m=readers.read_rolling_12m(params),
        baseline=readers.read_baseline(params),
        monthly_closures=monthly,
        monthly_published=monthly_published,
        yearly=readers.read_yearly(params),
        survey_invitations=invitations,
        survey_export=export,
        outside_window=pd.DataFrame(outside, columns=["file", "row", "column", "published", "start"]),
    )


def validate(tables: DeliveredTables, params: LoadedParams) -> None:
    """Every observation against the declared schema; all failures are reported together."""
    validate_observations(tables.observations, params.values.codes)
    validate_observations(tables.baseline, params.values.codes, key=("variant",))


def run_checks(tables: DeliveredTables, params: LoadedParams, footnotes: dict[int, str] | None = None) -> pd.DataFrame:
    """The check ledger: one row per check made, whether it passed or not. `footnotes` explain the
    footnote markers in cells (a published report's; none for plain deliveries)."""
    observations = tables.observations
    footnotes = footnotes or {}
    checks.check_counts_within_enrolled(observations)
    parts = [
        checks.check_sums(observations),
        checks.check_ratios(observations),
        checks.check_monthly_aggregates(
            tables.monthly_closures, tables.monthly_published, params.values.reporting_window.end
        ),
        checks.check_outside_window(tables.outside_window, params.values.reporting_window.end),
        checks.check_flagged_cells(observations, footnotes),
        checks.check_enrolled_within_adults(observations, footnotes),
        survey_checks.check_response(tables.survey_invitations, tables.survey_export),
        survey_checks.check_export_columns(tables.survey_export),
        survey_checks.check_fieldwork_against_answers(
            tables.survey_export,
            params.values.survey.sent,
            params.values.survey.open_days,
            display_path(params.file, params.root),
        ),
    ]
    return pd.concat([p for p in parts if not p.empty], ignore_index=True)


def check_deliveries(params: LoadedParams) -> DeliveredTables:
    """The deliveries' input check: everything that stops the cleaning step, found before the notebook
    runs a cell: unreadable cells, schema failures, parts larger than their total. Returns the tables
    read, for the published report's check (published.layer.check_study)."""
    window_end, now = params.values.reporting_window.end, today()
    if window_end > now:
        raise StudyInputError(
            f"rapportperioden slutar {window_end}, efter dagens datum ({now}): kör studien när perioden är slut och "
            "leveranserna finns",
            file=display_path(params.file, params.root),
            key="reporting_window.end",
        )
    readers.refuse_declared_but_filled(params)
    tables = read_delivered(params)
    validate(tables, params)
    run_checks(tables, params)
    return tables
