"""Roles that can name one person: "SFI-rektorn", "den nya socialchefen", "vår enda kvinnliga chef på IFO".

In a survey of a few dozen colleagues a role in its definite or unique form points at one person as
surely as a name: the municipality has one social services director, one SFI principal. Such a role
is never redacted by rule (the answer may need it to be understood, and most mentions of "handläggaren"
mean any case worker); it goes to the analyst's review, who decides per occurrence in params: keep it,
replace it by ``[roll]``, or leave the quote out of the report (the tallies keep the answer).

A role is a word of :data:`ROLES` (the municipal roles and titles, in the indefinite singular), also as
the last part of a compound ("SFI-rektorn", "IFO-chefen", "enhetschefen"), and it is a candidate

- in the definite singular, or its genitive: "rektorn", "socialchefen", "handläggaren", "chefens";
- after a word that makes it unique, at most three words before it (:data:`UNIQUE_BEFORE`): "vår enda
  kvinnliga chef", "som enda arbetsmarknadssekreterare", "min chef", "en ny enhetschef"; or after "jag
  som" ("jag som gruppledare": the respondent's own role);
- in the indefinite singular before a place or an organisation: "rektor på SFI", "chef för IFO",
  "socialchef i Svedala" (only where the singular differs from the plural: "handläggare i Svedala"
  may be many).

The plural ("handläggarna", "cheferna", "våra handläggare") names no one.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Municipal roles and titles, indefinite singular (lower case). A compound ending in one of them is
# the role too ("SFI-rektor", "IFO-chef", "biträdande enhetschef" by its last word).
ROLES = tuple(
    """
    rektor chef socialchef enhetschef förvaltningschef verksamhetschef avdelningschef sektionschef
    gruppchef områdeschef kommunchef arbetsmarknadschef ekonomichef personalchef hr-chef it-chef
    kommundirektör socialdirektör stadsdirektör förvaltningsdirektör direktör ordförande
    nämndordförande kommunalråd oppositionsråd handläggare socialsekreterare
    arbetsmarknadssekreterare arbetsmarknadskonsulent arbetskonsulent konsulent jobbcoach coach
    studievägledare yrkesvägledare vägledare syv samordnare koordinator projektledare processledare
    teamledare gruppledare arbetsledare ledare utvecklare verksamhetsutvecklare utredare controller
    ekonom nämndsekreterare sekreterare registrator receptionist kundvärd jurist kurator psykolog
    sjuksköterska arbetsterapeut familjebehandlare behandlare skuldrådgivare rådgivare konsult
    kommunikatör metodstödjare metodutvecklare lärare mentor handledare politiker assistent
    administratör socionom biståndshandläggare förste ombudsman
    """.split()
)
# Words that make the role that follows unique (at most three words before it).
UNIQUE_BEFORE = frozenset(
    """
    enda ende ensam ensamma nya nye ny förra förre gamla gamle tidigare dåvarande nuvarande nytillträdda
    nytillträdde min mitt vår vårt er ert din ditt
    """.split()
)
PLACE_PREPOSITIONS = ("på", "för", "i", "vid", "inom")
# An indefinite article before a role makes it any one of them ("kanske en enhetschef i Svedala").
INDEFINITE_BEFORE = frozenset("en ett någon något ingen varje annan".split())


def definite(role: str) -> str:
    """The definite singular of a role: rektor -> rektorn, chef -> chefen, handläggare -> handläggaren,
    sjuksköterska -> sjuksköterskan, kommunalråd -> kommunalrådet, controller -> controllern."""
    if role.endswith("e"):
        return role + "n"
    if role.endswith("a"):
        return role + "n"
    if role.endswith(("or", "er")) and not role.endswith("ör"):
        return role + "n"
    if role.endswith("råd"):
        return role + "et"
    if role == "syv":
        return "syv:n"
    return role + "en"


def _plural_like(role: str) -> bool:
    """Whether the indefinite singular is also the plural ("handläggare", "ordförande")."""
    return role.endswith(("are", "ande", "ende"))


_LETTERS = r"[^\W\d_]"
_DEFINITE = sorted({definite(r) for r in ROLES}, key=len, reverse=True)
_INDEFINITE = sorted(ROLES, key=len, reverse=True)
# A role word: optional compound prefix (letters, hyphens), then a role's definite form (+ genitive s)
# or its indefinite form, never followed by more letters (so the plural "cheferna" is not "chef").
_DEFINITE_WORD = re.compile(
    rf"(?<![\w-])(?:{_LETTERS}[\w]*-?)??(?:{'|'.join(re.escape(d) for d in _DEFINITE)})s?(?![\w])",
    re.IGNORECASE,
)
_INDEFINITE_WORD = re.compile(
    rf"(?<![\w-])(?:{_LETTERS}[\w]*-?)??(?P<role>{'|'.join(re.escape(r) for r in _INDEFINITE)})(?![\w:])",
    re.IGNORECASE,
)
_WORD = re.compile(rf"{_LETTERS}+")
_PLACE_AFTER = re.compile(
    rf"\s+(?:{'|'.join(PLACE_PREPOSITIONS)})\s+(?:[A-ZÅÄÖ]{_LETTERS}*|[A-ZÅÄÖ]{{2,}})", re.UNICODE
)


@lru_cache(maxsize=1 << 14)
def _words_before(text: str, start: int) -> tuple[str, ...]:
    """The (lower-case) words just before `start` in the same sentence, at most three."""
    before = re.split(r"[.!?;:\n]", text[max(0, start - 80) : start])[-1]
    return tuple(word.casefold() for word in _WORD.findall(before)[-3:])


def find_roles(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every role in `text` that can name one person (rules in the module docstring)."""
    if not text:
        return []
    found: list[tuple[int, int, str]] = []
    for match in _DEFINITE_WORD.finditer(text):
        found.append((match.start(), match.end(), match.group()))
    for match in _INDEFINITE_WORD.finditer(text):
        if any(start <= match.start() < end for start, end, _ in found):
            continue
        role = match.group("role").casefold()
        before = _words_before(text, match.start())
        # "vår enda chef", "min chef", "en ny enhetschef"; "jag som gruppledare": the speaker's own role
        unique = bool(UNIQUE_BEFORE.intersection(before)) or before[-2:] == ("jag", "som")
        placed = (
            not _plural_like(role)
            and not (before and before[-1] in INDEFINITE_BEFORE)
            and _PLACE_AFTER.match(text, match.end()) is not None
        )
        if unique or placed:
            found.append((match.start(), match.end(), match.group()))
    return sorted(found)


def is_role_word(token: str) -> bool:
    """Whether `token` (one word, any case) is a role in its definite singular, or a compound ending in
    one ("SFI-rektorn"): what the final check looks for."""
    return _DEFINITE_WORD.fullmatch(token) is not None


def is_indefinite_role(token: str) -> bool:
    """Whether `token` is a role in its indefinite singular (or a compound ending in one)."""
    return _INDEFINITE_WORD.fullmatch(token) is not None
