"""The study's params file: loaded safely, validated, with Swedish errors that name the key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, model_validator

from .errors import ParamsError, StudyInputError
from .paths import display_path, inside, project_root

# Whole numbers must be written as numbers: YAML's `yes`/`true` is not a count of days.
WholeNumber = Annotated[int, Strict()]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Study(_Strict):
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Municipality(_Strict):
    name: str = Field(min_length=1)
    code: str = Field(pattern=r"^[A-ZÅÄÖ]{1,3}$")


class Goal(_Strict):
    municipality: str
    reference: str
    equivalence_margin_pp: float = Field(gt=0, le=50)


class CaseworkerScenario(_Strict):
    source: str = Field(min_length=1)
    job_probability_without_change: float = Field(gt=0, lt=1)
    job_probability_after_one_change: float = Field(gt=0, lt=1)
    stated_drop_pp: float = Field(gt=0, lt=100)
    stated_relative_drop: float = Field(gt=0, lt=1)


class Scenarios(_Strict):
    caseworker_change: CaseworkerScenario


class Window(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.end < self.start:
            raise ValueError("slutdatum före startdatum")
        return self


class Question(_Strict):
    text: str = Field(min_length=1)
    label: str = Field(min_length=1)
    kind: Literal["free_text", "municipality", "period"] = "free_text"
    # Which part of the final document the answers belong to (vinster, utmaningar, lärdomar, förbättringar).
    area: Optional[Literal["gain", "challenge", "lesson", "improvement"]] = None


class NameLists(_Strict):
    allow: list[str] = []
    deny: list[str] = []


class Survey(_Strict):
    sent: dt.date
    open_days: WholeNumber = Field(ge=1)
    id_column: str = Field(min_length=1)
    questions: dict[str, Question] = Field(min_length=1)
    not_published: str = Field(min_length=1)
    more_not_published: str = Field(min_length=1)
    dont_know: list[str] = []
    small_cell_threshold: WholeNumber = Field(ge=0)
    suppress_small_cells: bool
    names: NameLists

    @model_validator(mode="after")
    def _one_of_each_kind(self) -> "Survey":
        for kind in ("municipality", "period"):
            if sum(q.kind == kind for q in self.questions.values()) != 1:
                raise ValueError(f"exakt en fråga ska ha kind: {kind}")
        return self

    def key_of(self, kind: str) -> str:
        return next(key for key, q in self.questions.items() if q.kind == kind)

    @property
    def free_text(self) -> list[str]:
        return [key for key, q in self.questions.items() if q.kind == "free_text"]


class RawFile(_Strict):
    path: str
    municipality: Optional[str] = None
    sheet: Optional[str] = None


class RawFiles(_Strict):
    rolling_12m: RawFile
    baseline: RawFile
    monthly_closures: RawFile
    yearly: RawFile
    statements: RawFile
    footnotes: RawFile
    survey_response: RawFile
    survey_involvement: RawFile
    survey_fieldwork: RawFile
    survey_export: RawFile
    survey_codebook: RawFile
    survey_coding: RawFile
    survey_published_counts: RawFile
    survey_quotes: RawFile


class StudyParams(_Strict):
    study: Study
    municipalities: list[Municipality] = Field(min_length=2, max_length=2)
    goal: Goal
    confidence_level: float = Field(gt=0.5, lt=1)
    scenarios: Scenarios
    reporting_window: Window
    baseline_year: WholeNumber = Field(ge=1990, le=2100)
    collaboration_start: dt.date
    survey: Survey
    raw_files: RawFiles

    @property
    def codes(self) -> list[str]:
        return [m.code for m in self.municipalities]

    def name_of(self, code: str) -> str:
        return next(m.name for m in self.municipalities if m.code == code)

    def code_of(self, name: str) -> str | None:
        return next((m.code for m in self.municipalities if m.name == name), None)


class LoadedParams(BaseModel):
    """Validated params plus where they came from (the project root and the file)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)
    values: StudyParams
    root: Path
    file: Path

    @property
    def study_id(self) -> str:
        return self.file.stem

    def raw_path(self, key: str) -> Path:
        entry: RawFile = getattr(self.values.raw_files, key)
        try:
            return inside(self.root, entry.path, key=f"raw_files.{key}.path", within=self.root / "data")
        except ParamsError as exc:
            raise ParamsError(exc.problem, file=display_path(self.file, self.root), key=exc.key) from None

    def raw_display(self, key: str) -> str:
        return display_path(self.raw_path(key), self.root)


