"""Readers for what the published report states outside its tables: figures in its text, its footnotes."""

from __future__ import annotations

import pandas as pd

from ..io.delivered import ROW, raw_table, require_columns
from ..study.params import LoadedParams
from .observations import count_of, measure_of, municipality_of

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


def read_statements(params: LoadedParams) -> pd.DataFrame:
    """Figures stated in the report's running text, as published (checked later against the tables)."""
    table = raw_table(params, "statements")
    require_columns(table, STATEMENT_COLUMNS)
    frame = table.frame
    records = []
    for _, line in frame.iterrows():
        row = int(line[ROW])
        measure = measure_of(table, line["Mått"], row, "Mått")
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
