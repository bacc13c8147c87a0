"""The outcome step's tables as readers see them (Swedish, computed, never typed)."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.tables import table
from ..present.words import evaluation_period, goal_headline, has_changed
from ..stats.verdicts import MET, Verdict
from ..study.vocabulary import BASELINE_ROW, MISSING, OK, UNCERTAIN, YEARLY_LABELS, label_of
from .periods import COMPARISON_LABELS
from .yearly import PARTIAL_YEAR


def share_text(row) -> str:
    """One share of enrolled as readers see it: '62 av 306 (20,3 %)'."""
    return f.x_of_y(row["count"], row["enrolled"])


def shares_table(shares: pd.DataFrame, rolling: pd.DataFrame, params, level: float):
    """Enrolled and households as counts, then every share of enrolled with its interval."""
    rows = []
    for r in rolling[rolling["measure"].isin(["enrolled", "households"])].itertuples():
        rows.append(
            {
                "Kommun": params.values.name_of(r.municipality),
                "Mått": label_of(r.measure),
                "Antal av inskrivna": f.number(r.value),
                f"{f.number(level * 100)} % konfidensintervall": "",
                "Publicerad andel": "",
            }
        )
    for r in shares.itertuples():
        rows.append(
            {
                "Kommun": params.values.name_of(r.municipality),
                "Mått": label_of(r.measure),
                "Antal av inskrivna": share_text(r._asdict()),
                f"{f.number(level * 100)} % konfidensintervall": f.percent_interval(r.ci_low, r.ci_high),
                "Publicerad andel": r.published if isinstance(r.published, str) else "",
            }
        )
    return table(pd.DataFrame(rows))


def baseline_table(comparison: pd.DataFrame, params):
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    year = params.values.baseline_year
    rows = []
    for r in comparison.itertuples():
        pp = lambda v: f"{f.number(v, 1)} p.e."  # noqa: E731
        rows.append(
            {
                "Basårssiffra": "Huvudsiffra" if r.variant == "main" else f"Alternativ: {r.remark}",
                f"{goal} {year}": f.percent(r.goal_baseline, 0),
                f"{goal} nu": f.percent(r.goal_now),
                f"Förändring {goal}": pp(r.goal_change_pp),
                f"Förändring {ref}": pp(r.reference_change_pp),
                f"Skillnad {year}": pp(r.gap_baseline_pp),
                "Skillnad nu": pp(r.gap_now_pp),
                "Skillnaden": has_changed(r.gap_size_change_pp),
            }
        )
    return table(pd.DataFrame(rows))


def goal_table(gap: dict, equivalence: dict, needed: dict, goal_verdict: Verdict, params, level: float):
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    margin = f.number(equivalence["margin"] * 100)
    rows = [
        ("Målet", goal_headline(goal_verdict.value)[:-1]),
        ("Skillnad nu", f"{f.number(gap['difference'] * 100, 1)} procentenheter ({goal} minus {ref})"),
        (
            f"{f.number(level * 100)} % konfidensintervall",
            f"{f.interval(gap['ci_low'], gap['ci_high'], scale=100)} procentenheter",
        ),
        ("Test av skillnad (score-test)", f"z = {f.number(gap['z'], 2)}, p {f.p_value(gap['p_value'])}"),
        (
            f"Ekvivalenstest, ±{margin} procentenheter (studiens marginal)",
            f"p {f.p_value(equivalence['p_value'])}: "
            + ("likvärdigt inom marginalen" if goal_verdict.value == MET else "likvärdighet kan inte visas"),
        ),
        (
            "Behövs för att nå jämförelsekommunens andel",
            f"{needed['target_count']} av {needed['enrolled']} inskrivna, dvs. {needed['more_per_period']} fler avslut per "
            f"12 månader ({f.number(needed['more_per_month'], 1)} per månad)",
        ),
    ]
    return table(pd.DataFrame(rows, columns=["Uppgift", "Värde"]))


def monthly_table(summary: pd.DataFrame, compared: pd.DataFrame, params, level: float):
    """Per municipality: each period's months, closures and mean per month, then each rate ratio with its
    interval (or why it cannot be computed)."""
    rows = []
    for code in summary["municipality"].drop_duplicates():
        name = params.values.name_of(code)
        for r in summary[summary["municipality"] == code].itertuples():
            rows.append(
                {
                    "Kommun": name,
                    "Period": f"{r.label.capitalize()} ({f.month_span(r.first_month, r.last_month)})"
                    if r.months
                    else r.label.capitalize(),
                    "Månader": f"{r.months} av {r.span_months}",
                    "Avslut": f.number(r.total) if r.months else MISSING,
                    "Per månad": f.number(r.mean, 2) if r.months else MISSING,
                }
            )
        for r in compared[compared["municipality"] == code].itertuples():
            value = (
                f"går inte: {r.reason}"
                if r.reason
                else f"{f.number(r.ratio, 2)} ({f.number(r.ci_low, 2)}–{f.number(r.ci_high, 2)})"
            )
            rows.append(
                {
                    "Kommun": name,
                    "Period": f"Kvot, {COMPARISON_LABELS[r.comparison]} ({f.number(level * 100)} % intervall)",
                    "Månader": "",
                    "Avslut": "",
                    "Per månad": value,
                }
            )
    return table(pd.DataFrame(rows))


def yearly_table(levels: pd.DataFrame, changes: pd.DataFrame, params):
    """Levels and year-on-year changes per municipality and measure; uncertain and missing values say so,
    and the year so far is headed as such."""
    partial = set(levels.loc[levels["partial"].astype(bool), "year"]) if "partial" in levels else set()
    heading = {year: f"{year} ({PARTIAL_YEAR})" if year in partial else str(year) for year in levels["year"]}
    years = sorted(levels["year"].unique())
    rows = []
    for code in levels["municipality"].drop_duplicates():
        mine, my_changes = levels[levels["municipality"] == code], changes[changes["municipality"] == code]
        for measure in [m for m in YEARLY_LABELS if m in set(mine["measure"])]:
            rows += _yearly_rows(mine, my_changes, measure, years, heading, params.values.name_of(code))
    return table(pd.DataFrame(rows).fillna(""))


def _yearly_rows(levels, changes, measure: str, years, heading, name: str) -> list[dict]:
    values = levels[levels["measure"] == measure].set_index("year")
    money = measure.startswith("fa_paid")
    row = {"Kommun": name, "Mått": YEARLY_LABELS[measure]}
    for year in years:
        if year not in values.index:
            continue
        cell = values.loc[year]
        text = MISSING if cell["status"] == MISSING else (f.sek(cell["value"]) if money else f.number(cell["value"]))
        row[heading[year]] = text + (f" ({UNCERTAIN})" if cell["status"] == UNCERTAIN else "")
    change = {"Kommun": name, "Mått": "förändring mot året före"}
    for r in changes[changes["measure"] == measure].itertuples():
        change[heading[r.to_year]] = (
            "–"
            if r.change_pct is None or pd.isna(r.change_pct)
            else f.signed_percent(r.change_pct) + (f" ({UNCERTAIN})" if r.status != OK else "")
        )
    return [row, change]


def series_table(series: pd.DataFrame, params, level: float):
    """Baseline → earlier evaluations → this period: both shares with intervals, the gap, what it would take."""
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    rows = []
    for r in series.itertuples():
        baseline = r.kind == BASELINE_ROW
        when = f"Basåret {r.window_start.year}" if baseline else evaluation_period(r.kind, r.window_start, r.window_end)
        rows.append(
            {
                "Period": when,
                goal: _series_share(r, "goal"),
                ref: _series_share(r, "reference"),
                f"Skillnad, procentenheter ({f.number(level * 100)} % intervall)": f.number(r.gap * 100, 1)
                + (
                    ""
                    if pd.isna(getattr(r, "gap_ci_low", float("nan")))
                    else f" ({f.interval(r.gap_ci_low, r.gap_ci_high, 1, scale=100)})"
                ),
                "Fler avslut som behövs per 12 månader": ""
                if pd.isna(getattr(r, "needed_per_period", float("nan")))
                else f.number(r.needed_per_period),
                "Målet": goal_headline(r.goal_verdict).rstrip(".")
                if not baseline and isinstance(r.goal_verdict, str)
                else "",
            }
        )
    return table(pd.DataFrame(rows))


def _series_share(r, side: str) -> str:
    count = getattr(r, f"{side}_count", float("nan"))
    share = getattr(r, f"{side}_share")
    if pd.isna(count):
        return f"{f.percent(share, 0)} (utan nämnare)"
    low, high = getattr(r, f"{side}_ci_low"), getattr(r, f"{side}_ci_high")
    return f"{f.x_of_y(count, getattr(r, f'{side}_enrolled'))}, {f.percent_interval(low, high)}"
