"""Print the package names environment.yml declares, one per line (the input of the lock).

Runs on the machine's bare Python before any environment exists, so it reads the
file's simple block layout with the standard library only.
"""

import re
import sys

NOT_PYPI = {"python", "pip"}


def conda_packages(text: str) -> list[str]:
    names, in_deps = [], False
    for line in text.splitlines():
        if re.match(r"^\S", line):
            in_deps = line.startswith("dependencies:")
            continue
        match = re.match(r"^(?:  |      )- ([A-Za-z0-9_.-]+)(?:[=<>!].*)?\s*(?:#.*)?$", line)
        if in_deps and match and match.group(1) not in NOT_PYPI:
            names.append(match.group(1))
    return names


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "environment.yml"
    with open(path, encoding="utf-8") as handle:
        print("\n".join(conda_packages(handle.read())))
