"""collabstudy.outcomes (shares, goal, baseline): shares of enrolled with Wilson intervals, the gap, TOST, closures needed, baseline.

Every expected value is computed here from its textbook formula (or is hand arithmetic),
never taken from the function under test.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from statistics import NormalDist

import pandas as pd
import pytest

from collabstudy.outcomes.baseline import baseline_comparison
from collabstudy.outcomes.goal import closures_needed, equivalence, gap_now
from collabstudy.outcomes.shares import SHARE_NUMERATORS, shares_of_enrolled
from collabstudy.outcomes.tables import share_text

NBSP = "\u00a0"
START, END = dt.date(2022, 4, 1), dt.date(2023, 3, 31)
UNITS = {
    "enrolled": "antal",
    "closures": "antal",
    "closure_share": "andel",
    "households": "antal",
    "closures_work_studies": "antal",
    "closures_work": "antal",
    "closures_studies": "antal",
    "work_studies_share": "andel",
    "closures_other": "antal",
}


# --- helpers ----------------------------------------------------------------------------------


def municipality_rows(
    code: str, enrolled: int, work: int, studies: int, other: int, households: int = 100
) -> list[dict]:
    """The rolling-12-month observations of one municipality, shaped like readers.read_rolling_12m."""
    work_studies = work + studies
    closures = work_studies + other
    values = {
        "enrolled": enrolled,
        "closures": closures,
        "closure_share": round(closures / enrolled, 2),
        "households": households,
        "closures_work_studies": work_studies,
        "closures_work": work,
        "closures_studies": studies,
        "work_studies_share": round(work_studies / enrolled, 2),
        "closures_other": other,
    }
    rows = []
    for measure, value in values.items():
        share = UNITS[measure] == "andel"
        rows.append(
            {
                "measure": measure,
                "municipality": code,
                "period_start": START,
                "period_end": END,
                "value": float(value),
                "unit": UNITS[measure],
                "status": "ok",
                "decimals": 0,
                "published": f"{round(value * 100)}%" if share else str(value),
                "remark": "",
                "footnote": pd.NA,
                "file": "rullande.csv",
                "row": 1,
                "column": code,
            }
        )
    return rows


def rolling(*municipalities: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([row for rows in municipalities for row in rows])


def own_wilson(count: float, total: float, level: float) -> tuple[float, float]:
    """Wilson score interval, written out: (x + z²/2)/(n + z²) ± z/(n + z²)·√(x(n − x)/n + z²/4)."""
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    centre = (count + z * z / 2) / (total + z * z)
    half = z / (total + z * z) * math.sqrt(count * (total - count) / total + z * z / 4)
    return centre - half, centre + half


def row_of(shares: pd.DataFrame, code: str, measure: str) -> pd.Series:
    match = shares[(shares["municipality"] == code) & (shares["measure"] == measure)]
    assert len(match) == 1
    return match.iloc[0]


# S: 60 of 300 to work/studies (20 %); T: 330 of 1000 (33 %).
S_ROWS = municipality_rows("S", enrolled=300, work=50, studies=10, other=60)
T_ROWS = municipality_rows("T", enrolled=1000, work=280, studies=50, other=170)


@pytest.fixture
def shares() -> pd.DataFrame:
    return shares_of_enrolled(rolling(S_ROWS, T_ROWS), 0.95)


# --- shares_of_enrolled ------------------------------------------------------------------------


def test_shares_one_row_per_municipality_and_numerator(shares):
    assert len(shares) == 2 * len(SHARE_NUMERATORS)
    for code in ("S", "T"):
        assert sorted(shares.loc[shares["municipality"] == code, "measure"]) == sorted(SHARE_NUMERATORS)


def test_share_is_count_over_enrolled(shares):
    row = row_of(shares, "S", "closures_work_studies")
    assert row["count"] == 60
    assert row["enrolled"] == 300
    assert row["share"] == pytest.approx(0.2)
    assert row_of(shares, "T", "closures_work_studies")["share"] == pytest.approx(0.33)
    assert row_of(shares, "S", "closures_studies")["share"] == pytest.approx(10 / 300)


def test_every_share_is_its_count_over_enrolled(shares):
    for row in shares.itertuples():
        assert row.share == pytest.approx(row.count / row.enrolled)


@pytest.mark.parametrize("level", [0.95, 0.90, 0.99])
def test_share_interval_is_wilson(level):
    shares = shares_of_enrolled(rolling(S_ROWS, T_ROWS), level)
    for row in shares.itertuples():
        low, high = own_wilson(row.count, row.enrolled, level)
        assert row.ci_low == pytest.approx(low, abs=1e-12)
        assert row.ci_high == pytest.approx(high, abs=1e-12)


def test_wilson_interval_is_not_symmetric_near_zero():
    """A Wilson interval around a small share is skewed upwards and never goes below 0."""
    shares = shares_of_enrolled(rolling(municipality_rows("S", 50, 1, 0, 5), T_ROWS), 0.95)
    row = row_of(shares, "S", "closures_studies")  # 0 of 50
    low, high = own_wilson(0, 50, 0.95)
    assert row["ci_low"] == pytest.approx(0, abs=1e-12)
    assert row["ci_high"] == pytest.approx(high)
    work = row_of(shares, "S", "closures_work")  # 1 of 50
    assert work["share"] - work["ci_low"] < work["ci_high"] - work["share"]


def test_wider_level_gives_wider_interval():
    narrow = row_of(shares_of_enrolled(rolling(S_ROWS, T_ROWS), 0.90), "S", "closures_work_studies")
    wide = row_of(shares_of_enrolled(rolling(S_ROWS, T_ROWS), 0.99), "S", "closures_work_studies")
    assert wide["ci_low"] < narrow["ci_low"] < 0.2 < narrow["ci_high"] < wide["ci_high"]


def test_share_text_is_x_av_y_with_swedish_percent(shares):
    assert share_text(row_of(shares, "S", "closures_work_studies")) == f"60 av 300 (20,0{NBSP}%)"


def test_share_text_groups_thousands_with_nbsp(shares):
    assert share_text(row_of(shares, "T", "closures_work_studies")) == f"330 av 1{NBSP}000 (33,0{NBSP}%)"


def test_share_text_uses_decimal_comma(shares):
    # 10 of 300 = 3,333… % → "3,3 %"
    assert share_text(row_of(shares, "S", "closures_studies")) == f"10 av 300 (3,3{NBSP}%)"


def test_published_share_beside_the_two_published_shares(shares):
    work_studies = row_of(shares, "S", "closures_work_studies")
    assert work_studies["published_share"] == pytest.approx(0.2)
    assert work_studies["published"] == "20%"
    closures = row_of(shares, "T", "closures")
    assert closures["published_share"] == pytest.approx(0.5)
    assert closures["published"] == "50%"


def test_no_published_share_for_the_parts(shares):
    for measure in ("closures_work", "closures_studies", "closures_other"):
        row = row_of(shares, "S", measure)
        assert row["published_share"] is None or pd.isna(row["published_share"])
        assert row["published"] is None or pd.isna(row["published"])


# --- gap_now -----------------------------------------------------------------------------------


def own_newcomb(x1: int, n1: int, x2: int, n2: int, level: float) -> tuple[float, float, float]:
    """Newcomb's hybrid score interval (method 10) from two Wilson intervals."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = own_wilson(x1, n1, level)
    l2, u2 = own_wilson(x2, n2, level)
    d = p1 - p2
    return d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def test_gap_is_goal_minus_reference(shares):
    gap = gap_now(shares, "S", "T", 0.95)
    assert gap["difference"] == pytest.approx(0.2 - 0.33)


