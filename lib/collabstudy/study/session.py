"""A notebook's first line of work: its study's params and folders, from the parameters cell's values."""

from __future__ import annotations

from pathlib import Path

from .params import LoadedParams, load_params
from .paths import step_dirs


def open_study(params_file: str, build_dir: str = "", output_dir: str = "") -> tuple[LoadedParams, Path, Path]:
    """(params, where earlier steps' outputs are, where this step writes); empty folders mean
    build/<params file name>/, as when an analyst runs the notebook in JupyterLab."""
    params = load_params(params_file)
    build, output = step_dirs(params, build_dir, output_dir)
    return params, build, output
