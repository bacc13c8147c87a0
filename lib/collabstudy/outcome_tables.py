"""The outcome step's tables and sentences as readers see them (Swedish, computed, never typed)."""
from __future__ import annotations

import pandas as pd

from . import formatting as f
from .display import table
from .vocabulary import label_of
from .yearly import LABELS


def _interval(low: float, high: float, decimals: int = 1) -> str:
    return f"{f.number(low * 100, decimals)}–{f.percent(high, decimals)}"


def shares_table(shares: pd.DataFrame, rolling: pd.DataFrame, params, level: float):
    """Enrolled and households as counts, then every share of enrolled with its interval."""
    rows = []
    for r in rolling[rolling["measure"].isin(["enrolled", "households"])].itertuples():
        rows.append({"Kommun": params.values.name_of(r.municipality), "Mått": label_of(r.measure),
                     "Antal av inskrivna": f.number(r.value), f"{f.number(level * 100)} % konfidensintervall": "",
                     "Publicerad andel": ""})
    for r in shares.itertuples():
        rows.append({
            "Kommun": params.values.name_of(r.municipality), "Mått": label_of(r.measure),
            "Antal av inskrivna": r.text, f"{f.number(level * 100)} % konfidensintervall": _interval(r.ci_low, r.ci_high),
            "Publicerad andel": r.published if isinstance(r.published, str) else "",
        })
    return table(pd.DataFrame(rows))


def baseline_table(comparison: pd.DataFrame, params):
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    year = params.values.baseline_year
    rows = []
    for r in comparison.itertuples():
        pp = lambda v: f"{f.number(v, 1)} p.e."  # noqa: E731
        rows.append({
            "Basårssiffra": "Huvudsiffra" if r.variant == "main" else f"Alternativ: {r.remark}",
            f"{goal} {year}": f.percent(r.goal_baseline, 0), f"{goal} nu": f.percent(r.goal_now),
            f"Förändring {goal}": pp(r.goal_change_pp),
            f"Förändring {ref}": pp(r.reference_change_pp),
            f"Skillnad {year}": pp(r.gap_baseline_pp), "Skillnad nu": pp(r.gap_now_pp),
            "Skillnaden har": "minskat" if abs(r.gap_now_pp) < abs(r.gap_baseline_pp) else "ökat",
        })
    return table(pd.DataFrame(rows))


def baseline_sentence(comparison: pd.DataFrame, params) -> str:
    goal = params.values.name_of(params.values.goal.municipality)
    main = comparison[comparison["variant"] == "main"].iloc[0]
    parts = [f"Mot basårets huvudsiffra har {goal}s andel {'minskat' if main.goal_change_pp < 0 else 'ökat'} med "
             f"{f.number(abs(main.goal_change_pp), 1)} procentenheter och skillnaden mot jämförelsekommunen "
             f"{'minskat' if abs(main.gap_now_pp) < abs(main.gap_baseline_pp) else 'ökat'} med "
             f"{f.number(abs(abs(main.gap_now_pp) - abs(main.gap_baseline_pp)), 1)} procentenheter."]
    for alt in comparison[comparison["variant"] != "main"].itertuples():
        flips = (alt.goal_change_pp > 0) != (main.goal_change_pp > 0)
        parts.append(f"Med den alternativa siffran ({f.percent(alt.goal_baseline, 0)}) "
                     f"{'vänder slutsatsen: andelen har då ökat' if flips else 'blir riktningen densamma'} "
                     f"({f.number(alt.goal_change_pp, 1)} procentenheter). Den siffran räknar dock bort flyktingar och "
                     "mäter därför inte samma sak som dagens andel.")
    parts.append("Basårets andelar publicerades utan antal sökande, så ingen osäkerhet kan beräknas för dem och "
                 "ingen test görs mot basåret; varje siffra är dessutom avrundad till hela procent (±0,5 procentenheter).")
    return " ".join(parts)


def goal_table(gap: dict, equivalence: dict, needed: dict, params, level: float):
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    margin = f.number(equivalence["margin"] * 100)
    rows = [
        ("Skillnad nu", f"{f.number(gap['difference'] * 100, 1)} procentenheter ({goal} minus {ref})"),
        (f"{f.number(level * 100)} % konfidensintervall", f"{f.number(gap['ci_low'] * 100, 1)} till {f.number(gap['ci_high'] * 100, 1)} procentenheter"),
        ("Test av skillnad (score-test)", f"z = {f.number(gap['z'], 2)}, p {_p(gap['p_value'])}"),
        (f"Ekvivalenstest, ±{margin} procentenheter", f"p {_p(equivalence['p_value'])}: "
         + ("likvärdigt inom marginalen" if equivalence["p_value"] < 1 - level else "likvärdighet kan inte visas")),
        ("Behövs för att nå jämförelsekommunens andel",
         f"{needed['target_count']} av {needed['enrolled']} inskrivna, dvs. {needed['more_per_period']} fler avslut per "
         f"12 månader ({f.number(needed['more_per_month'], 1)} per månad)"),
    ]
    return table(pd.DataFrame(rows, columns=["Uppgift", "Värde"]))


