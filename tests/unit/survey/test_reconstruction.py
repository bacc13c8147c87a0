"""The reconstructed survey export: rebuilt by its script, it satisfies every published statement.

Counts are computed here from the export and the coding table with the test's own code
(openpyxl and csv, no study code), and compared with the transcribed published figures.
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import pytest

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
SURVEY = ROOT / "data" / "raw" / "survey"
REPORT = ROOT / "data" / "raw" / "rapport"
NOT_PUBLISHED, MORE = "[ej publicerat]", " [resten av svaret ej publicerat]"
QUESTION_COLUMNS = {f"q{i}": 5 + i for i in range(1, 10)}  # ID, start, end, e-mail, name, then q1..q9


def _csv(name: str) -> list[dict]:
    folder = SURVEY if (SURVEY / name).is_file() else REPORT
    return list(csv.DictReader((folder / name).open(encoding="utf-8"), delimiter=";"))


def _export(folder: Path = SURVEY) -> list[list]:
    sheet = openpyxl.load_workbook(folder / "forms-export.xlsx").active
    return [[("" if c is None else c) for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def export() -> dict:
    rows = _export()
    body = rows[1:]
    return {
        "header": rows[0],
        "employer": {r[0]: r[QUESTION_COLUMNS["q8"] - 1] for r in body},
        "period": {r[0]: r[QUESTION_COLUMNS["q9"] - 1] for r in body},
        "answers": {(r[0], q): str(r[c - 1]) for r in body for q, c in QUESTION_COLUMNS.items() if int(q[1:]) <= 7},
        "rows": body,
    }


def test_the_script_rebuilds_the_committed_files_exactly(tmp_path):
    (tmp_path / "rapport").mkdir()
    shutil.copy2(SURVEY / "enkat-svarsfrekvens.csv", tmp_path / "enkat-svarsfrekvens.csv")
    for name in ("citat.csv", "publicerade-antal.csv", "enkat-involveringsperiod.csv"):
        shutil.copy2(REPORT / name, tmp_path / "rapport" / name)
    spec = importlib.util.spec_from_file_location("reconstruct", ROOT / "scripts" / "reconstruct_survey.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path, tmp_path / "rapport")
    assert (tmp_path / "kodning.csv").read_text(encoding="utf-8") == (SURVEY / "kodning.csv").read_text(
        encoding="utf-8"
    )
    assert (tmp_path / "forms-export.xlsx").read_bytes() == (SURVEY / "forms-export.xlsx").read_bytes()


def test_one_row_per_respondent_and_employers_as_published(export):
    published = {
        r["Kommun"]: int(r["Respondenter"]) for r in _csv("enkat-svarsfrekvens.csv") if r["Kommun"] != "Totalt"
    }
    ids = [r[0] for r in export["rows"]]
    assert len(ids) == len(set(ids)) == sum(published.values())
    assert Counter(export["employer"].values()) == Counter(published)


def test_periods_reproduce_the_published_percentages(export):
    counts = Counter((export["employer"][i], p) for i, p in export["period"].items())
    totals = Counter(export["employer"].values())
    for row in _csv("enkat-involveringsperiod.csv"):
        share = 100 * counts[(row["Kommun"], row["Involverad i samverkan"])] / totals[row["Kommun"]]
        assert abs(share - float(row["Andel av kommunens respondenter"].rstrip("%"))) <= 0.5


def test_every_quote_stands_once_under_its_municipality_and_question(export):
    for quote in _csv("citat.csv"):
        places = [(rid, q) for (rid, q), text in export["answers"].items() if text.removesuffix(MORE) == quote["Citat"]]
        assert len(places) == 1, f"{quote['Citat-id']}: {places}"
        rid, question = places[0]
        assert question == quote["Fråga"] and export["employer"][rid] == quote["Kommun"]


def test_statements_of_the_same_person_share_a_row(export):
    groups = defaultdict(set)
    for quote in _csv("citat.csv"):
        if quote["Samma person"]:
            rid = next(r for (r, q), t in export["answers"].items() if t.removesuffix(MORE) == quote["Citat"])
            groups[quote["Samma person"]].add(rid)
    assert groups and all(len(rows) == 1 for rows in groups.values())


def test_nothing_is_invented(export):
    quotes = {q["Citat"] for q in _csv("citat.csv")}
    for (rid, question), text in export["answers"].items():
        assert text in ("", "Vet ej", NOT_PUBLISHED) or text.removesuffix(MORE) in quotes, (rid, question, text[:40])
    for row in export["rows"]:
        assert row[1] == row[2] == NOT_PUBLISHED and row[3] == "anonymous" and row[4] == ""


def _coded() -> dict[tuple[str, str], set[int]]:
    coded = defaultdict(set)
    for row in _csv("kodning.csv"):
        coded[(row["Fråga"], row["Tema"])].add(int(row["ID"]))
    return coded


def test_every_published_count_is_reproduced(export):
    coded = _coded()
    blank = defaultdict(set)
    for (rid, question), text in export["answers"].items():
        blank[(question, text)].add(rid)
    checked = 0
    for row in _csv("publicerade-antal.csv"):
        item, question, count = row["Tema eller svar"], row["Fråga"], int(row["Antal respondenter"])
        if item.startswith("[blankt även på "):
            other = item.split("på ")[1].rstrip("]")
            both = blank[(question, "")] & blank[(other, "")]
            assert len(both) == count
        else:
            members = {"[blankt]": blank[(question, "")], "[vet ej]": blank[(question, "Vet ej")]}.get(
                item, coded[(question, item)]
            )
            assert sum(1 for rid in members if export["employer"][rid] == row["Kommun"]) == count, row
        checked += 1
    assert checked == len(_csv("publicerade-antal.csv"))


def test_no_theme_on_a_blank_or_dont_know_answer_and_no_gain_beside_no_gain(export):
    for (question, theme), ids in _coded().items():
        for rid in ids:
            assert export["answers"][(rid, question)] not in ("", "Vet ej")
    for (question, theme), ids in _coded().items():
        if theme.endswith("_ingen_vinst"):
            others = {rid for (q, t), group in _coded().items() if q == question and t != theme for rid in group}
            assert not ids & others


def test_quoted_answers_with_an_extra_theme_say_that_more_was_not_published(export):
    quote_theme = {(q["Fråga"], q["Citat"]): q["Tema"] for q in _csv("citat.csv")}
    for (question, theme), ids in _coded().items():
        for rid in ids:
            text = export["answers"][(rid, question)]
            own = quote_theme.get((question, text.removesuffix(MORE)))
            if own is not None and own != theme:
                assert text.endswith(MORE)


def test_the_report_says_more_svedala_respondents_raise_representation_and_anchoring():
    # rad 1559–1560: "Det är fler av Svedalas respondenter än från Trelleborg som lyfter behovet av
    # representation och förankring" — the quotes placed under that theme must agree.
    by = Counter(q["Kommun"] for q in _csv("citat.csv") if q["Tema"].endswith("_uppdrag"))
    assert by["Svedala"] > by["Trelleborg"]
