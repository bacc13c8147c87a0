"""The real notebooks 01 and 02, run with papermill for the published study and a fictional one.

Every expected figure is computed here from the raw files with the test's own code (csv module,
own number parsing, own formulas), never by importing the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import nbformat
import pytest

# Runs the real notebooks, make or a browser.
pytestmark = pytest.mark.slow


MONTHS = [
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
    "November",
    "December",
]


def number(text: str) -> float:
    """The test's own reading of a Swedish number: '1 029', '17 281 110 kr', '(252) ...', '40%'."""
    first = text.replace("\u00a0", " ").strip().lstrip("(").split(")")[0]
    digits = first.replace(" kr", "").replace("%", "").split(" unika")[0].replace(" ", "").replace(",", ".")
    return float(digits.rstrip("³"))


@dataclass
class Run:
    root: Path
    params: dict
    results: dict
    executed: Path

    def raw(self, key: str) -> list[dict]:
        entries = self.params["raw_files"][key]
        paths = [e["path"] for e in entries] if isinstance(entries, list) else [entries["path"]]
        return [r for p in paths for r in csv.DictReader((self.root / p).open(encoding="utf-8"), delimiter=";")]

    def entries(self, key: str) -> list[dict]:
        """A params delivery as a list (a single file may be written without the list)."""
        value = self.params["raw_files"][key]
        return value if isinstance(value, list) else [value]

    def code(self, name: str) -> str:
        return next(m["code"] for m in self.params["municipalities"] if m["name"] == name)

    def value(self, key: str):
        return self.results[key]["value"]


@pytest.fixture
def run(executed_study) -> Run:
    return Run(
        executed_study.root,
        executed_study.params,
        executed_study.results("02_outcomes"),
        executed_study.build / "notebooks" / "02_outcomes.ipynb",
    )


def _rolling(run: Run) -> dict[str, dict[str, float]]:
    rows = run.raw("rolling_12m")
    names = [m["name"] for m in run.params["municipalities"]]
    return {run.code(n): {r["Mått"]: number(r[n]) for r in rows if r["Mått"] != "Period"} for n in names}


def _wilson(x: float, n: float, level: float) -> tuple[float, float]:
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_shares_and_wilson_intervals(run):
    level = run.params["confidence_level"]
    for code, counts in _rolling(run).items():
        for label, key in (
            ("Avslutade i arbete/studier", "closures_work_studies"),
            ("Totalt avslutade", "closures"),
            ("Arbete", "closures_work"),
            ("Studier", "closures_studies"),
            ("Övrigt", "closures_other"),
        ):
            x, n = counts[label], counts["Inskrivna i arbetsmarknadsåtgärd"]
            low, high = _wilson(x, n, level)
            assert run.value(f"{code}.{key}.share") == pytest.approx(x / n, abs=1e-12)
            assert run.value(f"{code}.{key}.ci_low") == pytest.approx(low, abs=1e-9)
            assert run.value(f"{code}.{key}.ci_high") == pytest.approx(high, abs=1e-9)


def _goal(run: Run):
    counts = _rolling(run)
    goal, ref = run.params["goal"]["municipality"], run.params["goal"]["reference"]
    g, r = counts[goal], counts[ref]
    key_x, key_n = "Avslutade i arbete/studier", "Inskrivna i arbetsmarknadsåtgärd"
    return g[key_x], g[key_n], r[key_x], r[key_n]


def test_gap_with_newcomb_interval_and_score_test(run):
    level = run.params["confidence_level"]
    x1, n1, x2, n2 = _goal(run)
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = _wilson(x1, n1, level), _wilson(x2, n2, level)
    d = p1 - p2
    assert run.value("gap.now") == pytest.approx(d, abs=1e-12)
    assert run.value("gap.now.ci_low") == pytest.approx(d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), abs=1e-9)
    assert run.value("gap.now.ci_high") == pytest.approx(d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2), abs=1e-9)
    pooled = (x1 + x2) / (n1 + n2)
    n = n1 + n2  # score test with the small-sample factor n/(n−1) on the variance
    z = d / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2) * n / (n - 1))
    assert run.value("gap.test.z") == pytest.approx(z, rel=1e-6)
    assert run.value("gap.test.p_value") == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=1e-6)


