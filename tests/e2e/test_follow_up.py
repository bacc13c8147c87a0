"""The fictional follow-up (tests/fixtures/fiktiv-studie, fiktiv-2026): a year from deliveries only.

Its data go the way the 2023 study's do not: the monthly series fell, the survey has a significant
difference between the municipalities, the Forms export's name and e-mail columns are filled in, and
there is no published report. Expected figures are read here from the raw files.
"""

from __future__ import annotations

import csv
import re

import openpyxl
import pytest
from scipy.stats import fisher_exact

from collabstudy.study.steps import CONCLUSIONS

pytestmark = pytest.mark.slow


@pytest.fixture
def follow_up(_runs, tmp_path_factory):
    from e2e.conftest import shared_study

    return shared_study("uppfoljning", _runs, tmp_path_factory)


@pytest.fixture
def document(follow_up, _runs) -> str:
    """The reviewers' page of the follow-up, as text."""
    from e2e.report_fixture import export_reports

    key = ("reports", follow_up.params_file.name)
    if key not in _runs:
        _runs[key] = export_reports(follow_up)
    html = _runs[key].html(CONCLUSIONS)
    import lxml.html

    page = lxml.html.document_fromstring(html)
    for element in page.xpath("//script|//style"):
        element.drop_tree()
    return re.sub(r"\s+", " ", page.text_content())


def _export(study):
    entry = study.params["raw_files"]["survey_export"]
    sheet = openpyxl.load_workbook(study.root / entry["path"]).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_the_follow_up_says_the_monthly_series_fell(follow_up, document):
    results = follow_up.results("02_outcomes")
    assert results["verdict.monthly.E.window_previous"]["value"] == "down"
    assert "Ekby: antalet har minskat sedan förra utvärderingens period" in document
    assert "har ökat" not in document.split("Slutsatser")[-1].split("Bilaga A")[0]


def test_the_follow_up_names_the_significant_survey_difference(follow_up, document):
    header, rows = _export(follow_up)
    coded = list(
        csv.DictReader(
            (follow_up.root / follow_up.params["raw_files"]["survey_coding"]["path"]).open(encoding="utf-8"),
            delimiter=";",
        )
    )
    where = header.index(follow_up.params["survey"]["questions"]["arbetsplats"]["text"])
    employer = {str(r[0]): r[where] for r in rows}
    theme = "battre_narvaro"
    ids = {r["ID"] for r in coded if r["Tema"] == theme}
    ekby = sum(1 for i in ids if employer[i] == "Ekby")
    lundsas = sum(1 for i in ids if employer[i] == "Lundsås")
    total = {name: sum(1 for v in employer.values() if v == name) for name in ("Ekby", "Lundsås")}
    p = fisher_exact([[ekby, total["Ekby"] - ekby], [lundsas, total["Lundsås"] - lundsas]]).pvalue
    assert p < 0.001
    assert "skillnaden mellan kommunerna är statistiskt säkerställd för ”Mer närvaro på hemorten" in document
    assert "ingen skillnad mellan kommunerna är statistiskt säkerställd" not in document


def test_the_follow_up_compares_with_the_previous_evaluation_and_the_baseline(follow_up, document):
    assert "Jämfört med tidigare utvärderingar" in document
    assert "Basåret 2021" in document and "Tidigare utvärdering (1 juli 2024 – 30 juni 2025)" in document
    results = follow_up.results("02_outcomes")
    assert results["verdict.series.goal_share"]["value"] == "shown"
    assert "har Ekbys andel avslut till arbete eller studier minskat från 30,0 % till 16,0 %" in document


@pytest.mark.parametrize(
    "only_2023",
    [
        "rapporten",
        "Rapportens",
        "källrapport",
        "rapport/",
        "pandemi",
        "ovanligt svag",
        "genom 2021",
        "rekonstruktion",
        "Reproduktion",
        "Bilaga F",
        "BIP",
        "Utvärdering ·",
    ],
)
def test_the_follow_up_holds_no_sentence_only_true_of_2023(document, only_2023):
    assert only_2023 not in document


def test_no_name_or_e_mail_from_the_personal_columns_reaches_any_output(follow_up, document):
    header, rows = _export(follow_up)
    personal = [str(r[header.index(c)]) for r in rows for c in ("Namn", "E-post")]
    assert len(personal) == 2 * len(rows) and all("@" in p or " " in p for p in personal)
    surnames = {p.split()[-1] for p in personal if "@" not in p}
    found = []
    for path in follow_up.build.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".ipynb", ".html", ".md"}:
            text = path.read_text(encoding="utf-8")
            found += [(path.name, s) for s in [*personal, *surnames] if s in text]
        elif path.is_file() and path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
            found += [(path.name, s) for s in [*personal, *surnames] if s in cells]
    assert not found, found[:5]


