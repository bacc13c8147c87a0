"""Every figure and verdict of the outcome step, into the results registry (keys in collabstudy.io.keys)."""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import write_tables as write_processed
from ..stats import verdicts
from ..stats.verdicts import MET, Verdict
from ..study.steps import OUTCOMES as STEP
from ..study.vocabulary import label_of
from .record_time import record_monthly, record_revisions, record_series, record_trends, record_yearly  # noqa: F401  (the notebook's)
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
    results.record_verdict(
        keys.NEEDED_VERDICT,
        verdicts.closures_needed(needed["more_per_period"]),
        label="Når målkommunen jämförelsekommunens andel vid dagens antal inskrivna?",
        source=src,
    )
    results.record_verdict(
        keys.GAP_INTERVAL_VERDICT,
        verdicts.interval_position(gap["ci_low"], gap["ci_high"]),
        label="Skillnadens intervall: över, under eller runt noll",
        source=src,
    )


BASELINE_CHANGES = {
    "goal_change_pp": "Förändring sedan basåret, målkommunen",
    "reference_change_pp": "Förändring sedan basåret, jämförelsekommunen",
    "gap_baseline_pp": "Skillnad basåret",
    "gap_now_pp": "Skillnad nu",
    "gap_change_pp": "Förändring av skillnaden",
    "gap_size_change_pp": "Förändring av skillnadens storlek (positiv: längre ifrån varandra)",
}
# The changes a sentence states with a direction ("har minskat med 2,7 procentenheter").
BASELINE_DIRECTIONS = ("goal_change_pp", "reference_change_pp", "gap_size_change_pp")


def record_baseline(results, comparison: pd.DataFrame, baseline: pd.DataFrame) -> None:
    """Each baseline figure's change since then, its direction as shown (one decimal), and whether the
    baseline has denominators (without them nothing can be tested against it)."""
    src = f"{STEP}: jämförelse med basåret (andelar utan nämnare)"
    for row in comparison.itertuples():
        which = "huvudsiffra" if row.variant == "main" else "alternativ siffra"
        results.record(
            keys.baseline(row.variant, "goal_baseline"),
            row.goal_baseline,
            unit="andel",
            label=f"Målkommunens andel basåret ({which})",
            source=src,
        )
        for field, what in BASELINE_CHANGES.items():
            results.record(
                keys.baseline(row.variant, field),
                getattr(row, field),
                unit="procentenheter",
                label=f"{what} ({which})",
                source=src,
            )
        for field in BASELINE_DIRECTIONS:
            results.record_verdict(
                keys.baseline_direction(row.variant, field),
                verdicts.described(getattr(row, field), 1),
                label=f"Riktningen: {BASELINE_CHANGES[field].lower()} ({which})",
                source=src,
            )
    results.record(
        keys.BASELINE_HAS_DENOMINATORS,
        bool(baseline["denominator"].notna().all()),
        unit="logisk",
        label="Basårets andelar har nämnare (antal sökande)",
        source=src,
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
        keys.SCENARIO_STATED_HOLDS,
        bool(scenario["stated_drop_pp_holds"] and scenario["stated_relative_drop_holds"]),
        unit="logisk",
        label="BIP: rapportens angivna minskning följer av de citerade sannolikheterna",
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
    revised: pd.DataFrame,
    agreement: pd.DataFrame,
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
            "monthly_revisions": revised,
            "monthly_table_agreement": agreement,
        },
    )
