"""The survey step's charts: themes per municipality, each returned as (figure, alt text).

Each is drawn for paper (and wide screens) and again for a phone (`charts.for_phone`): the same data and
alt text, a narrower figure with the labels wrapped shorter and the legend above the plot."""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.patches import Patch, Rectangle

from ..present import figures as charts
from ..present import formatting as f
from ..privacy.small_cells import suppressed
from ..stats.verdicts import NO_RANKING, most_common
from .closed_tables import value_label
from .tables import municipality_name


def _label(text: str) -> str:
    """A theme or answer as an axis label beside the plot: wrapped after about 34 characters."""
    return re.sub(r"(.{34}\S*) ", r"\1\n", text)


# On a phone a theme's label is a heading above its bars or cells (beside them it would take half the width):
# rows measured in inches, the plot's y axis in inches too (charts.fit_plot_height).
LINE, AFTER_LABEL, AFTER_ROW = 0.18, 0.05, 0.22
CELL, BAR = 0.32, 0.2  # a phone's heatmap row and bar, in inches


def _heading(text: str) -> str:
    """A theme as a heading across a phone's plot."""
    return textwrap.fill(text, width=40, break_long_words=False)


def _rows(headings: list[str], body: float) -> tuple[list[float], list[float], float]:
    """Each heading's top and its body's top (bars, cells) in inches from the plot's top, and the plot's height."""
    tops, bodies, y = [], [], 0.0
    for heading in headings:
        tops.append(y)
        y += LINE * (heading.count("\n") + 1) + AFTER_LABEL
        bodies.append(y)
        y += body + AFTER_ROW
    return tops, bodies, y - AFTER_ROW + 0.05


def _headings_above(ax, headings: list[str], tops: list[float], height: float) -> None:
    """The headings at the plot's left edge above their rows; the y axis in inches, downwards, without ticks."""
    from matplotlib.transforms import blended_transform_factory

    left = blended_transform_factory(ax.transAxes, ax.transData)
    for heading, top in zip(headings, tops):
        text = ax.text(0.0, top, heading, transform=left, ha="left", va="top", fontsize=charts.SMALL, linespacing=1.25)
        text.set_in_layout(False)  # wrapped to the plot's width already: the layout need not make room beside it
    ax.set_ylim(height, 0)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)


def _heatmap_title(data: pd.DataFrame, params) -> str:
    """The largest share of respondents in the map, every cell with it named (a tie is a tie)."""
    cells = {f"{i}": r for i, r in enumerate(data.itertuples())}
    verdict = most_common([(key, r.share, True) for key, r in cells.items()])
    if verdict.value == NO_RANKING:
        return "Teman per kommun"
    named = " och ".join(
        f"”{cells[key].label}” i {municipality_name(params, cells[key].municipality)}" for key in verdict.inputs["top"]
    )
    return f"Vanligast: {named} – {f.percent(verdict.inputs['count'], 0)} av de svarande"