class _NoDatesLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so an impossible date is reported against its key."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ParamsError(f"nyckeln '{key}' står två gånger (rad {key_node.start_mark.line + 1})", key=str(key))
        seen.add(key)
    return loader.construct_mapping(node)


_NoDatesLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)
_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_MESSAGES = {
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


def _key(location: tuple) -> str:
    parts = []
    for item in location:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def _params_text(data: bytes, shown: str) -> str:
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


def load_params(path: str | Path, root: Path | None = None) -> LoadedParams:
    """Read and validate a params file; every problem is a ParamsError naming its key."""
    root = root or project_root()
    file = inside(root, path, key="params-filen")
    shown = display_path(file, root)
    if not file.is_file():
        raise ParamsError("parameterfilen finns inte", file=shown)
    text = _params_text(file.read_bytes(), shown)
    try:
        raw = yaml.load(text, Loader=_NoDatesLoader)  # noqa: S506 (safe loader)
    except StudyInputError as exc:  # a duplicate key
        raise ParamsError(exc.problem, file=shown, key=exc.key) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParamsError(
            f"filen är inte giltig YAML ({getattr(exc, 'problem', exc)})",
            file=shown,
            row=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(raw, dict):
        raise ParamsError("filen ska innehålla nycklar på översta nivån", file=shown)
    try:
        values = StudyParams.model_validate(raw)
    except ValidationError as exc:
        # An unknown key usually explains the "missing" one beside it (a typo), so it goes first.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        message = _MESSAGES.get(first["type"], first["msg"])
        if first["type"] == "value_error":
            message = str(first.get("ctx", {}).get("error", message))
        given = first.get("input")
        detail = (
            f" (angivet: {given!r})"
            if first["type"] not in {"missing", "model_type"} and not isinstance(given, dict)
            else ""
        )
        others = [_key(e["loc"]) for e in errors[1:]]
        also = f"; fler problem vid: {', '.join(others)}" if others else ""
        raise ParamsError(message + detail + also, file=shown, key=_key(first["loc"])) from None
    loaded = LoadedParams(values=values, root=root, file=file)
    _check_references(loaded, shown)
    return loaded


def _check_references(loaded: LoadedParams, shown: str) -> None:
    values = loaded.values
    codes = values.codes
    if len(set(codes)) != len(codes):
        raise ParamsError("två kommuner har samma kod", file=shown, key="municipalities")
    for key, code in (("goal.municipality", values.goal.municipality), ("goal.reference", values.goal.reference)):
        if code not in codes:
            raise ParamsError(
                f"kommunkoden '{code}' finns inte bland municipalities ({', '.join(codes)})", file=shown, key=key
            )
    if values.goal.municipality == values.goal.reference:
        raise ParamsError("målkommun och jämförelsekommun är samma", file=shown, key="goal.reference")
    for name in RawFiles.model_fields:
        entry: RawFile = getattr(values.raw_files, name)
        if entry.municipality is not None and entry.municipality not in codes:
            raise ParamsError(
                f"kommunkoden '{entry.municipality}' finns inte bland municipalities",
                file=shown,
                key=f"raw_files.{name}.municipality",
            )
        path = loaded.raw_path(name)
        if not path.is_file():
            raise ParamsError(f"datafilen '{entry.path}' finns inte", file=shown, key=f"raw_files.{name}.path")
