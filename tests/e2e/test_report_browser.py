"""The reviewers' HTML (04_conclusions.html) of the published study, opened offline in Chromium, and every
page of the study at a phone's and a desktop's width; the printed report.

The page is opened from a file: URL with the network cut off (every non-file request is aborted and
recorded, and the context is offline): what a reviewer sees when opening the report from a USB stick.
Uses the system Chromium (/usr/bin/chromium) through Playwright; never downloads a browser.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WORD = "Trelleborgsmodellen"  # in several published quotes, not in all

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium saknas (/usr/bin/chromium); webbläsartesterna hoppas över"
    ),
    # the published study is enough here: run conftest's executed_study for it only
    pytest.mark.parametrize("executed_study", ["publicerad"], indirect=True),
]

# The DataTables container of the quotes table: the first one after the 'Citat per tema' heading.
QUOTES_CONTAINER = """() => {
  const heading = Array.from(document.querySelectorAll('h3')).find(h => h.textContent.trim() === 'Citat per tema');
  if (!heading) return null;
  const after = Array.from(document.querySelectorAll('.dt-container, .dataTables_wrapper'))
    .filter(c => heading.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!after.length) return null;
  const next = Array.from(document.querySelectorAll('h2'))
    .find(h => heading.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (next && (next.compareDocumentPosition(after[0]) & Node.DOCUMENT_POSITION_FOLLOWING)) return null;
  return after[0].id;
}"""


class Opened:
    """A page with the report loaded, and what it tried to fetch or complained about."""

    def __init__(self, page, blocked: list[str], console: list, errors: list[str], reports):
        self.page, self.blocked, self.console, self.errors, self.reports = page, blocked, console, errors, reports


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def opened(browser, reports) -> Opened:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    context.set_offline(True)
    page = context.new_page()
    console, errors = [], []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(reports.html_path().resolve().as_uri(), wait_until="load")
    page.wait_for_function(
        "document.querySelectorAll('.dt-container, .dataTables_wrapper').length >= 2", timeout=15_000
    )
    yield Opened(page, blocked, console, errors, reports)
    context.close()


def test_opens_offline_without_requests_or_errors(opened):
    page = opened.page
    page.wait_for_timeout(500)  # late requests (fonts, lazy images) would show up here
    assert opened.blocked == [], f"sidan försökte hämta {opened.blocked}"
    assert [text for kind, text in opened.console if kind == "error"] == []
    assert opened.errors == []
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.title() == opened.reports.params["study"]["title"]


def test_every_image_is_decoded(opened):
    page = opened.page
    page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=10_000)
    assert page.evaluate("document.images.length") > 0
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")


def test_every_toc_link_lands_on_its_heading(opened):
    page = opened.page
    links = page.locator("nav.toc a")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 8
    for index, href in enumerate(hrefs):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(index).click()
        page.wait_for_function("h => location.hash === h", arg=href, timeout=5_000)
        page.wait_for_timeout(100)
        where = page.evaluate(
            """id => {
            const heading = document.getElementById(id);
            const end = document.documentElement.scrollHeight - window.innerHeight;
            return {tag: heading.tagName, top: heading.getBoundingClientRect().top,
                    atEnd: window.scrollY >= end - 2};
        }""",
            href[1:],
        )
        assert where["tag"] == "H2", href
        assert -2 <= where["top"] <= 150 or (where["atEnd"] and 0 <= where["top"] < 900), f"{href}: {where}"


def _rows(container) -> list[str]:
    return [t for t in container.locator("tbody tr").all_inner_texts() if t.strip()]


def _info_total(container) -> int:
    text = container.locator(".dt-info, .dataTables_info").inner_text()
    match = re.search(r"av\s+([\d\s\u00a0]+)", text)
    assert match, f"oväntad radinformation: {text!r}"
    return int(re.sub(r"\D", "", match.group(1)))


def test_quote_table_filters(opened):
    page = opened.page
    container_id = page.evaluate(QUOTES_CONTAINER)
    assert container_id, "ingen interaktiv tabell under 'Citat per tema'"
    container = page.locator(f"[id='{container_id}']")
    header = container.locator("thead").evaluate(
        "h => h.textContent + ' ' + Array.from(h.querySelectorAll('input')).map(i => i.placeholder).join(' ')"
    )
    assert "Citat" in header
    before_total, before_rows = _info_total(container), _rows(container)
    assert before_rows and before_total >= len(before_rows)
    container.locator("input[type=search]").first.fill(WORD)
    page.wait_for_function(
        "([id, n]) => document.getElementById(id).querySelectorAll('tbody tr').length < n",
        arg=[container_id, len(before_rows)],
        timeout=5_000,
    )
    after_rows = _rows(container)
    assert 0 < len(after_rows) < len(before_rows)
    assert _info_total(container) < before_total
    assert all(WORD.lower() in row.lower() for row in after_rows), after_rows


def test_filtered_quote_table_stays_swedish(opened):
    page = opened.page
    container_id = page.evaluate(QUOTES_CONTAINER)
    container = page.locator(f"[id='{container_id}']")
    container.locator("input[type=search]").first.fill(WORD)
    page.wait_for_function(
        "id => /av/.test(document.getElementById(id).querySelector('.dt-info').textContent)",
        arg=container_id,
        timeout=5_000,
    )
    page.wait_for_timeout(300)
    info = container.locator(".dt-info, .dataTables_info").inner_text()
    assert not re.search(r"\b(filtered|entries|total|Showing)\b", info), info


def test_full_page_screenshot(opened):
    target = opened.reports.folder / "screenshot-04_conclusions.png"
    target.unlink(missing_ok=True)
    opened.page.screenshot(path=str(target), full_page=True)
    assert target.is_file() and target.stat().st_size > 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_print_shows_the_static_quote_table(opened):
    page = opened.page
    page.emulate_media(media="print")
    state = page.evaluate("""() => {
        const shown = e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
        const quotes = Array.from(document.querySelectorAll('.print-only'))
            .filter(e => Array.from(e.querySelectorAll('thead th')).some(th => th.textContent.trim() === 'Citat'));
        return {
            quotes: quotes.map(shown),
            quoteRows: quotes.map(e => e.querySelectorAll('tbody tr').length),
            printOnly: Array.from(document.querySelectorAll('.print-only')).map(shown),
            screenOnly: Array.from(document.querySelectorAll('.screen-only')).map(shown),
            tables: Array.from(document.querySelectorAll('.dt-container, .dataTables_wrapper')).map(shown),
        };
    }""")
    assert state["quotes"] == [True], state
    assert state["quoteRows"][0] > 0
    assert state["printOnly"] and all(state["printOnly"])
    assert state["screenOnly"] and not any(state["screenOnly"])
    assert state["tables"] and not any(state["tables"])
    page.emulate_media(media="screen")
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.print-only')).every(e => getComputedStyle(e).display === 'none')"
    )
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.screen-only')).every(e => getComputedStyle(e).display !== 'none')"
    )


# --- Every width, without JavaScript, and on paper -------------------------------------------------

# Words of code or English a reader must never see (the table library's own notes, params keys, Python).
FOREIGN = [
    "Loading",
    "ITables",
    "need help",
    "more rows",
    "not shown",
    "trusted",
    "init_notebook_mode",
    "Search",
    "Showing",
    "entries",
    "params",
    "reporting_window",
    "equivalence_margin",
    "caseworker",
    "True",
    "False",
    "NaN",
    "None",
]
OVERFLOWING = """() => {
  const vw = document.documentElement.clientWidth, bad = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (!r.width || r.right <= vw + 1) continue;
    let a = e.parentElement, scrolls = false;
    while (a) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') { scrolls = true; break; }
      a = a.parentElement;
    }
    if (!scrolls) bad.push(`${e.tagName}.${e.className} ${Math.round(r.right)}px: ${(e.textContent || '').slice(0, 40)}`);
  }
  return {page: document.documentElement.scrollWidth, viewport: vw, bad: bad.slice(0, 10)};
}"""


STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")


def _page(browser, reports, width: int, javascript: bool = True, step: str = "04_conclusions"):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.goto(reports.html_path(step).resolve().as_uri(), wait_until="load")
    if javascript:  # the searchable tables laid out (they are boxes of their own once DataTables has run)
        searchable = len(re.findall(r'id="[^"]+_fallback"', reports.html(step)))
        page.wait_for_function(f"document.querySelectorAll('.dt-container').length >= {searchable}", timeout=15_000)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return context, page


def _foreign_words(text: str) -> list[str]:
    return [w for w in FOREIGN if re.search(rf"(?<![\wåäö]){re.escape(w)}(?![\wåäö])", text)]


# Every box a table scrolls in (present.html's, and DataTables' own for a searchable table): whether it overflows,
# and whether its hint shows and it is a keyboard stop.
TABLE_BOXES = """() => Array.from(document.querySelectorAll('.table-scroll, .dt-container .dt-layout-table > .dt-layout-cell'))
  .filter(box => box.getClientRects().length)
  .map(box => {
    const hint = (box.classList.contains('dt-layout-cell') ? box.parentElement : box).previousElementSibling;
    return {name: box.getAttribute('aria-label'), overflows: box.scrollWidth > box.clientWidth + 1,
            width: box.scrollWidth, shown: box.clientWidth, focusable: box.tabIndex === 0,
            hint: !!hint && hint.classList.contains('scroll-hint') && getComputedStyle(hint).display !== 'none'};
  })"""
# Words in headings that a line break splits (a break after a dash or at a hyphenation point is not a split).
SPLIT_WORDS = """() => {
  const split = [];
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (!heading.getClientRects().length) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\u00ad]+?(?:[-\u2013/]|(?=[\\s\\u00ad]|$))/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""
# Each chart's smallest text as the screen shows it: its size in points (data-smallest-pt of the image the
# browser chose) at the drawing's density, times the share of its width the image is shown at.
CHART_TEXT = """() => Array.from(document.querySelectorAll('figure.chart img')).map(img => {
  const chosen = Array.from(img.closest('figure').querySelectorAll('source'))
    .find(s => s.srcset.split(' ')[0] === img.currentSrc) || img;
  const shown = img.getBoundingClientRect().width, drawn = parseFloat(chosen.getAttribute('width'));
  const points = parseFloat(chosen.dataset.smallestPt);
  return {caption: img.closest('figure').querySelector('figcaption').textContent, phone: chosen !== img,
          px: points / 72 * 110 * shown / drawn};
})"""
LEGIBLE_PX = 11  # the smallest chart text a reader meets, in CSS pixels


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("step", STEPS)
def test_every_page_reads_at_a_phones_and_a_desktops_width(browser, reports, step, width):
    """Nothing wider than the screen unless it scrolls in its box; a table that scrolls says so and is a keyboard
    stop (at 1 280 px no table needs to); no heading breaks inside a word; charts' text at least 11 px (a phone
    gets the chart drawn for it)."""
    context, page = _page(browser, reports, width, step=step)
    try:
        found = page.evaluate(OVERFLOWING)
        boxes = page.evaluate(TABLE_BOXES)
        split = page.evaluate(SPLIT_WORDS)
        charts = page.evaluate(CHART_TEXT)
    finally:
        context.close()
    assert found["page"] <= found["viewport"], f"{step} rullar i sidled vid {width} px: {found}"
    assert found["bad"] == [], f"{step}: vid {width} px sticker något ut utan att kunna rullas: {found['bad']}"
    assert boxes, f"{step} har inga tabeller i rullbara rutor"
    silent = [b for b in boxes if b["overflows"] != b["hint"] or b["overflows"] != b["focusable"]]
    assert silent == [], f"{step}: tabeller vars tips eller tangentbordsstopp inte stämmer vid {width} px: {silent}"
    if width >= 1280:
        assert [b for b in boxes if b["overflows"]] == [], f"{step}: tabeller som skärs av vid {width} px"
    assert split == [], f"{step}: rubrikord som bryts mitt i vid {width} px: {split}"
    small = [c for c in charts if c["px"] < LEGIBLE_PX]
    assert small == [], f"{step}: diagramtext mindre än {LEGIBLE_PX} px vid {width} px: {small}"
    assert all(c["phone"] == (width < 640) for c in charts), charts


