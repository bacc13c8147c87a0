"""The closed questions as readers see them: answers per municipality, a rating's median and mean, and the
sentence the comparison's verdict chooses (collabstudy.survey.closed computes the figures)."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.markdown import safe
from ..present.tables import table
from ..privacy.small_cells import suppressed
from .tables import municipality_name


def value_label(question, value: str) -> str:
    """An answer as the form shows it: a rating's ends with their words ('1 – Inte alls nöjd')."""
    if question.kind != "rating":
        return value
    words = {"1": question.low, str(question.points): question.high}.get(value)
    return f"{value} – {words}" if words else value


def closed_table(tally: pd.DataFrame, question: str, params, threshold: int, suppress: bool, level: float):
    """One closed question: a row per answer, a column per municipality with 'x av n (z %), interval' (one
    column each, so that the table fits a phone); small counts marked (*) or, with suppression, hidden with
    their complement."""
    spec = params.values.survey.questions[question]
    data = tally[tally["question"] == question]
    rows = {value: {"Svar": value_label(spec, value)} for value in spec.scale}
    for code, group in data.groupby("municipality", sort=False):
        hidden = suppressed(list(group["count"]), threshold) if suppress else [False] * len(group)
        column = f"{municipality_name(params, code)}: antal (andel), {f.number(level * 100)} % intervall"
        for r, hide in zip(group.itertuples(), hidden):
            small = "*" if 0 < r.count < threshold else ""
            if hide:
                shown = "dold"
            elif not r.answered:
                shown = "inga svar"
            else:
                interval = f.percent_interval(r.ci_low, r.ci_high, 0)
                shown = f"{r.count}{small} av {r.answered} ({f.percent(r.share, 0)}), {interval}"
            rows[r.value][column] = shown
    return table(pd.DataFrame(list(rows.values())))


def hides_cells(tally: pd.DataFrame, question: str, code: str, params) -> bool:
    """Whether small-cell suppression hides any answer of this question in this municipality."""
    settings = params.values.survey
    if not settings.suppress_small_cells:
        return False
    rows = tally[(tally["question"] == question) & (tally["municipality"] == code)]
    return any(suppressed(list(rows["count"]), settings.small_cell_threshold))


def rating_table(summaries: pd.DataFrame, tally: pd.DataFrame, question: str, params, level: float):
    """A rating question's median and mean (with the mean's interval) per municipality. Where a count is
    hidden as a small cell, the mean is hidden too: with the shown counts it would give the hidden one away."""
    rows = []
    for r in summaries[summaries["question"] == question].itertuples():
        hidden = hides_cells(tally, question, r.municipality, params)
        interval = "" if f.missing(r.ci_low) else f" ({f.interval(r.ci_low, r.ci_high, 1)})"
        mean = "dold" if hidden else f.number(r.mean, 1) + interval if r.answered else "–"
        rows.append(
            {
                "Kommun": municipality_name(params, r.municipality),
                "Svar": r.answered,
                "Median": f.number(r.median, 1) if r.answered else "–",
                f"Medelvärde ({f.number(level * 100)} % intervall)": mean,
            }
        )
    return table(pd.DataFrame(rows))


def question_section(closed, question: str, params, level: float, say) -> list:
    """One closed question's heading, table(s), who gave no value and what the comparison shows, in order
    (texts are Markdown; `say`: the survey page's sentences, templates/rapporttext/teknisk-bilaga/)."""
    settings = params.values.survey
    spec = settings.questions[question]
    parts = [
        f"### {safe(spec.label)}\n\n*{safe(spec.text)}*",
        closed_table(
            closed.tally, question, params, settings.small_cell_threshold, settings.suppress_small_cells, level
        ),
    ]
    if spec.kind == "rating":
        parts.append(rating_table(closed.ratings, closed.tally, question, params, level))
    statuses = closed.statuses[closed.statuses["question"] == question]
    rows = [
        (municipality_name(params, r.municipality), r.answered, r.blank, r.dont_know, r.not_published)
        for r in statuses.itertuples()
    ]
    parts.append(say.closed_statuses(rows))
    verdict = closed.verdicts[question]
    tested = closed.comparisons.set_index("question")
    p = tested.loc[question, "p_holm"] if question in tested.index else None
    ratings = closed.ratings[closed.ratings["question"] == question].set_index("municipality")
    medians = [ratings.loc[code, "median"] for code in params.values.codes] if spec.kind == "rating" else []
    names = [municipality_name(params, code) for code in params.values.codes]
    parts.append(say.closed_comparison(verdict, p, medians, names, spec.kind == "rating"))
    return parts
