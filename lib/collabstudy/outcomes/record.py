"""Every figure and verdict of the outcome step, into the results registry (keys in collabstudy.io.keys)."""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import write_tables as write_processed
from ..stats.verdicts import MET, Verdict
from ..study.steps import OUTCOMES as STEP
from ..study.vocabulary import BEFORE, MISSING, YEARLY_LABELS, label_of
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


def record_monthly(results, summary: pd.DataFrame, ratio: dict, chart: pd.DataFrame, direction: Verdict) -> None:
    src = f"{STEP}: månadsserien före och efter samverkans start"
    for row in summary.itertuples():
        key = "before" if row.phase == BEFORE else "after"
        results.record(
            keys.monthly(key, "months"), row.months, unit="antal", label=f"Månader {row.phase} start", source=src
        )
        results.record(
            keys.monthly(key, "total"), row.total, unit="antal", label=f"Avslut {row.phase} start", source=src
        )
        results.record(
            keys.monthly(key, "mean"), row.mean, unit="antal", label=f"Avslut per månad {row.phase} start", source=src
        )
    for phase, group in chart.groupby("phase", sort=False):
        key = "before" if phase == BEFORE else "after"
        for field, what in (("centre", "medellinje"), ("ucl", "övre styrgräns"), ("lcl", "nedre styrgräns")):
            results.record(
                keys.monthly(key, field),
                group[field].iloc[0],
                unit="antal",
                label=f"Styrdiagram {phase} start: {what}",
                source=src,
            )
    results.record(keys.RATE_RATIO, ratio["ratio"], unit="kvot", label="Kvot efter/före (Poisson)", source=src)
    results.record(
        keys.RATE_RATIO_CI_LOW, ratio["ci_low"], unit="kvot", label="Kvot efter/före, intervall nedre", source=src
    )
    results.record(
        keys.RATE_RATIO_CI_HIGH, ratio["ci_high"], unit="kvot", label="Kvot efter/före, intervall övre", source=src
    )
    results.record(
        keys.RATE_RATIO_P, ratio["p_value"], unit="sannolikhet", label="Kvot efter/före, p-värde", source=src
    )
    results.record(
        keys.MONTHLY_SIGNALS,
        int(chart["signal"].sum()),
        unit="antal",
        label="Månader med signal i styrdiagrammet",
        source=src,
    )
    results.record_verdict(keys.MONTHLY_DIRECTION, direction, label="Riktningen efter samverkans start", source=src)


def record_yearly(results, levels: pd.DataFrame, changes: pd.DataFrame) -> None:
    src = f"{STEP}: statistik per år"
    for row in levels.itertuples():
        unit = "kr" if row.measure.startswith("fa_paid") else "antal"
        results.record(
            keys.yearly(row.measure, row.year),
            None if row.status == MISSING else row.value,
            unit=unit,
            label=f"{YEARLY_LABELS[row.measure]} {row.year}",
            source=src,
            status=row.status,
        )
    for row in changes.itertuples():
        results.record(
            keys.yearly_change(row.measure, row.to_year),
            row.change_pct,
            unit="procent",
            label=f"{YEARLY_LABELS[row.measure]}: förändring {row.from_year}–{row.to_year}",
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
    levels: pd.DataFrame,
    changes: pd.DataFrame,
) -> list[str]:
    """The outcome tables the final document draws and states from (it computes nothing again)."""
    return write_processed(
        output_dir,
        STEP,
        {
            "outcome_shares": shares,
            "baseline_comparison": comparison,
            "monthly_chart": chart,
            "yearly_levels": levels,
            "yearly_changes": changes,
        },
    )
