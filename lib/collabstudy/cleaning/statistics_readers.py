"""Readers for the delivered statistics tables: the rolling 12 months, the baseline, the months, the years.

Each turns the source's notation into tidy, typed observations (collabstudy.cleaning.observations).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd

from ..io.delivered import ROW, delivered_table, raw_table, require_columns
from ..io.swedish import Cell, normalise_spaces, parse_period
from ..present.formatting import genitive
from ..study.calendar import MONTHS, month_end, today
from ..study.params import LoadedParams
from ..study.params_yaml import shortened
from ..study.vocabulary import DELIVERY_LABELS, GOAL_MEASURE, MEASURES, MISSING, OK, PART_LABELS, UNCERTAIN
from .observations import cell_of, frame_of, measure_of, municipality_of, observation, year_of


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
                f"params ({window.start}–{window.end})",
                row=row,
                column=name,
            )
    records, seen = [], {}
    for _, line in frame[frame["Mått"] != "Period"].iterrows():
        row = int(line[ROW])
        measure = measure_of(table, line["Mått"], row, "Mått")
        if measure in seen:
            raise table.error(f"måttet finns redan på rad {seen[measure]} (dubblettrad)", row=row, column="Mått")
        seen[measure] = row
        for name in names:
            cell = cell_of(table, line[name], row, name)
            start, end = periods[name]
            records.append(
                observation(
                    table,
                    cell,
                    measure=measure,
                    municipality=params.values.code_of(name),
                    start=start,
                    end=end,
                    row=row,
                    column=name,
                )
            )
    rolling = frame_of(records)
    _require_goal_measures(table, rolling, seen, params)
    return rolling


# The goal compares the share of enrolled who left for work or studies: without these two counts for
# both municipalities no step can say anything about it.
GOAL_MEASURES = ("enrolled", GOAL_MEASURE)


def _require_goal_measures(table, rolling: pd.DataFrame, rows: dict[str, int], params: LoadedParams) -> None:
    for measure in GOAL_MEASURES:
        label = MEASURES[measure][0]
        if measure not in rows:
            raise table.error(
                f"raden '{label}' saknas; målet (andelen i arbete/studier av de inskrivna) kan inte beräknas utan den",
                column="Mått",
            )
        for municipality in params.values.municipalities:
            found = rolling[(rolling["measure"] == measure) & (rolling["municipality"] == municipality.code)]
            if found["value"].isna().all():
                raise table.error(
                    f"värdet för {municipality.name} saknas ('{found['published'].iloc[0]}'); målet jämför "
                    "kommunernas andel i arbete/studier av de inskrivna och kan inte beräknas utan det",
                    row=rows[measure],
                    column=municipality.name,
                )


BASELINE_COLUMNS = ["Kommun", "År", "Andel i arbete/studier", "Antal sökande (nämnare)", "Variant", "Anmärkning"]
BASELINE_VARIANTS = {"Huvudsiffra": "main", "Alternativ": "alternative"}


def read_baseline(params: LoadedParams) -> pd.DataFrame:
    """The baseline shares (main and alternative figures); denominators kept, even when empty."""
    table = raw_table(params, "baseline")
    require_columns(table, BASELINE_COLUMNS)
    records = []
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        code = municipality_of(table, params, line["Kommun"], row, "Kommun")
        year = year_of(table, line["År"], row, "År")
        if year != params.values.baseline_year:
            raise table.error(
                f"året {year} är inte basåret i params ({params.values.baseline_year})", row=row, column="År"
            )
        if line["Variant"] not in BASELINE_VARIANTS:
            raise table.error(
                f"okänd variant '{line['Variant']}'; tillåtna: {', '.join(BASELINE_VARIANTS)}",
                row=row,
                column="Variant",
            )
        share = cell_of(table, line["Andel i arbete/studier"], row, "Andel i arbete/studier")
        if share.missing:
            raise table.error(
                _missing_baseline_share(params, code, line["Variant"]), row=row, column="Andel i arbete/studier"
            )
        denominator = cell_of(table, line["Antal sökande (nämnare)"], row, "Antal sökande (nämnare)")
        record = observation(
            table,
            share,
            measure="work_studies_share",
            municipality=code,
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            row=row,
            column="Andel i arbete/studier",
        )
        record.update(
            variant=BASELINE_VARIANTS[line["Variant"]],
            denominator=denominator.value,
            denominator_status=denominator.status,
            remark=line["Anmärkning"],
        )
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    duplicated = frame.duplicated(["municipality", "variant"], keep="first")
    if duplicated.any():
        row = int(frame.loc[duplicated, "row"].iloc[0])
        raise table.error("samma kommun och variant finns två gånger (dubblettrad)", row=row, column="Kommun")
    if (
        not (frame["variant"] == "main")
        .groupby(frame["municipality"])
        .any()
        .reindex(params.values.codes, fill_value=False)
        .all()
    ):
        raise table.error(f"varje kommun ({', '.join(params.values.codes)}) behöver en huvudsiffra", column="Variant")
    frame["value"] = frame["value"].astype(float)
    frame["denominator"] = frame["denominator"].astype(float)
    return frame


def _baseline_fill_in(params: LoadedParams) -> str:
    """What to fill in the baseline (it cannot be declared not delivered: every comparison with the time
    before the collaboration rests on it), and where the previous evaluation's figures are."""
    main = next(label for label, variant in BASELINE_VARIANTS.items() if variant == "main")
    where = (
        f", samma uppgifter som i förra utvärderingen ({params.values.previous_evaluations[-1]})"
        if params.values.previous_evaluations
        else ""
    )
    return (
        f"Varje kommun ({', '.join(m.name for m in params.values.municipalities)}) behöver en rad med variant "
        f"”{main}” och basårets ({params.values.baseline_year}) andel i arbete/studier i procent, t.ex. 23%{where}"
    )


