"""Publishing: reports/ is replaced whole, and only when every step's page is there."""

from __future__ import annotations

import asyncio

from collabstudy.runner.kernel import quiet_kernel_manager
from collabstudy.runner.locks import exclusive
from collabstudy.runner.publish import note_unpublished, publish, published_status, unpublished_steps
from collabstudy.study.build_layout import COMPLETE_MARK, PAGES, REPORTS, UNPUBLISHED_NOTE
from collabstudy.study.steps import NAMES


def _pages(build, steps=NAMES, text="ny"):
    (build / PAGES).mkdir(parents=True, exist_ok=True)
    for step in steps:
        (build / PAGES / f"{step}.html").write_text(f"{text} {step}", encoding="utf-8")
    (build / PAGES / "tabeller.xlsx").write_bytes(b"xlsx " + text.encode())


def _old_reports(build):
    (build / REPORTS).mkdir(parents=True)
    (build / REPORTS / "04_conclusions.html").write_text("gammal", encoding="utf-8")
    (build / REPORTS / "rapport.pdf").write_bytes(b"gammal pdf")
    (build / REPORTS / COMPLETE_MARK).write_text("gammal", encoding="utf-8")


def test_publish_replaces_reports_by_the_pages_whole(tmp_path, capsys):
    _old_reports(tmp_path)
    _pages(tmp_path)
    note_unpublished(tmp_path, "01_cleaning", tmp_path)
    assert publish(tmp_path, tmp_path) == 0
    published = sorted(p.name for p in (tmp_path / REPORTS).iterdir())
    assert published == sorted([*(f"{s}.html" for s in NAMES), "tabeller.xlsx", COMPLETE_MARK])
    assert (tmp_path / REPORTS / "04_conclusions.html").read_text(encoding="utf-8") == "ny 04_conclusions"
    assert not (tmp_path / UNPUBLISHED_NOTE).exists()
    assert not list(tmp_path.glob(".reports-*"))
    mark = (tmp_path / REPORTS / COMPLETE_MARK).read_text(encoding="utf-8")
    assert "tabeller.xlsx" in mark and "04_conclusions.html" in mark
    assert "Publicerad" in capsys.readouterr().out


def test_publish_refuses_while_a_step_page_is_missing_and_keeps_the_old_set(tmp_path, capsys):
    _old_reports(tmp_path)
    _pages(tmp_path, steps=NAMES[:-1])
    assert publish(tmp_path, tmp_path) == 1
    assert (tmp_path / REPORTS / "04_conclusions.html").read_text(encoding="utf-8") == "gammal"
    assert (tmp_path / REPORTS / "rapport.pdf").is_file()
    message = capsys.readouterr().err
    assert NAMES[-1] in message and "publicerades inte" in message and "oförändrad" in message


def test_publish_clears_what_a_killed_publication_left(tmp_path):
    _pages(tmp_path)
    (tmp_path / ".reports-new-abc").mkdir()
    (tmp_path / ".reports-old-def" / REPORTS).mkdir(parents=True)
    assert publish(tmp_path, tmp_path) == 0
    assert not list(tmp_path.glob(".reports-*"))


def test_the_note_lists_every_unpublished_step_once_in_step_order(tmp_path):
    assert unpublished_steps(tmp_path) == []
    for step in ("02_outcomes", "01_cleaning", "02_outcomes"):
        note_unpublished(tmp_path, step, tmp_path)
    assert unpublished_steps(tmp_path) == ["01_cleaning", "02_outcomes"]
    text = (tmp_path / UNPUBLISHED_NOTE).read_text(encoding="utf-8")
    assert "- 01_cleaning (datarensningen)" in text and "make run" in text


def test_the_status_says_whether_a_report_is_published_and_what_is_newer(tmp_path):
    assert "Ingen rapport är publicerad ännu" in published_status(tmp_path, tmp_path)
    _old_reports(tmp_path)
    status = published_status(tmp_path, tmp_path)
    assert "oförändrad" in status and "opublicerade" not in status
    note_unpublished(tmp_path, "01_cleaning", tmp_path)
    assert "opublicerade resultat finns från 01_cleaning" in published_status(tmp_path, tmp_path)


def test_a_step_is_locked_once_per_build_folder(tmp_path):
    with exclusive(tmp_path, "01_cleaning", wait=False) as first:
        assert first
        with (
            exclusive(tmp_path, "01_cleaning", wait=False) as second,
            exclusive(tmp_path, "02_outcomes", wait=False) as other,
        ):
            assert not second and other
        with exclusive(tmp_path / "another", "01_cleaning", wait=False) as elsewhere:
            assert elsewhere
    with exclusive(tmp_path, "01_cleaning", wait=False) as again:
        assert again


def test_shutting_down_does_not_interrupt_the_idle_kernel(monkeypatch):
    manager_class = quiet_kernel_manager()
    calls = []

    async def interrupt(self):
        calls.append(self.shutting_down)

    monkeypatch.setattr(manager_class.__mro__[1], "_async_interrupt_kernel", interrupt)
    manager = manager_class()
    manager.shutting_down = True
    asyncio.run(manager._async_interrupt_kernel())
    assert calls == []
    manager.shutting_down = False  # an analyst's interrupt of a running cell still goes through
    asyncio.run(manager._async_interrupt_kernel())
    assert calls == [False]


def test_a_publication_killed_between_its_renames_is_repaired_by_the_next(tmp_path):
    _old_reports(tmp_path)
    retired = tmp_path / ".reports-old-x"
    retired.mkdir()
    (tmp_path / REPORTS).rename(retired / REPORTS)  # killed here: reports/ is gone, the old set retired
    assert "Ingen rapport" in published_status(tmp_path, tmp_path)
    _pages(tmp_path, steps=NAMES[:-1])
    assert publish(tmp_path, tmp_path) == 1  # not publishable yet: the last complete set is back
    assert (tmp_path / REPORTS / "04_conclusions.html").read_text(encoding="utf-8") == "gammal"
    assert not list(tmp_path.glob(".reports-*"))


def test_a_failed_second_rename_puts_the_old_set_back(tmp_path, monkeypatch):
    import os

    import pytest

    _old_reports(tmp_path)
    _pages(tmp_path)
    real = os.replace

    def failing(source, target):
        if ".reports-new-" in str(source):
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        publish(tmp_path, tmp_path)
    assert (tmp_path / REPORTS / "04_conclusions.html").read_text(encoding="utf-8") == "gammal"
    assert not list(tmp_path.glob(".reports-*"))


def test_an_unmarked_reports_folder_from_an_older_run_is_said_to_be_unchanged(tmp_path):
    (tmp_path / REPORTS).mkdir()
    assert "från en körning innan" in published_status(tmp_path, tmp_path)


def test_the_export_keeps_a_figure_inside_its_key_mark():
    """nbconvert's image embedding would close `<span data-key="…">` before its figure; the report's exporter
    leaves inline HTML without an image as written (and still embeds an image's file)."""
    from collabstudy.runner.export import _exporter_class

    exporter = _exporter_class()(embed_images=True)
    html = exporter.markdown2html({"cell": {}}, 'avslutades <span data-key="S.x">62</span> av **de**')
    assert '<span data-key="S.x">62</span> av <strong>de</strong>' in html
