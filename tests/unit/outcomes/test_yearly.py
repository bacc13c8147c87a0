"""collabstudy.outcomes.yearly: levels, paid per household, year-on-year changes; doubt and gaps are carried along."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from collabstudy.outcomes.yearly import trend, year_on_year, yearly_levels
from collabstudy.study.vocabulary import PER_HOUSEHOLD, YEARLY_MEASURES, worst

NAN = float("nan")
UNITS = {
    "households": "antal",
    "individuals_fa": "antal",
    "individuals_fa_adults": "antal",
    "enrolled": "antal",
    "fa_paid": "kr",
}


def observation(measure: str, year: int, value: float, status: str = "ok") -> dict:
    """One per-year cell, shaped like readers.read_yearly."""
    return {
        "measure": measure,
        "municipality": "S",
        "period_start": dt.date(year, 1, 1),
        "period_end": dt.date(year, 12, 31),
        "value": value,
        "unit": UNITS[measure],
        "status": status,
        "decimals": 0,
        "published": "" if status == "saknas" else f"{value:g}",
        "remark": "",
        "footnote": pd.NA,
        "file": "per-ar.csv",
        "row": 1,
        "column": str(year),
    }


# 2021 is uncertain for households and individuals and missing for enrolled.
TABLE = {
    "households": [(2019, 280, "ok"), (2020, 300, "ok"), (2021, 250, "osäker"), (2022, 260, "ok")],
    "individuals_fa": [(2019, 600, "ok"), (2020, 650, "ok"), (2021, 510, "osäker"), (2022, 440, "ok")],
    "enrolled": [(2019, 200, "ok"), (2020, 300, "ok"), (2021, NAN, "saknas"), (2022, 330, "ok")],
    "fa_paid": [(2019, 16_800_000, "ok"), (2020, 18_000_000, "ok"), (2021, 16_000_000, "ok"), (2022, 15_600_000, "ok")],
    "individuals_fa_adults": [(2022, 290, "ok")],
}


def yearly_frame(table: dict = TABLE) -> pd.DataFrame:
    return pd.DataFrame(
        [
            observation(measure, year, float(value), status)
            for measure, cells in table.items()
            for year, value, status in cells
        ]
    )


def cell(frame: pd.DataFrame, measure: str, year: int, column: str = "value"):
    match = frame[(frame["measure"] == measure) & (frame["year"] == year)]
    assert len(match) == 1
    return match.iloc[0][column]


@pytest.fixture
def levels() -> pd.DataFrame:
    return yearly_levels(yearly_frame())


# --- worst -------------------------------------------------------------------------------------


def test_worst_of_ok_is_ok():
    assert worst("ok", "ok") == "ok"


def test_worst_uncertain_beats_ok():
    assert worst("ok", "osäker") == "osäker"
    assert worst("osäker", "ok") == "osäker"


def test_worst_missing_beats_everything():
    assert worst("osäker", "saknas", "ok") == "saknas"


def test_worst_of_one():
    assert worst("osäker") == "osäker"


def test_worst_rejects_unknown_status():
    with pytest.raises(KeyError):
        worst("ok", "okänd")


# --- yearly_levels -----------------------------------------------------------------------------


def test_levels_keep_only_yearly_measures_plus_per_household(levels):
    assert set(levels["measure"]) == set(YEARLY_MEASURES) | {PER_HOUSEHOLD}
    assert "individuals_fa_adults" not in set(levels["measure"])


def test_levels_year_from_period_start(levels):
    assert sorted(levels["year"].unique()) == [2019, 2020, 2021, 2022]


def test_levels_keep_source_values_and_status(levels):
    assert cell(levels, "households", 2020) == 300
    assert cell(levels, "households", 2021, "status") == "osäker"
    assert cell(levels, "enrolled", 2021, "status") == "saknas"
    assert pd.isna(cell(levels, "enrolled", 2021))


def test_levels_sorted_by_measure_then_year(levels):
    keys = list(zip(levels["measure"], levels["year"]))
    assert keys == sorted(keys)


def test_paid_per_household_is_paid_over_households(levels):
    assert cell(levels, PER_HOUSEHOLD, 2019) == pytest.approx(16_800_000 / 280)
    assert cell(levels, PER_HOUSEHOLD, 2020) == pytest.approx(60_000)
    assert cell(levels, PER_HOUSEHOLD, 2022) == pytest.approx(60_000)


def test_paid_per_household_ok_when_both_ok(levels):
    assert cell(levels, PER_HOUSEHOLD, 2020, "status") == "ok"


def test_paid_per_household_uncertain_when_households_uncertain(levels):
    assert cell(levels, PER_HOUSEHOLD, 2021, "status") == "osäker"
    assert cell(levels, PER_HOUSEHOLD, 2021) == pytest.approx(64_000)


def test_paid_per_household_missing_when_households_missing():
    table = dict(
        TABLE,
        households=[(2019, 280, "ok"), (2020, NAN, "saknas")],
        fa_paid=[(2019, 16_800_000, "osäker"), (2020, 18_000_000, "ok")],
    )
    levels = yearly_levels(yearly_frame(table))
    assert cell(levels, PER_HOUSEHOLD, 2020, "status") == "saknas"
    assert pd.isna(cell(levels, PER_HOUSEHOLD, 2020))
    assert cell(levels, PER_HOUSEHOLD, 2019, "status") == "osäker"  # paid uncertain, households ok


def test_paid_per_household_one_row_per_year(levels):
    assert sorted(levels.loc[levels["measure"] == PER_HOUSEHOLD, "year"]) == [2019, 2020, 2021, 2022]


# --- year_on_year ------------------------------------------------------------------------------


def change(changes: pd.DataFrame, measure: str, to_year: int) -> pd.Series:
    match = changes[(changes["measure"] == measure) & (changes["to_year"] == to_year)]
    assert len(match) == 1
    return match.iloc[0]


@pytest.fixture
def changes(levels) -> pd.DataFrame:
    return year_on_year(levels)


def test_change_is_percent_of_year_before(changes):
    row = change(changes, "enrolled", 2020)  # 200 → 300: +50 %
    assert row["from_year"] == 2019
    assert row["from_value"] == 200 and row["to_value"] == 300
    assert row["change_pct"] == pytest.approx(50)


def test_change_can_be_negative(changes):
    assert change(changes, "fa_paid", 2021)["change_pct"] == pytest.approx((16_000_000 / 18_000_000 - 1) * 100)


def test_change_between_two_ok_years_is_ok_and_usable(changes):
    row = change(changes, "households", 2020)
    assert row["status"] == "ok"
    assert bool(row["usable_for_trend"])


def test_change_into_uncertain_year_is_uncertain_not_usable(changes):
    row = change(changes, "households", 2021)  # 300 → 250 (osäker)
    assert row["status"] == "osäker"
    assert row["change_pct"] == pytest.approx((250 / 300 - 1) * 100)
    assert not bool(row["usable_for_trend"])


def test_change_out_of_uncertain_year_is_uncertain(changes):
    row = change(changes, "households", 2022)  # 250 (osäker) → 260
    assert row["status"] == "osäker"
    assert not bool(row["usable_for_trend"])


def test_change_involving_missing_year_has_no_value(changes):
    for to_year in (2021, 2022):  # 2020 → 2021 (saknas) and 2021 (saknas) → 2022
        row = change(changes, "enrolled", to_year)
        assert row["status"] == "saknas"
        assert row["change_pct"] is None or pd.isna(row["change_pct"])
        assert not bool(row["usable_for_trend"])


def test_change_per_household_carries_derived_status(changes):
    assert change(changes, PER_HOUSEHOLD, 2021)["status"] == "osäker"
    assert change(changes, PER_HOUSEHOLD, 2020)["change_pct"] == pytest.approx((60_000 / (16_800_000 / 280) - 1) * 100)


def test_changes_one_per_consecutive_pair(changes):
    assert len(changes) == 5 * 3  # five measures, four years each
    assert (changes["to_year"] - changes["from_year"] == 1).all()


def test_usable_for_trend_only_when_ok(changes):
    assert (changes["usable_for_trend"] == (changes["status"] == "ok")).all()


# --- trend -------------------------------------------------------------------------------------


def test_trend_between_two_ok_years(levels):
    result = trend(levels, "households", 2019, 2020)
    assert result["change_pct"] == pytest.approx((300 / 280 - 1) * 100)
    assert result["reason"] == ""


def test_trend_skips_uncertain_middle_year(levels):
    # Only the two end points matter: 280 (2019) → 260 (2022), both ok.
    assert trend(levels, "households", 2019, 2022)["change_pct"] == pytest.approx((260 / 280 - 1) * 100)


def test_trend_refuses_uncertain_end_year(levels):
    result = trend(levels, "households", 2019, 2021)
    assert result["change_pct"] is None
    assert "2021" in result["reason"] and "osäker" in result["reason"]
    assert "2019" not in result["reason"]


def test_trend_refuses_missing_end_year(levels):
    result = trend(levels, "enrolled", 2021, 2022)
    assert result["change_pct"] is None
    assert "2021" in result["reason"] and "saknas" in result["reason"]


def test_trend_names_both_unusable_years(levels):
    table = dict(TABLE, households=[(2019, 280, "saknas"), (2020, 300, "ok"), (2021, 250, "osäker"), (2022, 260, "ok")])
    result = trend(yearly_levels(yearly_frame(table)), "households", 2019, 2021)
    assert result["change_pct"] is None
    assert "2019" in result["reason"] and "saknas" in result["reason"]
    assert "2021" in result["reason"] and "osäker" in result["reason"]


def test_trend_refuses_year_not_in_series(levels):
    result = trend(levels, "households", 2019, 2030)
    assert result["change_pct"] is None
    assert result["reason"] == "året saknas i serien"


# --- several municipalities and the year so far ---------------------------------------------------


def test_each_municipality_keeps_its_own_levels_and_changes():
    frame = pd.concat([yearly_frame(), yearly_frame().assign(municipality="T", value=lambda f: f["value"] * 2)])
    levels = yearly_levels(frame)
    assert set(levels["municipality"]) == {"S", "T"}
    households = levels[(levels["measure"] == "households") & (levels["year"] == 2019)].set_index("municipality")
    assert households.loc["T", "value"] == 2 * households.loc["S", "value"]
    changes = year_on_year(levels)
    assert set(changes["municipality"]) == {"S", "T"}
    assert len(changes[changes["municipality"] == "S"]) == len(changes[changes["municipality"] == "T"])


def test_the_year_so_far_is_shown_but_never_compared_with_whole_years():
    partial = observation("households", 2023, 100.0) | {"period_end": dt.date(2023, 3, 31)}
    levels = yearly_levels(pd.concat([yearly_frame(), pd.DataFrame([partial])], ignore_index=True))
    assert bool(cell(levels, "households", 2023, "partial")) and not bool(cell(levels, "households", 2022, "partial"))
    changes = year_on_year(levels)
    assert 2023 not in set(changes["to_year"])
    from collabstudy.outcomes.yearly import trend_between_solid_years

    assert trend_between_solid_years(levels[levels["municipality"] == "S"], "households")["last"] == 2022


def test_the_yearly_table_heads_the_year_so_far(published):
    from collabstudy.outcomes.tables import yearly_table

    partial = observation("households", 2023, 100.0) | {"period_end": dt.date(2023, 3, 31)}
    levels = yearly_levels(pd.concat([yearly_frame(), pd.DataFrame([partial])], ignore_index=True))
    html = yearly_table(levels, year_on_year(levels), published).to_html()
    assert "2023 (hittills i år)" in html and "Svedala" in html
