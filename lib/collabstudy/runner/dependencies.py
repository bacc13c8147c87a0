"""What make must know about each step: the files it reads and the study's own modules it runs.

`make_inputs` writes the Makefile's variables from the step declaration (collabstudy.study.steps):
STEPS, REVIEWERS_STEP, and per step INPUTS_<step> (its raw files, the earlier steps' executed
notebooks, the provenance record) and LIB_<step> (its modules under lib/). So make reruns a
step only when one of those changes, not on every edit under lib/.

Modules are read from the source, not by importing: a notebook's code cells and each module are
parsed with `ast`, and every `import` of the package is followed (also those inside functions,
which run later but still run). Importing a module runs its packages' `__init__` too. The runner's
own modules count for every step; what its other commands import does not (RUNNER_COMMANDS).
"""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

from ..study.paths import CODE_PROJECT as PROJECT
from ..study.paths import default_build_dir, display_path
from ..study.steps import STEPS, Step, reviewers_step

PACKAGE = "collabstudy"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
# What every step's run goes through: the command line and the execution (collabstudy.runner).
RUNNER = (f"{PACKAGE}.runner.__main__", f"{PACKAGE}.runner.execute")
# Functions of the command line that serve make or set-up, not a step's run: their imports are not
# a step's dependencies.
RUNNER_COMMANDS = {"make_inputs_command", "install_kernel_command", "export_command"}


