"""The survey's coding: one coder's or several coders' themes per answer, their agreement, and the coding
the tallies use.

A coding file is either the long table (`ID;Fråga;Tema;Grund`, one row per theme of an answer) or a
filled coding sheet from `make coding-sheets` (sheet *Kodning*: one row per answer, the themes in the
columns *Tema 1*, *Tema 2*, …, written as their label or their code). With two coders or more, every
theme of every answer is a yes/no decision per coder: their agreement is Krippendorff's alpha per
question and theme (the `krippendorff` package) with the share of decisions all made alike, and the
tallies use the agreed decisions plus the analysts' decision on each disagreement (the filled
reconciliation sheet, params `raw_files.survey_coding_reconciled`). Every problem names its file (and
sheet), row and column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..io.delivered import ROW, RawTable, read_sheet, require_columns
from ..stats import verdicts
from ..study.characters import letters_hint, written_out
from ..study.errors import StudyInputError
from ..study.params import Delivery, LoadedParams
from ..study.vocabulary import BLANK, DONT_KNOW, SHOWN

CODING_COLUMNS = ["ID", "Fråga", "Tema", "Grund"]
# The coding sheet's layout (collabstudy.survey.coding_sheets writes it, read_codings reads it back): the
# data sheet beside the instructions (whose lower part lists each question's themes, the drop-down lists).
SHEET, RECONCILIATION_SHEET = "Kodning", "Avstämning"
THEME_COLUMNS = [f"Tema {n}" for n in range(1, 6)]
NEW_THEME = "Nytt tema?"
SHEET_COLUMNS = ["ID", "Kommun", "Fråga", "Frågetext", "Svar", *THEME_COLUMNS, NEW_THEME]
DECISION, YES, NO = "Beslut", "Ja", "Nej"
RECONCILIATION_KEYS = ["ID", "Kommun", "Fråga", "Svar", "Tema"]


@dataclass(frozen=True)
class CoderCoding:
    """One coder's coding: their themes per answer (with the cell each came from) and their notes."""

    coder: str  # the params code ("A"); "" for the one coding of a study with one coder
    file: str
    codes: pd.DataFrame  # id, question, theme, basis, row, column
    notes: pd.DataFrame  # id, question, note: the coder's suggestions of a new theme


def coding_table(delivery: Delivery, usual: str = SHEET) -> RawTable:
    """A delivered coding or reconciliation file as text cells; an XLSX's messages name the sheet too."""
    return read_sheet(delivery.path, delivery.display, delivery.sheet, usual)


def read_codings(params: LoadedParams, answers: pd.DataFrame, codebook: pd.DataFrame) -> list[CoderCoding]:
    """Every coder's coding, each checked against the export and the codebook."""
    codings = []
    for delivery in params.deliveries("survey_coding"):
        table = coding_table(delivery)
        coder = delivery.entry.coder or ""
        if THEME_COLUMNS[0] in table.frame.columns:
            records, notes = _sheet_records(table, codebook, coder)
        else:
            require_columns(table, CODING_COLUMNS)
            records = [
                (int(line[ROW]), line["ID"], line["Fråga"], line["Tema"], line["Grund"], "Tema")
                for line in table.frame.to_dict("records")
            ]
            notes = pd.DataFrame(columns=["id", "question", "note"])
        codes = _checked(table, records, answers, codebook)
        codings.append(CoderCoding(coder, table.file, codes, notes))
    return codings


def new_theme_notes(codings: list[CoderCoding]) -> pd.DataFrame:
    """Every coder's suggestions of a new theme: coder, id, question, note (as written, not yet redacted)."""
    frames = [c.notes.assign(coder=c.coder) for c in codings if not c.notes.empty]
    if not frames:
        return pd.DataFrame(columns=["coder", "id", "question", "note"])
    return pd.concat(frames, ignore_index=True)[["coder", "id", "question", "note"]]


def _sheet_records(table: RawTable, codebook: pd.DataFrame, coder: str) -> tuple[list[tuple], pd.DataFrame]:
    """A filled coding sheet as (row, id, question, theme, basis, column): a theme by its label or code."""
    present = [c for c in THEME_COLUMNS if c in table.frame.columns]
    require_columns(table, ["ID", "Fråga", present[0]], optional=[c for c in SHEET_COLUMNS if c not in present[:1]])
    by_label = {(r.question, r.label.casefold()): r.theme for r in codebook.itertuples()}
    records, notes = [], []
    for line in table.frame.to_dict("records"):
        row, question = int(line[ROW]), line["Fråga"]
        for column in present:
            written = line[column].strip()
            if written:
                theme = by_label.get((question, written.casefold()), written)
                records.append((row, line["ID"], question, theme, f"kodare {coder}".strip(), column))
        if line.get(NEW_THEME, "").strip():
            notes.append({"id": line["ID"], "question": question, "note": line[NEW_THEME].strip()})
    return records, pd.DataFrame(notes, columns=["id", "question", "note"])


