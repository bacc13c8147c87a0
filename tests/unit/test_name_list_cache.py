"""The name list's build and load are fast without changing an answer (collabstudy.privacy.names, .lexicon).

The name list asks the lexicon about 200 000 words: `Lexicon.ordinary_among` asks Hunspell only about those its
suffix rules could make, and must answer exactly as asking every word does. The list and the lexicon are kept
ready to load beside their files, and used only while those files are the ones they were made from.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from collabstudy.privacy import lexicon as lexicon_module
from collabstudy.privacy import names as names_module
from collabstudy.privacy.lexicon import LEXICON_DIR, Lexicon
from collabstudy.privacy.names import NAMES_CACHE, load_name_list, write_compiled
from collabstudy.study.paths import CODE_PROJECT

REAL_LEXICON = CODE_PROJECT / LEXICON_DIR
REAL_NAMES = CODE_PROJECT / NAMES_CACHE
needs_lexicon = pytest.mark.skipif(not (REAL_LEXICON / "sv.dic").is_file(), reason="make fetches the lexicon")


@needs_lexicon
def test_asking_only_the_words_that_could_be_affixed_gives_the_same_answers() -> None:
    lexicon = Lexicon(REAL_LEXICON)
    words = ["Per", "Hans", "Klara", "Anna", "Maria", "Berg", "Björk", "Lind", "Chan", "Ek", "Rosen", "Ros"]
    if REAL_NAMES.is_file():  # every 97th name of the real list, and each with an s
        lines = REAL_NAMES.read_text(encoding="utf-8").split("\n")[1::97]
        words += [line.split("\t", 1)[0] for line in lines if line]
    words += [f"{word}s" for word in words] + ["bilar", "bilarnas", "husets", "springande", "kakel", "kaklets"]
    expected = {word for word in words if lexicon.ordinary(word)}
    assert lexicon.ordinary_among(words) == expected
    assert {"Per", "Hans", "Klara", "bilarnas", "kaklets"} <= expected and "Anna" not in expected


def _tiny_dictionary(folder: Path) -> Path:
    folder.mkdir()
    (folder / "sv.aff").write_text("SET UTF-8\nSFX A Y 1\nSFX A 0 s .\n", encoding="utf-8")
    (folder / "sv.dic").write_text("2\nbil/A\nhus\n", encoding="utf-8")
    return folder


def test_the_lexicon_is_kept_parsed_beside_its_files_for_exactly_those_files(tmp_path: Path) -> None:
    folder = _tiny_dictionary(tmp_path / "lexikon")
    compiled = folder / f"sv{lexicon_module.COMPILED_SUFFIX}"
    lexicon_module._read_dictionary.cache_clear()
    assert Lexicon(folder).ordinary("bils") and compiled.is_file()
    lexicon_module._read_dictionary.cache_clear()
    assert Lexicon(folder).ordinary("bils") and not Lexicon(folder).ordinary("huss")  # from the kept copy
    (folder / "sv.dic").write_text("2\nbil\nhus/A\n", encoding="utf-8")  # a new dictionary: parsed again
    os.utime(folder / "sv.dic", ns=(1, 1))
    lexicon_module._read_dictionary.cache_clear()
    assert Lexicon(folder).ordinary("huss") and not Lexicon(folder).ordinary("bils")
    lexicon_module._read_dictionary.cache_clear()


def test_a_damaged_kept_lexicon_is_parsed_again(tmp_path: Path) -> None:
    folder = _tiny_dictionary(tmp_path / "lexikon")
    (folder / f"sv{lexicon_module.COMPILED_SUFFIX}").write_bytes(b"not a pickle")
    lexicon_module._read_dictionary.cache_clear()
    assert Lexicon(folder).ordinary("bils")
    lexicon_module._read_dictionary.cache_clear()


HEADER = "namn\tförnamn\tefternamn\tvanligt_ord\tvanligt_i_sverige\tmed_s_vanligt_ord\n"


def test_the_name_list_loads_from_its_kept_sets_only_while_the_list_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "names.tsv"
    path.write_text(HEADER + "Anna\t1\t0\t0\t1\t0\nBerg\t0\t1\t1\t1\t1\n", encoding="utf-8")
    compiled = write_compiled(path)
    names_module._read_name_list.cache_clear()
    loaded = load_name_list(path)
    assert "anna" in loaded.first and "berg" in loaded.with_s_ordinary
    path.write_text(HEADER + "Anna\t1\t0\t0\t1\t0\nLund\t0\t1\t0\t1\t0\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    names_module._read_name_list.cache_clear()
    assert "lund" in load_name_list(path).surnames and "berg" not in load_name_list(path).surnames
    path.write_text(HEADER + "Anna\t1\n", encoding="utf-8")  # damaged: the kept sets do not hide it
    names_module._read_name_list.cache_clear()
    with pytest.raises(Exception, match="skadad"):
        load_name_list(path)
    assert compiled.is_file()
    names_module._read_name_list.cache_clear()


def test_the_lexicon_s_answers_are_kept_for_the_run_s_later_processes_only_and_only_for_the_same_dictionary(
    tmp_path: Path, monkeypatch
) -> None:
    from collabstudy.study.build_layout import KEPT_VARIABLE

    folder = _tiny_dictionary(tmp_path / "lexikon")
    kept = tmp_path / "build" / ".make" / "sparat"
    monkeypatch.delenv(KEPT_VARIABLE, raising=False)
    lexicon_module._read_dictionary.cache_clear()
    assert Lexicon(folder).ordinary("bils")
    lexicon_module._Answers.save_all()
    assert not (tmp_path / "build").exists() and not [p for p in folder.iterdir() if "answers" in p.name]

    monkeypatch.setenv(KEPT_VARIABLE, str(kept))  # in a run
    first = Lexicon(folder)
    assert first.ordinary("bils") and not first.ordinary("huss") and first.known("hus")
    lexicon_module._Answers.save_all()  # what the process does as it ends
    (answers,) = (kept / "ordlistan").glob("*.pickle")  # free-text words: in the study's build folder only
    assert oct(answers.stat().st_mode & 0o777) == oct(0o600)
    assert not [p for p in folder.iterdir() if "answers" in p.name]

    def never(base):
        raise AssertionError("the dictionary was loaded although its answers were kept")

    with monkeypatch.context() as patched:
        patched.setattr(lexicon_module, "_read_dictionary", never)
        again = Lexicon(folder)  # a later process of the run: answered from the kept answers
        assert again.ordinary("bils") and not again.ordinary("huss") and again.known("hus")

    (folder / "sv.dic").write_text("2\nbil\nhus/A\n", encoding="utf-8")  # another dictionary: asked again
    os.utime(folder / "sv.dic", ns=(1, 1))
    lexicon_module._read_dictionary.cache_clear()
    changed = Lexicon(folder)
    assert changed.ordinary("huss") and not changed.ordinary("bils")
    lexicon_module._Answers.save_all()
    lexicon_module._read_dictionary.cache_clear()


def test_answers_that_cannot_be_kept_only_cost_time(tmp_path: Path, monkeypatch) -> None:
    from collabstudy.study.build_layout import KEPT_VARIABLE

    folder = _tiny_dictionary(tmp_path / "lexikon")
    (tmp_path / "upptagen").write_text("", encoding="utf-8")  # a file where the kept folder would be
    monkeypatch.setenv(KEPT_VARIABLE, str(tmp_path / "upptagen"))
    lexicon_module._read_dictionary.cache_clear()
    assert Lexicon(folder).ordinary("bils")
    lexicon_module._Answers.save_all()
    lexicon_module._read_dictionary.cache_clear()
