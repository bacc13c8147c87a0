"""The monthly series: before and after the collaboration's start, and a c-chart to follow it.

c-chart: centre line c̄ (the phase's mean count per month), control limits c̄ ± 3√c̄ (the lower
limit cut at 0). Signals: a month outside the limits; a run of RUN_LENGTH or more months on the
same side of the centre line (months on the line neither break nor extend a run). Limits are
computed per phase, so months before the start are never pooled with, or credited to, the
collaboration.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

from ..stats import verdicts
from ..study.vocabulary import AFTER, BEFORE

SIGMA = 3
RUN_LENGTH = 8


def with_phase(months: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    """Monthly counts in time order, each marked as before or after the collaboration's start."""
    frame = months.sort_values("period_start").reset_index(drop=True)
    return frame.assign(phase=[AFTER if d >= start else BEFORE for d in frame["period_start"]])


def phase_summary(months: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    """Months, total and mean per month in each phase (only months with a value)."""
    phased = with_phase(months, start).dropna(subset=["value"])
    summary = (
        phased.groupby("phase", sort=False)
        .agg(
            months=("value", "size"), total=("value", "sum"), first=("period_start", "min"), last=("period_end", "max")
        )
        .reset_index()
    )
    return summary.assign(mean=summary["total"] / summary["months"])


def rate_ratio(months: pd.DataFrame, start: dt.date, level: float) -> dict:
    """After ÷ before, as Poisson rates per month, with a score interval and test."""
    summary = phase_summary(months, start).set_index("phase")
    after, before = summary.loc[AFTER], summary.loc[BEFORE]
    low, high = confint_poisson_2indep(
        after["total"],
        after["months"],
        before["total"],
        before["months"],
        method="score",
        compare="ratio",
        alpha=1 - level,
    )
    test = test_poisson_2indep(
        after["total"], after["months"], before["total"], before["months"], method="score", compare="ratio"
    )
    return {
        "ratio": after["mean"] / before["mean"],
        "ci_low": float(low),
        "ci_high": float(high),
        "p_value": float(test.pvalue),
    }


def direction(ratio: dict) -> verdicts.Verdict:
    """Up, down or no clear change after the start, from the rate ratio's interval."""
    return verdicts.rate_direction(ratio["ratio"], ratio["ci_low"], ratio["ci_high"])


def c_chart(months: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    """Each month with its phase's centre line, control limits and any signal."""
    phased = with_phase(months, start)
    parts = []
    for _, group in phased.groupby("phase", sort=False):
        centre = group["value"].mean()
        spread = SIGMA * math.sqrt(centre)
        group = group.assign(centre=centre, ucl=centre + spread, lcl=max(centre - spread, 0.0))
        group["outside"] = (group["value"] > group["ucl"]) | (group["value"] < group["lcl"])
        group["in_run"] = _long_runs(group["value"] - centre)
        parts.append(group)
    chart = pd.concat(parts, ignore_index=True)
    return chart.assign(signal=chart["outside"] | chart["in_run"])


def _long_runs(deviation: pd.Series) -> list[bool]:
    """True for months in a run of RUN_LENGTH or more on one side of the centre line."""
    marks = [False] * len(deviation)
    run: list[int] = []
    side = 0
    for position, value in enumerate(deviation):
        current = (value > 0) - (value < 0)
        if current == 0 or pd.isna(value):
            continue
        if current != side:
            run, side = [], current
        run.append(position)
        if len(run) >= RUN_LENGTH:
            for index in run:
                marks[index] = True
    return marks
