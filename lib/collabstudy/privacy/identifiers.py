"""Personal identifiers other than names: personnummer, phone numbers, e-mail and street addresses.

Each kind has its placeholder (:data:`PLACEHOLDERS`). The patterns find candidates; a maintained
library judges those that have rules of their own:

- **personnummer / samordningsnummer**: 10 or 12 digits, with or without ``-`` / ``+`` (or a
  space) before the last four, accepted only if the ``personnummer`` package finds the Luhn check
  digit right and the date plausible (a samordningsnummer's day is the birth day + 60). A number
  that fails the check is not a personnummer (it may be a phone number, judged next).
- **phone numbers**: Google's libphonenumber (the ``phonenumbers`` package) with Sweden as the
  default region: mobile 07x, area codes (08, 040, 0410 …), +46 and 0046, spaces, dashes and
  brackets. Only text with at least six digits is handed to it (most answers have none).
- **e-mail**: ``local@domain.tld`` (also with ``[at]`` / `` at `` / ``(at)`` for ``@``).
- **street addresses**: a word ending in a Swedish street-name ending (``gatan``, ``vägen``,
  ``gränd``, ``torget``, ``stigen``, ``allén`` …), optionally after a direction word (Östra, Norra …),
  followed by a house number (``12``, ``12B``, ``12 B``, ``12-14``), in any case.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import phonenumbers
from personnummer import personnummer as _personnummer

from .words import AUXILIARY_VERBS, NUMBER_FOLLOWERS, PREPOSITIONS, is_person_verb

PERSONNUMMER = "personnummer"
PHONE = "telefon"
EMAIL = "e-post"
ADDRESS = "adress"
WEB = "webbadress"
NAME = "namn"
ROLE = "roll"

PLACEHOLDERS = {kind: f"[{kind}]" for kind in (NAME, PERSONNUMMER, PHONE, EMAIL, ADDRESS, WEB, ROLE)}
KIND_LABELS = {
    NAME: "ett personnamn",
    PERSONNUMMER: "ett personnummer",
    PHONE: "ett telefonnummer",
    EMAIL: "en e-postadress",
    ADDRESS: "en adress",
    WEB: "en webbadress med ett namn",
    ROLE: "en roll som kan peka ut en person",
}

# 19/20 + YYMMDD or YYMMDD, then an optional -, + or space, then four digits; not part of a longer number.
_PERSONNUMMER = re.compile(r"(?<![\d-])(?:(?:19|20)\d{6}|\d{6})[-+ ]?\d{4}(?![\d])")
# In free text also with its last four hidden ("850312-XXXX"): the birth date alone is the person's.
_MASKED_PERSONNUMMER = re.compile(r"(?<![\d-])(?:(?:19|20)\d{6}|\d{6})[-+ ]?[Xx*]{4}(?![\w*])")

# "@" written out: [at], (at), (a), [a], " at ", "snabel-a"; "." written out: [dot], (dot), " dot ", " punkt ".
_AT = r"(?:\s?@\s?|\s?[\[({]at?[\])}]\s?|\s+at\s+|\s?[\[(]?snabel-?\s?a[\])]?\s?)"
_DOT = r"(?:\.|\s?[\[({](?:dot|punkt)[\])}]\s?|\s+(?:dot|punkt)\s+)"
_EMAIL = re.compile(
    rf"[\w+%-]+(?:{_DOT}[\w+%-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[A-Za-z]{{2,}}\b",
    re.IGNORECASE,
)
# A web address: with its scheme or www., or a domain with a Swedish or common ending, and its path;
# also spelt out ("svedala punkt se snedstreck medarbetare").
_TLD = r"(?:se|nu|com|org|net|eu|io|info|dk|no|fi|de|uk)"
_URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.{_TLD}\b(?:/[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?",
    re.IGNORECASE,
)
_SPELT_URL = re.compile(
    rf"\b[\w-]+(?:\s+(?:punkt|dot)\s+[\w-]+)*\s+(?:punkt|dot)\s+{_TLD}\b"
    rf"(?:\s+(?:snedstreck|slash)\s+[\w-]+)*",
    re.IGNORECASE,
)

# Street-name endings that are (almost) never anything else, in any case ...
_STREET_ENDINGS = (
    "gatan|gata|vägen|gränd|gränden|torget|stigen|allén|allé|backen|promenaden|esplanaden|"
    "strandväg|kajen|slingan|stråket|gårdsväg"
)
# ... and endings that are also ordinary words ("arbetsplats 3"), for a capitalised name only.
_CAPITALISED_ENDINGS = (
    "väg|torg|stig|backe|platsen|plats|plan|leden|parken|hagen|vången|ängen|vallen|ringen|kroken|gången"
)
_DIRECTIONS = "Östra|Västra|Norra|Södra|Stora|Lilla|Gamla|Nya"
_DIRECTION = rf"(?:(?:{_DIRECTIONS})\s+)?"
# A house number: 1-3 digits, an optional letter (12B, 12 b) or a range (12-14); never a year
# (the letter A-H only, so that "3 i Trelleborg" keeps its "i").
_HOUSE = r"\s+\d{1,3}(?!\d)(?:\s?[A-Ha-h](?!\w))?(?:\s?[-–]\s?\d{1,3}(?!\d))?"
# A postcode and town after the number belong to the address ("Västergatan 3, 231 42 Trelleborg").
_POSTCODE = r"(?:,?\s*\d{3}\s?\d{2}(?!\d)(?:\s+[A-ZÅÄÖ][\w-]+)?)?"
_ADDRESS = re.compile(rf"(?i:\b{_DIRECTION}[^\W\d_][\w-]+?(?:{_STREET_ENDINGS})){_HOUSE}{_POSTCODE}")
_CAPITALISED_ADDRESS = re.compile(rf"\b{_DIRECTION}[A-ZÅÄÖ][\w-]+?(?:{_CAPITALISED_ENDINGS}){_HOUSE}{_POSTCODE}")
# After a direction word the street may be the ending alone ("Lilla Torget 4", "Norra Vägen 2").
_DIRECTED_ADDRESS = re.compile(
    rf"\b(?:{_DIRECTIONS})\s+[^\W\d_]*(?i:{_STREET_ENDINGS}|{_CAPITALISED_ENDINGS}){_HOUSE}{_POSTCODE}"
)
_NAMED_STREETS = (_ADDRESS, _CAPITALISED_ADDRESS, _DIRECTED_ADDRESS)
# In free text: an abbreviated street ("Storg. 12", "Kyrkv 5"), a Box address, a postcode with or
# without its town ("231 83 Trelleborg", "231 83"), five digits before a town ("23183 Trelleborg").
_ABBREVIATED_HOUSE = r"\s*\d{1,3}(?!\d)(?:\s?[A-Ha-h](?!\w))?(?:\s?[-–]\s?\d{1,3}(?!\d))?"
_ABBREVIATED_ADDRESS = re.compile(
    rf"\b{_DIRECTION}[A-ZÅÄÖ][a-zåäöé]+(?:g|gat|v|vä|väg|gr|pl|all|str)\.{_ABBREVIATED_HOUSE}{_POSTCODE}"
)
_BOX = re.compile(rf"\b[Bb]ox\s+\d{{1,5}}(?!\d){_POSTCODE}")
_POSTCODE_AND_TOWN = re.compile(
    r"(?<![\d,.])(?<!\d\s)(?<!\d[-–])(?:SE-?\s?)?[1-9]\d{2}\s\d{2}(?!\d|[,.]\d|\s\d)(?:\s+[A-ZÅÄÖ][\w-]+)?"
    r"|(?<![\d,.])[1-9]\d{4}\s+[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ]?[a-zåäö]+)?(?![\w])"
)
# A capitalised word before a house number ("Skogsbrynet 12", "Kvarteret Lärkan 3"), unless a unit
# or a count follows ("Nästan 50 %", "Ca 20 ärenden" is judged by the word).
_PLACE_NUMBER = re.compile(
    rf"(?P<prefix>\b(?:[Kk]varteret|[Kk]v\.)\s+)?(?P<word>\b[A-ZÅÄÖ][\w-]*[^\W\d_])(?:\s+(?P<second>[A-ZÅÄÖ][\w-]*[^\W\d_]))?"
    rf"(?P<number>{_HOUSE})(?![.,:]\d|\s*(?:%|‰|[-–]\s*\d{{4}}|(?:av|till|och)\s+\d))"
    rf"{_POSTCODE}"
)

_MANY_DIGITS = re.compile(r"(?:\d\D{0,3}){6}")
_HOUSE_HINT = re.compile(r"[^\W\d_]\.?\s*\d")
_DIGIT = re.compile(r"\d")
# The cheap looks before the e-mail and web patterns: substring searches and patterns that open with a
# literal (Python's regex engine skips ahead to a literal fast, but tries an alternation at every place).
_AT_END = re.compile(r"at\b")  # "at" as a word ("berg at x", "(at)", "[at]") ends so
_TOP_DOMAIN = re.compile(r"\.(?:se|nu|com|org|net|eu|io|info|dk|no|fi|de|uk)\b")


def _may_hold_email(text: str, lower: str) -> bool:
    """Whether `text` (`lower` its lower case) may hold an e-mail address: an @, "snabel-a" or "at" as a word."""
    lower = lower.replace("ſ", "s")  # the long s: the patterns' IGNORECASE takes it for an s, lower() keeps it
    if "@" in text or "snabel" in lower or "(a)" in lower or "[a]" in lower or "{a}" in lower:
        return True
    return any(m.start() == 0 or not _is_word_char(lower[m.start() - 1]) for m in _AT_END.finditer(lower))


def _may_hold_web(lower: str) -> bool:
    """Whether a lower-case text may hold a web address, written or spelt out."""
    return "www" in lower or "http" in lower or "punkt" in lower or "dot" in lower or bool(_TOP_DOMAIN.search(lower))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what a regex's \w matches


_URL_PARTS = re.compile(r"[^\W\d_]+")


class Identifier(NamedTuple):
    """One identifier found in a text: where it is and which kind (a key of :data:`PLACEHOLDERS`)."""

    start: int
    end: int
    kind: str


def _valid_personnummer(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    separator = "+" if "+" in candidate else "-"
    try:
        return bool(_personnummer.valid(f"{digits[:-4]}{separator}{digits[-4:]}"))
    except (ValueError, _personnummer.PersonnummerException):
        return False


def plausible_birth_date(candidate: str) -> bool:
    """Whether a personnummer-shaped number begins with a date: month 01-12, day 01-31 or 61-91 (a
    samordningsnummer), whatever its check digit."""
    digits = re.sub(r"\D", "", candidate)
    date = digits[2:8] if len(digits) >= 12 else digits[:6]
    month, day = int(date[2:4]), int(date[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def _overlaps(start: int, end: int, taken) -> bool:
    return any(start < other.end and other.start < end for other in taken)


# A decimal number's digits: '0.0498084' (the trunk 0 is never followed by a decimal point) or the digits after
# a decimal point ('0.01171875', '3,0701234567'). A computed share in a CSV is no phone number.
_DECIMAL_FRACTION = re.compile(r"0[.,]\d")
_AFTER_DECIMAL_POINT = re.compile(r"\d[.,]$")


# Where a number kept below can begin: '+', '(' or a 0 that begins a number (not inside one, not a decimal '0,5',
# not the decimals after '3,'). A text without one (a table of counts and shares) need not go through
# phonenumbers' matcher, which took most of the time of scanning the study's own tables.
_PHONE_START = re.compile(r"[+(]|(?<!\d)(?<!\d[.,])0(?![.,]\d)")


_HEX = frozenset("0123456789abcdefABCDEF")
_CHECKSUM_LENGTHS = (32, 40, 64, 128)  # MD5, SHA-1, SHA-256, SHA-512 written in hexadecimal


def _inside_checksum(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a checksum: a word of exactly 32, 40, 64 or 128 hexadecimal characters,
    letters among them (the report's technical appendix lists its files' SHA-256; one in a few hundred holds ten
    digits that read as a valid personnummer)."""
    while start > 0 and text[start - 1] in _HEX:
        start -= 1
    while end < len(text) and text[end] in _HEX:
        end += 1
    word = text[start:end]
    bounded = (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
    return bounded and len(word) in _CHECKSUM_LENGTHS and not word.isdigit()


def _phones(text: str, found: list[Identifier]) -> None:
    if not _PHONE_START.search(text):
        return
    for match in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID):
        # A Swedish number is written with its trunk 0 or +46/0046 (or an area code in brackets);
        # "1 234 567 kr" is an amount, never a phone number.
        if match.raw_string[:1] not in "0+(" or _overlaps(match.start, match.end, found):
            continue
        if _DECIMAL_FRACTION.match(match.raw_string) or _AFTER_DECIMAL_POINT.search(
            text[max(0, match.start - 2) : match.start]
        ):
            continue
        if _TIME_RANGE.fullmatch(match.raw_string):
            continue  # "08.00-17.00", "0800-1700": opening hours, not a number to call
        found.append(Identifier(match.start, match.end, PHONE))


