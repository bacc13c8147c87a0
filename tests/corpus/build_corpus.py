"""Builds the broken-input corpus from the study's real files (run once; the outputs are committed).

Each case is a file an analyst could really produce: the real file with one realistic mistake.
index.yaml says which file it replaces, what the study must say (Swedish, naming file, row and
column or the params key), and whether the file must be read correctly instead (Excel encodings).
Run from the project root: .venv/bin/python tests/corpus/build_corpus.py
"""

import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the follow-up and the hostile workbooks
from corpus.follow_up import NAME, make_follow_up  # noqa: E402
from corpus.hostile import old_excel, opendocument, workbook  # noqa: E402

from collabstudy.io.xlsx import make_xlsx_reproducible  # noqa: E402

RAW = Path("data/raw")
PARAMS = Path("params/svedala-trelleborg-2023.yaml")
OUT = Path("tests/corpus")
ROLLING = RAW / "statistics/rullande-12-manader.csv"
YEARLY = RAW / "statistics/svedala-statistik-per-ar.csv"
MONTHLY = RAW / "statistics/svedala-avslut-arbete-studier-per-manad.csv"
RESPONSE = RAW / "survey/enkat-svarsfrekvens.csv"  # the invitations (with the report's typed respondents)
CODING = RAW / "survey/kodning.csv"
CODEBOOK = RAW / "survey/kodbok.csv"
EXPORT = RAW / "survey/forms-export.xlsx"


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def replaced(path: Path, old: str, new: str) -> str:
    content = text(path)
    assert old in content, (path, old)
    return content.replace(old, new, 1)


CASES = []


def case(name, replaces, content, expect, step="01_cleaning", row=None, column=None, key=None, ok=False, **more):
    """One case: the file `name` (its `content`) in place of `replaces`. `more`: what a case of another kind
    needs (index.yaml's header says which kinds there are)."""
    CASES.append(
        {
            "name": name,
            "replaces": str(replaces),
            "step": step,
            "expect": expect,
            "row": row,
            "column": column,
            "key": key,
            "reads_correctly": ok,
            **more,
        }
    )
    target = OUT / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


params = text(PARAMS)
case(
    "params-okand-nyckel.yaml",
    PARAMS,
    params.replace("baseline_year: 2019", "basår: 2019"),
    "okänd nyckel",
    key="basår",
)
case(
    "params-fel-typ.yaml",
    PARAMS,
    params.replace("open_days: 16", "open_days: sexton"),
    "heltal",
    key="survey.open_days",
)
case(
    "params-datum-finns-inte.yaml",
    PARAMS,
    params.replace("end: 2023-03-31", "end: 2023-02-29"),
    "datum",
    key="reporting_window.end",
)
case(
    "params-datafil-saknas.yaml",
    PARAMS,
    params.replace("rullande-12-manader.csv", "rullande-12-manader-2024.csv"),
    "finns inte",
    key="raw_files.rolling_12m.path",
)
case(
    "params-sokvag-utanfor.yaml",
    PARAMS,
    params.replace("path: data/raw/statistics/basar-2019.csv", "path: ../../etc/passwd"),
    "utanför",
    key="raw_files.baseline.path",
)
case(
    "params-dubbel-nyckel.yaml",
    PARAMS,
    params.replace("baseline_year: 2019", "baseline_year: 2019\nbaseline_year: 2020"),
    "två gånger",
    key="baseline_year",
)
case(
    "params-okand-kommunkod.yaml",
    PARAMS,
    params.replace("reference: T", "reference: X"),
    "finns inte bland",
    key="goal.reference",
)
# Params safe by construction (issue 15): each mistake is refused at once, naming the key or row, and the
# message never shows more than a short prefix of what was given.
# "Billion laughs": nine levels of aliases would expand into gigabytes; the first anchor is refused.
bomb = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
bomb += [f"lol{level}: &{level} [{', '.join([f'*{previous}'] * 9)}]" for previous, level in zip("abcdefgh", "bcdefghi")]
case(
    "params-ankare-alias.yaml",
    PARAMS,
    params + "\n".join(bomb) + "\n",
    "får inte använda YAML-ankare eller alias",
    row=params.count("\n") + 1,
)
# A path pasted again and again into one (5 000 characters): too long for any filesystem.
long_name = "data/raw/statistics/" + "basar-2019-" * 453 + ".csv"
case(
    "params-lang-sokvag.yaml",
    PARAMS,
    replaced(PARAMS, "path: data/raw/statistics/basar-2019.csv", f"path: {long_name}"),
    "är för lång",
    key="raw_files.baseline.path",
)
case(
    "params-tal-som-text.yaml",
    PARAMS,
    replaced(PARAMS, "confidence_level: 0.95", 'confidence_level: "0.95"'),
    "ska vara ett tal, inte text: skriv 0.95 utan citattecken",
    key="confidence_level",
)
# The report's whole summary pasted as the title: one character over the limit (500).
title = "Avtalssamverkan Svedala–Trelleborg: ekonomiskt bistånd och arbetsmarknadsinsatser"
summary = " Samverkan mellan kommunerna om ekonomiskt bistånd och arbetsmarknadsinsatser utvärderas."
long_title = (title + summary * 6)[:501]
case(
    "params-lang-titel.yaml",
    PARAMS,
    replaced(PARAMS, f'title: "{title}"', f'title: "{long_title}"'),
    "är för lång (501 tecken; högst 500)",
    key="study.title",
)
# Saved as Windows-1252 ("ANSI"): the first letter that is not UTF-8 is the ä of "Utvärdering" on row 1.
case(
    "params-windows-1252.yaml",
    PARAMS,
    params.encode("cp1252"),
    "inte sparad som UTF-8",
    row=1,
)
# Windows Notepad's "Unicode": UTF-16 with a byte order mark.
case("params-utf-16.yaml", PARAMS, params.encode("utf-16"), "sparad som UTF-16", row=1)
# A staff register pasted into the allow list: just over the size limit (256 kB), refused before it is read.
first_names = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per"]
surnames = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson"]
register = []
while len(params.encode("utf-8")) + len(", ".join(register)) < 260 * 1024:
    register += [f"{first} {surname}" for first in first_names for surname in surnames]
