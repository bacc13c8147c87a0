"""The per-year series, per municipality delivered: levels, cost per household, year-on-year changes.

A value the source marks uncertain stays uncertain in everything computed from it; a missing
value stays missing. Trend statements use only changes between two 'ok' values. The year the
reporting period ends in, when the period ends before 31 December, is the year so far ("hittills
i år"): it is shown, never compared with whole years.
"""

from __future__ import annotations

import pandas as pd

from ..study.vocabulary import MISSING, OK, PER_HOUSEHOLD, YEARLY_MEASURES, worst

PARTIAL_YEAR = "hittills i år"


def yearly_levels(yearly: pd.DataFrame) -> pd.DataFrame:
    """Municipality, year, measure, value, status, partial (the year so far) — the source's measures
    plus assistance paid per household."""
    parts = [_levels(group).assign(municipality=code) for code, group in yearly.groupby("municipality", sort=False)]
    if not parts:  # no per-year statistics delivered (raw_files.yearly is optional)
        return pd.DataFrame(
            columns=["year", "measure", "value", "status", "published", "partial", "remark", "footnote", "municipality"]
        )
    return pd.concat(parts, ignore_index=True)


def _levels(yearly: pd.DataFrame) -> pd.DataFrame:
    end = pd.to_datetime(yearly["period_end"])
    frame = yearly[yearly["measure"].isin(list(YEARLY_MEASURES))].assign(
        year=lambda f: pd.to_datetime(f["period_start"]).dt.year,
        partial=~((end.dt.month == 12) & (end.dt.day == 31)),
        remark=lambda f: f["remark"] if "remark" in f else "",
        footnote=lambda f: f["footnote"] if "footnote" in f else None,
    )[["year", "measure", "value", "status", "published", "partial", "remark", "footnote"]]
    paid = frame[frame["measure"] == "fa_paid"].set_index("year")
    households = frame[frame["measure"] == "households"].set_index("year")
    derived = pd.DataFrame(
        {
            "year": paid.index,
            "measure": PER_HOUSEHOLD,
            "value": paid["value"] / households["value"].reindex(paid.index),
            "status": [worst(paid.loc[y, "status"], households["status"].get(y, MISSING)) for y in paid.index],
            "published": "",
            "partial": paid["partial"],
            "remark": "",
            "footnote": None,
        }
    )
    return pd.concat([frame, derived], ignore_index=True).sort_values(["measure", "year"], ignore_index=True)


def whole_years(levels: pd.DataFrame) -> pd.DataFrame:
    """The levels without the year so far (a part of a year is never compared with whole years)."""
    return levels[~levels["partial"].astype(bool)] if "partial" in levels else levels


def year_on_year(levels: pd.DataFrame) -> pd.DataFrame:
    """Per municipality, measure and year: the change from the year before, in percent, with the worse
    status of the two; whole years only."""
    rows = []
    levels = whole_years(levels)
    by = ["municipality", "measure"] if "municipality" in levels else ["measure"]
    for key, group in levels.groupby(by, sort=False):
        code, measure = key if len(by) == 2 else ("", key[0] if isinstance(key, tuple) else key)
        group = group.sort_values("year")
        for before, after in zip(group.itertuples(), group.iloc[1:].itertuples()):
            status = worst(before.status, after.status)
            change = None if status == MISSING or not before.value else (after.value / before.value - 1) * 100
            rows.append(
                {
                    "municipality": code,
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
    columns = ["municipality", "measure", "from_year", "to_year", "from_value", "to_value", "change_pct", "status"]
    return pd.DataFrame(rows).reindex(columns=[*columns, "usable_for_trend"])


def trend(levels: pd.DataFrame, measure: str, first: int, last: int) -> dict:
    """Change from `first` to `last` in percent, only between two solid values; otherwise why not."""
    rows = levels[levels["measure"] == measure].set_index("year")
    if first not in rows.index or last not in rows.index:
        return {"change_pct": None, "reason": "året saknas i serien"}
    begin, end = rows.loc[first], rows.loc[last]
    unusable = [f"{year} är {row['status']}" for year, row in ((first, begin), (last, end)) if row["status"] != OK]
    if unusable:
        return {"change_pct": None, "reason": ", ".join(unusable)}
    if not begin["value"]:
        return {"change_pct": None, "reason": f"{first} är 0"}
    return {"change_pct": (end["value"] / begin["value"] - 1) * 100, "reason": ""}


def trend_between_solid_years(levels: pd.DataFrame, measure: str) -> dict | None:
    """The change from the first to the last year whose value is solid ('ok'), with the years left out
    because the source marks them uncertain or missing; None without two solid years."""
    rows = whole_years(levels)
    rows = rows[rows["measure"] == measure].sort_values("year")
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


def partial_years(levels: pd.DataFrame, code: str) -> list[int]:
    """The years so far of one municipality's statistics (shown, never compared with whole years)."""
    mine = levels[levels["municipality"] == code]
    return sorted({int(y) for y in mine.loc[mine["partial"].astype(bool), "year"]})


def stated_trends(levels: pd.DataFrame, figures) -> list[tuple[str, list[str], list[int]]]:
    """Per municipality delivered: (code, the measures whose trend between solid years the registry has
    (`figures`: io.figures.Figures), the years so far)."""
    from ..io import keys

    if levels.empty:
        return []
    return [
        (
            code,
            [m for m in YEARLY_MEASURES if figures.has(keys.yearly_trend(code, m, "change"))],
            partial_years(levels, code),
        )
        for code in levels["municipality"].drop_duplicates()
    ]


def footnote_texts(params, build_dir) -> dict[int, str]:
    """The published report's footnotes by number (step 01 hands them on), so that a footnote marker on a
    stated value can be said with its text; none for a study from deliveries."""
    from ..io.processed import read_table

    if params.published is None:
        return {}
    notes = read_table(build_dir, "report_footnotes")
    return {int(r.footnote): str(r.text) for r in notes.itertuples()}


def source_notes(levels: pd.DataFrame, measure: str, years: list[int], footnotes: dict[int, str]) -> list[dict]:
    """What the source says about the values of `years` (a remark, a footnote): said beside a statement
    that rests on them, never dropped ("unika individer", "fotnot 3: …")."""
    rows = levels[(levels["measure"] == measure) & levels["year"].isin(years)]
    notes = []
    for r in rows.sort_values("year").itertuples():
        remark = "" if pd.isna(getattr(r, "remark", "")) else str(getattr(r, "remark", "")).strip()
        footnote = getattr(r, "footnote", None)
        if remark and not remark.startswith("delmängd"):
            notes.append({"year": int(r.year), "kind": "anmärkning", "text": remark})
        if footnote is not None and not pd.isna(footnote):
            number = int(footnote)
            notes.append(
                {"year": int(r.year), "kind": f"fotnot {number}", "text": footnotes.get(number, "").rstrip(". ")}
            )
    return notes
