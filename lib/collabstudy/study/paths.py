"""Where the project is, and keeping paths from params inside it."""

from __future__ import annotations

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
    """`relative` resolved against `root`; a path outside `within` (default `root`) is a params error."""
    fence = (within or root).resolve()
    candidate = Path(relative)
    resolved = (candidate if candidate.is_absolute() else root / candidate).resolve()
    if resolved != fence and fence not in resolved.parents:
        shown = display_path(fence, root) if within else str(fence)
        written = Path(os.path.abspath(candidate if candidate.is_absolute() else root / candidate))
        if written == fence or fence in written.parents:  # inside as written: a symbolic link leads out
            raise ParamsError(f"'{relative}' är en länk som pekar utanför mappen {shown}; kopiera in filen", key=key)
        raise ParamsError(f"sökvägen '{relative}' pekar utanför mappen {shown}", key=key)
    return resolved


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
