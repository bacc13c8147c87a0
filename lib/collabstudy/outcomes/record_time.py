"""The outcome step's figures over time, into the results registry: the monthly series per period, the goal
across evaluations, and the statistics per year with their trends (keys in collabstudy.io.keys)."""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..stats import verdicts
from ..stats.verdicts import Verdict, not_possible, rate_direction
from ..study.steps import OUTCOMES as STEP
from ..study.vocabulary import BEFORE, MISSING, OK, YEARLY_LABELS, YEARLY_MEASURES
from .periods import COMPARISON_LABELS
from .series import latest_and_now
from .yearly import source_notes, trend_between_solid_years


def record_monthly(
    results, summary: pd.DataFrame, compared: pd.DataFrame, chart: pd.DataFrame, calendar: pd.DataFrame, params
) -> None:
    """Each municipality's periods (the months they span and have), its rate ratios with their direction
    and how they are said (or why a comparison cannot be made), its c-chart lines and signals, and its
    closures per calendar year."""
    src = f"{STEP}: månadsserien per period"
    for row in summary.itertuples():
        name = params.values.name_of(row.municipality)
        for field, what, value, unit in (
            ("months", "Månader med värde", row.months, "antal"),
            ("span_months", "Månader som perioden spänner över", row.span_months, "antal"),
            ("partial", "Perioden har månader utan värde", bool(row.months < row.span_months), "logisk"),
            ("first_month", "Första månaden", _day(row.first_month), "datum"),
            ("last_month", "Sista dagen", _day(row.last_month), "datum"),
            ("total", "Avslut", row.total, "antal"),
            ("mean", "Avslut per månad", None if row.months == 0 else row.mean, "antal"),
        ):
            results.record(
                keys.monthly(row.municipality, row.period, field),
                value,
                unit=unit,
                label=f"{what} {row.label}, {name}",
                source=src,
                status=OK if value is not None else MISSING,
            )
    for row in compared.itertuples():
        name = params.values.name_of(row.municipality)
        what = f"{name}: {COMPARISON_LABELS[row.comparison]}"
        if row.reason:
            results.record_verdict(
                keys.monthly_direction(row.municipality, row.comparison),
                not_possible(row.reason),
                label=f"Riktningen, {what}",
                source=src,
            )
            continue
        size = verdicts.ratio_size(row.ratio, row.ci_low, row.ci_high)
        for field, value, unit, suffix in (
            ("ratio", row.ratio, "kvot", ""),
            ("ci_low", row.ci_low, "kvot", ", intervall nedre"),
            ("ci_high", row.ci_high, "kvot", ", intervall övre"),
            ("p_value", row.p_value, "sannolikhet", ", p-värde"),
            ("change", size.inputs["change"], "andel", ", kvoten minus 1"),
            ("times", size.inputs["times"], "antal", ", avrundad till hela gånger"),
        ):
            results.record(
                keys.rate_ratio(row.municipality, row.comparison, field),
                value,
                unit=unit,
                label=f"Kvot {what}{suffix}",
                source=src,
            )
        results.record_verdict(
            keys.rate_size(row.municipality, row.comparison), size, label=f"Kvoten i ord, {what}", source=src
        )
        results.record_verdict(
            keys.monthly_direction(row.municipality, row.comparison),
            rate_direction(row.ratio, row.ci_low, row.ci_high),
            label=f"Riktningen, {what}",
            source=src,
        )
    for (code, phase), group in chart.groupby(["municipality", "phase"], sort=False):
        key = "before" if phase == BEFORE else "after"
        for field, what in (("centre", "medellinje"), ("ucl", "övre styrgräns"), ("lcl", "nedre styrgräns")):
            results.record(
                keys.control_line(code, key, field),
                group[field].iloc[0],
                unit="antal",
                label=f"Styrdiagram {phase} start, {params.values.name_of(code)}: {what}",
                source=src,
            )
    for code, group in chart.groupby("municipality", sort=False):
        results.record(
            keys.monthly_signals(code),
            int(group["signal"].sum()),
            unit="antal",
            label=f"Månader med signal i styrdiagrammet, {params.values.name_of(code)}",
            source=src,
        )
    for row in calendar.itertuples():
        name = params.values.name_of(row.municipality)
        for field, value, unit, what in (
            ("total", row.total, "antal", "Avslut"),
            ("months", row.months, "antal", "Månader med värde"),
            ("mean", row.mean, "antal", "Avslut per månad"),
            ("whole", bool(row.whole), "logisk", "Alla tolv månader har värde"),
        ):
            results.record(
                keys.calendar_year(row.municipality, int(row.year), field),
                value,
                unit=unit,
                label=f"{what} år {row.year}, {name}",
                source=f"{STEP}: månadsserien per kalenderår",
            )


def record_revisions(results, revised: pd.DataFrame, agreement: pd.DataFrame, codes: list[str], params) -> None:
    """Per municipality delivered: how many months this delivery revised, each revised month with both
    values, and the twelve-month table's total beside the series' where the series covers a period whole."""
    src = f"{STEP}: månadsserien mot tidigare utvärderingar och tabellen över tolv månader"
    for code in codes:
        mine = revised[revised["municipality"] == code]
        name = params.values.name_of(code)
        results.record(
            keys.monthly_revisions(code), len(mine), unit="antal", label=f"Reviderade månader, {name}", source=src
        )
        for r in mine.itertuples():
            month = pd.Timestamp(r.period_start).strftime("%Y-%m")
            for field, value, what in (
                ("value", r.value, "denna leverans"),
                ("earlier", r.earlier_value, r.from_study),
            ):
                results.record(
                    keys.monthly_revision(code, month, field),
                    value,
                    unit="antal",
                    label=f"Avslut {month}, {name}: {what}",
                    source=src,
                )
    for r in agreement.itertuples():
        results.record(
            keys.monthly(r.municipality, r.period, "table_total"),
            r.table_total,
            unit="antal",
            label=f"Avslut till arbete eller studier i tabellen över tolv månader ({r.period}), "
            f"{params.values.name_of(r.municipality)}",
            source=src,
        )


