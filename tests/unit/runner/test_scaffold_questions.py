"""`make new-study` and a question set that changed (issue 25, item 4): the questions are proposed from the new
Forms export when it is in the new study's folder (or given), with kinds from its answers and `same_as` for a
question whose text is an earlier one's; without an export the latest study's are copied and marked. The
fixture `project` (the published study alone) is in conftest.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml

from collabstudy.runner import scaffold
from collabstudy.runner.__main__ import main
from collabstudy.study.params import load_params

NAME = "uppfoljning-2024"
PUBLISHED_Q3 = "Vad anser du har varit den största utmaningen hittills med denna samverkan?"
PUBLISHED_Q7 = "Vad ser du fram emot ska förbättras ytterligare inom samverkan 2023?"
MUNICIPALITY = "Är din huvudanställning inom Svedala eller Trelleborgs kommun"
PERIOD = "Under vilken tid har du varit involverad i samverkan samt förberedelser av samverkan"
ROLES = ["Handläggare", "Chef", "Handläggare", "Coach", "Handläggare;", "Chef", "Coach", "Handläggare"]
# The new form: renumbered (the challenge question first among the free text), a role question now a choice,
# the improvement question reworded (a year changed), a new rating; four of the 2023 free-text questions gone.
COLUMNS = {
    MUNICIPALITY: lambda i: ["Svedala", "Trelleborg"][i % 2],
    "Vilken roll har du i samverkan?": lambda i: ROLES[i],
    PUBLISHED_Q3: lambda i: f"Utmaning {i}: att hinna med allt som ska göras mellan kommunerna.",
    PUBLISHED_Q7.replace("2023", "2024"): lambda i: f"Att samordningen {i} blir tydligare för alla handläggare.",
    "Hur nöjd är du med samverkan som helhet?": lambda i: str(1 + i % 5),
    PERIOD: lambda i: ["Sedan 2021", "Sedan 2022;"][i % 2],
}


def write_export(path: Path, columns: dict = COLUMNS, rows: int = 8) -> Path:
    """An export as Forms writes it: its own columns (personal ones filled in), then the questions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Starttid", "Tid för slutförande", "E-post", "Namn", *columns])
    for i in range(rows):
        start = dt.datetime(2024, 3, 7, 9, i)
        sheet.append([i + 1, start, start, "namn@kommun.se", "Namn Namnsson", *[make(i) for make in columns.values()]])
    book.save(path)
    return path


@pytest.fixture
def proposed(project: Path) -> scaffold.Written:
    write_export(project / "data" / "raw" / NAME / scaffold.EXPORT_FILE)
    return scaffold.create_study(project, NAME)


def params_text(project: Path) -> str:
    return (project / "params" / f"{NAME}.yaml").read_text(encoding="utf-8")


def questions_of(project: Path) -> dict:
    return yaml.safe_load(params_text(project))["survey"]["questions"]


