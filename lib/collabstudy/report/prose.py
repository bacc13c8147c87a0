"""The final document's prose: Swedish sentences built from the results registries.

Nothing here states a number that is not read from a registry or a processed table, and
every sentence that judges (met / not met, up / down) follows from those numbers.
"""

from __future__ import annotations

from ..io import keys
from ..outcomes.periods import stated
from ..outcomes.sentences import (
    baseline_sentence,
    direction_phrase,
    monthly_sentences,
    plain_monthly,
    series_headline,
    series_sentence,
    yearly_sentences_per_municipality,
)
from ..outcomes.tables import series_table, yearly_table
from ..present import formatting as f
from ..present.markdown import safe
from ..present.words import GOAL_HEADLINE, and_list, changed_by, comparison_word
from ..stats.power import detectable_difference
from ..stats.verdicts import MET, NO_RANKING, NOT_MET, SHOWN, SINGLE, UNCLEAR
from ..study.vocabulary import ERROR, OK, WARNING
from ..survey.closed_tables import closed_sentence, closed_table
from ..survey.tables import recurring_sentence, response_series_table
from .findings import Findings

# What happens to personal data in the answers (collabstudy.privacy), said once for both kinds of study.
ANONYMISED = (
    "Personnamn, personnummer, telefonnummer, e-postadresser och gatuadresser i fritexten ersätts med "
    "[namn], [personnummer], [telefon], [e-post] och [adress]."
)


def window(x: Findings) -> str:
    w = x.params.values.reporting_window
    return f.date_span(w.start, w.end)


def goal_paragraph(x: Findings) -> str:
    """The goal's verdict as the results state it: both shares, the gap with its interval and what the
    verdict rests on (the summary has the plain version, plain_goal_paragraph)."""
    goal, ref = x.name(x.goal), x.name(x.reference)
    level = f.number(x.params.values.confidence_level * 100)
    verdict = x.verdict(keys.GOAL_VERDICT)
    margin = (
        f"studiens marginal för lika stora andelar, ±{f.number(x.value(keys.EQUIVALENCE_MARGIN) * 100)} procentenheter"
    )
    reason = {
        MET: f"och ett ekvivalenstest visar att den ligger inom {margin}.",
        NOT_MET: f"och hela intervallet ligger utanför {margin}.",
    }.get(verdict.value, f"och intervallet når in i {margin}, men ligger inte helt inom den.")
    return (
        f"**{GOAL_HEADLINE[verdict.value]}** Andelen som avslutades till arbete eller studier var "
        f"{f.percent(x.value(keys.share(x.goal, WORK_STUDIES, 'share')))} i {goal} och "
        f"{f.percent(x.value(keys.share(x.reference, WORK_STUDIES, 'share')))} i {ref} (tabellen). Skillnaden, {goal} minus {ref}, är {f.number(x.value(keys.GAP) * 100, 1)} procentenheter "
        f"({level} % konfidensintervall {x.interval(keys.GAP)}), " + reason
    )


def summary(x: Findings) -> str:
    """The summary in plain Swedish: the verdict and what it rests on, without test statistics (those are
    in the results); each figure said once, the alternative baseline left to the results with its caveat."""
    invited, answered = x.value(keys.response("total", "invited")), x.value(keys.response("total", "respondents"))
    lines = [
        plain_goal_paragraph(x),
        *([headline] if (headline := _series_headline(x)) else []),
        _needed_sentence(x),
        _baseline_sentence(x),
        _monthly_plain(x),
        (
            f"Av {f.number(invited)} tillfrågade besvarade {f.number(answered)} ({f.percent(answered / invited, 0)}) "
            f"enkäten. {_survey_headline(x)}"
        ).strip(),
        _checks_sentence(x),
    ]
    return "\n\n".join(lines)


