"""Reading a params file's text: safe YAML (no dates guessed, no duplicate keys, no anchors or aliases,
a bounded size and depth), and Swedish messages for pydantic's validation errors."""

from __future__ import annotations

import math
import reprlib

import yaml

from .characters import letters_hint, written_out
from .errors import ParamsError

# A params file is a few kB written by hand; anything far larger is a mistake (a pasted export, a runaway
# title), refused before it is decoded, parsed or shown anywhere.
MAX_FILE_BYTES = 256 * 1024
# The deepest key of a study is four levels down (published_report.files.statements.path).
MAX_DEPTH = 20
# How much of a given value a message shows: a prefix, never a whole long value.
SHOWN_CHARACTERS = 60


def shortened(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text`, or its first `limit` characters and '…' when it is longer."""
    return text if len(text) <= limit else text[:limit] + "…"


class _ShortRepr(reprlib.Repr):
    """repr() of a given value with bounded cost and length: strings cut after their prefix."""

    def __init__(self):
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict, self.maxother = 3, 4, 4, SHOWN_CHARACTERS

    def repr_str(self, value, level):
        return repr(value[:SHOWN_CHARACTERS]) + ("…" if len(value) > SHOWN_CHARACTERS else "")


_SHORT_REPR = _ShortRepr()


def shown_value(value) -> str:
    """A given value as a message shows it (`(angivet: …)`): short, whatever was given."""
    return shortened(_SHORT_REPR.repr(value), 2 * SHOWN_CHARACTERS)


def _row(node_or_event) -> int:
    return _row_of_mark(node_or_event.start_mark)


def _row_of_mark(mark) -> int:
    return mark.line + 1


# libyaml's parser when PyYAML has it (the wheels do): a params file at the size limit parses in a
# fraction of a second, where the pure-Python parser needs seconds.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class NoDatesLoader(SAFE_LOADER):
    """Safe YAML that leaves dates as text, so an impossible date is reported against its key.

    Anchors and aliases (`&a`, `*a`) are refused before the file is composed, so before any value
    is built: a "billion laughs" file would otherwise expand into gigabytes wherever it is validated
    or shown. A params file never needs them; a value is written out where it is used. Nesting
    deeper than any study's keys is refused too (it would exhaust the stack).
    """

    def __init__(self, stream):
        text = stream if isinstance(stream, (str, bytes)) else stream.read()
        refuse_anchors_and_depth(text)  # whichever way the loader is then used (load, load_all)
        super().__init__(text)


def refuse_anchors_and_depth(text: str | bytes) -> None:
    """The YAML's events, checked before anything is composed: no anchor or alias, no deep nesting."""
    parser, depth = _Parser(text), 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise ParamsError(
                    "parametrarna får inte använda YAML-ankare eller alias (&/*); skriv ut värdet", row=_row(event)
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ParamsError(f"parametrarna är för djupt nästlade (högst {MAX_DEPTH} nivåer)", row=_row(event))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:  # libyaml's own limit (deeper still): the same message
        if "nesting depth" not in str(exc.problem) or exc.problem_mark is None:
            raise
        raise ParamsError(
            f"parametrarna är för djupt nästlade (högst {MAX_DEPTH} nivåer)", row=_row_of_mark(exc.problem_mark)
        ) from None
    finally:
        parser.dispose()


def _read_as(value) -> str:
    if isinstance(value, bool):
        return "sant/falskt"
    return (
        "ett tal" if isinstance(value, (int, float)) else "ett tomt värde" if value is None else "något annat än text"
    )


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: a list or group as a key
            raise ParamsError("en nyckel ska vara ett namn, inte en lista eller grupp", row=_row(key_node))
        key = loader.construct_object(key_node)
        if not isinstance(key, str):  # `5:` or `yes:` as a key: YAML makes a number or true/false of it
            raise ParamsError(
                f"nyckeln '{shortened(key_node.value)}' ska vara ett namn (YAML läser den som {_read_as(key)}); "
                "skriv den inom citattecken om den ska vara så",
                row=_row(key_node),
            )
        if key in seen:
            shown = shortened(str(key))
            raise ParamsError(f"nyckeln '{shown}' står två gånger (rad {_row(key_node)})", key=shown)
        seen.add(key)
    return loader.construct_mapping(node)


NoDatesLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)
NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

UNKNOWN_PROBLEM = "ogiltigt värde för nyckeln (se exemplet i params/svedala-trelleborg-2023.yaml)"
MESSAGES = {
    "extra_forbidden": "okänd nyckel (stavfel?)",
    "literal_error": "ska vara ett av de tillåtna värdena",
    "date_from_datetime_inexact": "ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)",
    "datetime_type": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "missing": "nyckeln saknas",
    "date_from_datetime_parsing": "inte ett giltigt datum (skriv ÅÅÅÅ-MM-DD med ett datum som finns)",
    "date_parsing": "inte ett giltigt datum (skriv ÅÅÅÅ-MM-DD med ett datum som finns)",
    "date_type": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "int_parsing_size": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "string_type": "ska vara text",
    "list_type": "ska vara en lista",
    "model_type": "ska vara en grupp av nycklar",
    "dict_type": "ska vara en grupp av nycklar",
    "greater_than_equal": "värdet är för litet",
    "less_than_equal": "värdet är för stort",
    "string_too_short": "får inte vara tomt",
    "string_too_long": "är för lång ({length} tecken; högst {max_length})",
    "too_short": "har för få element",
    "too_long": "har för många element ({actual_length}; högst {max_length})",
    "string_pattern_mismatch": "har fel form",
    "value_error": "ogiltigt värde",
    "float_parsing": "ska vara ett tal (decimalpunkt i YAML, t.ex. 0.95)",
    "float_type": "ska vara ett tal (decimalpunkt i YAML, t.ex. 0.95)",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "greater_than": "värdet är för litet",
    "less_than": "värdet är för stort",
}
NUMBER_TYPES = {"float_type": "ett tal", "int_type": "ett heltal"}

# The params file's text patterns (collabstudy.study.params), each with the form it asks for in Swedish.
MUNICIPALITY_CODE = r"^[A-ZÅÄÖ]{1,3}$"
QUESTION_KEY = r"^[^\s/]+$"
REVIEW_PLACE = r"^(?:0|[1-9][0-9]*)/[^/\s]+/(?:0|[1-9][0-9]*)-(?:0|[1-9][0-9]*)$"
CODER_CODE = r"^[A-ZÅÄÖ0-9]{1,8}$"
PATTERN_FORMS = {
    MUNICIPALITY_CODE: "en kommunkod är 1–3 versaler, t.ex. S",
    QUESTION_KEY: "en frågenyckel är ett ord utan mellanslag och snedstreck, t.ex. q2",
    REVIEW_PLACE: "en plats skrivs '<svar>/<fråga>/<start>-<slut>' med talen utan inledande nollor, "
    "t.ex. 12/q2/14-25, som granskningsfilen eller anonymitetskontrollens meddelande anger den",
    CODER_CODE: "en kodares kod är 1–8 versaler eller siffror, t.ex. A",
}


def swedish_count(number: int) -> str:
    """A count as Swedish text writes it: 5 013, 2 000 000."""
    return f"{number:,}".replace(",", " ")


def message_of(error: dict) -> str:
    """A pydantic error in Swedish: what is wrong with the value (the key and value are shown apart)."""
    kind, given, context = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "value_error":
        return str(context.get("error", MESSAGES[kind]))
    if kind in NUMBER_TYPES:
        return _number_message(NUMBER_TYPES[kind], given) or MESSAGES[kind]
    message = MESSAGES.get(kind, UNKNOWN_PROBLEM)  # pydantic's own text is English: never shown
    if kind == "extra_forbidden" and error.get("loc"):
        return message + letters_hint(str(error["loc"][-1]))
    if kind == "literal_error" and context.get("expected"):
        return f"{message}: {context['expected'].replace(' or ', ', ')}"
    if kind == "string_pattern_mismatch":
        form = PATTERN_FORMS.get(context.get("pattern", ""))
        return f"{message} ({form})" if form else message
    if kind == "string_too_long":
        return message.format(length=swedish_count(len(given)), max_length=swedish_count(context["max_length"]))
    if kind == "too_long":
        return message.format(
            actual_length=swedish_count(context.get("actual_length") or len(given)),
            max_length=swedish_count(context["max_length"]),
        )
    return message


def _number_message(what: str, given) -> str | None:
    """A number written as text ("0.95", "16", "0,95") or as true/false: what to write instead."""
    if isinstance(given, bool):
        return f"ska vara {what}, inte true/false"
    if not isinstance(given, str):
        return None
    written = given.strip()
    if _yaml_number(written, what):
        return f"ska vara {what}, inte text: skriv {shortened(written)} utan citattecken"
    with_point = written.replace(",", ".")
    if "," in written and _yaml_number(with_point, what):
        return f"ska vara {what} med decimalpunkt, inte decimalkomma: skriv {shortened(with_point)}"
    return None


_NUMBER_TAGS = {
    "ett tal": {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"},
    "ett heltal": {"tag:yaml.org,2002:int"},
}


def _yaml_number(written: str, what: str) -> bool:
    """Whether `written`, unquoted, is read as a number of the kind (YAML's own rules: 1e3 is text, 1.0e3 is not)."""
    tag = NoDatesLoader.resolve(NoDatesLoader, yaml.ScalarNode, written, (True, False))
    return tag in _NUMBER_TAGS[what] and written.lower() not in {".nan", ".inf", "-.inf", "+.inf"}


def key_of(location: tuple) -> str:
    """A key as messages show it ('survey.questions.q10'); a look-alike letter of another alphabet written
    as its code ('surv\\u0435y'), so that it does not look like the key it imitates."""
    parts: list[str] = []
    if location and location[-1] == "[key]":
        location = location[:-1]  # pydantic's mark that the key itself (a review place), not its value, is wrong
    for item in location:
        if isinstance(item, int) and parts:
            parts[-1] = f"{parts[-1]}[{item}]"
        else:
            parts.append(shortened(written_out(str(item))))
    return ".".join(parts)


def check_size(size: int, shown: str) -> None:
    """A params file larger than one can be is refused before it is read."""
    if size > MAX_FILE_BYTES:
        raise ParamsError(
            f"parameterfilen är för stor ({swedish_count(math.ceil(size / 1024))} kB; högst {MAX_FILE_BYTES // 1024} kB); "
            "en parameterfil är några kB text",
            file=shown,
        )


def params_text(data: bytes, shown: str) -> str:
    """The params file as text: UTF-8 (with or without Excel's BOM), as every editor can save it.

    A file in another encoding is refused here, before any step runs: read as Windows-1252 it
    would give names with the wrong letters in every output. A file larger than a params file
    can be is refused before it is decoded.
    """
    check_size(len(data), shown)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:2]:
        raise ParamsError(
            "parameterfilen är sparad som UTF-16 (i Anteckningar: ”Unicode”), inte som UTF-8; spara den "
            "som UTF-8 i editorn och kör igen",
            file=shown,
            row=1,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ParamsError("parameterfilen är tom", file=shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise ParamsError(
            f"parameterfilen är inte sparad som UTF-8 (kanske Windows-1252{_as_cp1252(data[exc.start])}); "
            "spara den som UTF-8 i editorn och kör igen",
            file=shown,
            row=row,
        ) from None
    if "\x00" in text:  # UTF-16 without its byte order mark, or a binary file
        raise ParamsError(
            "parameterfilen innehåller nolltecken (sparad som UTF-16 eller inte en textfil?); spara den som "
            "UTF-8 i editorn och kör igen",
            file=shown,
            row=text[: text.index("\x00")].count("\n") + 1,
        )
    return text


def _as_cp1252(byte: int) -> str:
    """The first byte that is not UTF-8 as Windows-1252 reads it (": tecknet 'å'?"), if it is printable there."""
    try:
        character = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return "?"
    return f": tecknet '{character}'?" if character.isprintable() else "?"


# PyYAML's problems (English) as an analyst can act on them; an unknown one gets the general advice.
YAML_PROBLEMS = (
    ("mapping values are not allowed", "ett kolon på fel ställe (en text med ': ' i behöver citattecken)"),
    ("could not find expected ':'", "ett kolon saknas efter nyckeln"),
    ("did not find expected key", "indraget stämmer inte, eller en rad saknar sin nyckel"),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected '-'", "indraget stämmer inte i en lista"),
    (
        "cannot start any token",
        "ett tecken som inte får inleda ett värde (ett tabbtecken i indraget? använd mellanslag)",
    ),
    ("found unexpected end of stream", "ett citattecken eller en hakparentes stängs aldrig"),
    ("found unknown escape character", "ett okänt \\-tecken i en text med dubbla citattecken"),
    ("constructor for the tag", "en YAML-tagg (!…) som parametrarna inte använder"),
    ("undefined tag handle", "en YAML-tagg (!…) som parametrarna inte använder"),
    ("found duplicate anchor", "YAML-ankare (&), som parametrarna inte får använda"),
)


def yaml_problem(exc: Exception) -> str:
    """What is wrong on the row, in Swedish, from a PyYAML error."""
    text = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    for english, swedish in YAML_PROBLEMS:
        if english in text or english in str(exc):
            return swedish
    return "kontrollera indrag, kolon och citattecken på raden"
