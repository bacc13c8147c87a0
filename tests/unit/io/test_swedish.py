"""collabstudy.io.swedish: Swedish numbers and published cells, read without losing anything."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabstudy.io.swedish import Cell, decimals_of, parse_cell, parse_number

NBSP = "\u00a0"  # no-break space
THIN = "\u2009"  # thin space
NNBSP = "\u202f"  # narrow no-break space
MINUS = "\u2212"  # typographic minus


# --- parse_number -----------------------------------------------------------------------------


def test_plain_integer():
    assert parse_number("306") == 306


def test_decimal_comma():
    assert parse_number("2,1") == pytest.approx(2.1)


@pytest.mark.parametrize("space", [" ", NBSP, THIN, NNBSP], ids=["space", "nbsp", "thin", "narrow-nbsp"])
def test_thousands_separator_kinds(space):
    assert parse_number(f"17{space}281{space}110") == 17_281_110


def test_thousands_and_decimals_together():
    assert parse_number(f"1{NBSP}234,5") == pytest.approx(1234.5)


def test_typographic_minus():
    assert parse_number(f"{MINUS}3") == -3


def test_ascii_minus():
    assert parse_number("-3,5") == pytest.approx(-3.5)


def test_negative_with_thousands():
    assert parse_number(f"{MINUS}1 234") == -1234


def test_surrounding_spaces_ignored():
    assert parse_number(" 12 ") == 12


def test_returns_float():
    assert isinstance(parse_number("5"), float)


def test_decimal_point_rejected_with_swedish_hint():
    with pytest.raises(ValueError, match="decimalkomma"):
        parse_number("12.5")


def test_text_rejected():
    with pytest.raises(ValueError, match="inte ett tal"):
        parse_number("tolv")


def test_empty_text_rejected():
    with pytest.raises(ValueError):
        parse_number("")


@pytest.mark.parametrize("text", ["1 23", "12 34", "1,", ",5", "1,2,3", "12 %"])
def test_malformed_numbers_rejected(text):
    with pytest.raises(ValueError):
        parse_number(text)


# --- decimals_of ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("306", 0),
        ("2,1", 1),
        ("20,35", 2),
        ("1 234,500", 3),
        (f"16{NBSP}018{NBSP}559", 0),
        ("20,3 %", 1),
    ],
)
def test_decimals_of_counts_published_decimals(text, expected):
    assert decimals_of(text) == expected


# --- parse_cell -------------------------------------------------------------------------------


def test_cell_plain_number():
    cell = parse_cell("306")
    assert (cell.value, cell.unit, cell.decimals, cell.status) == (306, "", 0, "ok")


def test_cell_keeps_published_text():
    assert parse_cell("20,3 %").published == "20,3 %"


@pytest.mark.parametrize("text", ["20,3 %", "20,3%", f"20,3{NBSP}%"])
def test_cell_percent_unit(text):
    cell = parse_cell(text)
    assert cell.unit == "%"
    assert cell.value == pytest.approx(20.3)
    assert cell.decimals == 1


def test_cell_kronor_unit():
    cell = parse_cell(f"16{NBSP}018{NBSP}559{NBSP}kr")
    assert (cell.value, cell.unit) == (16_018_559, "kr")


def test_cell_parentheses_mark_uncertain_with_remark():
    cell = parse_cell("(252) Statistik i 2 system")
    assert cell.value == 252
    assert cell.uncertain is True
    assert cell.missing is False
    assert cell.remark == "Statistik i 2 system"
    assert cell.status == "osäker"


def test_cell_oklart_is_missing_with_remark():
    cell = parse_cell("Oklart Statistik i 2 system")
    assert cell.missing is True
    assert cell.value is None
    assert cell.remark == "Statistik i 2 system"
    assert cell.status == "saknas"


@pytest.mark.parametrize("text", ["", "   ", None, "nan"])
def test_cell_empty_is_missing(text):
    cell = parse_cell(text)
    assert cell.missing is True
    assert cell.value is None
    assert cell.status == "saknas"


@pytest.mark.parametrize("text", ["saknas", "Uppgift saknas", "..", "–"])
def test_cell_missing_words(text):
    assert parse_cell(text).missing is True


def test_cell_superscript_footnote():
    cell = parse_cell("318³")
    assert cell.value == 318
    assert cell.footnote == 3
    assert cell.status == "ok"


def test_cell_without_footnote_has_none():
    assert parse_cell("318").footnote is None


def test_cell_labelled_counts():
    cell = parse_cell("444 unika individer 289 vuxna 146 barn", part_labels=("vuxna", "barn"))
    assert cell.value == 444
    assert cell.remark == "unika individer"
    assert cell.parts == ((289, "vuxna"), (146, "barn"))


def test_cell_remark_without_counts_has_no_parts():
    cell = parse_cell("252 Statistik i 2 system")
    assert cell.remark == "Statistik i 2 system"
    assert cell.parts == ()


@pytest.mark.parametrize("text", ["(252", "252)", "(252 Statistik i 2 system"])
def test_cell_unbalanced_parenthesis_rejected(text):
    with pytest.raises(ValueError, match="parentes"):
        parse_cell(text)


def test_cell_digits_not_forming_a_number_rejected():
    with pytest.raises(ValueError, match="siffror"):
        parse_cell("1 23")


def test_cell_decimal_point_rejected_with_swedish_hint():
    with pytest.raises(ValueError, match="decimalkomma"):
        parse_cell("12.5")


def test_cell_text_rejected():
    with pytest.raises(ValueError):
        parse_cell("ungefär hälften")


def test_cell_status_values():
    assert Cell(published="1", value=1.0).status == "ok"
    assert Cell(published="(1)", value=1.0, uncertain=True).status == "osäker"
    assert Cell(published="", missing=True).status == "saknas"


def test_cell_is_immutable():
    cell = parse_cell("1")
    with pytest.raises(AttributeError):
        cell.value = 2  # type: ignore[misc]


# --- properties -------------------------------------------------------------------------------

SEPARATORS = st.sampled_from([" ", NBSP, NNBSP])
SIGNS = st.sampled_from(["-", MINUS])


def swedish(magnitude_text: str, separator: str) -> str:
    """'1234567.891' -> '1 234 567,891' with the given thousands separator (written independently)."""
    whole, _, fraction = magnitude_text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = separator.join(groups)
    return f"{text},{fraction}" if fraction else text


@given(st.integers(min_value=-(10**15), max_value=10**15), SEPARATORS, SIGNS)
def test_property_integers_round_trip(value, separator, sign):
    text = swedish(str(abs(value)), separator)
    if value < 0:
        text = sign + text
    assert parse_number(text) == value


@given(
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=3),
    SEPARATORS,
)
def test_property_floats_round_trip(value, decimals, separator):
    rounded = f"{value:.{decimals}f}"
    assert parse_number(swedish(rounded, separator)) == float(rounded)


@given(
    st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["", " ", NBSP]),
)
def test_property_percent_cell(value, decimals, before_unit):
    rounded = f"{value:.{decimals}f}"
    cell = parse_cell(f"{swedish(rounded, NBSP)}{before_unit}%")
    assert cell.unit == "%"
    assert cell.value == float(rounded)
    assert cell.decimals == decimals


@given(st.text())
def test_property_parse_number_only_raises_value_error(text):
    try:
        result = parse_number(text)
    except ValueError:
        return
    assert isinstance(result, float)


def test_cell_unit_inside_parentheses_is_uncertain():
    cell = parse_cell("(12 %)")
    assert (cell.value, cell.unit, cell.uncertain) == (12, "%", True)


def test_non_ascii_digits_are_not_numbers():
    with pytest.raises(ValueError):
        parse_number("\u0663")


# --- a dot as thousands separator ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1.029", "'1.029' ser ut att ha punkt som tusentalsavgränsare; skriv 1029 eller 1 029"),
        ("1.029.345", "'1.029.345' ser ut att ha punkt som tusentalsavgränsare; skriv 1029345 eller 1 029 345"),
        ("1.029,5", "skriv 1029,5 eller 1 029,5"),
        ("-1.029", "skriv -1029 eller -1 029"),
        ("1.029 kr", "skriv 1029 kr eller 1 029 kr"),
    ],
)
def test_dot_as_thousands_separator_is_named_as_such(text, hint):
    with pytest.raises(ValueError) as info:
        parse_cell(text)
    assert hint in str(info.value)
    assert "decimalkomma (t.ex." not in str(info.value)


def test_one_group_of_three_digits_may_be_a_decimal_too_and_the_hint_says_both():
    with pytest.raises(ValueError) as info:
        parse_number("2.125")
    assert str(info.value) == (
        "'2.125' ser ut att ha punkt som tusentalsavgränsare; skriv 2125 eller 2 125 "
        "(eller 2,125 om punkten är decimaltecken)"
    )


def test_several_groups_cannot_be_a_decimal_and_the_hint_says_only_thousands():
    with pytest.raises(ValueError) as info:
        parse_number("1.029.345")
    assert "decimaltecken" not in str(info.value)


@pytest.mark.parametrize("text", ["2.1", "20.3%", "1.02", "0.125", "1234.567", "(2.15)"])
def test_a_real_decimal_point_still_gets_the_decimal_comma_hint(text):
    with pytest.raises(ValueError) as info:
        parse_cell(text)
    assert "har punkt som decimaltecken; skriv decimalkomma (t.ex. 2,1)" in str(info.value)
    assert "tusental" not in str(info.value)


def test_a_dotted_date_is_no_thousands_separator():
    with pytest.raises(ValueError) as info:
        parse_cell("12.03.2022")
    assert "tusental" not in str(info.value)


@pytest.mark.parametrize(("text", "value"), [("40 %", 40), ("40,5 %", 40.5), (f"40{NBSP}%", 40)])
def test_percent_with_a_space_as_excel_shows_it_is_read(text, value):
    cell = parse_cell(text)
    assert (cell.value, cell.unit) == (pytest.approx(value), "%")
