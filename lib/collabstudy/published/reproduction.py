"""The reproduction table: every figure the source publishes beside the study's own value.

One row per published figure: where it stands in the source, the value as published, the
study's value, and 'stämmer' or the explained difference (from the check ledger).
"""

from __future__ import annotations

import pandas as pd

from ..io.processed import read_table as read_processed
from ..io.provenance import Provenance
from ..present import formatting as f
from ..study.calendar import is_calendar_year
from ..study.vocabulary import OK, SEVERITY_ORDER, label_of

AGREES, INPUT = "stämmer", "indata (används som publicerat)"
COLUMNS = ["source_lines", "figure", "published", "ours", "status", "file", "row", "column"]


def _period(start, end) -> str:
    if is_calendar_year(start, end):
        return str(start.year)
    return f"{start}–{end}"


def _ledger_by_cell(ledger: pd.DataFrame) -> dict[tuple, pd.DataFrame]:
    keyed = ledger.assign(row=ledger["row"].astype("Int64"))
    return {key: group for key, group in keyed.groupby(["file", "row", "column"], dropna=False)}


def _status(checks: pd.DataFrame | None, default: str) -> tuple[str, str]:
    """(our value as the checks recomputed it, status): the most serious finding wins."""
    if checks is None or checks.empty:
        return "", default
    ordered = checks.assign(_o=checks["severity"].map(SEVERITY_ORDER.index)).sort_values("_o")
    worst = ordered.iloc[0]
    ours = "; ".join(r for r in ordered["recomputed"] if isinstance(r, str) and r)
    status = AGREES if worst["severity"] == OK else f"{worst['severity']}: {worst['problem']}"
    return ours, status


