"""The cleaning step as a whole: read every delivered table, validate it, check it, log findings."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import checks, readers, statement_checks, survey_checks
from .params import LoadedParams
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
        statements=readers.read_statements(params),
        footnotes=readers.read_footnotes(params),
        survey_response=readers.read_survey_response(params),
        survey_involvement=readers.read_survey_involvement(params),
        survey_fieldwork=readers.read_survey_fieldwork(params),
    )


def validate(tables: DeliveredTables, params: LoadedParams) -> None:
    """Every observation against the declared schema; all failures are reported together."""
    validate_observations(tables.observations, params.values.codes)
    validate_observations(tables.baseline, params.values.codes, key=("variant",))


def run_checks(tables: DeliveredTables, params: LoadedParams) -> pd.DataFrame:
    """The check ledger: one row per check made, whether it passed or not."""
    observations = tables.observations
    pool = statement_checks.observation_pool([
        tables.rolling_12m, tables.yearly,
        checks.monthly_year_totals(tables.monthly_closures).assign(published=lambda f: f["value"].map(checks.fmt)),
        tables.baseline[tables.baseline["variant"] == "main"],
    ])
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


def cleaning_log(ledger: pd.DataFrame) -> pd.DataFrame:
    """The findings: every ledger row that is not 'ok', most serious first, in file order."""
    findings = ledger[ledger["severity"] != checks.OK].copy()
    findings["_order"] = findings["severity"].map({s: i for i, s in enumerate(checks.SEVERITY_ORDER)})
    return (findings.sort_values(["_order", "file", "row"], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


PROCESSED = "processed"


def write_outputs(tables: DeliveredTables, ledger: pd.DataFrame, output_dir) -> list[str]:
    """The cleaned tidy tables, the check ledger and the cleaning log, each written atomically."""
    from pathlib import Path

    from .atomic import write_csv
    from .survey_checks import involvement_counts

    folder = Path(output_dir) / PROCESSED
    outputs = {
        "rolling_12m.csv": tables.rolling_12m,
        "baseline.csv": tables.baseline,
        "monthly_closures.csv": tables.monthly_closures,
        "monthly_published_aggregates.csv": tables.monthly_published,
        "yearly.csv": tables.yearly,
        "report_statements.csv": tables.statements,
        "survey_response.csv": tables.survey_response,
        "survey_involvement.csv": involvement_counts(tables.survey_involvement, tables.survey_response)
        .assign(implied_count=lambda f: f["candidates"].map(lambda c: c[0] if len(c) == 1 else None))
        .drop(columns="candidates"),
        "survey_fieldwork.csv": tables.survey_fieldwork,
        "check_ledger.csv": ledger,
        "cleaning_log.csv": cleaning_log(ledger),
    }
    for name, frame in outputs.items():
        write_csv(folder / name, frame)
    return sorted(outputs)


def read_processed(build_dir, name: str) -> pd.DataFrame:
    """A table the cleaning step wrote (by name, e.g. 'rolling_12m'; dates parsed), for the later notebooks."""
    from pathlib import Path

    path = Path(build_dir) / PROCESSED / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"Den städade tabellen {path} saknas; kör 'make run' först.")
    frame = pd.read_csv(path)
    for column in ("period_start", "period_end"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def record_results(results, tables: DeliveredTables, ledger: pd.DataFrame) -> None:
    """The cleaning step's figures for the registry: what was read and what the checks found."""
    from .checks import SEVERITY_ORDER

    source = f"01_cleaning: kontrollbok ({PROCESSED}/check_ledger.csv)"
    results.record("observations", len(tables.observations), unit="antal",
                   label="Observationer i statistiktabellerna", source="01_cleaning: read_delivered")
    results.record("checks_made", len(ledger), unit="antal", label="Genomförda kontroller", source=source)
    for severity in SEVERITY_ORDER:
        results.record(f"checks_{severity}", int((ledger["severity"] == severity).sum()), unit="antal",
                       label=f"Kontroller med utfall '{severity}'", source=source)
