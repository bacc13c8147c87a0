"""The floor a batch run cannot go below, one fresh process per measurement (see bench/benchmark.py).

    python bench/floor.py step notebooks/<steg>.ipynb   # process + papermill + kernel + the notebook's imports
    python bench/floor.py export build/<study>/notebooks/<granskarsteg>.ipynb   # process + one plain HTML export

Both decline the same optional import the study's runner declines (collabstudy.runner.__main__.keep_batch_imports_lean),
so the floor is measured on the same footing as the run.
"""

from __future__ import annotations

import ast
import sys
import tempfile
from pathlib import Path

from collabstudy.runner.__main__ import keep_batch_imports_lean
from collabstudy.runner.dependencies import notebook_code


def imports_only(notebook: Path) -> str:
    """The import statements of a notebook's code cells, nothing else."""
    tree = ast.parse(notebook_code(notebook))
    return "\n".join(ast.unparse(node) for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)))


def step(notebook: Path, kernel: str) -> None:
    import nbformat
    import papermill

    source = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(imports_only(notebook))])
    source.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / notebook.name
        nbformat.write(source, path)
        papermill.execute_notebook(str(path), str(path), kernel_name=kernel, progress_bar=False)


def export(executed: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    HTMLExporter(embed_images=True).from_notebook_node(nbformat.read(executed, as_version=4))


if __name__ == "__main__":
    keep_batch_imports_lean()
    what, path = sys.argv[1], Path(sys.argv[2])
    if what == "step":
        step(path, sys.argv[3] if len(sys.argv) > 3 else "collabstudy")
    else:
        export(path)
