"""Tables as Swedish readers see them: no index column, text left-aligned, nothing cut off."""

from __future__ import annotations

import hashlib

import pandas as pd

# Column names of the study's tidy tables as readers see them.
HEADINGS = {
    "measure": "Mått",
    "municipality": "Kommun",
    "period_start": "Från",
    "period_end": "Till",
    "value": "Värde",
    "status": "Status",
    "published": "Publicerat",
    "remark": "Anmärkning",
    "file": "Fil",
    "row": "Rad",
    "column": "Kolumn",
    "check": "Kontroll",
    "recomputed": "Omräknat",
    "problem": "Problem",
    "severity": "Allvarlighet",
    "action": "Åtgärd i studien",
}


def table(frame: pd.DataFrame):
    """A table for readers: no index column, text left-aligned, nothing cut off. Every cell and heading is
    escaped for HTML (a Styler places text as markup): a theme label or question from a delivery or params
    shows as written, never runs."""
    # The style's id from the content, not at random: the same data gives the same bytes.
    uuid = hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()[:8]
    return (
        frame.style.set_uuid(uuid)
        .format(escape="html")
        .format_index(escape="html", axis=0)
        .format_index(escape="html", axis=1)
        .hide(axis="index")
        .set_properties(**{"text-align": "left", "white-space": "normal"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )
