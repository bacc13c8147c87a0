"""Varied follow-up studies (issue 25, item 7): a seed picks what the next period's deliveries look like, and
`make_varied` makes that study as an analyst would (`make new-study`, collabstudy.runner.scaffold.create_study)
with its templates filled in as the municipalities would fill them. tests/e2e/test_varied.py runs each through
the real pipeline (`make run`) and checks what the report says against what was delivered.

What a seed picks (`Variant`, from `random.Random(seed)`; `kinds()` names them):

- missing deliveries: a monthly or yearly template left untouched, either declared in params `not_delivered:`
  with the deliverer's reason (the run goes on) or not declared (the run must stop, saying how to declare it);
- the monthly series: partial (a run of empty months), revised (months the 2023 study also had, with other
  values), rising, falling or flat between the previous evaluation's period and this one, zero counts
  (scattered zero months, or a whole period of zeros), a partial current year (the last month of the period not
  yet delivered);
- the survey: questions renumbered (`same_as:` linking each to last year's key), reworded, dropped or new; a
  municipality with no respondents; an export whose name and e-mail columns are filled in;
- the yearly template's uncertainty marks (Markering osäker/saknas with an Anmärkning), or a mark that
  contradicts its value (`saknas` beside a number: the run must stop naming the cell).

Every number is made up; nothing here is real. The generator knows what it delivered (`Generated.monthly`,
`.personal`, `.declared`, `.expected_stop`), so the test can check the report against the data itself.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from collabstudy.runner import scaffold
from collabstudy.runner.scaffold.plan import monthly_years, slug

PREVIOUS = "svedala-trelleborg-2023"
CODES = {"S": "Svedala", "T": "Trelleborg"}
# The published study's monthly series (Svedala only; Trelleborg delivered none): data/raw/statistics/.
PREVIOUS_MONTHLY_FILE = "data/raw/statistics/svedala-avslut-arbete-studier-per-manad.csv"
REASONS = {
    "monthly_closures": "Verksamhetssystemet byttes under året och månadsstatistiken kunde inte tas fram",
    "yearly": "Årsstatistiken publiceras först i juni och fanns inte när underlaget lämnades",
}
LEVEL = {"S": 3.0, "T": 5.0}  # monthly closures to work or studies in the previous evaluation's period
TRENDS = {"rising": 2.0, "falling": 0.4, "flat": 1.0}
# Made-up people for the export's personal columns (never real persons; the test checks none reaches an output).
PEOPLE = [
    ("Karin", "Berglund"),
    ("Mats", "Holmqvist"),
    ("Sofia", "Nyström"),
    ("Jonas", "Wikström"),
    ("Elin", "Sandberg"),
    ("Anders", "Lundgren"),
    ("Maria", "Forsberg"),
    ("Petra", "Ekholm"),
    ("Oskar", "Blomqvist"),
    ("Lena", "Åkesson"),
    ("Henrik", "Dahlberg"),
    ("Sara", "Engström"),
]
THEME_WORDS = {  # two themes per free-text question, each with the words an answer with it uses
    "a": ("Bättre samarbete", "Vi samarbetar bättre mellan kontoren."),
    "b": ("Mer tid", "Handläggarna har fått mer tid för de sökande."),
}
# Last year's free-text questions (keys in params/svedala-trelleborg-2023.yaml) a reworded study rewrites (q3 and q4
# have a most common theme in both municipalities in 2023, so a reworded question is compared with it).
REWORDINGS = {
    "q2": "Vilken är din viktigaste lärdom av samverkan hittills?",
    "q3": "Vilken har varit den största utmaningen i samverkan under året?",
    "q4": "Vilka är de största vinsterna för Svedala med samverkan?",
    "q7": "Vad ser du fram emot ska förbättras inom samverkan under det kommande året?",
}
NEW_QUESTION = ("Vad skulle du vilja berätta för en annan kommun som vill samverka?", "Råd till andra", "lesson")


@dataclass(frozen=True)
class Variant:
    """What one seed's follow-up looks like."""

    seed: int
    declared: tuple[tuple[str, str], ...]  # (delivery, code) left untouched and declared in not_delivered
    undeclared: tuple[str, str] | None  # (delivery, code) left untouched and not declared: the run stops
    contradicting_mark: bool  # 'saknas' beside a value in a yearly template: the run stops naming the cell
    trend: dict[str, str]  # code -> rising/falling/flat (this period against the previous evaluation's)
    revised: bool  # Svedala's months the 2023 study had, delivered with other values
    partial: dict[str, tuple[int, int]]  # code -> (first index, length) of a run of empty months
    zeros: str  # '', 'months' (scattered zero months) or 'window' (Trelleborg: zero in every month of this period)
    partial_year: bool  # the last month of the period left empty (not yet known)
    questions: str  # 'same', 'renumbered' or 'reworded' (renumbered, two texts reworded, one dropped, one new)
    no_respondents: str | None  # code of a municipality nobody from answered
    personal: bool  # the export's name and e-mail columns filled in
    marks: bool  # uncertainty marks in the yearly templates

    def kinds(self) -> set[str]:
        """The kinds this seed covers, as the test module's docstring names them."""
        found = set()
        if self.declared:
            found.add("declared-missing")
        if self.undeclared:
            found.add("untouched-template-stop")
        if self.contradicting_mark:
            found.add("contradicting-mark-stop")
        found |= {f"{trend}" for trend in self.trend.values()}
        for flag, name in (
            (self.revised, "revised"),
            (bool(self.partial), "partial-series"),
            (bool(self.zeros), f"zeros-{self.zeros}"),
            (self.partial_year, "partial-current-year"),
            (self.questions != "same", f"questions-{self.questions}"),
            (self.no_respondents is not None, "no-respondents"),
            (self.personal, "personal-columns"),
            (self.marks, "marks"),
        ):
            if flag:
                found.add(name)
        return found

    @property
    def stops(self) -> bool:
        return self.undeclared is not None or self.contradicting_mark


