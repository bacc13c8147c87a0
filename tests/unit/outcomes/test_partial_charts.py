"""Charts that survive partial data (issue 25, item 6): the control chart and the yearly chart drawn from
partial deliveries — no months before the start, none after, a municipality without a series, gaps,
a single year, every value uncertain or missing, zero counts — for paper and for a phone.

Every drawing is measured with matplotlib's renderer: no two texts overlap (rotated tick labels as the
rotated rectangles they are), every text lies inside the figure, no line runs over a month or year
without a value, no axis repeats a tick label ("0 0 0 0 0"); legends and alt texts never carry a
missing number and name only what is drawn."""

from __future__ import annotations

import datetime as dt
import math
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axis import Tick
from matplotlib.lines import Line2D
from matplotlib.text import Text

from collabstudy.outcomes import charts as oc
from collabstudy.outcomes import monthly, yearly
from collabstudy.present import figures as charts
from collabstudy.study.calendar import MONTHS, month_end
from collabstudy.study.vocabulary import MISSING, OK, UNCERTAIN, YEARLY_CHART_LABELS, YEARLY_MEASURES

NAMES = {"S": "Svedala", "T": "Trelleborg"}
SKIP = "skip"  # no row at all for the month (a None is a row without a value)

# --- inputs ------------------------------------------------------------------------------------


def months_of(code: str, first: tuple[int, int], values: list) -> list[dict]:
    """A municipality's monthly rows from `first` (year, month): a number, None (a row without a value)
    or SKIP (no row)."""
    rows = []
    for offset, value in enumerate(values):
        year, month = first[0] + (first[1] - 1 + offset) // 12, (first[1] - 1 + offset) % 12 + 1
        if value == SKIP:
            continue
        rows.append(
            {
                "measure": "closures_work_studies",
                "municipality": code,
                "period_start": dt.date(year, month, 1),
                "period_end": month_end(year, month),
                "value": float("nan") if value is None else float(value),
                "unit": "antal",
                "status": MISSING if value is None else OK,
            }
        )
    return rows


def wavy(n: int, level: float = 6, seed: int = 0) -> list[float]:
    rng = np.random.default_rng(seed)
    return [float(v) for v in rng.poisson(level, n)]


START = dt.date(2022, 1, 1)
MONTHLY = {
    "both-phases": (START, {"S": ((2021, 1), wavy(24)), "T": ((2021, 1), wavy(24, 4, 1))}),
    "no-months-before-the-start": (START, {"S": ((2022, 3), wavy(10)), "T": ((2021, 1), wavy(24, 4, 1))}),
    "no-months-after-the-start": (dt.date(2030, 1, 1), {"S": ((2021, 1), wavy(12)), "T": ((2021, 1), wavy(12, 3))}),
    "rows-before-the-start-without-values": (
        START,
        {"S": ((2021, 1), [None] * 12 + wavy(12)), "T": ((2021, 1), wavy(24, 4, 1))},
    ),
    "one-municipality-without-a-series": (START, {"S": ((2021, 1), wavy(24))}),
    "a-municipality-whose-rows-have-no-values": (START, {"S": ((2021, 1), wavy(24)), "T": ((2021, 1), [None] * 24)}),
    "gaps-in-the-middle": (
        START,
        {
            "S": ((2021, 1), wavy(5) + [None, None, SKIP] + wavy(9) + [SKIP, None] + wavy(7)),
            "T": ((2021, 1), wavy(3, 4) + [SKIP] * 4 + wavy(17, 4)),
        },
    ),
    "a-year-without-data": (
        dt.date(2020, 1, 1),
        {"S": ((2017, 1), wavy(24) + [SKIP] * 12 + wavy(36)), "T": ((2017, 1), wavy(36, 3) + [None] * 12 + wavy(24))},
    ),
    "zero-counts": (START, {"S": ((2021, 1), [0] * 24), "T": ((2021, 1), [0] * 12 + wavy(12, 1))}),
    "a-single-month": (START, {"S": ((2022, 6), [3])}),
    "one-month-on-each-side": (START, {"S": ((2021, 12), [2, 5])}),
    "the-start-in-a-gap": (START, {"S": ((2021, 1), wavy(9) + [SKIP] * 6 + wavy(9))}),
}


def monthly_chart(case: str) -> tuple[pd.DataFrame, dt.date]:
    start, series = MONTHLY[case]
    rows = [row for code, (first, values) in series.items() for row in months_of(code, first, values)]
    frame = pd.DataFrame(rows)
    return monthly.c_chart(frame, start), start