def _checked(table: RawTable, records: list[tuple], answers: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Respondent, question, theme: each must be an answer of the export with text and a theme of that
    question in the codebook, once."""
    themes = codebook.set_index("theme")["question"].to_dict()
    status = answers.set_index(["id", "question"])["status"].to_dict()
    seen: dict[tuple, int] = {}
    rows = []
    for row, rid_text, question, theme, basis, column in records:
        if not str(rid_text).strip().isdigit():
            raise table.error(f"respondent-ID '{rid_text}' är inget heltal", row=row, column="ID")
        rid = int(rid_text)
        if (rid, question) not in status:
            raise table.error(f"respondent {rid} eller fråga '{question}' finns inte i exporten", row=row, column="ID")
        if theme not in themes:
            raise table.error(
                f"temat '{written_out(theme)}' finns inte i kodboken för fråga {question}{letters_hint(theme)} "
                "(se temalistan på bladet Instruktion)",
                row=row,
                column=column,
            )
        if themes[theme] != question:
            raise table.error(
                f"temat '{theme}' hör till fråga {themes[theme]}, inte {question}", row=row, column=column
            )
        if status[(rid, question)] in (BLANK, DONT_KNOW):
            raise table.error(f"temat är kodat på ett svar som är '{status[(rid, question)]}'", row=row, column=column)
        key = (rid, question, theme)
        if key in seen:
            raise table.error(f"samma kodning finns redan på rad {seen[key]}", row=row, column=column)
        seen[key] = row
        rows.append({"id": rid, "question": question, "theme": theme, "basis": basis, "row": row, "column": column})
    return pd.DataFrame(rows, columns=["id", "question", "theme", "basis", "row", "column"])


# --- two coders or more ---------------------------------------------------------------------------


def decisions(codings: list[CoderCoding], answers: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Every answer with text (or coded) × every theme of its question, with each coder's decision: 1 (the theme),
    0 (other themes only) or missing (the coder left the answer uncoded)."""
    shown = answers.loc[answers["status"].isin(SHOWN), ["id", "question"]]
    # and any answer a coder coded without its text shown (a reconstruction's, from a published count)
    coded_any = pd.concat([c.codes[["id", "question"]] for c in codings])
    units = pd.concat([shown, coded_any]).drop_duplicates().reset_index(drop=True)
    grid = units.merge(codebook[["question", "theme"]], on="question")
    for coding in codings:
        coded = set(zip(coding.codes["id"], coding.codes["question"]))
        chosen = set(zip(coding.codes["id"], coding.codes["question"], coding.codes["theme"]))
        grid[coding.coder] = [
            (1.0 if (r.id, r.question, r.theme) in chosen else 0.0) if (r.id, r.question) in coded else np.nan
            for r in grid.itertuples()
        ]
    return grid.reset_index(drop=True)


def disagreements(grid: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """The decisions on which the coders who coded the answer differ."""
    values = grid[coders]
    differ = values.max(axis=1) != values.min(axis=1)
    return grid[differ & values.notna().sum(axis=1).ge(2)].reset_index(drop=True)


def agreement(grid: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """Per question and theme, and per question over all its themes: the decisions coded by two coders or
    more, the share all made alike, Krippendorff's alpha (nominal) and its reading."""
    rows = []
    for question, by_question in grid.groupby("question", sort=False):
        parts = [(theme, part) for theme, part in by_question.groupby("theme", sort=False)]
        for theme, part in [*parts, ("", by_question)]:
            rows.append({"question": question, "theme": theme, **_agreement_of(part[coders])})
    return pd.DataFrame(rows)


def _agreement_of(values: pd.DataFrame) -> dict:
    paired = values[values.notna().sum(axis=1) >= 2]
    alike = (paired.max(axis=1) == paired.min(axis=1)).sum()
    alpha = _alpha(paired)
    verdict = verdicts.coder_agreement(alpha)
    return {
        "decisions": len(paired),
        "alike": int(alike),
        "share_alike": alike / len(paired) if len(paired) else np.nan,
        "alpha": alpha,
        "reading": verdict.value,
        "rule": verdict.rule,
    }


def _alpha(paired: pd.DataFrame) -> float | None:
    """Krippendorff's alpha for nominal decisions (None where all decisions were the same: undefined)."""
    if paired.empty or paired.stack().nunique() < 2:
        return None
    import krippendorff

    return float(krippendorff.alpha(reliability_data=paired.to_numpy().T, level_of_measurement="nominal"))


def reconciled_coding(
    params: LoadedParams, codings: list[CoderCoding], grid: pd.DataFrame, codebook: pd.DataFrame
) -> pd.DataFrame:
    """The coding the tallies use: the decisions the coders agree on, and the analysts' decision on every
    disagreement (raw_files.survey_coding_reconciled); without one, a Swedish stop saying what to do."""
    coders = [c.coder for c in codings]
    disputed = disagreements(grid, coders)
    decided = decided_before(params, codebook) if not disputed.empty else {}
    if not disputed.empty and params.delivery("survey_coding_reconciled") is None:
        answers = disputed[["id", "question"]].drop_duplicates()
        raise StudyInputError(
            f"kodarna {' och '.join(coders)} är oense om {len(disputed)} beslut ({len(answers)} svar). Kör "
            "`make coding-sheets`: den skriver avstämningsbladet kodning/avstamning.xlsx i studiens build-mapp med "
            "varje oenighet. Fyll i Beslut (Ja/Nej), spara bladet bland studiens leveranser och ange det som "
            "raw_files.survey_coding_reconciled i params",
            key="raw_files.survey_coding_reconciled",
        )
    agreed = grid[coders].max(axis=1)  # where the coders who coded agree, any of them says it
    final = grid.assign(chosen=agreed == 1)
    for r in disputed.itertuples():
        key = (r.id, r.question, r.theme)
        if key not in decided:
            shown = params.raw_display("survey_coding_reconciled")
            raise StudyInputError(
                f"beslut saknas för respondent {r.id}, fråga {r.question}, tema '{r.theme}', där kodarna är oense; "
                "kör `make coding-sheets` för ett nytt avstämningsblad (besluten du redan fattat står kvar)",
                file=shown,
            )
        final.loc[(final["id"] == r.id) & (final["question"] == r.question) & (final["theme"] == r.theme), "chosen"] = (
            decided[key]
        )
    chosen = final[final["chosen"]]
    basis = "kodarna " + " och ".join(coders)
    return pd.DataFrame(
        {"id": chosen["id"], "question": chosen["question"], "theme": chosen["theme"], "basis": basis}
    ).reset_index(drop=True)


def decided_before(params: LoadedParams, codebook: pd.DataFrame) -> dict[tuple, bool]:
    """The filled reconciliation sheet: (respondent, question, theme) -> the analysts' Ja/Nej."""
    delivery = params.delivery("survey_coding_reconciled")
    if delivery is None or not delivery.path.is_file():  # not yet saved while the sheets are prepared
        return {}
    table = coding_table(delivery, RECONCILIATION_SHEET)
    require_columns(table, ["ID", "Fråga", "Tema", DECISION], optional=[c for c in table.frame.columns if c != ROW])
    by_label = {(r.question, r.label.casefold()): r.theme for r in codebook.itertuples()}
    found = {}
    for line in table.frame.to_dict("records"):
        row, decision = int(line[ROW]), line[DECISION].strip().casefold()
        if decision not in (YES.casefold(), NO.casefold()):
            raise table.error(f"beslutet ska vara {YES} eller {NO}, inte '{line[DECISION]}'", row=row, column=DECISION)
        if not line["ID"].strip().isdigit():
            raise table.error(f"respondent-ID '{line['ID']}' är inget heltal", row=row, column="ID")
        theme = by_label.get((line["Fråga"], line["Tema"].strip().casefold()), line["Tema"].strip())
        found[(int(line["ID"]), line["Fråga"], theme)] = decision == YES.casefold()
    return found


def uncoded(answers: pd.DataFrame, coding: pd.DataFrame) -> pd.DataFrame:
    """Answers with text that have no theme in the coding: id, question, and where the answer is."""
    coded = set(zip(coding["id"], coding["question"]))
    with_text = answers[answers["status"].isin(SHOWN)]
    keep = [(r.id, r.question) not in coded for r in with_text.itertuples()]
    return with_text.loc[keep, ["id", "question", "row", "column"]].reset_index(drop=True)
