"""The outcome step's sentences: Swedish, computed from the figures, each judgement from a verdict."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.words import GOAL_HEADLINE, SERIES_DIRECTION, change_direction, changed_by, has_changed
from ..stats.verdicts import DOWN, MET, NOT_MET, SAME, SHOWN, UP, Verdict
from .periods import COMPARISON_LABELS, PERIOD_PHRASES, stated
from .series import latest_and_now
from .shares import share_row
from .tables import share_text
from .yearly import PARTIAL_YEAR, trend_between_solid_years


def baseline_sentence(comparison: pd.DataFrame, params, *, denominators: bool = False) -> str:
    goal = params.values.name_of(params.values.goal.municipality)
    main = comparison[comparison["variant"] == "main"].iloc[0]
    parts = [
        f"Mot basårets huvudsiffra: {f.genitive(goal)} andel {changed_by(main.goal_change_pp, 'procentenheter')}, och "
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
    if not denominators:
        given = "publicerades" if params.published is not None else "levererades"
        parts.append(
            f"Basårets andelar {given} utan antal sökande, så ingen osäkerhet kan beräknas för dem och "
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
        f"För att nå {f.genitive(ref)} andel med dagens antal inskrivna skulle {goal} behöva {needed['more_per_period']} fler "
        f"avslut till arbete eller studier per 12 månader, ungefär {f.number(needed['more_per_month'], 1)} fler i månaden."
        if needed["more_per_period"]
        else f"Med dagens antal inskrivna når {goal} redan {f.genitive(ref)} andel."
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


def comparison_sentence(row, summary: pd.DataFrame, name: str, level: float) -> str:
    """One comparison of a municipality's monthly series: the two means per month with their months,
    the direction from the rate ratio's interval, or why the data cannot make it."""
    if row.reason:
        return f"{name}, {COMPARISON_LABELS[row.comparison]}: går inte att jämföra, eftersom {row.reason}."
    periods = summary[summary["municipality"] == row.municipality].set_index("period")
    a, b = periods.loc[row.numerator], periods.loc[row.denominator]
    return (
        f"{name}: i snitt {f.number(a['mean'], 1)} per månad {PERIOD_PHRASES[row.numerator]} "
        f"({_months(a)}) mot {f.number(b['mean'], 1)} {PERIOD_PHRASES[row.denominator]} ({_months(b)}); antalet "
        f"{SERIES_DIRECTION[row.direction]} (kvot {f.number(row.ratio, 2)}, {f.number(level * 100)} % "
        f"konfidensintervall {f.number(row.ci_low, 2)}–{f.number(row.ci_high, 2)})."
    )


def times_as_many(ratio: float) -> str:
    """A rate ratio in words: 'ungefär fem gånger så många', '30 % fler', '40 % färre', 'lika många'."""
    if ratio >= 1.5:
        whole = round(ratio)
        words = {2: "dubbelt", 3: "tre gånger", 4: "fyra gånger", 5: "fem gånger", 6: "sex gånger"}
        return f"ungefär {words.get(whole, f'{f.number(whole)} gånger')} så många"
    change = ratio - 1
    if round(abs(change) * 100) == 0:
        return "lika många"
    return f"{f.percent(abs(change), 0)} {'fler' if change > 0 else 'färre'}"


def _compared_with(ratio: float) -> str:
    """'56 % färre än', 'ungefär fem gånger så många som', 'lika många som'."""
    words = times_as_many(ratio)
    return f"{words} {'som' if words.endswith('så många') or words == 'lika många' else 'än'}"


PLAIN_SHOWN = {
    UP: "ökningen är statistiskt säkerställd",
    DOWN: "minskningen är statistiskt säkerställd",
}
NOT_SHOWN_PLAIN = "skillnaden är inte statistiskt säkerställd"


