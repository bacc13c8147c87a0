"""The new study's params file: the latest study's file, round-tripped with ruamel.yaml (its comments,
key order and quoting kept), with only what a new period changes changed.

What changes: the header comment (which study this is and where it came from), `study.source`, the
reporting window, `previous_evaluations` (the latest study added), `raw_files` (the templates in the new
folder; no evaluators' text yet, only a commented-out entry for one), and no `published_report` or
`scenarios` (they belong to reproducing a published report). What the analyst must check is marked
`ÄNDRA` in a comment: the survey's send date and days open (left as the latest study's), `study.source`,
and a question or title that names a year. The marks and the commented-out entry of an earlier
`make new-study` are removed first, so a study made from a study made this way gets each mark once.
The survey questions are proposed from the new Forms export when it is there
(collabstudy.runner.scaffold.questions: each with what to check, marked); without one they are the latest
study's, marked to be checked. Everything else — the municipalities, goal, baseline year, name lists,
coders — and every other comment stays as the analyst wrote it.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import yaml
from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from ...present.formatting import long_date
from ...study.calendar import MONTHS
from ...study.params import RawFiles
from ...study.params_yaml import params_text as decoded
from ...study.paths import display_path
from . import yaml_comments as comments
from .plan import EXPORT_FILE, Plan, ScaffoldRefused
from .templates import Template

MARK = "ÄNDRA"  # what the analyst must fill in or check; the LÄSMIG and the summary name it
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
EVALUATORS_FILE = "utvarderarnas-bedomning.md"
# The commented-out evaluators_text entry an earlier `make new-study` wrote (made again each time).
EVALUATORS_PLACEHOLDER = re.compile(rf"^\s*#\s*(evaluators_text:|path: \S*{re.escape(EVALUATORS_FILE)})")
# Removed from a follow-up: they belong to reproducing a published report.
REPRODUCTION_ONLY = ("scenarios", "published_report")
PER_MUNICIPALITY = ("monthly_closures", "yearly")
INDENT = 2


def round_trip_yaml() -> YAML:
    """ruamel.yaml in round-trip mode, laid out as the project's params files are."""
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096  # a long question or comment stays on its one line
    handler.indent(mapping=INDENT, sequence=2 * INDENT, offset=INDENT)
    return handler


def params_text(plan: Plan, files: list[Template]) -> str:
    """The new study's params file: the latest study's, with what the next period changes changed."""
    data = _load(plan)
    comments.drop_comment_lines(data, _earlier_scaffold_line)
    data.yaml_set_start_comment("\n".join(_header(plan)))
    _study(data["study"], plan)
    _window(data, plan)
    _survey(data["survey"], plan)
    _review_decisions(data["survey"].get("names"), plan)
    for key in REPRODUCTION_ONLY:
        if key in data:
            comments.delete(data, key)
    _previous_evaluations(data, plan)
    _raw_files(data, plan, files)
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def _load(plan: Plan) -> CommentedMap:
    previous = plan.previous
    shown = display_path(previous.file, previous.root)
    text = decoded(previous.file.read_bytes(), shown)  # as load_params reads it (UTF-8, Excel's BOM)
    try:
        data = round_trip_yaml().load(text)
    except YAMLError as exc:  # load_params has read it, so ruamel.yaml should too
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark is not None else ""
        raise ScaffoldRefused(
            f"{shown} går att läsa som parameterfil men inte att skriva om till den nya studien{where}; "
            "skriv den nya parameterfilen för hand med den som förlaga"
        ) from None
    return data


def _earlier_scaffold_line(line: str) -> bool:
    return MARK in line or bool(EVALUATORS_PLACEHOLDER.match(line))


def _header(plan: Plan) -> list[str]:
    before = plan.previous.values.reporting_window
    return [
        f"Studien {plan.name}: uppföljning för perioden {long_date(plan.start)}–{long_date(plan.end)}.",
        f"Skapad av `make new-study` ur {plan.previous_path} (den senaste studien,",
        f"perioden {long_date(before.start)}–{long_date(before.end)}): samma kommuner och mål, och dess kommentarer",
        "står kvar. Ändrat är perioden, study.source, previous_evaluations och raw_files, och enkätfrågorna",
        f"{_questions_origin(plan)}; ingen published_report och inga scenarios (de hör till återskapandet",
        f"av en publicerad rapport). Leveranserna fylls i i mallarna i {plan.folder}/ (se LÄSMIG.md där).",
        f"Rader märkta {MARK} ska fyllas i eller kontrolleras innan studien körs; ta sedan bort markeringen",
        "(filen står i rapportens bilaga). Datum skrivs ÅÅÅÅ-MM-DD.",
    ]


