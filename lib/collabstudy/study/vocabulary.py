"""The study's words: every label table and status constant, in one place.

Measures: identifiers (from the shared glossary), the Swedish labels the source's tables use,
and how they relate (what the consistency checks test). Statuses: how far a value can be
trusted, how serious a finding is, what an answer to the survey is, which phase a month is in.
"""

from __future__ import annotations

COUNT, SHARE, SEK = "antal", "andel", "kr"

# The collaboration's goal measure: closures to work or studies, as a share of those enrolled.
GOAL_MEASURE = "closures_work_studies"

# How far the study may trust a value, as the source marks it: parentheses make it uncertain,
# a word like "Oklart" makes it missing (never zero).
OK, UNCERTAIN, MISSING = "ok", "osäker", "saknas"
STATUSES = (OK, UNCERTAIN, MISSING)
_STATUS_RANK = {OK: 0, UNCERTAIN: 1, MISSING: 2}

# How serious a finding of the cleaning checks is, most serious first ('ok': the check held).
ERROR, WARNING, NOTE = "fel", "varning", "notering"
SEVERITY_ORDER = (ERROR, WARNING, NOTE, OK)

# What a row of the series across evaluations is: the baseline year, an earlier evaluation, this period.
BASELINE_ROW, EARLIER_ROW, THIS_ROW = "basår", "tidigare utvärdering", "denna period"

# The monthly series' phases: before and after the collaboration's start.
BEFORE, AFTER = "före", "efter"
# The monthly series' comparisons (collabstudy.outcomes.periods), as tables and sentences name them.
COMPARISON_LABELS = {
    "after_before": "efter mot före samverkans start",
    "window_before": "denna utvärderingsperiod mot tiden före samverkans start",
    "window_previous": "denna utvärderingsperiod mot förra utvärderingens",
}
# A period of the monthly series as a sentence names it: "5,8 per månad under denna utvärderingsperiod".
PERIOD_PHRASES = {
    "before": "före samverkans start",
    "after": "efter samverkans start",
    "window": "under denna utvärderingsperiod",
    "previous": "under förra utvärderingens period",
}

# What a survey answer is: published text, published in part, blank, "don't know", not published.
ANSWERED, PARTIAL, BLANK, DONT_KNOW, NOT_PUBLISHED = "svar", "delvis", "blankt", "vet ej", "ej publicerat"
SHOWN = (ANSWERED, PARTIAL)  # answers with published text

# identifier -> (Swedish label for readers, unit)
MEASURES: dict[str, tuple[str, str]] = {
    "enrolled": ("Inskrivna i arbetsmarknadsåtgärd", COUNT),
    "closures": ("Totalt avslutade", COUNT),
    "closure_share": ("Andel avslut", SHARE),
    "households": ("Antal hushåll", COUNT),
    "closures_work_studies": ("Avslutade i arbete/studier", COUNT),
    "closures_work": ("Avslutade till arbete", COUNT),
    "closures_studies": ("Avslutade till studier", COUNT),
    "work_studies_share": ("Andel i arbete/studier", SHARE),
    "closures_other": ("Avslutade av övriga skäl", COUNT),
    "individuals_fa": ("Individer med ekonomiskt bistånd (vuxna och barn)", COUNT),
    "individuals_fa_adults": ("Vuxna med ekonomiskt bistånd", COUNT),
    "individuals_fa_children": ("Barn med ekonomiskt bistånd", COUNT),
    "fa_paid": ("Totalt utbetalt ekonomiskt bistånd", SEK),
}

# Row headings as the source's tables write them -> identifier.
ROW_LABELS: dict[str, str] = {
    "Inskrivna i arbetsmarknadsåtgärd": "enrolled",
    "Antal individer inskrivna i arbetsmarknadsinsatser": "enrolled",
    "Totalt avslutade": "closures",
    "Andel avslut": "closure_share",
    "Antal hushåll": "households",
    "Avslutade i arbete/studier": "closures_work_studies",
    "Arbete": "closures_work",
    "Studier": "closures_studies",
    "Andel i arbete/studier": "work_studies_share",
    "Övrigt": "closures_other",
    "Antal individer med ekonomiskt bistånd (vuxna och barn)": "individuals_fa",
    "Totalt utbetalt EB (ekonomiskt bistånd)": "fa_paid",
}

# Labelled parts inside a cell ("289 vuxna 146 barn") -> the part's identifier suffix.
PART_LABELS: dict[str, str] = {"vuxna": "adults", "barn": "children"}

# total = sum of parts, as the source's tables define them.
SUMS: list[tuple[str, tuple[str, ...]]] = [
    ("closures", ("closures_work_studies", "closures_other")),
    ("closures_work_studies", ("closures_work", "closures_studies")),
    ("individuals_fa", ("individuals_fa_adults", "individuals_fa_children")),
]

# share = numerator / denominator.
RATIOS: list[tuple[str, str, str]] = [
    ("closure_share", "closures", "enrolled"),
    ("work_studies_share", "closures_work_studies", "enrolled"),
]


def label_of(measure: str) -> str:
    return MEASURES[measure][0]


def unit_of(measure: str) -> str:
    return MEASURES[measure][1]


def worst(*statuses: str) -> str:
    """The least trustworthy of the statuses: a figure computed from them carries this one."""
    return max(statuses, key=_STATUS_RANK.__getitem__)


# The per-year series: what is shown, as readers see it (in tables, and with units in charts).
YEARLY_MEASURES = ("households", "individuals_fa", "enrolled", "fa_paid")
PER_HOUSEHOLD = "fa_paid_per_household"
YEARLY_LABELS = {
    "households": "Hushåll med ekonomiskt bistånd",
    "individuals_fa": "Individer med ekonomiskt bistånd",
    "enrolled": "Inskrivna i arbetsmarknadsinsatser",
    "fa_paid": "Utbetalt ekonomiskt bistånd",
    PER_HOUSEHOLD: "Utbetalt per hushåll",
}
YEARLY_CHART_LABELS = {
    **YEARLY_LABELS,
    "fa_paid": "Utbetalt ekonomiskt bistånd (mnkr)",
    PER_HOUSEHOLD: "Utbetalt per hushåll (kr)",
}


# The municipalities' deliveries as a sentence names them ("Trelleborg har inte levererat …"), in params order.
DELIVERY_LABELS = {
    "rolling_12m": "tabellen över de senaste tolv månaderna",
    "baseline": "basårets andelar",
    "monthly_closures": "avslut till arbete eller studier per månad",
    "yearly": "statistik per år",
    "survey_invitations": "antalet utskick per kommun",
    "survey_export": "enkätens svarsfil från Microsoft Forms",
}

# A delivery's row in the report's delivery ledger (collabstudy.study.ledger), as readers see it.
LEDGER_STATUS_LABELS = {
    "delivered": "i underlaget",
    "not_delivered": "inte levererad",
    "not_in_study": "ingår inte i underlaget",
}
LEDGER_HEADINGS = {
    "delivery": "Leverans",
    "municipality": "Kommun",
    "file": "Fil",
    "status": "Status",
    "reason": "Skäl",
}
