"""Readers for the survey's delivered summary tables: response per municipality, involvement, fieldwork."""

from __future__ import annotations

import re

import pandas as pd

from ..io.delivered import ROW, raw_table, require_columns
from ..io.swedish import parse_cell, parse_swedish_date
from ..study.params import LoadedParams
from .observations import count_of, municipality_of, percent_of

SURVEY_RESPONSE_COLUMNS = ["Kommun", "Utskick", "Respondenter", "Svarsfrekvens"]
TOTAL_LABEL = "Totalt"


def read_survey_response(params: LoadedParams) -> pd.DataFrame:
    """Invitations, respondents and the published response rate per municipality and in total."""
    table = raw_table(params, "survey_response")
    require_columns(table, SURVEY_RESPONSE_COLUMNS)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        name = line["Kommun"]
        code = "total" if name == TOTAL_LABEL else municipality_of(table, params, name, row, "Kommun")
        invited = count_of(table, line["Utskick"], row, "Utskick")
        answered = count_of(table, line["Respondenter"], row, "Respondenter")
        if answered > invited:
            raise table.error(f"fler respondenter ({answered}) än utskick ({invited})", row=row, column="Respondenter")
        rate = percent_of(table, line["Svarsfrekvens"], row, "Svarsfrekvens")
        records.append(
            {
                "municipality": code,
                "invited": invited,
                "respondents": answered,
                "published_rate": rate.value / 100,
                "rate_decimals": rate.decimals,
                "published": rate.published,
                "file": table.file,
                "row": row,
            }
        )
    frame = pd.DataFrame.from_records(records)
    for code in params.values.codes:
        if code not in set(frame["municipality"]):
            raise table.error(f"raden för {params.values.name_of(code)} saknas", column="Kommun")
    duplicated = frame["municipality"].duplicated()
    if duplicated.any():
        raise table.error(
            "kommunen finns två gånger (dubblettrad)", row=int(frame.loc[duplicated, "row"].iloc[0]), column="Kommun"
        )
    return frame


INVOLVEMENT_COLUMNS = ["Kommun", "Involverad i samverkan", "Andel av kommunens respondenter"]


def read_survey_involvement(params: LoadedParams) -> pd.DataFrame:
    """Period of involvement: published shares of each municipality's respondents, with the years named."""
    table = raw_table(params, "survey_involvement")
    require_columns(table, INVOLVEMENT_COLUMNS)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        code = municipality_of(table, params, line["Kommun"], row, "Kommun")
        share = percent_of(table, line["Andel av kommunens respondenter"], row, "Andel av kommunens respondenter")
        years = [int(y) for y in re.findall(r"\b(\d{4})\b", line["Involverad i samverkan"])]
        records.append(
            {
                "municipality": code,
                "period": line["Involverad i samverkan"],
                "earliest_year_named": min(years) if years else None,
                "latest_year_named": max(years) if years else None,
                "published_share": share.value / 100,
                "decimals": share.decimals,
                "published": share.published,
                "file": table.file,
                "row": row,
            }
        )
    frame = pd.DataFrame.from_records(records)
    duplicated = frame.duplicated(["municipality", "period"])
    if duplicated.any():
        raise table.error(
            "samma kommun och period finns två gånger (dubblettrad)",
            row=int(frame.loc[duplicated, "row"].iloc[0]),
            column="Involverad i samverkan",
        )
    return frame


FIELDWORK_COLUMNS = ["Uppgift", "Värde"]
FIELDWORK_ITEMS = {
    "Enkäten skickades ut": "sent",
    "Öppen antal dagar": "open_days",
    "Genomsnittlig svarstid": "mean_answer_minutes",
}


def read_survey_fieldwork(params: LoadedParams) -> pd.DataFrame:
    """When the survey was sent, how long it was open, the average answer time (as published)."""
    table = raw_table(params, "survey_fieldwork")
    require_columns(table, FIELDWORK_COLUMNS)
    records = {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        item = FIELDWORK_ITEMS.get(line["Uppgift"])
        if item is None:
            raise table.error(
                f"okänd uppgift '{line['Uppgift']}'; kända: {', '.join(FIELDWORK_ITEMS)}", row=row, column="Uppgift"
            )
        if item in records:
            raise table.error("uppgiften finns två gånger (dubblettrad)", row=row, column="Uppgift")
        text = line["Värde"]
        try:
            if item == "sent":
                value = parse_swedish_date(text).isoformat()
            else:
                cell = parse_cell(text)
                if cell.value is None or cell.value <= 0:
                    raise ValueError(f"'{text}' ska vara ett positivt tal")
                if item == "mean_answer_minutes" and cell.remark not in {"", "minuter", "min"}:
                    raise ValueError(f"'{text}' ska anges i minuter")
                value = cell.value
        except ValueError as exc:
            raise table.error(str(exc), row=row, column="Värde") from None
        records[item] = {"item": item, "value": value, "published": text, "file": table.file, "row": row}
    missing = [label for label, item in FIELDWORK_ITEMS.items() if item not in records]
    if missing:
        raise table.error(f"uppgift saknas: {', '.join(missing)}", column="Uppgift")
    return pd.DataFrame.from_records(list(records.values()))
