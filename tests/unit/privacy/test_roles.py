"""Roles that can name one person (collabstudy.privacy.roles)."""

from __future__ import annotations

import pytest

from collabstudy.privacy.roles import find_roles, mentions_role


def roles(text: str) -> list[str]:
    return [word for _, _, word in find_roles(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag pratade med SFI-rektorn i går.", ["SFI-rektorn"]),
        ("Socialchefen och enhetschefens besked kom sent.", ["Socialchefen", "enhetschefens"]),
        ("Vår enda chef på IFO slutade.", ["chef"]),
        ("Handläggarna och cheferna träffades.", []),  # the plural names no one
        ("Vi behöver fler handläggare.", []),  # indefinite, nothing makes it one person
        ("En ny handläggare började.", ["handläggare"]),  # "en ny": the one who just started
        ("Vi träffade chefen, sedan chefen igen.", ["chefen", "chefen"]),  # each occurrence
    ],
)
def test_roles_in_a_definite_or_unique_form_are_found_in_order(text: str, expected: list[str]) -> None:
    assert roles(text) == expected


def test_a_piece_seen_without_a_role_does_not_hide_a_role_in_a_later_answer() -> None:
    assert not mentions_role("Samverkan fungerade bra med Jobbtorg.")
    assert mentions_role("Samverkan fungerade bra med rektorn.")
    assert roles("Samverkan fungerade bra med rektorn.") == ["rektorn"]
    assert not mentions_role("Samverkan fungerade bra med Jobbtorg.")
