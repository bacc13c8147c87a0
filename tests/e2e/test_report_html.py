"""The exported HTML for reviewers (04_conclusions.html) and the technical appendix (01–03), read as files.

Both studies (the published Svedala–Trelleborg one and the fictional Ekby–Lundsås one) are run
end to end by conftest's `executed_study`; report_fixture's `reports` runs 04 and exports every
notebook as `make run` does. Expected figures are read here from the raw files with csv/openpyxl.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from e2e.report_fixture import OTHER_STUDY, REVIEWERS, ROOT, STEPS, names_cache

from collabstudy.io.xlsx import FORMULA_STARTS, neutralise
from collabstudy.present.html import finish

# Runs the real notebooks, make or a browser.
pytestmark = pytest.mark.slow

NBSP = "\u00a0"
FETCHING = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
SECTIONS = [
    "Sammanfattning",
    "Bakgrund och mål",
    "Metod och data",
    "Resultat mot målet",
    "Enkätens resultat",
    "Slutsatser",
]
MAX_BYTES = 3_000_000


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def visible_text(html: str) -> str:
    """What a reader sees: the text without scripts, styles and templates."""
    soup = soup_of(html)
    for tag in soup.find_all(["script", "style", "template", "noscript"]):
        tag.decompose()
    for figure in soup.select("span[data-key]"):  # a figure's key mark is inline: no space around it
        figure.unwrap()
    soup.smooth()
    return soup.get_text(" ")


def thousands(n: int) -> str:
    """Swedish thousands grouping with a no-break space: 1029 → '1 029'."""
    return f"{n:,}".replace(",", NBSP)


def denied_names(reports) -> list[str]:
    names = list(reports.params["survey"]["names"]["deny"])
    if not reports.published:
        names.append("Anna")  # the fictional study's fixture quotes a person called Anna
    return names


def study_root(reports) -> Path:
    return reports.study.params_file.parents[1]


def rolling_table(reports) -> tuple[list[str], dict[str, dict[str, str]], dict[str, int]]:
    """The raw rolling-12-month table: municipalities, {measure: {municipality: cell}}, {measure: line}."""
    path = study_root(reports) / reports.params["raw_files"]["rolling_12m"]["path"]
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter=";"))
    header = rows[0]
    table = {row[0]: dict(zip(header[1:], row[1:])) for row in rows[1:]}
    lines = {row[0]: number for number, row in enumerate(rows[1:], start=2)}
    return header[1:], table, lines


def municipality(reports, role: str) -> str:
    code = reports.params["goal"][role]
    return next(m["name"] for m in reports.params["municipalities"] if m["code"] == code)


def reproduction_rows(reports) -> list[dict[str, str]]:
    """reproduktion.csv's rows by the study's field names; its headings are the reader's Swedish ones."""
    from collabstudy.report.appendices import REPRODUCTION_HEADINGS

    reader = csv.DictReader((reports.folder / "reproduktion.csv").open(encoding="utf-8"))
    field = {swedish: name for name, swedish in REPRODUCTION_HEADINGS.items()}
    assert set(reader.fieldnames or []) <= set(field), f"rubriker som inte är läsarens: {reader.fieldnames}"
    return [{field[k]: v for k, v in row.items()} for row in reader]


# --- Nothing fetched from the network --------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_no_reference_a_browser_would_fetch(reports, step):
    html = reports.html(step)
    assert external_references(html) == [], f"{step}.html hämtar från nätet"
    soup = soup_of(html)
    fetched = [
        t["src"]
        for t in soup.find_all(["script", "img", "iframe", "source", "video", "audio", "embed"])
        if t.get("src") and FETCHING.match(t["src"])
    ]
    fetched += [t["href"] for t in soup.find_all("link") if t.get("href") and FETCHING.match(t["href"])]
    fetched += [t["data"] for t in soup.find_all("object") if t.get("data") and FETCHING.match(t["data"])]
    # every address a srcset lists (a <picture>'s phone drawing is a data: address, base64 may hold "//")
    candidates = [c.split()[0] for t in soup.find_all(srcset=True) for c in re.split(r",\s+", t["srcset"]) if c.strip()]
    fetched += [address for address in candidates if FETCHING.match(address)]
    for style in soup.find_all("style"):
        fetched += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style.get_text())
        fetched += re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", style.get_text())
    fetched += [t["style"] for t in soup.find_all(style=True) if re.search(r"url\(\s*['\"]?(?:https?:)?//", t["style"])]
    assert fetched == [], f"{step}.html hämtar från nätet"


