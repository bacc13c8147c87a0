"""Locks on a study's build folder (build/<study>/.make/locks/): one run of a step at a time, one
publication at a time. An flock is released by the kernel when its process ends, however it ends,
so a killed run never leaves a stale lock behind."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCKS = Path(".make") / "locks"


@contextmanager
def exclusive(build_dir: Path, name: str, *, wait: bool) -> Iterator[bool]:
    """Hold the lock `name` of this build folder; with wait=False yield False at once if it is taken."""
    folder = build_dir / LOCKS
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "a", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
