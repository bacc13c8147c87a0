"""What the survey step hands on: its tables for the final document and its figures for the registry."""

from __future__ import annotations

import pandas as pd

from ..io import keys
from ..io.processed import write_tables
from ..present.formatting import missing
from ..stats import verdicts
from ..stats.verdicts import Verdict
from ..study.steps import SURVEY as STEP
from ..study.vocabulary import MISSING, OK, UNCERTAIN
from .series import CHANGE_COLUMNS, DROPPED, IDENTICAL, NEW, REWORDED


def no_changes() -> pd.DataFrame:
    """The question changes of a study without an earlier evaluation: none."""
    return pd.DataFrame(columns=CHANGE_COLUMNS)


def record(
    results,
    response: pd.DataFrame,
    times: dict,
    periods: pd.DataFrame,
    tally: pd.DataFrame,
    statuses: pd.DataFrame,
    comparisons: pd.DataFrame,
    difference: Verdict,
    top: dict[tuple[str, str], Verdict],
    covered: pd.DataFrame,
) -> None:
    """The survey's figures and verdicts; `top` is the most common theme per (question, municipality)."""
    src = f"{STEP}: enkäten"
    for r in response.itertuples():
        for field, unit, label in (
            ("invited", "antal", "Utskick"),
            ("respondents", "antal", "Svarande"),
            ("rate", "andel", "Svarsfrekvens"),
            ("ci_low", "andel", "Svarsfrekvens, intervall nedre"),
            ("ci_high", "andel", "Svarsfrekvens, intervall övre"),
        ):
            results.record(keys.response(r.municipality, field), getattr(r, field), unit=unit, label=label, source=src)
    for field, label in (("median", "Svarstid, median"), ("mean", "Svarstid, medel")):
        results.record(
            keys.answer_minutes(field),
            times[field],
            unit="minuter",
            label=f"{label} (exportens tider, {times['answers']} av {times['of']} svar)",
            source=src,
            status=MISSING if times[field] is None else OK,
        )
    for r in covered.itertuples():
        results.record(keys.coverage(r.question, "answers"), r.answers, unit="antal", label="Svar med text", source=src)
        results.record(keys.coverage(r.question, "coded"), r.coded, unit="antal", label="Kodade svar", source=src)
    for index, r in enumerate(periods.itertuples()):
        results.record(
            keys.period(r.municipality, index), r.count, unit="antal", label=f"Involverade: {r.period}", source=src
        )
    for r in tally.itertuples():
        results.record(
            keys.theme_count(r.theme, r.municipality),
            r.count,
            unit="antal",
            label=f"{r.label} ({'exakt antal' if r.count_exact else 'minst, antal ej publicerat'})",
            source=src,
            status=OK if r.count_exact else UNCERTAIN,
        )
        results.record(
            keys.theme_share(r.theme, r.municipality),
            r.share if r.count_exact and r.respondents else None,
            unit="andel",
            label=f"{r.label}, andel av kommunens svarande",
            source=src,
            status=OK if r.count_exact and r.respondents else MISSING,
        )
    for r in statuses.itertuples():
        for field, what in (("blank", "Blanka svar"), ("dont_know", "Svar ”vet ej”")):
            value = getattr(r, field)
            results.record(
                keys.answers(r.question, r.municipality, field),
                value,
                unit="antal",
                label=what,
                source=src,
                status=MISSING if value is None else OK,
            )
    for r in comparisons.itertuples():
        results.record(keys.fisher(r.theme), r.p_value, unit="sannolikhet", label=f"Fisher: {r.label}", source=src)
        results.record(
            keys.fisher(r.theme, adjusted=True),
            r.p_holm,
            unit="sannolikhet",
            label=f"Fisher, Holm-justerat: {r.label}",
            source=src,
        )
    results.record_verdict(
        keys.SURVEY_DIFFERENCE_VERDICT,
        difference,
        label="Är en skillnad mellan kommunerna visad för något tema?",
        source=src,
    )
    for (question, code), verdict in top.items():
        results.record_verdict(
            keys.top_theme(question, code), verdict, label=f"Vanligaste tema, {question}, {code}", source=src
        )


def record_summaries(
    results, response: pd.DataFrame, tally: pd.DataFrame, covered: pd.DataFrame, recurring: pd.DataFrame, level: float
) -> None:
    """What a summary of the survey states: the difference it could show, the answers with text and coded
    in all, and how many question and municipality pairs were compared with
    the previous evaluation."""
    from .figures import detectable
    from .series import compared_pairs

    src = f"{STEP}: enkäten i sammandrag"
    smallest = detectable(response, level)
    results.record(
        keys.DETECTABLE_DIFFERENCE,
        smallest,
        unit="andel",
        label="Minsta skillnad mellan kommunerna som enkäten visar med god säkerhet (styrka 80 %)",
        source=src,
        status=MISSING if smallest is None else OK,
    )
    for field, what in (("answers", "Svar med text"), ("coded", "Kodade svar")):
        results.record(
            keys.coverage("total", field),
            int(covered[field].sum()),
            unit="antal",
            label=f"{what}, alla frågor",
            source=src,
        )
    results.record(
        keys.RECURRING_COMPARED,
        compared_pairs(recurring),
        unit="antal",
        label="Kombinationer av fråga och kommun jämförda med förra utvärderingen",
        source=src,
    )


def record_question_changes(results, changes: pd.DataFrame) -> None:
    """How many questions are identical to the previous evaluation's, reworded (linked by same_as), new and
    dropped (only with an earlier evaluation)."""
    src = f"{STEP}: frågorna jämfört med förra utvärderingen"
    for status, what in (
        (IDENTICAL, "med samma frågetext"),
        (REWORDED, "omformulerade (same_as i params)"),
        (NEW, "nya"),
        (DROPPED, "ställda förra gången men inte nu"),
    ):
        count = 0 if changes.empty else int((changes["status"] == status).sum())
        results.record(
            keys.question_changes(status),
            count,
            unit="antal",
            label=f"Enkätens frågor jämfört med förra utvärderingen: {what}",
            source=src,
        )


