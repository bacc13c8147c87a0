"""Where a step's time goes: each step of the published study run alone, cold, under py-spy (`make bench`).

py-spy samples the runner's process and the notebook's kernel together (`--subprocesses`); each sample of a
thread that is working (not waiting) is put in the first category whose pattern its stack matches
(:data:`CATEGORIES`). The result is CPU seconds per category and step, beside each step's wall time. py-spy
comes from PyPI through uv's tool runner (`uv tool run`, cached after the first time), not the study's lock.

    python bench/step_profile.py [--rate 50]   # prints the table (the benchmark puts it in bench/RESULTS.md)
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from collabstudy.study.steps import NAMES as STEPS

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)
PY_SPY = "py-spy==0.4.3"
STUDY_PARAMS = "params/svedala-trelleborg-2023.yaml"

FLOOR = "golvet: importer, kärnans start, papermill"
# (category, pattern over the whole stack): the first that matches takes the sample.
CATEGORIES = [
    ("anonymitet: ordlistan laddas", r"lexicon\.py.*_read_dictionary|spylls/hunspell/data"),
    ("anonymitet: namnlistan laddas", r"names\.py.*(_read_name_list|load_name_list)"),
    # imports and the kernel's own start (not ipykernel_launcher.py: every cell runs under it)
    (FLOOR, r"_find_and_load|kernelapp\.py.*initialize"),
    ("anonymitet: utdataskanning och slutkontroll", r"leak_in_outputs|final_leak|privacy/(scan|final_check)\.py"),
    (
        "anonymitet: granskning och redigering av fritext",
        r"privacy/(free_text|redaction|detector|identifiers|roles|words|study)\.py|review_free_text",
    ),
    ("HTML-export (nbconvert, sidans efterbehandling)", r"runner/export\.py|present/html\.py|nbconvert"),
    ("diagram (matplotlib, PNG)", r"matplotlib|seaborn|present/(charts|figures)\.py|PIL/"),
    ("rapporttext (Jinja2-mallarna)", r"collabstudy/report/|jinja2"),
    ("tabeller (Styler, itables, xlsx)", r"pandas/io/formats/style|itables|present/tables\.py|openpyxl/writer"),
    ("läsa och kontrollera indata", r"collabstudy/(io|cleaning|published)/|study/params\.py|pandera|openpyxl|pydantic"),
    ("statistik", r"scipy|statsmodels|collabstudy/stats/|krippendorff"),
    ("engelska ordfrekvenser (wordfreq)", r"wordfreq"),
    (FLOOR, r"papermill|jupyter_client|nbclient|nbformat|zmq|ipykernel|tornado|asyncio"),
]
# A thread that waits (a kernel's heartbeat, a poll) is not working: py-spy cannot always tell.
WAITING = re.compile(
    r"select|wait|poll|_watch_pipe_fd|ParentPollerUnix|Heartbeat|GarbageCollectorThread|device \(zmq|recv|sleep"
)


def categorise(raw: Path, rate: float) -> collections.Counter:
    """CPU seconds per category in one py-spy raw file (collapsed stacks, one per line with its count)."""
    seconds: collections.Counter = collections.Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or WAITING.search(stack.rsplit(";", 1)[-1]):
            continue
        category = next((name for name, pattern in CATEGORIES if re.search(pattern, stack)), "övrigt")
        seconds[category] += int(count) / rate
    return seconds


def profile(project: Path, env: dict[str, str], rate: float) -> tuple[dict[str, collections.Counter], dict]:
    """Each step run alone under py-spy in `project` (a copy), one after the other; CPU seconds per category
    and step, and each step's wall time."""
    build = project / "build" / Path(STUDY_PARAMS).stem
    shutil.rmtree(build, ignore_errors=True)
    uv = VENV / "bin" / "uv"
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as make runs a step (Makefile)
    env.update(JUPYTER_PATH=str(VENV / "share" / "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION="1")
    found: dict[str, collections.Counter] = {}
    wall: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="profil-") as folder:
        for step in STEPS:
            raw = Path(folder) / f"{step}.txt"
            command = [
                str(uv), "tool", "run", "--quiet", "--from", PY_SPY, "py-spy", "record", "--subprocesses",
                "--rate", str(int(rate)), "--format", "raw", "--output", str(raw), "--",
                str(VENV / "bin" / "python"), "-m", "collabstudy.runner", "execute",
                "--notebook", f"notebooks/{step}.ipynb", "--params", STUDY_PARAMS, "--export-html",
                "--output-dir", str(build.relative_to(project)), "--kernel", "collabstudy",
                "--names-cache", "build/cache/names-se.tsv",
            ]  # fmt: skip
            start = time.perf_counter()
            result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
            wall[step] = time.perf_counter() - start
            if result.returncode != 0:
                raise SystemExit(f"Profileringen av {step} misslyckades:\n{result.stdout}\n{result.stderr}")
            found[step] = categorise(raw, rate)
    return found, wall


def sv(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",")


def profile_lines(found: dict[str, collections.Counter], wall: dict[str, float], rate: float) -> list[str]:
    names = [name for name, _ in CATEGORIES if name != FLOOR]
    order = [FLOOR, *dict.fromkeys(names), "övrigt"]
    total = {category: sum(found[step][category] for step in found) for category in order}
    lines = [
        "## Where the time goes: a profile of each step (bench/step_profile.py)",
        "",
        f"Each step run alone, cold, under py-spy ({int(rate)} samples a second, runner and kernel together); "
        "CPU seconds of working threads per category (the first category whose pattern a sample's stack "
        "matches, `bench/step_profile.py`), and the step's wall time. py-spy itself slows a run down by a tenth or so.",
        "",
        "| kategori | " + " | ".join(found) + " | summa | andel |",
        "|---|" + "---:|" * (len(found) + 2),
    ]
    grand = sum(total.values()) or 1.0
    for category in order:
        if total[category] < 0.05:
            continue
        cells = " | ".join(sv(found[step][category]) for step in found)
        lines.append(f"| {category} | {cells} | {sv(total[category])} | {total[category] / grand:.0%} |")
    lines.append(
        "| **CPU-sekunder** | " + " | ".join(sv(sum(found[step].values())) for step in found) + f" | {sv(grand)} | |"
    )
    lines.append(
        "| **väggklocka** | " + " | ".join(sv(wall[step]) for step in found) + f" | {sv(sum(wall.values()))} | |"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from benchmark import copy_project, environment

    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        project = copy_project(Path(folder) / "project")
        found, wall = profile(project, environment(project), args.rate)
    print("\n".join(profile_lines(found, wall, args.rate)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