case(
    "params-for-stor.yaml",
    PARAMS,
    replaced(PARAMS, "allow: [Sverige,", f"allow: [{', '.join(register)}, Sverige,"),
    "parameterfilen är för stor",
)
case("rullande-komma.csv", ROLLING, text(ROLLING).replace(";", ","), "semikolonseparerad", row=1)
case("rullande-bom.csv", ROLLING, b"\xef\xbb\xbf" + text(ROLLING).encode("utf-8"), "", ok=True)
case("rullande-windows-1252.csv", ROLLING, text(ROLLING).encode("cp1252"), "", ok=True)
case(
    "rullande-kolumn-saknas.csv",
    ROLLING,
    text(ROLLING).replace("Mått;Svedala;Trelleborg", "Mått;Svedala;Trelleborgs"),
    "kolumnen saknas",
    row=1,
    column="Trelleborg",
)
case(
    "rullande-extra-kolumn.csv",
    ROLLING,
    "\n".join(line + ";" for line in text(ROLLING).splitlines()).replace(
        "Mått;Svedala;Trelleborg;", "Mått;Svedala;Trelleborg;Kommentar"
    )
    + "\n",
    "okänd kolumn",
    row=1,
    column="Kommentar",
)
case(
    "rullande-text-i-tal.csv",
    ROLLING,
    replaced(ROLLING, "Arbete;53;279", "Arbete;53;ca 279"),
    "inte ett tal",
    row=8,
    column="Trelleborg",
)
case(
    "rullande-negativt-antal.csv",
    ROLLING,
    replaced(ROLLING, "Studier;9;58", "Studier;-9;58"),
    "negativt",
    row=9,
    column="Svedala",
)
case(
    "rullande-andel-over-100.csv",
    ROLLING,
    replaced(ROLLING, "Andel avslut;40%;49%", "Andel avslut;140%;49%"),
    "100 %",
    row=5,
    column="Svedala",
)
case(
    "rullande-delar-storre-an-total.csv",
    ROLLING,
    replaced(ROLLING, "Övrigt;60;170", "Övrigt;90;170"),
    "fler än totalen",
    row=4,
    column="Svedala",
)
case("rullande-dubblettrad.csv", ROLLING, text(ROLLING) + "Arbete;53;279\n", "dubblettrad", row=12, column="Mått")
case("rullande-tom.csv", ROLLING, "", "tom")
case(
    "rullande-decimalpunkt.csv",
    ROLLING,
    replaced(ROLLING, "Andel i arbete/studier;20%;33%", "Andel i arbete/studier;20.3%;33%"),
    "decimalkomma",
    row=10,
    column="Svedala",
)
case(
    "per-ar-okant-matt.csv",
    YEARLY,
    replaced(YEARLY, "Antal hushåll;", "Antal hushall;"),
    "okänt mått",
    row=2,
    column="Statistik Svedala per år",
)
case("per-manad-fel-ar.csv", MONTHLY, replaced(MONTHLY, "2022;2;4;", "20x2;2;4;"), "årtal", row=3, column="År")
case(
    "svarsfrekvens-fler-svar-an-utskick.csv",
    RESPONSE,
    replaced(RESPONSE, "Svedala;31;15;", "Svedala;13;15;"),
    "fler respondenter",
    row=2,
    column="Respondenter",
)
case(
    "kodning-okant-tema.csv",
    CODING,
    replaced(CODING, "q4_utbud", "q4_utbudd"),
    "finns inte i kodboken",
    step="03_survey",
    column="Tema",
)
case(
    "kodning-tema-pa-blankt-svar.csv",
    CODING,
    text(CODING) + "15;q4;q4_utbud;analytikerns misstag\n",
    "blankt",
    step="03_survey",
    column="Tema",
)
codebook_lines = text(CODEBOOK).splitlines()
case(
    "kodbok-dubblett.csv",
    CODEBOOK,
    "\n".join([*codebook_lines, codebook_lines[1]]) + "\n",
    "finns redan",
    step="03_survey",
    row=len(codebook_lines) + 1,
    column="Tema",
)


