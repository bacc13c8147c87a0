"""The survey across evaluations: the response rate at each earlier evaluation and now, and the themes
that were the most common both at the latest earlier evaluation and now.

An earlier evaluation's figures come from its own results registry and its codebook table. A question is
matched with the previous evaluation's by an identical text or by the params link `same_as` (a reworded
question), never by its key alone (after renumbering, the same key is another question); themes are matched by
label (a later codebook may use other identifiers).
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


def _same_text(a: str, b: str) -> bool:
    """Two question texts read the same (whitespace of any kind aside, as the export's headers are read)."""
    return " ".join(a.split()) == " ".join(b.split())


def earlier_question(previous_questions: dict, question) -> str | None:
    """The previous evaluation's question that this one (a params Question) continues: the one its `same_as`
    names, or else the one with the identical text and kind; never one that only has the same key (after the
    questions are renumbered, the same key is another question)."""
    if question.same_as is not None:
        return question.same_as if question.same_as in previous_questions else None
    return next(
        (key for key, q in previous_questions.items() if _same_text(q.text, question.text) and q.kind == question.kind),
        None,
    )


# How a question stands against the previous evaluation's (survey_question_changes, status).
IDENTICAL, REWORDED, NEW, DROPPED = "identical", "reworded", "new", "dropped"
CHANGE_COLUMNS = ["question", "label", "earlier_question", "earlier_label", "earlier_text", "status"]


def question_changes(earlier: list, params) -> pd.DataFrame:
    """The survey's questions against the latest earlier evaluation's, one row each, in the form's order and
    then the dropped ones: identical (the same text), reworded (linked by `same_as`, the text changed), new
    (no earlier question continues into it) or dropped (asked then, continued by no question now). The
    municipality and period questions are the form's frame, not its content: they are left out. Empty
    without an earlier evaluation."""
    if not earlier:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    study = earlier[-1][0]
    content = ("municipality", "period")
    then = {k: q for k, q in study.values.survey.questions.items() if q.kind not in content}
    rows, continued = [], set()
    for key, question in params.values.survey.questions.items():
        if question.kind in content:
            continue
        key_then = earlier_question(then, question)
        if key_then is None:
            rows.append([key, question.label, "", "", "", NEW])
            continue
        continued.add(key_then)
        before = then[key_then]
        status = IDENTICAL if _same_text(before.text, question.text) else REWORDED
        rows.append([key, question.label, key_then, before.label, before.text, status])
    for key_then, before in then.items():
        if key_then not in continued:
            rows.append(["", "", key_then, before.label, before.text, DROPPED])
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


# Not a status in the table: a new question with the label of an earlier question that no question continues (its
# text changed, and it was not linked by `same_as`), said as one change: listed as new and as dropped, the same label
# would read as a contradiction.
RETEXTED = "retexted"


def changed_questions(changes: pd.DataFrame, status: str) -> list:
    """The questions of one status: a reworded question as (label now, the earlier text), a new one by its
    label, a dropped one by its earlier label; RETEXTED: a new question with a dropped question's label, as (label,
    the earlier text), and then neither among the new nor among the dropped ones."""
    if changes.empty:
        return []
    new, dropped = changes[changes["status"] == NEW], changes[changes["status"] == DROPPED]
    before = dict(zip(dropped["earlier_label"], dropped["earlier_text"]))
    retexted = [label for label in new["label"] if label in before]
    if status == RETEXTED:
        return [(label, before[label]) for label in retexted]
    found = changes[changes["status"] == status]
    if status == REWORDED:
        return [(r.label, r.earlier_text) for r in found.itertuples()]
    labels = found["earlier_label" if status == DROPPED else "label"]
    return [label for label in labels if label not in retexted]


def recurring_themes(earlier: list, top: dict, codebook: pd.DataFrame, params) -> pd.DataFrame:
    """Per question and municipality of this survey, compared with the latest earlier evaluation: one row
    per most common theme now that was the most common then too (same theme label), and a row with no
    label where the question was compared but no top theme recurs. A question the earlier survey did not
    ask, or where either survey has no top theme, is not compared and has no row."""
    columns = ["question", "municipality", "label", "previous", "reworded"]
    if not earlier:
        return pd.DataFrame(columns=columns)
    study, results = earlier[-1]
    then_labels = read_table(default_build_dir(study), "survey_codebook").set_index("theme")["label"].to_dict()
    now_labels = codebook.set_index("theme")["label"].to_dict()
    then_questions = study.values.survey.questions
    rows = []
    for (question, code), verdict in top.items():
        asked = params.values.survey.questions[question]
        key_then = earlier_question(then_questions, asked)
        result = results.get(keys.top_theme(key_then, code)) if key_then else None
        if result is None:
            continue
        inputs = dict(result.inputs or {})
        then = _top_labels(Verdict(result.value, inputs.pop("regel", ""), inputs), then_labels)
        now = _top_labels(verdict, now_labels)
        if not then or not now:
            continue
        reworded = not _same_text(then_questions[key_then].text, asked.text)
        for label in sorted(now & then) or [""]:
            rows.append(
                {"question": question, "municipality": code, "label": label, "previous": study.study_id}
                | {"reworded": reworded}
            )
    return pd.DataFrame(rows, columns=columns)


def shared_recurring(recurring: pd.DataFrame, params) -> list[tuple[str, str, str]]:
    """The themes most common both now and at the previous evaluation: (question label, municipality name,
    theme label), in the table's order."""
    if recurring.empty:
        return []
    shared = recurring[recurring["label"].astype("string").fillna("") != ""]
    questions = params.values.survey.questions
    return [(questions[r.question].label, params.values.name_of(r.municipality), r.label) for r in shared.itertuples()]


def reworded_compared(recurring: pd.DataFrame, params) -> list[str]:
    """The labels of the questions compared with the previous evaluation although their text changed (linked
    by `same_as`), in the table's order: the comparison's method says that it is not the same text for them."""
    if recurring.empty or "reworded" not in recurring:
        return []
    questions = params.values.survey.questions
    found = recurring.loc[recurring["reworded"].astype(bool), "question"].drop_duplicates()
    return [questions[q].label for q in found]


def compared_pairs(recurring: pd.DataFrame) -> int:
    """How many question and municipality pairs were compared with the previous evaluation."""
    return 0 if recurring.empty else len(recurring[["question", "municipality"]].drop_duplicates())