@pytest.mark.parametrize("javascript", [True, False])
def test_no_english_or_code_a_reader_sees(browser, reports, javascript):
    context, page = _page(browser, reports, 1280, javascript)
    try:
        if javascript:
            page.wait_for_function("document.querySelectorAll('.dt-container, .dataTables_wrapper').length >= 1")
        text = page.evaluate("document.body.innerText")
        static_quotes = page.evaluate(
            "Array.from(document.querySelectorAll('.print-only')).filter(e => e.offsetParent !== null).length"
        )
    finally:
        context.close()
    assert _foreign_words(text) == [], f"ord som inte är läsarens ({'med' if javascript else 'utan'} JavaScript)"
    # Without JavaScript the searchable tables give way to their whole static copies.
    assert (static_quotes > 0) == (not javascript)


_PRINTED: dict = {}


def _printed(reports, tmp_path_factory) -> tuple[Path, str]:
    """The reviewers' report printed as make pdf prints it (once per study and session): the PDF and what the
    runner said. In the runner's own process: Playwright's sync API runs one loop per process."""
    key = str(reports.folder)
    if key not in _PRINTED:
        pdf = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
        printed = subprocess.run(
            [
                sys.executable,
                "-m",
                "collabstudy.runner",
                "pdf",
                "--html",
                str(reports.html_path()),
                "--output",
                str(pdf),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert printed.returncode == 0, printed.stderr
        _PRINTED[key] = (pdf, printed.stdout)
    return _PRINTED[key]


def test_the_printed_report_has_every_table_heading_and_page_numbers(browser, reports, tmp_path_factory):
    from pypdf import PdfReader

    context, page = _page(browser, reports, 1280)
    try:
        page.emulate_media(media="print")
        headings = page.evaluate(
            """() => Array.from(document.querySelectorAll('table th'))
                 .filter(th => th.offsetParent !== null && th.closest('details') === null)
                 .map(th => th.innerText.trim()).filter(t => t)"""
        )
    finally:
        context.close()
    pdf, said = _printed(reports, tmp_path_factory)
    reader = PdfReader(str(pdf))
    pages = len(reader.pages)
    assert f"({pages} sidor, A4)" in said
    text = "".join(p.extract_text() for p in reader.pages)
    squeezed = re.sub(r"\s+", "", text)
    missing = sorted({h for h in headings if re.sub(r"\s+", "", h) not in squeezed})
    assert headings and missing == [], f"kolumnrubriker som saknas i PDF:en: {missing}"
    assert f"Sida 1 av {pages}" in reader.pages[0].extract_text()
    assert "file:" not in text and "/tmp" not in text and "build/" not in text
    assert _foreign_words(text) == []
    print(f"PDF: {pages} sidor")


def _squeezed(text: str) -> str:
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_the_printed_report_wastes_no_page_and_numbers_its_contents(reports, tmp_path_factory):
    """No page but the last is near empty (a title alone, a heading before a landscape table), no heading is
    left at the foot of a page, and the contents give each section's page, as the PDF's outline has it."""
    from pypdf import PdfReader

    from collabstudy.runner.pdf import outline_entries

    reader = PdfReader(str(_printed(reports, tmp_path_factory)[0]))
    texts = [_squeezed(page.extract_text() or "") for page in reader.pages]
    near_empty = [number for number, text in enumerate(texts[:-1], start=1) if len(text) < 400]
    assert near_empty == [], f"nästan tomma sidor: {near_empty}"
    entries = outline_entries(reader)
    assert len(entries) >= 13
    for entry, page in entries:
        title = _squeezed(str(entry.title))
        text = re.sub(r"Sida\d+av\d+$", "", texts[page - 1])
        assert title in text, f"rubriken {entry.title!r} står inte på sidan {page} som dispositionen anger"
        after = len(text) - text.index(title) - len(title)
        assert page == len(texts) or after >= 40, f"rubriken {entry.title!r} står ensam sist på sidan {page}"
    # The contents (page 1): every section (the title's children in the outline) with its page after it.
    children = next(item for item in reader.outline if isinstance(item, list))
    sections = [
        (entry, reader.get_destination_page_number(entry) + 1) for entry in children if not isinstance(entry, list)
    ]
    assert len(sections) >= 13
    for entry, page in sections:
        assert f"{_squeezed(str(entry.title))}{page}" in texts[0], (
            f"innehållet anger inte sidan {page} för {entry.title!r}"
        )


def _structure(node):
    """Every element of a tagged PDF's structure tree, depth first."""
    node = node.get_object()
    yield node
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            yield from _structure(kid)


def test_the_printed_report_is_tagged_for_assistive_technology(reports, tmp_path_factory):
    """Tagged (a structure tree a screen reader follows), in Swedish, titled, with an outline of the headings
    and each chart's alt text."""
    import lxml.html
    from pypdf import PdfReader

    from collabstudy.runner.pdf import outline_entries

    reader = PdfReader(str(_printed(reports, tmp_path_factory)[0]))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "PDF:en är inte taggad"
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "sv"
    assert reader.metadata.title == reports.params["study"]["title"]
    page = lxml.html.document_fromstring(reports.html())
    sections = [" ".join(h.text_content().split()) for h in page.iter("h2")]
    titles = iter(str(entry.title) for entry, _ in outline_entries(reader))
    missing = [section for section in sections if section not in titles]  # in order: `in` consumes the iterator
    assert missing == [], f"dispositionen saknar avsnitt eller har dem i fel ordning: {missing}"
    structure = list(_structure(root["/StructTreeRoot"]))
    kinds = {str(node.get("/S")) for node in structure}
    assert {"/H1", "/H2", "/P", "/Table", "/Figure", "/L"} <= kinds, kinds
    alts = {str(node.get("/Alt")) for node in structure if node.get("/S") == "/Figure" and node.get("/Alt")}
    charts = [img.get("alt") for img in page.xpath("//figure[contains(@class, 'chart')]//img")]
    assert charts and all(alt in alts for alt in charts), "diagram utan sin alternativtext i PDF:en"
