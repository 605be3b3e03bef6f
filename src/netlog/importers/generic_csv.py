"""A hand-made or spreadsheet CSV whose header names netlog's own fields.

The escape hatch for every address book without a dedicated importer: put the
data in columns called ``name`` (or ``first_name`` and ``last_name``), ``company``,
``title``, ``email``, ``phone``, ``url``, ``tags``, ``note``, ``birthday``, ``met``
and ``met_on``. Header matching ignores case, spaces, hyphens and underscores and
accepts a few common synonyms (``Full Name``, ``E-mail``, ``Job Title``...);
unknown columns are ignored (and named in the import summary when they hold a
value). Comma, semicolon and tab delimited files are read.
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
from netlog.importers.datetext import normalise_birthday, parse_iso_date
from netlog.importers.tabular import (
    ColumnUse,
    first_content_line,
    header_key,
    read_records,
    sniff_delimiter,
    split_line,
)
from netlog.names import clean_name

# Header keys (see tabular.header_key) to fields.
COLUMNS = {
    "name": "name", "fullname": "name", "displayname": "name", "contact": "name",
    "firstname": "first", "givenname": "first",
    "lastname": "last", "familyname": "last", "surname": "last",
    "company": "company", "organization": "company", "organisation": "company", "org": "company",
    "title": "title", "jobtitle": "title", "position": "title", "role": "title",
    "email": "emails", "emails": "emails", "emailaddress": "emails", "mail": "emails",
    "phone": "phones", "phones": "phones", "phonenumber": "phones", "mobile": "phones",
    "tel": "phones", "telephone": "phones",
    "url": "urls", "urls": "urls", "website": "urls", "web": "urls", "linkedin": "urls",
    "tags": "tags", "tag": "tags", "labels": "tags",
    "note": "note", "notes": "note",
    "birthday": "birthday", "bday": "birthday", "birthdate": "birthday", "dateofbirth": "birthday",
    "met": "met", "howwemet": "met",
    "meton": "met_on", "metdate": "met_on", "datemet": "met_on",
    "cadence": "cadence", "every": "cadence", "offers": "offers", "seeks": "seeks",
    "via": "via", "introducedby": "via", "snoozeduntil": "snoozed_until",
    "lastcontacton": "last_contact_on",
}  # fmt: skip
KNOWN_COLUMNS = (
    "name (or first_name and last_name), company, title, email, phone, url, tags, note, "
    "birthday, met, met_on, cadence, offers, seeks, via, snoozed_until, last_contact_on"
)
# How one cell holds several values: commas, semicolons or Google's " ::: ";
# e-mail addresses and URLs contain no spaces, so spaces separate them too.
_LIST_SPLIT = {
    "emails": re.compile(r"(?:[\s,;]|:::)+"),
    "phones": re.compile(r"\s*(?:[,;]|:::)\s*"),
    "urls": re.compile(r"(?:[\s,;]|:::)+"),
    "tags": re.compile(r"\s*(?:[,;]|:::)\s*"),
}


class _Row:
    """One record's cells looked up by field name."""

    __slots__ = ("cells", "columns")

    def __init__(self, cells: list[str], columns: dict[str, list[int]]) -> None:
        self.cells = cells
        self.columns = columns

    def values(self, field: str) -> list[str]:
        """The stripped cells of every column naming ``field``. The apostrophe that
        netlog's CSV export puts before a cell a spreadsheet would run as a formula
        (``'+44 20…``, ``'--04-15``) or that really starts with one (``''tis``) is
        taken off again; any other leading apostrophe (``'tis``) is the value's own."""
        cells = (
            self.cells[column].strip()
            for column in self.columns.get(field, ())
            if column < len(self.cells)
        )
        return [c[1:] if c[:1] == "'" and c[1:2] in _ESCAPED_START else c for c in cells]

    def first(self, field: str) -> str:
        """The first non-empty value of ``field``, or ""."""
        return next((value for value in self.values(field) if value), "")

    def listed(self, field: str) -> list[str]:
        """Every value of a list field, cells split on its separators."""
        split = _LIST_SPLIT[field]
        return [item for value in self.values(field) for item in split.split(value) if item]


