"""The reviewers' document, section by section: each a template in templates/rapporttext/.

Notebook 04 shows one section per cell (`show("05-resultat-mot-malet.md.j2", findings)`), so an
analyst can open the template beside the notebook, change a sentence and run the cell again.
`report_text` renders every section to one text: the golden renderings the tests compare.
"""

from __future__ import annotations

import pandas as pd

from ..present import text
from .findings import Findings

# The document in reading order. A section that does not apply to a study renders to nothing.
SECTIONS = (
    "00-titel.md.j2",
    "01-sammanfattning.md.j2",
    "02-sa-laser-du-siffrorna.md.j2",
    "03-bakgrund-och-mal.md.j2",
    "04-metod-och-data.md.j2",
    "05-resultat-mot-malet.md.j2",
    "06-statistik-per-ar.md.j2",
    "07-jamfort-med-tidigare.md.j2",
    "08-enkatens-resultat.md.j2",
    "09-fasta-svarsalternativ.md.j2",
    "10-slutsatser.md.j2",
    "11-utvarderarnas-bedomning.html.j2",
    "bilaga-a-datakvalitet.md.j2",
    "bilaga-b-fragor-och-citat.md.j2",
    "bilaga-c-metodnoter.md.j2",
    "bilaga-d-installningar.md.j2",
    "bilaga-e-teknisk-bilaga.md.j2",
    "bilaga-f-reproduktion.md.j2",
)


class ReportTables:
    """The tables a section places in its text (`{{ part(tables.yearly()) }}`), built from what the earlier
    steps wrote: nothing here computes a figure."""

    def __init__(self, findings: Findings, extra: dict | None = None):
        self.x = findings
        self.extra = extra or {}

    def __getattr__(self, name: str):
        # Tables the notebook made (the reproduction table, the settings), handed in by name.
        if name in self.__dict__.get("extra", {}):
            return lambda: self.extra[name]
        raise AttributeError(name)

    def yearly(self):
        from ..outcomes.tables import yearly_table

        return yearly_table(self.x.yearly_levels, self.x.yearly_changes, self.x.params)

    def series(self):
        from ..outcomes.tables import series_table

        return series_table(self.x.evaluations, self.x.params, self.x.params.values.confidence_level)

    def response_series(self):
        from ..survey.tables import response_series_table

        return response_series_table(self.x.response_series, self.x.params.values.confidence_level)

    def closed(self, question: str):
        from ..survey.closed_tables import closed_table

        settings = self.x.params.values.survey
        return closed_table(
            self.x.closed_tally,
            question,
            self.x.params,
            settings.small_cell_threshold,
            settings.suppress_small_cells,
            self.x.params.values.confidence_level,
        )

    def delivery_ledger(self):
        from .appendices import delivery_ledger

        return delivery_ledger(self.x.ledger(), self.x.name)

    def cleaning_log(self):
        from ..io.provenance import Provenance
        from .appendices import cleaning_log

        return Wide(cleaning_log(self.x.log, Provenance(self.x.params.root)))

    def quotes_screen(self):
        """Every quote, searchable and filterable (on screen)."""
        from ..present.interactive import interactive
        from ..survey.tables import quotes_frame

        html = f'<div class="screen-only">{interactive(quotes_frame(self.x.quotes, self.x.params))}</div>'
        return text.RawHTML(html, "[sökbar tabell: samma rader som tabellen nedan]")

    def quotes_print(self):
        """Every quote as a plain table (on paper, and without JavaScript)."""
        from ..survey.tables import quotes_frame

        frame = quotes_frame(self.x.quotes, self.x.params)
        return Static(frame, f'<div class="print-only">{frame.to_html(index=False)}</div>')

    def _provenance(self):
        from ..io.provenance import Provenance

        return Provenance(self.x.params.root)

    def reproduction_screen(self):
        from ..present.interactive import interactive
        from .appendices import reproduction_for_readers

        frame = reproduction_for_readers(self.x.reproduction, self._provenance(), lines=False)
        html = f'<div class="screen-only">{interactive(frame)}</div>'
        return text.RawHTML(html, "[sökbar tabell: samma rader som tabellen nedan]")

    def reproduction_print(self):
        from .appendices import reproduction_for_readers

        frame = reproduction_for_readers(self.x.reproduction, self._provenance(), lines=False)
        return Static(frame, f'<div class="print-only wide">{frame.to_html(index=False)}</div>')

    def settings(self):
        from ..privacy.study import study_redactor
        from .appendices import settings_table

        return settings_table(self.x.params, study_redactor(self.x.params, "").redact)

    def technical(self):
        """Versions and checksums, folded (templates/rapporttext/delar/tekniska-detaljer.html.j2)."""
        from markupsafe import Markup

        from .. import __version__
        from ..privacy.study import study_redactor
        from .appendices import commit, provenance_tables

        params = self.x.params
        versions, checksums = provenance_tables(params, study_redactor(params, "").redact)
        (part,) = text.render_parts(
            "delar/tekniska-detaljer.html.j2",
            params_file=params.file.name,
            version=__version__,
            commit=commit(params.root),
            versions=Markup(versions.to_html()),
            checksums=Markup(checksums.to_html()),
        )
        # versions and checksums change with every release and delivery: not part of the report's text
        return text.RawHTML(part.html, "[programversioner och kontrollsummor]")