def variant(seed: int) -> Variant:
    """The seed's combination; a stop (an untouched template not declared, or a contradicting mark) in about
    one seed in four, and never both at once."""
    rng = random.Random(seed)
    pairs = [(d, c) for d in ("monthly_closures", "yearly") for c in CODES]
    declared = tuple(sorted(rng.sample(pairs, k=rng.choice([0, 0, 1, 1, 2]))))
    stop = rng.random()
    left = [p for p in pairs if p not in declared]
    undeclared = rng.choice(left) if stop < 0.15 else None
    contradicting = 0.15 <= stop < 0.25
    monthly_missing = {c for d, c in declared if d == "monthly_closures"}
    trend = {c: rng.choice(list(TRENDS)) for c in CODES if c not in monthly_missing}
    partial = {}
    for code in trend:
        if rng.random() < 0.4:
            partial[code] = (rng.randrange(0, 30), rng.randint(2, 7))
    return Variant(
        seed=seed,
        declared=declared,
        undeclared=undeclared,
        contradicting_mark=contradicting,
        trend=trend,
        revised="S" in trend and rng.random() < 0.5,
        partial=partial,
        zeros=rng.choice(["", "", "months", "window"]) if "T" in trend else rng.choice(["", "months"]),
        partial_year=rng.random() < 0.4,
        questions=rng.choice(["same", "renumbered", "reworded"]),
        no_respondents=rng.choice([None, None, "S", "T"]),
        personal=rng.random() < 0.5,
        marks=rng.random() < 0.6,
    )


@dataclass
class Generated:
    """One seed's study as made, and what it delivered."""

    variant: Variant
    params_file: Path  # relative to the project
    name: str
    monthly: dict[str, dict[dt.date, int | None]] = field(default_factory=dict)  # code -> month -> value
    earlier: dict[dt.date, int] = field(default_factory=dict)  # the 2023 study's Svedala months
    personal: list[str] = field(default_factory=list)  # every value of the export's personal columns
    respondents: dict[str, int] = field(default_factory=dict)  # code -> how many answered
    reworded: list[str] = field(default_factory=list)  # this study's keys of reworded questions
    expected_stop: list[str] = field(default_factory=list)  # what the stop message must name

    @property
    def declared_names(self) -> list[tuple[str, str]]:
        return [(delivery, CODES[code]) for delivery, code in self.variant.declared]


# --- filling templates --------------------------------------------------------------------------


def _fill(path: Path, edit) -> None:
    book = openpyxl.load_workbook(path)
    edit(book[scaffold.DATA_SHEET])
    book.save(path)


