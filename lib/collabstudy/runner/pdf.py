"""The reviewers' report printed to A4 (`make pdf`): Chromium through Playwright, offline, with the print
stylesheet, page numbers in the footer and nothing else there (no date, no file path).

Chromium's own command line can only turn its header and footer off; Playwright's page.pdf takes a
footer template, so page numbers come from the browser's own counters.

The PDF is tagged (a structure tree with headings, lists, tables and each chart's alt text, for screen readers;
Chromium's `tagged`), has an outline of the headings, the page's language and its title. The contents list
page numbers: Chromium cannot compute a heading's page in CSS (no target-counter), so the report is printed,
each heading's page read from that PDF's outline, the numbers written into the contents, and printed again
(until the numbers hold: the contents' numbers take no room, so the second printing normally does).

Chromium's outline needs two corrections, made here: a heading it first laid out at the foot of a page and then
moved to the next (to keep it with its text) keeps the first page as its destination, and its title repeats
the heading (or its first line); titles also lose the space at a line break. Each entry's page is checked
against the pages' text (the heading on the next page and not on its own: the next page), and its title is
the heading's own text; the contents' links (named destinations) get the same pages.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FOOTER = (
    '<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif;color:#444">'
    'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
)
MARGINS = {"top": "18mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}
PRINTINGS = 3  # at most: the first gives the pages, the second should confirm them

# Every heading the printed page shows, in document order (the outline's order), with its id and text.
HEADINGS = """() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
  .filter(h => h.getClientRects().length > 0)
  .map(h => ({id: h.id, text: h.textContent.replace(/\\s+/g, ' ').trim()}))"""
# The page number after each entry of the contents (nav.toc), from {heading id: page}.
NUMBER_CONTENTS = """numbers => {
  for (const link of document.querySelectorAll('nav.toc a[href^="#"]')) {
    let number = link.parentElement.querySelector('.toc-page');
    if (!number) {
      number = document.createElement('span');
      number.className = 'toc-page';
      link.after(number);
    }
    const page = numbers[decodeURIComponent(link.getAttribute('href').slice(1))];
    number.textContent = page ? String(page) : '';
    if (page) number.setAttribute('aria-label', 'sidan ' + page); else number.removeAttribute('aria-label');
  }
}"""


def _squeezed(text: str) -> str:
    """Text without spaces, ligatures and compatibility forms unfolded: how a heading is found in a page's text."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def outline_entries(reader) -> list[tuple[object, int]]:
    """The PDF's outline in reading order: (entry, page number from 1)."""
    found: list[tuple[object, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def match_headings(titles: list[str], headings: list[dict]) -> list[dict | None]:
    """For each outline title, the heading it was made from (or None): in order, the next heading whose text,
    without spaces, is in the title (Chromium's title may lack a space at a line break, or repeat the heading or
    its first line)."""
    matched: list[dict | None] = []
    position = 0
    for title in titles:
        squeezed = _squeezed(title)
        for index in range(position, len(headings)):
            text = _squeezed(headings[index]["text"])
            if text and text in squeezed:
                matched.append(headings[index])
                position = index + 1
                break
        else:
            matched.append(None)
    return matched


class Placed:
    """The outline's entries, each with the heading it was made from and the page that heading is printed on."""

    def __init__(self, reader, headings: list[dict]):
        self.reader = reader
        self.entries = outline_entries(reader)
        self.headings = match_headings([str(entry.title) for entry, _ in self.entries], headings)
        self._texts: dict[int, str] = {}
        self.pages = [self._page(heading, page) for heading, (_, page) in zip(self.headings, self.entries)]

    def _text(self, page: int) -> str:
        if page not in self._texts:
            self._texts[page] = _squeezed(self.reader.pages[page - 1].extract_text() or "")
        return self._texts[page]

    def _page(self, heading: dict | None, page: int) -> int:
        """The outline's page, or the next one when the heading is printed there and not on it."""
        if heading is None or page >= len(self.reader.pages):
            return page
        text = _squeezed(heading["text"])
        if text and text not in self._text(page) and text in self._text(page + 1):
            return page + 1
        return page

    def by_id(self) -> dict[str, int]:
        """{heading id: the page it is printed on}."""
        return {h["id"]: page for h, page in zip(self.headings, self.pages) if h and h.get("id")}


def heading_pages(pdf: bytes, headings: list[dict]) -> dict[str, int]:
    """{heading id: the page it is printed on}, from the PDF's outline checked against its text."""
    from pypdf import PdfReader

    return Placed(PdfReader(io.BytesIO(pdf)), headings).by_id()


def finished(pdf: bytes, headings: list[dict]) -> bytes:
    """The PDF with each outline entry titled by its heading's text and pointing at the page the heading is
    printed on, and the contents' links (named destinations) at the same pages; all else as Chromium made it
    (structure tree, language, title)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NullObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    placed = Placed(reader, headings)
    writer = PdfWriter(clone_from=reader)

    def top_of(page: int) -> ArrayObject:
        target = writer.pages[page - 1]
        return ArrayObject(
            [
                target.indirect_reference,
                NameObject("/XYZ"),
                NullObject(),
                FloatObject(target.mediabox.top),
                NullObject(),
            ]
        )

    moved = {i for i, (_, page) in enumerate(placed.entries) if placed.pages[i] != page}
    fixes = iter(
        (heading["text"] if heading else None, top_of(placed.pages[i]) if i in moved else None)
        for i, heading in enumerate(placed.headings)
    )

    def rewrite(item) -> None:  # the same order as outline_entries: depth first
        while item is not None:
            entry = item.get_object()
            title, destination = next(fixes, (None, None))
            if title:
                entry[NameObject("/Title")] = TextStringObject(title)
            if destination is not None:
                entry[NameObject("/Dest")] = destination
            if "/First" in entry:
                rewrite(entry["/First"])
            item = entry.get("/Next")

    root = writer._root_object
    outlines = root.get("/Outlines")
    if outlines is not None and "/First" in outlines.get_object():
        rewrite(outlines.get_object()["/First"])
    pages = placed.by_id()
    dests = root.get("/Dests")
    if dests is not None:
        dests = dests.get_object()
        for name in list(dests.keys()):
            page = pages.get(str(name)[1:])
            if page and reader.get_destination_page_number(reader.named_destinations[name]) + 1 != page:
                dests[NameObject(name)] = top_of(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def print_pdf(html: Path, output: Path) -> int:
    """Print `html` to `output` (written atomically); the number of pages."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    from ..io.atomic import atomic_path

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"Chromium saknas ({CHROMIUM}); installera det med apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context()
            context.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            page = context.new_page()
            page.goto(Path(html).resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            headings = page.evaluate(HEADINGS)
            numbers: dict[str, int] = {}
            for _ in range(PRINTINGS):
                page.evaluate(NUMBER_CONTENTS, numbers)
                pdf = page.pdf(
                    format="A4",
                    print_background=False,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                    margin=MARGINS,
                    tagged=True,
                    outline=True,
                )
                printed = heading_pages(pdf, headings)
                if printed == numbers:
                    break
                numbers = printed
        finally:
            browser.close()
    pdf = finished(pdf, headings)
    with atomic_path(Path(output)) as tmp:
        Path(tmp).write_bytes(pdf)
        pages = len(PdfReader(str(tmp)).pages)
    return pages
