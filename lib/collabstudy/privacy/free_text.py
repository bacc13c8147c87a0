"""The survey export's free text, redacted at the gate: no step sees an answer before it is redacted.

Every text a respondent wrote (each free-text answer, and the period question's answer, which Forms
lets a respondent write as "Annat: …") passes :class:`~.redaction.Redactor` as the export is read,
so whatever path a text later takes to an output it is already redacted. A capitalised word that may
be a name the lists lack stops the run for the analyst's review instead (:class:`NamesToReview`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..io.atomic import write_text
from ..io.forms import Export, read_export
from ..study.errors import StudyInputError
from .detector import letter_count
from .redaction import Redactor

REVIEW_FOLDER = "granskning"  # under build/<study>/: never published
REVIEW_FILE = "namnkandidater.csv"
_CONTEXT = 40  # characters each side of a candidate in the review file


@dataclass(frozen=True)
class Candidate:
    """A word that may be a personal name, where it was written."""

    respondent: int
    column: str
    row: int
    word: str
    context: str


class NamesToReview(StudyInputError):
    """Words that may be names the lists lack: the analyst decides. The message shows each word's first
    letter and length and the answer's id only; the words are in the review file (never published)."""

    def __init__(self, candidates: list[Candidate], file: str):
        self.candidates = list(candidates)
        listed = "\n".join(
            f"- {c.word[:1]}… ({letter_count(c.word)} bokstäver) i svar {c.respondent} (rad {c.row}), kolumn '{c.column}'"
            for c in self.candidates
        )
        super().__init__(
            f"anonymitetskontrollen: {len(self.candidates)} ord i fritextsvaren kan vara personnamn som "
            "namnlistorna inte känner till. "
            f"Granska dem: skriv orden som är namn under survey.names.deny och övriga under survey.names.allow "
            f"i params (granskningsfilen {REVIEW_FOLDER}/{REVIEW_FILE} i studiens build-mapp visar orden i "
            f"sitt sammanhang; den publiceras aldrig, radera den när du är klar) och kör igen:\n{listed}",
            file=file,
        )


def examined(
    export: Export, redactor: Redactor, period_column: str, review: bool = True
) -> tuple[Export, list[Candidate]]:
    """The export with every answer and period text redacted and, with `review`, every word in them
    that may be a name the lists lack (:meth:`Redactor.examine`; one pass over each text), in the
    file's order. A candidate's context is redacted of every identifier found."""
    found = []

    def examine(respondent: int, column: str, row: int, text: str) -> str:
        if not review:
            return redactor.redact(text)
        redacted, candidates = redactor.examine(text)
        for start, end, word in candidates:
            before = redactor.redact(text[max(0, start - _CONTEXT) : start])
            after = redactor.redact(text[end : end + _CONTEXT])
            found.append(Candidate(respondent, column, row, word, f"{before}{word}{after}"))
        return redacted

    answers, respondents = export.answers, export.respondents
    texts = [examine(int(r.id), str(r.column), int(r.row), str(r.text)) for r in answers.itertuples()]
    periods = [examine(int(r.id), period_column, int(r.row), str(r.period)) for r in respondents.itertuples()]
    redacted = dataclasses.replace(
        export, answers=answers.assign(text=texts), respondents=respondents.assign(period=periods)
    )
    return redacted, sorted(found, key=lambda c: (c.row, c.column))


def read_redacted_export(params, redactor: Redactor, review: bool = True) -> Export:
    """The survey export (params raw_files.survey_export) with its free text redacted; raises
    :class:`NamesToReview` if a word may be a name the lists lack. `review=False` when the runner has
    just reviewed the same export (the lexicon, 2 s to load, is then not needed)."""
    export = read_export(params)
    survey = params.values.survey
    redacted, found = examined(export, redactor, survey.questions[survey.key_of("period")].text, review)
    if found:
        raise NamesToReview(found, export.file)
    return redacted


def review_table(found: list[Candidate]) -> pd.DataFrame:
    """The review file's rows: each candidate with its place, its context and an empty decision."""
    return pd.DataFrame(
        [
            {
                "ord": c.word,
                "svar_id": c.respondent,
                "rad": c.row,
                "kolumn": c.column,
                "sammanhang": c.context,
                "beslut (namn / inte namn)": "",
            }
            for c in found
        ]
    )


def write_review_file(found: list[Candidate], build_dir: Path) -> Path:
    """Write the review file under `build_dir`/granskning/ (outside reports/, never published)."""
    path = Path(build_dir) / REVIEW_FOLDER / REVIEW_FILE
    write_text(path, review_table(found).to_csv(sep=";", index=False))
    return path
