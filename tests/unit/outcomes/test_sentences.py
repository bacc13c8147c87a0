"""Sentences, titles and notes say what the verdicts say, also when the data go the other way."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from collabstudy.io import keys
from collabstudy.io.registry import Result
from collabstudy.outcomes import charts, sentences
from collabstudy.outcomes.monthly import calendar_years
from collabstudy.report import prose
from collabstudy.report.findings import Findings
from collabstudy.stats import verdicts as v
from collabstudy.survey import figures as survey_figures
from collabstudy.survey import tables as survey_tables

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("ratio", "low", "high", "words"),
    [(4.3, 2.2, 8.5, "har ökat"), (0.5, 0.3, 0.8, "har minskat"), (1.1, 0.8, 1.5, "har inte tydligt förändrats")],
)
def test_the_monthly_sentence_follows_the_direction_verdict(ratio, low, high, words, published):
    periods, compared = monthly_frames(v.rate_direction(ratio, low, high))
    text = sentences.monthly_sentences(compared, periods, published, 0.95, all_of_them=True)
    assert "Svedala: i snitt 2,5 per månad under denna utvärderingsperiod" in text
    assert "mot 5,0 under förra utvärderingens period (april 2021–mars 2022, 12 av periodens 12 månader)" not in text
    assert f"antalet {words} (kvot" in text


@pytest.mark.parametrize(
    ("goal", "words"),
    [
        (v.goal(-0.01, -0.03, 0.01, 0.001, 0.05, 0.05), "Målet är nått"),
        (v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05), "Målet är inte nått"),
        (v.goal(-0.04, -0.06, -0.02, 0.2, 0.05, 0.05), "Det går ännu inte att säga om målet är nått"),
    ],
)
def test_the_goal_sentence_follows_the_goal_verdict(goal, words):
    text = sentences.goal_verdict_sentence(goal)
    assert text.startswith(words)
    if goal.value == v.UNDECIDED:
        assert "når in i studiens marginal" in text


def comparison(goal_now: float, goal_base: float) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "variant": "main",
                "remark": "",
                "goal_baseline": goal_base,
                "goal_now": goal_now,
                "goal_change_pp": (goal_now - goal_base) * 100,
                "reference_baseline": 0.34,
                "reference_now": 0.33,
                "reference_change_pp": -1.0,
                "gap_baseline_pp": (goal_base - 0.34) * 100,
                "gap_now_pp": (goal_now - 0.33) * 100,
                "gap_change_pp": 0.0,
                "gap_size_change_pp": abs(goal_now - 0.33) * 100 - abs(goal_base - 0.34) * 100,
                "rounding_pp": 0.5,
                "denominator_published": False,
            }
        ]
    )


def test_the_baseline_sentence_says_increased_when_the_share_rose(published):
    text = sentences.baseline_sentence(comparison(0.30, 0.23), published)
    assert "Svedalas andel har ökat med 7,0 procentenheter" in text
    assert "skillnaden mot jämförelsekommunen har minskat" in text


def test_the_baseline_sentence_says_unchanged_when_the_share_did_not_move(published):
    assert "Svedalas andel är oförändrad" in sentences.baseline_sentence(comparison(0.23, 0.23), published)


def levels(households: list[float], statuses: list[str]) -> pd.DataFrame:
    years = list(range(2019, 2019 + len(households)))
    return pd.DataFrame(
        {"year": years, "measure": "households", "value": households, "status": statuses, "published": ""}
    )


def test_a_rising_yearly_series_says_so_and_names_what_it_leaves_out():
    text = sentences.yearly_sentences(levels([200, 250, 260, 300], ["ok", "osäker", "ok", "ok"]), "Ekby")
    assert "har ökat från 200 år 2019 till 300 år 2022 (+50,0" in text
    assert "2020 räknas inte" in text


def test_a_falling_yearly_series_says_so():
    assert "har minskat från 300 år 2019 till 200 år 2021" in sentences.yearly_sentences(
        levels([300, 250, 200], ["ok", "ok", "ok"]), "Ekby"
    )


def test_without_two_solid_years_there_is_no_trend_sentence():
    assert sentences.yearly_sentences(levels([300, 250], ["ok", "saknas"]), "Ekby") == ""


@pytest.mark.parametrize(
    ("verdict", "goal_share", "words"),
    [
        (v.MET, 0.32, "är i nivå med"),
        (v.NOT_MET, 0.20, "är lägre än"),
        (v.NOT_MET, 0.45, "är högre än"),
        (v.UNDECIDED, 0.30, "inte avgjort"),
    ],
)
def test_the_shares_chart_title_follows_the_goal_verdict(verdict, goal_share, words):
    title = charts._shares_title({"share": goal_share}, {"share": 0.33}, "Ekby", "Lundsås", verdict)
    assert words in title


@pytest.mark.parametrize(
    ("verdict", "words"),
    [
        (v.MET, "inom studiens marginal"),
        (v.NOT_MET, "utanför studiens marginal"),
        (v.UNDECIDED, "når in i studiens marginal"),
    ],
)
def test_the_gap_chart_title_follows_the_goal_verdict(verdict, words):
    assert words in charts.GAP_TITLES[verdict]


def comparisons(p_holm: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "theme": [f"t{i}" for i in range(len(p_holm))],
            "label": [f"Tema {i}" for i in range(len(p_holm))],
            "p_value": p_holm,
            "p_holm": p_holm,
        }
    )


def test_the_survey_note_names_a_difference_that_is_shown():
    frame = comparisons([0.000001, 0.8])
    verdict = v.Verdict(v.SHOWN, "", {"shown_themes": ["t0"], "tested": 2, "alpha": 0.05})
    note = survey_tables.comparison_note(frame, verdict)
    assert "statistiskt säkerställd för ”Tema 0”" in note and "Ingen skillnad" not in note


def test_the_survey_note_says_no_difference_when_none_is_shown():
    verdict = v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 2, "alpha": 0.05})
    assert "Ingen skillnad är statistiskt säkerställd" in survey_tables.comparison_note(
        comparisons([0.3, 0.8]), verdict
    )


# --- the final document's prose, from registries that go either way ------------------------------


def result(key: str, value, inputs: dict | None = None, unit: str = "antal") -> tuple[str, Result]:
    return key, Result(key, value, unit, key, "test", "ok", inputs)


def verdict_result(key: str, verdict: v.Verdict) -> tuple[str, Result]:
    return result(key, verdict.value, {"regel": verdict.rule, **verdict.inputs}, unit="utslag")


def deliveries_only(params):
    """The same study without its published-report layer: a follow-up from deliveries."""
    return params.model_copy(update={"values": params.values.model_copy(update={"published_report": None})})


def monthly_frames(direction: v.Verdict | None, comparison: str = "window_previous", reason: str = ""):
    """One municipality's monthly periods and one comparison that goes the verdict's way (or cannot be made)."""
    periods = pd.DataFrame(
        {
            "municipality": "S",
            "period": ["before", "after", "window", "previous"],
            "label": ["före", "efter", "denna", "förra"],
            "first_month": [dt.date(2020, 1, 1), dt.date(2021, 9, 1), dt.date(2022, 4, 1), dt.date(2021, 4, 1)],
            "last_month": [dt.date(2021, 8, 31), dt.date(2023, 3, 31), dt.date(2023, 3, 31), dt.date(2022, 3, 31)],
            "months": [20, 19, 12, 12],
            "span_months": [20, 19, 12, 12],
            "total": [40.0, 60.0, 30.0, 60.0],
            "mean": [2.0, 60 / 19, 2.5, 5.0],
        }
    )
    numerator, denominator = {"window_previous": ("window", "previous"), "after_before": ("after", "before")}.get(
        comparison, ("window", "before")
    )
    row = {"municipality": "S", "comparison": comparison, "numerator": numerator, "denominator": denominator}
    if reason:
        row |= {"reason": reason, "direction": v.NOT_POSSIBLE}
    else:
        row |= {**direction.inputs, "p_value": 0.01, "direction": direction.value, "reason": ""}
    return periods, pd.DataFrame([row])


def theme_tallies(counts: list[int], exact: bool) -> pd.DataFrame:
    """q3's two themes for Svedala's 15 respondents, with these counts (exact, or lower bounds)."""
    return pd.DataFrame(
        {
            "question": "q3",
            "theme": ["a", "b"],
            "label": ["Tema A", "Tema B"],
            "municipality": "S",
            "count": counts,
            "respondents": 15,
            "count_exact": exact,
        }
    )


def findings(
    published,
    *,
    goal: v.Verdict,
    difference: v.Verdict,
    direction: v.Verdict | None,
    survey: v.Verdict,
    top: v.Verdict,
    reason: str = "",
    comparison: str = "window_previous",
) -> Findings:
    outcomes = dict(
        [
            verdict_result(keys.GOAL_VERDICT, goal),
            verdict_result(keys.DIFFERENCE_VERDICT, difference),
            result(keys.GAP, goal.inputs["difference"]),
            result(keys.NEEDED_PER_PERIOD, 12),
        ]
    )
    survey_results = dict(
        [
            verdict_result(keys.SURVEY_DIFFERENCE_VERDICT, survey),
            verdict_result(keys.top_theme("q3", "S"), top),
            verdict_result(keys.top_theme("q3", "T"), v.most_common([])),
            result(keys.response("S", "respondents"), 15),
        ]
    )
    tallies = theme_tallies([5, 5], exact=True)
    periods, compared = monthly_frames(direction, comparison, reason)
    return Findings(
        published,
        dict([result(keys.CHECKS_MADE, 40)]),
        outcomes,
        survey_results,
        pd.DataFrame(),
        tallies,
        pd.DataFrame(columns=["question", "municipality", "themes", "quote"]),
        periods,
        compared,
        pd.DataFrame({"municipality": ["S", "T"], "denominator": [120.0, 300.0]}),
        pd.DataFrame({"measure": "households", "year": [2021, 2022], "status": ["ok", "ok"]}),
        pd.DataFrame({"question": ["q3"], "answers": [10], "coded": [10]}),
        pd.DataFrame(),
        pd.DataFrame(),
        pd.DataFrame(),
    )


def test_the_conclusions_say_fewer_closures_when_the_series_fell(published):
    x = findings(
        published,
        goal=v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
        difference=v.difference(-0.125, 0.0001, 0.05, "score"),
        direction=v.rate_direction(0.5, 0.3, 0.8),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True), ("b", 5, True)]),
    )
    text = prose.conclusions(x)
    assert "Svedala: antalet har minskat sedan förra utvärderingens period" in text and "har ökat" not in text
    assert "är lägre än Trelleborgs" in text
    assert "”Tema A” och ”Tema B”, vardera 5 av 15" in text  # a tie is named as a tie


def test_the_conclusions_never_call_an_undecided_goal_lower(published):
    x = findings(
        published,
        goal=v.goal(0.03, -0.01, 0.07, 0.3, 0.05, 0.05),
        difference=v.difference(0.03, 0.2, 0.05, "score"),
        direction=v.rate_direction(1.1, 0.8, 1.5),
        survey=v.Verdict(v.SHOWN, "", {"shown_themes": ["a"], "tested": 3}),
        top=v.most_common([("a", 6, True), ("b", 5, True)]),
    )
    text = prose.conclusions(x)
    assert "det går ännu inte att säga om målet är nått" in text and "lägre än" not in text
    assert "inte statistiskt säkerställd" in text
    assert "har inte tydligt förändrats" in text


def test_the_survey_intro_names_a_difference_that_is_shown(published):
    x = findings(
        published,
        goal=v.goal(0.03, -0.01, 0.07, 0.3, 0.05, 0.05),
        difference=v.difference(0.03, 0.2, 0.05, "score"),
        direction=v.rate_direction(1.1, 0.8, 1.5),
        survey=v.Verdict(v.SHOWN, "", {"shown_themes": ["a"], "tested": 3}),
        top=v.most_common([("a", 6, True)]),
    )
    assert "statistiskt säkerställd för ”Tema A”" in prose._survey_difference(x)


def test_the_conclusions_say_more_closures_when_the_series_rose(published):
    x = findings(
        published,
        goal=v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
        difference=v.difference(-0.125, 0.0001, 0.05, "score"),
        direction=v.rate_direction(2.0, 1.4, 2.9),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True)]),
    )
    text = prose.conclusions(x)
    assert "Svedala: antalet har ökat sedan förra utvärderingens period" in text and "har minskat" not in text


def test_a_comparison_the_data_cannot_make_is_said_with_its_reason(published):
    x = findings(
        published,
        goal=v.goal(0.03, -0.01, 0.07, 0.3, 0.05, 0.05),
        difference=v.difference(0.03, 0.2, 0.05, "score"),
        direction=None,
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True)]),
        comparison="window_before",
        reason="serien har inga månader före samverkans start",
    )
    text = prose.conclusions(x)
    assert "går inte att jämföra (serien har inga månader före samverkans start)" in text
    assert "har ökat" not in text and "har minskat" not in text


def test_a_study_from_deliveries_never_speaks_of_the_report_or_the_pandemic(published):
    study = deliveries_only(published)
    x = findings(
        study,
        goal=v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
        difference=v.difference(-0.125, 0.0001, 0.05, "score"),
        direction=v.rate_direction(0.5, 0.3, 0.8),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True)]),
    )
    text = " ".join([prose.conclusions(x), prose._monthly_text(x), prose.background(x), prose.method(x)])
    for only_2023 in ("rapport", "pandemi", "genom 2021", "ovanligt svag", "rekonstruktion", "utredningen"):
        assert only_2023 not in text.lower(), only_2023
    assert "10 av 10 svar med text är kodade" in text
    with_layer = findings(
        published,
        goal=v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
        difference=v.difference(-0.125, 0.0001, 0.05, "score"),
        direction=v.rate_direction(0.5, 0.3, 0.8),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True)]),
    )
    # What the evaluators explain is theirs: pointed to where their text is shown, never said by the study.
    assert "utvärderarnas förklaringar står i deras bedömning" in prose.conclusions(with_layer)
    assert "ovanligt svag" not in prose._monthly_plain(with_layer) + prose.conclusions(with_layer)
    values = published.values
    without_text = published.model_copy(
        update={
            "values": values.model_copy(
                update={"raw_files": values.raw_files.model_copy(update={"evaluators_text": None})}
            )
        }
    )
    bare = dataclasses.replace(with_layer, params=without_text)
    assert "bedömning" not in prose.conclusions(bare) + prose._monthly_plain(bare)


def test_limits_name_only_the_doubts_these_data_have(published):
    x = findings(
        deliveries_only(published),
        goal=v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
        difference=v.difference(-0.125, 0.0001, 0.05, "score"),
        direction=v.rate_direction(0.5, 0.3, 0.8),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True)]),
    )
    # denominators given, no doubtful year: only what no figure can show
    assert prose._limits(x).startswith("vad som orsakade utfallet") and ";" not in prose._limits(x)
    doubtful = dataclasses.replace(
        x,
        baseline=pd.DataFrame({"municipality": ["S"], "denominator": [float("nan")]}),
        yearly_levels=pd.DataFrame({"measure": "households", "year": [2024, 2025], "status": ["ok", "osäker"]}),
    )
    assert "saknar nämnare" in prose._limits(doubtful) and "genom 2025" in prose._limits(doubtful)


# --- plain Swedish for the summary, and quotes that illustrate their theme ------------------------


@pytest.mark.parametrize(
    ("ratio", "low", "high", "said", "never"),
    [
        (5.14, 2.6, 10.3, "ungefär fem gånger så många som under förra utvärderingens period (5,0; ökningen", "minskn"),
        (0.6, 0.4, 0.9, f"40{NBSP}% färre än under förra utvärderingens period (5,0; minskningen är", "ökningen"),
        (
            1.2,
            0.8,
            1.7,
            f"20{NBSP}% fler än under förra utvärderingens period (5,0; skillnaden är inte",
            "är statistiskt",
        ),
    ],
)
def test_the_plain_monthly_sentence_follows_the_direction_verdict(ratio, low, high, said, never):
    periods, compared = monthly_frames(v.rate_direction(ratio, low, high))
    text = sentences.plain_monthly(list(compared.itertuples()), periods, "Svedala")
    assert text.startswith("Svedala hade i snitt 2,5 avslut till arbete eller studier per månad under denna")
    assert said in text and never not in text and "kvot" not in text


def test_the_plain_monthly_sentence_says_why_a_comparison_cannot_be_made():
    periods, compared = monthly_frames(None, reason="perioden före har inga månader")
    text = sentences.plain_monthly(list(compared.itertuples()), periods, "Svedala")
    assert "går inte att jämföra, eftersom perioden före har inga månader" in text


@pytest.mark.parametrize(
    ("ratio", "words"), [(2.1, "ungefär dubbelt så många"), (1.0, "lika många"), (9.6, "ungefär 10 gånger så många")]
)
def test_times_as_many_in_words(ratio, words):
    assert sentences.times_as_many(ratio) == words


def plain_findings(published, goal: v.Verdict) -> Findings:
    x = findings(
        published,
        goal=goal,
        difference=v.difference(goal.inputs["difference"], 0.01, 0.05, "score"),
        direction=v.rate_direction(1.1, 0.8, 1.5),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 5, True)]),
    )
    extra = dict(
        [
            result(keys.GAP + ".ci_low", goal.inputs["ci_low"]),
            result(keys.GAP + ".ci_high", goal.inputs["ci_high"]),
            result(keys.EQUIVALENCE_MARGIN, 0.05),
            result(keys.share("S", "closures_work_studies", "count"), 62),
            result(keys.count("S", "enrolled"), 306),
            result(keys.share("T", "closures_work_studies", "count"), 337),
            result(keys.count("T", "enrolled"), 1029),
            result(keys.share("S", "closures_work_studies", "share"), 62 / 306),
            result(keys.share("T", "closures_work_studies", "share"), 337 / 1029),
        ]
    )
    return dataclasses.replace(x, outcomes={**x.outcomes, **extra})


@pytest.mark.parametrize(
    ("goal", "said", "never"),
    [
        (v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05), "mellan 6,9 och 17,5 procentenheter", "inom studiens"),
        (v.goal(0.01, -0.03, 0.04, 0.001, 0.05, 0.05), "mellan 3,0 procentenheter lägre och 4,0 högre", "utanför"),
        (v.goal(-0.04, -0.06, -0.02, 0.2, 0.05, 0.05), "når in i studiens gräns", "Hela det spannet"),
    ],
)
def test_the_plain_goal_paragraph_follows_the_verdict_and_calls_the_margin_the_studys(published, goal, said, never):
    text = prose.plain_goal_paragraph(plain_findings(published, goal))
    assert said in text and never not in text
    assert "62 av de 306 inskrivna (20,3" in text and "gräns som är studiens eget val" in text
    assert "p <" not in text and "konfidensintervall" not in text


def quoted_findings(published, top: v.Verdict, quotes: list[tuple[str, str, bool]]) -> Findings:
    """q3 for Svedala with `top` and quotes (themes, quote, partial)."""
    x = plain_findings(published, v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05))
    frame = pd.DataFrame(
        [{"question": "q3", "municipality": "S", "themes": t, "quote": q, "partial": p} for t, q, p in quotes]
    )
    tallies = theme_tallies([2, 4], exact=False)
    survey_results = {**x.survey, **dict([verdict_result(keys.top_theme("q3", "S"), top)])}
    chosen = survey_figures.illustrations(frame)  # as step 03 writes them
    return dataclasses.replace(x, quotes=frame, tallies=tallies, survey=survey_results, illustrations=chosen)


def test_a_question_without_counts_names_the_most_quoted_theme_and_quotes_it(published):
    quotes = [
        ("Tema A", "Ett svar om A.", False),
        ("Tema B", "Kort.", False),
        ("Tema B", "Ett svar av vanlig längd om B.", False),
        ("Tema B", "Ett mycket långt svar om B som fortsätter och fortsätter och fortsätter utan slut.", False),
        ("Tema B", "Ett cut svar om B av vanlig längd", True),
    ]
    x = quoted_findings(published, v.most_common([("a", 2, False), ("b", 4, False)]), quotes)
    text = prose.survey_section(x, "q3")
    assert "flest av de publicerade citaten hör till ”Tema B” (4 citat)" in text
    assert "  - ”Ett svar av vanlig längd om B.”" in text  # typical length, whole, of its own theme
    assert "Ett svar om A." not in text  # a quote of another theme never stands for this one
    other_way = quoted_findings(published, v.most_common([("a", 5, False), ("b", 4, False)]), quotes)
    assert "  - ”Ett svar om A.”" in prose.survey_section(other_way, "q3")


def test_a_tie_gets_a_quote_under_each_theme(published):
    quotes = [("Tema A", "Om A.", False), ("Tema A; Tema B", "Om A och B.", False), ("Tema B", "Om B.", False)]
    x = quoted_findings(published, v.most_common([("a", 5, True), ("b", 5, True)]), quotes)
    text = prose.survey_section(x, "q3")
    assert "**Svarande i Svedala:** vanligast är ”Tema A” och ”Tema B”" in text
    assert "  - *Tema A:* ”Om A.”" in text and "  - *Tema B:* ”Om B.”" in text  # the single-theme answers


@pytest.mark.parametrize(
    ("svedala", "trelleborg", "said"), [(15, 22, "omkring 47 procentenheter"), (900, 1200, "omkring 6")]
)
def test_the_reading_guide_says_how_large_a_difference_the_survey_can_show(published, svedala, trelleborg, said):
    x = plain_findings(published, v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05))
    responses = dict(
        [result(keys.response("S", "respondents"), svedala), result(keys.response("T", "respondents"), trelleborg)]
    )
    text = prose.reading_guide(dataclasses.replace(x, survey={**x.survey, **responses}))
    assert said in text and "±5 procentenheter" in text and "studiens val" in text


@pytest.mark.parametrize(
    ("start", "said", "never"),
    [(dt.date(2021, 9, 1), "mitt i ett år", "årsskifte"), (dt.date(2022, 1, 1), "vid ett årsskifte", "mitt i")],
)
def test_the_calendar_years_bridge_follows_the_start_date(published, start, said, never):
    x = plain_findings(published, v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05))
    values = published.values.model_copy(update={"collaboration_start": start})
    months = pd.DataFrame(
        {"municipality": "S", "period_start": [dt.date(2021, m, 1) for m in range(1, 13)], "value": [2.0] * 12}
    )
    years = calendar_years(months)  # as step 02 writes them
    text = prose._calendar_sentence(
        dataclasses.replace(x, params=published.model_copy(update={"values": values}), calendar_years=years)
    )
    assert "Svedala hade 24 avslut till arbete eller studier år 2021 (2,0 per månad)" in text
    assert said in text and never not in text


def test_the_conclusions_never_drop_a_theme_that_may_be_as_common(published):
    x = findings(
        published,
        goal=v.goal(-0.125, -0.175, -0.069, 0.99, 0.05, 0.05),
        difference=v.difference(-0.125, 0.0001, 0.05, "score"),
        direction=v.rate_direction(0.5, 0.3, 0.8),
        survey=v.Verdict(v.NOT_SHOWN, "", {"shown_themes": [], "tested": 3}),
        top=v.most_common([("a", 8, True), ("b", 8, False)]),  # "minst 8" for b: as common as a, perhaps
    )
    assert "”Tema A”: 8 av 15 (53" in prose.conclusions(x)
    assert "(lika många kan ha nämnt ”Tema B”)" in prose.conclusions(x)
    alone = dataclasses.replace(
        x, survey={**x.survey, **dict([verdict_result(keys.top_theme("q3", "S"), v.most_common([("a", 8, True)]))])}
    )
    assert "lika många kan ha nämnt" not in prose.conclusions(alone)
