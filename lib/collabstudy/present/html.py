"""The exported HTML, finished for readers: Swedish, offline, with a table of contents.

nbconvert renders through the project template (templates/rapport: no CDN scripts); this step
removes whatever could still reach the network, numbers the headings' anchors, and adds the
title block and the table of contents with links that land on their headings.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup

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


def finish(html: str, *, title: str, meta: str = "", toc: bool = True) -> str:
    """Swedish, offline, titled; with a table of contents of the h2/h3 headings when `toc`."""
    soup = BeautifulSoup(html, "html.parser")
    soup.html["lang"] = "sv"
    if soup.title is None:
        soup.head.append(soup.new_tag("title"))
    soup.title.string = title
    for tag in soup.find_all(["script", "link", "img", "iframe"]):
        source = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
        if source and EXTERNAL.match(source):
            tag.decompose()
    for tag in soup.find_all("script"):
        if tag.get("type") == "text/x-mathjax-config":
            tag.decompose()
    for anchor in soup.select("a.anchor-link"):
        anchor.decompose()
    taken: set[str] = set()
    headings = soup.find_all(["h1", "h2", "h3"])
    for heading in headings:
        heading["id"] = slug(heading.get_text(" ", strip=True), taken)
    first = soup.find("h1")
    if first is not None and meta:
        block = soup.new_tag("p", attrs={"class": "report-meta"})
        block.string = meta
        first.insert_after(block)
    if toc and first is not None:
        nav = soup.new_tag("nav", attrs={"class": "toc", "aria-label": "Innehåll"})
        nav_heading = soup.new_tag("p")
        nav_heading.string = "Innehåll"
        nav.append(nav_heading)
        listing = soup.new_tag("ol")
        for heading in soup.find_all("h2"):
            item = soup.new_tag("li")
            link = soup.new_tag("a", href=f"#{heading['id']}")
            link.string = heading.get_text(" ", strip=True)
            item.append(link)
            listing.append(item)
        nav.append(listing)
        (first.find_next_sibling("p", class_="report-meta") or first).insert_after(nav)
    return str(soup)
