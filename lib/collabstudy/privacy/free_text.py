"""The survey export's free text, redacted at the gate: no step sees an answer before it is redacted.

Every text a respondent wrote (each free-text answer, and the period question's answer, which Forms
lets a respondent write as "Annat: …") passes :class:`~.redaction.Redactor` as the export is read,
so whatever path a text later takes to an output it is already redacted. What the rules cannot judge
(a word that may be a name the lists lack or a name that is also a word, a number that may be an
address, a role that can name one person) stops the run for the analyst's review
(:class:`NamesToReview`), until params decide each occurrence (``survey.names.review``): keep it,
replace it by its placeholder, or leave the answer out of the quotes (the tallies keep it). Nothing
undecided is ever published: read without review, it is replaced.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..io.atomic import write_text
from ..io.forms import Export, read_export
from ..study.errors import StudyInputError
from .detector import letter_count
from .identifiers import ADDRESS, NAME, PHONE, PLACEHOLDERS, ROLE, Identifier, Suspect, find_identifiers
from .redaction import Redactor, replaced

REVIEW_FOLDER = "granskning"  # under build/<study>/: never published
REVIEW_FILE = "namnkandidater.csv"
REVIEW_KEY = "survey.names.review"
_CONTEXT = 60  # characters each side of a candidate in the review file, widened to whole words
QUOTE_LEFT_OUT = "quote_left_out"  # the answers' column: the analyst left the quote out (tallies keep it)

KEEP, REPLACE, LEAVE_OUT = "behåll", "ersätt", "utelämna"
# What the review file calls each kind, and the choices that fit it.
KIND_NAMES = {NAME: "namn", ROLE: "roll"}


def kind_name(kind: str) -> str:
    """'namn', 'roll', or 'annan uppgift (adress)' for the review file and the messages."""
    return KIND_NAMES.get(kind, f"annan uppgift ({kind})")


def choices(kind: str) -> str:
    """The decisions that fit a candidate of `kind`, as the review file offers them."""
    return f"{kind} (ersätt med {PLACEHOLDERS[kind]}) / {KEEP} / {LEAVE_OUT} (citatet visas inte)"


def place_of(respondent: int, question: str, start: int, end: int) -> str:
    """An occurrence's place, as params name it: '<answer id>/<question key>/<start>-<end>'."""
    return f"{respondent}/{question}/{start}-{end}"


@dataclass(frozen=True)
class Candidate:
    """What the analyst must judge, where it was written: its kind (the placeholder it would get), the
    answer, and its context with everything already found redacted."""

    respondent: int
    column: str
    row: int
    word: str
    context: str
    kind: str = NAME
    place: str = ""


class NamesToReview(StudyInputError):
    """Occurrences the rules cannot judge: the analyst decides. The message shows each one's first letter,
    length and kind, the answer's id and its place only; the words are in the review file (never published)."""

    def __init__(self, candidates: list[Candidate], file: str):
        self.candidates = list(candidates)  # at least one
        listed = "\n".join(
            f"- {c.word[:1]}… ({letter_count(c.word) or len(c.word)} tecken, {kind_name(c.kind)}) i svar {c.respondent} "
            f"(rad {c.row}), kolumn '{c.column}', plats {c.place}"
            for c in self.candidates
        )
        super().__init__(
            f"anonymitetskontrollen: {_occurrences(len(self.candidates))} i fritextsvaren kan peka ut en person men "
            f"reglerna kan inte avgöra {'den' if len(self.candidates) == 1 else 'dem'} (ett ord som kan vara ett namn, en uppgift som kan vara en adress, en roll "
            f"som bara en person har). Granska {'den' if len(self.candidates) == 1 else 'dem'} i granskningsfilen "
            f"{REVIEW_FOLDER}/{REVIEW_FILE} i studiens build-mapp (den publiceras aldrig; radera den när du är klar) "
            f"och skriv ett beslut per plats under {REVIEW_KEY} i params, till exempel '12/q2/14-25: {KEEP}': "
            f"{KEEP}, {REPLACE} (med platshållaren: [namn], [roll], [adress] …) eller {LEAVE_OUT} (citatet visas inte, "
            "svaret räknas ändå). Ett ord som alltid är ett namn kan i stället skrivas under survey.names.deny, ett som "
            f"aldrig är det under survey.names.allow. Kör sedan igen:\n{listed}",
            file=file,
        )


