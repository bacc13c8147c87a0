"""The outcome notebook's four charts, each returned as (figure, alt text).

Each is drawn for paper (and wide screens) and again for a phone (`charts.for_phone`): the same data and
alt text, a narrower figure whose text the phone need not shrink, legends above the plot."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..present import figures as charts
from ..present import formatting
from ..present.words import compared_with, goal_headline, goal_reason
from ..stats.verdicts import MET, NOT_MET, sign
from ..study.calendar import month_label
from ..study.vocabulary import AFTER, BEFORE, MISSING, OK, UNCERTAIN, YEARLY_CHART_LABELS
from .shares import percentage_points, share_row

P = formatting.percent
municipality_colours = charts.municipality_colours  # one colour per municipality in every chart


def _shares_title(g, r, goal: str, ref: str, verdict: str) -> str:
    """The finding, as the goal verdict has it."""
    now = f"{formatting.genitive(goal)} andel i arbete/studier, {P(g['share'])},"
    if verdict == MET:
        return f"{now} är i nivå med {formatting.genitive(ref)}, {P(r['share'])}"
    if verdict == NOT_MET:
        return f"{now} är {compared_with(sign(g['share'] - r['share']))} {formatting.genitive(ref)}, {P(r['share'])}"
    undecided = goal_headline(verdict).rstrip(".")
    return f"{now} mot {formatting.genitive(ref)} {P(r['share'])}: {undecided[:1].lower()}{undecided[1:]}"


@charts.for_phone
def shares_against_baseline(
    shares: pd.DataFrame,
    baseline: pd.DataFrame,
    params,
    level: float,
    source: str,
    goal_verdict: str,
    *,
    layout: charts.Layout = charts.PAPER,
):
    """Each municipality's work/studies share now (with interval) beside its baseline figures."""
    colours = charts.municipality_colours(params)
    codes = params.values.codes
    fig, ax = layout.figure(3.4 + 0.8 * len(codes) if layout.narrow else 3.2)
    alt, labels = [], []
    for position, code in enumerate(reversed(codes)):
        row = share_row(shares, code)
        ax.errorbar(
            row["share"],
            position,
            xerr=[[row["share"] - row["ci_low"]], [row["ci_high"] - row["share"]]],
            fmt="o",
            color=colours[code],
            capsize=4,
            markersize=8,
            label=None,
        )
        labels.append(
            ax.annotate(
                P(row["share"]), (row["share"], position), xytext=(0, 9), textcoords="offset points", ha="center"
            )
        )
        text = f"{params.values.name_of(code)} {P(row['share'])} ({P(row['ci_low'])}–{P(row['ci_high'])})"
        for base in baseline[baseline["municipality"] == code].itertuples():
            main = base.variant == "main"
            # Below the interval's line, so a baseline never reads as one of its ends.
            ax.plot(
                base.value,
                position - BASELINE_OFFSET,
                marker="D" if main else "s",
                markersize=8,
                linestyle="none",
                markerfacecolor="white",
                markeredgecolor=colours[code] if main else charts.NEUTRAL,
            )
            labels.append(
                ax.annotate(
                    f"{params.values.baseline_year}{'' if main else ' (alt.)'}: {P(base.value, 0)}",
                    (base.value, position - BASELINE_OFFSET),
                    xytext=(0, -14 if main else -26),  # the alternative's label a line lower: the two never touch
                    textcoords="offset points",
                    ha="center",
                    fontsize=charts.SMALL,
                    color=charts.NEUTRAL,
                )
            )
            text += f"; {params.values.baseline_year}{'' if main else ' alternativ siffra'} {P(base.value, 0)}"
        alt.append(text)
    ax.set_yticks(range(len(codes)), [params.values.name_of(c) for c in reversed(codes)])
    ax.set_ylim(-0.9, len(codes) - 0.4)
    low, high = ax.get_xlim()
    ax.set_xlim(low - 0.03, high + 0.02)  # room for a label centred on the outermost marker
    layout.legend(ax, handles=_shares_legend(any(baseline["variant"] != "main")))
    charts.percent_axis(ax.xaxis)
    ax.xaxis.set_major_locator(charts.MultipleLocator(0.1 if layout.narrow else 0.05))
    axis_text = "Andel av de inskrivna som avslutats till arbete eller studier"
    interval = f"({formatting.number(level * 100)} % konfidensintervall)"
    if layout.narrow:
        ax.set_xlabel(charts.wrapped(f"{axis_text} {interval}", layout.width * 0.95, 10), fontsize=charts.SMALL)
    else:
        ax.set_xlabel(f"{axis_text}\n{interval}")
    goal, ref = params.values.goal.municipality, params.values.goal.reference
    title = _shares_title(
        share_row(shares, goal),
        share_row(shares, ref),
        params.values.name_of(goal),
        params.values.name_of(ref),
        goal_verdict,
    )
    charts.finish(fig, title, source)
    charts.keep_inside(fig, ax, labels)  # a label centred on a point near the edge never crosses the axis
    return fig, (
        "Punktdiagram: andel i arbete eller studier nu, med konfidensintervall, och basårets siffror som "
        "ofyllda markörer. " + ". ".join(alt) + "."
    )


