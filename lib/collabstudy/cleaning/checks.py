"""Consistency checks over the cleaned statistics tables: one ledger row per check, passed or not.

A check never changes a published value. It records what was published, what the study
recomputes, what is wrong and what the study does about it. Only what cannot be true at
all (parts larger than their total) stops the run as an input error.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..present.formatting import number as fmt
from ..stats.rounding import within_rounding
from ..study.calendar import MONTHS
from ..study.errors import StudyInputError
from ..study.vocabulary import ERROR, MISSING, NOTE, OK, RATIOS, SUMS, UNCERTAIN, WARNING, label_of
from .ledger import KEEP, entry, ledger
from .statistics_readers import marked_by_delivery

PERIOD_KEY = ["municipality", "period_start", "period_end"]


def _parts_of_enrolled() -> tuple[str, ...]:
    """The counts the study states as shares of the enrolled: the source's numerators and their parts."""
    found = [numerator for _, numerator, denominator in RATIOS if denominator == "enrolled"]
    for total, parts in SUMS:
        if total in found:
            found += [p for p in parts if p not in found]
    return tuple(found)


PARTS_OF_ENROLLED = _parts_of_enrolled()


def check_sums(observations: pd.DataFrame, shown: tuple[str, ...] = PARTS_OF_ENROLLED) -> pd.DataFrame:
    """Parts that should add up to their total (closures, closures to work/studies, individuals). Parts larger
    than their total stop the run; so do parts of a total the study shows beside them (`shown`: the closures,
    each a share of the enrolled) that add up to something else, since the report would state both. Where only
    the total is used (individuals: adults and children are never shown), a gap is logged and the total used."""
    rows = []
    for _, group in observations.groupby(PERIOD_KEY):
        by_measure = group.set_index("measure")
        for total, parts in SUMS:
            if total not in by_measure.index or not set(parts) <= set(by_measure.index):
                continue
            cells = by_measure.loc[[total, *parts]]
            target = by_measure.loc[total]
            if (cells["status"] == MISSING).any():
                continue
            parts_sum = cells.loc[list(parts), "value"].sum()
            names = " + ".join(f"{fmt(by_measure.loc[p, 'value'])} ({label_of(p).lower()})" for p in parts)
            where = dict(file=target["file"], row=target["row"], column=target["column"], published=target["published"])
            if parts_sum > target["value"] or (
                parts_sum != target["value"] and total in shown and (cells["status"] == OK).all()
            ):
                more, why = (
                    ("fler än", "det kan inte stämma")
                    if parts_sum > target["value"]
                    else ("färre än", "studien redovisar både totalen och delarna, som då skulle motsäga varandra")
                )
                raise StudyInputError(
                    f"delarna {names} = {fmt(parts_sum)} är {more} totalen {fmt(target['value'])} "
                    f"({label_of(total).lower()}); {why}",
                    file=target["file"],
                    row=int(target["row"]),
                    column=target["column"],
                )
            name = f"summa: {label_of(total)}"
            if parts_sum == target["value"]:
                rows.append(entry(name, **where, recomputed=fmt(parts_sum)))
                continue
            uncertain = (cells["status"] == UNCERTAIN).any()
            rows.append(
                entry(
                    name,
                    **where,
                    recomputed=fmt(parts_sum),
                    problem=f"Delarna {names} summerar till {fmt(parts_sum)}, inte till totalen "
                    f"{fmt(target['value'])}: {fmt(target['value'] - parts_sum)} saknas i uppdelningen.",
                    severity=WARNING if uncertain else ERROR,
                    action=f"{KEEP} Totalen används; uppdelningen redovisas bara med detta förbehåll.",
                )
            )
    return ledger(rows)


def check_counts_within_enrolled(observations: pd.DataFrame) -> None:
    """A count the study states as a share of the enrolled can be no larger than the enrolled of the same
    municipality and period (a share over 100 %): it stops the run at the count's cell."""
    for _, group in observations.groupby(PERIOD_KEY):
        values = group.set_index("measure")
        if "enrolled" not in values.index or pd.isna(values.loc["enrolled", "value"]):
            continue
        enrolled = values.loc["enrolled"]
        for measure in PARTS_OF_ENROLLED:
            if measure not in values.index:
                continue
            cell = values.loc[measure]
            if pd.notna(cell["value"]) and cell["value"] > enrolled["value"]:
                raise StudyInputError(
                    f"{fmt(cell['value'])} {label_of(measure).lower()} men {fmt(enrolled['value'])} inskrivna (rad "
                    f"{int(enrolled['row'])}): fler avslut än inskrivna ger en andel över 100 % och kan inte stämma",
                    file=cell["file"],
                    row=int(cell["row"]),
                    column=cell["column"],
                )


