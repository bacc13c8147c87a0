"""The survey's respondent-level data: the Forms export, the codebook and the coding table.

Read as delivered, validated against each other, with Swedish errors naming file, row and
column. Every answer gets a status: 'svar', 'blankt' or 'vet ej'; a reconstructed export (one
rebuilt from a published report) also marks 'delvis' (more not published) and 'ej publicerat'.
Every non-blank answer with text must be coded, unless params allow a share uncoded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pandas as pd

from ..io.answer_shapes import closed_shape
from ..io.delivered import ROW, NoDataRows, raw_table, require_columns
from ..present.formatting import percent
from ..privacy.free_text import read_redacted_export
from ..privacy.scan import describe
from ..privacy.study import study_redactor
from ..study.errors import StudyInputError
from ..study.params import LoadedParams
from ..study.params_yaml import shortened
from ..study.vocabulary import SHOWN
from .coding import (
    CoderCoding,
    agreement,
    decisions,
    disagreements,
    new_theme_notes,
    read_codings,
    reconciled_coding,
)

CODEBOOK_COLUMNS = ["Fråga", "Tema", "Etikett", "Definition"]
# Where a reconstruction's theme stands in the source, and whether the report or the study named it.
CODEBOOK_OPTIONAL = ["Rader i källan", "Temats ursprung"]


def read_codebook(params: LoadedParams, redactor=None) -> pd.DataFrame:
    """Themes per question, each with a Swedish label and a one-line definition; with a `redactor`, a
    label or definition that holds a personal name or other identifier stops with its place (it would
    be printed in the report)."""
    try:
        table = raw_table(params, "survey_codebook")
    except NoDataRows as exc:
        raise StudyInputError(
            "kodboken har inga teman ännu. Skriv fritextfrågornas teman i den, ett per rad (Fråga, Tema, Etikett, "
            f"Definition; frågorna: {', '.join(params.values.survey.free_text)}), och koda sedan svaren: make "
            "coding-sheets (se docs/analysts-guide.md, avsnittet ”Coding the free text”)",
            file=exc.file,
        ) from None
    require_columns(table, CODEBOOK_COLUMNS, optional=CODEBOOK_OPTIONAL)
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
            found = redactor.find(line[column]) if redactor is not None else []
            if found:
                raise table.error(
                    f"texten innehåller {describe(found[0], line[column])}, som skulle tryckas i rapporten; "
                    "ett tema beskriver vad svaren säger, inte vem",
                    row=row,
                    column=column,
                )
    frame = table.frame.copy()
    for column in CODEBOOK_OPTIONAL:
        if column not in frame:
            frame[column] = ""
    return frame.rename(
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


def read_coding(params: LoadedParams, answers: pd.DataFrame, codebook: pd.DataFrame) -> Coding:
    """The coding the tallies use, with every coder's own and, with two coders or more, their agreement
    (collabstudy.survey.coding)."""
    codings = read_codings(params, answers, codebook)
    notes = new_theme_notes(codings)
    if len(codings) == 1:
        return Coding(codings[0].codes, codings, pd.DataFrame(), pd.DataFrame(), notes)
    coders = [c.coder for c in codings]
    grid = decisions(codings, answers, codebook)
    final = reconciled_coding(params, codings, grid, codebook)
    return Coding(final, codings, agreement(grid, coders), disagreements(grid, coders), notes)


@dataclass(frozen=True)
class Coding:
    """The coding the tallies use (`final`: id, question, theme, basis) and where it came from."""

    final: pd.DataFrame
    coders: list[CoderCoding]
    agreement: pd.DataFrame  # per question and theme (empty with one coder)
    disagreements: pd.DataFrame  # the decisions the coders differed on (empty with one coder)
    notes: pd.DataFrame  # coder, id, question, note: the coders' suggestions of a new theme


def coverage(answers: pd.DataFrame, coding: pd.DataFrame) -> pd.DataFrame:
    """Per question: answers with text, how many of them are coded, and the share."""
    with_text = answers[answers["status"].isin(SHOWN)]
    coded = set(zip(coding["id"], coding["question"]))
    is_coded = [(r.id, r.question) in coded for r in with_text.itertuples()]
    frame = (
        with_text.assign(coded=is_coded)
        .groupby("question", sort=False)
        .agg(answers=("id", "size"), coded=("coded", "sum"))
        .reindex(answers["question"].unique(), fill_value=0)
        .rename_axis("question")
        .reset_index()
    )
    return frame.assign(share=(frame["coded"] / frame["answers"]).where(frame["answers"] > 0))


def check_coverage(
    answers: pd.DataFrame, coding: pd.DataFrame, params: LoadedParams, export: str, notes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Coverage per question; an uncoded answer with text stops the run unless params allow that share (and
    says so when a coder suggested a new theme for it instead)."""
    allowed = params.values.survey.uncoded_share_allowed
    covered = coverage(answers, coding)
    coded = set(zip(coding["id"], coding["question"]))
    for r in covered.itertuples():
        uncoded = r.answers - r.coded
        if uncoded and uncoded / r.answers > allowed:
            first = next(
                a
                for a in answers[(answers["question"] == r.question) & answers["status"].isin(SHOWN)].itertuples()
                if (a.id, a.question) not in coded
            )
            limit = f"params tillåter {percent(allowed, 0)} okodade" if allowed else "alla svar ska vara kodade"
            suggested = (
                []
                if notes is None
                else notes.loc[(notes["id"].astype(str) == str(first.id)) & (notes["question"] == r.question), "note"]
            )
            proposal = (
                f"; kodaren föreslår ett nytt tema ('{shortened(suggested.iloc[0])}'): lägg till det i kodboken "
                "och koda svaret med det, eller välj ett tema som finns"
                if len(suggested)
                else ""
            )
            texts = answers.loc[(answers["question"] == r.question) & answers["status"].isin(SHOWN), "text"]
            raise StudyInputError(
                f"{uncoded} av {r.answers} svar med text på fråga {r.question} saknar tema i kodningen "
                f"({', '.join(d.display for d in params.deliveries('survey_coding'))}); {limit} (survey.uncoded_share_allowed). "
                f"Första okodade svaret: respondent {first.id}{proposal}{closed_hint(r.question, list(texts))}",
                file=export,
                row=int(first.row),
                column=first.column,
            )
    return covered


