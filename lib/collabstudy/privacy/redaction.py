"""Every personal identifier in a text, found and replaced: names, the identifiers of :mod:`.identifiers`
and, for review, the roles of :mod:`.roles`.

The one entry point the study uses for free text and for the scan of outputs, so that whatever path
a text takes to an output it meets the same detectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..study.characters import spaced_letters
from .detector import FUNCTION_WORDS, NameDetector, _stems
from .identifiers import (
    ADDRESS,
    NAME,
    PLACEHOLDERS,
    ROLE,
    Identifier,
    PlaceJudge,
    Suspect,
    examine_free_text,
    find_identifiers,
)
from .names import fold
from .roles import find_roles
from .words import CALENDAR, NUMBERED_WORDS, PRODUCTS, joined_name


class _Places(PlaceJudge):
    """The name detector's answers to :func:`~.identifiers.examine_free_text`'s questions."""

    def __init__(self, names: NameDetector):
        self.names = names

    def name_like(self, token: str) -> bool:
        folded = fold(token)
        if folded in FUNCTION_WORDS or self.names.allowed(token) or len(folded) < 2:
            return False
        return any(stem in self.names.names or fold(stem) in self.names._deny for stem in _stems(token))

    def allowed(self, word: str) -> bool:
        return self.names.allowed(word)

    def joined(self, first: str, second: str) -> bool:
        names = self.names.names
        return joined_name(names, first, second)

    def place_word(self, word: str, at_start: bool) -> str | None:
        folded = fold(word)
        if folded in NUMBERED_WORDS or folded in CALENDAR or folded in PRODUCTS or folded in FUNCTION_WORDS:
            return None
        if self.names.allowed(word) or word.isupper():
            return None  # "Covid 19", "Svedala 3", "LSS 9"
        lexicon = self.names.lexicon
        if at_start and lexicon is not None and lexicon.ordinary(word):
            return "review"  # "Lärkan 3 är …": a place or a numbered thing; the analyst knows
        if at_start and lexicon is None:
            return None
        return ADDRESS


@dataclass(frozen=True)
class Redactor:
    """Names (by `names`) and personnummer, phone numbers, e-mail, web and street addresses; in
    respondents' free text also the roles that can name one person, for review."""

    names: NameDetector
    _inspected: object = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Answers repeat ("Vet ej", "Inget", "Mer tid för klienterna"): each text is judged once.
        object.__setattr__(self, "_inspected", lru_cache(maxsize=1 << 14)(self._inspect))

    def find(self, text: str) -> list[Identifier]:
        """Every identifier in `text`, in order and without overlaps; an identifier found by its pattern
        (an e-mail address "anna.k@x.se") is not also taken apart for names."""
        if self.names.generated:
            return self._names_beside(text, find_identifiers(text))
        found, _ = examine_free_text(text, _Places(self.names))
        return self._names_beside(text, found)

    def _names_beside(self, text: str, found: list[Identifier], names=None) -> list[Identifier]:
        for start, end, _ in self.names.find(text) if names is None else names:
            if not _overlaps(start, end, found):
                found.append(Identifier(start, end, NAME))
        return sorted(found, key=lambda item: item.start)

    def redact(self, text: str) -> str:
        """`text` with every identifier replaced by its placeholder ([namn], [personnummer], [telefon],
        [e-post], [adress], [webbadress]). Idempotent."""
        return replaced(text, self.find(text)) if text else text

    def candidates(self, text: str) -> list[tuple[int, int, str]]:
        """What the analyst must judge (:meth:`inspect`), outside every identifier found: (start, end, word)."""
        return [(s.start, s.end, s.word) for s in self.inspect(text)[1]]

    def inspect(self, text: str) -> tuple[list[Identifier], list[Suspect]]:
        """Every identifier in a respondent's text, and everything in it the analyst must judge: words
        that may be names, numbers that may be addresses, roles that can name one person. None of the
        second overlaps the first."""
        found, suspects = self._inspected(text)
        return list(found), list(suspects)

    def _inspect(self, text: str) -> tuple[tuple[Identifier, ...], tuple[Suspect, ...]]:
        patterned, unsure = examine_free_text(text, _Places(self.names))
        names, suspects = self.names.examine(text, review=True)
        found = self._names_beside(text, list(patterned), names)
        for start, end, words in spaced_letters(text) if " " in text else ():
            # a name written apart ("A n n a"): the run whole, if its letters read as a name
            if not _overlaps(start, end, found) and self.names.examine(words)[0]:
                found = sorted([*found, Identifier(start, end, NAME)], key=lambda item: item.start)
        roles = [Suspect(start, end, word, ROLE) for start, end, word in find_roles(text)]
        roles = [r for r in roles if not self.names.allowed(r.word)]
        review = [s for s in [*unsure, *suspects, *roles] if not _overlaps(s.start, s.end, found)]
        kept: list[Suspect] = []
        for suspect in sorted(review, key=lambda s: (s.start, -s.end)):
            if not _overlaps(suspect.start, suspect.end, kept):
                kept.append(suspect)
        return tuple(found), tuple(kept)

    def redact_undecided(self, text: str) -> str:
        """`text` with every identifier *and* everything the analyst would have to judge replaced: for
        text no review covers (a coder's suggestion of a new theme), where nothing may be published by
        default."""
        if not text:
            return text
        found, suspects = self.inspect(text)
        every = [*found, *(Identifier(s.start, s.end, s.kind) for s in suspects)]
        return replaced(text, sorted(every, key=lambda item: item.start))

    def examine(self, text: str) -> tuple[str, list[Suspect]]:
        """`text` redacted, and what the analyst must judge in it (:meth:`inspect`): one pass for both."""
        found, suspects = self.inspect(text)
        return replaced(text, found), suspects


def _overlaps(start: int, end: int, found) -> bool:
    return any(start < other.end and other.start < end for other in found)


def replaced(text: str, found: list[Identifier]) -> str:
    """`text` with each identifier in `found` (in order, without overlaps) replaced by its placeholder."""
    pieces, last = [], 0
    for item in found:
        pieces += [text[last : item.start], PLACEHOLDERS[item.kind]]
        last = item.end
    pieces.append(text[last:])
    return "".join(pieces)


def shipped_words(resource: str) -> list[str]:
    """The words of a shipped list (``privacy/data/<resource>``): one entry per line, ``#`` comments;
    an entry of several words gives each word."""
    text = resources.files(__package__).joinpath("data", resource).read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        words += entry.replace("-", " ").split() + ([entry] if "-" in entry else [])
    return words
