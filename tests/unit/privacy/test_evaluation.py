"""The anonymity evaluation sets meet the targets (issues 13 and 26): recall per kind, over-redaction,
the final check's own recall and silence, measured on the project's own labelled sentences.

Run with ``-s`` to see the table docs/methodology.md quotes (``tests/privacy_evaluation.py`` prints more).
"""

from __future__ import annotations

import csv

import pytest
from privacy_evaluation import (
    EVALUATION_SET,
    final_check_on,
    handled_score,
    handwritten_set,
    labelled_set,
    published_lists,
    real_quotes,
    score,
    study_like,
)

from collabstudy.privacy.names import NameList

DIRECT = ("namn", "initialer", "personnummer", "telefon", "e-post", "webbadress", "adress")
# Every row of issue 26's table, and the clean sentences the issue says must keep their words.
CATEGORIES = {
    "ordnamn-start",
    "genitiv",
    "gemener",
    "fornamn-efternamn",
    "initialer",
    "personnummer-fel",
    "personnummer",
    "telefon",
    "epost-utskriven",
    "epost",
    "webbadress",
    "adress-utan-andelse",
    "adress",
    "postnummer",
    "roll",
    "titel-efternamn",
    "versaler",
    "namn",
    "neg-manad",
    "neg-produkt",
    "neg-versal",
    "neg-fras",
    "neg-tal",
    "neg-plats",
    "neg-roll",
    "neg-allmant",
}


@pytest.fixture(scope="module")
def handwritten():
    return handwritten_set()


@pytest.fixture(scope="module")
def result(handwritten, redactor):
    return handled_score(handwritten, redactor)


def test_the_handwritten_set_is_large_and_covers_every_row_of_the_issue(handwritten) -> None:
    assert len(handwritten) >= 600
    assert {item.category for item in handwritten} == CATEGORIES
    counts = {c: sum(1 for item in handwritten if item.category == c) for c in CATEGORIES}
    assert all(n >= 10 for n in counts.values()), counts
    assert sum(1 for item in handwritten if not item.spans) >= 200  # clean sentences
    assert all(item.spans for item in handwritten if not item.category.startswith("neg-"))
    assert not any(item.spans for item in handwritten if item.category.startswith("neg-"))
    assert len({item.text for item in handwritten}) == len(handwritten)  # no sentence twice


def test_every_direct_identifier_is_redacted_or_sent_to_review(result) -> None:
    print()
    for kind in sorted(result.expected):
        print(f"{kind}: {result.handled[kind]} av {result.expected[kind]} ({100 * result.recall(kind):.1f} %)")
    for kind in DIRECT:
        assert result.recall(kind) == 1.0, (kind, [m for m in result.missed if m[2] == kind])


def test_roles_that_name_one_person_go_to_review(result) -> None:
    assert result.recall("roll") >= 0.9, [m for m in result.missed if m[2] == "roll"]


def test_clean_sentences_keep_their_words(result) -> None:
    share = len(result.over_redacted) / result.clean
    print(f"\nrena meningar som tappade ett ord: {len(result.over_redacted)} av {result.clean} ({100 * share:.1f} %)")
    print(f"rena meningar med något till granskning: {len(result.reviewed_clean)} av {result.clean}")
    assert share <= 0.02, result.over_redacted
    assert len(result.reviewed_clean) / result.clean <= 0.05, result.reviewed_clean  # the analyst's load


def test_the_final_check_alone_finds_the_identifiers_and_is_silent_on_clean_sentences(
    handwritten, redactor, name_list
) -> None:
    caught, expected, alarms = final_check_on(handwritten, redactor, name_list)
    print()
    for kind in sorted(expected):
        print(f"slutkontrollen ensam, {kind}: {caught[kind]} av {expected[kind]}")
    for kind in expected:
        assert caught[kind] / expected[kind] >= 0.95, (kind, caught[kind], expected[kind])
    assert alarms == []  # a clean answer never fails the build


# --- the generated set (issue 13) ------------------------------------------------------------------


def test_the_labelled_set_is_what_its_builder_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("builder", EVALUATION_SET.parent / "build_evaluation_set.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    with open(EVALUATION_SET, encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle, delimiter=";")) == builder.build()


def test_the_set_holds_every_kind_in_every_position() -> None:
    items = labelled_set()
    assert len(items) >= 300
    kinds = [kind for item in items for _, _, kind in item.spans]
    assert {kind: kinds.count(kind) for kind in set(kinds)}.keys() == {
        "namn",
        "personnummer",
        "telefon",
        "e-post",
        "adress",
    }
    texts = [item.text for item in items]
    assert any(text.startswith("Anna sa") for text in texts)  # sentence start
    assert any("s samordning" in text for text in texts) and any("s engagemang" in text for text in texts)
    assert any("-" in item.text[s:e] for item in items for s, e, k in item.spans if k == "namn")  # hyphenated
    assert any(item.text[s:e].isupper() for item in items for s, e, k in item.spans if k == "namn")  # capitals
    assert any(item.text[s:e].islower() for item in items for s, e, k in item.spans if k == "namn")  # lower case
    assert sum(1 for item in items if not item.spans) >= 40  # negatives full of capitalised words and numbers


def test_recall_is_complete_for_every_kind(redactor) -> None:
    result = handled_score(labelled_set(), redactor)
    for kind in ("namn", "personnummer", "telefon", "e-post", "adress"):
        assert result.recall(kind) == 1.0, (kind, result.handled[kind], result.expected[kind], result.missed)
    # The one false redaction is by design: "Lund" is a common surname and a town; names win.
    assert [text for _, _, text in result.false_redactions] == ["Lund"]


def test_the_real_quotes_keep_their_words(name_list: NameList, lexicon) -> None:
    allow, _ = published_lists()
    scores = score(real_quotes(), study_like(name_list, lexicon, allow=allow))
    assert scores.found["namn"] == scores.expected["namn"] == 1  # the report's own leak, "Micke"
    assert len(scores.false) <= 2, scores.false
