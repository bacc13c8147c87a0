"""Reconstruct the survey's Forms export and coding table from what the report publishes.

The original answers are not public. This script builds, deterministically, the smallest
honest reconstruction that satisfies every published statement:

- inputs (transcriptions): from the published report (data/raw/rapport/) citat.csv (every
  published quote, its question, theme, municipality and 'same person' group),
  publicerade-antal.csv (every published count, blank and "vet ej" figure and their overlap),
  enkat-involveringsperiod.csv (period of involvement shares); and from the survey's delivery
  (data/raw/survey/) enkat-svarsfrekvens.csv (respondents per municipality);
- outputs (committed, data/raw/survey/): forms-export.xlsx (one row per respondent, as Microsoft
  Forms exports it) and kodning.csv (respondent, question, theme, why).

A cell the report does not publish holds NOT_PUBLISHED; nothing is invented. Where a published
count needs more respondents than the report quotes, respondents with unpublished answers are
coded first; only when there are too few, a quoted answer carries a further theme, and its cell
then ends with MORE_NOT_PUBLISHED so no reader takes the quote as the whole answer.

Run from the project root: .venv/bin/python scripts/reconstruct_survey.py
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from collabstudy.io.atomic import atomic_path
from collabstudy.io.swedish import decimals_of, parse_number
from collabstudy.io.xlsx import make_xlsx_reproducible
from collabstudy.stats.rounding import within_rounding

SURVEY = Path("data/raw/survey")
REPORT = Path("data/raw/rapport")
NOT_PUBLISHED = "[ej publicerat]"
MORE_NOT_PUBLISHED = " [resten av svaret ej publicerat]"
DONT_KNOW = "Vet ej"
QUESTIONS = {
    "q1": "På vilket sätt har du varit involverad i samverkan?",
    "q2": "Din viktigaste lärdom av samverkan?",
    "q3": "Vad anser du har varit den största utmaningen hittills med denna samverkan?",
    "q4": "Vad anser du är den/de största vinsterna för Svedala i denna samverkan?",
    "q5": "Vad anser du är den/de största vinsterna för Trelleborg i denna samverkan?",
    "q6": (
        "Om du hade fått göra om denna resa att initiera samverkan kring ekonomiskt bistånd och "
        "arbetsmarknadsinsatser mellan två kommuner, vad hade du gjort annorlunda eller verkligen "
        "behållit/förstärkt?"
    ),
    "q7": "Vad ser du fram emot ska förbättras ytterligare inom samverkan 2023?",
    "q8": "Är din huvudanställning inom Svedala eller Trelleborgs kommun",
    "q9": "Under vilken tid har du varit involverad i samverkan samt förberedelser av samverkan",
}
FREE_TEXT = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]
# Themes that say there is no gain: a respondent coded so cannot also be coded with a gain.
NEGATIVE = ("_ingen_vinst", "_egen_verksamhet", "_ingen_samverkan")


def rows(name: str, folder: Path = SURVEY) -> list[dict]:
    with (folder / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def respondents(folder: Path = SURVEY) -> dict[str, list[int]]:
    """Respondent IDs per municipality, in the order of the response table (IDs are not response order)."""
    ids, next_id = {}, 1
    for row in rows("enkat-svarsfrekvens.csv", folder):
        if row["Kommun"] == "Totalt":
            continue
        count = int(row["Respondenter"])
        ids[row["Kommun"]] = list(range(next_id, next_id + count))
        next_id += count
    return ids


def periods(ids: dict[str, list[int]], folder: Path = REPORT) -> dict[int, str]:
    """Each respondent's period of involvement, as many per period as the published share implies."""
    result = {}
    by_municipality = defaultdict(list)
    for row in rows("enkat-involveringsperiod.csv", folder):
        by_municipality[row["Kommun"]].append(row)
    for name, group in by_municipality.items():
        members = list(ids[name])
        for row in group:
            published = row["Andel av kommunens respondenter"]
            share = parse_number(published.rstrip("%"))
            fits = [
                k
                for k in range(len(ids[name]) + 1)
                if within_rounding(share, 100 * k / len(ids[name]), decimals_of(published))
            ]
            assert len(fits) == 1, f"{name} {row['Involverad i samverkan']}: {fits}"
            for _ in range(fits[0]):
                result[members.pop(0)] = row["Involverad i samverkan"]
        assert not members, f"{name}: {len(members)} respondenter utan period"
    return result


