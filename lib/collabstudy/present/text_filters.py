"""The Swedish number style as the text templates' filters: each figure formatted once, carrying its registry
key when it has one (a `Stated`), and text from data escaped for Markdown.
"""

from __future__ import annotations

import datetime as dt
import math

from jinja2 import TemplateError
from markupsafe import Markup, escape

from ..io.figures import Stated
from . import formatting as f
from .markdown import safe


def _value(figure) -> object:
    return figure.value if isinstance(figure, Stated) else figure


# A figure the registry holds without a value (status 'saknas'): said, never left blank or shown as zero.
MISSING_FIGURE = "uppgift saknas"


def _shown(figure, text: str) -> Markup:
    """The formatted figure, carrying its key when it has one; a missing one said as missing."""
    if not text:
        text = MISSING_FIGURE
    if isinstance(figure, Stated):
        return Markup('<span data-key="{}">{}</span>').format(figure.key, text)
    return Markup(escape(text))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(figure, decimals: int = 0) -> Markup:
    """'16 018 559', '2,1', '−2,7'."""
    return _shown(figure, f.number(_value(figure), decimals))


def size(figure, decimals: int = 0) -> Markup:
    """A figure's size without its sign ('2,7' for −2,7): the sign is said in words."""
    value = _value(figure)
    return _shown(figure, f.number(None if _missing(value) else abs(value), decimals))


def percent(figure, decimals: int = 1) -> Markup:
    """A share (0–1) as '20,3 %'."""
    return _shown(figure, f.percent(_value(figure), decimals))


def pp(figure, decimals: int = 1) -> Markup:
    """A difference of shares (0–1) in percentage points, with its sign: '−12,5'."""
    value = _value(figure)
    return _shown(figure, f.number(None if _missing(value) else value * 100, decimals))


def pp_size(figure, decimals: int = 1) -> Markup:
    """A difference of shares (0–1) in percentage points, without its sign: '12,5'."""
    value = _value(figure)
    return _shown(figure, f.number(None if _missing(value) else abs(value) * 100, decimals))


def percent_size(figure, decimals: int = 1) -> Markup:
    """A share (0–1) as a percent without its sign: '30 %' for −0,30 (the sign is said in words)."""
    value = _value(figure)
    return _shown(figure, f.percent(None if _missing(value) else abs(value), decimals))


def sek(figure) -> Markup:
    """An amount as '16 018 559 kr'."""
    return _shown(figure, f.sek(_value(figure)))


def signed_percent(figure, decimals: int = 1) -> Markup:
    """A change in percent with its sign: '+6,0 %'."""
    return _shown(figure, f.signed_percent(_value(figure), decimals))


def p_value(figure) -> Markup:
    """'< 0,001' or '= 0,042'."""
    return _shown(figure, f.p_value(_value(figure)))


def interval(low, high, decimals: int = 1, scale: float = 1) -> Markup:
    """'16,1–25,1', or '−17,5 till −6,9' when a bound is negative (a dash there would read as a minus)."""
    a, b = _value(low) * scale, _value(high) * scale
    joiner = " till " if min(a, b) < 0 else "–"
    return Markup("{}{}{}").format(_shown(low, f.number(a, decimals)), joiner, _shown(high, f.number(b, decimals)))


def percent_interval(low, high, decimals: int = 1) -> Markup:
    """A share's interval as '16,1–25,1 %'."""
    return interval(low, high, decimals, scale=100) + Markup(f.NBSP + "%")


def x_of_y(count, whole, share=None, decimals: int = 1) -> Markup:
    """'62 av 306 (20,3 %)': the denominator beside every share. A share the registry holds is given
    (`share`); from plain numbers (a technical page's table) it is the count over the whole."""
    if _missing(_value(whole)):  # no denominator: nothing of it can be said
        return _shown(whole, MISSING_FIGURE)
    if _missing(_value(count)):
        return Markup("{} (av {})").format(_shown(count, MISSING_FIGURE), number(whole))
    shown = Markup("{} av {}").format(number(count), number(whole))
    if share is None:
        if isinstance(count, Stated) or isinstance(whole, Stated):
            raise TemplateError("x_of_y: en andel ur registret måste anges (share), den räknas inte i texten")
        if not _value(whole):
            return shown
        share = _value(count) / _value(whole)
    if _missing(_value(share)):
        return shown
    return shown + Markup(" ({})").format(percent(share, decimals))


def count_noun(figure, one: str, many: str, none: str = "inga") -> Markup:
    """'inga varningar', '1 varning', '4 varningar': a count with the noun in its right number."""
    value = _value(figure)
    if not value:
        return Markup(escape(f"{none} {many}"))
    return Markup("{} {}").format(number(figure), one if value == 1 else many)


def noun(figure, one: str, many: str) -> Markup:
    """The noun in the number a count asks for: 'månad' for 1, 'månader' otherwise."""
    return Markup(escape(one if _value(figure) == 1 else many))


def _date(value) -> dt.date:
    """A date from the registry (ISO text) or from params (a date)."""
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _md(text) -> Markup:
    """Text for Markdown: as it is when the study made it (Markup), otherwise escaped."""
    return text if isinstance(text, Markup) else Markup(safe(str(text)))


def and_list(items) -> Markup:
    """'A', 'A och B', 'A, B och C'; each item escaped unless the study made it."""
    shown = [_md(item) for item in items]
    if not shown:
        return Markup("")
    if len(shown) == 1:
        return shown[0]
    return Markup(", ").join(shown[:-1]) + Markup(" och ") + shown[-1]


def quoted(text) -> Markup:
    """A label from data in Swedish quotation marks: ”…”, escaped."""
    return Markup("”") + _md(text) + Markup("”")


def genitive(name) -> Markup:
    """'Svedalas', 'Lundsås'."""
    return _md(f.genitive(str(name)))


def lower(text) -> Markup:
    return _md(text).lower() if isinstance(text, Markup) else _md(str(text).lower())


def first_lower(text) -> Markup:
    """The text with its first letter in lower case (a remark set inside a sentence)."""
    text = _md(text)
    return text[:1].lower() + text[1:]


def capitalize_first(text) -> Markup:
    """The text with its first letter in upper case and the rest as it is (Jinja's capitalize lowers it)."""
    text = _md(text)
    return text[:1].upper() + text[1:]


FILTERS = {
    "number": number,
    "size": size,
    "percent": percent,
    "percent_size": percent_size,
    "noun": noun,
    "value": _value,
    "pp": pp,
    "pp_size": pp_size,
    "sek": sek,
    "signed_percent": signed_percent,
    "p_value": p_value,
    "count_noun": count_noun,
    "and_list": and_list,
    "quoted": quoted,
    "genitive": genitive,
    "lower": lower,
    "first_lower": first_lower,
    "capitalize_first": capitalize_first,
    "long_date": lambda day: Markup(f.long_date(_date(day))),
    "month_span": lambda first, last: Markup(f.month_span(_date(first), _date(last))),
}


GLOBALS = {
    "interval": interval,
    "percent_interval": percent_interval,
    "x_of_y": x_of_y,
    "date_span": lambda first, last: Markup(f.date_span(_date(first), _date(last))),
    "NBSP": Markup(f.NBSP),
}
