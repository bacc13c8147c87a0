"""The anonymity evaluation: recall per kind on the labelled set, false redactions on the negatives.

    .venv/bin/python tests/privacy_evaluation.py   # prints the table docs/methodology.md quotes

The labelled set is tests/data/privacy/utvarderingsmeningar.csv (see build_evaluation_set.py there);
the real negatives are the source report's 119 quotes (data/raw/rapport/citat.csv), where the one
first name the report itself leaked ("Micke", quote C59) is labelled as a name.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from collabstudy.privacy.detector import NameDetector
from collabstudy.privacy.lexicon import LEXICON_DIR, Lexicon
from collabstudy.privacy.names import NAMES_CACHE, NameList, load_name_list
from collabstudy.privacy.redaction import Redactor
from collabstudy.privacy.study import shipped_allow

ROOT = Path(__file__).resolve().parents[1]
STUDY_ALLOW = ("Svedala", "Trelleborg")
EVALUATION_SET = ROOT / "tests" / "data" / "privacy" / "utvarderingsmeningar.csv"
REAL_QUOTES = ROOT / "data" / "raw" / "rapport" / "citat.csv"
NAMED_IN_REAL_QUOTES = {"C59": "Micke"}  # labelled by hand: the report's own leak


def study_like(name_list: NameList, lexicon: Lexicon, generated: bool = False, **lists) -> Redactor:
    """A redactor as the study builds it for free text (or for its own pages, `generated`): the study's
    municipalities and the shipped allow list, plus `allow` / `deny`."""
    allow = frozenset([*STUDY_ALLOW, *shipped_allow(name_list), *lists.get("allow", ())])
    deny = frozenset(lists.get("deny", ()))
    return Redactor(NameDetector(name_list, allow=allow, deny=deny, lexicon=lexicon, generated=generated))


def real_redactor(allow=(), deny=()) -> Redactor:
    """The study-like redactor on the name list and lexicon make built."""
    return study_like(load_name_list(ROOT / NAMES_CACHE), Lexicon(ROOT / LEXICON_DIR), allow=allow, deny=deny)


def published_lists() -> tuple[list[str], list[str]]:
    """The published study's own allow and deny lists (params survey.names): the quotes are its answers."""
    import yaml

    names = yaml.safe_load((ROOT / "params" / "svedala-trelleborg-2023.yaml").read_text(encoding="utf-8"))["survey"][
        "names"
    ]
    return names["allow"], names["deny"]


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    expected: str
    spans: tuple[tuple[int, int, str], ...]


def labelled_set() -> list[Labelled]:
    with open(EVALUATION_SET, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    items = []
    for row in rows:
        spans = []
        for label in row["uppgifter"].split():
            kind, _, where = label.partition("@")
            start, end = where.split("-")
            spans.append((int(start), int(end), kind))
        items.append(Labelled(row["id"], row["mening"], row["väntat"], tuple(spans)))
    return items


def real_quotes() -> list[Labelled]:
    with open(REAL_QUOTES, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    items = []
    for row in rows:
        text, name = row["Citat"], NAMED_IN_REAL_QUOTES.get(row["Citat-id"])
        spans = ((text.index(name), text.index(name) + len(name), "namn"),) if name else ()
        items.append(Labelled(row["Citat-id"], text, "", spans))
    return items


@dataclass(frozen=True)
class Scores:
    expected: Counter  # identifiers labelled, per kind
    found: Counter  # labelled identifiers found with the right kind and span
    false: list[tuple[str, str, str]]  # (id, kind, text) found where nothing is labelled

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.expected[kind] if self.expected[kind] else 1.0


def covered(start: int, end: int, kind: str, hits, text: str) -> bool:
    """Whether a labelled identifier is redacted: a hit of its kind covers it, all but a genitive s
    ("[namn]s" for "Jonas" tells nothing more than "[namn]")."""
    return any(
        h.kind == kind and h.start <= start and (h.end >= end or (h.end == end - 1 and text[h.end] == "s"))
        for h in hits
    )


def score(items: list[Labelled], redactor) -> Scores:
    expected, found, false = Counter(), Counter(), []
    for item in items:
        hits = redactor.find(item.text)
        for start, end, kind in item.spans:
            expected[kind] += 1
            if covered(start, end, kind, hits, item.text):
                found[kind] += 1
        for hit in hits:
            if not any(hit.start < end and start < hit.end for start, end, _ in item.spans):
                false.append((item.id, hit.kind, item.text[hit.start : hit.end]))
    return Scores(expected, found, false)


def main() -> None:
    redactor = real_redactor()
    items = labelled_set()
    scores = score(items, redactor)
    print(f"{len(items)} meningar")
    for kind in sorted(scores.expected):
        print(f"{kind}: {scores.found[kind]} av {scores.expected[kind]} ({100 * scores.recall(kind):.1f} %)")
    print(f"falska träffar i uppsättningen: {len(scores.false)} {scores.false[:20]}")
    missed = [
        (item.id, item.text[start:end])
        for item in items
        for start, end, kind in item.spans
        if not covered(start, end, kind, redactor.find(item.text), item.text)
    ]
    print(f"missade: {missed}")
    quotes = score(real_quotes(), redactor)
    print(
        f"verkliga citat utan studiens listor: namn {quotes.found['namn']} av {quotes.expected['namn']}, falska: {len(quotes.false)} {quotes.false}"
    )
    allow, _ = published_lists()
    quotes = score(real_quotes(), real_redactor(allow=allow))
    print(
        f"verkliga citat med studiens allow-lista (utan deny): namn {quotes.found['namn']} av {quotes.expected['namn']}, falska: {len(quotes.false)} {quotes.false}"
    )


if __name__ == "__main__":
    main()
