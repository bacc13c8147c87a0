"""The fictional follow-up with a changed question set (issue 25, item 4), run end to end: its questions
renumbered so that the key `battre` now holds "Vad var bäst?" (last year's `bast`), and the improvement
question reworded under a new key linked by `same_as: battre`. The run compares each question with the one
it continues — never with last year's question of the same key — and the report says which question was
reworded and which are new."""

from __future__ import annotations

import csv
import io
import re
import shutil

import openpyxl
import pytest

from collabstudy.study.steps import CONCLUSIONS, SURVEY

pytestmark = pytest.mark.slow

REWORDED = "Vad kan bli bättre framöver?"


def _renumbered(root):
    """fiktiv-2026 with its free-text questions renumbered and the improvement question reworded."""
    params = root / "params" / "fiktiv-2026.yaml"
    text = params.read_text(encoding="utf-8")
    old = (
        '    bast: {text: "Vad var bäst med samarbetet?", label: "Det bästa", area: gain}\n'
        '    battre: {text: "Vad borde bli bättre?", label: "Bör bli bättre", area: improvement}\n'
    )
    new = (
        '    battre: {text: "Vad var bäst med samarbetet?", label: "Det bästa", area: gain}\n'
        f'    framover: {{text: "{REWORDED}", label: "Bör bli bättre", area: improvement, same_as: battre}}\n'
    )
    assert old in text
    params.write_text(text.replace(old, new), encoding="utf-8")
    folder = root / "data" / "raw" / "uppfoljning-2026"
    renamed = {"bast": "battre", "battre": "framover"}
    for name in ("kodbok.csv", "kodning.csv"):
        rows = list(csv.reader((folder / name).open(encoding="utf-8"), delimiter=";"))
        where = rows[0].index("Fråga")
        for row in rows[1:]:
            row[where] = renamed[row[where]]
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
        (folder / name).write_text(out.getvalue(), encoding="utf-8")
    book = openpyxl.load_workbook(folder / "enkatsvar.xlsx")
    sheet = book.worksheets[0]
    for cell in sheet[1]:
        if cell.value == "Vad borde bli bättre?":
            cell.value = REWORDED
    book.save(folder / "enkatsvar.xlsx")


@pytest.fixture(scope="module")
def changed(_runs, tmp_path_factory):
    from e2e.conftest import FICTIONAL, ExecutedStudy, run_study, shared_study
    from e2e.report_fixture import export_reports

    # The session's run of the fictional study (the earlier evaluation, which the renumbering leaves as it is:
    # it changes only the follow-up's params and deliveries), copied, so that only the follow-up runs here.
    root = tmp_path_factory.mktemp("omnumrerad") / "project"
    shutil.copytree(shared_study("fiktiv", _runs, tmp_path_factory).root, root, symlinks=True)
    assert not (root / "build" / "fiktiv-2026").exists()
    _renumbered(root)
    runs = {"roots": {FICTIONAL: root}}
    study = run_study("uppfoljning", tmp_path_factory, runs)
    assert isinstance(study, ExecutedStudy)
    reports = export_reports(study)
    import lxml.html

    page = lxml.html.document_fromstring(reports.html(CONCLUSIONS))
    for element in page.xpath("//script|//style"):
        element.drop_tree()
    return study, re.sub(r"\s+", " ", page.text_content())


def test_each_question_is_compared_with_the_one_it_continues(changed):
    import pandas as pd

    study, _ = changed
    changes = pd.read_csv(study.build / "processed" / "survey_question_changes.csv", keep_default_na=False)
    found = {r.question or r.earlier_question: (r.earlier_question, r.status) for r in changes.itertuples()}
    assert found["battre"] == ("bast", "identical")  # the same text, not last year's `battre`
    assert found["framover"] == ("battre", "reworded")
    assert found["helhet"] == ("", "new") and found["fortsatt"] == ("", "new")
    recurring = pd.read_csv(study.build / "processed" / "survey_recurring_themes.csv", keep_default_na=False)
    reworded = {r.question: str(r.reworded) == "True" for r in recurring.itertuples()}
    assert reworded.get("battre") is not True
    results = study.results(SURVEY)
    assert results["survey.question_changes.reworded"]["value"] == 1
    assert results["survey.question_changes.dropped"]["value"] == 0


def test_the_report_says_what_was_reworded_and_what_is_new(changed):
    _, document = changed
    assert "Omformulerade sedan förra utvärderingen" in document
    assert "”Bör bli bättre”, förra gången: ”Vad borde bli bättre?”" in document
    assert "Nya frågor sedan förra utvärderingen (inget att jämföra med): ”Nöjd med samverkan” och" in document
    assert "Ställdes vid förra utvärderingen men inte i år" not in document
