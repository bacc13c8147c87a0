"""The final document's prose: Swedish sentences built from the results registries.

Nothing here states a number that is not read from a registry or a processed table, and
every sentence that judges (met / not met, up / down) follows from those numbers.
"""
from __future__ import annotations

import pandas as pd

from ..present import formatting as f
from ..present.markdown import safe
from .findings import Findings


def _pp(value: float) -> str:
    return f"{f.number(abs(value), 1)} procentenheter"


def goal_met(x: Findings) -> bool:
    return bool(x.value("equivalence.met"))


def window(x: Findings) -> str:
    w = x.params.values.reporting_window
    return f"{f.long_date(w.start)} – {f.long_date(w.end)}"


def summary(x: Findings) -> str:
    goal, ref = x.name(x.goal), x.name(x.reference)
    level = f.number(x.params.values.confidence_level * 100)
    gap = x.value("gap.now") * 100
    lines = [
        (f"**Målet är {'nått' if goal_met(x) else 'inte nått'}.** Under perioden {window(x)} avslutades "
         f"{x.share_text(x.goal)} av de inskrivna i {goal} till arbete eller studier, mot {x.share_text(x.reference)} "
         f"i {ref}. Skillnaden ({goal} minus {ref}) är {f.number(gap, 1)} procentenheter "
         f"({level} % konfidensintervall {x.interval('gap.now')}), "
         + ("och andelarna kan betraktas som lika inom studiens marginal." if goal_met(x) else
            f"vilket är mer än marginalen ±{f.number(x.value('equivalence.margin') * 100)} procentenheter som studien "
            "tolkar ”densamma” som.")),
        (f"För att nå {ref}s andel med dagens antal inskrivna skulle {goal} behöva ungefär "
         f"{f.number(x.value('needed.per_period'))} fler avslut till arbete eller studier per år, "
         f"{f.number(x.value('needed.per_month'), 1)} fler i månaden."),
        _baseline_sentence(x),
        _monthly_sentence(x),
        (f"Enkäten besvarades av {f.x_of_y(x.value('survey.response.total.respondents'), x.value('survey.response.total.invited'), 0)} "
         f"av de tillfrågade. {_survey_headline(x)}"),
        (f"Rensningen av rapportens siffror gjorde {f.number(x.value('checks_made'))} kontroller och hittade "
         f"{f.number(x.value('checks_fel'))} fel i källan och {f.number(x.value('checks_varning'))} varningar; "
         "inga publicerade värden har ändrats (se bilaga A)."),
    ]
    return "\n\n".join(lines)


def _baseline_sentence(x: Findings) -> str:
    year = x.params.values.baseline_year
    goal, ref = x.name(x.goal), x.name(x.reference)
    change_goal, change_ref = x.value("baseline.main.goal_change_pp"), x.value("baseline.main.reference_change_pp")
    text = (f"Jämfört med basåret {year} har {goal}s andel {'minskat' if change_goal < 0 else 'ökat'} med "
            f"{_pp(change_goal)} och {ref}s {'minskat' if change_ref < 0 else 'ökat'} med {_pp(change_ref)}.")
    try:
        alternative = x.value("baseline.alternative.goal_change_pp")
    except KeyError:
        return text
    if (alternative > 0) != (change_goal > 0):
        text += (f" Med rapportens alternativa basårssiffra för {goal} blir riktningen den motsatta "
                 f"({'en ökning' if alternative > 0 else 'en minskning'} med {_pp(alternative)}), men den siffran "
                 "mäter en annan grupp.")
    return text + " Basårets andelar saknar publicerade nämnare och kan inte prövas statistiskt."


def _monthly_sentence(x: Findings) -> str:
    name = x.name(x.params.values.raw_files.monthly_closures.municipality)
    start = f.long_date(x.params.values.collaboration_start)
    return (f"I {name} var avsluten till arbete eller studier i genomsnitt {f.number(x.value('monthly.after.mean'), 1)} "
            f"per månad efter samverkans start {start}, mot {f.number(x.value('monthly.before.mean'), 1)} per månad före "
            f"(kvot {f.number(x.value('monthly.rate_ratio'), 1)}, intervall {f.number(x.value('monthly.rate_ratio.ci_low'), 1)}–"
            f"{f.number(x.value('monthly.rate_ratio.ci_high'), 1)}). Perioden före startdatumet räknas inte till samverkan, "
            "och den var enligt rapporten ovanligt svag.")


