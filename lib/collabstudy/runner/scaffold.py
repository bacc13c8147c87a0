"""A new study for the next evaluation period (`make new-study NAME=…`): its params file and one XLSX
template per delivery, derived from the latest study in params/.

Pure functions build the params text, the templates and the folder's LÄSMIG.md; `create_study` writes
them, and never over anything that exists. The templates' headers and fixed row labels are the readers'
own constants, so a filled-in template is what the readers accept. The module lives in runner/, the top
layer, because it needs the headers of both cleaning/ and survey/.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ..cleaning.statistics_readers import BASELINE_COLUMNS, BASELINE_VARIANTS, MONTHLY_COLUMNS
from ..cleaning.survey_readers import INVITATION_COLUMNS
from ..io.delivered import INSTRUCTIONS_SHEET
from ..outcomes.shares import DENOMINATOR, PUBLISHED_SHARE_OF, SHARE_NUMERATORS
from ..present.formatting import long_date
from ..study.calendar import MONTHS
from ..study.errors import StudyInputError
from ..study.params import LoadedParams, RawFiles, load_params
from ..study.paths import display_path
from ..study.vocabulary import ROW_LABELS, SHARE, YEARLY_MEASURES, unit_of
from ..survey.coding import CODING_COLUMNS
from ..survey.data import CODEBOOK_COLUMNS

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
NAME_MAX = 60
DATA_SHEET = "Data"
EXPORT_FILE = "forms-export.xlsx"
README_FILE = "LÄSMIG.md"

# The rolling table's rows, in the source's order: everything the outcomes step reads from it.
ROLLING_MEASURES = (
    "enrolled",
    "closures",
    "closure_share",
    "households",
    "closures_work_studies",
    "closures_work",
    "closures_studies",
    "work_studies_share",
    "closures_other",
)
# What the outcomes step reads from the rolling table (tested to be among ROLLING_MEASURES).
OUTCOMES_NEED = {DENOMINATOR, "households", *SHARE_NUMERATORS, *PUBLISHED_SHARE_OF.values()}

# How many rows a template of free length (codebook, coding, extra baseline rows) checks.
CODEBOOK_ROWS, CODING_ROWS, BASELINE_ROWS = 300, 3000, 20
NOT_TO_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")


class ScaffoldRefused(Exception):
    """The new study cannot be made as asked; the message (Swedish) says why and what to do."""


# --- the new study's name and period ------------------------------------------------------------


def check_name(name: str) -> None:
    """A study's name becomes a file and folder name: a–z, digits and '-' only."""
    if not name:
        raise ScaffoldRefused("ange studiens namn, t.ex. make new-study NAME=uppfoljning-2024")
    if not NAME_PATTERN.fullmatch(name) or len(name) > NAME_MAX:
        raise ScaffoldRefused(
            f"namnet '{name}' går inte att använda: bara små bokstäver a–z, siffror och bindestreck, "
            f"första tecknet en bokstav eller siffra, högst {NAME_MAX} tecken (t.ex. uppfoljning-2024)"
        )


def one_year_later(day: dt.date) -> dt.date:
    """The same date a year later; 29 February becomes 1 March (the day after 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return dt.date(day.year + 1, 3, 1)


def next_window(end: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months after a window ending on `end`: from the day after to one year later less a day."""
    start = end + dt.timedelta(days=1)
    return start, one_year_later(start) - dt.timedelta(days=1)


def period_text(start: dt.date, end: dt.date) -> str:
    """'1 april 2023 till 31 mars 2024': a period as the rolling table's 'Period' row writes it."""
    return f"{long_date(start)} till {long_date(end)}"


def last_full_year(end: dt.date) -> int:
    """The last calendar year wholly inside a window ending on `end`."""
    return end.year if (end.month, end.day) == (12, 31) else end.year - 1


def monthly_years(previous: LoadedParams, end: dt.date) -> list[int]:
    """The monthly series' years: from the month before the collaboration started (so that there is a
    'before' to compare with) and the previous evaluation's period, to the new window's end."""
    values = previous.values
    before_start = values.collaboration_start - dt.timedelta(days=1)
    first = min(before_start.year, values.reporting_window.start.year)
    return list(range(first, end.year + 1))


# --- the latest study ---------------------------------------------------------------------------


