"""From a delivered cell to a typed observation: the shared steps of every table's reader.

Every observation keeps the published text and its cell (file, row, column), so any later
finding can point back to where the value stands.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..io.delivered import RawTable
from ..io.swedish import Cell, parse_cell
from ..study.characters import letters_hint, written_out
from ..study.params import LoadedParams
from ..study.vocabulary import PART_LABELS, ROW_LABELS, SEK, SHARE, unit_of

OBSERVATION_COLUMNS = [
    "measure",
    "municipality",
    "period_start",
    "period_end",
    "value",
    "unit",
    "status",
    "decimals",
    "published",
    "remark",
    "footnote",
    "file",
    "row",
    "column",
]


def cell_of(table: RawTable, text: str, row: int, column: str) -> Cell:
    """One cell read in the source's notation; unreadable text is an error naming its place."""
    try:
        return parse_cell(text, part_labels=tuple(PART_LABELS))
    except ValueError as exc:
        raise table.error(str(exc), row=row, column=column) from None


def observation(
    table: RawTable,
    cell: Cell,
    *,
    measure: str,
    municipality: str,
    start: dt.date,
    end: dt.date,
    row: int,
    column: str,
    value: float | None = None,
) -> dict:
    unit = unit_of(measure)
    if cell.unit == "%" and unit != SHARE:
        raise table.error(f"procentvärde i en rad som ska innehålla {unit}", row=row, column=column)
    if cell.unit == "kr" and unit != SEK:
        raise table.error(f"belopp i kr i en rad som ska innehålla {unit}", row=row, column=column)
    if unit == SHARE and not cell.missing and cell.unit != "%":
        raise table.error("andelen ska anges i procent (t.ex. 40%)", row=row, column=column)
    number = cell.value if value is None else value
    if unit == SHARE and number is not None:
        number = number / 100
    return {
        "measure": measure,
        "municipality": municipality,
        "period_start": start,
        "period_end": end,
        "value": number,
        "unit": unit,
        "status": cell.status,
        "decimals": cell.decimals,
        "published": cell.published,
        "remark": cell.remark,
        "footnote": cell.footnote,
        "file": table.file,
        "row": row,
        "column": column,
    }


def measure_of(table: RawTable, label: str, row: int, column: str) -> str:
    if label not in ROW_LABELS:
        raise table.error(
            f"okänt mått '{written_out(label)}'{letters_hint(label)}; kända mått: {', '.join(ROW_LABELS)}",
            row=row,
            column=column,
        )
    return ROW_LABELS[label]


def frame_of(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=OBSERVATION_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    frame["footnote"] = frame["footnote"].astype("Int64")
    frame["decimals"] = frame["decimals"].astype("Int64")
    frame["row"] = frame["row"].astype(int)
    return frame


def municipality_of(table: RawTable, params: LoadedParams, name: str, row: int, column: str) -> str:
    code = params.values.code_of(name)
    if code is None:
        known = ", ".join(m.name for m in params.values.municipalities)
        raise table.error(
            f"okänd kommun '{written_out(name)}'{letters_hint(name)}; studiens kommuner: {known}",
            row=row,
            column=column,
        )
    return code


def year_of(table: RawTable, text: str, row: int, column: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise table.error(f"'{text}' är inget årtal", row=row, column=column)
    return int(text)


def count_of(table: RawTable, text: str, row: int, column: str) -> int:
    cell = cell_of(table, text, row, column)
    if cell.missing or cell.unit or cell.value is None or cell.value != int(cell.value) or cell.value < 0:
        raise table.error(f"'{text}' ska vara ett antal (ett heltal ≥ 0)", row=row, column=column)
    return int(cell.value)


def percent_of(table: RawTable, text: str, row: int, column: str) -> Cell:
    cell = cell_of(table, text, row, column)
    if cell.missing or cell.unit != "%":
        raise table.error(f"'{text}' ska vara en andel i procent (t.ex. 48%)", row=row, column=column)
    if not 0 <= cell.value <= 100:
        raise table.error(f"andelen {text} ligger utanför 0–100 %", row=row, column=column)
    return cell
