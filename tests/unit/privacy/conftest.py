"""The anonymity tests' shared detectors: the real name list and lexicon make builds (build/cache/)."""

from __future__ import annotations

import pytest
from privacy_evaluation import ROOT, study_like

from collabstudy.privacy.lexicon import LEXICON_DIR, Lexicon
from collabstudy.privacy.names import NAMES_CACHE, NameList, load_name_list
from collabstudy.privacy.redaction import Redactor


@pytest.fixture(scope="session")
def name_list() -> NameList:
    return load_name_list(ROOT / NAMES_CACHE)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon(ROOT / LEXICON_DIR)


@pytest.fixture(scope="session")
def redactor(name_list: NameList, lexicon: Lexicon) -> Redactor:
    return study_like(name_list, lexicon)