class Reconstruction:
    def __init__(self, ids: dict[str, list[int]]):
        self.ids = ids
        self.answers: dict[tuple[int, str], str] = {}
        self.coding: list[tuple[int, str, str, str]] = []

    def free(self, rid: int, question: str) -> bool:
        return (rid, question) not in self.answers

    def place_blanks(self, counts: list[dict]) -> None:
        """Blank and "vet ej" answers, with the published overlap between two questions' blanks."""

        def published(marker: str) -> dict[tuple[str, str], int]:
            return {
                (c["Fråga"], c["Kommun"]): int(c["Antal respondenter"])
                for c in counts
                if c["Tema eller svar"] == marker
            }

        blank, dont_know = published("[blankt]"), published("[vet ej]")
        for overlap in (c for c in counts if c["Tema eller svar"].startswith("[blankt även på ")):
            later, earlier = overlap["Fråga"], overlap["Tema eller svar"].split("på ")[1].rstrip("]")
            remaining = int(overlap["Antal respondenter"])
            # Both questions' blanks per municipality bound the overlap; fill the largest first.
            capacity = {name: min(blank.get((later, name), 0), blank.get((earlier, name), 0)) for name in self.ids}
            for name in sorted(capacity, key=lambda n: -capacity[n]):
                shared = min(capacity[name], remaining)
                remaining -= shared
                for rid in list(reversed(self.ids[name]))[:shared]:
                    self.answers[(rid, later)] = self.answers[(rid, earlier)] = ""
            assert remaining == 0, "överlappet går inte att uppfylla"
        for markers, text in ((blank, ""), (dont_know, DONT_KNOW)):
            for (question, name), count in markers.items():
                placed = sum(1 for rid in self.ids[name] if self.answers.get((rid, question)) == text)
                for rid in reversed(self.ids[name]):
                    if placed == count:
                        break
                    if self.free(rid, question):
                        self.answers[(rid, question)] = text
                        placed += 1
                assert placed == count, f"{question} {name}: kunde inte placera {count}"

    def place_quotes(self, quotes: list[dict]) -> None:
        """Each quote under a respondent of its municipality; a 'same person' group under one respondent."""
        groups = defaultdict(list)
        for quote in quotes:
            groups[quote["Samma person"] or quote["Citat-id"]].append(quote)
        for members in groups.values():
            name = members[0]["Kommun"]
            rid = next(r for r in self.ids[name] if all(self.free(r, q["Fråga"]) for q in members))
            for quote in members:
                self.answers[(rid, quote["Fråga"])] = quote["Citat"]
                self.coding.append(
                    (
                        rid,
                        quote["Fråga"],
                        quote["Tema"],
                        f"publicerat citat {quote['Citat-id']} (rad {quote['Rader i källan']})",
                    )
                )

    def place_counts(self, counts: list[dict]) -> None:
        """Enough respondents per theme for every published count: unpublished answers first."""
        # "No gain" first, so that no one coded with it is also coded with a gain afterwards.
        for count in sorted(counts, key=lambda c: not c["Tema eller svar"].endswith(NEGATIVE)):
            theme = count["Tema eller svar"]
            if theme.startswith("["):
                continue
            question, name, target = count["Fråga"], count["Kommun"], int(count["Antal respondenter"])
            members = set(self.ids[name])
            coded = {rid for rid, q, t, _ in self.coding if q == question and t == theme and rid in members}
            assert len(coded) <= target, f"{theme} {name}: fler citat än publicerat antal"
            negative = {rid for rid, q, t, _ in self.coding if q == question and t.endswith(NEGATIVE)}

            def usable(rid: int) -> bool:
                text = self.answers.get((rid, question), NOT_PUBLISHED)
                return (
                    rid not in coded
                    and text not in ("", DONT_KNOW)
                    and (theme.endswith(NEGATIVE) or rid not in negative)
                )

            positive = {rid for rid, q, t, _ in self.coding if q == question and not t.endswith(NEGATIVE)}
            unpublished = [
                r
                for r in self.ids[name]
                if usable(r) and self.free(r, question) and not (theme.endswith(NEGATIVE) and r in positive)
            ]
            quoted = [r for r in self.ids[name] if usable(r) and not self.free(r, question)]
            if theme.endswith(NEGATIVE):
                quoted = []  # a "no gain" answer is never read into someone's quoted gain
            for rid in (unpublished + quoted)[: target - len(coded)]:
                if not self.free(rid, question) and not self.answers[(rid, question)].endswith(MORE_NOT_PUBLISHED):
                    self.answers[(rid, question)] += MORE_NOT_PUBLISHED
                self.coding.append(
                    (
                        rid,
                        question,
                        theme,
                        f"ej publicerat svar; behövs för rapportens antal (rad {count['Rader i källan']})",
                    )
                )
                coded.add(rid)
            assert len(coded) == target, f"{question} {theme} {name}: {len(coded)} av {target}"


def main(folder: Path = SURVEY, report: Path = REPORT) -> None:
    """Write forms-export.xlsx and kodning.csv into `folder` from the transcriptions there and in `report`."""
    ids = respondents(folder)
    quotes, counts = rows("citat.csv", report), rows("publicerade-antal.csv", report)
    work = Reconstruction(ids)
    work.place_blanks(counts)
    work.place_quotes(quotes)
    work.place_counts(counts)
    period_of = periods(ids, report)

    import openpyxl  # after collabstudy, which fixes openpyxl's XML writer (collabstudy/__init__.py)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    sheet.append(["ID", "Starttid", "Tid för slutförande", "E-post", "Namn", *QUESTIONS.values()])
    for name, members in ids.items():
        for rid in members:
            free_text = [work.answers.get((rid, q), NOT_PUBLISHED) for q in FREE_TEXT]
            sheet.append([rid, NOT_PUBLISHED, NOT_PUBLISHED, "anonymous", "", *free_text, name, period_of[rid]])
    book.properties.creator = "scripts/reconstruct_survey.py"
    # Both files are written whole or not at all (a crash leaves the previous ones).
    with atomic_path(folder / "forms-export.xlsx") as tmp:
        book.save(tmp)
        make_xlsx_reproducible(tmp)
    with atomic_path(folder / "kodning.csv") as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["ID", "Fråga", "Tema", "Grund"])
        for rid, question, theme, why in sorted(work.coding, key=lambda c: (c[0], c[1], c[2])):
            writer.writerow([rid, question, theme, why])
    print(
        f"{sum(len(m) for m in ids.values())} respondenter, {len(work.coding)} kodningar, "
        f"{sum(1 for a in work.answers.values() if a.endswith(MORE_NOT_PUBLISHED))} citat med tillagt tema"
    )


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SURVEY)
