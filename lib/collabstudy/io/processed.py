"""The processed-table store: how one step hands tidy tables to the next (`processed/<name>.csv`).

A step may write only the tables the step declaration says it writes (collabstudy.study.steps),
so that make's dependencies and the tables on disk cannot drift apart; a later step reads a
table by name and is told which step to run if it is missing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..study.steps import step as declared_step
from ..study.steps import writer_of
from .atomic import CSV_FORMAT, write_csv

PROCESSED = "processed"
DATE_COLUMNS = ("period_start", "period_end", "first_month", "last_month", "window_start", "window_end")
# Codes and keys from params, text whatever they spell: a municipality coded 'INF' alone in its column would read
# as the number infinity.
KEY_COLUMNS = ("municipality", "question", "earlier_question", "theme")


def write_tables(output_dir, step: str, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Each table written atomically as processed/<name>.csv; returns the file names."""
    declared = declared_step(step)
    unknown = sorted(set(tables) - set(declared.writes))
    if unknown:
        raise ValueError(f"steget {step} skriver tabeller som inte är deklarerade i collabstudy.study.steps: {unknown}")
    folder = Path(output_dir) / PROCESSED
    for name, frame in tables.items():
        write_csv(folder / f"{name}.csv", frame)
    return sorted(f"{name}.csv" for name in tables)


def read_earlier_tables(earlier: list, name: str) -> list[tuple[str, pd.DataFrame]]:
    """One processed table of each earlier evaluation (the loaded params of params.previous_studies(),
    oldest first), as (study id, table), from the earlier study's own build folder."""
    from ..study.paths import default_build_dir

    return [(study.study_id, read_table(default_build_dir(study), name)) for study in earlier]


def read_table(build_dir, name: str) -> pd.DataFrame:
    """A table an earlier step wrote (by name, e.g. 'rolling_12m'), with its date columns parsed."""
    path = Path(build_dir) / PROCESSED / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"Tabellen {path} saknas; den skrivs av steget {writer_of(name).name}. Kör 'make run' först."
        )
    return _parsed(path)


def as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as a later step reads it back once it is written (write_tables, then read_table): the same values,
    the types CSV gives them. A step that draws a chart the final document draws again draws it from this, so
    the two steps' charts have the same arguments and the later one takes the drawing kept in the run
    (collabstudy.present.figures)."""
    import io

    return _parsed(io.StringIO(frame.to_csv(**CSV_FORMAT)))


def _parsed(source) -> pd.DataFrame:
    # only an empty cell is missing: a municipality code such as 'NA' stays a code
    frame = pd.read_csv(source, keep_default_na=False, na_values=[""], dtype=dict.fromkeys(KEY_COLUMNS, str))
    for column in DATE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame
