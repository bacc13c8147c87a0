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

from .identifiers import NAME, PLACEHOLDERS, Suspect
from .lexicon import Lexicon
from .names import NameList, fold
from .roles import is_indefinite_role, is_role_word
from .words import (
    ACRONYMS,
    AUXILIARY_VERBS,
    CALENDAR,
    COLLOQUIAL_WORDS,
    GREETINGS,
    NAME_FIRST,
    NOT_NAMES,
    PERSON_BEFORE,
    PREPOSITIONS,
    PRONOUNS,
    TIME_BEFORE,
    WEAK_BEFORE,
    WORD_AFTER_PREVIOUS,
    WORD_BEFORE,
    WORD_BEFORE_NEXT,
    capital_word,
    is_person_verb,
    is_verb_or_function_word,
)

PLACEHOLDER = PLACEHOLDERS["namn"]

# The judgements: a name (redacted), the analyst's to decide (review), or not a name.
IS_NAME, REVIEW, NOT_NAME = "name", "review", "not"

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
# In the study's generated text, a lower-case word this common in English (wordfreq's Zipf scale:
# "file" 5.0, "line" 5.2) is English, not a name.
ENGLISH_ZIPF = 4.0

# A word: letters (with any combining accents), optionally joined by hyphens ("Anna-Karin"),
# optionally with a genitive written 's or :s. Placeholders are matched as one unit first.
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"  # a letter or a combining accent after one
# Letters and accents as runs, not one alternation per letter: the same words, found twice as fast.
_LETTERS = r"[^\W\d_]+(?:[\u0300-\u036f]+[^\W\d_]*)*"
_WORD = rf"{_LETTERS}(?:-{_LETTER}+)*(?:['’:]s\b)?"
_PLACEHOLDER_TOKEN = r"\[(?:" + "|".join(re.escape(kind) for kind in PLACEHOLDERS) + r")\]"
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