def _rows(sheet) -> dict[str, int]:
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value is not None}


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], first
    while day <= last:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _earlier_monthly(project: Path) -> dict[dt.date, int]:
    lines = (project / PREVIOUS_MONTHLY_FILE).read_text(encoding="utf-8").splitlines()
    found = {}
    for line in lines[1:]:
        cells = line.split(";")
        for month, value in enumerate(cells[1:13], start=1):
            if value.strip():
                found[dt.date(int(cells[0]), month, 1)] = int(value)
    return found


def _draw(rng: random.Random, level: float) -> int:
    """A month's count around `level` (a rough Poisson: the sum of coin flips)."""
    if level <= 0:
        return 0
    trials = max(1, round(level * 3))
    return sum(rng.random() < level / trials for _ in range(trials))


def _monthly_series(v: Variant, rng: random.Random, plan, earlier: dict[dt.date, int]) -> dict:
    """Each delivering municipality's months, from January of the first template year to the period's end;
    None where the deliverer leaves the cell empty."""
    years = monthly_years(plan.previous, plan.end)
    months = _month_starts(dt.date(years[0], 1, 1), dt.date(plan.end.year, plan.end.month, 1))
    window_start = plan.start
    series = {}
    for code, trend in v.trend.items():
        values: dict[dt.date, int | None] = {}
        for month in months:
            level = LEVEL[code] * (TRENDS[trend] if month >= window_start else 1.0)
            if code == "S" and month in earlier:
                value = earlier[month]
            else:
                value = _draw(rng, level)
            if v.zeros == "months" and rng.random() < 0.2:
                value = 0
            if v.zeros == "window" and code == "T" and month >= window_start:
                value = 0
            values[month] = value
        if code == "S" and v.revised:  # three of the months the 2023 study had, revised
            for month in rng.sample(sorted(earlier), k=3):
                values[month] = earlier[month] + rng.choice([-1, 1, 2, 3]) if earlier[month] else 2
        if code in v.partial:
            first, length = v.partial[code]
            for month in months[first : first + length]:
                values[month] = None
        if v.partial_year:
            values[months[-1]] = None
        series[code] = values
    return series


