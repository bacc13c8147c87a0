"""The survey step's tables as readers see them: response, involvement, themes, comparisons, quotes."""

from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.tables import table
from ..present.words import evaluation_period
from ..privacy.small_cells import suppressed
from ..stats.verdicts import Verdict


def municipality_name(params, code: str) -> str:
    """A municipality's name, or 'Totalt' for the row of both."""
    return "Totalt" if code == "total" else params.values.name_of(code)


def response_table(frame: pd.DataFrame, params, level: float):
    """Invited, respondents counted in the export, the rate with its interval (and a delivered rate)."""
    rows = []
    for r in frame.itertuples():
        row = {
            "Kommun": municipality_name(params, r.municipality),
            "Utskick": r.invited,
            "Svarande (i exporten)": f.x_of_y(r.respondents, r.invited),
            f"{f.number(level * 100)} % konfidensintervall": f.percent_interval(r.ci_low, r.ci_high),
        }
        if frame["published"].astype(bool).any():
            row["Angiven svarsfrekvens"] = r.published
        rows.append(row)
    return table(pd.DataFrame(rows))


def coverage_table(covered: pd.DataFrame, params):
    """Per question: how many of the answers with text are coded."""
    questions = params.values.survey.questions
    rows = [
        {
            "Fråga": questions[r.question].label,
            "Kodade svar": f"{r.coded} av {r.answers} svar med text"
            + ("" if pd.isna(r.share) else f" ({f.percent(r.share, 0)})"),
        }
        for r in covered.itertuples()
    ]
    return table(pd.DataFrame(rows))


def period_table(frame: pd.DataFrame, params, threshold: int, suppress: bool):
    hidden = frame.groupby("municipality", sort=False)["count"].transform(
        lambda counts: pd.Series(suppressed(list(counts), threshold), index=counts.index)
    )
    rows = []
    for r, hide in zip(frame.itertuples(), hidden):
        small = 0 < r.count < threshold
        count = "dold" if hide and suppress else f"{r.count}{'*' if small else ''}"
        share = "" if hide and suppress else f"{f.percent(r.share, 0)}"
        rows.append(
            {
                "Kommun": municipality_name(params, r.municipality),
                "Involverad": r.period,
                "Antal": count,
                "Andel av kommunens svarande": share,
            }
        )
    return table(pd.DataFrame(rows))


def tally_table(tally: pd.DataFrame, question: str, params, threshold: int, suppress: bool):
    """Themes of one question, one column per municipality: 'count (share)' or 'minst k'."""
    rows = []
    for theme, group in tally[tally["question"] == question].groupby("theme", sort=False):
        row = {"Tema": group["label"].iloc[0]}
        for r in group.itertuples():
            shown = shown_count(r._asdict(), threshold, suppress)
            share = f" ({f.percent(r.share, 0)})" if r.count_exact and not shown.startswith("<") else ""
            row[f"{municipality_name(params, r.municipality)} (av {r.respondents})"] = shown + share
        rows.append(row)
    return table(pd.DataFrame(rows))


def status_table(statuses: pd.DataFrame, question: str, params):
    """Answers with text, blank and "vet ej" per municipality (and, in a reconstructed export, the
    answers a published report left out)."""
    frame = statuses[statuses["question"] == question]
    reconstructed = params.published is not None and bool(statuses["not_published"].sum())
    unknown = "ej publicerat"
    rows = []
    for r in frame.itertuples():
        row = {
            "Kommun": municipality_name(params, r.municipality),
            "Publicerade svar" if reconstructed else "Svar med text": r.answered,
            "Blankt": unknown if r.blank is None else r.blank,
            "Vet ej": unknown if r.dont_know is None else r.dont_know,
        }
        if reconstructed:
            row["Ej publicerade svar"] = r.not_published
        rows.append(row)
    return table(pd.DataFrame(rows))


def comparison_table(comparisons: pd.DataFrame, params):
    first, second = params.values.codes
    rows = [
        {
            "Tema": r["label"],
            municipality_name(params, first): f.x_of_y(r[f"count_{first}"], r[f"n_{first}"], 0),
            municipality_name(params, second): f.x_of_y(r[f"count_{second}"], r[f"n_{second}"], 0),
            "Skillnad": f"{f.number(r['difference'] * 100, 0)} p.e.",
            "p (Fisher)": f.p_cell(r["p_value"]),
            "p (Holm)": f.p_cell(r["p_holm"]),
        }
        for _, r in comparisons.iterrows()
    ]
    return table(pd.DataFrame(rows))


