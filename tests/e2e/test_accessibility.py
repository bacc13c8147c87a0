"""Accessibility of the published study's pages (WCAG 2.1 AA, which Swedish public bodies must meet for what
they publish): axe-core over every page, 01–04, at a desktop's and a phone's width, with no serious or critical
violation. The printed report's tagging is tested beside the other print tests (test_report_browser.py).

axe-core comes from the npm registry, pinned by version and SHA-256 (the Makefile's AXE_PACKAGE, fetched by
`make test` into build/cache/axe-core/). Uses the system Chromium through Playwright; never downloads a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collabstudy.study.paths import CODE_PROJECT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = CODE_PROJECT / "build" / "cache" / "axe-core" / "axe.min.js"
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (landmarks, headings, scrollable regions …).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').slice(0, 160)),
  })))"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium saknas (/usr/bin/chromium); webbläsartesterna hoppas över"
    ),
    pytest.mark.parametrize("executed_study", ["publicerad"], indirect=True),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("step", STEPS)
def test_no_serious_or_critical_violation(browser, reports, step, width):
    assert AXE.is_file(), f"axe-core saknas ({AXE.relative_to(CODE_PROJECT)}): make test hämtar det från npm"
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    try:
        page = context.new_page()
        page.goto(reports.html_path(step).resolve().as_uri(), wait_until="load")
        # The searchable tables laid out and the page's own script done with them: axe sees what a reader does.
        searchable = len(re.findall(r'id="[^"]+_fallback"', reports.html(step)))
        page.wait_for_function(f"document.querySelectorAll('.dt-container').length >= {searchable}", timeout=15_000)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(RUN, TAGS)
    finally:
        context.close()
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{step} vid {width} px: " + "\n".join(
        f"{v['impact']} {v['id']} ({v['count']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in serious
    )
