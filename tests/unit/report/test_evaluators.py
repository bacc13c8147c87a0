"""collabstudy.report.evaluators: the evaluators' own text, shown as theirs and never run."""

from __future__ import annotations

from collabstudy.report.evaluators import HEADING, evaluators_markdown, evaluators_section


def test_headings_move_one_level_down_under_the_section():
    text = evaluators_markdown("## Rekommendationer\n\n### Mål\n\nText.\n#### Chef\n")
    assert text.splitlines()[0] == "### Rekommendationer"
    assert "#### Mål" in text and "##### Chef" in text


def test_html_and_links_are_shown_as_text():
    text = evaluators_markdown("<script>alert(1)</script> [klicka](javascript:alert(1)) ![bild](x.png)")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "](" not in text.replace("\\](", "")


def test_a_hash_without_a_space_is_not_a_heading():
    assert evaluators_markdown("#hashtag") == "#hashtag"


def test_the_section_says_whose_text_it_is(published):
    section = evaluators_section(published)
    assert section.startswith(f"## {HEADING}")
    assert "utvärderarnas egen text" in section and "inte beräknat ur data" in section
    assert "### Hur skulle samverkan kunna utvecklas?" in section


def test_no_section_without_an_evaluators_text(published):
    files = published.values.raw_files.model_copy(update={"evaluators_text": None})
    study = published.model_copy(update={"values": published.values.model_copy(update={"raw_files": files})})
    assert evaluators_section(study) == ""
