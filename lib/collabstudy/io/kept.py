"""What a run's processes keep for its later ones, in the study's build folder (build/<study>/.make/).

A run's steps are processes of their own. Work one of them does that a later one would do again with the same
inputs (a workbook's rows, the lexicon's answers, a chart's drawing) is kept in a folder the runner names in an
environment variable (collabstudy.runner.execute; study.build_layout.KEPT_VARIABLE), found by a key made of
everything the result depends on. Without the variable (a notebook in JupyterLab, a test calling a function)
nothing is kept or read. A kept result only ever saves time:
one that cannot be read or written is made again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path

from ..study.build_layout import KEPT_VARIABLE

_STALE_AFTER = 2 * 24 * 3600  # seconds: a kept result no run has used for two days (an earlier delivery, chart)


def kept_file(kind: str, *key: str) -> Path | None:
    """Where the result of `key` is kept, in the `kind` folder of the run's (named by KEPT_VARIABLE); None when no
    run named one."""
    folder = os.environ.get(KEPT_VARIABLE)
    if not folder:
        return None
    return Path(folder) / kind / f"{hashlib.sha256(chr(0).join(key).encode()).hexdigest()}.pickle"


def load_kept(path: Path, kind: type):
    """The result kept at `path` if it is one of `kind`, else None (missing, damaged, of another version)."""
    try:
        with open(path, "rb") as handle:
            kept = pickle.load(handle)
        os.utime(path)  # in use: not stale
    except Exception:  # noqa: BLE001 (missing, damaged, of an older code: made again, never a stop)
        return None
    return kept if isinstance(kept, kind) else None


def keep(path: Path, result) -> None:
    """Keep `result` at `path`, whole or not at all, readable by its owner only (a workbook's rows are the
    delivery's own cells); results there unused for two days are removed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 (a folder that cannot be written in, a result that cannot be pickled)
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return
    remove_unused(path.parent, but=path)


def remove_unused(folder: Path, but: Path) -> None:
    """The results in `folder` (files or folders) other than `but` that nothing has used for two days."""
    import shutil

    try:
        for other in folder.iterdir():
            if other != but and time.time() - other.stat().st_mtime > _STALE_AFTER:
                shutil.rmtree(other, ignore_errors=True) if other.is_dir() else other.unlink()
    except OSError:
        pass


@lru_cache(maxsize=8)
def code_version(package: Path, *versions: str) -> str:
    """The sources of every module under `package` and the given library versions, as one checksum: a result is
    used only while the code that made it is the same."""
    import sys

    sources = hashlib.sha256(repr((sys.version_info[:2], versions)).encode())
    for module in sorted(package.rglob("*.py")):
        sources.update(str(module.relative_to(package)).encode() + b"\0" + module.read_bytes())
    return sources.hexdigest()
