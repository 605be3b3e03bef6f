"""Google Contacts CSV, both header generations.

The older export ("Google CSV") has ``Name, Given Name, Additional Name, Family
Name, ..., Group Membership, E-mail 1 - Type, E-mail 1 - Value, ..., Organization 1 -
Name, Organization 1 - Title``; the newer one (2024 on) has ``First Name, Middle
Name, Last Name, ..., Labels, E-mail 1 - Label, E-mail 1 - Value, Organization Name,
Organization Title``. Both put several values in one cell joined by `` ::: `` and mark
system groups (``* myContacts``, ``* starred``) with a leading ``*``; those, and the
group every import into Google creates (``Imported on 11/24``), are not the user's
own labels and are dropped.

The ``E-mail 1 - Type`` (old) or ``- Label`` (new) beside each value becomes that
value's label (``* Home`` -> home, ``Work Fax`` -> fax). A ``Name`` written "Last,
First" (``Müller, Hans``) is turned round when the Given and Family Name columns (or
``File As``) say that is what it is: the stored name is "First Last", whose first word
is how netlog greets someone. ``\\"`` in notes (Gmail carries the vCard escape over)
is a quote.
"""

from __future__ import annotations

import re

from netlog.importers.base import (
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
    channel_label,
    clean_field,
    clean_tags,
    dedupe_labelled,
    describe,
    flip_last_first,
    is_system_label,
    join_notes,
    only_labels,
    order_labelled_urls,
    third_party_note,
)
from netlog.importers.datetext import normalise_birthday
from netlog.importers.tabular import (
    ColumnUse,
    first_content_line,
    header_key,
    read_records,
    split_line,
)
from netlog.names import clean_name, fold
from netlog.policy import is_email

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
    "fileas": "file_as",
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
    (re.compile(r"^email([0-9]+)(value|type|label)$"), "emails"),
    (re.compile(r"^phone([0-9]+)(value|type|label)$"), "phones"),
    (re.compile(r"^website([0-9]+)(value|type|label)$"), "urls"),
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
        self,
        cells: list[str],
        single: dict[str, int],
        multi: dict[str, list[tuple[int, int | None]]],
    ) -> None:
        self.cells = cells
        self.single_columns = single
        self.multi_columns = multi

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].strip()

    def get(self, name: str) -> str:
        return self.cell(self.single_columns.get(name))

    def multi(self, name: str) -> list[tuple[str, str | None]]:
        """Every value of the numbered ``name`` columns with the label beside it."""
        found: list[tuple[str, str | None]] = []
        for column, type_column in self.multi_columns[name]:
            label = channel_label(self.cell(type_column).lstrip("* "))
            found.extend((value, label) for value in _values(self.cell(column)))
        return found


def _columns(
    keys: list[str],
) -> tuple[dict[str, int], dict[str, list[tuple[int, int | None]]], list[int]]:
    """Field -> column, list field -> (value column, type column) in number order,
    and every column read."""
    single: dict[str, int] = {}
    numbered: dict[str, dict[int, dict[str, int]]] = {"emails": {}, "phones": {}, "urls": {}}
    for column, key in enumerate(keys):
        if key in _SINGLE:
            single.setdefault(_SINGLE[key], column)
            continue
        for pattern, name in _MULTI:
            match = pattern.match(key)
            if match:
                role = "value" if match[2] == "value" else "type"
                numbered[name].setdefault(int(match[1]), {}).setdefault(role, column)
    multi: dict[str, list[tuple[int, int | None]]] = {}
    used = list(single.values())
    for name, by_number in numbered.items():
        pairs = [
            (roles["value"], roles.get("type"))
            for _, roles in sorted(by_number.items())
            if "value" in roles
        ]
        multi[name] = pairs
        used += [column for roles in by_number.values() for column in roles.values()]
    return single, multi, used


def _name(row: _Row, company: str | None, emails: list[str]) -> str:
    """The display name, "First Last" (see the module docstring)."""
    given, family = row.get("given"), row.get("family")
    written, file_as = row.get("name"), row.get("file_as")
    confirmed = bool(written) and fold(written) == fold(file_as)
    parts = (row.get(part) for part in ("prefix", "given", "additional", "family", "suffix"))
    nicknames = _values(row.get("nickname"))
    return (
        flip_last_first(written, given, family, confirmed=confirmed)
        or clean_name(" ".join(parts))
        or flip_last_first(file_as, confirmed=True)
        or (clean_name(nicknames[0]) if nicknames else "")
        or company
        or (emails[0] if emails else "")
    )


def parse_google(text: str, filename: str = "") -> ParseResult:
    """Parse a decoded Google Contacts CSV (see module docstring)."""
    label = describe(filename)
    lines = text.split("\n")
    header_index = first_content_line(lines)
    header = split_line(lines[header_index or 0])
    keys = [header_key(cell) for cell in header]
    if header_index is None or not is_google_header(keys):
        raise ImportFormatError(
            f"{label} does not have a Google Contacts header",
            "Google's export starts with columns such as 'First Name', 'Labels' and "
            "'E-mail 1 - Value'; pass --format linkedin|csv|vcard if the file is something else",
        )
    single, multi, used = _columns(keys)
    usage = ColumnUse(header, used)

    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    for line_no, cells in read_records(lines, header_index + 1, label):
        usage.see(cells)
        row = _Row(cells, single, multi)
        ref = f"line {line_no}"
        emails, email_labels = dedupe_labelled(
            (value, tag) for value, tag in row.multi("emails") if is_email(value)
        )
        phones, phone_labels = dedupe_labelled(row.multi("phones"))
        urls, url_labels = order_labelled_urls(row.multi("urls"))
        companies = _values(row.get("company"))
        company = clean_field(companies[0]) if companies else None
        titles = _values(row.get("title"))
        name = _name(row, company, emails)
        if not name:
            skipped.append(Skipped(ref, "no name"))
            continue
        raw_birthday = row.get("birthday")
        birthday = normalise_birthday(raw_birthday) if raw_birthday else None
        note = third_party_note(row.get("notes"))
        if raw_birthday and birthday is None:
            note = join_notes(note, f"Birthday: {raw_birthday}")
        contacts.append(
            ImportedContact(
                ref=ref,
                name=name,
                company=company,
                title=clean_field(titles[0]) if titles else None,
                emails=emails,
                phones=phones,
                urls=urls,
                tags=clean_tags(
                    group for group in _values(row.get("labels")) if not is_system_label(group)
                ),
                note=note,
                birthday=birthday,
                email_labels=only_labels(email_labels),
                phone_labels=only_labels(phone_labels),
                url_labels=only_labels(url_labels),
            )
        )
    return ParseResult("google", contacts, skipped, ignored=usage.ignored())
