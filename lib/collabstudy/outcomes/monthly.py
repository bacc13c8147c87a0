"""The monthly series: before and after the collaboration's start, this evaluation's period against the
previous evaluation's, and a c-chart to follow it, per municipality delivered.

c-chart: centre line c̄ (the phase's mean count per month), control limits c̄ ± 3√c̄ (the lower
limit cut at 0). Signals: a month outside the limits; a run of RUN_LENGTH or more months on the
same side of the centre line (months on the line neither break nor extend a run). Limits are
computed per phase, so months before the start are never pooled with, or credited to, the
collaboration.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

from ..stats import verdicts
from ..study.vocabulary import AFTER, BEFORE, PERIOD_PHRASES
from .periods import COMPARISONS

SIGMA = 3
RUN_LENGTH = 8


def continued(months: pd.DataFrame, earlier: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """This delivery's months, continued back with the months earlier evaluations had and this delivery
    does not (`from_study` names where each month comes from; '' for this delivery). A month delivered
    again keeps this delivery's value: `revised` lists the ones that changed."""
    frame = months.assign(from_study="")
    seen = set(zip(frame["municipality"], frame["period_start"]))
    codes = set(frame["municipality"])  # an earlier series of a municipality this delivery has
    for study, table in reversed(earlier):  # the latest earlier evaluation first
        table = table[table["municipality"].isin(codes)]
        # a mask as a Series: an empty list would select columns, not rows
        new = pd.Series([key not in seen for key in zip(table["municipality"], table["period_start"])], dtype=bool)
        extra = table[new.to_numpy()]
        frame = pd.concat([frame, extra.assign(from_study=study)], ignore_index=True)
        seen |= set(zip(extra["municipality"], extra["period_start"]))
    return frame.sort_values(["municipality", "period_start"], ignore_index=True)