case(
    "svarsfrekvens-fel-antal-svarande.csv",
    RESPONSE,
    replaced(RESPONSE, "Svedala;31;15;", "Svedala;31;16;"),
    "exporten",
    row=2,
    column="Respondenter",
)
# An answer with text that has no theme: the coding is incomplete (q2, respondent 1 is coded in the real file).
coding_lines = text(CODING).splitlines()
uncoded = [line for line in coding_lines[1:] if line.split(";")[1] == "q2"]
case(
    "kodning-svar-utan-tema.csv",
    CODING,
    "\n".join(row for row in coding_lines if row.split(";")[:2] != uncoded[0].split(";")[:2]) + "\n",
    "saknar tema",
    step="03_survey",
)


def export_variant(name, edit, expect, row=None, column=None, ok=False):
    book = openpyxl.load_workbook(EXPORT)
    edit(book)
    book.save(OUT / name)
    make_xlsx_reproducible(OUT / name)  # the same bytes on every run (openpyxl stamps the time of saving)
    # The export is read by the cleaning step (respondents) before the survey step reads its free text.
    CASES.append(
        {
            "name": name,
            "replaces": str(EXPORT),
            "step": "01_cleaning",
            "expect": expect,
            "row": row,
            "column": column,
            "key": None,
            "reads_correctly": ok,
        }
    )


export_variant(
    "forms-dubbla-id.xlsx",
    lambda b: setattr(b.active.cell(row=4, column=1), "value", 2),
    "finns redan",
    row=4,
    column="ID",
)
export_variant(
    "forms-okand-kommun.xlsx",
    lambda b: setattr(b.active.cell(row=7, column=13), "value", "Skurup"),
    "okänd kommun",
    row=7,
)
export_variant("forms-fragekolumn-saknas.xlsx", lambda b: b.active.delete_cols(9), "saknas i exporten", row=1)
# Forms names its one sheet by the interface language: any name reads.
export_variant("forms-engelskt-blad.xlsx", lambda b: setattr(b.active, "title", "Sheet1"), "", ok=True)
export_variant("forms-tva-blad.xlsx", lambda b: b.create_sheet("Diagram"), "flera blad")
export_variant(
    "forms-tid-ar-text.xlsx",
    lambda b: setattr(b.active.cell(row=3, column=2), "value", "i går"),
    "ingen tidpunkt",
    row=3,
    column="Starttid",
)


def two_row_header(book):
    book.active.insert_rows(1)
    book.active.cell(row=1, column=1, value="Utvärdering av samverkan – export")


# The real headers are on row 2, under an empty header on row 1: named where the first one stands.
export_variant("forms-tva-rubrikrader.xlsx", two_row_header, "extra rubrikrad", row=2)
# Anonymity: a word in an answer that may be a name no list knows stops the run for the analyst's review.
export_variant(
    "forms-okant-namn.xlsx",
    lambda b: setattr(b.active.cell(row=4, column=7), "value", "Bra stöd från Xyzzyk på enheten."),
    "kan peka ut en person",
)
# A theme label naming a colleague would be printed in the report: the codebook row is named.
case(
    "kodbok-namn-i-etikett.csv",
    CODEBOOK,
    replaced(CODEBOOK, "Större utbud av aktiviteter och service", "Större utbud tack vare Anna Lindqvist"),
    "personnamn",
    step="03_survey",
    row=3,
    column="Etikett",
)

