"""The closed questions as readers see them: answers per municipality, a rating's median and mean, and the
sentence the comparison's verdict chooses (collabstudy.survey.closed computes the figures)."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.markdown import safe
from ..present.tables import table
from ..privacy.small_cells import suppressed
from ..stats.verdicts import DOWN, NOT_POSSIBLE, SHOWN, UP, Verdict
from .tables import municipality_name


def value_label(question, value: str) -> str:
    """An answer as the form shows it: a rating's ends with their words ('1 – Inte alls nöjd')."""
    if question.kind != "rating":
        return value
    words = {"1": question.low, str(question.points): question.high}.get(value)
    return f"{value} – {words}" if words else value


def answers_offered(question) -> str:
    """What a closed question let the respondent answer: 'betyg 1–5, 1 = Inte alls nöjd, 5 = Mycket nöjd'
    or 'ett av: Ja, Nej, Osäker'."""
    if question.kind == "rating":
        ends = [
            f"{value} = {words}"
            for value, words in (("1", question.low), (str(question.points), question.high))
            if words
        ]
        return ", ".join([f"betyg 1–{question.points}", *ends])
    return "ett av: " + ", ".join(question.options)


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


def closed_status_sentence(statuses: pd.DataFrame, question: str, params) -> str:
    """Who gave no value: blank and "vet ej" per municipality (and answers left out of a reconstruction)."""
    parts = []
    for r in statuses[statuses["question"] == question].itertuples():
        bits = [f"{r.answered} med värde", f"{r.blank} blanka", f"{r.dont_know} ”vet ej”"]
        if r.not_published:
            bits.append(f"{r.not_published} ej publicerade")
        parts.append(f"{municipality_name(params, r.municipality)}: {', '.join(bits)}")
    return "Andelarna räknas av dem som gav ett värde. " + "; ".join(parts) + "."


def closed_sentence(question: str, verdict: Verdict, summaries: pd.DataFrame, params) -> str:
    """What the comparison of the municipalities shows for one closed question, as its verdict has it."""
    if verdict.value == NOT_POSSIBLE:
        return f"Kommunerna jämförs inte på den här frågan ({verdict.rule})."
    first, second = params.values.codes
    names = municipality_name(params, first), municipality_name(params, second)
    test, p = verdict.inputs["test"], f.p_value(verdict.inputs["p_value"])
    rating = params.values.survey.questions[question].kind == "rating"
    means = ""
    if rating:
        by = summaries[summaries["question"] == question].set_index("municipality")
        medians = (f.number(by.loc[code, "median"], 1) for code in (first, second))
        means = f" Median {names[0]} {next(medians)}, {names[1]} {next(medians)}."
    if verdict.value != SHOWN:
        return (
            f"Någon skillnad mellan kommunernas svar kan inte visas ({test}, p {p}). Det betyder inte att "
            "kommunerna svarar lika: med så här få svarande syns bara stora skillnader." + means
        )
    higher = {UP: names[0], DOWN: names[1]}.get(verdict.inputs["direction"]) if rating else None
    if higher is None:
        return (
            f"Kommunernas svar fördelar sig olika, och skillnaden är statistiskt säkerställd ({test}, p {p})." + means
        )
    lower = names[1] if higher == names[0] else names[0]
    return (
        f"Svarande i {higher} ger oftare ett högre betyg än svarande i {lower}, och skillnaden är statistiskt "
        f"säkerställd ({test}, p {p})." + means
    )


NO_CLOSED = "Enkäten har inga frågor med fasta svarsalternativ i parameterfilen."


def question_section(closed, question: str, params, level: float) -> list:
    """One closed question's heading, table(s), who gave no value and what the comparison shows, in order
    (texts are Markdown)."""
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
    parts.append(closed_status_sentence(closed.statuses, question, params))
    parts.append(closed_sentence(question, closed.verdicts[question], closed.ratings, params))
    return parts
