"""The independent final check: what a person wrote must not reach an output unless redacted or decided.

The first pass (:mod:`.redaction`, at the gate and over every output) *judges* each word: the lexicon
says whether it is an ordinary word, the name list whether the name is common, its position, case and
neighbours whether it is a person here. What it misjudges, it publishes. This check judges nothing. It
works the other way round, from the inputs to the outputs:

1. It reads every text a person wrote, itself: each free-text and period answer of the survey export
   (raw, before any redaction), the codebook's labels and definitions, the coders' suggestions of a new
   theme, and every text value of the params file (its deny list's names are names anywhere).
2. In those texts it marks, deliberately too much: every word from the full name lists in capitals, at
   any position (also a sentence start), and in lower case every name common in Sweden that is no
   ordinary word or is a name first (:data:`~.words.NAME_FIRST`); initials; every role in its definite
   or unique form; every digit group shaped like a personnummer (whatever its date or check digit), a
   phone number, a postcode, a Box number or a house number after a capitalised word; every e-mail,
   spelt out or not, and every web address that holds a name.
3. It reads every file the step wrote (HTML with its scripts and attributes, CSV, Markdown, text, JSON,
   notebooks with every output, workbooks) and fails if a marked word appears there *with the words it
   was written beside* (or beside a placeholder, or alone): the respondent's words, not the study's.

It passes only what was redacted (a placeholder stands where the word stood) or explicitly decided: a
word in params ``survey.names.allow``, an occurrence kept in ``survey.names.review``, the study's
municipalities, and the shipped explicit lists both passes read (:mod:`.words`: function words, fixed
phrases such as "per månad", months, products, known acronyms, numbered things; the public bodies and
places of ``privacy/data/``). A leak is reported by its kind, where it was written and which file it
reached, never by its value.
"""

from __future__ import annotations

import base64
import bisect
import html
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..study.characters import INVISIBLE, spaced_letters
from .names import NameList, fold
from .roles import (
    INDEFINITE_BEFORE,
    PLACE_PREPOSITIONS,
    UNIQUE_BEFORE,
    _plural_like,
    is_indefinite_role,
    is_role_word,
    mentions_role,
)
from .words import (
    ACRONYMS,
    AUXILIARY_VERBS,
    CALENDAR,
    COLLOQUIAL_WORDS,
    NAME_FIRST,
    NOT_NAMES,
    NUMBER_FOLLOWERS,
    NUMBERED_WORDS,
    PERSON_BEFORE,
    PREPOSITIONS,
    PRODUCTS,
    WEAK_BEFORE,
    WORD_AFTER_PREVIOUS,
    WORD_BEFORE,
    WORD_BEFORE_NEXT,
    capital_word,
    is_person_verb,
    is_verb_or_function_word,
    joined_name,
)

EDGE = "\n"  # a text's start or end, a line break, a table cell's edge
PLACEHOLDER = "[]"  # any placeholder the first pass wrote: [namn], [telefon], [roll] …

KINDS = {
    "namn": "ett möjligt personnamn",
    "initialer": "möjliga initialer",
    "roll": "en roll som kan peka ut en person",
    "personnummer": "ett möjligt personnummer",
    "telefon": "ett möjligt telefonnummer",
    "adress": "en möjlig adress eller ett postnummer",
    "e-post": "en möjlig e-postadress",
    "webbadress": "en webbadress med ett möjligt namn",
}

_PLACEHOLDERS = r"\[(?:namn|personnummer|telefon|e-post|adress|webbadress|roll)\]"
# A word: a letter, then letters and combining accents (as runs: one alternation per letter is slow).
_TOKEN = re.compile(rf"{_PLACEHOLDERS}|[^\W\d_]+(?:[\u0300-\u036f]+[^\W\d_]*)*|\d+|\n")
# The genitive s the first pass keeps after a placeholder ("[namn]s grupp", "[namn]:s"), lower case only: no word of
# the respondent's (it once matched the "S." of redacted initials "M.S." beside the placeholder); "[namn]S." is read.
_GENITIVE = re.compile(rf"({_PLACEHOLDERS}):?s(?![^\W\d_])")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SENTENCE_END = ".!?:…\n\r"
_OPENERS = " \t\"'“”„«»‘’-–—•*([#>|"

