"""Helpers for the reproducible study of the Svedala–Trelleborg collaboration.

The package is laid out by stage and role (docs/architecture.md): study, io, stats, present,
privacy, then one package per step (cleaning, outcomes, survey, report) and the runner.
"""

import os
from importlib.metadata import PackageNotFoundError, version

# openpyxl writes XLSX with lxml when lxml is installed (the study uses lxml for its HTML) and with the
# standard library otherwise: other bytes for the same workbook. The study's workbooks must be the same
# bytes wherever they are written (the reconstructed survey export is compared with the committed file),
# so openpyxl always uses the standard library. Set before any module of the study imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")

try:
    __version__ = version("collabstudy")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "okänd"
