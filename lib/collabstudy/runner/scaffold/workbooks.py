"""A delivery template as an XLSX workbook: the data sheet (header, prefilled rows, data validation, grey
cells not to fill) and the Swedish 'Instruktion' sheet, which the delivery readers skip."""

from __future__ import annotations

import io

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ...io.delivered import INSTRUCTIONS_SHEET
from .templates import Check, Template, column_letter

DATA_SHEET = "Data"
NOT_TO_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")


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
        sheet.column_dimensions[column_letter(index)].width = max(12, min(60, len(str(name)) + 4))
    if template.rows and isinstance(template.rows[0][0], str):
        width = max(len(str(row[0])) for row in template.rows) + 4
        sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width, min(60, width))
    for index, width in template.widths.items():
        sheet.column_dimensions[column_letter(index)].width = width
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