def test_links_to_external_pages_are_not_fetches():
    """An <a href> to a web page is fine (a reader may follow it); a script/style/image from one is not."""
    html = (
        '<html><head><link rel="stylesheet" href="//cdn.example/x.css"></head><body>'
        '<a href="https://example.org/rapport">källan</a>'
        '<script src="https://cdn.example/x.js"></script><img src="http://example.org/a.png" alt="a"></body></html>'
    )
    assert sorted(external_references(html)) == [
        "//cdn.example/x.css",
        "http://example.org/a.png",
        "https://cdn.example/x.js",
    ]


# --- No code in the reviewers' document ------------------------------------------------------------


def test_reviewers_document_has_no_code(reports):
    html = reports.html()
    soup = soup_of(html)
    assert (
        soup.select(
            ".jp-CodeCell .jp-InputArea, .jp-CodeCell .jp-Cell-inputWrapper, .jp-InputArea-editor, "
            ".jp-CodeMirrorEditor, .jp-Editor, .jp-InputPrompt"
        )
        == []
    )
    for cell in soup.select(".jp-CodeCell"):
        code = [h for h in cell.select(".highlight") if not h.find_parent(class_="jp-OutputArea")]
        assert code == [], str(cell)[:300]  # highlighted text only inside outputs (the params YAML)
    assert "injected-parameters" not in html  # papermill's cell (this run's absolute paths) is removed
    for pre in soup.find_all("pre"):
        text = pre.get_text()
        assert "import " not in text and "params_file" not in text, text[:200]
    text = visible_text(html)
    assert "injected-parameters" not in text and "params_file" not in text and "build_dir" not in text
    # papermill's parameter cells leave only an empty wrapper (a CSS class), nothing a reader sees
    for cell in soup.select('[class*="parameters"]'):
        assert cell.get_text(strip=True) == "" and cell.find(True) is None, str(cell)[:300]
    assert str(study_root(reports)) not in html  # no path of the machine that ran it


def test_technical_appendix_keeps_its_code(reports):
    for step in STEPS:
        if step != REVIEWERS:
            assert soup_of(reports.html(step)).select(".jp-CodeCell .jp-InputArea"), f"{step}.html saknar koden"


def test_export_finds_the_project_of_its_params_file(reports, tmp_path):
    from collabstudy.runner.export import export

    executed = reports.study.build / "notebooks" / "01_cleaning.ipynb"
    output = tmp_path / "01_cleaning.html"
    with contextlib.chdir(ROOT):
        code = export(executed, output, reports.study.params_file, names_cache())
    assert code == 0 and output.is_file()


# --- Structure: language, title, headings, table of contents --------------------------------------


def test_language_title_and_heading(reports):
    soup = soup_of(reports.html())
    title = reports.params["study"]["title"]
    assert soup.html.get("lang") == "sv"
    assert soup.title is not None and soup.title.get_text(strip=True) == title
    assert [h.get_text(" ", strip=True) for h in soup.find_all("h1")] == [title]


@pytest.mark.parametrize("step", STEPS)
def test_every_page_is_swedish_and_titled(reports, step):
    soup = soup_of(reports.html(step))
    assert soup.html.get("lang") == "sv"
    assert soup.title is not None and soup.title.get_text(strip=True)
    assert len(soup.find_all("h1")) >= 1


@pytest.mark.parametrize("step", STEPS)
def test_toc_links_land_on_h2_headings(reports, step):
    soup = soup_of(reports.html(step))
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert [i for i, n in Counter(ids).items() if n > 1] == [], "id:n är inte unika"
    navs = soup.select("nav.toc")
    assert len(navs) == 1
    links = navs[0].find_all("a")
    assert links
    targets = []
    for link in links:
        href = link.get("href", "")
        assert href.startswith("#") and len(href) > 1, href
        target = soup.find(id=href[1:])
        assert target is not None, f"{href} pekar inte på något"
        assert target.name == "h2", f"{href} pekar på <{target.name}>"
        assert link.get_text(" ", strip=True) == target.get_text(" ", strip=True)
        targets.append(target)
    assert targets == soup.find_all("h2"), "innehållsförteckningen ska ta med varje h2, i ordning"


def test_reader_sections_are_there(reports):
    h2 = [h.get_text(" ", strip=True) for h in soup_of(reports.html()).find_all("h2")]
    for section in SECTIONS:
        assert section in h2, f"avsnittet {section} saknas"
    appendices = [h for h in h2 if h.startswith("Bilaga")]
    assert appendices and h2.index(appendices[0]) > h2.index("Slutsatser")
    assert all(h.startswith("Bilaga") for h in h2[h2.index(appendices[0]) :]), "bilagorna ska komma sist"
    h3 = [h.get_text(" ", strip=True) for h in soup_of(reports.html()).find_all("h3")]
    assert "Citat per tema" in h3