def _missing_baseline_share(params: LoadedParams, code: str, variant: str) -> str:
    name = params.values.name_of(code)
    if BASELINE_VARIANTS[variant] == "main":
        return (
            f"andelen saknas för {name} (”{variant}”); jämförelsen med tiden före samverkan bygger på den. "
            f"{_baseline_fill_in(params)}."
        )
    return (
        f"andelen saknas i raden med variant ”{variant}” för {name}: skriv den alternativa andelen i procent "
        "(t.ex. 16%) med en förklaring i ”Anmärkning”, eller ta bort raden om det inte finns någon"
    )


MONTHLY_COLUMNS = ["År", *[m.capitalize() for m in MONTHS]]
MONTHLY_AGGREGATES = {"Sammanlagt": "sum", "Månadssnitt": "mean"}  # optional: checked against the months


def read_monthly_closures(params: LoadedParams, outside: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly closures to work/studies (tidy), one file per municipality delivered, and the published
    yearly sums and averages beside them. A month after the reporting window's end is no data of this
    study: left out when empty (not yet reported, not missing), and, when filled in, left out and listed
    in `outside` with its cell (the cleaning log says so); a filled month that has not yet begun is an error."""
    months, published = [], []
    for delivery in params.deliveries("monthly_closures"):
        table = delivered_table(delivery)
        found, sums = _monthly_file(
            table, delivery.municipality, params.values.reporting_window.end, [] if outside is None else outside
        )
        refuse_untouched(table, found, "monthly_closures", delivery.municipality, params)
        months += found
        published += sums
    return frame_of(months), pd.DataFrame.from_records(published)


def refuse_untouched(table, records: list[dict], key: str, code: str, params: LoadedParams) -> None:
    """A template left as `make new-study` wrote it (no cell filled) is no delivery: it stops the run saying
    how to fill it, or how to declare in params that the municipality did not deliver it this period."""
    if any(str(r["published"]).strip() for r in records):
        return
    name = params.values.name_of(code)
    raise table.error(
        f"ingen cell är ifylld i mallen för {genitive(name)} {DELIVERY_LABELS[key]}. Fyll i den, eller ange i "
        f"parameterfilen att {name} inte har levererat den för perioden, med skälet (det står då i rapporten):\n"
        f'not_delivered:\n  - delivery: {key}\n    municipality: {code}\n    reason: "…"'
    )


def refuse_declared_but_filled(params: LoadedParams) -> None:
    """A delivery params declare not made must not hold figures (it would be silently left out): a filled file
    behind such an entry stops the run naming it."""
    window_end = params.values.reporting_window.end
    for key in ("monthly_closures", "yearly"):
        for delivery in params.declared_files(key):
            if not delivery.path.is_file():
                continue
            table = delivered_table(delivery)
            if key == "monthly_closures":
                records, _ = _monthly_file(table, delivery.municipality, window_end, [])
            else:
                records = _yearly_file(table, delivery.municipality, window_end)
            filled = [r for r in records if str(r["published"]).strip()]
            if filled:
                first = filled[0]
                raise table.error(
                    f"filen har värden, men parameterfilen anger att {params.values.name_of(delivery.municipality)} inte "
                    f"har levererat {DELIVERY_LABELS[key]} (not_delivered): ta bort den raden i not_delivered, eller töm "
                    "filen",
                    row=int(first["row"]),
                    column=str(first["column"]),
                )


def _after_window(table, text: str, row: int, column: str, first_day: dt.date, window_end: dt.date, outside) -> bool:
    """Whether a cell lies after the reporting window (a month starting, or a year aggregate's year starting,
    on `first_day`): then it is not read. A filled one is listed in `outside`; one in the future stops."""
    if first_day <= window_end:
        return False
    if text.strip():
        now = today()
        if first_day > now:
            raise table.error(
                f"'{shortened(text.strip())}' gäller {MONTHS[first_day.month - 1]} {first_day.year}, som inte har "
                f"börjat än (i dag är det {now}); lämna cellen tom",
                row=row,
                column=column,
            )
        outside.append(
            {"file": table.file, "row": row, "column": column, "published": text.strip(), "start": first_day}
        )
    return True


def _monthly_file(table, code: str, window_end: dt.date, outside: list[dict]) -> tuple[list[dict], list[dict]]:
    require_columns(table, MONTHLY_COLUMNS, optional=list(MONTHLY_AGGREGATES))
    given = [c for c in MONTHLY_AGGREGATES if c in table.frame.columns]
    months, published = [], []
    seen = {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        year = year_of(table, line["År"], row, "År")
        if year in seen:
            raise table.error(f"året finns redan på rad {seen[year]} (dubblettrad)", row=row, column="År")
        seen[year] = row
        for number, name in enumerate(MONTHS, start=1):
            column = name.capitalize()
            if _after_window(table, line[column], row, column, dt.date(year, number, 1), window_end, outside):
                continue
            cell = cell_of(table, line[column], row, column)
            months.append(
                observation(
                    table,
                    cell,
                    measure=GOAL_MEASURE,
                    municipality=code,
                    start=dt.date(year, number, 1),
                    end=month_end(year, number),
                    row=row,
                    column=column,
                )
            )
        for column in given:
            if _after_window(table, line[column], row, column, dt.date(year, 1, 1), window_end, outside):
                continue
            cell = cell_of(table, line[column], row, column)
            record = observation(
                table,
                cell,
                measure=GOAL_MEASURE,
                municipality=code,
                start=dt.date(year, 1, 1),
                end=year_span(year, window_end)[1],
                row=row,
                column=column,
            )
            record["aggregate"] = MONTHLY_AGGREGATES[column]
            published.append(record)
    return months, published


def read_yearly(params: LoadedParams) -> pd.DataFrame:
    """The per-year tables (one per municipality delivered): one row per measure and year; parts inside
    a cell become their own rows. The year the reporting window ends in, when the window ends before
    31 December, covers 1 January to the window's end: the year so far ("hittills i år")."""
    records = []
    for delivery in params.deliveries("yearly"):
        table = delivered_table(delivery)
        found = _yearly_file(table, delivery.municipality, params.values.reporting_window.end)
        refuse_untouched(table, found, "yearly", delivery.municipality, params)
        records += found
    return frame_of(records)


def year_span(year: int, window_end: dt.date) -> tuple[dt.date, dt.date]:
    """A year's period: the whole calendar year, or the year so far for the year the window ends in."""
    if year == window_end.year:
        return dt.date(year, 1, 1), window_end
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# The yearly template's companions of each year's column (`make new-study`): the deliverer's mark of how far
# the value holds, and a free remark. They give the same states as the source's own notation does
# ('(252) Statistik i 2 system': uncertain, with a remark; 'Oklart': missing). A file without them reads as before.
YEARLY_MARK, YEARLY_REMARK = "Markering", "Anmärkning"
YEARLY_MARKS = {"säker": OK, "osäker": UNCERTAIN, "saknas": MISSING}
_COMPANION = re.compile(rf"({YEARLY_MARK}|{YEARLY_REMARK}) (\d{{4}})")


def marked_by_delivery(published: object) -> bool:
    """Whether a value's state comes from a template's mark (its published text then says 'markering …'),
    not from the source's own notation."""
    return f"{YEARLY_MARK.lower()} " in str(published)


def yearly_companion(kind: str, year: int) -> str:
    """The header of a year's mark or remark column: 'Markering 2021', 'Anmärkning 2021'."""
    return f"{kind} {year}"


def _yearly_columns(table, columns: list[str]) -> tuple[list[str], dict[tuple[str, str], str]]:
    """The year columns, and each year's mark and remark columns by (kind, year column)."""
    companions, years = {}, []
    for column in columns:
        found = _COMPANION.fullmatch(column.strip())
        if found:
            companions[(found[1], found[2])] = column
        else:
            years.append(column)
    for (kind, year), column in companions.items():
        if not any(c.strip() == year for c in years):
            raise table.error(
                f"kolumnen hör till året {year}, men tabellen har ingen årskolumn {year}", row=1, column=column
            )
    return years, {(kind, next(c for c in years if c.strip() == year)): col for (kind, year), col in companions.items()}


def _marked(table, cell: Cell, line, row: int, column: str, companions: dict) -> Cell:
    """The value's cell with the deliverer's mark and remark (when the file has those columns): the mark
    sets its state, the remark joins the cell's own; a mark that contradicts the value stops naming both."""
    mark_column, remark_column = companions.get((YEARLY_MARK, column)), companions.get((YEARLY_REMARK, column))
    mark = normalise_spaces(line[mark_column]).lower() if mark_column else ""
    remark = normalise_spaces(line[remark_column]) if remark_column else ""
    if not mark and not remark:
        return cell
    if mark and mark not in YEARLY_MARKS:
        raise table.error(
            f"okänd markering '{shortened(mark)}'; välj {', '.join(YEARLY_MARKS)} (tom: säker om värdet är ifyllt)",
            row=row,
            column=mark_column,
        )
    value = cell.published.strip()
    state = YEARLY_MARKS.get(mark)
    if state == MISSING and not cell.missing:
        raise table.error(
            f"markeringen är ”saknas” men kolumn '{column}' har värdet '{shortened(value)}': töm värdecellen, "
            "eller välj ”osäker” om värdet finns men är osäkert",
            row=row,
            column=mark_column,
        )
    if state in (OK, UNCERTAIN) and cell.missing:
        raise table.error(
            f"markeringen är ”{mark}” men kolumn '{column}' har inget värde: skriv värdet, eller välj ”saknas”",
            row=row,
            column=mark_column,
        )
    if state == OK and cell.uncertain:
        raise table.error(
            f"markeringen är ”säker” men värdet '{shortened(value)}' i kolumn '{column}' står inom parentes "
            "(osäkert): välj ”osäker”, eller skriv värdet utan parentes",
            row=row,
            column=mark_column,
        )
    said = [
        value,
        f"{YEARLY_MARK.lower()} {mark}" if mark else "",
        f"{YEARLY_REMARK.lower()} ”{remark}”" if remark else "",
    ]
    return dataclasses.replace(
        cell,
        published="; ".join(part for part in said if part),
        uncertain=cell.uncertain or state == UNCERTAIN,
        remark="; ".join(part for part in (cell.remark, remark) if part),
    )


def _yearly_file(table, code: str, window_end: dt.date) -> list[dict]:
    columns = [c for c in table.frame.columns if c != ROW]
    label_column = columns[0]
    year_columns, companions = _yearly_columns(table, columns[1:])
    if not year_columns:
        raise table.error("tabellen har inga årskolumner", row=1)
    years = {c: year_of(table, c, 1, c) for c in year_columns}
    for column, year in years.items():
        if year > window_end.year:
            raise table.error(
                f"året {year} ligger efter rapportperioden (som slutar {window_end})", row=1, column=column
            )
    records, seen = [], {}
    for _, line in table.frame.iterrows():
        row = int(line[ROW])
        measure = measure_of(table, line[label_column], row, label_column)
        if measure in seen:
            raise table.error(f"måttet finns redan på rad {seen[measure]} (dubblettrad)", row=row, column=label_column)
        seen[measure] = row
        for column, year in years.items():
            cell = _marked(table, cell_of(table, line[column], row, column), line, row, column, companions)
            start, end = year_span(year, window_end)
            records.append(
                observation(
                    table, cell, measure=measure, municipality=code, start=start, end=end, row=row, column=column
                )
            )
            for value, label in cell.parts:
                if label not in PART_LABELS:
                    raise table.error(
                        f"okänd delmängd '{label}' i cellen; kända: {', '.join(PART_LABELS)}", row=row, column=column
                    )
                part = f"{measure}_{PART_LABELS[label]}"
                records.append(
                    observation(
                        table,
                        cell,
                        measure=part,
                        municipality=code,
                        start=start,
                        end=end,
                        row=row,
                        column=column,
                        value=value,
                    )
                    | {"remark": f"delmängd av {cell.published!r}"}
                )
    return records
