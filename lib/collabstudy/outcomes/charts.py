"""The outcome notebook's four charts, each returned as (figure, alt text).

Each is drawn for paper (and wide screens) and again for a phone (`charts.for_phone`): the same data and
alt text, a narrower figure whose text the phone need not shrink, legends above the plot."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..present import figures as charts
from ..present import formatting
from ..present.words import and_list, compared_with, goal_headline, goal_reason
from ..stats.verdicts import MET, NOT_MET, sign
from ..study.calendar import month_label
from ..study.vocabulary import AFTER, BEFORE, MISSING, OK, UNCERTAIN, YEARLY_CHART_LABELS, YEARLY_MEASURES
from .shares import percentage_points, share_row
from .yearly import whole_years

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


def has_months(chart: pd.DataFrame) -> bool:
    """Whether a control chart (monthly.c_chart) has a month with a value to draw: a chart of no months, or of
    months without values, is left out (the text says which municipality has no series)."""
    return bool(len(chart)) and bool(chart["value"].notna().any())


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_of(number: int) -> dt.date:
    return dt.date(number // 12, number % 12 + 1, 1)


def runs(positions: list[int]) -> list[list[int]]:
    """Consecutive whole positions grouped ([1, 2, 4] → [[1, 2], [4]]): a line joins only neighbours, never
    across a month or year without a value."""
    groups: list[list[int]] = []
    for p in positions:
        if groups and p == groups[-1][-1] + 1:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _missing_months(numbers: set[int], valued: set[int]) -> str:
    """'juni–augusti 2021, maj 2022': the months (as month numbers) without a value, as spans."""
    missing = sorted(numbers - valued)
    return ", ".join(formatting.month_span(_month_of(run[0]), _month_of(run[-1])) for run in runs(missing))


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
    """c-chart of monthly closures to work/studies, one panel per municipality with a month's value, on a shared
    calendar month axis (in the municipality's colour of every chart), with phase-wise centre line and limits,
    both in the legend. Only months with a value are drawn: a line never joins two months across one without a
    value, a phase's centre line and limits span only its months with a value, a phase without one is neither
    drawn nor named. The caller leaves out a chart without any value (`has_months`)."""
    valued = chart[chart["value"].notna()]
    codes = list(valued["municipality"].drop_duplicates())
    numbers = [_month_number(d) for d in valued["period_start"]]
    first, last = min(numbers), max(numbers)
    # The start falls between the last month before it and the first after it (a mid-month start puts its
    # month before, as monthly.with_phase does); marked only inside the drawn months.
    after = _month_number(start) + (start.day > 1)
    boundary = after - first - 0.5 if first < after <= last else None
    many = len(codes) > 1
    panel = 4.6 + (0.5 if many else 0) if layout.narrow else 3.2
    fig, axes = layout.figure(panel * len(codes) + 0.8, nrows=len(codes), sharex=True, squeeze=False)
    titles, alts, drawn = [], [], []
    for ax, code in zip(axes[:, 0], codes):
        rows = chart[chart["municipality"] == code]
        series = valued[valued["municipality"] == code].sort_values("period_start").reset_index(drop=True)
        colour = (colours or {}).get(code, charts.PALETTE[0])
        title = _spc_title(series, names[code])
        # On a phone the panel's title heads its legend (both above the plot); on paper it is the panel's title.
        heading = charts.wrapped(title, layout.width * 0.95, 10) if layout.narrow and many else None
        x = [_month_number(d) - first for d in series["period_start"]]
        _spc_panel(ax, series, x, boundary, start, names[code], colour, layout, heading)
        titles.append(title)
        drawn.append(set(series["phase"]))
        count = len(series)
        gaps = _missing_months(
            {_month_number(d) for d in rows["period_start"]} | set(range(min(x) + first, max(x) + first + 1)),
            {n + first for n in x},
        )
        alts.append(
            f"{names[code]}, {count} {'månad' if count == 1 else 'månader'} med värde: "
            + ", ".join(f"{month_label(r.period_start)} {formatting.number(r.value)}" for r in series.itertuples())
            + "."
            + (f" Uppgift saknas för {gaps}." if gaps else "")
            + " "
            + _signals(int(series["signal"].sum()))
        )
    calendar = [_month_of(n) for n in range(first, last + 1)]
    positions, labels = month_ticks(calendar, every=4 if layout.narrow else 2)
    axes[-1, 0].set_xticks(positions, labels, rotation=45, ha="right", rotation_mode="anchor")
    axes[-1, 0].set_xlim(-0.7, last - first + 0.7)
    if many and not layout.narrow:  # one finding per panel; the figure's title says what all panels show
        for ax, title in zip(axes[:, 0], titles):
            ax.set_title(charts.wrapped(title, _plot_width(fig, ax), 10), fontsize=10, loc="left")
    charts.finish(fig, titles[0] if len(codes) == 1 else "Avslut till arbete eller studier per månad", source)
    marked = (
        f" En prickad linje markerar samverkans start {formatting.long_date(start)}." if boundary is not None else ""
    )
    alt = (
        "Styrdiagram (c-diagram) över avslut till arbete eller studier per månad. "
        + " ".join(alts)
        + f" {_limits_said(drawn)}{marked}"
    )
    return fig, alt


def _plot_width(fig, ax) -> float:
    """The width in inches an axes has on its figure (before the layout: about what it keeps)."""
    return ax.get_position().width * fig.get_size_inches()[0]


def _limits_said(phases: list[set[str]]) -> str:
    """What the centre lines and limits drawn are computed over: only the phases that are drawn."""
    if any(len(p) > 1 for p in phases):
        return "Medellinje och styrgränser beräknas separat före och efter samverkans start."
    every = set().union(*phases)
    if every == {BEFORE}:
        return "Medellinje och styrgränser beräknas på månaderna före samverkans start."
    if every == {AFTER}:
        return "Medellinje och styrgränser beräknas på månaderna efter samverkans start."
    return "Medellinje och styrgränser beräknas på varje kommuns månader före respektive efter samverkans start."


PHASE_WORDS = {BEFORE: "före start", AFTER: "efter"}


def _spc_panel(
    ax,
    series: pd.DataFrame,
    x: list[int],
    boundary: float | None,
    start: dt.date,
    name: str,
    colour: str,
    layout: charts.Layout = charts.PAPER,
    heading: str | None = None,
) -> None:
    """One municipality's months with a value (`series`, at positions `x`): the counts joined only between
    neighbouring months, each phase's centre line and limits over its own stretches of months."""
    at = dict(zip(x, series["value"]))
    for k, stretch in enumerate(runs(x)):
        ax.plot(
            stretch,
            [at[p] for p in stretch],
            marker="o",
            color=colour,
            linewidth=1.2,
            label="Antal per månad" if k == 0 else None,
            zorder=3,
        )
    phases = list(series.groupby("phase", sort=False))
    # Each phase's mean is said in the legend, not written over the points; only the phases drawn.
    means = ", ".join(
        f"{formatting.number(group['centre'].iloc[0], 1)} {PHASE_WORDS.get(phase, phase)}" for phase, group in phases
    )
    first = True  # one legend entry for each kind of line
    for _, group in phases:
        for stretch in runs([x[i] for i in group.index]):
            span = [stretch[0] - 0.4, stretch[-1] + 0.4]
            ax.plot(
                span,
                [group["centre"].iloc[0]] * 2,
                color="black",
                linewidth=1,
                label=f"Medel: {means}" if first else None,
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
            first = False
    signals = series[series["signal"].astype(bool)]
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
    if boundary is not None:  # said in the legend: a label over the line would meet the panel's title
        ax.axvline(
            boundary,
            color=charts.PALETTE[3],
            linestyle=":",
            linewidth=1.5,
            label=f"samverkan startar {formatting.long_date(start)}",
        )
    ax.set_ylabel(f"Avslut, {name}")
    charts.number_axis(ax.yaxis, integer=True)
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, -0.05 * max(high, 1)), max(high, 1))  # a series of zeros still has an axis to read
    # The legend beside the panel (above it on a phone), never over a point.
    legend = layout.legend(ax, title=heading, alignment="left")
    if heading:
        legend.get_title().set_fontsize(10)


