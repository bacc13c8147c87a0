"""The delivery templates, one per raw_files entry: each one's header, prefilled rows, cell checks and
Swedish instructions. The headers and fixed row labels are the readers' own constants (cleaning/ and
survey/), so a filled-in template is what the readers accept; workbooks.py writes them as XLSX."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import openpyxl
import pandas as pd

from ...cleaning.statistics_readers import (
    BASELINE_COLUMNS,
    BASELINE_VARIANTS,
    MONTHLY_COLUMNS,
    YEARLY_MARK,
    YEARLY_MARKS,
    YEARLY_REMARK,
    read_baseline,
    yearly_companion,
)
from ...cleaning.survey_readers import INVITATION_COLUMNS
from ...outcomes.shares import DENOMINATOR, PUBLISHED_SHARE_OF, SHARE_NUMERATORS
from ...present.formatting import long_date
from ...study.calendar import MONTHS
from ...study.errors import StudyInputError
from ...study.vocabulary import ROW_LABELS, SHARE, YEARLY_MEASURES, unit_of
from ...survey.coding import CODING_COLUMNS
from ...survey.data import CODEBOOK_COLUMNS
from .plan import Plan, last_full_year, monthly_years, period_text, slug

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
    widths: dict[int, int] = field(default_factory=dict)  # column number -> width, where the header's is too narrow


def row_label(measure: str) -> str:
    """The row label the readers know a measure by (the first the source's tables use)."""
    return next(label for label, known in ROW_LABELS.items() if known == measure)


def column_letter(index: int) -> str:
    return openpyxl.utils.get_column_letter(index)


def span(first_column: int, first_row: int, last_column: int, last_row: int) -> str:
    return f"{column_letter(first_column)}{first_row}:{column_letter(last_column)}{last_row}"


COUNT_RULES = [
    "Antal skrivs som heltal (0 eller mer), utan text i cellen. 0 betyder noll; saknas en uppgift lämnas "
    "cellen tom – den redovisas då som saknad, aldrig som noll.",
]
PERCENT_RULES = [
    "Andelar skrivs i procent med procenttecken, t.ex. 40% (cellerna är textceller så att Excel inte gör om "
    "värdet till 0,4). Studien räknar också om andelen från antalen och jämför.",
]
EMPTY_ROWS_RULE = "Tomma rader läses inte."
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
    rows = [["Period", *[period] * len(names)]] + [[row_label(m), *[None] * len(names)] for m in ROLLING_MEASURES]
    checks, text_cells, last = [], [], 1 + len(names)
    for row, measure in enumerate(ROLLING_MEASURES, start=3):
        cells = span(2, row, last, row)
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
            f"”{row_label('enrolled')}”: antal individer som varit inskrivna i arbetsmarknadsinsatser under perioden. "
            "Avslutade (totalt, i arbete/studier, arbete, studier, övrigt) och hushåll: antal under samma period.",
            f"”{row_label('closures_work_studies')}” ska vara summan av ”{row_label('closures_work')}” och "
            f"”{row_label('closures_studies')}”; ”{row_label('closures')}” summan av ”{row_label('closures_work_studies')}” "
            f"och ”{row_label('closures_other')}”. Delarna får aldrig bli fler än totalen.",
            f"”{row_label('enrolled')}” och ”{row_label('closures_work_studies')}” behövs för målet: lämnas någon av "
            "dem tom stoppar körningen med rad och kolumn. En annan tom cell redovisas som saknad, aldrig som noll.",
            *COUNT_RULES,
            *PERCENT_RULES,
            *GENERAL_RULES,
        ],
        text_cells=text_cells,
    )


def previous_baseline(plan: Plan) -> list[list] | None:
    """The previous evaluation's baseline rows as the template writes them (the shares as delivered, '23%'),
    so that the evaluators check them instead of typing them again; None when it has none to read."""
    previous = plan.previous
    if not previous.deliveries("baseline"):
        return None
    try:
        frame = read_baseline(previous)
    except (StudyInputError, OSError):
        return None
    labels = {variant: label for label, variant in BASELINE_VARIANTS.items()}
    return [
        [
            previous.values.name_of(r.municipality),
            previous.values.baseline_year,
            str(r.published).strip(),
            None if pd.isna(r.denominator) else int(r.denominator),
            labels[r.variant],
            r.remark if isinstance(r.remark, str) and r.remark.strip() else None,
        ]
        for r in frame.itertuples()
    ]


