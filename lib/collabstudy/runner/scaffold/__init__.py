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


def create_study(root: Path, name: str) -> Written:
    """Write params/<name>.yaml and data/raw/<name>/ (templates, LÄSMIG.md); refuse if either exists.
    Nothing is left behind if writing fails half-way."""
    check_name(name)
    params_file = root / "params" / f"{name}.yaml"
    folder = root / "data" / "raw" / name
    for target, what in ((params_file, "parameterfilen"), (folder, "mappen")):
        if target.exists():
            raise ScaffoldRefused(
                f"{what} {display_path(target, root)} finns redan; ingenting skrivs över. Välj ett annat namn "
                "eller ta bort den gamla först."
            )
    plan = plan_study(latest_study(root), name)
    files = templates(plan)
    contents = {plan.path(README_FILE): readme_text(plan, files).encode("utf-8")}
    contents |= {plan.path(t.file): workbook_bytes(t) for t in files}
    params = params_text(plan, files).encode("utf-8")
    try:
        folder.mkdir(parents=True)
    except FileExistsError:  # made meanwhile
        raise ScaffoldRefused(f"mappen {display_path(folder, root)} finns redan; ingenting skrivs över.") from None
    params_created = False
    try:
        for relative, data in contents.items():
            (root / relative).write_bytes(data)
        with open(params_file, "xb") as handle:  # fails if someone made it meanwhile
            params_created = True
            handle.write(params)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        if params_created:
            params_file.unlink(missing_ok=True)
        raise
    return Written(plan, [plan.params_path, *contents])


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
            f"  2. Spara Forms-exporten som {plan.path(EXPORT_FILE)} (den innehåller namn och e-post och hålls "
            "utanför git).",
            f"  3. Gå igenom raderna märkta ÄNDRA i {plan.params_path}: enkätens utskicksdag och antal öppna dagar "
            "(nu förra enkätens), frågornas text och study.source.",
            f"  4. Kör studien: make run PARAMS={plan.params_path}",
        ]
    )