def test_every_image_has_alt_text(reports):
    images = soup_of(reports.html()).find_all("img")
    assert images, "rapporten ska ha diagram"
    for image in images:
        assert (image.get("alt") or "").strip(), str(image)[:200]
        assert image.get("src", "").startswith("data:image/"), "bilderna ska vara inbäddade"


def test_the_final_document_s_charts_are_the_outcome_step_s_drawn_once(reports):
    """04 shows charts 02 draws (shares, control chart, years) from the tables 02 wrote: 02 draws them from the
    tables as written (io.processed.as_written), so 04 takes the drawings kept in the run and draws none itself.
    Drawn again from other arguments, the same picture would be kept a second time."""
    import pickle
    import re

    def images(step: str) -> list[str]:
        return re.findall(r'<img src="data:image/png;base64,([^"]+)"', reports.html(step))

    final = images(REVIEWERS)
    assert final and set(final) <= set(images("02_outcomes"))
    kept = [
        pickle.loads(path.read_bytes()).paper[0]
        for path in (reports.study.build / ".make" / "sparat" / "diagram").glob("*.pickle")
    ]
    assert [kept.count(image) for image in final] == [1] * len(final), "04 ritade om diagram som 02 redan ritat"


# --- Anonymity ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_no_personal_name(reports, step):
    html = reports.html(step)
    text = visible_text(html)
    names = denied_names(reports)
    assert names
    for name in names:
        word = re.compile(rf"\b{re.escape(name)}\b")
        assert not word.search(text), f"{name} syns i {step}.html"
        assert not word.search(html), f"{name} finns i {step}.html"


# --- This study's municipalities and numbers ---------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_names_this_study_and_not_the_other(reports, step):
    text = visible_text(reports.html(step))
    ours = [m["name"] for m in reports.params["municipalities"]]
    for name in ours:
        assert name in text, f"{name} saknas i {step}.html"
    for name in OTHER_STUDY[ours[0]]:
        assert name not in text, f"den andra studiens {name} står i {step}.html"


def test_states_this_studys_goal_figures(reports):
    text = visible_text(reports.html())
    _, table, _ = rolling_table(reports)
    for role in ("municipality", "reference"):
        name = municipality(reports, role)
        closed = int(table["Avslutade i arbete/studier"][name].replace(" ", ""))
        enrolled = int(table["Inskrivna i arbetsmarknadsåtgärd"][name].replace(" ", ""))
        assert f"{thousands(closed)} av {thousands(enrolled)}" in text, f"{name}: {closed} av {enrolled}"


def test_swedish_thousands_format():
    assert thousands(62) == "62" and thousands(1029) == f"1{NBSP}029" and thousands(1234567) == f"1{NBSP}234{NBSP}567"


def test_published_study_figures_are_the_known_ones(reports):
    if not reports.published:
        pytest.skip("gäller den publicerade studien")
    text = visible_text(reports.html())
    assert "62 av 306" in text and f"337 av 1{NBSP}029" in text


# --- The reproduction table beside the HTML ----------------------------------------------------------

STATUS = re.compile(r"^(stämmer$|indata\b|(fel|varning|notering)\s*:\s*\S.{9,})", re.DOTALL)


def test_reproduction_csv_rows_and_statuses(reports):
    if not reports.reproduces:
        assert not (reports.folder / "reproduktion.csv").exists()
        assert "Bilaga F" not in reports.html() and "Reproduktion" not in reports.html()
        return
    rows = reproduction_rows(reports)
    assert rows
    assert {"source_lines", "figure", "published", "ours", "status"} <= set(rows[0])
    keys = Counter((r.get("file"), r.get("row"), r.get("column"), r["figure"]) for r in rows)
    assert [k for k, n in keys.items() if n > 1] == [], "en rad per publicerad uppgift"
    for row in rows:
        assert row["figure"].strip() and row["published"].strip(), row
        assert STATUS.match(row["status"]), f"oförklarad status: {row['status']!r} ({row['figure']})"
    assert any(r["status"] == "stämmer" for r in rows)


def test_reproduction_csv_has_every_rolling_table_cell(reports):
    if not reports.reproduces:
        pytest.skip("gäller en studie som återskapar en publicerad rapport")
    rows = reproduction_rows(reports)
    path = reports.params["raw_files"]["rolling_12m"]["path"]
    municipalities, table, lines = rolling_table(reports)
    found = {(r["file"], r["row"], r["column"]): r["published"] for r in rows}
    for measure, cells in table.items():
        if measure == "Period":
            continue
        for name in municipalities:
            key = (path, str(lines[measure]), name)
            assert key in found, f"{measure}, {name} saknas i reproduktion.csv"
            assert found[key].replace(" ", "") == cells[name].replace(" ", ""), (measure, name)


