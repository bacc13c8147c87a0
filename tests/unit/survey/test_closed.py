"""collabstudy.survey.closed and closed_tables: closed questions (rating, choice) tallied, compared and told."""

from __future__ import annotations

import itertools
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from collabstudy.io.forms import closed_problem, closed_value
from collabstudy.io.registry import ResultsRegistry
from collabstudy.stats.intervals import wilson_interval
from collabstudy.stats.verdicts import DOWN, NOT_POSSIBLE, NOT_SHOWN, SHOWN, UP
from collabstudy.study.params import Question, load_params
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.survey import charts, closed, closed_tables, record

RATING = Question(text="Hur nöjd?", label="Nöjd", kind="rating", points=5, low="Inte alls", high="Mycket")
CHOICE = Question(text="Fortsätta?", label="Fortsatt", kind="choice", options=["Ja", "Nej", "Osäker"])
QUESTIONS = {"nojd": RATING, "fortsatt": CHOICE}
CODES = ["A", "B"]
NAMES = {"A": "Aby", "B": "Bstad"}


def make_params(suppress: bool = False, threshold: int = 3):
    survey = SimpleNamespace(
        questions=QUESTIONS, closed=list(QUESTIONS), small_cell_threshold=threshold, suppress_small_cells=suppress
    )
    municipalities = [SimpleNamespace(code=code, name=name) for code, name in NAMES.items()]
    return SimpleNamespace(
        values=SimpleNamespace(survey=survey, codes=CODES, name_of=NAMES.get, municipalities=municipalities),
        published=None,
    )


