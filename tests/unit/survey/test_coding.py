"""collabstudy.survey.coding and coding_sheets: two coders' sheets, their agreement and reconciliation,
on the fictional study (tests/fixtures/fiktiv-studie, build_coders.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from collabstudy.study.errors import StudyInputError
from collabstudy.study.params import load_params
from collabstudy.study.paths import CODE_PROJECT
from collabstudy.survey import tables as report
from collabstudy.survey.coding import SHEET_COLUMNS, THEME_COLUMNS
from collabstudy.survey.coding_sheets import FOLDER, RECONCILIATION_FILE, write_coding_sheets
from collabstudy.survey.data import read_survey

FIXTURE = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"
SURVEY = Path("data/raw/survey")


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(FIXTURE / "params", root / "params")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def params(root: Path):
    return load_params(root / "params" / "fiktiv-2025.yaml", root)


def without_reconciliation(root: Path) -> None:
    path = root / "params" / "fiktiv-2025.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  survey_coding_reconciled:\n    path: data/raw/survey/avstamning.xlsx\n", ""), "utf-8"
    )


def test_the_tallies_use_the_agreed_and_reconciled_decisions(root):
    data = read_survey(params(root))
    agreed = {
        (int(r[0]), r[1], r[2])
        for r in (
            line.split(";") for line in (root / SURVEY / "kodning.csv").read_text(encoding="utf-8").splitlines()[1:]
        )
    }
    assert set(zip(data.coding["id"], data.coding["question"], data.coding["theme"])) == agreed
    assert len(data.codings.disagreements) == 3


def test_agreement_per_theme_and_question(root):
    agreement = read_survey(params(root)).codings.agreement.set_index(["question", "theme"])
    pooled = agreement.loc[("bast", "")]
    assert (pooled.alike, pooled.decisions) == (11, 12)  # one of twelve bast decisions differed
    assert agreement.loc[("bast", "bast_tid"), "alpha"] == pytest.approx(1.0)
    assert agreement.loc[("bast", "bast_tid"), "reading"] == "reliable"
    assert agreement.loc[("battre", ""), "reading"] == "unreliable"  # 2 of 4 alike


def test_disagreements_without_a_reconciliation_stop_saying_what_to_do(root):
    without_reconciliation(root)
    with pytest.raises(StudyInputError) as info:
        read_survey(params(root))
    message = str(info.value)
    assert "kodarna A och B är oense om 3 beslut (2 svar)" in message and "make coding-sheets" in message
    assert info.value.key == "raw_files.survey_coding_reconciled"


def test_a_decision_left_empty_or_unreadable_is_named(root):
    path = root / SURVEY / "avstamning.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Avstämning"]
    sheet.cell(3, 8, "kanske")
    book.save(path)
    with pytest.raises(StudyInputError) as info:
        read_survey(params(root))
    assert info.value.row == 3 and info.value.column == "Beslut" and "(blad Avstämning)" in info.value.file


def test_a_theme_not_of_the_question_is_named_by_sheet_row_and_column(root):
    path = root / SURVEY / "kodning-B.xlsx"
    book = openpyxl.load_workbook(path)
    book["Kodning"].cell(2, 7, "Bättre lokaler")  # a theme of the other question, in Tema 2
    book.save(path)
    with pytest.raises(StudyInputError) as info:
        read_survey(params(root))
    assert (info.value.row, info.value.column) == (2, "Tema 2") and "kodning-B.xlsx (blad Kodning)" in info.value.file


def offered_themes(sheet) -> dict[str, list[str]]:
    """What each theme cell's drop-down list offers: the labels in the cells its list refers to."""
    offered = {}
    for check in sheet.data_validations.dataValidation:
        where, span = check.formula1.lstrip("=").split("!")
        labels = [row[0].value for row in sheet.parent[where][span.replace("$", "")]]
        cells = [(row, column) for block in check.sqref.ranges for row, column in block.cells]
        offered |= {f"{openpyxl.utils.get_column_letter(column)}{row}": labels for row, column in cells}
    return offered


