"""Varied follow-up studies through the real pipeline (issue 25, item 7): each seed of tests/corpus/varied.py
makes a follow-up with `make new-study` (scaffold.create_study) in a copy of the project that holds the
published study's `make run`, fills its templates as that seed says, and runs `make run PARAMS=…`.

Each run must either stop in Swedish naming its cause (the file, row and column, or how to declare the
delivery in params) with no Python error text and no published report, or publish a report where

- every monthly figure stated for a period (a mean per month, a sum, a calendar year's total, a revised month,
  the period's months) equals the registry's (results/02_outcomes.json), and the registry's equals what the
  seed delivered;
- every delivery declared not delivered is named in the report ("Trelleborg har inte levererat …");
- no chart is empty: no <img> whose alt text says there are no values, and no chart of a municipality without
  that data;
- no sentence is only true of another study (the 2023 report's, "formuläret var anonymt" when the export
  holds names, "samma frågetext" without naming as the exception each compared question that was reworded,
  "har ingen månadsserie" or "har inte levererat" of a delivery that was made), and no Python error text is
  on any page;
- no value of the export's personal columns (names, e-mail addresses, surnames) is in any output.

`make test` runs SAMPLE, `make test-varied` every seed in SEEDS (VARIED=all); each seed is a test of its own,
on whichever worker is free, in a copy of the published study's `make run` that the session shares
(`made_project`). Which seed covers what (variant(seed).kinds(); the monthly trend is this period's against the
previous evaluation's, per municipality that delivered a series):

    1    falling, rising, revised, partial-series, partial-current-year, no-respondents, personal-columns
    2    STOP: untouched yearly template of Svedala, not declared; (flat, rising, revised, questions-reworded)
    4    falling, flat, marks, partial-series, zeros-months
    6    not delivered: both monthly series; no-respondents, partial-current-year, questions-reworded
    7    not delivered: Trelleborg's monthly series; marks, partial-series, personal-columns, revised, rising
    12   not delivered: Svedala's yearly statistics; falling, flat, partial-series, questions-reworded,
         zeros-window
    14   flat, no-respondents, partial-current-year, partial-series, personal-columns, questions-reworded,
         zeros-window
    20   flat, rising, marks, personal-columns, revised, zeros-window
    22   STOP: a 'saknas' mark beside a value in Trelleborg's yearly template; (falling, flat, marks, revised,
         no-respondents, partial-current-year, partial-series)
    29   not delivered: both monthly series; no-respondents, partial-current-year, personal-columns,
         questions-renumbered, zeros-months
    61   not delivered: Trelleborg's monthly series; falling, marks, no-respondents, partial-current-year,
         partial-series, personal-columns, questions-renumbered, revised, zeros-months
    202  not delivered: Trelleborg's yearly statistics; rising, marks, no-respondents, partial-current-year,
         personal-columns, questions-reworded, revised, zeros-window

SAMPLE, in `make test`: 202 (the most kinds of a seed that publishes: a declared missing delivery, revisions,
reworded questions, no respondents in one municipality, a zero period, marks, personal columns) and 2 (a stop).
Timings on this machine (2 cores), 2026-12-07, each seed's `make run` alone (the published study's results
already built): a seed that publishes 1 min 15 s–1 min 25 s when the machine was otherwise idle, 2 min 30 s–3 min
30 s while another test run shared it; a seed that stops 15–18 s. Before the first seed the session's published
study `make run` (2 min 45 s; in `make test` the one the other end-to-end tests share). `make test-varied`
(2 workers, the machine shared with another test run): 12 passed in 16 min 51 s; pytest for seed 2 alone, with
that published run: 3 min 22 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from corpus.varied import CODES, Generated, make_varied

from collabstudy.study.calendar import MONTHS
from collabstudy.study.vocabulary import DELIVERY_LABELS

pytestmark = pytest.mark.slow

SEEDS = [1, 2, 4, 6, 7, 12, 14, 20, 22, 29, 61, 202]
SAMPLE = [202, 2]
ALL = os.environ.get("VARIED") == "all"
PREVIOUS = "svedala-trelleborg-2023"
PYTHON_ERRORS = re.compile(r"Traceback|\w*Error:|\bNaN\b|\bnan\b|\bNone\b|<NA>|Exception")
# Sentences only true of the 2023 study (its reconstruction of a published report, its pandemic years).
ONLY_2023 = ["Rapportens", "källrapport", "pandemi", "ovanligt svag", "rekonstruktion", "Reproduktion", "Bilaga F"]
EMPTY_CHART = re.compile(r"\b0 månader med värde|inga värden|ingen data|saknar data|\b0 av 0\b")
STEPS = ("01_cleaning", "02_outcomes", "03_survey", "04_conclusions")


def _project(made: Path, target: Path) -> Path:
    """A copy of the project that `make run` built: its tracked files, the published study's build and the
    name cache; no other study (a follow-up another test made would tie with this one's period)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=_root(), capture_output=True)
    names = [n for n in tracked.stdout.decode().split("\0") if n]
    for name in names:
        source = made / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for folder in (f"build/{PREVIOUS}", "build/cache"):
        if (made / folder).is_dir():
            shutil.copytree(made / folder, target / folder, symlinks=True)
    return target


def _root() -> Path:
    from collabstudy.study.paths import CODE_PROJECT

    return CODE_PROJECT


def _make_run(project: Path, params: Path) -> subprocess.CompletedProcess:
    command = ["make", "--no-print-directory", f"VENV={sys.prefix}", "KEEP_ENV=1", "run", f"PARAMS={params}"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=1200)


@pytest.fixture(params=SEEDS if ALL else SAMPLE, ids=lambda seed: f"seed-{seed}")
def varied(request, made_project, tmp_path):
    made, first = made_project
    assert first.returncode == 0, first.stderr
    project = _project(made, tmp_path / "project")
    generated = make_varied(project, request.param)
    result = _make_run(project, generated.params_file)
    return project, generated, result


# --- reading what the run wrote -----------------------------------------------------------------


def _page_text(path: Path) -> str:
    """A page's text as a reader sees it: no scripts, styles or code cells."""
    page = lxml.html.parse(str(path)).getroot()
    for element in page.xpath("//script|//style|//*[contains(@class, 'jp-InputArea')]"):
        element.drop_tree()
    return re.sub(r"\s+", " ", page.text_content())


def _alts(path: Path) -> list[str]:
    return [img.get("alt") or "" for img in lxml.html.parse(str(path)).getroot().iter("img")]


def _number(text: str) -> float:
    return float(text.replace("\xa0", "").replace(" ", "").replace("−", "-").replace(",", "."))


def _month(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:8] + "01")


MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, start=1)}
SPAN = re.compile(r"^(\w+)(?: (\d{4}))?–(\w+) (\d{4}), (?:(\d+) av periodens )?(\d+) månader$")
PERIODS = {
    "denna utvärderingsperiod": "window",
    "förra utvärderingens period": "previous",
    "före samverkans start": "before",
    "efter samverkans start": "after",
}


def _check_span(span: str, registry: dict, prefix: str) -> None:
    """'april 2023–februari 2024, 11 av periodens 12 månader' against the period's registry entries."""
    found = SPAN.match(span.strip())
    assert found, f"period utan känd form: {span!r}"
    first_name, first_year, last_name, last_year, months, whole = found.groups()
    first = dt.date(int(first_year or last_year), MONTH_NUMBER[first_name], 1)
    last = dt.date(int(last_year), MONTH_NUMBER[last_name], 1)
    assert first == _month(registry[f"{prefix}.first_month"]["value"]), (span, prefix)
    assert last == _month(registry[f"{prefix}.last_month"]["value"]), (span, prefix)
    assert int(months or whole) == registry[f"{prefix}.months"]["value"], (span, prefix)
    assert int(whole) == registry[f"{prefix}.span_months"]["value"], (span, prefix)


def check_figures(text: str, registry: dict, generated: Generated) -> int:
    """Every monthly figure the report states for a period against the registry; how many were checked."""
    checked = 0
    code_of = {name: code for code, name in CODES.items()}
    for name, mean, this, span, other, period, other_span in re.findall(
        r"(Svedala|Trelleborg): i snitt ([\d ]+,\d) per månad (under denna utvärderingsperiod|efter samverkans "
        r"start) \(([^()]*)\) mot ([\d ]+,\d) (under förra utvärderingens period|före samverkans start) \(([^()]*)\)",
        text,
    ):
        prefix = f"monthly.{code_of[name]}"
        this, period = PERIODS[this.removeprefix("under ")], PERIODS[period.removeprefix("under ")]
        assert abs(_number(mean) - registry[f"{prefix}.{this}.mean"]["value"]) <= 0.05 + 1e-9, (name, mean)
        assert abs(_number(other) - registry[f"{prefix}.{period}.mean"]["value"]) <= 0.05 + 1e-9, (name, other)
        _check_span(span, registry, f"{prefix}.{this}")
        _check_span(other_span, registry, f"{prefix}.{period}")
        checked += 1
    for name, period, span, months, whole, total, mean in re.findall(  # the technical appendix's table
        r"(Svedala|Trelleborg) (Före samverkans start|Efter samverkans start|Denna utvärderingsperiod|Förra "
        r"utvärderingens period) \(([^()]*)\) (\d+) av (\d+) (\d+) (\d+,\d+)",
        text,
    ):
        prefix = f"monthly.{code_of[name]}.{PERIODS[period[0].lower() + period[1:]]}"
        _check_span(f"{span}, {months} av periodens {whole} månader", registry, prefix)
        assert int(total) == registry[f"{prefix}.total"]["value"], (name, period, total)
        assert abs(_number(mean) - registry[f"{prefix}.mean"]["value"]) <= 0.005 + 1e-9, (name, period, mean)
        checked += 1
    for name, mean, span, rest in re.findall(
        r"(Svedala|Trelleborg) hade i snitt ([\d ]+,\d) avslut till arbete eller studier per månad under denna "
        r"utvärderingsperiod \(([^()]*)\): (.*?\)\.)",
        text,
    ):
        prefix = f"monthly.{code_of[name]}"
        assert abs(_number(mean) - registry[f"{prefix}.window.mean"]["value"]) <= 0.05 + 1e-9, (name, mean)
        _check_span(span, registry, f"{prefix}.window")
        for period, other_span, other in re.findall(
            r"(förra utvärderingens period|före samverkans start) \(([^():]*): ([\d ]+,\d) per månad", rest
        ):
            assert abs(_number(other) - registry[f"{prefix}.{PERIODS[period]}.mean"]["value"]) <= 0.05 + 1e-9
            _check_span(other_span, registry, f"{prefix}.{PERIODS[period]}")
            checked += 1
    for name, span, mean in re.findall(
        r"(Svedala|Trelleborg): efter samverkans start \(([^()]*)\) var snittet ([\d ]+,\d) per månad", text
    ):
        prefix = f"monthly.{code_of[name]}"
        assert abs(_number(mean) - registry[f"{prefix}.after.mean"]["value"]) <= 0.05 + 1e-9, (name, mean)
        _check_span(span, registry, f"{prefix}.after")
        checked += 1
    for name, total, period, span, table in re.findall(
        r"(Svedala|Trelleborg)s månadsserie summerar till (\d+) avslut till arbete eller studier under "
        r"(denna utvärderingsperiod|förra utvärderingens period) \(([^()]*)\), men [^.]*? anger ([\d ]+\d)",
        text,
    ):
        prefix = f"monthly.{code_of[name]}.{PERIODS[period]}"
        assert int(total) == registry[f"{prefix}.total"]["value"], (name, period, total)
        assert _number(table) == registry[f"{prefix}.table_total"]["value"], (name, period, table)
        _check_span(span, registry, prefix)
        checked += 1
    calendar = re.search(r"Per kalenderår: (.*?)\. ", text)
    if calendar:
        for part in calendar.group(1).split(";"):
            name = re.search(r"(Svedala|Trelleborg)", part).group(1)
            for total, year, mean in re.findall(
                r"(\d+)(?: avslut till arbete eller studier)? år (\d{4}) \(([\d,]+) per", part
            ):
                prefix = f"monthly.{code_of[name]}.year.{year}"
                assert int(total) == registry[f"{prefix}.total"]["value"], (name, year, total)
                assert abs(_number(mean) - registry[f"{prefix}.mean"]["value"]) <= 0.05 + 1e-9, (name, year, mean)
                checked += 1
    for name, listed in re.findall(
        r"(Svedala|Trelleborg)s nya leverans ger \d+ månader? ett annat värde än en tidigare utvärdering hade: (.*?)"
        r"(?: med flera|\. )",
        text,
    ):
        for month, year, earlier, now in re.findall(r"(\w+) (\d{4}) \((\d+) i [\w-]+, nu (\d+)\)", listed):
            key = f"monthly.{code_of[name]}.revised.{year}-{MONTH_NUMBER[month]:02d}"
            assert int(earlier) == registry[f"{key}.earlier"]["value"] and int(now) == registry[f"{key}.value"]["value"]
            day = dt.date(int(year), MONTH_NUMBER[month], 1)
            assert generated.earlier[day] == int(earlier) and generated.monthly[code_of[name]][day] == int(now)
            checked += 1
    return checked