def answers(by_municipality: dict[str, list], question: str = "nojd") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Respondents and their closed answers: a value, "" (blank), "vet ej" or "ej publicerat"."""
    people, rows, rid = [], [], 0
    for code, values in by_municipality.items():
        for value in values:
            rid += 1
            people.append({"id": rid, "municipality": code})
            status = {"": "blankt", "vet ej": "vet ej", "ej publicerat": "ej publicerat"}.get(value, "svar")
            rows.append(
                {
                    "id": rid,
                    "question": question,
                    "value": value if status == "svar" else None,
                    "status": status,
                    "row": rid + 1,
                    "column": QUESTIONS[question].text,
                }
            )
    return pd.DataFrame(rows), pd.DataFrame(people)


FIXTURE = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"


@pytest.fixture(scope="module")
def follow_up_params():
    return load_params(FIXTURE / "params" / "fiktiv-2026.yaml", FIXTURE)


HIGH_A = {"A": ["5", "5", "4", "5", "4", "5", "4", "5"], "B": ["1", "2", "2", "1", "3", "2", "1", "2"]}


# --- params ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "rating"}, "points"),
        ({"kind": "choice"}, "options"),
        ({"kind": "choice", "options": ["Ja", "Nej"], "points": 5}, "points, low och high hör bara"),
        ({"kind": "rating", "points": 5, "options": ["Ja", "Nej"]}, "options hör bara"),
        ({"kind": "choice", "options": ["Ja", " ja "]}, "två svarsalternativ är lika"),
        ({"kind": "rating", "points": 5, "area": "gain"}, "area hör bara"),
        ({"kind": "rating", "points": 11}, "10"),
        ({"kind": "choice", "options": ["Ja"]}, "2"),
    ],
)
def test_a_closed_question_must_be_complete_and_consistent(fields, message):
    with pytest.raises(ValueError, match=message):
        Question(text="Fråga?", label="Fråga", **fields)


def test_the_scale_is_the_forms_order():
    assert RATING.scale == ["1", "2", "3", "4", "5"]
    assert CHOICE.scale == ["Ja", "Nej", "Osäker"]


def test_the_follow_up_params_declare_a_rating_and_a_choice(follow_up_params):
    survey = follow_up_params.values.survey
    assert survey.closed == ["helhet", "fortsatt"]
    assert survey.questions["helhet"].points == 5


# --- reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("4", "4"), ("4,0", "4"), ("4.0", "4"), ("1", "1"), ("5", "5")])
def test_a_rating_reads_as_excel_writes_it(text, value):
    assert closed_value(RATING, text) == value


@pytest.mark.parametrize("text", ["0", "6", "3,5", "fyra", "-1"])
def test_a_rating_off_the_scale_is_no_value(text):
    assert closed_value(RATING, text) is None
    assert "1–5" in closed_problem(RATING, text)


@pytest.mark.parametrize("text, value", [("Ja", "Ja"), ("ja", "Ja"), ("  Osäker ", "Osäker"), ("NEJ", "Nej")])
def test_a_choice_matches_whatever_its_case_and_spacing(text, value):
    assert closed_value(CHOICE, text) == value


def test_an_unknown_choice_names_the_options_and_a_multiple_choice_is_said_to_be_one():
    assert closed_value(CHOICE, "Kanske") is None
    assert "Ja, Nej, Osäker" in closed_problem(CHOICE, "Kanske")
    assert "flervalsfråga" in closed_problem(CHOICE, "Ja;Nej;")
    assert "flervalsfråga" not in closed_problem(CHOICE, "Kanske")


# --- tallies -----------------------------------------------------------------------------------


def test_shares_are_of_those_who_gave_a_value_with_wilson_intervals():
    frame, people = answers({"A": ["5", "5", "4", "", "vet ej"], "B": ["1", "1", "1", "2"]})
    tally = closed.closed_tallies(frame, people, QUESTIONS, CODES, 0.95)
    five_a = tally[(tally["municipality"] == "A") & (tally["value"] == "5")].iloc[0]
    assert (five_a["count"], five_a["answered"], five_a["share"]) == (2, 3, 2 / 3)
    assert (five_a["ci_low"], five_a["ci_high"]) == pytest.approx(wilson_interval(2, 3, 0.95))
    assert list(tally[tally["municipality"] == "B"]["value"]) == ["1", "2", "3", "4", "5"]  # zero counts kept
    assert tally.groupby("municipality")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    assert tally["exact"].all()


def test_statuses_count_blank_and_dont_know_apart():
    frame, people = answers({"A": ["5", "", "vet ej", "vet ej"], "B": ["ej publicerat", "2"]})
    statuses = closed.closed_statuses(frame, people, CODES).set_index("municipality")
    assert statuses.loc["A", ["answered", "blank", "dont_know", "not_published"]].tolist() == [1, 1, 2, 0]
    assert statuses.loc["B", ["answered", "not_published"]].tolist() == [1, 1]


def test_a_municipality_without_answers_has_no_share():
    frame, people = answers({"A": ["5", "4"], "B": ["", "vet ej"]})
    tally = closed.closed_tallies(frame, people, QUESTIONS, CODES, 0.95)
    assert tally[tally["municipality"] == "B"]["share"].isna().all()


def test_rating_median_mean_and_t_interval():
    values = [5, 4, 4, 3, 5, 2]
    frame, people = answers({"A": [str(v) for v in values], "B": ["3"]})
    summary = closed.rating_summaries(frame, people, QUESTIONS, CODES, 0.95).set_index("municipality")
    low, high = stats.t.interval(0.95, len(values) - 1, loc=np.mean(values), scale=stats.sem(values))
    assert summary.loc["A", "median"] == 4.0
    assert summary.loc["A", "mean"] == pytest.approx(np.mean(values))
    assert (summary.loc["A", "ci_low"], summary.loc["A", "ci_high"]) == pytest.approx((low, high))
    assert pd.isna(summary.loc["B", "ci_low"])  # one value: no interval


# --- comparisons and verdicts --------------------------------------------------------------------


@pytest.mark.parametrize("data, direction", [(HIGH_A, UP), ({"A": HIGH_A["B"], "B": HIGH_A["A"]}, DOWN)])
def test_a_rating_difference_is_shown_with_its_direction(data, direction):
    frame, people = answers(data)
    comparisons = closed.closed_comparisons(frame, people, QUESTIONS, CODES)
    verdict = closed.closed_verdicts(comparisons, ["nojd"], 0.95)["nojd"]
    expected = stats.mannwhitneyu([int(v) for v in data["A"]], [int(v) for v in data["B"]]).pvalue
    assert comparisons.iloc[0]["p_value"] == pytest.approx(expected)
    assert (verdict.value, verdict.inputs["direction"]) == (SHOWN, direction)


def test_similar_ratings_show_no_difference():
    frame, people = answers({"A": ["3", "4", "2", "3"], "B": ["4", "3", "3", "2"]})
    verdict = closed.closed_verdicts(closed.closed_comparisons(frame, people, QUESTIONS, CODES), ["nojd"], 0.95)
    assert verdict["nojd"].value == NOT_SHOWN


def test_every_answer_the_same_value_is_no_difference():
    frame, people = answers({"A": ["4", "4"], "B": ["4", "4", "4"]})
    comparisons = closed.closed_comparisons(frame, people, QUESTIONS, CODES)
    assert comparisons.iloc[0][["p_value", "estimate"]].tolist() == [1.0, 0.0]


def test_a_choice_is_compared_with_fishers_test_on_the_whole_table():
    data = {"A": ["Ja"] * 9 + ["Nej"], "B": ["Nej"] * 8 + ["Osäker"] * 2 + ["Ja"]}
    frame, people = answers(data, question="fortsatt")
    comparisons = closed.closed_comparisons(frame, people, QUESTIONS, CODES)
    assert comparisons.iloc[0]["p_value"] == pytest.approx(closed.fisher_2xk([[9, 1, 0], [1, 8, 2]]))
    assert closed.closed_verdicts(comparisons, ["fortsatt"], 0.95)["fortsatt"].value == SHOWN


def own_fisher(table) -> float:
    """Fisher's exact test written out: every first row under the column totals, each table's probability
    ∏ C(column, cell) / C(n, row total), summed over the tables no more likely than the one observed."""
    columns = [a + b for a, b in zip(*table)]
    first, n = sum(table[0]), sum(columns)

    def probability(row) -> float:
        return math.prod(math.comb(c, x) for c, x in zip(columns, row)) / math.comb(n, first)

    rows = [row for row in itertools.product(*(range(c + 1) for c in columns)) if sum(row) == first]
    observed = probability(table[0])
    return min(1.0, sum(p for p in map(probability, rows) if p <= observed * (1 + 1e-7)))


@pytest.mark.parametrize(
    "table", [[[9, 1, 0], [1, 8, 2]], [[5, 4, 3, 2, 1], [1, 2, 3, 4, 5]], [[10, 3, 2, 5, 1, 0], [11, 2, 2, 0, 3, 4]]]
)
def test_fishers_test_of_a_2_by_k_table_is_exact(table):
    assert closed.fisher_2xk(table) == pytest.approx(own_fisher(table), rel=1e-9)


def test_fishers_test_of_a_table_too_large_to_list_is_the_same_every_run():
    table = [[6, 5, 7, 4, 6, 5, 3], [4, 5, 3, 6, 4, 5, 7]]  # 902 839 tables with these margins: sampled
    first, second = closed.fisher_2xk(table), closed.fisher_2xk(table)
    assert first == second and 0.6 < first < 0.8  # about 0.71 (scipy, any seed)


def test_fishers_test_of_a_2_by_2_table_is_scipys_and_alike_rows_give_one():
    assert closed.fisher_2xk([[7, 1], [2, 6]]) == pytest.approx(stats.fisher_exact([[7, 1], [2, 6]]).pvalue)
    assert closed.fisher_2xk([[3, 2, 1], [3, 2, 1]]) == pytest.approx(1.0)


def test_holm_adjusts_over_the_closed_questions():
    rating, people = answers(HIGH_A)
    choice = rating.assign(question="fortsatt", value=["Ja"] * 8 + ["Nej"] * 8, column=CHOICE.text)
    comparisons = closed.closed_comparisons(pd.concat([rating, choice]), people, QUESTIONS, CODES)
    assert len(comparisons) == 2
    assert (comparisons["p_holm"] >= comparisons["p_value"]).all()
    assert comparisons["p_holm"].max() == pytest.approx(min(1, comparisons["p_value"].max()))


@pytest.mark.parametrize(
    "data", [{"A": ["5", "4"], "B": ["", "vet ej"]}, {"A": ["5", "4", "ej publicerat"], "B": ["1", "2"]}]
)
def test_no_answers_or_unpublished_answers_are_not_compared(data):
    frame, people = answers(data)
    comparisons = closed.closed_comparisons(frame, people, QUESTIONS, CODES)
    assert comparisons.empty
    assert closed.closed_verdicts(comparisons, ["nojd"], 0.95)["nojd"].value == NOT_POSSIBLE


# --- what readers see --------------------------------------------------------------------------


def _told(data, question="nojd"):
    frame, people = answers(data, question)
    analysed = closed.analyse(frame, people, make_params(), 0.95)
    from collabstudy.present import text

    params = make_params()
    said = text.Page("teknisk-bilaga/03-enkaten.md.j2", params, {})
    return closed_tables.question_section(analysed, question, params, 0.95, said)[-1]  # what the comparison shows


def test_the_sentence_names_the_municipality_that_rates_higher_either_way():
    assert _told(HIGH_A).startswith("Svarande i Aby ger oftare ett högre betyg än svarande i Bstad")
    assert _told({"A": HIGH_A["B"], "B": HIGH_A["A"]}).startswith(
        "Svarande i Bstad ger oftare ett högre betyg än svarande i Aby"
    )


def test_no_difference_is_never_read_as_equal():
    told = _told({"A": ["3", "4", "2", "3"], "B": ["4", "3", "3", "2"]})
    assert told.startswith("Någon skillnad mellan kommunernas svar kan inte visas")
    assert "inte att kommunerna svarar lika" in told
    assert "säkerställd" not in told


def test_a_question_not_compared_says_why():
    assert _told({"A": ["5"], "B": [""]}).startswith("Kommunerna jämförs inte på den här frågan (ingen jämförelse")


def test_a_shown_choice_difference_names_no_direction():
    told = _told({"A": ["Ja"] * 9 + ["Nej"], "B": ["Nej"] * 8 + ["Ja"]}, "fortsatt")
    assert told.startswith("Kommunernas svar fördelar sig olika") and "högre" not in told


def test_the_table_has_every_answer_and_hides_small_cells_with_their_complement():
    frame, people = answers({"A": ["5", "5", "5", "5", "4", "3", "3", "3"], "B": ["1", "1", "1"]})
    analysed = closed.analyse(frame, people, make_params(suppress=True), 0.95)
    shown = closed_tables.closed_table(analysed.tally, "nojd", make_params(suppress=True), 3, True, 0.95).data
    assert shown["Svar"].tolist() == ["1 – Inte alls", "2", "3", "4", "5 – Mycket"]
    a = dict(zip(shown["Svar"], shown["Aby: antal (andel), 95 % intervall"]))
    # The one small cell (1 answer) and another, so that the hidden one cannot be worked out from 8.
    assert a["4"] == "dold" and list(a.values()).count("dold") == 2
    low, high = wilson_interval(4, 8, 0.95)
    assert a["5 – Mycket"] == f"4 av 8 (50\u00a0%), {round(low * 100)}–{round(high * 100)}\u00a0%"
    b = dict(zip(shown["Svar"], shown["Bstad: antal (andel), 95 % intervall"]))
    assert b["1 – Inte alls"].startswith("3 av 3 (100\u00a0%), ")


def test_the_chart_draws_no_hidden_cell_but_says_it_is_hidden_and_its_alt_text_has_the_counts():
    frame, people = answers({"A": ["5", "5", "5", "5", "4", "3", "3", "3"], "B": ["1", "1", "1"]})
    params = make_params(suppress=True)
    analysed = closed.analyse(frame, people, params, 0.95)
    fig, alt = charts.closed_chart(analysed.tally, "nojd", params, "Testdata", 0.95)
    assert "5 – Mycket, Aby: 4 av 8" in alt and "1 – Inte alls, Bstad: 3 av 3" in alt and "3, Aby: 3 av 8" in alt
    # the small cell and its complement (a 0): "dold" where the dot would be, as the table says, never a count
    assert "4, Aby: dold" in alt and "1 – Inte alls, Aby: dold" in alt and "1 av 8" not in alt
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("Aby: dold") == 2 and "1" not in texts
    assert "”Dold”: färre än 3 svarande" in fig.axes[0].get_xlabel().replace("\n", " ")
    plain, plain_alt = charts.closed_chart(analysed.tally, "nojd", make_params(suppress=False), "Testdata", 0.95)
    assert "dold" not in plain_alt and "Dold" not in plain.axes[0].get_xlabel()


def test_the_registry_holds_every_answer_the_summaries_and_the_verdict():
    frame, people = answers(HIGH_A)
    analysed = closed.analyse(frame, people, make_params(), 0.95)
    results = ResultsRegistry("03_survey")
    record.record_closed(results, analysed, QUESTIONS)
    saved = results.as_dict()
    assert saved["survey.closed.nojd.A.4.count"]["value"] == 5  # the fifth scale step, '5'
    assert saved["survey.closed.nojd.B.mean"]["value"] == pytest.approx(np.mean([int(v) for v in HIGH_A["B"]]))
    assert saved["verdict.closed_difference.nojd"]["value"] == SHOWN
    assert "survey.closed.fortsatt.estimate" not in saved


def test_the_follow_up_export_reads_its_closed_answers(follow_up_params):
    from collabstudy.io.forms import read_export

    export = read_export(follow_up_params)
    rating = export.closed[export.closed["question"] == "helhet"]
    choice = export.closed[export.closed["question"] == "fortsatt"]
    assert len(rating) == len(choice) == len(export.respondents) == 30
    assert set(rating["value"]) <= set("12345") and (rating["status"] == "svar").all()
    assert set(choice["value"].dropna()) == {"Ja", "Nej", "Osäker"}  # 'ja' read as 'Ja'
    assert sorted(choice["status"].unique()) == ["blankt", "svar", "vet ej"]
    assert export.columns.unmatched == ["Får utvärderarna kontakta dig för en intervju?"]


@pytest.mark.parametrize("suppress, mean", [(True, "dold"), (False, "4,1")])
def test_a_mean_that_would_give_a_hidden_count_away_is_hidden_too(suppress, mean):
    # Shown counts 4×5 and 3×3 with a mean of 4,125 (33 in all) would tell the hidden answer is a 4.
    frame, people = answers({"A": ["5", "5", "5", "5", "4", "3", "3", "3"], "B": ["2", "2", "2", "3", "3", "3"]})
    params = make_params(suppress=suppress)
    analysed = closed.analyse(frame, people, params, 0.95)
    shown = closed_tables.rating_table(analysed.ratings, analysed.tally, "nojd", params, 0.95).data.set_index("Kommun")
    means = shown["Medelvärde (95 % intervall)"]
    assert means["Aby"] == mean or means["Aby"].startswith(f"{mean} (")
    assert means["Bstad"].startswith("2,5 (")  # nothing hidden there
    assert shown.loc["Aby", "Median"] == "4,5"


def test_a_hidden_cell_in_the_first_row_is_said_inside_the_chart():
    # Aby's only small cell and its complement fall on the first answers, where no dot of Aby's sets the axis
    frame, people = answers({"A": ["1", "2", "2", "2", "3", "3", "3", "3"], "B": ["1", "1", "1", "2"]})
    params = make_params(suppress=True)
    fig, alt = charts.closed_chart(closed.analyse(frame, people, params, 0.95).tally, "nojd", params, "Test", 0.95)
    ax = fig.axes[0]
    top, bottom = sorted(ax.get_ylim())
    hidden = [t for t in ax.texts if t.get_text() == "Aby: dold"]
    assert hidden and all(top <= t.xy[1] <= bottom for t in hidden)
    assert "90" not in ax.get_xlabel() and "95\u00a0%" in ax.get_xlabel()  # the number and its % on one line
