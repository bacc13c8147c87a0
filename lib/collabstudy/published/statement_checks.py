"""Figures stated in the report's running text, checked against the study's tables.

A statement names a measure, a municipality, a period (and perhaps a period it is compared
with) and a published value: a share ("20 %"), a direction ("ökat"), or a change ("ökning 6 %").
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..cleaning.checks import recomputed_share
from ..cleaning.ledger import KEEP, entry, ledger
from ..io.swedish import parse_cell, parse_swedish_date
from ..present.formatting import number as fmt
from ..stats.rounding import within_rounding
from ..study.calendar import is_calendar_year
from ..study.params import LoadedParams
from ..study.vocabulary import ERROR, MISSING, NOTE, OK, RATIOS, UNCERTAIN, WARNING, label_of

_ROLLING = re.compile(r"^rullande 12 månader till (?P<date>.+)$")
_CHANGE = re.compile(r"^ökning (?P<qualifier>drygt |knappt |cirka )?(?P<number>[\d ,]+) ?%$")
DIRECTIONS = {"ökat": 1, "minskat": -1}


def _twelve_months_before(end: dt.date) -> dt.date:
    following = end + dt.timedelta(days=1)
    return dt.date(following.year - 1, following.month, following.day)


def statement_period(text: str, params: LoadedParams) -> tuple[tuple[dt.date, dt.date], str | None]:
    """The period a statement refers to, and a problem if its date does not exist (then the params window)."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return (dt.date(year, 1, 1), dt.date(year, 12, 31)), None
    match = _ROLLING.match(text)
    if not match:
        raise ValueError(
            f"perioden '{text}' kan inte tolkas (väntade 'ÅÅÅÅ' eller 'rullande 12 månader till D månad ÅÅÅÅ')"
        )
    try:
        end = parse_swedish_date(match["date"])
    except ValueError as exc:
        window = params.values.reporting_window
        return (window.start, window.end), str(exc)
    return (_twelve_months_before(end), end), None


def observation_pool(observations: list[pd.DataFrame]) -> pd.DataFrame:
    """All observations that statements may refer to, one per measure, municipality and period."""
    columns = ["measure", "municipality", "period_start", "period_end", "value", "status", "published"]
    return pd.concat([o[columns] for o in observations], ignore_index=True)


def _lookup(pool: pd.DataFrame, measure: str, code: str, period: tuple[dt.date, dt.date]) -> pd.DataFrame:
    return pool[
        (pool["measure"] == measure)
        & (pool["municipality"] == code)
        & (pool["period_start"] == period[0])
        & (pool["period_end"] == period[1])
    ]


def _value(pool: pd.DataFrame, measure: str, code: str, period) -> tuple[float, str] | None:
    """The value (recomputed from counts for a share), and its status; None if the source has none."""
    found = _lookup(pool, measure, code, period)
    if found.empty or found["status"].iloc[0] == MISSING:
        return None
    if any(s == measure for s, _, _ in RATIOS):
        group = pool[
            (pool["municipality"] == code) & (pool["period_start"] == period[0]) & (pool["period_end"] == period[1])
        ]
        computed = recomputed_share(group, measure)
        if computed is not None:
            return computed[0], found["status"].iloc[0]
    return float(found["value"].iloc[0]), found["status"].iloc[0]


def _show(measure: str, value: float) -> str:
    return f"{fmt(value * 100, 1)} %" if label_of(measure).startswith("Andel") else fmt(value)


def _series(pool: pd.DataFrame, measure: str, code: str) -> str:
    rows = pool[(pool["measure"] == measure) & (pool["municipality"] == code)].sort_values("period_start")
    years = [r for r in rows.itertuples() if is_calendar_year(r.period_start, r.period_end)]
    return ", ".join(f"{r.period_start.year}: {r.published}" for r in years)


def check_statements(statements: pd.DataFrame, pool: pd.DataFrame, params: LoadedParams) -> pd.DataFrame:
    """One ledger row per problem found in a text statement, or one 'ok' row when it holds."""
    from .readers import EVENT

    rows, bad_dates = [], {}
    for st in statements.itertuples():
        if st.measure == EVENT:
            rows.append(_check_event(st, params))
            continue
        name = f"textuppgift {st.id}: {label_of(st.measure)}, {params.values.name_of(st.municipality)}"
        where = dict(file=st.file, row=st.row, published=st.published)
        try:
            period, date_problem = statement_period(st.period, params)
        except ValueError as exc:
            rows.append(
                entry(name, **where, column="Period", problem=str(exc).capitalize(), severity=WARNING, action=KEEP)
            )
            continue
        if date_problem:
            bad_dates.setdefault((st.period, date_problem, period), []).append(st)
        rows.append(_check_cited_years(st, period, name))
        rows.append(_check_value(st, period, pool, params, name))
    rows.extend(_date_entry(*key, affected) for key, affected in bad_dates.items())
    return ledger([r for r in rows if r is not None])


def _check_event(st, params: LoadedParams) -> dict:
    """A date the text gives for something in the collaboration ('Första april 2021 skapades ett fast team …'):
    a date before the collaboration's start, in a sentence about the collaboration, is flagged as a year that
    may be wrong (never corrected)."""
    from ..present.formatting import long_date

    name = f"textuppgift {st.id}: händelse i samverkan, {params.values.name_of(st.municipality)}"
    where = dict(file=st.file, row=st.row, column="Period", published=st.period)
    try:
        day = parse_swedish_date(st.period)
    except ValueError as exc:
        return entry(
            name,
            **where,
            problem=str(exc).capitalize(),
            severity=WARNING,
            action=f"{KEEP} Uppgiften kontrolleras inte.",
        )
    start = params.values.collaboration_start
    ok = day >= start
    return entry(
        name,
        **where,
        recomputed=f"samverkan startade {long_date(start)}",
        problem=""
        if ok
        else (
            f"Texten anger {long_date(day)} (rad {st.source_lines}: ”{st.quote}”), före samverkans start "
            f"{long_date(start)}, men meningen talar om samverkan: årtalet kan vara fel."
        ),
        severity=OK if ok else WARNING,
        action="" if ok else f"{KEEP} Datumet flaggas som osäkert; inga beräkningar bygger på det.",
    )


