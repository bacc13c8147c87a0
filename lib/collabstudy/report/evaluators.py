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
import pandas as pd

from ..io.decoding import decode
from ..study.errors import StudyInputError

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


# A reference to a picture the report does not show ("i bilden nedan"): marked where it stands.
_PICTURE = re.compile(r"\bi (bilden|figuren) (nedan|ovan)\b", re.IGNORECASE)
# What the study finds wrong with a statement of theirs (the cleaning log's severities a reader is told of).
CONTRADICTED = ("fel", "varning")


def study_remarks(statements: pd.DataFrame, log: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """(a sentence of the evaluators' text, what the study's checks found wrong with the figures it states),
    for each sentence the statements table points at (its column 'I utvärderarnas bedömning') whose check
    found an error or a warning; in the text's order of the table."""
    if statements.empty or "evaluators_sentence" not in statements:
        return []
    found: dict[str, list[str]] = {}
    for st in statements.itertuples():
        sentence = str(st.evaluators_sentence or "").strip()
        if not sentence or sentence == "nan":
            continue
        # the statement's own check (the impossible-date finding is about the date, not this sentence's figure)
        checks = log[log["check"].astype(str).str.match(rf"textuppgift {re.escape(st.id)}\b")]
        problems = [str(p) for p in checks.loc[checks["severity"].isin(CONTRADICTED), "problem"] if str(p).strip()]
        remarks = found.setdefault(sentence, [])
        remarks += [p for p in problems if p not in remarks]
    return [(sentence, remarks) for sentence, remarks in found.items() if remarks]


class EvaluatorsText:
    """The evaluators' own text of a study (params raw_files.evaluators_text), for the section that shows
    it (templates/rapporttext/11-utvarderarnas-bedomning.html.j2): their words as they wrote them, with the
    study's remark beside each statement its own figures contradict and a mark where they refer to a
    picture the report does not show. The remarks are the study's, set apart and named as such."""

    def __init__(self, params, statements: pd.DataFrame | None = None, log: pd.DataFrame | None = None):
        self.params = params
        self.statements = statements if statements is not None else pd.DataFrame()
        self.log = log if log is not None else pd.DataFrame(columns=["check", "severity", "problem"])

    @property
    def source(self) -> str:
        params = self.params
        return params.published.source if params.published is not None else params.values.study.source

    def html(self):
        from markupsafe import Markup

        deliveries = self.params.deliveries("evaluators_text")
        if not deliveries:
            return Markup("")
        rendered = evaluators_html(decode(deliveries[0].path.read_bytes(), deliveries[0].display))
        from ..io.provenance import Provenance

        cited = Provenance(self.params.root).readers_text
        for sentence, remarks in study_remarks(self.statements, self.log):
            shown = html.escape(sentence, quote=False)
            if shown not in rendered:
                row = self.statements.loc[self.statements["evaluators_sentence"] == sentence].iloc[0]
                raise StudyInputError(
                    f"meningen ”{sentence[:80]}” finns inte i utvärderarnas text ({deliveries[0].display}); "
                    "skriv den som den står där",
                    file=row["file"],
                    row=int(row["row"]),
                    column="I utvärderarnas bedömning",
                )
            note = " ".join(cited(r) for r in remarks)
            remark = f'{shown} <span class="study-note">[Studiens anmärkning: {html.escape(note, quote=False)} Se bilaga A.]</span>'
            rendered = rendered.replace(shown, remark, 1)
        rendered = _PICTURE.sub(
            lambda m: (
                f'{m.group(0)} <span class="study-note">[bilden återges inte här; den finns i källrapporten]</span>'
            ),
            rendered,
        )
        return Markup(rendered)
