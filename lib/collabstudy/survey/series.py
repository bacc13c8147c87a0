"""The survey across evaluations: the response rate at each earlier evaluation and now, and the themes
that were the most common both at the latest earlier evaluation and now.

An earlier evaluation's figures come from its own results registry and its codebook table; themes are
matched by question text and theme label (a later codebook may use other identifiers).
"""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import read_table
from ..stats.verdicts import NO_RANKING, OPEN, Verdict
from ..study.paths import default_build_dir
from ..study.vocabulary import EARLIER_ROW, THIS_ROW

EARLIER, THIS = EARLIER_ROW, THIS_ROW


def response_series(earlier: list, response: pd.DataFrame, params) -> pd.DataFrame:
    """Invited, respondents and the response rate (with interval) per evaluation, oldest first."""
    rows = []
    for study, results in earlier:
        window = study.values.reporting_window
        row = {"kind": EARLIER, "study": study.study_id, "window_start": window.start, "window_end": window.end}
        for field in ("invited", "respondents", "rate", "ci_low", "ci_high"):
            row[field] = results[keys.response("total", field)].value
        rows.append(row)
    total = response[response["municipality"] == "total"].iloc[0]
    window = params.values.reporting_window
    rows.append(
        {"kind": THIS, "study": params.study_id, "window_start": window.start, "window_end": window.end}
        | {field: total[field] for field in ("invited", "respondents", "rate", "ci_low", "ci_high")}
    )
    return pd.DataFrame(rows)


def _top_labels(verdict: Verdict, labels: dict[str, str]) -> set[str]:
    if verdict.value in (NO_RANKING, OPEN):  # no theme is established as the most common
        return set()
    return {labels[t] for t in verdict.inputs["top"]}


def _earlier_question(study, question: str, text: str) -> str | None:
    """The earlier evaluation's question that is this one: the same key, or else the same text."""
    questions = study.values.survey.questions
    if question in questions:
        return question
    return next((key for key, q in questions.items() if q.text == text), None)


def recurring_themes(earlier: list, top: dict, codebook: pd.DataFrame, params) -> pd.DataFrame:
    """Per question and municipality of this survey, compared with the latest earlier evaluation: one row
    per most common theme now that was the most common then too (same theme label), and a row with no
    label where the question was compared but no top theme recurs. A question the earlier survey did not
    ask, or where either survey has no top theme, is not compared and has no row."""
    columns = ["question", "municipality", "label", "previous"]
    if not earlier:
        return pd.DataFrame(columns=columns)
    study, results = earlier[-1]
    then_labels = read_table(default_build_dir(study), "survey_codebook").set_index("theme")["label"].to_dict()
    now_labels = codebook.set_index("theme")["label"].to_dict()
    rows = []
    for (question, code), verdict in top.items():
        key_then = _earlier_question(study, question, params.values.survey.questions[question].text)
        result = results.get(keys.top_theme(key_then, code)) if key_then else None
        if result is None:
            continue
        inputs = dict(result.inputs or {})
        then = _top_labels(Verdict(result.value, inputs.pop("regel", ""), inputs), then_labels)
        now = _top_labels(verdict, now_labels)
        if not then or not now:
            continue
        for label in sorted(now & then) or [""]:
            rows.append({"question": question, "municipality": code, "label": label, "previous": study.study_id})
    return pd.DataFrame(rows, columns=columns)


def shared_recurring(recurring: pd.DataFrame, params) -> list[tuple[str, str, str]]:
    """The themes most common both now and at the previous evaluation: (question label, municipality name,
    theme label), in the table's order."""
    if recurring.empty:
        return []
    shared = recurring[recurring["label"].astype("string").fillna("") != ""]
    questions = params.values.survey.questions
    return [(questions[r.question].label, params.values.name_of(r.municipality), r.label) for r in shared.itertuples()]


def compared_pairs(recurring: pd.DataFrame) -> int:
    """How many question and municipality pairs were compared with the previous evaluation."""
    return 0 if recurring.empty else len(recurring[["question", "municipality"]].drop_duplicates())
