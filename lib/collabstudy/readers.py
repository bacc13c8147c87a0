"""Readers for each delivered table: from the source's notation to tidy, typed observations.

Every observation keeps the published text and its cell (file, row, column), so any later
finding can point back to where the value stands.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from .numbers import Cell, parse_cell
from .params import LoadedParams
from .tables import ROW, RawTable, read_table, require_columns
from .vocabulary import MONTHS, PART_LABELS, ROW_LABELS, SEK, SHARE, month_end, parse_swedish_date, unit_of

OBSERVATION_COLUMNS = [
    "measure", "municipality", "period_start", "period_end", "value", "unit", "status",
    "decimals", "published", "remark", "footnote", "file", "row", "column",
]


def raw_table(params: LoadedParams, key: str) -> RawTable:
    """The delivered file behind a params key (raw_files.<key>), as text cells."""
    entry = getattr(params.values.raw_files, key)
    return read_table(params.raw_path(key), params.raw_display(key), sheet=entry.sheet)


def _cell(table: RawTable, text: str, row: int, column: str) -> Cell:
    try:
        return parse_cell(text, part_labels=tuple(PART_LABELS))
    except ValueError as exc:
        raise table.error(str(exc), row=row, column=column) from None


def _observation(table: RawTable, cell: Cell, *, measure: str, municipality: str,
                 start: dt.date, end: dt.date, row: int, column: str, value: float | None = None) -> dict:
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
        "measure": measure, "municipality": municipality, "period_start": start, "period_end": end,
        "value": number, "unit": unit, "status": cell.status,
        "decimals": cell.decimals, "published": cell.published, "remark": cell.remark,
        "footnote": cell.footnote, "file": table.file, "row": row, "column": column,
    }


def _measure(table: RawTable, label: str, row: int, column: str) -> str:
    if label not in ROW_LABELS:
        raise table.error(f"okänt mått '{label}'; kända mått: {', '.join(ROW_LABELS)}", row=row, column=column)
    return ROW_LABELS[label]


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=OBSERVATION_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    frame["footnote"] = frame["footnote"].astype("Int64")
    frame["decimals"] = frame["decimals"].astype("Int64")
    frame["row"] = frame["row"].astype(int)
    return frame


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'1 april 2022 till 31 mars 2023' as (start, end)."""
    parts = re.split(r"\s+(?:till|–|-)\s+", text.strip())
    if len(parts) != 2:
        raise ValueError(f"'{text}' är ingen period (väntade 'D månad ÅÅÅÅ till D månad ÅÅÅÅ')")
    return parse_swedish_date(parts[0]), parse_swedish_date(parts[1])


def read_rolling_12m(params: LoadedParams) -> pd.DataFrame:
    """The rolling 12-month outcome table: one row per municipality and measure."""
    table = raw_table(params, "rolling_12m")
    names = [m.name for m in params.values.municipalities]
    require_columns(table, ["Mått", *names])
    frame = table.frame
    period_rows = frame[frame["Mått"] == "Period"]
    if len(period_rows) != 1:
        raise table.error("tabellen ska ha exakt en rad 'Period'", column="Mått")
    window = params.values.reporting_window
    periods = {}
    for name in names:
        row = int(period_rows[ROW].iloc[0])
        try:
            periods[name] = parse_period(period_rows[name].iloc[0])
        except ValueError as exc:
            raise table.error(str(exc), row=row, column=name) from None
        if periods[name] != (window.start, window.end):
            raise table.error(
                f"perioden {periods[name][0]}–{periods[name][1]} stämmer inte med reporting_window i "
                f"params ({window.start}–{window.end})", row=row, column=name)
    records, seen = [], {}
    for _, line in frame[frame["Mått"] != "Period"].iterrows():
        row = int(line[ROW])
        measure = _measure(table, line["Mått"], row, "Mått")
        if measure in seen:
            raise table.error(f"måttet finns redan på rad {seen[measure]} (dubblettrad)", row=row, column="Mått")
        seen[measure] = row
        for name in names:
            cell = _cell(table, line[name], row, name)
            start, end = periods[name]
            records.append(_observation(table, cell, measure=measure, municipality=params.values.code_of(name),
                                        start=start, end=end, row=row, column=name))
    return _frame(records)