def reading_guide(x: Findings) -> str:
    """'Så läser du siffrorna': interval, 'statistiskt säkerställd', the study's margin and why a small
    survey rarely shows a difference, with this study's level, margin and numbers of respondents."""
    level = x.params.values.confidence_level
    margin = f"±{f.number(x.value(keys.EQUIVALENCE_MARGIN) * 100)} procentenheter"
    respondents = {c: int(x.value(keys.response(c, "respondents"))) for c in x.params.values.codes}
    counts = [
        f"{f.number(n)} {'svarande ' if i == 0 else ''}i {x.name(c)}" for i, (c, n) in enumerate(respondents.items())
    ]
    answered = and_list(counts)
    smallest = sorted(respondents.values())[:2]
    detectable = detectable_difference(*smallest, level) if len(smallest) == 2 else None
    return "\n".join(
        [
            '<div class="reading-guide" role="note" aria-label="Så läser du siffrorna">',
            "",
            "**Så läser du siffrorna**",
            "",
            f"- **Intervall.** Andelar från ett år och en grupp människor påverkas av slumpen. Intervallet "
            f"({f.number(level * 100)} % konfidensintervall) visar var det sanna värdet rimligen ligger; ju färre "
            "personer, desto bredare intervall.",
            "- **Statistiskt säkerställd.** En skillnad kallas statistiskt säkerställd när den är så stor att slumpen "
            f"knappast kan förklara den (sannolikheten för en så stor skillnad av en slump är under "
            f"{f.percent(1 - level, 0)}). Att en skillnad *inte* är säkerställd betyder inte att det inte finns någon "
            "skillnad, bara att underlaget inte räcker för att visa den.",
            f"- **”Lika stor”.** Målet säger att andelarna ska vara lika stora. Studien räknar dem som lika stora när "
            f"hela intervallet för skillnaden ligger inom {margin}; den gränsen är studiens val, inte målets.",
            *(
                [
                    f"- **Enkätens storlek** ({answered}). Med så många svarande måste en skillnad mellan "
                    f"kommunerna vara omkring {f.number(detectable * 100)} procentenheter för att enkäten med god "
                    "säkerhet ska visa den; mindre skillnader kan finnas utan att synas."
                ]
                if detectable is not None and detectable < 1
                else []
            ),
            "",
            "</div>",
        ]
    )


WORK_STUDIES = "closures_work_studies"


def _share_of_enrolled(x: Findings, code: str) -> str:
    """'62 av de 306 inskrivna (20,3 %)'."""
    count, enrolled = x.value(keys.share(code, WORK_STUDIES, "count")), x.value(keys.count(code, "enrolled"))
    return f"{f.number(count)} av de {f.number(enrolled)} inskrivna ({f.percent(x.value(keys.share(code, WORK_STUDIES, 'share')))})"


def _gap_span(x: Findings) -> str:
    """The gap's interval in words: 'mellan 6,9 och 17,5 procentenheter' when it lies on one side of zero,
    'mellan 3,0 procentenheter lägre och 2,0 högre' when it crosses it."""
    low, high = x.value(keys.GAP + ".ci_low") * 100, x.value(keys.GAP + ".ci_high") * 100
    if low * high > 0:
        near, far = sorted((abs(low), abs(high)))
        return f"mellan {f.number(near, 1)} och {f.number(far, 1)} procentenheter"
    return f"mellan {f.number(abs(low), 1)} procentenheter lägre och {f.number(high, 1)} högre"


def plain_goal_paragraph(x: Findings) -> str:
    """The verdict for a reader without statistics: both shares, the gap, the range it lies in, and the
    margin said to be the study's own choice (the goal says only 'lika stor')."""
    goal, ref = x.name(x.goal), x.name(x.reference)
    verdict, gap = x.verdict(keys.GOAL_VERDICT), x.value(keys.GAP)
    margin = f"±{f.number(x.value(keys.EQUIVALENCE_MARGIN) * 100)} procentenheter"
    choice = f"Målet säger ”lika stor”; studien räknar andelarna som lika stora om skillnaden ligger inom {margin}, en gräns som är studiens eget val."
    size = f.number(abs(gap) * 100, 1)
    compared = comparison_word(gap)
    difference = (
        f"{f.genitive(goal)} andel är {size} procentenheter {compared} {f.genitive(ref)}"
        if compared != comparison_word(0)
        else "andelarna är lika stora"
    )
    reach = {
        MET: "Hela det spannet ligger inom studiens gräns för ”lika stor”.",
        NOT_MET: "Hela det spannet ligger utanför studiens gräns för ”lika stor”.",
    }.get(verdict.value, "Spannet når in i studiens gräns för ”lika stor” men ligger inte helt inom den.")
    return (
        f"**{GOAL_HEADLINE[verdict.value]}** Under perioden {window(x)} avslutades {_share_of_enrolled(x, x.goal)} "
        f"i {goal} till arbete eller studier, mot {_share_of_enrolled(x, x.reference)} i {ref}. {difference}; med "
        f"hänsyn till slumpen ligger skillnaden {_gap_span(x)}. {reach} {choice}"
    )


