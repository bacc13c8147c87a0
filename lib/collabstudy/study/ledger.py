"""The delivery ledger: what each municipality delivered for the period, and what it did not (with its reason).

Read from params alone (the files they name and `not_delivered`), so every step and the report say the same.
"""

from __future__ import annotations

import pandas as pd

from .params import DECLARABLE, LoadedParams
from .vocabulary import DELIVERY_LABELS

DELIVERED, NOT_DELIVERED, NOT_IN_STUDY = "delivered", "not_delivered", "not_in_study"
LEDGER_COLUMNS = ["delivery", "municipality", "file", "status", "reason"]


def delivery_ledger(params: LoadedParams) -> pd.DataFrame:
    """One row per delivery (and per municipality for the deliveries each municipality makes): the file read,
    or `not_delivered` with the reason params give, or `not_in_study` when params name neither."""
    rows = []
    for key in DELIVERY_LABELS:
        files = params.deliveries(key)
        if key not in DECLARABLE:
            rows += [(key, None, d.path.name, DELIVERED, None) for d in files]
            continue
        by_code = {d.municipality: d for d in files}
        reasons = dict(params.not_delivered(key))
        for code in params.values.codes:
            if code in by_code:
                rows.append((key, code, by_code[code].path.name, DELIVERED, None))
            elif code in reasons:
                rows.append((key, code, None, NOT_DELIVERED, reasons[code]))
            else:
                rows.append((key, code, None, NOT_IN_STUDY, None))
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def missing(ledger: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of one delivery that were not read (declared not delivered, or not part of the study)."""
    return ledger[(ledger["delivery"] == key) & (ledger["status"] != DELIVERED)]
