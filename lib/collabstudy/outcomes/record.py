"""Every figure and verdict of the outcome step, into the results registry (keys in collabstudy.io.keys)."""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import write_tables as write_processed
from ..stats.verdicts import MET, Verdict, not_possible, rate_direction
from ..study.steps import OUTCOMES as STEP
from ..study.vocabulary import BEFORE, MISSING, OK, YEARLY_LABELS, label_of
from .periods import COMPARISON_LABELS
from .shares import SHARE_NUMERATORS, share_row


def record_shares(results, shares: pd.DataFrame, rolling: pd.DataFrame, params) -> None:
    src = f"{STEP}: rullande 12 månader, omräknat från antalen"
    for code in params.values.codes:
        name = params.values.name_of(code)
        values = rolling[rolling["municipality"] == code].set_index("measure")["value"]
        for measure in ("enrolled", "households"):
            results.record(
                keys.count(code, measure),
                values[measure],
                unit="antal",
                label=f"{label_of(measure)}, {name}",
                source=src,
            )
        for measure in SHARE_NUMERATORS:
            row = share_row(shares, code, measure)
            what = f"{label_of(measure)}, {name}"
            for field, unit, label in (
                ("count", "antal", what),
                ("share", "andel", f"{what}, andel av inskrivna"),
                ("ci_low", "andel", f"{what}, konfidensintervall nedre"),
                ("ci_high", "andel", f"{what}, konfidensintervall övre"),
            ):
                results.record(keys.share(code, measure, field), row[field], unit=unit, label=label, source=src)


def record_goal(results, gap: dict, equivalence: dict, needed: dict, goal: Verdict, difference: Verdict) -> None:
    src = f"{STEP}: målmåttet, målkommun minus jämförelsekommun"
    results.record(keys.GAP, gap["difference"], unit="andel", label="Skillnad i andel i arbete/studier nu", source=src)
    results.record(
        keys.GAP_CI_LOW, gap["ci_low"], unit="andel", label="Skillnaden nu, intervall nedre (Newcomb)", source=src
    )
    results.record(
        keys.GAP_CI_HIGH, gap["ci_high"], unit="andel", label="Skillnaden nu, intervall övre (Newcomb)", source=src
    )
    results.record(keys.GAP_Z, gap["z"], unit="teststorhet", label="Score-test av skillnaden, z", source=src)
    results.record(
        keys.GAP_P, gap["p_value"], unit="sannolikhet", label="Score-test av skillnaden, p-värde", source=src
    )
    results.record(
        keys.EQUIVALENCE_MARGIN,
        equivalence["margin"],
        unit="andel",
        label="Marginal för ”densamma” (params)",
        source=src,
    )
    results.record(
        keys.EQUIVALENCE_P,
        equivalence["p_value"],
        unit="sannolikhet",
        label="Ekvivalenstest (TOST), p-värde",
        source=src,
    )
    results.record(
        keys.EQUIVALENCE_MET,
        goal.value == MET,
        unit="logisk",
        label="Målet ”densamma” visat inom marginalen",
        source=src,
    )
    results.record_verdict(keys.GOAL_VERDICT, goal, label="Är målet nått?", source=src)
    results.record_verdict(
        keys.DIFFERENCE_VERDICT, difference, label="Är skillnaden mellan kommunerna visad?", source=src
    )
    results.record(
        keys.NEEDED_TARGET,
        needed["target_count"],
        unit="antal",
        label="Avslut till arbete/studier som behövs för jämförelsekommunens andel",
        source=src,
    )
    results.record(
        keys.NEEDED_PER_PERIOD,
        needed["more_per_period"],
        unit="antal",
        label="Fler avslut som behövs per 12 månader",
        source=src,
    )
    results.record(
        keys.NEEDED_PER_MONTH,
        needed["more_per_month"],
        unit="antal",
        label="Fler avslut som behövs per månad",
        source=src,
    )


