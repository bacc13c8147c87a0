"""The independent final check (collabstudy.privacy.final_check): from what people wrote to every output.

A leak is planted in every kind of output a step writes, from every kind of input (an answer, a coding
label, a coder's suggestion, a params value, a respondent's own name); each fails naming the file and
the kind, never the value. What the first pass redacted, and what params decided, passes.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from privacy_evaluation import STUDY_ALLOW

from collabstudy.privacy.final_check import FinalCheck, Source, leak_message, output_items
from collabstudy.privacy.study import final_leaks, leak_in_outputs, shipped_allow

ANSWER = (
    "Bo i Svedala och Ebba Lind ringde A.K. om SFI-rektorn; 850312-1232 bor på Skogsbrynet 12, "
    "231 83 Trelleborg, tel 0410-73 30 00, mejl berg at trelleborg punkt se, se svedala.se/medarbetare/bo-ek."
)
KINDS = {"namn", "initialer", "roll", "personnummer", "adress", "telefon", "e-post", "webbadress"}


@pytest.fixture(scope="module")
def check(name_list):
    def make(*sources: Source, **lists) -> FinalCheck:
        final = FinalCheck(
            name_list, passed=[*STUDY_ALLOW, *shipped_allow(name_list), *lists.pop("passed", [])], **lists
        )
        for source in sources:
            final.add(source)
        return final

    return make


def _kinds(leaks) -> set[str]:
    return {leak.fragment.kind for leak in leaks}


def test_every_kind_is_found_where_the_first_pass_let_it_through(check) -> None:
    final = check(Source("svar 7, fråga q2", ANSWER, "7/q2"))
    assert _kinds(final.leaks([("out.csv", f"id;citat\n7;{ANSWER}\n")])) == KINDS


def test_what_the_first_pass_redacted_passes(check, redactor) -> None:
    final = check(Source("svar 7, fråga q2", ANSWER, "7/q2"))
    found, suspects = redactor.inspect(ANSWER)
    # the analyst replaced every occurrence the review listed
    from collabstudy.privacy.identifiers import Identifier
    from collabstudy.privacy.redaction import replaced

    everything = sorted([*found, *(Identifier(s.start, s.end, s.kind) for s in suspects)], key=lambda i: i.start)
    redacted = replaced(ANSWER, everything)
    assert "[roll]" in redacted and "[webbadress]" in redacted
    assert final.leaks([("out.csv", redacted)]) == []


def test_an_occurrence_kept_in_params_passes_and_only_that_one(check, redactor) -> None:
    text = "Bo i Svedala ringde SFI-rektorn."
    _, suspects = redactor.inspect(text)
    places = {s.word: f"3/q2/{s.start}-{s.end}" for s in suspects}
    assert set(places) == {"Bo", "SFI-rektorn"}
    kept = check(Source("svar 3, fråga q2", text, "3/q2"), kept=[places["SFI-rektorn"]])
    assert _kinds(kept.leaks([("out.md", text)])) == {"namn"}  # "Bo" still undecided
    both = check(Source("svar 3, fråga q2", text, "3/q2"), kept=list(places.values()))
    assert both.leaks([("out.md", text)]) == []
    elsewhere = check(Source("svar 4, fråga q2", text, "4/q2"), kept=list(places.values()))
    assert _kinds(elsewhere.leaks([("out.md", text)])) == {"namn", "roll"}  # another answer: not decided


def test_the_study_s_own_words_are_not_the_respondent_s(check) -> None:
    # "per" and "Svedala" of an answer appear in the report's own sentences: not a leak
    final = check(Source("svar 1, fråga q2", "Två gånger per månad i Svedala, och Bo kvar hemma."))
    report = "Svedala har 5,8 avslut per månad. Många vill bo kvar i kommunen. Andel per kommun."
    assert final.leaks([("04_conclusions.html", report)]) == []


def test_a_name_beside_a_placeholder_or_alone_is_found(check) -> None:
    final = check(Source("svar 2, fråga q2", "Ebba Lind sa att Björn och jag skulle ta det."))
    assert _kinds(final.leaks([("q.csv", "[namn] [namn] sa att Björn och jag skulle ta det.")])) == {"namn"}
    assert _kinds(final.leaks([("q.csv", "Ebba [namn] sa att [namn] och jag skulle ta det.")])) == {"namn"}
    assert final.leaks([("q.csv", "[namn] [namn] sa att [namn] och jag skulle ta det.")]) == []


def test_a_cut_quote_and_a_truncated_personnummer_are_found(check) -> None:
    final = check(Source("svar 5, fråga q3", "Klienten 850312-1232 och Lindqvist hade samma handläggare."))
    assert _kinds(final.leaks([("t.txt", "Klienten 850312-12… och")])) == {"personnummer"}
    assert _kinds(final.leaks([("t.txt", "… Lindqvist")])) == {"namn"}


def test_every_output_format_is_read_scripts_and_attributes_too(check, tmp_path) -> None:
    final = check(Source("svar 9, fråga q2", "Fråga Lindqvist om det."))
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(
        '<p>Bra</p><script>var data = ["Fr\\u00e5ga Lindqvist om det."];</script>', encoding="utf-8"
    )
    (pages / "b.html").write_text(
        '<img alt="Fråga Lindqvist om det." src="data:image/png;base64,QUJD">', encoding="utf-8"
    )
    notebook = {
        "cells": [{"cell_type": "code", "source": "", "outputs": [{"data": {"text/html": "<td>Lindqvist</td>"}}]}]
    }
    (pages / "c.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (pages / "d.json").write_text(json.dumps({"label": "Fråga Lindqvist"}), encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "Citat"
    book.active["B4"] = "Fråga Lindqvist om det."
    book.save(pages / "e.xlsx")
    where = {leak.where for leak in final.leaks(output_items([pages]))}
    assert where == {
        str(pages / "a.html"),
        str(pages / "b.html"),
        str(pages / "c.ipynb"),
        str(pages / "d.json"),
        f"{pages / 'e.xlsx'}, blad 'Citat', cell B4",
    }


def test_deny_words_and_respondents_own_names_are_found_anywhere(check) -> None:
    final = check(
        Source("exportens personkolumn 'Namn', rad 2", "Karin Testsson", personal=True),
        Source("exportens personkolumn 'Namn', rad 3", "Per Svensson", personal=True),
        Source("exportens personkolumn 'E-post', rad 2", "karin.testsson@ekby.example", personal=True),
        deny=["Micke"],
    )
    report = "Enkäten besvarades av 15 i Ekby. Kostnad per svar: 40 kr. Ett exempel: example."
    assert final.leaks([("r.html", report)]) == []
    assert _kinds(final.leaks([("r.html", "Tack till testsson")])) == {"namn"}
    assert _kinds(final.leaks([("r.html", "Samordnat av MICKE.")])) == {"namn"}
    assert _kinds(final.leaks([("r.html", "Per Svensson var med")])) == {"namn"}


def test_the_message_names_file_source_and_kind_never_the_value(check) -> None:
    final = check(Source("svar 7, fråga q2", ANSWER, "7/q2"))
    message = leak_message(final.leaks([("build/x/processed/survey_quotes.csv, rad 2, kolumn 'quote'", ANSWER)]))
    assert "build/x/processed/survey_quotes.csv, rad 2, kolumn 'quote'" in message
    assert "en roll som kan peka ut en person (S…, 11 tecken) ur svar 7, fråga q2, plats 7/q2/" in message
    assert "survey.names.review" in message
    for value in ("Ebba", "Lind", "rektorn", "850312", "Skogsbrynet", "0410", "berg at", "bo-ek"):
        assert value not in message


def _study_output(study, folder, name: str, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return leak_in_outputs(study.load(), "", folder)


def test_a_leak_planted_in_an_output_from_each_input_fails_naming_file_and_kind(study, tmp_path) -> None:
    # an answer: a name-word at a sentence start the study's page scan does not see
    book = openpyxl.load_workbook(study.raw("survey/forms-export.xlsx"))
    book.active.cell(row=4, column=7, value="Björn och jag tog hand om det mesta.")
    book.save(study.raw("survey/forms-export.xlsx"))
    message = _study_output(study, tmp_path / "a", "survey_quotes.csv", "quote\nBjörn och jag tog hand om det mesta.\n")
    assert "den oberoende slutkontrollen" in message
    assert "ett möjligt personnamn (B…, 5 tecken) ur svar 3, fråga q2, plats 3/q2/0-5" in message
    assert f"i {tmp_path / 'a' / 'survey_quotes.csv'}" in message
    # a coding label
    codebook = study.raw("survey/kodbok.csv")
    header, first, *rest = codebook.read_text(encoding="utf-8").splitlines()
    fields = first.split(";")
    fields[2] = "Linda och jag " + fields[2]
    codebook.write_text("\n".join([header, ";".join(fields), *rest]) + "\n", encoding="utf-8")
    message = _study_output(study, tmp_path / "b", "03_survey.html", f"<td>{fields[2]}</td>")
    assert "ett möjligt personnamn (L…, 5 tecken) ur data/raw/survey/kodbok.csv, rad 2, kolumn 'Etikett'" in message
    # a params value
    study.replace_in(study.params_file, 'label: "Hur involverad"', 'label: "Hur involverad, fråga LB"')
    message = _study_output(study, tmp_path / "c", "03_survey.md", "Hur involverad, fråga LB")
    assert "möjliga initialer (L…, 2 tecken) ur params survey.questions.q1.label" in message


def test_a_coder_s_suggestion_planted_in_an_output_fails(tmp_path) -> None:
    from collabstudy.privacy.study import final_sources
    from collabstudy.study.params import load_params
    from collabstudy.study.paths import CODE_PROJECT

    fixture = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"
    params = load_params(fixture / "params" / "fiktiv-2025.yaml", fixture)
    note = next(s.text for s in final_sources(params) if "'Nytt tema?'" in s.where)
    assert "Anna" in note  # the fictional coder B's suggestion names a colleague
    planted = tmp_path / "survey_notes.json"
    planted.write_text(json.dumps({"note": note}), encoding="utf-8")
    leaks = final_leaks(params, "", [planted])
    assert [(leak.where, leak.fragment.kind) for leak in leaks] == [(str(planted), "namn")]
    assert "kodning-B.xlsx, rad 5, kolumn 'Nytt tema?'" in leaks[0].describe()
    planted.write_text(json.dumps({"note": note.replace("Anna", "[namn]")}), encoding="utf-8")
    assert final_leaks(params, "", [planted]) == []  # as the survey page prints it: redacted
