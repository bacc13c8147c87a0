"""What the cleaning step hands on: its tidy tables, the check ledger and log, and its figures."""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import PROCESSED, write_tables
from ..study.steps import CLEANING
from ..study.vocabulary import ERROR, SEVERITY_ORDER, WARNING
from .deliveries import DeliveredTables
from .ledger import cleaning_log


def write_outputs(tables: DeliveredTables, ledger: pd.DataFrame, output_dir) -> list[str]:
    """The cleaned tidy tables, the check ledger and the cleaning log, each written atomically (the
    survey's respondents without free text: the survey step reads and redacts that)."""
    return write_tables(
        output_dir,
        CLEANING,
        {
            "rolling_12m": tables.rolling_12m,
            "baseline": tables.baseline,
            "monthly_closures": tables.monthly_closures,
            "monthly_published_aggregates": tables.monthly_published,
            "yearly": tables.yearly,
            "survey_invitations": tables.survey_invitations,
            "survey_respondents": tables.survey_respondents,
            "check_ledger": ledger,
            "cleaning_log": cleaning_log(ledger),
        },
    )


def record_results(results, tables: DeliveredTables, ledger: pd.DataFrame, params) -> None:
    """The cleaning step's figures for the registry: the settings the report states, what was read and
    what the checks found."""
    level = params.values.confidence_level
    settings = f"{CLEANING}: parameterfilen ({params.file.name})"
    results.record(keys.CONFIDENCE_LEVEL, level, unit="andel", label="Konfidensnivå", source=settings)
    results.record(
        keys.ALPHA,
        round(1 - level, 10),
        unit="sannolikhet",
        label="Signifikansnivå (1 − konfidensnivån)",
        source=settings,
    )
    source = f"{CLEANING}: kontrollbok ({PROCESSED}/check_ledger.csv)"
    results.record(
        keys.OBSERVATIONS,
        len(tables.observations),
        unit="antal",
        label="Observationer i statistiktabellerna",
        source=f"{CLEANING}: read_delivered",
    )
    results.record(
        keys.EXPORT_PERSONAL_ROWS,
        tables.survey_export.personal_rows,
        unit="antal",
        label="Rader i enkätens svarsfil med namn eller e-postadress",
        source=f"{CLEANING}: read_export",
    )
    results.record(keys.CHECKS_MADE, len(ledger), unit="antal", label="Genomförda kontroller", source=source)
    for severity in SEVERITY_ORDER:
        results.record(
            keys.checks_with(severity),
            int((ledger["severity"] == severity).sum()),
            unit="antal",
            label=f"Kontroller med utfall '{severity}'",
            source=source,
        )
    for severity in (ERROR, WARNING):
        record_kinds(results, ledger, severity, source)


def record_kinds(results, ledger: pd.DataFrame, severity: str, source: str) -> None:
    """The findings of a severity by kind and file, most first: a count that says what it is made of (44 missing
    values in one municipality's file are not hidden in '45 varningar'). The kinds past the named ones are
    counted together."""
    found = ledger[ledger["severity"] == severity].assign(file=lambda f: f["file"].fillna("").map(_file_name))
    kinds = found.groupby(["check", "file"], sort=False).size().sort_values(ascending=False, kind="stable")
    for rank, ((check, file), count) in enumerate(kinds.iloc[: keys.CHECK_KINDS_NAMED].items(), start=1):
        results.record(
            keys.checks_kind(severity, rank),
            int(count),
            unit="antal",
            label=f"Kontroller med utfall '{severity}': {check}" + (f" ({file})" if file else ""),
            source=source,
            inputs={"check": check, "file": file},
        )
    if len(kinds) > keys.CHECK_KINDS_NAMED:
        results.record(
            keys.checks_kind(severity, "rest"),
            int(kinds.iloc[keys.CHECK_KINDS_NAMED :].sum()),
            unit="antal",
            label=f"Kontroller med utfall '{severity}' av andra slag",
            source=source,
        )


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
