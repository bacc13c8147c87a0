"""The follow-up study an analyst makes with `make new-study NAME=uppfoljning-2024` from the published one,
its delivery templates filled in as the municipalities would fill them: the `make new-study` tests read it, and
the broken-input corpus breaks its deliveries one at a time (tests/corpus/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from collabstudy.runner import scaffold

NAME = "uppfoljning-2024"


def fill(path: Path, edit) -> None:
    """Fill a template as a deliverer would: in Excel's place, openpyxl; the instructions stay."""
    book = openpyxl.load_workbook(path)
    edit(book[scaffold.DATA_SHEET])
    book.save(path)


def by_label(sheet) -> dict[str, int]:
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value is not None}


ROLLING = {
    "S": {"enrolled": 300, "closures": 120, "closure_share": "40%", "households": 250, "closures_work_studies": 60,
          "closures_work": 50, "closures_studies": 10, "work_studies_share": "20%", "closures_other": 60},
    "T": {"enrolled": 1000, "closures": 500, "closure_share": "50%", "households": 700, "closures_work_studies": 330,
          "closures_work": 280, "closures_studies": 50, "work_studies_share": "33%", "closures_other": 170},
}  # fmt: skip
QUESTIONS_ANSWERED = {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}


def marked(sheet, measure: str, year: int, mark: str, remark: str) -> None:
    """A yearly template's value given a mark (säker/osäker/saknas) and a remark; 'saknas' empties the value."""
    header = [cell.value for cell in sheet[1]]
    row = by_label(sheet)[scaffold.row_label(measure)]
    column = header.index(year) + 1
    if mark == "saknas":
        sheet.cell(row=row, column=column).value = None
    sheet.cell(row=row, column=header.index(f"Markering {year}") + 1, value=mark)
    sheet.cell(row=row, column=header.index(f"Anmärkning {year}") + 1, value=remark)


def fill_all(project: Path, plan: scaffold.Plan) -> None:
    folder = project / plan.folder

    def rolling(sheet):
        rows = by_label(sheet)
        for column, code in ((2, "S"), (3, "T")):
            for measure, value in ROLLING[code].items():
                sheet.cell(row=rows[scaffold.row_label(measure)], column=column, value=value)

    def baseline(sheet):  # prefilled from the published study's baseline: checked, the shares confirmed
        for row, share in ((2, "23%"), (3, "34%")):
            sheet.cell(row=row, column=3, value=share)
        if not any(row[4].value == "Alternativ" for row in sheet.iter_rows(min_row=2)):
            sheet.append(["Svedala", 2019, "16%", None, "Alternativ", "Exklusive flyktingar"])

    def monthly(sheet):
        for row in sheet.iter_rows(min_row=2):
            year = row[0].value
            if year is None:
                continue
            for month in range(1, 13):
                if dt.date(year, month, 1) <= plan.end:
                    row[month].value = (year + month) % 7

    def yearly(sheet):
        years = {cell.column: cell.value for cell in sheet[1][1:] if isinstance(cell.value, int)}
        for row in sheet.iter_rows(min_row=2, max_row=5):
            for column, year in years.items():
                row[column - 1].value = 17_281_110 if "utbetalt" in row[0].value else 252 + year - 2019
        if "Svedala" in sheet["A1"].value:  # as the source says it: '(252) Statistik i 2 system', 'Oklart …'
            marked(sheet, "households", 2021, "osäker", "Statistik i 2 system")
            marked(sheet, "enrolled", 2021, "saknas", "Statistik i 2 system")

    def invitations(sheet):
        sheet["B2"], sheet["B3"] = 30, 45

    def codebook(sheet):
        for key in sorted(QUESTIONS_ANSWERED):
            sheet.append([key, f"{key}_tema", f"Tema för {key}", f"Svaret tar upp något om {key}."])

    def coding(sheet):
        for respondent in (1, 2, 3):
            for key in sorted(QUESTIONS_ANSWERED):
                if (respondent, key) != (3, "q2"):  # respondent 3 answered "vet ej" there
                    sheet.append([respondent, key, f"{key}_tema", "ord i svaret"])

    fill(folder / "rullande-12-manader.xlsx", rolling)
    fill(folder / "basar-2019.xlsx", baseline)
    for name in ("svedala", "trelleborg"):
        fill(folder / f"{name}-avslut-arbete-studier-per-manad.xlsx", monthly)
        fill(folder / f"{name}-statistik-per-ar.xlsx", yearly)
    fill(folder / "enkat-utskick.xlsx", invitations)
    fill(folder / "kodbok.xlsx", codebook)
    fill(folder / "kodning.xlsx", coding)
    write_forms_export(folder / scaffold.EXPORT_FILE, plan)


def write_forms_export(path: Path, plan: scaffold.Plan) -> None:
    """A small export as Forms writes it (Swedish interface): its own columns, then the questions."""
    survey = plan.previous.values.survey
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    questions = list(survey.questions.values())
    sheet.append(["ID", "Starttid", "Tid för slutförande", "E-post", "Namn", *[q.text for q in questions]])
    people = [(1, "Svedala"), (2, "Trelleborg"), (3, "Trelleborg")]
    for respondent, employer in people:
        answers = []
        for key, question in survey.questions.items():
            if question.kind == "municipality":
                answers.append(employer)
            elif question.kind == "period":
                answers.append("Hela perioden sedan start 2021")
            else:
                answers.append("vet ej" if (respondent, key) == (3, "q2") else f"Ett svar på {key}.")
        started = dt.datetime(2024, 3, 7, 9, respondent)
        sheet.append([respondent, started, started + dt.timedelta(minutes=12), "anonymous", None, *answers])
    book.save(path)


def make_follow_up(project: Path) -> Path:
    """The follow-up study in `project` (a copy holding the published study's params and raw data), made as
    `make new-study` makes it and filled in; its params file."""
    written = scaffold.create_study(project, NAME)
    fill_all(project, written.plan)
    return project / "params" / f"{NAME}.yaml"