# --- What Excel writes (issue 15): read as the original, or refused naming the real cause ---------
rolling_lines = text(ROLLING).splitlines()
# Excel keeps the separators of a column whose contents were deleted: `;;` at the end of every row.
case("rullande-tomma-kolumner.csv", ROLLING, "".join(line + ";;\n" for line in rolling_lines), "", ok=True)
case(
    "rullande-varde-utan-rubrik.csv",
    ROLLING,
    "".join(line + (";;obs" if line.startswith("Arbete;") else ";;") + "\n" for line in rolling_lines),
    "kolumn nummer 5 (E) saknar rubrik",
    row=8,
)
# Excel's "Unicode-text" is UTF-16 (little endian, with BOM), tab-separated, CRLF; also with `;`.
case("rullande-utf-16.csv", ROLLING, b"\xff\xfe" + "\r\n".join([*rolling_lines, ""]).encode("utf-16-le"), "", ok=True)
case(
    "rullande-utf-16-tabb.csv",
    ROLLING,
    b"\xff\xfe" + "\r\n".join([*rolling_lines, ""]).replace(";", "\t").encode("utf-16-le"),
    "",
    ok=True,
)
# Excel's "Text (tabbavgränsad)": Windows-1252, tab-separated.
case("rullande-tabb-windows-1252.csv", ROLLING, text(ROLLING).replace(";", "\t").encode("cp1252"), "", ok=True)
case(
    "rullande-utf-16-utan-bom.csv",
    ROLLING,
    text(ROLLING).encode("utf-16-le"),
    "UTF-16 utan markering",
)
case(
    "rullande-punkt-tusental.csv",
    ROLLING,
    replaced(ROLLING, "Inskrivna i arbetsmarknadsåtgärd;306;1029", "Inskrivna i arbetsmarknadsåtgärd;306;1.029"),
    "tusentalsavgränsare",
    row=3,
    column="Trelleborg",
)


def rolling_workbook_bytes() -> bytes:
    """The rolling table saved as an XLSX workbook: what a file renamed to .csv holds."""
    book = openpyxl.Workbook()
    for line in rolling_lines:
        book.active.append(line.split(";"))
    target = OUT / "_arbetsbok.xlsx"
    book.save(target)
    make_xlsx_reproducible(target)
    data = target.read_bytes()
    target.unlink()
    return data


case("rullande-arbetsbok-som-csv.csv", ROLLING, rolling_workbook_bytes(), "Excel-arbetsbok (XLSX)")
SVEDALA_GAINS = "Vad anser du är den/de största vinsterna för Svedala i denna samverkan?"


def header_with(character: str):
    """An edit that puts `character` in place of the space after 'vinsterna' in question q4's header."""

    def edit(book):
        cell = book.active.cell(row=1, column=9)
        assert cell.value == SVEDALA_GAINS, cell.value
        cell.value = SVEDALA_GAINS.replace("vinsterna ", "vinsterna" + character, 1)

    return edit


# A header copied with a no-break space reads as the one the params name (a person cannot see it) …
export_variant("forms-hart-mellanslag-i-rubrik.xlsx", header_with("\u00a0"), "", ok=True)
# … one with a zero-width space is named, the character written out with its place.
export_variant(
    "forms-nollbreddstecken-i-rubrik.xlsx",
    header_with("\u200b"),
    "\\u200b = nollbreddsmellanslag på plats 41",
    row=1,
    column=SVEDALA_GAINS,
)
# A figure the goal needs, not delivered: a Swedish stop at the cleaning, not an exception in the outcomes step.
case(
    "rullande-malmatt-saknas.csv",
    ROLLING,
    replaced(ROLLING, "Avslutade i arbete/studier;62;337", "Avslutade i arbete/studier;62;saknas"),
    "målet jämför",
    row=7,
    column="Trelleborg",
)