def plain_monthly(rows: list, summary: pd.DataFrame, name: str) -> str:
    """One municipality's monthly comparisons for a reader without statistics: per period compared from,
    its mean, then each period it is compared with – how many times as many, and whether the change is
    large enough to be more than chance (the ratio's interval, as the verdict says)."""
    periods = summary[summary["municipality"] == rows[0].municipality].set_index("period") if rows else None
    said = []
    for numerator in dict.fromkeys(r.numerator for r in rows if not r.reason):
        a = periods.loc[numerator]
        against = [
            f"{_compared_with(r.ratio)} {PERIOD_PHRASES[r.denominator]} "
            f"({f.number(periods.loc[r.denominator]['mean'], 1)}; {PLAIN_SHOWN.get(r.direction, NOT_SHOWN_PLAIN)})"
            for r in rows
            if r.numerator == numerator and not r.reason
        ]
        said.append(
            f"{name} hade i snitt {f.number(a['mean'], 1)} avslut till arbete eller studier per månad "
            f"{PERIOD_PHRASES[numerator]} ({_months(a)}): " + " och ".join(against) + "."
        )
    said += [
        f"{name}: {COMPARISON_LABELS[r.comparison]} går inte att jämföra, eftersom {r.reason}."
        for r in rows
        if r.reason
    ]
    return " ".join(said)


# What a comparison says in a short conclusion: "antalet har minskat sedan förra utvärderingen".
COMPARISON_SHORT = {
    "after_before": "efter samverkans start",
    "window_before": "under denna period jämfört med tiden före samverkans start",
    "window_previous": "sedan förra utvärderingens period",
}


def direction_phrase(rows: list, name: str) -> str:
    """'i Ekby har antalet minskat sedan förra utvärderingens period och inte tydligt förändrats …',
    each comparison of one municipality by its verdict, or why it cannot be made."""
    said, subject = [], "antalet "
    for row in rows:
        if row.reason:
            said.append(f"{COMPARISON_LABELS[row.comparison]} går inte att jämföra ({row.reason})")
        else:
            said.append(f"{subject}{SERIES_DIRECTION[row.direction]} {COMPARISON_SHORT[row.comparison]}")
            subject = ""  # "antalet har minskat … och har inte tydligt förändrats …"
    return f"{name}: " + " och ".join(said)


def _months(period: pd.Series) -> str:
    span = f.month_span(period["first_month"], period["last_month"])
    count = int(period["months"])
    partial = count < period["span_months"]  # months without a value inside the period are said
    of = f" av periodens {int(period['span_months'])}" if partial else ""
    return f"{span}, {count}{of} {'månad' if count == 1 else 'månader'}"


def monthly_sentences(compared: pd.DataFrame, summary: pd.DataFrame, params, level: float, *, all_of_them: bool) -> str:
    """Bullets per municipality: every comparison (the technical step) or those a reader is told."""
    lines = []
    for code in compared["municipality"].drop_duplicates():
        rows = compared[compared["municipality"] == code] if all_of_them else stated(compared, code)
        name = params.values.name_of(code)
        lines += [f"- {comparison_sentence(row, summary, name, level)}" for row in rows.itertuples()]
    return "\n".join(lines)


def yearly_sentences_per_municipality(levels: pd.DataFrame, params) -> str:
    """Each delivered municipality's trends, and what the year so far is (never compared with whole years)."""
    parts = []
    for code in levels["municipality"].drop_duplicates():
        mine = levels[levels["municipality"] == code]
        name = params.values.name_of(code)
        text = yearly_sentences(mine, name)
        partial = sorted({int(y) for y in mine.loc[mine["partial"].astype(bool), "year"]})
        if partial:
            end = f.long_date(params.values.reporting_window.end)
            text += f"\n- {partial[0]} i {name} avser 1 januari–{end} ({PARTIAL_YEAR}) och jämförs inte med hela år."
        parts.append(text)
    return "\n".join(p for p in parts if p)


def yearly_sentences(levels: pd.DataFrame, name: str) -> str:
    """Per measure, the change between the first and the last year with a solid value; uncertain and
    missing years are named and left out, never used for a trend."""
    from ..study.vocabulary import YEARLY_LABELS, YEARLY_MEASURES

    lines = []
    for measure in YEARLY_MEASURES:
        trend = trend_between_solid_years(levels, measure)
        if trend is None or trend["change_pct"] is None:
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