def yearly_rows(cells: dict[str, list[tuple]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "measure": m,
                "municipality": "S",
                "period_start": dt.date(y, 1, 1),
                "period_end": dt.date(y, 12, 31),
                "value": float("nan") if v is None else float(v),
                "status": s,
                "published": "" if v is None else str(v),
            }
            for m, rows in cells.items()
            for y, v, s in rows
        ]
    )
    return yearly.whole_years(yearly.yearly_levels(frame))


def every_measure(rows: list[tuple]) -> dict[str, list[tuple]]:
    scale = {"households": 1, "individuals_fa": 2, "enrolled": 0.7, "fa_paid": 60_000}
    return {m: [(y, None if v is None else v * scale[m], s) for y, v, s in rows] for m in YEARLY_MEASURES}


YEARLY = {
    "every-year-solid": every_measure([(2019, 280, OK), (2020, 300, OK), (2021, 250, OK), (2022, 265, OK)]),
    "a-single-year": every_measure([(2022, 265, OK)]),
    "every-value-uncertain": every_measure([(2020, 300, UNCERTAIN), (2021, 250, UNCERTAIN)]),
    "a-measure-without-values": {
        **every_measure([(2020, 300, OK), (2021, 250, OK), (2022, 240, UNCERTAIN)]),
        "enrolled": [(2020, None, MISSING), (2021, None, MISSING), (2022, None, MISSING)],
    },
    "a-year-missing-in-the-middle": every_measure(
        [(2018, 250, OK), (2019, 280, OK), (2020, None, MISSING), (2021, 250, OK), (2022, 260, UNCERTAIN)]
    ),
    "a-year-without-a-row": every_measure([(2018, 250, OK), (2019, 280, OK), (2021, 250, OK), (2022, 260, OK)]),
    "missing-at-both-ends": every_measure(
        [(2019, None, MISSING), (2020, 300, OK), (2021, 250, UNCERTAIN), (2022, None, MISSING)]
    ),
    "zero-counts": {
        **every_measure([(2020, 300, OK), (2021, 250, OK)]),
        "enrolled": [(2020, 0, OK), (2021, 0, OK)],
    },
    "one-value-among-missing": every_measure([(2020, None, MISSING), (2021, 250, UNCERTAIN), (2022, None, MISSING)]),
    "only-assistance-paid": {
        **every_measure([(2020, None, MISSING), (2021, None, MISSING)]),
        "fa_paid": [(2020, 17_300_000, OK), (2021, 16_700_000, UNCERTAIN)],
    },
    "two-measures": {
        **every_measure([(2019, 280, OK), (2020, 300, OK), (2021, 250, OK)]),
        "households": [(2019, None, MISSING), (2020, None, MISSING), (2021, None, MISSING)],
        "enrolled": [(2019, None, MISSING), (2020, None, MISSING), (2021, None, MISSING)],
    },
}


# --- what the renderer shows ---------------------------------------------------------------------


def tick_labels(fig) -> list[Text]:
    """The tick labels drawn: visible, with text, at a tick inside the axis's view."""
    shown = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            slack = (high - low) * 1e-9
            for tick in axis.get_major_ticks():
                if not low - slack <= tick.get_loc() <= high + slack:
                    continue
                shown += [t for t in (tick.label1, tick.label2) if t.get_visible() and t.get_text().strip()]
    return shown


def texts(fig) -> list[Text]:
    """Every text the figure draws: titles, labels, annotations, legends, the source line, tick labels."""
    of_ticks = {id(t) for tick in fig.findobj(Tick) for t in (tick.label1, tick.label2)}
    found = [
        t for t in fig.findobj(Text) if id(t) not in of_ticks and t.get_visible() and t.get_text().strip() and _shown(t)
    ]
    return found + tick_labels(fig)


def _shown(text: Text) -> bool:
    """False for a text inside an invisible legend or axes."""
    axes = text.axes
    return axes is None or axes.get_visible()


def outline(text: Text, renderer) -> np.ndarray:
    """The text's rectangle as drawn, in display pixels: rotated about the centre of its extent."""
    box = text.get_window_extent(renderer)
    angle = text.get_rotation()
    if angle % 180 == 0:
        return np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    text.set_rotation(0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(angle)
    w, h, theta = flat.width / 2, flat.height / 2, math.radians(angle)
    turn = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    corners = np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) @ turn.T
    return corners + [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]


