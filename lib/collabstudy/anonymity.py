"""The study's name detector: the first-name list, the params' allow and deny lists, the corpus."""
from __future__ import annotations

from typing import Iterable

from .paths import inside
from .redaction import NameDetector, load_first_names
from .vocabulary import MONTHS


def study_detector(params, names_cache: str, corpus: Iterable[str]) -> NameDetector:
    """A detector for this study: municipality and month names and params' allow list are never names of people."""
    cache = inside(params.root, names_cache, key="names_cache") if names_cache else None
    names = params.values.survey.names
    # Month names head the delivered tables ('Maj' is also a first name).
    allow = [*names.allow, *(m.name for m in params.values.municipalities), *(m.capitalize() for m in MONTHS)]
    return NameDetector.build(load_first_names(cache if cache and cache.is_file() else None),
                              allow=allow, deny=names.deny, corpus=corpus)