# Digit shapes, whatever the digits' meaning.
_PERSONNUMMER = re.compile(r"(?<!\d)(?:\d{8}|\d{6})[-+ ]?(?:\d{4}|[Xx*]{4})(?!\d)")
_PHONE = re.compile(r"(?<![\d])(?:\+\s?46|0046|\(0\d{1,3}\)|0)[\d\s\-()/]{5,}\d")
_POSTCODE = re.compile(r"(?<![\d,.])(?<!\d\s)[1-9]\d{2}\s\d{2}(?!\d|[,.]\d|\s\d)")
_BOX = re.compile(r"\b[Bb]ox\s+\d{1,5}")
_POSTCODE_TOWN = re.compile(r"(?<![\d,.])[1-9]\d{4}\s+[A-ZÅÄÖ][a-zåäö]+")
_PERSON_WEAK = frozenset("med hos av åt via samt".split())
# Whom a verb that calls a person calls, when not by name: "ring mig", "fråga oss".
_CALLED = frozenset("mig dig oss er henne honom dem hen någon alla växeln".split())
_CAPITALS = re.compile(r"[A-ZÅÄÖ][.\-]{0,2}\s?[A-ZÅÄÖ]")
_DIGIT = re.compile(r"\d")
_ADDRESS_HINT = re.compile(r"@|www|https?:|\.[a-z]{2,4}\b|\b(?:at|punkt|dot|snabel)\b", re.IGNORECASE)
# A number of the inputs is found in an output when this many of its digits (all, if it has fewer) stand
# in a row there, whatever separates them: nine of ten digits of a personnummer are a leak.
NUMBER_DIGITS = 7
_DIGIT_RUN = re.compile(r"\d(?:[\d \t\u00a0+()/-]|-)*\d|\d")
_HOUSE = re.compile(r"\b([A-ZÅÄÖ][\w-]*[^\W\d_])\.?\s+(\d{1,3})(?!\d)(?![,.:]\d)")
_EMAIL = re.compile(
    r"[\w.+%-]+\s*(?:@|[\[({]at?[\])}]|\bat\b|snabel-?\s?a)\s*[\w-]+(?:\s*(?:\.|\bpunkt\b|\bdot\b|[\[({](?:dot|punkt)[\])}])\s*[\w-]+)+",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|eu|io|info|dk|no|fi|de|uk)\b(?:/\S*)?"
    r"|\b[\w-]+(?:\s+(?:punkt|dot)\s+[\w-]+)+(?:\s+(?:snedstreck|slash)\s+[\w-]+)+",
    re.IGNORECASE,
)
_GENERIC_URL_WORDS = frozenset(
    "www http https se nu com org net eu io info dk no fi de uk punkt dot snedstreck slash at snabel gmail hotmail outlook".split()
)


@dataclass(frozen=True)
class Fragment:
    """A marked word of an input, with the words beside it (case-folded; EDGE at a boundary)."""

    kind: str
    token: str
    before: str
    after: str
    source: str  # where it was written: "svar 12, fråga q2", "kodboken, rad 3"
    place: str  # its place in params survey.names.review terms ("12/q2/14-19"), "" outside the export
    initial: str
    length: int
    distinct: bool = False  # a name that is no ordinary word: standing alone in an output it is the person


@dataclass(frozen=True)
class FinalLeak:
    """A marked word of an input found in an output, told without it."""

    where: str
    fragment: Fragment

    def describe(self) -> str:
        f = self.fragment
        what = KINDS[f.kind]
        value = f"{f.initial}…, {f.length} tecken"
        place = f", plats {f.place}" if f.place else ""
        return f"{what} ({value}) ur {f.source}{place} i {self.where}"


@dataclass(frozen=True)
class Source:
    """A text a person wrote: where (said without its content), the text, and its place prefix in
    survey.names.review terms ("12/q2") if it is an answer of the export."""

    where: str
    text: str
    place: str = ""
    personal: bool = False  # a respondent's own name or e-mail (the export's personal columns)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every word, number, placeholder and line break."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(_INVISIBLE.sub("", text))]


def _folded(token: str) -> str:
    if token == "\n":
        return EDGE
    if token.startswith("["):
        return PLACEHOLDER
    return fold(token)


def _sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_END


