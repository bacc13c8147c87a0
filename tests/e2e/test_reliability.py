"""Failure safety, determinism and escaping, end to end.

- A run killed mid-notebook leaves every previous output and no target make would trust.
- Two runs from clean give byte-identical outputs (executed notebooks, tables, results, HTML, xlsx).
- Markup inside a survey answer shows as text in the browser and runs nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collabstudy.runner.execute import execute
from collabstudy.runner.export import export
from collabstudy.runner.publish import publish
from collabstudy.study.paths import CODE_PROJECT

# Runs the real notebooks, make or a browser.
pytestmark = pytest.mark.slow

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
FIXTURE = ROOT / "tests" / "fixtures" / "fiktiv-studie"
CACHE = ROOT / "build" / "cache" / "first-names-se.txt"
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")


def _digests(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not str(p.relative_to(folder)).startswith(skip)
    }


def _project(tmp_path: Path, source: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(source / "data", root / "data")
    shutil.copytree(source / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def test_a_run_killed_mid_notebook_leaves_the_previous_outputs(tmp_path):
    root = _project(tmp_path, ROOT)
    out = root / "build" / "studie"
    previous = {
        "notebooks/01_cleaning.ipynb": "tidigare",
        "processed/rolling_12m.csv": "tidigare",
        "results/01_cleaning.json": "tidigare",
    }
    for name, text in previous.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    before = _digests(out)
    command = [
        sys.executable,
        "-m",
        "collabstudy.runner",
        "execute",
        "--notebook",
        str(ROOT / "notebooks" / "01_cleaning.ipynb"),
        "--params",
        str(root / "params" / "svedala-trelleborg-2023.yaml"),
        "--output-dir",
        str(out),
        "--kernel",
        "collabstudy",
    ]
    process = subprocess.Popen(
        command, cwd=root, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while not list(out.glob(".staging-01_cleaning-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # papermill has started the kernel and is executing cells
    assert process.poll() is None, "körningen hann bli klar innan den kunde avbrytas"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _digests(out, skip=(".staging-", ".make")) == before  # .make/locks: the runner's lock files
    # The next run clears the killed run's staging folder and completes.
    assert (
        execute(
            ROOT / "notebooks" / "01_cleaning.ipynb",
            root / "params" / "svedala-trelleborg-2023.yaml",
            out,
            "collabstudy",
            str(CACHE) if CACHE.is_file() else "",
        )
        == 0
    )
    assert not list(out.glob(".staging-*"))
    assert (out / "notebooks" / "01_cleaning.ipynb").read_text(encoding="utf-8") != "tidigare"


def _run_all(root: Path, out: Path) -> None:
    params = root / "params" / "fiktiv-2025.yaml"
    cache = str(CACHE) if CACHE.is_file() else ""
    for step in STEPS:
        assert execute(ROOT / "notebooks" / f"{step}.ipynb", params, out, "collabstudy", cache) == 0
        assert export(out / "notebooks" / f"{step}.ipynb", out / "pages" / f"{step}.html", params, cache) == 0
    assert publish(out, root) == 0


def _first_difference(first: Path, second: Path, names: list[str]) -> str:
    """The start of the diff of the first file that differs (to see what is not reproducible)."""
    import difflib

    for name in names:
        if name.endswith((".ipynb", ".csv", ".json", ".html")):
            before, after = (first / name).read_text(encoding="utf-8"), (second / name).read_text(encoding="utf-8")
            lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
            return f"{name}:\n" + "\n".join(line[:300] for line in list(lines)[:40])
    return ""


@pytest.mark.parametrize("executed_study", ["fiktiv"], indirect=True)
def test_two_runs_in_different_folders_give_the_same_bytes(reports, tmp_path):
    """The session's run of the fictional study against a new one in another folder: no absolute path,
    random id, timing or staging name reaches any output (executed notebooks, tables, results, HTML, xlsx)."""
    first = reports.study.build
    root = _project(tmp_path / "another" / "place", FIXTURE)
    second = root / "build" / first.name
    _run_all(root, second)
    # .make/: the locks, and what a run keeps for its later processes (found by keys that name the project's
    # folder): the run's bookkeeping, not its outputs
    before, after = _digests(first, skip=(".make",)), _digests(second, skip=(".make",))
    assert before.keys() == after.keys()
    differing = [name for name in before if before[name] != after[name]]
    assert not differing, f"olika bytes mellan två körningar: {differing}\n" + _first_difference(
        first, second, differing
    )
    assert any(name.endswith(".html") for name in before) and any(name.endswith(".xlsx") for name in before)
    assert str(first.parent.parent) not in (first / "notebooks" / "01_cleaning.ipynb").read_text(encoding="utf-8")


def test_markup_in_an_answer_shows_as_text_and_runs_nothing(reports):
    if reports.published:
        pytest.skip("den påhittade studien har ett svar med <script>")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for step in ("03_survey", "04_conclusions"):
                page = browser.new_page()
                page.goto(reports.html_path(step).as_uri())
                page.wait_for_timeout(1000)
                assert page.evaluate("window.__pwned") is None, step
                assert "<script>window.__pwned = 1</script>" in page.inner_text("body"), step
                page.close()
        finally:
            browser.close()


def _without_answers_from(root: Path, municipality: str) -> None:
    """The fictional study as if nobody in one municipality had answered the survey."""
    import openpyxl

    export = root / "data" / "raw" / "survey" / "enkatsvar.xlsx"
    book = openpyxl.load_workbook(export)
    sheet = book.active
    column = [c.value for c in sheet[1]].index("Var arbetar du?") + 1
    rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == municipality]
    ids = {str(sheet.cell(r, 1).value) for r in rows}
    for r in reversed(rows):
        sheet.delete_rows(r)
    book.save(export)
    # One coding (the agreed one) instead of the two coders' sheets: the answers to drop are in one file.
    params = root / "params" / "fiktiv-2025.yaml"
    text = params.read_text(encoding="utf-8")
    start, end = text.index("  survey_coding:"), text.index("published_report:")
    params.write_text(
        text[:start] + "  survey_coding:\n    path: data/raw/survey/kodning.csv\n" + text[end:], encoding="utf-8"
    )
    coding = root / "data" / "raw" / "survey" / "kodning.csv"
    lines = coding.read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(line for line in lines[1:] if line.split(";")[0] not in ids)]
    coding.write_text("\n".join(kept) + "\n", encoding="utf-8")
    invitations = root / "data" / "raw" / "survey" / "svarsfrekvens.csv"
    table = [line.split(";") for line in invitations.read_text(encoding="utf-8").splitlines()]
    invitations.write_text(
        "\n".join(";".join([*cells[:2], *(["", ""] if i else cells[2:])]) for i, cells in enumerate(table)) + "\n",
        encoding="utf-8",
    )
    assert rows and ids


def test_a_municipality_nobody_answered_for_is_an_explained_absence(tmp_path):
    """Every step runs and the report says how many answered (none), never an exception."""
    root = _project(tmp_path, FIXTURE)
    _without_answers_from(root, "Lundsås")
    out = root / "build" / "fiktiv-2025"
    _run_all(root, out)
    from collabstudy.present.text import plain

    text = plain((out / "reports" / "04_conclusions.html").read_text(encoding="utf-8"))  # figures without key marks
    assert "0 av 30 (0\u00a0%) i Lundsås" in text
    assert "Lundsås: vanligast" not in text
    # the reason there is no comparison, in the summary and the survey's section alike
    assert text.count("ingen i Lundsås svarade, så kommunerna jämförs inte") == 2
    assert "inga teman har antal för båda kommunerna" not in text