@pytest.mark.parametrize("level", [0.95, 0.90])
def test_gap_interval_is_newcomb_hybrid_score(shares, level):
    gap = gap_now(shares, "S", "T", level)
    d, low, high = own_newcomb(60, 300, 330, 1000, level)
    assert gap["difference"] == pytest.approx(d)
    assert gap["ci_low"] == pytest.approx(low, abs=1e-10)
    assert gap["ci_high"] == pytest.approx(high, abs=1e-10)


def test_gap_interval_swaps_when_municipalities_swap(shares):
    forward, backward = gap_now(shares, "S", "T", 0.95), gap_now(shares, "T", "S", 0.95)
    assert backward["difference"] == pytest.approx(-forward["difference"])
    assert backward["ci_low"] == pytest.approx(-forward["ci_high"])
    assert backward["ci_high"] == pytest.approx(-forward["ci_low"])


def test_gap_score_test_sign_and_two_sided_p(shares):
    gap = gap_now(shares, "S", "T", 0.95)
    assert gap["z"] < 0  # the goal municipality is lower
    assert gap["p_value"] == pytest.approx(2 * NormalDist().cdf(-abs(gap["z"])), rel=1e-9)


def test_gap_score_statistic_uses_pooled_share_under_no_difference(shares):
    """Score test of p1 = p2 (Miettinen–Nurminen variance: pooled p, times N/(N − 1))."""
    x1, n1, x2, n2 = 60, 300, 330, 1000
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2) * (n1 + n2) / (n1 + n2 - 1)
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    gap = gap_now(shares, "S", "T", 0.95)
    assert gap["z"] == pytest.approx(z, rel=1e-9)


