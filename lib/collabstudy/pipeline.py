"""Running the study's notebooks safely (the Makefile's commands).

    python -m collabstudy.pipeline make-inputs --params P --output F
    python -m collabstudy.pipeline execute --notebook N --params P --output-dir D --kernel K [--export-html]
    python -m collabstudy.pipeline export --notebook EXECUTED --output HTML   # re-export one page

`execute` lets the notebook write into a staging folder and moves its outputs into place
only when every cell succeeded, the executed notebook last: a failed run leaves the last
good outputs, and no target that make would take as up to date.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .atomic import write_text
from .errors import StudyInputError
from .params import LoadedParams, RawFiles, load_params
from .paths import default_build_dir, display_path, project_root, step_dirs  # noqa: F401 (notebooks' API)

# Which raw files (params keys) each notebook reads: make reruns a step when one changes.
SURVEY_RESPONDENT_FILES = ["survey_export", "survey_codebook", "survey_coding", "survey_published_counts",
                           "survey_quotes"]
STEP_INPUTS: dict[str, list[str]] = {
    "01_cleaning": [key for key in RawFiles.model_fields if key not in SURVEY_RESPONDENT_FILES],
    "02_outcomes": [],
    "03_survey": SURVEY_RESPONDENT_FILES,
    "04_conclusions": SURVEY_RESPONDENT_FILES,
}
# Which earlier steps' outputs each notebook reads (through the results registry and processed/).
STEP_AFTER: dict[str, list[str]] = {
    "01_cleaning": [],
    "02_outcomes": ["01_cleaning"],
    "03_survey": ["01_cleaning"],
    "04_conclusions": ["01_cleaning", "02_outcomes", "03_survey"],
}

# The study's own modules that preflight() reads for a step (see collabstudy.step_modules).
PREFLIGHT_MODULES: dict[str, set[str]] = {
    "01_cleaning": {"cleaning"},
    "02_outcomes": set(),
    "03_survey": {"survey_data"},
    "04_conclusions": {"survey_data"},
}
PROJECT = Path(__file__).resolve().parents[2]  # the project this code belongs to (notebooks/, templates/)
NOTEBOOKS = PROJECT / "notebooks"
TEMPLATES = PROJECT / "templates"  # the project's nbconvert templates, beside lib/
# Read by the final document beside the files params names: where each raw value stands in the source.
PROVENANCE_STEPS = {"04_conclusions"}


def make_inputs(params: LoadedParams, build_dir: Path) -> str:
    """Make variables naming each step's inputs: its raw files, the earlier steps it reads
    (INPUTS_<step>) and the study's own modules it runs (LIB_<step>)."""
    from .step_modules import step_module_files

    lines = ["# Generated from the params file by collabstudy.pipeline make-inputs; do not edit."]
    provenance = params.root / "data" / "raw" / "provenance.yaml"
    for step, keys in STEP_INPUTS.items():
        paths = [display_path(params.raw_path(key), params.root) for key in keys]
        if step in PROVENANCE_STEPS and provenance.is_file():
            paths.append(display_path(provenance, params.root))
        paths += [display_path(build_dir / "notebooks" / f"{earlier}.ipynb", params.root) for earlier in STEP_AFTER[step]]
        lines.append(f"INPUTS_{step} := {' '.join(paths)}")
        modules = step_module_files(NOTEBOOKS / f"{step}.ipynb", PREFLIGHT_MODULES[step])
        lines.append(f"LIB_{step} := {' '.join(display_path(m, PROJECT) for m in modules)}")
    return "\n".join(lines) + "\n"