_TIME_RANGE = re.compile(r"[0-2]?\d[.:]?[0-5]\d\s*[-–]\s*[0-2]?\d[.:]?[0-5]\d")
# A year of this century or the last as a group of its own, or a time of day (hh.mm, hh:mm).
_DATE_OR_TIME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<!\d)[0-2]?\d[.:][0-5]\d(?!\d)")


def _possible_phones(text: str, found: list[Identifier]) -> list[Suspect]:
    """Numbers written like a Swedish phone number (its trunk 0 or +46, seven digits or more) that are no
    valid one: a number cut short or mistyped ("0708 12 34") still reaches its owner, so the analyst judges."""
    if not _PHONE_START.search(text):
        return []
    suspects = []
    for match in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string
        if not raw.startswith(("0", "+", "(0")) or sum(map(str.isdigit, raw)) < 7:
            continue  # "(2019–2023)": years
        if _DATE_OR_TIME.search(raw) or _TIME_RANGE.fullmatch(raw):
            continue  # "01.01.2023", "05-03-2019", "v. 03-05 2019", "07.30 - 16.30": a date, a week or a time
        if _overlaps(match.start, match.end, found):
            continue
        if _DECIMAL_FRACTION.match(raw) or _AFTER_DECIMAL_POINT.search(text[max(0, match.start - 2) : match.start]):
            continue
        suspects.append(Suspect(match.start, match.end, raw, PHONE))
    return suspects


