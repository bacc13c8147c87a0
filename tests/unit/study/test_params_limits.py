"""collabstudy.study.params, safe by construction (issue 15): YAML anchors and aliases, sizes, lengths and
numbers written as text are refused at once, naming the key or row, and a message never shows more than a
short prefix of what was given."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from collabstudy.study.errors import ParamsError
from collabstudy.study.params import load_params
from collabstudy.study.params_yaml import MAX_FILE_BYTES, NoDatesLoader, shortened, shown_value
from collabstudy.study.paths import CODE_PROJECT, inside

TITLE = "Avtalssamverkan Svedala–Trelleborg: ekonomiskt bistånd och arbetsmarknadsinsatser"
BASELINE_PATH = "data/raw/statistics/basar-2019.csv"


def load_error(study) -> ParamsError:
    with pytest.raises(ParamsError) as info:
        study.load()
    assert str(info.value).startswith("Fel i indata")
    assert "params/svedala-trelleborg-2023.yaml" in str(info.value)
    return info.value


def write(study, content: str | bytes) -> None:
    if isinstance(content, bytes):
        study.params_file.write_bytes(content)
    else:
        study.params_file.write_text(content, encoding="utf-8")


def published_text(study) -> str:
    return study.params_file.read_text(encoding="utf-8")


def row_of(text: str, part: str) -> int:
    return text[: text.index(part)].count("\n") + 1


# --- anchors and aliases ----------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_at_once_without_expanding_it(study):
    text = published_text(study)
    write(study, text + billion_laughs())
    started = time.perf_counter()
    exc = load_error(study)
    assert time.perf_counter() - started < 1
    assert "får inte använda YAML-ankare eller alias (&/*); skriv ut värdet" in str(exc)
    assert exc.row == text.count("\n") + 1  # the first anchor's row
    assert "lol" not in str(exc) and len(str(exc)) < 200


def test_an_anchor_used_to_write_a_value_once_is_refused_naming_the_row_of_the_anchor(study):
    source = '"Utvärdering av avtalssamverkan mellan Svedala och Trelleborg, 2023"'
    text = published_text(study).replace(f"source: {source}", f"source: &kalla {source}", 1)
    text = text.replace(f"  source: {source}\n  not_published", "  source: *kalla\n  not_published")
    write(study, text)
    exc = load_error(study)
    assert "ankare eller alias" in str(exc) and exc.row == row_of(text, "&kalla")
    assert "Utvärdering av" not in exc.problem


def test_an_alias_alone_is_refused_naming_its_row(study):
    text = published_text(study) + "extra: *okand\n"
    write(study, text)
    exc = load_error(study)
    # PyYAML refuses an alias to no anchor as invalid YAML; either way its row is named.
    assert exc.row == row_of(text, "*okand")


def test_a_merge_key_is_an_alias_too(study):
    text = published_text(study).replace("goal:  ", "goal: &mal", 1)
    text += "andra_malet:\n  <<: *mal\n"
    write(study, text)
    assert "ankare eller alias" in str(load_error(study))


def test_the_loader_refuses_aliases_wherever_it_is_used():
    with pytest.raises(ParamsError, match="ankare eller alias") as info:
        yaml.load("a: &a [x, y]\nb: *a\n", Loader=NoDatesLoader)  # noqa: S506 (safe loader)
    assert info.value.row == 1


@pytest.mark.parametrize("depth", [50, 5000])
def test_nesting_deeper_than_any_study_is_refused_naming_the_row(study, depth):
    text = published_text(study) + "extra: " + "[" * depth + "]" * depth + "\n"
    write(study, text)
    exc = load_error(study)
    assert "för djupt nästlade" in str(exc) and exc.row == text.count("\n")


def test_a_list_as_a_key_is_refused_naming_the_row(study):
    text = published_text(study) + "? [a, b]\n: 1\n"
    write(study, text)
    exc = load_error(study)
    assert "en nyckel ska vara ett namn" in str(exc) and exc.row == row_of(text, "? [a, b]")


# --- the file's size and encoding -------------------------------------------------------------


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(study):
    text = published_text(study)
    names = ", ".join(["Anna Andersson"] * 20_000)  # a staff register pasted into the allow list: 300 kB
    write(study, text.replace("allow: [", f"allow: [{names}, ", 1))
    exc = load_error(study)
    assert exc.problem.startswith("parameterfilen är för stor (")
    assert "kB; högst 256 kB)" in exc.problem and exc.key is None
    assert "Anna" not in str(exc)


def test_a_large_file_is_refused_for_its_size_before_its_encoding_is_checked(study):
    write(study, b"title: \xe5\n" + b"#" * (MAX_FILE_BYTES + 1))
    assert "för stor (257 kB; högst 256 kB)" in load_error(study).problem


def test_a_file_of_exactly_the_limit_loads(study):
    text = published_text(study)
    padding = MAX_FILE_BYTES - len(text.encode("utf-8")) - 2
    write(study, text + "#" + "x" * padding + "\n")
    assert study.params_file.stat().st_size == MAX_FILE_BYTES
    study.load()


def test_a_file_saved_as_windows_1252_is_refused_naming_the_row_and_the_character(study):
    text = published_text(study)
    write(study, text.encode("cp1252"))
    exc = load_error(study)
    assert "parameterfilen är inte sparad som UTF-8 (kanske Windows-1252: tecknet 'ä'?)" in str(exc)
    assert "spara den som UTF-8" in str(exc) and exc.row == 1  # "Utvärdering" in the first comment


def test_a_title_saved_as_windows_1252_is_refused_on_its_row(study):
    text = published_text(study).replace(TITLE, "Trelleborg – Svedala")
    line = next(line for line in text.splitlines() if "Trelleborg – Svedala" in line)
    write(study, text.encode("utf-8").replace(line.encode("utf-8"), line.encode("cp1252")))
    exc = load_error(study)
    assert exc.row == row_of(text, "Trelleborg – Svedala")
    assert "inte sparad som UTF-8 (kanske Windows-1252: tecknet '–'?)" in str(exc)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_file_saved_as_utf_16_is_refused(study, encoding):
    # Windows Notepad's "Unicode" is UTF-16 with a byte order mark ("utf-16"); the others have none.
    write(study, published_text(study).encode(encoding))
    exc = load_error(study)
    assert "parameterfilen är sparad som UTF-16" in str(exc) and "spara den som UTF-8" in str(exc)
    assert exc.row == 1


def test_a_file_with_excels_byte_order_mark_still_loads(study):
    write(study, b"\xef\xbb\xbf" + published_text(study).encode("utf-8"))
    study.load()


# --- lengths of texts, lists and paths --------------------------------------------------------


def with_title(study, title: str) -> None:
    write(study, published_text(study).replace(f'title: "{TITLE}"', f'title: "{title}"'))


def test_a_title_one_character_over_the_limit_is_refused_showing_only_its_start(study):
    title = (TITLE + " och mer") * 10
    with_title(study, title[:501])
    exc = load_error(study)
    assert exc.key == "study.title"
    assert "är för lång (501 tecken; högst 500)" in exc.problem
    assert f"(angivet: '{title[:60]}'…)" in exc.problem and title[:61] not in exc.problem


def test_a_two_megabyte_title_is_refused_at_once_and_not_shown(study):
    with_title(study, "x" * 2_000_000)
    started = time.perf_counter()
    exc = load_error(study)
    assert time.perf_counter() - started < 1
    assert "för stor" in exc.problem and len(str(exc)) < 200


def test_a_title_of_the_limit_loads(study):
    with_title(study, (TITLE * 10)[:500])
    assert len(study.load().values.study.title) == 500


@pytest.mark.parametrize(
    "old, new, key, limit",
    [
        ('label: "Hur involverad"', f'label: "{"x" * 501}"', "survey.questions.q1.label", 500),
        ('text: "Din viktigaste lärdom', f'text: "{"x" * 2000}', "survey.questions.q2.text", 2000),
        ("- name: Svedala", f"- name: {'Svedala' * 80}", "municipalities[0].name", 500),
        ("not_published: ", f"not_published: {'x' * 600} ", "published_report.not_published", 500),
    ],
    ids=["label", "question", "municipality", "marking"],
)
def test_every_text_has_a_limit(study, old, new, key, limit):
    study.replace_in(study.params_file, old, new)
    exc = load_error(study)
    assert exc.key == key and f"högst {limit:,}".replace(",", " ") in exc.problem
    assert len(str(exc)) < 300


def test_a_question_text_may_be_long(study):
    # A Forms question is the export's column heading, often longer than a title: up to 2 000 characters.
    text = published_text(study)
    question = "Vad anser du är den/de största vinsterna för Svedala i denna samverkan?"
    long_question = question + " " + "x" * (1900 - len(question) - 1)
    write(study, text.replace(question, long_question))
    assert len(study.load().values.survey.questions["q4"].text) == 1900


def names_list(study, count: int) -> None:
    names = ", ".join(f"Namn{n}" for n in range(count))
    write(study, published_text(study).replace("deny: [Micke]", f"deny: [{names}]"))


def test_a_names_list_longer_than_the_limit_is_refused(study):
    names_list(study, 10_001)
    exc = load_error(study)
    assert exc.key == "survey.names.deny"
    assert "har för många element (10 001; högst 10 000)" in exc.problem
    assert "Namn4" not in exc.problem and len(str(exc)) < 300


def test_a_names_list_of_the_limit_loads(study):
    names_list(study, 10_000)
    assert len(study.load().values.survey.names.deny) == 10_000


def with_path(study, path: str) -> None:
    study.replace_in(study.params_file, f"path: {BASELINE_PATH}", f"path: {path}")


def test_a_five_thousand_character_path_is_refused_before_the_filesystem_is_asked(study, monkeypatch):
    asked = []
    for name in ("stat", "lstat"):
        original = getattr(os, name)
        monkeypatch.setattr(os, name, lambda p, *a, _o=original, **k: asked.append(str(p)) or _o(p, *a, **k))
    path = "data/raw/statistics/" + "basar-2019-" * 453 + ".csv"
    with_path(study, path)
    exc = load_error(study)
    assert exc.key == "raw_files.baseline.path"
    assert "är för lång (5 007 tecken; högst 255)" in exc.problem
    assert f"'{path[:60]}'…" in exc.problem and len(str(exc)) < 300
    assert not any(len(p) > 1000 for p in asked)


def test_a_long_path_of_short_parts_is_refused_too(study):
    with_path(study, "data/raw/" + "ab/" * 1700 + "x.csv")
    assert "högst 255" in load_error(study).problem


def test_a_part_of_a_path_longer_than_a_file_name_can_be_is_refused(study):
    with_path(study, "data/raw/statistics/" + "b" * 101 + ".csv")
    exc = load_error(study)
    assert exc.key == "raw_files.baseline.path"
    assert "en del av sökvägen är för lång (105 tecken; högst 100)" in exc.problem


def test_a_name_too_long_for_the_filesystem_in_bytes_is_a_params_error(study):
    # 74 characters, but 280 bytes in UTF-8: more than a file name may have (255 bytes).
    with_path(study, "data/raw/" + "😀" * 70 + ".csv")
    exc = load_error(study)
    assert exc.key == "raw_files.baseline.path" and "för lång för filsystemet" in exc.problem


def test_a_previous_evaluation_path_has_the_limits_too(study):
    study.replace_in(study.params_file, "raw_files:", f"previous_evaluations: [params/{'x' * 300}.yaml]\nraw_files:")
    exc = load_error(study)
    assert exc.key == "previous_evaluations[0]" and "högst 255" in exc.problem


def test_a_path_of_the_limits_is_looked_for(study):
    path = "data/raw/statistics/" + "b" * 96 + ".csv"
    with_path(study, path)
    exc = load_error(study)
    assert exc.key == "raw_files.baseline.path" and f"datafilen '{path}' finns inte" in exc.problem


def test_inside_turns_what_the_filesystem_refuses_into_a_params_error(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for written, problem in [
        ("x" * 5000, "för lång för filsystemet"),
        ("a", "kan inte användas"),  # a loop of links
        ("data\0.csv", "kan inte användas"),
    ]:
        with pytest.raises(ParamsError, match=problem) as info:
            inside(tmp_path, written, key="raw_files.baseline.path")
        assert info.value.key == "raw_files.baseline.path" and len(str(info.value)) < 300


def test_inside_still_accepts_a_file_that_does_not_exist_yet(tmp_path):
    assert inside(tmp_path, "data/raw/ny.csv", key="k") == tmp_path.resolve() / "data" / "raw" / "ny.csv"


# --- numbers written as text ------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, key, what",
    [
        ("confidence_level: 0.95", 'confidence_level: "0.95"', "confidence_level", "ett tal"),
        ("equivalence_margin_pp: 5", 'equivalence_margin_pp: "5"', "goal.equivalence_margin_pp", "ett tal"),
        ("stated_drop_pp: 1.3", "stated_drop_pp: '1.3'", "scenarios.caseworker_change.stated_drop_pp", "ett tal"),
        ("open_days: 16", 'open_days: "16"', "survey.open_days", "ett heltal"),
        ("baseline_year: 2019", 'baseline_year: "2019"', "baseline_year", "ett heltal"),
        ("small_cell_threshold: 3", 'small_cell_threshold: "3"', "survey.small_cell_threshold", "ett heltal"),
    ],
)
def test_a_number_written_as_text_is_refused_for_every_key(study, old, new, key, what):
    study.replace_in(study.params_file, old, new)
    exc = load_error(study)
    number = new.split(": ")[1].strip("'\"")
    assert exc.key == key
    assert exc.problem.startswith(f"ska vara {what}, inte text: skriv {number} utan citattecken")


def test_an_uncoded_share_written_as_text_is_refused(study):
    study.replace_in(study.params_file, "  dont_know:", '  uncoded_share_allowed: "0.1"\n  dont_know:')
    exc = load_error(study)
    assert exc.key == "survey.uncoded_share_allowed" and "skriv 0.1 utan citattecken" in exc.problem


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("confidence_level: 0.95", "confidence_level: true", "confidence_level"),
        ("equivalence_margin_pp: 5", "equivalence_margin_pp: yes", "goal.equivalence_margin_pp"),
        ("open_days: 16", "open_days: true", "survey.open_days"),
    ],
)
def test_true_or_false_is_not_a_number(study, old, new, key):
    study.replace_in(study.params_file, old, new)
    exc = load_error(study)
    assert exc.key == key and "inte true/false" in exc.problem


def test_a_decimal_comma_is_named(study):
    study.replace_in(study.params_file, "confidence_level: 0.95", "confidence_level: 0,95")
    exc = load_error(study)
    assert exc.key == "confidence_level"
    assert "ska vara ett tal med decimalpunkt, inte decimalkomma: skriv 0.95" in exc.problem


def test_a_word_for_a_number_is_still_just_not_a_number(study):
    study.replace_in(study.params_file, "confidence_level: 0.95", "confidence_level: hög")
    exc = load_error(study)
    assert exc.key == "confidence_level" and "ska vara ett tal (decimalpunkt i YAML, t.ex. 0.95)" in exc.problem


@pytest.mark.parametrize("written", ['"false"', "0"])
def test_a_yes_or_no_is_true_or_false_only(study, written):
    study.replace_in(study.params_file, "suppress_small_cells: false", f"suppress_small_cells: {written}")
    exc = load_error(study)
    assert exc.key == "survey.suppress_small_cells" and "ska vara true eller false" in exc.problem


def test_yaml_yes_and_no_are_still_true_and_false(study):
    study.replace_in(study.params_file, "suppress_small_cells: false", "suppress_small_cells: no")
    assert study.load().values.survey.suppress_small_cells is False


def test_ordinary_numbers_still_load_and_a_whole_number_is_a_decimal_one(study):
    values = study.load().values
    assert values.goal.equivalence_margin_pp == 5 and isinstance(values.goal.equivalence_margin_pp, float)
    assert values.confidence_level == 0.95 and values.survey.open_days == 16
    study.replace_in(study.params_file, "confidence_level: 0.95", "confidence_level: 0.9")
    study.replace_in(study.params_file, "equivalence_margin_pp: 5", "equivalence_margin_pp: 4.5")
    values = study.load().values
    assert (values.confidence_level, values.goal.equivalence_margin_pp) == (0.9, 4.5)


# --- messages ---------------------------------------------------------------------------------


def test_many_problems_are_listed_briefly(study):
    write(study, published_text(study) + "".join(f"extra{n}: 1\n" for n in range(40)))
    exc = load_error(study)
    assert exc.key == "extra0" and "fler problem vid: extra1, extra2, extra3, extra4, extra5 och 34 till" in exc.problem


def test_a_long_unknown_key_is_shown_by_its_start(study):
    write(study, published_text(study) + "k" * 900 + ": 1\n")
    exc = load_error(study)
    assert exc.key == "k" * 60 + "…" and len(str(exc)) < 300


def test_a_key_written_twice_is_shown_by_its_start(study):
    key = "k" * 900
    write(study, published_text(study) + f"{key}: 1\n{key}: 2\n")
    exc = load_error(study)
    assert "står två gånger" in exc.problem and len(str(exc)) < 300


def test_a_long_tag_is_shown_by_its_start(study):
    study.replace_in(study.params_file, "baseline_year: 2019", f"baseline_year: !!python/{'x' * 900} 2019")
    exc = load_error(study)
    assert "en YAML-tagg (!…) som parametrarna inte använder" in exc.problem and len(str(exc)) < 400
    assert exc.row == row_of(published_text(study), "baseline_year: !!python/")


def test_given_values_are_shown_short():
    assert shortened("x" * 61) == "x" * 60 + "…" and shortened("kort") == "kort"
    assert shown_value("x" * 5000) == repr("x" * 60) + "…"
    assert len(shown_value([["x" * 500] * 500] * 500)) <= 121
    assert shown_value(0.95) == "0.95" and shown_value("0.95") == "'0.95'"


def test_a_params_error_is_printed_once_by_the_runner(study, tmp_path, capsys):
    from collabstudy.runner.__main__ import main

    write(study, published_text(study) + billion_laughs())
    notebook = CODE_PROJECT / "notebooks" / "01_cleaning.ipynb"
    arguments = ["--notebook", str(notebook), "--params", str(study.params_file), "--output-dir", str(tmp_path)]
    assert main(["execute", *arguments, "--kernel", "collabstudy"]) == 2
    printed = capsys.readouterr()
    assert printed.err.count("Fel i indata") == 1 and "ankare eller alias" in printed.err
    assert "Fel i indata" not in printed.out


# --- what must still load ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fiktiv-2025.yaml", "fiktiv-2026.yaml"])
def test_the_fictional_studies_load(tmp_path, name):
    fixture = CODE_PROJECT / "tests" / "fixtures" / "fiktiv-studie"
    for folder in ("params", "data"):
        shutil.copytree(fixture / folder, tmp_path / folder)
    (tmp_path / "lib" / "collabstudy").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    loaded = load_params(tmp_path / "params" / name, tmp_path)
    assert loaded.values.goal.equivalence_margin_pp == 8 and loaded.values.confidence_level == 0.9
    assert [p.name for p in loaded.previous()] == ([] if name == "fiktiv-2025.yaml" else ["fiktiv-2025.yaml"])


def test_every_params_file_of_the_project_loads():
    for path in sorted((CODE_PROJECT / "params").glob("*.yaml")):
        assert load_params(path, CODE_PROJECT).values.study.title


def test_the_check_costs_nothing_noticeable(published):
    text = Path(published.file).read_text(encoding="utf-8")
    started = time.perf_counter()
    for _ in range(20):
        yaml.load(text, Loader=NoDatesLoader)  # noqa: S506 (safe loader)
    assert (time.perf_counter() - started) / 20 < 0.05  # about a millisecond


@pytest.mark.parametrize("key", ["collaboration_start: 2021-09-01", "  start: 2022-04-01"])
def test_a_date_written_as_a_number_is_refused(study, key):
    name, _, value = key.partition(": ")
    write(study, published_text(study).replace(key, f"{name}: {value.replace('-', '')}", 1))
    exc = load_error(study)
    assert "ska vara ett datum (ÅÅÅÅ-MM-DD), inte ett tal" in str(exc)
    assert exc.key.endswith(name.strip())


@pytest.mark.parametrize(
    ("edit", "expect"),
    [
        (lambda t: "5: x\n" + t, "nyckeln '5' ska vara ett namn (YAML läser den som ett tal)"),
        (lambda t: "yes: 1\n" + t, "nyckeln 'yes' ska vara ett namn (YAML läser den som sant/falskt)"),
        (
            lambda t: t.replace("kind: municipality", "kind: kommun", 1),
            "ska vara ett av de tillåtna värdena: 'free_text'",
        ),
        (
            lambda t: t.replace("collaboration_start: 2021-09-01", "collaboration_start: 2021-09-01T10:00:00"),
            "ska vara ett datum utan klockslag",
        ),
        (lambda t: t.replace("  start: 2022-04-01", "\tstart: 2022-04-01"), "tabbtecken i indraget"),
        (lambda t: t.replace('title: "', 'title: a: "', 1), "ett kolon på fel ställe"),
    ],
)
def test_every_params_problem_is_said_in_swedish(study, edit, expect):
    write(study, edit(published_text(study)))
    message = str(load_error(study))
    assert expect in message
    for english in ("Input should", "mapping values", "could not", "found character", "Datetimes"):
        assert english not in message
