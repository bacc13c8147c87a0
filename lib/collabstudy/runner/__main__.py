"""The study's command line (the Makefile's commands).

python -m collabstudy.runner make-inputs --params P --build-dir D --output F
python -m collabstudy.runner execute --notebook N --params P --output-dir D --kernel K [--export-html]
python -m collabstudy.runner publish --params P --build-dir D   # pages/ -> reports/, when every step is done
python -m collabstudy.runner export --notebook EXECUTED --params P --output HTML   # re-export one page
python -m collabstudy.runner coding-sheets --params P --build-dir D   # the coders' sheets, the reconciliation
python -m collabstudy.runner install-kernel --name K
python -m collabstudy.runner new-study --name NAME [--export FORMS.xlsx]   # params/NAME.yaml, data/raw/NAME/
python -m collabstudy.runner where KEY --params P --build-dir D   # a stated figure's registry entry (data-key)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..study.errors import StudyInputError
from ..study.paths import system_problem
from .execute import execute


def keep_batch_imports_lean() -> None:
    """Decline jsonschema's optional IRI checker in the batch processes.

    JupyterLab's dependencies install `rfc3987-syntax`; jsonschema (imported by nbformat) builds
    its grammars on import, about 1.5 s in every papermill or nbconvert process. A notebook's
    schema has no IRI-formatted field, so nothing is lost; an analyst's JupyterLab still has it.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: `import` raises ImportError


def make_inputs_command(args) -> int:
    from ..io.atomic import write_text
    from ..study.params import load_params
    from .dependencies import make_inputs

    params = load_params(args.params)
    write_text(args.output, make_inputs(params, params.root / args.build_dir))
    return 0


def publish_command(args) -> int:
    from ..study.params import load_params
    from .publish import publish

    params = load_params(args.params)
    return publish(params.root / args.build_dir, params.root)


def coding_sheets_command(args) -> int:
    from ..study.params import load_params
    from ..study.paths import display_path
    from ..survey.coding_sheets import write_coding_sheets

    params = load_params(args.params, coding_to_come=True)
    for path, written in write_coding_sheets(params, params.root / args.build_dir):
        shown = display_path(path, params.root)
        print(f"Skrivet: {shown}" if written else f"Finns redan (orört; ta bort filen för ett nytt blad): {shown}")
    return 0


def install_kernel_command(args) -> int:
    from .kernel import install_kernel

    print(f"Jupyter-kärnan installerad i {install_kernel(args.name)}")
    return 0


def pdf_command(args) -> int:
    from .pdf import print_pdf

    pages = print_pdf(args.html, args.output)
    print(f"Skrivet: {args.output} ({pages} sidor, A4)")
    return 0


def export_command(args) -> int:
    from .export import export

    return export(args.notebook, args.output, args.params, args.names_cache)


def new_study_command(args) -> int:
    from ..study.paths import project_root
    from .scaffold import ScaffoldRefused, create_study, summary

    try:
        written = create_study(args.root or project_root(), args.name, args.export or None)
    except ScaffoldRefused as exc:
        print(f"Ingen ny studie skapad: {exc}", file=sys.stderr)
        return 2
    print(summary(written))
    return 0


