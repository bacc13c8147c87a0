"""SYNTHETIC DATA for the benchmark: a made-up study at any scale, run through the real notebooks.

Nothing here is real. The study is the fictional Ekby–Lundsås test study
(tests/fixtures/fiktiv-studie: the same two made-up municipalities, its statistics tables and
statements), with the parts that grow with a real study's size generated from a seeded random
source:

- the survey: 100 × scale respondents (scale 100 = 10 000), each with coded free-text
  answers and start and completion times, and the invitations table that agrees with them;
- the monthly closures: 10 years of months.

It is a study from deliveries only, like a follow-up year: the fixture's published-report layer
is left out. The study stays a comparison of two municipalities: every analysis in the notebooks is the
collaboration's pair (goal against reference), which the params schema fixes at two.

    python bench/synthetic.py --scale 10 [--root .]   # writes data/synthetic/x10/ and params/syntetisk-x10.yaml
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "fiktiv-studie"
RESPONDENTS_PER_SCALE = 100
YEARS = range(2016, 2026)
MONTHS = [
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
    "November",
    "December",
]
MUNICIPALITIES = {
    "Ekby": ("Hela perioden sedan start 2023", "Enbart 2025"),
    "Lundsås": ("Hela perioden sedan start 2023", "Enbart 2024"),
}
THEMES = {  # question: {theme: (label, phrase in an answer)}
    "bast": {
        "bast_tid": ("Mer tid för klienterna", "Mer tid för klienterna."),
        "bast_kollegor": ("Nya kollegor", "Nya kollegor att fråga."),
        "bast_kunskap": ("Mer kunskap", "Vi lärde oss mycket om arbetsmarknaden."),
        "bast_struktur": ("Tydligare struktur", "Tydligare struktur i ärendena."),
    },
    "battre": {
        "battre_lokaler": ("Bättre lokaler", "Lokalerna borde bli bättre."),
        "battre_info": ("Tydligare information", "Tydligare information till sökande."),
        "battre_tid": ("Mer tid för uppföljning", "Mer tid för uppföljning behövs."),
    },
}
QUESTION_TEXT = {
    "bast": "Vad var bäst med samarbetet?",
    "battre": "Vad borde bli bättre?",
    "arbetsplats": "Var arbetar du?",
    "period": "När var du med?",
}
MARK = "syntetisk"


def _write_csv(path: Path, rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows(rows)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def respondents(scale: int, rng: random.Random) -> list[dict]:
    """Who answered, where they work, when they took part, what they wrote and how it was coded."""
    people = []
    for rid in range(1, RESPONDENTS_PER_SCALE * scale + 1):
        where = "Ekby" if rng.random() < 0.45 else "Lundsås"
        person = {"id": rid, "where": where, "when": MUNICIPALITIES[where][rng.random() < 0.3], "codes": []}
        started = dt.datetime(2025, 9, 15, 8) + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 9))
        person["started"] = started.strftime("%Y-%m-%d %H:%M:%S")
        person["completed"] = (started + dt.timedelta(seconds=rng.randint(120, 3600))).strftime("%Y-%m-%d %H:%M:%S")
        for question, themes in THEMES.items():
            roll = rng.random()
            if roll < 0.05:
                person[question] = ""
            elif roll < 0.08:
                person[question] = "vet ej"
            else:
                chosen = rng.sample(sorted(themes), k=1 + (rng.random() < 0.35))
                person[question] = " ".join(themes[t][1] for t in chosen)
                person["codes"] += [(question, t) for t in chosen]
        people.append(person)
    return people


def write_survey(folder: Path, people: list[dict]) -> None:
    import openpyxl  # after collabstudy, which fixes openpyxl's XML writer (collabstudy/__init__.py)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(["ID", "Starttid", "Tid för slutförande", "E-post", "Namn", *QUESTION_TEXT.values()])
    for p in people:
        sheet.append(
            [
                p["id"],
                p["started"],
                p["completed"],
                "anonymous",
                "",
                p["bast"],
                p["battre"],
                p["where"],
                p["when"],
            ]
        )
    book.save(folder / "enkatsvar.xlsx")
    _write_csv(
        folder / "kodbok.csv",
        [["Fråga", "Tema", "Etikett", "Definition", "Rader i källan", "Temats ursprung"]]
        + [
            [q, t, label, f"Svaret nämner: {label.lower()}.", "1", MARK]
            for q, themes in THEMES.items()
            for t, (label, _) in themes.items()
        ],
    )
    _write_csv(
        folder / "kodning.csv",
        [["ID", "Fråga", "Tema", "Grund"]] + [[str(p["id"]), q, t, MARK] for p in people for q, t in p["codes"]],
    )
    response = [["Kommun", "Utskick", "Respondenter", "Svarsfrekvens"]]
    for where in MUNICIPALITIES:
        here = [p for p in people if p["where"] == where]
        sent = 2 * len(here)
        response.append([where, str(sent), str(len(here)), _percent(len(here), sent)])
    total = len(people)
    response.append(["Totalt", str(2 * total), str(total), _percent(total, 2 * total)])
    _write_csv(folder / "svarsfrekvens.csv", response)


def write_monthly(path: Path, rng: random.Random) -> None:
    rows = [["År", *MONTHS, "Sammanlagt", "Månadssnitt"]]
    for year in YEARS:
        level = 2 if year < 2023 else 4
        months = [max(0, level + rng.randint(-2, 2)) for _ in MONTHS]
        rows.append([str(year), *map(str, months), str(sum(months)), f"{sum(months) / 12:.1f}".replace(".", ",")])
    _write_csv(path, rows)


def write_study(root: Path, scale: int) -> Path:
    """The synthetic study at this scale under root/data/synthetic/x<scale>/; returns its params file."""
    rng = random.Random(scale)
    folder = root / "data" / "synthetic" / f"x{scale}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIXTURE / "data" / "raw", folder, ignore=shutil.ignore_patterns("rapport"))
    write_monthly(folder / "statistics" / "ekby-per-manad.csv", rng)
    people = respondents(scale, rng)
    write_survey(folder / "survey", people)
    _write_csv(
        folder / "LÄS-MIG.csv",
        [["Syntetiska data"], [f"Skapade av bench/synthetic.py i skala {scale}; inget är verkligt."]],
    )
    params = yaml.safe_load((FIXTURE / "params" / "fiktiv-2025.yaml").read_text(encoding="utf-8"))
    params["study"] = {
        "title": f"SYNTETISK studie, skala {scale} (Ekby–Lundsås, påhittade data)",
        "source": f"Syntetiska data (bench/synthetic.py, skala {scale})",
    }
    del params["published_report"]
    # One coding, the generated kodning.csv (the fixture's two coders coded the fixture's respondents).
    params["raw_files"]["survey_coding"] = {"path": "data/raw/survey/kodning.csv"}
    params["raw_files"].pop("survey_coding_reconciled", None)
    params["survey"].pop("coders", None)
    for value in params["raw_files"].values():
        for entry in value if isinstance(value, list) else [value]:
            entry["path"] = entry["path"].replace("data/raw/", f"data/synthetic/x{scale}/")
    target = root / "params" / f"syntetisk-x{scale}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "# SYNTETISKA DATA från bench/synthetic.py: inget här är verkligt.\n"
        + yaml.safe_dump(params, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    print(write_study(args.root, args.scale))
