"""An error that is no input error the study knows is said in Swedish with the step, never Python's English
exception text; its traceback is kept for the maintainer (issue 29)."""

from __future__ import annotations

import errno

import pytest

from collabstudy.runner import __main__ as cli
from collabstudy.runner import execute as runner
from collabstudy.study.paths import CODE_PROJECT

NOTEBOOK = CODE_PROJECT / "notebooks" / "02_outcomes.ipynb"


def test_an_internal_error_before_the_kernel_is_said_in_swedish_with_the_step(study, tmp_path, monkeypatch, capsys):
    def broken(step, params):
        raise TypeError("unsupported operand type(s) for /: 'NoneType' and 'float'")

    monkeypatch.setattr(runner, "preflight", broken)
    out = tmp_path / "build"
    assert runner.execute(NOTEBOOK, study.params_file, out, "collabstudy") == 1
    message = capsys.readouterr().err
    assert "Steget 02_outcomes stoppades av ett internt fel i indatakontrollen." in message
    assert "TypeError" not in message and "NoneType" not in message and "Traceback" not in message
    assert "Stegets tidigare resultat är orörda" in message
    kept = out / "failed" / "02_outcomes.txt"
    assert "failed/02_outcomes.txt" in message
    assert "TypeError: unsupported operand" in kept.read_text(encoding="utf-8")


def test_a_full_disk_when_the_outputs_are_written_names_the_folder(study, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(runner, "preflight", lambda step, params: None)

    def full(self, kernel):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(runner._Run, "run_notebook", full)
    assert runner.execute(NOTEBOOK, study.params_file, tmp_path / "build", "collabstudy") == 1
    message = capsys.readouterr().err
    assert "stoppades av ett systemfel" in message and "(disken är full)" in message
    assert "Den publicerade rapporten" in message or "Ingen rapport är publicerad ännu" in message


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        (
            "OSError",
            "[Errno 28] No space left on device: 'build/x/processed/a.csv'",
            "(build/x/processed/a.csv): disken är full",
        ),
        ("PermissionError", "[Errno 13] Permission denied: 'build/x'", "behörighet saknas"),
        ("TypeError", "unsupported operand", None),
    ],
)
def test_a_system_error_in_the_notebook_is_said_in_swedish(name, value, said):
    found = runner._system_error(name, value)
    assert (found is None) if said is None else (said in found)


def test_a_command_that_fails_for_no_known_reason_says_so_in_swedish(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def broken(args):
        raise KeyError("results")

    monkeypatch.setattr(cli, "where_command", broken)
    assert cli.main(["where", "x", "--params", "p.yaml", "--build-dir", "b"]) == 3
    message = capsys.readouterr().err
    assert message.startswith("Internt fel i kommandot where:") and "KeyError" not in message
    assert "KeyError: 'results'" in (tmp_path / "build" / "fel" / "where.txt").read_text(encoding="utf-8")
