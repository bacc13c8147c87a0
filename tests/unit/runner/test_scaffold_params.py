"""collabstudy.runner.scaffold.params_file: the new study's params file is the latest study's, round-tripped
(comments, key order and quoting kept), with only what a new period changes changed and marked ÄNDRA."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from collabstudy.runner import scaffold
from collabstudy.study.params import Question, load_params
from collabstudy.study.paths import CODE_PROJECT

PUBLISHED = "params/svedala-trelleborg-2023.yaml"  # the study in the `project` fixture (conftest.py)
NAME = "uppfoljning-2024"  # the study the `created` fixture makes
FICTIONAL = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"


def new_text(root: Path, name: str = NAME) -> str:
    return (root / "params" / f"{name}.yaml").read_text(encoding="utf-8")


def written_yaml(root: Path, name: str = NAME) -> dict:
    return yaml.safe_load(new_text(root, name))


def loaded(root: Path, name: str = NAME):
    """The new study as the run loads it, once the Forms export (which no template stands in for) is saved."""
    (root / "data" / "raw" / name / scaffold.EXPORT_FILE).touch()
    return load_params(root / "params" / f"{name}.yaml", root)


def line_before(text: str, line: str) -> str:
    lines = text.splitlines()
    return lines[lines.index(line) - 1]


def comments_of(text: str) -> list[str]:
    """Every comment in a params file, as written (a '#' at a line's start or after a space)."""
    return [m.group(1).strip() for line in text.splitlines() if (m := re.search(r"(?:^|\s)(#.*)$", line))]


# --- what a new period changes ----------------------------------------------------------------------


def test_the_new_file_loads_with_the_next_period(created, project):
    params = loaded(project)
    values = params.values
    assert (values.reporting_window.start, values.reporting_window.end) == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert values.study.source == "Uppföljning 1 april 2023–31 mars 2024"
    assert values.previous_evaluations == [PUBLISHED] and params.published is None and values.scenarios is None
    assert [d.display for d in params.deliveries("monthly_closures")] == [
        f"data/raw/{NAME}/svedala-avslut-arbete-studier-per-manad.xlsx",
        f"data/raw/{NAME}/trelleborg-avslut-arbete-studier-per-manad.xlsx",
    ]


def test_params_keep_the_settings_and_take_the_next_window(created, project):
    new, old = written_yaml(project), yaml.safe_load((project / PUBLISHED).read_text(encoding="utf-8"))
    assert new["reporting_window"] == {"start": dt.date(2023, 4, 1), "end": dt.date(2024, 3, 31)}
    for key in ("municipalities", "goal", "confidence_level", "baseline_year", "collaboration_start"):
        assert new[key] == old[key], key
    assert new["study"]["title"] == old["study"]["title"]
    assert new["study"]["source"] == "Uppföljning 1 april 2023–31 mars 2024"
    assert new["survey"]["names"]["review"] == {}  # decisions name places in the old export (test_scaffold_review)
    for survey in (new["survey"], old["survey"]):
        del survey["names"]["review"]
    assert new["survey"] == old["survey"]  # sent and open_days too: the analyst changes them (ÄNDRA)


def test_previous_evaluations_name_the_latest_study(created, project):
    assert written_yaml(project)["previous_evaluations"] == [PUBLISHED]


def test_no_published_report_no_scenarios_no_evaluators_text(created, project):
    new = written_yaml(project)
    assert "published_report" not in new and "scenarios" not in new
    assert "evaluators_text" not in new["raw_files"]
    assert f"  #   path: data/raw/{NAME}/utvarderarnas-bedomning.md" in new_text(project).splitlines()


def test_every_delivery_is_in_the_new_folder_one_per_municipality(created, project):
    files = written_yaml(project)["raw_files"]
    paths = [e["path"] for value in files.values() for e in (value if isinstance(value, list) else [value])]
    assert all(p.startswith(f"data/raw/{NAME}/") for p in paths)
    for key in ("monthly_closures", "yearly"):
        assert [e["municipality"] for e in files[key]] == ["S", "T"]
    assert files["survey_export"]["path"] == f"data/raw/{NAME}/forms-export.xlsx"
    assert not (project / files["survey_export"]["path"]).exists()  # Forms writes it, not the scaffold


def test_what_the_analyst_must_change_is_marked(created, project):
    text = new_text(project)
    for key in ("sent:", "open_days:"):
        line = next(line for line in text.splitlines() if line.strip().startswith(key))
        assert "# ÄNDRA:" in line
    assert "# ÄNDRA: vad studien bygger på" in line_before(text, '  source: "Uppföljning 1 april 2023–31 mars 2024"')
    assert "ÄNDRA: frågan nämner 2023" in line_before(
        text, next(x for x in text.splitlines() if x.startswith("    q7:"))
    )
    assert text.count("ÄNDRA") == 6  # the header, source, sent, open_days, the questions, q7


def test_a_title_naming_a_year_is_marked(project):
    published = project / PUBLISHED
    text = published.read_text(encoding="utf-8")
    published.write_text(text.replace('arbetsmarknadsinsatser"', 'arbetsmarknadsinsatser 2023"', 1), encoding="utf-8")
    scaffold.create_study(project, NAME)
    title = '  title: "Avtalssamverkan Svedala–Trelleborg: ekonomiskt bistånd och arbetsmarknadsinsatser 2023"'
    assert line_before(new_text(project), title).startswith("  # ÄNDRA: titeln nämner 2023")


def test_the_file_is_plain_yaml_with_the_new_header(created, project):
    text = new_text(project)
    assert text.startswith(f"# Studien {NAME}: uppföljning för perioden 1 april 2023–31 mars 2024.")
    assert "!!" not in text and "%YAML" not in text  # no tags, no directive: the study's reader reads it as written
    assert "The study as published" not in text  # the published study's header spoke of the published study


# --- what the analyst wrote stays ------------------------------------------------------------------------


def test_the_previous_files_comments_stay_but_those_of_what_changed(created, project):
    old_text = (project / PUBLISHED).read_text(encoding="utf-8")
    old_lines = old_text.splitlines()
    header = old_lines[: old_lines.index("study:")]
    start = next(i for i, line in enumerate(old_lines) if line.startswith("# Räkneexempel"))
    scenarios = old_lines[start : next(i for i, line in enumerate(old_lines) if line.startswith("survey:"))]
    reproduction = old_lines[next(i for i, line in enumerate(old_lines) if line.startswith("  evaluators_text:")) :]
    window = [line for line in old_lines if line.startswith("reporting_window:")]
    # the comment explaining the review's decisions goes with them (test_scaffold_review)
    first = next(i for i, line in enumerate(old_lines) if line.strip().startswith("# Granskningens beslut"))
    review = old_lines[first : next(i for i, line in enumerate(old_lines) if line.strip().startswith("review:"))]
    spoke_of_what_changed = set(comments_of("\n".join(header + scenarios + reproduction + window + review)))
    kept = set(comments_of(new_text(project)))
    assert set(comments_of(old_text)) - spoke_of_what_changed <= kept
    assert not spoke_of_what_changed & kept


def test_an_analysts_comments_survive_into_the_next_study(project):
    published = project / PUBLISHED
    text = published.read_text(encoding="utf-8")
    edits = {
        "goal:  ": "# Analytikerns anteckning: målet beslutades av nämnden 2021-06-15\ngoal:  ",
        "  suppress_small_cells: false": "  suppress_small_cells: false  # styrgruppens beslut",
        "    q3: {": "    # q3 formulerades med kommunikatören\n    q3: {",
        "  survey_codebook:": "  # kodboken skrivs av båda utvärderarna\n  survey_codebook:",
    }
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new, 1)
    published.write_text(text, encoding="utf-8")
    scaffold.create_study(project, NAME)
    new = new_text(project)
    lines = new.splitlines()
    assert line_before(new, next(x for x in lines if x.startswith("goal:"))).startswith("# Analytikerns anteckning")
    assert "  suppress_small_cells: false  # styrgruppens beslut" in lines
    assert (
        line_before(new, next(x for x in lines if x.startswith("    q3:")))
        == "    # q3 formulerades med kommunikatören"
    )
    assert line_before(new, "  survey_codebook:") == "  # kodboken skrivs av båda utvärderarna"
    loaded(project)


def test_key_order_and_quoting_are_the_previous_files(project):
    published = project / PUBLISHED
    text = published.read_text(encoding="utf-8")
    survey = text[text.index("survey:  ") : text.index("raw_files:")]
    text = text.replace(survey, "").replace("municipalities:", survey + "municipalities:", 1)  # survey second
    text = text.replace("  small_cell_threshold: 3    # antal", "  small_cell_threshold: 3  # antal", 1)
    threshold = next(line for line in text.splitlines() if line.startswith("  small_cell_threshold:"))
    text = text.replace(threshold + "\n", "").replace("  sent:", threshold + "\n  sent:", 1)  # first in survey
    export = "  survey_export:\n    path: data/raw/survey/forms-export.xlsx\n"
    text = text.replace(export, "").replace("  rolling_12m:", export + "  rolling_12m:", 1)  # first delivery
    text = text.replace("    code: S", "    code: 'S'", 1)
    published.write_text(text, encoding="utf-8")
    old = yaml.safe_load(text)
    scaffold.create_study(project, NAME)
    new = written_yaml(project)
    assert list(old) == [
        *("study", "survey", "municipalities", "goal", "confidence_level", "reporting_window"),
        *("baseline_year", "collaboration_start", "scenarios", "raw_files", "published_report"),
    ]
    assert list(new) == [
        *("study", "survey", "municipalities", "goal", "confidence_level", "reporting_window"),
        *("baseline_year", "collaboration_start", "previous_evaluations", "raw_files"),
    ]
    assert list(new["survey"]) == list(old["survey"])
    assert list(new["raw_files"]) == [key for key in old["raw_files"] if key != "evaluators_text"]
    assert "    code: 'S'" in new_text(project).splitlines()  # quoted as the analyst quoted it


def test_closed_questions_are_carried_to_the_next_study_with_their_scale_and_options(project):
    published = project / PUBLISHED
    text = published.read_text(encoding="utf-8")
    closed = (
        '    q10: {text: "Hur nöjd?", label: "Nöjd", kind: rating, points: 5, low: "Inte alls", high: "Mycket"}\n'
        '    q11: {text: "Fortsätta?", label: "Fortsatt", kind: choice, options: ["Ja", "Nej", "Osäker"]}\n'
    )
    published.write_text(text.replace("  dont_know:", closed + "  dont_know:", 1), encoding="utf-8")
    scaffold.create_study(project, NAME)
    assert closed in new_text(project)  # as written
    questions = written_yaml(project)["survey"]["questions"]
    assert Question(**questions["q10"]).scale == ["1", "2", "3", "4", "5"]  # valid as written
    assert questions["q11"]["options"] == ["Ja", "Nej", "Osäker"]


# --- a study made from a study made this way ------------------------------------------------------------


def test_a_second_new_study_has_each_mark_once_and_only_the_period_changed(created, project):
    loaded(project)
    scaffold.create_study(project, "uppfoljning-2025")
    first, second = new_text(project), new_text(project, "uppfoljning-2025")
    assert second.count("ÄNDRA") == first.count("ÄNDRA") and second.count("# evaluators_text:") == 1
    assert len(second.splitlines()) == len(first.splitlines()) + 1  # one more earlier evaluation
    changed = set(second.splitlines()) - set(first.splitlines())
    assert all(re.search(r"2024|2025", line) for line in changed), changed
    assert written_yaml(project, "uppfoljning-2025")["previous_evaluations"] == [PUBLISHED, f"params/{NAME}.yaml"]
    loaded(project, "uppfoljning-2025")


# --- the fictional studies: another layout ------------------------------------------------------------------


@pytest.fixture
def fictional(tmp_path: Path) -> Path:
    """A project holding the fictional study (fiktiv-2025: scenarios mid-file, two coders and their
    reconciliation, one municipality's monthly file as a single entry, an export sheet) and its follow-up
    (fiktiv-2026: no comments, previous_evaluations as a flow list)."""
    root = tmp_path / "fiktiv"
    shutil.copytree(FICTIONAL / "params", root / "params")
    shutil.copytree(FICTIONAL / "data", root / "data")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def test_a_follow_up_of_the_fictional_study(fictional):
    (fictional / "params" / "fiktiv-2026.yaml").unlink()
    scaffold.create_study(fictional, "ny")
    params = loaded(fictional, "ny")
    values, text = params.values, new_text(fictional, "ny")
    assert values.survey.coders == ["A", "B"]  # the same coders; their coding sheets come from make coding-sheets
    assert [d.display for d in params.deliveries("survey_coding")] == ["data/raw/ny/kodning.xlsx"]
    assert values.raw_files.survey_coding_reconciled is None and values.raw_files.survey_export.sheet is None
    assert [d.municipality for d in params.deliveries("monthly_closures")] == ["E", "L"]
    assert values.scenarios is None and params.published is None
    assert line_before(text, "  survey_coding:").startswith("  # Two coders' sheets")  # the comment before it stays
    assert "  coders: [A, B]  # kodarna, med kod och inte namn" in text.splitlines()


def test_a_flow_list_of_earlier_evaluations_stays_a_flow_list(fictional):
    scaffold.create_study(fictional, "ny")
    assert "previous_evaluations: [params/fiktiv-2025.yaml, params/fiktiv-2026.yaml]" in new_text(fictional, "ny")
    assert "ÄNDRA: frågan nämner 2026" in new_text(fictional, "ny")  # "fortsätter efter 2026?"
    loaded(fictional, "ny")
