"""Google Contacts CSV, both header generations.

The older export ("Google CSV") has ``Name, Given Name, Additional Name, Family
Name, ..., Group Membership, E-mail 1 - Type, E-mail 1 - Value, ..., Organization 1 -
Name, Organization 1 - Title``; the newer one (2024 on) has ``First Name, Middle
Name, Last Name, ..., Labels, E-mail 1 - Label, E-mail 1 - Value, Organization Name,
Organization Title``. Both put several values in one cell joined by `` ::: `` and mark
system groups (``* myContacts``, ``* starred``) with a leading ``*``; those are not
the user's own labels and are dropped.
"""

from __future__ import annotations

import re

from netlog.importers.base import (
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
    clean_field,
    clean_note,
    clean_tags,
    dedupe,
    describe,
    join_notes,
    order_urls,
)
from netlog.importers.datetext import normalise_birthday
from netlog.importers.tabular import first_content_line, header_key, read_records, split_line
from netlog.names import clean_name

# Header keys (see tabular.header_key) that only Google's exports have.
MARKERS = frozenset(
    {
        "email1value",
        "givenname",
        "organizationname",
        "organization1name",
        "labels",
        "groupmembership",
    }
)
_SINGLE = {
    "name": "name",
    "givenname": "given",
    "firstname": "given",
    "additionalname": "additional",
    "middlename": "additional",
    "familyname": "family",
    "lastname": "family",
    "nameprefix": "prefix",
    "namesuffix": "suffix",
    "nickname": "nickname",
    "organization1name": "company",
    "organizationname": "company",
    "organization1title": "title",
    "organizationtitle": "title",
    "notes": "notes",
    "birthday": "birthday",
    "groupmembership": "labels",
    "labels": "labels",
}
_MULTI = (
    (re.compile(r"^email[0-9]+value$"), "emails"),
    (re.compile(r"^phone[0-9]+value$"), "phones"),
    (re.compile(r"^website[0-9]+value$"), "urls"),
)
_SEPARATOR = re.compile(r"\s*:::\s*")


def is_google_header(keys: list[str]) -> bool:
    """Whether a header row (as header keys) is a Google Contacts export's."""
    return not MARKERS.isdisjoint(keys)


def _values(cell: str) -> list[str]:
    return [value.strip() for value in _SEPARATOR.split(cell) if value.strip()]


class _Row:
    """One record's cells looked up by field name."""

    __slots__ = ("cells", "multi_columns", "single_columns")

    def __init__(
        self, cells: list[str], single: dict[str, int], multi: dict[str, list[int]]
    ) -> None:
        self.cells = cells
        self.single_columns = single
        self.multi_columns = multi

    def get(self, name: str) -> str:
        column = self.single_columns.get(name)
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].strip()

    def multi(self, name: str) -> list[str]:
        found: list[str] = []
        for column in self.multi_columns[name]:
            if column < len(self.cells):
                found.extend(_values(self.cells[column]))
        return found


def parse_google(text: str, filename: str = "") -> ParseResult:
    """Parse a decoded Google Contacts CSV (see module docstring)."""
    label = describe(filename)
    lines = text.split("\n")
    header_index = first_content_line(lines)
    keys = [header_key(cell) for cell in split_line(lines[header_index or 0])]
    if header_index is None or not is_google_header(keys):
        raise ImportFormatError(
            f"{label} does not have a Google Contacts header",
            "Google's export starts with columns such as 'First Name', 'Labels' and "
            "'E-mail 1 - Value'; pass --format linkedin|csv|vcard if the file is something else",
        )
    single: dict[str, int] = {}
    multi: dict[str, list[int]] = {"emails": [], "phones": [], "urls": []}
    for column, key in enumerate(keys):
        if key in _SINGLE:
            single.setdefault(_SINGLE[key], column)
            continue
        for pattern, name in _MULTI:
            if pattern.match(key):
                multi[name].append(column)

    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    for line_no, cells in read_records(lines, header_index + 1, label):
        row = _Row(cells, single, multi)
        ref = f"line {line_no}"
        emails = dedupe(row.multi("emails"))
        companies = _values(row.get("company"))
        company = clean_field(companies[0]) if companies else None
        titles = _values(row.get("title"))
        nicknames = _values(row.get("nickname"))
        parts = (row.get(part) for part in ("prefix", "given", "additional", "family", "suffix"))
        name = (
            clean_name(row.get("name"))
            or clean_name(" ".join(parts))
            or (clean_name(nicknames[0]) if nicknames else "")
            or company
            or (emails[0] if emails else "")
        )
        if not name:
            skipped.append(Skipped(ref, "no name"))
            continue
        raw_birthday = row.get("birthday")
        birthday = normalise_birthday(raw_birthday) if raw_birthday else None
        note = clean_note(row.get("notes"))
        if raw_birthday and birthday is None:
            note = join_notes(note, f"Birthday: {raw_birthday}")
        contacts.append(
            ImportedContact(
                ref=ref,
                name=name,
                company=company,
                title=clean_field(titles[0]) if titles else None,
                emails=emails,
                phones=dedupe(row.multi("phones")),
                urls=order_urls(row.multi("urls")),
                tags=clean_tags(
                    group for group in _values(row.get("labels")) if not group.startswith("*")
                ),
                note=note,
                birthday=birthday,
            )
        )
    return ParseResult("google", contacts, skipped)
