"""collabstudy.runner.digests: a step's stamp is new exactly when an input's content differs from what the
step's last successful run read, whatever the file times say."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collabstudy.runner import digests
from collabstudy.study.paths import CODE_PROJECT

LONG_AGO = digests.LONG_AGO


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A folder with two inputs, the working folder (make passes paths relative to the project)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text("Kommun;Utskick\nSvedala;31\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("x\n", encoding="utf-8")
    return tmp_path


STAMPS = ".make/digests"


def _run(*groups: tuple[str, list[str]]) -> list[tuple[str, str]]:
    return digests.update(STAMPS, {step: names for step, names in groups})


def _stamp_time(step: str) -> float:
    return os.stat(digests.stamp_of(STAMPS, step)).st_mtime


def _succeeded(step: str) -> None:
    """What the step's make rule does after the step succeeded."""
    os.replace(digests.seen_of(STAMPS, step), digests.built_of(STAMPS, step))


def _rewrite_keeping_time(path: Path, text: str) -> None:
    """A corrected file whose time is older than the outputs: `cp -p`, an unzipped file, a mail attachment."""
    status = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_the_first_run_takes_what_is_read_as_built_and_reruns_nothing(project):
    assert _run(("01", ["a.csv", "b.csv"])) == []
    assert _stamp_time("01") == LONG_AGO


def test_a_change_of_content_with_an_old_file_time_makes_the_stamp_new(project):
    _run(("01", ["a.csv"]), ("02", ["b.csv"]))
    _rewrite_keeping_time(project / "a.csv", "Kommun;Utskick\nSvedala;13\n")
    before = time.time()
    assert _run(("01", ["a.csv"]), ("02", ["b.csv"])) == [("01", "a.csv")]
    assert _stamp_time("01") >= before - 1 and _stamp_time("02") == LONG_AGO


def test_the_stamp_stays_new_until_the_step_succeeds_then_goes_back(project):
    _run(("01", ["a.csv"]))
    _rewrite_keeping_time(project / "a.csv", "ändrad\n")
    _run(("01", ["a.csv"]))  # the step fails: nothing recorded
    assert _run(("01", ["a.csv"])) == [("01", "a.csv")] and _stamp_time("01") > LONG_AGO
    _succeeded("01")
    assert _run(("01", ["a.csv"])) == [] and _stamp_time("01") == LONG_AGO


def test_content_changed_back_after_a_failed_run_reruns_nothing(project):
    original = (project / "a.csv").read_text(encoding="utf-8")
    _run(("01", ["a.csv"]))
    _rewrite_keeping_time(project / "a.csv", "trasig\n")
    _run(("01", ["a.csv"]))  # the run with the broken file fails
    _rewrite_keeping_time(project / "a.csv", original)
    assert _run(("01", ["a.csv"])) == [] and _stamp_time("01") == LONG_AGO


def test_a_touched_file_changes_no_stamp(project):
    _run(("01", ["a.csv"]))
    later = time.time() + 5
    os.utime(project / "a.csv", (later, later))
    assert _run(("01", ["a.csv"])) == [] and _stamp_time("01") == LONG_AGO


def test_an_input_new_to_a_step_makes_its_stamp_new(project):
    _run(("01", ["a.csv"]))
    _succeeded("01")
    assert _run(("01", ["a.csv", "b.csv"])) == [("01", "b.csv")]


def test_a_missing_input_is_left_to_make(project):
    assert _run(("01", ["a.csv", "saknas.csv"])) == []


def test_an_unchanged_file_is_not_hashed_again(project, monkeypatch):
    _run(("01", ["a.csv"]))
    monkeypatch.setattr(digests, "sha256", lambda path: pytest.fail(f"{path} hashades igen"))
    assert _run(("01", ["a.csv"])) == []


def test_the_groups_are_read_from_the_command_line():
    assert digests.groups(["inputs:", "p.yaml", "01:", "a.csv", "p.yaml", "a.csv"]) == {
        "inputs": ["p.yaml"],
        "01": ["a.csv", "p.yaml"],
    }


def test_as_make_runs_it_a_plain_script_without_site_packages_in_a_fraction_of_a_second(project):
    script = CODE_PROJECT / "lib" / "collabstudy" / "runner" / "digests.py"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-S", str(script), STAMPS, "01:", "a.csv", "b.csv"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - start < 1
    _rewrite_keeping_time(project / "a.csv", "ny\n")
    result = subprocess.run([sys.executable, "-S", str(script), STAMPS, "01:", "a.csv"], capture_output=True, text=True)
    assert result.stdout == "Nytt innehåll i a.csv: stegen som läser filen körs om.\n"


def test_a_folder_it_cannot_write_is_said_in_swedish(project, monkeypatch, capsys):
    def read_only(path, rows):
        raise OSError(errno.EROFS, "Read-only file system", path)

    monkeypatch.setattr(digests, "_write", read_only)
    assert digests.main([STAMPS, "01:", "a.csv"]) == 2
    message = capsys.readouterr().err
    assert "mappen är skrivskyddad" in message and ".make/digests/01.built" in message
    assert "den publicerade rapporten är oförändrade" in message