def test_closures_needed_to_reach_the_reference_share(run):
    x1, n1, x2, n2 = _goal(run)
    needed = max(math.ceil(x2 / n2 * n1 - 1e-9) - x1, 0)
    assert run.value("needed.per_period") == needed
    assert run.value("needed.per_month") == pytest.approx(needed / 12)


def test_equivalence_decision_follows_the_margin(run):
    """TOST within ±margin (statsmodels' score version, from the raw counts), and the goal's verdict by the
    study's rule: met when TOST shows it, not met when the whole interval lies outside, else undecided."""
    from statsmodels.stats.proportion import tost_proportions_2indep

    x1, n1, x2, n2 = _goal(run)
    margin = run.params["goal"]["equivalence_margin_pp"] / 100
    alpha = 1 - run.params["confidence_level"]
    assert run.value("equivalence.margin") == pytest.approx(margin)
    p = tost_proportions_2indep(x1, n1, x2, n2, -margin, margin, method="score", compare="diff").pvalue
    assert run.value("equivalence.p_value") == pytest.approx(p)
    low, high = run.value("gap.now.ci_low"), run.value("gap.now.ci_high")
    expected = "met" if p < alpha else "not_met" if high < -margin or low > margin else "undecided"
    assert run.value("verdict.goal") == expected
    assert run.value("equivalence.met") is (expected == "met")


def test_changes_against_the_baseline(run):
    rows = run.raw("baseline")
    year = str(run.params["baseline_year"])
    goal = run.params["goal"]["municipality"]
    ref = run.params["goal"]["reference"]
    names = {m["code"]: m["name"] for m in run.params["municipalities"]}
    base = {(r["Kommun"], r["Variant"]): number(r["Andel i arbete/studier"]) / 100 for r in rows if r["År"] == year}
    x1, n1, x2, n2 = _goal(run)
    main_goal, main_ref = base[(names[goal], "Huvudsiffra")], base[(names[ref], "Huvudsiffra")]
    assert run.value("baseline.main.goal_change_pp") == pytest.approx((x1 / n1 - main_goal) * 100)
    assert run.value("baseline.main.reference_change_pp") == pytest.approx((x2 / n2 - main_ref) * 100)
    assert run.value("baseline.main.gap_baseline_pp") == pytest.approx((main_goal - main_ref) * 100)
    for (name, variant), share in base.items():
        if variant == "Alternativ":
            assert run.value("baseline.alternative.goal_change_pp") == pytest.approx((x1 / n1 - share) * 100)


def _months(run: Run) -> dict[str, list[tuple[dt.date, float]]]:
    """Each delivered municipality's months with a value, read here with csv (empty months are not yet reported)."""
    found = {}
    for entry in run.entries("monthly_closures"):
        series = []
        for row in csv.DictReader((run.root / entry["path"]).open(encoding="utf-8"), delimiter=";"):
            for index, month in enumerate(MONTHS, start=1):
                if row[month].strip():
                    series.append((dt.date(int(row["År"]), index, 1), number(row[month])))
        found[entry["municipality"]] = sorted(series)
    return found