def _camel_case(word: str) -> bool:
    """SharePoint, OneDrive, iPhone: a product's spelling, not a name's."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


# Initials in a person's place: dotted ("A.K.", "M. S."), hyphenated ("K-G"), or two or three capitals ("LB").
_DOTTED_INITIALS = re.compile(r"(?<![\w.])[A-ZÅÄÖ]\.[\s-]?(?:[A-ZÅÄÖ]\.[\s-]?)*[A-ZÅÄÖ](?:\.|(?![\w]))(?::s)?")
_HYPHEN_INITIALS = re.compile(r"(?<![\w-])[A-ZÅÄÖ]-[A-ZÅÄÖ](?::s|s)?(?![\w-])")
_CAPITAL_INITIALS = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,3}(?::s)?(?![\w-])")
_SINGLE_INITIAL = re.compile(r"(?<![\w.])[A-ZÅÄÖ]\.?\s+$")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LIST_GAP = re.compile(r"\s*(?:,|&|och|eller)\s*")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")
_AND_PERSON = re.compile(r"\s+(?:och|eller)\s+(jag|vi|hon|han|[A-ZÅÄÖ])")
_INITIALS_HINT = re.compile(r"[A-ZÅÄÖ][.\-]{0,2}\s?[A-ZÅÄÖ]")  # any text with initials has this
_GAP_WORD = re.compile(r"[ \t\u00a0]+")
_NUMBER_AFTER = re.compile(r"[ \t\u00a0]+(\d+)")  # only spaces between two words: they read as one phrase


@dataclass(frozen=True)
class NameDetector:
    """Finds personal names in Swedish free text (rules in the module docstring).

    `names` is the name list (:class:`NameList`); `allow` and `deny` are compared case-insensitively;
    `lexicon` is needed for :meth:`candidates` only. `generated`: the text is the study's own output
    (reports, tables, notebooks), where code is quoted: parts of snake_case identifiers and common
    English words in lower case ("file", "line", :data:`ENGLISH_ZIPF`) are not names, and nothing is
    sent to review; respondents' free text is judged without these exceptions.
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
    _seen: dict = field(init=False, repr=False, compare=False)
    _seen_review: dict = field(init=False, repr=False, compare=False)
    _plain: set = field(init=False, repr=False, compare=False)
    _plain_review: set = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for public in ("allow", "deny"):
            words = getattr(self, public)
            if isinstance(words, str):
                raise TypeError(f"{public} ska vara en mängd ord, inte en sträng")
            words = frozenset(words)
            object.__setattr__(self, public, words)
            object.__setattr__(self, f"_{public}", frozenset(fold(w) for w in words))
        # A word's verdict depends only on the word, its position and the words beside it: answers repeat
        # their words, so each is judged once (the detectors over 10 000 respondents in about a second).
        object.__setattr__(self, "_judged", lru_cache(maxsize=1 << 17)(self._verdict))
        object.__setattr__(self, "_unknown_word", lru_cache(maxsize=1 << 17)(self._unknown))
        object.__setattr__(self, "_may_be_name", lru_cache(maxsize=1 << 17)(self._could_be_name))
        object.__setattr__(self, "_seen", {})
        object.__setattr__(self, "_seen_review", {})
        object.__setattr__(self, "_plain", set())
        object.__setattr__(self, "_plain_review", set())

    # --- one word -------------------------------------------------------------------------------

    def _listed(self, stem: str) -> bool:
        return stem in self.names and fold(stem) not in FUNCTION_WORDS

    def allowed(self, word: str) -> bool:
        """In params' allow list or the shipped one (places, bodies, products), for any of its stems."""
        return any(fold(stem) in self._allow for stem in _stems(word))

    def _word_verdict(self, word: str, at_start: bool, prev: str, following: str, after: str) -> tuple[int, str]:
        """(length of the name at the start of `word`, verdict): the word itself or without a genitive."""
        if self.generated and (at_start or not _capitalised(word)) and _english(word):
            return 0, NOT_NAME  # "class", "Please trust this notebook": English in the study's own pages
        stems = _stems(word)
        for stem in stems:
            if letter_count(stem) >= 2 and fold(stem) in self._deny:
                return len(stem), IS_NAME
        if self.allowed(word) or fold(word) in COLLOQUIAL_WORDS or fold(word) in NOT_NAMES:
            return 0, NOT_NAME
        for stem in stems:
            length, verdict = self._stem_verdict(stem, at_start, prev, following, after)
            if verdict != NOT_NAME and (stem == word or self._genitive(word, stem, at_start)):
                return length, verdict
        if not self.generated and len(stems) > 1 and (at_start or not _capitalised(word)) and not _all_caps(word):
            # "Pers sätt", "Bos grupp", "Kalles rutiner", "björns rutiner": a name's genitive before what it owns
            stem = stems[-1]
            plain_word = fold(stem) in NOT_NAMES or self.allowed(stem) or fold(stem) in COLLOQUIAL_WORDS
            if not plain_word and self._listed(stem) and self.names.is_common(stem) and _owned(following):
                ordinary = self.names.is_ordinary(word) or self.names.with_s_is_ordinary(stem)
                if fold(stem) in NAME_FIRST or (not ordinary and _capitalised(word)):
                    return len(stem), IS_NAME
                if not ordinary or _capitalised(word):
                    return len(stem), REVIEW  # "Bos grupp", "pers sätt"; "fokus", "chans" are words
        return 0, NOT_NAME

    def _genitive(self, word: str, stem: str, at_start: bool) -> bool:
        """Whether `word` is `stem` plus a genitive: always with 's or :s, and mid-sentence in capitals
        ("Bergs"); in lower case or at a sentence start not if the whole word is an ordinary Swedish word
        ("chans" is not Chan's, "precis" not Preci's: the name list knows which names do that)."""
        if len(word) - len(stem) == 2 or not (at_start or not _capitalised(word)):
            return True
        return not self.names.with_s_is_ordinary(stem)

    def _stem_verdict(self, stem: str, at_start: bool, prev: str, following: str, after: str) -> tuple[int, str]:
        if not self._listed(stem):
            return 0, NOT_NAME
        name = len(stem), IS_NAME
        review = (len(stem), REVIEW) if not self.generated else (0, NOT_NAME)
        no = 0, NOT_NAME
        common, ordinary, folded = self.names.is_common(stem), self.names.is_ordinary(stem), fold(stem)
        if ordinary and folded in PERSON_BEFORE and not _all_caps(stem):
            return no  # "Ring Maria", "Be Anna om hjälp": the words that introduce a name
        if folded in CALENDAR:
            # "i april", "Varje Fredag", "Sedan April": the month; "Maj sa", "tack Maj": the person;
            # "Maj har varit …", "med Maj": the analyst's to judge, for a month that is a common name
            if self.generated or prev in TIME_BEFORE:
                return no
            if prev in PERSON_BEFORE or (at_start and is_person_verb(following)):
                return name
            weak = prev in WEAK_BEFORE and prev not in ("och", "eller", "till", "från", "för")
            unsure = common and (weak or (at_start and fold(following) in AUXILIARY_VERBS))
            return review if unsure else no
        if _all_caps(stem):
            # "ANNA", "LISA", "EK": a common name in capitals is a name ("SFI" and "ALLA" are no common
            # names); "Vi SA det": a verb in capitals is judged as in lower case. A study's own acronym
            # that is a name ("ASK") goes on its allow list.
            if not common:
                return no
            if self.generated or not ordinary or not (is_person_verb(stem) or folded in AUXILIARY_VERBS):
                return name
            return self._lower_word(folded, prev, following, name, review)
        if not _capitalised(stem):
            if self.generated:
                # "anna", "lindqvist": a common name that is no ordinary word; "per", "file": not a name
                return name if common and not ordinary and not _english(stem) else no
            if not common:
                return no
            if not ordinary:
                return name
            if folded in NAME_FIRST:
                # "björn", "lisa": the name, unless an article or a fixed phrase makes it the word
                return no if prev in WORD_BEFORE or _phrase(folded, prev, following) else name
            return self._lower_word(folded, prev, following, name, review)
        if not at_start or not ordinary:
            return name
        # A capitalised name that is also a word, opening a sentence.
        verb = fold(following)
        if self.generated:
            return name if verb in _OLD_PERSON_VERBS or (common and verb in AUXILIARY_VERBS) else no
        if _phrase(folded, prev, following):
            return no  # "Per månad", "Bo kvar", "Just nu"
        if is_person_verb(following) or (common and verb in AUXILIARY_VERBS):
            return name  # "Per tog", "Lisa behöver", "Linda har varit"
        if not common:
            # "Kan", "Hade", "Bygg": listed somewhere, but no name used in Sweden; a rarer first name
            # before a preposition ("Lo på ekonomi") is the analyst's to judge
            return review if verb in PREPOSITIONS and fold(stem) in self.names.first else no
        if folded in NAME_FIRST:
            return name  # "Björn och jag"
        if verb in ("och", "&"):
            if fold(after) in ("hennes", "deras", "sina", "dess"):
                return no  # "Hans och hennes ansvar"
            return name if fold(after) in PRONOUNS or (after[:1].isupper() and after in self.names) else review
        if not following or following[:1].isdigit():
            return review if not following else no  # "Bo." / "Max 10 personer"
        if _plain_word(following):
            return no  # "Hans chef", "Inga problem", "Klara besked", "Lika viktigt"
        return review  # "Bo i Svedala", "Per på Jobbtorg", "Per Lindqvist"

    @staticmethod
    def _lower_word(folded: str, prev: str, following: str, name, review):
        """A common name that is an ordinary word too, in lower case ("per", "hans", "bo") or capitals."""
        no = 0, NOT_NAME
        if _phrase(folded, prev, following) or prev in WORD_BEFORE:
            return no  # "per månad", "att bo", "ett liv"
        if _plain_word(following):
            return no  # "hans chef", "inga problem", "sa att"
        if prev in PERSON_BEFORE:
            return name  # "tack per!", "fråga hans om det"
        if is_person_verb(following) or fold(following) in AUXILIARY_VERBS:
            return name  # "och per tog", "per har"
        if prev in WEAK_BEFORE:
            return review  # "med per om det", "och bo."
        return no

    def _verdict(self, token: str, at_start: bool, prev: str, following: str, after: str) -> tuple[int, str]:
        length, verdict = self._word_verdict(token, at_start, prev, following, after)
        if verdict != NOT_NAME or "-" not in token:
            return length, verdict
        parts = token.split("-")
        verdicts = [
            self._word_verdict(
                part, at_start and i == 0, prev if i == 0 else "", following if i == len(parts) - 1 else "", ""
            )[1]
            for i, part in enumerate(parts)
        ]
        if any(self.allowed(part) for part in parts) and IS_NAME not in verdicts:
            return 0, NOT_NAME  # "KIA-portalen", "Teams-mötet"
        if IS_NAME in verdicts:
            return len(token), IS_NAME
        if REVIEW in verdicts:
            return len(token), REVIEW
        return 0, NOT_NAME

    def _needs_judging(self, text: str, review: bool) -> bool:
        """Whether any word of `text` is :meth:`_interesting`. A word never holds a space, so the text's
        space-separated pieces are looked at; a piece found plain is remembered, and most of an answer's
        pieces are ("och", "att", "samverkan,"): one set difference leaves the few new ones."""
        plain = self._plain_review if review else self._plain
        seen = self._seen_review if review else self._seen
        for piece in set(text.split()).difference(plain):
            if any(seen[word] if word in seen else self._interesting(word, review) for word in _TOKEN.findall(piece)):
                return True
            if len(plain) < 1 << 18:
                plain.add(piece)
        return False

    def _interesting(self, word: str, review: bool) -> bool:
        """Whether a word needs judging at all: a placeholder, a word that may be a name, or (for review) a
        capitalised word the lexicon may not know. Remembered per word in a plain dict (the hot path)."""
        seen = self._seen_review if review else self._seen
        known = (
            word in _PLACEHOLDER_SET
            or self._may_be_name(word)
            or (
                review
                and not self.generated
                and word[:1].isupper()
                and any(self._unknown_word(p) for p in word.split("-"))
            )
        )
        if len(seen) < 1 << 18:
            seen[word] = known
        return known

    def _could_be_name(self, token: str) -> bool:
        """Whether any part of the token, or its stem, is denied or listed in a way the rules may call a
        name (the rest of the rules decide whether it is one here): in lower case or capitals only a name
        common in Sweden can be one."""
        parts = {token, *token.split("-")}
        if any(fold(stem) in self._deny for part in parts for stem in _stems(part)):
            return True
        folded = fold(token)
        if folded in FUNCTION_WORDS or folded in NOT_NAMES or folded in COLLOQUIAL_WORDS or self.allowed(token):
            return False  # "och", "att", "Svedala": never names, and among the most frequent words
        for part in parts:
            for stem in _stems(part):
                if letter_count(stem) < 2 or stem not in self.names:
                    continue
                if _capitalised(stem) or self.names.is_common(stem):
                    return True
        return False

    # --- a text -------------------------------------------------------------------------------

    @staticmethod
    def _context(text: str, matches: list, i: int) -> tuple[str, str, str]:
        """The word before a token, the word after it and the one after that, each only if nothing but
        spaces lies between ("" otherwise); a number right after counts as the word after ("Max 10")."""

        def beside(j: int, a: int, b: int) -> str:
            if 0 <= j < len(matches) and _GAP_WORD.fullmatch(text[a:b]):
                return matches[j].group()
            number = _NUMBER_AFTER.match(text, a) if j > i else None
            return number.group(1) if number else ""

        match = matches[i]
        last = len(matches)
        prev = beside(i - 1, matches[i - 1].end() if i else 0, match.start())
        following = beside(i + 1, match.end(), matches[i + 1].start() if i + 1 < last else 0)
        joined = i + 1 < last and following == matches[i + 1].group()
        after = beside(i + 2, matches[i + 1].end(), matches[i + 2].start() if i + 2 < last else 0) if joined else ""
        return prev, following, after

    def examine(self, text: str, review: bool = False) -> tuple[list[tuple[int, int, str]], list[Suspect]]:
        """One pass over `text`: (start, end, name) of every personal name (:meth:`find`) and, with
        `review`, every word the analyst must judge (:class:`~.identifiers.Suspect` of kind "namn"): a
        capitalised word the lists lack (:meth:`candidates`), a name that is also a word where its
        context cannot tell ("Bo i Svedala"), initials without a person's context."""
        if review and self.lexicon is None:
            raise ValueError("granskningen av okända ord kräver den svenska ordlistan (lexicon)")
        free = not self.generated
        seen = self._seen_review if review else self._seen
        if not self._needs_judging(text, review):
            # no word that may be a name, no placeholder, nothing unknown: only initials could be here
            if free and _INITIALS_HINT.search(text):
                initials, unsure = self._initials(text, [])
                return sorted(initials), sorted(unsure, key=lambda s: s.start) if review else []
            return [], []
        matches = list(_TOKEN.finditer(text))
        verdicts: dict[int, tuple[int, str]] = {}  # only the tokens that are something: a name, for review
        for i, match in enumerate(matches):
            word = match.group()
            if not seen.get(word, True):
                continue  # a word known to need no judging ("och", "samverkan")
            start = match.start()
            if word in _PLACEHOLDER_SET:
                verdict = (len(word), IS_NAME if word == PLACEHOLDER else NOT_NAME)
            elif self.generated and _in_identifier(text, start, match.end()):
                continue  # a code identifier ("params_file") or checksum
            elif self._may_be_name(word):
                prev, following, after = self._context(text, matches, i)
                verdict = self._judged(word, _at_sentence_start(text, start), fold(prev), following, after)
            elif review and free and word[:1].isupper() and any(self._unknown_word(p) for p in word.split("-")):
                verdict = (len(word), "unknown")
            else:
                continue
            if verdict[1] != NOT_NAME:
                verdicts[i] = verdict
        if free and verdicts:
            self._beside_names(text, matches, verdicts)
        names, suspects = [], []
        for i, (length, verdict) in sorted(verdicts.items()):
            start, word = matches[i].start(), matches[i].group()
            if verdict == IS_NAME and word not in _PLACEHOLDER_SET:
                names.append((start, start + length, word[:length]))
            elif verdict in (REVIEW, "unknown") and review and free:
                suspects.append(Suspect(start, start + length, word[:length], NAME))
        initials, unsure = self._initials(text, names) if free and _INITIALS_HINT.search(text) else ([], [])
        names = sorted(names + initials)
        if review:
            suspects += [s for s in unsure if not any(s.start < e and b < s.end for b, e, _ in names)]
        return names, sorted(suspects, key=lambda s: s.start)

    def _beside_names(self, text: str, matches: list, verdicts: dict[int, tuple[int, str]]) -> None:
        """A name beside a name is a name: a first name before a surname ("Ebba Lind", "Björn [namn]"),
        a name-word next to one ("Per Lindqvist"), a word that was to be reviewed in a list of names
        ("Anna, Bo och Lisa"). Updates `verdicts` (token index -> verdict) in place."""
        no = (0, NOT_NAME)
        pending = [i for i, (_, verdict) in verdicts.items() if verdict == IS_NAME]
        while pending:
            i = pending.pop()
            for j in (i - 1, i + 1):
                if not 0 <= j < len(matches) or verdicts.get(j, no)[1] == IS_NAME:
                    continue
                a, b = (matches[j], matches[i]) if j < i else (matches[i], matches[j])
                gap = text[a.end() : b.start()]
                token = (matches[j].start(), matches[j].end(), matches[j].group())
                verdict = verdicts.get(j, no)
                joined = _GAP_WORD.fullmatch(gap) is not None and self._may_join(token, verdict)
                listed = verdict[1] in (REVIEW, "unknown") and _LIST_GAP.fullmatch(gap) is not None
                if joined or listed:
                    verdicts[j] = (len(token[2]), IS_NAME)
                    pending.append(j)

    def _may_join(self, token: tuple, verdict: tuple[int, str]) -> bool:
        """Whether a word beside a name is part of it: a listed name or a word to review, not a function
        word, a greeting, a month or an allowed word; in lower case only a common name."""
        word = token[2]
        folded = fold(word)
        if folded in PERSON_BEFORE or folded in FUNCTION_WORDS or is_role_word(word) or is_indefinite_role(word):
            return False  # "Ring Anna", "Rektor Lindqvist": what stands before a name is not the name
        if verdict[1] in (REVIEW, "unknown"):
            return True
        if word in _PLACEHOLDER_SET or folded in FUNCTION_WORDS or folded in CALENDAR or self.allowed(word):
            return False
        if folded in PERSON_BEFORE or folded in WEAK_BEFORE or folded in COLLOQUIAL_WORDS:
            return False
        stem = _stems(word)[-1] if word[-1:] in "sS" and word not in self.names else word
        if not self._listed(stem):
            return False
        if _capitalised(word):
            return True
        return self.names.is_common(stem) and (not self.names.is_ordinary(stem) or fold(stem) in NAME_FIRST)

    def _initials(self, text: str, names) -> tuple[list[tuple[int, int, str]], list[Suspect]]:
        """Initials in a person's place: "A.K." anywhere; "K-G" and "LB" before a verb a person does,
        after a greeting, "fråga" or "med", next to a name or in a list of names; otherwise to review.
        Known acronyms ("AF", "HR", "SFI"), allowed words and the all-capital words of a shouted sentence
        are none."""
        found: list[tuple[int, int, str]] = []
        unsure: list[Suspect] = []

        def taken(start: int, end: int) -> bool:
            return any(start < e and s < end for s, e, _ in [*names, *found])

        for match in _DOTTED_INITIALS.finditer(text):
            value = match.group().rstrip()
            if not taken(match.start(), match.start() + len(value)) and not self.allowed(value.replace(".", "")):
                found.append((match.start(), match.start() + len(value), value))
        for pattern in (_HYPHEN_INITIALS, _CAPITAL_INITIALS):
            for match in pattern.finditer(text):
                value = match.group()
                bare = value.split(":")[0]
                greeted = _greeted(text, match.start())
                if taken(match.start(), match.end()) or _shouted(text, match.start(), match.end()):
                    continue
                if self._acronym(bare) and not (greeted and fold(bare) not in self._allow):
                    continue
                if self._person_place(text, match.start(), match.end(), names):
                    found.append((match.start(), match.end(), value))
                else:
                    unsure.append(Suspect(match.start(), match.end(), value, NAME))
        # A single initial before a name: "A. Lindqvist", "B Ek".
        for start, end, _ in list(names):
            single = _SINGLE_INITIAL.search(text[max(0, start - 4) : start])
            if single:
                begin = max(0, start - 4) + single.start()
                found.append((begin, begin + len(single.group().rstrip()), single.group().rstrip()))
        return found, unsure

    def _acronym(self, word: str) -> bool:
        folded = fold(word.replace("-", ""))
        return (
            folded in ACRONYMS
            or self.allowed(word)
            or fold(word) in self._allow
            or (word in self.names and self.names.is_common(word))  # a common name in capitals is judged as a name
            or ("-" not in word and capital_word(word))  # "TID", "KUL": a word in capitals
        )

    @staticmethod
    def _person_place(text: str, start: int, end: int, names) -> bool:
        before = _LETTER_RUN.findall(text[max(0, start - 30) : start])
        after = _WORD_AFTER.match(text, end)
        prev = fold(before[-1]) if before and re.fullmatch(r"[\s,]*", text[start - 1 : start] or " ") else ""
        if prev in PERSON_BEFORE or prev in ("med", "och", "hos", "till", "från"):
            return True
        if after and (is_person_verb(after.group(1)) or fold(after.group(1)) in AUXILIARY_VERBS):
            return True
        if (
            after
            and fold(after.group(1)) in ("och", "eller")
            and re.match(r"\s+(?:och|eller)\s+(jag|vi|hon|han|[A-ZÅÄÖ])", text[end:])
        ):
            return True
        return any(abs(s - end) <= 6 or abs(start - e) <= 6 for s, e, _ in names)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every personal name in `text`, in order. For a possessive
        ('Mickes') the span is the name without its genitive."""
        return self.examine(text)[0]

    def _unknown(self, part: str) -> bool:
        if letter_count(part) < 2 or not _capitalised(part) or fold(part) in FUNCTION_WORDS or _camel_case(part):
            return False
        stems = _stems(part)
        if any(fold(stem) in self._allow or fold(stem) in self._deny or stem in self.names for stem in stems):
            return False
        return not any(self.lexicon.ordinary(stem) or self.lexicon.known(stem) for stem in stems)

    def candidates(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every word the analyst must judge (see :meth:`examine`): a capitalised
        word that may be a name the lists lack (not listed, not allowed or denied, not an ordinary
        Swedish word and not a proper noun the lexicon knows), a name-word its context cannot judge,
        initials without a person's context. Needs the lexicon."""
        return [(s.start, s.end, s.word) for s in self.examine(text, review=True)[1]]