def rolling_as_excel_saves_it(name):
    """The rolling table saved from Excel as XLSX: counts as numbers (one stored as text, as pasted), shares
    as fractions shown with a percent format. The params file then names the .xlsx (`params`)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    for row, line in enumerate(text(ROLLING).splitlines(), start=1):
        for column, value in enumerate(line.split(";"), start=1):
            cell = sheet.cell(row=row, column=column)
            if value.endswith("%"):
                cell.value, cell.number_format = int(value[:-1]) / 100, "0%"
            elif value.isdigit() and (row, column) != (3, 2):
                cell.value = int(value)
            else:
                cell.value = value
    book.save(OUT / name)
    make_xlsx_reproducible(OUT / name)
    target = ROLLING.with_suffix(".xlsx")
    CASES.append(
        {
            "name": name,
            "replaces": str(target),
            "params": {"old": str(ROLLING), "new": str(target)},
            "step": "01_cleaning",
            "expect": "",
            "row": None,
            "column": None,
            "key": None,
            "reads_correctly": True,
        }
    )


rolling_as_excel_saves_it("rullande-som-xlsx.xlsx")

# Closed questions: the export gets a column Forms would write for a rating or a choice, and the params
# file the question (`params`), as an analyst adds one; one cell holds what the question cannot take.
Q9 = text(PARAMS).split("\n    q9: ")[1].split("\n")[0]
CLOSED = {
    "rating": ("Hur nöjd är du med samverkan? (1–5)", "kind: rating, points: 5", ["4", "5", "3", "2", "4"]),
    "choice": ("Vill du att samverkan fortsätter?", 'kind: choice, options: ["Ja", "Nej", "Osäker"]', ["Ja", "Nej"]),
}


def closed_variant(name, kind, row, value, expect):
    header, spec, values = CLOSED[kind]
    book = openpyxl.load_workbook(EXPORT)
    sheet = book.active
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column, value=header)
    for line in range(2, sheet.max_row + 1):
        answer = value if line == row else values[line % len(values)]
        sheet.cell(row=line, column=column, value=int(answer) if answer.isdigit() else answer)
    book.save(OUT / name)
    make_xlsx_reproducible(OUT / name)
    question = f'    q10: {{text: "{header}", label: "Sluten fråga", {spec}}}'
    CASES.append(
        {
            "name": name,
            "replaces": str(EXPORT),
            "params": {"old": f"    q9: {Q9}", "new": f"    q9: {Q9}\n{question}"},
            "step": "01_cleaning",
            "expect": expect,
            "row": row,
            "column": header,
            "key": None,
            "reads_correctly": False,
        }
    )


closed_variant("forms-betyg-utanfor-skalan.xlsx", "rating", 6, "7", "ligger inte på frågans skala")
closed_variant("forms-betyg-med-decimal.xlsx", "rating", 9, "3,5", "ligger inte på frågans skala")
closed_variant("forms-val-okant-alternativ.xlsx", "choice", 5, "Kanske", "inget av frågans svarsalternativ")
closed_variant("forms-flerval-som-val.xlsx", "choice", 4, "Ja;Nej;", "flervalsfråga")
case(
    "params-betyg-utan-skala.yaml",
    PARAMS,
    replaced(PARAMS, f"    q9: {Q9}", f'    q9: {Q9}\n    q10: {{text: "Hur nöjd?", label: "Nöjd", kind: rating}}'),
    "points",
    key="survey.questions.q10",
)
case(
    "params-val-med-lika-alternativ.yaml",
    PARAMS,
    replaced(
        PARAMS,
        f"    q9: {Q9}",
        f'    q9: {Q9}\n    q10: {{text: "Fortsätta?", label: "Fortsatt", kind: choice, options: ["Ja", "ja "]}}',
    ),
    "lika",
    key="survey.questions.q10",
)
# --- Inputs, round three (issue 29): content decides what re-runs, no figure its own log contradicts, no markup
# from any file, bounded reads. Kinds beyond the plain input case (each case's `kind`, index.yaml):
#   log    read, not refused: what the cleaning log must hold (`logged`: [check, row, column] each)
#   runs   valid input that must run through (`steps`), its figures missing rather than wrong (`statuses`),
#          no live markup on its pages (`page_lacks`); run on a copy of the published study's first `make run`
#   rerun  a corrected delivery whose file time is older than the outputs: `make -n run` must re-run `reruns`
#   make   a make command (the file: its arguments, one a line; `cwd`) refused in Swedish, creating nothing
# A case on the follow-up an analyst makes with `make new-study` (its templates filled) says `study: uppfoljning`.
SHARE_ROW = "Andel avslut;40%;49%"

# Item 2: a figure the cleaning log contradicts is never used.
case(
    "svarsfrekvens-totalt-motsager-delarna.csv",
    RESPONSE,
    replaced(RESPONSE, "Totalt;77;37;48%", "Totalt;500;;"),
    "Kommunernas utskick summerar till 77, inte 500",
    kind="log",
    logged=[["enkät: summa utskick", 4, "Utskick"]],
)
case(
    "svarsfrekvens-fler-svar-an-utskick-i-exporten.csv",
    RESPONSE,
    replaced(RESPONSE, "Svedala;31;15;48,39%", "Svedala;5;;"),
    "fler svar än utskick ger en svarsfrekvens över 100 %",
    row=2,
    column="Utskick",
)
case(
    "svarsfrekvens-noll-utskick.csv",
    RESPONSE,
    replaced(RESPONSE, "Svedala;31;15;48,39%", "Svedala;0;;"),
    "0 utskick för Svedala",
    row=2,
    column="Utskick",
)
case(
    "rullande-avslut-over-inskrivna.csv",
    ROLLING,
    replaced(ROLLING, "Totalt avslutade;122;507", "Totalt avslutade;400;507").replace(
        "Övrigt;60;170", "Övrigt;338;170"
    ),
    "fler avslut än inskrivna ger en andel över 100 %",
    row=4,
    column="Svedala",
)
case(
    "rullande-delar-farre-an-total.csv",
    ROLLING,
    replaced(ROLLING, "Övrigt;60;170", "Övrigt;50;170"),
    "är färre än totalen 122",
    row=4,
    column="Svedala",
)

# Item 3: periods enforced.
monthly_text = text(MONTHLY)
case(
    "per-manad-efter-perioden.csv",
    MONTHLY,
    monthly_text + "2023;3;3;3;9;9;9;;;;;;;;\n2024;60;60;;;;;;;;;;;120;60\n",
    "efter rapportperioden (som slutar 2023-03-31)",
    kind="log",
    logged=[
        ["period: värde efter rapportperioden", 4, "April"],
        ["period: värde efter rapportperioden", 4, "Juni"],
        ["period: värde efter rapportperioden", 5, "Januari"],
        ["period: värde efter rapportperioden", 5, "Sammanlagt"],
    ],
)
case(
    "per-manad-i-framtiden.csv",
    MONTHLY,
    monthly_text + "2099;4;;;;;;;;;;;;;\n",
    "som inte har börjat än",
    row=4,
    column="Januari",
)
for name, old, new, key, expect in (
    ("params-samverkan-i-framtiden.yaml", "collaboration_start: 2021-09-01", "collaboration_start: 2099-01-01",
     "collaboration_start", "ligger i framtiden"),
    ("params-samverkan-efter-perioden.yaml", "collaboration_start: 2021-09-01", "collaboration_start: 2022-06-01",
     "collaboration_start", "ligger efter rapportperiodens början"),
    ("params-basar-efter-start.yaml", "baseline_year: 2019", "baseline_year: 2021", "baseline_year",
     "ett helt år före samverkans start"),
    ("params-utskick-i-framtiden.yaml", "sent: 2022-03-07", "sent: 2099-03-07", "survey.sent", "ligger i framtiden"),
):  # fmt: skip
    case(name, PARAMS, replaced(PARAMS, old, new), expect, key=key)

# Items 4 and 5: markup in a label shows as text; a '$' in one is no mathtext; an empty count the template allows.
case(
    "kodbok-markup-och-dollar.csv",
    CODEBOOK,
    replaced(
        CODEBOOK,
        "Större utbud av aktiviteter och service",
        'Större utbud <img src=x onerror="window.__pwned=1"> av </td><b id="pwned">service</b>',
    ).replace("Lägre kostnader för försörjningsstöd", "Lägre kostnader $x^$ och $$ för försörjningsstöd"),
    "",
    step="03_survey",
    kind="runs",
    steps=["03_survey"],
    page_lacks=['<b id="pwned"', "<img src=x", '<img src="x"'],
)
case(
    "rullande-totalt-avslutade-tomt.csv",
    ROLLING,
    replaced(ROLLING, "Totalt avslutade;122;507", "Totalt avslutade;;507").replace(SHARE_ROW, "Andel avslut;;49%"),
    "",
    kind="runs",
    steps=["01_cleaning", "02_outcomes", "04_conclusions"],
    statuses={"02_outcomes": {"S.closures.count": "saknas", "S.closures.share": "saknas"}},
    page_lacks=["av 306 ()", "\u2013\u00a0%"],
)


def rolling_workbook_with_formula(name):
    """The rolling table as a program writes XLSX: a formula for a sum and no value saved beside it."""
    book = openpyxl.Workbook()
    for line in text(ROLLING).splitlines():
        book.active.append([int(v) if v.isdigit() else v for v in line.split(";")])
    book.active["B7"] = "=B8+B9"
    book.save(OUT / name)
    make_xlsx_reproducible(OUT / name)
    target = ROLLING.with_suffix(".xlsx")
    case_params = {"old": str(ROLLING), "new": str(target)}
    CASES.append(
        {
            "name": name,
            "replaces": str(target),
            "params": case_params,
            "step": "01_cleaning",
            "expect": "har formeln '=B8+B9' men inget sparat värde",
            "row": 7,
            "column": None,
            "key": None,
            "reads_correctly": False,
        }
    )


rolling_workbook_with_formula("rullande-formel-utan-sparat-varde.xlsx")

# Item 6: bounded reads.
export_header = [str(c.value) for c in openpyxl.load_workbook(EXPORT).active[1]]


def hostile_export(name, expect, row=None, **shape):
    workbook(OUT / name, [export_header, ["1", *[""] * (len(export_header) - 1)]], **shape)
    CASES.append(
        {
            "name": name,
            "replaces": str(EXPORT),
            "step": "01_cleaning",
            "expect": expect,
            "row": row,
            "column": None,
            "key": None,
            "reads_correctly": False,
        }
    )


hostile_export("forms-uppackningsbomb.xlsx", "packas upp till 150 MB", long_string=(2, 150))
hostile_export("forms-cell-over-excels-grans.xlsx", "en cell får ha högst 32 767", row=2, long_string=(2, 1))
hostile_export("forms-for-manga-rader.xlsx", "fler än 100 000 rader", empty_rows=100_000)
case(
    "rullande-cell-over-excels-grans.csv",
    ROLLING,
    replaced(ROLLING, "Arbete;53;279", "Arbete;53;" + "2" * 40_000),
    "kolumn C har 40 000 tecken",
    row=8,
)

# Item 7: what make and the study cannot use, said in Swedish.
case(
    "params-liknande-nyckel.yaml",
    PARAMS,
    replaced(PARAMS, "\nsurvey:", "\nsurv\u0435y:"),
    "\\u0435 (kyrilliskt е, ser ut som e) på plats 5",
    key="surv\\u0435y",
)
case(
    "params-sokvag-med-mellanslag.yaml",
    PARAMS,
    replaced(PARAMS, "path: data/raw/statistics/basar-2019.csv", "path: data/raw/statistics/basar 2019.csv"),
    "har ett mellanslag",
    key="raw_files.baseline.path",
)
for name, build, expect in (
    ("rullande-som-ods.ods", opendocument, "OpenDocument-kalkylark (.ods"),
    ("rullande-som-xls.xls", old_excel, "gamla Excel-formatet (XLS)"),
):
    build(OUT / name)
    target = ROLLING.with_suffix(Path(name).suffix)
    CASES.append(
        {
            "name": name,
            "replaces": str(target),
            "params": {"old": str(ROLLING), "new": str(target)},
            "step": "01_cleaning",
            "expect": expect,
            "row": None,
            "column": None,
            "key": None,
            "reads_correctly": False,
        }
    )
export_variant(
    "forms-kommun-med-kyrilliskt-a.xlsx",
    lambda b: setattr(b.active.cell(row=7, column=13), "value", "Sved\u0430la"),
    "okänd kommun 'Sved\\u0430la' – den har tecken ur ett annat alfabet",
    row=7,
)
for name, args, expect, cwd, creates in (
    ("make-namn-med-apostrof.txt", ["new-study", "NAME=x'; touch injicerad; echo '"],
     "Ingen ny studie skapad: namnet", None, ["injicerad"]),
    ("make-namn-med-a-ring.txt", ["new-study", "NAME=uppföljning-2024"], "går inte att använda", None,
     ["params/uppföljning-2024.yaml"]),
    ("make-params-med-mellanslag.txt", ["run", "PARAMS=params/uppfoljning 2024.yaml"],
     "sökvägen till parameterfilen får bara innehålla", None, ["build/uppfoljning 2024"]),
    ("make-params-med-semikolon.txt", ["run", "PARAMS=params/x;touch injicerad.yaml"],
     "sökvägen till parameterfilen får bara innehålla", None, ["injicerad.yaml"]),
    ("make-fran-undermapp.txt", ["-f", "../Makefile", "run"], "kör make där", "notebooks", ["notebooks/build"]),
):  # fmt: skip
    case(name, "", "".join(f"{arg}\n" for arg in args), expect, step="", kind="make", cwd=cwd, creates=creates)

# Item 8: several choices in a Forms answer.
PERIOD_COLUMN = 14
export_variant(
    "forms-flerval-period.xlsx",
    lambda b: setattr(b.active.cell(row=5, column=PERIOD_COLUMN), "value", "2021–2022;2022–2023;"),
    "har 2 val",
    row=5,
    column=export_header[PERIOD_COLUMN - 1],
)
export_variant(
    "forms-flerval-kommun.xlsx",
    lambda b: setattr(b.active.cell(row=6, column=13), "value", "Svedala;Trelleborg;"),
    "har 2 val",
    row=6,
    column=export_header[12],
)


def one_choice_with_semicolons(book):
    """Every period answer as Forms writes one choice of a multiple-choice question: 'Enbart 2023;'."""
    for line in range(2, book.active.max_row + 1):
        cell = book.active.cell(row=line, column=PERIOD_COLUMN)
        cell.value = f"{cell.value};" if cell.value else cell.value


export_variant("forms-ett-val-med-semikolon.xlsx", one_choice_with_semicolons, "", ok=True)

# Item 1: a corrected delivery whose file time is older than the outputs (the test keeps the file's old time).
case(
    "rullande-rattad-med-aldre-tid.csv",
    ROLLING,
    replaced(ROLLING, "Inskrivna i arbetsmarknadsåtgärd;306;1029", "Inskrivna i arbetsmarknadsåtgärd;310;1029"),
    "",
    step="",
    kind="rerun",
    reruns=["01_cleaning", "02_outcomes", "03_survey", "04_conclusions"],
)
case(
    "kodning-rattad-med-aldre-tid.csv",
    CODING,
    replaced(CODING, "1;q2;q2_organisering;publicerat citat C66 (rad 1230)", "1;q2;q2_organisering;citat C66"),
    "",
    step="",
    kind="rerun",
    reruns=["03_survey", "04_conclusions"],
)

# The follow-up from deliveries (`make new-study`, templates filled in), as the tester broke it.
with tempfile.TemporaryDirectory() as temporary:
    project = Path(temporary)
    (project / "params").mkdir()
    shutil.copy(PARAMS, project / PARAMS)
    shutil.copytree(RAW, project / RAW)
    (project / "lib" / "collabstudy").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    make_follow_up(project)
    FOLLOW = Path("data/raw") / NAME

    def follow_up(name, file, edit, expect, row=None, column=None, **more):
        book = openpyxl.load_workbook(project / FOLLOW / file)
        edit(book.worksheets[0])
        book.save(OUT / name)
        make_xlsx_reproducible(OUT / name)
        CASES.append(
            {
                "name": name,
                "replaces": str(FOLLOW / file),
                "study": "uppfoljning",
                "step": "01_cleaning",
                "expect": expect,
                "row": row,
                "column": column,
                "key": None,
                "reads_correctly": False,
                **more,
            }
        )

    follow_up(
        "uppf-utskick-totalt-500.xlsx",
        "enkat-utskick.xlsx",
        lambda s: s.append(["Totalt", 500]),
        "Kommunernas utskick summerar till 75, inte 500",
        kind="log",
        logged=[["enkät: summa utskick", 4, "Utskick"]],
    )
    follow_up(
        "uppf-utskick-fler-svar.xlsx",
        "enkat-utskick.xlsx",
        lambda s: s.__setitem__("B3", 1),
        "1 utskick för Trelleborg, men exporten data/raw/uppfoljning-2024/forms-export.xlsx har 2 svar",
        row=3,
        column="Utskick",
    )
    follow_up(
        "uppf-utskick-formel.xlsx",
        "enkat-utskick.xlsx",
        lambda s: s.__setitem__("B2", "=10+20"),
        "har formeln '=10+20' men inget sparat värde",
        row=2,
    )

    def closures_400(sheet):
        sheet["B4"], sheet["B11"] = 400, 340

    follow_up(
        "uppf-rullande-avslut-over-inskrivna.xlsx",
        "rullande-12-manader.xlsx",
        closures_400,
        "400 totalt avslutade men 300 inskrivna",
        row=4,
        column="Svedala",
    )

    def months_after(sheet):
        sheet["E5"], sheet["F5"], sheet["G5"] = 7, 8, 9
        sheet.append([2025, *[60] * 12])

    follow_up(
        "uppf-manader-efter-perioden.xlsx",
        "svedala-avslut-arbete-studier-per-manad.xlsx",
        months_after,
        "efter rapportperioden (som slutar 2024-03-31)",
        kind="log",
        logged=[
            ["period: värde efter rapportperioden", 5, "April"],
            ["period: värde efter rapportperioden", 6, "December"],
        ],
    )
    period_header = "Under vilken tid har du varit involverad i samverkan samt förberedelser av samverkan"  # q9
    follow_up(
        "uppf-forms-flerval-period.xlsx",
        "forms-export.xlsx",
        lambda s: s.__setitem__(
            next(c.coordinate[:-1] for c in s[1] if c.value == period_header) + "2",
            "Hela perioden sedan start 2021;Enbart 2023;",
        ),
        "har 2 val",
        row=2,
        column=period_header,
    )

    def shares_cleared(sheet):  # the baseline template emptied (the 'cannot convert float NaN to integer')
        for row in sheet.iter_rows(min_row=2):
            row[2].value = None

    follow_up(
        "uppf-basar-tom.xlsx",
        "basar-2019.xlsx",
        shares_cleared,
        "andelen saknas för Svedala (”Huvudsiffra”)",
        row=2,
        column="Andel i arbete/studier",
    )

    def uncertain_without_value(sheet):  # Trelleborg's 2022: marked 'osäker', its value left out
        sheet["K4"], sheet["L4"] = None, "osäker"

    follow_up(
        "uppf-per-ar-osaker-utan-varde.xlsx",
        "trelleborg-statistik-per-ar.xlsx",
        uncertain_without_value,
        "markeringen är ”osäker” men kolumn '2022' har inget värde",
        row=4,
        column="Markering 2022",
    )
    follow_up(  # Svedala's file: its 2021 marks (the follow-up's own) are logged too
        "uppf-per-ar-markerad-osaker.xlsx",
        "svedala-statistik-per-ar.xlsx",
        lambda s: (s.__setitem__("L4", "osäker"), s.__setitem__("M4", "Statistik i 2 system")),
        "Leveransen markerar värdet som osäkert. Källans anmärkning: ”Statistik i 2 system”.",
        kind="log",
        logged=[["markering: osäkert värde", 4, "2022"]],
    )
    follow_params = (project / "params" / f"{NAME}.yaml").read_text(encoding="utf-8")
    start = next(line for line in follow_params.splitlines() if line.startswith("collaboration_start:"))
    case(
        "uppf-params-samverkan-2030.yaml",
        f"params/{NAME}.yaml",
        follow_params.replace(start, "collaboration_start: 2030-01-01"),
        "samverkans start 2030-01-01 ligger",
        key="collaboration_start",
        study="uppfoljning",
    )

(OUT / "index.yaml").write_text(yaml.safe_dump({"cases": CASES}, allow_unicode=True, sort_keys=False), encoding="utf-8")
print(f"{len(CASES)} fall")
