"""The outcome step's sentences: Swedish, computed from the figures, each judgement from a verdict."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.words import GOAL_HEADLINE, SERIES_DIRECTION, change_direction, changed_by, has_changed
from ..stats.verdicts import MET, NOT_MET, SAME, Verdict
from .shares import share_row
from .tables import share_text
from .yearly import trend_between_solid_years


def baseline_sentence(comparison: pd.DataFrame, params) -> str:
    goal = params.values.name_of(params.values.goal.municipality)
    main = comparison[comparison["variant"] == "main"].iloc[0]
    parts = [
        f"Mot basårets huvudsiffra: {goal}s andel {changed_by(main.goal_change_pp, 'procentenheter')}, och "
        f"skillnaden mot jämförelsekommunen {changed_by(main.gap_size_change_pp, 'procentenheter')}."
    ]
    for alt in comparison[comparison["variant"] != "main"].itertuples():
        same = change_direction(alt.goal_change_pp) == change_direction(main.goal_change_pp)
        parts.append(
            f"Med den alternativa siffran ({f.percent(alt.goal_baseline, 0)}) "
            f"{'blir riktningen densamma' if same else 'vänder slutsatsen: andelen ' + changed_by(alt.goal_change_pp, 'procentenheter')}"
            + (
                f". Den siffran avser en annan avgränsning ({alt.remark[:1].lower()}{alt.remark[1:]})"
                if alt.remark
                else ". Den siffran avser en annan avgränsning"
            )
            + " och mäter därför inte samma sak som dagens andel."
        )
    parts.append(
        "Basårets andelar publicerades utan antal sökande, så ingen osäkerhet kan beräknas för dem och "
        "ingen test görs mot basåret; varje siffra är dessutom avrundad till hela procent (±0,5 procentenheter)."
    )
    return " ".join(parts)


def goal_verdict_sentence(goal: Verdict) -> str:
    """The verdict on the goal, and why, in one sentence."""
    margin = f.number(goal.inputs["margin"] * 100)
    reason = {
        MET: f"ekvivalenstestet visar att skillnaden ligger inom studiens marginal ±{margin} procentenheter",
        NOT_MET: f"hela intervallet för skillnaden ligger utanför studiens marginal ±{margin} procentenheter",
    }.get(
        goal.value,
        f"intervallet för skillnaden når in i studiens marginal ±{margin} procentenheter men ligger inte helt inom den",
    )
    return f"{GOAL_HEADLINE[goal.value][:-1]}: {reason}."


def goal_sentence(shares: pd.DataFrame, gap: dict, needed: dict, goal_verdict: Verdict, params, level: float) -> str:
    goal_code, ref_code = params.values.goal.municipality, params.values.goal.reference
    goal, ref = params.values.name_of(goal_code), params.values.name_of(ref_code)
    g, r = share_row(shares, goal_code), share_row(shares, ref_code)
    verdict = goal_verdict_sentence(goal_verdict)
    needs = (
        f"För att nå {ref}s andel med dagens antal inskrivna skulle {goal} behöva {needed['more_per_period']} fler "
        f"avslut till arbete eller studier per 12 månader, ungefär {f.number(needed['more_per_month'], 1)} fler i månaden."
        if needed["more_per_period"]
        else f"Med dagens antal inskrivna når {goal} redan {ref}s andel."
    )
    return (
        f"{verdict} I {goal} avslutades {share_text(g)} till arbete eller studier, i {ref} {share_text(r)}. "
        f"Skillnaden ({goal} minus {ref}) är {f.number(gap['difference'] * 100, 1)} procentenheter "
        f"({f.number(level * 100)} % konfidensintervall {f.interval(gap['ci_low'], gap['ci_high'], scale=100)}). "
        + needs
    )


def scenario_sentence(result: dict, scenario_params, params) -> str:
    goal = params.values.name_of(params.values.goal.municipality)
    checks = (
        "Rapportens egna siffror följer av studiens sannolikheter"
        if result["stated_drop_pp_holds"] and result["stated_relative_drop_holds"]
        else "Rapportens angivna minskning stämmer inte med de citerade sannolikheterna"
    )
    return (
        f"**Räkneexempel, inte ett resultat.** Enligt {scenario_params.source} sjönk chansen till jobb inom ett år "
        f"från {f.percent(scenario_params.job_probability_without_change, 1)} till "
        f"{f.percent(scenario_params.job_probability_after_one_change, 1)} efter ett handläggarbyte: "
        f"{f.number(result['drop_pp'], 1)} procentenheter, en relativ minskning med "
        f"{f.percent(result['relative_drop'], 1)}. {checks}. Om alla sökande i {goal} bytte handläggare en gång "
        f"och samma relativa effekt gällde här, skulle dagens andel {f.percent(result['observed_share'])} motsvara "
        f"{f.percent(result['share_without_change'])} utan bytet. Det är ett antagande om en dansk studie, "
        "inte något som data i denna studie visar."
    )


def monthly_sentence(summary: pd.DataFrame, ratio: dict, direction: Verdict, name: str, level: float) -> str:
    """The monthly series after the start against before it, with the verdict on its direction."""
    phases = summary.set_index("phase")
    if len(phases) < 2:
        return ""
    before, after = phases.iloc[0], phases.iloc[1]
    return (
        f"Avsluten till arbete eller studier i {name} {SERIES_DIRECTION[direction.value]} efter samverkans start: "
        f"i snitt {f.number(after['mean'], 1)} per månad mot {f.number(before['mean'], 1)} per månad före, "
        f"en kvot på {f.number(ratio['ratio'], 2)} ({f.number(level * 100)} % konfidensintervall "
        f"{f.number(ratio['ci_low'], 2)}–{f.number(ratio['ci_high'], 2)})."
    )


def yearly_sentences(levels: pd.DataFrame, name: str) -> str:
    """Per measure, the change between the first and the last year with a solid value; uncertain and
    missing years are named and left out, never used for a trend."""
    from ..study.vocabulary import YEARLY_LABELS, YEARLY_MEASURES

    lines = []
    for measure in YEARLY_MEASURES:
        trend = trend_between_solid_years(levels, measure)
        if trend is None:
            continue
        show = f.sek if measure.startswith("fa_paid") else f.number
        span = (
            f"från {show(trend['first_value'])} år {trend['first']} till {show(trend['last_value'])} år {trend['last']}"
        )
        direction = change_direction(trend["change_pct"])
        text = (
            f"{YEARLY_LABELS[measure]} i {name}: oförändrat {span}"
            if direction == SAME
            else f"{YEARLY_LABELS[measure]} i {name} {has_changed(trend['change_pct'])} {span} "
            f"({f.signed_percent(trend['change_pct'])})"
        )
        if trend["left_out"]:
            years = ", ".join(map(str, trend["left_out"]))
            text += f"; {years} räknas inte, eftersom källan markerar värdet som osäkert eller saknat"
        lines.append(f"- {text}.")
    return "\n".join(lines)