def _monthly_plain(x: Findings) -> str:
    """The monthly comparisons a reader is told, in words: the two means and how many times as many,
    and whether the change is shown (outcomes.sentences.plain_comparison)."""
    codes = list(x.monthly_comparisons["municipality"].drop_duplicates())
    said = [
        plain_monthly(list(stated(x.monthly_comparisons, code).itertuples()), x.monthly_periods, x.name(code))
        for code in codes
    ]
    without = [x.name(c) for c in x.params.values.codes if c not in set(codes)]
    if without:
        said.append(f"{and_list(without)} har ingen månadsserie i underlaget.")
    if _has_evaluators_text(x):
        said.append(EVALUATORS_POINTER)
    return " ".join(said)


# Said only where the study has the evaluators' own text (raw_files.evaluators_text), which the document shows.
EVALUATORS_POINTER = "Utvärderarnas egen bedömning av utfallet, med deras förklaringar, står längre ned."


def _has_evaluators_text(x: Findings) -> bool:
    return bool(x.params.deliveries("evaluators_text"))


def _checks_sentence(x: Findings) -> str:
    what, where, kept = (
        ("rapportens siffror", "i källan", "publicerade")
        if x.reproduces
        else ("leveranserna", "i leveranserna", "levererade")
    )
    errors, warnings = x.value(keys.checks_with(ERROR)), x.value(keys.checks_with(WARNING))
    found = (
        "inga fel och inga varningar"
        if not errors and not warnings
        else f"{_count_word(errors, 'fel', 'fel')} {where} och {_count_word(warnings, 'varning', 'varningar')}"
    )
    return (
        f"Rensningen av {what} gjorde {f.number(x.value(keys.CHECKS_MADE))} kontroller och hittade {found}; "
        f"inga {kept} värden har ändrats (se bilaga A)."
    )


def _count_word(count: int, one: str, many: str) -> str:
    return "inga " + many if not count else f"{f.number(count)} {one if count == 1 else many}"


def _needed_sentence(x: Findings) -> str:
    goal, ref = x.name(x.goal), x.name(x.reference)
    if not x.value(keys.NEEDED_PER_PERIOD):
        return f"Med dagens antal inskrivna når {goal} redan {f.genitive(ref)} andel avslut till arbete eller studier."
    return (
        f"För att nå {f.genitive(ref)} andel med dagens antal inskrivna skulle {goal} behöva ungefär "
        f"{f.number(x.value(keys.NEEDED_PER_PERIOD))} fler avslut till arbete eller studier per år, "
        f"{f.number(x.value(keys.NEEDED_PER_MONTH), 1)} fler i månaden."
    )


def _baseline_sentence(x: Findings) -> str:
    """The main baseline only: an alternative figure is for the results, with its caveat (_baseline_detail)."""
    year = x.params.values.baseline_year
    goal, ref = x.name(x.goal), x.name(x.reference)
    change_goal = x.value(keys.baseline("main", "goal_change_pp"))
    change_ref = x.value(keys.baseline("main", "reference_change_pp"))
    text = (
        f"Jämfört med basåret {year}: {f.genitive(goal)} andel {changed_by(change_goal, 'procentenheter')} och "
        f"{f.genitive(ref)} andel {changed_by(change_ref, 'procentenheter')}."
    )
    if not _baseline_has_denominators(x):
        text += f" Basårets andelar {'publicerades' if x.reproduces else 'levererades'} utan antal sökande, så förändringen kan inte prövas mot slumpen."
    return text


def _baseline_has_denominators(x: Findings) -> bool:
    return bool(x.baseline["denominator"].notna().all())


def _monthly_text(x: Findings) -> str:
    """The monthly series per municipality: the comparisons a reader is told (outcomes.monthly.stated)."""
    bullets = monthly_sentences(
        x.monthly_comparisons, x.monthly_periods, x.params, x.params.values.confidence_level, all_of_them=False
    )
    lead = (
        "Avslut till arbete eller studier per månad (samverkan startade "
        f"{f.long_date(x.params.values.collaboration_start)}; månaderna före räknas inte till samverkan):"
    )
    text = lead + "\n\n" + bullets
    without = [x.name(c) for c in x.params.values.codes if c not in set(x.monthly_comparisons["municipality"])]
    if without:
        text += f"\n\n{and_list(without)} har ingen månadsserie i underlaget."
    return text


def _series_change(x: Findings) -> dict | None:
    """The change since the latest earlier evaluation, as step 02 recorded it (None without one)."""
    if not x.params.values.previous_evaluations:
        return None
    fields = ("change", "ci_low", "ci_high", "p_value", "gap_change")
    return {field: x.value(keys.series_change(field)) for field in fields} | {
        "verdict": x.verdict(keys.SERIES_CHANGE_VERDICT)
    }