class Wide:
    """A table printed on a landscape page (the cleaning log, the reproduction): `.wide` in the stylesheet."""

    def __init__(self, styler):
        self.styler = styler

    def _repr_html_(self) -> str:
        return f'<div class="wide">{self.styler.to_html()}</div>'

    @property
    def data(self) -> pd.DataFrame:
        return self.styler.data


class Static:
    """A table's static HTML (for print and for a reader without JavaScript) with its data (the golden text)."""

    def __init__(self, data: pd.DataFrame, html: str):
        self.data, self.html = data, html

    def _repr_html_(self) -> str:
        return self.html


def context(findings: Findings, extra: dict | None = None) -> dict:
    """What the document's sections see: what every template sees (present.text.base_context), the tables
    a section may place, the evaluators' text and the technical pages to link to."""
    from ..study.steps import STEPS
    from .evaluators import EvaluatorsText

    return text.base_context(findings) | {
        "tables": ReportTables(findings, extra),
        "evaluators": EvaluatorsText(findings.params, findings.statements, findings.log),
        "technical_pages": [s.name for s in STEPS if not s.reviewers],
    }


def section(name: str, findings: Findings, extra: dict | None = None) -> list:
    """One section's parts in reading order: Markdown texts and the tables it places."""
    return text.render_parts(name, **context(findings, extra))


def show(name: str, findings: Findings, extra: dict | None = None) -> None:
    """Display one section in the notebook: its Markdown, and its tables where the template places them."""
    from IPython.display import HTML, Markdown, display

    for part in section(name, findings, extra):
        if isinstance(part, str):
            display(Markdown(part))
        elif isinstance(part, text.RawHTML):
            display(HTML(part.html))
        elif isinstance(part, Static):
            display(HTML(part.html))
        else:
            display(part)


def _table_text(part) -> str:
    """A table as rows of text for the golden rendering (cells joined by ' | ')."""
    frame = getattr(part, "data", None)
    if not isinstance(frame, pd.DataFrame):
        return f"[{type(part).__name__}]"
    rows = [" | ".join(map(str, frame.columns))]
    rows += [" | ".join("" if pd.isna(v) else str(v) for v in row) for row in frame.itertuples(index=False)]
    return "\n".join(rows)


def _html_text(html: str) -> str:
    """What a reader reads in a section written as HTML: its blocks' text, one a line."""
    import lxml.html

    root = lxml.html.fromstring(f"<div>{html}</div>")
    blocks = root.xpath("//h2 | //h3 | //h4 | //p | //li | //pre")
    lines = [" ".join(b.text_content().split()) for b in blocks]
    return "\n".join(line for line in lines if line)


def report_text(findings: Findings, extra: dict | None = None) -> str:
    """Every section of the document as one text, figures without their key marks and tables as rows: what
    a golden rendering holds (tests/golden/)."""
    out = []
    for name in SECTIONS:
        parts = section(name, findings, extra)
        if not parts:
            continue
        out.append(f"<!-- {name} -->")
        for part in parts:
            if isinstance(part, str):
                out.append(text.plain(part))
            elif isinstance(part, text.RawHTML):
                out.append(text.plain(part.text) if part.text is not None else _html_text(part.html))
            else:
                out.append(_table_text(part))
    return "\n\n".join(out) + "\n"
