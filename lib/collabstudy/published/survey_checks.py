"""A published report's survey figures against the survey's own: involvement shares, fieldwork dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..cleaning.ledger import KEEP, entry, ledger
from ..present.formatting import long_date
from ..stats.rounding import implied_counts
from ..study.params import LoadedParams
from ..study.vocabulary import ERROR, OK, WARNING


def involvement_counts(involvement: pd.DataFrame, response: pd.DataFrame) -> pd.DataFrame:
    """The respondent counts each published involvement share implies (empty list: none fits)."""
    respondents = response.set_index("municipality")["respondents"]
    return involvement.assign(
        respondents=involvement["municipality"].map(respondents).fillna(0).astype(int),  # none: 0 answered
        candidates=[
            implied_counts(r.published_share, int(r.decimals), int(respondents.get(r.municipality, 0)))
            for r in involvement.itertuples()
        ],
    )


def check_involvement(involvement: pd.DataFrame, response: pd.DataFrame) -> pd.DataFrame:
    """Each share must correspond to a whole number of respondents, and the numbers must add up."""
    rows = []
    counted = involvement_counts(involvement, response)
    for code, group in counted.groupby("municipality"):
        unique = all(len(c) == 1 for c in group["candidates"])
        for cell in group.itertuples():
            fits = cell.candidates
            text = " eller ".join(f"{k} av {cell.respondents}" for k in fits) or "inget heltal"
            severity = OK if len(fits) == 1 else (ERROR if not fits else WARNING)
            rows.append(
                entry(
                    "enkät: involveringsandel",
                    file=cell.file,
                    row=cell.row,
                    column="Andel av kommunens respondenter",
                    published=cell.published,
                    recomputed=text,
                    problem={
                        OK: "",
                        ERROR: f"Inget antal av {cell.respondents} respondenter ger {cell.published}.",
                        WARNING: f"Flera antal passar {cell.published}: {text}.",
                    }[severity],
                    severity=severity,
                    action="" if severity == OK else KEEP,
                )
            )
        if unique:
            total = sum(c[0] for c in group["candidates"])
            first = group.iloc[0]
            ok = total == first["respondents"]
            rows.append(
                entry(
                    "enkät: involvering summerar",
                    file=first["file"],
                    row=None,
                    column="Andel av kommunens respondenter",
                    published=f"{len(group)} andelar",
                    recomputed=f"{total} av {first['respondents']}",
                    problem=""
                    if ok
                    else f"Antalen som andelarna ger summerar till {total}, inte {first['respondents']}.",
                    severity=OK if ok else ERROR,
                    action="" if ok else KEEP,
                )
            )
    return ledger(rows)


def check_fieldwork_dates(fieldwork: pd.DataFrame, involvement: pd.DataFrame, params: LoadedParams) -> pd.DataFrame:
    """The survey's dates: params against the data, and the year against what respondents report."""
    rows = []
    items = fieldwork.set_index("item")
    sent_cell = items.loc["sent"]
    sent = dt.date.fromisoformat(sent_cell["value"])
    where = dict(file=sent_cell["file"], row=sent_cell["row"], column="Värde", published=sent_cell["published"])
    ok = sent == params.values.survey.sent
    rows.append(
        entry(
            "enkät: utskicksdatum mot studiens inställning",
            **where,
            recomputed=f"parameterfilen: {long_date(params.values.survey.sent)}",
            problem=""
            if ok
            else f"Rådata säger {long_date(sent)}, parameterfilen {long_date(params.values.survey.sent)}.",
            severity=OK if ok else ERROR,
            action="" if ok else "Parameterfilen och rådata måste ange samma datum.",
        )
    )
    days = items.loc["open_days"]
    ok = int(days["value"]) == params.values.survey.open_days
    rows.append(
        entry(
            "enkät: antal dagar öppen mot studiens inställning",
            file=days["file"],
            row=days["row"],
            column="Värde",
            published=days["published"],
            recomputed=f"parameterfilen: {params.values.survey.open_days} dagar",
            problem="" if ok else "Rådata och parameterfilen anger olika antal dagar.",
            severity=OK if ok else ERROR,
            action="" if ok else "Parameterfilen och rådata måste ange samma antal dagar.",
        )
    )
    named = involvement.dropna(subset=["latest_year_named"])
    if not named.empty:
        # The most telling category: the latest year named, and among those the one that starts latest.
        latest = named.sort_values(["latest_year_named", "earliest_year_named"]).iloc[-1]
        year = int(latest["latest_year_named"])
        ok = year <= sent.year
        rows.append(
            entry(
                "enkät: utskicksår mot svaren",
                **where,
                recomputed=f"respondenter anger involvering {latest['period']}",
                problem=""
                if ok
                else (
                    f"Enkäten sägs ha skickats {sent_cell['published']}, men respondenter anger att de varit involverade "
                    f"”{latest['period']}” ({latest['file']}, rad {latest['row']}). Ett svar kan inte gälla ett senare år "
                    f"än utskicket: årtalet {sent.year} är troligen fel för {year}."
                ),
                severity=OK if ok else ERROR,
                action=""
                if ok
                else (
                    f"{KEEP} Studien anger utskicksdatumet som publicerat och flaggar årtalet; "
                    "inga beräkningar bygger på det."
                ),
            )
        )
    return ledger(rows)