def _spc_title(series: pd.DataFrame, name: str) -> str:
    # No finding in the title: the text compares chosen periods by a verdict; the chart shows the
    # months and each phase's centre line (in the legend), for the reader to follow. `series`: the months drawn.
    phases = set(series["phase"])
    if phases == {BEFORE, AFTER}:
        said = "före och efter samverkans start"
    elif phases == {AFTER}:
        said = "efter samverkans start"
    else:
        said = "före samverkans start"
    return f"{name}: avslut per månad, medellinje och styrgränser {said}"


def _has_value(rows: pd.DataFrame) -> pd.Series:
    return rows["value"].notna() & (rows["status"] != MISSING)


def has_years(levels: pd.DataFrame) -> bool:
    """Whether one municipality's yearly levels (whole years) have a value to draw: a chart of values all
    missing is left out, never drawn empty."""
    return bool(len(levels)) and bool(_has_value(levels[levels["measure"].isin(YEARLY_PANELS)]).any())


def yearly_codes(levels: pd.DataFrame) -> list[str]:
    """The municipalities, in the levels' order, whose whole years have a value to draw (`has_years`)."""
    whole = whole_years(levels)
    return [
        code for code in levels["municipality"].drop_duplicates() if has_years(whole[whole["municipality"] == code])
    ]


YEARLY_PANELS = YEARLY_MEASURES  # one panel each (the derived cost per household is in the table)
HOW_MANY = {1: "Ett diagram", 2: "Två små diagram", 3: "Tre små diagram", 4: "Fyra små diagram"}


def _year_value(status: str, value: float, scale: float) -> str:
    if status == MISSING or pd.isna(value):
        return MISSING
    return formatting.number(value / scale, 1 if scale > 1 else 0) + (f" ({UNCERTAIN})" if status == UNCERTAIN else "")


