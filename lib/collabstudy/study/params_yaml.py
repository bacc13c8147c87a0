"""Reading a params file's text: safe YAML (no dates guessed, no duplicate keys), and Swedish messages
for pydantic's validation errors."""

from __future__ import annotations

import yaml

from .errors import ParamsError


class NoDatesLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so an impossible date is reported against its key."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ParamsError(f"nyckeln '{key}' står två gånger (rad {key_node.start_mark.line + 1})", key=str(key))
        seen.add(key)
    return loader.construct_mapping(node)


NoDatesLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)
NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

MESSAGES = {
    "extra_forbidden": "okänd nyckel (stavfel?)",
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
    "too_short": "har för få element",
    "too_long": "har för många element",
    "string_pattern_mismatch": "har fel form (kommunkod: 1–3 versaler, t.ex. S)",
    "value_error": "ogiltigt värde",
    "float_parsing": "ska vara ett tal (decimalpunkt i YAML, t.ex. 0.95)",
    "float_type": "ska vara ett tal",
    "greater_than": "värdet är för litet",
    "less_than": "värdet är för stort",
}


def key_of(location: tuple) -> str:
    parts = []
    for item in location:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def params_text(data: bytes, shown: str) -> str:
    """The params file as text: UTF-8 (with or without Excel's BOM), as every editor can save it.

    A file in another encoding is refused here, before any step runs: read as Windows-1252 it
    would give names with the wrong letters in every output.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ParamsError("parameterfilen är tom", file=shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise ParamsError(
            "parameterfilen är inte sparad som UTF-8 (kanske Windows-1252?); spara den som UTF-8 "
            "i editorn och kör igen",
            file=shown,
            row=row,
        ) from None
