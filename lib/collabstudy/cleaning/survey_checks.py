"""Checks of the survey's deliveries: the invitations table against itself and against the export, and
what the export's header says (personal columns, columns that match no question)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..io.forms import Export
from ..present.formatting import number as fmt
from ..stats.rounding import within_rounding
from ..study.errors import StudyInputError
from ..study.vocabulary import ERROR, NOTE, OK, WARNING
from .ledger import KEEP, entry, ledger


def respondents_per_municipality(export: Export) -> pd.Series:
    """Respondents counted in the export, per municipality code."""
    return export.respondents.groupby("municipality").size()


def check_typed_respondents(invitations: pd.DataFrame, export: Export, names: dict[str, str]) -> None:
    """A hand-typed count of respondents must be what the export holds: a mismatch stops the run,
    naming both files."""
    counted = respondents_per_municipality(export)
    for cell in invitations.dropna(subset=["respondents"]).itertuples():
        found = int(counted.sum()) if cell.municipality == "total" else int(counted.get(cell.municipality, 0))
        if int(cell.respondents) != found:
            who = "totalt" if cell.municipality == "total" else f"för {names[cell.municipality]}"
            raise StudyInputError(
                f"{int(cell.respondents)} respondenter {who} är angivet här, men exporten {export.file} har "
                f"{found} svar {who}. Rätta siffran eller lämna kolumnen tom (studien räknar från exporten)",
                file=cell.file,
                row=cell.row,
                column="Respondenter",
            )


def check_respondents_within_invitations(invitations: pd.DataFrame, export: Export, names: dict[str, str]) -> None:
    """A municipality's respondents in the export can be no more than its invitations (a response rate over
    100 %), and a municipality the survey went to no one in has no response rate: either stops the run at the
    invitations' cell, naming the export."""
    counted = respondents_per_municipality(export)
    for cell in invitations[invitations["municipality"] != "total"].itertuples():
        answered = int(counted.get(cell.municipality, 0))
        name = names[cell.municipality]
        if cell.invited == 0:
            raise StudyInputError(
                f"0 utskick för {name}: utan utskick finns ingen svarsfrekvens (exporten {export.file} har {answered} "
                f"svar från {name}); ange hur många som fick enkäten",
                file=cell.file,
                row=cell.row,
                column="Utskick",
            )
        if answered > cell.invited:
            raise StudyInputError(
                f"{cell.invited} utskick för {name}, men exporten {export.file} har {answered} svar från {name}: fler "
                "svar än utskick ger en svarsfrekvens över 100 % och kan inte stämma; rätta antalet utskick (eller "
                "kommunen i exporten)",
                file=cell.file,
                row=cell.row,
                column="Utskick",
            )


def invited_in_total(invitations: pd.DataFrame) -> int:
    """The survey's invitations in all, as the study counts them: the municipalities' own (a delivered
    total that says otherwise is logged, never used)."""
    return int(invitations.loc[invitations["municipality"] != "total", "invited"].sum())


