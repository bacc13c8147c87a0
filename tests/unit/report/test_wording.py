"""The report's sentences say what the verdicts say, also when the data go the other way.

Each case feeds small frames through the steps' own record functions (so the registry holds what a run
would) and renders the report's real macros and sections from it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from wording import say

from collabstudy.io import keys
from collabstudy.io.registry import ResultsRegistry
from collabstudy.outcomes import record as outcomes_record
from collabstudy.outcomes.monthly import calendar_years
from collabstudy.present import text
from collabstudy.report import document
from collabstudy.report.findings import Findings
from collabstudy.stats import verdicts as v
from collabstudy.survey import figures as survey_figures

NBSP = "\u00a0"


def deliveries_only(params):
    """The same study without its published-report layer: a follow-up from deliveries."""
    return params.model_copy(update={"values": params.values.model_copy(update={"published_report": None})})


def findings(params, *, outcomes=None, survey=None, cleaning=None, **tables) -> Findings:
    """Findings from registries (dicts of Results) and whichever tables a case needs (the rest empty)."""
    empty = pd.DataFrame()
    frames = {
        name: tables.get(name, empty)
        for name in (
            "log",
            "tallies",
            "quotes",
            "monthly_periods",
            "monthly_comparisons",
            "baseline",
            "yearly_levels",
            "coverage",
            "evaluations",
            "response_series",
            "recurring",
        )
    }
    extra = {k: v for k, v in tables.items() if k not in frames}
    return Findings(params, cleaning or {}, outcomes or {}, survey or {}, **frames, **extra)


# --- the goal ------------------------------------------------------------------------------------

GOALS = {
    "met": v.goal(0.01, -0.03, 0.04, 0.001, 0.05, 0.05),
    "not_met": v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
    "undecided": v.goal(-0.04, -0.06, 0.01, 0.2, 0.05, 0.05),
}


def goal_registry(goal: v.Verdict, more: int = 39) -> dict:
    results = ResultsRegistry("02_outcomes")
    gap = {k: goal.inputs[k] for k in ("difference", "ci_low", "ci_high")} | {"z": -4.2, "p_value": 0.0001}
    difference = v.difference(goal.inputs["difference"], 0.0001 if goal.value == v.NOT_MET else 0.4, 0.05, "score")
    needed = {"target_count": 101, "more_per_period": more, "more_per_month": more / 12}
    outcomes_record.record_goal(
        results, gap, {"margin": 0.05, "p_value": goal.inputs["equivalence_p"]}, needed, goal, difference
    )
    return results.results


@pytest.mark.parametrize(
    ("verdict", "said", "never"),
    [
        ("met", "Målet är nått. Ett ekvivalenstest visar att skillnaden ligger inom", "utanför"),
        ("not_met", "Målet är inte nått. Hela intervallet för skillnaden ligger utanför", "inom studiens"),
        ("undecided", "Det går ännu inte att säga om målet är nått. Intervallet för skillnaden når in i", "Hela"),
    ],
)
def test_the_goal_is_said_as_its_verdict_decided(published, verdict, said, never):
    x = findings(published, outcomes=goal_registry(GOALS[verdict]))
    shown = say("teknisk-bilaga/02-utfall.md.j2", "goal", _with_shares(x))
    assert shown.startswith(said) and never not in shown
    assert "studiens marginal för ”densamma”, ±5 procentenheter" in shown


def _with_shares(x: Findings) -> Findings:
    """The goal municipality's and the reference's shares (as step 02 records them) added to `x`."""
    rolling = pd.DataFrame(
        [
            {"municipality": code, "measure": measure, "value": value}
            for code, counts in (("S", (306, 62, 122)), ("T", (1029, 337, 507)))
            for measure, value in zip(("enrolled", "closures_work_studies", "closures"), counts)
        ]
        + [
            {"municipality": c, "measure": m, "value": 1.0}
            for c in "ST"
            for m in (
                "households",
                "closures_work",
                "closures_studies",
                "closures_other",
                "closure_share",
                "work_studies_share",
            )
        ]
    ).assign(published="")
    from collabstudy.outcomes.shares import shares_of_enrolled

    results = ResultsRegistry("02_outcomes")
    outcomes_record.record_shares(results, shares_of_enrolled(rolling, 0.95), rolling, x.params)
    cleaning = ResultsRegistry("01_cleaning")
    cleaning.record(keys.CONFIDENCE_LEVEL, 0.95, unit="andel", label="", source="")
    return findings(x.params, outcomes={**x.outcomes, **results.results}, cleaning=cleaning.results, survey=x.survey)


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        (-0.175, -0.069, "mellan 6,9 och 17,5 procentenheter"),
        (0.02, 0.08, "mellan 2,0 och 8,0 procentenheter"),
        (-0.03, 0.04, "mellan 3,0 procentenheter lägre och 4,0 högre"),
        (0.0, 0.04, "mellan 0,0 procentenheter lägre och 4,0 högre"),
    ],
)
def test_the_gap_s_range_is_said_from_where_its_interval_lies(published, low, high, said):
    position = v.interval_position(low, high)
    x = findings(published)
    assert say("ord.md.j2", "gap_span", x, position, low, high) == said


@pytest.mark.parametrize(
    ("more", "said", "never"), [(39, "behöva ungefär 39 fler", "redan"), (0, "når Svedala redan", "behöva")]
)
def test_what_it_takes_follows_the_closures_needed(published, more, said, never):
    x = _with_shares(findings(published, outcomes=goal_registry(GOALS["not_met"], more)))
    shown = say("teknisk-bilaga/02-utfall.md.j2", "goal", x)
    assert said in shown and never not in shown


# --- the baseline --------------------------------------------------------------------------------


def baseline_comparison(goal_now: float, goal_base: float, alternative: float | None = None) -> pd.DataFrame:
    rows = []
    for variant, base, remark in (("main", goal_base, ""), ("alt", alternative, "Exklusive flyktingar")):
        if base is None:
            continue
        rows.append(
            {
                "variant": variant,
                "remark": remark,
                "goal_baseline": base,
                "goal_now": goal_now,
                "goal_change_pp": (goal_now - base) * 100,
                "reference_baseline": 0.34,
                "reference_now": 0.33,
                "reference_change_pp": -1.0,
                "gap_baseline_pp": (base - 0.34) * 100,
                "gap_now_pp": (goal_now - 0.33) * 100,
                "gap_change_pp": 0.0,
                "gap_size_change_pp": abs(goal_now - 0.33) * 100 - abs(base - 0.34) * 100,
            }
        )
    return pd.DataFrame(rows)


def baseline_said(params, comparison: pd.DataFrame, denominators: bool) -> str:
    results = ResultsRegistry("02_outcomes")
    baseline = pd.DataFrame({"municipality": ["S", "T"], "denominator": [120.0 if denominators else None, 300.0]})
    outcomes_record.record_baseline(results, comparison, baseline)
    x = findings(params, outcomes=results.results)
    from collabstudy.outcomes.baseline import alternatives

    return say("delar/basaret.md.j2", "detail", x, x, alternatives(comparison))


def test_the_baseline_says_increased_when_the_share_rose(published):
    shown = baseline_said(published, baseline_comparison(0.30, 0.23), denominators=False)
    assert "Svedalas andel har ökat med 7,0 procentenheter" in shown
    assert "skillnaden mot Trelleborg har minskat" in shown
    assert "Basårets andelar publicerades utan antal sökande" in shown


def test_the_baseline_says_unchanged_when_the_share_did_not_move(published):
    shown = baseline_said(deliveries_only(published), baseline_comparison(0.23, 0.23), denominators=True)
    assert "Svedalas andel är oförändrad" in shown and "har ökat med" not in shown.split(",")[0]
    assert "utan antal sökande" not in shown  # denominators delivered: nothing to excuse


@pytest.mark.parametrize(
    ("alternative", "said", "never"),
    [
        (
            0.16,
            "andelen har ökat med 4,3 procentenheter jämfört med den, alltså i motsatt riktning",
            "har minskat med 2,0",
        ),
        (0.25, "andelen har minskat med 4,7 procentenheter jämfört med den.", "motsatt riktning"),
    ],
)
def test_an_alternative_baseline_is_said_apart_and_whether_it_turns_the_direction(published, alternative, said, never):
    shown = baseline_said(published, baseline_comparison(0.203, 0.23, alternative), denominators=False)
    assert said in shown and never not in shown
    assert "med en annan avgränsning: exklusive flyktingar." in shown  # its remark as a clause, no nested brackets
    assert "inte studiens basår" in shown


# --- the monthly series --------------------------------------------------------------------------


def monthly(params, direction: v.Verdict | None, comparison: str = "window_previous", reason: str = "") -> Findings:
    """One municipality's monthly periods and one comparison that goes the verdict's way (or cannot be made),
    recorded as step 02 records them."""
    periods = pd.DataFrame(
        {
            "municipality": "S",
            "period": ["before", "after", "window", "previous"],
            "label": ["före", "efter", "denna", "förra"],
            "first_month": [dt.date(2020, 1, 1), dt.date(2021, 9, 1), dt.date(2022, 4, 1), dt.date(2021, 4, 1)],
            "last_month": [dt.date(2021, 8, 31), dt.date(2023, 3, 31), dt.date(2022, 12, 31), dt.date(2022, 3, 31)],
            "months": [20, 19, 9, 12],
            "span_months": [20, 19, 12, 12],
            "total": [40.0, 60.0, 22.5, 60.0],
            "mean": [2.0, 60 / 19, 2.5, 5.0],
        }
    )
    numerator, denominator = {"window_previous": ("window", "previous"), "after_before": ("after", "before")}.get(
        comparison, ("window", "before")
    )
    row = {"municipality": "S", "comparison": comparison, "numerator": numerator, "denominator": denominator}
    if reason:
        row |= {
            "reason": reason,
            "direction": v.NOT_POSSIBLE,
            "ratio": None,
            "ci_low": None,
            "ci_high": None,
            "p_value": None,
        }
    else:
        row |= {**direction.inputs, "p_value": 0.01, "direction": direction.value, "reason": ""}
    compared = pd.DataFrame([row])
    chart = pd.DataFrame(columns=["municipality", "phase", "centre", "ucl", "lcl", "signal"])
    calendar = pd.DataFrame(columns=["municipality", "year", "total", "months", "mean", "whole"])
    results = ResultsRegistry("02_outcomes")
    outcomes_record.record_monthly(results, periods, compared, chart, calendar, params)
    cleaning = ResultsRegistry("01_cleaning")
    cleaning.record(keys.CONFIDENCE_LEVEL, 0.95, unit="andel", label="", source="")
    return findings(
        params,
        outcomes=results.results,
        cleaning=cleaning.results,
        monthly_comparisons=compared,
        monthly_periods=periods,
    )


@pytest.mark.parametrize(
    ("ratio", "low", "high", "words"),
    [(4.3, 2.2, 8.5, "har ökat"), (0.5, 0.3, 0.8, "har minskat"), (1.1, 0.8, 1.5, "har inte tydligt förändrats")],
)
def test_the_monthly_sentence_follows_the_direction_verdict(published, ratio, low, high, words):
    x = monthly(published, v.rate_direction(ratio, low, high))
    shown = say("delar/manadsserien.md.j2", "comparison", x, x, "S", "window_previous", "window", "previous", True)
    assert shown.startswith(
        "Svedala: i snitt 2,5 per månad under denna utvärderingsperiod (april–december 2022, 9 av periodens 12 månader)"
    )
    assert "mot 5,0 under förra utvärderingens period (april 2021–mars 2022, 12 månader)" in shown
    assert f"antalet {words} (kvot" in shown


@pytest.mark.parametrize(
    ("ratio", "low", "high", "said", "never"),
    [
        (
            5.14,
            2.6,
            10.3,
            "ungefär fem gånger så många som under förra utvärderingens period (april 2021–mars 2022, 12 månader: 5,0 per månad; ökningen",
            "minskn",
        ),
        (
            0.6,
            0.4,
            0.9,
            f"40{NBSP}% färre än under förra utvärderingens period (april 2021–mars 2022, 12 månader: 5,0 per månad; minskningen är",
            "ökningen",
        ),
        (
            1.2,
            0.8,
            1.7,
            f"20{NBSP}% fler än under förra utvärderingens period (april 2021–mars 2022, 12 månader: 5,0 per månad; skillnaden är inte",
            "är statistiskt",
        ),
    ],
)
def test_the_plain_monthly_sentence_follows_the_direction_verdict(published, ratio, low, high, said, never):
    x = monthly(published, v.rate_direction(ratio, low, high))
    shown = say("delar/manadsserien.md.j2", "plainly", x, x, "S")
    assert shown.startswith("Svedala hade i snitt 2,5 avslut till arbete eller studier per månad under denna")
    assert said in shown and never not in shown and "kvot" not in shown


def test_a_comparison_the_data_cannot_make_is_said_with_its_reason(published):
    x = monthly(published, None, "window_before", reason="serien saknar månader före samverkans start")
    plain = say("delar/manadsserien.md.j2", "plainly", x, x, "S")
    assert "går inte att jämföra, eftersom serien saknar månader före samverkans start" in plain
    direction = say("delar/manadsserien.md.j2", "direction", x, x, "S")
    assert "går inte att jämföra (serien saknar månader före samverkans start)" in direction
    assert "har ökat" not in plain + direction and "har minskat" not in plain + direction


@pytest.mark.parametrize(
    ("ratio", "low", "high", "words"),
    [
        (2.1, 1.4, 3.1, "ungefär dubbelt så många som"),
        (1.0, 0.95, 1.05, "lika många som"),  # the whole interval within ±10 % of 1
        (1.0, 0.78, 1.27, "ingen tydlig förändring jämfört med"),  # as many said only of a narrow interval
        (9.6, 5.0, 18.0, "ungefär 10 gånger så många som"),
        (0.7, 0.5, 0.98, f"30{NBSP}% färre än"),
    ],
)
def test_a_ratio_in_words(published, ratio, low, high, words):
    size = v.ratio_size(ratio, low, high)
    shown = say("ord.md.j2", "times_as_many", findings(published), size, size.inputs["times"], size.inputs["change"])
    assert shown == words


@pytest.mark.parametrize(
    ("start", "said", "never"),
    [(dt.date(2021, 9, 1), "mitt i ett år", "årsskifte"), (dt.date(2022, 1, 1), "vid ett årsskifte", "mitt i")],
)
def test_the_calendar_years_bridge_follows_the_start_date(published, start, said, never):
    params = published.model_copy(update={"values": published.values.model_copy(update={"collaboration_start": start})})
    months = pd.DataFrame(
        {"municipality": "S", "period_start": [dt.date(2021, m, 1) for m in range(1, 13)], "value": [2.0] * 12}
    )
    years = calendar_years(months)  # as step 02 computes and records them
    results = ResultsRegistry("02_outcomes")
    empty = pd.DataFrame(
        columns=[
            "municipality",
            "period",
            "label",
            "first_month",
            "last_month",
            "months",
            "span_months",
            "total",
            "mean",
        ]
    )
    compared = pd.DataFrame(columns=["municipality", "comparison", "reason"])
    chart = pd.DataFrame(columns=["municipality", "phase", "centre", "ucl", "lcl", "signal"])
    outcomes_record.record_monthly(results, empty, compared, chart, years, params)
    x = findings(params, outcomes=results.results, calendar_years=years)
    shown = say("delar/kalenderar.md.j2", "sentence", x, x, ["S"], x.starts_at_new_year)
    assert "Svedala hade 24 avslut till arbete eller studier år 2021 (2,0 per månad)" in shown
    assert said in shown and never not in shown


# --- the yearly statistics ------------------------------------------------------------------------


def yearly(params, households: list[float], statuses: list[str]) -> str:
    years = list(range(2019, 2019 + len(households)))
    levels = pd.DataFrame(
        {
            "municipality": "S",
            "year": years,
            "measure": "households",
            "value": households,
            "status": statuses,
            "partial": False,
        }
    )
    results = ResultsRegistry("02_outcomes")
    outcomes_record.record_trends(results, levels)
    x = findings(params, outcomes=results.results, yearly_levels=levels)
    return "\n".join(say("delar/statistik-per-ar.md.j2", "trends", x, x, c, m, p) for c, m, p in x.stated_trends())


def test_a_rising_yearly_series_says_so_and_names_what_it_leaves_out(published):
    shown = yearly(published, [200, 250, 260, 300], ["ok", "osäker", "ok", "ok"])
    assert "Hushåll med ekonomiskt bistånd i Svedala har ökat från 200 år 2019 till 300 år 2022 (+50,0" in shown
    assert "2020 räknas inte" in shown


def test_a_falling_yearly_series_says_so(published):
    assert "har minskat från 300 år 2019 till 200 år 2021" in yearly(published, [300, 250, 200], ["ok", "ok", "ok"])


def test_without_two_solid_years_there_is_no_trend_sentence(published):
    assert yearly(published, [300, 250], ["ok", "saknas"]).strip() == ""


# --- the survey ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "said", "never"),
    [
        (
            v.any_difference({"a": 0.001, "b": 0.8}, 0.05, "Fisher"),
            "statistiskt säkerställd för ”Tema A”, men inte",
            "ingen",
        ),
        (
            v.any_difference({"a": 0.3, "b": 0.8}, 0.05, "Fisher"),
            "ingen skillnad mellan kommunerna är statistiskt",
            "för ”",
        ),
        (v.any_difference({}, 0.05, "Fisher"), "inga teman har antal för båda kommunerna", "säkerställd"),
    ],
)
def test_the_survey_difference_follows_its_verdict(published, verdict, said, never):
    shown = say(
        "ord.md.j2",
        "survey_difference",
        findings(published),
        verdict,
        ["Tema A"] if verdict.inputs["shown_themes"] else [],
    )
    assert said in shown and never not in shown


def test_no_comparison_because_nobody_answered_in_a_municipality_says_so(published):
    said = say(
        "ord.md.j2", "survey_difference", findings(published), v.any_difference({}, 0.05, "Fisher"), [], ["Trelleborg"]
    )
    assert said.strip() == "ingen i Trelleborg svarade, så kommunerna jämförs inte"
    # with answers from both, a difference still decides the sentence, whatever the list holds
    shown = say("ord.md.j2", "survey_difference", findings(published), v.any_difference({"a": 0.3}, 0.05, "F"), [], [])
    assert "ingen skillnad" in shown


def test_the_municipalities_nobody_answered_for(published):
    survey = ResultsRegistry("03_survey")
    for code, count in zip(published.values.codes, (12, 0), strict=True):
        survey.record(keys.response(code, "respondents"), count, unit="antal", label="svarande", source="test")
    assert findings(published, survey=survey.results).unanswered() == [
        published.values.name_of(published.values.codes[1])
    ]
    assert findings(published).unanswered() == []  # nothing recorded: nothing said


def tallied(
    params, top: v.Verdict, counts: list[int], exact: bool, quotes: list[tuple[str, str, bool]] = ()
) -> Findings:
    """q3's two themes for Svedala's 15 respondents, with these counts (exact, or lower bounds), as step 03 records them."""
    tallies = pd.DataFrame(
        {
            "question": "q3",
            "theme": ["a", "b"],
            "label": ["Tema A", "Tema B"],
            "municipality": "S",
            "count": counts,
            "respondents": 15,
            "share": [c / 15 for c in counts],
            "count_exact": exact,
        }
    )
    results = ResultsRegistry("03_survey")
    for r in tallies.itertuples():
        results.record(keys.theme_count(r.theme, "S"), r.count, unit="antal", label="", source="")
        results.record(keys.theme_share(r.theme, "S"), r.share if exact else None, unit="andel", label="", source="")
    results.record(keys.response("S", "respondents"), 15, unit="antal", label="", source="")
    results.record_verdict(keys.top_theme("q3", "S"), top, label="", source="")
    results.record_verdict(keys.top_theme("q3", "T"), v.most_common([]), label="", source="")
    frame = pd.DataFrame(
        [{"question": "q3", "municipality": "S", "themes": t, "quote": q, "partial": p} for t, q, p in quotes],
        columns=["question", "municipality", "themes", "quote", "partial"],
    )
    return findings(
        params, survey=results.results, tallies=tallies, quotes=frame, illustrations=survey_figures.illustrations(frame)
    )


def test_a_tie_is_named_as_a_tie_with_a_quote_under_each_theme(published):
    quotes = [("Tema A", "Om A.", False), ("Tema A; Tema B", "Om A och B.", False), ("Tema B", "Om B.", False)]
    x = tallied(published, v.most_common([("a", 5, True), ("b", 5, True)]), [5, 5], True, quotes)
    shown = say("delar/teman.md.j2", "question", x, x, "q3")
    assert "**Svarande i Svedala:** vanligast är ”Tema A” och ”Tema B”, som vardera 5 av 15 (33" in shown
    assert "  - *Tema A:* ”Om A.”" in shown and "  - *Tema B:* ”Om B.”" in shown  # the single-theme answers
    assert "”Tema A” och ”Tema B”, vardera 5 av 15" in say("delar/teman.md.j2", "short", x, x, "q3", "S")


def test_a_question_without_counts_names_the_most_quoted_theme_and_quotes_it(published):
    quotes = [
        ("Tema A", "Ett svar om A.", False),
        ("Tema B", "Kort.", False),
        ("Tema B", "Ett svar av vanlig längd om B.", False),
        ("Tema B", "Ett mycket långt svar om B som fortsätter och fortsätter och fortsätter utan slut.", False),
        ("Tema B", "Ett cut svar om B av vanlig längd", True),
    ]
    x = tallied(published, v.most_common([("a", 2, False), ("b", 4, False)]), [2, 4], False, quotes)
    shown = say("delar/teman.md.j2", "question", x, x, "q3")
    assert "flest av de publicerade citaten hör till ”Tema B” (4 citat)" in shown
    assert "  - ”Ett svar av vanlig längd om B.”" in shown  # typical length, whole, of its own theme
    assert "Ett svar om A." not in shown  # a quote of another theme never stands for this one
    assert say("delar/teman.md.j2", "has_short", x, x, "q3", "S") == ""  # counts of printed quotes: no finding
    from_deliveries = tallied(
        deliveries_only(published), v.most_common([("a", 2, False), ("b", 4, False)]), [2, 4], False, quotes
    )
    assert "flest kända svar hör till ”Tema B” (4 svar)" in say(
        "delar/teman.md.j2", "question", from_deliveries, from_deliveries, "q3"
    )


def test_a_theme_that_may_be_as_common_is_named_and_neither_is_called_most_common(published):
    x = tallied(published, v.most_common([("a", 8, True), ("b", 8, False)]), [8, 8], True)
    assert x.verdict(keys.top_theme("q3", "S")).value == v.OPEN
    short = say("delar/teman.md.j2", "short", x, x, "q3", "S")
    assert short == "”Tema A”: 8 av 15 (53\u00a0%), och minst lika många ”Tema B”, vars antal inte är känt"
    phrase = say("delar/teman.md.j2", "phrase", x, x, "q3", "S")
    assert "inget av dem kan kallas vanligast" in phrase and "vanligast är" not in phrase
    alone = tallied(published, v.most_common([("a", 8, True)]), [8, 0], True)
    assert "lika många" not in say("delar/teman.md.j2", "short", alone, alone, "q3", "S")
    assert say("delar/teman.md.j2", "phrase", alone, alone, "q3", "S").startswith("vanligast är ”Tema A”")


@pytest.mark.parametrize(
    ("svedala", "trelleborg", "said"), [(15, 22, "omkring 47 procentenheter"), (900, 1200, "omkring 6 procentenheter")]
)
def test_the_reading_guide_says_how_large_a_difference_the_survey_can_show(published, svedala, trelleborg, said):
    response = pd.DataFrame({"municipality": ["S", "T"], "respondents": [svedala, trelleborg]})
    results = ResultsRegistry("03_survey")
    results.record(
        keys.DETECTABLE_DIFFERENCE, survey_figures.detectable(response, 0.95), unit="andel", label="", source=""
    )
    results.record(keys.response("S", "respondents"), svedala, unit="antal", label="", source="")
    results.record(keys.response("T", "respondents"), trelleborg, unit="antal", label="", source="")
    cleaning = ResultsRegistry("01_cleaning")
    cleaning.record(keys.CONFIDENCE_LEVEL, 0.95, unit="andel", label="", source="")
    cleaning.record(keys.ALPHA, 0.05, unit="sannolikhet", label="", source="")
    outcomes = ResultsRegistry("02_outcomes")
    outcomes.record(keys.EQUIVALENCE_MARGIN, 0.05, unit="andel", label="", source="")
    x = findings(published, outcomes=outcomes.results, survey=results.results, cleaning=cleaning.results)
    (box,) = document.section("02-sa-laser-du-siffrorna.md.j2", x)
    shown = text.plain(box.html)
    assert said in shown and "±5 procentenheter; den gränsen är studiens val" in shown
    assert f"{svedala} svarande i Svedala och {trelleborg} i Trelleborg".replace("900", "900") in shown.replace(
        NBSP, " "
    ).replace("1 200", "1200")


def test_a_study_from_deliveries_never_speaks_of_a_published_report():
    import re

    words = (text.TEXT_TEMPLATES / "leveranser").rglob("*.j2")
    said = " ".join(re.sub(r"\{#.*?#\}", "", p.read_text(encoding="utf-8"), flags=re.S) for p in words).lower()
    for only_published in ("rapport", "publicer", "citat", "rekonstru", "utredningen", "källan"):
        assert only_published not in said, only_published


def test_both_kinds_of_study_have_the_same_words():
    """Every name the published layer defines, the deliveries layer defines too (and the other way)."""

    def names(layer: str) -> set[str]:
        module = text.environment().get_template(f"{layer}/ord.md.j2").module
        return {name for name in dir(module) if not name.startswith("_")}

    assert names("publicerad") == names("leveranser")


# --- what was not delivered ------------------------------------------------------------------------


def declared(params, *entries: tuple[str, str, str]):
    """The study with params declaring deliveries not made: (delivery, municipality, reason)."""
    from collabstudy.study.params import NotDelivered

    missing = [NotDelivered(delivery=d, municipality=m, reason=r) for d, m, r in entries]
    return params.model_copy(update={"values": params.values.model_copy(update={"not_delivered": missing})})


def test_a_declared_monthly_delivery_is_said_with_its_reason_and_the_others_as_before(published):
    x = findings(declared(deliveries_only(published), ("monthly_closures", "S", "Systembyte i oktober")))
    said = say("ord.md.j2", "no_monthly", x, x)
    assert said == (
        "Svedala har inte levererat avslut till arbete eller studier per månad för perioden "
        "(angivet skäl: ”Systembyte i oktober”). Trelleborg har ingen månadsserie i underlaget."
    )
    assert "Systembyte" not in say("ord.md.j2", "no_monthly", x, x, False)
    assert x.lacks_monthly()


def test_without_a_declaration_a_missing_series_is_said_as_before(published):
    x = findings(deliveries_only(published))
    assert say("ord.md.j2", "no_monthly", x, x) == "Svedala och Trelleborg har ingen månadsserie i underlaget."


def test_the_method_names_every_delivery_not_made_and_every_one_not_in_the_study(published):
    x = findings(declared(deliveries_only(published), ("yearly", "S", "Tas fram i mars")))
    said = say("ord.md.j2", "delivery_gaps", x, x)
    assert "Svedala har inte levererat statistik per år för perioden (angivet skäl: ”Tas fram i mars”)." in said
    # the 2023 study names no monthly or yearly file for Trelleborg and declares nothing about it
    assert "Avslut till arbete eller studier per månad för Trelleborg ingår inte i underlaget." in said
    assert "Statistik per år för Trelleborg ingår inte i underlaget." in said
    assert "Svedala ingår inte" not in said


def test_the_yearly_section_says_who_did_not_deliver_even_when_no_one_did(published):
    x = findings(declared(deliveries_only(published), ("yearly", "S", "Tas fram i mars")))
    shown = " ".join(p if isinstance(p, str) else "" for p in document.section("06-statistik-per-ar.md.j2", x))
    assert "### Statistik per år" in shown
    assert "Svedala har inte levererat statistik per år för perioden" in text.plain(shown)
    nothing = findings(deliveries_only(published))
    assert (
        document.section("06-statistik-per-ar.md.j2", nothing) == []
        or not "".join(p for p in document.section("06-statistik-per-ar.md.j2", nothing) if isinstance(p, str)).strip()
    )


# --- what the checks found, by kind ------------------------------------------------------------------


def _findings_of(*kinds: tuple[str, str, int]) -> pd.DataFrame:
    from collabstudy.cleaning.ledger import entry, ledger

    rows = [
        entry(check, file=f"data/raw/x/{file}", row=2, column="B", published="", severity="varning")
        for check, file, count in kinds
        for _ in range(count)
    ]
    return ledger(rows)


def _kinds_said(published, found: pd.DataFrame) -> str:
    from collabstudy.cleaning.record import record_kinds

    cleaning = ResultsRegistry("01_cleaning")
    record_kinds(cleaning, found, "varning", "test")
    x = findings(deliveries_only(published), cleaning=cleaning.results)
    return say("ord.md.j2", "check_kinds", x, x, "varning")


def test_a_count_of_warnings_says_what_it_is_made_of_most_first(published):
    found = _findings_of(("enkät: utskicksdag", "u.yaml", 1), ("markering: värde saknas", "t-per-ar.xlsx", 44))
    assert _kinds_said(published, found) == (
        "(44 om ”markering: värde saknas” i t-per-ar.xlsx, 1 om ”enkät: utskicksdag” i u.yaml)"
    )


def test_kinds_past_the_named_ones_are_counted_together(published):
    found = _findings_of(("a", "1.csv", 5), ("b", "1.csv", 4), ("a", "2.csv", 3), ("c", "1.csv", 2), ("d", "3.csv", 1))
    said = _kinds_said(published, found)
    assert said.endswith("3 om ”a” i 2.csv, 3 av andra slag)") and said.startswith("(5 om ”a” i 1.csv, 4 om ”b”")


def test_no_findings_no_parenthesis(published):
    assert _kinds_said(published, _findings_of()) == ""


def test_municipalities_with_the_same_reason_are_said_together(published):
    both = ("monthly_closures", "S", "Nytt system"), ("monthly_closures", "T", "Nytt system")
    x = findings(declared(deliveries_only(published), *both))
    assert say("ord.md.j2", "no_monthly", x, x) == (
        "Svedala och Trelleborg har inte levererat avslut till arbete eller studier per månad för perioden "
        "(angivet skäl: ”Nytt system”)."
    )
    assert say("ord.md.j2", "no_monthly", x, x, False) == (
        "Svedala och Trelleborg har inte levererat avslut till arbete eller studier per månad för perioden."
    )
    other = findings(declared(deliveries_only(published), both[0], ("monthly_closures", "T", "Sjukskrivning")))
    said = say("ord.md.j2", "no_monthly", other, other)
    assert said.count("har inte levererat") == 2 and "”Sjukskrivning”" in said


def test_the_method_lists_only_what_was_delivered(published):
    cleaning = ResultsRegistry("01_cleaning")
    cleaning.record(keys.CHECKS_MADE, 10, unit="antal", label="", source="")
    cleaning.record(keys.EXPORT_PERSONAL_ROWS, 0, unit="antal", label="", source="")
    params = declared(deliveries_only(published), ("monthly_closures", "S", "Nytt system"))
    survey = ResultsRegistry("03_survey")
    for field in ("coded", "answers"):
        survey.record(keys.coverage("total", field), 5, unit="antal", label="", source="")
    x = findings(params, cleaning=cleaning.results, survey=survey.results)
    said = text.plain("".join(p for p in document.section("04-metod-och-data.md.j2", x) if isinstance(p, str)))
    first = said.split("Underlaget är kommunernas leveranser: ")[1].split(".")[0]
    assert "per månad" not in first  # neither municipality's monthly closures are read
    assert "statistik per år" in first and "enkätens svarsfil" in first