def is_delivered_study(params: LoadedParams) -> bool:
    """A study of delivered data: its files are in data/raw/ (the benchmark's synthetic studies are not)."""
    raw = (params.root / "data" / "raw").resolve()
    return all(raw in d.path.parents for key in RawFiles.model_fields for d in params.deliveries(key))


def latest_study(root: Path) -> LoadedParams:
    """The study in params/ whose reporting window ends last (a synthetic benchmark study never counts)."""
    studies = []
    for path in sorted((root / "params").glob("*.yaml")):
        try:
            loaded = load_params(path, root)
        except StudyInputError as exc:
            raise ScaffoldRefused(
                f"{display_path(path, root)} går inte att läsa, så den senaste studien kan inte avgöras:\n{exc}\n"
                "Rätta filen (eller flytta den ur params/) och försök igen."
            ) from None
        if is_delivered_study(loaded):
            studies.append(loaded)
    if not studies:
        raise ScaffoldRefused("params/ har ingen studie att utgå från (ingen parameterfil med data i data/raw/)")
    studies.sort(key=lambda s: s.values.reporting_window.end)
    latest = studies[-1]
    tied = [s for s in studies if s.values.reporting_window.end == latest.values.reporting_window.end]
    if len(tied) > 1:
        shown = ", ".join(display_path(s.file, root) for s in tied)
        raise ScaffoldRefused(
            f"flera studier slutar samma dag ({latest.values.reporting_window.end}): {shown}; "
            "den senaste kan inte avgöras"
        )
    return latest


# --- the plan: what the new study's files are ---------------------------------------------------


def slug(name: str) -> str:
    """'Trelleborg' -> 'trelleborg', 'Lundsås' -> 'lundsas': a municipality's name in a file name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@dataclass(frozen=True)
class Plan:
    """The new study: its name, period, the study it follows and where each delivery goes."""

    name: str
    previous: LoadedParams
    start: dt.date
    end: dt.date

    @property
    def folder(self) -> str:
        return f"data/raw/{self.name}"

    @property
    def params_path(self) -> str:
        return f"params/{self.name}.yaml"

    @property
    def previous_path(self) -> str:
        return display_path(self.previous.file, self.previous.root)

    def path(self, file: str) -> str:
        return f"{self.folder}/{file}"


def plan_study(previous: LoadedParams, name: str) -> Plan:
    check_name(name)
    return Plan(name, previous, *next_window(previous.values.reporting_window.end))


# --- the templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """A data validation over a range of cells: whole numbers in bounds, one of a list, or a percentage."""

    cells: str  # 'B3:C5'
    kind: str  # 'whole', 'list', 'percent'
    low: int = 0
    high: int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """One delivery's template: where it goes in params, its header, the prefilled rows, its checks."""

    key: str  # raw_files key
    file: str  # file name in the study's folder
    header: list[str]
    rows: list[list]  # prefilled rows: fixed labels, None where the deliverer writes
    checks: list[Check]
    title: str  # what the file is (LÄSMIG and the instructions' heading)
    deliverer: str
    instructions: list[str]
    municipality: str | None = None  # code, for the per-municipality deliveries
    text_cells: list[str] = field(default_factory=list)  # ranges formatted as text ('40%' stays '40%')
    grey_cells: list[str] = field(default_factory=list)  # ranges not to fill in


def _label(measure: str) -> str:
    """The row label the readers know a measure by (the first the source's tables use)."""
    return next(label for label, known in ROW_LABELS.items() if known == measure)


def _column(index: int) -> str:
    return openpyxl.utils.get_column_letter(index)


def _span(first_column: int, first_row: int, last_column: int, last_row: int) -> str:
    return f"{_column(first_column)}{first_row}:{_column(last_column)}{last_row}"


COUNT_RULES = [
    "Antal skrivs som heltal (0 eller mer), utan text i cellen. 0 betyder noll; saknas en uppgift lämnas "
    "cellen tom – den redovisas då som saknad, aldrig som noll.",
]
PERCENT_RULES = [
    "Andelar skrivs i procent med procenttecken, t.ex. 40% (cellerna är textceller så att Excel inte gör om "
    "värdet till 0,4). Studien räknar också om andelen från antalen och jämför.",
]
GENERAL_RULES = [
    "Fyll i bladet ”Data”. Ändra inte rubrikerna på rad 1 eller de ifyllda radrubrikerna, byt inte namn på "
    "filen och lägg inte till fler blad (bladet ”Instruktion” läses aldrig).",
    "Spara som Excel-arbetsbok (.xlsx) och skicka filen till utvärderarna. En levererad fil ändras sedan "
    "aldrig för hand; en rättelse kommer som en ny fil från den som levererade.",
]


