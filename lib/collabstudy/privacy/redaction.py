"""Every personal identifier in a text, found and replaced: names and the identifiers of :mod:`.identifiers`.

The one entry point the study uses for free text and for the scan of outputs, so that whatever path
a text takes to an output it meets the same detectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from .detector import NameDetector
from .identifiers import NAME, PLACEHOLDERS, Identifier, find_identifiers


@dataclass(frozen=True)
class Redactor:
    """Names (by `names`) and personnummer, phone numbers, e-mail and street addresses."""

    names: NameDetector

    def find(self, text: str) -> list[Identifier]:
        """Every identifier in `text`, in order and without overlaps; an identifier found by its pattern
        (an e-mail address "anna.k@x.se") is not also taken apart for names."""
        return self._names_beside(text, find_identifiers(text))

    def _names_beside(self, text: str, found: list[Identifier], names=None) -> list[Identifier]:
        for start, end, _ in self.names.find(text) if names is None else names:
            if not _overlaps(start, end, found):
                found.append(Identifier(start, end, NAME))
        return sorted(found, key=lambda item: item.start)

    def redact(self, text: str) -> str:
        """`text` with every identifier replaced by its placeholder ([namn], [personnummer], [telefon],
        [e-post], [adress]). Idempotent."""
        return replaced(text, self.find(text)) if text else text

    def candidates(self, text: str) -> list[tuple[int, int, str]]:
        """Capitalised words that may be names the lists lack (see :meth:`NameDetector.candidates`),
        outside every identifier found."""
        return self.examine(text)[1]

    def examine(self, text: str) -> tuple[str, list[tuple[int, int, str]]]:
        """`text` redacted, and the candidates for review in it: one pass for both."""
        patterned = find_identifiers(text)
        names, candidates = self.names.examine(text, review=True)
        candidates = [c for c in candidates if not _overlaps(c[0], c[1], patterned)]
        return replaced(text, self._names_beside(text, list(patterned), names)), candidates


def _overlaps(start: int, end: int, found) -> bool:
    return any(start < other.end and other.start < end for other in found)


def replaced(text: str, found: list[Identifier]) -> str:
    """`text` with each identifier in `found` (in order, without overlaps) replaced by its placeholder."""
    pieces, last = [], 0
    for item in found:
        pieces += [text[last : item.start], PLACEHOLDERS[item.kind]]
        last = item.end
    pieces.append(text[last:])
    return "".join(pieces)


def shipped_words(resource: str) -> list[str]:
    """The words of a shipped list (``privacy/data/<resource>``): one entry per line, ``#`` comments;
    an entry of several words gives each word."""
    text = resources.files(__package__).joinpath("data", resource).read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        words += entry.replace("-", " ").split() + ([entry] if "-" in entry else [])
    return words
