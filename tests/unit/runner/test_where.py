"""`make where KEY=…`: from a figure's key in the report to the step and function that recorded it."""

from __future__ import annotations

from collabstudy.io.registry import ResultsRegistry
from collabstudy.runner.__main__ import main


def record_share(results: ResultsRegistry) -> None:
    results.record("S.closures_work_studies.share", 0.2026, unit="andel", label="Andel i arbete", source="02: test")


def test_a_key_names_its_value_step_and_recording_function(study, capsys):
    build = study.root / "build" / "s"
    results = ResultsRegistry("02_outcomes")
    record_share(results)
    results.write(build)
    code = main(
        ["where", "S.closures_work_studies.share", "--params", str(study.params_file), "--build-dir", str(build)]
    )
    said = capsys.readouterr().out
    assert code == 0 and "= 0.2026 (andel" in said and "steg: 02_outcomes" in said
    assert f"registrerat av: {record_share.__module__}.record_share" in said


def test_an_unknown_key_is_said_in_swedish_with_the_nearest_keys(study, capsys):
    build = study.root / "build" / "s"
    results = ResultsRegistry("02_outcomes")
    record_share(results)
    results.write(build)
    code = main(
        ["where", "S.closures_work_studies.shar", "--params", str(study.params_file), "--build-dir", str(build)]
    )
    said = capsys.readouterr().err
    assert code == 2 and "finns inte i studiens resultatregister" in said and "S.closures_work_studies.share" in said
