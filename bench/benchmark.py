"""The study's benchmark (`make bench`): what a batch run costs against the floor it cannot go below.

Everything is measured in one run, on a copy of the project (the tracked files, with their
times), so the analyst's own build/ is never touched. Each measurement is repeated and the
median reported; the speed targets are ratios within this run, never absolute times, because
the machine's timings are noisy.

    python bench/benchmark.py --reps 3 --output bench/RESULTS.md [--setup] [--scales 1,10,100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from collabstudy.study.steps import NAMES as STEPS
from collabstudy.study.steps import OUTCOMES, SURVEY, reviewers_step

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)
STAMP = VENV / ".environment-ready"
STUDY_PARAMS = "params/svedala-trelleborg-2023.yaml"
SURVEY_FILE = "data/raw/survey/kodning.csv"
OUTCOME_MODULE = "lib/collabstudy/outcomes/monthly.py"
MB = 1024 * 1024
REVIEWERS = reviewers_step().name


@dataclass
class Measure:
    """One measurement's repetitions (seconds) and, for make runs, the steps that ran."""

    name: str
    times: list[float] = field(default_factory=list)
    steps: set[str] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def copy_project(target: Path) -> Path:
    """The project's tracked files (as a clone has them) with their modification times."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    cache = ROOT / "build" / "cache"
    if cache.is_dir():  # the names list make derives once per machine; not what this benchmark is about
        shutil.copytree(cache, target / "build" / "cache")
    return target


def environment(project: Path) -> dict[str, str]:
    """The copy's own lib/ first on the path, so that a touched module is the one that runs."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(project / "lib")
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"Benchmarken avbröts: {' '.join(command)} misslyckades\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout


def make(project: Path, env: dict[str, str], *args: str, params: str = STUDY_PARAMS) -> tuple[float, set[str]]:
    """Time one `make` in the copy; which notebooks it executed, read from the runner's output."""
    command = ["make", "--no-print-directory", f"VENV={VENV}", "KEEP_ENV=1", f"PARAMS={params}", *args]
    elapsed, out = timed(command, project, env)
    return elapsed, set(re.findall(r"Kör notebooks/(\w+)\.ipynb", out))


