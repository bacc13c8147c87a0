"""The published-report layer of the cleaning step: read what the report states, check it against the
deliveries, and hand it on. A study without `published_report` in params has none of it (None)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..cleaning import checks
from ..cleaning.deliveries import DeliveredTables, check_deliveries
from ..cleaning.ledger import KEEP, entry, ledger
from ..cleaning.survey_checks import respondents_per_municipality
from ..io.processed import read_table as read_processed
from ..io.processed import write_tables
from ..present.formatting import number as fmt
from ..stats.rounding import within_rounding
from ..study.params import LoadedParams
from ..study.steps import CLEANING
from ..study.vocabulary import ERROR, OK
from . import readers, statement_checks, survey_checks


@dataclass(frozen=True)
class PublishedTables:
    """What a published report states beyond the deliveries, read into tidy form."""

    statements: pd.DataFrame
    footnotes: dict[int, str]
    survey_involvement: pd.DataFrame
    survey_fieldwork: pd.DataFrame


def read_published(params: LoadedParams) -> PublishedTables | None:
    """The report's text figures, footnotes and survey figures; None when the study reproduces no report."""
    if params.published is None:
        return None
    return PublishedTables(
        statements=readers.read_statements(params),
        footnotes=readers.read_footnotes(params),
        survey_involvement=readers.read_survey_involvement(params),
        survey_fieldwork=readers.read_survey_fieldwork(params),
    )


def footnotes(report: PublishedTables | None) -> dict[int, str]:
    """The footnotes that explain markers in the delivered cells (none without a published report)."""
    return {} if report is None else report.footnotes


def _respondents(tables: DeliveredTables) -> pd.DataFrame:
    counted = respondents_per_municipality(tables.survey_export)
    return pd.DataFrame({"municipality": counted.index, "respondents": counted.to_numpy()})


def run_checks(report: PublishedTables | None, tables: DeliveredTables, params: LoadedParams) -> pd.DataFrame:
    """The report's own figures against the deliveries (an empty ledger without a report)."""
    if report is None:
        return ledger([])
    pool = statement_checks.observation_pool(
        [
            tables.rolling_12m,
            tables.yearly,
            checks.monthly_year_totals(tables.monthly_closures, params.values.reporting_window.end).assign(
                published=lambda f: f["value"].map(checks.fmt)
            ),
            tables.baseline[tables.baseline["variant"] == "main"],
        ]
    )
    parts = [
        survey_checks.check_involvement(report.survey_involvement, _respondents(tables)),
        survey_checks.check_fieldwork_dates(report.survey_fieldwork, report.survey_involvement, params),
        check_answer_time(report.survey_fieldwork, tables.survey_respondents),
        statement_checks.check_statements(report.statements, pool, params),
    ]
    return pd.concat([p for p in parts if not p.empty], ignore_index=True)


def check_answer_time(fieldwork: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    """The published mean answer time against the export's start and completion times, where it has them."""
    minutes = respondents["minutes"].dropna()
    if minutes.empty:
        return ledger([])  # the export has no times: the published figure is all there is
    cell = fieldwork.set_index("item").loc["mean_answer_minutes"]
    exact = float(minutes.mean())
    ok = within_rounding(float(cell["value"]), exact, 0)
    return ledger(
        [
            entry(
                "enkät: svarstid mot exporten",
                file=cell["file"],
                row=cell["row"],
                column="Värde",
                published=cell["published"],
                recomputed=f"medel {fmt(exact, 1)} minuter ({len(minutes)} svar med tider)",
                problem="" if ok else f"Exportens tider ger i medel {fmt(exact, 1)} minuter, inte {cell['published']}.",
                severity=OK if ok else ERROR,
                action="" if ok else f"{KEEP} Studien redovisar exportens tider.",
            )
        ]
    )


def write_outputs(report: PublishedTables | None, tables: DeliveredTables, output_dir) -> list[str]:
    """The report's statements and survey figures for the reproduction table (nothing without a report)."""
    if report is None:
        return []
    involvement = (
        survey_checks.involvement_counts(report.survey_involvement, _respondents(tables))
        .assign(implied_count=lambda f: f["candidates"].map(lambda c: c[0] if len(c) == 1 else None))
        .drop(columns="candidates")
    )
    return write_tables(
        output_dir,
        CLEANING,
        {
            "report_statements": report.statements,
            "survey_involvement": involvement,
            "survey_fieldwork": report.survey_fieldwork,
            # a footnote marker in a delivered cell is explained where its value is stated (step 02)
            "report_footnotes": pd.DataFrame(sorted(report.footnotes.items()), columns=["footnote", "text"]),
        },
    )


def check_study(params: LoadedParams) -> None:
    """The cleaning step's input check (its preflight), before the notebook runs a cell: the deliveries
    (cleaning.deliveries.check_deliveries) and, for a study that reproduces a report, the report's files
    against them; every file read once."""
    tables = check_deliveries(params)
    report = read_published(params)
    if report is not None:
        run_checks(report, tables, params)


def published_counts(params: LoadedParams) -> pd.DataFrame | None:
    """The report's counts of respondents per theme, blank and "vet ej" (None without a report)."""
    return None if params.published is None else readers.read_published_counts(params)


def published_answer_minutes(params: LoadedParams, build_dir) -> float | None:
    """The report's mean answer time, as the cleaning step read it (None without a report)."""
    if params.published is None:
        return None
    fieldwork = read_processed(build_dir, "survey_fieldwork").set_index("item")
    return float(fieldwork.loc["mean_answer_minutes", "value"])
