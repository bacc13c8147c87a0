"""nbstripout as git's filter for notebooks (`make git-filter`), without jsonschema's IRI grammar.

git starts the filter once for every notebook it looks at (a `git status` on a fresh clone looks at all of
them). nbstripout imports nbformat, and nbformat jsonschema, which builds the grammars of the optional
`rfc3987-syntax` package on import: 3,9 s a notebook instead of 0,7 s. A notebook's schema has no
IRI-formatted field, so nothing is lost (the same as the batch processes, runner/__main__.py); the output is
nbstripout's own, byte for byte.

    python -m collabstudy.runner.strip_notebook --keep-id [-t]   # as nbstripout, from stdin to stdout
"""

from __future__ import annotations

import sys


def main() -> int:
    sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: `import` raises ImportError
    from nbstripout._nbstripout import main as nbstripout

    sys.argv[0] = "nbstripout"
    return nbstripout()


if __name__ == "__main__":
    sys.exit(main())
