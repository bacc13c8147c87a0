"""The exported HTML, finished for readers: Swedish, offline, with a table of contents.

nbconvert renders through the project template (templates/rapport: no CDN scripts); this step
removes whatever could still reach the network, numbers the headings' anchors, adds the
title block and the table of contents with links that land on their headings, and puts every table in
a box of its own that scrolls sideways when the table is wider than the screen (with a hint the page's
script shows while it does).
"""

from __future__ import annotations

import re
import unicodedata

import lxml.html
from lxml import etree

EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def slug(text: str, taken: set[str]) -> str:
    """An ASCII id for a heading, unique in the page ('Resultat mot målet' → 'resultat-mot-malet')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "avsnitt"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _text(element) -> str:
    """An element's text as a reader sees it: its pieces stripped and joined by single spaces."""
    return " ".join(piece.strip() for piece in element.itertext() if piece.strip())


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


SCROLL_HINT = "Svep eller rulla i sidled för fler kolumner →"  # the page's script says the same


def _searchable(table, ids: set[str]) -> bool:
    """A table that DataTables (itables) takes over in the browser, or its loading preview: it gets its scroll
    box from the page's script once DataTables has laid it out."""
    if table.get("id") and f"{table.get('id')}_fallback" in ids:
        return True
    return any((a.get("id") or "").endswith("_fallback") for a in table.iterancestors("div"))


def _scroll_boxes(document) -> None:
    """Every table in a box that scrolls sideways (`.table-scroll`), named after the heading above it (a
    keyboard stop, as a region, while it scrolls: WCAG 2.1.1), with the hint above the box; nested tables
    and the searchable tables excepted."""
    ids = {e.get("id") for e in document.iter() if e.get("id")}
    names: dict[str, int] = {}
    last = ""
    for element in list(document.iter("h2", "h3", "h4", "table")):
        if element.tag != "table":
            last = _text(element)
            continue
        if next(element.iterancestors("table"), None) is not None or _searchable(element, ids):
            continue
        name = f"Tabell: {last}" if last else "Tabell"
        names[name] = names.get(name, 0) + 1
        box = etree.Element(
            "div",
            {
                "class": "table-scroll",
                "tabindex": "0",
                "role": "region",
                "aria-label": name if names[name] == 1 else f"{name} ({names[name]})",
            },
        )
        hint = etree.Element("p", {"class": "scroll-hint", "aria-hidden": "true"})
        hint.text = SCROLL_HINT
        box.tail, element.tail = element.tail, None
        element.addprevious(hint)
        element.addprevious(box)
        box.append(element)


def _wide_sections(document) -> None:
    """A table printed on landscape pages (`.wide`) takes its section's heading and introduction along: the
    output before it (past any that only the screen shows) is marked `.wide` too when it is one section, so
    the heading is not left alone on a portrait page before the landscape ones."""
    outputs = document.xpath(f"//div[{_has_class('jp-OutputArea-child')}][.//*[{_has_class('wide')}]]")
    for output in outputs:
        # An output only the screen shows still leaves an empty box on paper: between two landscape ones it
        # would be a portrait page of its own, so it goes along too.
        along, before = [], output.getprevious()
        while before is not None and before.xpath(
            f"./div/*[{_has_class('screen-only')}] and not(./div/*[not({_has_class('screen-only')})])"
        ):
            along.append(before)
            before = before.getprevious()
        if before is None or len(before.xpath(".//h2 | .//h3")) != 1 or before.xpath(f".//*[{_has_class('wide')}]"):
            continue
        for each in [before, *along]:
            each.set("class", f"{each.get('class', '')} wide".strip())


def finish(html: str, *, title: str, meta: str = "", toc: bool = True) -> str:
    """Swedish, offline, titled; with a table of contents of the h2/h3 headings when `toc`.

    One pass over the page with lxml (a C parser: a second on the 4 MB page of a 10 000-respondent
    survey, where BeautifulSoup took five). It also does what nbconvert's HTML exporter would do in a
    pass of its own (runner.export skips that one): alt text for an image without any, and
    focusable code and output areas for keyboard readers.
    """
    document = lxml.html.document_fromstring(html)
    # libxml2's HTML parser does not know <source> is empty: it would hold the <picture>'s <img>.
    for source in document.iter("source"):
        for child in reversed(list(source)):
            source.addnext(child)
    document.set("lang", "sv")
    head = document.find("head")
    title_element = head.find("title")
    if title_element is None:
        title_element = etree.SubElement(head, "title")
    title_element.text = title
    for tag in list(document.iter("script", "link", "img", "iframe", "source")):
        source = tag.get("src") or (tag.get("href") if tag.tag == "link" else None)
        # a <picture>'s other image: every address its srcset lists
        wanted = [source] + [each.split()[0] for each in (tag.get("srcset") or "").split(", ") if each.strip()]
        if any(w and EXTERNAL.match(w) for w in wanted) or (
            tag.tag == "script" and tag.get("type") == "text/x-mathjax-config"
        ):
            tag.drop_tree()
    for anchor in document.xpath(f"//a[{_has_class('anchor-link')}]"):
        anchor.drop_tree()
    for image in document.iter("img"):
        if image.get("alt") is None:
            image.set("alt", "Bild utan beskrivning")
    for area in document.xpath(f"//div[{_has_class('jp-Cell-inputWrapper')} or {_has_class('jp-OutputArea-output')}]"):
        area.set("tabindex", "0")
    _scroll_boxes(document)
    _wide_sections(document)
    taken: set[str] = set()
    for heading in document.iter("h1", "h2", "h3"):
        heading.set("id", slug(_text(heading), taken))
    first = next(document.iter("h1"), None)
    if first is not None and meta:
        block = etree.Element("p", {"class": "report-meta"})
        block.text = meta
        first.addnext(block)
        first = block
    if toc and first is not None:
        nav = etree.Element("nav", {"class": "toc", "aria-label": "Innehåll"})
        etree.SubElement(nav, "p").text = "Innehåll"
        listing = etree.SubElement(nav, "ol")
        for heading in document.iter("h2"):
            link = etree.SubElement(etree.SubElement(listing, "li"), "a", {"href": f"#{heading.get('id')}"})
            link.text = _text(heading)
        first.addnext(nav)
    page = lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="unicode")
    return page.replace("</source>", "")  # an empty element has no end tag
