"""Where the project is, and keeping paths from params inside it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import ParamsError

PROJECT_MARKER = "pyproject.toml"
# The project this code belongs to (its notebooks/ and templates/), wherever a study's data are.
CODE_PROJECT = Path(__file__).resolve().parents[3]


def project_root(start: Path | None = None) -> Path:
    """The folder holding pyproject.toml, found upwards from `start` (default: the working folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROJECT_MARKER).is_file() and (folder / "lib" / "collabstudy").is_dir():
            return folder
    raise FileNotFoundError(f"Hittar inte projektets rot (ingen {PROJECT_MARKER}) ovanför {here}")


def inside(root: Path, relative: str | Path, *, key: str, within: Path | None = None) -> Path:
    """`relative` resolved against `root`; a path outside `within` (default `root`) is a params error.

    So is a path the filesystem cannot look up (too long, a loop of links, no permission): what
    `inside` returns can be asked about (exists, is_file) without an OSError.
    """
    shown_relative = _shortened(str(relative))
    try:
        fence = (within or root).resolve()
        candidate = Path(relative)
        resolved = (candidate if candidate.is_absolute() else root / candidate).resolve()
        try:
            resolved.stat()
        except (FileNotFoundError, NotADirectoryError):
            pass  # a missing file is reported where it is needed, with what it is
    except OSError as exc:
        raise ParamsError(f"sökvägen '{shown_relative}' {_unusable(exc)}", key=key) from None
    except (ValueError, RuntimeError):  # a NUL character in the path; a loop of links (Python 3.11)
        raise ParamsError(
            f"sökvägen '{shown_relative}' kan inte användas (ogiltiga tecken eller en länkslinga)", key=key
        ) from None
    if resolved != fence and fence not in resolved.parents:
        shown = display_path(fence, root) if within else str(fence)
        written = Path(os.path.abspath(candidate if candidate.is_absolute() else root / candidate))
        if written == fence or fence in written.parents:  # inside as written: a symbolic link leads out
            raise ParamsError(
                f"'{shown_relative}' är en länk som pekar utanför mappen {shown}; kopiera in filen", key=key
            )
        raise ParamsError(f"sökvägen '{shown_relative}' pekar utanför mappen {shown}", key=key)
    return resolved


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _unusable(exc: OSError) -> str:
    """Why the filesystem could not look a path up, in Swedish."""
    return f"{'är' if exc.errno in (errno.ENAMETOOLONG, errno.ELOOP) else 'kan inte användas:'} {system_problem(exc)}"


# The system's errors an analyst can meet, as they can act on them (the system's own text is English).
SYSTEM_PROBLEMS = {
    errno.ENAMETOOLONG: "för lång för filsystemet; korta av namnet",
    errno.ELOOP: "en länk som leder i en slinga",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EROFS: "mappen är skrivskyddad",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "det är en mapp, inte en fil",
    errno.EBUSY: "filen används av ett annat program",
    errno.EIO: "läsfel på disken",
}


def system_problem(exc: OSError) -> str:
    """An OSError in Swedish, for any message an analyst reads (its code kept for the unusual ones)."""
    return SYSTEM_PROBLEMS.get(exc.errno, f"systemfel {errno.errorcode.get(exc.errno, exc.errno)}")


def display_path(path: Path, root: Path) -> str:
    """A path as analysts see it in messages: relative to the project when possible."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def default_build_dir(params) -> Path:
    """Where a study's outputs go: build/<params file name>/."""
    return params.root / "build" / params.study_id


def step_dirs(params, build_dir: str, output_dir: str) -> tuple[Path, Path]:
    """The notebook's folders: where earlier steps' outputs are, and where this step writes.

    Empty strings (the notebooks' defaults, for JupyterLab) mean build/<params file name>/.
    """
    build = Path(build_dir) if build_dir else default_build_dir(params)
    return build, Path(output_dir) if output_dir else build
