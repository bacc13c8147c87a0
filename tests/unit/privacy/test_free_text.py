"""The export's free text is redacted as it is read; what the rules cannot judge stops the run for review,
and the analyst's decisions per occurrence (params survey.names.review) are applied."""

from __future__ import annotations

import openpyxl
import pytest

from collabstudy.privacy.free_text import REVIEW_FILE, REVIEW_FOLDER, NamesToReview
from collabstudy.privacy.study import review_free_text
from collabstudy.study.errors import StudyInputError
from collabstudy.survey import data as survey_data
from collabstudy.survey import figures

LESSON = 7  # column G: "Din viktigaste lärdom av samverkan?"
PERIOD = 14  # column N: the period of involvement


def _write(study, cells: dict[tuple[int, int], str]) -> None:
    path = study.raw("survey/forms-export.xlsx")
    book = openpyxl.load_workbook(path)
    for (row, column), value in cells.items():
        book.active.cell(row=row, column=column, value=value)
    book.save(path)


def test_every_identifier_in_an_answer_and_in_the_period_is_redacted(study) -> None:
    _write(
        study,
        {
            (
                2,
                LESSON,
            ): "Ring Maria Lindqvist på 070-123 45 67 eller maria.l@svedala.se, Storgatan 12, pnr 811228-9874.",
            (3, PERIOD): "Annat: sedan Anna började",
        },
    )
    data = survey_data.read_survey(study.load())
    lesson = data.answers[(data.answers["id"] == 1) & (data.answers["question"] == "q2")]["text"].item()
    assert lesson == "Ring [namn] [namn] på [telefon] eller [e-post], [adress], pnr [personnummer]."
    assert data.respondents.loc[data.respondents["id"] == 2, "period"].item() == "Annat: sedan [namn] började"


def test_an_unknown_capitalised_word_stops_for_review_without_showing_it(study) -> None:
    _write(study, {(4, LESSON): "Bra stöd från Xyzzyk på enheten."})
    with pytest.raises(NamesToReview) as caught:
        survey_data.read_survey(study.load())
    message = str(caught.value)
    assert (
        "X… (6 tecken, namn) i svar 3 (rad 4), kolumn 'Din viktigaste lärdom av samverkan?', plats 3/q2/14-20"
        in message
    )
    assert "Xyzzyk" not in message
    assert message.startswith("Fel i indata (fil data/raw/survey/forms-export.xlsx)")
    assert "survey.names.review" in message and "survey.names.allow" in message and "survey.names.deny" in message


def test_the_review_file_is_written_outside_reports_and_removed_once_resolved(study, tmp_path) -> None:
    _write(study, {(4, LESSON): "Bra stöd från Xyzzyk på enheten."})
    params = study.load()
    message = review_free_text(params, "", tmp_path)
    review = tmp_path / REVIEW_FOLDER / REVIEW_FILE
    assert message and "granskning/namnkandidater.csv" in message
    lines = review.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "plats;typ;ord;svar_id;rad;kolumn;sammanhang;val;beslut"
    assert lines[1].startswith(
        "3/q2/14-20;namn;Xyzzyk;3;4;Din viktigaste lärdom av samverkan?;Bra stöd från «Xyzzyk» på enheten.;"
        "namn (ersätt med [namn]) / behåll / utelämna"
    )
    study.replace_in(params.file, "deny: [Micke]", "deny: [Micke, Xyzzyk]")
    assert review_free_text(study.load(), "", tmp_path) is None
    assert not review.exists()


def _decide(study, decisions: dict[str, str]) -> None:
    lines = "".join(f"\n      {place}: {decision}" for place, decision in decisions.items())
    study.replace_in(study.params_file, "    review:", "    review:" + lines)


def _answer(data, respondent: int, question: str = "q2"):
    answers = data.answers
    return answers[(answers["id"] == respondent) & (answers["question"] == question)].iloc[0]


ROLE_ANSWER = "Bo i Svedala ringde SFI-rektorn, och Box 44, 231 21 Trelleborg fick brevet."