def _source_file(module: str, package_dir: Path) -> Path | None:
    """The file of a dotted module name inside the package: a module, or a package's __init__."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = package_dir.joinpath(*parts[1:])
    if base.with_suffix(".py").is_file() and parts[1:]:
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _is_package(module: str, package_dir: Path) -> bool:
    file = _source_file(module, package_dir)
    return file is not None and file.name == "__init__.py"


def _with_parents(module: str) -> set[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def _statements(body: list, skip_functions: set[str]):
    """Every statement in `body` and in the blocks inside it (functions, classes, if/try/with/for/match), but
    not in the functions named in `skip_functions`. An import is a statement: no expression needs walking
    (walking every node took seconds for the package's modules)."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in skip_functions:
            continue
        yield node
        for block in ("body", "orelse", "finalbody"):
            inner = getattr(node, block, None)
            if isinstance(inner, list):
                yield from _statements(inner, skip_functions)
        for part in (*getattr(node, "handlers", ()), *getattr(node, "cases", ())):
            yield from _statements(part.body, skip_functions)


def _imported(tree: ast.AST, module: str, package_dir: Path, skip_functions: set[str] = frozenset()) -> set[str]:
    """The package's modules that a parsed file (of dotted name `module`) imports."""
    found: set[str] = set()
    package = module if _is_package(module, package_dir) else module.rpartition(".")[0]

    def resolve(base: str, names: list[str]) -> None:
        if _is_package(base, package_dir):
            for name in names:
                candidate = f"{base}.{name}"
                found.add(candidate if _source_file(candidate, package_dir) else base)
        else:
            found.add(base)

    for node in _statements(tree.body, skip_functions):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base.split(".")[0] == PACKAGE:
                resolve(base, [alias.name for alias in node.names])
    modules: set[str] = set()
    for name in found:
        modules |= {m for m in _with_parents(name) if _source_file(m, package_dir)}
    return modules


def imports_of(module: str, package_dir: Path = PACKAGE_DIR) -> set[str]:
    """What one module imports from the package; for the command line, without its other commands."""
    return set(_imports_of(module, package_dir))


@functools.lru_cache(maxsize=None)
def _imports_of(module: str, package_dir: Path) -> frozenset[str]:
    # each module parsed once per process, not once per step that runs it
    path = _source_file(module, package_dir)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = RUNNER_COMMANDS if module == RUNNER[0] else frozenset()
    return frozenset(_imported(tree, module, package_dir, skip))


def closure(modules: set[str], package_dir: Path = PACKAGE_DIR) -> set[str]:
    """The modules (with their packages) and everything they import from the package, transitively."""
    seen: set[str] = set()
    todo = sorted(m for name in modules for m in _with_parents(name) if _source_file(m, package_dir))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(sorted(imports_of(name, package_dir) - seen))
    return seen


def notebook_code(notebook: Path) -> str:
    """A notebook's code cells as one Python source (IPython magics and shell lines left out)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = [
        line
        for cell in cells
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if not line.lstrip().startswith(("%", "!"))
    ]
    return "\n".join(lines)


def notebook_modules(notebook: Path, package_dir: Path = PACKAGE_DIR) -> set[str]:
    """The package's modules a notebook imports directly (with their packages)."""
    tree = ast.parse(notebook_code(notebook), filename=str(notebook))
    return _imported(tree, f"{PACKAGE}.__notebook__", package_dir)


def step_modules(step: Step, project: Path = PROJECT, package_dir: Path = PACKAGE_DIR) -> set[str]:
    """Every module a step runs: its notebook's imports, the runner's and its input check's, transitively."""
    start = notebook_modules(project / step.notebook, package_dir) | set(RUNNER)
    start |= {check.partition(":")[0] for check in step.preflight}
    return closure(start, package_dir)


# The module that renders the report's text: a step that runs it also reads the text templates.
TEXT_MODULE = f"{PACKAGE}.present.text"


def step_module_files(step: Step, project: Path = PROJECT, package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The files of `step_modules`, sorted, and the text templates (templates/rapporttext/) when the step
    renders text: a changed sentence re-runs the steps that say it, and only those."""
    modules = step_modules(step, project, package_dir)
    files = sorted(_source_file(m, package_dir) for m in modules)
    if TEXT_MODULE in modules:
        files += sorted((project / "templates" / "rapporttext").rglob("*.j2"))
    return files


def make_inputs(params, build_dir: Path) -> str:
    """The Makefile's variables for a study: the steps, and each step's inputs and modules."""
    lines = [
        "# Generated from collabstudy.study.steps and the params file by "
        "'python -m collabstudy.runner make-inputs'; do not edit.",
        f"STEPS := {' '.join(s.name for s in STEPS)}",
        f"REVIEWERS_STEP := {reviewers_step().name}",
    ]
    provenance = params.root / "data" / "raw" / "provenance.yaml"
    earlier = params.previous_studies()
    for step in STEPS:
        paths = [delivery.display for key in step.raw_files for delivery in params.deliveries(key)]
        if step.reads_provenance and provenance.is_file():
            paths.append(display_path(provenance, params.root))
        if step.reads_earlier:
            paths += [_earlier_results(e, step.name, params.root) for e in earlier]
        paths += [display_path(build_dir / "notebooks" / f"{earlier}.ipynb", params.root) for earlier in step.after]
        lines.append(f"INPUTS_{step.name} := {' '.join(paths)}")
        modules = step_module_files(step)
        lines.append(f"LIB_{step.name} := {' '.join(display_path(m, PROJECT) for m in modules)}")
    lines += _earlier_rules(earlier, params.root)
    return "\n".join(lines) + "\n"


def _earlier_results(earlier, step: str, root: Path) -> str:
    return display_path(default_build_dir(earlier) / "results" / f"{step}.json", root)


def _earlier_rules(earlier: list, root: Path) -> list[str]:
    """An earlier evaluation whose results are missing is run first, once, by its own `make run`, after this
    run has built the name list (results that exist are used as they are: an earlier study is re-run only on
    request)."""
    lines, before = [], ""
    for study in earlier:  # oldest first; each waits for the one before it, so no study is built twice at once
        targets = " ".join(_earlier_results(study, s.name, root) for s in STEPS if s.reads_earlier)
        if targets:
            lines += [
                # kept when a later step of that study fails: its own make would not rebuild them
                f".PRECIOUS: {targets}",
                # after the name list: this run's steps need it too, and two makes must not build it at once
                f"{targets} &: {before} $(NAMES_CACHE)",
                f"\t$(MAKE) --no-print-directory --output-sync=target report PARAMS={display_path(study.file, root)}",
            ]
            before = targets
    return lines
