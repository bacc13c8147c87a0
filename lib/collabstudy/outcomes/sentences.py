"""The outcome step's sentences: Swedish, computed from the figures, each judgement from a verdict."""
from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from .shares import share_row
from .tables import share_text


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


def goal_sentence(shares: pd.DataFrame, gap: dict, equivalence: dict, needed: dict, params, level: float) -> str:
    goal_code, ref_code = params.values.goal.municipality, params.values.goal.reference
    goal, ref = params.values.name_of(goal_code), params.values.name_of(ref_code)
    g, r = share_row(shares, goal_code), share_row(shares, ref_code)
    met = equivalence["p_value"] < 1 - level
    verdict = ("Målet är nått: andelarna är likvärdiga inom marginalen." if met else
               "Målet är inte nått." if gap["ci_high"] < 0 or gap["ci_low"] > 0 else
               "Skillnaden är inte säkerställd, men likvärdighet kan inte heller visas.")
    return (f"{verdict} I {goal} avslutades {share_text(g)} till arbete eller studier, i {ref} {share_text(r)}. "
            f"Skillnaden är {f.number(gap['difference'] * 100, 1)} procentenheter "
            f"({f.number(level * 100)} % konfidensintervall {f.number(gap['ci_low'] * 100, 1)} till "
            f"{f.number(gap['ci_high'] * 100, 1)}). För att nå {ref}s andel med dagens antal inskrivna skulle {goal} "
            f"behöva {needed['more_per_period']} fler avslut till arbete eller studier per 12 månader, ungefär "
            f"{f.number(needed['more_per_month'], 1)} fler i månaden.")


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