BASELINE_COLUMNS = ["Kommun", "År", "Andel i arbete/studier", "Antal sökande (nämnare)", "Variant", "Anmärkning"]
BASELINE_VARIANTS = {"Huvudsiffra": "main", "Alternativ": "alternative"}


def _municipality(table: RawTable, params: LoadedParams, name: str, row: int, column: str) -> str:
    code = params.values.code_of(name)
    if code is None:
        known = ", ".join(m.name for m in params.values.municipalities)
        raise table.error(f"okänd kommun '{name}'; studiens kommuner: {known}", row=row, column=column)
    return code


def _year(table: RawTable, text: str, row: int, column: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise table.error(f"'{text}' är inget årtal", row=row, column=column)
    return int(text)


def read_baseline(params: LoadedParams) -> pd.DataFrame:
    """The baseline shares (main and alternative figures); denominators kept, even when empty."""
    table = raw_table(params, "baseline")
    require_columns(table, BASELINE_COLUMNS)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        code = _municipality(table, params, line["Kommun"], row, "Kommun")
        year = _year(table, line["År"], row, "År")
        if year != params.values.baseline_year:
            raise table.error(f"året {year} är inte basåret i params ({params.values.baseline_year})", row=row, column="År")
        if line["Variant"] not in BASELINE_VARIANTS:
            raise table.error(f"okänd variant '{line['Variant']}'; tillåtna: {', '.join(BASELINE_VARIANTS)}",
                              row=row, column="Variant")
        share = _cell(table, line["Andel i arbete/studier"], row, "Andel i arbete/studier")
        denominator = _cell(table, line["Antal sökande (nämnare)"], row, "Antal sökande (nämnare)")
        record = _observation(table, share, measure="work_studies_share", municipality=code,
                              start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), row=row,
                              column="Andel i arbete/studier")
        record.update(variant=BASELINE_VARIANTS[line["Variant"]], denominator=denominator.value,
                      denominator_status=denominator.status, remark=line["Anmärkning"])
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    duplicated = frame.duplicated(["municipality", "variant"], keep="first")
    if duplicated.any():
        row = int(frame.loc[duplicated, "row"].iloc[0])
        raise table.error("samma kommun och variant finns två gånger (dubblettrad)", row=row, column="Kommun")
    if not (frame["variant"] == "main").groupby(frame["municipality"]).any().reindex(params.values.codes, fill_value=False).all():
        raise table.error(f"varje kommun ({', '.join(params.values.codes)}) behöver en huvudsiffra", column="Variant")
    frame["value"] = frame["value"].astype(float)
    frame["denominator"] = frame["denominator"].astype(float)
    return frame


MONTHLY_COLUMNS = ["År", *[m.capitalize() for m in MONTHS], "Sammanlagt", "Månadssnitt"]


