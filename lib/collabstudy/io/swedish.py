"""Reading numbers and dates written the Swedish way, as the source report and municipal exports write them.

A cell may carry more than a number: a unit (`%`, `kr`), parentheses marking an uncertain
value, a superscript footnote marker, a word meaning missing ("Oklart"), a remark, or
several labelled counts ("444 unika individer 289 vuxna 146 barn").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..study.calendar import MONTHS
from ..study.vocabulary import MISSING, OK, UNCERTAIN

# Thin, narrow no-break and figure spaces all appear as thousands separators in exports.
_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f\s]+")
_MINUS = "\u2212\u2013"  # a typographic minus or en dash written as a sign
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_NUMBER = r"[-]?[0-9]{1,3}(?: [0-9]{3})+(?:,[0-9]+)?|[-]?[0-9]+(?:,[0-9]+)?"
_NUMBER_RE = re.compile(rf"^(?:{_NUMBER})$")
MISSING_WORDS = ("oklart", "uppgift saknas", "saknas", "okänt", "..", "–", "-")
_CELL_RE = re.compile(
    rf"^(?P<open>\()?(?P<number>{_NUMBER})(?P<close>\))?"
    rf"(?: ?(?P<unit>%|kr))?(?P<close_after_unit>\))?(?P<footnote>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?(?: (?P<rest>.*))?$"
)
_PAIR_RE = re.compile(r"([0-9][0-9 ]*?) ([^0-9]+?)(?= [0-9]|$)")


def normalise_spaces(text: str) -> str:
    """One ordinary space wherever the text had any kind of space; minus signs made ASCII."""
    text = _SPACES.sub(" ", str(text)).strip()
    for sign in _MINUS:
        text = re.sub(rf"(^|\s){sign}(?=\d)", r"\1-", text)
    return text


def parse_number(text: str) -> float:
    """A plain Swedish number ("1 234,5", "−3", "17 281 110") as a float; ValueError in Swedish if not,
    naming a dot used as thousands separator or as decimal sign."""
    cleaned = normalise_spaces(text)
    if not _NUMBER_RE.match(cleaned):
        raise ValueError(_not_a_number(text, cleaned))
    return float(cleaned.replace(" ", "").replace(",", "."))


# A dot between groups of exactly three digits ("1.029", "1.029.345", "1.029,5"): a thousands separator
# as an English or a German export writes it. The lookarounds keep "12.03.2022" and "2.1" out.
_DOT_THOUSANDS = re.compile(r"(?<![0-9.,])[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?P<decimals>,[0-9]+)?(?![0-9.,])")


def _not_a_number(text: str, cleaned: str) -> str:
    """Why a cell is no Swedish number, as precisely as its text shows."""
    grouped = _DOT_THOUSANDS.search(cleaned)
    if grouped:
        number = grouped.group()
        whole, decimals = number.removesuffix(grouped["decimals"] or ""), grouped["decimals"] or ""
        digits = whole.replace(".", "")
        plain, spaced = digits + decimals, f"{int(digits):,}".replace(",", " ") + decimals

        def written(instead: str) -> str:
            return cleaned[: grouped.start()] + instead + cleaned[grouped.end() :]

        hint = f"'{text}' ser ut att ha punkt som tusentalsavgränsare; skriv {written(plain)} eller {written(spaced)}"
        if number.count(".") == 1 and not decimals:  # one group of three: the dot may be a decimal point
            hint += f" (eller {written(number.replace('.', ','))} om punkten är decimaltecken)"
        return hint
    if re.fullmatch(r"\(?-?[0-9]+\.[0-9]+ ?(%|kr)?\)?", cleaned):
        return f"'{text}' har punkt som decimaltecken; skriv decimalkomma (t.ex. 2,1)"
    return f"'{text}' är inte ett tal"


def decimals_of(text: str) -> int:
    """How many decimals a published number shows: the rounding it was published at."""
    match = re.search(r",(\d+)", normalise_spaces(text))
    return len(match.group(1)) if match else 0


@dataclass(frozen=True)
class Cell:
    """One published cell, read without losing anything it says."""

    published: str
    value: float | None = None
    unit: str = ""
    decimals: int | None = None
    uncertain: bool = False
    missing: bool = False
    remark: str = ""
    footnote: int | None = None
    parts: tuple[tuple[float, str], ...] = field(default_factory=tuple)

    @property
    def status(self) -> str:
        """'saknas', 'osäker' or 'ok': how far the study may trust the value."""
        return MISSING if self.missing else (UNCERTAIN if self.uncertain else OK)


def parse_cell(text: object, part_labels: tuple[str, ...] = ()) -> Cell:
    """Read one published cell; ValueError (Swedish) when it holds something unreadable.

    A cell is split into a total and labelled parts ("444 unika individer 289 vuxna 146 barn")
    only when every part's label is one of `part_labels`; otherwise the text stays a remark.
    """
    published = "" if text is None else str(text)
    cleaned = normalise_spaces(published)
    if cleaned == "" or cleaned.lower() == "nan":
        return Cell(published=published, missing=True)
    lowered = cleaned.lower()
    for word in MISSING_WORDS:
        if lowered == word or lowered.startswith(word + " "):
            return Cell(published=published, missing=True, remark=cleaned[len(word) :].strip())
    match = _CELL_RE.match(cleaned)
    if not match:
        parse_number(cleaned)  # raises the precise message (decimal point, text, …)
        raise ValueError(f"'{published}' kan inte läsas som ett värde")
    closed = bool(match["close"]) + bool(match["close_after_unit"])
    if closed > 1 or bool(match["open"]) != bool(closed):
        raise ValueError(f"'{published}' har en parentes som inte är stängd")
    rest = (match["rest"] or "").strip()
    if rest[:1].isdigit():
        raise ValueError(f"'{published}' har siffror som inte bildar ett tal (tusentalsavgränsning?)")
    value = parse_number(match["number"])
    remark, parts = rest, ()
    if rest and not match["open"] and not match["unit"]:
        pairs = _labelled_counts(f"{match['number']} {rest}")
        if pairs and len(pairs) > 1 and all(label in part_labels for _, label in pairs[1:]):
            remark, parts = pairs[0][1], tuple(pairs[1:])
    return Cell(
        published=published,
        value=value,
        unit=match["unit"] or "",
        decimals=decimals_of(match["number"]),
        uncertain=bool(match["open"]),
        remark=remark,
        footnote=int(match["footnote"].translate(_SUPERSCRIPTS)) if match["footnote"] else None,
        parts=parts,
    )


def _labelled_counts(text: str) -> list[tuple[float, str]] | None:
    """[(444, 'unika individer'), (289, 'vuxna'), …] when the text is only count–label pairs."""
    pairs = [(m.group(1), m.group(2).strip()) for m in _PAIR_RE.finditer(text)]
    rebuilt = " ".join(f"{n} {label}" for n, label in pairs)
    if not pairs or rebuilt != text:
        return None
    try:
        return [(parse_number(n), label) for n, label in pairs]
    except ValueError:
        return None


def parse_swedish_date(text: str) -> dt.date:
    """'7 mars 2022' or '2022-03-07' as a date; ValueError in Swedish for a date that does not exist."""
    cleaned = re.sub(r"\s+", " ", str(text)).strip().lower()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", cleaned)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        match = re.fullmatch(r"(\d{1,2}) ([a-zåäö]+) (\d{4})", cleaned)
        if not match or match.group(2) not in MONTHS:
            raise ValueError(f"'{text}' är inte ett datum (väntade t.ex. '7 mars 2022')")
        day, month, year = int(match.group(1)), MONTHS.index(match.group(2)) + 1, int(match.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"datumet '{text}' finns inte") from None


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'1 april 2022 till 31 mars 2023' as (start, end)."""
    parts = re.split(r"\s+(?:till|–|-)\s+", text.strip())
    if len(parts) != 2:
        raise ValueError(f"'{text}' är ingen period (väntade 'D månad ÅÅÅÅ till D månad ÅÅÅÅ')")
    return parse_swedish_date(parts[0]), parse_swedish_date(parts[1])