@charts.for_phone
def heatmap(tally: pd.DataFrame, params, source: str, *, layout: charts.Layout = charts.PAPER):
    """Share of each municipality's respondents per theme, for every theme with a published count."""
    data = tally[tally["count_exact"] & (tally["respondents"] > 0)]  # a municipality nobody answered from: no column
    matrix = data.pivot_table(index="label", columns="municipality", values="share", sort=False)
    counts = data.pivot_table(index="label", columns="municipality", values="count", sort=False)
    threshold = params.values.survey.small_cell_threshold
    names = [municipality_name(params, c) for c in matrix.columns]
    values = matrix.to_numpy(dtype=float)
    if layout.narrow:
        # A row of cells under each theme's heading, the municipalities' names above the columns.
        headings = [_heading(label) for label in matrix.index]
        tops, bodies, height = _rows(headings, CELL)
        fig, ax = layout.figure(height + 2.2)
        centres = [top + CELL / 2 for top in bodies]
        cmap = colormaps["Blues"]
        for (i, j), value in np.ndenumerate(values):
            colour = "white" if np.isnan(value) else cmap(value)
            ax.add_patch(Rectangle((j, bodies[i]), 1, CELL, facecolor=colour, edgecolor="white", linewidth=2))
        positions = [(j + 0.5, centres[i]) for i, j in np.ndindex(values.shape)]
        ax.set_xlim(0, values.shape[1])
        _headings_above(ax, headings, tops, height)
        ax.xaxis.tick_top()
        ax.set_xticks([j + 0.5 for j in range(values.shape[1])], names)
        ax.tick_params(axis="x", length=0)
        ax.spines["bottom"].set_visible(False)
    else:
        fig, ax = layout.figure(0.55 * len(matrix) + 1.8)
        image = ax.imshow(values, cmap="Blues", vmin=0, vmax=1, aspect="auto")
        positions = [(j, i) for i, j in np.ndindex(values.shape)]
        ax.set_xticks(range(matrix.shape[1]), names)
        ax.set_yticks(range(len(matrix)), [_label(label) for label in matrix.index], fontsize=charts.SMALL)
    for (x, y), ((i, j), value) in zip(positions, np.ndenumerate(values)):
        if np.isnan(value):
            ax.text(x, y, "ej publicerat", ha="center", va="center", fontsize=charts.SMALL, color=charts.NEUTRAL)
            continue
        count = int(counts.iloc[i, j])
        star = "*" if 0 < count < threshold else ""
        ax.text(
            x,
            y,
            f"{count}{star} ({f.percent(value, 0)})",
            ha="center",
            va="center",
            fontsize=charts.SMALL,
            color="white" if value > 0.5 else "black",
        )
    ax.grid(False)
    if not layout.narrow:  # every cell states its share: on a phone the plot keeps the width the scale would take
        fig.colorbar(image, ax=ax, format=charts.FuncFormatter(lambda v, _: f.percent(v, 0)), shrink=0.6)
    charts.finish(fig, _heatmap_title(data, params), source)
    if layout.narrow:
        charts.fit_plot_height(fig, ax, height)
    alt = (
        "Värmekarta, andel av kommunens svarande som nämner temat: "
        + "; ".join(
            f"{r.label}, {municipality_name(params, r.municipality)}: {r.count} av {r.respondents}"
            for r in data.itertuples()
        )
        + f". * betyder färre än {threshold} svarande."
    )
    return fig, alt


@charts.for_phone
def theme_bars(tally: pd.DataFrame, question: str, params, source: str, *, layout: charts.Layout = charts.PAPER):
    """Bars per theme of one question, a bar per municipality; unpublished counts drawn hollow as lower bounds."""
    data = tally[(tally["question"] == question) & (tally["respondents"] > 0)]
    themes = list(dict.fromkeys(data["label"]))
    colours = charts.municipality_colours(params)
    threshold = params.values.survey.small_cell_threshold
    # a municipality nobody answered from has no bars (and no place in the legend), never bars of '0 av 0'
    codes = [code for code in params.values.codes if code in set(data["municipality"])] or params.values.codes
    if layout.narrow:  # each theme's name a heading above its bars, the bars the whole width
        headings = [_heading(t) for t in themes]
        tops, bodies, plot_height = _rows(headings, BAR * len(codes))
        fig, ax = layout.figure(plot_height + 2.6)
        height, starts = BAR, bodies
    else:
        fig, ax = layout.figure(0.5 * len(themes) + 1.8)
        height = 0.8 / len(codes)
        starts = [i - height / 2 for i in range(len(themes))]
    counts = []
    for k, code in enumerate(codes):
        rows = data[data["municipality"] == code].set_index("label").loc[themes]
        positions = [start + height / 2 + k * height for start in starts]
        for position, r in zip(positions, rows.itertuples()):
            if not r.count_exact and r.count == 0:
                continue  # nothing known: no bar, no number
            ax.barh(
                position,
                r.share,
                height=height,
                color=colours[code] if r.count_exact else "white",
                edgecolor=colours[code],
                hatch=None if r.count_exact else "//",
            )
            small = "*" if r.count_exact and 0 < r.count < threshold else ""
            text = f"{r.count}{small}" if r.count_exact else f"minst {r.count}"
            counts.append(
                ax.annotate(
                    text,
                    (r.share, position),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=charts.SMALL,
                )
            )
    if layout.narrow:
        _headings_above(ax, headings, tops, plot_height)
        ax.xaxis.set_major_locator(charts.MaxNLocator(4))
    else:
        ax.set_yticks([i + height / 2 for i in range(len(themes))], [_label(t) for t in themes], fontsize=charts.SMALL)
        ax.invert_yaxis()
    charts.percent_axis(ax.xaxis)
    ax.set_xlabel(
        charts.wrapped(
            "Andel av kommunens svarande som nämner temat (flera teman per svar möjliga). "
            f"Randig stapel: antal ej publicerat, minst så många. *: färre än {threshold}.",
            # the axes, not the figure: the legend sits beside them (on a phone the plot has nearly the whole width)
            fig.get_size_inches()[0] * (0.8 if layout.narrow else 0.6),
            charts.SMALL * 0.85,
        ),
        fontsize=charts.SMALL,
    )
    # The legend's swatches drawn for it (an empty bar has no colour of its own), beside the bars.
    swatches = [Patch(facecolor=colours[c], label=municipality_name(params, c)) for c in codes]
    layout.legend(ax, handles=swatches, ncols=len(swatches) if layout.narrow else 1)
    label = params.values.survey.questions[question].label
    charts.finish(fig, f"{label}: teman per kommun", source)
    if layout.narrow:
        charts.fit_plot_height(fig, ax, plot_height)
    charts.keep_inside(fig, ax, counts)  # a count beside the longest bar stays inside the plot
    alt = (
        f"Stapeldiagram för frågan ”{label}”: "
        + "; ".join(
            f"{r.label}, {municipality_name(params, r.municipality)}: {'' if r.count_exact else 'minst '}{r.count} av {r.respondents}"
            for r in data.itertuples()
        )
        + "."
    )
    return fig, alt


