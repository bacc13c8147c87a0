"""The study's params file: loaded safely, validated, with Swedish errors that name the key."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Optional

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    model_validator,
)

from .calendar import today
from .errors import ParamsError, StudyInputError
from .params_yaml import (
    CODER_CODE,
    MAX_FILE_BYTES,
    MUNICIPALITY_CODE,
    QUESTION_KEY,
    REVIEW_PLACE,
    NoDatesLoader,
    check_size,
    key_of,
    message_of,
    params_text,
    shortened,
    shown_value,
    swedish_count,
    yaml_problem,
)
from .paths import display_path, inside, project_root, system_problem

# Numbers must be written as numbers: "0.95" or "16" in quotes is text, and YAML's `yes`/`true` is not
# a count of days. A whole number is still a number where a decimal one is asked for (a margin of 5).
WholeNumber = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
YesNo = Annotated[bool, Strict()]


def _date_as_written(value):
    """A date is written ÅÅÅÅ-MM-DD (YAML leaves it as text here): a bare number is no date, though
    pydantic would read it as seconds since 1970."""
    if isinstance(value, (int, float)):
        raise ValueError("ska vara ett datum (ÅÅÅÅ-MM-DD), inte ett tal")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_as_written)]

# The longest text any field may hold (a title, a label, a municipality, a name on a list) and the
# longest question (a Forms question, as the export's column heading writes it).
MAX_TEXT = 500
MAX_QUESTION = 2000
# A path in params: short enough for every filesystem (checked before the filesystem is asked).
MAX_PATH, MAX_PATH_PART = 255, 100
MAX_NAMES = 10_000  # names on the allow or deny list
# A delivered file (a table, an export, the evaluators' Markdown) is at most some MB: a larger one is refused
# before anything reads it.
MAX_DELIVERY_BYTES = 50 * 2**20


def _short_parts(path: str) -> str:
    for part in path.replace("\\", "/").split("/"):
        if len(part) > MAX_PATH_PART:
            raise ValueError(
                f"en del av sökvägen är för lång ({swedish_count(len(part))} tecken; högst {MAX_PATH_PART}): "
                f"'{shortened(part)}'"
            )
    return path


# make names every file a step reads in its rules: a space, a quote, ; or $ in a name would split it or be
# read as make's or the shell's own sign (any letter, å, ä, ö too, digit or other sign is fine).
_NOT_PLAIN = re.compile(r"[\s\"'`$;&|<>()\[\]{}*?#%:=,\\!^~]")


def _plain_characters(path: str) -> str:
    found = _NOT_PLAIN.search(path)
    if found:
        sign = found.group()
        what = {" ": "ett mellanslag", "\\": "ett bakstreck (skriv / mellan mapparna)"}.get(sign, f"tecknet '{sign}'")
        raise ValueError(
            f"sökvägen '{shortened(path)}' har {what} på plats {found.start() + 1}, som make inte kan hantera i ett "
            "filnamn (bokstäver, siffror och . _ - / går): byt namn på filen"
        )
    return path


# A file's path relative to the project (or to params/ for an earlier evaluation).
ParamsPath = Annotated[
    str, StringConstraints(max_length=MAX_PATH), AfterValidator(_short_parts), AfterValidator(_plain_characters)
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, str_max_length=MAX_TEXT)


class Study(_Strict):
    title: str = Field(min_length=1)
    # What the study is based on, as the title block says it ("Leveranser från … 2024").
    source: str = Field(min_length=1)


class Municipality(_Strict):
    name: str = Field(min_length=1)
    code: str = Field(pattern=MUNICIPALITY_CODE)


class Goal(_Strict):
    municipality: str
    reference: str
    equivalence_margin_pp: Number = Field(gt=0, le=50)


class CaseworkerScenario(_Strict):
    source: str = Field(min_length=1)
    job_probability_without_change: Number = Field(gt=0, lt=1)
    job_probability_after_one_change: Number = Field(gt=0, lt=1)
    stated_drop_pp: Number = Field(gt=0, lt=100)
    stated_relative_drop: Number = Field(gt=0, lt=1)


class Scenarios(_Strict):
    caseworker_change: CaseworkerScenario


class Window(_Strict):
    start: Date
    end: Date

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.end < self.start:
            raise ValueError("slutdatum före startdatum")
        return self


CLOSED_KINDS = ("rating", "choice")
# A question's key, as params, the codebook and the coding write it (q1, battre_2024).
QuestionKey = Annotated[str, StringConstraints(pattern=QUESTION_KEY, max_length=100)]


class Question(_Strict):
    text: str = Field(min_length=1, max_length=MAX_QUESTION)
    label: str = Field(min_length=1)
    # free_text: coded into themes; rating: a number 1–points (Forms' rating); choice: one of `options`.
    kind: Literal["free_text", "municipality", "period", "rating", "choice"] = "free_text"
    # Which part of the final document the answers belong to (vinster, utmaningar, lärdomar, förbättringar).
    area: Optional[Literal["gain", "challenge", "lesson", "improvement"]] = None
    points: Optional[WholeNumber] = Field(default=None, ge=2, le=10)  # rating: the scale's highest value
    # rating: what the scale's ends mean, as the form says (e.g. "Inte alls nöjd", "Mycket nöjd").
    low: Optional[str] = Field(default=None, min_length=1)
    high: Optional[str] = Field(default=None, min_length=1)
    options: Optional[list[str]] = Field(default=None, min_length=2, max_length=30)  # choice: in the form's order
    # The previous evaluation's question this one continues (its key in that study's params), when the text or
    # the key changed: a question is compared with an earlier one only through this link or an identical text.
    same_as: Optional[QuestionKey] = None

    @model_validator(mode="after")
    def _closed_fields(self) -> "Question":
        if self.kind == "rating" and self.points is None:
            raise ValueError("en fråga med kind: rating ska ha points (skalans högsta värde, t.ex. 5)")
        if self.kind == "choice" and self.options is None:
            raise ValueError("en fråga med kind: choice ska ha options (svarsalternativen i formulärets ordning)")
        if self.kind != "rating" and (self.points, self.low, self.high) != (None, None, None):
            raise ValueError("points, low och high hör bara till en fråga med kind: rating")
        if self.kind != "choice" and self.options is not None:
            raise ValueError("options hör bara till en fråga med kind: choice")
        if self.options is not None:
            folded = [" ".join(option.split()).casefold() for option in self.options]
            if any(not option for option in folded):
                raise ValueError("ett svarsalternativ är tomt")
            if len(set(folded)) < len(folded):
                raise ValueError("två svarsalternativ är lika")
        if self.kind in CLOSED_KINDS and self.area is not None:
            raise ValueError("area hör bara till en fritextfråga")
        return self

    @property
    def scale(self) -> list[str]:
        """A closed question's answers in the form's order (a rating's as '1'…'points')."""
        if self.kind == "rating":
            return [str(value) for value in range(1, self.points + 1)]
        return list(self.options or [])


# The anonymity review's decision on one occurrence (survey.names.review), by its place in the export
# "<answer id>/<question key>/<start>-<end>" (the review file's 'plats'): keep it, replace it by its
# placeholder (ersätt, or the placeholder's name: namn, roll, adress …), or leave the quote out.
ReviewPlace = Annotated[str, StringConstraints(pattern=REVIEW_PLACE)]
ReviewDecision = Literal[
    "behåll", "ersätt", "utelämna", "namn", "roll", "adress", "e-post", "webbadress", "telefon", "personnummer"
]


class NameLists(_Strict):
    allow: list[str] = Field(default=[], max_length=MAX_NAMES)
    deny: list[str] = Field(default=[], max_length=MAX_NAMES)
    review: dict[ReviewPlace, ReviewDecision] = Field(default={}, max_length=MAX_NAMES)


class Survey(_Strict):
    sent: Date
    open_days: WholeNumber = Field(ge=1)
    id_column: str = Field(default="ID", min_length=1)
    questions: dict[str, Question] = Field(min_length=1, max_length=200)
    dont_know: list[str] = Field(default=[], max_length=100)
    # The share of non-blank answers that may stay uncoded (0: every answer must have a theme).
    uncoded_share_allowed: Number = Field(default=0.0, ge=0, le=1)
    # Who codes the free text, by code (make coding-sheets writes one sheet each; two or more: agreement).
    coders: list[CoderCode] = Field(default=[], max_length=10)
    small_cell_threshold: WholeNumber = Field(ge=0)
    suppress_small_cells: YesNo
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

    @property
    def closed(self) -> list[str]:
        """The rating and single-choice questions, in params order."""
        return [key for key, q in self.questions.items() if q.kind in CLOSED_KINDS]


# A coder is named by a short code, never by name: the coders are colleagues, and the method appendix
# reports agreement per coder.
CoderCode = Annotated[str, StringConstraints(pattern=CODER_CODE)]


class RawFile(_Strict):
    path: ParamsPath
    municipality: Optional[str] = None
    sheet: Optional[str] = None
    coder: Optional[CoderCode] = None  # survey_coding: whose coding the file is (with two coders or more)


def _as_list(value):
    """One file or a list of files (one per municipality): always a list."""
    return [value] if isinstance(value, dict) else value


OneOrMore = Annotated[list[RawFile], BeforeValidator(_as_list)]


class RawFiles(_Strict):
    """The study: what the municipalities deliver for one evaluation period."""

    rolling_12m: RawFile
    baseline: RawFile
    monthly_closures: OneOrMore = Field(min_length=1, max_length=20)  # one file per municipality delivered
    yearly: OneOrMore = Field(default=[], max_length=20)  # per-year statistics, for either municipality or both
    survey_invitations: RawFile
    survey_export: RawFile
    survey_codebook: RawFile
    # One coding, or one per coder (each with `coder`); with two or more, the agreed decisions on every
    # disagreement (the filled reconciliation sheet) in survey_coding_reconciled.
    survey_coding: OneOrMore = Field(min_length=1, max_length=10)
    survey_coding_reconciled: Optional[RawFile] = None
    evaluators_text: Optional[RawFile] = None  # the evaluators' own judgement (Markdown)


class ReportFiles(_Strict):
    statements: RawFile  # figures stated in the report's running text
    footnotes: RawFile
    survey_involvement: RawFile  # published shares of respondents per period of involvement
    survey_fieldwork: RawFile  # published send date, days open, mean answer time
    survey_published_counts: RawFile  # published counts of respondents per theme, blank, "vet ej"
    survey_quotes: RawFile  # the printed quotes (what a reconstructed export is built from)


class PublishedReport(_Strict):
    """A published report to reproduce (optional): its figures are checked against the deliveries."""

    source: str = Field(min_length=1)
    files: ReportFiles
    # A reconstructed export marks what the report does not publish (an answer, the rest of one).
    not_published: Optional[str] = Field(default=None, min_length=1)
    more_not_published: Optional[str] = Field(default=None, min_length=1)


# The deliveries a municipality may not deliver for a period: the study says so and leaves out what rests on
# them (the rolling table, the baseline and the survey are what the goal and the report need).
DECLARABLE = ("monthly_closures", "yearly")


class NotDelivered(_Strict):
    """A delivery a municipality did not make for this period, with the reason it gave (said in the report)."""

    delivery: Literal["monthly_closures", "yearly"]
    municipality: str = Field(min_length=1, max_length=20)
    reason: str = Field(min_length=3, max_length=500)


class StudyParams(_Strict):
    study: Study
    municipalities: list[Municipality] = Field(min_length=2, max_length=2)
    goal: Goal
    confidence_level: Number = Field(gt=0.5, lt=1)
    scenarios: Optional[Scenarios] = None
    reporting_window: Window
    baseline_year: WholeNumber = Field(ge=1990, le=2100)
    collaboration_start: Date
    survey: Survey
    raw_files: RawFiles
    published_report: Optional[PublishedReport] = None
    # Earlier evaluations of the same collaboration, oldest first: their params files (in params/).
    previous_evaluations: list[ParamsPath] = Field(default=[], max_length=100)
    # Deliveries not made for this period, each with the deliverer's reason (the delivery ledger).
    not_delivered: list[NotDelivered] = Field(default=[], max_length=20)

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

    @property
    def published(self) -> PublishedReport | None:
        """The published report to reproduce, if the study has one."""
        return self.values.published_report

    def all_deliveries(self) -> list[Delivery]:
        """Every file the study reads, of both layers, in params order."""
        names = [*RawFiles.model_fields, *(ReportFiles.model_fields if self.published is not None else [])]
        return [d for key in names for d in self.deliveries(key)]

    def deliveries(self, key: str) -> list[Delivery]:
        """The files behind a key of either layer (raw_files.<key> or published_report.files.<key>); none
        when the study has no such file (an optional delivery, or no published report)."""
        if key in RawFiles.model_fields:
            value, prefix = getattr(self.values.raw_files, key), f"raw_files.{key}"
        elif key in ReportFiles.model_fields:
            if self.published is None:
                return []
            value, prefix = getattr(self.published.files, key), f"published_report.files.{key}"
        else:
            raise KeyError(f"okänd datafil '{key}'")
        if value is None:
            return []
        if isinstance(value, list):
            declared = {n.municipality for n in self.values.not_delivered if n.delivery == key}
            # a delivery declared not made is not read, whatever file its entry still names
            return [
                self._delivery(entry, f"{prefix}[{i}]")
                for i, entry in enumerate(value)
                if entry.municipality not in declared
            ]
        return [self._delivery(value, prefix)]

    def not_delivered(self, key: str) -> list[tuple[str, str]]:
        """The municipalities that did not deliver `key` this period, with their reasons (params not_delivered)."""
        return [(n.municipality, n.reason) for n in self.values.not_delivered if n.delivery == key]

    def declared_files(self, key: str) -> list[Delivery]:
        """The files params still name for a delivery declared not made (checked to be empty, never read)."""
        declared = {code for code, _ in self.not_delivered(key)}
        entries = getattr(self.values.raw_files, key) if key in RawFiles.model_fields else []
        return [
            self._delivery(entry, f"raw_files.{key}[{i}]")
            for i, entry in enumerate(entries or [])
            if entry.municipality in declared
        ]

    def delivery(self, key: str) -> Delivery | None:
        """The one file behind a key (None when the study has none)."""
        found = self.deliveries(key)
        return found[0] if found else None

    def _delivery(self, entry: RawFile, key: str) -> Delivery:
        try:
            raw = self.root / "data" / "raw"
            # A file written as data/raw/… must be there: a symbolic link out of data/raw/ is refused.
            written_in_raw = Path(os.path.abspath(self.root / entry.path)).is_relative_to(raw)
            path = inside(
                self.root, entry.path, key=f"{key}.path", within=raw if written_in_raw else self.root / "data"
            )
        except ParamsError as exc:
            raise ParamsError(exc.problem, file=display_path(self.file, self.root), key=exc.key) from None
        return Delivery(key, entry, path, display_path(path, self.root))

    def raw_path(self, key: str) -> Path:
        return self.delivery(key).path

    def raw_display(self, key: str) -> str:
        return self.delivery(key).display

    def previous(self) -> list[Path]:
        """The params files of the earlier evaluations, oldest first."""
        shown = display_path(self.file, self.root)
        paths = []
        for index, name in enumerate(self.values.previous_evaluations):
            key = f"previous_evaluations[{index}]"
            try:
                path = inside(self.root, name, key=key, within=self.root / "params")
            except ParamsError as exc:
                raise ParamsError(exc.problem, file=shown, key=exc.key) from None
            if not path.is_file():
                raise ParamsError(f"parameterfilen '{name}' finns inte", file=shown, key=key)
            if path == self.file:
                raise ParamsError("en studie kan inte vara sin egen tidigare utvärdering", file=shown, key=key)
            paths.append(path)
        return paths

    def previous_studies(self) -> list[LoadedParams]:
        """The earlier evaluations' params, loaded (each checked as its own study is), oldest first. Each
        must end before this period starts (so no two studies can be each other's earlier evaluation)
        and have the same goal and reference municipalities (their figures are compared with these)."""
        shown = display_path(self.file, self.root)
        found = []
        for index, path in enumerate(self.previous()):
            key, earlier = f"previous_evaluations[{index}]", load_params(path, self.root)
            window, ours = earlier.values.reporting_window, self.values.reporting_window
            if window.end >= ours.start:
                raise ParamsError(
                    f"den tidigare utvärderingens period ({window.start}–{window.end}) slutar inte före denna "
                    f"periods början ({ours.start})",
                    file=shown,
                    key=key,
                )
            goal = [
                earlier.values.name_of(c) for c in (earlier.values.goal.municipality, earlier.values.goal.reference)
            ]
            if goal != [self.values.name_of(c) for c in (self.values.goal.municipality, self.values.goal.reference)]:
                raise ParamsError(
                    f"den tidigare utvärderingens mål gäller {goal[0]} mot {goal[1]}, inte samma kommuner som denna",
                    file=shown,
                    key=key,
                )
            found.append(earlier)
        found.sort(key=lambda e: e.values.reporting_window.end)
        if found:
            self._check_same_as(found[-1], shown)
        return found

    def _check_same_as(self, previous: LoadedParams, shown: str) -> None:
        """Each `same_as` names a question of the previous evaluation (the latest earlier one) of the same
        kind, and no two questions continue the same one."""
        then = previous.values.survey.questions
        same = {" ".join(q.text.split()): key for key, q in then.items()}
        # the questions that continue an earlier one by their identical text (and kind)
        linked: dict[str, str] = {}
        for key, question in self.values.survey.questions.items():
            earlier = same.get(" ".join(question.text.split()))
            if question.same_as is None and earlier is not None and then[earlier].kind == question.kind:
                linked[earlier] = key
        for key, question in self.values.survey.questions.items():
            if question.same_as is None:
                continue
            where = f"survey.questions.{key}.same_as"
            earlier = then.get(question.same_as)
            if earlier is None:
                raise ParamsError(
                    f"frågan '{shortened(question.same_as)}' finns inte i förra utvärderingens parameterfil "
                    f"({display_path(previous.file, self.root)}); dess frågor: {', '.join(then)}",
                    file=shown,
                    key=where,
                )
            if earlier.kind != question.kind:
                raise ParamsError(
                    f"frågan {question.same_as} i förra utvärderingen har kind: {earlier.kind}, den här kind: "
                    f"{question.kind}; svaren kan inte jämföras (ta bort same_as om frågan är ny)",
                    file=shown,
                    key=where,
                )
            if linked.get(question.same_as, key) != key:
                raise ParamsError(
                    f"både {linked[question.same_as]} och {key} fortsätter förra utvärderingens fråga "
                    f"{question.same_as} (genom same_as eller samma frågetext); bara en fråga kan göra det",
                    file=shown,
                    key=where,
                )
            linked[question.same_as] = key


@dataclass(frozen=True)
class Delivery:
    """One delivered file: its params key, entry, path and the path as messages show it."""

    key: str
    entry: RawFile
    path: Path
    display: str

    @property
    def municipality(self) -> str | None:
        return self.entry.municipality

    @property
    def sheet(self) -> str | None:
        return self.entry.sheet


def load_params(path: str | Path, root: Path | None = None, *, coding_to_come: bool = False) -> LoadedParams:
    """Read and validate a params file; every problem is a ParamsError naming its key (or row).

    With `coding_to_come` (the coding sheets are being prepared) the coding files and the
    reconciliation may not exist yet: their paths say where the filled sheets will be saved.

    Safe by construction: a file larger than a params file can be is refused before it is read whole,
    YAML anchors and aliases before anything is expanded, a path too long for the filesystem before
    the filesystem is asked, and no message shows more than a short prefix of what was given.
    """
    root = root or project_root()
    file = inside(root, path, key="params-filen")
    shown = display_path(file, root)
    if not file.is_file():
        raise ParamsError("parameterfilen finns inte", file=shown)
    try:
        check_size(file.stat().st_size, shown)
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more than one byte over the limit
    except OSError as exc:
        raise ParamsError(f"parameterfilen kan inte läsas ({system_problem(exc)})", file=shown) from None
    text = params_text(data, shown)
    try:
        raw = yaml.load(text, Loader=NoDatesLoader)  # noqa: S506 (safe loader)
    except StudyInputError as exc:  # a duplicate key, an anchor or alias, nesting too deep
        raise ParamsError(exc.problem, file=shown, row=exc.row, key=exc.key) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParamsError(
            f"filen är inte giltig YAML: {yaml_problem(exc)}",
            file=shown,
            row=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(raw, dict):
        raise ParamsError("filen ska innehålla nycklar på översta nivån", file=shown)
    try:
        values = StudyParams.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(exc, shown) from None
    loaded = LoadedParams(values=values, root=root, file=file)
    _check_references(loaded, shown, CODING_FILES if coding_to_come else ())
    return loaded


def _validation_error(exc: ValidationError, shown: str) -> ParamsError:
    """The first problem pydantic found, in Swedish, with its key and a short form of the given value."""
    # An unknown key usually explains the "missing" one beside it (a typo), so it goes first.
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    given = first.get("input")
    detail = (
        f" (angivet: {shown_value(given)})"
        if first["type"] not in {"missing", "model_type"} and not isinstance(given, dict)
        else ""
    )
    others = [key_of(e["loc"]) for e in errors[1:]]
    listed = ", ".join(others[:5]) + (f" och {len(others) - 5} till" if len(others) > 5 else "")
    also = f"; fler problem vid: {listed}" if others else ""
    return ParamsError(message_of(first) + detail + also, file=shown, key=key_of(first["loc"]))


# The deliveries written from the coding sheets, which exist only once the coders have filled them.
CODING_FILES = ("survey_coding", "survey_coding_reconciled")
CODING_HINT = " (make coding-sheets skriver bladen i build/<studie>/kodning/; spara de ifyllda här)"


def _check_references(loaded: LoadedParams, shown: str, may_be_missing: tuple[str, ...]) -> None:
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
    for name in [*RawFiles.model_fields, *ReportFiles.model_fields]:
        for delivery in loaded.deliveries(name):
            if delivery.municipality is not None and delivery.municipality not in codes:
                raise ParamsError(
                    f"kommunkoden '{delivery.municipality}' finns inte bland municipalities",
                    file=shown,
                    key=f"{delivery.key}.municipality",
                )
            if not delivery.path.is_file() and name not in may_be_missing:
                hint = CODING_HINT if name in CODING_FILES else ""
                raise ParamsError(
                    f"datafilen '{delivery.entry.path}' finns inte{hint}", file=shown, key=f"{delivery.key}.path"
                )
            if delivery.path.is_file() and delivery.path.stat().st_size > MAX_DELIVERY_BYTES:
                raise ParamsError(
                    f"datafilen '{delivery.entry.path}' är {swedish_count(delivery.path.stat().st_size // 2**20)} MB; "
                    f"en leverans är högst {MAX_DELIVERY_BYTES // 2**20} MB (har något annat sparats under dess namn?)",
                    file=shown,
                    key=f"{delivery.key}.path",
                )
    _check_coders(loaded, shown)
    _check_dates(values, shown)
    if not values.previous_evaluations:
        for key, question in values.survey.questions.items():
            if question.same_as is not None:
                raise ParamsError(
                    "same_as pekar på en fråga i förra utvärderingen, men studien har ingen tidigare utvärdering "
                    "(previous_evaluations)",
                    file=shown,
                    key=f"survey.questions.{key}.same_as",
                )
    seen = set()
    for index, missing in enumerate(values.not_delivered):
        key = f"not_delivered[{index}]"
        if missing.municipality not in codes:
            raise ParamsError(
                f"kommunkoden '{missing.municipality}' finns inte bland municipalities ({', '.join(codes)})",
                file=shown,
                key=f"{key}.municipality",
            )
        if (missing.delivery, missing.municipality) in seen:
            raise ParamsError("samma leverans anges två gånger som ej levererad", file=shown, key=key)
        seen.add((missing.delivery, missing.municipality))
    for name in ("monthly_closures", "yearly"):
        found = [d.municipality for d in loaded.deliveries(name)]
        if None in found:
            raise ParamsError("ange kommunen (municipality) för varje fil", file=shown, key=f"raw_files.{name}")
        if len(set(found)) != len(found):
            raise ParamsError("samma kommun har två filer", file=shown, key=f"raw_files.{name}")
    loaded.previous()


def _check_dates(values: StudyParams, shown: str) -> None:
    """The study's dates in their order: the baseline year ends before the collaboration starts, which is no
    later than the reporting window's start; nothing that has happened lies after today."""
    window, start, now = values.reporting_window, values.collaboration_start, today()
    if start > now:
        raise ParamsError(
            f"samverkans start {start} ligger i framtiden (i dag är det {now})", file=shown, key="collaboration_start"
        )
    if start > window.start:
        raise ParamsError(
            f"samverkans start {start} ligger efter rapportperiodens början ({window.start}); studien jämför perioden "
            "med tiden före starten, så samverkan ska ha startat senast när perioden börjar",
            file=shown,
            key="collaboration_start",
        )
    if dt.date(values.baseline_year, 12, 31) >= start:
        raise ParamsError(
            f"basåret {values.baseline_year} ska vara ett helt år före samverkans start ({start})",
            file=shown,
            key="baseline_year",
        )
    if values.survey.sent > now:
        raise ParamsError(
            f"enkätens utskick {values.survey.sent} ligger i framtiden (i dag är det {now})",
            file=shown,
            key="survey.sent",
        )


def _check_coders(loaded: LoadedParams, shown: str) -> None:
    """Two coding files or more: each names its coder, once, among survey.coders (when that is given)."""
    coders, files = loaded.values.survey.coders, loaded.deliveries("survey_coding")
    if len(set(coders)) != len(coders):
        raise ParamsError("samma kodare står två gånger", file=shown, key="survey.coders")
    named = [d.entry.coder for d in files]
    for delivery in files:
        if len(files) > 1 and delivery.entry.coder is None:
            raise ParamsError("ange kodaren (coder) för varje kodningsfil", file=shown, key=delivery.key)
        if coders and delivery.entry.coder is not None and delivery.entry.coder not in coders:
            raise ParamsError(
                f"kodaren '{delivery.entry.coder}' finns inte bland survey.coders ({', '.join(coders)})",
                file=shown,
                key=f"{delivery.key}.coder",
            )
    if len([c for c in named if c is not None]) != len({c for c in named if c is not None}):
        raise ParamsError("samma kodare har två kodningsfiler", file=shown, key="raw_files.survey_coding")
    if loaded.values.raw_files.survey_coding_reconciled is not None and len(files) < 2:
        raise ParamsError(
            "en avstämning behövs bara med två kodare eller fler", file=shown, key="raw_files.survey_coding_reconciled"
        )