BASELINE_OFFSET = 0.28  # a baseline marker sits this far below its municipality's row


def _shares_legend(alternative: bool) -> list:
    """What the markers are: the share now with its interval, the baseline and its alternative figure."""
    from matplotlib.lines import Line2D

    marks = [
        Line2D([], [], marker="o", color="black", linestyle="-", label="nu, med konfidensintervall"),
        Line2D([], [], marker="D", markerfacecolor="white", color="black", linestyle="none", label="basåret"),
    ]
    if alternative:
        marks.append(
            Line2D(
                [],
                [],
                marker="s",
                markerfacecolor="white",
                color=charts.NEUTRAL,
                linestyle="none",
                label="basåret, alternativ siffra",
            )
        )
    return marks


@charts.for_phone
def gap_chart(
    comparison: pd.DataFrame,
    gap: dict,
    margin: float,
    params,
    source: str,
    goal_verdict: str,
    *,
    layout: charts.Layout = charts.PAPER,
):
    """The goal-minus-reference gap at the baseline (each variant) and now (with interval), against ±margin,
    all in percentage points."""
    pp = percentage_points
    fig, ax = layout.figure(5.2 if layout.narrow else 3.2)
    ax.axvspan(
        -pp(margin),
        pp(margin),
        color=charts.PALETTE[2],
        alpha=0.15,
        label=f"”Densamma”: inom ±{formatting.number(pp(margin))} procentenheter",
    )
    ax.axvline(0, color="black", linewidth=0.8)
    labels, alt = [], []
    for position, row in enumerate(comparison.itertuples()):
        name = f"{params.values.baseline_year}" + ("" if row.variant == "main" else " (alternativ siffra)")
        ax.plot(
            row.gap_baseline_pp,
            position,
            marker="D",
            markersize=8,
            markerfacecolor="white",
            markeredgecolor=charts.NEUTRAL,
            linestyle="none",
        )
        labels.append(name)
        alt.append(f"{name}: {formatting.number(row.gap_baseline_pp, 1)} procentenheter")
    now, difference = len(labels), pp(gap["difference"])
    ax.errorbar(
        difference,
        now,
        xerr=[[difference - pp(gap["ci_low"])], [pp(gap["ci_high"]) - difference]],
        fmt="o",
        color=charts.PALETTE[0],
        capsize=4,
        markersize=8,
    )
    labels.append("Nu (rullande 12 mån.)")
    alt.append(
        f"nu: {formatting.number(difference, 1)} procentenheter "
        f"(intervall {formatting.interval(gap['ci_low'], gap['ci_high'], scale=100)})"
    )
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.xaxis.set_major_formatter(charts.FuncFormatter(lambda v, _: f"{formatting.number(v)} p.e."))
    goal, ref = (params.values.name_of(c) for c in (params.values.goal.municipality, params.values.goal.reference))
    axis_text = f"Skillnad i andel i arbete/studier, {goal} minus {ref} (procentenheter)"
    if layout.narrow:
        ax.set_xlabel(charts.wrapped(axis_text, layout.width * 0.95, 10), fontsize=charts.SMALL)
        ax.xaxis.set_major_locator(charts.MaxNLocator(4))
        layout.legend(ax)
    else:
        ax.set_xlabel(axis_text)
        ax.legend(loc="lower right", fontsize=charts.SMALL, frameon=False)
    title = (
        f"Skillnaden är {formatting.number(abs(difference), 1)} procentenheter – {goal_reason(goal_verdict, margin)}"
    )
    charts.finish(fig, title, source)
    return fig, f"Diagram över skillnaden {goal} minus {ref}: " + "; ".join(
        alt
    ) + f". Det skuggade bandet visar ±{formatting.number(pp(margin))} procentenheter."


