"""The final document's appendices: reproduction table, data quality, questions, methods, provenance."""

from __future__ import annotations

import subprocess
from importlib import metadata

import pandas as pd

from ..cleaning.tables import ledger as ledger_table
from ..io.processed import read_table as read_processed
from ..io.provenance import Provenance
from ..present.tables import table

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
    "source_lines": "Rader i källan",
    "figure": "Uppgift",
    "published": "Publicerat",
    "ours": "Studiens värde",
    "status": "Status",
    "file": "Fil",
    "row": "Rad",
    "column": "Kolumn",
}


def reproduction_for_readers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns=REPRODUCTION_HEADINGS).astype({"Rad": "string"}).fillna("")


def cleaning_log(build_dir):
    return ledger_table(read_processed(build_dir, "cleaning_log"))


def questions(params) -> str:
    items = [f"{i}. {q.text}" for i, q in enumerate(params.values.survey.questions.values(), start=1)]
    return "\n".join(items)


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


def provenance_tables(params) -> tuple:
    versions = pd.DataFrame([(name, metadata.version(name)) for name in PACKAGES], columns=["Paket", "Version"])
    checks = pd.DataFrame(Provenance(params.root).checksums())
    if not checks.empty:
        checks = checks.assign(
            Stämmer=[
                ("ingen proveniens" if not recorded else "ja" if actual == recorded else "nej")
                for actual, recorded in zip(checks["sha256"], checks["recorded"])
            ]
        )
        checks = checks.rename(columns={"file": "Fil", "sha256": "SHA-256"}).drop(columns="recorded")
    return table(versions), table(checks)


METHOD_NOTES = """\
- **Andelar** räknas som antal av de inskrivna under perioden och visas som *x av y (z %)*. Konfidensintervallen
  är Wilsons intervall.
- **Skillnaden mellan kommunerna** har Newcombs intervall (byggt på Wilsons), och prövas med ett score-test.
- **”Densamma”** tolkas som en skillnad inom marginalen i parameterfilen och prövas med två ensidiga test (TOST).
  Att en skillnad inte kan påvisas betyder inte att andelarna är lika.
- **Basåret** har andelar utan publicerade nämnare; de är avrundade till hela procent och kan inte prövas.
- **Månadsserien:** kvoten efter/före är en kvot mellan Poisson-intensiteter med score-intervall. Styrdiagrammet
  (c-diagram) har medellinjen c̄ och styrgränserna c̄ ± 3√c̄, beräknade för sig före och efter startdatumet. Signal:
  en månad utanför gränserna, eller minst åtta månader i rad på samma sida om medellinjen.
- **Enkäten:** varje svar kan ha flera teman, så andelarna summerar inte till 100 %. Teman jämförs med Fishers
  exakta test med Holms justering. Där rapporten inte redovisar antal visas bara *minst* antalet citat.
- **Osäkra värden** (inom parentes i källan) och saknade värden används inte i trendpåståenden.
"""


def xlsx_sheets(params, build_dir, reproduction_frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The main tables for the Excel appendix, with Swedish column names."""
    quotes = read_processed(build_dir, "survey_quotes")
    return {
        "Rullande 12 månader": read_processed(build_dir, "rolling_12m")[
            ["measure", "municipality", "published", "value", "status"]
        ].rename(
            columns={
                "measure": "Mått",
                "municipality": "Kommun",
                "published": "Publicerat",
                "value": "Värde",
                "status": "Status",
            }
        ),
        "Per år": read_processed(build_dir, "yearly")[
            ["measure", "period_start", "published", "value", "status"]
        ].rename(
            columns={
                "measure": "Mått",
                "period_start": "Från",
                "published": "Publicerat",
                "value": "Värde",
                "status": "Status",
            }
        ),
        "Enkätteman": read_processed(build_dir, "survey_tallies")[
            ["question", "label", "municipality", "count", "respondents", "count_exact"]
        ].rename(
            columns={
                "question": "Fråga",
                "label": "Tema",
                "municipality": "Kommun",
                "count": "Antal",
                "respondents": "Svarande",
                "count_exact": "Exakt antal",
            }
        ),
        "Citat": quotes[["question_label", "themes", "municipality", "quote"]].rename(
            columns={"question_label": "Fråga", "themes": "Tema", "municipality": "Kommun", "quote": "Citat"}
        ),
        "Rensningslogg": read_processed(build_dir, "cleaning_log"),
        "Reproduktion": reproduction_for_readers(reproduction_frame),
    }


def params_text(params) -> str:
    """The params file as used, with the deny list's names replaced: it lists names that must not be published."""
    text = params.file.read_text(encoding="utf-8")
    for name in params.values.survey.names.deny:
        text = text.replace(name, "[namn]")
    return text


REPRODUCTION_CSV, TABLES_XLSX = "reproduktion.csv", "tabeller.xlsx"


def write_appendices(params, build_dir, output_dir, table: pd.DataFrame) -> None:
    """The reproduction table as CSV and the Excel table appendix, beside the report's HTML."""
    from pathlib import Path

    from ..io.atomic import write_csv
    from ..io.xlsx import write_xlsx

    reports = Path(output_dir) / "reports"
    write_csv(reports / REPRODUCTION_CSV, table)
    write_xlsx(reports / TABLES_XLSX, xlsx_sheets(params, build_dir, table))
