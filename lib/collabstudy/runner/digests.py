"""Content decides what re-runs: a stamp per step that is new exactly when the content of an input differs
from what the step's last successful run read.

make compares file times, and a file time says little about content: a corrected delivery saved with
`cp -p`, unzipped or copied from a mail client keeps an older time than the outputs made from the first
one, and make would take every step as up to date. So each step also depends on its stamp,
`build/<study>/.make/digests/<step>.stamp`, and this script, run by make before it compares anything (one
process for every step, on every run), sets each stamp's time:

- *now*, when the SHA-256 of one of the step's inputs differs from the one the step's last successful run
  read (`<step>.built`), or an input is new to it: make re-runs the step whatever the file times say;
- long ago (1970), when every input's content is what that run read: the stamp never re-runs anything,
  and the file times decide as before (a file that was only touched still re-runs its steps).

It writes what it found to `<step>.seen`; the step's make rule renames that to `<step>.built` when the
step succeeded. So a failed run, or a file changed and changed back, re-runs exactly what the content
asks for. `inputs` is make's own step: the variables file `inputs.mk`, made from the params file and the
code. The first time a step is seen, what it reads now is taken as what it was built from (Ploomber and
targets record the same).

An input is hashed again only when its size, times or inode changed since the last run (`digests.tsv`,
git's index in small), so a run with nothing changed costs one `stat` per input. A missing input is left
out: make says what is missing.

    python -S lib/collabstudy/runner/digests.py STAMP_DIR STEP: INPUT... STEP: INPUT...

make runs it as a plain script without site-packages: no package is imported (nor json, re or pathlib),
so the check costs little more than the interpreter's start.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time

CACHE = "digests.tsv"
CODE = ("lib/", "notebooks/", "templates/")  # the study's own code: a changed module is not news to the analyst
LONG_AGO = 1.0  # a stamp that never makes anything out of date (1970-01-01)


def stamp_of(stamps: str, step: str) -> str:
    return os.path.join(stamps, f"{step}.stamp")


def seen_of(stamps: str, step: str) -> str:
    return os.path.join(stamps, f"{step}.seen")


def built_of(stamps: str, step: str) -> str:
    return os.path.join(stamps, f"{step}.built")


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def groups(args: list[str]) -> dict[str, list[str]]:
    """`STEP: INPUT... STEP: INPUT...` as step -> its inputs (each once, in order)."""
    found: dict[str, list[str]] = {}
    current = None
    for arg in args:
        if arg.endswith(":"):
            current = found.setdefault(arg[:-1], [])
        elif current is None:
            raise ValueError(f"indata utan steg: {arg}")
        elif arg not in current:
            current.append(arg)
    return found


def _read(path: str, fields: int) -> dict[str, list[str]]:
    """A tab-separated record: its last field (a path) -> the others; nothing if unreadable."""
    record = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == fields:
                    record[parts[-1]] = parts[:-1]
    except (OSError, ValueError):
        return {}
    return record


def _write(path: str, rows: list[tuple[str, ...]]) -> None:
    """A record written whole or not at all (a run killed meanwhile leaves the old one)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.writelines("\t".join(row) + "\n" for row in rows)
    os.replace(temporary, path)


def _signature(status: os.stat_result) -> str:
    return f"{status.st_size} {status.st_mtime_ns} {status.st_ctime_ns} {status.st_ino}"


class Digests:
    """Each input's SHA-256, hashed again only when its `stat` changed since the last run."""

    def __init__(self, stamps: str):
        self.path = os.path.join(stamps, CACHE)
        self.known = _read(self.path, 3)
        self.now: dict[str, list[str]] = {}

    def of(self, name: str) -> str | None:
        if name in self.now:
            return self.now[name][0]
        try:
            status = os.stat(name)
        except OSError:
            return None
        if not os.path.isfile(name):
            return None
        signature = _signature(status)
        known = self.known.get(name)
        digest = known[0] if known and known[1] == signature else sha256(name)
        self.now[name] = [digest, signature]
        return digest

    def save(self) -> None:
        if self.now != {name: self.known.get(name) for name in self.now}:
            merged = {**self.known, **self.now}
            _write(self.path, [(*merged[name], name) for name in sorted(merged)])


def update(stamps: str, steps: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Every step's stamp set, and what it saw written; (step, input) for each input whose content differs
    from what the step's last successful run read."""
    digests, differs, now = Digests(stamps), [], time.time()
    for step, names in steps.items():
        seen = {name: digest for name in names if (digest := digests.of(name)) is not None}
        built_file = built_of(stamps, step)
        built = {name: fields[0] for name, fields in _read(built_file, 2).items()}
        if not built:  # first seen: what it reads now is what it was built from
            _write(built_file, [(digest, name) for name, digest in seen.items()])
            built = seen
        changed = [name for name, digest in seen.items() if built.get(name) != digest]
        differs += [(step, name) for name in changed]
        stamp = stamp_of(stamps, step)
        if not os.path.isfile(stamp):
            os.makedirs(stamps, exist_ok=True)
            open(stamp, "wb").close()
        when = now if changed else LONG_AGO
        if os.stat(stamp).st_mtime != when:
            os.utime(stamp, (when, when))
        _write(seen_of(stamps, step), [(digest, name) for name, digest in seen.items()])
    digests.save()
    return differs


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print("användning: digests.py STÄMPELMAPP STEG: INDATA ... [STEG: INDATA ...]", file=sys.stderr)
        return 2
    try:
        differs = update(args[0], groups(args[1:]))
    except OSError as exc:
        if not __package__:  # run as a script: the package from lib/
            sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
        from collabstudy.study.paths import system_problem

        print(
            f"Fel: innehållskontrollen av indata kan inte skriva i {exc.filename or args[0]} ({system_problem(exc)}). "
            "Inget steg har körts; stegens tidigare resultat och den publicerade rapporten är oförändrade.",
            file=sys.stderr,
        )
        return 2
    for name in dict.fromkeys(name for step, name in differs if step != "inputs" and not name.startswith(CODE)):
        print(f"Nytt innehåll i {name}: stegen som läser filen körs om.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
