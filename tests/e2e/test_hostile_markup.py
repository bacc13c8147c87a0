"""Markup planted in every text field a delivery or params can hold is shown as text on every page, never run
(issue 29): the fictional follow-up (tests/fixtures/fiktiv-studie, fiktiv-2026, on its own) with an image whose
onerror counts into `window.__pwned`, a bold element and a javascript: link in its title, source, municipality
name, questions, labels, answer options and scale words, codebook, coding, Forms answers, period categories and
headers, baseline remark, a cell's remark and the evaluators' own text. All four steps run and every page is
opened in Chromium (/usr/bin/chromium through Playwright, offline) with JavaScript on.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from collabstudy.runner.execute import execute
from collabstudy.study.paths import CODE_PROJECT

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium saknas (/usr/bin/chromium)"),
]

FIXTURE = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"
FOLDER = "data/raw/uppfoljning-2026"
MARK = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1"><b id="pwned">fet</b>'
SHOWN = '<b id="pwned">fet</b>'  # what a reader sees where the markup was planted
LINK = "[en länk](javascript:window.__pwned=1)"
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
NAMES_CACHE = CODE_PROJECT / "build" / "cache" / "names-se.tsv"


def _csv(path: Path, edit) -> None:
    """A delivered CSV, edited row by row and written back as Excel writes it (';', quoted where needed)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    rows = edit(rows)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _plant(root: Path) -> Path:
    """The follow-up with markup in every text it holds; its params file."""
    raw = root / FOLDER
    values = yaml.safe_load((root / "params" / "fiktiv-2026.yaml").read_text(encoding="utf-8"))
    values.pop("previous_evaluations")
    values["study"] = {key: f"{text} {MARK}" for key, text in values["study"].items()}
    lundsas = f"Lundsås {MARK}"
    values["municipalities"][1]["name"] = lundsas
    headers = {}
    for question in values["survey"]["questions"].values():
        question["label"] = f"{question['label']} {MARK}"
        headers[question["text"]] = f"{question['text']} {MARK}"
        question["text"] = headers[question["text"]]
        if question.get("kind") == "rating":
            question["low"], question["high"] = f"{question['low']} {MARK}", f"{question['high']} {MARK}"
        if question.get("kind") == "choice":
            question["options"] = [
                f"{option} {MARK}" if option == "Osäker" else option for option in question["options"]
            ]
    (raw / "utvarderarna.md").write_text(
        f"## Utvärderarnas bedömning\n\nRå HTML i texten: {MARK}\n\n<script>window.__pwned=1</script>\n\n{LINK}\n",
        encoding="utf-8",
    )
    values["raw_files"]["evaluators_text"] = {"path": f"{FOLDER}/utvarderarna.md"}
    params = root / "params" / "fientlig-2026.yaml"
    params.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def municipality(rows):
        return [[lundsas if cell == "Lundsås" else cell for cell in row] for row in rows]

    for name in ("rullande.csv", "svarsfrekvens.csv"):
        _csv(raw / name, municipality)
    _csv(
        raw / "basar.csv",
        lambda rows: [
            *municipality([[*row[:5], f"{row[5]} {MARK}"] if n else row for n, row in enumerate(rows)]),
            ["Ekby", "2021", "20%", "", "Alternativ", f"Utan en grupp {MARK}"],
        ],
    )
    _csv(
        raw / "ekby-per-ar.csv",
        lambda rows: [[c.replace("Osäker uppgift", f"Osäker uppgift {MARK}") for c in r] for r in rows],
    )
    _csv(
        raw / "kodbok.csv",
        lambda rows: [rows[0], [*rows[1][:2], f"{rows[1][2]} {MARK}", f"{rows[1][3]} {MARK}", *rows[1][4:]], *rows[2:]],
    )
    _csv(raw / "kodning.csv", lambda rows: [rows[0], [*rows[1][:3], MARK], *rows[2:]])
    book = openpyxl.load_workbook(raw / "enkatsvar.xlsx")
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    best, period = header.index("Vad var bäst med samarbetet?"), header.index("När var du med?")
    category = sheet.cell(row=2, column=period + 1).value
    for cell in sheet[1]:
        cell.value = headers.get(cell.value, cell.value)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value == "Lundsås":
                cell.value = lundsas
            elif cell.value == "Osäker":
                cell.value = f"Osäker {MARK}"
        if row[period].value == category:
            row[period].value = f"{category} {MARK}"
        if row[best].value and row[0].row <= 6:
            row[best].value = f"{row[best].value} {MARK}"
    sheet.cell(row=1, column=len(header) + 1, value=f"Extra kolumn {MARK}")
    book.save(raw / "enkatsvar.xlsx")
    return params


def test_markup_in_every_text_field_is_text_on_every_page(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(FIXTURE / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    params = _plant(root)
    build = root / "build" / params.stem
    cache = str(NAMES_CACHE) if NAMES_CACHE.is_file() else ""
    for step in STEPS:
        assert execute(CODE_PROJECT / "notebooks" / f"{step}.ipynb", params, build, "collabstudy", cache, True) == 0, (
            step
        )

    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(offline=True, java_script_enabled=True)
        for step in STEPS:
            page = context.new_page()
            page.goto((build / "pages" / f"{step}.html").as_uri(), wait_until="load")
            page.wait_for_timeout(300)  # an image's onerror fires after load
            found[step] = page.evaluate(
                """() => ({
                  pwned: window.__pwned === undefined ? 0 : window.__pwned,
                  injected: document.querySelectorAll('#pwned, img[src="x"]').length,
                  links: document.querySelectorAll('a[href^="javascript:"]').length,
                  shown: (document.body.innerText.match(/<b id="pwned">fet<\\/b>/g) || []).length,
                })"""
            )
            page.close()
        browser.close()
    for step, seen in found.items():
        assert (seen["pwned"], seen["injected"], seen["links"]) == (0, 0, 0), (step, seen)
    # The markup reached every page, as text: the study's title is on each, the rest where it is shown.
    assert all(seen["shown"] > 0 for seen in found.values()), found
    assert found["03_survey"]["shown"] >= 10 and found["04_conclusions"]["shown"] >= 10, found
