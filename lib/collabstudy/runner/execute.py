"""Running one step's notebook safely: its outputs land only when every cell succeeded.

The notebook writes into a staging folder; when it has run, random ids and staging paths are
removed, its page is rendered, every file is scanned for personal names, and only then is
everything moved into place, the executed notebook last. A failed run leaves the last good
outputs, and no target that make would take as up to date.

Bad input stops a step with a Swedish message naming the file, row and column (or the params
key): found by the step's input check (its preflight, see collabstudy.study.steps) before the
kernel starts, or by the notebook itself.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from ..io.atomic import write_text
from ..study.build_layout import KEPT, KEPT_VARIABLE, PAGES
from ..study.errors import StudyInputError
from ..study.params import LoadedParams, load_params
from ..study.paths import CODE_PROJECT, display_path, project_root, system_problem
from ..study.progress import Progress
from ..study.steps import NAMES
from ..study.steps import step as declared_step
from .locks import exclusive
from .publish import note_unpublished, published_status

# Errors the study raises for input it cannot use: the notebook found the input wrong, not a bug.
INPUT_ERRORS = {"StudyInputError", "ParamsError", "InputErrors", "NamesToReview"}


def _move_outputs(staging: Path, target: Path, last: Path) -> None:
    files = sorted(p for p in staging.rglob("*") if p.is_file() and p != last)
    for path in [*files, last]:
        destination = target / path.relative_to(staging)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)


def _make_reproducible(executed: Path, staging: str, output_dir: str, paths: dict[str, str]) -> None:
    """Drop what differs between two runs of the same inputs: papermill's timings, nbclient's
    timestamps, the injected cell's random id, the staging folder's random name, and the folders the
    project and its code happen to be in (`paths`: papermill's own absolute paths, as shown)."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    papermill = notebook.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception"):
        papermill.pop(key, None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if "outputs" in cell:
            cell.outputs = _adjacent_streams_merged(cell.outputs)
        for output in cell.get("outputs", []):
            plain = output.get("data", {}).get("text/plain")
            if isinstance(plain, str):  # an object's repr carries its memory address
                output["data"]["text/plain"] = re.sub(r" at 0x[0-9a-f]+>", ">", plain)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
            cell.source = cell.source.replace(str(staging), str(output_dir))
    papermill.update(paths)
    if "parameters" in papermill and papermill["parameters"].get("output_dir") == str(staging):
        papermill["parameters"]["output_dir"] = str(output_dir)
    write_text(executed, nbformat.writes(notebook))


def _adjacent_streams_merged(outputs: list) -> list:
    """One stream output where the kernel happened to send a print in two messages (a line and its
    newline arrive apart when the machine is busy): the same text, the same bytes every run."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def _remove_stale_staging(output_dir: Path, step: str) -> None:
    """A run that was killed could not clean up after itself; its staging folder is removed now."""
    for stale in output_dir.glob(f".staging-{step}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _reads_export(step: str) -> bool:
    return step in NAMES and "survey_export" in declared_step(step).raw_files


def _names_to_review(step: str, params: LoadedParams, names_cache: str, output_dir: Path) -> str | None:
    """For a step that reads the survey export: words that may be names stop it for the analyst's review."""
    if not _reads_export(step):
        return None
    from ..privacy.study import review_free_text

    return review_free_text(params, names_cache, output_dir)


def preflight(step: str, params: LoadedParams) -> None:
    """The declared step's input checks, if it has any (collabstudy.study.steps: `preflight`)."""
    if step not in NAMES:
        return
    for check in declared_step(step).preflight:
        module, _, function = check.partition(":")
        getattr(importlib.import_module(module), function)(params)


def execute(
    notebook: Path, params_file: Path, output_dir: Path, kernel: str, names_cache: str = "", export_html: bool = False
) -> int:
    """Run one notebook with papermill; outputs land in output_dir only if it succeeds.

    With `export_html` the same process also renders pages/<step>.html into the staging folder
    (one Python start per step instead of two), so the page is checked for names and moved into
    place together with everything else the step wrote. One run of a step at a time per build
    folder: a second one stops at once, touching nothing (not even the first one's staging folder).
    """
    from .kernel import check_kernel

    root = project_root(params_file.resolve().parent)  # the project the study's params belong to
    params = load_params(params_file.resolve(), root)
    check_kernel(kernel)
    step = notebook.stem
    output_dir = output_dir.resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    with exclusive(output_dir, step, wait=False) as locked, _keeping(output_dir / KEPT):
        if not locked:
            print(
                f"\nSteget {step} körs redan i en annan körning av samma studie ({display_path(output_dir, root)}); "
                "vänta tills den är klar och kör sedan igen. Inget ändrades.",
                file=sys.stderr,
            )
            return 1
        _remove_stale_staging(output_dir, step)
        run = _Run(step, notebook, params, root, output_dir)
        try:
            return run.execute(kernel, names_cache, export_html)
        finally:
            shutil.rmtree(run.staging, ignore_errors=True)


@contextmanager
def _keeping(folder: Path):
    """What this process and its kernel read or draw, kept for the run's later processes in the study's own build
    folder (collabstudy.io.kept: a workbook's rows, a chart); as it was afterwards (a test calling `execute`
    keeps nothing for its next test)."""
    before = os.environ.get(KEPT_VARIABLE)
    os.environ[KEPT_VARIABLE] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(KEPT_VARIABLE, None)
        else:
            os.environ[KEPT_VARIABLE] = before


class _Run:
    """One step's run: its staging folder, and the Swedish messages when it stops."""

    def __init__(self, step: str, notebook: Path, params: LoadedParams, root: Path, output_dir: Path):
        self.step, self.notebook, self.params, self.root, self.output_dir = step, notebook, params, root, output_dir
        self.staging = Path(tempfile.mkdtemp(prefix=f".staging-{step}-", dir=output_dir))
        self.executed = self.staging / "notebooks" / f"{step}.ipynb"
        self.executed.parent.mkdir(parents=True)
        self.progress = Progress(step)

    def execute(self, kernel: str, names_cache: str, export_html: bool) -> int:
        from papermill.exceptions import PapermillExecutionError

        step, params, root = self.step, self.params, self.root
        print(f"Kör {display_path(self.notebook, root)} med {display_path(params.file, root)} ...", flush=True)
        self.progress.say(f"startar: indatakontroll{' och namngranskning' if _reads_export(step) else ''}")
        # The export's libraries load on the other core while the step's input is checked and the
        # kernel works (half a second).
        with ThreadPoolExecutor(max_workers=1) as background:
            background.submit(_import_what_follows_the_notebook)
            try:
                review = _names_to_review(step, params, names_cache, self.output_dir)
                if review:
                    return self.stopped("indatakontrollen", review)
                preflight(step, params)  # before the kernel starts: bad input ends the step at once
            except StudyInputError as exc:
                return self.stopped("indatakontrollen", str(exc))
            except Exception as exc:  # noqa: BLE001 (a bug, or what the study is not built for: said in Swedish)
                return self.internal("indatakontrollen", exc)
            try:
                self.run_notebook(kernel)
            except OSError as exc:  # papermill's own writing: a full disk, a folder it may not write in
                return self.stopped("ett systemfel", self.cannot_write(exc))
            except PapermillExecutionError as exc:
                if exc.ename in INPUT_ERRORS:
                    return self.stopped("indatakontrollen", exc.evalue)
                failed = self.output_dir / "failed" / f"{step}.ipynb"
                failed.parent.mkdir(parents=True, exist_ok=True)
                if self.executed.exists():
                    os.replace(self.executed, failed)
                where = f"Den avbrutna körningen finns i {display_path(failed, root)}; där står felet i sin helhet."
                system = _system_error(exc.ename, exc.evalue)
                if system:
                    return self.stopped(f"ett systemfel (cell {exc.exec_count})", system, where)
                return self.stopped(
                    f"ett internt fel (cell {exc.exec_count})",
                    INTERNAL,
                    f"{where} Skicka den till den som underhåller studien.",
                )
            except Exception as exc:  # noqa: BLE001 (the kernel died, a cell timed out, …)
                return self.internal("körningen av notebooken", exc)
        try:
            return self.land(names_cache, export_html)
        except OSError as exc:
            return self.stopped("ett systemfel", self.cannot_write(exc))
        except Exception as exc:  # noqa: BLE001
            return self.internal("exporten eller anonymitetskontrollen", exc)

    def cannot_write(self, exc: OSError) -> str:
        return (
            f"Fel: stegets resultat kan inte skrivas i {display_path(self.output_dir, self.root)}/ "
            f"({system_problem(exc)})."
        )

    def internal(self, where: str, exc: BaseException) -> int:
        """An error that is no input error the study knows: its traceback kept in failed/<step>.txt for the
        maintainer, the analyst told in Swedish (never Python's English text)."""
        import traceback

        report = self.output_dir / "failed" / f"{self.step}.txt"
        try:
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
            kept = f"Felet i sin helhet finns i {display_path(report, self.root)}; skicka den till den som underhåller studien."
        except OSError:
            kept = "Felet kunde inte sparas (mappen går inte att skriva i)."
        return self.stopped(f"ett internt fel i {where}", INTERNAL, kept)

    def run_notebook(self, kernel: str) -> None:
        """papermill on the project's kernel, from the project folder, writing into the staging folder."""
        import nbformat
        import papermill

        from .kernel import quiet_kernel_manager

        root = self.root
        # Reviewed just now (a step reading the export): the notebook redacts it without reviewing it again.
        reviewed = {"names_reviewed": True} if _reads_export(self.step) else {}
        source = nbformat.read(self.notebook, as_version=4)
        self.progress.notebook(1 + sum(cell.cell_type == "code" and bool(cell.source.strip()) for cell in source.cells))
        # Not saved after every cell (papermill's default): each save rewrites the whole notebook, a second
        # per run for the pages with interactive tables. It is still written at the end, also when a cell
        # fails (failed/<step>.ipynb). Paths as the notebook sees them from the project folder (its working
        # folder), so that the executed notebook is the same whichever folder the project is in.
        papermill.execute_notebook(
            str(self.notebook),
            str(self.executed),
            kernel_name=kernel,
            cwd=str(root),
            progress_bar=False,
            request_save_on_cell_execute=False,
            kernel_manager_class=quiet_kernel_manager(),
            on_cell_execute=self.progress.cell_started,
            parameters={
                "params_file": display_path(self.params.file, root),
                "build_dir": display_path(self.output_dir, root),
                "output_dir": display_path(self.staging, root),
                **reviewed,
            },
        )

    def land(self, names_cache: str, export_html: bool) -> int:
        """Make the executed notebook reproducible, render its page, check for names, move it all into place."""
        root, staging, executed = self.root, self.staging, self.executed
        _make_reproducible(
            executed,
            display_path(staging, root),
            display_path(self.output_dir, root),
            {
                "input_path": display_path(self.notebook, CODE_PROJECT),
                "output_path": display_path(self.output_dir / "notebooks" / executed.name, root),
            },
        )
        if export_html:
            from .export import render_html

            self.progress.say("skriver HTML-sidan")
            write_text(staging / PAGES / f"{self.step}.html", render_html(executed, self.params))
        from ..privacy.study import leak_in_outputs

        self.progress.say("anonymitetskontroll av allt steget skrev")
        leak = leak_in_outputs(self.params, names_cache, staging)
        if leak:  # the file is named where it would have gone
            return self.stopped(
                "anonymitetskontrollen", leak.replace(str(staging), display_path(self.output_dir, root))
            )
        _move_outputs(staging, self.output_dir, executed)
        note_unpublished(self.output_dir, self.step, root)
        (self.output_dir / "failed" / f"{self.step}.ipynb").unlink(missing_ok=True)
        print(f"Klart: {display_path(self.output_dir / 'notebooks' / executed.name, root)}", flush=True)
        self.progress.say("klart")
        return 0

    def stopped(self, by: str, message: str, more: str = "") -> int:
        """The step stops: say why in Swedish, that its earlier outputs are untouched and what the
        published report is now; everything this run wrote is dropped."""
        shutil.rmtree(self.staging, ignore_errors=True)
        lines = [
            f"\nSteget {self.step} stoppades av {by}.",
            message,
            f"Stegets tidigare resultat är orörda.{' ' + more if more else ''}",
            published_status(self.output_dir, self.root),
        ]
        print("\n".join(lines), file=sys.stderr)
        return 1


INTERNAL = (
    "Det är ett fel i studiens kod, eller något i indata som studien inte är byggd för och inte känner igen, "
    "inte ett fel som indatakontrollen kan peka ut."
)


def _system_error(name: str, value: str) -> str | None:
    """An OSError in the notebook (a full disk, a folder it may not write in) in Swedish, from papermill's
    English text ('[Errno 28] No space left on device: …'); None for any other error."""
    import errno as codes

    match = re.match(r"\[Errno (\d+)\][^:]*(?:: '(.*)')?", value or "")
    if name not in {"OSError", "PermissionError", "FileNotFoundError", "IsADirectoryError"} or not match:
        return None
    problem = system_problem(OSError(int(match.group(1)), ""))
    where = f" ({match.group(2)})" if match.group(2) else ""
    known = int(match.group(1)) in (codes.ENOSPC, codes.EDQUOT, codes.EROFS, codes.EACCES, codes.EPERM)
    return f"Fel: en fil kan inte skrivas eller läsas{where}: {problem}." if known or where else None


def _import_what_follows_the_notebook() -> None:
    """Load the export's and the anonymity check's libraries while the kernel works."""
    import nbconvert.exporters.html  # noqa: F401
    import openpyxl  # noqa: F401

    from ..present import html  # noqa: F401
    from ..privacy import scan, study  # noqa: F401