def rolling_template(plan: Plan) -> Template:
    values = plan.previous.values
    names = [m.name for m in values.municipalities]
    period = period_text(plan.start, plan.end)
    rows = [["Period", *[period] * len(names)]] + [[_label(m), *[None] * len(names)] for m in ROLLING_MEASURES]
    checks, text_cells, last = [], [], 1 + len(names)
    for row, measure in enumerate(ROLLING_MEASURES, start=3):
        cells = _span(2, row, last, row)
        if unit_of(measure) == SHARE:
            checks.append(Check(cells, "percent"))
            text_cells.append(cells)
        else:
            checks.append(Check(cells, "whole"))
    return Template(
        key="rolling_12m",
        file="rullande-12-manader.xlsx",
        header=["Mått", *names],
        rows=rows,
        checks=checks,
        title=f"Utfall rullande 12 månader, {period}",
        deliverer="båda kommunerna: varje kommun fyller i sin egen kolumn",
        instructions=[
            f"Vad: utfallet för de tolv månaderna {period}, en kolumn per kommun ({', '.join(names)}).",
            "Raden ”Period” är redan ifylld och ska stå kvar som den är: studien kontrollerar att den stämmer med "
            "utvärderingens period.",
            f"”{_label('enrolled')}”: antal individer som varit inskrivna i arbetsmarknadsinsatser under perioden. "
            "Avslutade (totalt, i arbete/studier, arbete, studier, övrigt) och hushåll: antal under samma period.",
            f"”{_label('closures_work_studies')}” ska vara summan av ”{_label('closures_work')}” och "
            f"”{_label('closures_studies')}”; ”{_label('closures')}” summan av ”{_label('closures_work_studies')}” "
            f"och ”{_label('closures_other')}”. Delarna får aldrig bli fler än totalen.",
            *COUNT_RULES,
            *PERCENT_RULES,
            *GENERAL_RULES,
        ],
        text_cells=text_cells,
    )


def baseline_template(plan: Plan) -> Template:
    values = plan.previous.values
    names = [m.name for m in values.municipalities]
    main = next(label for label, variant in BASELINE_VARIANTS.items() if variant == "main")
    rows = [[name, values.baseline_year, None, None, main, None] for name in names]
    share = BASELINE_COLUMNS.index("Andel i arbete/studier") + 1
    last = 1 + BASELINE_ROWS
    column = {name: BASELINE_COLUMNS.index(name) + 1 for name in BASELINE_COLUMNS}
    checks = [
        Check(_span(column["Kommun"], 2, column["Kommun"], last), "list", choices=tuple(names)),
        Check(_span(column["År"], 2, column["År"], last), "whole", values.baseline_year, values.baseline_year),
        Check(_span(share, 2, share, last), "percent"),
        Check(_span(column["Antal sökande (nämnare)"], 2, column["Antal sökande (nämnare)"], last), "whole"),
        Check(_span(column["Variant"], 2, column["Variant"], last), "list", choices=tuple(BASELINE_VARIANTS)),
    ]
    return Template(
        key="baseline",
        file=f"basar-{values.baseline_year}.xlsx",
        header=list(BASELINE_COLUMNS),
        rows=rows,
        checks=checks,
        title=f"Basår {values.baseline_year}: andel som gick till arbete eller studier",
        deliverer=f"utvärderarna (samma uppgifter som i förra utvärderingen, {plan.previous_path})",
        instructions=[
            f"Vad: basårets ({values.baseline_year}) andel avslutade till arbete eller studier per kommun, "
            "som jämförelsen med tiden före samverkan bygger på.",
            f"Varje kommun behöver en rad med variant ”{main}”. En alternativ siffra (t.ex. utan en viss grupp) "
            f"läggs som en egen rad med variant ”{', '.join(v for v in BASELINE_VARIANTS if v != main)}” och en "
            "förklaring i ”Anmärkning”.",
            "”Antal sökande (nämnare)”: antalet som andelen räknas på, som heltal; lämna tomt om det inte är känt.",
            *PERCENT_RULES,
            *GENERAL_RULES,
        ],
        text_cells=[_span(share, 2, share, last)],
    )


