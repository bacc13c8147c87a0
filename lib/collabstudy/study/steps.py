"""The study's steps, declared once: each step's notebook, what it reads and what it hands on.

Everything that needs the list of steps reads this table: the Makefile (through the variables
`python -m collabstudy.runner make-inputs` writes), the runner, the dependency analysis, the
results registry, the processed-table store and the benchmark. Adding a step is one entry here
plus its notebook `notebooks/<name>.ipynb`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One notebook of the study and its place in the run."""

    name: str  # notebooks/<name>.ipynb, results/<name>.json, pages/<name>.html (published to reports/)
    title: str  # Swedish, as messages name the step
    # params keys of the files it reads: raw_files.<key>, or published_report.files.<key> (read only
    # when the study has a published report to reproduce)
    raw_files: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # earlier steps whose results and processed tables it reads
    writes: tuple[str, ...] = ()  # the processed tables it hands on (processed/<name>.csv)
    reviewers: bool = False  # the reviewers' document: exported without code
    reads_provenance: bool = False  # reads data/raw/provenance.yaml beside the raw files
    # reads the same step's results of each earlier evaluation (params previous_evaluations)
    reads_earlier: bool = False
    # "module:function"s the runner calls on the params before the kernel starts: bad input stops
    # the step at once. Input the notebook itself finds wrong stops it the same way.
    preflight: tuple[str, ...] = ()

    @property
    def notebook(self) -> str:
        return f"notebooks/{self.name}.ipynb"


CLEANING, OUTCOMES, SURVEY, CONCLUSIONS = "01_cleaning", "02_outcomes", "03_survey", "04_conclusions"

STEPS: tuple[Step, ...] = (
    Step(
        CLEANING,
        "datarensningen",
        raw_files=(
            "rolling_12m",
            "baseline",
            "monthly_closures",
            "yearly",
            "survey_invitations",
            "survey_export",
            # a published report to reproduce (params published_report.files): read only where it is given
            "statements",
            "footnotes",
            "survey_involvement",
            "survey_fieldwork",
        ),
        writes=(
            "rolling_12m",
            "baseline",
            "monthly_closures",
            "monthly_published_aggregates",
            "yearly",
            "survey_invitations",
            "survey_respondents",
            "report_statements",
            "report_footnotes",
            "survey_involvement",
            "survey_fieldwork",
            "check_ledger",
            "cleaning_log",
        ),
        preflight=("collabstudy.published.layer:check_study",),
    ),
    Step(
        OUTCOMES,
        "utfallet",
        after=(CLEANING,),
        reads_earlier=True,
        writes=(
            "outcome_shares",
            "baseline_comparison",
            "monthly_chart",
            "monthly_periods",
            "monthly_comparisons",
            "evaluation_series",
            "yearly_levels",
            "yearly_changes",
            "monthly_calendar_years",
            "monthly_revisions",
            "monthly_table_agreement",
        ),
    ),
    Step(
        SURVEY,
        "enkäten",
        raw_files=(
            "survey_export",
            "survey_codebook",
            "survey_coding",
            "survey_coding_reconciled",
            "survey_published_counts",
        ),
        after=(CLEANING,),
        reads_earlier=True,
        writes=(
            "survey_quotes",
            "survey_tallies",
            "survey_comparisons",
            "survey_answer_statuses",
            "survey_coverage",
            "survey_published_counts",
            "survey_codebook",
            "survey_response_series",
            "survey_recurring_themes",
            "survey_question_changes",
            "survey_illustrations",
            "survey_closed_tally",
            "survey_closed_statuses",
            "survey_closed_ratings",
            "survey_closed_comparisons",
            "reproduction",
        ),
        # a study that reproduces a published report: the reproduction table names the source's lines
        reads_provenance=True,
    ),
    Step(
        CONCLUSIONS,
        "slutsatserna",
        raw_files=("evaluators_text",),
        after=(CLEANING, OUTCOMES, SURVEY),
        reviewers=True,
        reads_provenance=True,
    ),
)

NAMES = tuple(step.name for step in STEPS)


def step(name: str) -> Step:
    """The declared step of that name; a name not in the table is a programming error."""
    for candidate in STEPS:
        if candidate.name == name:
            return candidate
    raise KeyError(f"steget '{name}' är inte deklarerat i collabstudy.study.steps (kända: {', '.join(NAMES)})")


def writer_of(table: str) -> Step:
    """The step that hands on a processed table."""
    for candidate in STEPS:
        if table in candidate.writes:
            return candidate
    raise KeyError(f"ingen deklarerad steg skriver tabellen '{table}'")


def reviewers_step() -> Step:
    """The step whose page is the reviewers' document."""
    return next(s for s in STEPS if s.reviewers)
