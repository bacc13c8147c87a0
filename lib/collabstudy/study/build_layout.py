"""The folders of a study's build (build/<study>/), named once.

Each step lands its page and downloadable tables in `pages/`; `reports/` is what the reviewers
get: a copy of `pages/` made only when every step of a run succeeded, replaced as a whole, so
that it is always one consistent set. Until then the note `UNPUBLISHED_NOTE` in the build folder
says which steps have results the published report does not yet show.
"""

from __future__ import annotations

PAGES = "pages"  # each step's page (<step>.html) and the reviewers' step's tables, as the run left them
REPORTS = "reports"  # the published set: the pages of the last run in which every step succeeded
UNPUBLISHED_NOTE = "EJ-PUBLICERAT.txt"  # in build/<study>/ while some step's results are not in reports/
COMPLETE_MARK = ".komplett"  # inside reports/: written last, so make knows the set is whole
# What a run's processes keep for its later ones (collabstudy.io.kept): the workbooks' rows and the lexicon's
# answers (respondents' own text: never outside the study's build folder, removed by `make run` as the run ends)
# and the charts drawn (until `make clean`).
KEPT = ".make/sparat"
KEPT_VARIABLE = "COLLABSTUDY_KEPT"  # the folder, as the runner gives it to its processes and the kernel
