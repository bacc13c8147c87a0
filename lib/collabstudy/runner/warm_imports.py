"""Every module the steps import, imported once so that Python writes its bytecode (`make`'s first run).

Python compiles a module the first time a process imports it and keeps the bytecode beside it. On a fresh
clone the steps' imports (pandas, matplotlib, scipy, statsmodels, nbconvert, papermill, the study's own
package ...) cost about 11 s more than later, most of it in the first step, alone on the critical path.
make runs this while the name list is being built, on the core that build leaves free.

    python -m collabstudy.runner.warm_imports
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

# What the runner and the kernel import beside the study's own package.
OTHERS = ("papermill", "nbclient", "nbconvert", "ipykernel.kernelapp", "ipykernel.ipkernel", "itables", "lxml.html")
SKIPPED = ("__main__", "warm_imports", "strip_notebook")


def modules() -> list[str]:
    import collabstudy

    found = [
        info.name
        for info in pkgutil.walk_packages(collabstudy.__path__, "collabstudy.")
        if info.name.rsplit(".", 1)[-1] not in SKIPPED
    ]
    return [*found, *OTHERS]


def main() -> int:
    """Import every module, saying how far it has come every few seconds: on a fresh clone the first step waits
    for it once the name list is done (seconds that would otherwise pass without a line)."""
    start = last = time.monotonic()
    from ..study.progress import EVERY, claim, say

    claim()
    sys.modules.setdefault("rfc3987_syntax", None)  # as the batch processes (runner/__main__.py)
    names = modules()  # imports the study's packages already
    for number, name in enumerate(names, start=1):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 (only a warm-up: a step that needs the module says what is wrong)
            pass
        if time.monotonic() - last >= EVERY and number < len(names):
            last = time.monotonic()
            say(f"  Bytekoden ({last - start:.0f} s): {number} av {len(names)} moduler")
    say(f"  Bytekoden ({time.monotonic() - start:.0f} s): klar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
