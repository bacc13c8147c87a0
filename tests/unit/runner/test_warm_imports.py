"""The bytecode warm-up make runs once per environment (collabstudy.runner.warm_imports): it says how far it
has come while it works, since the first step waits for it on a fresh clone."""

from collabstudy.runner import warm_imports
from collabstudy.study import progress


def test_the_warm_up_says_how_far_it_has_come_and_when_it_is_done(monkeypatch, capsys) -> None:
    monkeypatch.delenv(progress.PROGRESS_FD_VARIABLE, raising=False)
    monkeypatch.setattr(warm_imports, "modules", lambda: ["json", "finns.inte.alls", "csv"])
    monkeypatch.setattr(progress, "EVERY", 0.0)  # a line after every module but the last
    assert warm_imports.main() == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["1 av 3 moduler", "2 av 3 moduler", "klar"]
    assert all(line.startswith("  Bytekoden (") for line in lines)


def test_the_modules_are_the_study_s_own_and_what_the_runner_and_kernel_import() -> None:
    names = warm_imports.modules()
    assert "collabstudy.present.figures" in names and "papermill" in names
    assert not any(name.endswith(("__main__", "warm_imports")) for name in names)
