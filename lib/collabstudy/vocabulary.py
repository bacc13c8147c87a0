"""The study's measures: identifiers, the Swedish labels the source uses, and how they relate.

Labels are the delivered files' notation (a table's row headings); identifiers follow
the shared glossary. Relations are what the consistency checks test.
"""
from __future__ import annotations

import datetime as dt
import re

COUNT, SHARE, SEK = "antal", "andel", "kr"

# identifier -> (Swedish label for readers, unit)
MEASURES: dict[str, tuple[str, str]] = {
    "enrolled": ("Inskrivna i arbetsmarknadsåtgärd", COUNT),
    "closures": ("Totalt avslutade", COUNT),
    "closure_share": ("Andel avslut", SHARE),
    "households": ("Antal hushåll", COUNT),
    "closures_work_studies": ("Avslutade i arbete/studier", COUNT),
    "closures_work": ("Avslutade till arbete", COUNT),
    "closures_studies": ("Avslutade till studier", COUNT),
    "work_studies_share": ("Andel i arbete/studier", SHARE),
    "closures_other": ("Avslutade av övriga skäl", COUNT),
    "individuals_fa": ("Individer med ekonomiskt bistånd (vuxna och barn)", COUNT),
    "individuals_fa_adults": ("Vuxna med ekonomiskt bistånd", COUNT),
    "individuals_fa_children": ("Barn med ekonomiskt bistånd", COUNT),
    "fa_paid": ("Totalt utbetalt ekonomiskt bistånd", SEK),
}

# Row headings as the source's tables write them -> identifier.
ROW_LABELS: dict[str, str] = {
    "Inskrivna i arbetsmarknadsåtgärd": "enrolled",
    "Antal individer inskrivna i arbetsmarknadsinsatser": "enrolled",
    "Totalt avslutade": "closures",
    "Andel avslut": "closure_share",
    "Antal hushåll": "households",
    "Avslutade i arbete/studier": "closures_work_studies",
    "Arbete": "closures_work",
    "Studier": "closures_studies",
    "Andel i arbete/studier": "work_studies_share",
    "Övrigt": "closures_other",
    "Antal individer med ekonomiskt bistånd (vuxna och barn)": "individuals_fa",
    "Totalt utbetalt EB (ekonomiskt bistånd)": "fa_paid",
}

# Labelled parts inside a cell ("289 vuxna 146 barn") -> the part's identifier suffix.
PART_LABELS: dict[str, str] = {"vuxna": "adults", "barn": "children"}

# total = sum of parts, as the source's tables define them.
SUMS: list[tuple[str, tuple[str, ...]]] = [
    ("closures", ("closures_work_studies", "closures_other")),
    ("closures_work_studies", ("closures_work", "closures_studies")),
    ("individuals_fa", ("individuals_fa_adults", "individuals_fa_children")),
]

# share = numerator / denominator.
RATIOS: list[tuple[str, str, str]] = [
    ("closure_share", "closures", "enrolled"),
    ("work_studies_share", "closures_work_studies", "enrolled"),
]

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def label_of(measure: str) -> str:
    return MEASURES[measure][0]


def unit_of(measure: str) -> str:
    return MEASURES[measure][1]


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


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
