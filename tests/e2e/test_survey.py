"""Notebook 03 end to end, for the published and the fictional study: tallies, response, anonymity.

Expected figures come from the raw export and coding table, read here with openpyxl and csv.
"""

from __future__ import annotations

import csv
import math
import re
import shutil
from collections import defaultdict
from statistics import NormalDist

import openpyxl
import pytest

from collabstudy.runner.execute import execute
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.study.steps import step

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/

# Runs the real notebooks, make or a browser.
pytestmark = pytest.mark.slow


def _export(study) -> tuple[dict[int, str], dict[tuple[int, str], str]]:
    survey = study.params["survey"]
    entry = study.params["raw_files"]["survey_export"]
    workbook = openpyxl.load_workbook(study.root / entry["path"])
    sheet = workbook[entry["sheet"]] if entry.get("sheet") else workbook.worksheets[0]
    rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    column = {key: header.index(q["text"]) for key, q in survey["questions"].items()}
    kind = {key: q.get("kind", "free_text") for key, q in survey["questions"].items()}
    municipality_key = next(k for k, v in kind.items() if v == "municipality")
    names = {m["name"]: m["code"] for m in study.params["municipalities"]}
    employer = {int(r[header.index(survey["id_column"])]): names[r[column[municipality_key]]] for r in rows[1:]}
    answers = {(int(r[0]), key): r[column[key]] for r in rows[1:] for key, v in kind.items() if v == "free_text"}
    return employer, answers


def _coding(study) -> dict[str, set[int]]:
    coded = defaultdict(set)
    entry = study.params["raw_files"]["survey_coding"]
    # Two coders (the fictional study): their reconciliation gives the fixture's agreed coding (build_coders.py).
    path = study.root / (entry["path"] if isinstance(entry, dict) else "data/raw/survey/kodning.csv")
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter=";"):
        coded[row["Tema"]].add(int(row["ID"]))
    return coded


def test_theme_tallies_count_respondents_per_municipality(executed_study):
    employer, _ = _export(executed_study)
    results = executed_study.results("03_survey")
    coded = _coding(executed_study)
    assert coded
    for theme, ids in coded.items():
        for code in set(employer.values()):
            expected = sum(1 for rid in ids if employer[rid] == code)
            assert results[f"survey.theme.{theme}.{code}.count"]["value"] == expected


def test_blank_and_dont_know_answers_are_counted(executed_study):
    employer, answers = _export(executed_study)
    results = executed_study.results("03_survey")
    dont_know = {d.lower() for d in executed_study.params["survey"]["dont_know"]}
    names = {m["name"]: m["code"] for m in executed_study.params["municipalities"]}
    layer = executed_study.params.get("published_report") or {}
    published = set()
    if layer:
        path = executed_study.root / layer["files"]["survey_published_counts"]["path"]
        published = {
            (r["Fråga"], names.get(r["Kommun"], ""), r["Tema eller svar"])
            for r in csv.DictReader(path.open(encoding="utf-8"), delimiter=";")
        }
    marker = layer.get("not_published")
    for question in {q for _, q in answers}:
        for code in set(employer.values()):
            group = [t for (rid, q), t in answers.items() if q == question and employer[rid] == code]
            complete = marker is None or marker not in group
            blank = sum(1 for t in group if not t.strip())
            known = sum(1 for t in group if t.strip().lower() in dont_know)
            # With unpublished answers in the group, a count is known only where the report gives it.
            expected_blank = blank if complete or (question, code, "[blankt]") in published else None
            expected_known = known if complete or (question, code, "[vet ej]") in published else None
            assert results[f"survey.{question}.{code}.blank"]["value"] == expected_blank
            assert results[f"survey.{question}.{code}.dont_know"]["value"] == expected_known


