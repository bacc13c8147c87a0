"""The evaluators' own judgement (params raw_files.evaluators_text): their Markdown, shown as theirs.

What no data can give — recommendations, the joint management's reflections, context such as a
pandemic — is written by people. It is shown in a framed section of its own and never mixed with the
computed figures. The Markdown is rendered here with mistune (nbconvert's own Markdown library) with
raw HTML escaped, and links and images shown as text, never followed or loaded.
"""

from __future__ import annotations

import html
import re

import mistune

from ..io.decoding import decode

# Their '##' becomes '###' under the section's own h2 (setext headings are written as ATX first).
_SETEXT = re.compile(r"^(?P<text>[^\n]+)\n(?P<rule>=+|-+)[ \t]*$", re.MULTILINE)


class _TextOnlyLinks(mistune.HTMLRenderer):
    """Links and images as their text: an evaluators' file cannot point the reader anywhere."""

    def link(self, text, url, title=None):
        return text

    def image(self, text, url, title=None):
        return html.escape(text)


_RENDER = mistune.create_markdown(escape=True, renderer=_TextOnlyLinks(escape=True))


def evaluators_markdown(text: str) -> str:
    """The evaluators' Markdown with every heading one level lower (their '##' becomes '###')."""
    text = _SETEXT.sub(lambda m: ("# " if m["rule"][0] == "=" else "## ") + m["text"], text)
    return re.sub(r"^[ ]{0,3}(#{1,5})(?=\s)", lambda m: "#" + m[1], text, flags=re.MULTILINE).strip()


def evaluators_html(text: str) -> str:
    """The evaluators' text as HTML: raw HTML escaped, links and images as text."""
    return _RENDER(evaluators_markdown(text))


class EvaluatorsText:
    """The evaluators' own text of a study (params raw_files.evaluators_text), for the section that shows
    it (templates/rapporttext/11-utvarderarnas-bedomning.html.j2)."""

    def __init__(self, params):
        self.params = params

    @property
    def source(self) -> str:
        params = self.params
        return params.published.source if params.published is not None else params.values.study.source

    def html(self):
        from markupsafe import Markup

        deliveries = self.params.deliveries("evaluators_text")
        if not deliveries:
            return Markup("")
        return Markup(evaluators_html(decode(deliveries[0].path.read_bytes(), deliveries[0].display)))
