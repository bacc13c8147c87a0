"""The study's anonymity check: the name lists, the shipped and the params' allow and deny lists."""

from __future__ import annotations

from pathlib import Path

from ..io.forms import FORMS_COLUMNS
from ..study.calendar import MONTHS
from ..study.paths import CODE_PROJECT, display_path
from .detector import NameDetector
from .free_text import REVIEW_FILE, REVIEW_FOLDER, NamesToReview, read_redacted_export, write_review_file
from .lexicon import Lexicon, lexicon_folder
from .names import NAMES_CACHE, NameList, load_name_list
from .redaction import Redactor, shipped_words
from .scan import NameLeakError, check_no_names, text_items

# Statisticians whose methods the study's own text names (Wilson interval, Holm adjustment, ...).
METHOD_NAMES = (
    "Wilson",
    "Newcomb",
    "Poisson",
    "Fisher",
    "Holm",
    "Pearson",
    "Student",
    "Krippendorff",
    "Mann",
    "Whitney",
)
# Words of the study's own code and tools that its technical pages quote (Git is also a Swedish name).
CODE_WORDS = ("None", "True", "False", "git", "Git")
ORGANISATIONS = "organisationer.txt"
MUNICIPALITIES = "kommuner.txt"


def shipped_allow(names: NameList) -> list[str]:
    """The shipped allow list: public bodies, programmes and places, and Sweden's municipalities, except
    where a place is also a name common in Sweden ("Lund", "Berg", "Nora" stay names: redacting a town
    by mistake costs less than publishing a person)."""
    organisations = shipped_words(ORGANISATIONS)
    places = [word for word in shipped_words(MUNICIPALITIES) if not names.is_common(word)]
    return [*organisations, *places]


def study_redactor(params, names_cache: str, free_text: bool = False) -> Redactor:
    """The study's detectors. The study's municipalities and params' allow list are never names of people.

    Month names, the statisticians' names and the Forms export's own column headers ('Namn') are
    allowed only in the study's own generated text; in respondents' free text (`free_text`) 'Maj' or
    'Holm' may well be a person.
    """
    names = params.values.survey.names
    name_list = load_name_list(_names_cache(params, names_cache))
    allow = [*names.allow, *(m.name for m in params.values.municipalities), *shipped_allow(name_list)]
    if not free_text:
        allow += [*(m.capitalize() for m in MONTHS), *MONTHS, *(m[:3] for m in MONTHS), *METHOD_NAMES, *FORMS_COLUMNS]
        allow += CODE_WORDS
    lexicon = Lexicon(lexicon_folder(params.root, CODE_PROJECT))
    detector = NameDetector(
        name_list, allow=frozenset(allow), deny=frozenset(names.deny), lexicon=lexicon, generated=not free_text
    )
    return Redactor(detector)


def _names_cache(params, given: str) -> Path:
    """The name list: the given file, else the one make writes in the study's project or in this code's
    project. A build artifact, not study input: any path will do."""
    candidates = [params.root / given] if given else [params.root / NAMES_CACHE, CODE_PROJECT / NAMES_CACHE]
    return next((path.resolve() for path in candidates if path.is_file()), candidates[-1])


def leak_in_outputs(params, names_cache: str, folder: Path) -> str | None:
    """The anonymity check over every file a step wrote (read once); the message if an identifier is in one."""
    try:
        check_no_names(text_items([folder]), study_redactor(params, names_cache))
    except NameLeakError as exc:
        return str(exc)
    return None


def review_free_text(params, names_cache: str, build_dir: Path) -> str | None:
    """Before a step that reads the survey export: the message if a word in the free text may be a
    name the lists lack, with the review file written under `build_dir`/granskning/; None (and an
    earlier review file removed) if there is none."""
    try:
        read_redacted_export(params, study_redactor(params, names_cache, free_text=True))
    except NamesToReview as exc:
        path = write_review_file(exc.candidates, build_dir)
        return f"{exc}\nGranskningsfil: {display_path(path, params.root)}"
    (Path(build_dir) / REVIEW_FOLDER / REVIEW_FILE).unlink(missing_ok=True)
    return None