def test_response_rates_with_wilson_intervals(executed_study):
    path = executed_study.root / executed_study.params["raw_files"]["survey_invitations"]["path"]
    employer, _ = _export(executed_study)
    counted = {code: sum(1 for c in employer.values() if c == code) for code in set(employer.values())}
    counted["total"] = len(employer)
    level = executed_study.params["confidence_level"]
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    names = {m["name"]: m["code"] for m in executed_study.params["municipalities"]}
    results = executed_study.results("03_survey")
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter=";"):
        code = names.get(row["Kommun"], "total")
        x, n = counted[code], int(row["Utskick"])  # respondents are counted from the export
        centre = (x / n + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(x / n * (1 - x / n) / n + z * z / (4 * n * n))
        assert results[f"survey.response.{code}.rate"]["value"] == pytest.approx(x / n)
        assert results[f"survey.response.{code}.ci_low"]["value"] == pytest.approx(centre - half)


def test_no_personal_name_in_any_output(executed_study):
    denied = executed_study.params["survey"]["names"]["deny"] + ["Anna"]  # the fixture quotes "Anna"
    for path in executed_study.build.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".ipynb", ".html"}:
            text = path.read_text(encoding="utf-8")
            for name in denied:
                assert f"{name} " not in text and f"{name}." not in text, f"{name} i {path}"


def test_quotes_keep_their_municipality_mark_and_redaction(executed_study):
    quotes = list(csv.DictReader((executed_study.build / "processed" / "survey_quotes.csv").open(encoding="utf-8")))
    codes = {m["code"] for m in executed_study.params["municipalities"]}
    assert quotes and all(q["municipality"] in codes for q in quotes)
    assert any("[namn]" in q["quote"] for q in quotes)


def test_small_cells_are_marked_or_suppressed_as_params_say(executed_study):
    """Each published theme count below the threshold is shown marked, '2* (13 %)', or where the params suppress
    small cells as '<3' without its count and share; never as an ordinary count."""
    import nbformat

    notebook = nbformat.read(executed_study.build / "notebooks" / "03_survey.ipynb", as_version=4)
    html = " ".join(str(o.get("data", {}).get("text/html", "")) for c in notebook.cells for o in c.get("outputs", []))
    cells = [text.strip() for text in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)]
    counts = [re.fullmatch(r"(\d+)(\*?) \(\d+\u00a0%\)", cell) for cell in cells]  # '9 (60 %)', '2* (13 %)'
    survey = executed_study.params["survey"]
    threshold = survey["small_cell_threshold"]
    shown_small = [bool(m[2]) for m in counts if m and 0 < int(m[1]) < threshold]  # marked or not
    tallies = list(csv.DictReader((executed_study.build / "processed" / "survey_tallies.csv").open(encoding="utf-8")))
    small = [t for t in tallies if t["count_exact"] == "True" and 0 < int(t["count"]) < threshold]
    assert small, "studien ska ha små publicerade celler"
    hidden = [cell for cell in cells if cell in (f"<{threshold}", f"&lt;{threshold}")]
    if survey["suppress_small_cells"]:
        assert (shown_small, len(hidden)) == ([], len(small))
    else:
        assert (shown_small, hidden) == ([True] * len(small), [])


@pytest.mark.parametrize("executed_study", ["publicerad"], indirect=True)
def test_a_name_that_escapes_redaction_stops_the_build(executed_study, study, tmp_path):
    # A codebook label is not redacted; a name there must be caught by the last check.
    study.replace_in(
        study.raw("survey/kodbok.csv"), "Lägre kostnader för försörjningsstöd", "Lägre kostnader enligt Micke"
    )
    out = tmp_path / "build"
    # What the survey step reads of the cleaning step, from the session's run of the same data.
    (out / "processed").mkdir(parents=True)
    for table in step("01_cleaning").writes:
        shutil.copy2(executed_study.build / "processed" / f"{table}.csv", out / "processed")
    code = execute(
        ROOT / "notebooks" / "03_survey.ipynb",
        study.params_file,
        out,
        "collabstudy",
        str(ROOT / "build" / "cache" / "first-names-se.txt"),
    )
    assert code == 1
    assert not (out / "notebooks" / "03_survey.ipynb").exists()
    assert not (out / "processed" / "survey_tallies.csv").exists()
