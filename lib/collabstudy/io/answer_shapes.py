"""What a column of survey answers looks like: a closed question's (a rating's whole numbers, or a few short
answers each given by several respondents) or free text.

Used where the study has to guess a question's kind from its answers: `make new-study` proposing the
questions of a new Forms export, and the stop on uncoded answers, which suggests `kind: choice` (or `rating`)
for a question whose answers were never free text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

# A closed question's answers: at most this many different values, each at most this long (characters and
# words), every value given on average by at least two respondents.
MAX_VALUES = 12
MAX_CHARACTERS = 40
MAX_WORDS = 5
MIN_ANSWERS = 4
# A rating's scale as Forms offers it: its highest value is one of these.
SCALES = (5, 7, 10)


@dataclass(frozen=True)
class ClosedShape:
    """Answers that look like a closed question's: 'rating' (whole numbers 1–points) or 'choice' (its
    values, most given first; ties in the order they first appear)."""

    kind: str
    values: tuple[str, ...]
    points: int | None = None


def answer_value(text: object) -> str:
    """An answer as a closed question's value: its spacing evened out, and the ';' Forms writes after a
    multiple-choice question's single choice ('Chef;') left out."""
    value = " ".join(str(text).split())
    return value[:-1].strip() if value.endswith(";") and value.count(";") == 1 else value


def _whole(value: str) -> int | None:
    number = value.replace(",", ".")
    try:
        parsed = float(number)
    except ValueError:
        return None
    return int(parsed) if parsed.is_integer() and 1 <= parsed <= max(SCALES) else None


def closed_shape(texts: list[object]) -> ClosedShape | None:
    """The closed question these answers look like (None: they look like free text). Blank answers are
    left out; the comparison of values ignores case."""
    values = [answer_value(t) for t in texts]
    values = [v for v in values if v]
    if len(values) < MIN_ANSWERS:
        return None
    numbers = [_whole(v) for v in values]
    if all(n is not None for n in numbers):
        highest = max(numbers)
        points = next(scale for scale in SCALES if highest <= scale)
        return ClosedShape("rating", tuple(str(n) for n in sorted(set(numbers))), points)
    spelled: dict[str, str] = {}
    for value in values:
        spelled.setdefault(value.casefold(), value)
    counts = Counter(v.casefold() for v in values)
    if not 2 <= len(counts) <= MAX_VALUES or 2 * len(counts) > len(values):
        return None
    if any(len(v) > MAX_CHARACTERS or len(v.split()) > MAX_WORDS for v in spelled.values()):
        return None
    order = list(spelled)
    ranked = sorted(order, key=lambda folded: (-counts[folded], order.index(folded)))
    return ClosedShape("choice", tuple(spelled[folded] for folded in ranked))
