"""Months and periods, the Swedish way."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def today() -> dt.date:
    """The date the study runs on: what lies after it has not happened (one place, for the tests to move)."""
    return dt.date.today()


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def is_calendar_year(start: dt.date, end: dt.date) -> bool:
    """Whether a period is one whole calendar year (1 January to 31 December of the same year)."""
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year


def month_label(day: dt.date) -> str:
    """'sep 2021': a month as a short axis label."""
    return f"{MONTHS[day.month - 1][:3]} {day.year}"