def _series_headline(x: Findings) -> str:
    return series_headline(x.evaluations, _series_change(x), x.params)


def series_section(x: Findings) -> list:
    """The section comparing with earlier evaluations (nothing when the study has none), as Markdown
    texts and tables in reading order: the goal's figures baseline → earlier → now, the change since
    the latest with its test, the response rate, and the themes that recur."""
    if not x.params.values.previous_evaluations:
        return []
    level, change = x.params.values.confidence_level, _series_change(x)
    parts = [
        "## Jämfört med tidigare utvärderingar",
        "Basåret, de tidigare utvärderingarna och denna period, med samma mått och samma regler.",
        series_table(x.evaluations, x.params, level),
        series_sentence(x.evaluations, change, x.params, level),
        "Svarsfrekvensen i enkäten:",
        response_series_table(x.response_series, level),
        recurring_sentence(x.recurring, x.params, True),
    ]
    return parts


def theme_phrase(x: Findings, question: str, code: str) -> str | None:
    """'”A”, som 8 av 22 nämnde', ties and 'at least as common' themes named; None when nothing can be ranked."""
    verdict = x.verdict(keys.top_theme(question, code))
    if verdict.value == NO_RANKING:
        return None
    named = and_list([f"”{safe(x.theme_label(t))}”" for t in verdict.inputs["top"]])
    count = f.x_of_y(verdict.inputs["count"], x.respondents(code), 0)
    text = f"{named}, som {count} nämnde" if verdict.value == SINGLE else f"{named}, som vardera {count} nämnde"
    also = verdict.inputs["at_least_as_common"]
    if also:
        text += (
            f" (minst lika många kan ha nämnt {and_list([f'”{safe(x.theme_label(t))}”' for t in also])}, "
            "vars antal inte är känt)"
        )
    return text


def _survey_headline(x: Findings) -> str:
    question = _question_with_most_counts(x)
    if question is None:
        return ""
    parts = [
        f"i {x.name(code)} {phrase}"
        for code in x.params.values.codes
        if (phrase := theme_phrase(x, question, code)) is not None
    ]
    label = x.params.values.survey.questions[question].label.lower()
    return f"Vanligast under ”{label}” var " + ", och ".join(parts) + "." if parts else ""


def _question_with_most_counts(x: Findings) -> str | None:
    counted = x.tallies[x.tallies["count_exact"]]
    if counted.empty:
        return None
    return counted.groupby("question")["count"].sum().idxmax()


QUOTED_THEMES = 3  # at most so many themes of one municipality get a quote each (a tie of more is named only)


def survey_section(x: Findings, question: str) -> str:
    """What each municipality says most often on one question, each named theme with a quote of its own
    (an answer coded with that theme, survey.figures.illustrating_quote)."""
    settings = x.params.values.survey
    lines = [f"*{safe(settings.questions[question].text)}*"]
    for code in x.params.values.codes:
        verdict = x.verdict(keys.top_theme(question, code))
        phrase = theme_phrase(x, question, code)
        if phrase is not None:
            lines.append(f"- **Svarande i {x.name(code)}:** vanligast är {phrase}.")
            named = verdict.inputs["top"]
        elif verdict.inputs.get("most_known"):
            named = verdict.inputs["most_known"]
            themes = and_list([f"”{safe(x.theme_label(t))}”" for t in named])
            unit = "citat" if x.reproduces else "svar"
            each = " vardera" if len(named) > 1 else ""
            lines.append(
                f"- **Svarande i {x.name(code)}:** flest {_known_answers(x)} hör till {themes} "
                f"({f.number(verdict.inputs['known_count'])} {unit}{each})."
            )
        else:
            continue
        for theme in named[:QUOTED_THEMES]:
            label = x.theme_label(theme)
            quote = _illustration(x, question, code, label)
            if quote:
                under = f"*{safe(label)}:* " if len(named) > 1 else ""
                lines.append(f"  - {under}”{safe(quote)}”")
    return "\n".join(lines)


def _illustration(x: Findings, question: str, code: str, label: str) -> str | None:
    """The quote step 03 chose for the theme (survey.figures.illustrating_quote), or None."""
    if x.illustrations.empty:
        return None
    found = x.illustrations[
        (x.illustrations["question"] == question)
        & (x.illustrations["municipality"] == code)
        & (x.illustrations["label"] == label)
    ]
    return None if found.empty else found["quote"].iloc[0]