class FinalCheck:
    """The check's marks for the given inputs (:meth:`add`), and the search of outputs (:meth:`leaks`).

    `names` is the full name list; `passed` the words explicitly passed (params allow, the municipalities,
    the shipped lists); `deny` params' deny list (a name anywhere); `kept` the places params keep
    ("12/q2/14-19": behåll)."""

    def __init__(self, names: NameList, passed: Iterable[str] = (), deny: Iterable[str] = (), kept: Iterable[str] = ()):
        from .detector import FUNCTION_WORDS

        self.names = names
        self.function_words = FUNCTION_WORDS
        self.passed = frozenset(fold(w) for w in passed) | CALENDAR | PRODUCTS | COLLOQUIAL_WORDS | NOT_NAMES
        self.kept: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for place in kept:
            prefix, _, span = place.rpartition("/")
            start, _, end = span.partition("-")
            self.kept[prefix].append((int(start), int(end)))
        self.index: dict[str, list[Fragment]] = defaultdict(list)
        # numbers by how many of their digits must appear in a row, then by their digits
        self.numbers: dict[int, dict[str, list[Fragment]]] = {}
        self._marks: dict[str, list] = {}
        self._folds: dict[str, str] = {}
        for word in deny:
            if word.strip():
                token = fold(word.strip())
                self.index[token].append(
                    Fragment("namn", token, EDGE, EDGE, "params survey.names.deny", "", word[:1], len(word))
                )

    # --- marking the inputs --------------------------------------------------------------------

    def _forms(self, word: str) -> list[str]:
        """The word and its genitive stem, those in the name lists and not passed."""
        forms = [word] + ([word[:-1]] if len(word) > 2 and word[-1] in "sS" else [])
        if fold(word) in self.passed or fold(word) in self.function_words:
            return []
        found = []
        for form in forms:
            folded = fold(form)
            if folded in self.passed or folded in self.function_words:
                continue
            if (
                form != word
                and (word.islower() or word.isupper())
                and folded in self.names.with_s_ordinary
                and folded not in NAME_FIRST
            ):
                continue  # "chans" is the word, not Chan's (the name list's own column says so); "björns" not
            if folded in self.names.first or folded in self.names.surnames:
                found.append(form)
        return found

    def _listed(self, word: str) -> str | None:
        """The word or its genitive stem if it is in the name lists (and not passed), else None."""
        forms = self._forms(word)
        return forms[0] if forms else None

    def _name(self, word: str, at_start: bool, prev: str, following: str, after: str = "") -> bool:
        """Whether a word may be a name, by its case and the name list's columns alone."""
        folded_word = fold(word)
        if folded_word in CALENDAR:
            # a month that is a common name, where a person would stand: "Maj sa", "tack Maj", "med Maj"
            common = self.names.is_common(word)
            person = (at_start and is_person_verb(following)) or prev in PERSON_BEFORE or prev in _PERSON_WEAK
            return common and person
        return any(self._form_name(word, form, at_start, prev, following, after) for form in self._forms(word))

    def _form_name(self, word: str, form: str, at_start: bool, prev: str, following: str, after: str) -> bool:
        folded = fold(form)
        common, ordinary = self.names.is_common(form), self.names.is_ordinary(form)
        phrase = fold(following) in WORD_BEFORE_NEXT.get(folded, ()) or prev in WORD_AFTER_PREVIOUS.get(folded, ())
        if len(word) >= 2 and word.isupper():
            if not common:
                return False
            if not (ordinary and (is_person_verb(form) or folded in AUXILIARY_VERBS)):
                return True
            return _person_context(prev, following, phrase)
        if word.islower():
            if not common:
                return False
            if not ordinary:
                return True
            if folded in NAME_FIRST:
                return prev not in WORD_BEFORE and not phrase
            if folded in PERSON_BEFORE and (following[:1].isdigit() or fold(following) in _CALLED):
                # a word that calls a person, used so ("eller ring 0708 …", "och fråga oss"): a name only after another
                return prev in PERSON_BEFORE
            return _person_context(prev, following, phrase)
        if not at_start or not ordinary:
            return True
        if folded in PERSON_BEFORE or phrase or following[:1].isdigit():
            return False
        if not common:
            return fold(following) in PREPOSITIONS and folded in self.names.first  # "Lo på ekonomi"
        if form != word:
            return True  # "Pers sätt", "Bos grupp": a genitive at a sentence start
        if fold(following) == "och" and fold(after) in ("hennes", "deras", "sina", "dess"):
            return False  # "Hans och hennes ansvar"
        return folded in NAME_FIRST or not _plain(following)

    def _initials(self, text: str) -> list[tuple[int, int]]:
        spans = [m.span() for m in re.finditer(r"(?<![\w.])[A-ZÅÄÖ]\.[\s-]?(?:[A-ZÅÄÖ]\.?[\s-]?)+", text)]
        spans += [m.span() for m in re.finditer(r"(?<![\w-])[A-ZÅÄÖ]-[A-ZÅÄÖ](?![\w-])", text)]
        for m in re.finditer(r"(?<![\w-])[A-ZÅÄÖ]{2,3}(?![\w-])", text):
            word = fold(m.group())
            neighbours = (
                re.findall(r"[^\W\d_]+", text[max(0, m.start() - 20) : m.start()])[-1:]
                + re.findall(r"[^\W\d_]+", text[m.end() : m.end() + 20])[:1]
            )
            wider = (
                re.findall(r"[^\W\d_]+", text[max(0, m.start() - 20) : m.start()])[-2:]
                + re.findall(r"[^\W\d_]+", text[m.end() : m.end() + 20])[:2]
            )
            shouted = any(len(w) >= 2 and w.isupper() for w in neighbours) and any(
                len(w) >= 4 and w.isupper() for w in wider
            )
            greeted = bool(re.search(r"(?i)\b(?:hej|hejsan|hallå|kära|käre|tack)\s+$", text[: m.start()]))
            if (word in ACRONYMS or word in self.passed or word in self.function_words or shouted) and not greeted:
                continue
            if is_person_verb(word) or word in AUXILIARY_VERBS or word in self.names.common or capital_word(word):
                continue  # a verb in capitals; a common name in capitals is marked as a name
            spans.append(m.span())
        return spans

    def _roles(self, tokens: list[tuple[int, int, str]], text: str) -> list[tuple[int, int]]:
        spans = []
        for i, (start, end, token) in enumerate(tokens):
            if not token[:1].isalpha():
                continue
            if fold(token) in self.passed:
                continue  # a role word params allow ("chefen" in a study where it names no one)
            if i and text[tokens[i - 1][1] : start] == "-":
                start = tokens[i - 1][0]  # "SFI-rektorn", "HR-ansvariga": the compound is the role
            word = text[start:end]
            if is_role_word(word):
                spans.append((start, end))
            elif is_indefinite_role(word):
                before = [fold(t) for _, _, t in tokens[max(0, i - 3) : i] if t != "\n"]
                after = [t for _, _, t in tokens[i + 1 : i + 3]]
                placed = (
                    len(after) == 2
                    and fold(after[0]) in PLACE_PREPOSITIONS
                    and after[1][:1].isupper()
                    and not _plural_like(fold(token))
                    and not (before and before[-1] in INDEFINITE_BEFORE)
                )
                if UNIQUE_BEFORE.intersection(before) or placed or before[-2:] == ["jag", "som"]:
                    spans.append((start, end))
        return spans

    def _numbers(self, text: str) -> list[tuple[int, int, str]]:
        marks = []
        for kind, pattern in (
            ("personnummer", _PERSONNUMMER),
            ("telefon", _PHONE),
            ("adress", _POSTCODE),
            ("adress", _BOX),
        ):
            for m in pattern.finditer(text):
                digits = re.sub(r"\D", "", m.group())
                if kind == "telefon" and len(digits) < 7:
                    continue
                marks.append((m.start(), m.end(), kind))
        marks += [(m.start(), m.end(), "adress") for m in _POSTCODE_TOWN.finditer(text)]
        for m in _HOUSE.finditer(text):
            word = m.group(1)
            folded = fold(word)
            if re.search(r"(?i)\b(?:kvarteret|kv\.?)\s+$", text[: m.start()]):
                marks.append((m.start(), m.end(), "adress"))
                continue
            if folded in NUMBERED_WORDS or folded in self.passed or folded in self.function_words or word.isupper():
                continue
            following = re.match(r"\s+([^\W\d_]+)", text[m.end() :])
            at_start = _sentence_start(text, m.start())
            if following and (
                fold(following.group(1)) in NUMBER_FOLLOWERS or (at_start and _plain(following.group(1)))
            ):
                continue  # "Ha 2 rekryterare", "Endast 5 av 40": a count
            if re.match(r"\s*(?:%|‰|kr\b|(?:av|till|och)\s+\d)", text[m.end() :]):
                continue
            marks.append((m.start(), m.end(), "adress"))
        return marks

    def _addresses(self, text: str) -> list[tuple[int, int, str]]:
        marks = [(m.start(), m.end(), "e-post") for m in _EMAIL.finditer(text)]
        for m in _URL.finditer(text):
            for part in re.finditer(r"[^\W\d_]+", m.group()):
                word = part.group()
                if fold(word) in _GENERIC_URL_WORDS or len(word) < 2:
                    continue
                if fold(word) in self.passed:
                    continue
                joined = len(word) >= 6 and any(
                    joined_name(self.names, word[:cut], word[cut:]) for cut in range(3, len(word) - 2)
                )
                if self._listed(word) is not None or joined:
                    marks.append((m.start() + part.start(), m.start() + part.end(), "webbadress"))
        return marks

    def add(self, source: Source) -> None:
        """Mark every word of `source` that may identify someone (see the module docstring)."""
        text = _INVISIBLE.sub("", source.text)
        if source.personal:
            tokens = _tokens(text)
            if tokens:
                self._add_personal(source, text, tokens)
            return
        kept = self.kept.get(source.place, []) if source.place else []
        # an answer's text comes as the export is read, without invisible characters: its places are the first
        # pass's and params'
        for start, end, kind, anchors in self._marked(text):
            if kept and any(a <= start and end <= b for a, b in kept):
                continue  # the analyst kept this occurrence in params
            place = f"{source.place}/{start}-{end}" if source.place else ""
            initial, length = text[start : start + 1], end - start
            for token, before, after, named in anchors:
                fragment = Fragment(kind, token, before, after, source.where, place, initial, length, named)
                if before is None:  # a number: found by its digits
                    fragment = Fragment(kind, token, EDGE, EDGE, source.where, place, initial, length)
                    self.numbers.setdefault(min(len(token), NUMBER_DIGITS), {}).setdefault(token, []).append(fragment)
                else:
                    self.index[token].append(fragment)

    def _marked(self, text: str) -> list[tuple[int, int, str, list]]:
        """The marks of a text and their anchors (token, before, after, a distinct name?); before is None for
        a number found by its digits. Remembered per text: answers repeat."""
        cached = self._marks.get(text)
        if cached is not None:
            return cached
        tokens = _tokens(text)
        marks: list[tuple[int, int, str]] = []
        for i, (start, end, token) in enumerate(tokens):
            if not token[:1].isalpha() or self._fold(token) in self.function_words:
                continue
            prev = self._fold(tokens[i - 1][2]) if i and text[tokens[i - 1][1] : start].strip() == "" else ""
            following = tokens[i + 1][2] if i + 1 < len(tokens) and text[end : tokens[i + 1][0]].strip() == "" else ""
            after = tokens[i + 2][2] if following and i + 2 < len(tokens) else ""
            if self._name(token, _sentence_start(text, start), prev, following, after):
                marks.append((start, end, "namn"))
        # a name written apart ("A n n a"): its letters, each beside the next, are its anchors
        apart = [
            (s, e) for s, e, words in spaced_letters(text) if any(self._name(w, False, "", "") for w in words.split())
        ]
        marks += [(s, e, "namn") for s, e in apart]
        if _CAPITALS.search(text):
            marks += [(s, e, "initialer") for s, e in self._initials(text)]
        if mentions_role(text):
            marks += [(s, e, "roll") for s, e in self._roles(tokens, text)]
        if _DIGIT.search(text):
            marks += self._numbers(text)
        if _ADDRESS_HINT.search(text):
            marks += self._addresses(text)
        starts = [t[0] for t in tokens]
        result = []
        for start, end, kind in marks:
            digits = re.sub(r"\D", "", text[start:end])
            inside = range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))
            words = [tokens[i][2] for i in inside if tokens[i][1] <= end and tokens[i][2][:1].isalpha()]
            if kind in ("personnummer", "telefon") or (kind == "adress" and digits and not words):
                # a number is its digits, however written or cut: "850312-1232", "8503121232", "850312-12…"
                result.append((start, end, kind, [(digits, None, None, False)]))
                continue
            anchors = []
            for i in inside:
                s, e, token = tokens[i]
                if e > end or token == "\n" or token.startswith("["):
                    continue
                folded = self._fold(token)
                if kind == "adress" and token.isdigit() and words:
                    continue  # "Skogsbrynet 12": the place word, beside its number, is the anchor
                if kind == "e-post" and (folded in _GENERIC_URL_WORDS or len(token) < 3):
                    continue  # "se", "punkt", "at": the address's own words say nothing
                before = _folded(tokens[i - 1][2]) if i else EDGE
                after = _folded(tokens[i + 1][2]) if i + 1 < len(tokens) else EDGE
                named = kind == "namn" and token[:1].isalpha() and folded not in self.names.ordinary
                named = named and (start, end) not in apart  # a letter alone in a cell is no name
                anchors.append((folded, before, after, named))
            result.append((start, end, kind, anchors))
        if len(self._marks) < 1 << 16:
            self._marks[text] = result
        return result

    def _fold(self, word: str) -> str:
        folded = self._folds.get(word)
        if folded is None:
            folded = self._folds[word] = fold(word)
        return folded

    def _add_personal(self, source: Source, text: str, tokens: list[tuple[int, int, str]]) -> None:
        """A respondent's name or e-mail as the export's personal column holds it: each part found beside
        the part written next to it ("Karin Testsson", "karin.testsson@…"); a part alone only if it is no
        ordinary word ("Per" alone says nothing; "Testsson" alone is the person)."""
        if fold(text.strip()) in ("anonymous", "anonym", "", "nan", "none"):
            return
        at = text.find("@")
        words = [(s, e, t) for s, e, t in tokens if t[:1].isalpha() and (at < 0 or e <= at)]  # not the domain
        for i, (start, end, token) in enumerate(words):
            folded = fold(token)
            if (
                len(folded) < 2
                or folded in self.function_words
                or folded in _GENERIC_URL_WORDS
                or folded in self.passed
            ):
                continue
            if folded in self.names.ordinary or self.names.is_ordinary(token):
                # "Per", "Berg": only beside the part written next to it
                before = fold(words[i - 1][2]) if i else EDGE
                after = fold(words[i + 1][2]) if i + 1 < len(words) else EDGE
                if before == EDGE and after == EDGE:
                    continue
            else:
                before = after = EDGE  # "Testsson", "Karin": the person wherever it stands
            self.index[folded].append(Fragment("namn", folded, before, after, source.where, "", token[:1], end - start))

    # --- searching the outputs -----------------------------------------------------------------

    def leaks(self, items: Iterable[tuple[str, str]]) -> list[FinalLeak]:
        """Every marked word found in the outputs' texts ((where, text) pairs), once per file and word."""
        found: dict[tuple[str, str, str, str], FinalLeak] = {}
        index = self.index
        keys = index.keys()
        windows = {length: self._windows(length, numbers) for length, numbers in self.numbers.items()}
        for where, text in items:
            file = where.split(", ", 1)[0]
            if windows:
                for run in _DIGIT_RUN.findall(text):
                    run = re.sub(r"\D", "", run)
                    for length, known in windows.items():
                        for at in range(len(run) - length + 1):
                            for fragment in known.get(run[at : at + length], ()):
                                key = (file, fragment.kind, fragment.source, fragment.place)
                                found.setdefault(key, FinalLeak(where, fragment))
            # one case-folding of the whole text; a placeholder stays "[namn]", a line break "\n"
            text = _GENITIVE.sub(r"\1", text) if "]" in text else text
            tokens = _TOKEN.findall(unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).casefold())
            if keys.isdisjoint(tokens):
                continue
            last = len(tokens) - 1
            for i, token in enumerate(tokens):
                fragments = index.get(token)
                if not fragments:
                    continue
                before = tokens[i - 1] if i else EDGE
                after = tokens[i + 1] if i < last else EDGE
                for fragment in fragments:
                    key = (file, fragment.kind, fragment.source, fragment.place or fragment.token)
                    if key not in found and _matches(fragment, before, after):
                        found[key] = FinalLeak(where, fragment)
        return list(found.values())

    @staticmethod
    def _windows(length: int, numbers: dict[str, list[Fragment]]) -> dict[str, list[Fragment]]:
        """Every `length` digits in a row of the marked numbers -> the numbers they come from."""
        windows: dict[str, list[Fragment]] = defaultdict(list)
        for digits, fragments in numbers.items():
            for at in range(len(digits) - length + 1):
                windows[digits[at : at + length]].extend(fragments)
        return windows


