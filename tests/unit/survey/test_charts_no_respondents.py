"""The survey's theme charts with a municipality nobody answered from (issue 25's varied studies): it gets no bars,
no column and no '0 av 0' in the alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.survey import charts


def _tally() -> pd.DataFrame:
    rows = []
    for code, respondents, counts in (("S", 5, (3, 1)), ("T", 0, (0, 0))):
        for label, count in zip(("Bättre samarbete", "Mer tid"), counts):
            rows.append(
                {
                    "question": "q2",
                    "theme": label,
                    "label": label,
                    "municipality": code,
                    "count": count,
                    "count_exact": True,
                    "respondents": respondents,
                    "share": count / respondents if respondents else float("nan"),
                }
            )
    return pd.DataFrame(rows)


def test_a_municipality_without_respondents_is_not_drawn():
    params = load_params(CODE_PROJECT / "params" / "svedala-trelleborg-2023.yaml", CODE_PROJECT)
    figure, alt = charts.theme_bars(_tally(), "q2", params, "Testdata")
    assert "Svedala: 3 av 5" in alt and "Trelleborg" not in alt and "0 av 0" not in alt
    plt.close(figure)
    figure, alt = charts.heatmap(_tally(), params, "Testdata")
    assert "Svedala: 3 av 5" in alt and "Trelleborg" not in alt
    plt.close(figure)
