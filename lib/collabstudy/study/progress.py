"""What a long phase is doing and how far it has come, printed while it works (in Swedish).

make prints a step's own output when the step is done (`--output-sync=target`, so that the output of steps
run side by side is not mixed). Progress is printed at once instead: `make run` passes its own standard output
on as file descriptor :data:`PROGRESS_FD_VARIABLE` names, and each line is written there whole, with the step's
name, so lines of two steps side by side stay readable. Without it (a step run by hand, a test) progress goes
to standard output.
"""

from __future__ import annotations

import os
import sys
import time

PROGRESS_FD_VARIABLE = "COLLABSTUDY_PROGRESS_FD"
EVERY = 4.0  # seconds between two lines about the same phase (a notebook's cells)


def say(line: str) -> None:
    """One progress line, printed at once (see the module's text)."""
    _write(line if line.endswith("\n") else line + "\n")


class Progress:
    """Progress lines of one step: '  <step> (12 s): cell 14 av 31'."""

    def __init__(self, step: str, every: float = EVERY):
        self.step = step
        self.every = every
        self.start = self.last = time.monotonic()
        self.cells = self.done = 0

    def say(self, text: str) -> None:
        now = time.monotonic()
        self.last = now
        _write(f"  {self.step} ({now - self.start:.0f} s): {text}\n")

    def notebook(self, code_cells: int) -> None:
        self.cells, self.done = code_cells, 0
        self.say(f"kör notebooken ({code_cells} kodceller)")

    def cell_started(self, **_) -> None:
        """nbclient's `on_cell_execute` hook: a code cell starts. Said at most every `every` seconds."""
        self.done += 1
        if time.monotonic() - self.last >= self.every:
            self.say(f"cell {self.done} av {self.cells}")


_target: int | None = None


def claim() -> None:
    """Take over the descriptor `make run` passed (first thing in the runner, before anything else is opened):
    a private copy of it, and the variable removed, so that neither a file opened later under the same number
    nor a child process (the kernel) writes there by mistake."""
    global _target
    fd = os.environ.pop(PROGRESS_FD_VARIABLE, "")
    if not fd.isdigit():
        return
    try:
        _target = os.dup(int(fd))
    except OSError:  # not passed on after all: standard output
        _target = None


def _write(line: str) -> None:
    if _target is not None:
        try:
            os.write(_target, line.encode("utf-8"))
            return
        except OSError:
            pass
    sys.stdout.write(line)
    sys.stdout.flush()
