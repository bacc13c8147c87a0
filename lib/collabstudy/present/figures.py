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


# On A4 the text column is about 7 inches: a figure no wider prints at its own size, so its smallest text
# (SMALL points) is at least that on paper. The PNG is drawn at twice the screen's density (SHARPNESS) so
# that print and zoomed phones stay sharp.
PRINT_WIDTH, SMALL, SHARPNESS = 7.0, 9, 2


def new_figure(width: float = 8, height: float = 4, **kwargs):
    """A figure no wider than the printed page's text column (PRINT_WIDTH inches)."""
    plt.rcParams.update(STYLE)
    return plt.subplots(figsize=(min(width, PRINT_WIDTH), height), **kwargs)


def percent_axis(axis, decimals: int = 0) -> None:
    """Tick labels '20 %' on an axis whose values are shares (0–1)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: formatting.percent(v, decimals)))


def number_axis(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: formatting.number(v, decimals)))


TITLE_SIZE = 12


def wrapped(text: str, width_inches: float, size: float) -> str:
    """`text` broken into lines that fit `width_inches` at `size` points (a bold character is about 0,6
    of the size wide)."""
    import textwrap

    return textwrap.fill(text, width=max(20, int(width_inches * 72 / (size * 0.62))), break_long_words=False)


def finish(fig, title: str, source: str) -> None:
    """Title (the finding) on top, wrapped to the figure's width; source line at the bottom, wrapped too."""
    width, height = fig.get_size_inches()
    title = wrapped(title, width * 0.98, TITLE_SIZE)
    credit = wrapped(f"Källa: {source}", width * 0.98, SMALL * 0.85)
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    fig.text(0.01, 0.01, credit, fontsize=SMALL, color=NEUTRAL, ha="left", va="bottom")
    bottom = (0.17 * (credit.count("\n") + 1) + 0.05) / height
    fig.tight_layout(rect=(0, bottom, 1, 1))  # tight_layout makes room for the suptitle itself


def figure_html(fig, alt: str, caption: str) -> str:
    """The figure as an embedded PNG in <figure>, with alt text and caption; the figure is closed."""
    buffer = io.BytesIO()
    dpi = STYLE["savefig.dpi"]
    fig.savefig(buffer, format="png", metadata={"Software": None}, dpi=dpi * SHARPNESS)
    width, height = (round(inches * dpi) for inches in fig.get_size_inches())
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{width}" height="{height}" style="max-width:100%;height:auto">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )
