"""collabstudy.runner.scaffold (`make new-study`): the next period, its delivery templates (filled in, they
are what the study's own readers accept), the refusals and the command. The params file is tested in
test_scaffold_params.py; the fixtures `project` and `created` are in conftest.py."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from corpus.follow_up import fill_all

from collabstudy.cleaning import deliveries
from collabstudy.cleaning import statistics_readers as readers
from collabstudy.cleaning.statistics_readers import BASELINE_COLUMNS, MONTHLY_COLUMNS
from collabstudy.cleaning.survey_readers import INVITATION_COLUMNS
from collabstudy.io.delivered import INSTRUCTIONS_SHEET
from collabstudy.runner import scaffold
from collabstudy.runner.__main__ import main
from collabstudy.study.errors import StudyInputError
from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.study.vocabulary import ERROR, ROW_LABELS, YEARLY_MEASURES
from collabstudy.survey.coding import CODING_COLUMNS
from collabstudy.survey.data import CODEBOOK_COLUMNS, read_survey

ROOT = CODE_PROJECT
PUBLISHED = "params/svedala-trelleborg-2023.yaml"  # the study in the `project` fixture (conftest.py)
NAME = "uppfoljning-2024"  # the study the `created` fixture makes


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


# --- the period -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest_end", "start", "end"),
    [
        (dt.date(2023, 3, 31), dt.date(2023, 4, 1), dt.date(2024, 3, 31)),
        (dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2023, 2, 28), dt.date(2023, 3, 1), dt.date(2024, 2, 29)),  # ends on a leap day
        (dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2025, 2, 28)),  # starts on a leap day
        (dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2025, 2, 28)),
    ],
)
def test_next_window_is_the_twelve_months_after(latest_end, start, end):
    assert scaffold.next_window(latest_end) == (start, end)


def test_a_leap_day_a_year_later_is_the_first_of_march():
    assert scaffold.one_year_later(dt.date(2024, 2, 29)) == dt.date(2025, 3, 1)


def test_the_new_study_follows_the_published_one(created):
    plan = created.plan
    assert plan.previous_path == PUBLISHED
    assert (plan.start, plan.end) == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))


# --- the templates --------------------------------------------------------------------------------


def test_headers_are_the_readers(created):
    by_key = {}
    for template in scaffold.templates(created.plan):
        by_key.setdefault(template.key, []).append(template)
    assert by_key["rolling_12m"][0].header == ["Mått", "Svedala", "Trelleborg"]
    assert by_key["baseline"][0].header == BASELINE_COLUMNS
    assert all(t.header == MONTHLY_COLUMNS for t in by_key["monthly_closures"])
    assert by_key["survey_invitations"][0].header == INVITATION_COLUMNS
    assert by_key["survey_codebook"][0].header == CODEBOOK_COLUMNS
    assert by_key["survey_coding"][0].header == CODING_COLUMNS
    assert [t.header[1::3] for t in by_key["yearly"]] == [list(range(2019, 2024))] * 2  # whole years up to 2023
    assert by_key["yearly"][0].header[1:4] == [2019, "Markering 2019", "Anmärkning 2019"]  # each year's mark, remark


def test_every_template_is_written_with_its_header_and_an_instructions_sheet(created, project):
    for template in scaffold.templates(created.plan):
        book = openpyxl.load_workbook(project / created.plan.path(template.file))
        assert book.sheetnames == [scaffold.DATA_SHEET, INSTRUCTIONS_SHEET]
        first = next(book[scaffold.DATA_SHEET].iter_rows(max_row=1, values_only=True))
        assert list(first) == template.header
        assert book[INSTRUCTIONS_SHEET]["A2"].value.startswith("Levereras av:")
        assert book[scaffold.DATA_SHEET].data_validations.dataValidation, template.file


def test_the_rolling_rows_are_everything_the_outcomes_step_reads():
    assert scaffold.OUTCOMES_NEED <= set(scaffold.ROLLING_MEASURES)
    assert all(scaffold.row_label(m) in ROW_LABELS for m in (*scaffold.ROLLING_MEASURES, *YEARLY_MEASURES))


def test_the_rolling_template_states_the_period(created):
    rows = scaffold.rolling_template(created.plan).rows
    assert rows[0] == ["Period", "1 april 2023 till 31 mars 2024", "1 april 2023 till 31 mars 2024"]


def test_the_monthly_series_reaches_back_before_the_collaboration_and_the_previous_period(created):
    template = scaffold.monthly_template(created.plan, "S")
    assert [row[0] for row in template.rows] == [2021, 2022, 2023, 2024]  # start 2021-09-01, previous 2022-04
    assert "E5" in template.grey_cells and "D5" not in template.grey_cells  # april 2024 on: after the window


def test_counts_are_checked_as_whole_numbers_and_municipalities_as_a_list(created, project):
    book = openpyxl.load_workbook(project / created.plan.path("basar-2019.xlsx"))
    rules = {str(rule.sqref).split(":")[0]: rule for rule in book[scaffold.DATA_SHEET].data_validations.dataValidation}
    assert rules["A2"].type == "list" and rules["A2"].formula1 == '"Svedala,Trelleborg"'
    assert rules["D2"].type == "whole" and rules["D2"].formula1 == "0"
    monthly = openpyxl.load_workbook(project / created.plan.path("svedala-avslut-arbete-studier-per-manad.xlsx"))
    (rule,) = monthly[scaffold.DATA_SHEET].data_validations.dataValidation
    assert (rule.type, rule.operator, rule.formula1, str(rule.sqref)) == ("whole", "greaterThanOrEqual", "0", "B2:M5")


def test_the_folder_has_a_swedish_readme(created, project):
    text = (project / created.plan.path(scaffold.README_FILE)).read_text(encoding="utf-8")
    assert "forms-export.xlsx" in text and "utanför git" in text and "ändras aldrig" in text
    for template in scaffold.templates(created.plan):
        assert template.file in text


# --- filled in, the templates are what the readers accept -----------------------------------------


def test_filled_templates_pass_the_cleaning_steps_input_check_and_the_survey_reader(created, project):
    fill_all(project, created.plan)
    params = load_params(project / "params" / f"{NAME}.yaml", project)
    assert params.values.previous_evaluations == [PUBLISHED] and params.published is None
    deliveries.check_deliveries(params)  # the cleaning step's preflight: every delivery, schemas, checks
    tables = deliveries.read_delivered(params)
    ledger = deliveries.run_checks(tables, params)
    assert not (ledger["severity"] == ERROR).any(), ledger[ledger["severity"] == ERROR].to_string()
    survey = read_survey(params)
    assert len(survey.respondents) == 3 and len(survey.coding) == 20


def test_filled_templates_read_as_written(created, project):
    fill_all(project, created.plan)
    params = load_params(project / "params" / f"{NAME}.yaml", project)
    rolling = readers.read_rolling_12m(params).set_index(["municipality", "measure"])["value"]
    assert rolling[("S", "enrolled")] == 300 and rolling[("T", "closures_work_studies")] == 330
    assert rolling[("S", "work_studies_share")] == pytest.approx(0.20)  # '20%' stayed text in its text cell
    months, published = readers.read_monthly_closures(params)
    assert set(months["municipality"]) == {"S", "T"} and published.empty
    assert max(months["period_end"]) == dt.date(2024, 3, 31)  # the empty months after the window are left out
    assert len(months) == 2 * (12 * 3 + 3)
    yearly = readers.read_yearly(params)
    assert sorted(yearly["period_start"].map(lambda d: d.year).unique()) == list(range(2019, 2024))
    baseline = readers.read_baseline(params)
    assert sorted(baseline["variant"]) == ["alternative", "main", "main"]


def test_an_unfilled_template_stops_the_run_with_a_swedish_message(created, project):
    fill_all(project, created.plan)
    empty = scaffold.workbook(scaffold.codebook_template(created.plan))
    empty.save(project / created.plan.path("kodbok.xlsx"))  # back to the template as written
    params = load_params(project / "params" / f"{NAME}.yaml", project)
    with pytest.raises(StudyInputError, match="kodboken har inga teman ännu") as caught:
        read_survey(params)
    assert str(caught.value).startswith("Fel i indata") and "kodbok.xlsx" in str(caught.value)


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["", "Uppfoljning-2024", "uppföljning-2024", "uppfoljning 2024", "../uppfoljning", "-x", "x_y", "a.yaml", "a" * 61],
)
def test_a_bad_name_is_refused_and_nothing_written(project, name):
    before = listing(project)
    with pytest.raises(scaffold.ScaffoldRefused) as caught:
        scaffold.create_study(project, name)
    assert ("namn" in str(caught.value)) and listing(project) == before


def test_an_existing_params_file_is_never_overwritten(project):
    target = project / "params" / f"{NAME}.yaml"
    shutil.copy(project / PUBLISHED, target)
    before, text = listing(project), target.read_text(encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldRefused, match="finns redan"):
        scaffold.create_study(project, NAME)
    assert listing(project) == before and target.read_text(encoding="utf-8") == text


def test_an_existing_folder_is_never_overwritten(project):
    (project / "data" / "raw" / NAME).mkdir()
    (project / "data" / "raw" / NAME / "kodbok.xlsx").write_bytes(b"levererad")
    before = listing(project)
    with pytest.raises(scaffold.ScaffoldRefused, match=f"data/raw/{NAME} finns redan"):
        scaffold.create_study(project, NAME)
    assert listing(project) == before
    assert (project / "data" / "raw" / NAME / "kodbok.xlsx").read_bytes() == b"levererad"


def test_a_second_run_with_the_same_name_is_refused(created, project):
    with pytest.raises(scaffold.ScaffoldRefused, match="finns redan"):
        scaffold.create_study(project, NAME)


def test_the_command_refuses_in_swedish_with_exit_code_2(project, capsys):
    assert main(["new-study", "--name", "Fel Namn", "--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Ingen ny studie skapad: namnet 'Fel Namn' går inte att använda")
    assert "Traceback" not in err


def test_the_command_as_make_runs_it_refuses_without_a_traceback(project):
    result = subprocess.run(
        [sys.executable, "-m", "collabstudy.runner", "new-study", "--name", "", "--root", str(project)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "ange studiens namn" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "params" / ".yaml").exists()


def test_the_command_prints_what_it_wrote_and_the_next_steps(project, capsys):
    assert main(["new-study", "--name", NAME, "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert f"params/{NAME}.yaml" in out and f"data/raw/{NAME}/rullande-12-manader.xlsx" in out
    assert f"data/raw/{NAME}/forms-export.xlsx" in out and f"make run PARAMS=params/{NAME}.yaml" in out


# --- which study is the latest --------------------------------------------------------------------


def _params_copy(project: Path, name: str, old: str, new: str) -> Path:
    text = (project / PUBLISHED).read_text(encoding="utf-8")
    assert old in text
    target = project / "params" / name
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_the_latest_study_is_the_one_whose_window_ends_last(project):
    _params_copy(project, "senare.yaml", "end: 2023-03-31", "end: 2023-06-30")
    _params_copy(project, "tidigare.yaml", "end: 2023-03-31", "end: 2022-12-31")
    assert scaffold.latest_study(project).study_id == "senare"


def test_a_synthetic_study_outside_data_raw_never_counts(project):
    shutil.copytree(project / "data" / "raw", project / "data" / "synthetic" / "x1")
    text = (project / PUBLISHED).read_text(encoding="utf-8").replace("end: 2023-03-31", "end: 2025-06-30")
    (project / "params" / "syntetisk-x1.yaml").write_text(
        text.replace("path: data/raw/", "path: data/synthetic/x1/"), encoding="utf-8"
    )
    assert scaffold.latest_study(project).study_id == "svedala-trelleborg-2023"


def test_a_params_file_that_does_not_load_is_refused_by_name(project):
    (project / "params" / "trasig.yaml").write_text("study: [\n", encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldRefused, match="params/trasig.yaml går inte att läsa"):
        scaffold.create_study(project, NAME)
    assert not (project / "data" / "raw" / NAME).exists()


def test_two_studies_ending_the_same_day_are_refused(project):
    _params_copy(project, "kopia.yaml", "Utvärdering av avtalssamverkan", "Kopia av utvärdering")
    with pytest.raises(scaffold.ScaffoldRefused, match="samma dag"):
        scaffold.latest_study(project)


def test_a_follow_up_of_a_follow_up_lists_every_earlier_evaluation(created, project):
    fill_all(project, created.plan)
    second = scaffold.create_study(project, "uppfoljning-2025")
    assert second.plan.previous_path == f"params/{NAME}.yaml"
    assert (second.plan.start, second.plan.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    values = yaml.safe_load((project / "params" / "uppfoljning-2025.yaml").read_text(encoding="utf-8"))
    assert values["previous_evaluations"] == [PUBLISHED, f"params/{NAME}.yaml"]


# --- the Forms export stays out of git ------------------------------------------------------------


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="inte ett git-arkiv")
@pytest.mark.parametrize(
    ("path", "ignored"),
    [
        (f"data/raw/{NAME}/forms-export.xlsx", True),
        (f"data/raw/{NAME}/forms-export-rattad.xlsx", True),
        (f"data/raw/{NAME}/kodbok.xlsx", False),
        ("data/raw/survey/forms-export.xlsx", False),  # the 2023 reproduction's reconstructed export
    ],
)
def test_gitignore_keeps_later_forms_exports_out(path, ignored):
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT)
    assert (result.returncode == 0) == ignored