# The verbs the study's own pages are judged with (a name-word at a sentence start is a name before
# these only), as before the free-text rules grew.
_OLD_PERSON_VERBS = frozenset(
    """
    sa sade säger tycker tyckte tänker tänkte tror trodde menar menade berättade berättar frågade
    frågar svarade svarar ringde ringer mejlade mejlar skrev skriver hjälpte hjälper kom gick
    slutade slutar började jobbar jobbade arbetar arbetade lovade lovar förklarade förklarar visade
    ordnade ordnar fixade fixar hörde träffade träffar stöttade stöttar samordnade samordnar
    """.split()
)


def _plain_word(word: str) -> bool:
    """A lower-case word that is no verb a person does, no preposition and no conjunction: after a
    name-word it makes that the ordinary word ("Hans chef", "Inga problem")."""
    if not word or not word[:1].islower() or not word[:1].isalpha():
        return False
    folded = fold(word)
    return (
        not is_person_verb(word)
        and folded not in AUXILIARY_VERBS
        and folded not in PREPOSITIONS
        and folded
        not in (
            "och",
            "eller",
            "som",
            "men",
        )
    )


def _phrase(folded: str, prev: str, following: str) -> bool:
    """A fixed phrase in which the name-word is the word ("per månad", "bo kvar", "att bo", "i fred")."""
    return fold(following) in WORD_BEFORE_NEXT.get(folded, ()) or prev in WORD_AFTER_PREVIOUS.get(folded, ())


def _shouted(text: str, start: int, end: int) -> bool:
    """An all-capital word among all-capital words ("TACK FÖR HJÄLPEN"): a shout, not initials."""
    before = _LETTER_RUN.findall(text[max(0, start - 20) : start])
    after = _LETTER_RUN.findall(text[end : end + 20])
    neighbours = before[-1:] + after[:1]
    return any(len(w) >= 2 and w.isupper() for w in neighbours) and any(
        len(w) >= 4 and w.isupper() for w in before[-2:] + after[:2]
    )


def _owned(word: str) -> bool:
    """After a genitive: what it owns, a word that is no verb, preposition or conjunction ("Pers sätt",
    "Axels Excel-ark")."""
    return bool(word) and word[:1].isalpha() and not is_verb_or_function_word(word)


def _greeted(text: str, start: int) -> bool:
    """Whether a greeting or a thanks stands just before `start` ("Hej SN", "tack LB")."""
    before = _LETTER_RUN.findall(text[max(0, start - 12) : start])
    return bool(before) and fold(before[-1]) in GREETINGS and text[:start].rstrip()[-1:].isalpha()
