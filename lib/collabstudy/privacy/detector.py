"""Keeping personal names out of free-text answers and out of every output.

The survey was anonymous, so a free-text answer must never identify a respondent or a colleague:
first names and surnames are replaced by the placeholder ``[namn]`` (the source report's own style;
the other identifiers are in :mod:`.identifiers`), and the scan of outputs fails a build if one
reaches a file.

How a word is judged (see :meth:`NameDetector.find`); the name list is :mod:`.names`, "ordinary"
means an ordinary Swedish word by the lexicon (:mod:`.lexicon`), without compounding:

- A word in ``deny`` is always a name, in any case (the analyst's explicit list wins).
- A word in ``allow`` is never a name: municipalities, public bodies, places, method names.
- A Swedish function word (pronouns, determiners, conjunctions: :data:`FUNCTION_WORDS`) is never a
  name, whatever the name list says ("Inget", "Alla", "Man").
- A capitalised listed name that is *not* an ordinary word is a name in any position: "Anna",
  "Lindqvist", "Micke" at a sentence start or mid-sentence.
- A capitalised listed name that is also an ordinary word ("Per", "Hans", "Klara", "Berg") is a name
  mid-sentence (Swedish capitalises only proper nouns there), and at a sentence start only when a
  verb follows that a person would be the subject of ("Per sa att …", not "Per månad").
- In lower case or in capitals a word is a name only if it is a name *common in Sweden* (see
  :mod:`.names`) and no ordinary word: "anna", "ANNA", "lindqvist" are names; "per", "KLARA" and
  the English "file" (a rare name somewhere) are not.
- Possessive: ``Mickes``, ``Lindqvists``, ``Anna's``, ``Mohammed:s`` are the name plus a genitive; only
  the name is replaced (``[namn]s samordning``: the ``s`` says nothing about who it is).
- Hyphenated: ``Anna-Karin`` (or any hyphenated word with a part that is a name) is replaced as a
  whole by a single ``[namn]``, so no part of a double name survives.
- Review: a capitalised word that is none of the above, neither an ordinary word nor a proper noun
  the lexicon knows, nor allowed, *may* be a name the lists lack ("Zlatan"); :meth:`candidates`
  lists them for the analyst instead of passing them silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from .identifiers import PLACEHOLDERS
from .lexicon import Lexicon
from .names import NameList, fold

PLACEHOLDER = PLACEHOLDERS["namn"]

# Never names, whatever the name lists say: they open sentences all the time and some are listed
# ("Inget", "Alla", "Man", "Till", "Sig" are names somewhere in the world). "Hans" and "Inga" are not
# here: they are common Swedish names, judged like other names that are also words.
FUNCTION_WORDS = frozenset(
    """
    jag du han hon den det vi ni de man mig dig sig oss er dem honom henne hennes dess deras vår
    vårt våra min mitt mina din ditt dina sin sitt sina ingen inget någon något några all allt
    alla annan annat andra många flera fler få varje varannan båda bägge själv själva samma sådan
    sådant sådana vilken vilket vilka vem vad var när hur varför som och eller men utan för att om
    så då nu här där till från med mot på i av ur under över efter före vid hos bland genom mellan
    inte ej ja nej kanske bara även också mycket mer mest lite mindre minst bra dålig väl redan
    än ännu alltid aldrig ibland ofta sedan sen tack hej ok okej
    """.split()
)
# Verbs that follow a person as the subject: "Per sa", "Klara ringde". An ordinary word opening a
# sentence is not followed by these ("Per månad", "Hans chef"); the copula and the auxiliaries are
# left out on purpose: Swedish puts the verb second, so "Bäst var …", "Klart är …" open sentences.
PERSON_VERBS = frozenset(
    """
    sa sade säger tycker tyckte tänker tänkte tror trodde menar menade berättade berättar frågade
    frågar svarade svarar ringde ringer mejlade mejlar skrev skriver hjälpte hjälper kom gick
    slutade slutar började jobbar jobbade arbetar arbetade lovade lovar förklarade förklarar visade
    ordnade ordnar fixade fixar hörde träffade träffar stöttade stöttar samordnade samordnar
    """.split()
)
# The copula and auxiliaries: after a word that is a name common in Sweden and also an ordinary word,
# at a sentence start, they make it the name ("Linda har varit …", "Inga har hjälpt …").
AUXILIARY_VERBS = frozenset(
    "är var har hade blev blir kan kunde ska skulle vill ville måste brukar brukade får fick gör gjorde kommer".split()
)

# In the study's generated text, a lower-case word this common in English (wordfreq's Zipf scale:
# "file" 5.0, "line" 5.2) is English, not a name.
ENGLISH_ZIPF = 4.0

# A word: letters (with any combining accents), optionally joined by hyphens ("Anna-Karin"),
# optionally with a genitive written 's or :s. Placeholders are matched as one unit first.
_LETTER = r"[^\W\d_][\u0300-\u036f]*"
_WORD = rf"(?:{_LETTER})+(?:-(?:{_LETTER})+)*(?:['’:]s\b)?"
_PLACEHOLDER_TOKEN = "|".join(re.escape(p) for p in PLACEHOLDERS.values())
_TOKEN = re.compile(rf"{_PLACEHOLDER_TOKEN}|{_WORD}")
_NEXT_WORD = re.compile(rf"\s*,?\s*({_WORD})")
_PLACEHOLDER_SET = frozenset(PLACEHOLDERS.values())

# Before a word: these end a sentence ...
_SENTENCE_END = frozenset(".!?:…")
# ... and these open one when they stand after a space or a line start (a quote mark, a dash
# between spaces, a bullet, an opening bracket, a Markdown heading, quote or table cell).
_OPENERS = frozenset("\"'“”„«»‘’‹›-‐‑–—−•*·▪‣([#>|")


def letter_count(word: str) -> int:
    return sum(map(str.isalpha, word))


def _all_caps(word: str) -> bool:
    """SFI, IFO, ALLA, A-C: at least two letters and none of them lower case."""
    return letter_count(word) >= 2 and word.upper() == word


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not _all_caps(word)


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


def _english(word: str) -> bool:
    """A common English word, more common in English than in Swedish ("file", "line"; not "anna")."""
    lower = word.lower()
    english = zipf_frequency(lower, "en")
    return english >= ENGLISH_ZIPF and english > zipf_frequency(lower, "sv")


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Part of a snake_case identifier or of a run of letters and digits (a checksum, "2315cb0c")."""

    def glue(c: str) -> bool:
        return c == "_" or c.isdigit()

    return (start > 0 and glue(text[start - 1])) or (end < len(text) and glue(text[end]))


def _stems(word: str) -> list[str]:
    """The word, and the word without a genitive (Anna's, Mohammed:s, Mickes); whether it *is* a
    genitive is :meth:`NameDetector._genitive`'s question."""
    if len(word) > 3 and word[-2] in "'’:" and word[-1] in "sS":
        return [word, word[:-2]]
    if len(word) > 2 and word[-1] in "sS":
        return [word, word[:-1]]
    return [word]


@dataclass(frozen=True)
class NameDetector:
    """Finds personal names in Swedish free text (rules in the module docstring).

    `names` is the name list (:class:`NameList`); `allow` and `deny` are compared case-insensitively;
    `lexicon` is needed for :meth:`candidates` only. `generated`: the text is the study's own output
    (reports, tables, notebooks), where code is quoted: parts of snake_case identifiers and common
    English words in lower case ("file", "line", :data:`ENGLISH_ZIPF`) are not names; respondents'
    free text is judged without these exceptions.
    """

    names: NameList
    allow: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()
    lexicon: Lexicon | None = field(default=None, compare=False)
    generated: bool = False
    _allow: frozenset[str] = field(init=False, repr=False, compare=False)
    _deny: frozenset[str] = field(init=False, repr=False, compare=False)
    _judged: object = field(init=False, repr=False, compare=False)
    _unknown_word: object = field(init=False, repr=False, compare=False)
    _may_be_name: object = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for public in ("allow", "deny"):
            words = getattr(self, public)
            if isinstance(words, str):
                raise TypeError(f"{public} ska vara en mängd ord, inte en sträng")
            words = frozenset(words)
            object.__setattr__(self, public, words)
            object.__setattr__(self, f"_{public}", frozenset(fold(w) for w in words))
        # A word's verdict depends only on the word, its position and the next word: answers repeat
        # their words, so each is judged once (the detectors over 10 000 respondents in about a second).
        object.__setattr__(self, "_judged", lru_cache(maxsize=1 << 17)(self._name_length))
        object.__setattr__(self, "_unknown_word", lru_cache(maxsize=1 << 17)(self._unknown))
        object.__setattr__(self, "_may_be_name", lru_cache(maxsize=1 << 17)(self._could_be_name))

    def _listed(self, stem: str) -> bool:
        return stem in self.names and fold(stem) not in FUNCTION_WORDS

    def _word_name_length(self, word: str, at_start: bool, next_word: str) -> int:
        """Length of the name at the start of `word` (the word itself, or without a genitive), 0 if
        it is not a name."""
        if self.generated and (at_start or not _capitalised(word)) and _english(word):
            return 0  # "class", "Please trust this notebook": English in the study's own pages
        stems = _stems(word)
        for stem in stems:
            if letter_count(stem) >= 2 and fold(stem) in self._deny:
                return len(stem)
        if any(fold(stem) in self._allow for stem in stems):
            return 0
        for stem in stems:
            length = self._stem_name_length(stem, at_start, next_word)
            if length and (stem == word or self._genitive(word, stem, at_start)):
                return length
        return 0

    def _genitive(self, word: str, stem: str, at_start: bool) -> bool:
        """Whether `word` is `stem` plus a genitive: always with 's or :s, and mid-sentence in capitals
        ("Bergs"); in lower case or at a sentence start not if the whole word is an ordinary Swedish word
        ("chans" is not Chan's, "precis" not Preci's: the name list knows which names do that)."""
        if len(word) - len(stem) == 2 or not (at_start or not _capitalised(word)):
            return True
        return not self.names.with_s_is_ordinary(stem)

    def _stem_name_length(self, stem: str, at_start: bool, next_word: str) -> int:
        if not self._listed(stem):
            return 0
        common = self.names.is_common(stem)
        if _all_caps(stem):
            # "ANNA", "LINDA", "EK": a common name in capitals is a name ("SFI" and "ALLA" are no
            # common names); a study's own acronym that is one ("ASK") goes on its allow list.
            return len(stem) if common else 0
        if not _capitalised(stem):
            # "anna", "lindqvist": a common name that is no ordinary word; "per", "file": not a name
            common = common and not self.names.is_ordinary(stem)
            return len(stem) if common and not (self.generated and _english(stem)) else 0
        if not at_start or not self.names.is_ordinary(stem):
            return len(stem)
        verb = fold(next_word)
        return len(stem) if verb in PERSON_VERBS or (common and verb in AUXILIARY_VERBS) else 0

    def _name_length(self, token: str, at_start: bool, next_word: str) -> int:
        length = self._word_name_length(token, at_start, next_word)
        if length or "-" not in token:
            return length
        parts = token.split("-")
        if any(
            self._word_name_length(part, at_start and i == 0, next_word if i == len(parts) - 1 else "")
            for i, part in enumerate(parts)
        ):
            return len(token)
        return 0

    def _could_be_name(self, token: str) -> bool:
        """Whether any part of the token, or its stem, is denied or listed (the rest of the rules only
        decide whether such a word is a name here)."""
        for part in {token, *token.split("-")}:
            for stem in (part, part[:-1], part[:-2]):
                if stem and (fold(stem) in self._deny or stem in self.names):
                    return True
        return False

    def examine(self, text: str, review: bool = False) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """One pass over `text`: (start, end, name) of every personal name (:meth:`find`) and, with
        `review`, (start, end, word) of every candidate for review (:meth:`candidates`)."""
        if review and self.lexicon is None:
            raise ValueError("granskningen av okända ord kräver den svenska ordlistan (lexicon)")
        names: list[tuple[int, int, str]] = []
        candidates: list[tuple[int, int, str]] = []
        for match in _TOKEN.finditer(text):
            token = match.group()
            if token in _PLACEHOLDER_SET:
                continue
            start, end = match.start(), match.end()
            if self.generated and _in_identifier(text, start, end):
                continue  # a code identifier ("params_file") or checksum in the study's own pages
            if self._may_be_name(token):
                following = _NEXT_WORD.match(text, end)
                length = self._judged(token, _at_sentence_start(text, start), following.group(1) if following else "")
                if length:
                    names.append((start, start + length, token[:length]))
            elif review and token[:1].isupper() and any(self._unknown_word(p) for p in token.split("-")):
                candidates.append((start, end, token))
        return names, candidates

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every personal name in `text`, in order. For a possessive
        ('Mickes') the span is the name without its genitive."""
        return self.examine(text)[0]

    def _unknown(self, part: str) -> bool:
        if letter_count(part) < 2 or not _capitalised(part) or fold(part) in FUNCTION_WORDS:
            return False
        stems = _stems(part)
        if any(fold(stem) in self._allow or fold(stem) in self._deny or stem in self.names for stem in stems):
            return False
        return not any(self.lexicon.ordinary(stem) or self.lexicon.known(stem) for stem in stems)

    def candidates(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every capitalised word that may be a name the lists lack: not a
        listed name, not allowed or denied, not an ordinary Swedish word and not a proper noun the
        lexicon knows (a place, an organisation). Needs the lexicon."""
        return self.examine(text, review=True)[1]