def monthly_template(plan: Plan, code: str) -> Template:
    values = plan.previous.values
    name = values.name_of(code)
    years = monthly_years(plan.previous, plan.end)
    rows = [[year, *[None] * len(MONTHS)] for year in years]
    grey = [
        f"{_column(1 + month)}{row}"
        for row, year in enumerate(years, start=2)
        for month in range(1, len(MONTHS) + 1)
        if dt.date(year, month, 1) > plan.end
    ]
    first = dt.date(years[0], 1, 1)
    return Template(
        key="monthly_closures",
        file=f"{slug(name)}-avslut-arbete-studier-per-manad.xlsx",
        header=list(MONTHLY_COLUMNS),
        rows=rows,
        checks=[Check(_span(2, 2, len(MONTHLY_COLUMNS), 1 + len(years)), "whole")],
        title=f"{name}: avslut till arbete eller studier per månad",
        deliverer=f"{name} (kommunens statistikansvariga)",
        municipality=code,
        instructions=[
            f"Vad: antal avslutade till arbete eller studier i {name} per kalendermånad, "
            f"från {MONTHS[first.month - 1]} {first.year} till {MONTHS[plan.end.month - 1]} {plan.end.year}.",
            "Fyll i alla månader, även åren före utvärderingsperioden: studien jämför tiden före och efter "
            f"samverkans start ({long_date(values.collaboration_start)}) och perioden med förra utvärderingens.",
            "En rad per år (kolumnen ”År” är ifylld). De grå cellerna ligger efter periodens slut och lämnas tomma.",
            *COUNT_RULES,
            *GENERAL_RULES,
        ],
        grey_cells=grey,
    )


def yearly_template(plan: Plan, code: str) -> Template:
    values = plan.previous.values
    name = values.name_of(code)
    years = list(range(values.baseline_year, last_full_year(plan.end) + 1))
    rows = [[_label(measure), *[None] * len(years)] for measure in YEARLY_MEASURES]
    return Template(
        key="yearly",
        file=f"{slug(name)}-statistik-per-ar.xlsx",
        header=[f"Statistik {name} per år", *years],
        rows=rows,
        checks=[Check(_span(2, 2, 1 + len(years), 1 + len(rows)), "whole")],
        title=f"{name}: statistik per kalenderår {years[0]}–{years[-1]}",
        deliverer=f"{name} (kommunens statistikansvariga)",
        municipality=code,
        instructions=[
            f"Vad: helårssiffror för {name}, ett kalenderår per kolumn ({years[0]}–{years[-1]}).",
            f"”{_label('households')}” och ”{_label('individuals_fa')}”: antal hushåll och individer (vuxna och "
            f"barn) som fått ekonomiskt bistånd under året. ”{_label('enrolled')}”: antal individer inskrivna i "
            "arbetsmarknadsinsatser under året.",
            f"”{_label('fa_paid')}”: utbetalt belopp under året i hela kronor, bara siffror (utan ”kr”).",
            *COUNT_RULES,
            *GENERAL_RULES,
        ],
    )


def invitations_template(plan: Plan) -> Template:
    names = [m.name for m in plan.previous.values.municipalities]
    return Template(
        key="survey_invitations",
        file="enkat-utskick.xlsx",
        header=list(INVITATION_COLUMNS),
        rows=[[name, None] for name in names],
        checks=[
            Check(_span(1, 2, 1, 1 + len(names)), "list", choices=tuple(names)),
            Check(_span(2, 2, 2, 1 + len(names)), "whole"),
        ],
        title="Enkäten: antal utskick per kommun",
        deliverer="den som skickade ut enkäten (utvärderarna)",
        instructions=[
            "Vad: hur många som fick enkäten, per kommun (där de har sin huvudanställning).",
            "Antalet svar räknas ur Forms-exporten; skriv det inte här.",
            *COUNT_RULES,
            *GENERAL_RULES,
        ],
    )


def _free_text_questions(plan: Plan) -> tuple[str, ...]:
    return tuple(plan.previous.values.survey.free_text)


