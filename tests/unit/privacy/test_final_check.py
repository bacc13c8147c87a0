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


def test_a_json_string_escaped_twice_is_read_as_its_reader_reads_it(check, tmp_path) -> None:
    # itables' data in a page's script: a JSON string inside a JavaScript string, "ö" as \\u00f6
    final = check(Source("svar 4, fråga q2", "Fråga Björn om det, /M.S.", "4/q2"))
    leaked = tmp_path / "leaked.html"
    leaked.write_text('<script>var d = "[[\\"Fr\\\\u00e5ga Bj\\\\u00f6rn om det\\"]]";</script>', encoding="utf-8")
    assert _kinds(final.leaks(output_items([leaked]))) == {"namn"}
    # "p\\u00e5 [telefon] s\\u00e5": not "p", "å", "s" (the initials' "S" beside a placeholder)
    redacted = tmp_path / "redacted.html"
    redacted.write_text(
        '<script>var d = "[[\\"Ring [telefon] s\\\\u00e5 ber\\\\u00e4ttar jag, /[namn]\\"]]";</script>',
        encoding="utf-8",
    )
    assert final.leaks(output_items([redacted])) == []


PICTURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAm/s/DUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def test_pictures_are_not_read_as_text_but_a_text_data_uri_is(check, tmp_path) -> None:
    import base64

    final = check(Source("svar 4, fråga q2", "Tack /M.S.", "4/q2"))
    # a picture whose base64 happens to hold the initials' letters beside a boundary
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "source": "",
                "outputs": [{"data": {"image/png": PICTURE + "\n", "text/plain": "<Figure>"}}],
            },
            {"cell_type": "markdown", "source": "", "attachments": {"a.png": {"image/png": [PICTURE]}}},
        ]
    }
    (tmp_path / "n.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (tmp_path / "p.html").write_text(f'<img src="data:image/png;base64,{PICTURE}">', encoding="utf-8")
    assert final.leaks(output_items([tmp_path])) == []
    csv = base64.b64encode("citat\nTack /M.S.\n".encode()).decode()
    (tmp_path / "q.html").write_text(
        f'<a href="data:text/csv;charset=utf-8;base64,{csv}">Ladda ner</a>', encoding="utf-8"
    )
    (tmp_path / "r.md").write_text(f"[Ladda ner](data:text/csv;base64,{csv})", encoding="utf-8")
    assert {leak.where for leak in final.leaks(output_items([tmp_path]))} == {
        str(tmp_path / "q.html"),
        str(tmp_path / "r.md"),
    }


@pytest.mark.parametrize(
    ("decision", "published"),
    [
        ("behåll", "Vi pratade om Ring och så."),
        ("ersätt", "Vi pratade om [namn] och så."),
        ("utelämna", "Vi pratade om [namn] och så."),
    ],
)
def test_the_message_s_advice_for_a_place_the_first_pass_passed_works(study, tmp_path, decision, published) -> None:
    from collabstudy.survey import data as survey_data

    # "Ring" mid-sentence: an ordinary word to the first pass, a surname of the name list to the final check;
    # only the final check's message names the place
    book = openpyxl.load_workbook(study.raw("survey/forms-export.xlsx"))
    book.active.cell(row=4, column=7, value="Vi pratade om Ring och så.")
    book.save(study.raw("survey/forms-export.xlsx"))
    first = _answer_text(survey_data.read_survey(study.load()))
    message = _study_output(study, tmp_path / "a", "survey_quotes.csv", f"quote\n{first}\n")
    assert "ett möjligt personnamn (R…, 4 tecken) ur svar 3, fråga q2, plats 3/q2/14-18" in message
    study.replace_in(study.params_file, "    review:", f"    review:\n      3/q2/14-18: {decision}")
    data = survey_data.read_survey(study.load())
    assert _answer_text(data) == published
    assert bool(data.answers.set_index(["id", "question"]).loc[(3, "q2"), "quote_left_out"]) == (decision == "utelämna")
    assert _study_output(study, tmp_path / "b", "survey_quotes.csv", f"quote\n{_answer_text(data)}\n") is None


def test_a_word_that_calls_a_person_is_no_name_in_lower_case_where_it_calls_one(check) -> None:
    # "ring" before a phone number, "fråga" before "oss": verbs; "ring" where a person stands is still marked
    said = "Mejla mig eller ring 0708-12 34 56 så berättar jag, och fråga oss."
    final = check(Source("svar 3, fråga q2", said, "3/q2"))
    assert final.leaks([("q.csv", "Mejla mig eller ring [telefon] så berättar jag, och fråga oss.")]) == []
    for text in ("hej ring, tack", "jag pratade med ring om det", "ring sa att det var bra", "tack till ring och be"):
        assert _kinds(check(Source("svar 3, fråga q2", text)).leaks([("q.csv", text)])) == {"namn"}, text


def _answer_text(data) -> str:
    return data.answers.set_index(["id", "question"]).loc[(3, "q2"), "text"]


def test_words_after_a_data_uri_are_read_whatever_file_holds_them(check, tmp_path) -> None:
    answer = "Tack till Maria Lindqvist som ringde mig"
    final = check(Source("svar 4, fråga q2", answer, "4/q2"))
    uri = f"data:image/png;base64,{PICTURE}"
    (tmp_path / "a.csv").write_text(f"bild,{uri}\n{answer},3\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{uri} {answer}.", encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": f"{uri}\n{answer}"}), encoding="utf-8")
    text_uri = "data:text/plain;base64,QUJDRA" + "Q"  # a character too many: decoded as far as it goes
    (tmp_path / "d.md").write_text(f"{text_uri} {answer}", encoding="utf-8")
    # a picture's type over text that is no base64 (alt text in made-up metadata) is read
    (tmp_path / "e.json").write_text(json.dumps({"metadata": {"image/png": {"alt": answer}}}), encoding="utf-8")
    assert {leak.where for leak in final.leaks(output_items([tmp_path]))} == {
        str(tmp_path / name) for name in ("a.csv", "b.txt", "c.json", "d.md", "e.json")
    }


@pytest.mark.parametrize("backslashes", [3, 5, 6])
def test_a_backslash_written_out_before_u_is_a_boundary_not_an_escape(check, tmp_path, backslashes) -> None:
    final = check(Source("svar 4, fråga q2", "Fråga Lindqvist som vet.", "4/q2"))
    page = tmp_path / "p.html"
    page.write_text(
        f"<script>var d = 'Fr\\\\u00e5ga Lindqvist{chr(92) * backslashes}u0073om vet';</script>", encoding="utf-8"
    )
    assert _kinds(final.leaks(output_items([page]))) == {"namn"}


@pytest.mark.parametrize("backslashes", [1, 2, 4, 8])
def test_an_escape_escaped_again_and_again_is_read_as_its_character(check, tmp_path, backslashes) -> None:
    final = check(Source("svar 4, fråga q2", "Fråga Björn om det.", "4/q2"))
    page = tmp_path / "p.html"
    page.write_text(f"<script>var d = 'Fråga Bj{chr(92) * backslashes}u00f6rn om det';</script>", encoding="utf-8")
    assert _kinds(final.leaks(output_items([page]))) == {"namn"}


def test_a_placeholder_s_genitive_s_is_not_a_redacted_initial(check) -> None:
    final = check(Source("svar 5, fråga q2", "Bra stöd från hela teamet /M.S.", "5/q2"))
    # another answer, redacted: "Svenssons grupp" -> "[namn]s grupp", "A.K:s" -> "[namn]:s"
    assert final.leaks([("q.csv", "Berättar mer om [namn]s grupp och [namn]:s insats. Bra stöd, /[namn]")]) == []
    assert _kinds(final.leaks([("q.csv", "Bra stöd från hela teamet /M.S")])) == {"initialer"}


def test_a_wrapped_text_data_uri_is_read_to_its_last_short_line(check, tmp_path) -> None:
    import base64

    final = check(Source("svar 4, fråga q2", "Tack Ebba Lindqvist", "4/q2"))
    csv = "id;citat\n" + "".join(f"{i};Ett svar utan namn nummer {i}\n" for i in range(4)) + "9;Tack Ebba Lindqvist\n"
    encoded = base64.b64encode(csv.encode()).decode()
    wrapped = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    assert len(wrapped.splitlines()[-1]) < 60
    (tmp_path / "p.html").write_text(f'<a href="data:text/csv;base64,{wrapped}">Ladda ner</a>', encoding="utf-8")
    assert _kinds(final.leaks(output_items([tmp_path]))) == {"namn"}


def test_a_capital_s_after_a_placeholder_is_read(check) -> None:
    final = check(Source("svar 5, fråga q2", "Kontakta M.S. idag", "5/q2"))
    assert _kinds(final.leaks([("q.csv", "Kontakta [namn]S. idag")])) == {"initialer"}


def test_an_e_mail_with_a_for_at_is_marked(check) -> None:
    final = check(Source("svar 5, fråga q2", "Mejla kl(a)ekby.se om det.", "5/q2"))
    assert _kinds(final.leaks([("q.csv", "Mejla kl(a)ekby.se om det.")])) == {"e-post"}
    assert final.leaks([("q.csv", "Mejla [e-post] om det.")]) == []


def test_a_name_written_apart_is_marked_by_its_letters(check) -> None:
    written = "Tack till A n n a  L i n d q v i s t för allt."
    final = check(Source("svar 6, fråga q2", written, "6/q2"))
    (leak,) = final.leaks([("q.csv", written)])
    assert leak.fragment.kind == "namn" and leak.fragment.place == "6/q2/10-36"
    assert final.leaks([("q.csv", "Tack till [namn] för allt.")]) == []
    # the report's own single letters are no one's: a letter alone in a cell, a list "A B C"
    assert final.leaks([("t.csv", "kolumn\nA\nn\n"), ("u.md", "Steg A B C i planen")]) == []
