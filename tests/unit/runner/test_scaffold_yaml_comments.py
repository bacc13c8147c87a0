"""collabstudy.runner.scaffold.yaml_comments: edits of a round-tripped YAML file that keep each comment
before the key it was written before."""

from __future__ import annotations

import io

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from collabstudy.runner.scaffold import yaml_comments as comments
from collabstudy.runner.scaffold.params_file import round_trip_yaml

TEXT = """\
a: 1  # om a
# om b
b:
  x: 1
  # om y
  y: 2  # y

# om c
c: [1, 2]
d:
  - e
  # om f
f: 3
"""


def load(text: str = TEXT) -> CommentedMap:
    return round_trip_yaml().load(text)


def dumped(data: CommentedMap) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def test_the_text_round_trips_as_written():
    assert dumped(load()) == TEXT


def test_a_deleted_key_takes_the_comment_before_it_and_leaves_the_one_before_the_next():
    data = load()
    comments.delete(data, "b")
    assert dumped(data) == TEXT.replace("# om b\nb:\n  x: 1\n  # om y\n  y: 2  # y\n", "")


def test_a_deleted_first_key_leaves_the_comment_before_the_next():
    data = load()
    comments.delete(data["b"], "x")
    assert dumped(data) == TEXT.replace("  x: 1\n", "")


def test_a_new_value_keeps_the_line_comment_and_the_lines_after_it():
    data = load()
    comments.replace(data, "b", CommentedSeq([7]))
    comments.replace(data, "a", CommentedMap(z=0))
    assert dumped(data) == TEXT.replace("  x: 1\n  # om y\n  y: 2  # y\n", "  - 7\n").replace(
        "a: 1  # om a\n", "a:    # om a\n  z: 0\n"
    )


def test_an_inserted_key_comes_before_the_comment_of_the_next_and_is_set_off_as_it_is():
    data = load()
    comments.insert_after(data, "b", "ny", 5)
    assert dumped(data) == TEXT.replace("  y: 2  # y\n", "  y: 2  # y\n\nny: 5\n")  # set off as c is


def test_an_item_appended_to_a_list_comes_before_the_comment_after_the_list():
    data = load()
    comments.append(data, "d", "g")
    comments.append(data, "c", 3)
    assert dumped(data) == TEXT.replace("  - e\n", "  - e\n  - g\n").replace("[1, 2]", "[1, 2, 3]")


def test_a_line_comment_is_set_or_removed_and_the_lines_after_it_stay():
    data = load()
    comments.set_line_comment(data, "a", None)
    comments.set_line_comment(data["b"], "x", "ny")
    assert comments.line_comment(data["b"], "x") == "ny" and comments.line_comment(data, "a") is None
    assert dumped(data) == TEXT.replace("a: 1  # om a", "a: 1").replace("  x: 1", "  x: 1".ljust(27) + "# ny")


def test_a_comment_before_a_key():
    data = load()
    comments.comment_before(data["b"], "y", "ÄNDRA: y", 2)
    assert dumped(data) == TEXT.replace("  # om y\n", "  # om y\n  # ÄNDRA: y\n")


def test_unwanted_comment_lines_are_dropped_wherever_they_are():
    data = load(TEXT.replace("y: 2  # y", "y: 2  # bort").replace("# om f", "# bort"))
    comments.drop_comment_lines(data, lambda line: "bort" in line)
    assert dumped(data) == TEXT.replace("y: 2  # y", "y: 2").replace("  # om f\n", "")
