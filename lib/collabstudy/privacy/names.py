"""The first-name list the name detector uses: Swedish first names from the maintained names_dataset.

Reading the package's list takes about 5 s, so make writes it once per machine to
build/cache/first-names-se.txt (`python -m collabstudy.privacy.names build-name-list --output F`).
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import sys
from importlib import resources
from pathlib import Path

from ..io.atomic import write_text
from ..study.errors import StudyInputError

NAMES_PACKAGE = "names_dataset"
NAMES_RESOURCE = ("v3", "first_names.pkl.gz")
COUNTRY = "SE"
NAMES_CACHE = "build/cache/first-names-se.txt"  # where make writes the list (the Makefile's NAMES_CACHE)


def _names_from_package() -> frozenset[str]:
    try:
        resource = resources.files(NAMES_PACKAGE).joinpath(*NAMES_RESOURCE)
        with resource.open("rb") as raw, gzip.GzipFile(fileobj=raw) as unzipped:
            data = pickle.load(unzipped)
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise StudyInputError(
            f"namnlistan kunde inte läsas ur paketet {NAMES_PACKAGE} ({exc}); bygg om miljön med 'make setup'"
        ) from exc
    names = set()
    for name, info in data.items():
        rank = info.get("rank") if isinstance(info, dict) else None
        if isinstance(name, str) and rank and COUNTRY in rank and name.strip():
            names.add(name.strip())
    return frozenset(names)


def load_first_names(cache_file: Path | None = None) -> frozenset[str]:
    """Swedish first names: every name in names_dataset whose 'rank' has 'SE'.

    Reading the package's list takes ~5 s, so if `cache_file` is given and exists, the names are
    read from it instead (UTF-8, one per line, as :func:`write_first_names_cache` writes it). The
    cache is never written here.
    """
    if cache_file is not None and Path(cache_file).exists():
        path = Path(cache_file)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise StudyInputError(f"namnlistan är inte UTF-8 ({exc.reason})", file=str(path)) from exc
        names = frozenset(line.strip() for line in text.split("\n") if line.strip())
        if not names:
            raise StudyInputError(
                "namnlistan är tom, så inga namn skulle hittas; ta bort filen och bygg den igen", file=str(path)
            )
        return names
    return _names_from_package()


def write_first_names_cache(path: Path) -> int:
    """Compute the Swedish first names from names_dataset and write them atomically, sorted, one per
    line. Returns how many."""
    names = sorted(_names_from_package())
    write_text(Path(path), "".join(f"{name}\n" for name in names))
    return len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="collabstudy.privacy.names", description="Personnamn i fritextsvar: namnlistan för anonymitetskontrollen."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-name-list", help="skriv de svenska förnamnen ur names_dataset till en fil")
    build.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "build-name-list":
            count = write_first_names_cache(args.output)
            print(f"Skrev {count} svenska förnamn till {args.output}", flush=True)
            return 0
    except StudyInputError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
