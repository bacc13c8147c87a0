"""The method says whether the survey's answer file named who answered, as the file does."""

from __future__ import annotations

import pytest
from wording import say

from collabstudy.io import keys
from collabstudy.io.figures import Figures
from collabstudy.io.registry import ResultsRegistry


@pytest.mark.parametrize(
    ("rows", "said", "never"),
    [
        (0, "Enkätens svarsfil har inga namn eller e-postadresser", "inte anonymt"),
        (1, "namn eller e-postadress på 1 rad, så formuläret var inte anonymt", "har inga namn"),
        (12, "namn eller e-postadress på 12 rader, så formuläret var inte anonymt", "har inga namn"),
    ],
)
def test_the_anonymity_sentence_follows_the_export(published, rows, said, never):
    cleaning = ResultsRegistry("01_cleaning")
    cleaning.record(keys.EXPORT_PERSONAL_ROWS, rows, unit="antal", label="", source="")
    shown = say("ord.md.j2", "anonymised", Figures(published, cleaning.results), Figures(published, cleaning.results))
    assert said in shown and never not in shown
    assert ". Personnamn, personnummer" in shown  # what happens to names in the answers is said either way