def baseline_template(plan: Plan) -> Template:
    values = plan.previous.values
    names = [m.name for m in values.municipalities]
    main = next(label for label, variant in BASELINE_VARIANTS.items() if variant == "main")
    known = previous_baseline(plan)
    rows = known or [[name, values.baseline_year, None, None, main, None] for name in names]
    share = BASELINE_COLUMNS.index("Andel i arbete/studier") + 1
    last = 1 + BASELINE_ROWS
    column = {name: BASELINE_COLUMNS.index(name) + 1 for name in BASELINE_COLUMNS}
    checks = [
        Check(span(column["Kommun"], 2, column["Kommun"], last), "list", choices=tuple(names)),
        Check(span(column["År"], 2, column["År"], last), "whole", values.baseline_year, values.baseline_year),
        Check(span(share, 2, share, last), "percent"),
        Check(span(column["Antal sökande (nämnare)"], 2, column["Antal sökande (nämnare)"], last), "whole"),
        Check(span(column["Variant"], 2, column["Variant"], last), "list", choices=tuple(BASELINE_VARIANTS)),
    ]
    source = (
        f"Raderna är ifyllda med förra utvärderingens uppgifter ({plan.previous_path}): kontrollera dem och "
        "rätta bara det som är fel. En ändrad siffra behöver en förklaring i ”Anmärkning”."
        if known
        else f"Skriv samma uppgifter som i förra utvärderingen ({plan.previous_path})."
    )
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
            source,
            f"Varje kommun behöver en rad med variant ”{main}”. En alternativ siffra (t.ex. utan en viss grupp) "
            f"läggs som en egen rad med variant ”{', '.join(v for v in BASELINE_VARIANTS if v != main)}” och en "
            "förklaring i ”Anmärkning”.",
            "En tom andel stoppar körningen med rad och kolumn: varje rad behöver sin andel (basåret kan inte "
            "anges som ej levererat). Ta bort en alternativ rad som inte har någon andel.",
            "”Antal sökande (nämnare)”: antalet som andelen räknas på, som heltal; lämna tomt om det inte är känt "
            "(andelen räknas då som känd bara till hela procent).",
            "”Anmärkning”: fritt, t.ex. varifrån siffran kommer; en alternativ siffras förklaring står i rapporten. "
            "Tom: ingen anmärkning.",
            *PERCENT_RULES,
            *GENERAL_RULES,
        ],
        text_cells=[span(share, 2, share, last)],
        widths={column["Anmärkning"]: 60},
    )