def _decision(decision: str, suspect: Suspect, place: str) -> str:
    """KEEP, REPLACE or LEAVE_OUT for a decision in params; a placeholder's name must fit the kind."""
    if decision in (KEEP, REPLACE, LEAVE_OUT):
        return decision
    if decision != suspect.kind:
        raise StudyInputError(
            f"beslutet '{decision}' på plats {place} passar inte: där står {kind_name(suspect.kind)}; "
            f"välj {choices(suspect.kind)}",
            key=f"{REVIEW_KEY}.{place}",
        )
    return REPLACE


def _context(text: str, found: list[Identifier], suspect: Suspect, others: list[Suspect]) -> str:
    """The text around `suspect` with every identifier found replaced and the suspect marked «…», cut at
    whole words about _CONTEXT characters each side, never inside an identifier or another candidate."""
    spans = sorted([*found, Identifier(suspect.start, suspect.end, "")], key=lambda i: i.start)
    pieces, last, mark, keep = [], 0, (0, 0), []
    for item in spans:
        pieces.append(text[last : item.start])
        at = sum(map(len, pieces))
        shown = f"«{suspect.word}»" if item.kind == "" else PLACEHOLDERS[item.kind]
        pieces.append(shown)
        if item.kind == "":
            mark = (at, at + len(shown))
        last = item.end
    pieces.append(text[last:])
    shown = "".join(pieces)
    # the other candidates' spans, moved as the redaction moved them: never cut inside one
    for other in others:
        offset = sum(len(PLACEHOLDERS[f.kind]) - (f.end - f.start) for f in found if f.end <= other.start)
        offset += 2 if other.start >= suspect.end else 0
        keep.append((other.start + offset, other.end + offset))
    left = max(0, mark[0] - _CONTEXT)
    right = min(len(shown), mark[1] + _CONTEXT)
    while left > 0 and (not shown[left - 1].isspace() or any(a < left < b for a, b in keep)):
        left -= 1
    while right < len(shown) and (not shown[right].isspace() or any(a < right < b for a, b in keep)):
        right += 1
    return ("… " if left else "") + " ".join(shown[left:right].split()) + (" …" if right < len(shown) else "")


def examined(
    export: Export,
    redactor: Redactor,
    period_column: str,
    review: bool = True,
    decisions: Mapping[str, str] | None = None,
    period_key: str = "",
) -> tuple[Export, list[Candidate]]:
    """The export with every answer and period text redacted, the analyst's `decisions` (params
    survey.names.review) applied, and, with `review`, every occurrence still undecided (:meth:`Redactor.inspect`;
    one pass over each text), in the file's order. Without `review` an undecided occurrence is replaced, never
    published. An answer whose quote the analyst left out is marked in QUOTE_LEFT_OUT."""
    found_all: list[Candidate] = []
    decisions = dict(decisions or {})
    # The decisions by answer: a place the first pass did not mark (one the final check named) is applied too.
    by_answer: dict[str, list[tuple[int, int, str, str]]] = {}
    for place, decision in decisions.items():
        prefix, _, span = place.rpartition("/")
        start, _, end = span.partition("-")
        by_answer.setdefault(prefix, []).append((int(start), int(end), decision, place))
    examined_answers: set[str] = set()

    def examine(respondent: int, question: str, column: str, row: int, text: str) -> tuple[str, bool]:
        found, suspects = redactor.inspect(text)
        replace, left_out, undecided = list(found), False, []
        prefix = f"{respondent}/{question}"
        examined_answers.add(prefix)
        suspect_places = {place_of(respondent, question, s.start, s.end) for s in suspects}
        # decided places the first pass did not mark (the final check named them), widened to whole words
        wider = []
        for start, end, decision, place in by_answer.get(prefix, ()):
            if place not in suspect_places:
                _check_span(place, start, end, text, respondent, question, column, row)
                if decision != KEEP:  # a kept place the first pass did not mark is the final check's to pass
                    wider.append((*widened(text, start, end), decision))
        for suspect in suspects:
            place = place_of(respondent, question, suspect.start, suspect.end)
            decision = decisions.get(place)
            if decision is None and any(a <= suspect.start and suspect.end <= b for a, b, _ in wider):
                continue  # inside a wider decided place: replaced with it below
            if decision is None:
                undecided.append((suspect, place))
                if not review:
                    replace.append(Identifier(suspect.start, suspect.end, suspect.kind))
                continue
            verdict = _decision(decision, suspect, place)
            if verdict != KEEP:
                replace.append(Identifier(suspect.start, suspect.end, suspect.kind))
            left_out = left_out or verdict == LEAVE_OUT
        for start, end, decision in wider:
            left_out = left_out or decision == LEAVE_OUT
            # what the first pass or another decision has not replaced yet, each piece with its placeholder
            for piece_start, piece_end in _uncovered(text, start, end, replace):
                replace.append(Identifier(piece_start, piece_end, _decided_kind(decision, text[piece_start:piece_end])))
        replace.sort(key=lambda item: item.start)
        if review:
            pending = [s for s, _ in undecided]
            for suspect, place in undecided:
                context = _context(text, replace, suspect, [s for s in pending if s is not suspect])
                found_all.append(Candidate(respondent, column, row, suspect.word, context, suspect.kind, place))
        return replaced(text, replace), left_out

    answers, respondents = export.answers, export.respondents
    texts, left_out = [], []
    for r in answers.itertuples():
        text, out = examine(int(r.id), str(r.question), str(r.column), int(r.row), str(r.text))
        texts.append(text)
        left_out.append(out)
    periods = [
        examine(int(r.id), period_key, period_column, int(r.row), str(r.period))[0] for r in respondents.itertuples()
    ]
    _refuse_unknown_answers(by_answer, examined_answers)
    redacted = dataclasses.replace(
        export,
        answers=answers.assign(text=texts, **{QUOTE_LEFT_OUT: left_out}),
        respondents=respondents.assign(period=periods),
    )
    return redacted, sorted(found_all, key=lambda c: (c.row, c.column))


def _check_span(place: str, start: int, end: int, text: str, respondent: int, question: str, column: str, row: int):
    """Stop, in Swedish, on a decided place outside its answer's text."""
    if not start < end <= len(text):
        problem = (
            f"slutar inte efter sin början ({start}-{end})"
            if start >= end
            else f"finns inte i svaret: svar {respondent} (rad {row}), kolumn '{column}' har {len(text)} tecken"
        )
        raise StudyInputError(
            f"platsen {place} i {REVIEW_KEY} {problem}. Skriv platsen som granskningsfilen eller "
            "anonymitetskontrollens meddelande anger den ('<svar>/<fråga>/<start>-<slut>').",
            key=f"{REVIEW_KEY}.{place}",
        )


def widened(text: str, start: int, end: int) -> tuple[int, int]:
    """start-end widened to whole words and whole numbers: a place that cuts one (mistyped by a character,
    or a mark of the final check's that ends inside a number, "Ring 073" of "Ring 073-987 65 43") would
    otherwise replace part of it and publish the rest."""
    while _cuts(text, start):
        start -= 1
    while _cuts(text, end):
        end += 1
    return start, end


def _cuts(text: str, at: int) -> bool:
    """Whether a span's edge at `at` cuts a word ("Lind|qvist") or a number ("0708 |12 34", "070-|12")."""
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if before.isalnum() and after.isalnum():
        return True
    # a number written in groups: a space or dash between two digits does not end it
    return (before.isdigit() and after in " -" and text[at + 1 : at + 2].isdigit()) or (
        after.isdigit() and before in " -" and text[at - 2 : at - 1].isdigit()
    )


def _uncovered(text: str, start: int, end: int, taken: list[Identifier]) -> list[tuple[int, int]]:
    """The pieces of start-end that no identifier in `taken` covers, without their spaces and only those
    with a letter or digit."""
    pieces, at = [], start
    for item in sorted(taken, key=lambda i: i.start):
        if item.end <= at or item.start >= end:
            continue
        pieces.append((at, max(at, item.start)))
        at = max(at, item.end)
    pieces.append((at, end))
    found = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if any(char.isalnum() for char in text[a:b]):
            found.append((a, b))
    return found


