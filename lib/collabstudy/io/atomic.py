"""Writing outputs so that a reader never sees a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # only the annotation: writing text or JSON should not load pandas
    import pandas as pd


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed onto it only if the block completes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(target: Path, data: object) -> None:
    write_text(target, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n")


# A processed table: UTF-8, comma-separated, ISO dates, point decimals (machine format).
CSV_FORMAT = {"index": False, "date_format": "%Y-%m-%d", "lineterminator": "\n"}


def write_csv(target: Path, frame: pd.DataFrame) -> None:
    """A processed table written as CSV_FORMAT says."""
    with atomic_path(target) as tmp:
        frame.to_csv(tmp, **CSV_FORMAT)