def _plain(word: str) -> bool:
    """A lower-case word that is no verb a person does, no preposition and no conjunction."""
    return bool(word) and word[:1].islower() and not is_verb_or_function_word(word)


def _person_context(prev: str, following: str, phrase: bool) -> bool:
    """A lower-case name-word where a person would stand: after a greeting or "med", before a verb a
    person does (not in a fixed phrase, not before what it owns: "hans chef", "per månad")."""
    if phrase or prev in WORD_BEFORE or _plain(following):
        return False
    folded = fold(following)
    return prev in PERSON_BEFORE or prev in WEAK_BEFORE or is_person_verb(following) or folded in AUXILIARY_VERBS


def _matches(fragment: Fragment, before: str, after: str) -> bool:
    """Whether an output's occurrence of a marked word is the input's: its neighbours are the input's (a
    placeholder or a boundary may stand for one), at least one of them really is, unless the word stood
    alone; a long number is distinctive alone."""

    def fits(mine: str, theirs: str) -> bool:
        return mine == EDGE or theirs == EDGE or theirs[:1] == "[" or mine == theirs

    def anchored(mine: str, theirs: str) -> bool:
        return mine != EDGE and (mine == theirs or theirs[:1] == "[")

    if not (fits(fragment.before, before) and fits(fragment.after, after)):
        return False
    alone = fragment.before == EDGE and fragment.after == EDGE
    isolated = fragment.distinct and before == EDGE and after == EDGE  # "… Lindqvist", a cell of its own
    return alone or isolated or anchored(fragment.before, before) or anchored(fragment.after, after)