def _refuse_unknown_answers(by_answer: Mapping[str, list], examined: set[str]) -> None:
    """Stop, in Swedish, on a decision for an answer the export does not have (a mistyped place would
    otherwise be ignored and the same occurrence stop the run again)."""
    for prefix, places in by_answer.items():
        if prefix not in examined:
            respondent, _, question = prefix.partition("/")
            raise StudyInputError(
                f"platsen {places[0][3]} i {REVIEW_KEY} pekar på ett svar som svarsfilen inte har: svar {respondent} "
                f"har inget svar på frågan '{question}'. Skriv platsen som granskningsfilen eller "
                "anonymitetskontrollens meddelande anger den, eller ta bort beslutet.",
                key=f"{REVIEW_KEY}.{places[0][3]}",
            )


def _decided_kind(decision: str, word: str) -> str:
    """The placeholder for a place the first pass did not mark: the one the decision names, or for 'ersätt'
    and 'utelämna' the kind the word has on its own (an e-mail, a phone number …), else a name's."""
    if decision in PLACEHOLDERS:
        return decision
    kinds = [item.kind for item in find_identifiers(word)]
    if kinds:
        return kinds[0]
    digits = sum(char.isdigit() for char in word)
    if not digits:
        return NAME
    # a number alone: a phone number's part ("0708 12 34") or a postcode or house number
    number_only = all(char.isdigit() or char in " -+()/" for char in word)
    return PHONE if number_only and digits >= 6 else ADDRESS


def _occurrences(count: int) -> str:
    return f"{count} förekomst" if count == 1 else f"{count} förekomster"


def inherited_decisions(params) -> list[str]:
    """The places of survey.names.review that an earlier evaluation's params decide the same way: a place
    names an occurrence in that evaluation's export, so the decision, copied on, would judge whatever word
    this export has there."""
    earlier: dict[str, str] = {}
    for study in params.previous_studies():
        earlier |= dict(study.values.survey.names.review)
    return [place for place, decision in params.values.survey.names.review.items() if earlier.get(place) == decision]


def refuse_inherited_decisions(params) -> None:
    """Stop, in Swedish, before an earlier evaluation's review decisions are applied to this export."""
    places = inherited_decisions(params)
    if places:
        raise StudyInputError(
            f"{len(places)} av granskningens beslut ({', '.join(places)}) står likadant i en tidigare utvärderings "
            "parameterfil. Ett beslut gäller en förekomst i den utvärderingens svarsfil, inte i denna: ta bort "
            f"{'beslutet' if len(places) == 1 else 'besluten'} ur parameterfilen och kör make run igen; "
            "granskningen av denna svarsfil listar då vad som behöver ett beslut.",
            key=REVIEW_KEY,
        )


def read_redacted_export(params, redactor: Redactor, review: bool = True) -> Export:
    """The survey export (params raw_files.survey_export) with its free text redacted and the review's
    decisions applied; raises :class:`NamesToReview` if an occurrence is undecided. `review=False` when the
    runner has just reviewed the same export (the lexicon, 2 s to load, is then not needed)."""
    refuse_inherited_decisions(params)
    export = read_export(params)
    survey = params.values.survey
    period = survey.key_of("period")
    redacted, found = examined(
        export, redactor, survey.questions[period].text, review, survey.names.review, period_key=period
    )
    if found:
        raise NamesToReview(found, export.file)
    return redacted


def review_table(found: list[Candidate]) -> pd.DataFrame:
    """The review file's rows: each candidate with its place, kind, context, the choices that fit it and an
    empty decision (the decision itself goes into params: survey.names.review)."""
    return pd.DataFrame(
        [
            {
                "plats": c.place,
                "typ": kind_name(c.kind),
                "ord": c.word,
                "svar_id": c.respondent,
                "rad": c.row,
                "kolumn": c.column,
                "sammanhang": c.context,
                "val": choices(c.kind),
                "beslut": "",
            }
            for c in found
        ],
        columns=["plats", "typ", "ord", "svar_id", "rad", "kolumn", "sammanhang", "val", "beslut"],
    )


def write_review_file(found: list[Candidate], build_dir: Path) -> Path:
    """Write the review file under `build_dir`/granskning/ (outside reports/, never published)."""
    path = Path(build_dir) / REVIEW_FOLDER / REVIEW_FILE
    write_text(path, review_table(found).to_csv(sep=";", index=False))
    return path