def _known_answers(x: Findings) -> str:
    """What an inexact count counts: in a reconstruction the published quotes, otherwise the answers known."""
    return "av de publicerade citaten" if x.reproduces else "kända svar"


def _uncounted_questions(x: Findings) -> list[str]:
    """The free-text questions with no exact count for any theme (a report that published only quotes)."""
    counted = set(x.tallies.loc[x.tallies["count_exact"], "question"])
    asked = set(x.tallies["question"])
    return [q for q in x.params.values.survey.free_text if q in asked and q not in counted]


def _goal_bullet(x: Findings) -> str:
    goal, ref = x.name(x.goal), x.name(x.reference)
    verdict, difference = x.verdict(keys.GOAL_VERDICT), x.verdict(keys.DIFFERENCE_VERDICT)
    size = f.points(x.value(keys.GAP) * 100)
    if verdict.value == MET:
        return (
            f"**Målet:** {f.genitive(goal)} andel sökande som avslutas till arbete eller studier är i nivå med {f.genitive(ref)}: "
            f"skillnaden ({size}) ligger inom studiens marginal."
        )
    compared = comparison_word(x.value(keys.GAP))
    if verdict.value == NOT_MET:
        shown = " och är statistiskt säkerställd" if difference.value == SHOWN else ""
        return (
            f"**Målet:** {f.genitive(goal)} andel sökande som avslutas till arbete eller studier är {compared} {f.genitive(ref)}: "
            f"skillnaden ({size}) är större än studiens marginal{shown}."
        )
    shown = (
        f"{f.genitive(goal)} andel är {compared} {f.genitive(ref)} och skillnaden ({size}) är statistiskt säkerställd"
        if difference.value == SHOWN
        else f"skillnaden mellan {goal} och {ref} ({size}) är inte statistiskt säkerställd"
    )
    return f"**Målet:** det går ännu inte att säga om målet är nått: {shown}, men intervallet når in i marginalen."


def conclusions(x: Findings) -> str:
    goal = x.name(x.goal)
    bullets = [
        _goal_bullet(x),
        *([f"**Utvecklingen:** {headline}"] if (headline := _series_headline(x)) else []),
        _direction_bullet(x),
        (
            f"**Vad som krävs:** omkring {f.number(x.value(keys.NEEDED_PER_PERIOD))} fler avslut per år i {goal} "
            f"vid dagens antal inskrivna."
            if x.value(keys.NEEDED_PER_PERIOD)
            else f"**Vad som krävs:** {goal} når redan jämförelsekommunens andel vid dagens antal inskrivna."
        ),
        *([f"**Enkäten i korthet:** {areas}"] if (areas := _areas_in_short(x)) else []),
        *([f"**Vad siffrorna inte visar:** {limits}."] if (limits := _limits(x)) else []),
    ]
    return "\n".join(f"- {b}" for b in bullets)


def _short_top(x: Findings, question: str, code: str) -> str | None:
    """One municipality's most common theme of one question, briefly: '”A”: 9 av 15 (60 %)', '”A” och ”B”,
    vardera 5 av 22 (23 %)', or '”A” (flest citat)' where the counts are not known; None when there is
    nothing to name."""
    try:
        verdict = x.verdict(keys.top_theme(question, code))
    except KeyError:  # a question nobody in the municipality answered has no ranking
        return None
    named = verdict.inputs["top"] or verdict.inputs.get("most_known") or []
    if not named:
        return None
    themes = and_list([f"”{safe(x.theme_label(t))}”" for t in named])
    if verdict.inputs["top"]:
        count = f.x_of_y(verdict.inputs["count"], x.respondents(code), 0)
        text = f"{themes}, vardera {count}" if len(named) > 1 else f"{themes}: {count}"
        also = verdict.inputs["at_least_as_common"]  # a theme without a count that may be as common
        if also:
            text += f" (lika många kan ha nämnt {and_list([f'”{safe(x.theme_label(t))}”' for t in also])})"
        return text
    return f"{themes} ({'flest citat' if x.reproduces else 'flest kända svar'})"


def _areas_in_short(x: Findings) -> str:
    """Gains, challenges, lessons and improvements, each by its first question's most common theme per
    municipality (the survey section has them all)."""
    questions = x.params.values.survey.questions
    said = []
    for area, heading in AREA_HEADINGS.items():
        first = next((k for k, q in questions.items() if q.area == area), None)
        if first is None:
            continue
        tops = [f"i {x.name(c)} {top}" for c in x.params.values.codes if (top := _short_top(x, first, c))]
        if tops:
            said.append(f"{heading} (”{safe(questions[first].label)}”): {'; '.join(tops)}.")
    return " ".join(said)