# --- reading the outputs, all of them -------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^>]*)>|<!--.*?-->", re.DOTALL)
_ATTRIBUTE = re.compile(r"""[\w:-]+\s*=\s*("[^"]*"|'[^']*')""")
# A data URI: its parameters without spaces; its base64 in one run, or wrapped in lines of 60 characters or more
# (as MIME wraps it) with a last line of any length where the URI ends (a quote, a bracket, a tag, the text's
# end): a reader's words after it ("…= Tack till Maria") are never taken for base64.
_DATA_URI = re.compile(
    r"data:([\w/+.-]+)((?:;[\w-]+=[^;,\s\"'<>]*)*);base64,"
    r"((?:[A-Za-z0-9+/]{60,}\r?\n)+[A-Za-z0-9+/]*={0,2}(?=[\"')<]|\s*$)|[A-Za-z0-9+/]+={0,2})"
)
# JavaScript's and JSON's \\u escapes, also escaped again and again (a JSON string inside a script:
# "Bj\\\\u00f6rn"); after three backslashes (or five, six …) one is written out: a boundary before the character
# ("Lindqvist\\\\\\u0073om" is "Lindqvist\\som", not "Lindqvistsom").
_ESCAPE = re.compile(r"(\\+)u([0-9a-fA-F]{4})")