def series_sentence(series: pd.DataFrame, change: dict | None, params, level: float) -> str:
    """The goal municipality's share and the gap, at the latest earlier evaluation and now; a direction
    only when the test shows a change. '' without an earlier evaluation."""
    if change is None:
        return ""
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    before, now = latest_and_now(series)
    then = f"förra utvärderingens period ({f.date_span(before['window_start'], before['window_end'])})"
    size = (
        f"{f.number(change['change'] * 100, 1)} procentenheter, {f.number(level * 100)} % konfidensintervall "
        f"{f.interval(change['ci_low'], change['ci_high'], 1, scale=100)}"
    )
    shares = f"från {f.percent(before['goal_share'])} till {f.percent(now['goal_share'])}"
    if change["verdict"].value == SHOWN:
        word = "ökat" if change["change"] > 0 else "minskat"
        text = f"Sedan {then} har {f.genitive(goal)} andel avslut till arbete eller studier {word} {shares} ({size})."
    else:
        text = (
            f"{f.genitive(goal)} andel avslut till arbete eller studier var {f.percent(before['goal_share'])} under {then} och "
            f"är {f.percent(now['goal_share'])} nu; förändringen ({size}) är inte statistiskt säkerställd."
        )
    return text + f" {goal} låg då {_gap_words(before['gap'], ref)} och ligger nu {_gap_words(now['gap'], ref)}."


def _gap_words(gap: float, ref: str) -> str:
    """'12,5 procentenheter under Trelleborg' (as shown: a gap shown as 0,0 is level)."""
    if change_direction(gap * 100) == SAME:
        return f"i nivå med {ref}"
    return f"{f.points(gap * 100)} {'under' if gap < 0 else 'över'} {ref}"


def continuation_sentence(months: pd.DataFrame, changed: pd.DataFrame, params) -> str:
    """Which months come from earlier evaluations, and which this delivery changed; '' when none."""
    lines = []
    for (code, study), group in months[months["from_study"] != ""].groupby(["municipality", "from_study"], sort=False):
        span = f.month_span(min(group["period_start"]), max(group["period_start"]))
        count = len(group)
        lines.append(
            f"- {params.values.name_of(code)}: {count} {'månad' if count == 1 else 'månader'} ({span}) kommer från "
            f"den tidigare utvärderingen {study}, eftersom denna leverans inte har {'den' if count == 1 else 'dem'}."
        )
    for r in changed.itertuples():
        lines.append(
            f"- {params.values.name_of(r.municipality)}, {f.month_span(r.period_start, r.period_start)}: denna leverans "
            f"anger {f.number(r.value)}, den tidigare utvärderingen {r.from_study} hade {f.number(r.earlier_value)}; "
            "studien räknar med den nya leveransen."
        )
    return "\n".join(lines)


def series_headline(series: pd.DataFrame, change: dict | None, params) -> str:
    """One sentence for a summary: the goal municipality's share at the latest earlier evaluation and now,
    and whether the change is shown (the verdict decides); '' without an earlier evaluation."""
    if change is None:
        return ""
    goal = params.values.name_of(params.values.goal.municipality)
    before, now = latest_and_now(series)
    shares = f"från {f.percent(before['goal_share'])} till {f.percent(now['goal_share'])}"
    if change["verdict"].value == SHOWN:
        word = "ökat" if change["change"] > 0 else "minskat"
        return (
            f"Sedan förra utvärderingen har {f.genitive(goal)} andel avslut till arbete eller studier {word} "
            f"{shares}, en förändring som är statistiskt säkerställd."
        )
    return (
        f"Sedan förra utvärderingen har {f.genitive(goal)} andel avslut till arbete eller studier gått {shares}, "
        "men förändringen är inte statistiskt säkerställd."
    )


NO_YEARLY = "Studien har ingen statistik per år (`raw_files.yearly` i parameterfilen)."