def test_reproduction_csv_of_the_published_study(reports):
    if not reports.published:
        pytest.skip("gäller den publicerade studien")
    rows = reproduction_rows(reports)
    assert any(r["published"] == "306" and "Svedala" in r["figure"] for r in rows)
    dated = [r for r in rows if "31 april 2023" in r["published"] + r["ours"] + r["status"]]
    assert dated, "textuppgifterna med det omöjliga datumet saknas"
    assert any(r["status"].startswith("fel") and "31 april 2023" in r["status"] for r in dated)


def test_reviewers_document_links_its_tables(reports):
    soup = soup_of(reports.html())
    hrefs = {a.get("href") for a in soup.find_all("a")}
    linked = ("tabeller.xlsx", "01_cleaning.html", "02_outcomes.html", "03_survey.html")
    for name in (*linked, *(["reproduktion.csv"] if reports.reproduces else [])):
        assert name in hrefs
        assert (reports.folder / name).is_file(), f"länken {name} pekar på en fil som inte finns"


def checksum_rows(reports) -> dict[str, str]:
    """Bilaga E's checksum table: {raw file: 'ja'/'nej'}."""
    soup = soup_of(reports.html())
    tables = [
        t
        for t in soup.find_all("table")
        if [th.get_text(strip=True) for th in t.select("thead th")][-3:] == ["Fil", "SHA-256", "Stämmer"]
    ]
    assert len(tables) == 1, "kontrollsummetabellen i Bilaga E saknas"
    cells = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in tables[0].select("tbody tr")]
    return {row[-3]: row[-1] for row in cells}


def test_published_raw_data_match_their_recorded_checksums(reports):
    if not reports.published:
        pytest.skip("gäller den publicerade studien (den påhittade har ingen provenance.yaml)")
    rows = checksum_rows(reports)
    data = {name: verdict for name, verdict in rows.items() if name != "provenance.yaml"}
    assert "statistics/rullande-12-manader.csv" in data and "rapport/citat.csv" in data
    assert set(data.values()) == {"ja"}, data


def test_checksum_table_has_no_unexplained_mismatch(reports):
    if not reports.published:
        pytest.skip("gäller den publicerade studien (den påhittade har ingen provenance.yaml)")
    rows = checksum_rows(reports)
    assert "nej" not in rows.values(), {name: v for name, v in rows.items() if v == "nej"}


# --- The Excel appendix -----------------------------------------------------------------------------


def test_xlsx_speaks_swedish_not_codes(reports):
    workbook = openpyxl.load_workbook(reports.folder / "tabeller.xlsx", read_only=True)
    codes = {"enrolled", "households", "fa_paid", "ok", "True", "False", "check", "severity", "file", "count_exact"}
    municipality_codes = {m["code"] for m in reports.params["municipalities"]}
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                shown = str(value)
                assert shown not in codes, f"kod i {sheet.title}: {shown}"
                assert shown not in municipality_codes, f"kommunkod i {sheet.title}: {shown}"


def test_xlsx_has_no_formula(reports):
    workbook = openpyxl.load_workbook(reports.folder / "tabeller.xlsx")
    assert "Citat" in workbook.sheetnames
    assert ("Reproduktion" in workbook.sheetnames) == reports.reproduces
    cells = 0
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                cells += 1
                assert cell.data_type != "f", f"formel i {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), (
                        f"{sheet.title}!{cell.coordinate}: {cell.value[:40]}"
                    )
    assert cells > 0


def test_xlsx_neutralises_quotes_that_look_like_formulas(reports):
    # The quotes as the survey step wrote them (redacted), before the workbook neutralises them.
    path = reports.folder.parent / "processed" / "survey_quotes.csv"
    risky = [
        q for q in (r["quote"] for r in csv.DictReader(path.open(encoding="utf-8"))) if q.startswith(FORMULA_STARTS)
    ]
    if reports.published:  # the respondent's list dash is gone, so this quote no longer looks like a formula
        quotes = [r["quote"] for r in csv.DictReader(path.open(encoding="utf-8"))]
        assert any(q.startswith("Mycket har blivit bättre") for q in quotes)
    sheet = openpyxl.load_workbook(reports.folder / "tabeller.xlsx")["Citat"]
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    for quote in risky:
        assert any(v.startswith("'" + quote[:25]) for v in values), f"citatet {quote[:40]!r} är inte neutraliserat"