def codebook_template(plan: Plan) -> Template:
    questions = _free_text_questions(plan)
    return Template(
        key="survey_codebook",
        file="kodbok.xlsx",
        header=list(CODEBOOK_COLUMNS),
        rows=[],
        checks=[Check(_span(1, 2, 1, 1 + CODEBOOK_ROWS), "list", choices=questions)],
        title="Enkäten: kodbok (teman per fritextfråga)",
        deliverer="utvärderarna (de som kodar svaren)",
        instructions=[
            f"Vad: de teman som fritextsvaren kodas med, en rad per tema. ”Fråga”: frågans nyckel i params "
            f"({', '.join(questions)}).",
            "”Tema”: en kort, unik kod utan mellanslag, t.ex. q2_organisering. ”Etikett”: temat som det visas i "
            "rapporten. ”Definition”: en mening om vad ett svar ska säga för att få temat.",
            "Varje tema hör till en fråga; samma tema får inte stå två gånger.",
            *GENERAL_RULES,
        ],
    )


def coding_template(plan: Plan) -> Template:
    questions = _free_text_questions(plan)
    return Template(
        key="survey_coding",
        file="kodning.xlsx",
        header=list(CODING_COLUMNS),
        rows=[],
        checks=[
            Check(_span(1, 2, 1, 1 + CODING_ROWS), "whole", low=1),
            Check(_span(2, 2, 2, 1 + CODING_ROWS), "list", choices=questions),
        ],
        title="Enkäten: kodning (vilka teman varje svar har)",
        deliverer="utvärderarna (de som kodar svaren)",
        instructions=[
            "Vad: en rad per svar och tema. ”ID”: respondentens ID i Forms-exporten (kolumnen ID). ”Fråga”: "
            f"frågans nyckel ({', '.join(questions)}). ”Tema”: en kod ur kodboken som hör till samma fråga. "
            "”Grund”: kort varför (t.ex. vilka ord i svaret).",
            "Varje svar med text ska ha minst ett tema (om inte params tillåter en andel okodade). Blanka svar och "
            "”vet ej” kodas inte.",
            *GENERAL_RULES,
        ],
    )


def templates(plan: Plan) -> list[Template]:
    """Every delivery's template, in the order of params' raw_files (the export is Forms' own, not here)."""
    codes = plan.previous.values.codes
    return [
        rolling_template(plan),
        baseline_template(plan),
        *[monthly_template(plan, code) for code in codes],
        *[yearly_template(plan, code) for code in codes],
        invitations_template(plan),
        codebook_template(plan),
        coding_template(plan),
    ]


def _validation(check: Check) -> DataValidation:
    if check.kind == "whole":
        bound = f"mellan {check.low} och {check.high}" if check.high is not None else f"{check.low} eller mer"
        rule = DataValidation(
            type="whole",
            operator="between" if check.high is not None else "greaterThanOrEqual",
            formula1=str(check.low),
            formula2=None if check.high is None else str(check.high),
            allow_blank=True,
            error=f"Skriv ett heltal, {bound}, eller lämna cellen tom om uppgiften saknas.",
            errorTitle="Heltal",
        )
    elif check.kind == "list":
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(check.choices) + '"',
            allow_blank=True,
            error=f"Välj ett av: {', '.join(check.choices)}.",
            errorTitle="Välj ur listan",
        )
    else:  # a percentage written as text: '40%'
        first = check.cells.split(":")[0]
        rule = DataValidation(
            type="custom",
            formula1=f'OR(ISBLANK({first}),RIGHT(TRIM({first}),1)="%")',
            allow_blank=True,
            error="Skriv andelen i procent med procenttecken, t.ex. 40%.",
            errorTitle="Procent",
            errorStyle="warning",
        )
    rule.showErrorMessage = True
    rule.add(check.cells)
    return rule