def _questions_origin(plan: Plan) -> str:
    proposal = plan.proposal
    if proposal is not None and proposal.export is not None:
        return "är föreslagna ur Forms-exporten"
    return "är förra studiens (att kontrollera)"


def _written_as(old, text: str):
    """`text` quoted as the value it replaces was (double quotes for a new text)."""
    return type(old)(text) if isinstance(old, ScalarString) else DoubleQuotedScalarString(text)


def _plain(text: str):
    """`text` unquoted where the study's YAML reader reads it back as the same text, else quoted."""
    try:
        same = yaml.safe_load(text) == text
    except yaml.YAMLError:
        same = False
    return text if same else DoubleQuotedScalarString(text)


def _years(*texts: str) -> list[str]:
    return sorted(set(YEAR.findall(" ".join(texts))))


def _study(study: CommentedMap, plan: Plan) -> None:
    years = _years(str(study["title"]))
    if years:
        comments.comment_before(
            study,
            "title",
            f"{MARK}: titeln nämner {', '.join(years)}; skriv den som den nya perioden ska ha den",
            INDENT,
        )
    source = f"Uppföljning {long_date(plan.start)}–{long_date(plan.end)}"
    _change(study, "source", _written_as(study["source"], source))
    delivered = plan.end + dt.timedelta(days=1)  # the deliveries come after the period
    names = " och ".join(m.name for m in plan.previous.values.municipalities)
    comments.comment_before(
        study,
        "source",
        f"{MARK}: vad studien bygger på, som titelblocket visar det "
        f'(t.ex. "Leveranser från {names}, {MONTHS[delivered.month - 1]} {delivered.year}")',
        INDENT,
    )


def _window(data: CommentedMap, plan: Plan) -> None:
    window = data["reporting_window"]
    _change(window, "start", plan.start)
    _change(window, "end", plan.end)
    comments.set_line_comment(data, "reporting_window", "de tolv månaderna efter förra utvärderingens period")


def _change(node: CommentedMap, key: str, value) -> None:
    """A new value for a one-line key: the comment on its line goes (it spoke of the old value), the lines
    after it stay."""
    comments.replace(node, key, value)
    comments.set_line_comment(node, key, None)


def _survey(survey: CommentedMap, plan: Plan) -> None:
    comments.set_line_comment(survey, "sent", f"{MARK}: dagen då enkäten skickades ut (nu står förra enkätens datum)")
    comments.set_line_comment(
        survey, "open_days", f"{MARK}: antal dagar enkäten var öppen (nu står förra enkätens antal)"
    )
    proposal = plan.proposal
    if proposal is not None and proposal.export is not None:
        _proposed_questions(survey, proposal)
        return
    comments.comment_before(
        survey,
        "questions",
        f"{MARK}: frågorna är förra studiens, kopierade (ingen Forms-export fanns i mappen): kontrollera var och en "
        "mot årets export, text är exportens kolumnrubrik; en fråga som fortsätter en av förra enkätens med ny text "
        "får same_as: <dess nyckel>, en ny fråga en nyckel som förra enkäten inte hade",
        INDENT,
    )
    questions = survey["questions"]
    for key, question in questions.items():
        years = _years(str(question["text"]), str(question["label"]))
        if years:
            comments.comment_before(
                questions,
                key,
                f"{MARK}: frågan nämner {', '.join(years)}; skriv den som årets formulär och export har den",
                2 * INDENT,
            )


def _review_decisions(names: CommentedMap | None, plan: Plan) -> None:
    """The anonymity review's decisions do not carry over: each names an occurrence in the latest study's
    export, and would judge whatever word this export has at the same place. They go, with the comment
    that explained them; a comment says so."""
    if not names or not names.get("review"):
        return
    count, keys = len(names["review"]), list(names)
    position = keys.index("review")
    after = comments.lines_after(names, "review")
    if position:
        comments.set_lines_after(names, keys[position - 1], [])
    comments.delete(names, "review")
    names["review"] = CommentedMap()
    names["review"].fa.set_flow_style()
    comments.comment_before(
        names,
        "review",
        f"granskningens beslut per förekomst: {plan.previous_path} hade {count}, men de gällde platser i dess "
        "svarsfil och följer inte med; make run listar det som behöver ett beslut i denna",
        2 * INDENT,
    )
    comments.set_lines_after(names, "review", after)


# A proposed question's settings in the order params write them.
SETTINGS_ORDER = ("text", "label", "kind", "points", "low", "high", "options", "area", "same_as")
QUOTED = ("text", "label", "low", "high")


