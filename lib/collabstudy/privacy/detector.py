"""Keeping personal names out of free-text answers and out of every output.

The survey was anonymous, so a free-text answer must never identify a respondent or a colleague:
personal (first) names are replaced by the placeholder ``[namn]`` (the source report's own style),
and :func:`check_no_names` / :func:`scan_files` fail a build if a name reaches an output.

How a word is judged (see :meth:`NameDetector.find`):

- Only *capitalised* words are candidates (``Anna``, ``Anna-Karin``, ``Mickes``); a word written in
  ALL CAPITALS (``SFI``, ``IFO``, ``ALLA``) is an acronym or emphasis, never a name.
- A word in ``deny`` is always a name, in any case and even in capitals (the analyst's explicit
  list wins over every other rule).
- A word in ``allow`` is never a name: municipalities, places, method and author names.
- Otherwise a candidate is a name if it is in the Swedish first-name list from the maintained
  ``names_dataset`` package. That list is noisy (it contains ``Inget``, ``Inte``, ``Allt``,
  ``Sverige``, ``Malmö`` ...), so at the *start of a sentence*, where every Swedish word is
  capitalised, a listed word is only a name if it is also not an ordinary word of this corpus (seen
  written in lower case somewhere) and its Swedish word frequency (wordfreq Zipf) is below
  :data:`SENTENCE_START_ZIPF`. Mid-sentence, Swedish capitalises proper nouns only, so a listed
  word there is a name (``Per`` mid-sentence is a name, ``Per månad`` at the start is not).
- Possessive: ``Mickes`` is the name ``Micke`` plus the genitive ``s``; only the name is replaced,
  so ``Mickes samordning`` becomes ``[namn]s samordning`` (the ``s`` says nothing about who it is
  and keeps the sentence readable).
- Hyphenated: ``Anna-Karin`` (or any hyphenated word with a capitalised part that is a name) is
  replaced as a whole by a single ``[namn]``, so no part of a double name survives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

PLACEHOLDER = "[namn]"

# A first name from the list at the start of a sentence is taken for an ordinary word when its
# Swedish Zipf frequency is at least this (Inget 5.9, Per 5.5, Hans 5.8; Anna 4.96, Micke 3.9).
SENTENCE_START_ZIPF = 5.0

# A word: letters (with any combining accents), optionally joined by hyphens ("Anna-Karin").
# The placeholder is matched as one unit first, so its inner word is never judged.
_LETTER = r"[^\W\d_][\u0300-\u036f]*"
_WORD = rf"(?:{_LETTER})+(?:-(?:{_LETTER})+)*"
_TOKEN = re.compile(rf"{re.escape(PLACEHOLDER)}|{_WORD}")

# Before a word: these end a sentence ...
_SENTENCE_END = frozenset(".!?:…")
# ... and these open one when they stand after a space or a line start (a quote mark, a dash
# between spaces, a bullet, an opening bracket, a Markdown heading, quote or table cell).
_OPENERS = frozenset("\"'“”„«»‘’‹›-‐‑–—−•*·▪‣([#>|")


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def letter_count(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


def _all_caps(word: str) -> bool:
    """SFI, IFO, ALLA, A-C: at least two letters and none of them lower case."""
    return letter_count(word) >= 2 and word.upper() == word


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence: text or line start, after . ! ? : …, or after a
    quote mark / dash / bullet / bracket / Markdown # > | that itself follows a space or a sentence
    end (a closing quote glued to the previous word does not open one)."""
    i = start
    opened = False
    while i > 0:
        c = text[i - 1]
        if c in "\n\r\u2028\u2029\x0b\x0c":
            return True
        if c.isspace():
            i -= 1
            continue
        if c in _OPENERS:
            before = text[i - 2] if i >= 2 else ""
            if before == "" or before.isspace() or before in _OPENERS or before in _SENTENCE_END:
                opened = True
                i -= 1
                continue
            return False  # a closing quote or a hyphen glued to the previous word
        return c in _SENTENCE_END or opened
    return True