@charts.for_phone
def closed_chart(
    tally: pd.DataFrame, question: str, params, source: str, level: float, *, layout: charts.Layout = charts.PAPER
):
    """One closed question: per answer and municipality, the share of those who gave a value (a dot) and
    its interval (a line); counts hidden as small cells are not drawn."""
    spec = params.values.survey.questions[question]
    settings = params.values.survey
    data = tally[tally["question"] == question]
    colours = charts.municipality_colours(params)
    codes = params.values.codes
    height = 0.5 * len(spec.scale) * len(codes) / 2
    fig, ax = layout.figure(height + 3.0 if layout.narrow else height + 2.0)
    step = 0.8 / len(codes)
    described, any_hidden = [], False
    for k, code in enumerate(codes):
        rows = data[data["municipality"] == code].sort_values("position")
        hidden = suppressed(list(rows["count"]), settings.small_cell_threshold) if settings.suppress_small_cells else []
        name = municipality_name(params, code)
        ax.plot([], [], "o", color=colours[code], label=name)
        for index, r in enumerate(rows.itertuples()):
            if not r.answered:
                continue
            y = r.position + (k - (len(codes) - 1) / 2) * step
            if hidden and hidden[index]:
                # said where the dot would be, as the table says it: never a silent gap
                ax.annotate(
                    f"{name}: dold",
                    (0, y),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=charts.SMALL,
                    color=charts.NEUTRAL,  # named, in grey: a municipality's yellow is too pale for text
                )
                described.append(f"{value_label(spec, r.value)}, {name}: dold")
                any_hidden = True
                continue
            ax.hlines(y, r.ci_low, r.ci_high, color=colours[code], linewidth=1.5)
            ax.plot(r.share, y, "o", color=colours[code])
            ax.annotate(
                f"{r.count}",
                (r.ci_high, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=charts.SMALL,
            )
            described.append(f"{value_label(spec, r.value)}, {name}: {r.count} av {r.answered}")
    ax.set_yticks(range(len(spec.scale)), [_label(value_label(spec, v)) for v in spec.scale], fontsize=9)
    # every answer's row whole, also one with nothing drawn but "dold" (its place would fall outside)
    ax.set_ylim(len(spec.scale) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    charts.percent_axis(ax.xaxis)
    if layout.narrow:
        ax.xaxis.set_major_locator(charts.MultipleLocator(0.25))
    ax.set_xlabel(
        charts.wrapped(
            f"Andel av kommunens svarande som gav ett värde; linjen visar {f.number(level * 100)} % "
            "konfidensintervall, talet antalet svarande."
            + (
                f" ”Dold”: färre än {settings.small_cell_threshold} svarande, eller det näst minsta antalet, "
                "så att det dolda inte kan räknas fram."
                if any_hidden
                else ""
            ),
            fig.get_size_inches()[0] * 0.6,  # the axes, not the figure: the legend sits beside them
            charts.SMALL * 0.85,
        ),
        fontsize=charts.SMALL,
    )
    # Outside the axes: a point may sit anywhere, so a legend inside could cover one.
    layout.legend(ax, ncols=len(codes) if layout.narrow else 1)
    charts.finish(fig, f"{spec.label}: svar per kommun", source)
    alt = f"Punktdiagram för frågan ”{spec.label}”: " + "; ".join(described) + "."
    return fig, alt
