"""Outlook's CSV export, and the "Outlook CSV" Google Contacts and Outlook.com write.

Outlook (File > Open & Export > Export to a file > Comma Separated Values) writes
about ninety columns, most of them empty: ``Title, First Name, Middle Name, Last
Name, Suffix, Company, Department, Job Title, ..., Business Phone, ..., Home Phone,
..., Mobile Phone, ..., Birthday, Categories, ..., E-mail Address, E-mail Type,
E-mail Display Name, E-mail 2 Address, ..., Notes, ..., Web Page``. Google's "Outlook
CSV" keeps the names but not the order and adds a few (``Nickname``, ``Personal Web
Page``); older Google exports had a single ``Name`` column. Columns are therefore
mapped by name, never by position, and the delimiter is sniffed (Outlook uses the
system's list separator: a semicolon on many European desktops).

Decisions:

* ``Title`` is the honorific ("Ms.", "Dr."), not the job: the job title is ``Job
  Title``. The honorific is not part of the name either, because the name's first
  word is how netlog greets someone ("Say hi to Ms." would be wrong); the column is
  reported as ignored when it holds a value.
* Name: First, Middle and Last Name with the Suffix; else the ``Name`` column; else
  ``File As``, whose convention is "Last, First" (``Müller, Hans`` becomes ``Hans
  Müller``); else the nickname, the company, the first e-mail address.
* Phones keep what they are: Business -> work, Home -> home, Mobile -> mobile,
  Other -> other, faxes -> fax, and so on; the primary and mobile phone come first,
  as the preferred number is the first one.
* ``Birthday`` is ``M/D/YYYY``; ``0/0/00`` means none. A date that cannot be read is
  kept in the note as "Birthday: ...", as the other importers do.
* ``Categories`` are tags, separated by ``;`` (Google's `` ::: `` too); Google's own
  groups (``* myContacts``, ``Imported on 11/24``) are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from netlog.importers.base import (
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
    clean_field,
    clean_tags,
    dedupe,
    dedupe_labelled,
    describe,
    flip_last_first,
    is_system_label,
    join_notes,
    only_labels,
    order_labelled_urls,
    third_party_note,
)
from netlog.importers.datetext import is_blank_us_date, us_birthday
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
    "middlename": "middle",
    "lastname": "last",
    "suffix": "suffix",
    "name": "name",
    "fileas": "file_as",
    "nickname": "nickname",
    "company": "company",
    "jobtitle": "title",
    "birthday": "birthday",
    "categories": "categories",
    "notes": "notes",
}
_EMAIL = re.compile(r"^email([0-9]*)address$")
# Phone columns in preference order (the first number found is the preferred one).
_PHONES = (
    ("primaryphone", None),
    ("mobilephone", "mobile"),
    ("businessphone", "work"),
    ("businessphone2", "work"),
    ("homephone", "home"),
    ("homephone2", "home"),
    ("companymainphone", "work"),
    ("otherphone", "other"),
    ("carphone", "car"),
    ("assistantsphone", "assistant"),
    ("pager", "pager"),
    ("callback", "callback"),
    ("radiophone", "radio"),
    ("isdn", "isdn"),
    ("ttytddphone", "tty"),
    ("telex", "telex"),
    ("businessfax", "fax"),
    ("homefax", "fax"),
    ("otherfax", "fax"),
)
_URLS = (("webpage", None), ("businesswebpage", "work"), ("personalwebpage", "home"))
# Columns Outlook fills in every row with the same bookkeeping: read, never reported.
_BOOKKEEPING = re.compile(r"^email[0-9]*(?:type|displayname)$")
# Values Outlook writes into otherwise empty columns (Priority, Sensitivity, Private,
# Gender, Anniversary): not worth reporting the column for.
_DEFAULTS = ("normal", "false", "unspecified", "0/0/00", "0/0/0000")
# Header keys only Outlook-style exports have; generic CSVs say "email", not these.
_DECISIVE = frozenset({"email2address", "email3address", "emaildisplayname", "emailtype", "fileas"})
_TYPICAL = frozenset(
    {
        "emailaddress", "jobtitle", "middlename", "suffix", "businessphone", "homephone",
        "mobilephone", "otherphone", "primaryphone", "businessfax", "homefax", "webpage",
        "personalwebpage", "businesswebpage", "businessstreet", "homestreet", "categories",
        "companymainphone", "assistantsphone",
    }
)  # fmt: skip
_CATEGORY_SPLIT = re.compile(r"\s*(?:;|:::)\s*")


def is_outlook_header(keys: list[str]) -> bool:
    """Whether a header row (as header keys) is an Outlook-style export's: a column
    only Outlook writes (``E-mail 2 Address``, ``File As``...), or ``E-mail Address``
    with two more of its typical columns."""
    present = set(keys)
    if present & _DECISIVE:
        return True
    return "emailaddress" in present and len(present & _TYPICAL) >= 3


def _header(lines: list[str]) -> tuple[int, str, list[str]] | None:
    index = first_content_line(lines)
    if index is None:
        return None
    delimiter = sniff_delimiter(lines[index])
    return index, delimiter, split_line(lines[index], delimiter)


def parse_outlook(text: str, filename: str = "") -> ParseResult:
    """Parse a decoded Outlook CSV (see module docstring)."""
    label = describe(filename)
    lines = text.split("\n")
    found = _header(lines)
    keys = [header_key(cell) for cell in found[2]] if found else []
    if found is None or not is_outlook_header(keys):
        raise ImportFormatError(
            f"{label} does not have an Outlook CSV header",
            "Outlook's export has columns such as 'First Name', 'E-mail Address' and "
            "'Job Title'; pass --format linkedin|google|thunderbird|csv|vcard if the file "
            "is something else",
        )
    header_index, delimiter, header = found
    single: dict[str, int] = {}
    emails: list[tuple[int, int]] = []  # (number, column)
    bookkeeping: list[int] = []
    for column, key in enumerate(keys):
        if key in _SINGLE:
            single.setdefault(_SINGLE[key], column)
        elif match := _EMAIL.match(key):
            emails.append((int(match[1] or 1), column))
        elif _BOOKKEEPING.match(key):
            bookkeeping.append(column)
    email_columns = [column for _, column in sorted(emails)]
    phone_columns = [(keys.index(key), tag) for key, tag in _PHONES if key in keys]
    url_columns = [(keys.index(key), tag) for key, tag in _URLS if key in keys]
    used = [*single.values(), *email_columns, *bookkeeping]
    used += [column for column, _ in phone_columns + url_columns]
    usage = ColumnUse(header, used, _DEFAULTS)

    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    for line_no, cells in read_records(lines, header_index + 1, label, delimiter):
        usage.see(cells)
        record = Record(cells, single)
        cell, get = record.cell, record.get

        ref = f"line {line_no}"
        email_values = dedupe(e for e in map(cell, email_columns) if is_email(e))
        phones, phone_labels = dedupe_labelled((cell(c), tag) for c, tag in phone_columns)
        urls, url_labels = order_labelled_urls((cell(c), tag) for c, tag in url_columns)
        company = clean_field(get("company"))
        name = _name(get, company, email_values)
        if not name:
            skipped.append(Skipped(ref, "no name"))
            continue
        note = third_party_note(get("notes"))
        raw_birthday = get("birthday")
        birthday = None
        if raw_birthday and not is_blank_us_date(raw_birthday):
            birthday = us_birthday(raw_birthday)
            if birthday is None:
                note = join_notes(note, f"Birthday: {raw_birthday}")
        categories = _CATEGORY_SPLIT.split(get("categories"))
        contacts.append(
            ImportedContact(
                ref=ref,
                name=name,
                company=company,
                title=clean_field(get("title")),
                emails=email_values,
                phones=phones,
                urls=urls,
                tags=clean_tags(c for c in categories if c and not is_system_label(c)),
                note=note,
                birthday=birthday,
                phone_labels=only_labels(phone_labels),
                url_labels=only_labels(url_labels),
            )
        )
    return ParseResult("outlook", contacts, skipped, ignored=usage.ignored())


def _name(get: Callable[[str], str], company: str | None, emails: list[str]) -> str:
    """The display name, "First Last" (see the module docstring for the order)."""
    first, last = get("first"), get("last")
    parts = (first, get("middle"), last, get("suffix"))
    file_as = get("file_as")
    return (
        clean_name(" ".join(parts))
        or flip_last_first(get("name"), first, last, confirmed=_same(get("name"), file_as))
        or flip_last_first(file_as, confirmed=True)
        or clean_name(get("nickname"))
        or company
        or (emails[0] if emails else "")
    )


def _same(a: str, b: str) -> bool:
    """Two non-empty cells that hold the same text, ignoring case and spacing."""
    return bool(a.strip()) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())
