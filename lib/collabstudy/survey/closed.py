"""The survey's closed questions (params `kind: rating` or `kind: choice`): answers per municipality.

A closed answer has one value, so the shares of a question and municipality are parts of a whole:
of the respondents who gave a value (blank and "vet ej" are counted apart, never in the share).
Each share has a Wilson interval. A rating also has its median and mean (with a t interval for the
mean; a rating scale is ordinal, so the median is the figure to read, the mean the one to follow).
The municipalities are compared once per question: a rating with the Mann–Whitney test (ordinal
values, ties allowed), a choice with Fisher's exact test on the whole municipality × answer table;
Holm-adjusted over the closed questions. Where a reconstructed export leaves answers out, the
question is not compared: its figures are incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from ..stats import verdicts
from ..stats.intervals import wilson_interval
from ..study.vocabulary import ANSWERED, BLANK, DONT_KNOW, NOT_PUBLISHED

MANN_WHITNEY = "Mann–Whitney-test"
FISHER = "Fishers exakta test"


def _with_municipality(closed: pd.DataFrame, respondents: pd.DataFrame) -> pd.DataFrame:
    return closed.assign(municipality=closed["id"].map(respondents.set_index("id")["municipality"]))


def closed_tallies(closed: pd.DataFrame, respondents: pd.DataFrame, questions, codes: list[str], level: float):
    """Per closed question, municipality and answer (in the form's order): respondents who gave it, of those
    who gave any value, the share and its interval; `exact` is False where answers are not published."""
    frame = _with_municipality(closed, respondents)
    rows = []
    for key in dict.fromkeys(frame["question"]):
        question = questions[key]
        for code in codes:
            group = frame[(frame["question"] == key) & (frame["municipality"] == code)]
            given = group[group["status"] == ANSWERED]
            exact = not (group["status"] == NOT_PUBLISHED).any()
            counts = given["value"].value_counts()
            for position, value in enumerate(question.scale):
                count = int(counts.get(value, 0))
                low, high = wilson_interval(count, len(given), level) if len(given) else (None, None)
                rows.append(
                    {
                        "question": key,
                        "municipality": code,
                        "value": value,
                        "position": position,
                        "count": count,
                        "answered": len(given),
                        "share": count / len(given) if len(given) else None,
                        "ci_low": low,
                        "ci_high": high,
                        "exact": exact,
                    }
                )
    columns = ["question", "municipality", "value", "position", "count", "answered", "share", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=[*columns, "exact"])


def closed_statuses(closed: pd.DataFrame, respondents: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Per closed question and municipality: respondents with a value, blank, "vet ej" and not published."""
    frame = _with_municipality(closed, respondents)
    rows = []
    for key in dict.fromkeys(frame["question"]):
        for code in codes:
            status = frame[(frame["question"] == key) & (frame["municipality"] == code)]["status"]
            rows.append(
                {
                    "question": key,
                    "municipality": code,
                    "answered": int((status == ANSWERED).sum()),
                    "blank": int((status == BLANK).sum()),
                    "dont_know": int((status == DONT_KNOW).sum()),
                    "not_published": int((status == NOT_PUBLISHED).sum()),
                }
            )
    return pd.DataFrame(rows, columns=["question", "municipality", "answered", "blank", "dont_know", "not_published"])


def _ratings(frame: pd.DataFrame, key: str, code: str) -> pd.Series:
    chosen = frame[(frame["question"] == key) & (frame["municipality"] == code) & (frame["status"] == ANSWERED)]
    return chosen["value"].astype(int)


def rating_summaries(
    closed: pd.DataFrame, respondents: pd.DataFrame, questions, codes: list[str], level: float
) -> pd.DataFrame:
    """Per rating question and municipality: answers with a value, median, mean and the mean's t interval
    (none with fewer than two values, or when every value is the same: the interval is the value)."""
    frame = _with_municipality(closed, respondents)
    rows = []
    for key in dict.fromkeys(frame["question"]):
        if questions[key].kind != "rating":
            continue
        for code in codes:
            values = _ratings(frame, key, code)
            n = len(values)
            mean = float(values.mean()) if n else None
            low = high = None
            if n >= 2:
                spread = float(values.std(ddof=1))
                half = stats.t.ppf(0.5 + level / 2, n - 1) * spread / n**0.5
                low, high = mean - half, mean + half
            rows.append(
                {
                    "question": key,
                    "municipality": code,
                    "answered": n,
                    "median": float(values.median()) if n else None,
                    "mean": mean,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    return pd.DataFrame(rows, columns=["question", "municipality", "answered", "median", "mean", "ci_low", "ci_high"])


def _compare(frame: pd.DataFrame, key: str, question, codes: list[str]) -> dict:
    first, second = codes
    if question.kind == "rating":
        a, b = _ratings(frame, key, first), _ratings(frame, key, second)
        if len(set(a) | set(b)) == 1:
            # Every answer the same value: nothing differs (the test itself is undefined).
            return {"test": MANN_WHITNEY, "estimate": 0.0, "p_value": 1.0}
        test = stats.mannwhitneyu(a, b, alternative="two-sided")
        # The probability that a respondent of the first municipality rates higher than one of the second
        # (ties count half), minus a half: positive when the first tends to rate higher.
        return {
            "test": MANN_WHITNEY,
            "estimate": float(test.statistic) / (len(a) * len(b)) - 0.5,
            "p_value": float(test.pvalue),
        }
    given = frame[frame["status"] == ANSWERED]
    table = pd.crosstab(given[given["question"] == key]["municipality"], given[given["question"] == key]["value"])
    table = table.reindex(codes).fillna(0).astype(int)
    table = table.loc[:, table.sum() > 0]
    p = 1.0 if table.shape[1] < 2 else fisher_2xk(table.to_numpy())
    return {"test": FISHER, "estimate": 0.0, "p_value": p}


# Beyond this many tables with the same margins, the p-value is estimated by a seeded Monte Carlo.
EXACT_TABLES = 200_000


def _first_rows(columns: list[int], total: int):
    """Every first row with the given sum under the column totals (the tables with these margins)."""
    if not columns:
        if total == 0:
            yield ()
        return
    rest = sum(columns[1:])
    for x in range(max(0, total - rest), min(columns[0], total) + 1):
        for tail in _first_rows(columns[1:], total - x):
            yield (x, *tail)


def _tables(columns: list[int], total: int) -> int:
    """How many first rows _first_rows yields (counted without listing them)."""
    ways = {0: 1}
    for column in columns:
        nxt: dict[int, int] = {}
        for used, n in ways.items():
            for x in range(0, min(column, total - used) + 1):
                nxt[used + x] = nxt.get(used + x, 0) + n
        ways = nxt
    return ways.get(total, 0)


def fisher_2xk(table) -> float:
    """Fisher's exact test of a 2 × k table: the probability, with the margins fixed, of a table no more
    likely than the one observed (scipy's fisher_exact is exact for 2 × 2 only; for a larger table it
    samples at random, which would make the p-value differ between two runs)."""
    table = np.asarray(table, dtype=int)
    if table.shape[1] == 2:
        return float(stats.fisher_exact(table).pvalue)
    columns, first = [int(c) for c in table.sum(axis=0)], int(table[0].sum())
    if _tables(columns, first) > EXACT_TABLES:
        method = stats.MonteCarloMethod(n_resamples=100_000, rng=np.random.default_rng(0))
        return float(stats.fisher_exact(table, method=method).pvalue)
    law = stats.multivariate_hypergeom(m=columns, n=first)
    observed = law.pmf(table[0])
    probabilities = law.pmf(np.array(list(_first_rows(columns, first))))
    # A relative tolerance, as R's fisher.test: tables as likely as the observed one count, despite rounding.
    return float(min(1.0, probabilities[probabilities <= observed * (1 + 1e-7)].sum()))


def closed_comparisons(closed: pd.DataFrame, respondents: pd.DataFrame, questions, codes: list[str]) -> pd.DataFrame:
    """One test per closed question where both municipalities gave values and every answer is published;
    Holm-adjusted over the questions tested."""
    frame = _with_municipality(closed, respondents)
    rows = []
    for key in dict.fromkeys(frame["question"]):
        group = frame[frame["question"] == key]
        if (group["status"] == NOT_PUBLISHED).any():
            continue
        given = group[group["status"] == ANSWERED]
        if any((given["municipality"] == code).sum() == 0 for code in codes):
            continue
        rows.append({"question": key, **_compare(frame, key, questions[key], codes)})
    result = pd.DataFrame(rows, columns=["question", "test", "estimate", "p_value"])
    result["p_holm"] = multipletests(result["p_value"], method="holm")[1] if len(result) else []
    return result


def closed_verdicts(comparisons: pd.DataFrame, questions: list[str], level: float) -> dict[str, verdicts.Verdict]:
    """Per closed question: is a difference between the municipalities shown (Holm-adjusted p below α)? A
    question that could not be tested gets its reason."""
    tested = comparisons.set_index("question")
    result = {}
    for key in questions:
        if key not in tested.index:
            result[key] = verdicts.not_possible(
                "ingen jämförelse: en kommun har inga svar på frågan, eller svar saknas i exporten"
            )
            continue
        r = tested.loc[key]
        result[key] = verdicts.difference(
            float(r["estimate"]), float(r["p_holm"]), 1 - level, f"{r['test']}, Holm-justerat"
        )
    return result


@dataclass(frozen=True)
class ClosedQuestions:
    """Everything the survey step computes for its closed questions."""

    tally: pd.DataFrame
    statuses: pd.DataFrame
    ratings: pd.DataFrame
    comparisons: pd.DataFrame
    verdicts: dict[str, verdicts.Verdict]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables handed on to the final document, by name."""
        return {
            "tally": self.tally,
            "statuses": self.statuses,
            "ratings": self.ratings,
            "comparisons": self.comparisons,
        }


def analyse(closed: pd.DataFrame, respondents: pd.DataFrame, params, level: float) -> ClosedQuestions:
    """The closed questions' tallies, statuses, rating summaries, comparisons and verdicts."""
    questions, codes = params.values.survey.questions, params.values.codes
    comparisons = closed_comparisons(closed, respondents, questions, codes)
    return ClosedQuestions(
        closed_tallies(closed, respondents, questions, codes, level),
        closed_statuses(closed, respondents, codes),
        rating_summaries(closed, respondents, questions, codes, level),
        comparisons,
        closed_verdicts(comparisons, params.values.survey.closed, level),
    )
