"""The evaluators' own judgement (params raw_files.evaluators_text): their Markdown, shown as theirs.

What no data can give — recommendations, the joint management's reflections, context such as a
pandemic — is written by people. It is shown in a marked section of its own and never mixed with
the computed figures; raw HTML and links in it are shown as text, never run.
"""

from __future__ import annotations

import html
import re

from ..io.decoding import decode

HEADING = "Utvärderarnas bedömning"


def evaluators_markdown(text: str) -> str:
    """The evaluators' Markdown made safe to place under a level-2 heading: HTML escaped, links and
    images shown as text, every heading one level lower (their '##' becomes '###')."""
    lines = []
    for line in text.splitlines():
        line = html.escape(line, quote=False).replace("[", "\\[").replace("]", "\\]")
        heading = re.match(r"^(#{1,5})(\s)", line)
        if heading:
            line = "#" + line
        lines.append(line)
    return "\n".join(lines).strip()


def evaluators_section(params) -> str:
    """The section 'Utvärderarnas bedömning', or '' when the study has no evaluators' text."""
    deliveries = params.deliveries("evaluators_text")
    if not deliveries:
        return ""
    text = decode(deliveries[0].path.read_bytes(), deliveries[0].display)
    source = params.published.source if params.published is not None else params.values.study.source
    return (
        f"## {HEADING}\n\n"
        f"*Det här avsnittet är utvärderarnas egen text ({html.escape(source, quote=False)}), inte beräknat ur "
        "data: deras förklaringar, rekommendationer och den gemensamma ledningens reflektioner. Siffror i texten "
        "är deras; studiens egna siffror står i avsnitten ovan.*\n\n" + evaluators_markdown(text)
    )