def _direction_bullet(x: Findings) -> str:
    codes = list(x.monthly_comparisons["municipality"].drop_duplicates())
    rows = {code: list(stated(x.monthly_comparisons, code).itertuples()) for code in codes}
    directions = {row.direction for code in codes for row in rows[code] if not row.reason}
    follow = (
        "att följa serien månad för månad i ett styrdiagram är det enklaste sättet att se om en förändring kommer"
        if directions <= {UNCLEAR}
        else "att följa serien månad för månad i ett styrdiagram är det enklaste sättet att se om förändringen håller"
    )
    said = "; ".join(direction_phrase(rows[code], x.name(code)) for code in codes)
    return f"**Riktningen:** avslut till arbete eller studier per månad – {said}; {follow}."


def _limits(x: Findings) -> str:
    """What the figures cannot show, each limit stated only where these data have it."""
    theirs = ", och utvärderarnas förklaringar står i deras bedömning" if _has_evaluators_text(x) else ""
    limits = [f"vad som orsakade utfallet (siffrorna visar vad som hände, inte varför{theirs})"]
    if not _baseline_has_denominators(x):
        limits.append("om förändringen mot basåret är verklig, eftersom basårets andelar saknar nämnare")
    doubtful = sorted({int(y) for y in x.yearly_levels.loc[x.yearly_levels["status"] != OK, "year"]})
    if doubtful:
        years = and_list([str(y) for y in doubtful])
        limits.append(
            f"trender i statistiken per år som går genom {years}, där underlaget markerar värden som osäkra eller "
            "saknade"
        )
    if x.reproduces:
        limits.append(
            "något om enskilda svar utöver de citat rapporten publicerar, eftersom enkätens svarsrader är en "
            "rekonstruktion"
        )
    return "; ".join(limits)


AREAS = {"gain": "vinster", "challenge": "utmaningar", "lesson": "lärdomar", "improvement": "förbättringar"}


def background(x: Findings) -> str:
    values = x.params.values
    goal, ref = x.name(x.goal), x.name(x.reference)
    return (
        f"{goal} och {ref} samverkar sedan {f.long_date(values.collaboration_start)} kring ekonomiskt bistånd och "
        "arbetsmarknadsinsatser"
        # how the work is shared is the published report's account, not something the data say
        + (
            f": {ref} ansvarar för handläggningen och arbetsmarknadsinsatserna även för sökande i {goal}. "
            if x.reproduces
            else ". "
        )
        + f"Samverkans mål är att andelen sökande som lämnar ekonomiskt bistånd för arbete eller "
        f"studier i genomsnitt ska vara lika stor i {goal} som i {ref}, och sedan hållas på den nivån. "
        f"Utgångsläget är basåret {values.baseline_year}"
        + (", som utredningen inför samverkan utgick från" if x.reproduces else "")
        + ".\n\n"
        + (
            f"Den här rapporten räknar fram utvärderingens resultat på nytt ur underlaget: utfallet mot målet för perioden {window(x)}, "
            "utvecklingen månad för månad och år för år, och vad medarbetarna svarade i enkäten."
            if x.reproduces
            else f"Den här uppföljningen redovisar utfallet mot målet för perioden {window(x)}, utvecklingen "
            "månad för månad och år för år"
            + (", jämförelsen med tidigare utvärderingar" if x.params.values.previous_evaluations else "")
            + " och vad medarbetarna svarade i enkäten."
        )
    )


