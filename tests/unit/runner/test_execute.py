"""collabstudy.runner.execute: what makes two runs of the same inputs the same bytes, and one run at a time."""

from __future__ import annotations

import nbformat

from collabstudy.runner.execute import _adjacent_streams_merged


def stream(text: str, name: str = "stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_a_print_split_in_two_messages_is_one_output():
    merged = _adjacent_streams_merged([stream("Alla 62 observationer uppfyller schemat."), stream("\n")])
    assert len(merged) == 1 and merged[0]["text"] == "Alla 62 observationer uppfyller schemat.\n"


def test_streams_apart_or_of_another_name_stay_apart():
    table = nbformat.v4.new_output("display_data", data={"text/plain": "tabell"})
    outputs = [stream("före\n"), table, stream("efter\n"), stream("fel\n", name="stderr")]
    assert _adjacent_streams_merged(outputs) == outputs


def test_a_second_run_of_a_step_stops_at_once_and_leaves_the_first_runs_staging(tmp_path, capsys):
    from collabstudy.runner.execute import execute
    from collabstudy.runner.locks import exclusive
    from collabstudy.study.paths import CODE_PROJECT

    out = tmp_path / "build"
    theirs = out / ".staging-01_cleaning-abc123"
    theirs.mkdir(parents=True)
    (theirs / "halvfärdig.csv").write_text("pågår", encoding="utf-8")
    with exclusive(out.resolve(), "01_cleaning", wait=False) as first:
        assert first
        code = execute(
            CODE_PROJECT / "notebooks" / "01_cleaning.ipynb",
            CODE_PROJECT / "params" / "svedala-trelleborg-2023.yaml",
            out,
            "collabstudy",
        )
    assert code == 1
    assert "körs redan i en annan körning" in capsys.readouterr().err
    assert (theirs / "halvfärdig.csv").read_text(encoding="utf-8") == "pågår"
    assert sorted(p.name for p in out.iterdir()) == [".make", theirs.name]
