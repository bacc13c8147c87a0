"""The final document's appendices: reproduction table, data quality, questions, methods, provenance."""

from __future__ import annotations

import subprocess
from importlib import metadata

import pandas as pd

from ..cleaning.tables import ledger as ledger_table
from ..io.processed import read_table as read_processed
from ..io.provenance import Provenance
from ..present import formatting as f
from ..present.tables import HEADINGS, table
from ..present.words import and_list
from ..study.vocabulary import (
    DELIVERY_LABELS,
    LEDGER_HEADINGS,
    LEDGER_STATUS_LABELS,
    MEASURES,
    MISSING,
    OK,
    UNCERTAIN,
    YEARLY_LABELS,
    label_of,
)

PACKAGES = [
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "pandera",
    "pydantic",
    "itables",
    "names-dataset",
    "wordfreq",
]
REPRODUCTION_HEADINGS = {
    "place": "Var i källan",
    "source_lines": "Rader i textutdraget",
    "figure": "Uppgift",
    "published": "Publicerat",
    "ours": "Studiens värde",
    "status": "Status",
    "file": "Fil",
    "row": "Rad",
    "column": "Kolumn",
}


def reproduction_for_readers(frame: pd.DataFrame, provenance=None, *, lines: bool = True) -> pd.DataFrame:
    """The reproduction table in Swedish: where each figure stands in the source as a reader finds it in
    the PDF (section and pages), and, where `lines` (the CSV and the spreadsheet), the line of the text
    extraction the study was transcribed from."""
    places = frame["source_lines"].fillna("").map(provenance.place) if provenance is not None else ""
    shown = frame.assign(place=places)[["place", *frame.columns]]
    if provenance is not None:  # an explanation cites the source by section and page too
        shown = shown.assign(status=shown["status"].fillna("").map(provenance.readers_text))
    if not lines:
        shown = shown.drop(columns="source_lines")
    return shown.rename(columns=REPRODUCTION_HEADINGS).astype({"Rad": "string"}).fillna("")


LEDGER_COLUMNS = ["severity", "check", "file", "row", "column", "published", "recomputed", "problem", "action"]


def cleaning_log(log: pd.DataFrame, provenance=None):
    """The cleaning log (Findings.log) as the reader's table: a file by its name (the folder is the
    delivery's, in the technical appendix), the source cited by section and page, not by line."""
    return ledger_table(readers_log(log, provenance))


def readers_log(log: pd.DataFrame, provenance=None) -> pd.DataFrame:
    """The log's rows as readers read them: file names without folders, source lines as sections and pages."""
    from pathlib import PurePosixPath

    cited = (lambda text: provenance.readers_text(text)) if provenance is not None else (lambda text: text)
    return log.assign(
        file=log["file"].fillna("").map(lambda p: PurePosixPath(p).name if p else ""),
        problem=log["problem"].fillna("").map(cited),
    )


def delivery_ledger(ledger: pd.DataFrame, name_of):
    """The delivery ledger (collabstudy.study.ledger) as the reader's table: each delivery in words, the
    municipality by name (blank for a delivery of both), the file by its name, the reason as given."""
    shown = ledger.assign(
        delivery=ledger["delivery"].map(lambda key: DELIVERY_LABELS[key][:1].upper() + DELIVERY_LABELS[key][1:]),
        municipality=ledger["municipality"].map(lambda code: name_of(code) if isinstance(code, str) else ""),
        status=ledger["status"].map(LEDGER_STATUS_LABELS),
    )
    return table(shown.rename(columns=LEDGER_HEADINGS).fillna(""))


def commit(root) -> str:
    """The git commit the run used ('okänd' outside a git checkout; '+ändringar' if the tree was dirty)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "okänd (inte en git-utcheckning)"
    return head + (" + ej incheckade ändringar" if dirty else "")


def provenance_tables(params, redact) -> tuple:
    """Package versions and the raw files' checksums; file names pass `redact` (a file may be named after a person)."""
    versions = pd.DataFrame([(name, metadata.version(name)) for name in PACKAGES], columns=["Paket", "Version"])
    # The files this study reads (another study's deliveries in data/raw/ are not this report's).
    checks = pd.DataFrame(Provenance(params.root).checksums([d.path for d in params.all_deliveries()]))
    if not checks.empty:
        checks = checks.assign(
            Stämmer=[
                ("ingen proveniens" if not recorded else "ja" if actual == recorded else "nej")
                for actual, recorded in zip(checks["sha256"], checks["recorded"])
            ]
        )
        checks = checks.assign(file=checks["file"].map(redact))
        checks = checks.rename(columns={"file": "Fil", "sha256": "SHA-256"}).drop(columns="recorded")
    return table(versions), table(checks)


