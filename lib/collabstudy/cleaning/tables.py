"""The cleaning step's tables as readers see them: observations, the check ledger, the params in words."""

from __future__ import annotations

import pandas as pd

from ..present import formatting
from ..present.tables import HEADINGS, table
from ..study.vocabulary import SEVERITY_ORDER, label_of


def observations(frame: pd.DataFrame, params):
    """Tidy observations with labels, municipality names and Swedish numbers."""
    shown = frame.assign(
        measure=frame["measure"].map(label_of),
        municipality=frame["municipality"].map(params.values.name_of),
        value=[formatting.measure_value(v, u) for v, u in zip(frame["value"], frame["unit"])],
    )
    columns = ["measure", "municipality", "period_start", "period_end", "value", "status", "published", "row", "column"]
    return table(shown[columns].rename(columns=HEADINGS))


def ledger(frame: pd.DataFrame):
    """The cleaning log or check ledger with Swedish headings."""
    columns = ["severity", "check", "file", "row", "column", "published", "recomputed", "problem", "action"]
    return table(frame[columns].rename(columns=HEADINGS).astype({"Rad": "string"}).fillna(""))


def severity_counts(frame: pd.DataFrame):
    """How many checks ended in each severity (ok included), most serious first."""
    counts = frame["severity"].value_counts().reindex(list(SEVERITY_ORDER), fill_value=0)
    return table(counts.rename_axis("Allvarlighet").reset_index(name="Antal kontroller"))


def params_summary(params):
    """What the params file says, in words."""
    values = params.values
    rows = [
        ("Studie", values.study.title),
        ("Kommuner", ", ".join(f"{m.name} ({m.code})" for m in values.municipalities)),
        (
            "Mål",
            f"{formatting.genitive(values.name_of(values.goal.municipality))} andel i arbete/studier ska vara densamma som "
            f"{formatting.genitive(values.name_of(values.goal.reference))}",
        ),
        (
            "Rapportperiod",
            f"{formatting.long_date(values.reporting_window.start)} – "
            f"{formatting.long_date(values.reporting_window.end)}",
        ),
        ("Basår", str(values.baseline_year)),
        ("Samverkan startade", formatting.long_date(values.collaboration_start)),
        ("Enkäten skickades ut", f"{formatting.long_date(values.survey.sent)} (öppen {values.survey.open_days} dagar)"),
        ("Publicerad rapport att återskapa", params.published.source if params.published else "ingen"),
        ("Tidigare utvärderingar", ", ".join(values.previous_evaluations) or "inga"),
    ]
    return table(pd.DataFrame(rows, columns=["Uppgift", "Värde"]))
