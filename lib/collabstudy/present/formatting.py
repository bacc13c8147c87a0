"""Numbers, intervals, p-values and dates the Swedish way, for everything a reader sees.

Every figure a reader sees is formatted here, so "20,3 %", "−17,5 till −6,9" and "p < 0,001"
are written one way throughout the study.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from ..study.calendar import MONTHS
from ..study.vocabulary import MISSING, SEK, SHARE

NBSP = "\u00a0"  # keeps "20,3 %" and "16 018 559 kr" on one line
MINUS = "\u2212"  # the typographic minus sign of Swedish print


def number(value: float | None, decimals: int = 0) -> str:
    """'16 018 559', '2,1', '−2,7'; an empty string for a missing value (never a zero)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    # Half up, as readers round by hand (3,25 → 3,3; 1,125 → 1,13), not Python's half to even.
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0,0" for a small negative value
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",").replace("-", MINUS)


def percent(share: float | None, decimals: int = 1) -> str:
    """A share (0–1) as '20,3 %'."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return ""
    return f"{number(share * 100, decimals)}{NBSP}%"


def sek(value: float | None) -> str:
    """An amount as '16 018 559 kr'."""
    text = number(value, 0)
    return f"{text}{NBSP}kr" if text else ""


def x_of_y(part: float, whole: float, decimals: int = 1) -> str:
    """'62 av 306 (20,3 %)': the denominator beside every share ('0 av 0': no share of nobody); 'saknas' when the
    count or the whole was not delivered (never 'av 306' with nothing before it)."""
    if missing(part) or missing(whole):
        return MISSING
    if not whole:
        return f"{number(part)} av {number(whole)}"
    return f"{number(part)} av {number(whole)} ({percent(part / whole, decimals)})"


def long_date(day: dt.date) -> str:
    """'31 mars 2023'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_span(first: dt.date, last: dt.date) -> str:
    """'1 april 2022 – 31 mars 2023'."""
    return f"{long_date(first)} – {long_date(last)}"


def month_span(first: dt.date, last: dt.date) -> str:
    """'april–december 2022', 'september 2021–mars 2023': the months a period covers."""
    if first.year == last.year:
        if first.month == last.month:
            return f"{MONTHS[first.month - 1]} {first.year}"
        return f"{MONTHS[first.month - 1]}–{MONTHS[last.month - 1]} {first.year}"
    return f"{MONTHS[first.month - 1]} {first.year}–{MONTHS[last.month - 1]} {last.year}"


def genitive(name: str) -> str:
    """'Svedalas', but 'Lundsås' and 'Ystads' → Swedish adds no s after a name ending in s, x or z."""
    return name if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def measure_value(value: float | None, unit: str, share_decimals: int = 0) -> str:
    """A measure's value as readers see it: a share in percent, an amount in kr, a count; 'saknas' if missing."""
    if missing(value):
        return MISSING
    if unit == SHARE:
        return percent(value, share_decimals)
    if unit == SEK:
        return sek(value)
    return number(value)


def interval(low: float, high: float, decimals: int = 1, scale: float = 1) -> str:
    """'16,1–25,1', or '−17,5 till −6,9' when a bound is negative (a dash there would read as a minus); empty
    when a bound is missing (an interval of a count not delivered)."""
    if missing(low) or missing(high):
        return ""
    low, high = low * scale, high * scale
    joiner = " till " if min(low, high) < 0 else "–"
    return f"{number(low, decimals)}{joiner}{number(high, decimals)}"


def percent_interval(low: float, high: float, decimals: int = 1) -> str:
    """A share's interval as '16,1–25,1 %' (empty when a bound is missing)."""
    shown = interval(low, high, decimals, scale=100)
    return f"{shown}{NBSP}%" if shown else ""


def p_value(p: float) -> str:
    """'< 0,001' or '= 0,042': a p-value with its relation sign."""
    return "< 0,001" if p < 0.001 else f"= {number(p, 3)}"


def p_cell(p: float) -> str:
    """A p-value in a table cell: '0,042', or '< 0,001' (never '0,00')."""
    return "< 0,001" if p < 0.001 else number(p, 3)


def points(value: float, decimals: int = 1) -> str:
    """A difference of shares, given in percentage points, as '12,5 procentenheter' (its size, no sign)."""
    return f"{number(abs(value), decimals)} procentenheter"


def signed_percent(change: float, decimals: int = 1) -> str:
    """A change in percent with its sign: '+6,0 %', '−3,2 %'."""
    shown = number(change, decimals)
    return f"{'+' if change > 0 and shown.strip('0,') else ''}{shown}{NBSP}%"
