"""Helpers for the reproducible study of the Svedala–Trelleborg collaboration.

The package is laid out by stage and role (README: Architecture): study, io, stats, present,
privacy, then one package per step (cleaning, outcomes, survey, report) and the runner.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("collabstudy")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "okänd"