def _unescaped(match: re.Match) -> str:
    char = chr(int(match.group(2), 16))
    count = len(match.group(1))
    # 1, 2, 4, 8 …: an escape escaped again each time; any other run holds a backslash written out, a boundary
    return char if count & (count - 1) == 0 else "\\" + char


_TEXT_MIMES = ("text/", "image/svg+xml", "application/json", "application/xml", "application/xhtml+xml")


def _data_uri(match: re.Match) -> str:
    """A data URI as a reader can open it: a text's (a CSV to download, an SVG) decoded, a picture's nothing.
    A text that does not decode is kept as written."""
    if not match.group(1).lower().startswith(_TEXT_MIMES):
        return " "
    data = "".join(match.group(3).split()).rstrip("=")
    data = data[: len(data) - 1] if len(data) % 4 == 1 else data  # a character too many is no byte
    try:
        decoded = base64.b64decode(data + "=" * (-len(data) % 4))
    except ValueError:
        return match.group(0)
    return "\n" + decoded.decode("utf-8", errors="replace") + "\n"


def without_data_uris(text: str) -> str:
    return _DATA_URI.sub(_data_uri, text) if "base64," in text else text


def html_text(markup: str) -> str:
    """An HTML page's text with its scripts, styles and attribute values (data URIs of pictures dropped,
    of texts decoded), each tag a boundary, entities and JavaScript's \\u escapes decoded."""
    markup = without_data_uris(markup)

    def tag(match: re.Match) -> str:
        attributes = match.group(3)
        if not attributes or "=" not in attributes:  # most tags (<td>, </tr>): no value to look for
            return "\n\n"
        values = [v[1:-1] for v in _ATTRIBUTE.findall(attributes)]
        return "\n" + "\n".join(values) + "\n"

    text = _TAG.sub(tag, markup)
    text = _ESCAPE.sub(_unescaped, text).replace("\\n", "\n")
    return html.unescape(text)


