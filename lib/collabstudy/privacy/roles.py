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
    administratör socionom biståndshandläggare förste ombudsman vaktmästare läkare tolk föreståndare
    intendent tekniker kassör ansvarig
    """.split()
)
# Roles whose definite singular is no noun's: "den HR-ansvariga", "den ansvarige".
IRREGULAR = {"ansvarig": ("ansvariga", "ansvarige")}
_COMPOUND_ONLY = frozenset({"ansvarig", "ansvariga", "ansvarige"})
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


_DEFINITE = tuple(
    sorted(
        {d for r in ROLES for d in IRREGULAR.get(r, (definite(r),))},
        key=len,
        reverse=True,
    )
)
_DEFINITE_FORMS = _DEFINITE + tuple(f"{d}s" for d in _DEFINITE)
_INDEFINITE = tuple(sorted(ROLES, key=len, reverse=True))
_WORD = re.compile(r"[^\W\d_][\w:-]*")
_PLACE_AFTER = re.compile(rf"\s+(?:{'|'.join(PLACE_PREPOSITIONS)})\s+[A-ZÅÄÖ]")
# The roles no other role ends in ("chef" for "socialchef"): every role word holds one of them.
_HEADS = tuple(sorted({r for r in ROLES if not any(r != o and r.endswith(o) for o in ROLES)}))


def _role_end(word: str, forms: tuple[str, ...]) -> str | None:
    """The form `word` ends with, if the rest before it is nothing, a compound's first part or a
    hyphenated prefix ("rektorn", "SFI-rektorn", "socialchefen"); None otherwise."""
    lower = word.casefold()
    if not lower.endswith(forms):
        return None
    form = next(form for form in forms if lower.endswith(form))
    if form in _COMPOUND_ONLY and len(lower) == len(form):
        return None  # "ansvariga" alone is an adjective; "HR-ansvariga", "enhetsansvarige" are roles
    return form


_SENTENCE_BREAK = re.compile(r"[.!?;:\n]")
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def _words_before(text: str, start: int) -> tuple[str, ...]:
    """The (lower-case) words just before `start` in the same sentence, at most three."""
    before = _SENTENCE_BREAK.split(text[max(0, start - 80) : start])[-1]
    return tuple(word.casefold() for word in _LETTER_WORD.findall(before)[-3:])


def mentions_role(text: str) -> bool:
    """Whether any role is in `text` at all. A role word never holds a space, so the text's
    space-separated pieces are looked at; a piece without a role is remembered (answers share most of
    their pieces), and one set difference leaves the few new ones."""
    for piece in set(text.split()).difference(_NO_ROLE):
        lower = piece.lower()
        if any(head in lower for head in _HEADS):
            return True
        if len(_NO_ROLE) < 1 << 18:
            _NO_ROLE.add(piece)
    return False


# The pieces known to hold no role: a memo of a pure question (the answer depends on the piece alone).
_NO_ROLE: set[str] = set()


def find_roles(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every role in `text` that can name one person (rules in the module docstring)."""
    if not mentions_role(text):
        return []  # most answers name no role at all
    lower = text.lower()  # "lower" keeps Swedish text's length, unlike casefold
    found: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    # Only the words that hold a role are looked at.
    for hit in _head_places(lower):
        match = _WORD.match(text, _word_start(text, hit))
        if match is None or match.start() in seen:
            continue
        seen.add(match.start())
        word = match.group()
        if _role_end(word, _DEFINITE_FORMS) is not None:
            found.append((match.start(), match.end(), word))
            continue
        role = _role_end(word, _INDEFINITE)
        if role is None:
            continue
        before = _words_before(text, match.start())
        # "vår enda chef", "min chef", "en ny enhetschef"; "jag som gruppledare": the speaker's own role
        unique = bool(UNIQUE_BEFORE.intersection(before)) or before[-2:] == ("jag", "som")
        placed = (
            not _plural_like(role)
            and not (before and before[-1] in INDEFINITE_BEFORE)
            and _PLACE_AFTER.match(text, match.end()) is not None
        )
        if unique or placed:
            found.append((match.start(), match.end(), word))
    return found


def _head_places(lower: str) -> list[int]:
    """Where a role's head word ("chef", "rektor") stands in `lower`, in order. Every role word holds
    one, so these are the places of every role; a substring search per head is many times faster than
    one pattern of every role."""
    places = set()
    for head in _HEADS:
        at = lower.find(head)
        while at != -1:
            places.add(at)
            at = lower.find(head, at + 1)
    return sorted(places)


def _word_start(text: str, at: int) -> int:
    """Where the word (letters, digits, hyphens, a colon) holding position `at` begins."""
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] in "-:_"):
        at -= 1
    return at


def is_role_word(token: str) -> bool:
    """Whether `token` (one word, any case) is a role in its definite singular, or a compound ending in
    one ("SFI-rektorn"): what the final check looks for."""
    return _role_end(token, _DEFINITE_FORMS) is not None


def is_indefinite_role(token: str) -> bool:
    """Whether `token` is a role in its indefinite singular (or a compound ending in one)."""
    return _role_end(token, _INDEFINITE) is not None