def closed_hint(question: str, texts: list[str]) -> str:
    """What to say of uncoded answers that look like a closed question's (a few short answers, each given by
    several, or whole numbers): that they do, and which kind to give the question in params; '' for free text."""
    shape = closed_shape(texts)
    if shape is None:
        return ""
    where = f"survey.questions.{question}"
    if shape.kind == "rating":
        return (
            f". Svaren ser ut som en betygsfråga, inte fritext: alla är heltal ({', '.join(shape.values)}). Är frågan "
            f"en omdömesfråga (betyg) i Forms, ange kind: rating och points: {shape.points} (skalans högsta värde; kontrollera "
            f"det mot formuläret) för {where} i params; då räknas svaren i stället för att kodas"
        )
    shown = [f"”{shortened(value, 30)}”" for value in shape.values[:MAX_SHOWN_VALUES]]
    more = f" och {len(shape.values) - MAX_SHOWN_VALUES} till" if len(shape.values) > MAX_SHOWN_VALUES else ""
    options = ", ".join(json.dumps(value, ensure_ascii=False) for value in shape.values)
    return (
        f". Svaren ser ut som fasta svarsalternativ, inte fritext: {len(texts)} svar med bara "
        f"{len(shape.values)} olika korta värden ({', '.join(shown)}{more}). Väljer man ett alternativ i frågan i Forms, "
        f"ange kind: choice och options: [{options}] (i formulärets ordning) för {where} i params; då räknas "
        "svaren i stället för att kodas"
    )


MAX_SHOWN_VALUES = 5


@dataclass(frozen=True)
class SurveyData:
    """The respondent-level survey data, read and checked against each other."""

    respondents: pd.DataFrame
    answers: pd.DataFrame
    closed: pd.DataFrame  # the rating and choice questions' answers (collabstudy.survey.closed)
    codebook: pd.DataFrame
    coding: pd.DataFrame  # the coding the tallies use
    coverage: pd.DataFrame
    codings: Coding  # every coder's coding, their agreement and disagreements


def read_survey(params: LoadedParams, review_names: bool = True) -> SurveyData:
    """Export, codebook and coding, checked against each other; the first problem stops with its place."""
    # Every answer redacted as it is read (names, personnummer, phone, e-mail, addresses).
    redactor = study_redactor(params, "", free_text=True)
    export = read_redacted_export(params, redactor, review=review_names)
    codebook = read_codebook(params, redactor)
    coding = read_coding(params, export.answers, codebook)
    # A coder's note is printed in the survey page: redacted like the answers it is about, and since no
    # review decides its words, what the review would ask about is replaced too ("Bo i Svedala").
    coding = replace(coding, notes=coding.notes.assign(note=coding.notes["note"].map(redactor.redact_undecided)))
    covered = check_coverage(export.answers, coding.final, params, export.file, coding.notes)
    return SurveyData(export.respondents, export.answers, export.closed, codebook, coding.final, covered, coding)
