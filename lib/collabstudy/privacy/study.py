"""The study's anonymity check: the name lists, the shipped and the params' allow and deny lists."""

from __future__ import annotations

from pathlib import Path

from ..io.forms import FORMS_COLUMNS, read_export
from ..study.calendar import MONTHS
from ..study.errors import StudyInputError
from ..study.paths import CODE_PROJECT, display_path
from .detector import NameDetector
from .final_check import FinalCheck, FinalLeak, Source, html_text, kept_places, leak_message, output_items
from .free_text import REVIEW_FILE, REVIEW_FOLDER, NamesToReview, read_redacted_export, write_review_file
from .lexicon import Lexicon, lexicon_folder
from .names import NAMES_CACHE, NameList, load_name_list
from .redaction import Redactor, shipped_words
from .scan import NameLeakError, check_no_names, text_items
from .words import PRODUCTS

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
    """The shipped allow list: public bodies, programmes and places, Sweden's municipalities, except
    where a place is also a name common in Sweden ("Lund", "Berg", "Nora" stay names: redacting a town
    by mistake costs less than publishing a person), and the products and systems a municipality works
    in ("Power BI", "KIA", "Platina": :data:`~.words.PRODUCTS`)."""
    organisations = shipped_words(ORGANISATIONS)
    places = [word for word in shipped_words(MUNICIPALITIES) if not names.is_common(word)]
    return [*organisations, *places, *sorted(PRODUCTS)]


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


def vetted_labels(params) -> list[str]:
    """The study's own labels that the outputs print inside generated sentences: the codebook's theme labels
    (each checked for identifiers when the codebook is read, collabstudy.survey.data.read_codebook) and the
    params questions' labels. Set mid-sentence ("…: 2 av 3; Två kontor och resor"), a label's capital first
    word reads to the detector as a name; the first pass judges the text around them, not them."""
    from ..io.delivered import delivered_table

    labels = [q.label for q in params.values.survey.questions.values()]
    for delivery in params.deliveries("survey_codebook"):
        try:
            labels += [str(label) for label in delivered_table(delivery).frame.get("Etikett", [])]
        except (StudyInputError, FileNotFoundError):
            continue  # the survey step stops on it; no label of it reaches an output
    return sorted({label.strip() for label in labels if label and label.strip()}, key=len, reverse=True)


def without(items, labels: list[str]):
    """The (where, text) items with every vetted label blanked out (longest first, so that a label holding
    another is blanked whole)."""
    for where, text in items:
        for label in labels:
            if label in text:
                text = text.replace(label, " " * len(label))
        yield where, text


def leak_in_outputs(params, names_cache: str, folder: Path) -> str | None:
    """The anonymity check over every file a step wrote: the first pass's detectors (read once) and the
    independent final check (:mod:`.final_check`); the message of each that finds something, or None."""
    messages = []
    vetted = vetted_labels(params)
    try:
        check_no_names(without(text_items([folder]), vetted), study_redactor(params, names_cache))
    except NameLeakError as exc:
        messages.append(str(exc))
    leaks = final_leaks(params, names_cache, [folder])
    if leaks:
        messages.append(leak_message(leaks))
    return "\n".join(messages) or None


NEW_THEME_COLUMN = "Nytt tema?"  # the coders' sheets' suggestion column (collabstudy.survey.coding)
_PATH_KEYS = frozenset({"path", "sheet", "coder", "municipality", "code", "id_column", "kind", "area"})


def final_sources(params) -> list[Source]:
    """Every text a person wrote that the study reads, raw: the export's answers and period answers (by
    answer and question), the respondents' own names and e-mail in the export's personal columns, the
    codebook's labels and definitions, the coders' suggestions of a new theme, and the params file's text
    values (not its file paths, allow list or decisions)."""
    from ..io.delivered import ROW, delivered_table
    from ..io.forms import PERSONAL, classify

    sources: list[Source] = []
    survey = params.values.survey
    export = params.delivery("survey_export")
    if export is not None:
        raw = read_export(params)
        period = survey.key_of("period")
        for r in raw.answers.itertuples():
            sources.append(Source(f"svar {r.id}, fråga {r.question}", str(r.text), f"{r.id}/{r.question}"))
        for r in raw.respondents.itertuples():
            sources.append(Source(f"svar {r.id}, fråga {period}", str(r.period), f"{r.id}/{period}"))
        table = delivered_table(export)
        header = [c for c in table.frame.columns if c != ROW]
        personal = classify(header, [q.text for q in survey.questions.values()], survey.id_column).personal
        for line in table.frame[[*personal, ROW]].to_dict("records"):
            for column in personal:
                sources.append(
                    Source(f"exportens personkolumn '{column}', rad {line[ROW]}", str(line[column] or ""), "", True)
                )
        assert PERSONAL  # the columns classify() calls personal
    for key in ("survey_codebook", "survey_coding"):
        for delivery in params.deliveries(key):
            try:
                table = delivered_table(delivery)
            except (StudyInputError, FileNotFoundError):
                # not yet delivered or not readable (an untouched template): the survey step stops on it with its
                # own message, so nothing of it can reach an output
                continue
            columns = ["Etikett", "Definition"] if key == "survey_codebook" else [NEW_THEME_COLUMN]
            for line in table.frame.to_dict("records"):
                for column in columns:
                    if column in line and str(line[column] or "").strip():
                        sources.append(
                            Source(f"{delivery.display}, rad {line[ROW]}, kolumn '{column}'", str(line[column]))
                        )
    sources += [Source(f"params {key}", text) for key, text in _params_texts(params)]
    return sources


def _params_texts(params) -> list[tuple[str, str]]:
    """(key, text) of every text value of the params file, except file paths and the anonymity lists."""
    import yaml

    from ..study.params_yaml import NoDatesLoader

    raw = yaml.load(params.file.read_text(encoding="utf-8"), Loader=NoDatesLoader)
    found: list[tuple[str, str]] = []

    def walk(value, key: str) -> None:
        last = key.rsplit(".", 1)[-1]
        if key.endswith("survey.names") and isinstance(value, dict):
            return  # allow: passed; deny: names anywhere; review: places and decisions
        if isinstance(value, str) and last not in _PATH_KEYS:
            found.append((key, value))
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, f"{key}.{name}" if key else str(name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{key}[{index}]")

    walk(raw, "")
    return found


def final_leaks(params, names_cache: str, outputs, items=()) -> list[FinalLeak]:
    """The independent final check of `outputs` (files or folders) and `items` ((where, text) pairs)
    against the study's inputs."""
    names = params.values.survey.names
    name_list = load_name_list(_names_cache(params, names_cache))
    passed = [*names.allow, *(m.name for m in params.values.municipalities), *shipped_allow(name_list)]
    final = FinalCheck(name_list, passed=passed, deny=names.deny, kept=kept_places(names.review))
    for source in final_sources(params):
        final.add(source)
    return final.leaks([*output_items(outputs), *items])


def final_leak_in_page(params, names_cache: str, where: str, html: str) -> str | None:
    """The final check of one page not yet written (the re-export of a page): the message, or None."""
    leaks = final_leaks(params, names_cache, [], [(where, html_text(html))])
    return leak_message(leaks) if leaks else None


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
