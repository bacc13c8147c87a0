"""The conda environment, the pip lock and the running environment name the same packages."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import yaml

from collabstudy.study.paths import CODE_PROJECT

ROOT = CODE_PROJECT  # the project: notebooks/, data/, params/


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _environment_packages() -> set[str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    entries = [d for d in spec["dependencies"] if isinstance(d, str)]
    entries += [
        d
        for block in spec["dependencies"]
        if isinstance(block, dict)
        for d in block.get("pip", [])
        if not d.startswith("-")
    ]
    names = {re.split(r"[=<>! ]", d)[0] for d in entries}
    return {_canonical(n) for n in names - {"python", "pip"}}


def _locked() -> dict[str, tuple[str, str]]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)\s*(#.*)?$", line)
        if match:
            pins[_canonical(match.group(1))] = (match.group(2), match.group(3) or "")
    return pins


def test_lock_input_names_exactly_the_environment_packages():
    listed = {
        _canonical(line)
        for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert listed == _environment_packages(), "kör 'make lock' efter ändringar i environment.yml"


def test_every_environment_package_is_pinned_as_a_direct_requirement():
    locked = _locked()
    direct = {name for name, (_, note) in locked.items() if "-r requirements.in" in note}
    assert direct == _environment_packages()


def test_running_environment_matches_the_lock():
    for name, (version, _) in _locked().items():
        assert metadata.version(name) == version, f"{name}: installerad {metadata.version(name)}, låst {version}"


def test_tests_run_in_the_project_environment():
    assert Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()


def test_project_kernel_starts_the_project_python():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("collabstudy")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()


def test_library_code_passes_the_linter():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "F,E9", "lib", "tests", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted_and_the_layers_hold():
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    layers = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert layers.returncode == 0, layers.stdout + layers.stderr


def test_the_version_has_its_changelog_entry():
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    import collabstudy

    assert collabstudy.__version__ == version, "kör 'make setup' efter en ny version"


def test_the_step_names_are_spelled_in_one_file():
    """Outside the tests, the notebooks, the README and docs/, only the step declaration names the steps."""
    from collabstudy.study.steps import NAMES

    allowed = ("tests/", "notebooks/", "README.md", "docs/", "lib/collabstudy/study/steps.py", "bench/RESULTS.md")
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    spelled = []
    for name in listed:
        path = ROOT / name
        if name.startswith(allowed) or not path.is_file() or path.suffix in {".xlsx", ".png"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        spelled += [f"{name}: {step}" for step in NAMES if step in text]
    assert not spelled, spelled
