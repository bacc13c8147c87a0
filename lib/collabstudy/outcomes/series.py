"""The goal across evaluations: the baseline year, each earlier evaluation, and this period.

An earlier evaluation's figures are read from its own results registry (io.registry.read_earlier),
never recomputed. The change in the goal municipality's share since the latest earlier evaluation
is a difference between two independent shares (score interval and score test), and its direction
is stated only when the test shows it (stats.verdicts.difference).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

from ..io import keys
from ..stats import verdicts
from ..study.errors import StudyInputError
from ..study.paths import display_path
from ..study.vocabulary import BASELINE_ROW, EARLIER_ROW, THIS_ROW
from .shares import share_row

BASELINE, EARLIER, THIS = BASELINE_ROW, EARLIER_ROW, THIS_ROW


def recorded(results: dict, key: str, earlier):
    """A figure an earlier evaluation recorded; a registry without it (an older run) is a Swedish error."""
    if key not in results:
        raise StudyInputError(
            f"den tidigare utvärderingens resultat saknar '{key}' (de skrevs av en äldre version); kör om den: "
            f"make run PARAMS={display_path(earlier.file, earlier.root)} efter att ha tagit bort "
            f"build/{earlier.study_id}/",
            file=display_path(earlier.file, earlier.root),
        )
    return results[key].value


def earlier_row(earlier, results: dict) -> dict:
    """One earlier evaluation's goal figures, as its own registry recorded them."""
    values, window = earlier.values, earlier.values.reporting_window
    goal, ref = values.goal.municipality, values.goal.reference
    row = {"kind": EARLIER, "study": earlier.study_id, "window_start": window.start, "window_end": window.end}
    for side, code in (("goal", goal), ("reference", ref)):
        for field in ("count", "share", "ci_low", "ci_high"):
            row[f"{side}_{field}"] = recorded(results, keys.goal_share(code, field), earlier)
        row[f"{side}_enrolled"] = recorded(results, keys.count(code, "enrolled"), earlier)
    for field, key in (
        ("gap", keys.GAP),
        ("gap_ci_low", keys.GAP_CI_LOW),
        ("gap_ci_high", keys.GAP_CI_HIGH),
        ("needed_per_period", keys.NEEDED_PER_PERIOD),
        ("goal_verdict", keys.GOAL_VERDICT),
    ):
        row[field] = recorded(results, key, earlier)
    return row


def this_row(params, shares: pd.DataFrame, gap: dict, needed: dict, verdict: verdicts.Verdict) -> dict:
    window, goal, ref = params.values.reporting_window, params.values.goal.municipality, params.values.goal.reference
    row = {"kind": THIS, "study": params.study_id, "window_start": window.start, "window_end": window.end}
    for side, code in (("goal", goal), ("reference", ref)):
        found = share_row(shares, code)
        row |= {f"{side}_{field}": found[field] for field in ("count", "share", "ci_low", "ci_high", "enrolled")}
    return row | {
        "gap": gap["difference"],
        "gap_ci_low": gap["ci_low"],
        "gap_ci_high": gap["ci_high"],
        "needed_per_period": needed["more_per_period"],
        "goal_verdict": verdict.value,
    }


def baseline_row(params, baseline: pd.DataFrame) -> dict:
    """The baseline year's main figures (shares without denominators: no interval, no count)."""
    main = baseline[baseline["variant"] == "main"].set_index("municipality")
    goal, ref = params.values.goal.municipality, params.values.goal.reference
    year = params.values.baseline_year
    row = {"kind": BASELINE, "study": "", "window_start": dt.date(year, 1, 1), "window_end": dt.date(year, 12, 31)}
    row |= {"goal_share": main.loc[goal, "value"], "reference_share": main.loc[ref, "value"]}
    return row | {"gap": main.loc[goal, "value"] - main.loc[ref, "value"]}


def evaluation_series(params, baseline: pd.DataFrame, earlier: list, now: dict) -> pd.DataFrame:
    """Baseline → each earlier evaluation (oldest first) → this period, one row each."""
    rows = [baseline_row(params, baseline), *(earlier_row(e, r) for e, r in earlier), now]
    return pd.DataFrame(rows)


def latest_and_now(series: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """The latest earlier evaluation's row and this period's row (None without an earlier one)."""
    earlier = series[series["kind"] == EARLIER]
    if earlier.empty:
        return None
    return earlier.iloc[-1], series[series["kind"] == THIS].iloc[0]


def change_since_previous(series: pd.DataFrame, level: float) -> dict | None:
    """The goal municipality's share now minus at the latest earlier evaluation, with a Newcomb interval,
    a score test and the verdict; None without an earlier evaluation."""
    rows = latest_and_now(series)
    if rows is None:
        return None
    before, now = rows
    counts = (now["goal_count"], now["goal_enrolled"], before["goal_count"], before["goal_enrolled"])
    # the score interval, which inverts the same score test the verdict reads, so the two agree; its root
    # search can fail on a bound that falls exactly on a grid point, and Newcomb's interval stands in
    try:
        low, high = confint_proportions_2indep(*counts, method="score", compare="diff", alpha=1 - level)
    except ValueError:
        low, high = confint_proportions_2indep(*counts, method="newcomb", compare="diff", alpha=1 - level)
    test = test_proportions_2indep(*counts, method="score", compare="diff")
    change = now["goal_share"] - before["goal_share"]
    verdict = verdicts.difference(change, float(test.pvalue), 1 - level, "score-test av skillnaden mellan två andelar")
    return {
        "previous": before["study"],
        "change": change,
        "ci_low": float(low),
        "ci_high": float(high),
        "p_value": float(test.pvalue),
        "gap_change": now["gap"] - before["gap"],
        "verdict": verdict,
    }


NO_EARLIER = (
    "Studien har ingen tidigare utvärdering (`previous_evaluations` i parameterfilen): serien är basåret och "
    "denna period."
)


def goal_counts(params, shares: pd.DataFrame, earlier: list) -> dict[tuple[str, str], float | None]:
    """The goal measure's count per municipality in a twelve-month table: this evaluation's ('window') and,
    when there is one, the latest earlier evaluation's as its own registry recorded it ('previous')."""
    counts: dict[tuple[str, str], float | None] = {
        (code, "window"): share_row(shares, code)["count"] for code in params.values.codes
    }
    if earlier:
        study, results = earlier[-1]
        for code in study.values.codes:
            found = results.get(keys.goal_share(code, "count"))
            counts[(code, "previous")] = None if found is None else found.value
    return counts
