"""The name resources (collabstudy.privacy.names): what make builds covers Sweden's common names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from privacy_evaluation import ROOT

from collabstudy.privacy import names as names_module
from collabstudy.privacy.names import NameList, load_name_list, write_name_list
from collabstudy.study.errors import StudyInputError

TOP_LISTS = ROOT / "tests" / "data" / "privacy"


def top(file: str, column: str) -> list[str]:
    with open(TOP_LISTS / file, encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle, delimiter=";")]


def test_the_top_100_first_names_and_surnames_are_all_covered_and_common(name_list: NameList) -> None:
    first, surnames = top("scb-top100-fornamn.csv", "förnamn"), top("scb-top100-efternamn.csv", "efternamn")
    assert len(first) == 200 and len(surnames) == 100
    assert [name for name in first + surnames if name not in name_list] == []
    assert [name for name in first + surnames if not name_list.is_common(name)] == []


def test_names_the_issue_saw_leak_are_listed(name_list: NameList) -> None:
    for name in ("Maria", "Sara", "Lisa", "Ingrid", "Elsa", "Alma", "Fatima", "Mohammed", "Omar", "Hassan", "Micke"):
        assert name in name_list and name_list.is_common(name), name
    for surname in ("Lindqvist", "Nyström"):
        assert surname.casefold() in name_list.surnames
    assert name_list.is_ordinary("Per") and name_list.is_ordinary("Hans") and not name_list.is_ordinary("Anna")


def test_the_list_round_trips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lexicon) -> None:
    monkeypatch.setattr(
        names_module,
        "build_name_list",
        lambda lexicon: [("Anna", True, False, False, True, False), ("Berg", False, True, True, True, True)],
    )
    path = tmp_path / "names.tsv"
    assert write_name_list(path, lexicon) == 2
    loaded = load_name_list(path)
    expected = NameList.of(
        first=["anna"], surnames=["berg"], ordinary=["berg"], common=["anna", "berg"], with_s_ordinary=["berg"]
    )
    assert loaded == expected
    assert list(tmp_path.iterdir()) == [path]  # written atomically


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "fel rubrikrad"),
        ("namn\tförnamn\tefternamn\tvanligt_ord\tvanligt_i_sverige\tmed_s_vanligt_ord\nAnna\t1\n", "skadad"),
        ("namn\tförnamn\tefternamn\tvanligt_ord\tvanligt_i_sverige\tmed_s_vanligt_ord\n", "tom"),
    ],
)
def test_a_damaged_list_is_a_swedish_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "names.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StudyInputError, match=message):
        load_name_list(path)


def test_a_missing_list_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(StudyInputError, match="make setup"):
        load_name_list(tmp_path / "missing.tsv")