def method(x: Findings) -> str:
    checks = f"({f.number(x.value(keys.CHECKS_MADE))} kontroller, se bilaga A)"
    statistics = "Andelar redovisas med konfidensintervall och skillnader prövas statistiskt (bilaga C)."
    if x.reproduces:
        return (
            "Underlaget är källrapportens egna tabeller och siffror, överförda till datafiler där varje värde har en "
            "hänvisning till sin plats i rapporten. Varje tabell kontrolleras: att värdena har rätt form, att delar summerar "
            "till totaler, att andelar stämmer med antalen vid rapportens avrundning och att siffrorna i rapportens text "
            "stämmer med tabellerna "
            f"{checks}. {statistics} Varje siffra som rapporten publicerar står bredvid studiens värde i bilaga F.\n\n"
            "Enkätens enskilda svar är inte offentliga. Studien har därför återskapat en svarsfil där varje citat som "
            "rapporten publicerar står hos en svarande från rätt kommun och under rätt fråga, och där varje antal som "
            "rapporten redovisar stämmer. Allt annat är markerat som *ej publicerat*; inga svar är påhittade. "
            f"{ANONYMISED}"
        )
    answers = int(x.coverage["answers"].sum())
    coded = int(x.coverage["coded"].sum())
    return (
        "Underlaget är kommunernas leveranser: tabellen över de senaste tolv månaderna, avslut per månad, "
        "statistiken per år, antalet utskick per kommun och enkätens svarsfil från Microsoft Forms. Varje "
        f"leverans kontrolleras: att värdena har rätt form och att till exempel delar summerar till totaler {checks}. "
        f"{statistics}\n\n"
        "Antalet svarande per kommun räknas ur svarsfilen. Fritextsvaren har kodats i teman av analytikerna: "
        f"{f.number(coded)} av {f.number(answers)} svar med text är kodade. Svarsfilens kolumner för namn och "
        f"e-post läses aldrig in. {ANONYMISED}"
    )


def goal_results(x: Findings) -> str:
    goal, ref = x.name(x.goal), x.name(x.reference)
    level = f.number(x.params.values.confidence_level * 100)
    rows = ["| | " + " | ".join([goal, ref]) + " |", "|---|---|---|"]
    for key, label in (
        ("closures", "Avslutade totalt"),
        ("closures_work_studies", "Avslutade till arbete eller studier"),
    ):
        cells = [
            f.x_of_y(x.value(keys.share(c, key, "count")), x.value(keys.count(c, "enrolled")))
            for c in (x.goal, x.reference)
        ]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = [x.interval(f"{c}.closures_work_studies") + f.NBSP + "%" for c in (x.goal, x.reference)]
    rows.append(f"| {level} % konfidensintervall (arbete/studier) | " + " | ".join(cells) + " |")
    return (
        f"Tabellen visar utfallet för de senaste tolv månaderna ({window(x)}), räknat från antalen.\n\n"
        + "\n".join(rows)
        + "\n\n"
        + goal_paragraph(x).replace("**", "")
        + "\n\n"
        + _baseline_detail(x)
        + "\n\n"
        + _calendar_sentence(x)
        + "\n\n"
        + _monthly_text(x)
    )


def _baseline_detail(x: Findings) -> str:
    """The baseline comparison as step 02 states it (the alternative baseline with its caveat)."""
    if x.baseline_comparison.empty:
        return _baseline_sentence(x)
    return baseline_sentence(x.baseline_comparison, x.params, denominators=_baseline_has_denominators(x))


def _calendar_sentence(x: Findings) -> str:
    """The monthly closures per calendar year, as a published report counts them, and why the study
    compares other spans (the start falls inside a year)."""
    if x.calendar_years.empty:
        return ""
    years = x.calendar_years
    said = []
    for code in years["municipality"].drop_duplicates():
        whole = years[(years["municipality"] == code) & years["whole"]]
        if whole.empty:
            continue
        parts = [f"{f.number(r.total)} år {r.year} ({f.number(r.mean, 1)} per månad)" for r in whole.itertuples()]
        parts[0] = parts[0].replace(" år", " avslut till arbete eller studier år", 1)
        said.append(f"{x.name(code)} hade {and_list(parts)}")
    if not said:
        return ""
    how = "Räknat som rapporten gör, per kalenderår" if x.reproduces else "Per kalenderår"
    start = x.params.values.collaboration_start
    when = f"Samverkan startade {f.long_date(start)}"
    bridge = (
        f"{when}, mitt i ett år, så studien jämför i stället månaderna före starten med månaderna efter och med "
        "denna utvärderingsperiod; därför skiljer sig snitten nedan från snitten per kalenderår."
        if (start.month, start.day) != (1, 1)
        else f"{when}, vid ett årsskifte; studien jämför dessutom månaderna före och efter starten och denna "
        "utvärderingsperiod med tiden före."
    )
    return f"{how}: {'; '.join(said)}. {bridge}"


def yearly_section(x: Findings) -> list:
    """The statistics per year in the main text: the table of every measure and year (uncertain and
    missing values marked) and each municipality's trends between solid years; nothing without them."""
    if x.yearly_levels.empty:
        return []
    return [
        "### Statistik per år",
        "Kommunernas statistik per kalenderår, som den levererades. Värden som källan markerar som osäkra eller "
        "saknade står med sin markering och räknas inte in i förändringarna.",
        yearly_table(x.yearly_levels, x.yearly_changes, x.params),
        yearly_sentences_per_municipality(x.yearly_levels, x.params),
    ]


