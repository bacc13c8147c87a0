"""The table appendix for reviewers who work in Excel (xlsx), safe to open."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomic import atomic_path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_xlsx(path: Path, sheets: dict[str, pd.DataFrame]) -> None:
    """One sheet per table (names cut to Excel's 31 characters), every text cell neutralised."""
    with atomic_path(Path(path)) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                frame.map(neutralise).to_excel(writer, sheet_name=name[:31], index=False)