# A named street's patterns all need one of its endings right before the spaces and the house number;
# a postcode, five digits. Looked for first: the patterns themselves are tried at every word.
# From a run of spaces' first (a page's text has runs of hundreds of line breaks: tried from each, quadratic).
_SPACED_NUMBER = re.compile(r"(?<!\s)\s+\d")
_STREET_ENDING_WORDS = tuple(f"{_STREET_ENDINGS}|{_CAPITALISED_ENDINGS}".split("|"))
_LONGEST_ENDING = max(map(len, _STREET_ENDING_WORDS))
_FIVE_DIGITS = re.compile(r"\d{3}\s?\d{2}")


def _street_before_number(text: str) -> bool:
    """Whether a word ending like a street stands right before spaces and a digit ("Storgatan 12")."""
    return any(
        text[max(0, m.start() - _LONGEST_ENDING) : m.start()].lower().endswith(_STREET_ENDING_WORDS)
        for m in _SPACED_NUMBER.finditer(text)
    )


def _streets(text: str, found: list[Identifier], patterns) -> None:
    if not _street_before_number(text):
        patterns = [p for p in patterns if p not in _NAMED_STREETS]
    if _POSTCODE_AND_TOWN in patterns and not _FIVE_DIGITS.search(text):
        patterns = [p for p in patterns if p is not _POSTCODE_AND_TOWN]
    for pattern in patterns:
        for match in pattern.finditer(text):
            if not _overlaps(match.start(), match.end(), found):
                found.append(Identifier(match.start(), match.end(), ADDRESS))


def find_identifiers(text: str) -> list[Identifier]:
    """Every personnummer (a valid one), phone number, e-mail and street address in `text`, in order,
    without overlaps (a personnummer is never also taken for a phone number). The study's own pages are
    scanned with this; respondents' free text with :func:`examine_free_text`, which finds more."""
    found: list[Identifier] = []
    has_digit = _DIGIT.search(text) is not None
    may_hold_email = _may_hold_email(text, text.lower())
    if not has_digit and not may_hold_email:
        return found  # most answers: no number and no @: nothing to look for
    if may_hold_email:  # the pattern tries every word: seconds over a page's text of 2 MB
        for match in _EMAIL.finditer(text):
            found.append(Identifier(match.start(), match.end(), EMAIL))
    if not has_digit:
        return found
    if _MANY_DIGITS.search(text):
        for match in _PERSONNUMMER.finditer(text):
            if _inside_checksum(text, match.start(), match.end()):
                continue
            if not _overlaps(match.start(), match.end(), found) and _valid_personnummer(match.group()):
                found.append(Identifier(match.start(), match.end(), PERSONNUMMER))
        _phones(text, found)
    _streets(text, found, (_DIRECTED_ADDRESS, _ADDRESS, _CAPITALISED_ADDRESS))
    return sorted(found, key=lambda item: item.start)


