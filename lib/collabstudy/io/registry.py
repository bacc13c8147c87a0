"""The results registry: every figure a notebook computes that the final document may state.

One JSON file per step (`results/<step>.json`): key -> value, unit, Swedish label, where it
comes from. Later steps and tests read figures from here, never from HTML.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..study.errors import StudyInputError
from ..study.paths import default_build_dir, display_path
from ..study.steps import step as declared_step
from ..study.vocabulary import MISSING, OK, STATUSES
from .atomic import write_json

UNITS = {
    "antal",
    "andel",
    "kr",
    "procent",
    "procentenheter",
    "dagar",
    "minuter",
    "datum",
    "text",
    "kvot",
    "sannolikhet",
    "logisk",
    "teststorhet",
    "skalvärde",
    "utslag",
    "år",
}
RESULTS = "results"


@dataclass(frozen=True)
class Result:
    key: str
    value: object
    unit: str
    label: str
    source: str
    status: str = OK
    # For a verdict (unit 'utslag'): the figures and the rule it was decided by.
    inputs: dict | None = None
    # The function that recorded it ('collabstudy.outcomes.record.record_shares'): the second hop from a
    # figure in the report (its data-key) to where it was computed. Empty in registries of older runs.
    recorded_by: str = ""


def _plain(value: object) -> object:
    """JSON-safe: numpy scalars to Python, NaN to None (missing stays missing)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _recorder() -> str:
    """The study function that called record(): the first frame outside this module."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    if frame is None:
        return ""
    module = frame.f_globals.get("__name__", "")
    return f"{module}.{frame.f_code.co_qualname}" if module != "__main__" else f"notebook: {frame.f_code.co_name}"


def _plain_tree(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_plain_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_tree(v) for k, v in value.items()}
    return _plain(value)


class ResultsRegistry:
    """Collects a step's results; write() stores them atomically."""

    def __init__(self, step: str):
        self.step = declared_step(step).name
        self._results: dict[str, Result] = {}

    def record(
        self,
        key: str,
        value: object,
        *,
        unit: str,
        label: str,
        source: str,
        status: str = OK,
        inputs: dict | None = None,
    ) -> object:
        """Add one figure; a key may be recorded once. Returns the value, for use in the notebook.

        `status` carries the source's own doubt: 'osäker' or 'saknas' (then the value is None). A figure
        recorded without a value (None, NaN) is 'saknas' whatever was passed: a count a delivery left empty
        reaches the report as missing, never as a figure with status ok and no value.
        """
        if key in self._results:
            raise ValueError(f"resultatet '{key}' är redan registrerat i steget {self.step}")
        if unit not in UNITS:
            raise ValueError(f"okänd enhet '{unit}' för '{key}'; kända: {', '.join(sorted(UNITS))}")
        if status not in STATUSES:
            raise ValueError(f"okänd status '{status}' för '{key}'")
        plain_inputs = None if inputs is None else {k: _plain_tree(v) for k, v in inputs.items()}
        plain = _plain_tree(value)
        if plain is None:
            status = MISSING
        self._results[key] = Result(key, plain, unit, label, source, status, plain_inputs, _recorder())
        return value

    def record_verdict(self, key: str, verdict, *, label: str, source: str) -> str:
        """A verdict (collabstudy.stats.verdicts.Verdict) with the rule and the figures it was decided from."""
        self.record(
            key,
            verdict.value,
            unit="utslag",
            label=label,
            source=source,
            inputs={"regel": verdict.rule, **verdict.inputs},
        )
        return verdict.value

    def __len__(self) -> int:
        return len(self._results)

    @property
    def results(self) -> dict[str, Result]:
        """What has been recorded so far (a step's own page states its figures from here)."""
        return dict(self._results)

    def as_dict(self) -> dict[str, dict]:
        return {
            key: {field: value for field, value in asdict(result).items() if not (field == "inputs" and value is None)}
            for key, result in sorted(self._results.items())
        }

    def write(self, output_dir: Path) -> Path:
        target = Path(output_dir) / RESULTS / f"{self.step}.json"
        write_json(target, {"step": self.step, "results": self.as_dict()})
        return target


def read_results(build_dir: Path, step: str) -> dict[str, Result]:
    """The results an earlier step recorded."""
    path = Path(build_dir) / RESULTS / f"{declared_step(step).name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"Resultaten från steget {step} saknas ({path}); kör 'make run' först.")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: Result(**item) for key, item in data["results"].items()}


def read_earlier(params, step: str) -> list[tuple[object, dict[str, Result]]]:
    """Each earlier evaluation (params previous_evaluations, oldest first) with the results its step
    recorded in its own build folder. `make run` runs an earlier study first when its results are
    missing; in JupyterLab a missing one is a Swedish error saying what to run."""
    found = []
    for earlier in params.previous_studies():
        build = default_build_dir(earlier)
        path = build / RESULTS / f"{declared_step(step).name}.json"
        if not path.is_file():
            shown = display_path(earlier.file, params.root)
            raise StudyInputError(
                f"den tidigare utvärderingen har inga resultat från steget {step} ännu "
                f"({display_path(path, params.root)}); kör först: make run PARAMS={shown}",
                file=shown,
            )
        found.append((earlier, read_results(build, step)))
    return found