def check_response(invitations: pd.DataFrame, export: Export) -> pd.DataFrame:
    """Municipal invitations add up to a delivered total; a delivered response rate matches the export's
    respondents over the invitations."""
    rows = []
    counted = respondents_per_municipality(export)
    total = invitations[invitations["municipality"] == "total"]
    parts = invitations[invitations["municipality"] != "total"]
    if len(total) == 1:
        cell = total.iloc[0]
        summed = int(parts["invited"].sum())
        ok = summed == cell["invited"]
        rows.append(
            entry(
                "enkät: summa utskick",
                file=cell["file"],
                row=cell["row"],
                column="Utskick",
                published=cell["invited"],
                recomputed=summed,
                problem="" if ok else f"Kommunernas utskick summerar till {summed}, inte {cell['invited']}.",
                severity=OK if ok else ERROR,
                action="" if ok else f"{KEEP} Studien räknar med kommunernas utskick.",
            )
        )
    for _, cell in invitations.dropna(subset=["respondents"]).iterrows():
        # A mismatch has already stopped the run (check_typed_respondents): what is left agrees.
        rows.append(
            entry(
                "enkät: respondenter mot exporten",
                file=cell["file"],
                row=cell["row"],
                column="Respondenter",
                published=int(cell["respondents"]),
                recomputed=f"{int(cell['respondents'])} svar i exporten",
            )
        )
    for _, cell in invitations.iterrows():
        if pd.isna(cell["published_rate"]):
            continue  # no rate given: the survey step computes it from the export
        total = cell["municipality"] == "total"
        answered = int(counted.sum()) if total else int(counted.get(cell["municipality"], 0))
        invited = invited_in_total(invitations) if total else int(cell["invited"])
        exact = answered / invited
        ok = within_rounding(cell["published_rate"] * 100, exact * 100, int(cell["rate_decimals"]))
        text = f"{answered} av {invited} = {fmt(exact * 100, int(cell['rate_decimals']) + 2)} %"
        rows.append(
            entry(
                "enkät: svarsfrekvens",
                file=cell["file"],
                row=cell["row"],
                column="Svarsfrekvens",
                published=cell["published"],
                recomputed=text,
                problem="" if ok else f"Angiven svarsfrekvens {cell['published']} stämmer inte med {text}.",
                severity=OK if ok else ERROR,
                action="" if ok else f"{KEEP} Studien räknar från antalen.",
            )
        )
    return ledger(rows)


def check_fieldwork_against_answers(export: Export, sent: dt.date, open_days: int, params_file: str) -> pd.DataFrame:
    """A warning when the export's start times fall outside the fieldwork params give (survey.sent and
    open_days): a params file copied from an earlier study whose dates were not changed, or a typo."""
    started = export.respondents["started"].dropna()
    if started.empty:
        return ledger([])
    first, last = min(started).date(), max(started).date()
    closes = sent + dt.timedelta(days=open_days)
    if sent <= first and last <= closes:
        return ledger([])
    return ledger(
        [
            entry(
                "enkät: utskicksdag mot svarstiderna",
                file=params_file,
                row=None,
                column="survey.sent",
                published=f"{sent.isoformat()}, {open_days} dagar",
                problem=(
                    f"Parameterfilen anger att enkäten skickades {sent.isoformat()} och var öppen i {open_days} "
                    f"dagar, men svaren i {export.file} påbörjades {first.isoformat()}–{last.isoformat()}."
                ),
                severity=WARNING,
                action="Rätta survey.sent och survey.open_days i parameterfilen (står de kvar från förra studien?).",
            )
        ]
    )


def check_export_columns(export: Export) -> pd.DataFrame:
    """Notes for the cleaning log: personal columns in the raw file, and columns that match no question."""
    rows = []
    if export.columns.personal:
        listed = ", ".join(export.columns.personal)
        rows.append(
            entry(
                "enkät: personuppgifter i exporten",
                file=export.file,
                row=1,
                column=listed,
                published=f"{export.personal_rows} rader med värde",
                problem=(
                    f"Rådatafilen har kolumner med personuppgifter ({listed}). De läses inte in och når ingen "
                    "tabell, inget resultat och ingen rapport, men filen själv ska hållas utanför git och delas "
                    "med försiktighet (se docs/analysts-guide.md, avsnittet ”A new period from deliveries”, steg 3)."
                ),
                severity=NOTE,
                action="Kolumnerna tas bort när exporten läses.",
            )
        )
    for column in export.columns.unmatched:
        rows.append(
            entry(
                "enkät: kolumn utan fråga",
                file=export.file,
                row=1,
                column=column,
                published=column,
                problem="Kolumnen motsvarar ingen av studiens frågor och används inte.",
                severity=NOTE,
                action="Lägg till frågan i parameterfilen om den ska ingå i studien.",
            )
        )
    return ledger(rows)
