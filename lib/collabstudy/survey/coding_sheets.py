"""Coding sheets for the analysts (`make coding-sheets`), never published: one XLSX per coder, and with two
coders or more delivered, the reconciliation sheet of every disagreement.

A coding sheet has one row per answer with text (its personal data already redacted), drop-down lists of
that question's themes in *Tema 1*–*Tema 5*, a column for a new theme, and Swedish instructions with the
codebook. It is read back as it is filled (collabstudy.survey.coding.read_codings).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from ..io.atomic import atomic_path
from ..io.delivered import INSTRUCTIONS_SHEET
from ..io.xlsx import make_xlsx_reproducible, neutralise
from ..study.params import LoadedParams
from ..study.vocabulary import SHOWN
from .coding import (
    DECISION,
    NEW_THEME,
    NO,
    RECONCILIATION_SHEET,
    SHEET,
    SHEET_COLUMNS,
    THEME_COLUMNS,
    YES,
)

FOLDER = "kodning"  # build/<study>/kodning/: the analysts' working files
RECONCILIATION_FILE = "avstamning.xlsx"
CODING_INSTRUCTIONS = [
    "Kodningsblad för enkätens fritextsvar",
    "",
    "1. Läs svaret i kolumnen Svar (personuppgifter är redan ersatta med [namn], [telefon] osv.).",
    "2. Välj i Tema 1 det tema som bäst beskriver svaret, ur listan för svarets fråga. Nämner svaret fler teman: "
    "välj dem i Tema 2–5. Ett tema beskriver vad svaret säger, inte vem som sade det.",
    "3. Passar inget tema: lämna temakolumnerna tomma och skriv i 'Nytt tema?' vad ett nytt tema skulle heta. "
    "Körningen stannar då vid svaret tills temat finns i kodboken och svaret är kodat med det (eller med ett "
    "tema som finns). Ett förslag vid ett kodat svar stoppar inget; det visas i enkätsidan.",
    "4. Koda varje svar för sig, utan att titta på den andra kodarens blad: studien mäter hur lika ni kodar.",
    "5. Spara filen bland studiens leveranser (data/raw/<studie>/) och ange den i params under "
    "raw_files.survey_coding med din kodarkod (coder). Ändra inte ID, Fråga eller Svar.",
    "",
    "Teman per fråga (kodboken):",
]
RECONCILIATION_INSTRUCTIONS = [
    "Avstämning: de beslut där kodarna är oense",
    "",
    "Varje rad är ett svar och ett tema som kodarna bedömt olika (Ja: temat finns i svaret; Nej: inte).",
    "Bestäm tillsammans och skriv Ja eller Nej i kolumnen Beslut på varje rad.",
    "Spara filen bland studiens leveranser och ange den i params som raw_files.survey_coding_reconciled.",
    "Studien räknar teman ur de beslut kodarna var eniga om och ur era beslut här.",
]


def coding_rows(answers: pd.DataFrame, respondents: pd.DataFrame, params: LoadedParams) -> pd.DataFrame:
    """One row per answer with text, by question and respondent: what a coder codes."""
    municipality = respondents.set_index("id")["municipality"].map(params.values.name_of)
    questions = params.values.survey.questions
    with_text = answers[answers["status"].isin(SHOWN)].sort_values(["question", "id"], kind="stable")
    return pd.DataFrame(
        {
            "ID": with_text["id"].to_numpy(),
            "Kommun": with_text["id"].map(municipality).fillna("").to_numpy(),
            "Fråga": with_text["question"].to_numpy(),
            "Frågetext": [questions[q].text for q in with_text["question"]],
            "Svar": with_text["text"].to_numpy(),
        }
    )


def coding_workbook(rows: pd.DataFrame, codebook: pd.DataFrame) -> openpyxl.Workbook:
    """A coder's sheet: the rows to code with drop-down lists of each question's themes, and instructions
    listing the codebook (where the lists are)."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = INSTRUCTIONS_SHEET
    for line in CODING_INSTRUCTIONS:
        notes.append([line])
    notes.append(["Fråga", "Tema (kod)", "Etikett", "Definition"])
    lists = {}
    for question, themes in codebook.groupby("question", sort=False):
        first = notes.max_row + 1
        for theme in themes.itertuples():
            notes.append([question, theme.theme, theme.label, theme.definition])
        lists[question] = f"{INSTRUCTIONS_SHEET}!$C${first}:$C${notes.max_row}"
    sheet = book.create_sheet(SHEET)
    sheet.append(SHEET_COLUMNS)
    for record in rows.itertuples(index=False):
        sheet.append([neutralise(value) for value in record] + [""] * (len(SHEET_COLUMNS) - len(record)))
    first_theme = SHEET_COLUMNS.index(THEME_COLUMNS[0]) + 1
    last_theme = SHEET_COLUMNS.index(THEME_COLUMNS[-1]) + 1
    for question, rows_of in rows.groupby("Fråga", sort=False):
        if question not in lists:
            continue
        check = DataValidation(type="list", formula1=f"={lists[question]}", allow_blank=True)
        check.error, check.errorTitle = "Välj ett tema ur listan för svarets fråga.", "Okänt tema"
        sheet.add_data_validation(check)
        top, bottom = rows_of.index.min() + 2, rows_of.index.max() + 2
        for column in range(first_theme, last_theme + 1):
            letter = openpyxl.utils.get_column_letter(column)
            check.add(f"{letter}{top}:{letter}{bottom}")
    _lay_out(sheet, {"Svar": 70, "Frågetext": 30, NEW_THEME: 30, **dict.fromkeys(THEME_COLUMNS, 28)})
    return book