@charts.for_phone
def yearly_chart(levels: pd.DataFrame, name: str, source: str, *, layout: charts.Layout = charts.PAPER):
    """Small multiples per measure with a value; uncertain values hollow, missing values marked 'saknas' (never
    zero), a line only between neighbouring years with values. Two by two on paper (one row for two measures or
    fewer), one above the other on a phone. A measure without any value gets no panel: the title and alt text say
    it is missing. The caller leaves out a municipality without any value (`has_years`)."""
    measures = [m for m in YEARLY_PANELS if _has_value(levels[levels["measure"] == m]).any()]
    empty = [m for m in YEARLY_PANELS if m not in measures and (levels["measure"] == m).any()]
    if layout.narrow:
        fig, axes = layout.figure(2.3 * len(measures) + 1.4, nrows=len(measures), ncols=1, squeeze=False)
    elif len(measures) > 2:
        fig, axes = layout.figure(5.5, nrows=2, ncols=2, squeeze=False)
    else:
        fig, axes = layout.figure(3.2, nrows=1, ncols=len(measures), squeeze=False)
    for ax in axes.flat[len(measures) :]:  # three measures on a two-by-two grid
        ax.set_visible(False)
    alt, labels = [], {}
    for ax, measure in zip(axes.flat, measures):
        rows = levels[levels["measure"] == measure].sort_values("year")
        scale = 1e6 if measure == "fa_paid" else 1
        shown = rows[_has_value(rows)]
        at = dict(zip(shown["year"].astype(int), shown["value"] / scale))
        for stretch in runs(sorted(at)):  # dashed between neighbouring years with a value, never across a gap
            if len(stretch) > 1:
                ax.plot(stretch, [at[y] for y in stretch], color=charts.PALETTE[0], linestyle="--", linewidth=1)
        ok = shown[shown["status"] == OK]
        uncertain = shown[shown["status"] != OK]
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
            text = _year_value(r.status, r.value, scale)
            if text == MISSING:  # at the foot of the panel: no value, so no height
                where, xy, offset, va = ("data", "axes fraction"), (r.year, 0.03), (0, 0), "bottom"
            else:
                where, xy, offset, va = "data", (r.year, r.value / scale), (0, 7), "bottom"
            label = ax.annotate(
                text.replace(f" ({UNCERTAIN})", f"\n({UNCERTAIN})"),
                xy,
                xycoords=where,
                xytext=offset,
                textcoords="offset points",
                ha="center",
                va=va,
                fontsize=charts.SMALL,
                linespacing=1.0,
                color=charts.SIGNAL if r.status != OK else "black",
            )
            labels.setdefault(ax, []).append(label)
        ax.set_title(YEARLY_CHART_LABELS[measure], fontsize=10)
        ax.set_xticks(rows["year"], [str(y) for y in rows["year"]])
        charts.number_axis(ax.yaxis, integer=scale == 1)
        ax.margins(y=0.3)
        ax.set_xlim(rows["year"].min() - 0.6, rows["year"].max() + 0.6)  # every year shown, with or without a value
        if len(at) == 1 or min(at.values()) == max(at.values()):  # one height: room above and below it
            value = next(iter(at.values()))
            half = max(abs(value) * 0.5, 1)
            ax.set_ylim(value - half, value + half)
        alt.append(
            f"{YEARLY_CHART_LABELS[measure]}: "
            + ", ".join(f"{r.year} {_year_value(r.status, r.value, scale)}" for r in rows.itertuples())
        )
    for measure in empty:
        alt.append(f"{YEARLY_CHART_LABELS[measure]} saknas för alla år och visas inte")
    charts.finish(fig, _yearly_title(levels, name, empty), source)
    for ax, texts in labels.items():  # a value centred on the first or last year stays inside its panel
        charts.keep_inside(fig, ax, texts)
    return fig, f"{HOW_MANY[len(measures)]} för {name} per år. " + ". ".join(alt) + "."


def _yearly_title(levels: pd.DataFrame, name: str, empty: list[str]) -> str:
    """The years and, only where the chart has them, what hollow points and 'saknas' mean, and which measure has
    no value at all."""
    panels = levels[levels["measure"].isin(YEARLY_PANELS)]
    first, last = int(panels["year"].min()), int(panels["year"].max())
    drawn = panels[~panels["measure"].isin(empty)]
    said = []
    if (_has_value(drawn) & (drawn["status"] == UNCERTAIN)).any():
        said.append("ofyllda punkter är osäkra värden")
    if not _has_value(drawn).all():
        said.append("”saknas” har inget värde")
    if empty:
        said.append(f"{and_list([YEARLY_CHART_LABELS[m].split(' (')[0].lower() for m in empty])} saknas alla år")
    years = f"{first}–{last}" if first != last else f"{first}"
    return f"{name} {years}: " + (", ".join(said) if said else "statistik per år")
