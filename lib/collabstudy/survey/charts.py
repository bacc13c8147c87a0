"""The survey step's charts: themes per municipality, each returned as (figure, alt text)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..present import figures as charts
from ..present import formatting as f
from ..privacy.small_cells import suppressed
from ..stats.verdicts import NO_RANKING, most_common
from .closed_tables import value_label
from .tables import municipality_name


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


def heatmap(tally: pd.DataFrame, params, source: str):
    """Share of each municipality's respondents per theme, for every theme with a published count."""
    data = tally[tally["count_exact"]]
    matrix = data.pivot_table(index="label", columns="municipality", values="share", sort=False)
    counts = data.pivot_table(index="label", columns="municipality", values="count", sort=False)
    labels = [re.sub(r"(.{34}\S*) ", r"\1\n", label) for label in matrix.index]
    fig, ax = charts.new_figure(8.5, 0.55 * len(matrix) + 1.8)
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    threshold = params.values.survey.small_cell_threshold
    for (i, j), value in np.ndenumerate(matrix.to_numpy(dtype=float)):
        if np.isnan(value):
            ax.text(j, i, "ej publicerat", ha="center", va="center", fontsize=charts.SMALL, color=charts.NEUTRAL)
            continue
        count = int(counts.iloc[i, j])
        star = "*" if 0 < count < threshold else ""
        ax.text(
            j,
            i,
            f"{count}{star} ({f.percent(value, 0)})",
            ha="center",
            va="center",
            fontsize=charts.SMALL,
            color="white" if value > 0.5 else "black",
        )
    ax.set_xticks(range(matrix.shape[1]), [municipality_name(params, c) for c in matrix.columns])
    ax.set_yticks(range(len(labels)), labels, fontsize=charts.SMALL)
    ax.grid(False)
    fig.colorbar(image, ax=ax, format=charts.FuncFormatter(lambda v, _: f.percent(v, 0)), shrink=0.6)
    charts.finish(fig, _heatmap_title(data, params), source)
    alt = (
        "Värmekarta, andel av kommunens svarande som nämner temat: "
        + "; ".join(
            f"{r.label}, {municipality_name(params, r.municipality)}: {r.count} av {r.respondents}"
            for r in data.itertuples()
        )
        + f". * betyder färre än {threshold} svarande."
    )
    return fig, alt


def theme_bars(tally: pd.DataFrame, question: str, params, source: str):
    """Bars per theme of one question, a bar per municipality; unpublished counts drawn hollow as lower bounds."""
    data = tally[tally["question"] == question]
    themes = list(dict.fromkeys(data["label"]))
    colours = charts.municipality_colours(params)
    threshold = params.values.survey.small_cell_threshold
    fig, ax = charts.new_figure(8.5, 0.5 * len(themes) + 1.8)
    height = 0.8 / len(params.values.codes)
    for k, code in enumerate(params.values.codes):
        rows = data[data["municipality"] == code].set_index("label").loc[themes]
        positions = [i + k * height for i in range(len(themes))]
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
            ax.annotate(
                text, (r.share, position), xytext=(3, 0), textcoords="offset points", va="center", fontsize=charts.SMALL
            )
    ax.set_yticks(
        [i + height / 2 for i in range(len(themes))],
        [re.sub(r"(.{34}\S*) ", r"\1\n", t) for t in themes],
        fontsize=charts.SMALL,
    )
    ax.invert_yaxis()
    charts.percent_axis(ax.xaxis)
    ax.set_xlabel(
        charts.wrapped(
            "Andel av kommunens svarande som nämner temat (flera teman per svar möjliga). "
            f"Randig stapel: antal ej publicerat, minst så många. *: färre än {threshold}.",
            fig.get_size_inches()[0] * 0.6,  # the axes, not the figure: the legend sits beside them
            charts.SMALL * 0.85,
        ),
        fontsize=charts.SMALL,
    )
    # The legend's swatches drawn for it (an empty bar has no colour of its own), beside the bars.
    swatches = [Patch(facecolor=colours[c], label=municipality_name(params, c)) for c in params.values.codes]
    ax.legend(handles=swatches, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=charts.SMALL, frameon=False)
    label = params.values.survey.questions[question].label
    charts.finish(fig, f"{label}: teman per kommun", source)
    alt = (
        f"Stapeldiagram för frågan ”{label}”: "
        + "; ".join(
            f"{r.label}, {municipality_name(params, r.municipality)}: {'' if r.count_exact else 'minst '}{r.count} av {r.respondents}"
            for r in data.itertuples()
        )
        + "."
    )
    return fig, alt


def closed_chart(tally: pd.DataFrame, question: str, params, source: str, level: float):
    """One closed question: per answer and municipality, the share of those who gave a value (a dot) and
    its interval (a line); counts hidden as small cells are not drawn."""
    spec = params.values.survey.questions[question]
    settings = params.values.survey
    data = tally[tally["question"] == question]
    colours = charts.municipality_colours(params)
    codes = params.values.codes
    fig, ax = charts.new_figure(8.5, 0.5 * len(spec.scale) * len(codes) / 2 + 2.0)
    step = 0.8 / len(codes)
    described = []
    for k, code in enumerate(codes):
        rows = data[data["municipality"] == code].sort_values("position")
        hidden = suppressed(list(rows["count"]), settings.small_cell_threshold) if settings.suppress_small_cells else []
        name = municipality_name(params, code)
        ax.plot([], [], "o", color=colours[code], label=name)
        for index, r in enumerate(rows.itertuples()):
            if (hidden and hidden[index]) or not r.answered:
                continue
            y = r.position + (k - (len(codes) - 1) / 2) * step
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
    ax.set_yticks(range(len(spec.scale)), [value_label(spec, v) for v in spec.scale], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    charts.percent_axis(ax.xaxis)
    ax.set_xlabel(
        charts.wrapped(
            f"Andel av kommunens svarande som gav ett värde; linjen visar {f.number(level * 100)} % "
            "konfidensintervall, talet antalet svarande.",
            fig.get_size_inches()[0] * 0.6,  # the axes, not the figure: the legend sits beside them
            charts.SMALL * 0.85,
        ),
        fontsize=charts.SMALL,
    )
    # Outside the axes: a point may sit anywhere, so a legend inside could cover one.
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=charts.SMALL, frameon=False)
    charts.finish(fig, f"{spec.label}: svar per kommun", source)
    alt = f"Punktdiagram för frågan ”{spec.label}”: " + "; ".join(described) + "."
    return fig, alt
