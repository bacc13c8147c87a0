"""The Swedish lexicon: which words are ordinary Swedish words, and which are known proper nouns.

The lexicon is Göran Andersson's Swedish spelling dictionary (Hunspell format, LGPL-3.0, as
packaged by wooorm/dictionaries as the npm package ``dictionary-sv``), read with ``spylls``, a
pure-Python Hunspell. make fetches it once per machine into ``build/cache/sv-lexicon/``
(``sv.dic``, ``sv.aff``). Its lower-case entries are ordinary words (with their inflections: the
affix rules), its capitalised entries proper nouns: places, organisations and many first names.

Two questions are asked of it:

- :meth:`Lexicon.ordinary`: is this word, in lower case, an ordinary Swedish word on its own
  (inflected, but *not* as a compound: Hunspell accepts almost any chain of Swedish words, so
  "Lindström" would be "lind" + "ström")? "per", "hans", "klara" are; "anna", "maria" are not.
- :meth:`Lexicon.known`: does Hunspell accept the word as written, compounds and proper nouns
  included ("Arbetsförmedlingen", "Trelleborg", "arbetsmarknadsinsatserna")?
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..study.errors import StudyInputError

LEXICON_DIR = "build/cache/sv-lexicon"  # where make puts the dictionary (the Makefile's LEXICON)
LEXICON_NAME = "sv"  # sv.dic + sv.aff
LEXICON_PACKAGE = "dictionary-sv@4.0.0"  # the npm package make fetches


class Lexicon:
    """The Swedish spelling dictionary in `folder` (``sv.dic`` and ``sv.aff``), loaded on first use
    (about 2 s) and queried with cached lookups."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._dictionary = None
        self.ordinary = lru_cache(maxsize=None)(self._ordinary)
        self.known = lru_cache(maxsize=None)(self._known)

    def _loaded(self):
        if self._dictionary is None:
            base = self.folder / LEXICON_NAME
            if not base.with_suffix(".dic").is_file() or not base.with_suffix(".aff").is_file():
                raise StudyInputError(
                    f"den svenska ordlistan för anonymitetskontrollen saknas ({LEXICON_PACKAGE}); "
                    "kör 'make setup' så hämtas den",
                    file=str(base.with_suffix(".dic")),
                )
            self._dictionary = _read_dictionary(str(base))
        return self._dictionary

    def _ordinary(self, word: str) -> bool:
        dictionary = self._loaded()
        lower = word.lower()
        # The dictionary marks the lower-case spelling of many names as forbidden ("barbro", "bergman").
        forbidden = dictionary.aff.FORBIDDENWORD
        if forbidden and dictionary.dic.has_flag(lower, forbidden, for_all=True):
            return False
        return any(True for _ in dictionary.lookuper.good_forms(lower, compound_forms=False))

    def _known(self, word: str) -> bool:
        return bool(self._loaded().lookup(word))


@lru_cache(maxsize=2)
def _read_dictionary(base: str):
    """The Hunspell dictionary at `base` (.dic/.aff), read once per process (2 s): it never changes
    while a step runs, and one step asks for it from more than one reader."""
    import gc

    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(base)
    # Its million small objects never change: keep them out of every later garbage collection, which
    # would otherwise walk them all again and again while the step runs.
    gc.freeze()
    return dictionary


def lexicon_folder(root: Path, code_root: Path) -> Path:
    """The lexicon's folder: the study project's own cache if make built it there, else this code's."""
    own = Path(root) / LEXICON_DIR
    return own if (own / f"{LEXICON_NAME}.dic").is_file() else Path(code_root) / LEXICON_DIR
