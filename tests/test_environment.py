"""The conda environment, the pip lock and the running environment name the same packages."""
from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _environment_packages() -> set[str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    entries = [d for d in spec["dependencies"] if isinstance(d, str)]
    entries += [d for block in spec["dependencies"] if isinstance(block, dict) for d in block.get("pip", [])
                if not d.startswith("-")]
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
    listed = {_canonical(l) for l in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
              if l.strip() and not l.startswith("#")}
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
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "F,E9", "lib", "tests", "scripts"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
