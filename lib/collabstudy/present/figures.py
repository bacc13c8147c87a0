"""The study's one chart style: Swedish labels and numbers, a colour-blind-safe palette,
a title that states the finding, a source line, and alt text for every figure.

Figures are embedded as PNG inside a <figure> with alt text and caption, so the HTML needs no
external file and every image can be read by a screen reader. A chart function decorated with
`for_phone` is drawn twice from the same data: for paper and wide screens (PAPER), and for a phone
(PHONE: narrower, so its text stays large when the screen shrinks it); `figure_html` lets the browser
choose (<picture> with a media query), and paper always gets the first.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator, MultipleLocator  # noqa: E402,F401 (re-exported)

from ..io.kept import keep, load_kept  # noqa: E402
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
    # Text is text: a theme label or question with '$' ("Lön $x^$") is never read as mathtext (which would
    # fail on it, stopping the step on valid input).
    "text.parse_math": False,
    "figure.autolayout": False,
    # No hinting (FreeType snapping glyphs to the pixel grid): at twice the screen's density (SHARPNESS) it
    # changes nothing a reader can see, and without it text is laid out and drawn a third faster (the charts'
    # text was the largest cost of a run above its floor).
    "text.hinting": "none",
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


# A phone's column is about 360 CSS pixels (390 px screen less its margins). A chart drawn PHONE_WIDTH inches
# wide (at the screen density, STYLE's dpi) is shown at about its own size there, so SMALL points stay about
# 12 px; the paper drawing, shrunk from 770 to 360 px, showed them at 6 px.
PHONE_WIDTH = 3.6
# The browser picks the phone drawing on a screen no wider than this (the stylesheet's phone width); on paper
# never.
PHONE_MEDIA = "screen and (max-width: 40rem)"


@dataclass(frozen=True)
class Layout:
    """Where a chart is read: `width` in inches; `narrow`: legends above the plot, fewer and wrapped labels."""

    width: float
    narrow: bool = False

    def figure(self, height: float, **kwargs):
        """A figure of this layout's width and `height` inches."""
        return new_figure(self.width, height, **kwargs)

    def legend(self, ax, **kwargs):
        """The legend where it covers no point: beside the plot on paper, above it on a phone (a phone's plot
        needs the whole width)."""
        if self.narrow:  # from the figure's left edge, just above the plot
            from matplotlib.transforms import blended_transform_factory

            where = blended_transform_factory(ax.figure.transFigure, ax.transAxes)
            place = {"loc": "lower left", "bbox_to_anchor": (0.01, 1.02), "bbox_transform": where, "borderaxespad": 0.0}
        else:
            place = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
        return ax.legend(**place, fontsize=SMALL, frameon=False, **kwargs)


PAPER = Layout(PRINT_WIDTH)
PHONE = Layout(PHONE_WIDTH, narrow=True)
PHONE_DRAWING = "_collabstudy_phone"  # the attribute of a paper figure that draws its phone version


KEEP_AS = "_collabstudy_kept_as"  # the attribute of a paper figure: where figure_html keeps its drawings


def for_phone(draw):
    """A chart function `draw(..., layout=…) -> (figure, alt)` drawn for paper, with its phone drawing (same
    arguments, layout PHONE) attached to the figure for `figure_html`. The phone figure is drawn only when the
    page is made, and closed there; the alt text is the paper drawing's (both show the same data).

    In a run (collabstudy.io.kept) a chart drawn before with the same arguments and the same code is not drawn
    again: a step run again because one coding or one delivery changed draws only the charts whose data changed.
    Then the function returns the kept drawings (a `KeptChart`) in place of a figure, which `figure_html` shows as
    it would the figure. (The conclusions step shows some of the outcome step's charts from the tables as written and
    read back; the outcome step draws them from the same (collabstudy.io.processed.as_written), so they are drawn
    once.)"""

    @functools.wraps(draw)
    def chart(*args, **kwargs):
        kept_at = _kept_chart_file(draw, args, kwargs)
        kept = load_kept(kept_at, KeptChart) if kept_at else None
        if kept is not None:
            return kept, kept.alt
        fig, alt = draw(*args, layout=PAPER, **kwargs)
        setattr(fig, PHONE_DRAWING, lambda: draw(*args, layout=PHONE, **kwargs)[0])
        if kept_at:
            setattr(fig, KEEP_AS, (kept_at, alt))
        return fig, alt

    return chart


@dataclass(frozen=True)
class KeptChart:
    """A chart's drawings as `figure_html` made them: each (base64 PNG, width, height, smallest text in points)."""

    alt: str
    paper: tuple[str, int, int, float]
    phone: tuple[str, int, int, float]


def _kept_chart_file(draw, args: tuple, kwargs: dict):
    """Where a chart with these arguments is kept in a run, or None: outside a run, or for an argument that cannot
    be told apart from another reliably (then it is drawn)."""
    from ..io.kept import code_version, kept_file

    try:
        described = [_described(value) for value in args]
        described += [f"{name}={_described(value)}" for name, value in sorted(kwargs.items())]
        import numpy
        import pandas
        import PIL

        versions = (matplotlib.__version__, PIL.__version__, numpy.__version__, pandas.__version__)
        code = code_version(Path(__file__).parents[1], *versions)
    except Exception:  # noqa: BLE001 (an argument that cannot be told apart reliably, …: drawn, never a stop)
        return None
    return kept_file("diagram", draw.__module__, draw.__qualname__, code, *described)


