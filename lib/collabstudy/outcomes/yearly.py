"""The per-year series for one municipality: levels, cost per household, year-on-year changes.

A value the source marks uncertain stays uncertain in everything computed from it; a missing
value stays missing. Trend statements use only changes between two 'ok' values.
"""

from __future__ import annotations

import pandas as pd

from ..study.vocabulary import MISSING, OK, PER_HOUSEHOLD, YEARLY_MEASURES, worst


def yearly_levels(yearly: pd.DataFrame) -> pd.DataFrame:
    """Year, measure, value, status — the source's measures plus assistance paid per household."""
    frame = yearly[yearly["measure"].isin(list(YEARLY_MEASURES))].assign(
        year=lambda f: pd.to_datetime(f["period_start"]).dt.year
    )[["year", "measure", "value", "status", "published"]]
    paid = frame[frame["measure"] == "fa_paid"].set_index("year")
    households = frame[frame["measure"] == "households"].set_index("year")
    derived = pd.DataFrame(
        {
            "year": paid.index,
            "measure": PER_HOUSEHOLD,
            "value": paid["value"] / households["value"].reindex(paid.index),
            "status": [worst(paid.loc[y, "status"], households["status"].get(y, MISSING)) for y in paid.index],
            "published": "",
        }
    )
    return pd.concat([frame, derived], ignore_index=True).sort_values(["measure", "year"], ignore_index=True)


def year_on_year(levels: pd.DataFrame) -> pd.DataFrame:
    """Per measure and year: the change from the year before, in percent, with the worse status of the two."""
    rows = []
    for measure, group in levels.groupby("measure", sort=False):
        group = group.sort_values("year")
        for before, after in zip(group.itertuples(), group.iloc[1:].itertuples()):
            status = worst(before.status, after.status)
            change = None if status == MISSING else (after.value / before.value - 1) * 100
            rows.append(
                {
                    "measure": measure,
                    "from_year": before.year,
                    "to_year": after.year,
                    "from_value": before.value,
                    "to_value": after.value,
                    "change_pct": change,
                    "status": status,
                    "usable_for_trend": status == OK,
                }
            )
    return pd.DataFrame(rows)


def trend(levels: pd.DataFrame, measure: str, first: int, last: int) -> dict:
    """Change from `first` to `last` in percent, only between two solid values; otherwise why not."""
    rows = levels[levels["measure"] == measure].set_index("year")
    if first not in rows.index or last not in rows.index:
        return {"change_pct": None, "reason": "året saknas i serien"}
    begin, end = rows.loc[first], rows.loc[last]
    unusable = [f"{year} är {row['status']}" for year, row in ((first, begin), (last, end)) if row["status"] != OK]
    if unusable:
        return {"change_pct": None, "reason": ", ".join(unusable)}
    return {"change_pct": (end["value"] / begin["value"] - 1) * 100, "reason": ""}


def trend_between_solid_years(levels: pd.DataFrame, measure: str) -> dict | None:
    """The change from the first to the last year whose value is solid ('ok'), with the years left out
    because the source marks them uncertain or missing; None without two solid years."""
    rows = levels[levels["measure"] == measure].sort_values("year")
    solid = [int(y) for y in rows.loc[rows["status"] == OK, "year"]]
    if len(solid) < 2:
        return None
    first, last = solid[0], solid[-1]
    change = trend(levels, measure, first, last)
    values = rows.set_index("year")["value"]
    left_out = [int(y) for y in rows.loc[rows["status"] != OK, "year"] if first < y < last]
    return {
        "first": first,
        "last": last,
        "first_value": values[first],
        "last_value": values[last],
        "change_pct": change["change_pct"],
        "left_out": left_out,
    }
