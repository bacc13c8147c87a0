"""The study's name detector: the first-name list, the params' allow and deny lists, the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..io.forms import FORMS_COLUMNS
from ..study.calendar import MONTHS
from ..study.paths import CODE_PROJECT
from .detector import NameDetector
from .names import NAMES_CACHE, load_first_names
from .scan import NameLeakError, check_no_names, text_items

# Statisticians whose methods the study's own text names (Wilson interval, Holm adjustment, ...).
METHOD_NAMES = ("Wilson", "Newcomb", "Poisson", "Fisher", "Holm", "Pearson", "Student")


def study_detector(params, names_cache: str, corpus: Iterable[str], free_text: bool = False) -> NameDetector:
    """A detector for this study: municipality names and params' allow list are never names of people.

    Month names, the statisticians' names and the Forms export's own column headers ('Namn') are
    allowed only in the study's own generated text; in respondents' free text (`free_text`) 'Maj' or
    'Holm' may well be a person.
    """
    names = params.values.survey.names
    # Month names head the delivered tables ('Maj' is also a first name).
    allow = [*names.allow, *(m.name for m in params.values.municipalities)]
    if not free_text:
        allow += [*(m.capitalize() for m in MONTHS), *METHOD_NAMES, *FORMS_COLUMNS]
    return NameDetector.build(
        load_first_names(_names_cache(params, names_cache)), allow=allow, deny=names.deny, corpus=corpus
    )


def _names_cache(params, given: str) -> Path | None:
    """The first-name list's cache: the given file, else the one make writes in the study's project or in
    this code's project; None (read the package, ~5 s) when there is none. A build artifact, not study
    input: any path will do."""
    candidates = [params.root / given] if given else [params.root / NAMES_CACHE, CODE_PROJECT / NAMES_CACHE]
    return next((path.resolve() for path in candidates if path.is_file()), None)


def leak_in_outputs(params, names_cache: str, folder: Path) -> str | None:
    """The anonymity check over every file a step wrote (read once); the message if a personal name is in one.

    The outputs' own lower-case words are the corpus: a listed first name that they also use as an
    ordinary word ("Per månad") is not taken for a name at a sentence start.
    """
    items = list(text_items([folder]))
    detector = study_detector(params, names_cache, [text for _, text in items])
    try:
        check_no_names(items, detector)
    except NameLeakError as exc:
        return str(exc)
    return None
