"""The study's verdicts: every judgement a sentence makes is decided here, once, by one rule.

A verdict is a word (its `value`), the rule that decided it (Swedish, for the registry and the
method appendix) and the figures it was decided from. The registry carries all three (unit
'utslag'); tables, charts and sentences read the verdict and never compare figures themselves.

- **The goal** ("densamma"): *met* when the equivalence test (TOST) shows the difference within
  ±margin; *not met* when the whole confidence interval of the difference lies outside the margin;
  otherwise *undecided*. A test that cannot reject a difference is never read as "equal".
- **A difference** between two groups: *shown* when its test's p is below α, else *not shown*; of
  several comparisons (the survey's themes), each shown whose adjusted p is below α.
- **The direction of a series** (rate after ÷ before): *up* when the whole interval of the ratio
  is above 1, *down* when it is below 1, otherwise *unclear*.
- **A described change** between two figures that cannot be tested (the baseline's rounded
  shares, yearly levels): *up*, *down* or *same* by its sign, *same* when it rounds to zero at
  the precision it is shown with.
- **Coder agreement** (Krippendorff's alpha): *reliable* at α ≥ 0,80, *tentative* at 0,667 ≤ α < 0,80
  (conclusions drawn with care), *unreliable* below (not to be used); *not possible* when every
  decision was the same (a theme nobody or everybody used: alpha is undefined).
- **The most common theme**: the largest exact count; every theme with that count is named (a
  tie). A count known only as a lower bound ("minst k") is never ranked above an exact count, and
  when k reaches the top count no theme is the most common (*open*): both are named, neither ranked.
- **Where an interval lies** against zero: *above*, *below*, or *around* it (a bound on zero is
  around it).
- **Closures needed**: *reached* when the goal municipality needs no more closures to match the
  reference's share, otherwise *short*.
- **How a rate ratio is said**: *times* ("ungefär fem gånger så många") from 1,5 up; *same* ("lika
  många") only when its whole interval lies within ±10 % of 1 (the study's margin for "as many");
  *unclear* ("ingen tydlig förändring") when it rounds to 1,00 at whole percent but its interval is
  wider; otherwise *more* or *fewer* by its sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MET, NOT_MET, UNDECIDED = "met", "not_met", "undecided"
SHOWN, NOT_SHOWN = "shown", "not_shown"
UP, DOWN, UNCLEAR, SAME = "up", "down", "unclear", "same"
# A comparison the data cannot make (no month in one of the periods): the rule says why.
NOT_POSSIBLE = "not_possible"
SINGLE, TIE, NO_RANKING = "single", "tie", "none"
# The largest exact count is known, but a theme known only to have at least as many may have more.
OPEN = "open"
ABOVE, BELOW, AROUND = "above", "below", "around"
REACHED, SHORT = "reached", "short"
TIMES, MORE, FEWER = "times", "more", "fewer"
# A ratio from this size up is said in whole times ("ungefär fem gånger så många").
TIMES_FROM = 1.5
# "Lika många" only when the ratio's whole interval lies within this of 1 (0,90–1,10): the study's margin.
RATIO_SAME_MARGIN = 0.10
RELIABLE, TENTATIVE, UNRELIABLE = "reliable", "tentative", "unreliable"
# Krippendorff's (2004) reading of alpha: the usual thresholds of content analysis.
ALPHA_RELIABLE, ALPHA_TENTATIVE = 0.80, 0.667


@dataclass(frozen=True)
class Verdict:
    """A judgement: its value, the rule that decided it, and the figures it was decided from."""

    value: str
    rule: str
    inputs: dict = field(default_factory=dict)


def goal(
    difference: float, ci_low: float, ci_high: float, equivalence_p: float, margin: float, alpha: float
) -> Verdict:
    """Is the goal municipality's share "the same" as the reference's, within ±margin (proportions)?"""
    if equivalence_p < alpha:
        value = MET
    elif ci_high < -margin or ci_low > margin:
        value = NOT_MET
    else:
        value = UNDECIDED
    return Verdict(
        value,
        "nått om ekvivalenstestet (TOST) visar skillnaden inom ±marginalen (p < α); "
        "inte nått om hela konfidensintervallet ligger utanför marginalen; annars oavgjort",
        {
            "difference": difference,
            "ci_low": ci_low,
            "ci_high": ci_high,
            "equivalence_p": equivalence_p,
            "margin": margin,
            "alpha": alpha,
        },
    )


def difference(estimate: float, p_value: float, alpha: float, test: str) -> Verdict:
    """Is a difference between two groups statistically shown? (Its sign is in the inputs.)"""
    value = SHOWN if p_value < alpha else NOT_SHOWN
    return Verdict(
        value,
        f"visad om p < α ({test})",
        {"estimate": estimate, "p_value": p_value, "alpha": alpha, "test": test, "direction": sign(estimate)},
    )


def any_difference(p_values: dict[str, float], alpha: float, test: str) -> Verdict:
    """Is a difference shown for any of several comparisons (p already adjusted for their number)? Not
    possible when there is nothing to compare."""
    shown = [name for name, p in p_values.items() if p < alpha]
    return Verdict(
        NOT_POSSIBLE if not p_values else SHOWN if shown else NOT_SHOWN,
        f"visad för en jämförelse om p < α ({test})",
        {"shown_themes": shown, "tested": len(p_values), "alpha": alpha, "test": test},
    )


def rate_direction(ratio: float, ci_low: float, ci_high: float) -> Verdict:
    """Did a count per month go up or down after a date (Poisson rate ratio after ÷ before)?"""
    value = UP if ci_low > 1 else DOWN if ci_high < 1 else UNCLEAR
    return Verdict(
        value,
        "uppåt om hela intervallet för kvoten efter/före ligger över 1, nedåt om det ligger "
        "under 1, annars ingen tydlig förändring",
        {"ratio": ratio, "ci_low": ci_low, "ci_high": ci_high},
    )


def not_possible(reason: str) -> Verdict:
    """A comparison that cannot be made on these data; `reason` (Swedish) is shown to the reader."""
    return Verdict(NOT_POSSIBLE, reason, {})


def sign(value: float, resolution: float = 0.0) -> str:
    """The direction of a described change: up, down, or same when its size is within `resolution`
    (half the last shown digit: a change shown as 0,0 is no change)."""
    if abs(value) <= resolution:
        return SAME
    return UP if value > 0 else DOWN


def shown_resolution(decimals: int) -> float:
    """The largest change that is shown as zero at this many decimals."""
    return 0.5 * 10**-decimals


def described(change: float, decimals: int = 1) -> Verdict:
    """A described change (or difference) as it is shown at `decimals`: up, down, or same when it is
    shown as zero."""
    return Verdict(
        sign(change, shown_resolution(decimals)),
        f"uppåt eller nedåt efter tecknet; oförändrad när den visas som noll med {decimals} decimal(er)",
        {"change": change, "decimals": decimals},
    )


def interval_position(low: float, high: float) -> Verdict:
    """Where an interval lies against zero: wholly above, wholly below, or around it."""
    return Verdict(
        ABOVE if low > 0 else BELOW if high < 0 else AROUND,
        "över om hela intervallet ligger över noll, under om det ligger under noll, annars runt noll",
        {"ci_low": low, "ci_high": high},
    )


def closures_needed(more: int) -> Verdict:
    """Does the goal municipality already reach the reference's share at its enrolment?"""
    return Verdict(
        REACHED if more == 0 else SHORT,
        "nådd om inga fler avslut behövs för jämförelsekommunens andel vid dagens antal inskrivna",
        {"more": more},
    )