NEW_THEMES_SHEET = "Nya teman"


def reconciliation_workbook(
    disputed: list[dict], coders: list[str], decided: dict[tuple, bool], suggested: list[dict] = ()
) -> openpyxl.Workbook:
    """Every disagreement, with each coder's Ja/Nej and a Beslut column (prefilled where decided already);
    and the coders' suggestions of a new theme, with their answers, to settle in the same meeting."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = INSTRUCTIONS_SHEET
    for line in RECONCILIATION_INSTRUCTIONS:
        notes.append([line])
    sheet = book.create_sheet(RECONCILIATION_SHEET)
    sheet.append(["ID", "Kommun", "Fråga", "Svar", "Tema", *(f"Kodare {c}" for c in coders), DECISION])
    for r in disputed:
        said = [{1.0: YES, 0.0: NO}.get(r[c], "") for c in coders]
        before = decided.get((r["id"], r["question"], r["theme"]))
        decision = "" if before is None else (YES if before else NO)
        sheet.append([r["id"], r["municipality"], r["question"], neutralise(r["text"]), r["label"], *said, decision])
    check = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    sheet.add_data_validation(check)
    column = openpyxl.utils.get_column_letter(5 + len(coders) + 1)
    check.add(f"{column}2:{column}{max(sheet.max_row, 2)}")
    _lay_out(sheet, {"Svar": 70, "Tema": 36})
    if suggested:
        ideas = book.create_sheet(NEW_THEMES_SHEET)
        ideas.append(["ID", "Kommun", "Fråga", "Svar", "Kodare", NEW_THEME])
        for r in suggested:
            ideas.append(
                [r["id"], r["municipality"], r["question"], neutralise(r["text"]), r["coder"], neutralise(r["note"])]
            )
        _lay_out(ideas, {"Svar": 70, NEW_THEME: 40})
    return book


def _lay_out(sheet, widths: dict[str, int]) -> None:
    """Bold header, frozen first row, the wide columns wide and wrapped."""
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        letter = cell.column_letter
        if cell.value in widths:
            sheet.column_dimensions[letter].width = widths[cell.value]
            for row in sheet.iter_rows(min_row=2, min_col=cell.column, max_col=cell.column):
                row[0].alignment = Alignment(wrap_text=True, vertical="top")


def save_new(book: openpyxl.Workbook, path: Path) -> bool:
    """Write the workbook unless the file exists (it may already be filled in): True if written."""
    if path.exists():
        return False
    with atomic_path(path) as tmp:
        book.save(tmp)
        make_xlsx_reproducible(tmp)
    return True


def write_coding_sheets(params: LoadedParams, build_dir: Path) -> list[tuple[Path, bool]]:
    """Each coder's sheet (params survey.coders; one sheet without coders) and, with two codings or more
    delivered, the reconciliation sheet, under build_dir/kodning/: (path, written); an existing file is
    never overwritten."""
    from ..privacy.free_text import read_redacted_export
    from ..privacy.study import study_redactor
    from .coding import decided_before, decisions, disagreements, new_theme_notes, read_codings
    from .data import read_codebook

    redactor = study_redactor(params, "", free_text=True)
    export = read_redacted_export(params, redactor)
    codebook = read_codebook(params, redactor)
    rows = coding_rows(export.answers, export.respondents, params)
    folder = Path(build_dir) / FOLDER
    names = [f"kodning-{c}.xlsx" for c in params.values.survey.coders] or ["kodning.xlsx"]
    done = [(folder / name, save_new(coding_workbook(rows, codebook), folder / name)) for name in names]
    filled = [d.path.is_file() for d in params.deliveries("survey_coding")]
    if len(filled) < 2 or not all(filled):
        return done  # the reconciliation waits for every coder's filled sheet
    codings = read_codings(params, export.answers, codebook)
    coders = [c.coder for c in codings]
    disputed = disagreements(decisions(codings, export.answers, codebook), coders)
    details = disputed.merge(export.answers[["id", "question", "text"]], on=["id", "question"]).merge(
        codebook[["theme", "label"]], on="theme"
    )
    municipality = export.respondents.set_index("id")["municipality"].map(params.values.name_of)
    details = details.assign(municipality=details["id"].map(municipality).fillna(""))
    ideas = new_theme_notes(codings).assign(note=lambda t: t["note"].map(redactor.redact))
    ideas = ideas.assign(id=pd.to_numeric(ideas["id"], errors="coerce")).merge(
        export.answers[["id", "question", "text"]], on=["id", "question"], how="left"
    )
    ideas = ideas.assign(municipality=ideas["id"].map(municipality).fillna(""), text=ideas["text"].fillna(""))
    book = reconciliation_workbook(
        details.to_dict("records"), coders, decided_before(params, codebook), ideas.to_dict("records")
    )
    return [*done, (folder / RECONCILIATION_FILE, save_new(book, folder / RECONCILIATION_FILE))]