def revised(months: pd.DataFrame, earlier: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Months this delivery gives another value than an earlier evaluation had (both with a value)."""
    columns = ["municipality", "period_start", "value", "earlier_value", "from_study"]
    rows = []
    now = months.dropna(subset=["value"]).set_index(["municipality", "period_start"])["value"]
    for study, table in earlier:
        for r in table.dropna(subset=["value"]).itertuples():
            key = (r.municipality, r.period_start)
            if key in now.index and now[key] != r.value:
                rows.append(dict(zip(columns, [*key, now[key], r.value, study])))
    return pd.DataFrame(rows, columns=columns)


def table_agreement(summary: pd.DataFrame, table_totals: dict[tuple[str, str], float | None]) -> pd.DataFrame:
    """Where the monthly series has every month of a period that a twelve-month table also counts (this
    evaluation's table for its period, the previous evaluation's as it recorded it for its period): the
    series' total beside the table's (`table_totals`, by municipality and period; None where the table
    has no count). Two deliveries of the same closures that do not agree are both kept, and said."""
    columns = ["municipality", "period", "first_month", "last_month", "series_total", "table_total", "agrees"]
    rows = []
    for r in summary.itertuples():
        table = table_totals.get((r.municipality, r.period))
        if table is None or pd.isna(table) or r.months == 0 or r.months < r.span_months:
            continue  # a period the series does not cover whole cannot be set beside a twelve-month count
        rows.append([r.municipality, r.period, r.first_month, r.last_month, r.total, float(table), r.total == table])
    return pd.DataFrame(rows, columns=columns).astype({"agrees": bool})


def borrowed(months: pd.DataFrame) -> list[tuple]:
    """The months `continued` took from earlier evaluations, per municipality and study: (code, how many,
    first month, last month, study)."""
    taken = months[months["from_study"] != ""]
    return [
        (code, len(group), min(group["period_start"]), max(group["period_start"]), study)
        for (code, study), group in taken.groupby(["municipality", "from_study"], sort=False)
    ]


def revisions(changed: pd.DataFrame) -> list[tuple]:
    """The months `revised` found: (code, month, this delivery's value, the earlier value, study)."""
    return [(r.municipality, r.period_start, r.value, r.earlier_value, r.from_study) for r in changed.itertuples()]


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
    """After ÷ before, as Poisson rates per month, with a score interval and test (one municipality's series);
    where the series cannot give it (no month on one side, no closure before), only the Swedish reason."""
    summary = phase_summary(months, start).set_index("phase")
    after, before = (_phase_or_none(summary, phase, name) for phase, name in ((AFTER, "after"), (BEFORE, "before")))
    reason = _why_not(after, before)
    return {"reason": reason} if reason else {**_ratio(after, before, level), "reason": ""}


def _phase_or_none(summary: pd.DataFrame, phase: str, name: str) -> pd.Series:
    """A phase's months, total and mean, named as the comparisons name periods; no months where it has none."""
    if phase in summary.index:
        return summary.loc[phase].rename(name)
    return pd.Series({"months": 0, "total": 0.0, "mean": float("nan")}, name=name)


def direction(ratio: dict) -> verdicts.Verdict:
    """Up, down or no clear change after the start, from the rate ratio's interval."""
    return verdicts.rate_direction(ratio["ratio"], ratio["ci_low"], ratio["ci_high"])


def c_chart(months: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    """Each month with its municipality's and phase's centre line, control limits and any signal."""
    parts = []
    for _, series in months.groupby("municipality", sort=False):
        parts += _phase_charts(with_phase(series, start))
    if not parts:  # no municipality delivered a series: a chart of no months
        columns = [*months.columns, "phase", "centre", "ucl", "lcl", "outside", "in_run", "signal"]
        return pd.DataFrame(columns=columns).astype({"outside": bool, "in_run": bool, "signal": bool})
    chart = pd.concat(parts, ignore_index=True)
    return chart.assign(signal=chart["outside"] | chart["in_run"])


def _phase_charts(phased: pd.DataFrame) -> list[pd.DataFrame]:
    parts = []
    for _, group in phased.groupby("phase", sort=False):
        centre = group["value"].mean()
        spread = SIGMA * math.sqrt(centre)
        group = group.assign(centre=centre, ucl=centre + spread, lcl=max(centre - spread, 0.0))
        group["outside"] = (group["value"] > group["ucl"]) | (group["value"] < group["lcl"])
        group["in_run"] = _long_runs(group["value"] - centre)
        parts.append(group)
    return parts


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


# --- Periods and comparisons across evaluations ---------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A stretch of months the series is summed over."""

    key: str
    label: str  # Swedish, as a reader sees it: 'före samverkans start'
    first: dt.date
    last: dt.date


def previous_window(earlier: list) -> tuple[dt.date, dt.date] | None:
    """The latest earlier evaluation's reporting period (of the loaded params.previous_studies()), if any."""
    windows = [p.values.reporting_window for p in earlier]
    if not windows:
        return None
    latest = max(windows, key=lambda w: w.end)
    return latest.start, latest.end


def periods(
    months: pd.DataFrame, start: dt.date, window: tuple[dt.date, dt.date], previous: tuple[dt.date, dt.date] | None
) -> list[Period]:
    """Before and after the start (as far as the series goes), this evaluation's period and, when there
    is one, the previous evaluation's period (none without a series)."""
    if months.empty:
        return []
    first, last = min(months["period_start"]), max(months["period_end"])
    found = [
        Period("before", "före samverkans start", first, start - dt.timedelta(days=1)),
        Period("after", "efter samverkans start", start, last),
        Period("window", "denna utvärderingsperiod", *window),
    ]
    if previous is not None:
        found.append(Period("previous", "förra utvärderingens period", *previous))
    return found


def _months_between(first: dt.date, last: dt.date) -> int:
    return max((last.year - first.year) * 12 + last.month - first.month + 1, 0)


def period_summary(months: pd.DataFrame, spans: list[Period]) -> pd.DataFrame:
    """Per municipality and period: the months with a value, the months the period spans, the total and
    the mean per month. A period the series does not reach has 0 months and no mean. The time before
    and after the start span only the municipality's own series (one may begin later than another)."""
    rows = []
    for code, series in months.groupby("municipality", sort=False):
        valued = series.dropna(subset=["value"])
        own = (min(series["period_start"]), max(series["period_end"]))
        for period in spans:
            if period.key in ("before", "after"):
                period = Period(period.key, period.label, max(period.first, own[0]), min(period.last, own[1]))
            # a month counts where its first day falls, as in with_phase (a mid-month start puts that month before)
            inside = valued[(valued["period_start"] >= period.first) & (valued["period_start"] <= period.last)]
            count = len(inside)
            rows.append(
                {
                    "municipality": code,
                    "period": period.key,
                    "label": period.label,
                    "first_month": min(inside["period_start"]) if count else period.first,
                    "last_month": max(inside["period_end"]) if count else period.last,
                    "months": count,
                    "span_months": _months_between(period.first, period.last),
                    "total": float(inside["value"].sum()),
                    "mean": float(inside["value"].mean()) if count else float("nan"),
                }
            )
    columns = ["municipality", "period", "label", "first_month", "last_month", "months", "span_months", "total", "mean"]
    return pd.DataFrame(rows, columns=columns)


def compare(summary: pd.DataFrame, level: float) -> pd.DataFrame:
    """Per municipality, each comparison of COMPARISONS as a Poisson rate ratio with a score interval,
    test and direction, or the reason (Swedish) why it cannot be made on these data."""
    rows = []
    for code, group in summary.groupby("municipality", sort=False):
        by_period = group.set_index("period")
        for key, top, bottom in COMPARISONS:
            if top not in by_period.index or bottom not in by_period.index:
                continue  # no previous evaluation: nothing to compare with, nothing to explain
            a, b = by_period.loc[top], by_period.loc[bottom]
            row = {"municipality": code, "comparison": key, "numerator": top, "denominator": bottom}
            reason = _why_not(a, b)
            if reason:
                rows.append({**row, "reason": reason})
                continue
            ratio = _ratio(a, b, level)
            rows.append({**row, **ratio, "direction": direction(ratio).value, "reason": ""})
    columns = ["municipality", "comparison", "numerator", "denominator", "ratio", "ci_low", "ci_high", "p_value"]
    return pd.DataFrame(rows).reindex(columns=[*columns, "direction", "reason"])


def _why_not(a: pd.Series, b: pd.Series) -> str:
    for side in (b, a):
        if side["months"] == 0:
            return f"serien saknar månader {PERIOD_PHRASES[side.name]}"
    if b["total"] == 0:
        return f"det fanns inga avslut {PERIOD_PHRASES[b.name]}, så kvoten kan inte beräknas"
    return ""


def _ratio(a: pd.Series, b: pd.Series, level: float) -> dict:
    # The score interval collapses to one wrong point when the numerator is 0; the MOVER interval
    # (method of variance estimates recovery) then starts at 0 as it should.
    method = "score" if a["total"] > 0 else "mover"
    low, high = confint_poisson_2indep(
        a["total"], a["months"], b["total"], b["months"], method=method, compare="ratio", alpha=1 - level
    )
    test = test_poisson_2indep(a["total"], a["months"], b["total"], b["months"], method="score", compare="ratio")
    return {"ratio": a["mean"] / b["mean"], "ci_low": float(low), "ci_high": float(high), "p_value": float(test.pvalue)}


def calendar_years(months: pd.DataFrame) -> pd.DataFrame:
    """Closures per municipality and calendar year, as a published report counts them: the total, the
    months with a value and the mean per month; `whole` says whether all twelve months have one (a part
    year's total is never set beside a whole year's)."""
    counted = months.dropna(subset=["value"]).assign(year=lambda m: pd.to_datetime(m["period_start"]).dt.year)
    years = counted.groupby(["municipality", "year"], sort=True)["value"].agg(total="sum", months="count").reset_index()
    return years.assign(mean=years["total"] / years["months"], whole=years["months"] == 12)
