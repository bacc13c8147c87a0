"""The reviewers' document as text: each study's full text equals its golden rendering (a change of wording is
a reviewed diff), and every figure it states is one an earlier step recorded (step 04 computes nothing)."""

from __future__ import annotations

import difflib
import html
import math
import os
import re

import lxml.html
import pytest

from collabstudy.report.document import report_text
from collabstudy.report.findings import Findings
from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT

GOLDEN = CODE_PROJECT / "tests" / "golden"
EARLIER_STEPS = ("01_cleaning", "02_outcomes", "03_survey")
pytestmark = pytest.mark.slow


def test_the_report_text_is_its_golden_rendering(executed_study):
    params = load_params(executed_study.params_file, executed_study.root)
    rendered = report_text(Findings.load(params, executed_study.build))
    golden = GOLDEN / f"{executed_study.params_file.stem}.md"
    if os.environ.get("GOLDEN") == "update":
        golden.write_text(rendered, encoding="utf-8")
        pytest.skip(f"skrev {golden.name}")
    expected = golden.read_text(encoding="utf-8")
    if rendered != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), rendered.splitlines(keepends=True), golden.name, "nu", n=1
            )
        )
        pytest.fail(
            f"Rapportens text har ändrats mot {golden.relative_to(CODE_PROJECT)}. Är ändringen avsedd, skriv om de "
            f"gyllene texterna med 'make golden' och granska diffen:\n{diff[:6000]}"
        )


# --- step 04 computes nothing -------------------------------------------------------------------

NUMBER = re.compile(r"[−-]?\d[\d\u00a0 ]*(?:,\d+)?")


def _matches(shown: str, value) -> bool:
    """Whether a figure as shown ('20,3 %', '−12,5', '16 018 559 kr', '< 0,001') is the recorded value,
    at the precision it is shown with (a share as a percent, a difference as its size)."""
    shown = html.unescape(shown).replace("\u00a0", " ").strip()
    if value is None or isinstance(value, bool):
        return False
    if shown.startswith("< "):
        return value < float(shown[2:].replace(",", "."))
    number = NUMBER.search(shown.lstrip("=+ "))
    assert number, shown
    digits = number.group().replace(" ", "").replace("−", "-")
    decimals = len(digits.partition(",")[2])
    said = float(digits.replace(",", "."))
    tolerance = 0.5 * 10**-decimals + 1e-9
    candidates = (value, value * 100, abs(value), abs(value) * 100)
    return any(math.isclose(said, c, abs_tol=tolerance) for c in candidates)


def test_every_figure_the_report_states_was_recorded_by_an_earlier_step(reports):
    registries = {}
    for step in EARLIER_STEPS:
        registries |= reports.study.results(step)
    page = reports.html()
    stated = re.findall(r'<span data-key="([^"]+)">(.*?)</span>', page)
    assert len(stated) > 50, "rapporten anger nästan inga siffror med nyckel"
    for key, shown in stated:
        assert key in registries, f"{key} ({shown}) finns inte i stegen 01–03:s register"
        assert _matches(shown, registries[key]["value"]), f"{key}: visas som {shown}, registrerat {registries[key]}"


# Constants of the study's method, not figures of its data: said in words where they stand.
CONSTANTS = ("100 %", "±0,5 procentenheter", "0,80", "0,667", "1 = ", "1–5")


def test_no_figure_in_the_text_is_computed_while_the_report_renders(reports):
    """The prose (not tables, quotes or the evaluators' own text) states decimals and percentages only as
    figures with a registry key."""
    root = lxml.html.fromstring(reports.html())
    for figure in root.xpath("//span[@data-key]"):
        figure.drop_tree()
    unkeyed = []
    prose = root.xpath(
        "//div[contains(@class, 'jp-RenderedMarkdown') or contains(@class, 'reading-guide')]"
        "//*[self::p or self::li][not(ancestor::table)][not(ancestor::*[contains(@class, 'evaluators')])]"
    )
    for block in prose:
        said = " ".join(block.text_content().split())
        if said.startswith("”"):  # a respondent's quote
            continue
        for constant in CONSTANTS:
            said = said.replace(constant.replace(" ", "\u00a0"), "").replace(constant, "")
        said = re.sub(r"”[^”]*”", "", said)  # quoted labels from data
        unkeyed += re.findall(r"\d+,\d+|\d+[\u00a0 ]%", said)
    assert not unkeyed, f"siffror utan registernyckel i texten: {unkeyed[:10]}"