def _question(settings: dict) -> CommentedMap:
    """One question as a one-line flow mapping, its texts in double quotes."""
    written = CommentedMap()
    for name in SETTINGS_ORDER:
        if name not in settings:
            continue
        value = settings[name]
        if name in QUOTED:
            value = DoubleQuotedScalarString(value)
        elif name == "options":
            value = CommentedSeq(DoubleQuotedScalarString(option) for option in value)
            value.fa.set_flow_style()
        written[name] = value
    written.fa.set_flow_style()
    return written


def _proposed_questions(survey: CommentedMap, proposal) -> None:
    """The questions proposed from the new export (collabstudy.runner.scaffold.questions), each with what to
    check before it; the latest study's questions no column continues listed before them."""
    questions = CommentedMap()
    for question in proposal.questions:
        questions[question.key] = _question(question.settings)
    comments.replace(survey, "questions", questions)
    comments.comment_before(
        survey,
        "questions",
        f"{MARK}: frågorna är föreslagna ur Forms-exporten {proposal.export} (dess kolumner och svar): kontrollera "
        "kind och label; en fråga med samma text som i förra enkäten har dess nyckel och same_as",
        INDENT,
    )
    if proposal.dropped:
        dropped = ", ".join(f"{key} ({label})" for key, label in proposal.dropped)
        comments.comment_before(
            survey,
            "questions",
            f"{MARK}: förra enkätens frågor som exporten inte har: {dropped}. Fortsätter en fråga nedan någon av dem "
            "med ny text, ange same_as: <dess nyckel> på den; annars sägs i rapporten att frågan inte ställdes i år.",
            INDENT,
        )
    for question in proposal.questions:
        for check in question.checks:
            comments.comment_before(questions, question.key, f"{MARK}: {check}", 2 * INDENT)


def _previous_evaluations(data: CommentedMap, plan: Plan) -> None:
    """The latest study joins the earlier evaluations (oldest first); a first follow-up gets the key."""
    if "previous_evaluations" in data:
        comments.append(data, "previous_evaluations", plan.previous_path)
        return
    keys = list(data)
    position = keys.index("raw_files")
    listed = CommentedSeq([plan.previous_path])
    if position:
        comments.insert_after(data, keys[position - 1], "previous_evaluations", listed)
    else:
        data.insert(0, "previous_evaluations", listed)
    comments.set_line_comment(data, "previous_evaluations", "tidigare utvärderingar av samma samverkan, äldst först")


def _entry(plan: Plan, template_file: str, code: str | None = None) -> CommentedMap:
    entry = CommentedMap(path=_plain(plan.path(template_file)))
    if code is not None:
        entry["municipality"] = _plain(code)
    return entry


def _raw_files(data: CommentedMap, plan: Plan, files: list[Template]) -> None:
    """Every delivery in the new folder, in the latest study's key order (a key it lacked goes where the
    templates have it); the comment on each key's line stays, the comments inside the old entries go."""
    wanted: dict[str, CommentedMap | CommentedSeq] = {}
    for template in files:
        if template.key in PER_MUNICIPALITY:
            wanted.setdefault(template.key, CommentedSeq()).append(_entry(plan, template.file, template.municipality))
        else:
            wanted[template.key] = _entry(plan, template.file)
    wanted["survey_export"] = _entry(plan, EXPORT_FILE)
    order = list(RawFiles.model_fields)
    wanted = dict(sorted(wanted.items(), key=lambda item: order.index(item[0])))
    raw = data["raw_files"]
    for key in [key for key in raw if key not in wanted]:  # the evaluators' text, a reconciliation
        comments.delete(raw, key)
    before = None
    for key, value in wanted.items():
        if key in raw:
            comments.replace(raw, key, value)
        elif before is None:
            raw.insert(0, key, value)
        else:
            comments.insert_after(raw, before, key, value)
        before = key
    if comments.line_comment(raw, "survey_export") is None:
        comments.set_line_comment(
            raw, "survey_export", "Forms-exporten, sparad här som den laddas ner (namn och e-post: hålls utanför git)"
        )
    placeholder = [
        f"{' ' * INDENT}# evaluators_text:".ljust(comments.COLUMN - 1)
        + " # utvärderarnas egen bedömning (Markdown), om en sådan skrivs:",
        f"{' ' * INDENT}#   path: {plan.path(EVALUATORS_FILE)}",
    ]
    comments.set_lines_after(data, "raw_files", placeholder + comments.lines_after(data, "raw_files"))
