"""Which importer reads a file, decided from its content, and the one entry point.

Users rarely know (or name) what their export is: LinkedIn calls it
``Connections.csv``, Google ``contacts.csv``, and both are just ``.csv``. The content
is unambiguous though, so it decides; the file name only breaks a tie when the
content alone says nothing (a damaged ``.vcf`` still goes to the vCard parser, whose
error says what is wrong with it). Order: vCard, JSON, LinkedIn, Google, Outlook,
Thunderbird, generic CSV. A table whose header matches none of them is refused by
name, with its header quoted, rather than read as something it is not; so are a few
other address-book formats netlog does not read (LDIF, spreadsheet workbooks).

JSON (netlog's own dump) is recognised so the caller can route it, but is not
parsed here: ``parse(..., "json")`` raises ImportFormatError.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from netlog.importers import generic_csv, google, linkedin, outlook, thunderbird, vcard
from netlog.importers.base import (
    FORMAT_HINT,
    FORMATS,
    ImportFormatError,
    ParseResult,
    decode_with_notes,
    describe,
)
from netlog.importers.tabular import first_content_line, header_key, sniff_delimiter, split_line

VCARD_SCAN_LINES = 20  # non-blank lines in which BEGIN:VCARD must appear
_PARSERS: dict[str, Callable[[str, str], ParseResult]] = {
    "linkedin": linkedin.parse_linkedin,
    "vcard": vcard.parse_vcard,
    "google": google.parse_google,
    "outlook": outlook.parse_outlook,
    "thunderbird": thunderbird.parse_thunderbird,
    "csv": generic_csv.parse_generic_csv,
}
_ALIASES = {"vcf": "vcard", "generic": "csv"}
_BY_SUFFIX = {".vcf": "vcard", ".vcard": "vcard", ".json": "json"}
_WORKBOOKS = {
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
}
_SAVE_AS_CSV = "save it as CSV (UTF-8) from the spreadsheet program and import that"
HEADER_CELLS_SHOWN = 6


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
        delimiter = sniff_delimiter(lines[index])
        keys = [header_key(cell) for cell in split_line(lines[index])]
        if google.is_google_header(keys):
            return "google"
        keys = [header_key(cell) for cell in split_line(lines[index], delimiter)]
        if outlook.is_outlook_header(keys):
            return "outlook"
        if thunderbird.is_thunderbird_header(keys):
            return "thunderbird"
    if generic_csv.find_header(lines) is not None:
        return "csv"
    by_name = _BY_SUFFIX.get(PurePath(filename).suffix.lower()) if filename else None
    if by_name:
        return by_name
    label = filename or "this file"
    if index is not None and lines[index].lower().startswith("dn:"):
        raise ImportFormatError(
            f"{label} is an LDIF address book, which netlog does not read",
            "export the address book as CSV or vCard (.vcf) and import that",
        )
    if index is not None and ("," in lines[index] or ";" in lines[index] or "\t" in lines[index]):
        # A table whose header names nothing netlog knows: say that, not "what is this".
        cells = [cell.strip() for cell in split_line(lines[index], delimiter)]
        shown = ", ".join(cells[:HEADER_CELLS_SHOWN])[:120]
        more = "…" if len(cells) > HEADER_CELLS_SHOWN or len(shown) == 120 else ""
        raise ImportFormatError(
            f"{label} is a CSV netlog does not recognise (header: {shown}{more})",
            "pass --format csv with netlog's column names ("
            + generic_csv.KNOWN_COLUMNS
            + "), see the README",
        )
    raise ImportFormatError(
        f"cannot tell what kind of file {filename or 'this'} is",
        FORMAT_HINT,
    )


def detect_format(data: bytes, filename: str = "") -> str:
    """One of FORMATS or ``"json"``, from the content.

    Raises ImportFormatError for binary, empty or unrecognisable files.
    """
    return _detect_text(_decoded(data, filename)[0], filename)


def _decoded(data: bytes, filename: str) -> tuple[str, list[str]]:
    """The text and decoding notes; a spreadsheet workbook (binary) is named as one."""
    workbook = _WORKBOOKS.get(PurePath(filename).suffix.lower()) if filename else None
    try:
        return decode_with_notes(data, filename)
    except ImportFormatError as error:
        if workbook and "binary" in error.message:
            raise ImportFormatError(
                f"{describe(filename)} is {workbook}, not a CSV", _SAVE_AS_CSV
            ) from None
        raise


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
    text, notes = _decoded(data, filename)
    if fmt is None:
        fmt = _detect_text(text, filename)
    if fmt == "json":
        raise ImportFormatError(
            f"{label} is JSON, which is not one of the contact exports read here",
            "import a LinkedIn, Google, Outlook or Thunderbird CSV, a vCard file or a "
            "plain CSV, or " + FORMAT_HINT,
        )
    result = _PARSERS[fmt](text, filename)
    result.notes = notes + result.notes
    return result