_BASE64 = re.compile(r"[A-Za-z0-9+/=\n]{64,}")


def _picture(mime: str, value: object) -> bool:
    """A notebook output's or attachment's picture: base64 pixels under a picture's type, no text a reader
    could read (anything else under such a key is read)."""
    if not ((mime.startswith("image/") and not mime.startswith("image/svg")) or mime == "application/pdf"):
        return False
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "".join(value)
    return isinstance(value, str) and _BASE64.fullmatch(value) is not None


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            if not _picture(str(key), item):
                yield from _strings(item)
    elif isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            yield "".join(value)
        else:
            for item in value:
                yield from _strings(item)


def output_items(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """(where, text) of everything readable in the given files or folders, read more widely than the first
    pass reads them: an HTML page's scripts and attributes too, every string of a JSON file or notebook (an
    HTML output as its text), every text cell of a workbook, CSV, Markdown and text whole."""
    files: list[Path] = []
    for entry in paths:
        path = Path(entry)
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in files:
        suffix, where = path.suffix.lower(), str(path)
        try:
            if suffix in (".html", ".htm", ".svg"):
                yield where, html_text(path.read_text(encoding="utf-8", errors="replace"))
            elif suffix in (".csv", ".md", ".txt", ".tsv"):
                yield where, without_data_uris(path.read_text(encoding="utf-8-sig", errors="replace"))
            elif suffix in (".json", ".ipynb"):
                data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
                for text in _strings(data):
                    yield where, html_text(text) if "<" in text and ">" in text else without_data_uris(text)
            elif suffix == ".xlsx":
                yield from _workbook(where, path)
        except (OSError, ValueError):
            continue  # the first pass has named a file it cannot read; nothing more to say here


def _workbook(where: str, path: Path) -> Iterator[tuple[str, str]]:
    from ..io.xlsx import UnreadableWorkbook, text_cells

    try:
        for sheet, cell, text in text_cells(path):
            yield f"{where}, blad '{sheet}', cell {cell}", text
    except UnreadableWorkbook:
        return  # the first pass has named a file it cannot read


def leak_message(leaks: list[FinalLeak]) -> str:
    """The Swedish message for leaks the final check found: kind, source, file; never a value."""
    advice = (
        "Den första kontrollen släppte igenom dem. Ersätt dem: skriv för platsen under survey.names.review i "
        "params platshållarens namn ('namn', 'telefon', 'adress' …), 'ersätt' (platshållaren väljs efter hur "
        "ordet ser ut) eller 'utelämna' (citatet visas inte), eller ordet under survey.names.deny; pekar det inte ut "
        "någon, skriv 'behåll' för platsen eller ordet under survey.names.allow. Ett fel i en kodbok eller "
        "parameterfil rättas där."
    )
    lines = "\n".join(f"- {leak.describe()}" for leak in leaks[:50])
    more = f"\n… och {len(leaks) - 50} till" if len(leaks) > 50 else ""
    return (
        f"Anonymitetskontroll (den oberoende slutkontrollen): {len(leaks)} möjliga personuppgifter ur indata "
        f"finns i stegets utdata. {advice}\n{lines}{more}"
    )


def check(sources: Iterable[Source], outputs: Iterable[tuple[str, str]], names: NameList, **lists) -> list[FinalLeak]:
    """The leaks of `sources`' marked words into `outputs` (see :class:`FinalCheck` for `lists`)."""
    final = FinalCheck(names, **lists)
    for source in sources:
        final.add(source)
    return final.leaks(outputs)


def kept_places(review: Mapping[str, str]) -> list[str]:
    """The places params keep (survey.names.review: behåll)."""
    return [place for place, decision in review.items() if decision == "behåll"]