def workbook(template: Template) -> openpyxl.Workbook:
    """The template as a workbook: the data sheet first (header, prefilled rows, checks), then 'Instruktion'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append(template.header)
    for row in template.rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(template.header, start=1):
        sheet.column_dimensions[_column(index)].width = max(12, min(60, len(str(name)) + 4))
    if template.rows and isinstance(template.rows[0][0], str):
        width = max(len(str(row[0])) for row in template.rows) + 4
        sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width, min(60, width))
    sheet.freeze_panes = "B2" if template.rows else "A2"
    for cells in template.text_cells:
        for row in sheet[cells]:
            for cell in row:
                cell.number_format = "@"
    for cells in template.grey_cells:
        sheet[cells].fill = NOT_TO_FILL
    for check in template.checks:
        sheet.add_data_validation(_validation(check))
    notes = book.create_sheet(INSTRUCTIONS_SHEET)
    notes.column_dimensions["A"].width = 110
    lines = [template.title, f"Levereras av: {template.deliverer}.", "", *template.instructions]
    for number, line in enumerate(lines, start=1):
        cell = notes.cell(row=number, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=14)
    return book


def workbook_bytes(template: Template) -> bytes:
    buffer = io.BytesIO()
    workbook(template).save(buffer)
    return buffer.getvalue()


# --- the params file ----------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _texts(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(item) for item in items) + "]"


def _commented(line: str, comment: str) -> str:
    """A line with its comment after it, comments aligned as in the hand-written params files."""
    return f"{line:<26} # {comment}"


def _entry(key: str, path: str, code: str | None = None, comment: str = "") -> list[str]:
    if code is None:
        head = f"  {key}:"
        return [_commented(head, comment) if comment else head, f"    path: {path}"]
    return [f"    - path: {path}", f"      municipality: {code}"]


YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def params_text(plan: Plan, files: list[Template]) -> str:
    """The new study's params file: the latest study's settings, the next period, the new deliveries."""
    values = plan.previous.values
    previous = values.reporting_window
    survey = values.survey
    by_key: dict[str, list[Template]] = {}
    for template in files:
        by_key.setdefault(template.key, []).append(template)
    lines = [
        f"# Studien {plan.name}: uppföljning för perioden {long_date(plan.start)}–{long_date(plan.end)}.",
        f"# Skapad av `make new-study` ur {plan.previous_path} (den senaste studien, perioden",
        f"# {long_date(previous.start)}–{long_date(previous.end)}): samma kommuner, mål och enkätfrågor.",
        f"# Leveranserna fylls i i mallarna i {plan.folder}/ (se LÄSMIG.md där). Rader märkta ÄNDRA ska",
        "# fyllas i eller kontrolleras innan studien körs; ta sedan bort markeringen (filen står i rapportens",
        "# bilaga). Datum skrivs ÅÅÅÅ-MM-DD.",
        "# Ingen published_report och inga scenarios: de hör till återskapandet av 2023 års rapport.",
        "study:",
        f"  title: {_quoted(values.study.title)}",
        "  # ÄNDRA: vad studien bygger på, så som titelblocket visar det (t.ex. vilka leveranser och när",
        '  # de kom: "Leveranser från Svedala och Trelleborg, maj 2024").',
        f"  source: {_quoted(f'Uppföljning {long_date(plan.start)}–{long_date(plan.end)}')}",
        "",
        "municipalities:",
    ]
    for m in values.municipalities:
        lines += [f"  - name: {_quoted(m.name)}", f"    code: {m.code}"]
    goal = values.goal
    lines += [
        "",
        _commented("goal:", "som i förra utvärderingen"),
        f"  municipality: {goal.municipality}",
        f"  reference: {goal.reference}",
        _commented(
            f"  equivalence_margin_pp: {_number(goal.equivalence_margin_pp)}",
            "största skillnad (procentenheter) som räknas som densamma",
        ),
        "",
        f"confidence_level: {_number(values.confidence_level)}",
        "",
        _commented("reporting_window:", "de tolv månaderna efter förra utvärderingens period"),
        f"  start: {plan.start.isoformat()}",
        f"  end: {plan.end.isoformat()}",
        "",
        f"baseline_year: {values.baseline_year}",
        f"collaboration_start: {values.collaboration_start.isoformat()}",
        "",
        "survey:",
        _commented(
            f"  sent: {survey.sent.isoformat()}", "ÄNDRA: dagen då enkäten skickades ut (nu står förra enkätens datum)"
        ),
        _commented(
            f"  open_days: {survey.open_days}", "ÄNDRA: antal dagar enkäten var öppen (nu står förra enkätens antal)"
        ),
        "  # Forms-exporten: kolumnrubrikerna exakt som exporten skriver dem. ÄNDRA text (och label) där",
        "  # frågorna formulerats om sedan förra enkäten, t.ex. ett årtal i frågan.",
        f"  id_column: {_quoted(survey.id_column)}",
        "  questions:",
    ]
    for key, question in survey.questions.items():
        parts = [f"text: {_quoted(question.text)}", f"label: {_quoted(question.label)}"]
        if question.kind != "free_text":
            parts.append(f"kind: {question.kind}")
        if question.area is not None:
            parts.append(f"area: {question.area}")
        if question.points is not None:
            parts.append(f"points: {question.points}")
        for name in ("low", "high"):
            if getattr(question, name) is not None:
                parts.append(f"{name}: {_quoted(getattr(question, name))}")
        if question.options is not None:
            parts.append(f"options: {_texts(question.options)}")
        years = sorted(set(YEAR.findall(f"{question.text} {question.label}")))
        if years:
            lines.append(
                f"    # ÄNDRA: frågan nämner {', '.join(years)}; skriv den som årets formulär och export har den"
            )
        lines.append(f"    {key}: {{{', '.join(parts)}}}")
    lines += [
        f"  dont_know: {_texts(survey.dont_know)}",
        _commented(
            f"  uncoded_share_allowed: {_number(survey.uncoded_share_allowed)}",
            "andel svar med text som får stå utan tema",
        ),
        _commented(
            f"  small_cell_threshold: {survey.small_cell_threshold}",
            "antal under detta markeras i tabeller och diagram",
        ),
        f"  suppress_small_cells: {'true' if survey.suppress_small_cells else 'false'}",
        _commented("  names:", "anonymisering: aldrig personnamn / alltid personnamn (utöver namnlistan)"),
        f"    allow: {_texts(survey.names.allow)}",
        f"    deny: {_texts(survey.names.deny)}",
        "",
        _commented("previous_evaluations:", "tidigare utvärderingar av samma samverkan, äldst först"),
        *[f"  - {path}" for path in [*values.previous_evaluations, plan.previous_path]],
        "",
        _commented("raw_files:", f"leveranserna, alla i {plan.folder}/"),
    ]
    for key in ("rolling_12m", "baseline"):
        lines += _entry(key, plan.path(by_key[key][0].file))
    for key in ("monthly_closures", "yearly"):
        lines.append(_commented(f"  {key}:", "en fil per kommun"))
        for template in by_key[key]:
            lines += _entry(key, plan.path(template.file), template.municipality)
    lines += _entry("survey_invitations", plan.path(by_key["survey_invitations"][0].file))
    lines += _entry(
        "survey_export",
        plan.path(EXPORT_FILE),
        comment="Forms-exporten, sparad här som den laddas ner (namn och e-post: hålls utanför git)",
    )
    for key in ("survey_codebook", "survey_coding"):
        lines += _entry(key, plan.path(by_key[key][0].file))
    lines += [
        _commented("  # evaluators_text:", "utvärderarnas egen bedömning (Markdown), om en sådan skrivs:"),
        f"  #   path: {plan.path('utvarderarnas-bedomning.md')}",
    ]
    return "\n".join(lines) + "\n"


# --- the folder's LÄSMIG.md ---------------------------------------------------------------------


def readme_text(plan: Plan, files: list[Template]) -> str:
    period = f"{long_date(plan.start)}–{long_date(plan.end)}"
    rows = [f"| `{t.file}` | {t.title} | {t.deliverer} |" for t in files]
    rows.append(
        f"| `{EXPORT_FILE}` | Enkätsvaren, exporterade ur Microsoft Forms (ingen mall: Forms skriver filen) | "
        "utvärderarna, som har formuläret |"
    )
    return "\n".join(
        [
            f"# Leveranser: {plan.name} ({period})",
            "",
            f"Den här mappen håller studiens rådata: det som levereras för perioden {period}. Mallarna är skapade "
            f"av `make new-study` ur `{plan.previous_path}`; studiens parameterfil är `{plan.params_path}`.",
            "",
            "## Filerna och vem som levererar dem",
            "",
            "| fil | innehåll | levereras av |",
            "|---|---|---|",
            *rows,
            "",
            "Varje mall har ett blad ”Data” att fylla i och ett blad ”Instruktion” som säger vad som ska stå var, "
            "i vilken enhet och vem som lämnar uppgifterna. Rubrikerna och de ifyllda radrubrikerna ändras inte, "
            "och inga blad läggs till; den ifyllda filen sparas här under samma namn.",
            "",
            "## Forms-exporten",
            "",
            f"Ladda ner svaren ur Microsoft Forms (”Öppna i Excel”) och spara filen här som `{EXPORT_FILE}`, "
            "precis som Forms skriver den: kolumnerna, bladet och svaren ändras inte. Frågornas rubriker ska "
            f"vara exakt de texter som står under `survey.questions` i `{plan.params_path}`, och svaren på "
            "frågan om huvudanställning exakt kommunernas namn.",
            "",
            "## Rådata ändras aldrig efter leverans",
            "",
            "En levererad fil redigeras aldrig för hand, inte ens för att rätta ett uppenbart fel: allt studien "
            "räknar ska gå att föra tillbaka till det som faktiskt levererades. Är något fel ber ni den som "
            "levererade om en rättad fil, som ersätter den gamla i sin helhet, och skriver i loggen nedan vad "
            "som ändrades och varför.",
            "",
            "## Personuppgifter",
            "",
            f"`{EXPORT_FILE}` innehåller de svarandes namn och e-postadresser (om formuläret inte var anonymt). "
            "Studien läser aldrig in de kolumnerna, men filen själv är en personuppgift: den hålls utanför git "
            "(`.gitignore`: `data/raw/*/forms-export*.xlsx`), läggs aldrig till med `git add -f` och delas bara "
            "med dem som behöver den.",
            "",
            "## Nästa steg",
            "",
            "1. Skicka mallarna till dem som levererar och spara de ifyllda filerna här.",
            f"2. Spara Forms-exporten som `{plan.path(EXPORT_FILE)}`.",
            f"3. Gå igenom raderna märkta ÄNDRA i `{plan.params_path}` (enkätens utskicksdag och antal dagar, "
            "`study.source`).",
            f"4. Kör studien: `make run PARAMS={plan.params_path}`.",
            "",
            "## Leveranslogg",
            "",
            "| datum | fil | från | anmärkning |",
            "|---|---|---|---|",
            "",
        ]
    )


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What create_study wrote: the plan and every file, relative to the project root."""

    plan: Plan
    files: list[str]


