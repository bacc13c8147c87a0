"""collabstudy.runner.execute: what makes two runs of the same inputs the same bytes."""

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
