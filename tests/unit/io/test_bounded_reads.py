"""Bounded reads (issue 29): a delivery that would unpack into hundreds of MB, a cell longer than Excel allows,
a sheet with absurdly many rows, a file far larger than any delivery: each refused within seconds naming the
file. And a spreadsheet the study does not read (.ods, .xls) named as what it is."""

from __future__ import annotations

import time
import zipfile

import pytest
from corpus.hostile import workbook

from collabstudy.io import delivered
from collabstudy.io.delivered import read_table
from collabstudy.study.errors import ParamsError, StudyInputError

ROWS = [["Kommun", "Utskick"], ["Svedala", "30"], ["Trelleborg", "45"]]


def _refused(path, within: float = 5.0) -> StudyInputError:
    start = time.perf_counter()
    with pytest.raises(StudyInputError) as caught:
        read_table(path, path.name)
    assert time.perf_counter() - start < within
    assert path.name in str(caught.value) and "Traceback" not in str(caught.value)
    return caught.value


def test_a_workbook_that_unpacks_to_hundreds_of_mb_is_refused_at_once(tmp_path):
    bomb = workbook(tmp_path / "utskick.xlsx", ROWS, long_string=(2, 150))
    assert bomb.stat().st_size < 400_000
    error = _refused(bomb, within=1.0)
    assert "packas upp till 150 MB" in str(error) and "högst 100 MB" in str(error)


def test_a_cell_longer_than_excel_allows_is_refused_with_its_row_and_column(tmp_path):
    error = _refused(workbook(tmp_path / "utskick.xlsx", ROWS, long_string=(3, 1)))
    assert error.row == 3 and "kolumn A har 1 048 576 tecken" in str(error) and "32 767" in str(error)


def test_a_csv_cell_longer_than_excel_allows_is_refused(tmp_path):
    path = tmp_path / "utskick.csv"
    path.write_text("Kommun;Utskick\nSvedala;30\nTrelleborg;" + "4" * 40_000 + "\n", encoding="utf-8")
    error = _refused(path)
    assert error.row == 3 and "kolumn B har 40 000 tecken" in str(error)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_sheet_with_more_rows_than_any_delivery_is_refused(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(delivered, "MAX_ROWS", 10)
    rows = [ROWS[0], *[["Svedala", "30"]] * 10]
    path = tmp_path / f"utskick{suffix}"
    if suffix == ".xlsx":
        workbook(path, rows)
    else:
        path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    assert len(read_table(path, path.name).frame) == 10  # the bound itself is read
    rows.append(["Trelleborg", "45"])
    if suffix == ".xlsx":
        workbook(path, rows)
    else:
        path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    assert "fler än 10 rader" in str(_refused(path))


def test_a_real_sheet_of_100_000_rows_too_many_is_refused_within_seconds(tmp_path):
    rows = [ROWS[0], *[["Svedala", "30"]] * (delivered.MAX_ROWS + 1)]
    assert "fler än 100 000 rader" in str(_refused(workbook(tmp_path / "utskick.xlsx", rows), within=5.0))


def test_a_delivery_far_larger_than_any_is_refused_before_it_is_read(study):
    path = study.raw("statistics/rullande-12-manader.csv")
    with path.open("ab") as handle:
        handle.truncate(51 * 2**20)
    with pytest.raises(ParamsError) as caught:
        study.load()
    assert caught.value.key == "raw_files.rolling_12m.path" and "högst 50 MB" in str(caught.value)


def _ods(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize("name", ["utskick.ods", "utskick.xlsx", "utskick.csv"])
def test_an_ods_is_named_as_one_with_the_advice_to_save_as_xlsx(tmp_path, name):
    error = _refused(_ods(tmp_path / name))
    assert "OpenDocument-kalkylark (.ods" in str(error) and "spara den som Excel-arbetsbok (.xlsx)" in str(error)


@pytest.mark.parametrize("name", ["utskick.xls", "utskick.xlsx", "utskick.csv"])
def test_an_xls_is_named_as_one_with_the_advice_to_save_as_xlsx(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    error = _refused(path)
    assert "gamla Excel-formatet (XLS)" in str(error) and "spara den som Excel-arbetsbok (.xlsx)" in str(error)


def test_a_workbook_read_twice_in_one_process_is_parsed_once_and_again_when_its_bytes_change(tmp_path) -> None:
    """The final check reads the export twice; a changed file is never answered from the first read."""
    import openpyxl

    from collabstudy.io import delivered

    path = tmp_path / "export.xlsx"

    def write(value: str) -> None:
        book = openpyxl.Workbook()
        book.active.append(["Id", "Svar"])
        book.active.append(["1", value])
        book.save(path)

    write("Bra")
    first = delivered.read_xlsx_text(path, "export.xlsx").frame
    parsed = delivered._xlsx_rows_cached.cache_info().misses
    again = delivered.read_xlsx_text(path, "export.xlsx").frame
    assert delivered._xlsx_rows_cached.cache_info().misses == parsed  # not parsed again
    assert again.equals(first) and again is not first
    write("Ont")  # as long as before, and perhaps within the same tick of the file clock
    assert delivered.read_xlsx_text(path, "export.xlsx").frame["Svar"].tolist() == ["Ont"]


def test_a_run_keeps_a_workbook_s_rows_for_its_later_processes_in_its_own_folder_only(tmp_path, monkeypatch) -> None:
    """The runner names a folder (in the study's build folder): a later process reads the rows kept there while the
    workbook's bytes are the same; without the folder nothing is kept anywhere."""
    import os
    import stat

    import openpyxl

    from collabstudy.io import delivered
    from collabstudy.study.build_layout import KEPT_VARIABLE

    path, kept = tmp_path / "export.xlsx", tmp_path / "build" / ".make" / "sparat" / "rader"

    def write(value: str) -> None:
        book = openpyxl.Workbook()
        book.active.append(["Id", "Svar"])
        book.active.append(["1", value])
        book.save(path)

    def later_process() -> None:
        delivered._xlsx_rows_cached.cache_clear()

    write("Bra")
    monkeypatch.delenv(KEPT_VARIABLE, raising=False)
    later_process()
    assert delivered.read_xlsx_text(path, "export.xlsx").frame["Svar"].tolist() == ["Bra"]
    assert not kept.exists()

    monkeypatch.setenv(KEPT_VARIABLE, str(kept.parent))
    later_process()
    delivered.read_xlsx_text(path, "export.xlsx")
    (file,) = kept.glob("*.pickle")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # the delivery's own cells: its owner's only

    later_process()
    with monkeypatch.context() as patched:
        patched.setattr(delivered.openpyxl, "load_workbook", lambda *a, **k: pytest.fail("read the workbook again"))
        assert delivered.read_xlsx_text(path, "export.xlsx").frame["Svar"].tolist() == ["Bra"]

    write("Ont")  # a revised delivery: read again, and the other rows removed once stale
    os.utime(file, (1, 1))
    later_process()
    assert delivered.read_xlsx_text(path, "export.xlsx").frame["Svar"].tolist() == ["Ont"]
    assert len(list(kept.glob("*.pickle"))) == 1 and not file.exists()
    later_process()
