"""Every figure of the outcome step, into the results registry (keys are stable across studies)."""
from __future__ import annotations

import pandas as pd

from ..io.processed import write_tables as write_processed
from ..study.steps import OUTCOMES as STEP
from ..study.vocabulary import BEFORE, MISSING, YEARLY_LABELS, label_of
from .shares import SHARE_NUMERATORS, share_row


def record_shares(results, shares: pd.DataFrame, rolling: pd.DataFrame, params) -> None:
    src = f"{STEP}: rullande 12 månader, omräknat från antalen"
    for code in params.values.codes:
        name = params.values.name_of(code)
        values = rolling[rolling["municipality"] == code].set_index("measure")["value"]
        for measure in ("enrolled", "households"):
            results.record(f"{code}.{measure}", values[measure], unit="antal", label=f"{label_of(measure)}, {name}", source=src)
        for measure in SHARE_NUMERATORS:
            row = share_row(shares, code, measure)
            base = f"{code}.{measure}"
            what = f"{label_of(measure)}, {name}"
            results.record(f"{base}.count", row["count"], unit="antal", label=what, source=src)
            results.record(f"{base}.share", row["share"], unit="andel", label=f"{what}, andel av inskrivna", source=src)
            results.record(f"{base}.ci_low", row["ci_low"], unit="andel", label=f"{what}, konfidensintervall nedre", source=src)
            results.record(f"{base}.ci_high", row["ci_high"], unit="andel", label=f"{what}, konfidensintervall övre", source=src)


def record_goal(results, gap: dict, equivalence: dict, needed: dict, level: float) -> None:
    src = f"{STEP}: målmåttet, målkommun minus jämförelsekommun"
    results.record("gap.now", gap["difference"], unit="andel", label="Skillnad i andel i arbete/studier nu", source=src)
    results.record("gap.now.ci_low", gap["ci_low"], unit="andel", label="Skillnaden nu, intervall nedre (Newcomb)", source=src)
    results.record("gap.now.ci_high", gap["ci_high"], unit="andel", label="Skillnaden nu, intervall övre (Newcomb)", source=src)
    results.record("gap.test.z", gap["z"], unit="teststorhet", label="Score-test av skillnaden, z", source=src)
    results.record("gap.test.p_value", gap["p_value"], unit="sannolikhet", label="Score-test av skillnaden, p-värde", source=src)
    results.record("equivalence.margin", equivalence["margin"], unit="andel", label="Marginal för ”densamma” (params)", source=src)
    results.record("equivalence.p_value", equivalence["p_value"], unit="sannolikhet", label="Ekvivalenstest (TOST), p-värde", source=src)
    results.record("equivalence.met", bool(equivalence["p_value"] < 1 - level), unit="logisk",
                   label="Målet ”densamma” visat inom marginalen", source=src)
    results.record("needed.target_count", needed["target_count"], unit="antal",
                   label="Avslut till arbete/studier som behövs för jämförelsekommunens andel", source=src)
    results.record("needed.per_period", needed["more_per_period"], unit="antal", label="Fler avslut som behövs per 12 månader", source=src)
    results.record("needed.per_month", needed["more_per_month"], unit="antal", label="Fler avslut som behövs per månad", source=src)


def record_baseline(results, comparison: pd.DataFrame) -> None:
    src = f"{STEP}: jämförelse med basåret (andelar utan nämnare)"
    fields = {"goal_change_pp": "Förändring sedan basåret, målkommunen", "reference_change_pp": "Förändring sedan basåret, jämförelsekommunen",
              "gap_baseline_pp": "Skillnad basåret", "gap_now_pp": "Skillnad nu", "gap_change_pp": "Förändring av skillnaden"}
    for row in comparison.itertuples():
        for field, what in fields.items():
            results.record(f"baseline.{row.variant}.{field}", getattr(row, field), unit="procentenheter",
                           label=f"{what} ({'huvudsiffra' if row.variant == 'main' else 'alternativ siffra'})", source=src)


def record_monthly(results, summary: pd.DataFrame, ratio: dict, chart: pd.DataFrame) -> None:
    src = f"{STEP}: månadsserien före och efter samverkans start"
    for row in summary.itertuples():
        key = "before" if row.phase == BEFORE else "after"
        results.record(f"monthly.{key}.months", row.months, unit="antal", label=f"Månader {row.phase} start", source=src)
        results.record(f"monthly.{key}.total", row.total, unit="antal", label=f"Avslut {row.phase} start", source=src)
        results.record(f"monthly.{key}.mean", row.mean, unit="antal", label=f"Avslut per månad {row.phase} start", source=src)
    for phase, group in chart.groupby("phase", sort=False):
        key = "before" if phase == BEFORE else "after"
        for field, what in (("centre", "medellinje"), ("ucl", "övre styrgräns"), ("lcl", "nedre styrgräns")):
            results.record(f"monthly.{key}.{field}", group[field].iloc[0], unit="antal",
                           label=f"Styrdiagram {phase} start: {what}", source=src)
    results.record("monthly.rate_ratio", ratio["ratio"], unit="kvot", label="Kvot efter/före (Poisson)", source=src)
    results.record("monthly.rate_ratio.ci_low", ratio["ci_low"], unit="kvot", label="Kvot efter/före, intervall nedre", source=src)
    results.record("monthly.rate_ratio.ci_high", ratio["ci_high"], unit="kvot", label="Kvot efter/före, intervall övre", source=src)
    results.record("monthly.rate_ratio.p_value", ratio["p_value"], unit="sannolikhet", label="Kvot efter/före, p-värde", source=src)
    results.record("monthly.signals", int(chart["signal"].sum()), unit="antal", label="Månader med signal i styrdiagrammet", source=src)


def record_yearly(results, levels: pd.DataFrame, changes: pd.DataFrame) -> None:
    src = f"{STEP}: statistik per år"
    for row in levels.itertuples():
        unit = "kr" if row.measure.startswith("fa_paid") else "antal"
        results.record(f"yearly.{row.measure}.{row.year}", None if row.status == MISSING else row.value, unit=unit,
                       label=f"{YEARLY_LABELS[row.measure]} {row.year}", source=src, status=row.status)
    for row in changes.itertuples():
        results.record(f"yearly.{row.measure}.change.{row.to_year}", row.change_pct, unit="procent",
                       label=f"{YEARLY_LABELS[row.measure]}: förändring {row.from_year}–{row.to_year}", source=src,
                       status=row.status)


def record_scenario(results, scenario: dict) -> None:
    src = f"{STEP}: räkneexempel (BIP), inte observation"
    results.record("scenario.caseworker.relative_drop", scenario["relative_drop"], unit="andel",
                   label="BIP: relativ minskning av jobbchansen vid ett handläggarbyte", source=src)
    results.record("scenario.caseworker.drop_pp", scenario["drop_pp"], unit="procentenheter",
                   label="BIP: minskning i procentenheter", source=src)
    results.record("scenario.caseworker.share_without_change", scenario["share_without_change"], unit="andel",
                   label="Räkneexempel: målkommunens andel utan effekten av ett handläggarbyte", source=src)


def write_tables(output_dir, *, shares: pd.DataFrame, comparison: pd.DataFrame, chart: pd.DataFrame,
                 levels: pd.DataFrame, changes: pd.DataFrame) -> list[str]:
    """The outcome tables the final document draws and states from (it computes nothing again)."""
    return write_processed(output_dir, STEP, {
        "outcome_shares": shares, "baseline_comparison": comparison, "monthly_chart": chart,
        "yearly_levels": levels, "yearly_changes": changes})