def top_theme(x: Findings, question: str, code: str) -> pd.Series | None:
    """The theme most respondents of a municipality mention, among themes with published counts."""
    rows = x.tallies[(x.tallies["question"] == question) & (x.tallies["municipality"] == code)
                     & x.tallies["count_published"] & (x.tallies["count"] > 0)]
    rows = rows[~rows["theme"].str.contains("ingen_vinst")]
    return None if rows.empty else rows.sort_values(["count", "theme"], ascending=[False, True]).iloc[0]


def _survey_headline(x: Findings) -> str:
    question = _question_with_most_counts(x)
    if question is None:
        return ""
    parts = []
    for code in x.params.values.codes:
        theme = top_theme(x, question, code)
        if theme is not None:
            parts.append(f"i {x.name(code)} ”{safe(theme['label'])}”, som {f.x_of_y(theme['count'], theme['respondents'], 0)} "
                         "nämnde")
    label = x.params.values.survey.questions[question].label.lower()
    return f"Vanligast under ”{label}” var " + ", och ".join(parts) + "." if parts else ""


def _question_with_most_counts(x: Findings) -> str | None:
    counted = x.tallies[x.tallies["count_published"]]
    if counted.empty:
        return None
    return counted.groupby("question")["count"].sum().idxmax()


def survey_section(x: Findings, question: str) -> str:
    """What each municipality says most often on one question, with a quote each where one exists."""
    settings = x.params.values.survey
    lines = [f"*{safe(settings.questions[question].text)}*"]
    for code in x.params.values.codes:
        theme = top_theme(x, question, code)
        mentioned = x.tallies[(x.tallies["question"] == question) & (x.tallies["municipality"] == code)
                              & (x.tallies["count"] > 0)]
        if theme is not None:
            lines.append(f"- **{x.name(code)}:** vanligast är ”{safe(theme['label'])}”, som nämns av "
                         f"{f.x_of_y(theme['count'], theme['respondents'], 0)} svarande.")
        elif not mentioned.empty:
            labels = ", ".join(f"”{safe(label)}”" for label in mentioned["label"].head(3))
            lines.append(f"- **{x.name(code)}:** rapporten redovisar inga antal för frågan; citerade teman är {labels}.")
        quote = _quote(x, question, code, None if theme is None else theme["label"])
        if quote:
            lines.append(f"  > {quote} ({code})")
    return "\n".join(lines)


def _quote(x: Findings, question: str, code: str, label: str | None) -> str:
    rows = x.quotes[(x.quotes["question"] == question) & (x.quotes["municipality"] == code)]
    if label is not None:
        preferred = rows[rows["themes"].fillna("").str.contains(label, regex=False)]
        rows = preferred if not preferred.empty else rows
    if rows.empty:
        return ""
    text = rows.assign(length=rows["quote"].str.len()).sort_values(["length", "quote"]).iloc[0]["quote"]
    return safe(text)


def conclusions(x: Findings) -> str:
    goal, ref = x.name(x.goal), x.name(x.reference)
    bullets = [
        (f"**Målet:** {goal}s andel sökande som avslutas till arbete eller studier är "
         f"{'i nivå med' if goal_met(x) else 'lägre än'} {ref}s. "
         f"Skillnaden ({_pp(x.value('gap.now') * 100)}) är statistiskt säkerställd "
         f"(p {'< 0,001' if x.value('gap.test.p_value') < 0.001 else '= ' + f.number(x.value('gap.test.p_value'), 3)})."
         if x.value("gap.test.p_value") < 1 - x.params.values.confidence_level else
         f"**Målet:** skillnaden mellan {goal} och {ref} är inte statistiskt säkerställd."),
        (f"**Riktningen:** antalet avslut till arbete eller studier per månad i "
         f"{x.name(x.params.values.raw_files.monthly_closures.municipality)} har ökat efter samverkans start; "
         "att följa det månad för månad i ett styrdiagram är det enklaste sättet att se om ökningen håller."),
        (f"**Vad som krävs:** omkring {f.number(x.value('needed.per_period'))} fler avslut per år i {goal} "
         f"vid dagens antal inskrivna."),
        "**Enkäten:** " + _survey_headline(x),
        ("**Vad data inte kan säga:** hur mycket pandemin påverkade utfallet; om förändringen mot basåret är verklig, "
         "eftersom basårets andelar saknar nämnare; trender som går genom 2021, där källan själv markerar värdena som "
         "osäkra eller saknade; och något om enskilda svar utöver de citat rapporten publicerar, eftersom "
         "enkätens svarsrader är en rekonstruktion."),
    ]
    return "\n".join(f"- {b}" for b in bullets)


AREAS = {"gain": "vinster", "challenge": "utmaningar", "lesson": "lärdomar", "improvement": "förbättringar"}