def _output_text(build) -> str:
    parts = []
    for path in build.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".ipynb", ".html", ".md"}:
            parts.append(path.read_text(encoding="utf-8"))
        elif path.is_file() and path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            parts += [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    return "\n".join(parts)


def test_personal_data_written_in_a_free_text_answer_reaches_no_output(follow_up):
    header, rows = _export(follow_up)
    answers = [str(v) for r in rows for v in r if isinstance(v, str) and "Ring " in v]
    assert len(answers) == 1 and "070-123 45 67" in answers[0]  # the fixture's answer with every kind
    text = _output_text(follow_up.build)
    for secret in (
        "Maria Lindqvist",
        "Lindqvist",
        "070-123 45 67",
        "maria.lindqvist@",
        "Storgatan 12",
        "811228-9874",
        "fråga sara",
    ):
        assert secret not in text, secret
    quotes = (follow_up.build / "processed" / "survey_quotes.csv").read_text(encoding="utf-8")
    assert "Ring [namn] [namn] på [telefon] eller mejla [e-post], besök [adress] eller fråga [namn]" in quotes
    assert "pnr [personnummer]" in quotes


def test_the_cleaning_log_notes_the_personal_columns_and_the_unmatched_one(follow_up):
    import pandas as pd

    header, rows = _export(follow_up)
    log = pd.read_csv(follow_up.build / "processed" / "cleaning_log.csv", dtype=str).fillna("")
    personal = log[log["check"] == "enkät: personuppgifter i exporten"]
    assert personal["column"].tolist() == [", ".join(c for c in header if c in ("E-post", "Namn"))]
    assert personal["published"].tolist() == [f"{len(rows)} rader med värde"]  # every row filled in
    unmatched = log.loc[log["check"] == "enkät: kolumn utan fråga", "column"].tolist()
    assert unmatched == ["Får utvärderarna kontakta dig för en intervju?"]  # the rating question is in params now


def _closed_answers(study, question: str) -> dict[str, list[str]]:
    """A closed question's answers per municipality, read from the raw export (not the study's reader)."""
    header, rows = _export(study)
    questions = study.params["survey"]["questions"]
    where = header.index(questions["arbetsplats"]["text"])
    column = header.index(questions[question]["text"])
    answers: dict[str, list[str]] = {}
    for row in rows:
        answers.setdefault(row[where], []).append("" if row[column] is None else str(row[column]).strip())
    return answers


def test_a_rating_question_is_tallied_per_municipality_from_the_export(follow_up, document):
    import statistics

    from scipy.stats import mannwhitneyu

    results = follow_up.results("03_survey")
    ratings = {name: [int(v) for v in values if v] for name, values in _closed_answers(follow_up, "helhet").items()}
    codes = {m["name"]: m["code"] for m in follow_up.params["municipalities"]}
    for name, values in ratings.items():
        code = codes[name]
        for position in range(5):
            assert results[f"survey.closed.helhet.{code}.{position}.count"]["value"] == values.count(position + 1)
        assert results[f"survey.closed.helhet.{code}.median"]["value"] == statistics.median(values)
        assert results[f"survey.closed.helhet.{code}.mean"]["value"] == pytest.approx(statistics.mean(values))
    p = mannwhitneyu(ratings["Ekby"], ratings["Lundsås"]).pvalue
    assert results["survey.closed.helhet.p_value"]["value"] == pytest.approx(p)
    alpha = 1 - follow_up.params["confidence_level"]
    holm = results["survey.closed.helhet.p_holm"]["value"]
    verdict = results["verdict.closed_difference.helhet"]["value"]
    assert verdict == ("shown" if holm < alpha else "not_shown")
    higher = max(ratings, key=lambda name: statistics.mean(ratings[name]))
    lower = min(ratings, key=lambda name: statistics.mean(ratings[name]))
    told = f"Svarande i {higher} ger oftare ett högre betyg än svarande i {lower}"
    assert (told in document) == (verdict == "shown")
    assert "Nöjd med samverkan – Hur nöjd är du med samverkan som helhet? (1–5)" in document


def test_a_choice_question_counts_blank_and_dont_know_apart_and_hides_small_cells(follow_up, document):
    results = follow_up.results("03_survey")
    answers = _closed_answers(follow_up, "fortsatt")
    ekby = answers["Ekby"]
    given = [v.capitalize() for v in ekby if v and v.lower() != "vet ej"]
    assert results["survey.closed.fortsatt.E.answered"]["value"] == len(given)
    assert results["survey.closed.fortsatt.E.blank"]["value"] == ekby.count("")
    assert results["survey.closed.fortsatt.E.dont_know"]["value"] == sum(v.lower() == "vet ej" for v in ekby)
    assert results["survey.closed.fortsatt.E.0.count"]["value"] == given.count("Ja")
    lundsas = [v.capitalize() for v in answers["Lundsås"] if v]
    assert results["survey.closed.fortsatt.L.0.count"]["value"] == lundsas.count("Ja")  # 'ja' counted as 'Ja'
    section = document.split("Fortsatt samverkan – ")[1].split("Slutsatser")[0]
    assert f"{given.count('Ja')} av {len(given)} (" in section
    small = [option for option in ("Nej", "Osäker") if 0 < lundsas.count(option) < 3]
    assert small and "dold" in section  # suppress_small_cells: true in this study's params
    alpha = 1 - follow_up.params["confidence_level"]
    verdict = results["verdict.closed_difference.fortsatt"]["value"]
    assert verdict == ("shown" if results["survey.closed.fortsatt.p_holm"]["value"] < alpha else "not_shown")
    shown = "Kommunernas svar fördelar sig olika, och skillnaden är statistiskt säkerställd"
    not_shown = "Någon skillnad mellan kommunernas svar kan inte visas"
    assert (shown in section, not_shown in section) == (verdict == "shown", verdict != "shown")
