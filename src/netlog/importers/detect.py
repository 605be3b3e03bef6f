"""Which importer reads a file, decided from its content, and the one entry point.

Users rarely know (or name) what their export is: LinkedIn calls it
``Connections.csv``, Google ``contacts.csv``, and both are just ``.csv``. The content
is unambiguous though, so it decides; the file name only breaks a tie when the
content alone says nothing (a damaged ``.vcf`` still goes to the vCard parser, whose
error says what is wrong with it). Order: vCard, JSON, LinkedIn, Google, generic CSV.

JSON (netlog's own dump) is recognised so the caller can route it, but is not
parsed here: ``parse(..., "json")`` raises ImportFormatError.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from netlog.importers import generic_csv, google, linkedin, vcard
from netlog.importers.base import (
    FORMAT_HINT,
    FORMATS,
    ImportFormatError,
    ParseResult,
    decode_text,
    describe,
)
from netlog.importers.tabular import first_content_line, header_key, split_line

VCARD_SCAN_LINES = 20  # non-blank lines in which BEGIN:VCARD must appear
_PARSERS: dict[str, Callable[[str, str], ParseResult]] = {
    "linkedin": linkedin.parse_linkedin,
    "vcard": vcard.parse_vcard,
    "google": google.parse_google,
    "csv": generic_csv.parse_generic_csv,
}
_ALIASES = {"vcf": "vcard", "generic": "csv"}
_BY_SUFFIX = {".vcf": "vcard", ".vcard": "vcard", ".json": "json"}


def _detect_text(text: str, filename: str) -> str:
    lines = text.split("\n")
    head = [line for line in lines[: VCARD_SCAN_LINES * 10] if line.strip()][:VCARD_SCAN_LINES]
    if any(vcard.is_begin_line(line) for line in head):
        return "vcard"
    if text.lstrip()[:1] in ("{", "["):
        return "json"
    if linkedin.find_header(lines) is not None:
        return "linkedin"
    index = first_content_line(lines)
    if index is not None:
        keys = [header_key(cell) for cell in split_line(lines[index])]
        if google.is_google_header(keys):
            return "google"
    if generic_csv.find_header(lines) is not None:
        return "csv"
    by_name = _BY_SUFFIX.get(PurePath(filename).suffix.lower()) if filename else None
    if by_name:
        return by_name
    if index is not None and ("," in lines[index] or ";" in lines[index] or "\t" in lines[index]):
        # A table whose header names nothing netlog knows: say that, not "what is this".
        raise ImportFormatError(
            f"{filename or 'this file'} has no recognisable header (its first row: "
            f"{lines[index][:80]!r})",
            "name the columns " + generic_csv.KNOWN_COLUMNS + ", or pass --format",
        )
    raise ImportFormatError(
        f"cannot tell what kind of file {filename or 'this'} is",
        FORMAT_HINT,
    )


def detect_format(data: bytes, filename: str = "") -> str:
    """``"linkedin"``, ``"vcard"``, ``"google"``, ``"csv"`` or ``"json"``, from the content.

    Raises ImportFormatError for binary, empty or unrecognisable files.
    """
    return _detect_text(decode_text(data, filename), filename)


def parse(data: bytes, fmt: str | None = None, filename: str = "") -> ParseResult:
    """Read an export into contacts and skipped rows; ``fmt`` None means detect it.

    Raises ImportFormatError (and nothing else) when the file as a whole cannot be
    read; then nothing from it should be imported.
    """
    label = describe(filename)
    if fmt is not None:
        fmt = fmt.strip().lower()
        fmt = _ALIASES.get(fmt, fmt)
        if fmt not in FORMATS and fmt != "json":
            raise ImportFormatError(f"unknown import format {fmt!r}", FORMAT_HINT)
    text = decode_text(data, filename)
    if fmt is None:
        fmt = _detect_text(text, filename)
    if fmt == "json":
        raise ImportFormatError(
            f"{label} is JSON, which is not one of the contact exports read here",
            "import a LinkedIn or Google CSV, a vCard file or a plain CSV, "
            "or pass --format linkedin|vcard|google|csv",
        )
    if fmt == "vcard":
        text = decode_text(data, filename, per_line=True)  # cards may mix encodings
    return _PARSERS[fmt](text, filename)
