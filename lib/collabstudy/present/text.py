"""The study's Swedish text: Jinja2 templates in templates/rapporttext/, rendered the Swedish way.

The templates hold the sentences; Python hands them figures and verdicts. A figure that comes from
the results registry (a `Stated`: its key and value) is shown inside `<span data-key="…">`, so
"where does 20,3 % come from" is answered in two hops: the key, then the registry entry, which
names the step and function that recorded it (docs/architecture.md).

What the templates may and may not do (tests/unit/report/test_templates.py holds them to it):
- choose words by a recorded verdict or a yes/no, never by comparing or computing numbers (no
  `<`, `>`, `+`, `/` … in a template);
- show every text that comes from data (a theme, a quote, a name from params) as written: each
  `{{ … }}` is escaped for Markdown and HTML unless a filter or macro of the study made it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from ..io.figures import Stated
from ..study.paths import CODE_PROJECT
from . import formatting as f
from .markdown import safe

TEXT_TEMPLATES = CODE_PROJECT / "templates" / "rapporttext"
# Where a table (or any other object) stands in a section's text: replaced by the object when shown.
_PART = re.compile(r"\x00part(\d+)\x00")
_SPAN = re.compile(r'<span data-key="[^"]*">(.*?)</span>')


@dataclass(frozen=True)
class RawHTML:
    """A section written as HTML (a template named *.html.j2), shown as it is."""

    html: str


def _value(figure) -> object:
    return figure.value if isinstance(figure, Stated) else figure


def _shown(figure, text: str) -> Markup:
    """The formatted figure, carrying its key when it has one."""
    if isinstance(figure, Stated):
        return Markup('<span data-key="{}">{}</span>').format(figure.key, text)
    return Markup(escape(text))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(figure, decimals: int = 0) -> Markup:
    """'16 018 559', '2,1', '−2,7'."""
    return _shown(figure, f.number(_value(figure), decimals))


def size(figure, decimals: int = 0) -> Markup:
    """A figure's size without its sign ('2,7' for −2,7): the sign is said in words."""
    value = _value(figure)
    return _shown(figure, f.number(None if _missing(value) else abs(value), decimals))


def percent(figure, decimals: int = 1) -> Markup:
    """A share (0–1) as '20,3 %'."""
    return _shown(figure, f.percent(_value(figure), decimals))


def pp(figure, decimals: int = 1) -> Markup:
    """A difference of shares (0–1) in percentage points, with its sign: '−12,5'."""
    value = _value(figure)
    return _shown(figure, f.number(None if _missing(value) else value * 100, decimals))


def pp_size(figure, decimals: int = 1) -> Markup:
    """A difference of shares (0–1) in percentage points, without its sign: '12,5'."""
    value = _value(figure)
    return _shown(figure, f.number(None if _missing(value) else abs(value) * 100, decimals))


def percent_size(figure, decimals: int = 1) -> Markup:
    """A share (0–1) as a percent without its sign: '30 %' for −0,30 (the sign is said in words)."""
    value = _value(figure)
    return _shown(figure, f.percent(None if _missing(value) else abs(value), decimals))


def sek(figure) -> Markup:
    """An amount as '16 018 559 kr'."""
    return _shown(figure, f.sek(_value(figure)))


def signed_percent(figure, decimals: int = 1) -> Markup:
    """A change in percent with its sign: '+6,0 %'."""
    return _shown(figure, f.signed_percent(_value(figure), decimals))


def p_value(figure) -> Markup:
    """'< 0,001' or '= 0,042'."""
    return _shown(figure, f.p_value(_value(figure)))


def interval(low, high, decimals: int = 1, scale: float = 1) -> Markup:
    """'16,1–25,1', or '−17,5 till −6,9' when a bound is negative (a dash there would read as a minus)."""
    a, b = _value(low) * scale, _value(high) * scale
    joiner = " till " if min(a, b) < 0 else "–"
    return Markup("{}{}{}").format(_shown(low, f.number(a, decimals)), joiner, _shown(high, f.number(b, decimals)))