def check_registry_against_delivery(registry: dict, generated: Generated, window: tuple[dt.date, dt.date]) -> None:
    """The registry's periods sum what the seed delivered, and its revisions are the months it changed."""
    start, end = window
    previous_start = dt.date(start.year - 1, start.month, 1)
    collaboration = dt.date(2021, 9, 1)
    spans = {
        "window": (start, end),
        "previous": (previous_start, start - dt.timedelta(days=1)),
        "after": (collaboration, end),
    }
    for code, values in generated.monthly.items():
        for period, (first, last) in spans.items():
            months = [v for day, v in values.items() if first <= day <= last and v is not None]
            assert registry[f"monthly.{code}.{period}.months"]["value"] == len(months), (code, period)
            assert registry[f"monthly.{code}.{period}.total"]["value"] == sum(months), (code, period)
        if code == "S":
            revised = {
                day
                for day, value in values.items()
                if day in generated.earlier and value not in (None, generated.earlier[day])
            }
            listed = {
                dt.date(int(k.split(".")[3][:4]), int(k.split(".")[3][5:7]), 1)
                for k in registry
                if k.startswith("monthly.S.revised.") and k.endswith(".value")
            }
            assert listed == revised


def _outputs(build: Path) -> str:
    parts = []
    for path in build.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".ipynb", ".html", ".md", ".txt"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.is_file() and path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            parts += [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    return "\n".join(parts)


# --- the invariants -----------------------------------------------------------------------------


def test_a_varied_follow_up_stops_in_swedish_or_publishes_a_report_true_to_its_data(varied):
    check_run(*varied)


def check_run(project: Path, generated: Generated, result: subprocess.CompletedProcess) -> None:
    """The invariants on one seed's run (also callable on a run made by hand, to debug a seed)."""
    v = generated.variant
    printed = result.stdout + result.stderr
    build = project / "build" / generated.name
    assert "Traceback" not in printed and "Error:" not in printed, printed[-3000:]
    if v.stops:
        assert result.returncode != 0, f"seed {v.seed} publicerade trots {v.kinds()}"
        message = printed[printed.find("Fel i indata") :]
        assert "Fel i indata" in printed, printed[-3000:]
        for cause in generated.expected_stop:
            assert cause in message, (cause, message[:1500])
        assert not PYTHON_ERRORS.search(message.split("Stegets tidigare")[0]), message[:1500]
        assert not (build / "reports").exists()
        return
    assert result.returncode == 0, printed[-4000:]
    reports = build / "reports"
    pages = {step: _page_text(reports / f"{step}.html") for step in STEPS}
    document = pages["04_conclusions"]
    registry = json.loads((build / "results" / "02_outcomes.json").read_text(encoding="utf-8"))["results"]

    # Python error text on no page
    for step, text in pages.items():
        found = PYTHON_ERRORS.search(text)
        assert not found, (step, text[max(0, found.start() - 200) : found.end() + 200])

    # every monthly figure stated for a period equals the registry's; the registry's what was delivered
    import yaml

    params = yaml.safe_load((project / generated.params_file).read_text(encoding="utf-8"))
    window = (params["reporting_window"]["start"], params["reporting_window"]["end"])
    check_registry_against_delivery(registry, generated, window)
    for step in ("02_outcomes", "04_conclusions"):
        checked = check_figures(pages[step], registry, generated)
        assert checked >= len(generated.monthly), (step, checked)

    # every delivery declared not delivered is named
    for delivery, name in generated.declared_names:
        said = re.findall(rf"([^.]*) har inte levererat {re.escape(DELIVERY_LABELS[delivery])}", document)
        assert any(name in who for who in said), (delivery, name, said)
    delivered = [(d, c) for d in ("monthly_closures", "yearly") for c in CODES if (d, c) not in v.declared]
    for delivery, code in delivered:
        for who in re.findall(rf"([^.]*) har inte levererat {re.escape(DELIVERY_LABELS[delivery])}", document):
            assert CODES[code] not in who.split(":")[-1], (delivery, code, who)
    for code in generated.monthly:
        assert f"{CODES[code]} har ingen månadsserie" not in document

    # no empty chart; no chart of a municipality without its data
    for step in STEPS:
        for alt in _alts(reports / f"{step}.html"):
            assert not EMPTY_CHART.search(alt), (step, alt[:300])
            for delivery, name in generated.declared_names:
                if delivery == "monthly_closures" and alt.startswith("Styrdiagram"):
                    assert not re.search(rf"{name}, \d+ månader med värde", alt), (step, alt[:300])
                if delivery == "yearly":
                    assert not alt.startswith(f"Fyra små diagram för {name}"), (step, alt[:120])

    # no sentence only true of another study
    for phrase in ONLY_2023:
        assert phrase not in document, phrase
    if v.personal:
        for step, text in pages.items():
            assert "formuläret var anonymt" not in text and "Enkäten var anonym" not in text, step
    # 'samma frågetext' only with the exception of every compared question that was reworded, named by its label
    compared = (build / "processed" / "survey_recurring_themes.csv").read_text(encoding="utf-8").splitlines()[1:]
    questions = params["survey"]["questions"]
    reworded = {questions[line.split(",")[0]]["label"] for line in compared if line.split(",")[0] in generated.reworded}
    for step, text in pages.items():
        for sentence in re.findall(r"[^.]*samma frågetext[^.]*", text):
            for label in reworded:
                assert "utom för" in sentence and f"”{label}”" in sentence, (step, label, sentence)

    # no identifier from the export's personal columns in any output
    if generated.personal:
        surnames = {p.split()[-1] for p in generated.personal if "@" not in p}
        text = _outputs(build)
        leaked = [s for s in [*generated.personal, *surnames] if s in text]
        assert not leaked, leaked[:5]
