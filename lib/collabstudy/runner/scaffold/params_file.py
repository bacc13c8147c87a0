"""The new study's params file."""

from __future__ import annotations

import json
import re

from ...present.formatting import long_date
from .plan import EXPORT_FILE, Plan
from .templates import Template


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _texts(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(item) for item in items) + "]"


def _commented(line: str, comment: str) -> str:
    """A line with its comment after it, comments aligned as in the hand-written params files."""
    return f"{line:<26} # {comment}"


def _entry(key: str, path: str, code: str | None = None, comment: str = "") -> list[str]:
    if code is None:
        head = f"  {key}:"
        return [_commented(head, comment) if comment else head, f"    path: {path}"]
    return [f"    - path: {path}", f"      municipality: {code}"]


YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def params_text(plan: Plan, files: list[Template]) -> str:
    """The new study's params file: the latest study's settings, the next period, the new deliveries."""
    values = plan.previous.values
    previous = values.reporting_window
    survey = values.survey
    by_key: dict[str, list[Template]] = {}
    for template in files:
        by_key.setdefault(template.key, []).append(template)
    lines = [
        f"# Studien {plan.name}: uppföljning för perioden {long_date(plan.start)}–{long_date(plan.end)}.",
        f"# Skapad av `make new-study` ur {plan.previous_path} (den senaste studien, perioden",
        f"# {long_date(previous.start)}–{long_date(previous.end)}): samma kommuner, mål och enkätfrågor.",
        f"# Leveranserna fylls i i mallarna i {plan.folder}/ (se LÄSMIG.md där). Rader märkta ÄNDRA ska",
        "# fyllas i eller kontrolleras innan studien körs; ta sedan bort markeringen (filen står i rapportens",
        "# bilaga). Datum skrivs ÅÅÅÅ-MM-DD.",
        "# Ingen published_report och inga scenarios: de hör till återskapandet av 2023 års rapport.",
        "study:",
        f"  title: {_quoted(values.study.title)}",
        "  # ÄNDRA: vad studien bygger på, så som titelblocket visar det (t.ex. vilka leveranser och när",
        '  # de kom: "Leveranser från Svedala och Trelleborg, maj 2024").',
        f"  source: {_quoted(f'Uppföljning {long_date(plan.start)}–{long_date(plan.end)}')}",
        "",
        "municipalities:",
    ]
    for m in values.municipalities:
        lines += [f"  - name: {_quoted(m.name)}", f"    code: {m.code}"]
    goal = values.goal
    lines += [
        "",
        _commented("goal:", "som i förra utvärderingen"),
        f"  municipality: {goal.municipality}",
        f"  reference: {goal.reference}",
        _commented(
            f"  equivalence_margin_pp: {_number(goal.equivalence_margin_pp)}",
            "största skillnad (procentenheter) som räknas som densamma",
        ),
        "",
        f"confidence_level: {_number(values.confidence_level)}",
        "",
        _commented("reporting_window:", "de tolv månaderna efter förra utvärderingens period"),
        f"  start: {plan.start.isoformat()}",
        f"  end: {plan.end.isoformat()}",
        "",
        f"baseline_year: {values.baseline_year}",
        f"collaboration_start: {values.collaboration_start.isoformat()}",
        "",
        "survey:",
        _commented(
            f"  sent: {survey.sent.isoformat()}", "ÄNDRA: dagen då enkäten skickades ut (nu står förra enkätens datum)"
        ),
        _commented(
            f"  open_days: {survey.open_days}", "ÄNDRA: antal dagar enkäten var öppen (nu står förra enkätens antal)"
        ),
        "  # Forms-exporten: kolumnrubrikerna exakt som exporten skriver dem. ÄNDRA text (och label) där",
        "  # frågorna formulerats om sedan förra enkäten, t.ex. ett årtal i frågan.",
        f"  id_column: {_quoted(survey.id_column)}",
        "  questions:",
    ]
    for key, question in survey.questions.items():
        parts = [f"text: {_quoted(question.text)}", f"label: {_quoted(question.label)}"]
        if question.kind != "free_text":
            parts.append(f"kind: {question.kind}")
        if question.area is not None:
            parts.append(f"area: {question.area}")
        if question.points is not None:
            parts.append(f"points: {question.points}")
        for name in ("low", "high"):
            if getattr(question, name) is not None:
                parts.append(f"{name}: {_quoted(getattr(question, name))}")
        if question.options is not None:
            parts.append(f"options: {_texts(question.options)}")
        years = sorted(set(YEAR.findall(f"{question.text} {question.label}")))
        if years:
            lines.append(
                f"    # ÄNDRA: frågan nämner {', '.join(years)}; skriv den som årets formulär och export har den"
            )
        lines.append(f"    {key}: {{{', '.join(parts)}}}")
    lines += [
        f"  dont_know: {_texts(survey.dont_know)}",
        _commented(
            f"  uncoded_share_allowed: {_number(survey.uncoded_share_allowed)}",
            "andel svar med text som får stå utan tema",
        ),
        _commented(
            f"  small_cell_threshold: {survey.small_cell_threshold}",
            "antal under detta markeras i tabeller och diagram",
        ),
        f"  suppress_small_cells: {'true' if survey.suppress_small_cells else 'false'}",
        _commented("  names:", "anonymisering: aldrig personnamn / alltid personnamn (utöver namnlistan)"),
        f"    allow: {_texts(survey.names.allow)}",
        f"    deny: {_texts(survey.names.deny)}",
        "",
        _commented("previous_evaluations:", "tidigare utvärderingar av samma samverkan, äldst först"),
        *[f"  - {path}" for path in [*values.previous_evaluations, plan.previous_path]],
        "",
        _commented("raw_files:", f"leveranserna, alla i {plan.folder}/"),
    ]
    for key in ("rolling_12m", "baseline"):
        lines += _entry(key, plan.path(by_key[key][0].file))
    for key in ("monthly_closures", "yearly"):
        lines.append(_commented(f"  {key}:", "en fil per kommun"))
        for template in by_key[key]:
            lines += _entry(key, plan.path(template.file), template.municipality)
    lines += _entry("survey_invitations", plan.path(by_key["survey_invitations"][0].file))
    lines += _entry(
        "survey_export",
        plan.path(EXPORT_FILE),
        comment="Forms-exporten, sparad här som den laddas ner (namn och e-post: hålls utanför git)",
    )
    for key in ("survey_codebook", "survey_coding"):
        lines += _entry(key, plan.path(by_key[key][0].file))
    lines += [
        _commented("  # evaluators_text:", "utvärderarnas egen bedömning (Markdown), om en sådan skrivs:"),
        f"  #   path: {plan.path('utvarderarnas-bedomning.md')}",
    ]
    return "\n".join(lines) + "\n"