def month_ticks(period_starts: list[dt.date], most: int = 16, every: int = 2) -> tuple[list[int], list[str]]:
    """Tick positions and labels for a monthly axis that stays readable however long the series:
    every `every`-th month while that gives at most `most` labels, else only years (at January)."""
    if len(period_starts) <= every * most:
        return list(range(0, len(period_starts), every)), [month_label(d) for d in period_starts[::every]]
    januaries = [(i, d.year) for i, d in enumerate(period_starts) if d.month == 1]
    step = -(-len(januaries) // most)  # ceiling: every step-th year
    return [i for i, _ in januaries[::step]], [str(year) for _, year in januaries[::step]]


def _signals(count: int) -> str:
    return (
        "Ingen månad ger signal." if count == 0 else f"{count} {'månad ger' if count == 1 else 'månader ger'} signal."
    )


@charts.for_phone
def spc_chart(
    chart: pd.DataFrame,
    start: dt.date,
    names: dict[str, str],
    source: str,
    colours: dict[str, str] | None = None,
    *,
    layout: charts.Layout = charts.PAPER,
):
    """c-chart of monthly closures to work/studies, one panel per municipality on a shared month axis (in
    the municipality's colour of every chart), with phase-wise centre line and limits, both in the legend."""
    codes = list(chart["municipality"].drop_duplicates())
    months = sorted(set(chart["period_start"]))
    position = {month: i for i, month in enumerate(months)}
    many = len(codes) > 1
    panel = 4.6 + (0.5 if many else 0) if layout.narrow else 3.2
    fig, axes = layout.figure(panel * len(codes) + 0.8, nrows=len(codes), sharex=True, squeeze=False)
    titles, alts = [], []
    for ax, code in zip(axes[:, 0], codes):
        series = chart[chart["municipality"] == code].reset_index(drop=True)
        colour = (colours or {}).get(code, charts.PALETTE[0])
        title = _spc_title(series, names[code])
        # On a phone the panel's title heads its legend (both above the plot); on paper it is the panel's title.
        heading = charts.wrapped(title, layout.width * 0.95, 10) if layout.narrow and many else None
        _spc_panel(
            ax, series, [position[m] for m in series["period_start"]], start, names[code], colour, layout, heading
        )
        titles.append(title)
        alts.append(
            f"{names[code]}, {len(series)} månader: "
            + ", ".join(f"{month_label(r.period_start)} {formatting.number(r.value)}" for r in series.itertuples())
            + ". "
            + _signals(int(series["signal"].sum()))
        )
    positions, labels = month_ticks(months, every=4 if layout.narrow else 2)
    axes[-1, 0].set_xticks(positions, labels, rotation=45, ha="right")
    if many and not layout.narrow:  # one finding per panel; the figure's title says what all panels show
        for ax, title in zip(axes[:, 0], titles):
            ax.set_title(title, fontsize=10, loc="left")
    charts.finish(fig, titles[0] if len(codes) == 1 else "Avslut till arbete eller studier per månad", source)
    alt = (
        "Styrdiagram (c-diagram) över avslut till arbete eller studier per månad. "
        + " ".join(alts)
        + " Medellinje och styrgränser beräknas separat före och efter samverkans start."
    )
    return fig, alt


PHASE_WORDS = {BEFORE: "före start", AFTER: "efter"}


def _spc_panel(
    ax,
    series: pd.DataFrame,
    x: list[int],
    start: dt.date,
    name: str,
    colour: str,
    layout: charts.Layout = charts.PAPER,
    heading: str | None = None,
) -> None:
    ax.plot(x, series["value"], marker="o", color=colour, linewidth=1.2, label="Antal per månad", zorder=3)
    phases = list(series.groupby("phase", sort=False))
    # Each phase's mean is said in the legend, not written over the points.
    means = ", ".join(
        f"{formatting.number(group['centre'].iloc[0], 1)} {PHASE_WORDS.get(phase, phase)}" for phase, group in phases
    )
    for k, (_, group) in enumerate(phases):
        idx = [x[i] for i in group.index]
        span = [idx[0] - 0.4, idx[-1] + 0.4]
        first = k == 0  # one legend entry for each kind of line
        ax.plot(
            span, [group["centre"].iloc[0]] * 2, color="black", linewidth=1, label=f"Medel: {means}" if first else None
        )
        ax.plot(
            span,
            [group["ucl"].iloc[0]] * 2,
            color=charts.NEUTRAL,
            linestyle="--",
            linewidth=1,
            label="Styrgränser (medel ± 3 √medel)" if first else None,
        )
        ax.plot(span, [group["lcl"].iloc[0]] * 2, color=charts.NEUTRAL, linestyle="--", linewidth=1)
    signals = series[series["signal"]]
    if not signals.empty:  # a legend entry only for what the panel shows
        ax.plot(
            [x[i] for i in signals.index],
            signals["value"],
            linestyle="none",
            marker="o",
            markersize=12,
            markerfacecolor="none",
            markeredgecolor=charts.SIGNAL,
            markeredgewidth=1.5,
            label="Signal",
        )
    boundary = series.index[series["phase"] == AFTER]
    starts = f"samverkan startar {formatting.long_date(start)}"
    if len(boundary) and boundary[0] > 0 and layout.narrow:
        # On a phone the legend is above the plot: the start line is said there.
        ax.axvline(x[boundary[0]] - 0.5, color=charts.PALETTE[3], linestyle=":", linewidth=1.5, label=starts)
    elif len(boundary) and boundary[0] > 0:
        ax.axvline(x[boundary[0]] - 0.5, color=charts.PALETTE[3], linestyle=":", linewidth=1.5)
        # Above the panel, over the line: no limit or point runs through it.
        ax.annotate(
            starts,
            (x[boundary[0]] - 0.5, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=charts.SMALL,
            color=charts.PALETTE[3],
        )
    ax.set_ylabel(f"Avslut, {name}")
    charts.number_axis(ax.yaxis)
    # The legend beside the panel (above it on a phone), never over a point.
    legend = layout.legend(ax, title=heading, alignment="left")
    if heading:
        legend.get_title().set_fontsize(10)


def _spc_title(series: pd.DataFrame, name: str) -> str:
    # No finding in the title: the text compares chosen periods by a verdict; the chart shows the
    # months and each phase's centre line (annotated), for the reader to follow.
    phases = "före och efter samverkans start" if series["phase"].nunique() > 1 else "per fas"
    return f"{name}: avslut per månad, medellinje och styrgränser {phases}"


@charts.for_phone
def yearly_chart(levels: pd.DataFrame, name: str, source: str, *, layout: charts.Layout = charts.PAPER):
    """Small multiples per measure; uncertain values hollow and dashed, missing values marked, never zero.
    Two by two on paper, one above the other on a phone."""
    measures = ["households", "individuals_fa", "enrolled", "fa_paid"]
    if layout.narrow:
        fig, axes = layout.figure(2.3 * len(measures) + 1.4, nrows=len(measures), ncols=1)
    else:
        fig, axes = layout.figure(5.5, nrows=2, ncols=2)
    alt, labels = [], {}
    for ax, measure in zip(axes.flat, measures):
        rows = levels[levels["measure"] == measure].sort_values("year")
        scale = 1e6 if measure == "fa_paid" else 1
        ok = rows[rows["status"] == OK]
        uncertain = rows[rows["status"] == UNCERTAIN]
        ax.plot(rows["year"], rows["value"] / scale, color=charts.PALETTE[0], linestyle="--", linewidth=1)
        ax.plot(ok["year"], ok["value"] / scale, linestyle="none", marker="o", color=charts.PALETTE[0])
        ax.plot(
            uncertain["year"],
            uncertain["value"] / scale,
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor=charts.PALETTE[0],
        )
        for r in rows.itertuples():
            text = MISSING if r.status == MISSING else formatting.number(r.value / scale, 1 if scale > 1 else 0)
            y = r.value / scale if r.status != MISSING else rows["value"].min() / scale
            label = ax.annotate(
                text + (f" ({UNCERTAIN})" if r.status == UNCERTAIN else ""),
                (r.year, y),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=charts.SMALL,
                color=charts.SIGNAL if r.status != OK else "black",
            )
            labels.setdefault(ax, []).append(label)
        ax.set_title(YEARLY_CHART_LABELS[measure], fontsize=10)
        ax.set_xticks(rows["year"], [str(y) for y in rows["year"]])
        charts.number_axis(ax.yaxis)
        ax.margins(y=0.25)
        alt.append(
            f"{YEARLY_CHART_LABELS[measure]}: "
            + ", ".join(
                f"{r.year} {MISSING if r.status == MISSING else formatting.number(r.value / scale, 1 if scale > 1 else 0)}"
                f"{f' ({UNCERTAIN})' if r.status == UNCERTAIN else ''}"
                for r in rows.itertuples()
            )
        )
    first, last = int(levels["year"].min()), int(levels["year"].max())
    charts.finish(fig, f"{name} {first}–{last}: ofyllda punkter är osäkra värden, ”saknas” har inget värde", source)
    for ax, texts in labels.items():  # a value centred on the first or last year stays inside its panel
        charts.keep_inside(fig, ax, texts)
    return fig, f"Fyra små diagram för {name} per år. " + ". ".join(alt) + "."
