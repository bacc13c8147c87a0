"""The first pass over a step's outputs judges the text around the study's own labels, not the labels: a
theme label set mid-sentence is not read as a name, a name beside it still is."""

from __future__ import annotations

import pytest

from collabstudy.privacy.scan import NameLeakError, check_no_names
from collabstudy.privacy.study import study_redactor, vetted_labels, without

ALT = "Stapeldiagram: Olika synsätt, Svedala: 2 av 3; Två kontor och resor, Svedala: 2 av 3"


def test_a_label_mid_sentence_is_not_a_name(published):
    redactor = study_redactor(published, "")
    with pytest.raises(NameLeakError):  # 'Två' after a semicolon reads as a name on its own
        check_no_names([("sida.html", ALT)], redactor)
    check_no_names(without([("sida.html", ALT)], ["Två kontor och resor"]), redactor)


def test_a_name_beside_a_label_is_still_found(published):
    text = ALT + "; Lisa tog hand om det"
    with pytest.raises(NameLeakError):
        check_no_names(without([("sida.html", text)], ["Två kontor och resor"]), study_redactor(published, ""))


def test_the_labels_are_the_codebooks_and_the_questions(published):
    labels = vetted_labels(published)
    assert "Olika synsätt/arbetssätt" in labels and "Största utmaningen" in labels
    assert labels == sorted(labels, key=len, reverse=True)  # a label holding another is blanked whole
