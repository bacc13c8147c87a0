"""Charts drawn for paper and for a phone (present.figures.for_phone, figure_html), and the printed report's
outline matched to its headings (runner.pdf)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt

from collabstudy.present import figures as charts
from collabstudy.runner.pdf import match_headings


@charts.for_phone
def _line(values, title, *, layout=charts.PAPER):
    fig, ax = layout.figure(3)
    ax.plot(range(len(values)), values, label="värden")
    layout.legend(ax)
    charts.finish(fig, title, "Testdata")
    return fig, f"Linjediagram: {title}"


def test_a_phone_chart_is_drawn_narrower_with_the_same_alt_text():
    fig, alt = _line([1, 3, 2], "Rubrik")
    phone = getattr(fig, charts.PHONE_DRAWING)()
    try:
        assert fig.get_size_inches()[0] == charts.PRINT_WIDTH
        assert phone.get_size_inches()[0] == charts.PHONE_WIDTH
        assert alt == "Linjediagram: Rubrik"
    finally:
        plt.close(phone)
        plt.close(fig)


def test_figure_html_lets_the_browser_choose_the_phone_drawing_and_states_the_smallest_text():
    before = set(plt.get_fignums())
    fig, alt = _line([1, 3, 2], "Rubrik")
    text = charts.figure_html(fig, alt, "Bildtext")
    assert text.startswith('<figure class="chart"><picture><source media="screen and (max-width: 40rem)"')
    source, image = re.findall(r"<(source|img) ", text)
    assert (source, image) == ("source", "img"), "the phone's source comes before the image"
    assert re.search(r'srcset="data:image/png;base64,[A-Za-z0-9+/=]+ 2x"', text)
    assert re.findall(r'data-smallest-pt="([\d.]+)"', text) == ["9", "9"]
    assert 'alt="Linjediagram: Rubrik"' in text and text.count("alt=") == 1
    assert set(plt.get_fignums()) == before, "both drawings are closed"


def test_a_label_at_the_edge_is_kept_inside_the_axes():
    fig, ax = charts.new_figure(4, 2)
    ax.plot([0.1, 0.9], [0, 1], "o")
    ax.set_xlim(0.08, 0.92)
    label = ax.annotate("en lång etikett", (0.1, 0), ha="center")
    charts.finish(fig, "Rubrik", "Testdata")
    charts.keep_inside(fig, ax, [label])
    renderer = fig.canvas.get_renderer()
    box, extent = ax.get_window_extent(renderer), label.get_window_extent(renderer)
    plt.close(fig)
    assert box.x0 <= extent.x0 and extent.x1 <= box.x1


def test_outline_titles_are_matched_to_their_headings_despite_chromiums_glitches():
    headings = [
        {"id": "a", "text": "Sammanfattning"},
        {"id": "b", "text": "Resultat mot målet"},
        {"id": "c", "text": "Områdeschef, Individ- och familjeomsorgen och biståndshandläggning"},
        {"id": "d", "text": "Bilaga F. Reproduktion"},
    ]
    titles = [
        "SammanfattningSammanfattning",  # repeated: the heading was moved to the next page
        "Resultat mot målet",
        "Områdeschef, Individ- och familjeomsorgen ochOmrådeschef, Individ- och familjeomsorgen ochbiståndshandläggning",
        "Bilaga F.Reproduktion",  # the space lost at a line break
        "Något som inte är en rubrik",
    ]
    assert [h and h["id"] for h in match_headings(titles, headings)] == ["a", "b", "c", "d", None]


def test_a_chart_drawn_in_a_run_is_shown_again_from_its_drawings_while_its_arguments_are_the_same(
    tmp_path, monkeypatch
):
    import pandas as pd

    from collabstudy.study.build_layout import KEPT_VARIABLE

    drawn = []

    @charts.for_phone
    def table_chart(frame, title, *, layout=charts.PAPER):
        drawn.append(layout.narrow)
        return _line.__wrapped__(list(frame["värde"]), title, layout=layout)

    frame = pd.DataFrame({"värde": [1, 3, 2]})
    monkeypatch.delenv(KEPT_VARIABLE, raising=False)
    outside = charts.figure_html(*table_chart(frame, "Rubrik"), "Bildtext")
    monkeypatch.setenv(KEPT_VARIABLE, str(tmp_path / "sparat"))
    first = charts.figure_html(*table_chart(frame, "Rubrik"), "Bildtext")
    assert drawn == [False, True, False, True]  # outside a run, then the run's first: paper and phone drawn
    again = table_chart(frame.copy(), "Rubrik")
    assert isinstance(again[0], charts.KeptChart) and drawn == [False, True, False, True]  # not drawn again
    assert charts.figure_html(*again, "Bildtext") == first == outside
    charts.figure_html(*table_chart(frame.assign(värde=[1, 3, 4]), "Rubrik"), "Bildtext")  # other data: drawn
    charts.figure_html(*table_chart(frame, "Annan rubrik"), "Bildtext")  # another argument: drawn
    assert drawn == [False, True] * 4
