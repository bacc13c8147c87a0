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

import atexit
import functools
import os
import pickle
import sys
from collections.abc import Iterable
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
        self._answers: _Answers | None = None
        self.ordinary = lru_cache(maxsize=None)(functools.partial(self._answer, "ordinary", self._ordinary))
        self.known = lru_cache(maxsize=None)(functools.partial(self._answer, "known", self._known))

    def _answer(self, question: str, ask, word: str) -> bool:
        """The dictionary's answer, from the answers a run kept when an earlier process of it asked the same
        (loading the dictionary takes a second; a step asks it about the words of the free text, which the
        step before it asked about too)."""
        if self._answers is None:
            self._answers = _Answers.of(self.folder / LEXICON_NAME)
        return self._answers.get(question, word, ask)

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

    def ordinary_among(self, words: Iterable[str]) -> set[str]:
        """The words of `words` that :meth:`ordinary` accepts, the same answers in seconds for the name list's
        200 000 words instead of minutes: Hunspell is asked only about the words that its suffix rules could make
        from a stem of the dictionary with that suffix's flag (found with plain look-ups, see
        :func:`_could_be_affixed`), a superset of the words it accepts without compounding; the rest cannot be
        ordinary words. A dictionary with prefix rules or input conversions is asked about every word."""
        words = list(words)
        dictionary = self._loaded()
        if dictionary.aff.PFX or dictionary.aff.ICONV or dictionary.aff.IGNORE:
            return {word for word in words if self.ordinary(word)}
        could_be = _could_be_affixed(dictionary)
        return {word for word in words if could_be(word.lower()) and self.ordinary(word)}


def _could_be_affixed(dictionary):
    """A test that is true for every lower-case word Hunspell's suffix analysis (spylls' ``desuffix``: up to two
    suffixes) can find in the dictionary, and false for nearly every other: the word itself is a stem, or taking
    off a suffix (its `add`, putting back its `strip`) gives a stem that has the suffix's flag, or taking off
    two suffixes (the inner one allowed by the outer one's flag) does. Conditions are not checked, so it may
    say true where Hunspell says false, never the reverse."""
    flags: dict[str, set[str]] = {}
    for word in dictionary.dic.words:
        flags.setdefault(word.stem, set()).update(word.flags)
    outer: dict[str, list] = {}
    inner: dict[str, dict[str, list]] = {}  # the outer suffix's flag -> add -> the suffixes it lets stand inside
    for suffixes in dictionary.aff.SFX.values():
        for suffix in suffixes:
            outer.setdefault(suffix.add, []).append(suffix)
            for flag in suffix.flags:
                inner.setdefault(flag, {}).setdefault(suffix.add, []).append(suffix)
    lengths = sorted({len(add) for add in outer})

    def stripped(word: str, by_add: dict[str, list]):
        size = len(word)
        for length in lengths:
            if length > size:
                break
            for suffix in by_add.get(word[size - length :], ()):
                yield suffix, word[: size - length] + suffix.strip

    def could_be(word: str) -> bool:
        if word in flags:
            return True
        for last, stem in stripped(word, outer):
            found = flags.get(stem)
            if found is not None and (last.flag in found or last.flag in last.flags):
                return True
            allowed = inner.get(last.flag)
            if allowed:
                for first, root in stripped(stem, allowed):
                    found = flags.get(root)
                    if found is not None and first.flag in found | first.flags | last.flags:
                        return True
        return False

    return could_be


COMPILED_SUFFIX = ".spylls.pickle"  # the dictionary as spylls read it, beside sv.dic: loaded in a fraction of the time
_COMPILED_FORMAT = 1


@lru_cache(maxsize=2)
def _read_dictionary(base: str):
    """The Hunspell dictionary at `base` (.dic/.aff), read once per process: it never changes while a step
    runs, and one step asks for it from more than one reader. Parsing the .dic and .aff takes spylls 2–4 s; the
    first process to do it keeps the result beside them (`sv.spylls.pickle`, for exactly those two files, this
    spylls and this Python), which every later process loads in well under a second."""
    import gc

    compiled = Path(base + COMPILED_SUFFIX)
    key = _compiled_key(base)
    gc.disable()  # a million small objects are made: no collection in between
    try:
        dictionary = _load_compiled(compiled, key)
        if dictionary is None:
            from spylls.hunspell import Dictionary

            dictionary = Dictionary.from_files(base)
            _save_compiled(compiled, key, dictionary)
    finally:
        gc.enable()
    # Its million small objects never change: keep them out of every later garbage collection, which
    # would otherwise walk them all again and again while the step runs.
    gc.freeze()
    return dictionary


def _compiled_key(base: str) -> tuple:
    from importlib.metadata import version

    files = [os.stat(base + suffix) for suffix in (".dic", ".aff")]
    return (
        _COMPILED_FORMAT,
        version("spylls"),
        sys.version_info[:2],
        *((f.st_size, f.st_mtime_ns) for f in files),
    )


def _load_compiled(path: Path, key: tuple):
    """The dictionary kept at `path` if it was kept for `key`, else None (missing, stale or unreadable)."""
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != key:
                return None
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None


def _save_compiled(path: Path, key: tuple, dictionary) -> None:
    """Keep the parsed dictionary for the next process; written whole or not at all (a folder that cannot be
    written in only means the next process parses it again)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(dictionary, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError):
        temporary.unlink(missing_ok=True)


class _Answers:
    """What the dictionary at `base` answered, kept for the run's later processes (collabstudy.io.kept): the words
    asked about are words of the respondents' free text, names among them, so they are kept only in the study's
    build folder during a run (its owner's only; make removes them when the run ends), never beside the
    dictionary. Found by the .dic and .aff files, this spylls and this Python and the study's code: any change
    and the answers are asked again. New answers are added when the process ends, merged with what other
    processes added meanwhile; outside a run nothing is kept."""

    _open: list[_Answers] = []  # saved as the process ends (save_all)

    def __init__(self, path: Path | None):
        from ..io.kept import load_kept

        self.path, self.new = path, {"ordinary": {}, "known": {}}
        self.known = (load_kept(path, dict) or {}) if path else {}
        if path:
            if not _Answers._open:
                atexit.register(_Answers.save_all)
            _Answers._open.append(self)

    @classmethod
    def of(cls, base: Path) -> _Answers:
        from ..io.kept import code_version, kept_file

        try:
            return cls(kept_file("ordlistan", repr(_compiled_key(str(base))), code_version(Path(__file__).parents[1])))
        except OSError:  # no dictionary: asking it says so (Lexicon._loaded)
            return cls(None)

    def get(self, question: str, word: str, ask) -> bool:
        kept = self.known.get(question, {}).get(word)
        if kept is None:
            kept = self.new[question][word] = ask(word)
        return kept

    @classmethod
    def save_all(cls) -> None:
        for answers in cls._open:
            answers.save()
        cls._open.clear()

    def save(self) -> None:
        from ..io.kept import keep, load_kept

        if not any(self.new.values()):
            return
        merged = load_kept(self.path, dict) or {}
        for question, words in self.new.items():
            merged.setdefault(question, {}).update(words)
        keep(self.path, merged)


def lexicon_folder(root: Path, code_root: Path) -> Path:
    """The lexicon's folder: the study project's own cache if make built it there, else this code's."""
    own = Path(root) / LEXICON_DIR
    return own if (own / f"{LEXICON_NAME}.dic").is_file() else Path(code_root) / LEXICON_DIR
