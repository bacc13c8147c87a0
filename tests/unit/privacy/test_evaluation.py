"""The anonymity evaluation set meets the targets (issue 13): recall per kind, false redactions."""

from __future__ import annotations

import csv

from privacy_evaluation import EVALUATION_SET, labelled_set, published_lists, real_quotes, score, study_like

from collabstudy.privacy.names import NameList


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
    scores = score(labelled_set(), redactor)
    for kind in ("namn", "personnummer", "telefon", "e-post", "adress"):
        assert scores.recall(kind) == 1.0, (kind, scores.found[kind], scores.expected[kind])
    # The one false redaction is by design: "Lund" is a common surname and a town; names win.
    assert [text for _, _, text in scores.false] == ["Lund"]


def test_the_real_quotes_keep_their_words(name_list: NameList, lexicon) -> None:
    allow, _ = published_lists()
    scores = score(real_quotes(), study_like(name_list, lexicon, allow=allow))
    assert scores.found["namn"] == scores.expected["namn"] == 1  # the report's own leak, "Micke"
    assert len(scores.false) <= 2, scores.false
