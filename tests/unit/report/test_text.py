"""The report's text layer: templates that keep their rules, figures that carry their keys, data shown as
written, and every verdict worded in one place."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from jinja2 import TemplateError

from collabstudy.io.figures import Stated
from collabstudy.present import text, text_rules
from collabstudy.study.paths import CODE_PROJECT

TEMPLATES = sorted(text.TEXT_TEMPLATES.rglob("*.j2"))


def render(source: str, **context) -> str:
    return text.environment().from_string(source).render(**context)


# --- the templates' rules -------------------------------------------------------------------------


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(text.TEXT_TEMPLATES)))
def test_no_template_compares_or_computes_numbers(path: Path):
    assert text_rules.rule_breaks(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("{% if x.value(k.GAP) > 0 %}ökat{% endif %}", "jämför tal"),
        ("{{ count / whole }}", "räknar (/)"),
        ("{{ x.fig('a') | number }}{% if a == b %}lika{% endif %}", "jämför två värden"),
        ('{% if verdict.value == "mett" %}nått{% endif %}', "okänt ord 'mett'"),
        ("{{ 1 - level }}", "räknar (-)"),
    ],
)
def test_the_rule_check_finds_what_a_template_must_not_do(source, found):
    assert any(found in said for said in text_rules.rule_breaks(source))


def test_the_rule_check_lets_words_and_verdicts_be_compared():
    allowed = '{% if v.value == "met" and not w %}a{% elif a.value == b.value or c in d %}b{% endif %}'
    assert text_rules.rule_breaks(allowed) == []


# --- one wording per verdict ------------------------------------------------------------------------

# Each of these states a verdict; it may be written in exactly one place, a template.
VERDICT_WORDINGS = [
    "Målet är nått.",
    "Målet är inte nått.",
    "Det går ännu inte att säga om målet är nått.",
    "ett ekvivalenstest visar att skillnaden ligger inom",
    "hela intervallet för skillnaden ligger utanför",
    "intervallet för skillnaden når in i",
    "har inte tydligt förändrats",
    "ökningen är statistiskt säkerställd",
    "minskningen är statistiskt säkerställd",
    "skillnaden är inte statistiskt säkerställd",
    "ingen skillnad mellan kommunerna är statistiskt säkerställd",
    "fler avslut till arbete eller studier per 12 månader",
    "når {{ goal }} redan",
    "har ingen månadsserie i underlaget",
    "tillförlitlig{% elif",
    "lika många som",
    "så många som",
]


def _said_in_python(source: str) -> str:
    """The strings a module can say (its string constants, f-strings' parts), without docstrings or comments."""
    import ast

    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
        if isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return "\n".join(
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    )


@functools.cache
def _sources() -> dict[str, str]:
    """What each template, module and notebook code cell can say (comments and docstrings left out)."""
    import nbformat

    said = {
        str(p.relative_to(CODE_PROJECT)): re.sub(r"\{#.*?#\}", "", p.read_text(encoding="utf-8"), flags=re.S)
        for p in TEMPLATES
    }
    said |= {
        str(p.relative_to(CODE_PROJECT)): _said_in_python(p.read_text(encoding="utf-8"))
        for p in (CODE_PROJECT / "lib").rglob("*.py")
    }
    for path in (CODE_PROJECT / "notebooks").glob("*.ipynb"):
        cells = nbformat.read(path, as_version=4).cells
        said[str(path.relative_to(CODE_PROJECT))] = "\n".join(c.source for c in cells if c.cell_type == "code")
    return said


@pytest.mark.parametrize("wording", VERDICT_WORDINGS)
def test_each_verdict_is_worded_in_one_template(wording):
    found = [(name, source.count(wording)) for name, source in _sources().items() if wording in source]
    assert len(found) == 1 and found[0][1] == 1, found
    assert found[0][0].startswith("templates/rapporttext/")


def test_no_report_sentence_is_left_in_python():
    """The old prose modules are gone, and no module of the study builds a sentence naming the goal."""
    lib = CODE_PROJECT / "lib" / "collabstudy"
    assert not (lib / "report" / "prose.py").exists() and not (lib / "outcomes" / "sentences.py").exists()
    for name, source in _sources().items():
        if name.endswith(".py"):
            assert "andel avslut till arbete eller studier" not in source, name


# --- figures, data text and Markdown ----------------------------------------------------------------


def test_a_stated_figure_carries_its_key_and_a_plain_number_does_not():
    shown = render("{{ a | percent }} och {{ b | percent }}", a=Stated("S.x.share", 0.2026), b=0.5)
    assert shown == '<span data-key="S.x.share">20,3\u00a0%</span> och 50,0\u00a0%'
    assert text.plain(shown) == "20,3\u00a0% och 50,0\u00a0%"


def test_a_figure_must_be_formatted_and_a_missing_value_chosen_for():
    with pytest.raises(TemplateError, match="filter"):
        render("{{ a }}", a=Stated("k", 1))
    with pytest.raises(TemplateError, match="saknas"):
        render("{{ a }}", a=None)


def test_a_share_of_registry_figures_is_the_registry_s_share_never_computed_in_the_text():
    count, whole = Stated("c", 62), Stated("w", 306)
    with pytest.raises(TemplateError, match="andel ur registret"):
        render("{{ x_of_y(c, w) }}", c=count, w=whole)
    shown = text.plain(render("{{ x_of_y(c, w, s) }}", c=count, w=whole, s=Stated("s", 0.2)))
    assert shown == "62 av 306 (20,0\u00a0%)"  # the registry's share as recorded, not 62/306
    assert text.plain(render("{{ x_of_y(3, 4) }}")) == "3 av 4 (75,0\u00a0%)"  # a technical page's plain numbers


@pytest.mark.parametrize(
    "data",
    [
        "<img src=x onerror=alert(9)>",
        "</td><b>fet</b>",
        "[klicka](https://example.org)",
        "**fet**",
        "# rubrik",
        "`kod`",
    ],
)
def test_text_from_data_is_shown_as_written_never_run(data):
    import mistune

    for source in ("{{ label }}", "{{ label | quoted }}", "{{ [label] | and_list }}", "{{ label | lower }}"):
        html = mistune.html(render(source, label=data))  # as the report's Markdown is rendered
        for markup in ("<img", "<b>", "<a ", "<strong>", "<h1", "<code>"):
            assert markup not in html, (source, html)
    html = text.environment(html=True).from_string("<p>{{ label }}</p>").render(label=data)
    assert "<img" not in html and "<b>" not in html and "\\" not in html


def test_an_interval_with_a_negative_bound_says_till():
    low, high = Stated("lo", -0.175), Stated("hi", -0.069)
    assert text.plain(render("{{ interval(lo, hi, 1, 100) }}", lo=low, hi=high)) == "\u221217,5 till \u22126,9"
    assert text.plain(render("{{ interval(a, b, 2) }}", a=2.57, b=10.28)) == "2,57–10,28"


def test_a_paragraph_written_a_sentence_a_line_reads_as_one_paragraph():
    written = "Första meningen.\nAndra\n  meningen.\n\n\n\n- ett\n  fortsättning\n- två\n\n| a |\n|---|\n"
    assert text._tidy(written) == "Första meningen. Andra meningen.\n\n- ett fortsättning\n- två\n\n| a |\n|---|"


def test_a_section_places_its_tables_where_the_template_says():
    source = "Före.\n\n{{ part(table) }}\n\nEfter."
    folder = Path(text.TEXT_TEMPLATES)
    env = text.environment(folder)
    template = env.from_string(source)
    parts = text._Parts()
    rendered = template.render(part=parts, table="TABELLEN")
    pieces = [p for p in re.split(r"\x00part(\d+)\x00", rendered)]
    assert [p.strip() for p in pieces] == ["Före.", "0", "Efter."] and parts.objects == ["TABELLEN"]


def test_a_box_is_rendered_whole_with_its_markdown_inside():
    box = text.box("**Rubrik**\n\n- en punkt", "reading-guide", "Så läser du")
    assert box.html.startswith('<div class="reading-guide" role="note" aria-label="Så läser du">')
    assert box.html.index("<strong>Rubrik</strong>") < box.html.index("</div>")  # not an empty frame
    assert "<li>en punkt</li>" in box.html


def test_a_template_edited_while_the_kernel_runs_is_read_anew(tmp_path):
    """An analyst changes a sentence in JupyterLab and runs the cell again: the cached environment reads the
    changed file (auto_reload), not the first version."""
    import os
    import time

    template = tmp_path / "avsnitt.md.j2"
    template.write_text("Första lydelsen.", encoding="utf-8")
    assert text.render("avsnitt.md.j2", folder=tmp_path) == "Första lydelsen."
    template.write_text("Andra lydelsen.", encoding="utf-8")
    later = time.time() + 2
    os.utime(template, (later, later))  # a later modification time, as a save a moment later gives
    assert text.render("avsnitt.md.j2", folder=tmp_path) == "Andra lydelsen."


def test_a_figure_recorded_without_a_value_is_said_missing_never_blank():
    count, whole = Stated("c", None, "saknas"), Stated("w", 300)
    shown = text.plain(render("{{ x_of_y(c, w, s) }}", c=count, w=whole, s=Stated("s", None, "saknas")))
    assert shown == "uppgift saknas (av 300)"
    assert text.plain(render("{{ c | percent }} och {{ c | number }}", c=count)) == "uppgift saknas och uppgift saknas"
    assert text.plain(render("{{ x_of_y(c, w, s) }}", c=Stated("c", 5), w=Stated("w", None), s=Stated("s", None))) == (
        "uppgift saknas"
    )


def test_compiled_templates_are_kept_and_a_changed_template_is_compiled_again(tmp_path, monkeypatch):
    folder = tmp_path / "mallar"
    folder.mkdir()
    cache = tmp_path / "cache"
    monkeypatch.setattr(text, "COMPILED_TEMPLATES", cache)
    (folder / "a.md.j2").write_text("Första lydelsen.\n", encoding="utf-8")
    assert text.render("a.md.j2", folder) == "Första lydelsen."
    assert list(cache.rglob("*.jinja2"))  # kept for the next process
    text.environment.cache_clear()  # as a new process
    assert text.render("a.md.j2", folder) == "Första lydelsen."
    (folder / "a.md.j2").write_text("Andra lydelsen.\n", encoding="utf-8")
    text.environment.cache_clear()
    assert text.render("a.md.j2", folder) == "Andra lydelsen."
    text.environment.cache_clear()


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    folder = tmp_path / "mallar"
    folder.mkdir()
    (tmp_path / "upptagen").write_text("", encoding="utf-8")  # a file where the folder would be
    monkeypatch.setattr(text, "COMPILED_TEMPLATES", tmp_path / "upptagen" / "cache")
    (folder / "a.md.j2").write_text("Text.\n", encoding="utf-8")
    text.environment.cache_clear()
    assert text.render("a.md.j2", folder) == "Text."
    text.environment.cache_clear()
