"""The new study's survey questions: proposed from the new Forms export when it is there, else the latest
study's, copied and marked to be checked.

From an export, each question column becomes a question whose kind follows its answers: the municipality
(every answer a municipality's name), the period of involvement (the latest study's period question's
text, or short answers naming years), a rating (whole numbers), a single choice (a few short answers each
given by several, collabstudy.io.answer_shapes) or free text. A question whose text and kind are the
latest study's continues it: it keeps its key, label and settings and is linked by `same_as`. Any other
question is new, with a key no earlier question had (so that a key never names two questions), and a label
to be written. The latest study's questions no column continues are listed as dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ...io.answer_shapes import answer_value, closed_shape
from ...io.delivered import ROW, read_table
from ...io.forms import choices, classify
from ...io.headers import clean_header
from ...study.errors import StudyInputError
from ...study.params import LoadedParams
from ...study.paths import display_path
from .plan import ScaffoldRefused

FRAME_KINDS = ("municipality", "period")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
LABEL_WORDS = 6
SIMILAR = 0.8  # a text this like an earlier one (difflib's ratio) is proposed as perhaps continuing it


@dataclass(frozen=True)
class ProposedQuestion:
    """One question of the new params: its key and settings as params write them, and what the analyst
    should check (comments before it, each marked ÄNDRA by params_file)."""

    key: str
    settings: dict
    checks: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.settings.get("kind", "free_text")


@dataclass(frozen=True)
class Proposal:
    """The new study's questions; `export` the file they were read from (None: copied from the latest study);
    `dropped` the latest study's questions no question continues, as (key, label)."""

    questions: list[ProposedQuestion]
    export: str | None
    dropped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def free_text(self) -> list[str]:
        """The free-text questions' keys, in the form's order (the codebook and coding templates' drop-downs)."""
        return [q.key for q in self.questions if q.kind == "free_text"]


def copied_questions(previous: LoadedParams) -> Proposal:
    """Without an export: the latest study's questions as they are (params_file keeps them as written)."""
    questions = [
        ProposedQuestion(key, question.model_dump(exclude_defaults=True))
        for key, question in previous.values.survey.questions.items()
    ]
    return Proposal(questions, None)


def propose_questions(previous: LoadedParams, export: Path | None) -> Proposal:
    """The questions of the new study: from the export when there is one, else the latest study's."""
    if export is None:
        return copied_questions(previous)
    shown = display_path(export, previous.root) if export.is_relative_to(previous.root) else str(export)
    try:
        table = read_table(export, shown)
    except StudyInputError as exc:
        raise ScaffoldRefused(
            f"Forms-exporten {shown} kan inte läsas, så frågorna kan inte föreslås ur den:\n{exc}\n"
            "Spara exporten som Forms laddar ner den (en Excel-arbetsbok, .xlsx) och försök igen, eller flytta den "
            "ur mappen (då kopieras förra studiens frågor)."
        ) from None
    survey = previous.values.survey
    header = [c for c in table.frame.columns if c != ROW]
    forms = classify(header, [], survey.id_column).forms
    columns = [h for h in header if h not in forms and clean_header(h)]
    if not columns:
        raise ScaffoldRefused(f"Forms-exporten {shown} har inga frågekolumner (bara Forms egna kolumner)")
    dont_know = {word.casefold() for word in survey.dont_know}
    answers = {
        column: [v for v in (answer_value(cell) for cell in table.frame[column]) if v and v.casefold() not in dont_know]
        for column in columns
    }
    return _proposal(previous, columns, answers, shown)


def _shape_kind(values: list[str]) -> dict:
    """A column's kind by its answers alone: a rating, a single choice or free text."""
    shape = closed_shape(values)
    if shape is None:
        return {"kind": "free_text"}
    if shape.kind == "rating":
        return {"kind": "rating", "points": shape.points}
    return {"kind": "choice", "options": list(shape.values)}


def _kinds(previous: LoadedParams, columns: list[str], answers: dict[str, list[str]]) -> dict[str, dict]:
    """Each column's kind and closed settings, from its answers; the municipality and the period once each
    (the first column that looks like it)."""
    survey = previous.values.survey
    names = {m.name.casefold() for m in previous.values.municipalities}
    period_text = clean_header(survey.questions[survey.key_of("period")].text)
    found = {column: _shape_kind(answers[column]) for column in columns}

    def names_municipalities(column: str) -> bool:
        parts = [part for v in answers[column] for part in choices(v)]
        return bool(parts) and all(part.casefold() in names for part in parts)

    def names_years(column: str) -> bool:
        return found[column]["kind"] == "choice" and all(YEAR.search(v) for v in found[column]["options"])

    municipality = next((c for c in columns if names_municipalities(c)), None)
    if municipality is not None:
        found[municipality] = {"kind": "municipality"}
    period = next((c for c in columns if c != municipality and clean_header(c) == period_text), None)
    if period is None:  # a reworded period question: a few short answers, each naming a year
        period = next((c for c in columns if c != municipality and names_years(c)), None)
    if period is not None:
        found[period] = {"kind": "period"}
    return found