def write_outputs(
    output_dir,
    *,
    quotes: pd.DataFrame,
    tallies: pd.DataFrame,
    comparisons: pd.DataFrame,
    statuses: pd.DataFrame,
    covered: pd.DataFrame,
    published: pd.DataFrame | None,
    codebook: pd.DataFrame,
    response_series: pd.DataFrame,
    recurring: pd.DataFrame,
    closed: dict[str, pd.DataFrame],
    illustrations: pd.DataFrame,
    question_changes: pd.DataFrame | None = None,
) -> list[str]:
    """The survey tables for the final document, which reads them instead of the raw survey files
    (the runner scans them for names before publishing)."""
    tables = {
        "survey_quotes": quotes,
        "survey_tallies": tallies,
        "survey_comparisons": comparisons,
        "survey_answer_statuses": statuses,
        "survey_coverage": covered,
        "survey_codebook": codebook,
        "survey_response_series": response_series,
        "survey_recurring_themes": recurring,
        "survey_illustrations": illustrations,
        "survey_question_changes": question_changes if question_changes is not None else no_changes(),
        **{f"survey_closed_{name}": frame for name, frame in closed.items()},
    }
    if published is not None:  # a published report's counts, for its reproduction table
        tables["survey_published_counts"] = published
    return write_tables(output_dir, STEP, tables)


def record_agreement(results, agreement: pd.DataFrame) -> None:
    """With two coders or more: per question and theme, the decisions both coded, the share alike,
    Krippendorff's alpha and its reading (a verdict)."""
    src = f"{STEP}: kodarnas samstämmighet"
    for r in agreement.itertuples():
        what = f"{r.question}, {r.theme or 'alla teman'}"
        results.record(
            keys.coder_agreement(r.question, r.theme, "decisions"),
            r.decisions,
            unit="antal",
            label=f"Beslut kodade av minst två kodare ({what})",
            source=src,
        )
        results.record(
            keys.coder_agreement(r.question, r.theme, "alike"),
            r.alike,
            unit="antal",
            label=f"Lika beslut ({what})",
            source=src,
        )
        results.record(
            keys.coder_agreement(r.question, r.theme, "share_alike"),
            r.share_alike,
            unit="andel",
            label=f"Andel lika beslut ({what})",
            source=src,
        )
        results.record(
            keys.coder_agreement(r.question, r.theme, "alpha"),
            r.alpha,
            unit="kvot",
            label=f"Krippendorffs alfa ({what})",
            source=src,
            status=MISSING if r.alpha is None or r.alpha != r.alpha else OK,
        )
        results.record_verdict(
            keys.coder_agreement(r.question, r.theme, "reading"),
            verdicts.coder_agreement(r.alpha),
            label=f"Kodningens tillförlitlighet ({what})",
            source=src,
        )


CLOSED_TEST_FIELDS = {"p_value": "p", "p_holm": "p, Holm-justerat", "estimate": "sannolikhet för högre värde − 0,5"}


def record_closed(results, closed, questions) -> None:
    """The closed questions (collabstudy.survey.closed.ClosedQuestions): every answer's count, share and
    interval per municipality, who gave no value, a rating's median and mean, the comparison and its verdict."""
    src = f"{STEP}: slutna frågor"
    for r in closed.tally.itertuples():
        what = f"{questions[r.question].label}: {r.value}"
        for field, unit, part in (
            ("count", "antal", ""),
            ("share", "andel", ", andel av dem med värde"),
            ("ci_low", "andel", ", intervall nedre"),
            ("ci_high", "andel", ", intervall övre"),
        ):
            value = getattr(r, field)
            results.record(
                keys.closed_answer(r.question, r.municipality, r.position, field),
                value,
                unit=unit,
                label=what + part,
                source=src,
                status=MISSING if missing(value) else OK if r.exact else UNCERTAIN,
            )
    for r in closed.statuses.itertuples():
        for field, what in (("answered", "Svar med värde"), ("blank", "Blanka svar"), ("dont_know", "Svar ”vet ej”")):
            results.record(
                keys.closed_summary(r.question, r.municipality, field),
                getattr(r, field),
                unit="antal",
                label=what,
                source=src,
            )
    for r in closed.ratings.itertuples():
        for field, what in (
            ("median", "Median"),
            ("mean", "Medelvärde"),
            ("ci_low", "Medelvärde, intervall nedre"),
            ("ci_high", "Medelvärde, intervall övre"),
        ):
            value = getattr(r, field)
            results.record(
                keys.closed_summary(r.question, r.municipality, field),
                value,
                unit="skalvärde",
                label=f"{questions[r.question].label}: {what}",
                source=src,
                status=MISSING if missing(value) else OK,
            )
    for r in closed.comparisons.itertuples():
        fields = [("p_value", "sannolikhet"), ("p_holm", "sannolikhet")]
        if questions[r.question].kind == "rating":  # a choice has no direction to estimate
            fields.append(("estimate", "teststorhet"))
        for field, unit in fields:
            results.record(
                keys.closed_comparison(r.question, field),
                getattr(r, field),
                unit=unit,
                label=f"{r.test}: {CLOSED_TEST_FIELDS[field]}",
                source=src,
            )
    for question, verdict in closed.verdicts.items():
        results.record_verdict(
            keys.closed_difference(question),
            verdict,
            label=f"Är en skillnad mellan kommunerna visad för frågan ”{questions[question].label}”?",
            source=src,
        )