def test_rate_ratio_and_control_limits_keep_months_before_the_start_apart(run):
    start = dt.date.fromisoformat(str(run.params["collaboration_start"]))
    for code, months in _months(run).items():
        before = [v for d, v in months if d < start]
        after = [v for d, v in months if d >= start]
        assert run.value(f"monthly.{code}.before.months") == len(before)
        assert run.value(f"monthly.{code}.after.total") == sum(after)
        ratio = (sum(after) / len(after)) / (sum(before) / len(before))
        assert run.value(f"monthly.{code}.after_before.ratio") == pytest.approx(ratio)
        low, high = run.value(f"monthly.{code}.after_before.ci_low"), run.value(f"monthly.{code}.after_before.ci_high")
        assert low < ratio < high
        expected = "up" if low > 1 else "down" if high < 1 else "unclear"
        assert run.value(f"verdict.monthly.{code}.after_before") == expected
        for key, values in (("before", before), ("after", after)):
            centre = sum(values) / len(values)
            assert run.value(f"monthly.{code}.chart.{key}.centre") == pytest.approx(centre)
            assert run.value(f"monthly.{code}.chart.{key}.ucl") == pytest.approx(centre + 3 * math.sqrt(centre))
            assert run.value(f"monthly.{code}.chart.{key}.lcl") == pytest.approx(max(centre - 3 * math.sqrt(centre), 0))


def test_this_period_is_compared_with_the_months_before_the_start(run):
    start = dt.date.fromisoformat(str(run.params["collaboration_start"]))
    window = run.params["reporting_window"]
    first, last = (dt.date.fromisoformat(str(window[k])) for k in ("start", "end"))
    for code, months in _months(run).items():
        inside = [v for d, v in months if first <= d <= last]
        before = [v for d, v in months if d < start]
        assert run.value(f"monthly.{code}.window.months") == len(inside)
        if not inside:  # the series does not reach this period: said, not computed
            assert run.value(f"verdict.monthly.{code}.window_before") == "not_possible"
            continue
        ratio = (sum(inside) / len(inside)) / (sum(before) / len(before))
        assert run.value(f"monthly.{code}.window_before.ratio") == pytest.approx(ratio)


def test_yearly_cost_changes_and_uncertain_values(run):
    for entry in run.entries("yearly"):
        code = entry["municipality"]
        rows = list(csv.DictReader((run.root / entry["path"]).open(encoding="utf-8"), delimiter=";"))
        label = next(iter(rows[0]))
        years = [c for c in rows[0] if c != label]
        paid = next(r for r in rows if r[label].startswith("Totalt utbetalt"))
        for before, after in zip(years, years[1:]):
            change = (number(paid[after]) / number(paid[before]) - 1) * 100
            assert run.value(f"yearly.{code}.fa_paid.change.{after}") == pytest.approx(change)
        households = next(r for r in rows if r[label] == "Antal hushåll")
        for year in years:
            uncertain = households[year].startswith("(")
            assert (run.results[f"yearly.{code}.households.{year}"]["status"] == "osäker") == uncertain
            if uncertain:
                following = str(int(year) + 1)
                if following in years:
                    assert run.results[f"yearly.{code}.households.change.{following}"]["status"] == "osäker"


def test_results_use_this_studys_codes_only(run):
    codes = {m["code"] for m in run.params["municipalities"]}
    prefixes = {k.split(".")[0] for k in run.results if "." in k and k.split(".")[0].isupper()}
    assert prefixes == codes


def test_notebook_text_names_this_study_and_not_the_other(run):
    notebook = nbformat.read(run.executed, as_version=4)
    text = " ".join(
        str(o.get("data", {}).get("text/markdown", "")) + str(o.get("data", {}).get("text/html", ""))
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    names = [m["name"] for m in run.params["municipalities"]]
    assert all(name in text for name in names)
    others = {"Svedala", "Trelleborg", "Ekby", "Lundsås"} - set(names)
    assert not any(other in text for other in others)


def test_every_figure_has_alt_text(run):
    notebook = nbformat.read(run.executed, as_version=4)
    images = [
        o["data"]["text/html"]
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "<img" in str(o.get("data", {}).get("text/html", ""))
    ]
    # the shares, the gap, the control chart, and one per-year chart per municipality delivered
    assert len(images) == 3 + len(run.entries("yearly"))
    for html in images:
        assert 'alt="' in html and 'alt=""' not in html