def overlap(a: np.ndarray, b: np.ndarray, tolerance: float = 1.0) -> bool:
    """Whether two convex outlines overlap by more than `tolerance` pixels (separating axis theorem)."""
    for shape in (a, b):
        for i in range(len(shape)):
            edge = shape[(i + 1) % len(shape)] - shape[i]
            normal = np.array([-edge[1], edge[0]])
            length = np.hypot(*normal)
            if length == 0:
                continue
            normal /= length
            pa, pb = a @ normal, b @ normal
            if min(pa.max(), pb.max()) - max(pa.min(), pb.min()) <= tolerance:
                return False
    return True


def check_layout(fig) -> None:
    """No two texts overlap; every text lies inside the figure; no axis repeats a tick label."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    shown = texts(fig)
    shapes = [outline(t, renderer) for t in shown]
    width, height = fig.bbox.width, fig.bbox.height
    outside = [
        t.get_text()
        for t, s in zip(shown, shapes)
        if s[:, 0].min() < -0.5 or s[:, 1].min() < -0.5 or s[:, 0].max() > width + 0.5 or s[:, 1].max() > height + 0.5
    ]
    assert outside == [], f"texts cut at the figure's edge: {outside}"
    clashes = [
        (shown[i].get_text(), shown[j].get_text())
        for i in range(len(shown))
        for j in range(i + 1, len(shown))
        if overlap(shapes[i], shapes[j])
    ]
    assert clashes == [], f"texts over each other: {clashes}"
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t.get_text() for t in tick_labels_of(axis)]
            assert len(labels) == len(set(labels)), f"an axis repeats a tick label: {labels}"


def tick_labels_of(axis) -> list[Text]:
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    return [
        tick.label1
        for tick in axis.get_major_ticks()
        if low - slack <= tick.get_loc() <= high + slack and tick.label1.get_visible() and tick.label1.get_text()
    ]


def drawn_segments(ax) -> list[tuple[Line2D, float, float]]:
    """Each stretch a line draws between two of its points: (line, from x, to x). Vertical lines (the
    start's marker) and lines of markers alone draw none."""
    spans = []
    for line in ax.get_lines():
        if line.get_linestyle() in ("None", "none", "", " ") or not line.get_visible():
            continue
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        if len(x) < 2 or np.nanmin(x) == np.nanmax(x):
            continue
        for i in range(len(x) - 1):
            if all(np.isfinite([x[i], x[i + 1], y[i], y[i + 1]])):
                spans.append((line, min(x[i], x[i + 1]), max(x[i], x[i + 1])))
    return spans


def check_lines_over_data(ax, with_data: set[int]) -> None:
    """No line draws over a position (month or year, one unit wide) that has no value."""
    for line, low, high in drawn_segments(ax):
        covered = {k for k in range(math.ceil(low - 0.5), math.floor(high + 0.5) + 1) if low - 0.5 < k < high + 0.5}
        assert covered <= with_data, (
            f"{line.get_label() or 'a line'} runs over {sorted(covered - with_data)} without data"
        )


MISSING_NUMBER = [
    re.compile(r"\s{2,}"),  # "Medel:  före start"
    re.compile(r"\s[,.;:)]"),  # "jan 2021 , feb"
    re.compile(r"\bnan\b", re.IGNORECASE),
    re.compile(r"Medel: (?!\d|−)"),
    re.compile(r":\s*$"),
]
# in the alt text, which lists months with their numbers: a month without its number
MONTH_WITHOUT_NUMBER = re.compile(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r") \d{4}(?=[,.;]|$)")


def check_words(text: str, *, alt: bool = False) -> None:
    for pattern in [*MISSING_NUMBER, *([MONTH_WITHOUT_NUMBER] if alt else [])]:
        assert not pattern.search(text), f"a missing number in {text!r} ({pattern.pattern})"


def drawings(fig):
    """The paper drawing and its phone drawing."""
    return [fig, getattr(fig, charts.PHONE_DRAWING)()]


# --- the control chart -----------------------------------------------------------------------------


def month_positions(fig) -> dict[dt.date, float]:
    """x of each month, as the bottom panel's tick labels calibrate it ('jan 2021' or '2021' at January);
    the labels must agree with one month per unit."""
    bottom = fig.axes[-1] if fig.axes else None
    offsets = set()
    for label in tick_labels_of(bottom.xaxis):
        text, at = label.get_text(), label.get_position()[0]
        words = text.split()
        month = [m[:3] for m in MONTHS].index(words[0]) + 1 if len(words) == 2 else 1
        year = int(words[-1])
        offsets.add(round(at - (year * 12 + month - 1), 6))
    assert len(offsets) == 1, f"tick labels not one month apart: {offsets}"
    offset = offsets.pop()
    return lambda day: offset + day.year * 12 + day.month - 1


def valued(chart: pd.DataFrame, code: str) -> pd.DataFrame:
    series = chart[chart["municipality"] == code]
    return series[series["value"].notna()]


@pytest.mark.parametrize("case", list(MONTHLY))
def test_the_control_chart_of_partial_series(case):
    chart, start = monthly_chart(case)
    drawn = [code for code in NAMES if len(valued(chart, code))]
    if not drawn:
        assert not oc.has_months(chart)
        return
    assert oc.has_months(chart)
    fig, alt = oc.spc_chart(chart, start, NAMES, "Källan", {"S": charts.PALETTE[0], "T": charts.PALETTE[1]})
    check_words(alt, alt=True)
    for name in NAMES.values():  # the alt text names the municipalities drawn, and only those
        assert (name in alt) == any(NAMES[c] == name for c in drawn), name
    phases = {code: set(valued(chart, code)["phase"]) for code in drawn}
    assert ("separat före och efter" in alt) == any(len(p) == 2 for p in phases.values())
    for drawing in drawings(fig):
        try:
            panels = [ax for ax in drawing.axes if ax.get_visible()]
            assert len(panels) == len(drawn), "a panel per municipality with a value, none empty"
            check_layout(drawing)
            position = month_positions(drawing)
            for ax in panels:
                code = next(c for c in drawn if ax.get_ylabel().endswith(NAMES[c]))
                months = valued(chart, code)["period_start"]
                check_lines_over_data(ax, {round(position(m)) for m in months})
                legend = ax.get_legend()
                said = [t.get_text() for t in legend.get_texts()] if legend else []
                for entry in said:
                    check_words(entry)
                mean = [entry for entry in said if entry.startswith("Medel")]
                assert len(mean) == 1
                for phase, words in oc.PHASE_WORDS.items():  # a phase named in the legend only where drawn
                    assert (words in mean[0]) == (phase in phases[code]), (mean, phase)
            for text in texts(drawing):
                check_words(text.get_text())
        finally:
            plt.close(drawing)


def test_a_chart_without_any_month_with_a_value_is_not_drawn():
    chart, _ = monthly_chart("a-municipality-whose-rows-have-no-values")
    assert not oc.has_months(chart[chart["municipality"] == "T"])
    empty = monthly.c_chart(pd.DataFrame(months_of("S", (2021, 1), [])).reindex(columns=["municipality"]), START)
    assert not oc.has_months(empty)


# --- the yearly chart ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(YEARLY))
def test_the_yearly_chart_of_partial_statistics(case):
    levels = yearly_rows(YEARLY[case])
    fig, alt = oc.yearly_chart(levels, "Svedala", "Källan")
    check_words(alt, alt=True)
    with_values = {
        m: set(rows.loc[rows["value"].notna() & (rows["status"] != MISSING), "year"].astype(int))
        for m, rows in levels.groupby("measure")
    }
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert alt.startswith(f"{oc.HOW_MANY[len(panels)]} för Svedala per år.")
    for drawing in drawings(fig):
        try:
            check_layout(drawing)
            for ax in drawing.axes:
                if not ax.get_visible():
                    continue
                measure = next(m for m, label in YEARLY_CHART_LABELS.items() if ax.get_title() == label)
                check_lines_over_data(ax, with_values.get(measure, set()))
            for text in texts(drawing):
                check_words(text.get_text())
        finally:
            plt.close(drawing)
    panels = levels[levels["measure"].isin(YEARLY_MEASURES)]  # the cost per household has no panel
    statuses = set(panels.loc[panels["value"].notna(), "status"])
    title = fig.get_suptitle()
    assert ("ofyllda punkter" in title) == (UNCERTAIN in statuses)  # said only where the chart has them
    assert ("saknas" in title) == (MISSING in set(panels["status"]))
    years = sorted(set(panels["year"].astype(int)))
    said = f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"
    assert re.match(rf"Svedala {said}(?![–\d])", title), title


def test_a_yearly_chart_without_any_value_is_not_drawn():
    levels = yearly_rows(every_measure([(2020, None, MISSING), (2021, None, MISSING)]))
    assert not oc.has_years(levels)
    assert oc.has_years(yearly_rows(YEARLY["every-value-uncertain"]))