def observations(frames: list[pd.DataFrame], ledger: pd.DataFrame, params, provenance) -> pd.DataFrame:
    """Every published table cell (rolling 12 months, per year, per month, baseline)."""
    by_cell = _ledger_by_cell(ledger)
    rows = []
    for frame in frames:
        for cell in frame.drop_duplicates(["file", "row", "column"]).itertuples():
            key = (cell.file, int(cell.row), cell.column)
            ours, status = _status(by_cell.get(key), INPUT)
            rows.append(
                {
                    "source_lines": provenance.lines(cell.file, cell.row),
                    "figure": f"{label_of(cell.measure)}, {params.values.name_of(cell.municipality)}, "
                    f"{_period(cell.period_start, cell.period_end)}",
                    "published": cell.published,
                    "ours": ours or f.measure_value(cell.value, cell.unit, share_decimals=1),
                    "status": status,
                    "file": cell.file,
                    "row": int(cell.row),
                    "column": cell.column,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _labelled(label: str, check: str) -> str:
    """'Månadstabell: Sammanlagt', never 'Månadstabell: månadstabell: Sammanlagt' (a check that names its table)."""
    prefix = label.rstrip(": ").lower()
    if prefix and check.lower().startswith(prefix):
        check = check[len(prefix) :].lstrip(": ")
        check = check[:1].upper() + check[1:]
    return label + check


def ledger_figures(ledger: pd.DataFrame, files: set[str], labels: dict[str, str], provenance) -> pd.DataFrame:
    """Published figures that exist only as checks: text statements, aggregates, survey rates and dates."""
    chosen = ledger[ledger["file"].isin(files)]
    rows = []
    for (file, row, column), checks in chosen.groupby(["file", "row", "column"], dropna=False, sort=False):
        ours, status = _status(checks, AGREES)
        published = checks["published"].iloc[0]
        rows.append(
            {
                "source_lines": provenance.lines(file, None if pd.isna(row) else int(row)),
                "figure": _labelled(labels.get(file, ""), checks["check"].iloc[0]),
                "published": published,
                "ours": ours,
                "status": status,
                "file": file,
                "row": None if pd.isna(row) else int(row),
                "column": column,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def survey_counts(
    published: pd.DataFrame, tallies: pd.DataFrame, statuses: pd.DataFrame, codebook: pd.DataFrame, params, file: str
) -> pd.DataFrame:
    """The report's counts of respondents per theme, blank and 'vet ej' answer, beside the coded data."""
    count = tallies.set_index(["theme", "municipality"])["count"]
    status = statuses.set_index(["question", "municipality"])
    labels = codebook.set_index("theme")["label"]
    rows = []
    for p in published.itertuples():
        if p.item in labels.index:
            ours, what = int(count.get((p.item, p.municipality), 0)), labels[p.item]
        elif p.item in ("[blankt]", "[vet ej]"):
            column = "blank" if p.item == "[blankt]" else "dont_know"
            found = status[column].get((p.question, p.municipality), 0)  # nobody answered there: none blank
            asked = params.values.survey.questions.get(p.question)
            shown = f"”{asked.label}”" if asked is not None else p.question
            ours, what = int(found), f"{'blanka svar' if column == 'blank' else 'svar ”vet ej”'} på {shown}"
        else:
            continue  # the overlap is proven by the reconstruction test, not a tally
        name = params.values.name_of(p.municipality) if p.municipality else "alla"
        rows.append(
            {
                "source_lines": p.source_lines,
                "figure": f"Enkät: {what}, {name}",
                "published": str(p.published),
                "ours": str(ours),
                "status": AGREES if ours == p.published else f"fel: publicerat {p.published}, kodat {ours}",
                "file": file,
                "row": p.row,
                "column": "Antal respondenter",
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def reproduction_table(
    params, build_dir, *, published: pd.DataFrame | None, statuses: pd.DataFrame, codebook: pd.DataFrame, tallies
) -> pd.DataFrame | None:
    """Every figure the published report states beside the study's value (tidy, one row per figure);
    None when the study reproduces no report. Built by the survey step, the last whose tables it reads:
    the cleaning step's (from `build_dir`) and the survey step's own (`published`, `statuses`, `codebook`,
    `tallies`, as it is about to write them)."""
    if params.published is None or published is None:
        return None
    provenance = Provenance(params.root)
    ledger = read_processed(build_dir, "check_ledger")
    frames = [read_processed(build_dir, name) for name in ("rolling_12m", "yearly", "monthly_closures", "baseline")]
    files = {
        delivery.display: label
        for key, label in (
            ("statements", "Rapportens text: "),
            ("monthly_closures", "Månadstabell: "),
            ("survey_invitations", ""),
            ("survey_involvement", ""),
            ("survey_fieldwork", ""),
        )
        for delivery in params.deliveries(key)
    }
    published = published.fillna({"municipality": "", "source_lines": "", "wording": ""})
    parts = [
        observations(frames, ledger, params, provenance),
        ledger_figures(
            ledger[ledger["check"].str.startswith(("textuppgift", "månadstabell", "enkät"))],
            set(files),
            files,
            provenance,
        ),
        survey_counts(published, tallies, statuses, codebook, params, params.raw_display("survey_published_counts")),
    ]
    return pd.concat(parts, ignore_index=True).astype({"row": "Int64"})


def summary(table: pd.DataFrame) -> dict[str, int]:
    """How many published figures agree, are inputs, or differ."""
    return {
        "total": len(table),
        "agrees": int((table["status"] == AGREES).sum()),
        "inputs": int((table["status"] == INPUT).sum()),
        "differs": int((~table["status"].isin([AGREES, INPUT])).sum()),
    }


SUMMARY_LABELS = {
    "total": "Siffror som den publicerade rapporten anger",
    "agrees": "… som stämmer med studiens omräkning",
    "inputs": "… som är indata (används som publicerade)",
    "differs": "… som avviker eller är osäkra",
}


def record(results, table: pd.DataFrame | None, output_dir) -> None:
    """The reproduction table (processed/reproduction.csv, read by the final document) and its counts."""
    from ..io import keys
    from ..io.processed import write_tables
    from ..study.steps import SURVEY

    if table is None:
        return
    write_tables(output_dir, SURVEY, {"reproduction": table})
    for field, value in summary(table).items():
        results.record(
            keys.reproduction(field),
            value,
            unit="antal",
            label=SUMMARY_LABELS[field],
            source=f"{SURVEY}: reproduktionen",
        )
