"""The reviewers' report printed to A4 (`make pdf`): Chromium through Playwright, offline, with the print
stylesheet, page numbers in the footer and nothing else there (no date, no file path).

Chromium's own command line can only turn its header and footer off; Playwright's page.pdf takes a
footer template, so page numbers come from the browser's own counters.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FOOTER = (
    '<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif;color:#444">'
    'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
)
MARGINS = {"top": "18mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}


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
            with atomic_path(Path(output)) as tmp:
                page.pdf(
                    path=str(tmp),
                    format="A4",
                    print_background=False,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                    margin=MARGINS,
                )
                pages = len(PdfReader(str(tmp)).pages)
        finally:
            browser.close()
    return pages