def touch(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def floor(project: Path, env: dict[str, str], executed_final: Path) -> tuple[float, dict[str, float]]:
    """Process start + kernel start + imports, per notebook, plus one plain export of the final notebook."""
    python = str(VENV / "bin" / "python")
    parts = {
        step: timed([python, "bench/floor.py", "step", f"notebooks/{step}.ipynb"], project, env)[0] for step in STEPS
    }
    parts["export"] = timed([python, "bench/floor.py", "export", str(executed_final)], project, env)[0]
    return sum(parts.values()), parts


def study_runs(project: Path, env: dict[str, str], reps: int) -> dict[str, Measure]:
    build = project / "build" / Path(STUDY_PARAMS).stem
    m = {name: Measure(name) for name in ("floor", "cold", "noop", "survey", "outcome_lib", "cold_parallel")}
    m.update({f"floor_{part}": Measure(part) for part in (*STEPS, "export")})
    for rep in range(reps):
        print(f"  omgång {rep + 1} av {reps} ...", flush=True)
        shutil.rmtree(build, ignore_errors=True)
        # Serial, as the floor is counted: one step after the other.
        elapsed, steps = make(project, env, "run", "JOBS=1")
        m["cold"].times.append(elapsed)
        m["cold"].steps = steps
        for name, action in (("noop", None), ("survey", SURVEY_FILE), ("outcome_lib", OUTCOME_MODULE)):
            if action:
                touch(project / action)
            elapsed, steps = make(project, env, "run")
            m[name].times.append(elapsed)
            m[name].steps = steps
        total, parts = floor(project, env, build / "notebooks" / f"{REVIEWERS}.ipynb")
        m["floor"].times.append(total)
        for part, seconds in parts.items():
            m[f"floor_{part}"].times.append(seconds)
        shutil.rmtree(build, ignore_errors=True)
        elapsed, steps = make(project, env, "run")  # as a user runs it: on every core
        m["cold_parallel"].times.append(elapsed)
        m["cold_parallel"].steps = steps
    m["sizes"] = {p.name: p.stat().st_size for p in sorted((build / "reports").glob("*.html"))}
    return m


def setup_time(clone_parent: Path) -> float:
    """A fresh clone's `make setup`, with an empty package cache (nothing downloaded before)."""
    clone = clone_parent / "fresh"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = dict(os.environ, UV_CACHE_DIR=str(clone_parent / "uv-cache"), PIP_NO_CACHE_DIR="1")
    env.pop("VIRTUAL_ENV", None)
    return timed(["make", "--no-print-directory", "setup"], clone, env)[0]


# The phases of a first `make run`, by the first line each prints (collabstudy.study.progress and the Makefile).
FIRST_RUN_PHASES = (
    ("miljön (.venv, kärnan, git-krokarna)", "Bygger miljön"),
    ("den svenska ordlistan (npm)", "Hämtar den svenska ordlistan"),
    ("namnlistan", "Bygger namnlistan"),
    ("stegen", "startar:"),
    ("publiceringen", "collabstudy.runner publish"),
)


def first_run(clone_parent: Path) -> dict:
    """A fresh clone's first `make run`, as a newcomer runs it: the environment from uv's package cache as this
    machine has it (warm, as a second project on the machine finds it), the lexicon from npm, the name list,
    every step, publishing. The time of each phase, from the first line it prints."""
    clone = clone_parent / "first-run"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = dict(os.environ)
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    start = time.perf_counter()
    seen: dict[str, float] = {}
    with subprocess.Popen(
        ["make", "--no-print-directory", "run"], cwd=clone, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    ) as process:  # fmt: skip
        assert process.stdout is not None
        output = []
        for line in process.stdout:
            output.append(line)
            for phase, first_line in FIRST_RUN_PHASES:
                if first_line in line and phase not in seen:
                    seen[phase] = time.perf_counter() - start
    total = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit("Benchmarken avbröts: en ny klons make run misslyckades\n" + "".join(output))
    marks = [(phase, seen[phase]) for phase, _ in FIRST_RUN_PHASES if phase in seen] + [("slut", total)]
    phases = {phase: end_start[1] - at for (phase, at), end_start in zip(marks, marks[1:])}
    shutil.rmtree(clone, ignore_errors=True)
    return {"total": total, "phases": phases}


def first_run_lines(first: dict) -> list[str]:
    parts = ", ".join(f"{phase} {sv(seconds)} s" for phase, seconds in first["phases"].items())
    return [
        f"First run (`git clone` + `make run`, uv's and npm's caches warm as on this machine, no `build/`): "
        f"**{sv(first['total'])} s** (target ≤ 90 s: {verdict(first['total'] <= 90)}); {parts}.",
    ]


def scale_runs(project: Path, env: dict[str, str], scales: list[int], reps: int) -> list[dict]:
    """Generate the synthetic study at each scale and time a cold `make run` of it."""
    from synthetic import write_study  # bench/synthetic.py

    rows = []
    for scale in scales:
        params = write_study(project, scale)
        build = project / "build" / params.stem
        times = []
        for _ in range(reps if scale < 100 else 1):
            shutil.rmtree(build, ignore_errors=True)
            times.append(make(project, env, "run", params=str(params.relative_to(project)))[0])
        size = sum(p.stat().st_size for p in (project / "data" / "synthetic" / f"x{scale}").rglob("*") if p.is_file())
        rows.append(
            {
                "scale": scale,
                "seconds": statistics.median(times),
                "runs": len(times),
                "input_bytes": size,
                "html": (build / "reports" / f"{REVIEWERS}.html").stat().st_size,
                **_scale_counts(project / "data" / "synthetic" / f"x{scale}"),
            }
        )
    return rows


def anonymity_speed(project: Path, reps: int) -> dict:
    """The anonymity detectors over the 100× synthetic study's export: every answer and period text
    redacted and examined for review, as the survey step does (the lexicon already loaded)."""
    from synthetic import write_study  # bench/synthetic.py

    from collabstudy.io.forms import read_export
    from collabstudy.privacy.free_text import examined
    from collabstudy.privacy.study import study_redactor
    from collabstudy.study.params import load_params

    params = load_params(write_study(project, 100), project)
    export = read_export(params)
    period = params.values.survey.questions[params.values.survey.key_of("period")].text
    times, final = [], []
    for _ in range(reps):
        redactor = study_redactor(params, "", free_text=True)  # fresh: no word judged yet
        redactor.names.lexicon.known("Svedala")  # loads the lexicon (2 s, once per step)
        start = time.perf_counter()
        redacted, _ = examined(export, redactor, period, review=False)
        times.append(time.perf_counter() - start)
        final.append(_final_check_seconds(params, export, redacted))
    return {
        "respondents": len(export.respondents),
        "texts": len(export.answers) + len(export.respondents),
        "seconds": statistics.median(times),
        "final": statistics.median(final),
        "different": _different_answers_seconds(reps),
    }


def _different_answers_seconds(reps: int) -> dict[str, float]:
    """10 000 answers that are all different (two texts each, :func:`privacy_evaluation.different_answers`):
    made of the report's 119 real quotes, and of the hand-written evaluation set, where nearly every
    sentence holds an identifier or a word to judge (the hardest case). A fresh redactor each time."""
    sys.path.insert(0, str(ROOT / "tests"))
    from privacy_evaluation import handwritten_set, real_quotes, real_redactor, speed

    sets = {"quotes": [q.text for q in real_quotes()], "handwritten": [h.text for h in handwritten_set()]}
    return {name: statistics.median(speed(real_redactor(), texts) for _ in range(reps)) for name, texts in sets.items()}


def _final_check_seconds(params, export, redacted) -> float:
    """The independent final check as a step runs it: every text marked, then every redacted text searched
    as if it were one output file (the name list already loaded)."""
    from collabstudy.privacy.final_check import FinalCheck, Source
    from collabstudy.privacy.names import load_name_list
    from collabstudy.privacy.study import _names_cache, shipped_allow

    names = load_name_list(_names_cache(params, ""))
    start = time.perf_counter()
    check = FinalCheck(names, passed=shipped_allow(names))
    for r in export.answers.itertuples():
        check.add(Source(f"svar {r.id}", str(r.text), f"{r.id}/{r.question}"))
    output = "\n".join(str(t) for t in redacted.answers["text"])
    check.leaks([("survey_quotes.csv", output)])
    return time.perf_counter() - start


def anonymity_lines(a: dict) -> list[str]:
    return [
        "## Anonymity: the detectors over the 100× synthetic study",
        "",
        f"{a['respondents']} respondents, {a['texts']} texts (answers and period answers): "
        f"**{sv(a['seconds'], 2)} s** to redact and examine them all (target < 2 s: {verdict(a['seconds'] < 2)}); "
        f"the independent final check over the same texts and their redacted output: {sv(a['final'], 2)} s.",
        "",
        "10 000 answers that are all different (two texts each, none judged from the cache): made of the "
        f"report's real quotes **{sv(a['different']['quotes'], 2)} s** (target < 2 s: "
        f"{verdict(a['different']['quotes'] < 2)}); made of the hand-written evaluation set, where nearly every "
        f"sentence holds an identifier or a word to judge, {sv(a['different']['handwritten'], 2)} s.",
    ]


def _scale_counts(folder: Path) -> dict:
    """What the synthetic study at this scale holds, read from its files."""

    def rows(path: Path) -> list[str]:
        return path.read_text(encoding="utf-8").splitlines()[1:]

    response = rows(folder / "survey" / "svarsfrekvens.csv")
    return {
        "months": 12 * len(rows(folder / "statistics" / "ekby-per-manad.csv")),
        "respondents": int(next(r for r in response if r.startswith("Totalt;")).split(";")[2]),
        "coded": len(rows(folder / "survey" / "kodning.csv")),
    }


def sv(seconds: float, decimals: int = 1) -> str:
    return f"{seconds:.{decimals}f}".replace(".", ",")


def study_lines(m: dict) -> list[str]:
    """The published study's table: each measurement, its target and whether it holds."""
    floor_s, cold = m["floor"].median, m["cold"].median
    ratio = cold / floor_s
    rows = [
        ("Golv (processer, kärnstarter, importer, en export)", m["floor"], "—", ""),
        ("Kall `make run JOBS=1` (seriell)", m["cold"], f"≤ 1,5 × golvet (kvot {sv(ratio, 2)})", verdict(ratio <= 1.5)),
        (
            "Kall `make run` (alla kärnor, som standard)",
            m["cold_parallel"],
            f"snabbare än seriell ({sv(m['cold_parallel'].median / cold, 2)} × seriell)",
            verdict(m["cold_parallel"].median < cold),
        ),
        (
            "`make run` utan ändring",
            m["noop"],
            "< 1 s och ingen kärna",
            verdict(m["noop"].median < 1 and not m["noop"].steps),
        ),
        (
            "efter ändrad enkätdata (`kodning.csv`)",
            m["survey"],
            "bara 03 och 04 (med sina sidor)",
            verdict(m["survey"].steps == {SURVEY, REVIEWERS}),
        ),
        (
            "efter ändrad utfallskod (`monthly.py`)",
            m["outcome_lib"],
            "bara stegen som importerar den (02, 04)",
            verdict(m["outcome_lib"].steps == {OUTCOMES, REVIEWERS}),
        ),
    ]
    lines = ["| mätning | median | min–max | steg som kördes | mål | uppfyllt |", "|---|---:|---:|---|---|---|"]
    for label, measure, target, ok in rows:
        ran = ", ".join(sorted(measure.steps)) if measure.name != "floor" else "—"
        lines.append(
            f"| {label} | {sv(measure.median)} | {sv(min(measure.times))}–{sv(max(measure.times))} | "
            f"{ran or 'inga'} | {target} | {ok} |"
        )
    lines += [
        "",
        "Floor, per part (median s): "
        + ", ".join(f"{part} {sv(m[f'floor_{part}'].median)}" for part in (*STEPS, "export")),
        "",
    ]
    lines += ["| sida | storlek | mål |", "|---|---:|---|"]
    for name, size in m["sizes"].items():
        target = "< 3 MB: " + verdict(size < 3 * MB) if name == f"{REVIEWERS}.html" else "(teknisk bilaga)"
        lines.append(f"| `{name}` | {sv(size / MB, 2)} MB | {target} |")
    return lines


def scale_lines(scales: list[dict]) -> list[str]:
    base = scales[0]
    lines = [
        "## Scale: the synthetic study (bench/synthetic.py)",
        "",
        "| skala | månader | svarande | kodade svar | indata | kall `make run` | × skala 1 | rapport (04) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in scales:
        lines.append(
            f"| {row['scale']}× | {row['months']} | {row['respondents']} | {row['coded']} | "
            f"{sv(row['input_bytes'] / MB, 2)} MB | {sv(row['seconds'])} s ({row['runs']} körn.) | "
            f"{sv(row['seconds'] / base['seconds'], 2)} | {sv(row['html'] / MB, 2)} MB |"
        )
    return lines


def verdict(ok: bool) -> str:
    return "ja" if ok else "**nej**"


def report(
    m: dict | None,
    reps: int,
    setup: float | None,
    scales: list[dict],
    anonymity: dict | None = None,
    first: dict | None = None,
    profiled: list[str] | None = None,
) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Benchmark: the study's batch run against its floor",
        "",
        f"Written by `make bench` ({dt.datetime.now():%Y-%m-%d %H:%M}, commit `{commit}`, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}). Medians of {reps} repetitions; "
        "times in seconds. The floor is what no batch run can avoid: per notebook a fresh Python process, "
        "papermill, a kernel start and the notebook's own imports (`bench/floor.py step`), plus one plain "
        "nbconvert export of the final notebook (`bench/floor.py export`). Targets are ratios within this run.",
        "",
    ]
    if m:
        lines += study_lines(m)
    if setup is not None:
        lines += [
            "",
            f"Fresh set-up (`git clone` + `make setup`, empty package cache): **{sv(setup)} s** "
            f"(target < 90 s: {verdict(setup < 90)}).",
        ]
    if first is not None:
        lines += ["", *first_run_lines(first)]
    if scales:
        lines += ["", *scale_lines(scales)]
    if anonymity:
        lines += ["", *anonymity_lines(anonymity)]
    if profiled:
        lines += ["", *profiled]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--setup", action="store_true", help="mät också en ny klons make setup")
    parser.add_argument("--scales", default="", help="t.ex. 1,10,100: kör den syntetiska studien i dessa skalor")
    parser.add_argument("--only-scales", action="store_true", help="hoppa över den publicerade studien")
    parser.add_argument("--only-anonymity", action="store_true", help="bara anonymitetskontrollens hastighet")
    parser.add_argument("--first-run", action="store_true", help="mät också en ny klons första make run")
    parser.add_argument("--profile", action="store_true", help="profilera varje steg med py-spy (bench/profile.py)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        project = copy_project(Path(folder) / "project")
        env = environment(project)
        m = None
        if not args.only_scales and not args.only_anonymity:
            print(
                "Studien (kall seriell, utan ändring, efter ändringar, kall på alla kärnor) och golvet ...", flush=True
            )
            m = study_runs(project, env, args.reps)
        scales = []
        if args.scales:
            print(f"Syntetisk studie i skalorna {args.scales} ...", flush=True)
            scales = scale_runs(project, env, [int(s) for s in args.scales.split(",")], args.reps)
        anonymity = None
        if args.only_anonymity:
            anonymity = anonymity_speed(project, args.reps)
            print("\n".join(anonymity_lines(anonymity)))
            return 0
        if args.scales:
            print("Anonymitetskontrollen över den syntetiska studien i skala 100 ...", flush=True)
            anonymity = anonymity_speed(project, args.reps)
        profiled = None
        if args.profile:
            from step_profile import profile, profile_lines  # bench/step_profile.py

            print("Profil av varje steg (py-spy) ...", flush=True)
            found, wall = profile(project, env, 50)
            profiled = profile_lines(found, wall, 50)
        setup = None
        if args.setup:
            print("Ny klon: make setup ...", flush=True)
            setup = setup_time(Path(folder))
        first = None
        if args.first_run:
            print("Ny klon: första make run ...", flush=True)
            first = first_run(Path(folder))
    text = report(m, args.reps, setup, scales, anonymity, first, profiled)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
