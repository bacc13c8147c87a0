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
from dataclasses import dataclass

import phonenumbers
from personnummer import personnummer as _personnummer

PERSONNUMMER = "personnummer"
PHONE = "telefon"
EMAIL = "e-post"
ADDRESS = "adress"
NAME = "namn"

PLACEHOLDERS = {kind: f"[{kind}]" for kind in (NAME, PERSONNUMMER, PHONE, EMAIL, ADDRESS)}
KIND_LABELS = {
    NAME: "ett personnamn",
    PERSONNUMMER: "ett personnummer",
    PHONE: "ett telefonnummer",
    EMAIL: "en e-postadress",
    ADDRESS: "en gatuadress",
}

# 19/20 + YYMMDD or YYMMDD, then an optional -, + or space, then four digits; not part of a longer number.
_PERSONNUMMER = re.compile(r"(?<![\d-])(?:(?:19|20)\d{6}|\d{6})[-+ ]?\d{4}(?![\d])")

_AT = r"(?:@|\s?\[at\]\s?|\s?\(at\)\s?|\s+at\s+)"
_DOT = r"(?:\.|\s?\[dot\]\s?|\s?\(dot\)\s?)"
_EMAIL = re.compile(
    rf"[\w.+%-]*\w{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[A-Za-z]{{2,}}\b",
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

_MANY_DIGITS = re.compile(r"(?:\d\D{0,3}){6}")
_DIGIT = re.compile(r"\d")
_AT_SIGN = re.compile(r"@|\bat\b|\(at\)|\[at\]", re.IGNORECASE)


@dataclass(frozen=True)
class Identifier:
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


def _overlaps(start: int, end: int, taken: list[Identifier]) -> bool:
    return any(start < other.end and other.start < end for other in taken)


def find_identifiers(text: str) -> list[Identifier]:
    """Every personnummer, phone number, e-mail and street address in `text`, in order, without overlaps
    (a personnummer is never also taken for a phone number)."""
    found: list[Identifier] = []
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and not _AT_SIGN.search(text):
        return found  # most answers: no number and no @: nothing to look for
    for match in _EMAIL.finditer(text):
        found.append(Identifier(match.start(), match.end(), EMAIL))
    if not has_digit:
        return found
    if _MANY_DIGITS.search(text):
        for match in _PERSONNUMMER.finditer(text):
            if not _overlaps(match.start(), match.end(), found) and _valid_personnummer(match.group()):
                found.append(Identifier(match.start(), match.end(), PERSONNUMMER))
        for match in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID):
            # A Swedish number is written with its trunk 0 or +46/0046 (or an area code in brackets);
            # "1 234 567 kr" is an amount, never a phone number.
            if match.raw_string[:1] in "0+(" and not _overlaps(match.start, match.end, found):
                found.append(Identifier(match.start, match.end, PHONE))
    for pattern in (_DIRECTED_ADDRESS, _ADDRESS, _CAPITALISED_ADDRESS):
        for match in pattern.finditer(text):
            if not _overlaps(match.start(), match.end(), found):
                found.append(Identifier(match.start(), match.end(), ADDRESS))
    return sorted(found, key=lambda item: item.start)
