"""The name resources the name detector uses: first names and surnames common in Sweden.

No one source covers Sweden, so three maintained ones are combined (coverage of Statistics
Sweden's top-100 first names and surnames is measured in tests/unit/privacy/):

- ``names_dataset`` (Philippe Remy's names-dataset, from 500 M Facebook profiles): its full
  first-name and last-name lists keep, for each name, the ten countries where it ranks highest. A
  name is taken if a Nordic country (SE, NO, DK, FI, IS) is among them, or if it ranks within the
  top :data:`ORIGIN_FIRST_RANK` first names / :data:`ORIGIN_SURNAME_RANK` surnames of a country
  many Swedes have roots in (:data:`ORIGIN_COUNTRIES`: Syria, Iraq, Iran, Afghanistan, Turkey,
  Poland, the former Yugoslavia, Ethiopia …, and the English-speaking countries whose names Swedish
  parents give: Liam, Noah). Its own Swedish ranking alone lacks Maria, Sara and Mohammed, because
  those rank higher elsewhere.
- ``gender_guesser`` (Jörg Michael's name dictionary): every first name it marks as used in
  Sweden, and those it marks as common (frequency 3 of 13 or more) in the countries above.
- The Swedish lexicon (:mod:`.lexicon`): for each name, whether it is also an ordinary Swedish word
  ("Per", "Hans", "Klara"), which the detector then judges by context.

make builds the list once per machine, in about 15 s with its progress shown, to ``build/cache/names-se.tsv``
(``python -m collabstudy.privacy.names build-name-list --output F --lexicon DIR``), and beside it the same
sets ready to load (``names-se.tsv.pickle``, a tenth of a second instead of one per process). None of it is
shipped with the project: names-dataset's lists come from a leak of Facebook profiles with no licence for
the data, gender-guesser's dictionary is under the GNU FDL (a derived list would have to be too), and the
lexicon is LGPL-3.0; each machine derives the list from the packages it installed.
"""

from __future__ import annotations

import argparse
import gzip
import os
import pickle
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..io.atomic import write_text
from ..study.errors import StudyInputError
from .lexicon import Lexicon

NAMES_PACKAGE = "names_dataset"
NAMES_CACHE = "build/cache/names-se.tsv"  # where make writes the list (the Makefile's NAMES_CACHE)
NORDIC = frozenset({"SE", "NO", "DK", "FI", "IS"})
ORIGIN_COUNTRIES = frozenset(
    {"SY", "IQ", "IR", "AF", "TR", "PL", "RS", "HR", "ET", "LB", "PS", "EG", "MA", "SA", "DE", "RU", "GR"}
    | {"BG", "AL", "IN", "CN", "CL", "GB", "US", "IE", "FR", "NL", "IT", "ES", "PT"}
)
ORIGIN_FIRST_RANK = 1000
ORIGIN_SURNAME_RANK = 500
GENDER_GUESSER_NORDIC = "denmark norway finland iceland".split()
# Names Swedish parents give from abroad (Noah, Liam): common (4 of 13) in one of these.
GENDER_GUESSER_WESTERN = "great_britain usa ireland germany the_netherlands".split()
GENDER_GUESSER_WESTERN_COMMON = 4
GENDER_GUESSER_ORIGIN = (
    "finland norway denmark iceland poland serbia croatia bosniaand kosovo macedonia albania greece "
    "russia ukraine turkey arabia the_stans great_britain usa ireland"
).split()
GENDER_GUESSER_COMMON = 3
# A name "common in Sweden" is ranked within COMMON_SWEDISH_RANK in names-dataset's Swedish ranking,
# within COMMON_NORDIC_RANK in another Nordic country's, within COMMON_ORIGIN_RANK in a country of
# ORIGIN_COUNTRIES (Mohammed, Fatima, Liam), or gender_guesser marks it as used in Sweden or as
# common (GENDER_GUESSER_COMMON) in another Nordic country (Nora, Agnes) or common
# (GENDER_GUESSER_WESTERN_COMMON) in an English-speaking or western neighbouring country (Noah). Such a name is a name also in lower case and in capitals, and stays a name where it
# is also a place ("Lund", "Berg", "Nora"): the anonymity check errs towards redacting.
COMMON_SWEDISH_RANK = 1000
COMMON_NORDIC_RANK = 500
COMMON_ORIGIN_RANK = 100
_HEADER = "namn\tförnamn\tefternamn\tvanligt_ord\tvanligt_i_sverige\tmed_s_vanligt_ord"
_NAME = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)*$")


def fold(word: str) -> str:
    """A word as the detector compares it: NFC, case-folded."""
    return unicodedata.normalize("NFC", word).casefold()