def themes_of_each_row(sheet, codebook) -> dict[str, list[str]]:
    """Each theme cell of the sheet, with the labels of its row's question in the codebook."""
    columns = [openpyxl.utils.get_column_letter(SHEET_COLUMNS.index(c) + 1) for c in THEME_COLUMNS]
    labels = {question: list(group["label"]) for question, group in codebook.groupby("question", sort=False)}
    question = SHEET_COLUMNS.index("Fråga") + 1
    return {
        f"{column}{row}": labels[sheet.cell(row, question).value]
        for row in range(2, sheet.max_row + 1)
        for column in columns
    }


def test_coding_sheets_one_per_coder_and_the_reconciliation_never_overwritten(root):
    build = root / "build" / "fiktiv-2025"
    written = write_coding_sheets(params(root), build)
    assert [(p.name, done) for p, done in written] == [
        ("kodning-A.xlsx", True),
        ("kodning-B.xlsx", True),
        (RECONCILIATION_FILE, True),
    ]
    sheet = openpyxl.load_workbook(build / FOLDER / "kodning-A.xlsx")["Kodning"]
    answers = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(answers) == 6 and any("[namn]" in a for a in answers)  # redacted: "Tack vare Anna"
    assert not any("Anna" in a for a in answers)
    assert offered_themes(sheet) == themes_of_each_row(sheet, read_survey(params(root)).codebook)
    reconciliation = openpyxl.load_workbook(build / FOLDER / RECONCILIATION_FILE)["Avstämning"]
    decisions = [row[-1] for row in reconciliation.iter_rows(min_row=2, values_only=True)]
    assert decisions == ["Nej", "Nej", "Ja"]  # prefilled from the delivered reconciliation
    assert all(not done for _, done in write_coding_sheets(params(root), build))


def test_coding_sheets_are_prepared_before_any_coding_is_saved(root):
    for name in ("kodning-A.xlsx", "kodning-B.xlsx", "avstamning.xlsx"):
        (root / SURVEY / name).unlink()
    with pytest.raises(StudyInputError, match="make coding-sheets"):  # a run says where the sheets come from
        params(root)
    prepared = load_params(root / "params" / "fiktiv-2025.yaml", root, coding_to_come=True)
    written = write_coding_sheets(prepared, root / "build" / "fiktiv-2025")
    assert [(p.name, done) for p, done in written] == [("kodning-A.xlsx", True), ("kodning-B.xlsx", True)]


def test_a_coders_new_theme_is_kept_redacted_and_does_not_change_the_tallies(root):
    data = read_survey(params(root))
    notes = data.codings.notes
    assert notes[["coder", "question"]].values.tolist() == [["B", "bast"]]
    assert "[namn]" in notes["note"].iloc[0] and "Anna" not in notes["note"].iloc[0]
    shown = report.new_theme_table(notes, params(root)).to_html()
    assert "Arbetsmiljö" in shown and "Anna" not in shown
    from wording import page

    def note(rows):
        return page("teknisk-bilaga/03-enkaten.md.j2", "new_themes", params(root), {}, report.suggested_answers(rows))

    assert "för 1 svar" in note(notes)
    assert "inga nya teman" in note(notes.iloc[0:0])


def test_an_answer_left_uncoded_for_a_new_theme_stops_naming_the_suggestion(root):
    for coder in "AB":
        path = root / SURVEY / f"kodning-{coder}.xlsx"
        book = openpyxl.load_workbook(path)
        sheet = book["Kodning"]
        for row in range(2, sheet.max_row + 1):
            if (sheet.cell(row, 1).value, sheet.cell(row, 3).value) == (11, "bast"):
                sheet.cell(row, 6).value = None  # Tema 1 emptied: only the suggestion is left
                sheet.cell(row, 11, "Arbetsmiljö")
        book.save(path)
    with pytest.raises(StudyInputError) as info:
        read_survey(params(root))
    assert "respondent 11" in str(info.value) and "nytt tema ('Arbetsmiljö')" in str(info.value)
    assert "kodboken" in str(info.value)


def test_the_reconciliation_sheet_lists_the_suggested_themes_with_their_answers(root):
    (root / SURVEY / "avstamning.xlsx").unlink()
    without_reconciliation(root)
    write_coding_sheets(params(root), root / "build" / "fiktiv-2025")
    book = openpyxl.load_workbook(root / "build" / "fiktiv-2025" / FOLDER / RECONCILIATION_FILE)
    rows = list(book["Nya teman"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[4]) for r in rows] == [(11, "Mindre stress i arbetet.", "B")]
    assert "[namn]" in rows[0][5]
