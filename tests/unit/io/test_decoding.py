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


TEXT = "Mått;Svedala\r\nÖverkalix;12\r\n"


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe" + TEXT.encode("utf-16-le"), b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT.encode("utf-16")],
    ids=["little-endian", "big-endian", "python"],
)
def test_utf16_with_bom_is_decoded(data):
    assert decode(data, "x.csv") == TEXT


def test_utf16_with_only_its_bom_is_empty():
    with pytest.raises(StudyInputError, match="tom"):
        decode(b"\xff\xfe" + "\r\n".encode("utf-16-le"), "x.csv")


def test_a_utf16_bom_before_bytes_that_are_not_utf16_is_an_error():
    with pytest.raises(StudyInputError, match="säger sig vara UTF-16"):
        decode(b"\xff\xfe" + b"A\x00;", "x.csv")  # an odd number of bytes


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_as_such(codec):
    with pytest.raises(StudyInputError) as info:
        decode(TEXT.encode(codec), "data/raw/x.csv")
    assert "filen verkar vara sparad som UTF-16 utan markering (BOM); spara som CSV UTF-8" in str(info.value)
    assert info.value.file == "data/raw/x.csv"


@pytest.mark.parametrize(
    "data",
    [b"A;B\n1;\x00\n", b"\xff\xfe" + "A;\x00B".encode("utf-16-le"), bytes(range(256))],
    ids=["utf8", "utf16", "binary"],
)
def test_nul_bytes_are_an_error_not_text(data):
    with pytest.raises(StudyInputError, match="NUL-tecken"):
        decode(data, "x.csv")


@pytest.mark.parametrize(
    ("signature", "named"),
    [(b"PK\x03\x04", "Excel-arbetsbok (XLSX)"), (b"\xd0\xcf\x11\xe0", "(XLS)"), (b"%PDF-1.7", "PDF")],
)
def test_a_file_of_another_type_renamed_is_named(signature, named):
    with pytest.raises(StudyInputError) as info:
        decode(signature + b"\x00\x01rest", "x.csv")
    assert named in str(info.value) and "inte en textfil" in str(info.value)
