"""Thunderbird's address book CSV export (Tools > Export, "Comma Separated").

``First Name, Last Name, Display Name, Nickname, Primary Email, Secondary Email,
Screen Name, Work Phone, Home Phone, Fax Number, Pager Number, Mobile Number, Home
Address, ..., Work Country, Job Title, Department, Organization, Web Page 1, Web Page
2, Birth Year, Birth Month, Birth Day, Custom 1-4, Notes``; older versions end every
line with a comma, so there is an unnamed, empty last column. Columns are mapped by
name (newer versions add some), the delimiter is sniffed.

Decisions:

* Name: First and Last Name ("First Last": the first word is how netlog greets
  someone), else Display Name, else the nickname, the organisation, the first
  e-mail address.
* The birthday is split over Birth Year, Birth Month and Birth Day; without a year it
  is ``--MM-DD``. "Birth Day" alone is the day of the month, not a date (a generic
  CSV reader took it for one).
* Web Page 1 is the work page and Web Page 2 the home page, as Thunderbird's card
  shows them; the phones are labelled by their column (work, home, fax, pager,
  mobile), the mobile number first.
"""

from __future__ import annotations

from netlog.importers.base import (
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
    clean_field,
    dedupe,
    dedupe_labelled,
    describe,
    join_notes,
    only_labels,
    order_labelled_urls,
    third_party_note,
)
from netlog.importers.datetext import split_birthday
from netlog.importers.tabular import (
    ColumnUse,
    Record,
    first_content_line,
    header_key,
    read_records,
    sniff_delimiter,
    split_line,
)
from netlog.names import clean_name
from netlog.policy import is_email

_SINGLE = {
    "firstname": "first",
    "lastname": "last",
    "displayname": "display",
    "nickname": "nickname",
    "jobtitle": "title",
    "organization": "company",
    "birthyear": "year",
    "birthmonth": "month",
    "birthday": "day",  # "Birth Day": the day of the month
    "notes": "notes",
}
_EMAILS = ("primaryemail", "secondaryemail")
_PHONES = (
    ("mobilenumber", "mobile"),
    ("workphone", "work"),
    ("homephone", "home"),
    ("pagernumber", "pager"),
    ("faxnumber", "fax"),
)
_URLS = (("webpage1", "work"), ("webpage2", "home"))
_TYPICAL = frozenset(
    {"secondaryemail", "screenname", "mobilenumber", "pagernumber", "faxnumber", "webpage1",
     "webpage2", "birthyear", "birthmonth", "custom1", "workzipcode", "homezipcode"}
)  # fmt: skip


def is_thunderbird_header(keys: list[str]) -> bool:
    """Whether a header row (as header keys) is Thunderbird's: ``Primary Email`` with
    the name columns, or two more of its own column names."""
    present = set(keys)
    if "primaryemail" not in present:
        return False
    return {"firstname", "lastname", "displayname"} <= present or len(present & _TYPICAL) >= 2


def parse_thunderbird(text: str, filename: str = "") -> ParseResult:
    """Parse a decoded Thunderbird address book CSV (see module docstring)."""
    label = describe(filename)
    lines = text.split("\n")
    index = first_content_line(lines)
    delimiter = sniff_delimiter(lines[index]) if index is not None else ","
    header = split_line(lines[index], delimiter) if index is not None else []
    keys = [header_key(cell) for cell in header]
    if index is None or not is_thunderbird_header(keys):
        raise ImportFormatError(
            f"{label} does not have a Thunderbird address book header",
            "Thunderbird's CSV export starts with 'First Name, Last Name, Display Name, "
            "Nickname, Primary Email'; pass --format linkedin|google|outlook|csv|vcard if "
            "the file is something else",
        )
    single: dict[str, int] = {}
    for column, key in enumerate(keys):
        if key in _SINGLE:
            single.setdefault(_SINGLE[key], column)
    email_columns = [keys.index(key) for key in _EMAILS if key in keys]
    phone_columns = [(keys.index(key), tag) for key, tag in _PHONES if key in keys]
    url_columns = [(keys.index(key), tag) for key, tag in _URLS if key in keys]
    used = [*single.values(), *email_columns] + [c for c, _ in phone_columns + url_columns]
    usage = ColumnUse(header, used)

    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    for line_no, cells in read_records(lines, index + 1, label, delimiter):
        usage.see(cells)
        record = Record(cells, single)
        cell, get = record.cell, record.get

        ref = f"line {line_no}"
        emails = dedupe(e for e in map(cell, email_columns) if is_email(e))
        phones, phone_labels = dedupe_labelled((cell(c), tag) for c, tag in phone_columns)
        urls, url_labels = order_labelled_urls((cell(c), tag) for c, tag in url_columns)
        company = clean_field(get("company"))
        first, last = get("first"), get("last")
        name = (
            clean_name(f"{first} {last}")
            or clean_name(get("display"))
            or clean_name(get("nickname"))
            or company
            or (emails[0] if emails else "")
        )
        if not name:
            skipped.append(Skipped(ref, "no name"))
            continue
        note = third_party_note(get("notes"))
        year, month, day = get("year"), get("month"), get("day")
        birthday = split_birthday(year, month, day) if month or day else None
        if (year or month or day) and birthday is None:
            parts = "-".join(part or "?" for part in (year, month, day))
            note = join_notes(note, f"Birthday: {parts}")
        contacts.append(
            ImportedContact(
                ref=ref,
                name=name,
                company=company,
                title=clean_field(get("title")),
                emails=emails,
                phones=phones,
                urls=urls,
                note=note,
                birthday=birthday,
                phone_labels=only_labels(phone_labels),
                url_labels=only_labels(url_labels),
            )
        )
    return ParseResult("thunderbird", contacts, skipped, ignored=usage.ignored())
