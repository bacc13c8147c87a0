"""The Microsoft Forms export as Forms writes it: its own columns before the questions, in either
interface language, and the respondent's name and e-mail address among them.

The study never reads the personal columns into a table: they are dropped as the export is read,
and the cleaning log says that the raw file holds them (so that it is kept out of git and shared
with care). Columns that match no question of the params are listed, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..study.characters import letters_hint, without_invisible, written_out
from ..study.params_yaml import shortened
from ..study.vocabulary import ANSWERED, BLANK, DONT_KNOW, NOT_PUBLISHED, PARTIAL
from .delivered import ROW, delivered_table
from .headers import clean_header, find_header, header_hint, lookalike_hint, spelling_hint

# Forms' own columns, Swedish and English interface -> what they are.
FORMS_COLUMNS = {
    "ID": "id",
    "Starttid": "started",
    "Start time": "started",
    "Tid för slutförande": "completed",
    "Completion time": "completed",
    "E-post": "email",
    "Email": "email",
    "Namn": "name",
    "Name": "name",
    "Senaste ändringstid": "modified",
    "Last modified time": "modified",
}
PERSONAL = ("email", "name")
# What Forms writes in the personal columns of an anonymous form: no personal data.
ANONYMOUS = {"anonymous", "anonym"}


@dataclass(frozen=True)
class ExportColumns:
    """The export's header, sorted: Forms' own columns, the personal ones, the questions, and the rest."""

    forms: dict[str, str]  # header -> what it is (id, started, completed, modified, email, name)
    personal: list[str]
    questions: list[str]
    unmatched: list[str]

    def column_of(self, what: str) -> str | None:
        return next((header for header, kind in self.forms.items() if kind == what), None)


def classify(header: list[str], question_texts: list[str], id_column: str) -> ExportColumns:
    """Which of the export's columns are Forms' own, personal, the params' questions, or none of these
    (a header matches whatever kind of whitespace it or the params text has: headers.clean_header)."""
    forms = {h: FORMS_COLUMNS[clean_header(h)] for h in header if clean_header(h) in FORMS_COLUMNS}
    id_header = find_header(header, id_column)
    if id_header is not None:
        forms[id_header] = "id"
    texts = {clean_header(text) for text in question_texts}
    questions = [h for h in header if clean_header(h) in texts]
    unmatched = [h for h in header if h not in forms and h not in questions]
    return ExportColumns(forms, [h for h, kind in forms.items() if kind in PERSONAL], questions, unmatched)


@dataclass(frozen=True)
class Export:
    """The export read: respondents (no free text), their answers, and what its header held."""

    respondents: pd.DataFrame  # id, municipality, period, started, completed, minutes, row
    answers: pd.DataFrame  # id, question, text, status, row, column
    closed: pd.DataFrame  # rating and choice questions: id, question, value, status, row, column
    columns: ExportColumns
    personal_rows: int  # rows with a value in a personal column (never read further)
    file: str


def read_export(params) -> Export:
    """The survey export (params raw_files.survey_export) as Forms writes it. Personal columns are
    dropped here: their values never leave this function, only how many rows hold one."""
    delivery = params.delivery("survey_export")
    table = delivered_table(delivery)
    survey = params.values.survey
    published = params.published
    markers = Markers(
        published.not_published if published else None, published.more_not_published if published else None
    )
    header = [c for c in table.frame.columns if c != ROW]
    texts = [q.text for q in survey.questions.values()]
    columns = classify(header, texts, survey.id_column)
    # Each question's column as the export spells it (a params text copied with a no-break space reads).
    question_column = {key: find_header(header, question.text) for key, question in survey.questions.items()}
    for key, question in survey.questions.items():
        if question_column[key] is None:
            # A look-alike hint names the expected header itself; otherwise the message does.
            detail = lookalike_hint(header, question.text) or (
                f" (väntad rubrik: '{question.text}')" + spelling_hint(header, question.text)
            )
            raise table.error(f"frågekolumnen för {key} saknas i exporten{detail}", row=1, column=question.text)
    id_column = find_header(header, survey.id_column)
    if id_column is None:
        raise table.error("ID-kolumnen saknas" + header_hint(header, survey.id_column), row=1, column=survey.id_column)
    frame = table.frame

    def holds_value(value: str) -> bool:
        return markers.unpublished(value) is False and str(value).strip().lower() not in ANONYMOUS

    personal_rows = int(frame[columns.personal].apply(lambda c: c.map(holds_value)).any(axis=1).sum())
    frame = frame.drop(columns=columns.personal)
    started, completed = columns.column_of("started"), columns.column_of("completed")
    seen: dict[int, int] = {}
    respondents, answers, closed = [], [], []
    municipality_column = question_column[survey.key_of("municipality")]
    period_column = question_column[survey.key_of("period")]
    names = {m.name: m.code for m in params.values.municipalities}
    for line in frame.to_dict("records"):  # a dict per row: iterrows builds a Series each
        row = int(line[ROW])
        text_id = str(line[id_column]).strip()
        if not text_id.isdigit():
            raise table.error(f"respondent-ID '{text_id}' är inget heltal", row=row, column=id_column)
        rid = int(text_id)
        if rid in seen:
            raise table.error(f"respondent-ID {rid} finns redan på rad {seen[rid]}", row=row, column=id_column)
        seen[rid] = row
        employer = one_choice(table, line[municipality_column], row, municipality_column, survey.key_of("municipality"))
        if not employer:
            raise table.error("respondenten saknar kommun", row=row, column=municipality_column)
        if employer not in names:
            raise table.error(
                f"okänd kommun '{written_out(employer)}'{letters_hint(employer)}; studiens kommuner: "
                f"{', '.join(names)}",
                row=row,
                column=municipality_column,
            )
        start = _time(table, line, started, row, markers)
        end = _time(table, line, completed, row, markers)
        if start is not None and end is not None and end < start:
            raise table.error("tiden för slutförande ligger före starttiden", row=row, column=completed)
        respondents.append(
            {
                "id": rid,
                "municipality": names[employer],
                "period": one_choice(
                    table, without_invisible(str(line[period_column])), row, period_column, survey.key_of("period")
                ),
                "minutes": None if start is None or end is None else (end - start).total_seconds() / 60,
                "row": row,
                "started": start,
            }
        )
        for key in survey.free_text:
            column = question_column[key]
            # as the reader sees it: a soft hyphen or zero-width space inside a name would split it for the detectors
            text = without_invisible(str(line[column]))
            answers.append(
                {
                    "id": rid,
                    "question": key,
                    "text": markers.published_text(text),
                    "status": markers.status(text, survey.dont_know),
                    "row": row,
                    "column": column,
                }
            )
        for key in survey.closed:
            column = question_column[key]
            text = str(line[column]).strip()
            status = markers.status(text, survey.dont_know)
            value = None
            if status in (ANSWERED, PARTIAL):  # a closed answer is whole or not published at all
                if survey.questions[key].kind == "choice" and len(choices(text)) == 1:
                    text = choices(text)[0]  # Forms writes one choice of a multiple-choice question as 'Ja;'
                status, value = ANSWERED, closed_value(survey.questions[key], text)
                if value is None:
                    raise table.error(closed_problem(survey.questions[key], text), row=row, column=column)
            closed.append({"id": rid, "question": key, "value": value, "status": status, "row": row, "column": column})
    respondent_frame = pd.DataFrame(respondents, columns=["id", "municipality", "period", "minutes", "row", "started"])
    respondent_frame["minutes"] = respondent_frame["minutes"].astype(float)
    answer_frame = pd.DataFrame(answers, columns=["id", "question", "text", "status", "row", "column"])
    closed_frame = pd.DataFrame(closed, columns=["id", "question", "value", "status", "row", "column"])
    return Export(respondent_frame, answer_frame, closed_frame, columns, personal_rows, table.file)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def choices(text: str) -> list[str]:
    """The choices in a cell as Forms writes a multiple-choice answer ('Sedan 2022;Sedan 2023;'): split at
    ';', blanks left out. A single-choice answer is one choice."""
    return [part.strip() for part in str(text).split(";") if part.strip()]


def one_choice(table, text: str, row: int, column: str, key: str) -> str:
    """The one answer of a question that takes one (the municipality, the period of involvement): a cell
    with one choice as Forms writes it from a multiple-choice question ('Sedan 2022;') is that choice; a
    cell with several is refused naming the question, never read as a category of its own."""
    found = choices(text)
    if len(found) > 1:
        raise table.error(
            f"'{shortened(str(text).strip())}' har {len(found)} val ({'; '.join(shortened(c, 30) for c in found)}), men "
            f"frågan {key} tar ett svar: i Forms är den en flervalsfråga. Gör den till en fråga med ett svar, eller "
            "rätta svaret (respondenten får ange ett val)",
            row=row,
            column=column,
        )
    return found[0] if found else ""


def closed_value(question, text: str) -> str | None:
    """A rating's or choice's answer as params spell it ('4'; 'Ja'), or None when it is none of them.
    A rating may be written as Excel writes a number ('4,0', '4.0'); a choice matches whatever its case
    and spacing."""
    if question.kind == "rating":
        number = text.replace(",", ".")
        try:
            value = float(number)
        except ValueError:
            return None
        return str(int(value)) if value.is_integer() and 1 <= value <= question.points else None
    return next((option for option in question.options if _folded(option) == _folded(text)), None)


def closed_problem(question, text: str) -> str:
    """Why a closed question's answer is none of its values, in Swedish."""
    shown = shortened(text)
    if question.kind == "rating":
        return f"'{shown}' ligger inte på frågans skala (heltal 1–{question.points}; points i params)"
    hint = ""
    if ";" in text:
        hint = " Cellen har flera val: en flervalsfråga räknas inte som kind: choice."
    return f"'{shown}' är inget av frågans svarsalternativ ({', '.join(question.options)}; options i params).{hint}"


