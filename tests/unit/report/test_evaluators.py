"""collabstudy.report.evaluators: the evaluators' own text, shown as theirs and never run."""

from __future__ import annotations

import pytest

from collabstudy.report.evaluators import HEADING, evaluators_html, evaluators_markdown, evaluators_section


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


def test_the_section_says_whose_text_it_is_and_is_framed(published):
    section = evaluators_section(published)
    assert section.startswith(f"<h2>{HEADING}</h2>") and '<section class="evaluators"' in section
    assert "utvärderarnas egen text" in section and "inte beräknat ur data" in section
    assert "<h3>Hur skulle samverkan kunna utvecklas?</h3>" in section


def test_no_section_without_an_evaluators_text(published):
    files = published.values.raw_files.model_copy(update={"evaluators_text": None})
    study = published.model_copy(update={"values": published.values.model_copy(update={"raw_files": files})})
    assert evaluators_section(study) == ""
