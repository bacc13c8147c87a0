"""The exported reports of an executed study, shared by the end-to-end tests of the HTML.

e2e/conftest's `executed_study` runs notebooks 01–03 into a temporary project; its `reports`
fixture runs 04 as well (if it has not run yet) and exports all four notebooks as `make run` does
(collabstudy.runner.export), into <build>/reports/ (`export_reports` here). Done once per study
and session.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/
NAMES_CACHE = ROOT / "build" / "cache" / "first-names-se.txt"
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
REVIEWERS = "04_conclusions"
OTHER_STUDY = {"Svedala": ("Ekby", "Lundsås"), "Ekby": ("Svedala", "Trelleborg")}


def names_cache() -> str:
    return str(NAMES_CACHE) if NAMES_CACHE.is_file() else ""


@dataclass
class Reports:
    """A study's exported report folder (<build>/reports/) with the study itself."""

    study: object  # conftest.ExecutedStudy
    folder: Path

    @property
    def params(self) -> dict:
        return self.study.params

    @property
    def published(self) -> bool:
        """The published Svedala–Trelleborg study (not the fictional test study)."""
        return any(m["name"] == "Svedala" for m in self.params["municipalities"])

    @property
    def reproduces(self) -> bool:
        """Whether the study reproduces a published report (params published_report)."""
        return bool(self.params.get("published_report"))

    def html_path(self, step: str = REVIEWERS) -> Path:
        return self.folder / f"{step}.html"

    def html(self, step: str = REVIEWERS) -> str:
        return self.html_path(step).read_text(encoding="utf-8")


def export_reports(study) -> Reports:
    """Run 04 if needed, export every executed notebook to <build>/pages/<step>.html and publish
    them to <build>/reports/, as `make run` does."""
    from collabstudy.runner.execute import execute
    from collabstudy.runner.export import export
    from collabstudy.runner.publish import publish

    cache = names_cache()
    build = Path(study.build)
    reviewers = build / "notebooks" / f"{REVIEWERS}.ipynb"
    if not reviewers.is_file():
        code = execute(ROOT / "notebooks" / f"{REVIEWERS}.ipynb", study.params_file, build, "collabstudy", cache)
        assert code == 0, f"{REVIEWERS} misslyckades för {study.params_file.name}"
    pages = build / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    # `make` exports from the project's own folder, which has templates/ (the copy conftest makes
    # has only data/ and params/). export() finds the project from the working folder, not from
    # the params file (see test_export_finds_the_project_of_its_params_file), so it runs there too.
    if not (study.root / "templates").is_dir():
        shutil.copytree(ROOT / "templates", study.root / "templates")
    with contextlib.chdir(study.root):
        for step in STEPS:
            output = pages / f"{step}.html"
            if output.is_file():
                continue
            code = export(build / "notebooks" / f"{step}.ipynb", output, study.params_file, cache)
            assert code == 0, f"exporten av {step} misslyckades för {study.params_file.name}"
    if not (build / "reports" / ".komplett").is_file():
        assert publish(build, study.root) == 0
    return Reports(study, build / "reports")
