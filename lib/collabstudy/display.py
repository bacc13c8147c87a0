"""Tables as Swedish readers see them: Swedish headings, Swedish number style, no code names."""
from __future__ import annotations

import hashlib

import pandas as pd

from . import formatting
from .vocabulary import SEK, SHARE, label_of

HEADINGS = {
    "measure": "Mått", "municipality": "Kommun", "period_start": "Från", "period_end": "Till",
    "value": "Värde", "status": "Status", "published": "Publicerat", "remark": "Anmärkning",
    "file": "Fil", "row": "Rad", "column": "Kolumn", "check": "Kontroll", "recomputed": "Omräknat",
    "problem": "Problem", "severity": "Allvarlighet", "action": "Åtgärd i studien",
}


def table(frame: pd.DataFrame):
    """A table for readers: no index column, text left-aligned, nothing cut off."""
    # The style's id from the content, not at random: the same data gives the same bytes.
    uuid = hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()[:8]
    return (frame.style.set_uuid(uuid).hide(axis="index")
            .set_properties(**{"text-align": "left", "white-space": "normal"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))


def observations(frame: pd.DataFrame, params):
    """Tidy observations with labels, municipality names and Swedish numbers."""
    shown = frame.assign(
        measure=frame["measure"].map(label_of),
        municipality=frame["municipality"].map(params.values.name_of),
        value=[_value(v, u) for v, u in zip(frame["value"], frame["unit"])],
    )
    columns = ["measure", "municipality", "period_start", "period_end", "value", "status", "published", "row", "column"]
    return table(shown[columns].rename(columns=HEADINGS))


def _value(value: float, unit: str) -> str:
    if pd.isna(value):
        return "saknas"
    if unit == SHARE:
        return formatting.percent(value, 0)
    if unit == SEK:
        return formatting.sek(value)
    return formatting.number(value)


def ledger(frame: pd.DataFrame):
    """The cleaning log or check ledger with Swedish headings."""
    columns = ["severity", "check", "file", "row", "column", "published", "recomputed", "problem", "action"]
    return table(frame[columns].rename(columns=HEADINGS).astype({"Rad": "string"}).fillna(""))


def severity_counts(frame: pd.DataFrame):
    """How many checks ended in each severity (ok included), most serious first."""
    from .checks import SEVERITY_ORDER

    counts = frame["severity"].value_counts().reindex(SEVERITY_ORDER, fill_value=0)
    return table(counts.rename_axis("Allvarlighet").reset_index(name="Antal kontroller"))


def params_summary(params):
    """What the params file says, in words."""
    values = params.values
    rows = [
        ("Studie", values.study.title),
        ("Kommuner", ", ".join(f"{m.name} ({m.code})" for m in values.municipalities)),
        ("Mål", f"{values.name_of(values.goal.municipality)}s andel i arbete/studier ska vara densamma som "
                f"{values.name_of(values.goal.reference)}s"),
        ("Rapportperiod", f"{formatting.long_date(values.reporting_window.start)} – "
                          f"{formatting.long_date(values.reporting_window.end)}"),
        ("Basår", str(values.baseline_year)),
        ("Samverkan startade", formatting.long_date(values.collaboration_start)),
        ("Enkäten skickades ut", f"{formatting.long_date(values.survey.sent)} (öppen {values.survey.open_days} dagar)"),
    ]
    return table(pd.DataFrame(rows, columns=["Uppgift", "Värde"]))