def create_study(root: Path, name: str) -> Written:
    """Write params/<name>.yaml and data/raw/<name>/ (templates, LÄSMIG.md); refuse if either exists.
    Nothing is left behind if writing fails half-way."""
    check_name(name)
    params_file = root / "params" / f"{name}.yaml"
    folder = root / "data" / "raw" / name
    for target, what in ((params_file, "parameterfilen"), (folder, "mappen")):
        if target.exists():
            raise ScaffoldRefused(
                f"{what} {display_path(target, root)} finns redan; ingenting skrivs över. Välj ett annat namn "
                "eller ta bort den gamla först."
            )
    plan = plan_study(latest_study(root), name)
    files = templates(plan)
    contents = {plan.path(README_FILE): readme_text(plan, files).encode("utf-8")}
    contents |= {plan.path(t.file): workbook_bytes(t) for t in files}
    params = params_text(plan, files).encode("utf-8")
    try:
        folder.mkdir(parents=True)
    except FileExistsError:  # made meanwhile
        raise ScaffoldRefused(f"mappen {display_path(folder, root)} finns redan; ingenting skrivs över.") from None
    params_created = False
    try:
        for relative, data in contents.items():
            (root / relative).write_bytes(data)
        with open(params_file, "xb") as handle:  # fails if someone made it meanwhile
            params_created = True
            handle.write(params)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        if params_created:
            params_file.unlink(missing_ok=True)
        raise
    return Written(plan, [plan.params_path, *contents])


def summary(written: Written) -> str:
    """What was written and what to do next, in Swedish, for the terminal."""
    plan = written.plan
    return "\n".join(
        [
            f"Ny studie: {plan.name}, perioden {long_date(plan.start)}–{long_date(plan.end)} "
            f"(utgår från {plan.previous_path}).",
            "Skrivet:",
            *[f"  {path}" for path in written.files],
            "Nästa steg:",
            f"  1. Skicka mallarna i {plan.folder}/ till dem som levererar (se LÄSMIG.md) och spara de ifyllda "
            "filerna där under samma namn.",
            f"  2. Spara Forms-exporten som {plan.path(EXPORT_FILE)} (den innehåller namn och e-post och hålls "
            "utanför git).",
            f"  3. Gå igenom raderna märkta ÄNDRA i {plan.params_path}: enkätens utskicksdag och antal öppna dagar "
            "(nu förra enkätens), frågornas text och study.source.",
            f"  4. Kör studien: make run PARAMS={plan.params_path}",
        ]
    )
