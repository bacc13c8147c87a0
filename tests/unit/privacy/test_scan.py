"""The scan of every output (collabstudy.privacy.scan): any identifier in any file fails the build."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from collabstudy.privacy.scan import NameLeakError, check_no_names, scan_files, text_of_html
from collabstudy.study.errors import StudyInputError


@pytest.fixture(scope="module")
def pages(name_list, lexicon):
    from privacy_evaluation import study_like

    return study_like(name_list, lexicon, generated=True)


def test_check_says_where_and_which_kind_but_never_the_value(pages) -> None:
    items = [
        ("build/x/report.html", "Samordnat av Micke."),
        ("build/x/ok.md", "Inget att säga."),
        ("build/x/table.csv", "Ring 070-123 45 67 eller mejla anna.l@svedala.se"),
        ("build/x/notes.txt", "Pnr 811228-9874, Storgatan 12"),
    ]
    with pytest.raises(NameLeakError) as caught:
        check_no_names(items, pages)
    message = str(caught.value)
    assert "ett personnamn (M…, 5 bokstäver) i build/x/report.html" in message
    assert "ett telefonnummer (13 tecken) i build/x/table.csv" in message
    assert "en e-postadress (17 tecken) i build/x/table.csv" in message
    assert "ett personnummer (11 tecken) i build/x/notes.txt" in message
    assert "en adress (12 tecken) i build/x/notes.txt" in message
    assert "5 personuppgifter" in message and "ok.md" not in message
    for secret in ("Micke", "070-123", "anna.l", "811228", "Storgatan"):
        assert secret not in message and secret not in repr(caught.value.leaks)
    assert message.startswith("Anonymitetskontroll: 5 personuppgifter hittades — ersätt uppgiften med [namn]")


def test_a_single_leak_is_said_on_one_line(pages) -> None:
    with pytest.raises(NameLeakError) as caught:
        check_no_names([("build/x/report.html", "Samordnat av Micke.")], pages)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("Anonymitetskontroll: ett personnamn (M…, 5 bokstäver) i build/x/report.html")


def test_a_text_repeated_in_many_places_is_reported_in_each(pages) -> None:
    # each distinct text is examined once; every place it stands is still named
    items = [
        ("build/x/a.csv", "Samordnat av Micke."),
        ("build/x/b.xlsx", "Samordnat av Micke."),
        ("build/x/c.md", "Ok."),
    ]
    with pytest.raises(NameLeakError) as caught:
        check_no_names(items, pages)
    assert [leak.where for leak in caught.value.leaks] == ["build/x/a.csv", "build/x/b.xlsx"]


def test_text_of_html_keeps_only_the_visible_text() -> None:
    html = (
        "<html><head><style>p { color: Anna; }</style><script>var x = 'Linnea';</script></head>"
        "<body><!-- Mattias --><p>Tack &amp; hej, &Aring;sa&nbsp;!</p>"
        "<table><tr><td>Svedala</td><td>Eva</td></tr></table><img alt='Karin' src='x.png'></body></html>"
    )
    text = text_of_html(html)
    assert "Tack & hej, Åsa\xa0!" in text
    assert "Anna" not in text and "Linnea" not in text and "Mattias" not in text
    assert "SvedalaEva" not in text and "Eva" in text and "Karin" in text


def _notebook(outputs: list[dict], source: str = "x = 1") -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Inget att säga\n", "Per månad."]},
            {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": source, "outputs": outputs},
        ],
    }


def test_every_kind_of_output_is_scanned_for_every_kind(tmp_path: Path, pages) -> None:
    (tmp_path / "report.html").write_text(
        "<p>Samordnat av Micke.</p><script>var Linnea = 1;</script>", encoding="utf-8"
    )
    (tmp_path / "quotes.csv").write_text("id;svar\nC01;Inget - spretigt.\nC02;Ring 0701234567.\n", encoding="utf-8")
    stream = {"output_type": "stream", "name": "stdout", "text": ["Tack vare lindqvist\n"]}
    (tmp_path / "03_survey.ipynb").write_text(json.dumps(_notebook([stream])), encoding="utf-8")
    (tmp_path / "results.json").write_text(json.dumps({"q": [{"text": "Mejla a.b@c.se"}]}), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Anteckningar\n\nInget nytt.\nPnr 19811228-9874.\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "Citat"
    book.active["B3"] = "Mötet på Storgatan 12"
    book.save(tmp_path / "tabeller.xlsx")

    with pytest.raises(NameLeakError) as caught:
        scan_files([tmp_path], pages)
    leaks = sorted((Path(leak.where.split(",")[0]).name, leak.kind) for leak in caught.value.leaks)
    assert leaks == [
        ("03_survey.ipynb", "namn"),
        ("notes.md", "personnummer"),
        ("quotes.csv", "telefon"),
        ("report.html", "namn"),  # in the <p>; the name in the <script> is not text
        ("results.json", "e-post"),
        ("tabeller.xlsx", "adress"),
    ]


def test_clean_files_pass(tmp_path: Path, pages) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.html").write_text(
        "<h1>Svedala och Trelleborg</h1><p>Inget - spretigt. 25 till 62, 1 029 personer.</p>", encoding="utf-8"
    )
    (tmp_path / "quotes.csv").write_text("id,svar\n1,Det finns ingen samverkan.\n2,Kundservice i Trelleborg\n")
    png = "iVBORw0KGgo/Anna+Linnea/Mattias=="  # base64 may spell anything: images are not text
    display = {"output_type": "display_data", "metadata": {}, "data": {"image/png": png, "text/plain": ["<Figure>"]}}
    (tmp_path / "03_survey.ipynb").write_text(json.dumps(_notebook([display], "params_file = 'x'")), encoding="utf-8")
    scan_files([tmp_path], pages)


def test_what_cannot_be_checked_is_refused(tmp_path: Path, pages) -> None:
    with pytest.raises(StudyInputError, match="finns inte"):
        scan_files([tmp_path / "missing.html"], pages)
    (tmp_path / "export.pdf").write_bytes(b"%PDF")
    with pytest.raises(StudyInputError, match="filtypen '.pdf'"):
        scan_files([tmp_path / "export.pdf"], pages)
    (tmp_path / "broken.xlsx").write_bytes(b"PK")
    with pytest.raises(StudyInputError, match="kan inte läsas som XLSX"):
        scan_files([tmp_path / "broken.xlsx"], pages)
    (tmp_path / "results.json").write_text("{", encoding="utf-8")
    with pytest.raises(StudyInputError, match="ogiltig JSON"):
        scan_files([tmp_path / "results.json"], pages)
