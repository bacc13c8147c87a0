"""The survey's figures: response, period of involvement, theme tallies, comparisons, quotes.

Coding is multi-label: one respondent may mention several themes, so tallies are counts of
respondents and shares of that municipality's respondents, never parts of a whole. A tally is
exact when every answer of that question and municipality is in the export. In a reconstructed
export some answers are not published: the tally is exact there only where the published report
gives the count; otherwise it is a lower bound ('minst k') and is never tested.
"""

from __future__ import annotations

import pandas as pd
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests

from ..stats import verdicts
from ..stats.intervals import wilson_interval
from ..study.vocabulary import BLANK, DONT_KNOW, NOT_PUBLISHED, PARTIAL, SHOWN


def response(invitations: pd.DataFrame, respondents: pd.DataFrame, codes: list[str], level: float) -> pd.DataFrame:
    """Invited (as delivered), respondents (counted in the export) and the response rate with its
    interval, per municipality and in total. The total's invitations are the municipalities' own, summed:
    a delivered total that says otherwise is in the cleaning log, which says the study uses the sum."""
    in_export = respondents.groupby("municipality").size()
    invited = invitations.set_index("municipality")["invited"]
    published = invitations.set_index("municipality")["published"].fillna("")
    rows = []
    for code in [*codes, "total"]:
        sent = int(invited.reindex(codes).sum()) if code == "total" else int(invited[code])
        answered = int(in_export.sum()) if code == "total" else int(in_export.get(code, 0))
        low, high = wilson_interval(answered, sent, level)
        rows.append(
            {
                "municipality": code,
                "invited": sent,
                "respondents": answered,
                "rate": answered / sent,
                "ci_low": low,
                "ci_high": high,
                "published": published.get(code, ""),
            }
        )
    return pd.DataFrame(rows)


def answer_times(respondents: pd.DataFrame) -> dict:
    """Median and mean answer time in minutes, from the export's start and completion times."""
    minutes = respondents["minutes"].dropna()
    return {
        "answers": int(len(minutes)),
        "of": int(len(respondents)),
        "all": len(minutes) == len(respondents),
        "median": float(minutes.median()) if len(minutes) else None,
        "mean": float(minutes.mean()) if len(minutes) else None,
    }


def periods(respondents: pd.DataFrame) -> pd.DataFrame:
    """Respondents per municipality and period of involvement, with the share of the municipality's respondents."""
    counts = respondents.groupby(["municipality", "period"], sort=False).size().rename("count").reset_index()
    totals = respondents.groupby("municipality").size()
    return counts.assign(respondents=counts["municipality"].map(totals), share=lambda t: t["count"] / t["respondents"])


def tallies(
    coding: pd.DataFrame,
    respondents: pd.DataFrame,
    codebook: pd.DataFrame,
    answers: pd.DataFrame,
    published: pd.DataFrame | None,
    codes: list[str],
) -> pd.DataFrame:
    """Per theme and municipality: respondents mentioning it, share of respondents, whether the count is exact."""
    n = respondents.groupby("municipality").size()
    municipality_of = respondents.set_index("id")["municipality"]
    coded = coding.assign(municipality=coding["id"].map(municipality_of))
    counts = coded.groupby(["theme", "municipality"])["id"].nunique()
    known = set() if published is None else {(p.item, p.municipality) for p in published.itertuples()}
    incomplete = _incomplete(answers, municipality_of)
    rows = []
    for theme in codebook.itertuples():
        for code in codes:
            count = int(counts.get((theme.theme, code), 0))
            rows.append(
                {
                    "question": theme.question,
                    "theme": theme.theme,
                    "label": theme.label,
                    "origin": theme.origin,
                    "municipality": code,
                    "count": count,
                    "respondents": int(n.get(code, 0)),
                    "share": count / n.get(code, 1),
                    "count_exact": (theme.theme, code) in known or (theme.question, code) not in incomplete,
                }
            )
    return pd.DataFrame(rows)


def _incomplete(answers: pd.DataFrame, municipality_of: pd.Series) -> set[tuple[str, str]]:
    """(question, municipality) pairs with an answer whose text is not in the export."""
    hidden = answers[answers["status"] == NOT_PUBLISHED]
    return set(zip(hidden["question"], hidden["id"].map(municipality_of)))


