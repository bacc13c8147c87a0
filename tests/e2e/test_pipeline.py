"""The runner: make's inputs, the kernel check, safe execution (end to end, with papermill)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from collabstudy.privacy.study import leak_in_outputs
from collabstudy.runner.dependencies import make_inputs
from collabstudy.runner.execute import execute
from collabstudy.runner.kernel import check_kernel
from collabstudy.study.errors import StudyInputError
from collabstudy.study.paths import CODE_PROJECT, step_dirs
from collabstudy.study.steps import NAMES

# Runs the real notebooks, make or a browser (one worker runs the whole module: tests/conftest.py).
pytestmark = pytest.mark.slow

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
NOTEBOOK = ROOT / "notebooks" / "01_cleaning.ipynb"
PARAMS = ROOT / "params" / "svedala-trelleborg-2023.yaml"
KERNEL = "collabstudy"
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def test_make_inputs_names_every_raw_file_of_the_cleaning_step(published):
    text = make_inputs(published, ROOT / "build" / "x")
    line = next(row for row in text.splitlines() if row.startswith("INPUTS_01_cleaning"))
    listed = set(line.split(":=")[1].split())
    assert "build/x/notebooks/01_cleaning.ipynb" in text.split("INPUTS_02_outcomes :=")[1]
    # Cleaning reads every statistics delivery, the invitations and the export, and the published
    # report's text figures, footnotes and survey facts (not its counts or quotes, nor the evaluators' text).
    raw = ROOT / "data" / "raw"
    on_disk = {
        str(p.relative_to(ROOT))
        for p in [*raw.glob("statistics/*.csv"), *raw.glob("rapport/*.csv"), *raw.glob("survey/*")]
        if p.name not in {"publicerade-antal.csv", "citat.csv", "kodbok.csv", "kodning.csv"}
    }
    assert listed == on_disk
    survey = text.split("INPUTS_03_survey :=")[1].splitlines()[0]
    assert "forms-export.xlsx" in survey and "kodning.csv" in survey


def test_a_kernel_that_does_not_exist_is_a_clear_error():
    with pytest.raises(StudyInputError, match="finns inte"):
        check_kernel("no-such-kernel-here")


def test_step_dirs_default_to_the_study_build_folder(published):
    build, output = step_dirs(published, "", "")
    assert build == ROOT / "build" / PARAMS.stem and output == build


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")  # session, not module: kept whatever order xdist runs the tests in
def executed(tmp_path_factory) -> Path:
    """The real cleaning notebook run once, with papermill, into a temporary build folder."""
    out = tmp_path_factory.mktemp("build")
    assert execute(NOTEBOOK, PARAMS, out, KERNEL, export_html=True) == 0
    return out


def test_execution_writes_the_notebook_tables_results_and_leaves_no_staging(executed):
    assert (executed / "notebooks" / "01_cleaning.ipynb").is_file()
    assert (executed / "results" / "01_cleaning.json").is_file()
    assert (executed / "processed" / "cleaning_log.csv").is_file()
    assert not list(executed.glob(".staging-*"))
    cells = nbformat.read(executed / "notebooks" / "01_cleaning.ipynb", as_version=4).cells
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in cells)


def test_the_same_run_exports_the_page_without_staging_paths(executed):
    page = (executed / "pages" / "01_cleaning.html").read_text(encoding="utf-8")
    assert "<title>Teknisk bilaga: " in page
    assert ".staging-" not in page and str(executed) not in page


def test_make_inputs_names_the_lib_modules_each_step_runs(published):
    text = make_inputs(published, ROOT / "build" / "x")
    modules = {
        line.split(" := ")[0][4:]: set(line.split(" := ")[1].split())
        for line in text.splitlines()
        if line.startswith("LIB_")
    }
    assert set(modules) == set(NAMES)
    # The final document reads what 02 and 03 computed; it runs neither step's statistics again.
    outcome_code = "lib/collabstudy/outcomes/monthly.py"
    assert [step for step, files in modules.items() if outcome_code in files] == ["02_outcomes"]
    assert [step for step, files in modules.items() if "lib/collabstudy/survey/figures.py" in files] == ["03_survey"]
    assert all("lib/collabstudy/runner/execute.py" in files for files in modules.values())


def test_the_final_document_depends_on_the_provenance_record(published):
    text = make_inputs(published, ROOT / "build" / "x")
    line = next(row for row in text.splitlines() if row.startswith("INPUTS_04_conclusions"))
    assert "data/raw/provenance.yaml" in line.split()


def test_cleaned_rolling_table_keeps_every_published_cell(executed):
    raw = list(csv.reader((ROOT / "data/raw/statistics/rullande-12-manader.csv").open(encoding="utf-8"), delimiter=";"))
    header, body = raw[0], [r for r in raw[1:] if r[0] != "Period"]
    cleaned = pd.read_csv(executed / "processed" / "rolling_12m.csv", dtype={"published": str})
    assert len(cleaned) == len(body) * (len(header) - 1)
    published = {(int(r.row), r.column): r.published for r in cleaned.itertuples()}
    for number, line in enumerate(raw[1:], start=2):
        if line[0] == "Period":
            continue
        for column, text in zip(header[1:], line[1:]):
            assert published[(number, column)] == text


def test_results_registry_counts_match_the_ledger(executed):
    results = json.loads((executed / "results" / "01_cleaning.json").read_text(encoding="utf-8"))["results"]
    ledger = pd.read_csv(executed / "processed" / "check_ledger.csv")
    assert results["checks_made"]["value"] == len(ledger)
    for severity, count in ledger["severity"].value_counts().items():
        assert results[f"checks_{severity}"]["value"] == count
    assert all(r["label"] and r["source"] and r["unit"] for r in results.values())


def _log(executed: Path) -> pd.DataFrame:
    return pd.read_csv(executed / "processed" / "cleaning_log.csv", dtype=str).fillna("")


def test_log_flags_every_impossible_date_in_the_text_statements(executed):
    rows = list(
        csv.DictReader((ROOT / "data/raw/rapport/rapportens-textuppgifter.csv").open(encoding="utf-8"), delimiter=";")
    )
    impossible = set()
    for row in rows:
        match = re.search(r"(\d{1,2}) ([a-zåäö]+) (\d{4})$", row["Period"])
        if match:
            try:
                dt.date(int(match[3]), MONTHS.index(match[2]) + 1, int(match[1]))
            except ValueError:
                impossible.add(row["Period"])
    assert impossible, "testdata ska innehålla rapportens omöjliga datum"
    log = _log(executed)
    flagged = set(log.loc[(log["column"] == "Period") & (log["severity"] == "fel"), "published"])
    assert impossible <= flagged


def test_log_flags_a_total_whose_parts_do_not_add_up(executed):
    raw = list(
        csv.reader((ROOT / "data/raw/statistics/svedala-statistik-per-ar.csv").open(encoding="utf-8"), delimiter=";")
    )
    expected = set()
    for number, line in enumerate(raw[1:], start=2):
        for column, text in zip(raw[0][1:], line[1:]):
            counts = [int(n) for n in re.findall(r"(\d+) [a-zåäö]", text)]
            if len(counts) > 1 and sum(counts[1:]) != counts[0]:
                expected.add((str(number), column))
    assert expected
    log = _log(executed)
    flagged = set(
        zip(
            log.loc[log["check"].str.startswith("summa"), "row"],
            log.loc[log["check"].str.startswith("summa"), "column"],
        )
    )
    assert expected <= flagged


def test_log_flags_a_survey_year_before_the_years_respondents_name(executed):
    fieldwork = {
        r["Uppgift"]: r["Värde"]
        for r in csv.DictReader(
            (ROOT / "data/raw/rapport/enkat-genomforande.csv").open(encoding="utf-8"), delimiter=";"
        )
    }
    sent_year = int(fieldwork["Enkäten skickades ut"][-4:])
    named = [
        int(y)
        for r in csv.DictReader(
            (ROOT / "data/raw/rapport/enkat-involveringsperiod.csv").open(encoding="utf-8"), delimiter=";"
        )
        for y in re.findall(r"\d{4}", r["Involverad i samverkan"])
    ]
    log = _log(executed)
    flagged = log[log["check"] == "enkät: utskicksår mot svaren"]
    assert (max(named) > sent_year) == (len(flagged) == 1)


def test_every_uncertain_or_missing_cell_is_in_the_log(executed):
    raw = list(
        csv.reader((ROOT / "data/raw/statistics/svedala-statistik-per-ar.csv").open(encoding="utf-8"), delimiter=";")
    )
    marked = {
        (str(n), c)
        for n, line in enumerate(raw[1:], start=2)
        for c, t in zip(raw[0][1:], line[1:])
        if t.startswith("(") or t.lower().startswith("oklart")
    }
    log = _log(executed)
    logged = set(
        zip(
            log.loc[log["check"].str.startswith("markering"), "row"],
            log.loc[log["check"].str.startswith("markering"), "column"],
        )
    )
    assert marked and marked <= logged


def test_a_failing_step_leaves_the_previous_outputs_byte_for_byte(executed, study, tmp_path):
    before = _digests(executed)
    study.replace_in(study.raw("statistics/rullande-12-manader.csv"), "Arbete;53;279", "Arbete;53;2x79")
    code = execute(NOTEBOOK, study.params_file, executed, KERNEL)
    assert code == 1
    after = {k: v for k, v in _digests(executed).items() if not k.startswith("failed/")}
    assert after == before
    # The preflight stopped it before any kernel started: nothing half-run to keep either.
    assert not list(executed.glob(".staging-*"))


def test_the_failure_message_is_swedish_and_names_file_row_and_column(study, tmp_path, capsys):
    study.replace_in(study.raw("statistics/rullande-12-manader.csv"), "Arbete;53;279", "Arbete;53;2x79")
    assert execute(NOTEBOOK, study.params_file, tmp_path / "out", KERNEL) == 1
    message = capsys.readouterr().err
    assert "rullande-12-manader.csv" in message and "rad 8" in message and "kolumn 'Trelleborg'" in message
    assert "Stegets tidigare resultat är orörda" in message and "Ingen rapport är publicerad ännu" in message
    assert not (tmp_path / "out" / "notebooks").exists()


def test_papermill_uses_the_project_kernel_whatever_the_notebook_says(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "some-other-python", "display_name": "x", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            'params_file = ""\nbuild_dir = ""\noutput_dir = ""', metadata={"tags": ["parameters"]}
        ),
        nbformat.v4.new_code_cell(
            "import sys, pathlib\npathlib.Path(output_dir, 'python.txt').write_text(sys.executable)"
        ),
    ]
    path = tmp_path / "probe.ipynb"
    nbformat.write(notebook, path)
    assert execute(path, PARAMS, tmp_path / "out", KERNEL) == 0
    assert Path((tmp_path / "out" / "python.txt").read_text()).resolve() == Path(sys.executable).resolve()


def test_the_anonymity_check_reads_spreadsheets_too(published, tmp_path):
    import pandas as pd

    from collabstudy.io.xlsx import write_xlsx

    cache = ROOT / "build" / "cache" / "first-names-se.txt"
    write_xlsx(tmp_path / "tabeller.xlsx", {"Citat": pd.DataFrame({"Citat": ["Tack vare Micke gick det bra"]})})
    problem = leak_in_outputs(published, str(cache) if cache.is_file() else "", tmp_path)
    assert problem and "tabeller.xlsx" in problem and "Micke" not in problem


def test_a_cell_that_fails_keeps_the_broken_run_aside_and_nothing_else(tmp_path, capsys):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": "x", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            'params_file = ""\nbuild_dir = ""\noutput_dir = ""', metadata={"tags": ["parameters"]}
        ),
        nbformat.v4.new_code_cell("import pathlib\npathlib.Path(output_dir, 'halvfärdig.csv').write_text('x')"),
        nbformat.v4.new_code_cell("raise RuntimeError('mitt i körningen')"),
    ]
    path = tmp_path / "trasig.ipynb"
    nbformat.write(notebook, path)
    out = tmp_path / "out"
    assert execute(path, PARAMS, out, KERNEL) == 1
    assert (out / "failed" / "trasig.ipynb").is_file()
    assert not (out / "halvfärdig.csv").exists() and not (out / "notebooks").exists()
    # Said in Swedish with the step and where the whole error is; Python's English text only in that notebook.
    message = capsys.readouterr().err
    assert "Steget trasig stoppades av ett internt fel (cell 4)." in message and "failed/trasig.ipynb" in message
    assert "RuntimeError" not in message and "mitt i körningen" not in message
    assert "mitt i körningen" in (out / "failed" / "trasig.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "expect"),
    [
        # the reference municipality's count of closures to work/studies not given
        (
            "Avslutade i arbete/studier;62;337",
            "Avslutade i arbete/studier;62;saknas",
            7,
            "Trelleborg",
            "saknas ('saknas')",
        ),
        # the goal municipality's enrolled not given
        (
            "Inskrivna i arbetsmarknadsåtgärd;306;1029",
            "Inskrivna i arbetsmarknadsåtgärd;–;1029",
            3,
            "Svedala",
            "saknas",
        ),
        # the goal's row left out altogether
        ("Avslutade i arbete/studier;62;337\n", "", None, "Mått", "raden 'Avslutade i arbete/studier' saknas"),
    ],
)
def test_a_goal_figure_missing_stops_the_cleaning_naming_the_cell(
    study, tmp_path, capsys, old, new, row, column, expect
):
    """Without both municipalities' enrolled and closures to work/studies the goal cannot be computed: a
    Swedish message at the cleaning step, never an exception in the outcomes step."""
    study.replace_in(study.raw("statistics/rullande-12-manader.csv"), old, new)
    assert execute(NOTEBOOK, study.params_file, tmp_path / "out", KERNEL) == 1
    message = capsys.readouterr().err
    assert "rullande-12-manader.csv" in message and expect in message and "målet" in message, message
    assert f"kolumn '{column}'" in message
    if row is not None:
        assert f"rad {row}" in message
    assert not (tmp_path / "out" / "notebooks").exists()
