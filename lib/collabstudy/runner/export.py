"""A step's executed notebook as one self-contained HTML page (the reviewers' step without code)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..io.atomic import write_text
from ..present.formatting import long_date
from ..study.params import LoadedParams, load_params
from ..study.paths import CODE_PROJECT, project_root
from ..study.steps import NAMES
from ..study.steps import step as declared_step

TEMPLATES = CODE_PROJECT / "templates"  # the project's nbconvert templates, beside lib/


def _reviewers(executed: Path) -> bool:
    return executed.stem in NAMES and declared_step(executed.stem).reviewers


def _first_heading(notebook) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return "notebook"


def _meta(params: LoadedParams, reviewers: bool) -> str:
    window = params.values.reporting_window
    # The reviewers' page says only what the study is (its source names the kind: "Utvärdering av …").
    kind = "" if reviewers else "Teknisk bilaga med kod · "
    # The study's file name is for the technical pages only: a reviewer reads the source and the period.
    study = "" if reviewers else f" · studie: {params.study_id}"
    return (
        f"{kind}{params.values.study.source} · rapportperiod {long_date(window.start)} – {long_date(window.end)}{study}"
    )


def _exporter_class():
    """nbconvert's HTML exporter without its own pass over the finished page (BeautifulSoup, five seconds
    on a 4 MB page): present.html.finish makes the one pass, and does that pass's work too."""
    from jinja2 import pass_context as contextfilter
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class KeptInlineHTML(IPythonRenderer):
        """Inline HTML as written: nbconvert's image embedding re-serialises every fragment, which closes a
        lone opening tag at once (a figure's `<span data-key="…">` would lose its text); only a fragment with
        an image needs it."""

        def inline_html(self, html: str) -> str:
            if "<img" not in html.lower():
                return html
            return super().inline_html(html)

    class ReportExporter(HTMLExporter):
        @contextfilter
        def markdown2html(self, context, source):
            # nbconvert 7's HTMLExporter.markdown2html, with the renderer above
            cell = context.get("cell", {})
            renderer = KeptInlineHTML(
                escape=False,
                attachments=cell.get("attachments", {}),
                embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text,
                exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options,
            )
            return MarkdownWithMath(renderer=renderer).render(source)

        def from_notebook_node(self, nb, resources=None, **kw):
            # The filters HTMLExporter.from_notebook_node registers (nbconvert 7), then the template.
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name", None))
            self.register_filter(
                "highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            )
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter


def render_html(executed: Path, params: LoadedParams) -> str:
    """The executed notebook as one self-contained HTML page (reviewers' steps without code)."""
    import nbformat
    from nbconvert.preprocessors import TagRemovePreprocessor

    from ..present.html import finish

    reviewers = _reviewers(executed)
    exporter = _exporter_class()(
        template_name="rapport",
        extra_template_basedirs=[str(TEMPLATES)],
        embed_images=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_input=reviewers,
    )
    # papermill's injected cell holds this run's absolute staging paths, and set-up notes are for analysts.
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"injected-parameters", "remove-in-report"}, enabled=True), enabled=True
    )
    notebook = nbformat.read(executed, as_version=4)
    body, _ = exporter.from_notebook_node(notebook)
    title = params.values.study.title if reviewers else f"Teknisk bilaga: {_first_heading(notebook)}"
    return finish(body, title=title, meta=_meta(params, reviewers), toc=True)


def export(executed: Path, output: Path, params_file: Path, names_cache: str) -> int:
    """The executed notebook as a self-contained HTML page, written only if no personal name is in it."""
    from ..privacy.scan import NameLeakError, check_no_names, text_of_html
    from ..privacy.study import final_leak_in_page, study_redactor

    params = load_params(params_file.resolve(), project_root(params_file.resolve().parent))
    body = render_html(executed, params)
    text = text_of_html(body)
    try:
        check_no_names([(str(output), text)], study_redactor(params, names_cache))
    except NameLeakError as exc:
        print(f"{exc}\nRapporten skrevs inte.", file=sys.stderr)
        return 1
    leak = final_leak_in_page(params, names_cache, str(output), body)  # the independent final check
    if leak:
        print(f"{leak}\nRapporten skrevs inte.", file=sys.stderr)
        return 1
    write_text(output, body)
    print(f"Exporterad: {output}", flush=True)
    return 0
