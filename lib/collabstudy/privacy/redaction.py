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
        found = find_identifiers(text)
        for start, end, _ in self.names.find(text):
            if not any(start < other.end and other.start < end for other in found):
                found.append(Identifier(start, end, NAME))
        return sorted(found, key=lambda item: item.start)

    def redact(self, text: str) -> str:
        """`text` with every identifier replaced by its placeholder ([namn], [personnummer], [telefon],
        [e-post], [adress]). Idempotent."""
        if not text:
            return text
        pieces, last = [], 0
        for item in self.find(text):
            pieces += [text[last : item.start], PLACEHOLDERS[item.kind]]
            last = item.end
        pieces.append(text[last:])
        return "".join(pieces)

    def candidates(self, text: str) -> list[tuple[int, int, str]]:
        """Capitalised words that may be names the lists lack (see :meth:`NameDetector.candidates`),
        outside every identifier found."""
        taken = find_identifiers(text)
        return [
            (start, end, word)
            for start, end, word in self.names.candidates(text)
            if not any(start < other.end and other.start < end for other in taken)
        ]


def shipped_words(resource: str) -> list[str]:
    """The words of a shipped list (``privacy/data/<resource>``): one entry per line, ``#`` comments;
    an entry of several words gives each word."""
    text = resources.files(__package__).joinpath("data", resource).read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        words += entry.replace("-", " ").split() + ([entry] if "-" in entry else [])
    return words