def _rolling(rng: random.Random, v: Variant) -> dict[str, dict]:
    """The rolling table per municipality, its parts summing to its totals (a zero study: Trelleborg's
    closures to studies are 0, or, with a zero window, its closures to work or studies too)."""
    table = {}
    for code, enrolled in (("S", rng.randint(250, 400)), ("T", rng.randint(800, 1200))):
        work = rng.randint(enrolled // 8, enrolled // 4)
        studies = rng.randint(0, 20)
        if code == "T" and v.zeros:
            studies = 0
            if v.zeros == "window":
                work = 0
        other = rng.randint(20, enrolled // 4)
        closures = work + studies + other
        table[code] = {
            "enrolled": enrolled,
            "closures": closures,
            "closure_share": f"{round(100 * closures / enrolled)}%",
            "households": rng.randint(enrolled // 2, enrolled),
            "closures_work_studies": work + studies,
            "closures_work": work,
            "closures_studies": studies,
            "work_studies_share": f"{round(100 * (work + studies) / enrolled)}%",
            "closures_other": other,
        }
    return table


def _questions(v: Variant, previous_questions: dict) -> tuple[list[tuple[str, dict]], list[str]]:
    """This year's questions in the form's order, each (key, fields), and the keys of the reworded ones."""
    items = list(previous_questions.items())
    if v.questions == "same":
        return [(key, dict(q)) for key, q in items], []
    free = [(key, q) for key, q in items if q.get("kind", "free_text") == "free_text"]
    closed = [(key, q) for key, q in items if q.get("kind", "free_text") != "free_text"]
    rng = random.Random(v.seed * 7919)
    order = free[:]
    rng.shuffle(order)
    reworded = []
    if v.questions == "reworded":
        order = [(key, q) for key, q in order if key != "q1"]  # 'Hur involverad' is not asked this year
    questions = []
    for number, (old, q) in enumerate(order, start=1):
        key = f"q{number}"
        fields = {**q, "same_as": old}
        if v.questions == "reworded" and old in REWORDINGS:
            fields["text"] = REWORDINGS[old]
            reworded.append(key)
        questions.append((key, fields))
    if v.questions == "reworded":
        text, label, area = NEW_QUESTION
        questions.append(("q20", {"text": text, "label": label, "area": area}))
    questions += [(f"q{21 + i}", {**q, "same_as": old}) for i, (old, q) in enumerate(closed)]
    return questions, reworded


def _yaml_question(key: str, fields: dict) -> str:
    parts = []
    for name in ("text", "label", "kind", "area", "same_as"):
        if fields.get(name) is not None:
            value = fields[name]
            parts.append(f'{name}: "{value}"' if name in ("text", "label") else f"{name}: {value}")
    return f"    {key}: {{{', '.join(parts)}}}\n"


def _edit_params(path: Path, v: Variant, questions: list[tuple[str, dict]], sent: dt.date) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  sent: \S+", f"  sent: {sent.isoformat()}", text, count=1)
    text = re.sub(r"(?m)^  open_days: \S+", "  open_days: 14", text, count=1)
    if v.questions != "same":
        block = re.search(r"(?ms)^  questions:\n.*?(?=^  dont_know:)", text)
        assert block, "the params file has no survey.questions block"
        text = text.replace(block.group(0), "  questions:\n" + "".join(_yaml_question(k, f) for k, f in questions))
    if v.declared:
        text += "\nnot_delivered:             # leveranser som inte gjordes för perioden, med skälet\n"
        for delivery, code in v.declared:
            text += f'  - delivery: {delivery}\n    municipality: {code}\n    reason: "{REASONS[delivery]}"\n'
    path.write_text(text, encoding="utf-8")


# --- the study ----------------------------------------------------------------------------------


def make_varied(project: Path, seed: int) -> Generated:
    """The seed's follow-up in `project` (a copy holding the published study's params, data and build): made
    with create_study as `make new-study NAME=varierad-<seed>` makes it, its templates filled or left as the
    variant says and its params edited as the analyst would."""
    import yaml

    v = variant(seed)
    rng = random.Random(seed)
    name = f"varierad-{seed}"
    written = scaffold.create_study(project, name)
    plan = written.plan
    folder = project / plan.folder
    params_path = project / plan.params_path
    earlier = _earlier_monthly(project)
    generated = Generated(v, Path(plan.params_path), name, earlier=earlier)
    untouched = set(v.declared) | ({v.undeclared} if v.undeclared else set())

    generated.monthly = _monthly_series(v, rng, plan, earlier)
    for code, values in generated.monthly.items():
        if ("monthly_closures", code) in untouched:
            continue

        def monthly(sheet, values=values):
            for row in sheet.iter_rows(min_row=2):
                if row[0].value is None:
                    continue
                for month in range(1, 13):
                    day = dt.date(row[0].value, month, 1)
                    if day in values and values[day] is not None:
                        row[month].value = values[day]

        _fill(folder / f"{slug(CODES[code])}-avslut-arbete-studier-per-manad.xlsx", monthly)
    for code in CODES:  # declared or undeclared: the template stays as make new-study wrote it
        if ("monthly_closures", code) in untouched:
            generated.monthly.pop(code, None)

    table = _rolling(rng, v)

    def rolling(sheet):
        rows = _rows(sheet)
        for column, code in ((2, "S"), (3, "T")):
            for measure, value in table[code].items():
                sheet.cell(row=rows[scaffold.row_label(measure)], column=column, value=value)

    _fill(folder / "rullande-12-manader.xlsx", rolling)

    stop_cell = None
    for code in CODES:
        if ("yearly", code) in untouched:
            continue
        contradict = v.contradicting_mark and code == "T"

        def yearly(sheet, code=code, contradict=contradict):
            nonlocal stop_cell
            header = [cell.value for cell in sheet[1]]
            years = [value for value in header if isinstance(value, int)]
            rows = _rows(sheet)
            base = {"households": 250, "individuals_fa": 520, "enrolled": 300, "fa_paid": 17_000_000}
            for label, row in rows.items():
                measure = next(m for m in base if scaffold.row_label(m) == label)
                for offset, year in enumerate(years):
                    step = base[measure] // 50 * (1 if rng.random() < 0.5 else -1)
                    sheet.cell(row=row, column=header.index(year) + 1, value=base[measure] + offset * step)
            if v.marks:
                year = rng.choice(years[1:-1])
                measure = rng.choice(["households", "enrolled"])
                row = rows[scaffold.row_label(measure)]
                sheet.cell(row=row, column=header.index(f"Markering {year}") + 1, value="osäker")
                sheet.cell(row=row, column=header.index(f"Anmärkning {year}") + 1, value="Statistik i 2 system")
                other = next(y for y in years if y != year)
                row = rows[scaffold.row_label("individuals_fa")]
                sheet.cell(row=row, column=header.index(other) + 1).value = None
                sheet.cell(row=row, column=header.index(f"Markering {other}") + 1, value="saknas")
                sheet.cell(row=row, column=header.index(f"Anmärkning {other}") + 1, value="Oklart")
            if contradict:
                row = rows[scaffold.row_label("fa_paid")]
                column = header.index(f"Markering {years[0]}") + 1
                sheet.cell(row=row, column=column, value="saknas")
                stop_cell = (row, f"Markering {years[0]}")

        _fill(folder / f"{slug(CODES[code])}-statistik-per-ar.xlsx", yearly)

    params = yaml.safe_load((project / "params" / f"{PREVIOUS}.yaml").read_text(encoding="utf-8"))
    questions, generated.reworded = _questions(v, params["survey"]["questions"])
    free = [key for key, q in questions if q.get("kind", "free_text") == "free_text"]

    # The survey: who answered, from where, what they wrote and how it was coded.
    counts = {code: rng.randint(3, 9) for code in CODES}
    if v.no_respondents:
        counts[v.no_respondents] = 0
    generated.respondents = counts
    sent = dt.date(2024, 3, 4)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    sheet.append(["ID", "Starttid", "Tid för slutförande", "E-post", "Namn", *[q["text"] for _, q in questions]])
    coding, respondent = [], 0
    for code in CODES:
        for _ in range(counts[code]):
            respondent += 1
            answers = []
            for key, q in questions:
                kind = q.get("kind", "free_text")
                if kind == "municipality":
                    answers.append(CODES[code])
                elif kind == "period":
                    answers.append("Hela perioden sedan start 2021")
                else:
                    roll = rng.random()
                    if roll < 0.1:
                        answers.append(None)
                    elif roll < 0.18:
                        answers.append("vet ej")
                    else:
                        themes = rng.sample(sorted(THEME_WORDS), k=rng.randint(1, 2))
                        answers.append(" ".join(THEME_WORDS[t][1] for t in themes))
                        coding += [[respondent, key, f"{key}_{t}", "ord i svaret"] for t in themes]
            started = dt.datetime.combine(sent, dt.time(9)) + dt.timedelta(hours=respondent * 5)
            first, last = PEOPLE[(respondent + seed) % len(PEOPLE)]
            mail, person = "anonymous", None
            if v.personal:
                mail, person = (
                    f"{first.lower()}.{last.lower()}@{CODES[code].lower()}.se".replace("å", "a"),
                    f"{first} {last}",
                )
                generated.personal += [mail, person]
            sheet.append([respondent, started, started + dt.timedelta(minutes=14), mail, person, *answers])
    book.save(folder / scaffold.EXPORT_FILE)

    def invitations(sheet):
        sheet["B2"], sheet["B3"] = counts["S"] + 20, counts["T"] + 30

    def codebook(sheet):
        for key in free:
            for theme, (label, _) in THEME_WORDS.items():
                sheet.append([key, f"{key}_{theme}", f"{label} ({key})", f"Svaret nämner: {label.lower()}."])

    def coded(sheet):
        for row in coding:
            sheet.append(row)

    _fill(folder / "enkat-utskick.xlsx", invitations)
    _fill(folder / "kodbok.xlsx", codebook)
    _fill(folder / "kodning.xlsx", coded)
    _edit_params(params_path, v, questions, sent)

    if v.undeclared:
        delivery, code = v.undeclared
        template = next(t for t in scaffold.templates(plan) if t.key == delivery and t.municipality == code)
        generated.expected_stop = [template.file, "not_delivered"]
    elif v.contradicting_mark:
        generated.expected_stop = ["trelleborg-statistik-per-ar.xlsx", f"rad {stop_cell[0]}", stop_cell[1]]
    return generated
