"""The study's one chart style: Swedish labels and numbers, a colour-blind-safe palette,
a title that states the finding, a source line, and alt text for every figure.

Figures are embedded as PNG inside a <figure> with alt text and caption, so the HTML needs no
external file and every image can be read by a screen reader.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402,F401 (re-exported)

from . import formatting  # noqa: E402

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
NEUTRAL = "#6B6B6B"
SIGNAL = "#D55E00"
STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "svg.hashsalt": "collabstudy",
    "figure.autolayout": False,
}


def municipality_colours(params) -> dict[str, str]:
    return {m.code: PALETTE[i % len(PALETTE)] for i, m in enumerate(params.values.municipalities)}


def new_figure(width: float = 8, height: float = 4, **kwargs):
    plt.rcParams.update(STYLE)
    return plt.subplots(figsize=(width, height), **kwargs)


def percent_axis(axis, decimals: int = 0) -> None:
    """Tick labels '20 %' on an axis whose values are shares (0–1)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: formatting.percent(v, decimals)))


def number_axis(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: formatting.number(v, decimals)))


def finish(fig, title: str, source: str) -> None:
    """Title (the finding) on top, source line at the bottom."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    fig.text(0.01, 0.01, f"Källa: {source}", fontsize=8, color=NEUTRAL, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 0.93))


def figure_html(fig, alt: str, caption: str) -> str:
    """The figure as an embedded PNG in <figure>, with alt text and caption; the figure is closed."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'style="max-width:100%;height:auto"><figcaption>{html.escape(caption)}</figcaption></figure>'
    )