def answer_statuses(answers: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    """Per question and municipality: blank, 'vet ej', published and unpublished answers."""
    municipality_of = respondents.set_index("id")["municipality"]
    frame = answers.assign(
        municipality=answers["id"].map(municipality_of), status=answers["status"].replace({PARTIAL: "svar"})
    )
    table = frame.groupby(["question", "municipality", "status"]).size().unstack(fill_value=0)
    for status in ("svar", BLANK, DONT_KNOW, NOT_PUBLISHED):
        if status not in table:
            table[status] = 0
    columns = {"svar": "answered", BLANK: "blank", DONT_KNOW: "dont_know", NOT_PUBLISHED: "not_published"}
    frame = table[list(columns)].rename(columns=columns).reset_index().rename_axis(columns=None)
    # With unpublished answers in the group, blank and "vet ej" counts are known only where published.
    return frame.assign(exact=frame["not_published"] == 0)


def with_known_statuses(statuses: pd.DataFrame, published: pd.DataFrame | None) -> pd.DataFrame:
    """Blank and 'vet ej' counts: exact where the export is complete or a published report gives the
    count; else None."""
    given = set() if published is None else {(p.question, p.municipality, p.item) for p in published.itertuples()}
    frame = statuses.copy()
    for column, item in (("blank", "[blankt]"), ("dont_know", "[vet ej]")):
        published_here = pd.Series(
            [(q, m, item) in given for q, m in zip(frame["question"], frame["municipality"])], index=frame.index
        )
        known = frame["exact"] | published_here
        frame[column] = frame[column].astype(object).where(known, None)
    return frame


def theme_comparisons(tally: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Fisher's exact test per theme whose count is published for both municipalities; Holm-adjusted."""
    first, second = codes
    rows = []
    for theme, group in tally.groupby("theme", sort=False):
        by = group.set_index("municipality")
        if not by["count_exact"].all() or not set(codes) <= set(by.index) or (by["respondents"] == 0).any():
            continue  # a lower bound, or a municipality nobody answered for: nothing to compare
        a, b = by.loc[first], by.loc[second]
        _, p = fisher_exact([[a["count"], a["respondents"] - a["count"]], [b["count"], b["respondents"] - b["count"]]])
        rows.append(
            {
                "question": a["question"],
                "theme": theme,
                "label": a["label"],
                f"count_{first}": a["count"],
                f"n_{first}": a["respondents"],
                f"count_{second}": b["count"],
                f"n_{second}": b["respondents"],
                "difference": a["share"] - b["share"],
                "p_value": p,
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["p_holm"] = multipletests(frame["p_value"], method="holm")[1]
    return frame


def difference_verdict(comparisons: pd.DataFrame, level: float) -> verdicts.Verdict:
    """Is a difference between the municipalities shown for any theme, after Holm's adjustment?"""
    adjusted = {} if comparisons.empty else dict(zip(comparisons["theme"], comparisons["p_holm"]))
    return verdicts.any_difference(adjusted, 1 - level, "Fishers exakta test, Holm-justerat")


def detectable(response: pd.DataFrame, level: float) -> float | None:
    """The smallest difference between two municipalities' shares the survey would show with good power,
    for the two smallest groups of respondents (None with fewer than two groups, or when no difference
    under 100 percentage points could be shown)."""
    from ..stats.power import detectable_difference

    groups = sorted(int(n) for n in response.loc[response["municipality"] != "total", "respondents"])[:2]
    if len(groups) < 2:
        return None
    difference = detectable_difference(*groups, level)
    return difference if difference < 1 else None


def top_themes(tally: pd.DataFrame, question: str, code: str) -> verdicts.Verdict:
    """The most common theme(s) of one question in one municipality (ties named, lower bounds never ranked first)."""
    rows = tally[(tally["question"] == question) & (tally["municipality"] == code)]
    return verdicts.most_common([(r.theme, int(r.count), bool(r.count_exact)) for r in rows.itertuples()])


def quotes(
    answers: pd.DataFrame, coding: pd.DataFrame, respondents: pd.DataFrame, codebook: pd.DataFrame, questions
) -> pd.DataFrame:
    """Every published answer with its themes and municipality mark (the answers come redacted from
    :func:`collabstudy.survey.data.read_survey`), except those the anonymity review left out of the quotes."""
    shown = answers[answers["status"].isin(SHOWN)]
    if "quote_left_out" in shown:
        shown = shown[~shown["quote_left_out"].astype(bool)]
    labels = codebook.set_index("theme")["label"]
    themes = coding.groupby(["id", "question"])["theme"].apply(lambda t: "; ".join(labels[x] for x in sorted(t)))
    municipality_of = respondents.set_index("id")["municipality"]
    return (
        pd.DataFrame(
            {
                "question": shown["question"],
                "question_label": shown["question"].map(lambda q: questions[q].label),
                "themes": [themes.get((r.id, r.question), "") for r in shown.itertuples()],
                "municipality": shown["id"].map(municipality_of),
                # a list dash the respondent began with is no part of the words ("- Mycket har blivit …")
                "quote": shown["text"].str.replace(r"^\s*[-–•*]\s+", "", regex=True),
                "partial": shown["status"] == PARTIAL,
            }
        )
        .sort_values(["question", "themes", "municipality"], kind="stable")
        .reset_index(drop=True)
    )


READABLE_QUOTE = 300  # characters: a longer answer stands for its theme only when it is the only one


def illustrating_quote(quotes: pd.DataFrame, question: str, municipality: str, label: str) -> str | None:
    """The quote that shows one theme best, or None: an answer coded with that theme (never one of
    another), whole rather than cut, about that theme alone where one is, not an essay where a shorter one
    is there (READABLE_QUOTE), and of typical length (the
    one nearest the median length of those, the shorter and then the first in order on a tie), so that
    neither a one-word answer nor an essay stands for the theme."""
    rows = quotes[(quotes["question"] == question) & (quotes["municipality"] == municipality)]
    themes = rows["themes"].fillna("").str.split("; ")
    rows = rows[themes.map(lambda t: label in t)]
    if rows.empty:
        return None
    for narrower in (
        lambda r: ~r["partial"].astype(bool),
        lambda r: r["themes"] == label,
        lambda r: r["quote"].str.len() <= READABLE_QUOTE,
    ):
        keep = narrower(rows)
        rows = rows[keep] if keep.any() else rows
    length = rows["quote"].str.len()
    ranked = rows.assign(off=(length - length.median()).abs(), length=length)
    return ranked.sort_values(["off", "length", "quote"], kind="stable").iloc[0]["quote"]


def illustrations(quotes: pd.DataFrame) -> pd.DataFrame:
    """For every question, municipality and theme with a quote: the quote that shows the theme best
    (illustrating_quote), so that the final document picks nothing itself."""
    rows = []
    for (question, municipality), group in quotes.groupby(["question", "municipality"], sort=True):
        labels = sorted({t for themes in group["themes"].fillna("") for t in themes.split("; ") if t})
        for label in labels:
            quote = illustrating_quote(quotes, question, municipality, label)
            if quote is not None:
                rows.append({"question": question, "municipality": municipality, "label": label, "quote": quote})
    return pd.DataFrame(rows, columns=["question", "municipality", "label", "quote"])
