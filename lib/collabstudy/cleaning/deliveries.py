"""The cleaning step's input: read every delivered table, validate it against its schema, check it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..study.params import LoadedParams
from . import checks, report_readers, statement_checks, survey_checks, survey_readers
from . import statistics_readers as readers
from .schemas import validate_observations


@dataclass(frozen=True)
class DeliveredTables:
    """Every delivered table, read into tidy form."""

    rolling_12m: pd.DataFrame
    baseline: pd.DataFrame
    monthly_closures: pd.DataFrame
    monthly_published: pd.DataFrame
    yearly: pd.DataFrame
    statements: pd.DataFrame
    footnotes: dict[int, str]
    survey_response: pd.DataFrame
    survey_involvement: pd.DataFrame
    survey_fieldwork: pd.DataFrame

    @property
    def observations(self) -> pd.DataFrame:
        """The counted and summed statistics in one tidy table (for checks across tables)."""
        return pd.concat([self.rolling_12m, self.monthly_closures, self.yearly], ignore_index=True)


def read_delivered(params: LoadedParams) -> DeliveredTables:
    """Read every delivered table named in params; the first unreadable cell stops with its location."""
    monthly, monthly_published = readers.read_monthly_closures(params)
    return DeliveredTables(
        rolling_12m=readers.read_rolling_12m(params),
        baseline=readers.read_baseline(params),
        monthly_closures=monthly,
        monthly_published=monthly_published,
        yearly=readers.read_yearly(params),
        statements=report_readers.read_statements(params),
        footnotes=report_readers.read_footnotes(params),
        survey_response=survey_readers.read_survey_response(params),
        survey_involvement=survey_readers.read_survey_involvement(params),
        survey_fieldwork=survey_readers.read_survey_fieldwork(params),
    )


def validate(tables: DeliveredTables, params: LoadedParams) -> None:
    """Every observation against the declared schema; all failures are reported together."""
    validate_observations(tables.observations, params.values.codes)
    validate_observations(tables.baseline, params.values.codes, key=("variant",))


def run_checks(tables: DeliveredTables, params: LoadedParams) -> pd.DataFrame:
    """The check ledger: one row per check made, whether it passed or not."""
    observations = tables.observations
    pool = statement_checks.observation_pool(
        [
            tables.rolling_12m,
            tables.yearly,
            checks.monthly_year_totals(tables.monthly_closures).assign(published=lambda f: f["value"].map(checks.fmt)),
            tables.baseline[tables.baseline["variant"] == "main"],
        ]
    )
    parts = [
        checks.check_sums(observations),
        checks.check_ratios(observations),
        checks.check_monthly_aggregates(tables.monthly_closures, tables.monthly_published),
        checks.check_flagged_cells(observations, tables.footnotes),
        checks.check_enrolled_within_adults(observations, tables.footnotes),
        survey_checks.check_response(tables.survey_response),
        survey_checks.check_involvement(tables.survey_involvement, tables.survey_response),
        survey_checks.check_fieldwork_dates(tables.survey_fieldwork, tables.survey_involvement, params),
        statement_checks.check_statements(tables.statements, pool, params),
    ]
    return pd.concat([p for p in parts if not p.empty], ignore_index=True)


def check_deliveries(params: LoadedParams) -> None:
    """The step's input check (its preflight): everything that stops the cleaning step, found before
    the notebook runs a cell: unreadable cells, schema failures, parts larger than their total."""
    tables = read_delivered(params)
    validate(tables, params)
    run_checks(tables, params)