def where_command(args) -> int:
    """A figure of the report by its key (the `data-key` of its mark): its value, what it is, and which step
    and function recorded it — the second hop from a sentence to the code that computed its figure."""
    import difflib
    import json

    from ..study.params import load_params
    from ..study.paths import display_path, project_root
    from ..study.steps import STEPS

    params = load_params(args.params.resolve(), project_root(args.params.resolve().parent))
    build = params.root / args.build_dir
    known = []
    for step in STEPS:
        path = build / "results" / f"{step.name}.json"
        if not path.is_file():
            continue
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
        known += list(results)
        if args.key in results:
            entry = results[args.key]
            print(f"{args.key} = {entry['value']!r} ({entry['unit']}, status {entry['status']})")
            print(f"  vad: {entry['label']}")
            print(f"  steg: {step.name} ({display_path(path, params.root)}), källa: {entry['source']}")
            print(f"  registrerat av: {entry.get('recorded_by') or 'okänt (ett register från en äldre körning)'}")
            if entry.get("inputs"):
                print(f"  regel och underlag: {entry['inputs']}")
            return 0
    near = difflib.get_close_matches(args.key, known, n=3)
    hint = f"; menade du {', '.join(near)}?" if near else " (kör make run först om registren saknas)"
    print(f"Nyckeln '{args.key}' finns inte i studiens resultatregister{hint}", file=sys.stderr)
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="collabstudy.runner", description=__doc__.splitlines()[0])
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
    run.add_argument("--export-html", action="store_true", help="skriv också pages/<steg>.html")
    published = commands.add_parser("publish", help="publicera pages/ som reports/ när alla steg är klara")
    published.add_argument("--params", type=Path, required=True)
    published.add_argument("--build-dir", type=Path, required=True)
    sheets = commands.add_parser("coding-sheets", help="kodningsblad per kodare och avstämningsblad")
    sheets.add_argument("--params", type=Path, required=True)
    sheets.add_argument("--build-dir", type=Path, required=True)
    kernel = commands.add_parser("install-kernel")
    kernel.add_argument("--name", required=True)
    exp = commands.add_parser("export")
    exp.add_argument("--notebook", type=Path, required=True)
    exp.add_argument("--output", type=Path, required=True)
    exp.add_argument("--params", type=Path, required=True)
    exp.add_argument("--names-cache", default="")
    pdf = commands.add_parser("pdf", help="skriv ut rapporten till A4-PDF med sidnummer")
    pdf.add_argument("--html", type=Path, required=True)
    pdf.add_argument("--output", type=Path, required=True)
    new = commands.add_parser("new-study", help="skapa params och leveransmallar för nästa utvärderingsperiod")
    new.add_argument("--name", default="", help="studiens namn: små bokstäver a–z, siffror och '-'")
    new.add_argument("--root", type=Path, default=None, help="projektets rot (standard: den som cwd ligger i)")
    new.add_argument(
        "--export", default="", help="årets Forms-export (standard: data/raw/NAME/forms-export.xlsx om den finns)"
    )
    where = commands.add_parser("where", help="var en siffra i rapporten kommer ifrån (dess data-key)")
    where.add_argument("key")
    where.add_argument("--params", type=Path, required=True)
    where.add_argument("--build-dir", type=Path, required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    from ..study.progress import claim

    claim()  # `make run`'s progress descriptor, if it passed one
    keep_batch_imports_lean()
    args = _parser().parse_args(argv)
    try:
        if args.command == "execute":
            return execute(args.notebook, args.params, args.output_dir, args.kernel, args.names_cache, args.export_html)
        command = {
            "make-inputs": make_inputs_command,
            "publish": publish_command,
            "coding-sheets": coding_sheets_command,
            "install-kernel": install_kernel_command,
            "export": export_command,
            "pdf": pdf_command,
            "new-study": new_study_command,
            "where": where_command,
        }[args.command]
        return command(args)
    except StudyInputError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:  # a path the system refuses (too long, no permission, a full disk): said, not traced
        where = f" '{str(exc.filename)[:80]}{'…' if len(str(exc.filename)) > 80 else ''}'" if exc.filename else ""
        print(f"Fel: filen eller mappen{where} kan inte användas ({system_problem(exc)}).", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 (a bug: said in Swedish, its traceback kept for the maintainer)
        print(internal_error(args.command, exc), file=sys.stderr)
        return 3


def internal_error(command: str, exc: BaseException) -> str:
    """What an analyst reads when a command fails for no reason the study knows: in Swedish, with where the
    traceback was kept (build/fel/<command>.txt in the working folder; make runs in the project's)."""
    import traceback

    report = Path("build") / "fel" / f"{command}.txt"
    try:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        kept = f"Felet i sin helhet finns i {report}; skicka den till den som underhåller studien."
    except OSError:
        kept = "Felet kunde inte sparas (mappen build/ går inte att skriva i)."
    return (
        f"Internt fel i kommandot {command}: ett fel i studiens kod, eller något som studien inte är byggd för, "
        f"inte ett fel i indata som den känner igen. {kept}"
    )


if __name__ == "__main__":
    sys.exit(main())