def _survey_difference(x: Findings) -> str:
    verdict = x.verdict(keys.SURVEY_DIFFERENCE_VERDICT)
    if not verdict.inputs["tested"]:
        return "inga teman har antal för båda kommunerna, så kommunerna jämförs inte"
    if verdict.value == SHOWN:
        labels = and_list([f"”{safe(x.theme_label(t))}”" for t in verdict.inputs["shown_themes"]])
        return f"skillnaden mellan kommunerna är statistiskt säkerställd för {labels}, men inte för övriga teman"
    return "ingen skillnad mellan kommunerna är statistiskt säkerställd"


def survey_intro(x: Findings) -> str:
    parts = [
        f"{f.x_of_y(x.value(keys.response(c, 'respondents')), x.value(keys.response(c, 'invited')), 0)} i {x.name(c)}"
        for c in x.params.values.codes
    ]
    uncounted = _uncounted_questions(x)
    labels = and_list([f"”{safe(x.params.values.survey.questions[q].label)}”" for q in uncounted])
    unknown = (
        f" För {labels} anger {'rapporten' if x.reproduces else 'underlaget'} inte hur många som nämnde varje tema; "
        + (
            "där står de teman som flest av de publicerade citaten hör till, och hur många citat det är."
            if x.reproduces
            else "där står de teman som flest kända svar hör till, och hur många svar det är."
        )
        if uncounted
        else ""
    )
    return (
        f"Enkäten gick till {f.number(x.value(keys.response('total', 'invited')))} medarbetare och besvarades av "
        f"{' och '.join(parts)}. Svaren redovisas utan namn. Varje svar kan nämna flera teman; andelarna nedan är andelar av "
        f"kommunens svarande och summerar därför inte till 100 %. Under varje tema står ett citat ur ett svar med "
        f"just det temat.{unknown} Små antal ska läsas försiktigt: {_survey_difference(x)}."
    )


AREA_HEADINGS = {"gain": "Vinster", "challenge": "Utmaningar", "lesson": "Lärdomar", "improvement": "Förbättringar"}


def survey_areas(x: Findings) -> list[tuple[str, str]]:
    """(heading, text) for each area the survey has questions about, in the report's order."""
    asked = {q.area for q in x.params.values.survey.questions.values()}
    return [(heading, survey_area(x, area)) for area, heading in AREA_HEADINGS.items() if area in asked]


def survey_area(x: Findings, area: str) -> str:
    questions = [k for k, q in x.params.values.survey.questions.items() if q.area == area]
    if not questions:
        return f"Enkäten har ingen fråga om {AREAS[area]}."
    return "\n\n".join(survey_section(x, q) for q in questions)


def closed_section(x: Findings) -> list:
    """The closed questions (rating, choice), each with its table and what the comparison shows; nothing
    when the survey has none (texts are Markdown)."""
    settings = x.params.values.survey
    if not settings.closed:
        return []
    level = x.params.values.confidence_level
    parts = [
        "### Frågor med fasta svarsalternativ\n\nAndelarna är andelar av kommunens svarande som gav ett värde, "
        f"med {f.number(level * 100)} % konfidensintervall."
    ]
    for question in settings.closed:
        spec = settings.questions[question]
        parts.append(f"**{safe(spec.label)}** – *{safe(spec.text)}*")
        parts.append(
            closed_table(
                x.closed_tally, question, x.params, settings.small_cell_threshold, settings.suppress_small_cells, level
            )
        )
        verdict = x.verdict(keys.closed_difference(question))
        parts.append(closed_sentence(question, verdict, x.closed_ratings, x.params))
    return parts


def reproduction_sentence(counts: dict) -> str:
    return (
        f"Av {f.number(counts['total'])} publicerade siffror stämmer {f.number(counts['agrees'])} med studiens "
        f"omräkning, {f.number(counts['inputs'])} är indata som inte kan räknas om, och "
        f"{f.number(counts['differs'])} avviker eller är osäkra – var och en förklarad i tabellen."
    )


def provenance_sentence(params, commit: str) -> str:
    from .. import __version__

    return (
        f"Parameterfil: {params.file.name}. Programversion {__version__} (git-version {commit}). Rapporten byggs om "
        "med make run och ger samma siffror från samma indata."
    )
