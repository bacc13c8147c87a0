"""The study's Swedish text: Jinja2 templates in templates/rapporttext/, rendered the Swedish way.

The templates hold the sentences; Python hands them figures and verdicts. A figure that comes from
the results registry (a `Stated`: its key and value) is shown inside `<span data-key="…">`, so
"where does 20,3 % come from" is answered in two hops: the key, then the registry entry, which
names the step and function that recorded it (docs/architecture.md).

What the templates may and may not do (present.text_rules; tests/unit/report/test_text.py holds them to it):
- choose words by a recorded verdict or a yes/no, never by comparing or computing numbers (no
  `<`, `>`, `+`, `/` … in a template);
- show every text that comes from data (a theme, a quote, a name from params) as written: each
  `{{ … }}` is escaped for Markdown and HTML unless a filter or macro of the study made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from ..io.figures import Stated
from ..io.kept import code_version, remove_unused
from ..study.paths import CODE_PROJECT
from .markdown import safe
from .text_filters import FILTERS, GLOBALS

TEXT_TEMPLATES = CODE_PROJECT / "templates" / "rapporttext"
# Compiled templates, kept between processes (make clean keeps build/cache/): each is used only while its
# source's checksum is the same. Compiling the report's templates took step 04 about half a second per run.
COMPILED_TEMPLATES = CODE_PROJECT / "build" / "cache" / "jinja2"
# Where a table (or any other object) stands in a section's text: replaced by the object when shown.
_PART = re.compile(r"\x00part(\d+)\x00")
_SPAN = re.compile(r'<span data-key="[^"]*">(.*?)</span>')


@dataclass(frozen=True)
class RawHTML:
    """A section written as HTML (a template named *.html.j2), shown as it is; `text` is what a reader reads
    in it, for the golden renderings ('' when it holds nothing to read there, such as a searchable copy)."""

    html: str
    text: str | None = None


def box(markdown, css_class: str, label: str) -> "RawHTML":
    """A framed box of the study's own Markdown (a reading guide), as HTML: a Markdown renderer closes an
    HTML block at its first empty line, so the box is rendered whole here (mistune, nbconvert's own)."""
    import mistune

    source = _tidy(str(markdown))
    inner = mistune.create_markdown(escape=False)(source)
    html = Markup('<div class="{}" role="note" aria-label="{}">\n{}</div>').format(css_class, label, Markup(inner))
    return RawHTML(html, source)


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


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja2's own bytecode cache, which only saves time: a folder that cannot be made or written in means the
    template is compiled again next time, never that the text fails."""

    def __init__(self, folder: Path):
        super().__init__(str(folder), "%s.jinja2")
        self.folder = folder
        remove_unused(folder.parent, but=folder)  # compiled for other code or options

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (unreadable or damaged: compiled again)
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except Exception:  # noqa: BLE001 (a folder that cannot be written in: compiled again next time)
            pass


def _fingerprint(options: dict) -> str:
    """The options and the code they name: Jinja2 computes constant output with `finalize` and the filters as it
    compiles, so a change in the study's code compiles the templates again."""
    import hashlib

    import jinja2

    described = repr(sorted((key, getattr(value, "__qualname__", value)) for key, value in options.items()))
    code = code_version(Path(__file__).parents[1], jinja2.__version__)
    return hashlib.sha256(f"{code} {described}".encode()).hexdigest()[:16]


@lru_cache(maxsize=8)
def environment(folder: Path = TEXT_TEMPLATES, html: bool = False) -> Environment:
    """The templates' environment; a template changed on disk is read again (auto_reload), so an analyst
    who edits one in JupyterLab sees the change when the cell runs again."""
    options = {
        "undefined": StrictUndefined,
        "autoescape": True,
        "finalize": _finalize_html if html else _finalize,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": False,
        "auto_reload": True,
        "extensions": ["jinja2.ext.do"],
    }
    env = Environment(loader=FileSystemLoader(str(folder)), **options)
    # The compiled code depends on the options as well as on the source: one cache folder per set of options.
    env.bytecode_cache = _CompiledTemplates(COMPILED_TEMPLATES / _fingerprint(options))
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS | {"box": box})
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
    from ..study.vocabulary import COMPARISON_LABELS, DELIVERY_LABELS, PERIOD_PHRASES, YEARLY_LABELS

    return {
        "x": figures,
        "k": keys,
        "rules": verdicts,
        "study": figures.params.values,
        "layer": figures.layer,
        "COMPARISON_LABELS": COMPARISON_LABELS,
        "DELIVERY_LABELS": DELIVERY_LABELS,
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


def plain(markdown: str) -> str:
    """The text without the figures' key marks: what a reader reads (the golden renderings)."""
    return _SPAN.sub(r"\1", markdown)
