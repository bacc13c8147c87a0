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
    sys.modules.setdefault("rfc3987_syntax", None)  # as the batch processes (runner/__main__.py)
    for name in modules():
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 (only a warm-up: a step that needs the module says what is wrong)
            continue
    return 0


if __name__ == "__main__":
    sys.exit(main())