def ratio_size(ratio: float, ci_low: float | None = None, ci_high: float | None = None) -> Verdict:
    """How a rate ratio is said in words: so many times (from 1,5); as many only when its whole interval is
    within the margin of 1; no clear change when it rounds to 1 but its interval is wider; more or fewer."""
    change = ratio - 1
    within = (
        ci_low is not None
        and ci_high is not None
        and 1 - RATIO_SAME_MARGIN <= ci_low
        and ci_high <= 1 + RATIO_SAME_MARGIN
    )
    if ratio >= TIMES_FROM:
        value = TIMES
    elif round(abs(change) * 100) == 0:
        value = SAME if within else UNCLEAR
    else:
        value = MORE if change > 0 else FEWER
    return Verdict(
        value,
        f"gånger från kvoten {TIMES_FROM}; lika många bara när hela intervallet ligger inom ±"
        f"{round(RATIO_SAME_MARGIN * 100)} % från 1, annars ingen tydlig förändring när kvoten är 1 avrundat till "
        "hela procent; annars fler eller färre",
        {"ratio": ratio, "times": round(ratio), "change": change, "ci_low": ci_low, "ci_high": ci_high},
    )


def most_common(counts: list[tuple[str, int, bool]]) -> Verdict:
    """The most common of some themes: `counts` is (theme, count, exact); an inexact count is a lower bound."""
    exact = [(theme, count) for theme, count, known in counts if known and count > 0]
    bounds = [(theme, count) for theme, count, known in counts if not known and count > 0]
    if not exact:
        # Lower bounds are not ranked as counts, but the largest bound is a true statement of its own: the
        # most answers known to carry a theme (in a reconstruction, the most published quotes).
        most = max((count for _, count in bounds), default=0)
        return Verdict(
            NO_RANKING,
            "inget exakt antal att rangordna; flest kända svar (största minsta antal) nämns som sådana",
            {
                "top": [],
                "count": None,
                "at_least_as_common": [t for t, _ in sorted(bounds, key=lambda b: -b[1])],
                "most_known": [t for t, count in bounds if count == most],
                "known_count": most or None,
            },
        )
    top_count = max(count for _, count in exact)
    top = [theme for theme, count in exact if count == top_count]
    also = [theme for theme, count in bounds if count >= top_count]
    return Verdict(
        OPEN if also else TIE if len(top) > 1 else SINGLE,
        "störst exakt antal; lika antal nämns alla; ett minsta antal ('minst k') rangordnas aldrig över "
        "ett exakt antal, och når det upp till det är inget tema vanligast (öppet)",
        {"top": top, "count": top_count, "at_least_as_common": also},
    )


def coder_agreement(alpha: float | None) -> Verdict:
    """How far a coding can be trusted, from Krippendorff's alpha between its coders."""
    rule = (
        f"tillförlitlig om α ≥ {ALPHA_RELIABLE}; preliminär om {ALPHA_TENTATIVE} ≤ α < {ALPHA_RELIABLE}; "
        f"under {ALPHA_TENTATIVE} ska kodningen inte användas (Krippendorff); odefinierad när alla beslut var lika"
    )
    if alpha is None or alpha != alpha:
        return Verdict(NOT_POSSIBLE, rule, {"alpha": None})
    value = RELIABLE if alpha >= ALPHA_RELIABLE else TENTATIVE if alpha >= ALPHA_TENTATIVE else UNRELIABLE
    return Verdict(value, rule, {"alpha": alpha})