def _described(value) -> str:
    """An argument of a chart as text that is the same exactly when the argument is: tables by their pickled bytes
    (the same in every process), a study's params by their values, plain values by their repr."""
    import hashlib
    import json
    import pickle

    import pandas as pd

    if isinstance(value, (pd.DataFrame, pd.Series)):
        return "table " + hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()
    if isinstance(value, (str, int, float, bool, type(None), dt.date)):
        return f"{type(value).__name__} {value!r}"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} [{', '.join(_described(v) for v in value)}]"
    if isinstance(value, dict):
        return f"dict {{{', '.join(f'{_described(k)}: {_described(v)}' for k, v in value.items())}}}"
    if isinstance(getattr(value, "root", None), Path) and hasattr(getattr(value, "values", None), "model_dump"):
        # a study's loaded params: their values as loaded (sets in order, so the same in every process)
        return f"params {value.root} {json.dumps(_ordered(value.values.model_dump()), sort_keys=True, default=str)}"
    raise TypeError(f"{type(value).__name__} cannot be told apart reliably")


def _ordered(value):
    if isinstance(value, dict):
        return {str(key): _ordered(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_ordered(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_ordered(item) for item in value]
    return value


def keep_inside(fig, ax, texts, pad: float = 4) -> None:
    """Widen `ax`'s x-limits until every text in `texts` (labels placed at data points) lies inside the axes:
    a label centred on a point near the edge would otherwise cross the axis and its tick labels."""
    texts = [t for t in texts if t.get_text()]
    if not texts:
        return
    renderer = fig.canvas.get_renderer()
    for _ in range(4):  # a wider range shrinks the labels' share of it: converges in a step or two
        box = ax.get_window_extent(renderer)
        extents = [t.get_window_extent(renderer) for t in texts]
        over_left = box.x0 + pad - min(e.x0 for e in extents)
        over_right = max(e.x1 for e in extents) - (box.x1 - pad)
        if over_left <= 0 and over_right <= 0:
            return
        low, high = ax.get_xlim()
        per_pixel = (high - low) / box.width
        ax.set_xlim(low - max(0.0, over_left) * per_pixel * 1.2, high + max(0.0, over_right) * per_pixel * 1.2)


def percent_axis(axis, decimals: int = 0) -> None:
    """Tick labels '20 %' on an axis whose values are shares (0–1)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: formatting.percent(v, decimals)))


def number_axis(axis, decimals: int = 0, *, integer: bool = False) -> None:
    """Tick labels as Swedish numbers, with at least `decimals` decimals and as many more as keep every label
    distinct (a narrow range never reads "17 17 18" or "0 0 0 0 0"); `integer`: ticks only at whole numbers
    (counts)."""
    if integer:
        axis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(DistinctNumbers(decimals))


class DistinctNumbers(Formatter):
    """Swedish numbers with the fewest decimals (at least `decimals`, at most three more) that show every tick as
    it is, or failing that tell every tick apart."""

    def __init__(self, decimals: int = 0):
        self.decimals = self.shown = decimals

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        choices = range(self.decimals, self.decimals + 4)
        exact = [
            d for d in choices if all(abs(float(v) - round(float(v), d)) < 1e-6 * max(1.0, abs(float(v))) for v in locs)
        ]
        distinct = [d for d in choices if len({formatting.number(float(v), d) for v in locs}) == len(locs)]
        # each tick as it is (17,5, not 18), else at least apart
        self.shown = min(exact or distinct or [choices[-1]])

    def __call__(self, value, pos=None) -> str:
        return formatting.number(float(value), self.shown)


TITLE_SIZE = 12


def wrapped(text: str, width_inches: float, size: float) -> str:
    """`text` broken into lines that fit `width_inches` at `size` points (a bold character is about 0,6
    of the size wide)."""
    import re
    import textwrap

    # a number and its unit stay on one line ("90 %", not "90" and "% konfidensintervall"): a no-break space,
    # which textwrap does not break at
    text = re.sub(r"(\d) (%|kr\b)", "\\1\u00a0\\2", text)
    return textwrap.fill(text, width=max(20, int(width_inches * 72 / (size * 0.62))), break_long_words=False)


def finish(fig, title: str, source: str) -> None:
    """Title (the finding) on top, wrapped to the figure's width; source line at the bottom, wrapped too."""
    width, height = fig.get_size_inches()
    title = wrapped(title, width * 0.98, TITLE_SIZE)
    credit = wrapped(f"Källa: {source}", width * 0.98, SMALL * 0.85)
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    fig.text(0.01, 0.01, credit, fontsize=SMALL, color=NEUTRAL, ha="left", va="bottom")
    setattr(fig, CREDIT_HEIGHT, 0.17 * (credit.count("\n") + 1) + 0.05)
    _layout(fig)


CREDIT_HEIGHT = "_collabstudy_credit_inches"  # the source line's height, kept for a second layout


def _layout(fig) -> None:
    """tight_layout above the source line (it makes room for the suptitle itself)."""
    fig.tight_layout(rect=(0, getattr(fig, CREDIT_HEIGHT, 0.0) / fig.get_size_inches()[1], 1, 1))


def fit_plot_height(fig, ax, inches: float) -> None:
    """Make `ax` `inches` tall by changing the figure's height (after `finish`): a chart whose rows hold text of
    a fixed size (a phone's labels above their bars) needs its rows a known number of inches."""
    for _ in range(3):
        width, height = fig.get_size_inches()
        shown = ax.get_position().height * height
        if abs(shown - inches) < 0.02:
            return
        fig.set_size_inches(width, height + inches - shown)
        _layout(fig)


def smallest_text(fig) -> float:
    """The size in points of the smallest text the figure shows (tick labels, legend, notes, title)."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) if sizes else 0.0


def _drawn(fig) -> tuple[bytes, int, int, float]:
    """The figure drawn at SHARPNESS times the screen's density, as a PNG stored without compression (it is only
    read back by :func:`_packed`: the same pixels, without compressing them twice), its size in CSS pixels and its
    smallest text in points; the figure is closed."""
    buffer = io.BytesIO()
    dpi = STYLE["savefig.dpi"]
    # tight_layout (finish) leaves a placeholder layout engine behind, which does nothing but makes savefig lay
    # out every text once more before drawing: without it the same pixels, one layout pass fewer.
    fig.set_layout_engine(None)
    fig.savefig(
        buffer, format="png", metadata={"Software": None}, dpi=dpi * SHARPNESS, pil_kwargs={"compress_level": 0}
    )
    width, height = (round(inches * dpi) for inches in fig.get_size_inches())
    smallest = smallest_text(fig)
    plt.close(fig)
    return buffer.getvalue(), width, height, smallest


def _packed(png: bytes) -> str:
    """A drawn figure as base64 PNG in 256 colours. A chart has few colours: a 256-colour palette keeps it as
    drawn at 40 % of the bytes, so a page with every chart drawn twice (paper and phone) stays smaller than it
    was with one. Pillow only (no matplotlib): it may run beside the drawing of the next figure.

    Pillow's fast octree palette, stored at the default compression: a chart's flat colours come out within
    1 of 255 of the drawn ones, the file a tenth smaller than with median cut and zlib's extra pass, and
    the packing 4–5 times faster (the charts were the survey step's largest cost)."""
    from PIL import Image  # matplotlib's own image library

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    packed = io.BytesIO()
    image.save(packed, format="PNG")
    return base64.b64encode(packed.getvalue()).decode("ascii")


def _png(fig) -> tuple[str, int, int, float]:
    """The figure as base64 PNG (:func:`_drawn`, :func:`_packed`), its size in CSS pixels and its smallest text in
    points; the figure is closed."""
    png, width, height, smallest = _drawn(fig)
    return _packed(png), width, height, smallest


@functools.cache
def _packer():
    """One thread that packs a drawn figure while the kernel draws its phone version (Pillow's quantizing and
    compressing let the other core work; matplotlib itself stays on the kernel's thread)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="png")


def figure_html(fig, alt: str, caption: str) -> str:
    """The figure as an embedded PNG in <figure>, with alt text and caption; the figure is closed.

    A figure from a `for_phone` chart function also carries its phone drawing: both go in a <picture>, the
    phone's chosen by the browser on a narrow screen (PHONE_MEDIA), the paper drawing everywhere else and
    in print. Each image states its smallest text in points (`data-smallest-pt`), so a browser test can
    measure how large that text is shown."""
    phone = None
    if isinstance(fig, KeptChart):  # drawn by an earlier step of the run with the same arguments
        paper, phone = fig.paper, fig.phone
    elif getattr(fig, PHONE_DRAWING, None) is None:
        paper = _png(fig)
    else:  # the paper drawing packed on the other core while the phone drawing is drawn
        kept_as, draw_phone = getattr(fig, KEEP_AS, None), getattr(fig, PHONE_DRAWING)
        png, width, height, smallest = _drawn(fig)
        packed = _packer().submit(_packed, png)
        phone = _png(draw_phone())
        paper = (packed.result(), width, height, smallest)
        if kept_as:
            keep(kept_as[0], KeptChart(kept_as[1], paper, phone))
    data, width, height, smallest = paper
    image = (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{width}" height="{height}" data-smallest-pt="{smallest:g}" style="max-width:100%;height:auto">'
    )
    if phone is not None:
        small_data, small_width, small_height, small_smallest = phone
        image = (
            f'<picture><source media="{PHONE_MEDIA}" srcset="data:image/png;base64,{small_data} {SHARPNESS}x" '
            f'width="{small_width}" height="{small_height}" data-smallest-pt="{small_smallest:g}">{image}</picture>'
        )
    return f'<figure class="chart">{image}<figcaption>{html.escape(caption)}</figcaption></figure>'
