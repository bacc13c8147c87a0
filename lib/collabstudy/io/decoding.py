"""A delivered file's bytes as text: the encodings Excel writes, and a clear error for any other."""

from __future__ import annotations

from ..study.errors import StudyInputError

# Byte-order marks Excel writes: "CSV UTF-8" and "Unicode-text" (UTF-16, little endian; big endian
# from other tools).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
# Signatures of files that are no text at all, renamed to .csv: what to tell the analyst instead.
_NOT_TEXT = (
    (b"PK\x03\x04", "filen är en Excel-arbetsbok (XLSX) eller annan zip-fil, inte en textfil (CSV)"),
    (b"\xd0\xcf\x11\xe0", "filen är en arbetsbok i det gamla Excel-formatet (XLS), inte en textfil (CSV)"),
    (b"%PDF", "filen är en PDF, inte en textfil (CSV)"),
)
SAVE_AS = "spara den som text i UTF-8 (i Excel: 'CSV UTF-8')"


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, as Excel writes them; anything
    else (UTF-16 without BOM, NUL bytes, a workbook renamed .csv) is an error naming the encoding."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_marked(data[len(bom) :], codec, name, file), file)
    for signature, problem in _NOT_TEXT:
        if data.startswith(signature):
            raise StudyInputError(f"{problem}; {SAVE_AS}", file=file)
    if b"\x00" in data:
        raise StudyInputError(_nul_problem(data), file=file)
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


def _decode_marked(data: bytes, codec: str, name: str, file: str) -> str:
    """The text after a byte-order mark, which must be valid in the encoding the mark names."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise StudyInputError(f"filen säger sig vara {name} men innehåller ogiltiga tecken", file=file) from None
    if not text.strip():
        raise StudyInputError("filen är tom", file=file)
    return text


def _checked(text: str, file: str) -> str:
    """Decoded text with NUL characters is not a text table (a UTF-16 file with a wrong mark, or binary)."""
    if "\x00" in text:
        raise StudyInputError("filen innehåller NUL-tecken (0x00) och är ingen vanlig textfil; " + SAVE_AS, file=file)
    return text


def _nul_problem(data: bytes) -> str:
    """Why a file without BOM holds NUL bytes: UTF-16 text without its mark, or no text at all."""
    sample = data[:4096]
    # In UTF-16 text in a Latin script, every other byte is NUL (the odd ones in little endian).
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd, even) > 0.4 * (len(sample) / 2) and min(odd, even) < 0.05 * (len(sample) / 2):
        return "filen verkar vara sparad som UTF-16 utan markering (BOM); spara som CSV UTF-8"
    return "filen innehåller NUL-tecken (0x00) och verkar inte vara en textfil; " + SAVE_AS
