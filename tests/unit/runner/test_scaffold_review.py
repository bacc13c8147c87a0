"""`make new-study` does not carry the anonymity review's decisions over (each names a place in the latest
study's export), and a study that has them anyway stops before they judge this export's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabstudy.privacy.free_text import inherited_decisions, refuse_inherited_decisions
from collabstudy.runner import scaffold
from collabstudy.study.errors import StudyInputError
from collabstudy.study.params import load_params

NAME = "uppfoljning-2024"  # the study the `created` fixture makes (conftest.py)


def loaded(project: Path):
    """The new study as the run loads it, once the Forms export (which no template stands in for) is saved."""
    (project / "data" / "raw" / NAME / scaffold.EXPORT_FILE).touch()
    return load_params(project / "params" / f"{NAME}.yaml", project)


def test_the_new_params_have_no_review_decisions_and_say_why(created, project):
    text = (project / "params" / f"{NAME}.yaml").read_text(encoding="utf-8")
    params = loaded(project)
    assert params.values.survey.names.review == {}
    assert "svedala-trelleborg-2023.yaml hade 3, men de gällde platser i dess svarsfil" in text
    assert "chefen med ansvaret" not in text  # the old decisions' explanation went with them
    assert inherited_decisions(params) == []


def with_review(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8").replace("    review: {}\n", "    review:\n" + "".join(lines))
    path.write_text(text, encoding="utf-8")


def test_decisions_copied_from_the_earlier_study_stop_with_their_places(created, project):
    path = project / "params" / f"{NAME}.yaml"
    with_review(path, ["      26/q6/230-236: roll\n", "      27/q3/98-110: behåll\n", "      4/q2/1-5: namn\n"])
    params = loaded(project)
    assert inherited_decisions(params) == ["26/q6/230-236", "27/q3/98-110"]
    with pytest.raises(StudyInputError) as stopped:
        refuse_inherited_decisions(params)
    message = str(stopped.value)
    assert "2 av granskningens beslut (26/q6/230-236, 27/q3/98-110)" in message
    assert "survey.names.review" in message and "Traceback" not in message


def test_a_decision_of_this_study_at_the_same_place_but_another_decision_is_its_own(created, project):
    path = project / "params" / f"{NAME}.yaml"
    with_review(path, ["      26/q6/230-236: behåll\n"])  # the earlier study said 'roll'
    refuse_inherited_decisions(loaded(project))


def test_the_review_stop_counts_its_occurrences_in_swedish():
    from collabstudy.privacy.free_text import Candidate, NamesToReview

    one = Candidate(8, "q10", 9, "SFI-rektorn", "… [SFI-rektorn] …", "role", "8/q10/4-15")
    assert "1 förekomst i fritextsvaren" in str(NamesToReview([one], "f.xlsx"))
    assert "avgöra den " in str(NamesToReview([one], "f.xlsx"))
    assert "2 förekomster i fritextsvaren" in str(NamesToReview([one, one], "f.xlsx"))


def test_the_final_check_reads_past_a_codebook_not_yet_filled_in(created, project):
    """Step 01's final check runs before anyone has coded: the untouched codebook and coding templates are read
    by step 03, which stops on them; here they hold nothing to look for (it once stopped as an internal error)."""
    from corpus.follow_up import write_forms_export

    from collabstudy.privacy.study import final_sources

    write_forms_export(project / "data" / "raw" / NAME / scaffold.EXPORT_FILE, created.plan)
    sources = final_sources(load_params(project / "params" / f"{NAME}.yaml", project))
    assert any(s.where.startswith("svar 1") for s in sources)
    assert not any("kodbok" in s.where or "kodning" in s.where for s in sources)


def test_an_untouched_codebook_says_what_to_write_and_how_to_code(created, project):
    from collabstudy.survey.data import read_codebook

    with pytest.raises(StudyInputError) as stopped:
        read_codebook(loaded(project))
    message = str(stopped.value)
    assert "kodbok.xlsx" in message and "kodboken har inga teman ännu" in message
    assert "make coding-sheets" in message and "q2" in message
