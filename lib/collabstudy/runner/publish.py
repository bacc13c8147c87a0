"""Publishing a study's pages: `reports/` changes only when every step of the run succeeded.

Each step lands its page in `pages/` (collabstudy.study.build_layout). When make has brought
every step up to date, `publish` copies `pages/` into a new folder and swaps it in for
`reports/` as a whole, the completeness mark written last. A run that stopped at a later step
leaves the last complete set in `reports/`, and the note EJ-PUBLICERAT.txt in the build folder
says which steps have newer results than the published report.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..io.atomic import write_text
from ..study.build_layout import COMPLETE_MARK, PAGES, REPORTS, UNPUBLISHED_NOTE
from ..study.paths import display_path
from ..study.steps import NAMES
from ..study.steps import step as declared_step
from .locks import exclusive

_NOTE_HEADING = "Resultat som inte är publicerade"


def unpublished_steps(build_dir: Path) -> list[str]:
    """The steps whose results landed since `reports/` was last published (from the note)."""
    note = build_dir / UNPUBLISHED_NOTE
    if not note.is_file():
        return []
    listed = [line[2:].split(" ")[0] for line in note.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
    return [name for name in NAMES if name in listed]


def note_unpublished(build_dir: Path, step: str, root: Path) -> None:
    """Record that `step`'s new results are in the build but not yet in `reports/` (steps landing side
    by side take turns, so none is lost from the note)."""
    with exclusive(build_dir, "publish", wait=True):
        _write_note(build_dir, step, root)


def _write_note(build_dir: Path, step: str, root: Path) -> None:
    steps = unpublished_steps(build_dir)
    steps = [name for name in NAMES if name in {*steps, step}]
    reports = display_path(build_dir / REPORTS, root)
    lines = [
        _NOTE_HEADING,
        "",
        "Stegen nedan har nya resultat (i processed/, results/, notebooks/ och pages/) som ännu inte är "
        f"publicerade, eftersom körningen inte blev klar med alla steg. Rapporten i {reports}/ är "
        "fortfarande den från den senaste körningen där alla steg lyckades.",
        "",
        *(f"- {name} ({declared_step(name).title})" for name in steps),
        "",
        "Rätta felet som körningen visade och kör make run igen. När alla steg lyckas publiceras en ny, "
        "hel uppsättning och den här filen tas bort.",
        "",
    ]
    write_text(build_dir / UNPUBLISHED_NOTE, "\n".join(lines))


def published_status(build_dir: Path, root: Path) -> str:
    """One or two Swedish sentences for a failed step's message: what the reviewers' folder holds now."""
    reports = display_path(build_dir / REPORTS, root)
    if (build_dir / REPORTS / COMPLETE_MARK).is_file():
        status = f"Den publicerade rapporten i {reports}/ är oförändrad: den är från den senaste körningen där alla steg lyckades."
    elif (build_dir / REPORTS).is_dir():
        status = f"Rapporten i {reports}/ är oförändrad (från en körning innan studien märkte sina publicerade uppsättningar)."
    else:
        status = f"Ingen rapport är publicerad ännu ({reports}/ skapas först när alla steg har lyckats)."
    newer = unpublished_steps(build_dir)
    if newer:
        status += (
            f" Nyare, opublicerade resultat finns från {', '.join(newer)}"
            f" (se {display_path(build_dir / UNPUBLISHED_NOTE, root)})."
        )
    return status


def _mark(folder: Path) -> str:
    """The completeness mark: every published file with its checksum (the same bytes for the same set)."""
    lines = ["Publicerad uppsättning: alla steg i körningen lyckades.", ""]
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def publish(build_dir: Path, root: Path) -> int:
    """Replace `reports/` by a copy of `pages/` when every step's page is there; 0 on success.
    One publication at a time per study; `make pdf` prints under the same lock."""
    with exclusive(build_dir, "publish", wait=True):
        return _publish(build_dir, root)


def _publish(build_dir: Path, root: Path) -> int:
    pages, reports = build_dir / PAGES, build_dir / REPORTS
    _recover(build_dir)
    missing = [name for name in NAMES if not (pages / f"{name}.html").is_file()]
    if missing:
        print(
            f"Rapporten publicerades inte: sidan för {', '.join(missing)} saknas i {display_path(pages, root)}/. "
            f"Kör make run så körs de stegen först.\n{published_status(build_dir, root)}",
            file=sys.stderr,
        )
        return 1
    fresh = Path(tempfile.mkdtemp(prefix=".reports-new-", dir=build_dir))
    try:
        shutil.copytree(pages, fresh, dirs_exist_ok=True)
        write_text(fresh / COMPLETE_MARK, _mark(fresh))
        os.chmod(fresh, 0o755)
        _swap_in(fresh, reports, build_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    (build_dir / UNPUBLISHED_NOTE).unlink(missing_ok=True)
    print(f"Publicerad: {display_path(reports, root)}/ (alla {len(NAMES)} steg klara)", flush=True)
    return 0


def _swap_in(fresh: Path, reports: Path, build_dir: Path) -> None:
    """`fresh` becomes `reports/`; the set it replaces is put back if the second rename fails, and a
    publication killed between the two renames is repaired by the next one (`_recover`)."""
    if not reports.exists():
        os.replace(fresh, reports)
        return
    retired = Path(tempfile.mkdtemp(prefix=".reports-old-", dir=build_dir))
    os.replace(reports, retired / REPORTS)
    try:
        os.replace(fresh, reports)
    except OSError:
        os.replace(retired / REPORTS, reports)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def _recover(build_dir: Path) -> None:
    """Tidy what a killed publication left: a retired complete set comes back if `reports/` is missing;
    half-copied new sets and retired sets already replaced are removed."""
    reports = build_dir / REPORTS
    for retired in sorted(build_dir.glob(".reports-old-*")):
        if not reports.exists() and (retired / REPORTS / COMPLETE_MARK).is_file():
            os.replace(retired / REPORTS, reports)
        shutil.rmtree(retired, ignore_errors=True)
    for stale in build_dir.glob(".reports-new-*"):
        shutil.rmtree(stale, ignore_errors=True)
