"""The survey's delivered summary table: invitations per municipality (and, if given, respondents and rate)."""

from __future__ import annotations

import pandas as pd

from ..io.delivered import ROW, raw_table, require_columns
from ..study.params import LoadedParams
from .observations import count_of, municipality_of, percent_of

INVITATION_COLUMNS = ["Kommun", "Utskick"]
# A hand-typed count of respondents (checked against the export) and a published rate (checked against both).
OPTIONAL_COLUMNS = ["Respondenter", "Svarsfrekvens"]
TOTAL_LABEL = "Totalt"


def _given(line, columns: set, column: str, read):
    """An optional column's cell, read; None where the column is left out or the cell is left empty."""
    text = line[column] if column in columns else ""
    return read(text) if str(text).strip() else None


def read_survey_invitations(params: LoadedParams) -> pd.DataFrame:
    """Invitations per municipality (and a total row, if given); respondents and a rate where given."""
    table = raw_table(params, "survey_invitations")
    require_columns(table, INVITATION_COLUMNS, optional=OPTIONAL_COLUMNS)
    columns = set(table.frame.columns)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        name = line["Kommun"]
        code = "total" if name == TOTAL_LABEL else municipality_of(table, params, name, row, "Kommun")
        invited = count_of(table, line["Utskick"], row, "Utskick")
        answered = _given(line, columns, "Respondenter", lambda text: count_of(table, text, row, "Respondenter"))
        if answered is not None and answered > invited:
            raise table.error(f"fler respondenter ({answered}) än utskick ({invited})", row=row, column="Respondenter")
        rate = _given(line, columns, "Svarsfrekvens", lambda text: percent_of(table, text, row, "Svarsfrekvens"))
        records.append(
            {
                "municipality": code,
                "invited": invited,
                "respondents": answered,
                "published_rate": None if rate is None else rate.value / 100,
                "rate_decimals": None if rate is None else rate.decimals,
                "published": "" if rate is None else rate.published,
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
