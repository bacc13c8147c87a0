"""Personnummer, phone numbers, e-mail and street addresses in free text (collabstudy.privacy.identifiers)."""

from __future__ import annotations

import pytest
from privacy_evaluation import labelled_set

from collabstudy.privacy.identifiers import PHONE, PlaceJudge, examine_free_text, find_identifiers


def labelled(kind: str) -> list[str]:
    """Every format of `kind` in the evaluation set (tests/data/privacy/build_evaluation_set.py)."""
    return sorted({item.text[start:end] for item in labelled_set() for start, end, k in item.spans if k == kind})


def found(text: str) -> list[tuple[str, str]]:
    return [(text[i.start : i.end], i.kind) for i in find_identifiers(text)]


@pytest.mark.parametrize(
    "number",
    [
        "811228-9874",  # 10 digits with a dash
        "8112289874",  # without
        "811228+9874",  # + : over 100 years old
        "19811228-9874",  # 12 digits
        "198112289874",
        "811228 9874",  # a space before the last four
        "701063-2391",  # samordningsnummer: day 03 + 60
    ],
)
def test_a_valid_personnummer_in_any_form_is_found(number: str) -> None:
    assert found(f"Klienten {number} fick beslut.") == [(number, "personnummer")]


@pytest.mark.parametrize(
    "number",
    [
        "811228-9875",  # wrong check digit
        "811328-9874",  # month 13
        "811232-9878",  # day 32 (and not a samordningsnummer: 32 - 60 < 1)
    ],
)
def test_a_number_that_fails_the_checks_is_no_personnummer(number: str) -> None:
    assert "personnummer" not in [kind for _, kind in found(f"Ärende {number} stängdes.")]


@pytest.mark.parametrize("number", labelled("telefon"))
def test_swedish_phone_numbers_in_the_usual_formats_are_found(number: str) -> None:
    assert found(f"Ring {number} i morgon.") == [(number, "telefon")]


@pytest.mark.parametrize(
    "text",
    [
        "Mellan 2019 och 2023 ökade avsluten från 25 till 62.",
        "Kostnaderna minskade med 5 200 000 kronor och 1 029 personer fick stöd.",
        "Ungefär 16 % fick arbete inom 12 månader; 4,9 per månad.",
        "Vi träffas på plan 2, Insatsplan 2023 är antagen, arbetsplats 3 dagar i veckan.",
        "Kapitel 3, sidan 12, tabell 4.",
        # shares as a step's CSV writes them (issue 25's varied studies: such a share stopped a run as a phone number)
        "0.2265625,0.01171875,0.04980842911877394,1.0701234567",
    ],
)
def test_amounts_years_and_counts_are_no_identifiers(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("address", labelled("e-post"))
def test_e_mail_addresses_are_found(address: str) -> None:
    assert found(f"Mejla {address} så svarar vi.") == [(address, "e-post")]


@pytest.mark.parametrize("address", labelled("adress"))
def test_street_addresses_are_found(address: str) -> None:
    assert found(f"Mötet är på {address} i dag.") == [(address, "adress")]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Andelar 0,5 och 12,034; ring (08) 12 34 56.", "(08) 12 34 56"),
        ("2030: 1,5 %, tel +46 70 123 45 67", "+46 70 123 45 67"),
        ("Rad 2030 0701234567", "0701234567"),
    ],
)
def test_a_phone_number_among_decimals_and_counts_is_still_found(text: str, number: str) -> None:
    # a text whose every 0 is a decimal or inside a number skips the phone matcher: these must not
    assert found(text) == [(number, "telefon")]


def test_a_checksum_holding_ten_digits_that_read_as_a_personnummer_is_no_personnummer() -> None:
    # SHA-256 of a delivery as the technical appendix lists it; a varied study's run stopped on one like it
    digest = "3fab" + "8112289874" + "c0ffee" * 8 + "ab"
    assert len(digest) == 64 and found("8112289874") == [("8112289874", "personnummer")]
    assert found(f"enkatsvar.xlsx {digest} ja") == []
    assert found(f"SHA-1 {digest[:40]}, MD5 {digest[:32]}.") == []
    # not a checksum: a longer or shorter word, or the number glued to a word
    assert found(f"x{digest}") == [("8112289874", "personnummer")]
    assert found(f"{digest[:30]} 811228-9874") == [("8112289874", "personnummer"), ("811228-9874", "personnummer")]
    assert found("pnr8112289874") == [("8112289874", "personnummer")]


