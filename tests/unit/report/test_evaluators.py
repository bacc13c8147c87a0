"""collabstudy.report.evaluators: the evaluators' own text, shown as theirs and never run."""

from __future__ import annotations

import pytest

from collabstudy.report.evaluators import EvaluatorsText, evaluators_html, evaluators_markdown


def test_headings_move_one_level_down_under_the_section():
    text = evaluators_markdown("## Rekommendationer\n\n### Mål\n\nText.\n#### Chef\n")
    assert text.splitlines()[0] == "### Rekommendationer"
    assert "#### Mål" in text and "##### Chef" in text


def test_setext_and_indented_headings_move_down_too():
    text = evaluators_markdown("Titel\n=====\n\nUnder\n-----\n  ## Indrag\n")
    assert "## Titel" in text and "### Under" in text and "### Indrag" in text
    assert "<h1>" not in evaluators_html("Titel\n=====\n")


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[klicka](javascript:alert(1))",
        "![bild](http://example.org/x.png)",
        "\\!\\[x\\](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<https://example.org>",
    ],
)
def test_html_links_and_images_are_shown_as_text(hostile):
    rendered = evaluators_html(f"Text {hostile} mer text.")
    assert "<script" not in rendered and "<a " not in rendered and "<img" not in rendered


def test_a_hash_without_a_space_is_not_a_heading():
    assert evaluators_markdown("#hashtag") == "#hashtag"


def section(params) -> str:
    """The section as the report renders it (templates/rapporttext/11-utvarderarnas-bedomning.html.j2)."""
    from types import SimpleNamespace

    from collabstudy.present import text

    x = SimpleNamespace(has_evaluators_text=bool(params.deliveries("evaluators_text")))
    parts = text.render_parts("11-utvarderarnas-bedomning.html.j2", x=x, evaluators=EvaluatorsText(params))
    return parts[0].html if parts else ""


def test_the_section_says_whose_text_it_is_and_is_framed(published):
    shown = section(published)
    assert shown.startswith("<h2>Utvärderarnas bedömning</h2>") and '<section class="evaluators"' in shown
    assert "utvärderarnas egen text" in shown and "inte beräknat ur data" in shown
    assert "<h3>Hur skulle samverkan kunna utvecklas?</h3>" in shown


def test_no_section_without_an_evaluators_text(published):
    files = published.values.raw_files.model_copy(update={"evaluators_text": None})
    study = published.model_copy(update={"values": published.values.model_copy(update={"raw_files": files})})
    assert section(study) == ""