def _similar(text: str, kind: str, then: dict, taken: set[str]) -> str | None:
    """The latest study's question (of the same kind, not continued yet) whose text is most like this one's,
    when it is close (a reworded question, a year changed): proposed to the analyst, never linked unasked."""
    scored = [
        (SequenceMatcher(None, clean_header(q.text).casefold(), text.casefold()).ratio(), key)
        for key, q in then.items()
        if key not in taken and q.kind == kind
    ]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= SIMILAR else None


def _label(text: str) -> str:
    words = clean_header(text).rstrip("?:.").split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def _proposal(previous: LoadedParams, columns: list[str], answers: dict[str, list[str]], shown: str) -> Proposal:
    then = previous.values.survey.questions
    kinds = _kinds(previous, columns, answers)
    used: set[str] = set()
    questions: list[ProposedQuestion] = []
    continued: set[str] = set()
    numbers = iter(range(1, 10_000))

    def new_key() -> str:
        while True:
            key = f"q{next(numbers)}"
            if key not in then and key not in used:
                return key

    for column in columns:
        kind = kinds[column]
        text = clean_header(column)
        same = next((k for k, q in then.items() if clean_header(q.text) == text), None)
        checks: list[str] = []
        if same is not None and then[same].kind == kind["kind"] and same not in used:
            earlier = then[same]
            settings = earlier.model_dump(exclude_defaults=True, exclude={"same_as"})
            settings["text"] = text
            unknown = [v for v in kind.get("options", []) if v.casefold() not in {o.casefold() for o in earlier.scale}]
            if unknown:
                checks.append(
                    f"svar som inte finns bland förra enkätens options: {', '.join(unknown)}; lägg till dem i "
                    "formulärets ordning om frågans alternativ har ändrats"
                )
            if kind["kind"] not in FRAME_KINDS:
                settings["same_as"] = same
            key = same
            continued.add(same)
        else:
            key = new_key()
            settings = {"text": text, "label": _label(text), **kind}
            if kind["kind"] == "free_text":
                settings.pop("kind")
            if same is not None:
                checks.append(
                    f"samma text som förra enkätens {same}, men svaren ser ut som kind: {kind['kind']} (förut "
                    f"{then[same].kind}): kontrollera i formuläret; den jämförs inte med förra enkätens fråga"
                )
            checks.append(
                "ny fråga (ingen av förra enkätens frågor har samma text): skriv en kort label som rapporten visar; "
                "fortsätter den en av förra enkätens frågor med ny text, ange same_as: <förra frågans nyckel>"
            )
            like = _similar(text, kind["kind"], then, continued | used)
            if like is not None:
                checks.append(
                    f"texten liknar förra enkätens {like} (”{then[like].label}”): fortsätter den den frågan, "
                    f"ange same_as: {like}"
                )
            if kind["kind"] == "rating":
                checks.append(
                    f"svaren är heltal: kontrollera points (skalans högsta värde, föreslaget {kind['points']}) "
                    "och skriv gärna low och high (vad skalans ändar betyder)"
                )
            if kind["kind"] == "choice":
                checks.append("svaren ser ut som fasta alternativ: skriv options i formulärets ordning")
        used.add(key)
        questions.append(ProposedQuestion(key, settings, checks))
    for kind in FRAME_KINDS:
        if not any(q.kind == kind for q in questions):  # not found in the export: the latest study's, to check
            key = previous.values.survey.key_of(kind)
            settings = then[key].model_dump(exclude_defaults=True, exclude={"same_as"})
            kept = key if key not in used else new_key()
            used.add(kept)
            what = "kommunen" if kind == "municipality" else "perioden"
            questions.append(
                ProposedQuestion(
                    kept,
                    settings,
                    [f"ingen kolumn i exporten såg ut som frågan om {what}: förra enkätens fråga står här; rätta text"],
                )
            )
            continued.add(key)
    dropped = [(k, q.label) for k, q in then.items() if k not in continued and q.kind not in FRAME_KINDS]
    return Proposal(questions, shown, dropped)
