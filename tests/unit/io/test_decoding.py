"""A delivered file's bytes as text."""

from __future__ import annotations

import pytest

from collabstudy.io.decoding import decode
from collabstudy.study.errors import StudyInputError


@pytest.mark.parametrize(
    "data",
    ["Överkalix;12".encode("utf-8"), b"\xef\xbb\xbf" + "Överkalix;12".encode("utf-8"), "Överkalix;12".encode("cp1252")],
)
def test_utf8_with_or_without_bom_and_windows_1252_read_alike(data):
    assert decode(data, "x.csv") == "Överkalix;12"


@pytest.mark.parametrize("data", [b"", b"  \n", b"\xef\xbb\xbf\n"])
def test_an_empty_file_is_an_error_naming_the_file(data):
    with pytest.raises(StudyInputError, match="tom") as error:
        decode(data, "data/raw/x.csv")
    assert "data/raw/x.csv" in str(error.value)


def test_a_bom_before_bytes_that_are_not_utf8_is_an_error():
    with pytest.raises(StudyInputError, match="UTF-8"):
        decode(b"\xef\xbb\xbf" + "Å".encode("cp1252"), "x.csv")
