"""Builds the broken-input corpus from the study's real files (run once; the outputs are committed).

Each case is a file an analyst could really produce: the real file with one realistic mistake.
index.yaml says which file it replaces, what the study must say (Swedish, naming file, row and
column or the params key), and whether the file must be read correctly instead (Excel encodings).
Run from the project root: .venv/bin/python tests/corpus/build_corpus.py
"""

from pathlib import Path

import openpyxl
import yaml

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


def case(name, replaces, content, expect, step="01_cleaning", row=None, column=None, key=None, ok=False):
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


export_variant("forms-tva-rubrikrader.xlsx", two_row_header, "extra rubrikrad", row=1)
# Anonymity: a word in an answer that may be a name no list knows stops the run for the analyst's review.
export_variant(
    "forms-okant-namn.xlsx",
    lambda b: setattr(b.active.cell(row=4, column=7), "value", "Bra stöd från Xyzzyk på enheten."),
    "kan vara personnamn",
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
(OUT / "index.yaml").write_text(yaml.safe_dump({"cases": CASES}, allow_unicode=True, sort_keys=False), encoding="utf-8")
print(f"{len(CASES)} fall")
