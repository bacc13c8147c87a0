"""The survey across evaluations: the response rate at each earlier evaluation and now, and the themes
that were the most common both at the latest earlier evaluation and now.

An earlier evaluation's figures come from its own results registry and its codebook table; themes are
matched by question text and theme label (a later codebook may use other identifiers).
"""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import read_table
from ..stats.verdicts import NO_RANKING, Verdict
from ..study.paths import default_build_dir

EARLIER, THIS = "tidigare utvärdering", "denna period"


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
    if verdict.value == NO_RANKING:
        return set()
    return {labels[t] for t in verdict.inputs["top"]}


def recurring_themes(
    earlier: list, top: dict[tuple[str, str], Verdict], codebook: pd.DataFrame, params
) -> pd.DataFrame:
    """Per question and municipality: the most common themes now that were also the most common at the
    latest earlier evaluation (same question text, same theme label). Empty without an earlier one."""
    columns = ["question", "municipality", "label", "previous"]
    if not earlier:
        return pd.DataFrame(columns=columns)
    study, results = earlier[-1]
    then_labels = read_table(default_build_dir(study), "survey_codebook").set_index("theme")["label"].to_dict()
    then_question = {q.text: key for key, q in study.values.survey.questions.items()}
    now_labels = codebook.set_index("theme")["label"].to_dict()
    rows = []
    for (question, code), verdict in top.items():
        key_then = then_question.get(params.values.survey.questions[question].text)
        result = results.get(keys.top_theme(key_then, code)) if key_then else None
        if result is None:
            continue
        inputs = dict(result.inputs or {})
        then = _top_labels(Verdict(result.value, inputs.pop("regel", ""), inputs), then_labels)
        for label in sorted(_top_labels(verdict, now_labels) & then):
            rows.append({"question": question, "municipality": code, "label": label, "previous": study.study_id})
    return pd.DataFrame(rows, columns=columns)