class Suspect(NamedTuple):
    """A word or number that may identify someone, which the rules cannot judge: the analyst decides.
    `kind` is what it would be replaced by (a key of :data:`PLACEHOLDERS`)."""

    start: int
    end: int
    word: str
    kind: str


class PlaceJudge:
    """What :func:`examine_free_text` asks about words: the name detector answers (see
    :class:`~.redaction.Redactor`). The defaults know nothing."""

    def name_like(self, token: str) -> bool:  # pragma: no cover - overridden
        """Whether a part of a web address is a name (any case)."""
        return False

    def allowed(self, word: str) -> bool:  # pragma: no cover - overridden
        """Whether a word is allowed (a place, a body, a product)."""
        return False

    def joined(self, first: str, second: str) -> bool:  # pragma: no cover - overridden
        """Whether two parts written together are a first name common in Sweden and a surname."""
        return False

    def place_word(self, word: str, at_start: bool) -> str | None:  # pragma: no cover - overridden
        """Before a house number: ADDRESS, "review" or None (a numbered thing: "Fråga 3")."""
        return ADDRESS


def examine_free_text(text: str, judge: PlaceJudge) -> tuple[list[Identifier], list[Suspect]]:
    """Every identifier in a respondent's text and the numbers the rules cannot judge. Beyond
    :func:`find_identifiers`: a personnummer-shaped number whose date is plausible whatever its check
    digit (one whose date is not goes to review), a birth date with its last four hidden, e-mail spelt
    out ("berg at trelleborg punkt se"), a web address that holds a name, an abbreviated street, a Box
    address, a postcode with or without its town, and a capitalised place word before a house number
    ("Skogsbrynet 12"; `judge` says which words are numbered things, not places)."""
    found: list[Identifier] = []
    suspects: list[Suspect] = []
    has_digit = _DIGIT.search(text) is not None
    lower = text.lower()
    if _may_hold_email(text, lower):
        for match in _EMAIL.finditer(text):
            found.append(Identifier(match.start(), match.end(), EMAIL))
    if _may_hold_web(lower):
        for pattern in (_URL, _SPELT_URL):
            for match in pattern.finditer(text):
                if _overlaps(match.start(), match.end(), found):
                    continue
                parts = [p for p in _URL_PARTS.findall(match.group()) if p.casefold() not in _URL_WORDS]
                if any(judge.name_like(part) or _joined_name(part, judge) for part in parts):
                    found.append(Identifier(match.start(), match.end(), WEB))
    if not has_digit:
        return sorted(found, key=lambda item: item.start), suspects
    if _MANY_DIGITS.search(text):
        shaped = [m for m in _PERSONNUMMER.finditer(text) if not _overlaps(m.start(), m.end(), found)]
        for match in shaped:
            if _valid_personnummer(match.group()):
                found.append(Identifier(match.start(), match.end(), PERSONNUMMER))
        _phones(text, found)  # before a wrong check digit: "0701234567" is a phone, not a birth date
        suspects += _possible_phones(text, found)
        for match in shaped:
            if _overlaps(match.start(), match.end(), found):
                continue
            if plausible_birth_date(match.group()):
                found.append(Identifier(match.start(), match.end(), PERSONNUMMER))
            elif "-" in match.group() or "+" in match.group():
                suspects.append(Suspect(match.start(), match.end(), match.group(), PERSONNUMMER))
    for match in _MASKED_PERSONNUMMER.finditer(text):
        if not _overlaps(match.start(), match.end(), found) and plausible_birth_date(match.group()):
            found.append(Identifier(match.start(), match.end(), PERSONNUMMER))
    housed = _HOUSE_HINT.search(text) is not None  # a word before a number of 1-3 digits: maybe a street
    if housed:
        _streets(text, found, (_DIRECTED_ADDRESS, _ADDRESS, _CAPITALISED_ADDRESS, _ABBREVIATED_ADDRESS, _BOX))
    for match in _PLACE_NUMBER.finditer(text) if housed else ():
        start = match.start("word") if match.group("prefix") is None else match.start()
        if _overlaps(start, match.end(), found):
            continue
        words = [w for w in (match.group("word"), match.group("second")) if w]
        counted = _NEXT_WORD.match(text, match.end("number"))
        at_start = _sentence_start(text, match.start("word"))
        if (
            counted
            and not match.group("prefix")
            and (counted.group(1).casefold() in NUMBER_FOLLOWERS or (at_start and _counted_thing(counted.group(1))))
        ):
            continue  # "Ha 2 rekryterare", "Ca 20 ärenden", "Endast 5 av 40": a count, not a house
        if match.group("prefix"):
            verdict = ADDRESS
        else:
            # the word right before the number decides ("Lilla Beddinge 12"; "Region Skåne 2" is no house)
            verdict = judge.place_word(words[-1], len(words) == 1 and at_start)
        if verdict == ADDRESS:
            found.append(Identifier(start, match.end(), ADDRESS))
        elif verdict == "review":
            suspects.append(Suspect(start, match.end(), match.group()[start - match.start() :], ADDRESS))
    _streets(text, found, (_POSTCODE_AND_TOWN,))
    return sorted(found, key=lambda item: item.start), [s for s in suspects if not _overlaps(s.start, s.end, found)]


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_URL_WORDS = frozenset("www http https punkt dot snedstreck slash se nu com org net eu io info dk no fi de uk".split())


def _joined_name(part: str, judge: PlaceJudge) -> bool:
    """A first name and a surname written together ("annasvensson", "bjornberg"), as web addresses do."""
    if len(part) < 6 or judge.allowed(part):
        return False
    return any(judge.joined(part[:cut], part[cut:]) for cut in range(3, len(part) - 2))


def _counted_thing(word: str) -> bool:
    """A lower-case word after a number that is what is counted: no verb, preposition or conjunction."""
    folded = word.casefold()
    if not word[:1].islower() or folded in PREPOSITIONS or folded in ("och", "eller", "som", "men", "där"):
        return False
    return not is_person_verb(word) and folded not in AUXILIARY_VERBS and folded not in ("ligger", "låg")


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“”„«»‘’-–—•*([")
    return not before or before[-1] in ".!?:…\n\r"