# A value's status as a reader of the spreadsheet reads it.
STATUS_WORDS = {OK: "säkert", UNCERTAIN: "osäkert (markerat i källan)", MISSING: "saknas"}
YES_NO = {True: "Ja", False: "Nej"}


def _measure_label(measure: str) -> str:
    return YEARLY_LABELS.get(measure) or (label_of(measure) if measure in MEASURES else measure)


def _statistics_sheet(frame: pd.DataFrame, params, by_year: bool) -> pd.DataFrame:
    """A statistics table for the spreadsheet: measures and municipalities by their Swedish names, the
    status in words, the year (or the period) as dates a reader writes them."""
    when = (
        {"År": pd.to_datetime(frame["period_start"]).dt.year}
        if by_year
        else {
            "Period": [
                f.date_span(a, b)
                for a, b in zip(
                    pd.to_datetime(frame["period_start"]).dt.date, pd.to_datetime(frame["period_end"]).dt.date
                )
            ]
        }
    )
    return pd.DataFrame(
        {
            "Mått": frame["measure"].map(_measure_label),
            "Kommun": frame["municipality"].map(params.values.name_of),
            **when,
            "Publicerat": frame["published"],
            "Värde": frame["value"],
            "Status": frame["status"].map(STATUS_WORDS).fillna(frame["status"]),
        }
    )