def _p(p: float) -> str:
    """'< 0,001' or '= 0,042': the p-value with its relation sign."""
    return "< 0,001" if p < 0.001 else f"= {f.number(p, 3)}"


def goal_sentence(shares: pd.DataFrame, gap: dict, equivalence: dict, needed: dict, params, level: float) -> str:
    from .outcomes import share_row

    goal_code, ref_code = params.values.goal.municipality, params.values.goal.reference
    goal, ref = params.values.name_of(goal_code), params.values.name_of(ref_code)
    g, r = share_row(shares, goal_code), share_row(shares, ref_code)
    met = equivalence["p_value"] < 1 - level
    verdict = ("Målet är nått: andelarna är likvärdiga inom marginalen." if met else
               "Målet är inte nått." if gap["ci_high"] < 0 or gap["ci_low"] > 0 else
               "Skillnaden är inte säkerställd, men likvärdighet kan inte heller visas.")
    return (f"{verdict} I {goal} avslutades {g['text']} till arbete eller studier, i {ref} {r['text']}. "
            f"Skillnaden är {f.number(gap['difference'] * 100, 1)} procentenheter "
            f"({f.number(level * 100)} % konfidensintervall {f.number(gap['ci_low'] * 100, 1)} till "
            f"{f.number(gap['ci_high'] * 100, 1)}). För att nå {ref}s andel med dagens antal inskrivna skulle {goal} "
            f"behöva {needed['more_per_period']} fler avslut till arbete eller studier per 12 månader, ungefär "
            f"{f.number(needed['more_per_month'], 1)} fler i månaden.")


def monthly_table(summary: pd.DataFrame, ratio: dict, level: float):
    rows = [{"Period": f"{r.phase.capitalize()} start ({f.long_date(r.first)} – {f.long_date(r.last)})",
             "Månader": r.months, "Avslut": f.number(r.total), "Per månad": f.number(r.mean, 2)} for r in summary.itertuples()]
    rows.append({"Period": f"Kvot efter/före ({f.number(level * 100)} % intervall)", "Månader": "",
                 "Avslut": "", "Per månad": f"{f.number(ratio['ratio'], 2)} ({f.number(ratio['ci_low'], 2)}–{f.number(ratio['ci_high'], 2)})"})
    return table(pd.DataFrame(rows))


def yearly_table(levels: pd.DataFrame, changes: pd.DataFrame):
    """Levels and year-on-year changes per measure; uncertain and missing values say so."""
    years = sorted(levels["year"].unique())
    rows = []
    for measure in [m for m in LABELS if m in set(levels["measure"])]:
        values = levels[levels["measure"] == measure].set_index("year")
        money = measure.startswith("fa_paid")
        row = {"Mått": LABELS[measure]}
        for year in years:
            cell = values.loc[year]
            text = "saknas" if cell["status"] == "saknas" else (f.sek(cell["value"]) if money else f.number(cell["value"]))
            row[str(year)] = text + (" (osäker)" if cell["status"] == "osäker" else "")
        change = {"Mått": "förändring mot året före"}
        for r in changes[changes["measure"] == measure].itertuples():
            change[str(r.to_year)] = ("–" if r.change_pct is None or pd.isna(r.change_pct) else
                                      f"{'+' if r.change_pct > 0 else ''}{f.number(r.change_pct, 1)}{f.NBSP}%"
                                      + (" (osäker)" if r.status != "ok" else ""))
        rows.extend([row, change])
    return table(pd.DataFrame(rows).fillna(""))


def scenario_sentence(result: dict, scenario_params, params) -> str:
    goal = params.values.name_of(params.values.goal.municipality)
    checks = ("Rapportens egna siffror följer av studiens sannolikheter"
              if result["stated_drop_pp_holds"] and result["stated_relative_drop_holds"]
              else "Rapportens angivna minskning stämmer inte med de citerade sannolikheterna")
    return (f"**Räkneexempel, inte ett resultat.** Enligt {scenario_params.source} sjönk chansen till jobb inom ett år "
            f"från {f.percent(scenario_params.job_probability_without_change, 1)} till "
            f"{f.percent(scenario_params.job_probability_after_one_change, 1)} efter ett handläggarbyte: "
            f"{f.number(result['drop_pp'], 1)} procentenheter, en relativ minskning med "
            f"{f.percent(result['relative_drop'], 1)}. {checks}. Om alla sökande i {goal} bytte handläggare en gång "
            f"och samma relativa effekt gällde här, skulle dagens andel {f.percent(result['observed_share'])} motsvara "
            f"{f.percent(result['share_without_change'])} utan bytet. Det är ett antagande om en dansk studie, "
            "inte något som data i denna studie visar.")
