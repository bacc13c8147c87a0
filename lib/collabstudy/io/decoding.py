"""A delivered file's bytes as text: the encodings Excel writes, and a clear error for any other."""

from __future__ import annotations

from ..study.errors import StudyInputError


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252, as Excel writes them; anything else is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Excel's UTF-8 marker
        if not data.strip():
            raise StudyInputError("filen är tom", file=file)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise StudyInputError("filen säger sig vara UTF-8 men innehåller ogiltiga tecken", file=file) from None
    if not data.strip():
        raise StudyInputError("filen är tom", file=file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise StudyInputError(
            "filen har en teckenkodning som inte kan läsas (varken UTF-8 eller Windows-1252)", file=file
        ) from None
