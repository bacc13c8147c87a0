"""The outcome step's tables as readers see them (Swedish, computed, never typed)."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.tables import table
from ..present.words import GOAL_HEADLINE, has_changed
from ..stats.verdicts import MET, Verdict
from ..study.vocabulary import MISSING, OK, UNCERTAIN, YEARLY_LABELS, label_of


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
        ("Målet", GOAL_HEADLINE[goal_verdict.value][:-1]),
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


def monthly_table(summary: pd.DataFrame, ratio: dict, level: float):
    rows = [
        {
            "Period": f"{r.phase.capitalize()} start ({f.long_date(r.first)} – {f.long_date(r.last)})",
            "Månader": r.months,
            "Avslut": f.number(r.total),
            "Per månad": f.number(r.mean, 2),
        }
        for r in summary.itertuples()
    ]
    rows.append(
        {
            "Period": f"Kvot efter/före ({f.number(level * 100)} % intervall)",
            "Månader": "",
            "Avslut": "",
            "Per månad": f"{f.number(ratio['ratio'], 2)} ({f.number(ratio['ci_low'], 2)}–{f.number(ratio['ci_high'], 2)})",
        }
    )
    return table(pd.DataFrame(rows))


def yearly_table(levels: pd.DataFrame, changes: pd.DataFrame):
    """Levels and year-on-year changes per measure; uncertain and missing values say so."""
    years = sorted(levels["year"].unique())
    rows = []
    for measure in [m for m in YEARLY_LABELS if m in set(levels["measure"])]:
        values = levels[levels["measure"] == measure].set_index("year")
        money = measure.startswith("fa_paid")
        row = {"Mått": YEARLY_LABELS[measure]}
        for year in years:
            cell = values.loc[year]
            text = (
                MISSING if cell["status"] == MISSING else (f.sek(cell["value"]) if money else f.number(cell["value"]))
            )
            row[str(year)] = text + (f" ({UNCERTAIN})" if cell["status"] == UNCERTAIN else "")
        change = {"Mått": "förändring mot året före"}
        for r in changes[changes["measure"] == measure].itertuples():
            change[str(r.to_year)] = (
                "–"
                if r.change_pct is None or pd.isna(r.change_pct)
                else f.signed_percent(r.change_pct) + (f" ({UNCERTAIN})" if r.status != OK else "")
            )
        rows.extend([row, change])
    return table(pd.DataFrame(rows).fillna(""))