def read_monthly_closures(params: LoadedParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly closures to work/studies (tidy) and the published yearly sums and averages beside them."""
    table = raw_table(params, "monthly_closures")
    require_columns(table, MONTHLY_COLUMNS)
    code = params.values.raw_files.monthly_closures.municipality
    months, published = [], []
    seen = {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        year = _year(table, line["År"], row, "År")
        if year in seen:
            raise table.error(f"året finns redan på rad {seen[year]} (dubblettrad)", row=row, column="År")
        seen[year] = row
        for number, name in enumerate(MONTHS, start=1):
            column = name.capitalize()
            cell = _cell(table, line[column], row, column)
            months.append(_observation(table, cell, measure="closures_work_studies", municipality=code,
                                       start=dt.date(year, number, 1), end=month_end(year, number),
                                       row=row, column=column))
        for column, kind in (("Sammanlagt", "sum"), ("Månadssnitt", "mean")):
            cell = _cell(table, line[column], row, column)
            record = _observation(table, cell, measure="closures_work_studies", municipality=code,
                                  start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), row=row, column=column)
            record["aggregate"] = kind
            published.append(record)
    return _frame(months), pd.DataFrame.from_records(published)


def read_yearly(params: LoadedParams) -> pd.DataFrame:
    """The per-year table: one row per measure and year; parts inside a cell become their own rows."""
    table = raw_table(params, "yearly")
    code = params.values.raw_files.yearly.municipality
    columns = [c for c in table.frame.columns if c != ROW]
    label_column, year_columns = columns[0], columns[1:]
    if not year_columns:
        raise table.error("tabellen har inga årskolumner", row=1)
    years = {c: _year(table, c, 1, c) for c in year_columns}
    records, seen = [], {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        measure = _measure(table, line[label_column], row, label_column)
        if measure in seen:
            raise table.error(f"måttet finns redan på rad {seen[measure]} (dubblettrad)", row=row, column=label_column)
        seen[measure] = row
        for column, year in years.items():
            cell = _cell(table, line[column], row, column)
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            records.append(_observation(table, cell, measure=measure, municipality=code,
                                        start=start, end=end, row=row, column=column))
            for value, label in cell.parts:
                if label not in PART_LABELS:
                    raise table.error(f"okänd delmängd '{label}' i cellen; kända: {', '.join(PART_LABELS)}",
                                      row=row, column=column)
                part = f"{measure}_{PART_LABELS[label]}"
                records.append(_observation(table, cell, measure=part, municipality=code, start=start,
                                            end=end, row=row, column=column, value=value)
                               | {"remark": f"delmängd av {cell.published!r}"})
    return _frame(records)


SURVEY_RESPONSE_COLUMNS = ["Kommun", "Utskick", "Respondenter", "Svarsfrekvens"]
TOTAL_LABEL = "Totalt"


def _count(table: RawTable, text: str, row: int, column: str) -> int:
    cell = _cell(table, text, row, column)
    if cell.missing or cell.unit or cell.value is None or cell.value != int(cell.value) or cell.value < 0:
        raise table.error(f"'{text}' ska vara ett antal (ett heltal ≥ 0)", row=row, column=column)
    return int(cell.value)


def _percent(table: RawTable, text: str, row: int, column: str) -> Cell:
    cell = _cell(table, text, row, column)
    if cell.missing or cell.unit != "%":
        raise table.error(f"'{text}' ska vara en andel i procent (t.ex. 48%)", row=row, column=column)
    if not 0 <= cell.value <= 100:
        raise table.error(f"andelen {text} ligger utanför 0–100 %", row=row, column=column)
    return cell


def read_survey_response(params: LoadedParams) -> pd.DataFrame:
    """Invitations, respondents and the published response rate per municipality and in total."""
    table = raw_table(params, "survey_response")
    require_columns(table, SURVEY_RESPONSE_COLUMNS)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        name = line["Kommun"]
        code = "total" if name == TOTAL_LABEL else _municipality(table, params, name, row, "Kommun")
        invited = _count(table, line["Utskick"], row, "Utskick")
        answered = _count(table, line["Respondenter"], row, "Respondenter")
        if answered > invited:
            raise table.error(f"fler respondenter ({answered}) än utskick ({invited})", row=row, column="Respondenter")
        rate = _percent(table, line["Svarsfrekvens"], row, "Svarsfrekvens")
        records.append({"municipality": code, "invited": invited, "respondents": answered,
                        "published_rate": rate.value / 100, "rate_decimals": rate.decimals,
                        "published": rate.published, "file": table.file, "row": row})
    frame = pd.DataFrame.from_records(records)
    for code in params.values.codes:
        if code not in set(frame["municipality"]):
            raise table.error(f"raden för {params.values.name_of(code)} saknas", column="Kommun")
    duplicated = frame["municipality"].duplicated()
    if duplicated.any():
        raise table.error("kommunen finns två gånger (dubblettrad)", row=int(frame.loc[duplicated, "row"].iloc[0]), column="Kommun")
    return frame


INVOLVEMENT_COLUMNS = ["Kommun", "Involverad i samverkan", "Andel av kommunens respondenter"]


def read_survey_involvement(params: LoadedParams) -> pd.DataFrame:
    """Period of involvement: published shares of each municipality's respondents, with the years named."""
    table = raw_table(params, "survey_involvement")
    require_columns(table, INVOLVEMENT_COLUMNS)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        code = _municipality(table, params, line["Kommun"], row, "Kommun")
        share = _percent(table, line["Andel av kommunens respondenter"], row, "Andel av kommunens respondenter")
        years = [int(y) for y in re.findall(r"\b(\d{4})\b", line["Involverad i samverkan"])]
        records.append({"municipality": code, "period": line["Involverad i samverkan"],
                        "earliest_year_named": min(years) if years else None,
                        "latest_year_named": max(years) if years else None,
                        "published_share": share.value / 100, "decimals": share.decimals,
                        "published": share.published, "file": table.file, "row": row})
    frame = pd.DataFrame.from_records(records)
    duplicated = frame.duplicated(["municipality", "period"])
    if duplicated.any():
        raise table.error("samma kommun och period finns två gånger (dubblettrad)",
                          row=int(frame.loc[duplicated, "row"].iloc[0]), column="Involverad i samverkan")
    return frame


FIELDWORK_COLUMNS = ["Uppgift", "Värde"]
FIELDWORK_ITEMS = {"Enkäten skickades ut": "sent", "Öppen antal dagar": "open_days",
                   "Genomsnittlig svarstid": "mean_answer_minutes"}


def read_survey_fieldwork(params: LoadedParams) -> pd.DataFrame:
    """When the survey was sent, how long it was open, the average answer time (as published)."""
    table = raw_table(params, "survey_fieldwork")
    require_columns(table, FIELDWORK_COLUMNS)
    records = {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        item = FIELDWORK_ITEMS.get(line["Uppgift"])
        if item is None:
            raise table.error(f"okänd uppgift '{line['Uppgift']}'; kända: {', '.join(FIELDWORK_ITEMS)}", row=row, column="Uppgift")
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


STATEMENT_COLUMNS = ["Id", "Rader i källan", "Avsnitt", "Citat", "Mått", "Kommun", "Period",
                     "Jämförelseperiod", "Uppgiftens källa", "Publicerat värde"]


def read_statements(params: LoadedParams) -> pd.DataFrame:
    """Figures stated in the report's running text, as published (checked later against the tables)."""
    table = raw_table(params, "statements")
    require_columns(table, STATEMENT_COLUMNS)
    frame = table.frame
    records = []
    for _, line in frame.iterrows():
        row = int(line[ROW])
        measure = _measure(table, line["Mått"], row, "Mått")
        code = _municipality(table, params, line["Kommun"], row, "Kommun")
        records.append({"id": line["Id"], "source_lines": line["Rader i källan"], "section": line["Avsnitt"],
                        "quote": line["Citat"], "measure": measure, "municipality": code,
                        "period": line["Period"], "compared_with": line["Jämförelseperiod"],
                        "cited_source": line["Uppgiftens källa"], "published": line["Publicerat värde"],
                        "file": table.file, "row": row})
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
        number = _count(table, line["Nr"], row, "Nr")
        if number in notes:
            raise table.error("fotnoten finns två gånger (dubblettrad)", row=row, column="Nr")
        notes[number] = line["Text"]
    return notes