def check_kernel(kernel: str) -> None:
    """The named kernel must start this very Python (the project's environment), not another one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        raise StudyInputError(f"Jupyter-kärnan '{kernel}' finns inte; kör 'make setup'.") from None
    executable = Path(spec.argv[0])
    if executable.resolve() != Path(sys.executable).resolve():
        raise StudyInputError(
            f"Jupyter-kärnan '{kernel}' startar {executable}, inte projektets Python ({sys.executable}); "
            "kör 'make setup' för att installera om kärnan.")


def install_kernel(name: str) -> Path:
    """Install the project's kernel into this environment (sys.prefix), started by this Python.

    Its log level is raised to errors: ipykernel otherwise warns on every start that local
    TCP is unencrypted, noise in every batch run (the kernel only listens on localhost).
    """
    import json

    from ipykernel.kernelspec import install

    folder = Path(install(kernel_name=name, display_name="Python (samverkansstudien)", prefix=sys.prefix))
    spec_file = folder / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    spec["argv"] = [a for a in spec["argv"] if not a.startswith("--IPKernelApp.log_level")] + [
        "--IPKernelApp.log_level=ERROR"]
    write_text(spec_file, json.dumps(spec, indent=1) + "\n")
    return folder


def _move_outputs(staging: Path, target: Path, last: Path) -> None:
    files = sorted(p for p in staging.rglob("*") if p.is_file() and p != last)
    for path in [*files, last]:
        destination = target / path.relative_to(staging)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)


def cleaning_observations(params: LoadedParams):
    """The cleaned statistics as the cleaning step reads them (without source cells), e.g. to compare deliveries."""
    from . import cleaning

    return cleaning.read_delivered(params).observations.drop(columns=["file"])


def _make_reproducible(executed: Path, staging: Path, output_dir: Path) -> None:
    """Drop what differs between two runs of the same inputs: papermill's timings, nbclient's
    timestamps, the injected cell's random id and the staging folder's random name."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    papermill = notebook.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception"):
        papermill.pop(key, None)
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        for output in cell.get("outputs", []):
            plain = output.get("data", {}).get("text/plain")
            if isinstance(plain, str):  # an object's repr carries its memory address
                output["data"]["text/plain"] = re.sub(r" at 0x[0-9a-f]+>", ">", plain)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
            cell.source = cell.source.replace(str(staging), str(output_dir))
    for key, value in list(papermill.items()):
        if isinstance(value, str):
            papermill[key] = value.replace(str(staging), str(output_dir))
    if "parameters" in papermill and papermill["parameters"].get("output_dir") == str(staging):
        papermill["parameters"]["output_dir"] = str(output_dir)
    write_text(executed, nbformat.writes(notebook))


def _remove_stale_staging(output_dir: Path, step: str) -> None:
    """A run that was killed could not clean up after itself; its staging folder is removed now."""
    for stale in output_dir.glob(f".staging-{step}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def preflight(step: str, params: LoadedParams) -> None:
    """Read and check a step's raw inputs (while the kernel starts): bad input stops the step with
    this Swedish message naming file, row and column, whatever the notebook made of it."""
    if step == "01_cleaning":
        from . import cleaning

        tables = cleaning.read_delivered(params)
        cleaning.validate(tables, params)
        cleaning.run_checks(tables, params)  # parts larger than their total stop here too
    elif set(STEP_INPUTS.get(step, [])) & set(SURVEY_RESPONDENT_FILES):
        from .survey_data import read_survey

        read_survey(params)


def _anonymity_problem(params: LoadedParams, names_cache: str, folder: Path) -> str | None:
    """The anonymity check over every file a step wrote; the message if a personal name is in one."""
    from .anonymity import study_detector
    from .redaction import NameLeakError, scan_files, text_of_html

    from .redaction import check_no_names

    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".ipynb", ".csv", ".json", ".html"})
    workbooks = sorted(p for p in folder.rglob("*.xlsx") if p.is_file())
    cells = [(f"{p.name}, blad '{sheet.title}', cell {cell.coordinate}", str(cell.value))
             for p in workbooks for sheet in _sheets(p) for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str)]
    corpus = [text_of_html(p.read_text(encoding="utf-8")) for p in files] + [text for _, text in cells]
    detector = study_detector(params, names_cache, corpus)
    try:
        scan_files(files, detector)
        check_no_names(cells, detector)
    except NameLeakError as exc:
        return str(exc)
    return None


def _sheets(path: Path):
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True).worksheets


