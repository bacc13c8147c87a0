"""Readers for what a published report states beyond the deliveries: figures in its running text, its
footnotes, the survey's published involvement, fieldwork and counts."""

from __future__ import annotations

import re

import pandas as pd

from ..cleaning.observations import count_of, measure_of, municipality_of, percent_of
from ..io.delivered import ROW, raw_table, require_columns
from ..io.swedish import parse_cell, parse_swedish_date
from ..study.params import LoadedParams

STATEMENT_COLUMNS = [
    "Id",
    "Rader i källan",
    "Avsnitt",
    "Citat",
    "Mått",
    "Kommun",
    "Period",
    "Jämförelseperiod",
    "Uppgiftens källa",
    "Publicerat värde",
]
# Optional: the sentence of the evaluators' own text (raw_files.evaluators_text) that states the figure, where
# the report shows the study's remark when the figures contradict it.
EVALUATORS_SENTENCE = "I utvärderarnas bedömning"
# A statement of when something in the collaboration happened (its Period a date): checked against the start.
EVENT_LABEL, EVENT = "Händelse i samverkan", "collaboration_event"


def _text_or_empty(value) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def read_statements(params: LoadedParams) -> pd.DataFrame:
    """Figures stated in the report's running text, as published (checked later against the tables)."""
    table = raw_table(params, "statements")
    require_columns(table, STATEMENT_COLUMNS, [EVALUATORS_SENTENCE])
    frame = table.frame
    records = []
    for _, line in frame.iterrows():
        row = int(line[ROW])
        measure = EVENT if line["Mått"] == EVENT_LABEL else measure_of(table, line["Mått"], row, "Mått")
        code = municipality_of(table, params, line["Kommun"], row, "Kommun")
        records.append(
            {
                "id": line["Id"],
                "source_lines": line["Rader i källan"],
                "section": line["Avsnitt"],
                "quote": line["Citat"],
                "measure": measure,
                "municipality": code,
                "period": line["Period"],
                "compared_with": line["Jämförelseperiod"],
                "cited_source": line["Uppgiftens källa"],
                "published": line["Publicerat värde"],
                "evaluators_sentence": _text_or_empty(line.get(EVALUATORS_SENTENCE)),
                "file": table.file,
                "row": row,
            }
        )
    result = pd.DataFrame.from_records(records)
    duplicated = result["id"].duplicated()
    if duplicated.any():
        raise table.error("id:t finns två gånger", row=int(result.loc[duplicated, "row"].iloc[0]), column="Id")
    return result


FOOTNOTE_COLUMNS = ["Nr", "Rader i källan", "Text"]


def read_footnotes(params: LoadedParams) -> dict[int, str]:
    """The report's footnotes by number, so a footnote marker in a cell can be explained."""
    table = raw_table(params, "footnotes")
    require_columns(table, FOOTNOTE_COLUMNS)
    notes: dict[int, str] = {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        number = count_of(table, line["Nr"], row, "Nr")
        if number in notes:
            raise table.error("fotnoten finns två gånger (dubblettrad)", row=row, column="Nr")
        notes[number] = line["Text"]
    return notes


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


PUBLISHED_COUNT_COLUMNS = [
    "Fråga",
    "Tema eller svar",
    "Kommun",
    "Antal respondenter",
    "Rader i källan",
    "Rapportens formulering",
]


def read_published_counts(params: LoadedParams) -> pd.DataFrame:
    """Every count the report publishes about the free-text answers (for the reproduction check)."""
    table = raw_table(params, "survey_published_counts")
    require_columns(table, PUBLISHED_COUNT_COLUMNS)
    names = {m.name: m.code for m in params.values.municipalities}
    records = []
    for line in table.frame.to_dict("records"):
        row = int(line[ROW])
        name = line["Kommun"]
        if name and name not in names:
            raise table.error(f"okänd kommun '{name}'", row=row, column="Kommun")
        count = line["Antal respondenter"]
        if not count.isdigit():
            raise table.error(f"'{count}' är inget antal", row=row, column="Antal respondenter")
        records.append(
            {
                "question": line["Fråga"],
                "item": line["Tema eller svar"],
                "municipality": names.get(name, ""),
                "published": int(count),
                "source_lines": line["Rader i källan"],
                "wording": line["Rapportens formulering"],
                "row": row,
            }
        )
    return pd.DataFrame(records)