# --- Size ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_html_is_under_3_mb(reports, step):
    assert reports.html_path(step).stat().st_size < MAX_BYTES


# --- Units: neutralise and finish --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+46 40 123", "'+46 40 123"),
        ("- Mycket bra", "'- Mycket bra"),
        ("@kommun", "'@kommun"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Bra samverkan", "Bra samverkan"),
        ("", ""),
        ("a=b", "a=b"),
        (306, 306),
        (-3, -3),
        (None, None),
        (0.5, 0.5),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


TINY = """<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="https://cdn.jsdelivr.net/npm/require.js"></script>
<script src="//cdn.example/mathjax.js"></script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>
<link rel="stylesheet" href="https://fonts.example/font.css">
<script>var local = 1;</script>
</head><body><main>
<h1>Rapport<a class="anchor-link" href="#Rapport">¶</a></h1>
<h2>Resultat mot målet</h2><p>Text.</p>
<h2>Resultat mot målet</h2>
<h3>Vinster för Svedala</h3>
<h2>Bilaga Ö. Övrigt</h2>
<img src="https://example.org/x.png" alt="x"><img src="data:image/png;base64,AAAA" alt="lokal">
<a href="https://example.org/kalla">källan</a>
</main></body></html>"""


def test_finish_on_a_tiny_page():
    html = finish(TINY, title="Min studie", meta="Utvärdering · testdata", toc=True)
    soup = soup_of(html)
    assert soup.html["lang"] == "sv"
    assert soup.title.get_text() == "Min studie"
    assert external_references(html) == []
    assert [s.get("src") for s in soup.find_all("script")] == [None]
    assert soup.find("script").get_text() == "var local = 1;"
    assert soup.find("link") is None
    assert [i["alt"] for i in soup.find_all("img")] == ["lokal"]
    assert soup.find("a", href="https://example.org/kalla") is not None  # links to pages stay
    assert soup.select("a.anchor-link") == []
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)) == 5
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), ids
    assert ids == ["rapport", "resultat-mot-malet", "resultat-mot-malet-2", "vinster-for-svedala", "bilaga-o-ovrigt"]
    meta = soup.find("p", class_="report-meta")
    assert meta is not None and meta.get_text() == "Utvärdering · testdata"
    nav = soup.select_one("nav.toc")
    assert nav is not None and nav.get("aria-label") == "Innehåll"
    assert meta.find_next_sibling("nav") is nav, "innehållsförteckningen kommer efter titelblocket"
    assert [(a["href"], a.get_text()) for a in nav.find_all("a")] == [
        ("#resultat-mot-malet", "Resultat mot målet"),
        ("#resultat-mot-malet-2", "Resultat mot målet"),
        ("#bilaga-o-ovrigt", "Bilaga Ö. Övrigt"),
    ]
    for link in nav.find_all("a"):
        assert soup.find(id=link["href"][1:]).name == "h2"


def test_finish_without_toc_and_with_a_title_already_there():
    page = "<html lang='en'><head><title>Gammal</title></head><body><h1>Å</h1><h2>Ä</h2></body></html>"
    soup = soup_of(finish(page, title="Ny", toc=False))
    assert soup.html["lang"] == "sv" and soup.title.get_text() == "Ny" and len(soup.find_all("title")) == 1
    assert soup.select("nav.toc") == [] and soup.select(".report-meta") == []
    assert [h["id"] for h in soup.find_all(["h1", "h2"])] == ["a", "a-2"]


def external_references(html: str) -> list[str]:
    """Every address a browser would fetch on opening the page (scripts, styles, images, frames)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(["script", "img", "iframe", "source", "video", "audio"]):
        if tag.get("src") and EXTERNAL.match(tag["src"]):
            found.append(tag["src"])
    for tag in soup.find_all("link"):
        if tag.get("href") and EXTERNAL.match(tag["href"]):
            found.append(tag["href"])
    for style in soup.find_all("style"):
        found += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style.get_text())
        found += re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", style.get_text())
    return found


def test_the_method_notes_say_how_the_free_text_was_coded(reports):
    text = visible_text(reports.html())
    if isinstance(reports.params["raw_files"]["survey_coding"], list):  # the fictional study: coders A and B
        assert "kodarna A och B kodade var för sig" in text
        assert "Det bästa: α 0,84, 11 av 12 (92\u00a0%) av besluten lika (tillförlitlig)" in text
    else:
        assert "är en enda kodning, så samstämmighet mellan kodare är inte mätt" in text
