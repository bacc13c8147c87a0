"""The check ledger: one row per check the cleaning step made, and the cleaning log of its findings.

Each row says where the value stands (file, row, column), what was published, what the study
recomputes, what is wrong, how serious it is (collabstudy.study.vocabulary's severities) and
what the study does about it. A published value is never changed.
"""

from __future__ import annotations

import pandas as pd

from ..study.vocabulary import OK, SEVERITY_ORDER

LEDGER_COLUMNS = ["check", "file", "row", "column", "published", "recomputed", "problem", "severity", "action"]
# What the study does with a value it finds fault with: nothing (said of a published figure and a delivered one).
KEEP = "Värdet behålls oförändrat."


def entry(
    check: str, *, file: str, row, column, published, recomputed="", problem="", severity: str = OK, action: str = ""
) -> dict:
    """One ledger row."""
    return {
        "check": check,
        "file": file,
        "row": row,
        "column": column,
        "published": str(published),
        "recomputed": str(recomputed),
        "problem": problem,
        "severity": severity,
        "action": action,
    }


def ledger(entries: list[dict]) -> pd.DataFrame:
    """Ledger rows as a table (row numbers may be empty for a finding about a whole file)."""
    frame = pd.DataFrame.from_records(entries, columns=LEDGER_COLUMNS)
    return frame.astype({"row": "Int64"})


def cleaning_log(ledger: pd.DataFrame) -> pd.DataFrame:
    """The findings: every ledger row that is not 'ok', most serious first, in file order."""
    findings = ledger[ledger["severity"] != OK].copy()
    findings["_order"] = findings["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)})
    return findings.sort_values(["_order", "file", "row"], kind="stable").drop(columns="_order").reset_index(drop=True)
