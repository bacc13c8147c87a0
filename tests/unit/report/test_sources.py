"""How the report cites its source and answers the evaluators' text: places a reader finds in the PDF, and the
study's remark beside a statement of theirs that its own figures contradict — only there."""

from __future__ import annotations

import pandas as pd
import pytest

from collabstudy.io.provenance import Provenance
from collabstudy.published.readers import read_statements
from collabstudy.published.statement_checks import check_statements
from collabstudy.report.evaluators import EvaluatorsText, study_remarks
from collabstudy.study.errors import StudyInputError
from collabstudy.study.paths import CODE_PROJECT


@pytest.fixture(scope="module")
def provenance() -> Provenance:
    return Provenance(CODE_PROJECT)


@pytest.mark.parametrize(
    ("lines", "place"),
    [
        ("563-573", "avsnitt 5 Resultat, s. 11–13"),
        ("1979", "avsnitt 6 Hur kan samverkan förbättras och utvecklas, s. 26–32"),
        ("45, 389", "avsnitt 2 Sammanfattning, s. 1–10; avsnitt 5 Resultat, s. 1–10"),
        ("720", "avsnitt 5 Resultat, s. 11–13"),  # the last line of page 13
        ("721", "avsnitt 5 Resultat, s. 14–25"),
    ],
)
def test_a_source_line_is_said_as_its_section_and_the_pages_it_can_be_on(provenance, lines, place):
    assert provenance.place(lines) == place


def test_a_finding_cites_the_source_by_place_but_a_data_file_by_its_row(provenance):
    text = "Texten (rad 588-592: ”x”) och svaret (data/raw/rapport/enkat-involveringsperiod.csv, rad 9)."
    said = provenance.readers_text(text)
    assert "(i källan: avsnitt 5 Resultat, s. 11–13: ”x”)" in said
    assert "enkat-involveringsperiod.csv, rad 9" in said  # a row of a data file stays a row


def test_without_a_record_of_the_source_nothing_is_rewritten(tmp_path):
    assert Provenance(tmp_path).readers_text("rad 12 i källan") == "rad 12 i källan"


def log(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["check", "severity", "problem"])


STATEMENTS = pd.DataFrame(
    {
        "id": ["T11", "T12", "T01"],
        "evaluators_sentence": ["Antalet ökade och hushållen minskade.", "Antalet ökade och hushållen minskade.", ""],
        "file": "data/raw/rapport/rapportens-textuppgifter.csv",
        "row": [12, 13, 2],
    }
)


def test_a_remark_stands_only_beside_a_statement_whose_check_failed():
    found = study_remarks(
        STATEMENTS,
        log(
            ("textuppgift T11: Avslutade, Svedala", "ok", ""),
            (
                "textuppgift T12: Antal hushåll, Svedala",
                "varning",
                "Texten säger ”minskat” men tabellen visar 252 → 263.",
            ),
            ("textuppgifter T01, T12 (datum)", "fel", "Datumet finns inte."),  # about a date, not this sentence
        ),
    )
    assert found == [
        ("Antalet ökade och hushållen minskade.", ["Texten säger ”minskat” men tabellen visar 252 → 263."])
    ]
    assert study_remarks(STATEMENTS, log(("textuppgift T12: Antal hushåll", "ok", ""))) == []


def test_the_evaluators_text_gets_the_remark_and_a_missing_sentence_is_an_error(published, tmp_path):
    text = published.deliveries("evaluators_text")[0].path.read_text(encoding="utf-8")
    sentence = "Första april 2021 skapades ett fast team av arbetsmarknadssekreterare i Svedala"
    assert sentence in text
    statements = STATEMENTS.assign(id=["T20", "T99", "T98"], evaluators_sentence=[sentence, "", ""])
    remarked = EvaluatorsText(
        published, statements, log(("textuppgift T20: händelse", "varning", "Årtalet kan vara fel."))
    ).html()
    assert (
        f'{sentence} <span class="study-note">[Studiens anmärkning: Årtalet kan vara fel. Se bilaga A.]</span>'
        in remarked
    )
    assert "bilden nedan <span" in remarked  # a picture the report does not show is marked where it is named
    wrong = statements.assign(evaluators_sentence=["En mening som inte finns där.", "", ""])
    with pytest.raises(StudyInputError, match="finns inte i utvärderarnas text"):
        EvaluatorsText(published, wrong, log(("textuppgift T20: händelse", "varning", "x"))).html()


@pytest.mark.parametrize(("date", "severity"), [("1 april 2021", "varning"), ("1 april 2022", "ok")])
def test_a_date_for_the_collaboration_before_its_start_is_flagged(published, date, severity):
    statements = read_statements(published)
    event = statements[statements["id"] == "T20"].assign(period=date)
    found = check_statements(event, pd.DataFrame(), published)
    assert list(found["severity"]) == [severity]
    if severity != "ok":
        assert "före samverkans start 1 september 2021" in found["problem"].iloc[0]