def percent_interval(low, high, decimals: int = 1) -> Markup:
    """A share's interval as '16,1–25,1 %'."""
    return interval(low, high, decimals, scale=100) + Markup(f.NBSP + "%")


def x_of_y(count, whole, share=None, decimals: int = 1) -> Markup:
    """'62 av 306 (20,3 %)': the denominator beside every share. A share the registry holds is given
    (`share`); from plain numbers (a technical page's table) it is the count over the whole."""
    shown = Markup("{} av {}").format(number(count), number(whole))
    if share is None:
        if isinstance(count, Stated) or isinstance(whole, Stated):
            raise TemplateError("x_of_y: en andel ur registret måste anges (share), den räknas inte i texten")
        if not _value(whole):
            return shown
        share = _value(count) / _value(whole)
    if _missing(_value(share)):
        return shown
    return shown + Markup(" ({})").format(percent(share, decimals))


def count_noun(figure, one: str, many: str, none: str = "inga") -> Markup:
    """'inga varningar', '1 varning', '4 varningar': a count with the noun in its right number."""
    value = _value(figure)
    if not value:
        return Markup(escape(f"{none} {many}"))
    return Markup("{} {}").format(number(figure), one if value == 1 else many)


def noun(figure, one: str, many: str) -> Markup:
    """The noun in the number a count asks for: 'månad' for 1, 'månader' otherwise."""
    return Markup(escape(one if _value(figure) == 1 else many))


def _date(value) -> dt.date:
    """A date from the registry (ISO text) or from params (a date)."""
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _md(text) -> Markup:
    """Text for Markdown: as it is when the study made it (Markup), otherwise escaped."""
    return text if isinstance(text, Markup) else Markup(safe(str(text)))


def and_list(items) -> Markup:
    """'A', 'A och B', 'A, B och C'; each item escaped unless the study made it."""
    shown = [_md(item) for item in items]
    if not shown:
        return Markup("")
    if len(shown) == 1:
        return shown[0]
    return Markup(", ").join(shown[:-1]) + Markup(" och ") + shown[-1]


def quoted(text) -> Markup:
    """A label from data in Swedish quotation marks: ”…”, escaped."""
    return Markup("”") + _md(text) + Markup("”")


def genitive(name) -> Markup:
    """'Svedalas', 'Lundsås'."""
    return _md(f.genitive(str(name)))


def lower(text) -> Markup:
    return _md(text).lower() if isinstance(text, Markup) else _md(str(text).lower())


def first_lower(text) -> Markup:
    """The text with its first letter in lower case (a remark set inside a sentence)."""
    text = _md(text)
    return text[:1].lower() + text[1:]


def capitalize_first(text) -> Markup:
    """The text with its first letter in upper case and the rest as it is (Jinja's capitalize lowers it)."""
    text = _md(text)
    return text[:1].upper() + text[1:]


FILTERS = {
    "number": number,
    "size": size,
    "percent": percent,
    "percent_size": percent_size,
    "noun": noun,
    "value": _value,
    "pp": pp,
    "pp_size": pp_size,
    "sek": sek,
    "signed_percent": signed_percent,
    "p_value": p_value,
    "count_noun": count_noun,
    "and_list": and_list,
    "quoted": quoted,
    "genitive": genitive,
    "lower": lower,
    "first_lower": first_lower,
    "capitalize_first": capitalize_first,
    "long_date": lambda day: Markup(f.long_date(_date(day))),
    "month_span": lambda first, last: Markup(f.month_span(_date(first), _date(last))),
}


