"""Which study comes next and what its files are: the new study's name, its period (the twelve months
after the latest study's), the latest delivered study in params/ and where each delivery goes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ...present.formatting import long_date
from ...study.errors import StudyInputError
from ...study.params import LoadedParams, RawFiles, load_params
from ...study.paths import display_path

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
NAME_MAX = 60
EXPORT_FILE = "forms-export.xlsx"  # the Forms export: saved in the study's folder, never a template


class ScaffoldRefused(Exception):
    """The new study cannot be made as asked; the message (Swedish) says why and what to do."""


# --- the new study's name and period ------------------------------------------------------------


def check_name(name: str) -> None:
    """A study's name becomes a file and folder name: a–z, digits and '-' only."""
    if not name:
        raise ScaffoldRefused("ange studiens namn, t.ex. make new-study NAME=uppfoljning-2024")
    if not NAME_PATTERN.fullmatch(name) or len(name) > NAME_MAX:
        raise ScaffoldRefused(
            f"namnet '{name}' går inte att använda: bara små bokstäver a–z, siffror och bindestreck, "
            f"första tecknet en bokstav eller siffra, högst {NAME_MAX} tecken (t.ex. uppfoljning-2024)"
        )


def one_year_later(day: dt.date) -> dt.date:
    """The same date a year later; 29 February becomes 1 March (the day after 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return dt.date(day.year + 1, 3, 1)


def next_window(end: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months after a window ending on `end`: from the day after to one year later less a day."""
    start = end + dt.timedelta(days=1)
    return start, one_year_later(start) - dt.timedelta(days=1)


def period_text(start: dt.date, end: dt.date) -> str:
    """'1 april 2023 till 31 mars 2024': a period as the rolling table's 'Period' row writes it."""
    return f"{long_date(start)} till {long_date(end)}"


def last_full_year(end: dt.date) -> int:
    """The last calendar year wholly inside a window ending on `end`."""
    return end.year if (end.month, end.day) == (12, 31) else end.year - 1


def monthly_years(previous: LoadedParams, end: dt.date) -> list[int]:
    """The monthly series' years: from the month before the collaboration started (so that there is a
    'before' to compare with) and the previous evaluation's period, to the new window's end."""
    values = previous.values
    before_start = values.collaboration_start - dt.timedelta(days=1)
    first = min(before_start.year, values.reporting_window.start.year)
    return list(range(first, end.year + 1))


# --- the latest study ---------------------------------------------------------------------------


def is_delivered_study(params: LoadedParams) -> bool:
    """A study of delivered data: its files are in data/raw/ (the benchmark's synthetic studies are not)."""
    raw = (params.root / "data" / "raw").resolve()
    return all(raw in d.path.parents for key in RawFiles.model_fields for d in params.deliveries(key))


def latest_study(root: Path) -> LoadedParams:
    """The study in params/ whose reporting window ends last (a synthetic benchmark study never counts)."""
    studies = []
    for path in sorted((root / "params").glob("*.yaml")):
        try:
            loaded = load_params(path, root)
        except StudyInputError as exc:
            raise ScaffoldRefused(
                f"{display_path(path, root)} går inte att läsa, så den senaste studien kan inte avgöras:\n{exc}\n"
                "Rätta filen (eller flytta den ur params/) och försök igen."
            ) from None
        if is_delivered_study(loaded):
            studies.append(loaded)
    if not studies:
        raise ScaffoldRefused("params/ har ingen studie att utgå från (ingen parameterfil med data i data/raw/)")
    studies.sort(key=lambda s: s.values.reporting_window.end)
    latest = studies[-1]
    tied = [s for s in studies if s.values.reporting_window.end == latest.values.reporting_window.end]
    if len(tied) > 1:
        shown = ", ".join(display_path(s.file, root) for s in tied)
        raise ScaffoldRefused(
            f"flera studier slutar samma dag ({latest.values.reporting_window.end}): {shown}; "
            "den senaste kan inte avgöras"
        )
    return latest


# --- the plan: what the new study's files are ---------------------------------------------------


def slug(name: str) -> str:
    """'Trelleborg' -> 'trelleborg', 'Lundsås' -> 'lundsas': a municipality's name in a file name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@dataclass(frozen=True)
class Plan:
    """The new study: its name, period, the study it follows, where each delivery goes and its survey
    questions (`proposal`: collabstudy.runner.scaffold.questions.Proposal; None: the latest study's)."""

    name: str
    previous: LoadedParams
    start: dt.date
    end: dt.date
    proposal: object = None

    def free_text_questions(self) -> tuple[str, ...]:
        """The new study's free-text questions' keys, in the form's order: the codebook's and the coding's
        drop-downs offer these (the keys proposed from the new export, not the latest study's)."""
        if self.proposal is None:
            return tuple(self.previous.values.survey.free_text)
        return tuple(self.proposal.free_text)

    @property
    def folder(self) -> str:
        return f"data/raw/{self.name}"

    @property
    def params_path(self) -> str:
        return f"params/{self.name}.yaml"

    @property
    def previous_path(self) -> str:
        return display_path(self.previous.file, self.previous.root)

    def path(self, file: str) -> str:
        return f"{self.folder}/{file}"


def export_of(root: Path, name: str, given: str | Path | None = None) -> Path | None:
    """The new period's Forms export: the file given, or the one already saved in the new study's folder
    (data/raw/<name>/forms-export.xlsx); None when there is none yet."""
    if given:
        path = Path(given) if Path(given).is_absolute() else root / given
        if not path.is_file():
            raise ScaffoldRefused(f"Forms-exporten {given} finns inte")
        return path
    saved = root / "data" / "raw" / name / EXPORT_FILE
    return saved if saved.is_file() else None


def plan_study(previous: LoadedParams, name: str, export: Path | None = None) -> Plan:
    """The new study's plan; its questions proposed from the new Forms export when there is one, else the
    latest study's (collabstudy.runner.scaffold.questions)."""
    from .questions import propose_questions

    check_name(name)
    return Plan(name, previous, *next_window(previous.values.reporting_window.end), propose_questions(previous, export))