def _day(value):
    """A month's date as the registry keeps it (ISO text)."""
    return pd.Timestamp(value).date().isoformat()


def record_series(results, change: dict | None, series: pd.DataFrame) -> None:
    """The change since the latest earlier evaluation, the goal municipality's share and gap then, and
    whether it lay under, over or level with the reference then and now (nothing without one)."""
    if change is None:
        return
    src = f"{STEP}: jämfört med förra utvärderingen ({change['previous']})"
    before, now = latest_and_now(series)
    results.record(
        keys.series_change("previous_share"),
        before["goal_share"],
        unit="andel",
        label="Målkommunens andel vid förra utvärderingen",
        source=src,
    )
    for field, day in (("previous_start", before["window_start"]), ("previous_end", before["window_end"])):
        results.record(
            keys.series_change(field),
            _day(day),
            unit="datum",
            label=f"Förra utvärderingens period: {'första' if field.endswith('start') else 'sista'} dagen",
            source=src,
        )
    results.record(
        keys.series_change("previous_gap"),
        before["gap"],
        unit="andel",
        label="Skillnaden mellan kommunerna vid förra utvärderingen",
        source=src,
    )
    results.record_verdict(
        keys.series_change("as_shown"),
        verdicts.described(change["change"] * 100, 1),
        label="Målkommunens andel nu mot förra utvärderingen, som den visas (en decimal)",
        source=src,
    )
    for when, gap in (("previous", before["gap"]), ("now", now["gap"])):
        results.record_verdict(
            keys.series_gap(when),
            verdicts.described(gap * 100, 1),
            label=f"Låg målkommunen under, över eller i nivå med jämförelsekommunen ({when})?",
            source=src,
        )
    for field, unit, label in (
        ("change", "andel", "Förändring av målkommunens andel sedan förra utvärderingen"),
        ("ci_low", "andel", "Förändringen, intervall nedre"),
        ("ci_high", "andel", "Förändringen, intervall övre"),
        ("p_value", "sannolikhet", "Förändringen, p-värde"),
        ("gap_change", "andel", "Skillnaden mellan kommunerna nu minus vid förra utvärderingen"),
    ):
        results.record(keys.series_change(field), change[field], unit=unit, label=label, source=src)
    results.record_verdict(
        keys.SERIES_CHANGE_VERDICT,
        change["verdict"],
        label="Är förändringen sedan förra utvärderingen visad?",
        source=src,
    )


def record_yearly(
    results, levels: pd.DataFrame, changes: pd.DataFrame, footnotes: dict[int, str] | None = None
) -> None:
    src = f"{STEP}: statistik per år"
    for row in levels.itertuples():
        unit = "kr" if row.measure.startswith("fa_paid") else "antal"
        results.record(
            keys.yearly(row.municipality, row.measure, row.year),
            None if row.status == MISSING else row.value,
            unit=unit,
            label=f"{YEARLY_LABELS[row.measure]} {row.year}{' (hittills i år)' if row.partial else ''}, {row.municipality}",
            source=src,
            status=row.status,
        )
    for row in changes.itertuples():
        results.record(
            keys.yearly_change(row.municipality, row.measure, row.to_year),
            row.change_pct,
            unit="procent",
            label=f"{YEARLY_LABELS[row.measure]}: förändring {row.from_year}–{row.to_year}, {row.municipality}",
            source=src,
            status=row.status,
        )
    record_trends(results, levels, footnotes or {})


def record_trends(results, levels: pd.DataFrame, footnotes: dict[int, str] | None = None) -> None:
    """Per municipality and measure: the change from the first to the last solid year, its direction as
    shown, the years between left out because the source marks them uncertain or missing, and what the
    source says about the two values the change rests on (a remark, a footnote with its text)."""
    src = f"{STEP}: statistik per år, mellan säkra år"
    for code in levels["municipality"].drop_duplicates():
        mine = levels[levels["municipality"] == code]
        for measure in YEARLY_MEASURES:
            trend = trend_between_solid_years(mine, measure)
            if trend is None or trend["change_pct"] is None:
                continue
            unit = "kr" if measure.startswith("fa_paid") else "antal"
            what = f"{YEARLY_LABELS[measure]}, {code}"
            for field, value, field_unit in (
                ("first", trend["first"], "år"),
                ("last", trend["last"], "år"),
                ("first_value", trend["first_value"], unit),
                ("last_value", trend["last_value"], unit),
                ("change", trend["change_pct"], "procent"),
            ):
                results.record(
                    keys.yearly_trend(code, measure, field),
                    value,
                    unit=field_unit,
                    label=f"{what}: {field}",
                    source=src,
                )
            verdict = verdicts.described(trend["change_pct"], 1)
            results.record_verdict(
                keys.yearly_trend_verdict(code, measure),
                Verdict(
                    verdict.value,
                    verdict.rule,
                    verdict.inputs
                    | {
                        "left_out": trend["left_out"],
                        "notes": source_notes(mine, measure, [trend["first"], trend["last"]], footnotes or {}),
                    },
                ),
                label=f"Riktningen mellan säkra år, {what}",
                source=src,
            )
