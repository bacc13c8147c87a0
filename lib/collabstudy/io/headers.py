"""Column headers as a person sees them: invisible differences accepted or shown.

A header copied from a web page, a Word document or Forms itself may hold characters that look like
others or like nothing: a no-break space, a line break typed with Alt+Enter, a zero-width space, a
soft hyphen, an en dash for a hyphen, typographic quotes. Any kind of whitespace is the same space
to a reader, so headers are compared with their whitespace normalised and such a header is accepted;
a header that differs in the other characters is reported with them written out (\\u200b), since a
message that prints them as they are would show two identical headers.
"""

from __future__ import annotations

import unicodedata

from ..study.characters import LOOKS_LIKE, described

# The characters a reader cannot see or cannot tell apart from an ordinary one, in Swedish.
NAMES = {
    "\u00a0": "hårt mellanslag",
    "\u202f": "smalt hårt mellanslag",
    "\u2007": "siffermellanslag",
    "\u2009": "tunt mellanslag",
    "\t": "tabb",
    "\n": "radbrytning",
    "\r": "radbrytning",
    "\u200b": "nollbreddsmellanslag",
    "\u200c": "osynlig skiljare",
    "\u200d": "osynlig sammanfogare",
    "\u2060": "osynlig ordsammanfogare",
    "\ufeff": "byteordningsmärke (BOM)",
    "\u00ad": "mjukt bindestreck",
    "\u2010": "typografiskt bindestreck",
    "\u2011": "hårt bindestreck",
    "\u2012": "siffertankstreck",
    "\u2013": "kort tankstreck",
    "\u2014": "långt tankstreck",
    "\u2212": "minustecken",
    "\u2018": "typografisk apostrof",
    "\u2019": "typografisk apostrof",
    "\u201a": "typografisk apostrof",
    "\u00b4": "accent",
    "\u201c": "typografiskt citattecken",
    "\u201d": "typografiskt citattecken",
    "\u201e": "typografiskt citattecken",
    "\u00ab": "vinkelcitattecken",
    "\u00bb": "vinkelcitattecken",
}
# What each look-alike is taken for when two headers are compared for a hint (invisible ones: nothing).
_FOLD = str.maketrans(
    {
        **{c: "" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"},
        **{c: "'" for c in "\u2018\u2019\u201a\u00b4"},
        **{c: '"' for c in "\u201c\u201d\u201e\u00ab\u00bb"},
    }
)


def clean_header(text: object) -> str:
    """The header with every run of whitespace of any kind (no-break, narrow, tab, line break) as one
    ordinary space, and none at either end: how it reads."""
    return " ".join(str(text).split())


def find_header(present: list[str], expected: str) -> str | None:
    """The present header that reads as `expected` (whitespace normalised), or None."""
    wanted = clean_header(expected)
    return next((header for header in present if clean_header(header) == wanted), None)


def visible(text: str) -> str:
    """The text with every invisible or look-alike character written as its code (\\u00a0)."""
    return "".join(_escaped(ch) if _special(ch) else ch for ch in text)


def header_hint(present: list[str], expected: str) -> str:
    """Why `expected` is not among `present` when a present header is close to it
    (:func:`lookalike_hint`, else :func:`spelling_hint`); empty when none is."""
    return lookalike_hint(present, expected) or spelling_hint(present, expected)


def lookalike_hint(present: list[str], expected: str) -> str:
    """' – rubriken 'A\\u200bB' skiljer sig från den väntade 'A B' bara i osynliga eller förväxlingsbara
    tecken (\\u200b = nollbreddsmellanslag på plats 2)' when a present header reads as `expected` but for
    such characters (in either); empty otherwise."""
    for header in present:
        places = _places(header) or _places(expected)
        if header != expected and places and _folded(header) == _folded(expected):
            whose = "" if _places(header) else " i den väntade"
            return (
                f" – rubriken '{visible(header)}' skiljer sig från den väntade '{visible(expected)}' "
                f"bara i osynliga eller förväxlingsbara tecken ({places}{whose})"
            )
    return ""


def spelling_hint(present: list[str], expected: str) -> str:
    """' (finns 'kommun' – stavning?)' when a present header differs from `expected` only in case or
    by a stray dot or space at an end; empty otherwise."""
    close = [h for h in present if h.casefold() == expected.casefold() or h.strip(" .") == expected]
    return f" (finns '{close[0]}' – stavning?)" if close else ""


def _special(ch: str) -> bool:
    """Invisible, a look-alike sign, or a letter of another alphabet that looks Latin (a Cyrillic е)."""
    return ch in NAMES or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch.translate(LOOKS_LIKE) != ch


def _escaped(ch: str) -> str:
    return f"\\u{ord(ch):04x}"


def _folded(text: str) -> str:
    """What a header reads as to a person: look-alikes as their ordinary character, case folded, and
    without spaces (a zero-width space may stand where a space should)."""
    return "".join(text.translate(_FOLD).translate(LOOKS_LIKE).split()).casefold()


def _name(ch: str) -> str:
    if ch in NAMES:
        return NAMES[ch]
    if ch.isalpha():
        return described(ch)
    return unicodedata.name(ch, "okänt tecken").lower()


def _places(text: str) -> str:
    """'\\u200b = nollbreddsmellanslag på plats 18; …' for each special character (1-based place)."""
    return "; ".join(
        f"{_escaped(ch)} = {_name(ch)} på plats {place}" for place, ch in enumerate(text, start=1) if _special(ch)
    )
