"""Personal names in free text (collabstudy.privacy.detector), on the real name list and lexicon."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from privacy_evaluation import study_like

from collabstudy.privacy.detector import PLACEHOLDER, NameDetector
from collabstudy.privacy.names import NameList

# (text, expected after redaction): the positions and forms the issue saw leak, and more of them.
WITH_NAMES = [
    ("Blev mycket bättre tack vare samordningen av Micke", "Blev mycket bättre tack vare samordningen av [namn]"),
    ("Micke fixade det.", "[namn] fixade det."),
    ("Anna sa att det fungerade, anna är bäst.", "[namn] sa att det fungerade, [namn] är bäst."),
    ("Per sa att det fungerade.", "[namn] sa att det fungerade."),
    ("Klara ringde i går.", "[namn] ringde i går."),
    ("Vi pratade med Maria, Sara och Lisa.", "Vi pratade med [namn], [namn] och [namn]."),
    ("Ingrid, Elsa och Alma var med.", "[namn], [namn] och [namn] var med."),
    ("Fatima, Mohammed, Omar och Hassan hjälpte till.", "[namn], [namn], [namn] och [namn] hjälpte till."),
    ("Handläggaren Lindqvist och Nyström på Jobbtorg.", "Handläggaren [namn] och [namn] på Jobbtorg."),
    ("Jag pratade med Anna Lindqvist.", "Jag pratade med [namn] [namn]."),
    ("TACK ANNA OCH MARIA!", "TACK [namn] OCH [namn]!"),
    ("fråga lindqvist eller maria.", "fråga [namn] eller [namn]."),
    ("Mickes samordning, Anna's stöd och Mohammed:s hjälp.", "[namn]s samordning, [namn]'s stöd och [namn]:s hjälp."),
    ("Vi saknar Lindqvists engagemang.", "Vi saknar [namn]s engagemang."),
    ("Tack till Anna-Karin för allt stöd.", "Tack till [namn] för allt stöd."),
    ("Hans chef sa att Hans var bra.", "Hans chef sa att [namn] var bra."),
    ('Handläggaren sa: "Anna fixar det"', 'Handläggaren sa: "[namn] fixar det"'),
    ("Bra stöd.\nAnna svarade alltid.", "Bra stöd.\n[namn] svarade alltid."),
    ("Vi ringde Per i morse, och Berg kom sen.", "Vi ringde [namn] i morse, och [namn] kom sen."),
    ("Nora och Lund var där.", "[namn] och [namn] var där."),  # names common in Sweden, also places
]

WITHOUT_NAMES = [
    "Inget - spretigt. Kommer längre bort från interna samarbete…",
    "Per månad blir det fler beslut.",
    "Hans chef var nöjd.",
    "Alla sa att det var bra.",
    "Inget har hänt.",
    "Klara besked hade hjälpt.",
    "Det finns ingen samverkan.",
    "Svedala får tillgång till duktiga handläggare som är engagerade.",
    "Trelleborg har fler insatser mot arbetsmarknaden.",
    "Fler arbetstillfällen för Trelleborgs kommun samt chans till att stärka samarbetet.",
    "Förståelse mellan olika enheter och att dess ingångsvärde är olika.",
    "Det är precis vad vi behöver.",
    "Arbetsförmedlingen, Försäkringskassan, Migrationsverket, Komvux och SFI i Region Skåne.",
    "Ett av Sveriges bästa exempel, i hela Sverige, även i Malmö och Sjöbo.",
    "SFI och IFO samarbetar, och ALLA är med.",
    "per capita och hans arbete, en björn och en sten.",
    "",
]


@pytest.mark.parametrize(("text", "expected"), WITH_NAMES)
def test_names_are_replaced(redactor, text: str, expected: str) -> None:
    assert redactor.redact(text) == expected


@pytest.mark.parametrize("text", WITHOUT_NAMES)
def test_ordinary_words_places_and_public_bodies_stay(redactor, text: str) -> None:
    assert redactor.redact(text) == text


def test_find_gives_spans_and_a_possessive_without_its_genitive(redactor) -> None:
    text = "Vi saknar Mickes samordning."
    assert redactor.names.find(text) == [(10, 15, "Micke")]


def test_deny_always_redacts_and_allow_never(name_list: NameList, lexicon) -> None:
    strict = study_like(name_list, lexicon, deny=["Kundservice", "chefen"], allow=["Anna"])
    assert strict.redact("Kundservice hjälpte, chefen också.") == "[namn] hjälpte, [namn] också."
    assert strict.redact("Anna hjälpte.") == "Anna hjälpte."


def test_a_common_name_in_capitals_is_a_name_until_the_study_allows_it(name_list: NameList, lexicon) -> None:
    text = "Svedala får duktiga handläggare och ASK som är engagerad."
    assert study_like(name_list, lexicon).redact(text) == text.replace("ASK", "[namn]")  # Ask is a name
    assert study_like(name_list, lexicon, allow=["ASK"]).redact(text) == text
    # ... but a verb in capitals is the verb
    assert study_like(name_list, lexicon).redact("Vi SA det till dem.") == "Vi SA det till dem."


def test_without_the_lists_a_name_at_a_sentence_start_is_still_found(name_list: NameList, lexicon) -> None:
    # The issue: with the deny list emptied, "Micke" at a sentence start leaked.
    assert study_like(name_list, lexicon).redact("Micke ordnade allt.") == "[namn] ordnade allt."


def test_an_ordinary_name_word_at_a_sentence_start_needs_a_person_verb(redactor) -> None:
    assert redactor.redact("Per sa ja.") == "[namn] sa ja."
    assert redactor.redact("Per person blir det mer.") == "Per person blir det mer."
    assert redactor.redact("Sten hjälpte oss.") == "[namn] hjälpte oss."
    assert redactor.redact("Bäst var samverkan.") == "Bäst var samverkan."  # the verb second: no person


def test_the_study_s_own_pages_tolerate_code_and_english(name_list: NameList, lexicon) -> None:
    pages = study_like(name_list, lexicon, generated=True)
    text = "params_file = 'x'  # file, line; 2315cb0c7221adda9505. Please trust this notebook."
    assert pages.redact(text) == text
    # ... but free text does not: a lower-case common name glued to an underscore is still a name.
    free = study_like(name_list, lexicon)
    assert free.redact("hej anna_b") == "hej [namn]_b"
    assert pages.redact("Vi ringde Anna.") == "Vi ringde [namn]."


def test_the_detector_is_a_frozen_value(name_list: NameList) -> None:
    detector = NameDetector(name_list, allow={"Svedala"})
    with pytest.raises(AttributeError):
        detector.allow = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        NameDetector(name_list, allow="Svedala")  # a string is not a set of words


def test_candidates_are_capitalised_unknown_words(redactor) -> None:
    text = "Xyzzyk hjälpte oss på Arbetsförmedlingen i Trelleborg, och Qwertz kom sen. Bra samverkan."
    assert [word for _, _, word in redactor.candidates(text)] == ["Xyzzyk", "Qwertz"]
    assert (
        redactor.candidates("Anna hjälpte oss med Komvux och SFI.") == []
    )  # a known name is redacted, not a candidate


def test_candidates_need_the_lexicon(name_list: NameList) -> None:
    with pytest.raises(ValueError, match="ordlistan"):
        NameDetector(name_list).candidates("Zlatan")


# --- properties ----------------------------------------------------------------------------------

WORDS = [
    "Inget",
    "inget",
    "Hela",
    "Per",
    "per",
    "SFI",
    "ALLA",
    "Svedala",
    "Trelleborgs",
    "samverkan",
    "är",
    "bra",
    "Mickes",
    "Anna",
    "anna",
    "Anna-Karin",
    PLACEHOLDER,
    "[telefon]",
    "Vi",
    "Det",
    "månad",
    "070-123 45 67",
]
SEPARATORS = [" ", " ", ", ", ". ", " - ", ' "', '" ', "\n", ": ", "! ", "-", "s "]
SENTENCES = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
ANY_TEXT = st.one_of(SENTENCES, st.text(max_size=60))


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT)
def test_redact_is_idempotent(redactor, text: str) -> None:
    once = redactor.redact(text)
    assert redactor.redact(once) == once
    assert redactor.find(once) == []


@settings(max_examples=100, deadline=None)
@given(text=ANY_TEXT)
def test_a_placeholder_is_never_judged(name_list: NameList, lexicon, text: str) -> None:
    strict = study_like(name_list, lexicon, deny=["namn", "telefon", "adress"])
    redacted = strict.redact(text)
    placeholders = [
        (m.start(), m.end()) for m in re.finditer(r"\[(namn|telefon|adress|e-post|personnummer)\]", redacted)
    ]
    for item in strict.find(redacted):
        assert all(item.end <= start or item.start >= end for start, end in placeholders)


def test_a_piece_of_text_seen_plain_before_does_not_hide_a_new_name_beside_it(name_list: NameList, lexicon) -> None:
    """The detector remembers the pieces of text it found nothing in; a later answer made of the same
    pieces and one new one is still judged on all of them, in their new context."""
    redactor = study_like(name_list, lexicon)
    assert redactor.redact("Bra samverkan, tog det lugnt.") == "Bra samverkan, tog det lugnt."
    assert redactor.redact("Bra samverkan, Lisa tog det lugnt.") == "Bra samverkan, [namn] tog det lugnt."
    assert redactor.redact("Bra samverkan, tog det lugnt.") == "Bra samverkan, tog det lugnt."


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Tack till A n n a  L i n d q v i s t för allt.", "Tack till [namn] för allt."),
        ("Fråga Å s a om det.", "Fråga [namn] om det."),
        ("Steg A B C D i planen och S F I.", "Steg A B C D i planen och S F I."),  # letters, no name
    ],
)
def test_a_name_written_apart_is_redacted_whole(redactor, text, redacted) -> None:
    from collabstudy.privacy.redaction import replaced

    found, _ = redactor.inspect(text)
    assert replaced(text, found) == redacted
