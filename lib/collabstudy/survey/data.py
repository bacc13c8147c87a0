"""The survey's respondent-level data: the Forms export, the codebook and the coding table.

Read as delivered, validated against each other, with Swedish errors naming file, row and
column. Every answer gets a status: 'svar' (published text), 'delvis' (published text, more
not published), 'blankt', 'vet ej', or 'ej publicerat'.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..io.delivered import ROW, raw_table, require_columns
from ..study.params import LoadedParams
from ..study.vocabulary import ANSWERED, BLANK, DONT_KNOW, NOT_PUBLISHED, PARTIAL


def read_export(params: LoadedParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(respondents: id, municipality, period, row; answers: id, question, text, status, row, column)."""
    survey = params.values.survey
    table = raw_table(params, "survey_export")
    columns = [c for c in table.frame.columns if c != ROW]
    for key, question in survey.questions.items():
        if question.text not in columns:
            raise table.error(
                f"frågekolumnen för {key} saknas i exporten (väntad rubrik: '{question.text}')",
                row=1,
                column=question.text,
            )
    if survey.id_column not in columns:
        raise table.error("ID-kolumnen saknas", row=1, column=survey.id_column)
    frame = table.frame
    seen: dict[int, int] = {}
    respondents, answers = [], []
    municipality_column = survey.questions[survey.key_of("municipality")].text
    period_column = survey.questions[survey.key_of("period")].text
    names = {m.name: m.code for m in params.values.municipalities}
    for line in frame.to_dict("records"):  # a dict per row: iterrows builds a Series each
        row = int(line[ROW])
        text_id = str(line[survey.id_column]).strip()
        if not text_id.isdigit():
            raise table.error(f"respondent-ID '{text_id}' är inget heltal", row=row, column=survey.id_column)
        rid = int(text_id)
        if rid in seen:
            raise table.error(f"respondent-ID {rid} finns redan på rad {seen[rid]}", row=row, column=survey.id_column)
        seen[rid] = row
        employer = str(line[municipality_column]).strip()
        if not employer:
            raise table.error("respondenten saknar kommun", row=row, column=municipality_column)
        if employer not in names:
            raise table.error(
                f"okänd kommun '{employer}'; studiens kommuner: {', '.join(names)}", row=row, column=municipality_column
            )
        respondents.append(
            {"id": rid, "municipality": names[employer], "period": str(line[period_column]).strip(), "row": row}
        )
        for key in survey.free_text:
            column = survey.questions[key].text
            text = str(line[column])
            answers.append(
                {
                    "id": rid,
                    "question": key,
                    "text": _published_text(text, survey),
                    "status": _status(text, survey),
                    "row": row,
                    "column": column,
                }
            )
    return pd.DataFrame(respondents), pd.DataFrame(answers)


def _status(text: str, survey) -> str:
    stripped = text.strip()
    if not stripped:
        return BLANK
    if stripped.lower() in {d.lower() for d in survey.dont_know}:
        return DONT_KNOW
    if stripped == survey.not_published:
        return NOT_PUBLISHED
    if stripped.endswith(survey.more_not_published):
        return PARTIAL
    return ANSWERED


def _published_text(text: str, survey) -> str:
    """The answer's published words only (markers removed; empty when nothing was published)."""
    stripped = text.strip()
    if stripped == survey.not_published:
        return ""
    return stripped.removesuffix(survey.more_not_published).strip()


CODEBOOK_COLUMNS = ["Fråga", "Tema", "Etikett", "Definition", "Rader i källan", "Temats ursprung"]


def read_codebook(params: LoadedParams) -> pd.DataFrame:
    """Themes per question, each with a Swedish label and a one-line definition."""
    table = raw_table(params, "survey_codebook")
    require_columns(table, CODEBOOK_COLUMNS)
    questions = set(params.values.survey.free_text)
    seen: dict[str, int] = {}
    for line in table.frame.to_dict("records"):
        row = int(line[ROW])
        if line["Fråga"] not in questions:
            raise table.error(
                f"okänd fråga '{line['Fråga']}'; fritextfrågor: {', '.join(sorted(questions))}", row=row, column="Fråga"
            )
        if line["Tema"] in seen:
            raise table.error(f"temat '{line['Tema']}' finns redan på rad {seen[line['Tema']]}", row=row, column="Tema")
        seen[line["Tema"]] = row
        for column in ("Etikett", "Definition"):
            if not line[column].strip():
                raise table.error("temat saknar text", row=row, column=column)
    return table.frame.rename(
        columns={
            "Fråga": "question",
            "Tema": "theme",
            "Etikett": "label",
            "Definition": "definition",
            "Rader i källan": "source_lines",
            "Temats ursprung": "origin",
            ROW: "row",
        }
    )


