"""Which of the study's own modules (lib/collabstudy/*.py) each step runs: make reruns a step
only when one of those changes, not on every edit under lib/.

Read from the source, not by importing: a notebook's code cells and each module are parsed
with `ast`, and every `import` is followed (also those inside functions, which run later but
still run). The runner's own modules (collabstudy.pipeline) count for every step, except
what its preflight reads for one step only (PREFLIGHT_MODULES).
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

PACKAGE = "collabstudy"
PACKAGE_DIR = Path(__file__).resolve().parent
RUNNER = "pipeline"
# Functions of the runner that a step's run does not call for every step: preflight reads
# per step (pipeline.PREFLIGHT_MODULES); the others serve make and the tests.
STEP_SPECIFIC_FUNCTIONS = {"preflight", "cleaning_observations", "make_inputs", "install_kernel"}


def _module_file(name: str, package_dir: Path) -> Path | None:
    path = package_dir / f"{name}.py"
    return path if path.is_file() else None


def _imported(tree: ast.AST, package_dir: Path, skip_functions: set[str] = frozenset()) -> set[str]:
    """Names of the package's modules that a parsed file imports (absolute or relative)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in skip_functions:
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE and len(parts) > 1:
                    found.add(parts[1])
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            parts = module.split(".") if module else []
            if node.level == 1 or (node.level == 0 and parts[:1] == [PACKAGE]):
                inner = parts[1:] if node.level == 0 else parts
                if inner:
                    found.add(inner[0])
                else:  # `from . import x` / `from collabstudy import x`: x is a module
                    found.update(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if _module_file(name, package_dir)}


def closure(modules: set[str], package_dir: Path = PACKAGE_DIR) -> set[str]:
    """The modules and everything they import from the package, transitively."""
    seen: set[str] = set()
    todo = sorted(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(sorted(_imports_of(name, package_dir) - seen))
    return seen


def _imports_of(name: str, package_dir: Path) -> set[str]:
    """What one module imports; for the runner, without its step-specific functions."""
    path = _module_file(name, package_dir)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return _imported(tree, package_dir, STEP_SPECIFIC_FUNCTIONS if name == RUNNER else frozenset())


def notebook_code(notebook: Path) -> str:
    """A notebook's code cells as one Python source (IPython magics and shell lines left out)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = [line for cell in cells if cell["cell_type"] == "code"
             for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def notebook_modules(notebook: Path, package_dir: Path = PACKAGE_DIR) -> set[str]:
    """The package's modules a notebook imports directly."""
    return _imported(ast.parse(notebook_code(notebook), filename=str(notebook)), package_dir)


def runner_modules(package_dir: Path = PACKAGE_DIR) -> set[str]:
    """The modules the runner imports for every step (its step-specific preflight aside)."""
    return {RUNNER} | _imports_of(RUNNER, package_dir)


def step_module_files(notebook: Path, preflight: set[str], package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every module file a step runs: its notebook's imports, the runner's and its preflight's, transitively."""
    names = closure(notebook_modules(notebook, package_dir) | runner_modules(package_dir) | preflight, package_dir)
    return sorted(package_dir / f"{name}.py" for name in names | {"__init__"} if _module_file(name, package_dir))