def check_outside_window(outside: pd.DataFrame, window_end: dt.date) -> pd.DataFrame:
    """Filled cells after the reporting window (a month, a year's sum): not read, each listed where it stands."""
    months = {name.capitalize() for name in MONTHS}
    rows = []
    for cell in outside.itertuples():
        what = f"{MONTHS[cell.start.month - 1]} {cell.start.year}" if cell.column in months else f"år {cell.start.year}"
        rows.append(
            entry(
                "period: värde efter rapportperioden",
                file=cell.file,
                row=cell.row,
                column=cell.column,
                published=cell.published,
                problem=f"Värdet gäller {what}, efter rapportperioden (som slutar {window_end}).",
                severity=WARNING,
                action="Värdet läses inte och ingår inte i någon siffra i studien.",
            )
        )
    return ledger(rows)


def recomputed_share(group: pd.DataFrame, share: str) -> tuple[float, str] | None:
    """The share recomputed from its counts in the same period, with the counts as text."""
    numerator, denominator = next((n, d) for s, n, d in RATIOS if s == share)
    values = group.set_index("measure")
    if not {numerator, denominator} <= set(values.index):
        return None
    num, den = values.loc[numerator, "value"], values.loc[denominator, "value"]
    if pd.isna(num) or pd.isna(den) or den == 0:
        return None
    return num / den, f"{fmt(num)} av {fmt(den)}"


def check_ratios(observations: pd.DataFrame) -> pd.DataFrame:
    """Published shares against their counts, at the report's rounding."""
    rows = []
    for _, group in observations.groupby(PERIOD_KEY):
        values = group.set_index("measure")
        for share, _, _ in RATIOS:
            if share not in values.index or values.loc[share, "status"] == MISSING:
                continue
            computed = recomputed_share(group, share)
            if computed is None:
                continue
            exact, counts = computed
            cell = values.loc[share]
            decimals = int(cell["decimals"])
            text = f"{counts} = {fmt(exact * 100, decimals + 2)} %"
            ok = within_rounding(cell["value"] * 100, exact * 100, decimals)
            rows.append(
                entry(
                    f"andel: {label_of(share)}",
                    file=cell["file"],
                    row=cell["row"],
                    column=cell["column"],
                    published=cell["published"],
                    recomputed=text,
                    problem="" if ok else f"Publicerad andel {cell['published']} stämmer inte med {text}.",
                    severity=OK if ok else ERROR,
                    action="" if ok else f"{KEEP} Studien räknar andelen från antalen.",
                )
            )
    return ledger(rows)


def monthly_year_totals(months: pd.DataFrame, window_end: dt.date) -> pd.DataFrame:
    """Calendar-year sums of a monthly series (the year the window ends in: the year so far), marked
    uncertain if any month is not 'ok' and missing if a month of the span has no value."""
    frame = months.assign(year=pd.to_datetime(months["period_start"]).dt.year)
    grouped = frame.groupby(["measure", "municipality", "year"])
    totals = grouped.agg(
        value=("value", "sum"),
        months=("value", "count"),
        worst=("status", lambda s: OK if (s == OK).all() else UNCERTAIN),
    ).reset_index()
    totals["period_start"] = totals["year"].map(lambda y: dt.date(y, 1, 1))
    totals["period_end"] = totals["year"].map(lambda y: window_end if y == window_end.year else dt.date(y, 12, 31))
    totals["expected"] = totals["period_end"].map(lambda d: d.month)
    totals["status"] = totals["worst"].where(totals["months"] == totals["expected"], MISSING)
    return totals.drop(columns=["worst"])


def check_monthly_aggregates(months: pd.DataFrame, published: pd.DataFrame, window_end: dt.date) -> pd.DataFrame:
    """The published yearly sum and monthly average against the months beside them."""
    rows = []
    if published.empty:
        return ledger(rows)
    totals = monthly_year_totals(months, window_end).set_index(["municipality", "year"])
    for _, cell in published.iterrows():
        if pd.isna(cell["value"]):
            continue  # not given: nothing to check
        total = totals.loc[(cell["municipality"], cell["period_start"].year)]
        expected = int(total["expected"])
        if total["months"] < expected:
            rows.append(
                entry(
                    f"månadstabell: {cell['column']}",
                    file=cell["file"],
                    row=cell["row"],
                    column=cell["column"],
                    published=cell["published"],
                    problem=f"Bara {total['months']} av {expected} månader har värden; summan kan inte kontrolleras.",
                    severity=WARNING,
                    action=KEEP,
                )
            )
            continue
        exact = total["value"] if cell["aggregate"] == "sum" else total["value"] / expected
        decimals = int(cell["decimals"])
        ok = within_rounding(cell["value"], exact, decimals)
        what = "summa" if cell["aggregate"] == "sum" else "medelvärde per månad"
        rows.append(
            entry(
                f"månadstabell: {cell['column']}",
                file=cell["file"],
                row=cell["row"],
                column=cell["column"],
                published=cell["published"],
                recomputed=f"{what} {fmt(exact, decimals + 2)}",
                problem=""
                if ok
                else f"Publicerad {what} {cell['published']} stämmer inte med månaderna ({fmt(exact, decimals + 2)}).",
                severity=OK if ok else ERROR,
                action="" if ok else f"{KEEP} Studien räknar från månadsvärdena.",
            )
        )
    return ledger(rows)