CODING_COLUMNS = ["ID", "Fråga", "Tema", "Grund"]


def read_coding(params: LoadedParams, answers: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Respondent, question, theme: checked against the export and the codebook."""
    table = raw_table(params, "survey_coding")
    require_columns(table, CODING_COLUMNS)
    themes = codebook.set_index("theme")["question"].to_dict()
    status = answers.set_index(["id", "question"])["status"].to_dict()
    seen: dict[tuple, int] = {}
    records = []
    for line in table.frame.to_dict("records"):
        row = int(line[ROW])
        if not line["ID"].strip().isdigit():
            raise table.error(f"respondent-ID '{line['ID']}' är inget heltal", row=row, column="ID")
        rid, question, theme = int(line["ID"]), line["Fråga"], line["Tema"]
        if (rid, question) not in status:
            raise table.error(f"respondent {rid} eller fråga '{question}' finns inte i exporten", row=row, column="ID")
        if theme not in themes:
            raise table.error(f"temat '{theme}' finns inte i kodboken", row=row, column="Tema")
        if themes[theme] != question:
            raise table.error(
                f"temat '{theme}' hör till fråga {themes[theme]}, inte {question}", row=row, column="Tema"
            )
        if status[(rid, question)] in (BLANK, DONT_KNOW):
            raise table.error(f"temat är kodat på ett svar som är '{status[(rid, question)]}'", row=row, column="Tema")
        key = (rid, question, theme)
        if key in seen:
            raise table.error(f"samma kodning finns redan på rad {seen[key]}", row=row, column="Tema")
        seen[key] = row
        records.append({"id": rid, "question": question, "theme": theme, "basis": line["Grund"], "row": row})
    return pd.DataFrame(records, columns=["id", "question", "theme", "basis", "row"])


PUBLISHED_COUNT_COLUMNS = [
    "Fråga",
    "Tema eller svar",
    "Kommun",
    "Antal respondenter",
    "Rader i källan",
    "Rapportens formulering",
]


def read_published_counts(params: LoadedParams) -> pd.DataFrame:
    """Every count the report publishes about the free-text answers (for the reproduction check)."""
    table = raw_table(params, "survey_published_counts")
    require_columns(table, PUBLISHED_COUNT_COLUMNS)
    names = {m.name: m.code for m in params.values.municipalities}
    records = []
    for line in table.frame.to_dict("records"):
        row = int(line[ROW])
        name = line["Kommun"]
        if name and name not in names:
            raise table.error(f"okänd kommun '{name}'", row=row, column="Kommun")
        count = line["Antal respondenter"]
        if not count.isdigit():
            raise table.error(f"'{count}' är inget antal", row=row, column="Antal respondenter")
        records.append(
            {
                "question": line["Fråga"],
                "item": line["Tema eller svar"],
                "municipality": names.get(name, ""),
                "published": int(count),
                "source_lines": line["Rader i källan"],
                "wording": line["Rapportens formulering"],
                "row": row,
            }
        )
    return pd.DataFrame(records)


@dataclass(frozen=True)
class SurveyData:
    """The respondent-level survey data, read and checked against each other."""

    respondents: pd.DataFrame
    answers: pd.DataFrame
    codebook: pd.DataFrame
    coding: pd.DataFrame
    published: pd.DataFrame


def read_survey(params: LoadedParams) -> SurveyData:
    """Export, codebook, coding and the report's published counts; the first problem stops with its place."""
    respondents, answers = read_export(params)
    codebook = read_codebook(params)
    return SurveyData(
        respondents, answers, codebook, read_coding(params, answers, codebook), read_published_counts(params)
    )