def _frequent(word: str) -> bool:
    return zipf_frequency(word.lower(), "sv") >= SENTENCE_START_ZIPF


@dataclass(frozen=True)
class NameDetector:
    """Finds personal names in Swedish free text (rules in the module docstring).

    `allow`, `deny` and `ordinary` are compared case-insensitively; `ordinary` holds the corpus'
    lower-case words (see :meth:`build`).
    """

    first_names: frozenset[str]
    allow: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()
    _first: frozenset[str] = field(init=False, repr=False, compare=False)
    _allow: frozenset[str] = field(init=False, repr=False, compare=False)
    _deny: frozenset[str] = field(init=False, repr=False, compare=False)
    _ordinary: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for public in ("first_names", "allow", "deny", "ordinary"):
            words = getattr(self, public)
            if isinstance(words, str):
                raise TypeError(f"{public} ska vara en mängd ord, inte en sträng")
            words = frozenset(words)
            object.__setattr__(self, public, words)
            object.__setattr__(self, f"_{public.split('_')[0]}", frozenset(_fold(w) for w in words))

    @classmethod
    def build(
        cls, first_names: Iterable[str], allow: Iterable[str] = (), deny: Iterable[str] = (), corpus: Iterable[str] = ()
    ) -> NameDetector:
        """A detector whose ordinary words are every word written in lower case somewhere in
        `corpus` (e.g. all free-text answers): 'inget' seen in lower case makes a sentence-initial
        'Inget' an ordinary word, not the name Inget."""
        ordinary: set[str] = set()
        for text in corpus:
            for match in _TOKEN.finditer(text):
                word = match.group()
                if word == PLACEHOLDER:
                    continue
                for part in {word, *word.split("-")}:
                    if part and part == part.lower() and part != part.upper():
                        ordinary.add(_fold(part))
        return cls(frozenset(first_names), frozenset(allow), frozenset(deny), frozenset(ordinary))

    def _word_name_length(self, word: str, at_start: bool) -> int:
        """Length of the name at the start of `word` (the word itself, or without a possessive s),
        0 if it is not a name."""
        stems = [word]
        if len(word) > 2 and word.endswith("s"):
            stems.append(word[:-1])
        for stem in stems:
            if letter_count(stem) >= 2 and _fold(stem) in self._deny:
                return len(stem)
        if not word[:1].isupper() or _all_caps(word):
            return 0
        for stem in stems:
            folded = _fold(stem)
            if folded in self._allow:
                return 0
            if folded in self._first:
                if at_start and any(_fold(w) in self._ordinary or _frequent(w) for w in {word, stem}):
                    return 0
                return len(stem)
        return 0

    def _name_length(self, token: str, at_start: bool) -> int:
        length = self._word_name_length(token, at_start)
        if length or "-" not in token:
            return length
        parts = token.split("-")
        if any(self._word_name_length(part, at_start and i == 0) for i, part in enumerate(parts)):
            return len(token)
        return 0

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every personal name in `text`, in order. For a possessive
        ('Mickes') the span is the name without its s."""
        found = []
        for match in _TOKEN.finditer(text):
            token = match.group()
            if token == PLACEHOLDER:
                continue
            start = match.start()
            if not self._deny and not any(part[:1].isupper() for part in token.split("-")):
                continue  # cheap exit: without a deny list only capitalised words can be names
            length = self._name_length(token, _at_sentence_start(text, start))
            if length:
                found.append((start, start + length, token[:length]))
        return found

    def redact(self, text: str) -> str:
        """`text` with every found name replaced by :data:`PLACEHOLDER` ('Mickes' -> '[namn]s',
        'Anna-Karin' -> '[namn]'). Idempotent; without a deny list, text with no capitalised word is
        returned unchanged."""
        pieces, last = [], 0
        for start, end, _ in self.find(text):
            pieces += [text[last:start], PLACEHOLDER]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)