def _date_entry(published: str, problem: str, period, affected: list) -> dict:
    """One finding per impossible date, listing every statement and source line that uses it."""
    ids = ", ".join(st.id for st in affected)
    lines = ", ".join(dict.fromkeys(st.source_lines for st in affected))
    first = affected[0]
    return entry(
        f"textuppgifter {ids} (datum)",
        file=first.file,
        row=first.row,
        column="Period",
        published=published,
        recomputed=f"tabellens period {period[0]}–{period[1]}",
        problem=f"Rapporten anger ”{published}” (rad {lines} i källan, t.ex. ”{first.quote}”): {problem}.",
        severity=ERROR,
        action=f"{KEEP} Uppgifterna kontrolleras mot tabellens period, som slutar {period[1]} "
        "(studiens rapportperiod).",
    )


def _check_cited_years(st, period, name: str) -> dict | None:
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", st.cited_source or "")]
    if not years:
        return None
    ok = period[1].year <= max(years)
    return entry(
        f"{name} (årtal mot källa)",
        file=st.file,
        row=st.row,
        column="Period",
        published=st.period,
        recomputed=f"källan: {st.cited_source}",
        problem=""
        if ok
        else (
            f"Uppgiften gäller år {period[1].year} men hänvisar till ”{st.cited_source}”, "
            f"som inte kan innehålla det året (rad {st.source_lines}: ”{st.quote}”)."
        ),
        severity=OK if ok else ERROR,
        action=""
        if ok
        else f"{KEEP} Årtalet flaggas som motsägelsefullt; uppgiften används inte i studiens beräkningar.",
    )


def _check_value(st, period, pool: pd.DataFrame, params: LoadedParams, name: str) -> dict:
    where = dict(file=st.file, row=st.row, column="Publicerat värde", published=st.published)
    current = _value(pool, st.measure, st.municipality, period)
    compared = None
    if st.compared_with:
        try:
            compared_period, _ = statement_period(st.compared_with, params)
        except ValueError as exc:
            return entry(
                name,
                file=st.file,
                row=st.row,
                column="Jämförelseperiod",
                published=st.compared_with,
                problem=str(exc).capitalize(),
                severity=WARNING,
                action=f"{KEEP} Uppgiften kontrolleras inte.",
            )
        compared = _value(pool, st.measure, st.municipality, compared_period)
    if current is None or (st.compared_with and compared is None):
        return entry(
            name,
            **where,
            problem="Källans tabeller har inte de värden som behövs för att kontrollera uppgiften.",
            severity=NOTE,
            action=f"{KEEP} Uppgiften redovisas som ej kontrollerbar.",
        )
    value, status = current
    published = st.published.strip()
    if published in DIRECTIONS:
        before, before_status = compared
        change = value - before
        ok = change * DIRECTIONS[published] > 0
        text = f"{st.compared_with}: {_show(st.measure, before)}, {st.period}: {_show(st.measure, value)}"
        uncertain = UNCERTAIN in (status, before_status)
        problem = (
            ""
            if ok
            else (
                f"Texten säger ”{published}” men tabellen visar {text}. "
                f"Alla år i tabellen: {_series(pool, st.measure, st.municipality)}."
            )
        )
        severity = OK if ok else (WARNING if uncertain else ERROR)
        action = (
            ""
            if ok
            else (
                f"{KEEP} Jämförelsen bygger på ett värde som källan själv markerar som osäkert." if uncertain else KEEP
            )
        )
        return entry(name, **where, recomputed=text, problem=problem, severity=severity, action=action)
    change = _CHANGE.match(published)
    if change:
        before, _ = compared
        exact = (value / before - 1) * 100
        stated = parse_cell(change["number"]).value
        qualifier = (change["qualifier"] or "").strip()
        ok = {"drygt": stated < exact < stated + 1, "knappt": stated - 1 < exact < stated}.get(
            qualifier, within_rounding(stated, exact, 0)
        )
        text = f"{fmt(before)} → {fmt(value)} = {fmt(exact, 2)} %"
        return entry(
            name,
            **where,
            recomputed=text,
            problem="" if ok else f"Texten säger ”{published}”, beräknat {text}.",
            severity=OK if ok else ERROR,
            action="" if ok else KEEP,
        )
    try:
        cell = parse_cell(published)
    except ValueError:
        cell = None
    if cell is None or cell.value is None:
        return entry(
            name,
            **where,
            problem=f"Värdet ”{published}” kan inte tolkas (väntade t.ex. '20 %', 'ökat', 'ökning 6 %').",
            severity=WARNING,
            action=f"{KEEP} Uppgiften kontrolleras inte.",
        )
    exact = value * 100
    ok = within_rounding(cell.value, exact, cell.decimals or 0)
    text = f"{fmt(exact, 2)} %"
    return entry(
        name,
        **where,
        recomputed=text,
        problem="" if ok else f"Texten säger {published}, tabellen ger {text}.",
        severity=OK if ok else ERROR,
        action="" if ok else f"{KEEP} Studien använder tabellens antal.",
    )