@dataclass(frozen=True)
class NameList:
    """First names and surnames (case-folded), which of them are also ordinary Swedish words, and which
    are common in Sweden (those stay names where they are also places)."""

    first: frozenset[str]
    surnames: frozenset[str]
    ordinary: frozenset[str]
    common: frozenset[str] = frozenset()
    # names that with an s are an ordinary word ("chan" -> "chans"): then no genitive in lower case
    # or at a sentence start (asked of the lexicon once, when the list is built)
    with_s_ordinary: frozenset[str] = frozenset()

    def __contains__(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.first or folded in self.surnames

    def is_ordinary(self, word: str) -> bool:
        return fold(word) in self.ordinary

    def is_common(self, word: str) -> bool:
        return fold(word) in self.common

    def with_s_is_ordinary(self, word: str) -> bool:
        return fold(word) in self.with_s_ordinary

    @classmethod
    def of(cls, first=(), surnames=(), ordinary=(), common=(), with_s_ordinary=()) -> NameList:
        """A list from plain words (for tests and small studies): any case."""
        lists = (first, surnames, ordinary, common, with_s_ordinary)
        return cls(*(frozenset(map(fold, words)) for words in lists))


def _usable(name: object) -> bool:
    return isinstance(name, str) and len(name) >= 2 and bool(_NAME.match(name)) and name[:1].isupper()


def _common_rank(rank: dict[str, int]) -> bool:
    return (
        rank.get("SE", COMMON_SWEDISH_RANK + 1) <= COMMON_SWEDISH_RANK
        or any(rank.get(country, COMMON_NORDIC_RANK + 1) <= COMMON_NORDIC_RANK for country in NORDIC)
        or any(rank.get(country, COMMON_ORIGIN_RANK + 1) <= COMMON_ORIGIN_RANK for country in ORIGIN_COUNTRIES)
    )


def _from_names_dataset(resource: str, origin_rank: int) -> dict[str, bool]:
    """Name -> whether it is common in Sweden (see COMMON_SWEDISH_RANK), for every name taken."""
    import gc

    gc.disable()  # a million small dicts: no collection while they are made (half the time)
    try:
        with resources.files(NAMES_PACKAGE).joinpath("v3", resource).open("rb") as raw:
            data = pickle.loads(gzip.decompress(raw.read()))
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise StudyInputError(
            f"namnlistan kunde inte läsas ur paketet {NAMES_PACKAGE} ({exc}); bygg om miljön med 'make setup'"
        ) from exc
    finally:
        gc.enable()
    names: dict[str, bool] = {}
    for name, info in data.items():
        rank = info.get("rank") if isinstance(info, dict) else None
        if not rank or not _usable(name):
            continue
        if NORDIC & rank.keys() or any(
            rank.get(country, origin_rank + 1) <= origin_rank for country in ORIGIN_COUNTRIES
        ):
            names[name] = _common_rank(rank)
    return names


def _from_gender_guesser() -> dict[str, bool]:
    """Name -> whether it is common in Sweden, for every name taken."""
    from gender_guesser.detector import Detector

    columns = Detector.COUNTRIES
    sweden = columns.index("sweden")
    origin = [columns.index(country) for country in GENDER_GUESSER_ORIGIN]
    nordic_columns = [columns.index(country) for country in GENDER_GUESSER_NORDIC]
    western_columns = [columns.index(country) for country in GENDER_GUESSER_WESTERN]

    def frequency(values: str, index: int) -> int:
        mark = values[index] if index < len(values) else " "
        return int(mark, 16) if mark.strip() else 0

    names: dict[str, bool] = {}
    for name, by_gender in Detector().names.items():
        if not _usable(name):
            continue
        for values in by_gender.values():
            if frequency(values, sweden) or any(frequency(values, i) >= GENDER_GUESSER_COMMON for i in origin):
                # Used in Sweden at all, or common in another Nordic country: common in Sweden.
                nordic = max(frequency(values, i) for i in nordic_columns) >= GENDER_GUESSER_COMMON
                western = max(frequency(values, i) for i in western_columns) >= GENDER_GUESSER_WESTERN_COMMON
                names[name] = names.get(name, False) or bool(frequency(values, sweden)) or nordic or western
    return names


def _silent(_: str) -> None:
    pass


def build_name_list(
    lexicon: Lexicon, progress: Callable[[str], None] = _silent
) -> list[tuple[str, bool, bool, bool, bool, bool]]:
    """(name, first name?, surname?, ordinary word?, common in Sweden?, with an s an ordinary word?) for
    every name, sorted. The surnames (the largest part) are read in a second process while this one reads the
    first names, gender_guesser and the lexicon; `progress` is told each part as it is done (in Swedish)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as other_core:
        later = other_core.submit(_from_names_dataset, "last_names.pkl.gz", ORIGIN_SURNAME_RANK)
        first = _from_names_dataset("first_names.pkl.gz", ORIGIN_FIRST_RANK)
        progress(f"förnamnen ur names-dataset ({len(first)} namn)")
        guessed = _from_gender_guesser()
        progress(f"förnamnen ur gender-guesser ({len(guessed)} namn)")
        lexicon.known("Sverige")  # loaded meanwhile
        progress("den svenska ordlistan")
        surnames = later.result()
        progress(f"efternamnen ur names-dataset ({len(surnames)} namn)")

    def common(name: str) -> bool:
        return first.get(name, False) or surnames.get(name, False) or guessed.get(name, False)

    names = sorted(first.keys() | guessed.keys() | surnames.keys())
    ordinary = lexicon.ordinary_among([*names, *(f"{name}s" for name in names)])
    progress(f"vilka av de {len(names)} namnen som också är vanliga svenska ord")
    return [
        (
            name,
            name in first or name in guessed,
            name in surnames,
            name in ordinary,
            common(name),
            f"{name}s" in ordinary,
        )
        for name in names
    ]


def write_name_list(path: Path, lexicon: Lexicon, progress: Callable[[str], None] | None = None) -> int:
    """Build the list and write it atomically as TSV (:data:`_HEADER`). Returns how many names."""
    rows = build_name_list(lexicon) if progress is None else build_name_list(lexicon, progress)
    lines = [_HEADER] + ["\t".join([name, *(str(int(flag)) for flag in flags)]) for name, *flags in rows]
    write_text(Path(path), "\n".join(lines) + "\n")
    return len(rows)


COMPILED_SUFFIX = ".pickle"  # beside the TSV: its sets as load_name_list makes them, for the TSV it was made from
_COMPILED_FORMAT = 1


def write_compiled(path: Path) -> Path:
    """Beside the list at `path`, its sets ready to load (a tenth of a second instead of about one): made from
    the TSV as :func:`load_name_list` reads it, and used only while the TSV is the one it was made from."""
    path = Path(path)
    names = _read_name_list(str(path), path.stat().st_mtime_ns)
    compiled = path.with_name(path.name + COMPILED_SUFFIX)
    temporary = compiled.with_name(f".{compiled.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(_compiled_key(path), handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(tuple(getattr(names, column) for column in _COLUMNS), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, compiled)
    return compiled


_COLUMNS = ("first", "surnames", "ordinary", "common", "with_s_ordinary")


def _compiled_key(path: Path) -> tuple:
    stat = path.stat()
    return (_COMPILED_FORMAT, stat.st_size, stat.st_mtime_ns)


def _load_compiled(path: Path) -> NameList | None:
    try:
        with open(path.with_name(path.name + COMPILED_SUFFIX), "rb") as handle:
            if pickle.load(handle) != _compiled_key(path):
                return None
            sets = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if not (isinstance(sets, tuple) and len(sets) == len(_COLUMNS) and all(isinstance(s, frozenset) for s in sets)):
        return None
    return NameList(*sets)


def load_name_list(path: Path) -> NameList:
    """The name list make wrote (see :func:`write_name_list`); a Swedish error if it is missing or damaged.
    Read once per process while the file is unchanged (a step asks for it from several readers)."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError as exc:
        raise StudyInputError(
            "namnlistan för anonymitetskontrollen saknas; kör 'make setup' (eller make run) så byggs den",
            file=str(path),
        ) from exc
    return _read_name_list(str(path), stamp)


@lru_cache(maxsize=4)
def _read_name_list(file: str, stamp: int) -> NameList:
    path = Path(file)
    compiled = _load_compiled(path)
    if compiled is not None:
        return compiled
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as exc:
        raise StudyInputError(f"namnlistan är inte UTF-8 ({exc.reason})", file=str(path)) from exc
    if lines[0] != _HEADER:
        raise StudyInputError("namnlistan har fel rubrikrad; ta bort filen och bygg den igen", file=str(path), row=1)
    sets: tuple[set[str], ...] = (set(), set(), set(), set(), set())  # as the columns after the name
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        name, *flags = line.split("\t")
        if len(flags) != len(sets) or any(flag not in ("0", "1") for flag in flags):
            raise StudyInputError("namnlistan är skadad; ta bort filen och bygg den igen", file=str(path), row=number)
        folded = fold(name)
        for words, flag in zip(sets, flags):
            if flag == "1":
                words.add(folded)
    if not sets[0] or not sets[1]:
        raise StudyInputError("namnlistan är tom; ta bort filen och bygg den igen", file=str(path))
    return NameList(*(frozenset(words) for words in sets))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="collabstudy.privacy.names", description="Personnamn i fritextsvar: namnlistan för anonymitetskontrollen."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-name-list", help="skriv för- och efternamnen till en fil")
    build.add_argument("--output", type=Path, required=True)
    build.add_argument("--lexicon", type=Path, required=True, help="mappen med sv.dic och sv.aff")
    args = parser.parse_args(argv)
    from ..study.progress import claim, say

    claim()  # printed at once under `make run` (its steps' output is printed when each is done)
    start, done = time.monotonic(), []
    steps = 5

    def progress(what: str) -> None:
        done.append(what)
        say(f"  Namnlistan ({len(done)} av {steps}, {time.monotonic() - start:.0f} s): {what} klart")

    say(f"Bygger namnlistan för anonymitetskontrollen i {args.output} (en gång per dator, omkring 15 s) ...")
    try:
        count = write_name_list(args.output, Lexicon(args.lexicon), progress)
        write_compiled(args.output)
    except StudyInputError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    say(f"Skrev {count} för- och efternamn till {args.output} ({time.monotonic() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