def check_flagged_cells(observations: pd.DataFrame, footnotes: dict[int, str]) -> pd.DataFrame:
    """Cells the source itself marks: uncertain (parentheses, or a template's mark 'osäker'), missing (e.g.
    'Oklart', or the mark 'saknas'), footnoted."""
    rows = []
    for _, cell in observations.drop_duplicates(["file", "row", "column"]).iterrows():
        where = dict(file=cell["file"], row=cell["row"], column=cell["column"], published=cell["published"])
        remark = (
            f" Källans anmärkning: ”{cell['remark']}”."
            if cell["remark"] and not str(cell["remark"]).startswith("delmängd")
            else ""
        )
        if cell["status"] == UNCERTAIN:
            rows.append(
                entry(
                    "markering: osäkert värde",
                    **where,
                    problem=(
                        "Leveransen markerar värdet som osäkert."
                        if marked_by_delivery(cell["published"])
                        else "Källan sätter värdet inom parentes, dvs. osäkert."
                    )
                    + remark,
                    severity=WARNING,
                    action=f"{KEEP} Värdet visas som osäkert och används inte i trendpåståenden.",
                )
            )
        elif cell["status"] == MISSING:
            empty = not str(cell["published"] or "").strip()  # a cell left empty, not a value the source marks
            rows.append(
                entry(
                    "tom cell: värde saknas" if empty else "markering: värde saknas",
                    **where,
                    problem=("Cellen är tom." if empty else "Källan anger inget värde.") + remark,
                    severity=WARNING,
                    action="Cellen lämnas tom och redovisas som saknad; inget värde fylls i.",
                )
            )
        if pd.notna(cell["footnote"]):
            rows.append(
                entry(
                    "markering: fotnot",
                    **where,
                    problem=f"Siffran bär fotnotsmarkering {cell['footnote']}: "
                    f"”{footnotes.get(int(cell['footnote']), '(fotnoten saknas i fotnotsfilen)')}”",
                    severity=NOTE,
                    action=f"Värdet läses som {fmt(cell['value'])} med fotnot {cell['footnote']} "
                    "(i textutdraget har fotnotssiffran smält ihop med värdet; se proveniensen).",
                )
            )
    return ledger(rows)


def check_enrolled_within_adults(observations: pd.DataFrame, footnotes: dict[int, str]) -> pd.DataFrame:
    """Enrolled individuals should not outnumber adults receiving assistance in the same year."""
    rows = []
    for _, group in observations.groupby(PERIOD_KEY):
        values = group.set_index("measure")
        if not {"enrolled", "individuals_fa_adults"} <= set(values.index):
            continue
        enrolled, adults = values.loc["enrolled"], values.loc["individuals_fa_adults"]
        if pd.isna(enrolled["value"]) or pd.isna(adults["value"]):
            continue
        where = dict(
            file=enrolled["file"], row=enrolled["row"], column=enrolled["column"], published=enrolled["published"]
        )
        if enrolled["value"] <= adults["value"]:
            rows.append(entry("rimlighet: inskrivna ≤ vuxna", **where, recomputed=fmt(adults["value"])))
            continue
        footnote = enrolled["footnote"]
        explained = pd.notna(footnote)
        rows.append(
            entry(
                "rimlighet: inskrivna ≤ vuxna",
                **where,
                recomputed=f"{fmt(adults['value'])} vuxna",
                problem=f"Fler inskrivna i arbetsmarknadsinsatser ({fmt(enrolled['value'])}) än vuxna med "
                f"ekonomiskt bistånd ({fmt(adults['value'])}) samma år.",
                severity=NOTE if explained else WARNING,
                action=(
                    f"{KEEP} Källans fotnot {footnote} förklarar skillnaden (fotnotens text står under ”markering: fotnot”)."
                    if explained
                    else f"{KEEP} Skillnaden är oförklarad."
                ),
            )
        )
    return ledger(rows)