def box(markdown, css_class: str, label: str) -> "RawHTML":
    """A framed box of the study's own Markdown (a reading guide), as HTML: a Markdown renderer closes an
    HTML block at its first empty line, so the box is rendered whole here (mistune, nbconvert's own)."""
    import mistune

    inner = mistune.create_markdown(escape=False)(_tidy(str(markdown)))
    return RawHTML(
        Markup('<div class="{}" role="note" aria-label="{}">\n{}</div>').format(css_class, label, Markup(inner))
    )


GLOBALS = {
    "box": box,
    "interval": interval,
    "percent_interval": percent_interval,
    "x_of_y": x_of_y,
    "date_span": lambda first, last: Markup(f.date_span(_date(first), _date(last))),
    "NBSP": Markup(f.NBSP),
}


def _finalize(value):
    """Every `{{ … }}`: the study's own Markup as it is; any other text escaped (shown, never run)."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, Stated):
        raise TemplateError(f"siffran {value.key} ska visas med ett filter, t.ex. {{{{ … | number }}}}")
    if value is None:
        raise TemplateError("ett värde saknas (None) i texten; mallen ska välja en mening för det fallet")
    return Markup(safe(str(value)))


def _finalize_html(value):
    """As _finalize, for a template written in HTML: other text escaped for HTML (no Markdown there)."""
    if isinstance(value, (Markup, Stated)) or value is None:
        return _finalize(value)
    return Markup(escape(str(value)))


@lru_cache(maxsize=8)
def environment(folder: Path = TEXT_TEMPLATES, html: bool = False) -> Environment:
    """The templates' environment; a template changed on disk is read again (auto_reload), so an analyst
    who edits one in JupyterLab sees the change when the cell runs again."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize_html if html else _finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


_ITEM = re.compile(r"^\s*([-*+]|\d+[.)]) ")
_AS_WRITTEN = re.compile(r"^(\s*\||\s*<(?!span\b)|#|\s{4}|\x00)")


def _joined(block: str) -> str:
    """A paragraph written a sentence a line joined to one line; in a list, each item's lines joined."""
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines:
        return ""
    if _AS_WRITTEN.match(lines[0]):
        return "\n".join(lines)  # a table, HTML, a heading or code: as written
    out: list[str] = []
    for line in lines:
        if out and not _ITEM.match(line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def _tidy(text: str) -> str:
    """Markdown as a reader's text: paragraphs on one line each (a template writes a sentence a line),
    list items likewise, one empty line between blocks, none at the ends."""
    blocks = re.split(r"\n\s*\n", text)
    return "\n\n".join(b for b in (_joined(block) for block in blocks) if b).strip()


class _Parts:
    """Objects (tables) placed in a section's text by `{{ part(x) }}`, kept in order."""

    def __init__(self):
        self.objects: list = []

    def __call__(self, item) -> Markup:
        self.objects.append(item)
        return Markup(f"\n\n\x00part{len(self.objects) - 1}\x00\n\n")


def base_context(figures) -> dict:
    """What every template sees: the figures (`x`: a report's Findings, or a step's own registry), the
    registry's keys (`k`), the verdicts' rules (`rules`), the study's settings and the study's words that
    Python's tables use too."""
    from ..io import keys
    from ..stats import verdicts
    from ..study.vocabulary import COMPARISON_LABELS, PERIOD_PHRASES, YEARLY_LABELS

    return {
        "x": figures,
        "k": keys,
        "rules": verdicts,
        "study": figures.params.values,
        "layer": figures.layer,
        "COMPARISON_LABELS": COMPARISON_LABELS,
        "PERIOD_PHRASES": PERIOD_PHRASES,
        "YEARLY_LABELS": YEARLY_LABELS,
    }


class Page:
    """A technical page's sentences: the macros of its template, each returning tidy Markdown, stated from
    the registries given (a step's own, as it fills it)."""

    def __init__(self, name: str, params, *registries, folder: Path = TEXT_TEMPLATES):
        from ..io.figures import Figures

        self.figures = Figures(params, *registries)
        template = environment(folder).get_template(name)
        self._module = template.make_module(vars=base_context(self.figures))

    def __getattr__(self, name: str):
        macro = getattr(self._module, name)
        return lambda *args, **kwargs: _tidy(str(macro(*args, **kwargs)))


def render_parts(name: str, folder: Path = TEXT_TEMPLATES, **context) -> list:
    """A template rendered to its parts in reading order: Markdown texts, and the objects (tables) the
    template placed with `{{ part(…) }}`. Empty texts are left out."""
    parts = _Parts()
    if name.endswith(".html.j2"):
        html = environment(folder, html=True).get_template(name).render(part=parts, **context).strip()
        return [RawHTML(html)] if html else []
    text = environment(folder).get_template(name).render(part=parts, **context)
    out = []
    for index, piece in enumerate(_PART.split(text)):
        if index % 2:
            out.append(parts.objects[int(piece)])
        elif _tidy(piece):
            out.append(_tidy(piece))
    return out


def render(name: str, folder: Path = TEXT_TEMPLATES, **context) -> str:
    """A template rendered to Markdown (a template that places objects must be shown with render_parts)."""
    parts = render_parts(name, folder, **context)
    if any(not isinstance(p, str) for p in parts):
        raise TemplateError(f"{name} placerar tabeller; visa den med render_parts")
    return "\n\n".join(parts)


def macro(template: str, name: str, folder: Path = TEXT_TEMPLATES):
    """A macro of a template as a function (one wording used from Python, e.g. a technical page)."""
    return getattr(environment(folder).get_template(template).module, name)


# What a template may compare a value with: the verdicts' values and the few kinds params name.
KNOWN_LITERALS = {
    "met", "not_met", "undecided", "shown", "not_shown", "up", "down", "unclear", "same", "not_possible",
    "single", "tie", "none", "above", "below", "around", "reached", "short", "times", "more", "fewer",
    "reliable", "tentative", "unreliable", "rating", "choice", "sek", "number", "gain", "challenge", "lesson",
    "improvement", "fa_paid", "main",
}  # fmt: skip


def rule_breaks(source: str, name: str = "<mall>") -> list[str]:
    """What a template does that it must not (the module's rules): compare or compute numbers (<, >, +, −,
    *, /, %, **), compare two values other than two verdicts' (`a.value == b.value`), or compare with a word
    that is no verdict's value (a typo would silently never match)."""
    from jinja2 import nodes

    tree = environment().parse(source, name=name)
    found = []
    for node in tree.find_all((nodes.Compare, nodes.BinExpr, nodes.UnaryExpr)):
        if isinstance(node, (nodes.And, nodes.Or)):
            continue
        if isinstance(node, nodes.BinExpr):
            found.append(f"{name} rad {node.lineno}: räknar ({node.operator})")
            continue
        if isinstance(node, nodes.UnaryExpr):
            if node.operator == "not":
                continue
            found.append(f"{name} rad {node.lineno}: räknar ({node.operator})")
            continue
        for operand in node.ops:
            if operand.op in ("lt", "gt", "lteq", "gteq"):
                found.append(f"{name} rad {node.lineno}: jämför tal ({operand.op})")
            elif operand.op in ("eq", "ne"):
                sides = [node.expr, operand.expr]
                words = [s.value for s in sides if isinstance(s, nodes.Const) and isinstance(s.value, str)]
                verdicts = all(isinstance(s, nodes.Getattr) and s.attr == "value" for s in sides)
                if not words and not verdicts:
                    found.append(f"{name} rad {node.lineno}: jämför två värden, inte ett värde med ett ord")
                found += [f"{name} rad {node.lineno}: okänt ord '{w}'" for w in words if w not in KNOWN_LITERALS]
    return found


def plain(markdown: str) -> str:
    """The text without the figures' key marks: what a reader reads (the golden renderings)."""
    return _SPAN.sub(r"\1", markdown)