def test_gap_of_equal_shares_is_not_significant():
    equal = shares_of_enrolled(
        rolling(municipality_rows("S", 200, 40, 10, 50), municipality_rows("T", 400, 80, 20, 100)), 0.95
    )
    gap = gap_now(equal, "S", "T", 0.95)
    assert gap["difference"] == pytest.approx(0)
    assert gap["z"] == pytest.approx(0, abs=1e-12)
    assert gap["p_value"] == pytest.approx(1)
    assert gap["ci_low"] < 0 < gap["ci_high"]


# --- equivalence (TOST) ------------------------------------------------------------------------


def test_equivalence_margin_is_in_proportion_units(shares):
    assert equivalence(shares, "S", "T", 5)["margin"] == pytest.approx(0.05)


def test_equivalence_identical_large_samples_is_shown():
    same = shares_of_enrolled(
        rolling(municipality_rows("S", 5000, 800, 200, 1000), municipality_rows("T", 5000, 800, 200, 1000)), 0.95
    )
    assert equivalence(same, "S", "T", 5)["p_value"] < 0.001


def test_equivalence_very_different_shares_is_not_shown(shares):
    # 20 % against 33 %: 13 percentage points apart, far outside ±5.
    assert equivalence(shares, "S", "T", 5)["p_value"] > 0.99


def test_equivalence_small_equal_samples_cannot_be_shown():
    small = shares_of_enrolled(rolling(municipality_rows("S", 20, 3, 1, 5), municipality_rows("T", 20, 3, 1, 5)), 0.95)
    assert equivalence(small, "S", "T", 5)["p_value"] > 0.05


def test_equivalence_wider_margin_gives_smaller_p(shares):
    assert equivalence(shares, "S", "T", 20)["p_value"] < equivalence(shares, "S", "T", 5)["p_value"]


# --- closures_needed ---------------------------------------------------------------------------


def test_closures_needed_exact_target(shares):
    # 33 % of S's 300 enrolled is exactly 99: 39 more than the current 60 (float noise must not make it 100).
    needed = closures_needed(shares, "S", "T")
    assert needed["target_count"] == 99
    assert needed["current_count"] == 60
    assert needed["enrolled"] == 300
    assert needed["more_per_period"] == 39
    assert needed["more_per_month"] == pytest.approx(39 / 12)
    assert needed["reference_share"] == pytest.approx(0.33)


def test_closures_needed_rounds_up():
    # Reference 337 of 1029; goal 62 of 306: target = ⌈337·306/1029⌉.
    shares = shares_of_enrolled(
        rolling(municipality_rows("S", 306, 53, 9, 60), municipality_rows("T", 1029, 279, 58, 170)), 0.95
    )
    target = math.ceil(Fraction(337, 1029) * 306)
    needed = closures_needed(shares, "S", "T")
    assert needed["target_count"] == target
    assert needed["more_per_period"] == target - 62
    assert needed["more_per_month"] == pytest.approx((target - 62) / 12)


def test_closures_needed_zero_when_already_above(shares):
    needed = closures_needed(shares, "T", "S")  # T (33 %) already above S (20 %)
    assert needed["more_per_period"] == 0
    assert needed["more_per_month"] == 0
    assert needed["target_count"] == math.ceil(Fraction(60, 300) * 1000)


def test_closures_needed_per_month_follows_months(shares):
    assert closures_needed(shares, "S", "T", months=6)["more_per_month"] == pytest.approx(39 / 6)


# --- baseline_comparison -----------------------------------------------------------------------