def test_a_personnummer_is_never_also_a_phone_number() -> None:
    assert found("Pnr 198112289874, tel 0701234567.") == [("198112289874", "personnummer"), ("0701234567", "telefon")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontoret på Storgatan\t12 stänger.", [("Storgatan\t12", "adress")]),  # any space before the number
        ("Bor på Lilla TORGET 4.", [("Lilla TORGET 4", "adress")]),  # the ending in any case
        ("Mötet på Västergatan 3, 231 42 Trelleborg.", [("Västergatan 3, 231 42 Trelleborg", "adress")]),
        ("Vi har ett kontor på Storgatan men 12 handläggare.", []),  # the number not after the street
        ("Fler än 12 besök gjordes på gatan.", []),
    ],
)
def test_a_street_needs_its_ending_right_before_the_house_number(text: str, expected) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Skriv till anna.berg@svedala.se i dag.", True),
        ("Skriv till berg AT trelleborg punkt se.", True),  # "at" as a word, any case
        ("berg(at)trelleborg.se svarar", True),
        ("anna ſnabel-a ekby.se, rum 12", True),  # a long s: the pattern takes it for an s
        ("mejla kl(a)ekby.se eller ab[a]ekby.se", True),  # "(a)" for "@" too
        ("Svaret kom snabbt, det var bra att vi satt ihop.", False),  # "at" only inside words
    ],
)
def test_the_look_for_an_e_mail_address_sees_at_as_a_word_only(text: str, email: bool) -> None:
    from collabstudy.privacy.identifiers import _may_hold_email

    assert _may_hold_email(text, text.lower()) is email


def test_a_page_s_text_with_numbers_long_runs_of_line_breaks_and_an_address_at_its_end() -> None:
    # a page's text: block elements become line breaks, runs of hundreds; e-mail looked for only where "at" or "@"
    page = "Tabell 1\n" + "\n".join(f"rad {n}\n\n\n\n\nsvar {n}" for n in range(2000)) + "\n" * 500
    tail = "Mejla anna.berg@ekby.se eller kom till Storgatan\n\n\n12, 231 42 Ekby."
    assert found(page + tail) == [("anna.berg@ekby.se", "e-post"), ("Storgatan\n\n\n12, 231 42 Ekby", "adress")]
    assert found(page + "\n\n\n 12 Storgatan och kontoret") == []


def test_an_e_mail_spelt_with_a_long_s_is_found_also_beside_a_number() -> None:
    assert found("anna ſnabel-a ekby.se 12") == [("anna ſnabel-a ekby.se", "e-post")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ring mig på 0708 12 34 om ni undrar.", "0708 12 34"),  # cut short: a digit missing
        ("ring 0708123 om det", "0708123"),
        ("Det är 040 12 34 till växeln.", "040 12 34"),
        ("ring 070 812 34 5 i kväll", "070 812 34 5"),
        ("ring 0708-123 45 om ni undrar", "0708-123 45"),  # not "0708-" and a postcode
    ],
)
def test_a_number_written_like_a_phone_number_but_no_valid_one_goes_to_review(text, number) -> None:
    found, suspects = examine_free_text(text, PlaceJudge())
    assert found == []
    assert [(s.word, s.kind) for s in suspects] == [(number, PHONE)]


@pytest.mark.parametrize(
    "text",
    [
        "Helårssiffror (2019–2023) för Svedala.",
        "Det kostade 0,5 mnkr 2023 och 1 234 567 kr 2024.",
        "Andelen steg från 0,25 till 0,31 på 12 månader.",
        "Ring 0410-73 30 00 i stället.",  # a valid number: redacted, not reviewed
        "Mötet 01.01.2023 och 05-03-2019 och 09 12 2023.",
        "Vecka 01–05 2023, v. 03-05 2019.",
        "Öppet 07.30 - 16.30, klockan 08.00 2023-01-15.",
        "Version 01.02.2023 av rutinen.",
        "Öppet 08.00-17.00 och kl 0800–1700 på fredagar.",
    ],
)
def test_years_amounts_and_valid_numbers_are_not_possible_phone_numbers(text) -> None:
    found, suspects = examine_free_text(text, PlaceJudge())
    assert [s for s in suspects if s.kind == PHONE] == []
    if "Öppet" in text:  # opening hours are no valid phone number either
        assert [i for i in found if i.kind == PHONE] == []


@pytest.mark.parametrize("written", ["kl(a)ekby.se", "kl[a]ekby.se", "kl{a}ekby.se", "kl (a) ekby punkt se"])
def test_an_e_mail_with_a_for_at_is_an_e_mail(written) -> None:
    assert found(f"Mejla {written} om det.") == [(written, "e-post")]