def shown_count(row, threshold: int, suppress: bool) -> str:
    """A tally as a reader sees it: 'minst k' when unpublished, small cells marked or suppressed."""
    if not row["count_exact"]:
        return f"minst {row['count']}" if row["count"] else "–"
    if 0 < row["count"] < threshold:
        return f"<{threshold}" if suppress else f"{row['count']}*"
    return f.number(row["count"])


def quotes_frame(quotes: pd.DataFrame, params) -> pd.DataFrame:
    """The quotes as reviewers read them: the quote first (on a phone it is what shows), then the
    municipality by name, the question and the themes."""
    return pd.DataFrame(
        {
            "Citat": quotes["quote"] + quotes["partial"].map(lambda p: " […]" if p else ""),
            "Kommun": quotes["municipality"].map(params.values.name_of),
            "Fråga": quotes["question_label"],
            "Tema": quotes["themes"],
        }
    )


def response_series_table(series: pd.DataFrame, level: float):
    """The response rate at each earlier evaluation and now, with intervals."""
    rows = [
        {
            "Period": evaluation_period(r.kind, r.window_start, r.window_end),
            "Utskick": f.number(r.invited),
            "Svarande": f.number(r.respondents),
            f"Svarsfrekvens ({f.number(level * 100)} % intervall)": f"{f.percent(r.rate, 0)} "
            f"({f.percent_interval(r.ci_low, r.ci_high, 0)})",
        }
        for r in series.itertuples()
    ]
    return table(pd.DataFrame(rows))


def agreement_table(agreement: pd.DataFrame, codebook: pd.DataFrame, params):
    """Per question and theme (and per question over all its themes): how alike the coders coded (the
    reading in the report's one wording, templates/rapporttext/ord.md.j2)."""
    from ..present.text import macro

    reading = macro("ord.md.j2", "coder_reading")
    questions = params.values.survey.questions
    labels = codebook.set_index("theme")["label"].to_dict()
    rows = [
        {
            "Fråga": questions[r.question].label,
            "Tema": labels.get(r.theme, "alla teman"),
            "Lika beslut": f"{r.alike} av {r.decisions}"
            + ("" if pd.isna(r.share_alike) else f" ({f.percent(r.share_alike, 0)})"),
            "Krippendorffs α": "–" if r.alpha is None or r.alpha != r.alpha else f.number(r.alpha, 2),
            "Bedömning": reading(r.reading),
        }
        for r in agreement.itertuples()
    ]
    return table(pd.DataFrame(rows))


def new_theme_table(notes: pd.DataFrame, params):
    """The coders' suggestions per question: the suggestion (redacted), who made it and for how many answers;
    no respondent id (the suggestion is about an answer, not a person)."""
    questions = params.values.survey.questions
    grouped = notes.groupby(["question", "note", "coder"], sort=False).size().reset_index(name="answers")
    rows = [
        {
            "Fråga": questions[r.question].label if r.question in questions else r.question,
            "Förslag": r.note,
            "Kodare": r.coder or "–",
            "Svar": r.answers,
        }
        for r in grouped.itertuples()
    ]
    return table(pd.DataFrame(rows, columns=["Fråga", "Förslag", "Kodare", "Svar"]))


def uncoded_answers(uncoded: pd.DataFrame) -> list[str]:
    """The answers with text and no theme, as the survey page names them: 'q3 (respondent 17)'."""
    return [f"{r.question} (respondent {r.id})" for r in uncoded.itertuples()]


def suggested_answers(notes: pd.DataFrame) -> int:
    """How many answers a coder suggested a new theme for."""
    return 0 if notes.empty else len(notes[["id", "question"]].drop_duplicates())


def shown_labels(comparisons: pd.DataFrame, difference: Verdict) -> list[str]:
    """The themes whose difference between the municipalities is shown (the verdict's), by their labels."""
    shown = difference.inputs.get("shown_themes", [])
    return list(comparisons.loc[comparisons["theme"].isin(shown), "label"]) if not comparisons.empty else []