def baseline_row(
    code: str,
    value: float,
    variant: str = "main",
    decimals: int = 0,
    denominator: float = float("nan"),
    remark: str = "",
) -> dict:
    return {
        "measure": "work_studies_share",
        "municipality": code,
        "period_start": dt.date(2019, 1, 1),
        "period_end": dt.date(2019, 12, 31),
        "value": value,
        "unit": "andel",
        "status": "ok",
        "decimals": decimals,
        "published": f"{value * 100:g}%",
        "remark": remark,
        "variant": variant,
        "denominator": denominator,
        "denominator_status": "ok" if denominator == denominator else "saknas",
    }


@pytest.fixture
def baseline() -> pd.DataFrame:
    return pd.DataFrame(
        [
            baseline_row("S", 0.23, remark="huvudsiffra"),
            baseline_row("T", 0.34, remark="huvudsiffra"),
            baseline_row("S", 0.16, variant="alternative", remark="exklusive flyktingar"),
        ]
    )


def variant_row(comparison: pd.DataFrame, variant: str) -> pd.Series:
    match = comparison[comparison["variant"] == variant]
    assert len(match) == 1
    return match.iloc[0]


def test_baseline_one_row_per_goal_variant(shares, baseline):
    comparison = baseline_comparison(shares, baseline, "S", "T")
    assert sorted(comparison["variant"]) == ["alternative", "main"]


def test_baseline_main_change_and_gap_in_percentage_points(shares, baseline):
    main = variant_row(baseline_comparison(shares, baseline, "S", "T"), "main")
    # S: 23 % → 20 %; T: 34 % → 33 %; gap −11 → −13 percentage points.
    assert main["goal_baseline"] == pytest.approx(0.23)
    assert main["goal_now"] == pytest.approx(0.20)
    assert main["goal_change_pp"] == pytest.approx(-3)
    assert main["reference_baseline"] == pytest.approx(0.34)
    assert main["reference_now"] == pytest.approx(0.33)
    assert main["reference_change_pp"] == pytest.approx(-1)
    assert main["gap_baseline_pp"] == pytest.approx(-11)
    assert main["gap_now_pp"] == pytest.approx(-13)
    assert main["gap_change_pp"] == pytest.approx(-2)


def test_baseline_alternative_variant_against_reference_main(shares, baseline):
    alt = variant_row(baseline_comparison(shares, baseline, "S", "T"), "alternative")
    # S alternative 16 % → 20 %: +4; gap then 16 − 34 = −18, now −13: changed by +5.
    assert alt["remark"] == "exklusive flyktingar"
    assert alt["goal_baseline"] == pytest.approx(0.16)
    assert alt["goal_change_pp"] == pytest.approx(4)
    assert alt["reference_baseline"] == pytest.approx(0.34)
    assert alt["reference_change_pp"] == pytest.approx(-1)
    assert alt["gap_baseline_pp"] == pytest.approx(-18)
    assert alt["gap_now_pp"] == pytest.approx(-13)
    assert alt["gap_change_pp"] == pytest.approx(5)


def test_baseline_ignores_reference_alternative(shares, baseline):
    with_ref_alt = pd.concat(
        [baseline, pd.DataFrame([baseline_row("T", 0.50, variant="alternative")])], ignore_index=True
    )
    comparison = baseline_comparison(shares, with_ref_alt, "S", "T")
    assert sorted(comparison["variant"]) == ["alternative", "main"]
    assert (comparison["reference_baseline"] == 0.34).all()


def test_baseline_rounding_half_point_for_whole_percent(shares, baseline):
    comparison = baseline_comparison(shares, baseline, "S", "T")
    assert comparison["rounding_pp"].tolist() == pytest.approx([0.5, 0.5])


def test_baseline_rounding_follows_decimals(shares):
    baseline = pd.DataFrame([baseline_row("S", 0.235, decimals=1), baseline_row("T", 0.34)])
    assert variant_row(baseline_comparison(shares, baseline, "S", "T"), "main")["rounding_pp"] == pytest.approx(0.05)


def test_baseline_denominator_not_published_when_nan(shares, baseline):
    comparison = baseline_comparison(shares, baseline, "S", "T")
    assert not comparison["denominator_published"].any()


def test_baseline_denominator_published_when_given(shares):
    baseline = pd.DataFrame([baseline_row("S", 0.23, denominator=250.0), baseline_row("T", 0.34)])
    assert bool(variant_row(baseline_comparison(shares, baseline, "S", "T"), "main")["denominator_published"])