def xlsx_sheets(params, build_dir, reproduction_frame: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """The main tables for the Excel appendix in Swedish: headings, measures, municipalities and
    statuses by name, Ja/Nej for yes and no, never the study's codes."""
    from ..survey.tables import quotes_frame

    provenance = Provenance(params.root)
    tallies = read_processed(build_dir, "survey_tallies")
    questions = params.values.survey.questions
    log = read_processed(build_dir, "cleaning_log")
    return {
        "Rullande 12 månader": _statistics_sheet(read_processed(build_dir, "rolling_12m"), params, by_year=False),
        "Per år": _statistics_sheet(read_processed(build_dir, "yearly"), params, by_year=True),
        "Enkätteman": pd.DataFrame(
            {
                "Fråga": tallies["question"].map(lambda q: questions[q].label if q in questions else q),
                "Tema": tallies["label"],
                "Kommun": tallies["municipality"].map(params.values.name_of),
                "Antal": tallies["count"],
                "Svarande": tallies["respondents"],
                "Antalet är exakt": tallies["count_exact"].astype(bool).map(YES_NO),
            }
        ),
        "Citat": quotes_frame(read_processed(build_dir, "survey_quotes"), params),
        "Rensningslogg": readers_log(log, provenance)[LEDGER_COLUMNS].rename(columns=HEADINGS),
        **(
            {}
            if reproduction_frame is None
            else {"Reproduktion": reproduction_for_readers(reproduction_frame, provenance)}
        ),
    }


def params_text(params, redact) -> str:
    """The study's settings as read (YAML of the parsed values, so the file's comments are never shown),
    with the deny list's names replaced and every text passed through `redact`."""
    import yaml

    from ..study.params_yaml import NoDatesLoader

    raw = yaml.load(params.file.read_text(encoding="utf-8"), Loader=NoDatesLoader)
    names = raw.get("survey", {}).get("names") if isinstance(raw.get("survey"), dict) else None
    if isinstance(names, dict) and names.get("deny"):
        names["deny"] = ["[namn]"] * len(names["deny"])

    def cleaned(value):
        if isinstance(value, str):
            return redact(value)
        if isinstance(value, dict):
            return {key: cleaned(item) for key, item in value.items()}
        if isinstance(value, list):
            return [cleaned(item) for item in value]
        return value

    return yaml.safe_dump(cleaned(raw), allow_unicode=True, sort_keys=False, width=100).rstrip()


def settings_table(params, redact):
    """The study's settings in Swedish words, as read from the params file (parsed values, never the
    file's text): what a reader needs to judge the figures, every text passed through `redact`. The
    names the study keeps out of the answers are counted, never listed."""
    values, survey = params.values, params.values.survey
    deliveries = params.deliveries("survey_coding")
    coders = [d.entry.coder or "?" for d in deliveries]
    rows = [
        ("Studie", values.study.title),
        ("Kommuner", and_list([m.name for m in values.municipalities])),
        (
            "Mål",
            f"{f.genitive(values.name_of(values.goal.municipality))} andel som avslutas till arbete eller studier ska "
            f"i genomsnitt vara densamma som {f.genitive(values.name_of(values.goal.reference))}",
        ),
        (
            "Gräns för ”densamma” (studiens val)",
            f"skillnaden inom ±{f.number(values.goal.equivalence_margin_pp)} procentenheter",
        ),
        ("Konfidensnivå", f"{f.number(values.confidence_level * 100)} %"),
        ("Rapportperiod", f.date_span(values.reporting_window.start, values.reporting_window.end)),
        ("Basår", str(values.baseline_year)),
        ("Samverkan startade", f.long_date(values.collaboration_start)),
        ("Enkäten skickades ut", f"{f.long_date(survey.sent)}, öppen {f.number(survey.open_days)} dagar"),
        (
            "Enkätens frågor",
            f"{f.number(len(survey.questions))}, varav {f.number(len(survey.free_text))} med fritext"
            + (f" och {f.number(len(survey.closed))} med fasta svarsalternativ" if survey.closed else ""),
        ),
        (
            "Kodning av fritexten",
            f"kodarna {and_list(coders)}, var för sig, med avstämning av oenigheter"
            if len(deliveries) > 1
            else "en kodning",
        ),
        (
            "Små antal",
            f"antal under {f.number(survey.small_cell_threshold)} "
            + ("döljs" if survey.suppress_small_cells else "markeras men visas"),
        ),
        (
            "Anonymisering",
            f"namnlistor och mönster för personnummer, telefon, e-post och adress; {f.number(len(survey.names.deny))} "
            f"extra namn och {f.number(len(survey.names.allow))} ord som inte är namn angivna i parameterfilen",
        ),
        (
            "Anonymitetsgranskning (beslut per förekomst i fritexten)",
            "; ".join(
                f"{f.number(list(survey.names.review.values()).count(d))} "
                + {
                    "behåll": "behålls",
                    "ersätt": "ersätts med platshållare",
                    "utelämna": "citat utelämnas (svaret räknas ändå)",
                }.get(d, f"ersätts med [{d}]")
                for d in dict.fromkeys(survey.names.review.values())
            )
            or "inga",
        ),
        ("Publicerad rapport som återskapas", params.published.source if params.published else "ingen"),
        (
            "Tidigare utvärderingar",
            f.number(len(values.previous_evaluations)) if values.previous_evaluations else "inga",
        ),
    ]
    if values.scenarios is not None:
        rows.append(("Räkneexempel", f"byte av handläggare, enligt {values.scenarios.caseworker_change.source}"))
    return table(pd.DataFrame([(k, redact(v)) for k, v in rows], columns=["Inställning", "Värde"]))


REPRODUCTION_CSV, TABLES_XLSX = "reproduktion.csv", "tabeller.xlsx"


def write_appendices(params, build_dir, output_dir, table: pd.DataFrame | None) -> None:
    """The Excel table appendix and, for a study that reproduces a published report, the reproduction
    table as CSV, beside the report's HTML."""
    from pathlib import Path

    from ..io.atomic import write_csv
    from ..io.xlsx import write_xlsx
    from ..study.build_layout import PAGES

    reports = Path(output_dir) / PAGES  # published to reports/ with the pages when the whole run succeeded
    if table is not None:
        write_csv(reports / REPRODUCTION_CSV, reproduction_for_readers(table, Provenance(params.root)))
    write_xlsx(reports / TABLES_XLSX, xlsx_sheets(params, build_dir, table))
