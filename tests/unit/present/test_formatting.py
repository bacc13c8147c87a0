"""collabstudy.present.formatting: numbers and dates the Swedish way; a missing value is blank, never 0."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from collabstudy.present.formatting import long_date, number, percent, sek, x_of_y

NBSP = "\u00a0"  # the character itself: expectations built from the module's own NBSP would follow any change to it

MISSING = [None, float("nan"), math.nan, np.nan, np.float64("nan")]
MISSING_IDS = ["None", "float-nan", "math-nan", "np-nan", "np-float64-nan"]


# --- number -----------------------------------------------------------------------------------


def test_number_small_integer():
    assert number(306) == "306"


def test_number_thousands_separated_by_nbsp():
    assert number(16_018_559) == f"16{NBSP}018{NBSP}559"


def test_number_no_plain_space_or_comma_grouping():
    text = number(1_234_567)
    assert " " not in text
    assert "," not in text


def test_number_decimal_comma():
    assert number(2.1, 1) == "2,1"


def test_number_thousands_and_decimals():
    assert number(1234.5, 2) == f"1{NBSP}234,50"


def test_number_rounds_to_requested_decimals():
    assert number(5.16, 1) == "5,2"


def test_number_default_has_no_decimals():
    assert number(62.4) == "62"


def test_number_zero_is_zero():
    assert number(0) == "0"


def test_number_negative():
    assert number(-1234, 0) == f"\u22121{NBSP}234"


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_number_missing_is_empty(value):
    assert number(value) == ""


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_number_missing_is_empty_with_decimals(value):
    assert number(value, 2) == ""


def test_number_negative_value_rounding_to_zero_has_no_minus():
    assert number(-0.04, 1) == "0,0"


# --- percent ----------------------------------------------------------------------------------


def test_percent_share_as_percent_with_one_decimal():
    assert percent(0.203) == f"20,3{NBSP}%"


def test_percent_nbsp_before_sign():
    assert percent(0.5).endswith(f"{NBSP}%")


def test_percent_decimals():
    assert percent(0.1234, 2) == f"12,34{NBSP}%"


def test_percent_no_decimals():
    assert percent(0.4, 0) == f"40{NBSP}%"


def test_percent_zero_is_zero():
    assert percent(0.0) == f"0,0{NBSP}%"


def test_percent_over_hundred_grouped():
    assert percent(12.5, 0) == f"1{NBSP}250{NBSP}%"


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_percent_missing_is_empty(value):
    assert percent(value) == ""


# --- sek --------------------------------------------------------------------------------------


def test_sek_amount():
    assert sek(16_018_559) == f"16{NBSP}018{NBSP}559{NBSP}kr"


def test_sek_rounds_to_whole_kronor():
    assert sek(1234.6) == f"1{NBSP}235{NBSP}kr"


def test_sek_zero_is_zero_kronor():
    assert sek(0) == f"0{NBSP}kr"


@pytest.mark.parametrize("value", MISSING, ids=MISSING_IDS)
def test_sek_missing_is_empty(value):
    assert sek(value) == ""


# --- x_of_y -----------------------------------------------------------------------------------


def test_x_of_y_shows_denominator_and_share():
    assert x_of_y(62, 306) == f"62 av 306 (20,3{NBSP}%)"


def test_x_of_y_large_numbers_grouped():
    assert x_of_y(507, 1029, 0) == f"507 av 1{NBSP}029 (49{NBSP}%)"


def test_x_of_y_decimals():
    assert x_of_y(1, 3, 2) == f"1 av 3 (33,33{NBSP}%)"


# --- long_date --------------------------------------------------------------------------------


def test_long_date():
    assert long_date(dt.date(2023, 3, 31)) == "31 mars 2023"


def test_long_date_no_leading_zero():
    assert long_date(dt.date(2022, 4, 1)) == "1 april 2022"


@pytest.mark.parametrize(("month", "name"), [(1, "januari"), (5, "maj"), (12, "december")])
def test_long_date_month_names_lowercase_swedish(month, name):
    assert long_date(dt.date(2021, month, 7)) == f"7 {name} 2021"


def test_a_change_shown_as_zero_has_no_sign():
    from collabstudy.present.formatting import signed_percent

    assert signed_percent(0.04) == f"0,0{NBSP}%" and signed_percent(6.0) == f"+6,0{NBSP}%"
    assert signed_percent(-3.2) == f"\u22123,2{NBSP}%"


def test_a_p_value_cell_never_shows_zero():
    from collabstudy.present.formatting import p_cell

    assert p_cell(0.0004) == "< 0,001" and p_cell(0.0421) == "0,042"


def test_month_span_reads_as_swedish():
    import datetime as dt

    from collabstudy.present import formatting as f

    assert f.month_span(dt.date(2022, 4, 1), dt.date(2022, 12, 31)) == "april–december 2022"
    assert f.month_span(dt.date(2021, 9, 1), dt.date(2023, 3, 31)) == "september 2021–mars 2023"
    assert f.month_span(dt.date(2022, 4, 1), dt.date(2022, 4, 30)) == "april 2022"


def test_genitive_adds_no_s_after_s_x_or_z():
    from collabstudy.present.formatting import genitive

    assert genitive("Svedala") == "Svedalas" and genitive("Lundsås") == "Lundsås" and genitive("Ystad") == "Ystads"


def test_x_of_y_of_nobody_has_no_share():
    assert x_of_y(0, 0) == "0 av 0"
