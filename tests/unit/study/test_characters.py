"""Letters of another alphabet that look Latin are named with their code and place, never shown as they are
(a message would show two identical words)."""

from __future__ import annotations

import pytest

from collabstudy.cleaning.observations import municipality_of
from collabstudy.io.delivered import RawTable
from collabstudy.io.headers import header_hint
from collabstudy.study.characters import letters_hint, non_latin_letters, without_invisible, written_out
from collabstudy.study.errors import StudyInputError
from collabstudy.study.params_yaml import key_of, message_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("surv\u0435y", "\\u0435 (kyrilliskt е, ser ut som e) på plats 5"),
        ("\u039fK", "\\u039f (grekiskt Ο, ser ut som O) på plats 1"),
        ("Sved\u0430la", "\\u0430 (kyrilliskt а, ser ut som a) på plats 5"),
        ("Svedala", ""),
        ("Lundsås é ü", ""),  # Latin letters with marks are Latin
        ("Москва", ""),  # a word wholly in another alphabet imitates nothing
    ],
)
def test_each_lookalike_letter_is_named_with_its_code_and_place(text, expected):
    assert non_latin_letters(text) == expected


def test_a_lookalike_key_is_written_out_and_explained():
    error = {"type": "extra_forbidden", "loc": ("surv\u0435y",), "input": {}}
    assert key_of(error["loc"]) == "surv\\u0435y"
    assert message_of(error).startswith("okänd nyckel (stavfel?) – den har tecken ur ett annat alfabet: \\u0435")


def test_a_lookalike_municipality_in_a_delivery_is_named(published):
    table = RawTable(frame=None, file="data/raw/survey/enkat-svarsfrekvens.csv")
    with pytest.raises(StudyInputError) as caught:
        municipality_of(table, published, "Sved\u0430la", 2, "Kommun")
    assert "okänd kommun 'Sved\\u0430la' – den har tecken ur ett annat alfabet: \\u0430 (kyrilliskt а" in str(
        caught.value
    )


def test_a_lookalike_header_is_named():
    hint = header_hint(["Sved\u0430la"], "Svedala")
    assert "\\u0430 = kyrilliskt а, ser ut som a på plats 5" in hint


def test_written_out_leaves_ordinary_text_alone():
    assert written_out("Trelleborg 2024") == "Trelleborg 2024" and letters_hint("Trelleborg") == ""


def test_the_characters_nobody_sees_are_dropped_and_nothing_else() -> None:
    assert without_invisible("Kri\u00adstina\u200b och\u2060 Bo\ufeff\u200c\u200d") == "Kristina och Bo"
    assert without_invisible("Å\u00a0ä – ö") == "Å\u00a0ä – ö"  # a no-break space and a dash are seen


def test_every_format_character_and_variation_selector_is_invisible() -> None:
    import sys
    import unicodedata

    unseen = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" or 0xFE00 <= c <= 0xFE0F or 0xE0100 <= c <= 0xE01EF
    ]
    assert without_invisible("a" + "".join(unseen) + "b") == "ab"
    # and nothing a reader sees: every letter, digit, space and mark of another category stays
    seen = [chr(c) for c in range(0x20, 0x3000) if chr(c) not in unseen and unicodedata.category(chr(c)) != "Cs"]
    assert without_invisible("".join(seen)) == "".join(seen)
