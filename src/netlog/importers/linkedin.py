"""LinkedIn's Connections.csv, in every export generation seen so far.

The current export starts with a ``Notes:`` preamble (a quoted, possibly multi-line
warning about missing e-mail addresses) and a blank line before the header; people
often delete that preamble; older exports lack the URL column and write dates as
``1/8/18, 6:14 PM``. So the header is found by its columns, not by its position, and
columns are mapped by name. LinkedIn hides the names of some members: such rows are
skipped and reported, never imported as nameless contacts. Tags are left to the
caller (it adds ``linkedin``). Where LinkedIn has no address it may write the
member's URN (``urn:li:member:664293716``) in the Email Address column: that is not
an e-mail address and is dropped (``netlog.policy.is_email`` is the rule).
"""

from __future__ import annotations

from netlog.importers.base import (
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
    clean_field,
    dedupe,
    describe,
    order_urls,
)
from netlog.importers.datetext import parse_connected_on
from netlog.importers.tabular import ColumnUse, header_key, read_records, split_line
from netlog.names import clean_name
from netlog.policy import is_email

HEADER_SCAN_LINES = 30  # the preamble is a few lines; the header follows it
MET = "Connected on LinkedIn"

# Header keys (see tabular.header_key) to the fields they fill.
_COLUMNS = {
    "firstname": "first",
    "lastname": "last",
    "url": "url",
    "profileurl": "url",
    "emailaddress": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connectedon": "connected",
}
EXPECTED_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _is_header(keys: list[str]) -> bool:
    """First and last name plus a column only LinkedIn writes together with them.

    "Connected On" alone is decisive; otherwise Company *and* Position, so that a
    hand-made ``first_name,last_name,company`` file stays a generic CSV.
    """
    present = set(keys)
    if not {"firstname", "lastname"} <= present:
        return False
    return "connectedon" in present or {"company", "position"} <= present


def find_header(lines: list[str]) -> tuple[int, dict[str, int]] | None:
    """The index of the header line among the first lines, and field -> column index."""
    found = _find_header(lines)
    return (found[0], found[1]) if found else None


def _find_header(lines: list[str]) -> tuple[int, dict[str, int], list[str]] | None:
    for index, line in enumerate(lines[:HEADER_SCAN_LINES]):
        if "," not in line:
            continue
        keys = [header_key(cell) for cell in split_line(line)]
        if _is_header(keys):
            columns: dict[str, int] = {}
            for column, key in enumerate(keys):
                name = _COLUMNS.get(key)
                if name and name not in columns:
                    columns[name] = column
            return index, columns, split_line(line)
    return None


def parse_linkedin(text: str, filename: str = "") -> ParseResult:
    """Parse a decoded Connections.csv (see module docstring)."""
    label = describe(filename)
    lines = text.split("\n")
    found = _find_header(lines)
    if found is None:
        raise ImportFormatError(
            f"{label} has no LinkedIn header in its first {HEADER_SCAN_LINES} lines",
            f"LinkedIn's Connections.csv has the line {EXPECTED_HEADER!r} near the top; "
            "pass --format google|csv|vcard if the file is something else",
        )
    header_index, columns, header = found
    usage = ColumnUse(header, columns.values())
    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    for line_no, cells in read_records(lines, header_index + 1, label):
        usage.see(cells)
        values = {
            name: cells[column].strip() if column < len(cells) else ""
            for name, column in columns.items()
        }
        ref = f"line {line_no}"
        first, last = values.get("first", ""), values.get("last", "")
        if "\n" in first or "\n" in last:
            raise ImportFormatError(
                f"the name on line {line_no} of {label} runs over several lines",
                "a quote is probably missing or extra on that line: fix it, or export again",
            )
        name = clean_name(f"{first} {last}")
        if not name:
            skipped.append(Skipped(ref, "no name"))
            continue
        url, email = values.get("url", ""), values.get("email", "")
        contacts.append(
            ImportedContact(
                ref=ref,
                name=name,
                company=clean_field(values.get("company")),
                title=clean_field(values.get("position")),
                emails=dedupe([email] if is_email(email) else []),
                urls=order_urls([url]),
                met_on=parse_connected_on(values.get("connected", "")),
                met=MET,
            )
        )
    return ParseResult("linkedin", contacts, skipped, ignored=usage.ignored())
