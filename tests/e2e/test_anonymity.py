"""Anonymity end to end, as issue 26's tester tried it: new answers with identifiers of every kind written
into a copy of the fictional study's Forms export, the pipeline run, the review answered as an analyst
would (replace what identifies, keep what does not, leave one quote out), and every output searched.
Then a leak is planted in an output of a step, from an answer, a coding label, a coder's suggestion and a
params value: each fails the step, naming the file and the kind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
from pathlib import Path

import nbformat
import openpyxl
import pytest

from collabstudy.study.paths import CODE_PROJECT

pytestmark = pytest.mark.slow

ROOT = CODE_PROJECT
PARAMS = "fiktiv-2025.yaml"
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")
_MARK = re.compile(r"\{([\w-]+):([^{}]+)\}")

# New answers, written for this test, each with what identifies someone marked {kind:text}; clean ones too.
ANSWERS = [
    "{namn:Bo} på arbetsmarknadsenheten fixade det mesta. Tack till {namn:Pers} grupp i Lundsås som tog emot "
    "oss. jag ringde {namn:lisa} varje vecka och det hjälpte. Per månad handlar det om ett tjugotal nya sökande.",
    "{namn:Gunnel} {namn:Åkesson} och {namn:Sture} höll i introduktionen. Fråga {initialer:TL} om schemat. "
    "{namn:Hans} sa att vi skulle få en bil. Hans chef var inte informerad om flytten.",
    "Klienten {personnummer:720419-3387} fick vänta. Ring {telefon:0410-73 21 10} om ni vill boka. Mejla "
    "{e-post:gunnel punkt akesson at ekby punkt se} eller se {webbadress:ekby.se/medarbetare/sture-holm}.",
    "Vi träffas på {adress:Lärkstigen 4} i Ekby. Posten gick till {adress:Box 17, 272 31 Lundsås}. Hon bor i "
    "{adress:Kvarteret Svalan 7}. Sedan April har vi mötts varje Måndag på Teams och följer upp i Power BI.",
    "{roll:Förvaltningschefen} i Lundsås har inte förstått uppdraget. {roll:Rektorn} på vuxenutbildningen har "
    "varit ett stöd. {namn:Klara} ringde alltid tillbaka. {initialer:M.L.} samordnade allt under våren.",
    "Vår enda {roll:socialsekreterare} i Ekby är överbelastad. {namn:LINNÉA} ÄR BÄST! {namn:Kalles} rutin borde "
    "spridas, och Inga problem med behörigheterna längre.",
]
LEFT_OUT = "socialsekreterare"  # the analyst leaves this answer's quote out: the role is one person


def _plain(marked: str) -> tuple[str, list[tuple[str, str]]]:
    return _MARK.sub(lambda m: m.group(2), marked), [(m.group(1), m.group(2)) for m in _MARK.finditer(marked)]


def _run(root: Path, steps=STEPS, notebooks: Path = ROOT / "notebooks") -> tuple[str | None, str]:
    """The steps in turn as make runs them (each page exported in the step); the step that stopped, if one did,
    and what was said on stderr."""
    from collabstudy.runner.execute import execute

    build = root / "build" / Path(PARAMS).stem
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        for step in steps:
            if execute(
                notebooks / f"{step}.ipynb", root / "params" / PARAMS, build, "collabstudy", "", export_html=True
            ):
                return step, said.getvalue()
    return None, said.getvalue()


@pytest.fixture(scope="module")
def tester(tmp_path_factory):
    """The fictional study with the new answers, reviewed and run through: (root, build, review rows)."""
    fixture = ROOT / "tests" / "fixtures" / "fiktiv-studie"
    root = tmp_path_factory.mktemp("anonymitet") / "project"
    shutil.copytree(fixture / "data", root / "data")
    shutil.copytree(fixture / "params", root / "params")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "lib" / "collabstudy").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    export = root / "data" / "raw" / "survey" / "enkatsvar.xlsx"
    book = openpyxl.load_workbook(export)
    sheet = book.active
    cells = [
        (r, c)
        for r in range(2, sheet.max_row + 1)
        for c in (6, 7)
        if isinstance(sheet.cell(r, c).value, str) and not sheet.cell(r, c).value.startswith(("[", "vet ej"))
    ]
    for (row, column), marked in zip(cells, ANSWERS):
        sheet.cell(row, column).value = f"{sheet.cell(row, column).value} {_plain(marked)[0]}"
    book.save(export)

    stopped, first = _run(root)
    build = root / "build" / Path(PARAMS).stem
    rows = list(csv.DictReader((build / "granskning" / "namnkandidater.csv").open(encoding="utf-8"), delimiter=";"))
    identifying = [text for marked in ANSWERS for _, text in _plain(marked)[1]]
    decisions = {}
    for row in rows:  # as an analyst: what identifies is replaced, one role's quote left out, the rest kept
        if row["ord"] == LEFT_OUT:
            decisions[row["plats"]] = "utelämna"
        elif any(row["ord"] in text or text in row["ord"] for text in identifying):
            decisions[row["plats"]] = "ersätt"
        else:
            decisions[row["plats"]] = "behåll"
    params = root / "params" / PARAMS
    lines = "".join(f"\n      {place}: {decision}" for place, decision in decisions.items())
    params.write_text(
        params.read_text(encoding="utf-8").replace("    deny: []", "    deny: []\n    review:" + lines, 1),
        encoding="utf-8",
    )
    second, message = _run(root)
    assert stopped == "01_cleaning", first
    assert second is None, message
    return root, build, rows, first


def test_the_first_run_stops_for_review_naming_each_occurrence_by_kind(tester) -> None:
    _, _, rows, message = tester
    assert "anonymitetskontrollen" in message and "survey.names.review" in message
    kinds = {row["typ"] for row in rows}
    assert {"namn", "roll"} <= kinds
    assert {row["ord"] for row in rows if row["typ"] == "roll"} == {"Förvaltningschefen", "Rektorn", LEFT_OUT}
    for row in rows:
        assert "«" in row["sammanhang"] and row["ord"] not in message  # the word only in the review file
        for digits in ("720419", "0410-73", "Lärkstigen", "akesson at"):
            assert digits not in row["sammanhang"]  # the context is redacted of everything already found
        assert row["val"].startswith(("namn", "roll", "adress")) and "behåll" in row["val"]


def _outputs(build: Path) -> list[Path]:
    return [
        build / "pages" / "04_conclusions.html",
        build / "pages" / "03_survey.html",
        build / "pages" / "tabeller.xlsx",
        build / "processed" / "survey_quotes.csv",
        build / "processed" / "survey_illustrations.csv",
        *sorted((build / "notebooks").glob("*.ipynb")),
    ]


def test_nothing_that_identifies_reaches_any_output(tester) -> None:
    from collabstudy.privacy.final_check import output_items

    _, build, _, _ = tester
    texts = [text for _, text in output_items(_outputs(build))]
    assert len(texts) > 100
    for marked in ANSWERS:
        plain, spans = _plain(marked)
        for _, value in spans:
            at = plain.index(value)
            # the identifier with the words around it, as the respondent wrote it
            around = [plain[at - 8 : at + len(value)]] if at >= 8 else []
            around += [plain[at : at + len(value) + 8]] if at + len(value) + 8 <= len(plain) else []
            assert around, value
            for text in texts:
                assert not any(piece in text for piece in around), value


def test_clean_words_are_kept_and_placeholders_stand_in(tester) -> None:
    _, build, _, _ = tester
    quotes = (build / "processed" / "survey_quotes.csv").read_text(encoding="utf-8")
    for kept in ("Per månad handlar det om", "Hans chef var inte informerad", "Sedan April", "varje Måndag på Teams"):
        assert kept in quotes
    for placeholder in ("[namn]", "[roll]", "[personnummer]", "[telefon]", "[e-post]", "[webbadress]", "[adress]"):
        assert placeholder in quotes


def test_a_quote_left_out_is_not_quoted_but_still_counted(tester) -> None:
    _, build, _, _ = tester
    quotes = (build / "processed" / "survey_quotes.csv").read_text(encoding="utf-8")
    assert "överbelastad" not in quotes and "rutin borde spridas" not in quotes
    coverage = list(csv.DictReader((build / "processed" / "survey_coverage.csv").open(encoding="utf-8")))
    assert sum(int(r["answers"]) for r in coverage) == sum(int(r["coded"]) for r in coverage) + sum(
        int(r["answers"]) - int(r["coded"]) for r in coverage
    )
    page = (build / "pages" / "04_conclusions.html").read_text(encoding="utf-8")
    assert "Anonymitetsgranskning" in page and "citat utelämnas" in page


def _planting_notebook(folder: Path, code: str) -> Path:
    """Notebook 03 with one more cell at its end: a step that writes a leak into its outputs."""
    notebook = nbformat.read(ROOT / "notebooks" / "03_survey.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(code))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / "03_survey.ipynb")
    return folder


def test_a_leak_planted_in_an_output_fails_the_step_naming_file_and_kind(tester, tmp_path) -> None:
    root, build, _, _ = tester
    before = (build / "processed" / "survey_quotes.csv").read_bytes()
    planted = _planting_notebook(
        tmp_path,
        "import json, openpyxl\n"
        "from pathlib import Path\n"
        "def plant(name, text):\n"
        "    path = Path(output_dir, name)\n"
        "    path.parent.mkdir(parents=True, exist_ok=True)\n"
        "    path.write_text(text, encoding='utf-8')\n"
        "raw = openpyxl.load_workbook(params.delivery('survey_export').path).active\n"
        "answers = [c.value for row in raw.iter_rows(min_row=2) for c in row[5:7] if isinstance(c.value, str)]\n"
        "plant('processed/planted_answers.csv', 'svar\\n' + '\\n'.join(a.replace('\\n', ' ') for a in answers))\n"
        "plant('pages/planted.html', f\"<td>{codebook['definition'].iloc[0]}</td>\")  # the codebook's text, raw\n"
        "plant('results/planted_notes.json', json.dumps([str(n) for n in data.codings.coders[1].notes['note']]))\n"
        "plant('processed/planted_title.md', params.values.study.title)\n",
    )
    # the label and the title hold what a person wrote: put them in the inputs
    codebook = root / "data" / "raw" / "survey" / "kodbok.csv"
    original = codebook.read_text(encoding="utf-8")
    header, first, *rest = original.splitlines()
    fields = first.split(";")
    fields[3] = "Svaret nämner stöd från SFI-rektorn i Ekby."  # a theme's definition (the label is the key)
    codebook.write_text("\n".join([header, ";".join(fields), *rest]) + "\n", encoding="utf-8")
    params = root / "params" / PARAMS
    original_params = params.read_text(encoding="utf-8")
    title = re.search(r'title: "([^"]+)"', original_params).group(1)
    params.write_text(original_params.replace(title, f"{title}, sammanställd av LB", 1), encoding="utf-8")
    try:
        stopped, message = _run(root, steps=("03_survey",), notebooks=planted)
    finally:
        codebook.write_text(original, encoding="utf-8")
        params.write_text(original_params, encoding="utf-8")
    assert stopped == "03_survey"
    assert "den oberoende slutkontrollen" in message
    shown = re.sub(r"\s+", " ", message)
    assert re.search(
        r"ett möjligt personnamn \(\w…, \d+ tecken\) ur svar \d+, fråga \w+.* i build/fiktiv-2025/processed/planted_answers\.csv",
        shown,
    )
    assert "build/fiktiv-2025/pages/planted.html" in shown and "en roll som kan peka ut en person" in shown
    assert "kodbok.csv" in shown
    assert "build/fiktiv-2025/results/planted_notes.json" in shown and "'Nytt tema?'" in shown
    assert "build/fiktiv-2025/processed/planted_title.md" in shown and "möjliga initialer" in shown
    for value in ("Gunnel", "Åkesson", "720419", "Lärkstigen", "rektorn", "Anna"):
        assert value not in message
    assert (build / "processed" / "survey_quotes.csv").read_bytes() == before  # nothing of the failed run landed
    assert not (build / "processed" / "planted_answers.csv").exists()