def background(x: Findings) -> str:
    values = x.params.values
    goal, ref = x.name(x.goal), x.name(x.reference)
    return (f"{goal} och {ref} samverkar sedan {f.long_date(values.collaboration_start)} kring ekonomiskt bistånd och "
            f"arbetsmarknadsinsatser: {ref} ansvarar för handläggningen och arbetsmarknadsinsatserna även för "
            f"sökande i {goal}. Samverkans mål är att andelen sökande som lämnar ekonomiskt bistånd för arbete eller "
            f"studier i genomsnitt ska vara lika stor i {goal} som i {ref}, och sedan hållas på den nivån. "
            f"Utgångsläget är basåret {values.baseline_year}, som utredningen inför samverkan utgick från.\n\n"
            f"Den här rapporten räknar om utvärderingen ur data: utfallet mot målet för perioden {window(x)}, "
            "utvecklingen månad för månad och år för år, och vad medarbetarna svarade i enkäten.")


def method(x: Findings) -> str:
    return ("Underlaget är källrapportens egna tabeller och siffror, överförda till datafiler där varje värde har en "
            "hänvisning till sin plats i rapporten. Varje tabell prövas mot ett schema och mot sig själv: delar mot "
            "totaler, andelar mot antal vid rapportens avrundning, och siffrorna i rapportens text mot tabellerna "
            f"({f.number(x.value('checks_made'))} kontroller, se bilaga A). Andelar redovisas med konfidensintervall "
            "och skillnader prövas statistiskt (bilaga D).\n\n"
            "Enkätens enskilda svar är inte offentliga. Studien har därför återskapat en svarsfil där varje citat som "
            "rapporten publicerar står hos en svarande från rätt kommun och under rätt fråga, och där varje antal som "
            "rapporten redovisar stämmer. Allt annat är markerat som *ej publicerat*; inga svar är påhittade. "
            "Personnamn i fritext ersätts med [namn].")


def goal_results(x: Findings) -> str:
    goal, ref = x.name(x.goal), x.name(x.reference)
    level = f.number(x.params.values.confidence_level * 100)
    rows = ["| | " + " | ".join([goal, ref]) + " |", "|---|---|---|"]
    for key, label in (("closures", "Avslutade totalt"), ("closures_work_studies", "Avslutade till arbete eller studier")):
        cells = [f"{f.x_of_y(x.value(f'{c}.{key}.count'), x.value(f'{c}.enrolled'))}" for c in (x.goal, x.reference)]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = [x.interval(f"{c}.closures_work_studies") + " %" for c in (x.goal, x.reference)]
    rows.append(f"| {level} % konfidensintervall (arbete/studier) | " + " | ".join(cells) + " |")
    return (f"Tabellen visar utfallet för de senaste tolv månaderna ({window(x)}), räknat från antalen.\n\n"
            + "\n".join(rows) + "\n\n" + summary(x).split("\n\n")[0].replace("**", "") + "\n\n"
            + _baseline_sentence(x) + "\n\n" + _monthly_sentence(x))


def survey_intro(x: Findings) -> str:
    parts = [f"{f.x_of_y(x.value(f'survey.response.{c}.respondents'), x.value(f'survey.response.{c}.invited'), 0)} "
             f"i {x.name(c)}" for c in x.params.values.codes]
    return (f"Enkäten gick till {f.number(x.value('survey.response.total.invited'))} medarbetare och besvarades av "
            f"{' och '.join(parts)}. Svaren är anonyma. Varje svar kan nämna flera teman; andelarna nedan är andelar av "
            "kommunens svarande och summerar därför inte till 100 %. Små antal ska läsas försiktigt: ingen skillnad "
            "mellan kommunerna är statistiskt säkerställd.")


def survey_area(x: Findings, area: str) -> str:
    questions = [k for k, q in x.params.values.survey.questions.items() if q.area == area]
    if not questions:
        return f"Enkäten har ingen fråga om {AREAS[area]}."
    return "\n\n".join(survey_section(x, q) for q in questions)


def reproduction_sentence(counts: dict) -> str:
    return (f"Av {f.number(counts['total'])} publicerade siffror stämmer {f.number(counts['agrees'])} med studiens "
            f"omräkning, {f.number(counts['inputs'])} är indata som inte kan räknas om, och "
            f"{f.number(counts['differs'])} avviker eller är osäkra – var och en förklarad i tabellen.")


def provenance_sentence(params, commit: str) -> str:
    return (f"Parameterfil: `{params.file.name}`. Programversion (git): `{commit}`. Rapporten byggs om med "
            "`make run` och ger samma siffror från samma indata.")