def execute(notebook: Path, params_file: Path, output_dir: Path, kernel: str, names_cache: str = "",
            export_html: bool = False) -> int:
    """Run one notebook with papermill; outputs land in output_dir only if it succeeds.

    With `export_html` the same process also renders reports/<step>.html into the staging folder
    (one Python start and one nbformat import per step instead of two), so the page is checked
    for names and moved into place together with everything else the step wrote.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    root = project_root(params_file.resolve().parent)  # the project the study's params belong to
    params = load_params(params_file.resolve(), root)
    check_kernel(kernel)
    step = notebook.stem
    output_dir = output_dir.resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(output_dir, step)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{step}-", dir=output_dir))
    executed = staging / "notebooks" / f"{step}.ipynb"
    executed.parent.mkdir(parents=True)
    print(f"Kör {display_path(notebook, root)} med {display_path(params.file, root)} ...", flush=True)
    # The input check runs beside the kernel's start and imports (another core, seconds per step);
    # the notebook writes only into staging, so if the check fails nothing it did is kept.
    with ThreadPoolExecutor(max_workers=1) as background:
        checked = background.submit(preflight, step, params)
        background.submit(_import_what_follows_the_notebook)
        try:
            # Not saved after every cell (papermill's default): each save rewrites the whole notebook,
            # a second per run for the pages with interactive tables. It is still written at the end,
            # also when a cell fails (failed/<step>.ipynb).
            papermill.execute_notebook(
                str(notebook), str(executed), kernel_name=kernel, cwd=str(root), progress_bar=False,
                request_save_on_cell_execute=False,
                parameters={"params_file": str(params.file), "build_dir": str(output_dir), "output_dir": str(staging)})
        except PapermillExecutionError as exc:
            if _input_problem(checked, step, staging):
                return 1
            failed = output_dir / "failed" / f"{step}.ipynb"
            failed.parent.mkdir(parents=True, exist_ok=True)
            if executed.exists():
                os.replace(executed, failed)
            shutil.rmtree(staging, ignore_errors=True)
            print(_failure_message(step, exc, display_path(failed, root)), file=sys.stderr)
            return 1
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if _input_problem(checked, step, staging):
            return 1
    _make_reproducible(executed, staging, output_dir)
    if export_html:
        write_text(staging / "reports" / f"{step}.html", render_html(executed, params))
    leak = _anonymity_problem(params, names_cache, staging)
    if leak:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nSteget {step} stoppades av anonymitetskontrollen.\n{leak}\nTidigare resultat är orörda.",
              file=sys.stderr)
        return 1
    _move_outputs(staging, output_dir, executed)
    shutil.rmtree(staging, ignore_errors=True)
    (output_dir / "failed" / f"{step}.ipynb").unlink(missing_ok=True)
    print(f"Klart: {display_path(output_dir / 'notebooks' / executed.name, root)}", flush=True)
    return 0


def _import_what_follows_the_notebook() -> None:
    """Load the export's and the anonymity check's libraries while the kernel works (half a second)."""
    import nbconvert.exporters.html  # noqa: F401
    import openpyxl  # noqa: F401

    from . import anonymity, redaction, report_html  # noqa: F401


def _input_problem(checked: Future, step: str, staging: Path) -> bool:
    """Whether the step's input check failed; if so, say why and drop everything the run wrote."""
    try:
        checked.result()
    except StudyInputError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nSteget {step} stoppades av indatakontrollen.\n{exc}\nTidigare resultat är orörda.", file=sys.stderr)
        return True
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return False


def _failure_message(step: str, exc, failed: str) -> str:
    known = exc.ename in {"StudyInputError", "ParamsError", "InputErrors"}
    detail = exc.evalue if known else f"{exc.ename}: {exc.evalue}"
    return (f"\nSteget {step} stoppades (cell {exc.exec_count}).\n{detail}\n"
            f"Tidigare resultat är orörda. Den avbrutna körningen finns i {failed}.")


REVIEWER_STEPS = {"04_conclusions"}  # exported without code; the others are the technical appendix


def _first_heading(notebook) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return "notebook"


