"""The anonymity evaluation: recall per kind on the labelled sets, false redactions on the negatives.

    .venv/bin/python tests/privacy_evaluation.py   # prints the tables docs/methodology.md quotes

Two labelled sets:

- tests/data/privacy/handskrivna-svar.txt: sentences written by hand for issue 26 in the style of the
  survey's answers, a category each (the issue's table: names that are words at a sentence start, in the
  genitive, in lower case, beside a surname, initials, personnummer with a wrong check digit, e-mail
  spelt out, web addresses with a name, addresses without a street ending, postcodes and Box, roles
  that name one person, and the strong kinds), and clean sentences (neg-*) full of months, products,
  verbs in capitals, fixed phrases, numbers, places and plural roles. An identifier is *handled* if it is
  redacted with its kind or sent to the analyst's review; a clean sentence is *over-redacted* if the
  first pass removes a word from it.
- tests/data/privacy/utvarderingsmeningar.csv (see build_evaluation_set.py there): every SCB top-100
  name in every position, every number format; generated from templates.

The real negatives are the source report's 119 quotes (data/raw/rapport/citat.csv), where the one
first name the report itself leaked ("Micke", quote C59) is labelled as a name.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from collabstudy.privacy.detector import NameDetector
from collabstudy.privacy.final_check import FinalCheck, Source
from collabstudy.privacy.lexicon import LEXICON_DIR, Lexicon
from collabstudy.privacy.names import NAMES_CACHE, NameList, load_name_list
from collabstudy.privacy.redaction import Redactor
from collabstudy.privacy.study import shipped_allow

ROOT = Path(__file__).resolve().parents[1]
STUDY_ALLOW = ("Svedala", "Trelleborg")
EVALUATION_SET = ROOT / "tests" / "data" / "privacy" / "utvarderingsmeningar.csv"
HANDWRITTEN_SET = ROOT / "tests" / "data" / "privacy" / "handskrivna-svar.txt"
# A label's kind -> the kinds of redaction that cover it (initials are redacted as names).
COVERING = {"initialer": ("namn",), "roll": ("roll",)}
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
    category: str = ""


_MARK = re.compile(r"\{(namn|initialer|personnummer|telefon|e-post|webbadress|adress|roll):([^{}]+)\}")


def handwritten_set() -> list[Labelled]:
    """The hand-written sentences (tests/data/privacy/handskrivna-svar.txt), labels taken out."""
    items = []
    for number, line in enumerate(HANDWRITTEN_SET.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        category, _, marked = line.partition(" | ")
        marked = marked.replace("\\n", "\n")
        text, spans, last = "", [], 0
        for match in _MARK.finditer(marked):
            text += marked[last : match.start()]
            spans.append((len(text), len(text) + len(match.group(2)), match.group(1)))
            text += match.group(2)
            last = match.end()
        text += marked[last:]
        items.append(Labelled(f"H{number:04d}", text, "", tuple(spans), category.strip()))
    return items


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


@dataclass(frozen=True)
class Handled:
    """The first pass on a labelled set, as the issue counts it."""

    expected: Counter  # labelled identifiers per kind
    handled: Counter  # ... redacted with their kind or sent to review
    by_category: dict  # category -> (handled, expected)
    missed: list  # (id, category, kind, text)
    clean: int  # sentences without a label
    over_redacted: list  # (id, text): a clean sentence that lost a word
    reviewed_clean: list  # (id, words): a clean sentence with something for review
    false_redactions: list  # (id, kind, text) outside every label, in any sentence

    def recall(self, kind: str) -> float:
        return self.handled[kind] / self.expected[kind] if self.expected[kind] else 1.0


_GENITIVE = ("s", "'s", "’s", ":s")  # "[namn]s" for "Pers" tells nothing more than "[namn]"


def _covers(hit_kind: str, label_kind: str) -> bool:
    return hit_kind == label_kind or hit_kind in COVERING.get(label_kind, ())


def handled_score(items: list[Labelled], redactor) -> Handled:
    expected, handled, missed = Counter(), Counter(), []
    categories: dict[str, list[int]] = {}
    over, reviewed, false = [], [], []
    for item in items:
        hits, suspects = redactor.inspect(item.text)
        tally = categories.setdefault(item.category, [0, 0])
        for start, end, kind in item.spans:
            expected[kind] += 1
            tally[1] += 1
            redacted = any(
                _covers(h.kind, kind) and h.start <= start and (h.end >= end or item.text[h.end : end] in _GENITIVE)
                for h in hits
            )
            # redacted as another kind (an e-mail inside a web address) still leaves nothing
            redacted = redacted or any(h.start <= start and h.end >= end for h in hits)
            sent = any(s.start < end and start < s.end for s in suspects)
            if redacted or sent:
                handled[kind] += 1
                tally[0] += 1
            else:
                missed.append((item.id, item.category, kind, item.text[start:end]))
        outside = [h for h in hits if not any(h.start < e and s < h.end for s, e, _ in item.spans)]
        false += [(item.id, h.kind, item.text[h.start : h.end]) for h in outside]
        if not item.spans:
            if hits:
                over.append((item.id, item.text))
            if suspects:
                reviewed.append((item.id, [s.word for s in suspects]))
    clean = sum(1 for item in items if not item.spans)
    by_category = {c: tuple(v) for c, v in categories.items()}
    return Handled(expected, handled, by_category, missed, clean, over, reviewed, false)


def final_check_on(items: list[Labelled], redactor, name_list, passed=()) -> tuple[Counter, Counter, list]:
    """The final check on each sentence as a one-answer study: with the first pass's output (what the
    analyst's review keeps: every candidate kept) it must stay silent on a clean sentence (false alarms);
    with the sentence *unredacted* in the output (a first pass that missed everything) it must find every
    label (recall per kind of the final check alone)."""
    caught, expected, alarms = Counter(), Counter(), []
    allow = [*STUDY_ALLOW, *shipped_allow(name_list), *passed]
    for item in items:
        source = Source("svar", item.text, "1/q")
        hits, suspects = redactor.inspect(item.text)
        kept = [f"1/q/{s.start}-{s.end}" for s in suspects]
        check = FinalCheck(name_list, passed=allow, kept=kept if not item.spans else [])
        check.add(source)
        if not item.spans:
            from collabstudy.privacy.redaction import replaced

            if check.leaks([("utdata", replaced(item.text, hits))]):
                alarms.append((item.id, item.text))
            continue
        for start, end, kind in item.spans:
            expected[kind] += 1
            single = FinalCheck(name_list, passed=allow)
            single.add(source)
            # the output holds the sentence with every *other* label redacted: is this one found?
            others = [(s, e) for s, e, _ in item.spans if (s, e) != (start, end)]
            text = item.text
            for s, e in sorted(others, reverse=True):
                text = text[:s] + "[namn]" + text[e:]
            if single.leaks([("utdata", text)]):
                caught[kind] += 1
    return caught, expected, alarms


def different_answers(texts: list[str], count: int = 10_000) -> list[str]:
    """`count` different answers, two of `texts` each, as a longer answer has (so that no two are the same
    text and none is judged from the cache)."""
    n = len(texts)
    pairs = ((i % n, (i // n + 1 + i * 7) % n) for i in range(count))
    return [f"{texts[a]} {texts[b]}" for a, b in pairs]


def speed(redactor, texts: list[str], answers: int = 10_000) -> float:
    """Seconds to redact and examine `answers` different answers made of `texts` (:func:`different_answers`),
    as the survey step does, the lexicon already loaded."""
    batch = different_answers(texts, answers)
    assert len(set(batch)) == len(batch)
    redactor.names.lexicon.known("Svedala")  # loads the lexicon: once per step, not what is measured
    start = time.perf_counter()
    for text in batch:
        redactor.examine(text)
    return time.perf_counter() - start


def main() -> None:
    handwritten = handwritten_set()
    redactor = real_redactor()
    result = handled_score(handwritten, redactor)
    print(f"Handskrivna meningar: {len(handwritten)}, varav {result.clean} rena")
    for kind in sorted(result.expected):
        print(f"  {kind}: {result.handled[kind]} av {result.expected[kind]} ({100 * result.recall(kind):.1f} %)")
    for category, (done, total) in sorted(result.by_category.items()):
        if total:
            print(f"  [{category}] {done}/{total}")
    print(f"  missade: {result.missed}")
    print(f"  rena meningar som tappade ett ord: {len(result.over_redacted)} {result.over_redacted}")
    print(f"  rena meningar med något till granskning: {len(result.reviewed_clean)} {result.reviewed_clean}")
    print(f"  falska träffar utanför märkningen: {len(result.false_redactions)} {result.false_redactions}")
    caught, expected, alarms = final_check_on(handwritten, redactor, load_name_list(ROOT / NAMES_CACHE))
    print("Slutkontrollen ensam (första passet borta):")
    for kind in sorted(expected):
        print(f"  {kind}: {caught[kind]} av {expected[kind]}")
    print(f"  falsklarm på rena meningar: {len(alarms)} {alarms}")
    print()


def main_generated() -> None:
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
    main_generated()