def _email(item: str) -> str:
    """``<ada@example.com>`` and ``mailto:ada@example.com`` as a bare address."""
    item = item.strip("<>()\"'")
    return item[7:] if item.lower().startswith("mailto:") else item


def header_columns(cells: list[str]) -> dict[str, list[int]]:
    """Field -> the column indexes naming it (a field may appear in several columns)."""
    columns: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        name = COLUMNS.get(header_key(cell))
        if name:
            columns.setdefault(name, []).append(index)
    return columns


def find_header(lines: list[str]) -> tuple[int, str, dict[str, list[int]]] | None:
    """The header's line index, the delimiter and its columns, if it names a known field."""
    index = first_content_line(lines)
    if index is None:
        return None
    delimiter = sniff_delimiter(lines[index])
    columns = header_columns(split_line(lines[index], delimiter))
    return (index, delimiter, columns) if columns else None


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What follows the apostrophe netlog's CSV export adds (exporters.csv_export.neutralise).
_ESCAPED_START = (*_FORMULA_START, "'")


def _cadence(text: str | None) -> int | None:
    """A cadence cell (``3w``, ``30d``), or None when empty or unreadable."""
    if not text:
        return None
    from netlog.dates import parse_duration
    from netlog.errors import DateParseError

    try:
        return parse_duration(text).days
    except DateParseError:
        return None


def parse_generic_csv(text: str, filename: str = "") -> ParseResult:
    """Parse a decoded CSV with netlog's field names as its header."""
    label = describe(filename)
    lines = text.split("\n")
    found = find_header(lines)
    if found is None:
        raise ImportFormatError(
            f"{label} has no recognisable header",
            f"the first line must name the columns; netlog understands {KNOWN_COLUMNS}",
        )
    header_index, delimiter, columns = found
    if "name" not in columns and "first" not in columns and "last" not in columns:
        raise ImportFormatError(
            f"{label} has no name column",
            "add a column called name (or first_name and last_name)",
        )

    header = split_line(lines[header_index], delimiter)
    usage = ColumnUse(header, [column for indexes in columns.values() for column in indexes])
    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    for line_no, cells in read_records(lines, header_index + 1, label, delimiter):
        usage.see(cells)
        row = _Row(cells, columns)
        ref = f"line {line_no}"
        name = clean_name(row.first("name")) or clean_name(
            f"{row.first('first')} {row.first('last')}"
        )
        if not name:
            skipped.append(Skipped(ref, "no name"))
            continue
        raw_birthday = row.first("birthday")
        birthday = normalise_birthday(raw_birthday) if raw_birthday else None
        note = clean_note("\n\n".join(value for value in row.values("note") if value))
        if raw_birthday and birthday is None:
            note = join_notes(note, f"Birthday: {raw_birthday}")
        contacts.append(
            ImportedContact(
                ref=ref,
                name=name,
                company=clean_field(row.first("company")),
                title=clean_field(row.first("title")),
                emails=dedupe(e for e in map(_email, row.listed("emails")) if "@" in e),
                phones=dedupe(row.listed("phones")),
                urls=order_urls(row.listed("urls")),
                tags=clean_tags(row.listed("tags")),
                note=note,
                birthday=birthday,
                met_on=parse_iso_date(row.first("met_on")),
                met=clean_field(row.first("met")),
                cadence_days=_cadence(row.first("cadence")),
                offers=clean_field(row.first("offers")),
                seeks=clean_field(row.first("seeks")),
                via=clean_field(row.first("via")),
                snoozed_until=parse_iso_date(row.first("snoozed_until")),
                last_contact_on=parse_iso_date(row.first("last_contact_on")),
            )
        )
    return ParseResult("csv", contacts, skipped, ignored=usage.ignored())
