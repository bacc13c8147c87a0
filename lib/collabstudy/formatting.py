"""Numbers and dates the Swedish way, for everything a reader sees."""
from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from .vocabulary import MONTHS

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
    """'62 av 306 (20,3 %)': the denominator beside every share."""
    return f"{number(part)} av {number(whole)} ({percent(part / whole, decimals)})"


def long_date(day: dt.date) -> str:
    """'31 mars 2023'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
