"""A new study for the next evaluation period (`make new-study NAME=…`): its params file and one XLSX
template per delivery, derived from the latest study in params/.

One module per job: `plan` (which study comes next, its period, where each delivery goes), `templates`
(what each delivery's template holds), `workbooks` (a template as XLSX), `params_file` (the params file:
the latest one round-tripped with ruamel.yaml, only what a new period changes changed), `yaml_comments`
(editing a round-tripped file so that its comments stay where they were written) and `readme` (the
folder's LÄSMIG.md). `create_study` writes them all, and never over anything that exists. The package lives in runner/, the top layer, because it needs the
headers of both cleaning/ and survey/.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ...present.formatting import long_date
from ...study.paths import display_path
from .params_file import params_text
from .plan import (
    EXPORT_FILE,
    Plan,
    ScaffoldRefused,
    check_name,
    export_of,
    latest_study,
    next_window,
    one_year_later,
    plan_study,
)
from .readme import README_FILE, readme_text
from .templates import (
    OUTCOMES_NEED,
    ROLLING_MEASURES,
    Template,
    codebook_template,
    monthly_template,
    rolling_template,
    row_label,
    templates,
)
from .workbooks import DATA_SHEET, workbook, workbook_bytes

__all__ = [
    "DATA_SHEET",
    "EXPORT_FILE",
    "OUTCOMES_NEED",
    "README_FILE",
    "ROLLING_MEASURES",
    "Plan",
    "ScaffoldRefused",
    "Template",
    "Written",
    "codebook_template",
    "create_study",
    "latest_study",
    "monthly_template",
    "next_window",
    "one_year_later",
    "plan_study",
    "rolling_template",
    "row_label",
    "summary",
    "templates",
    "workbook",
]


@dataclass(frozen=True)
class Written:
    """What create_study wrote: the plan and every file, relative to the project root."""

    plan: Plan
    files: list[str]


def create_study(root: Path, name: str, export: str | Path | None = None) -> Written:
    """Write params/<name>.yaml and data/raw/<name>/ (templates, LÄSMIG.md); refuse if the params file or any
    file to write exists. The folder may exist already, holding the new Forms export (or `export` names it):
    the survey questions are then proposed from it. Nothing is left behind if writing fails half-way."""
    check_name(name)
    params_file = root / "params" / f"{name}.yaml"
    folder = root / "data" / "raw" / name
    if params_file.exists():
        raise ScaffoldRefused(
            f"parameterfilen {display_path(params_file, root)} finns redan; ingenting skrivs över. Välj ett annat "
            "namn eller ta bort den gamla först."
        )
    given = export_of(root, name, export)
    plan = plan_study(latest_study(root), name, given)
    files = templates(plan)
    contents = {plan.path(README_FILE): readme_text(plan, files).encode("utf-8")}
    contents |= {plan.path(t.file): workbook_bytes(t) for t in files}
    if given is not None and given != root / plan.path(EXPORT_FILE):  # given from elsewhere: saved here too
        contents[plan.path(EXPORT_FILE)] = given.read_bytes()
    params = params_text(plan, files).encode("utf-8")
    present = [relative for relative in contents if (root / relative).exists()]
    if present:
        shown = ", ".join(Path(relative).name for relative in present)
        raise ScaffoldRefused(
            f"mappen {display_path(folder, root)} finns redan och har {shown}, som skulle skrivas över; ingenting "
            "skrivs över. Välj ett annat namn eller flytta filerna först (Forms-exporten får ligga kvar)."
        )
    made_folder = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for relative, data in contents.items():
            with open(root / relative, "xb") as handle:  # fails if someone made it meanwhile
                written.append(root / relative)
                handle.write(data)
        with open(params_file, "xb") as handle:
            written.append(params_file)
            handle.write(params)
    except FileExistsError as exc:
        _undo(written, folder if made_folder else None)
        raise ScaffoldRefused(f"{display_path(Path(exc.filename), root)} finns redan; ingenting skrivs över.") from None
    except BaseException:
        _undo(written, folder if made_folder else None)
        raise
    return Written(plan, [plan.params_path, *contents])


def _undo(written: list[Path], folder: Path | None) -> None:
    """Remove what create_study wrote (and the folder, when it made it)."""
    for path in written:
        path.unlink(missing_ok=True)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _export_steps(plan: Plan) -> list[str]:
    """What the summary says of the survey's questions: proposed from the export, or copied to be checked."""
    proposal = plan.proposal
    if proposal is not None and proposal.export is not None:
        new = [q.key for q in proposal.questions if q.checks]
        dropped = [key for key, _ in proposal.dropped]
        return [
            f"  2. Enkätens frågor är föreslagna ur Forms-exporten {proposal.export}: {_questions(proposal.questions)}, "
            f"att kontrollera särskilt: {', '.join(new) or 'inga'}; förra enkätens frågor som inte finns kvar: "
            f"{', '.join(dropped) or 'inga'}."
        ]
    return [
        f"  2. Spara Forms-exporten som {plan.path(EXPORT_FILE)} (den innehåller namn och e-post och hålls "
        "utanför git). Enkätens frågor är kopierade från förra studien: kontrollera dem mot exportens "
        "kolumnrubriker (sparas exporten i mappen före make new-study föreslås frågorna ur den)."
    ]


def _questions(questions: list) -> str:
    return f"{len(questions)} {'fråga' if len(questions) == 1 else 'frågor'}"


def summary(written: Written) -> str:
    """What was written and what to do next, in Swedish, for the terminal."""
    plan = written.plan
    return "\n".join(
        [
            f"Ny studie: {plan.name}, perioden {long_date(plan.start)}–{long_date(plan.end)} "
            f"(utgår från {plan.previous_path}).",
            "Skrivet:",
            *[f"  {path}" for path in written.files],
            "Nästa steg:",
            f"  1. Skicka mallarna i {plan.folder}/ till dem som levererar (se LÄSMIG.md) och spara de ifyllda "
            "filerna där under samma namn.",
            *_export_steps(plan),
            f"  3. Gå igenom raderna märkta ÄNDRA i {plan.params_path}: enkätens utskicksdag och antal öppna dagar "
            "(nu förra enkätens), frågorna och study.source.",
            f"  4. Kör studien: make run PARAMS={plan.params_path}",
        ]
    )