@dataclass(frozen=True)
class Markers:
    """A reconstructed export's markers for what a published report left out (None: a real export)."""

    not_published: str | None
    more_not_published: str | None

    def unpublished(self, text: str) -> bool | None:
        """True: marked as not published; None: blank; False: holds a value."""
        stripped = str(text).strip()
        if not stripped:
            return None
        return bool(self.not_published) and stripped == self.not_published

    def status(self, text: str, dont_know: list[str]) -> str:
        stripped = text.strip()
        if not stripped:
            return BLANK
        if stripped.lower() in {d.lower() for d in dont_know}:
            return DONT_KNOW
        if self.not_published and stripped == self.not_published:
            return NOT_PUBLISHED
        if self.more_not_published and stripped.endswith(self.more_not_published):
            return PARTIAL
        return ANSWERED

    def published_text(self, text: str) -> str:
        """The answer's published words only (markers removed; empty when nothing was published)."""
        stripped = text.strip()
        if self.not_published and stripped == self.not_published:
            return ""
        return stripped.removesuffix(self.more_not_published).strip() if self.more_not_published else stripped


# Forms writes times as Excel dates (read as text 'YYYY-MM-DD HH:MM:SS'; a cell formatted as a date
# alone and holding midnight as 'YYYY-MM-DD', read as midnight as before) or, in a CSV, as the
# interface writes them ('2024-03-07 09:15:02', '3/7/24 9:15:02 AM').
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%d.%m.%Y %H:%M:%S",
)


def _time(table, line: dict, column: str | None, row: int, markers: Markers) -> dt.datetime | None:
    if column is None:
        return None
    text = str(line[column]).strip()
    if markers.unpublished(text) is not False:
        return None  # blank or not published
    for pattern in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise table.error(f"'{text}' är ingen tidpunkt (väntat t.ex. 2024-03-07 09:15:02)", row=row, column=column)
