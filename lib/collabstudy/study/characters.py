"""Letters that look Latin but are not: a Cyrillic 'е' in 'survеy', a Greek 'Ο' in 'ΟK'.

A name typed or pasted with one of them reads as the name a message expects, so a message that only
printed both would show two identical words. These helpers name each such letter, its code and its place.
"""

from __future__ import annotations

import re
import unicodedata

# Scripts whose letters look like Latin ones, in Swedish.
SCRIPTS = {"CYRILLIC": "kyrilliskt", "GREEK": "grekiskt", "ARMENIAN": "armeniskt", "FULLWIDTH": "brett"}
# The commonest look-alikes and the Latin letter each is taken for.
LOOKS_LIKE = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁԛԝӏ", "aeopcyxijsdqwl", strict=True)),
        **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονικ", "ABEZHIKMNOPTYXovik", strict=True)),
    }
)
# Characters a reader does not see: Unicode's format characters (category Cf: a soft hyphen, zero-width
# spaces and joiners, direction marks and isolates, invisible operators, a byte-order mark, tags) and the
# variation selectors. tests/unit/study/test_characters.py checks the list against unicodedata.
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def without_invisible(text: str) -> str:
    """`text` as a reader sees it, without the characters nobody sees: "Kri\u00adstina" is "Kristina"."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


# Letters written apart ("A n n a  L i n d q v i s t"): three or more, each alone, one to three spaces between.
_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] {1,3}){2,}[^\W\d_](?![^\W\d_])")
# Where such a run may begin (two letters, each alone): looked for first.
_SPACED_START = re.compile(r"[^\W\d_] {1,3}[^\W\d_] ")
_SPACED_HINT = re.compile(r"[\s(\"'“”«»/-][^\W\d_] {1,3}[^\W\d_] ")
_WORD_GAP = re.compile(r" {2,}|(?<=[^\W\d_])(?= ?[A-ZÅÄÖ])(?<![A-ZÅÄÖ])")


def spaced_letters(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of every run of letters written apart, as the words a reader reads in it: a wider
    gap or a capital after a small letter starts a new word ("A n n a L i n d q v i s t": "Anna Lindqvist")."""
    if not (_SPACED_START.match(text) or _SPACED_HINT.search(text)):
        return []  # nearly every text: the full pattern, tried at every letter, costs a quarter of a second a 10 000
    found = []
    for match in _SPACED.finditer(text):
        words = " ".join(part.replace(" ", "") for part in _WORD_GAP.split(match.group()) if part.strip())
        found.append((match.start(), match.end(), words))
    return found


def _script(ch: str) -> str | None:
    """The Swedish name of a letter's script when it is a letter and not Latin; None otherwise."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN") or not name:
        return None
    first = name.split()[0]
    return SCRIPTS.get(first, first.lower())


def non_latin_letters(text: str) -> str:
    """'\\u0435 (kyrilliskt е, ser ut som e) på plats 5' for each letter of another script in a text that is
    otherwise written in Latin letters; empty when there is none, or when the text has no Latin letter at
    all (a name in another script is no look-alike)."""
    if not any(_script(ch) is None and ch.isalpha() for ch in text):
        return ""
    return "; ".join(
        f"\\u{ord(ch):04x} ({described(ch)}) på plats {place}"
        for place, ch in enumerate(text, start=1)
        if _script(ch) is not None
    )


def described(ch: str) -> str:
    """'kyrilliskt е, ser ut som e': a letter of another alphabet, in Swedish."""
    latin = ch.translate(LOOKS_LIKE)
    return f"{_script(ch) or 'okänt'} {ch}" + (f", ser ut som {latin}" if latin != ch else "")


def written_out(text: str) -> str:
    """The text with each look-alike letter of another script written as its code ('surv\\u0435y')."""
    if not non_latin_letters(text):
        return text
    return "".join(f"\\u{ord(ch):04x}" if _script(ch) is not None else ch for ch in text)


def letters_hint(text: str) -> str:
    """' – den har tecken ur ett annat alfabet: \\u0435 (kyrilliskt е, ser ut som e) på plats 5; skriv om
    dem med vanliga bokstäver' for a text with look-alike letters; empty otherwise."""
    letters = non_latin_letters(text)
    if not letters:
        return ""
    return f" – den har tecken ur ett annat alfabet: {letters}; skriv om dem med vanliga bokstäver"