def monthly_template(plan: Plan, code: str) -> Template:
    values = plan.previous.values
    name = values.name_of(code)
    years = monthly_years(plan.previous, plan.end)
    rows = [[year, *[None] * len(MONTHS)] for year in years]
    grey = [
        f"{column_letter(1 + month)}{row}"
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
        checks=[Check(span(2, 2, len(MONTHLY_COLUMNS), 1 + len(years)), "whole")],
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
    """One column per year for the value, then its mark (säker/osäker/saknas) and a free remark: what the
    source writes as '(252) Statistik i 2 system' or 'Oklart' is delivered as it is."""
    values = plan.previous.values
    name = values.name_of(code)
    years = list(range(values.baseline_year, last_full_year(plan.end) + 1))
    header: list = [f"Statistik {name} per år"]
    for year in years:
        header += [year, yearly_companion(YEARLY_MARK, year), yearly_companion(YEARLY_REMARK, year)]
    rows = [[row_label(measure), *[None] * (len(header) - 1)] for measure in YEARLY_MEASURES]
    last_row = 1 + len(rows)
    checks, widths = [], {}
    for number in range(len(years)):
        value = 2 + 3 * number
        checks += [
            Check(span(value, 2, value, last_row), "whole"),
            Check(span(value + 1, 2, value + 1, last_row), "list", choices=tuple(YEARLY_MARKS)),
        ]
        widths[value + 2] = 30
    marks = ", ".join(f"”{mark}”" for mark in YEARLY_MARKS)
    return Template(
        key="yearly",
        file=f"{slug(name)}-statistik-per-ar.xlsx",
        header=header,
        rows=rows,
        checks=checks,
        title=f"{name}: statistik per kalenderår {years[0]}–{years[-1]}",
        deliverer=f"{name} (kommunens statistikansvariga)",
        municipality=code,
        instructions=[
            f"Vad: helårssiffror för {name}, ett kalenderår per kolumn ({years[0]}–{years[-1]}).",
            f"”{row_label('households')}” och ”{row_label('individuals_fa')}”: antal hushåll och individer (vuxna och "
            f"barn) som fått ekonomiskt bistånd under året. ”{row_label('enrolled')}”: antal individer inskrivna i "
            "arbetsmarknadsinsatser under året.",
            f"”{row_label('fa_paid')}”: utbetalt belopp under året i hela kronor, bara siffror (utan ”kr”).",
            f"Varje år har tre kolumner: värdet, ”{YEARLY_MARK} ÅÅÅÅ” och ”{YEARLY_REMARK} ÅÅÅÅ”. Markeringen väljs "
            f"i listan ({marks}): tom eller ”säker” när värdet gäller som det står; ”osäker” när värdet finns men "
            "inte är säkert (t.ex. statistik ur två system) – det visas då som osäkert och används aldrig för att "
            "beskriva en utveckling över åren; ”saknas” när uppgiften inte finns – lämna då värdecellen tom.",
            f"”{YEARLY_REMARK}”: fritt och kort, t.ex. ”Statistik i 2 system” eller ”unika individer”. Rapporten "
            "säger den där den bygger en utveckling på värdet, och rensningsloggen visar den för osäkra och saknade "
            "värden. Skriv inga namn eller andra personuppgifter. Tom: ingen anmärkning.",
            "En tom värdecell utan markering räknas som saknad uppgift, aldrig som noll. Lämnas hela mallen tom "
            "stoppar körningen och säger hur det anges att statistiken inte levererades.",
            *COUNT_RULES,
            *GENERAL_RULES,
        ],
        widths=widths,
    )


def invitations_template(plan: Plan) -> Template:
    names = [m.name for m in plan.previous.values.municipalities]
    return Template(
        key="survey_invitations",
        file="enkat-utskick.xlsx",
        header=list(INVITATION_COLUMNS),
        rows=[[name, None] for name in names],
        checks=[
            Check(span(1, 2, 1, 1 + len(names)), "list", choices=tuple(names)),
            Check(span(2, 2, 2, 1 + len(names)), "whole"),
        ],
        title="Enkäten: antal utskick per kommun",
        deliverer="den som skickade ut enkäten (utvärderarna)",
        instructions=[
            "Vad: hur många som fick enkäten, per kommun (där de har sin huvudanställning).",
            "Antalet svar räknas ur Forms-exporten; skriv det inte här.",
            "Ingen cell får lämnas tom: svarsfrekvensen räknas på antalet utskick, så en tom cell stoppar körningen "
            "med rad och kolumn.",
            *COUNT_RULES,
            *GENERAL_RULES,
        ],
    )


def _free_text_questions(plan: Plan) -> tuple[str, ...]:
    """The free-text questions the codebook's and coding's drop-downs offer: this study's, as proposed."""
    return tuple(plan.free_text_questions())


def codebook_template(plan: Plan) -> Template:
    questions = _free_text_questions(plan)
    return Template(
        key="survey_codebook",
        file="kodbok.xlsx",
        header=list(CODEBOOK_COLUMNS),
        rows=[],
        checks=[Check(span(1, 2, 1, 1 + CODEBOOK_ROWS), "list", choices=questions)],
        title="Enkäten: kodbok (teman per fritextfråga)",
        deliverer="utvärderarna (de som kodar svaren)",
        instructions=[
            f"Vad: de teman som fritextsvaren kodas med, en rad per tema. ”Fråga”: frågans nyckel i params "
            f"({', '.join(questions)}).",
            "”Tema”: en kort, unik kod utan mellanslag, t.ex. q2_organisering. ”Etikett”: temat som det visas i "
            "rapporten. ”Definition”: en mening om vad ett svar ska säga för att få temat.",
            "Varje tema hör till en fråga; samma tema får inte stå två gånger. ”Etikett” och ”Definition” får inte "
            "vara tomma.",
            EMPTY_ROWS_RULE,
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
            Check(span(1, 2, 1, 1 + CODING_ROWS), "whole", low=1),
            Check(span(2, 2, 2, 1 + CODING_ROWS), "list", choices=questions),
        ],
        title="Enkäten: kodning (vilka teman varje svar har)",
        deliverer="utvärderarna (de som kodar svaren)",
        instructions=[
            "Vad: en rad per svar och tema. ”ID”: respondentens ID i Forms-exporten (kolumnen ID). ”Fråga”: "
            f"frågans nyckel ({', '.join(questions)}). ”Tema”: en kod ur kodboken som hör till samma fråga. "
            "”Grund”: kort varför (t.ex. vilka ord i svaret).",
            "Varje svar med text ska ha minst ett tema (om inte params tillåter en andel okodade). Blanka svar och "
            "”vet ej” kodas inte. Ett svar som saknas i kodningen räknas som okodat.",
            EMPTY_ROWS_RULE,
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