def _meta(params: LoadedParams, reviewers: bool) -> str:
    from .formatting import long_date

    window = params.values.reporting_window
    kind = "Utvärdering" if reviewers else "Teknisk bilaga med kod"
    return (f"{kind} · {params.values.study.source} · rapportperiod {long_date(window.start)} – "
            f"{long_date(window.end)} · studie: {params.study_id}")


def render_html(executed: Path, params: LoadedParams) -> str:
    """The executed notebook as one self-contained HTML page (reviewers' steps without code)."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from .report_html import finish

    reviewers = executed.stem in REVIEWER_STEPS
    exporter = HTMLExporter(template_name="rapport", extra_template_basedirs=[str(TEMPLATES)],
                            embed_images=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            exclude_input=reviewers)
    # papermill's injected cell holds this run's absolute staging paths, and set-up notes are for analysts.
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"injected-parameters", "remove-in-report"}, enabled=True),
                                   enabled=True)
    notebook = nbformat.read(executed, as_version=4)
    body, _ = exporter.from_notebook_node(notebook)
    title = params.values.study.title if reviewers else f"Teknisk bilaga: {_first_heading(notebook)}"
    return finish(body, title=title, meta=_meta(params, reviewers), toc=True)


def export(executed: Path, output: Path, params_file: Path, names_cache: str) -> int:
    """The executed notebook as a self-contained HTML page, written only if no personal name is in it."""
    from .anonymity import study_detector
    from .redaction import NameLeakError, check_no_names, text_of_html

    params = load_params(params_file.resolve(), project_root(params_file.resolve().parent))
    body = render_html(executed, params)
    text = text_of_html(body)
    try:
        check_no_names([(str(output), text)], study_detector(params, names_cache, [text]))
    except NameLeakError as exc:
        print(f"{exc}\nRapporten skrevs inte.", file=sys.stderr)
        return 1
    write_text(output, body)
    print(f"Exporterad: {output}", flush=True)
    return 0


def keep_batch_imports_lean() -> None:
    """Decline jsonschema's optional IRI checker in the batch processes.

    JupyterLab's dependencies install `rfc3987-syntax`; jsonschema (imported by nbformat) builds
    its grammars on import, about 1.5 s in every papermill or nbconvert process. A notebook's
    schema has no IRI-formatted field, so nothing is lost; an analyst's JupyterLab still has it.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: `import` raises ImportError


def main(argv: list[str] | None = None) -> int:
    keep_batch_imports_lean()
    parser = argparse.ArgumentParser(prog="collabstudy.pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    inputs = commands.add_parser("make-inputs")
    inputs.add_argument("--params", type=Path, required=True)
    inputs.add_argument("--output", type=Path, required=True)
    inputs.add_argument("--build-dir", type=Path, required=True)
    run = commands.add_parser("execute")
    run.add_argument("--notebook", type=Path, required=True)
    run.add_argument("--params", type=Path, required=True)
    run.add_argument("--output-dir", type=Path, required=True)
    run.add_argument("--kernel", required=True)
    run.add_argument("--names-cache", default="")
    run.add_argument("--export-html", action="store_true", help="skriv också reports/<steg>.html")
    kernel = commands.add_parser("install-kernel")
    kernel.add_argument("--name", required=True)
    exp = commands.add_parser("export")
    exp.add_argument("--notebook", type=Path, required=True)
    exp.add_argument("--output", type=Path, required=True)
    exp.add_argument("--params", type=Path, required=True)
    exp.add_argument("--names-cache", default="")
    args = parser.parse_args(argv)
    try:
        if args.command == "make-inputs":
            params = load_params(args.params)
            write_text(args.output, make_inputs(params, params.root / args.build_dir))
            return 0
        if args.command == "install-kernel":
            print(f"Jupyter-kärnan installerad i {install_kernel(args.name)}")
            return 0
        if args.command == "execute":
            return execute(args.notebook, args.params, args.output_dir, args.kernel, args.names_cache,
                           args.export_html)
        return export(args.notebook, args.output, args.params, args.names_cache)
    except StudyInputError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