def record_baseline(results, comparison: pd.DataFrame) -> None:
    src = f"{STEP}: jämförelse med basåret (andelar utan nämnare)"
    fields = {
        "goal_change_pp": "Förändring sedan basåret, målkommunen",
        "reference_change_pp": "Förändring sedan basåret, jämförelsekommunen",
        "gap_baseline_pp": "Skillnad basåret",
        "gap_now_pp": "Skillnad nu",
        "gap_change_pp": "Förändring av skillnaden",
    }
    for row in comparison.itertuples():
        for field, what in fields.items():
            results.record(
                keys.baseline(row.variant, field),
                getattr(row, field),
                unit="procentenheter",
                label=f"{what} ({'huvudsiffra' if row.variant == 'main' else 'alternativ siffra'})",
                source=src,
            )


def record_monthly(results, summary: pd.DataFrame, compared: pd.DataFrame, chart: pd.DataFrame, params) -> None:
    """Each municipality's periods, its rate ratios with their direction (or why a comparison cannot be
    made), and its c-chart lines and signals."""
    src = f"{STEP}: månadsserien per period"
    for row in summary.itertuples():
        name = params.values.name_of(row.municipality)
        for field, what, value in (
            ("months", "Månader med värde", row.months),
            ("total", "Avslut", row.total),
            ("mean", "Avslut per månad", None if row.months == 0 else row.mean),
        ):
            results.record(
                keys.monthly(row.municipality, row.period, field),
                value,
                unit="antal",
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
        for field, unit, suffix in (
            ("ratio", "kvot", ""),
            ("ci_low", "kvot", ", intervall nedre"),
            ("ci_high", "kvot", ", intervall övre"),
            ("p_value", "sannolikhet", ", p-värde"),
        ):
            results.record(
                keys.rate_ratio(row.municipality, row.comparison, field),
                getattr(row, field),
                unit=unit,
                label=f"Kvot {what}{suffix}",
                source=src,
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


def record_series(results, change: dict | None) -> None:
    """The change since the latest earlier evaluation (nothing without one)."""
    if change is None:
        return
    src = f"{STEP}: jämfört med förra utvärderingen ({change['previous']})"
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


def record_yearly(results, levels: pd.DataFrame, changes: pd.DataFrame) -> None:
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


def record_scenario(results, scenario: dict) -> None:
    src = f"{STEP}: räkneexempel (BIP), inte observation"
    results.record(
        keys.SCENARIO_RELATIVE_DROP,
        scenario["relative_drop"],
        unit="andel",
        label="BIP: relativ minskning av jobbchansen vid ett handläggarbyte",
        source=src,
    )
    results.record(
        keys.SCENARIO_DROP_PP,
        scenario["drop_pp"],
        unit="procentenheter",
        label="BIP: minskning i procentenheter",
        source=src,
    )
    results.record(
        keys.SCENARIO_SHARE_WITHOUT,
        scenario["share_without_change"],
        unit="andel",
        label="Räkneexempel: målkommunens andel utan effekten av ett handläggarbyte",
        source=src,
    )


def write_tables(
    output_dir,
    *,
    shares: pd.DataFrame,
    comparison: pd.DataFrame,
    chart: pd.DataFrame,
    periods: pd.DataFrame,
    compared: pd.DataFrame,
    series: pd.DataFrame,
    levels: pd.DataFrame,
    changes: pd.DataFrame,
    calendar: pd.DataFrame,
) -> list[str]:
    """The outcome tables the final document draws and states from (it computes nothing again)."""
    return write_processed(
        output_dir,
        STEP,
        {
            "outcome_shares": shares,
            "baseline_comparison": comparison,
            "monthly_chart": chart,
            "monthly_periods": periods,
            "monthly_comparisons": compared,
            "evaluation_series": series,
            "yearly_levels": levels,
            "yearly_changes": changes,
            "monthly_calendar_years": calendar,
        },
    )
