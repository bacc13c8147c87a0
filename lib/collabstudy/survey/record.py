"""What the survey step hands on: its tables for the final document and its figures for the registry."""
from __future__ import annotations

import pandas as pd

from ..io.processed import write_tables
from ..study.steps import SURVEY as STEP


def record(results, response: pd.DataFrame, fieldwork: pd.DataFrame, periods: pd.DataFrame,
           tally: pd.DataFrame, statuses: pd.DataFrame, comparisons: pd.DataFrame) -> None:
    src = f"{STEP}: enkäten"
    for r in response.itertuples():
        base = f"survey.response.{r.municipality}"
        results.record(f"{base}.invited", r.invited, unit="antal", label="Utskick", source=src)
        results.record(f"{base}.respondents", r.respondents, unit="antal", label="Svarande", source=src)
        results.record(f"{base}.rate", r.rate, unit="andel", label="Svarsfrekvens", source=src)
        results.record(f"{base}.ci_low", r.ci_low, unit="andel", label="Svarsfrekvens, intervall nedre", source=src)
        results.record(f"{base}.ci_high", r.ci_high, unit="andel", label="Svarsfrekvens, intervall övre", source=src)
    minutes = fieldwork.set_index("item").loc["mean_answer_minutes", "value"]
    results.record("survey.mean_answer_minutes", float(minutes), unit="minuter", label="Genomsnittlig svarstid", source=src)
    for index, r in enumerate(periods.itertuples()):
        results.record(f"survey.period.{r.municipality}.{index}", r.count, unit="antal",
                       label=f"Involverade {r.period}", source=src)
    for r in tally.itertuples():
        status = "ok" if r.count_published else "osäker"
        results.record(f"survey.theme.{r.theme}.{r.municipality}.count", r.count, unit="antal",
                       label=f"{r.label} ({'publicerat antal' if r.count_published else 'minst, antal ej publicerat'})",
                       source=src, status=status)
    for r in statuses.itertuples():
        for field, what in (("blank", "Blanka svar"), ("dont_know", "Svar ”vet ej”")):
            value = getattr(r, field)
            results.record(f"survey.{r.question}.{r.municipality}.{field}", value, unit="antal", label=what,
                           source=src, status="saknas" if value is None else "ok")
    for r in comparisons.itertuples():
        results.record(f"survey.theme.{r.theme}.fisher_p", r.p_value, unit="sannolikhet", label=f"Fisher: {r.label}", source=src)
        results.record(f"survey.theme.{r.theme}.fisher_p_holm", r.p_holm, unit="sannolikhet",
                       label=f"Fisher, Holm-justerat: {r.label}", source=src)


def write_outputs(output_dir, *, quotes: pd.DataFrame, tallies: pd.DataFrame, comparisons: pd.DataFrame,
                  statuses: pd.DataFrame, published: pd.DataFrame, codebook: pd.DataFrame) -> list[str]:
    """The survey tables for the final document, which reads them instead of the raw survey files
    (the runner scans them for names before publishing)."""
    return write_tables(output_dir, STEP, {
        "survey_quotes": quotes, "survey_tallies": tallies, "survey_comparisons": comparisons,
        "survey_answer_statuses": statuses, "survey_published_counts": published, "survey_codebook": codebook})