def test_every_kind_goes_to_review_and_the_decisions_are_applied(study) -> None:
    _write(study, {(4, LESSON): ROLE_ANSWER})
    with pytest.raises(NamesToReview) as caught:
        survey_data.read_survey(study.load())
    assert [(c.kind, c.place) for c in caught.value.candidates] == [("namn", "3/q2/0-2"), ("roll", "3/q2/20-31")]
    _decide(study, {"3/q2/20-31": "roll", "3/q2/0-2": "behåll"})
    answer = _answer(survey_data.read_survey(study.load()), 3)
    assert answer["text"] == "Bo i Svedala ringde [roll], och [adress] fick brevet."
    assert not answer["quote_left_out"]


def test_a_quote_left_out_is_kept_in_the_tallies_but_not_quoted(study) -> None:
    _write(study, {(4, LESSON): ROLE_ANSWER})
    _decide(study, {"3/q2/20-31": "utelämna", "3/q2/0-2": "namn"})
    data = survey_data.read_survey(study.load())
    answer = _answer(data, 3)
    assert answer["text"] == "[namn] i Svedala ringde [roll], och [adress] fick brevet."  # replaced as well
    assert answer["quote_left_out"] and answer["status"] == "svar"
    quotes = figures.quotes(
        data.answers, data.coding, data.respondents, data.codebook, study.load().values.survey.questions
    )
    assert not quotes["quote"].str.contains("ringde").any()
    assert ((data.coding["id"] == 3) & (data.coding["question"] == "q2")).any()  # still coded and tallied


def test_a_decision_must_fit_its_kind(study) -> None:
    _write(study, {(4, LESSON): ROLE_ANSWER})
    _decide(study, {"3/q2/20-31": "namn", "3/q2/0-2": "behåll"})
    with pytest.raises(StudyInputError, match="passar inte: där står roll") as caught:
        survey_data.read_survey(study.load())
    assert caught.value.key == "survey.names.review.3/q2/20-31"


def test_without_review_nothing_undecided_is_published(study) -> None:
    _write(study, {(4, LESSON): ROLE_ANSWER})
    answer = _answer(survey_data.read_survey(study.load(), review_names=False), 3)
    assert answer["text"] == "[namn] i Svedala ringde [roll], och [adress] fick brevet."


def test_the_context_is_redacted_and_never_cut_through_an_identifier(study, tmp_path) -> None:
    text = (
        "Ring 0410-73 30 00 eller skriv till anna.berg at trelleborg punkt se, för SFI-rektorn vet att "
        "850312-1232 bor på Skogsbrynet 12 i Trelleborg och har en akt som ligger hos kundtjänsten i stan."
    )
    _write(study, {(4, LESSON): text})
    review_free_text(study.load(), "", tmp_path)
    rows = (tmp_path / REVIEW_FOLDER / REVIEW_FILE).read_text(encoding="utf-8").splitlines()[1:]
    context = next(row.split(";")[6] for row in rows if ";roll;" in row)
    assert "«SFI-rektorn»" in context and "[e-post]" in context and "[personnummer]" in context
    assert "[adress]" in context
    for fragment in ("0410", "73 30", "850312", "1232", "anna", "berg at", "Skogsbrynet"):
        assert fragment not in context


# "Bra" and "stöd" are ordinary words the first pass passes: a place only the final check could name.
UNMARKED_ANSWER = "Bra stöd av enheten, ring 0708 om allt."


def test_a_decision_on_a_place_the_first_pass_did_not_mark_is_applied(study) -> None:
    _write(study, {(4, LESSON): UNMARKED_ANSWER})
    _decide(study, {"3/q2/0-3": "ersätt", "3/q2/26-30": "telefon"})
    answer = _answer(survey_data.read_survey(study.load()), 3)
    assert answer["text"] == "[namn] stöd av enheten, ring [telefon] om allt."
    assert not answer["quote_left_out"]


def test_leaving_out_an_unmarked_place_replaces_it_and_leaves_the_quote_out(study) -> None:
    _write(study, {(4, LESSON): UNMARKED_ANSWER})
    _decide(study, {"3/q2/4-8": "utelämna"})
    answer = _answer(survey_data.read_survey(study.load()), 3)
    assert answer["text"] == "Bra [namn] av enheten, ring 0708 om allt."
    assert answer["quote_left_out"]


def test_replacing_an_unmarked_place_picks_the_placeholder_its_word_has(study) -> None:
    _write(study, {(4, LESSON): "Hör av dig: a.b@ekby.se eller Ängsgatan 7."})
    data = survey_data.read_survey(study.load())
    assert _answer(data, 3)["text"] == "Hör av dig: [e-post] eller [adress]."
    _write(study, {(4, LESSON): "Hör av dig till mig på Kvarn 7 om det, 0708 12 34."})
    _decide(study, {"3/q2/23-30": "ersätt", "3/q2/39-49": "ersätt"})
    assert (
        _answer(survey_data.read_survey(study.load()), 3)["text"]
        == "Hör av dig till mig på [adress] om det, [telefon]."
    )


def test_a_kept_unmarked_place_changes_nothing(study) -> None:
    _write(study, {(4, LESSON): UNMARKED_ANSWER})
    _decide(study, {"3/q2/0-3": "behåll"})
    assert _answer(survey_data.read_survey(study.load()), 3)["text"] == UNMARKED_ANSWER


@pytest.mark.parametrize(
    ("place", "says"),
    [
        (
            "3/q2/30-99",
            "finns inte i svaret: svar 3 (rad 4), kolumn 'Din viktigaste lärdom av samverkan?' har 39 tecken",
        ),
        ("3/q42/0-3", "svar 3 har inget svar på frågan 'q42'"),
        ("3/q2/8-4", "slutar inte efter sin början (8-4)"),
        ("999/q2/0-3", "svar 999 har inget svar på frågan 'q2'"),
    ],
)
def test_a_place_that_is_not_in_the_export_stops_with_its_key(study, place, says) -> None:
    _write(study, {(4, LESSON): UNMARKED_ANSWER})
    _decide(study, {place: "ersätt"})
    with pytest.raises(
        StudyInputError, match=says.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
    ) as caught:
        survey_data.read_survey(study.load())
    assert caught.value.key == f"survey.names.review.{place}"


def test_a_name_split_by_a_character_nobody_sees_is_redacted_whole(study) -> None:
    # a soft hyphen pasted from Word: the reader sees "Kristina", the detectors would see "Kri" and "stina"
    _write(
        study,
        {
            (4, LESSON): "Tack till Kri\u00adstina och Lind\u200eqvist för allt.",
            (3, PERIOD): "Annat: sedan Bir\u00adgitta",
        },
    )
    data = survey_data.read_survey(study.load())
    assert _answer(data, 3)["text"] == "Tack till [namn] och [namn] för allt."
    assert data.respondents.loc[data.respondents["id"] == 2, "period"].item() == "Annat: sedan [namn]"


CUT_ANSWER = "Ring mig på 0708-12 34 56 om ni undrar."  # the number at 12-25


@pytest.mark.parametrize("span", ["17-25", "14-25", "12-20", "13-24"])
def test_a_place_that_cuts_a_word_or_number_replaces_all_of_it(study, span) -> None:
    # mistyped by a character or two: replacing "12 34 56" alone would publish "0708-"
    _write(study, {(4, LESSON): CUT_ANSWER})
    _decide(study, {f"3/q2/{span}": "ersätt"})
    assert _answer(survey_data.read_survey(study.load()), 3)["text"] == "Ring mig på [telefon] om ni undrar."


def test_a_place_beyond_a_found_identifier_replaces_what_is_left(study) -> None:
    _write(study, {(4, LESSON): "Ring Maria på 0708 12 34 om ni undrar."})
    _decide(study, {"3/q2/5-24": "ersätt"})  # "Maria på 0708 12 34": the name is found, the rest is not
    text = _answer(survey_data.read_survey(study.load()), 3)["text"]
    assert text.startswith("Ring [namn] [") and "0708" not in text and "på" not in text


def test_a_kept_place_outside_the_answer_stops_too(study) -> None:
    _write(study, {(4, LESSON): UNMARKED_ANSWER})
    _decide(study, {"3/q2/30-99": "behåll"})
    with pytest.raises(StudyInputError, match="finns inte i svaret") as caught:
        survey_data.read_survey(study.load())
    assert caught.value.key == "survey.names.review.3/q2/30-99"


def test_a_period_answer_with_an_invisible_character_after_its_choice_is_that_choice(study) -> None:
    # Forms writes a one-choice cell "Sedan 2022;": a zero-width space after it is no second choice
    data = survey_data.read_survey(study.load())
    chosen = data.respondents.loc[data.respondents["id"] == 2, "period"].item()
    _write(study, {(3, PERIOD): f"{chosen};\u200b"})
    again = survey_data.read_survey(study.load())
    assert again.respondents.loc[again.respondents["id"] == 2, "period"].item() == chosen