def comment_before(text: str, key: str) -> str:
    """The comment lines right before a question's line."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"    {key}:"))
    before = []
    for line in reversed(lines[:at]):
        if not line.strip().startswith("#"):
            break
        before.insert(0, line.strip())
    return "\n".join(before)


def test_the_questions_are_the_exports_with_kinds_from_their_answers(proposed, project):
    questions = questions_of(project)
    by_text = {q["text"]: (key, q) for key, q in questions.items()}
    assert list(by_text) == list(COLUMNS)  # the form's order
    assert by_text[MUNICIPALITY][1]["kind"] == "municipality" and by_text[PERIOD][1]["kind"] == "period"
    role = by_text["Vilken roll har du i samverkan?"][1]
    assert role["kind"] == "choice" and role["options"] == ["Handläggare", "Chef", "Coach"]
    rating = by_text["Hur nöjd är du med samverkan som helhet?"][1]
    assert rating["kind"] == "rating" and rating["points"] == 5
    assert "kind" not in by_text[PUBLISHED_Q3][1]  # free text


def test_a_question_with_an_earlier_text_keeps_its_key_and_is_linked(proposed, project):
    questions = questions_of(project)
    assert questions["q3"] == {
        "text": PUBLISHED_Q3,
        "label": "Största utmaningen",
        "area": "challenge",
        "same_as": "q3",
    }


def test_a_new_question_gets_a_key_no_earlier_question_had_and_is_marked(proposed, project):
    earlier = set(
        yaml.safe_load((project / "params" / "svedala-trelleborg-2023.yaml").read_text())["survey"]["questions"]
    )
    questions = questions_of(project)
    new = [
        key for key, q in questions.items() if "same_as" not in q and q.get("kind") not in ("municipality", "period")
    ]
    assert len(new) == 3 and not set(new) & earlier
    text = params_text(project)
    for key in new:
        assert "ÄNDRA: ny fråga" in comment_before(text, key)


def test_a_reworded_question_is_proposed_as_perhaps_continuing_never_linked_unasked(proposed, project):
    questions = questions_of(project)
    key = next(k for k, q in questions.items() if q["text"] == PUBLISHED_Q7.replace("2023", "2024"))
    assert "same_as" not in questions[key]
    assert "texten liknar förra enkätens q7 (”Förbättras 2023”): fortsätter den den frågan, ange same_as: q7" in (
        comment_before(params_text(project), key)
    )


def test_the_dropped_questions_are_listed(proposed, project):
    text = params_text(project)
    line = next(line for line in text.splitlines() if "förra enkätens frågor som exporten inte har" in line)
    for key in ("q1 (Hur involverad)", "q2", "q4", "q5", "q6", "q7 (Förbättras 2023)"):
        assert key in line
    assert "q3 (" not in line and "q8" not in line


def test_the_proposed_params_load_and_their_links_are_checked(proposed, project):
    params = load_params(project / "params" / f"{NAME}.yaml", project)
    assert [e.study_id for e in params.previous_studies()] == ["svedala-trelleborg-2023"]  # same_as: q3 checked


def test_the_coding_drop_downs_offer_the_new_keys(proposed):
    plan = proposed.plan
    questions = questions_of(plan.previous.root)
    free_text = tuple(k for k, q in questions.items() if "kind" not in q)
    assert plan.free_text_questions() == free_text and "q1" not in free_text


def test_the_codebook_template_offers_the_new_keys(proposed):
    checks = scaffold.codebook_template(proposed.plan).checks
    assert tuple(checks[0].choices) == proposed.plan.free_text_questions()


def test_the_summary_says_the_questions_came_from_the_export(proposed):
    said = scaffold.summary(proposed)
    assert (
        "Enkätens frågor är föreslagna ur Forms-exporten data/raw/uppfoljning-2024/forms-export.xlsx: 6 frågor" in said
    )
    assert "förra enkätens frågor som inte finns kvar: q1, q2, q4, q5, q6, q7" in said


def test_an_export_given_elsewhere_is_read_and_saved_in_the_folder(project, tmp_path, capsys):
    export = write_export(tmp_path / "nedladdat" / "Enkät 2024.xlsx")
    assert main(["new-study", "--name", NAME, "--root", str(project), "--export", str(export)]) == 0
    assert (project / "data" / "raw" / NAME / scaffold.EXPORT_FILE).read_bytes() == export.read_bytes()
    assert "föreslagna ur Forms-exporten" in capsys.readouterr().out


def test_an_unreadable_export_is_refused_in_swedish_and_nothing_written(project):
    folder = project / "data" / "raw" / NAME
    folder.mkdir(parents=True)
    (folder / scaffold.EXPORT_FILE).write_bytes(b"inte en arbetsbok")
    with pytest.raises(scaffold.ScaffoldRefused, match="Forms-exporten data/raw/uppfoljning-2024/forms-export.xlsx"):
        scaffold.create_study(project, NAME)
    assert sorted(p.name for p in folder.iterdir()) == [scaffold.EXPORT_FILE]
    assert not (project / "params" / f"{NAME}.yaml").exists()


def test_without_an_export_the_questions_are_copied_and_marked_to_check(project):
    written = scaffold.create_study(project, NAME)
    earlier = yaml.safe_load((project / "params" / "svedala-trelleborg-2023.yaml").read_text())["survey"]["questions"]
    assert questions_of(project) == earlier
    assert "ÄNDRA: frågorna är förra studiens, kopierade (ingen Forms-export fanns i mappen)" in params_text(project)
    assert "Enkätens frågor är kopierade från förra studien: kontrollera dem" in scaffold.summary(written)
    assert written.plan.free_text_questions() == ("q1", "q2", "q3", "q4", "q5", "q6", "q7")


def test_same_text_but_answers_of_another_kind_is_not_linked(project):
    columns = {
        MUNICIPALITY: COLUMNS[MUNICIPALITY],
        "På vilket sätt har du varit involverad i samverkan?": lambda i: ROLES[i],  # 2023's q1, free text then
        PERIOD: COLUMNS[PERIOD],
    }
    write_export(project / "data" / "raw" / NAME / scaffold.EXPORT_FILE, columns)
    scaffold.create_study(project, NAME)
    questions = questions_of(project)
    key = next(k for k, q in questions.items() if q["text"].startswith("På vilket sätt"))
    assert questions[key]["kind"] == "choice" and "same_as" not in questions[key] and key != "q1"
    assert "samma text som förra enkätens q1, men svaren ser ut som kind: choice" in comment_before(
        params_text(project), key
    )
