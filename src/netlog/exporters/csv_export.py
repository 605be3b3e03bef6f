"""Contacts as CSV, for spreadsheets and scripts.

One header row, then one row per contact, in the columns of ``COLUMNS``. Written
with the csv module (minimal quoting, CRLF row ends as RFC 4180 asks), so notes
with commas, quotes and line breaks survive. Tags are joined with ``"; "``; the
cadence is a duration such as ``3w``; dates are ISO; absent values are empty cells.

Why the apostrophes: a spreadsheet opening the file runs any cell that starts
with ``=``, ``+``, ``-`` or ``@`` as a formula (and a leading tab or carriage
return can hide one), so a contact's name or note could run ``=cmd|' /C calc'!A0``
on the machine of whoever opens the export (CSV/formula injection). Following
OWASP, every such cell gets a leading ``'``, which spreadsheets show as text and
hide. It applies to every cell, whatever its column: a negative number would be
prefixed too, but netlog exports none (ids and cadences are positive, dates start
with a digit). International phone numbers (``+34 600 000 000``) and birthdays
without a year (``--04-15``) are prefixed as well, which is what they need: a
spreadsheet would otherwise turn ``+4915112345678`` into 4.92E+12 and compute
``--04-15`` as -11.
Programs that read the CSV back see the apostrophe.

Why a value's own apostrophe is doubled: netlog's import takes the added
apostrophe off again, so the marking must be unambiguous. A cell that really
starts with ``'`` (``'tis the season``, ``'=not a formula``) gets one more
(``''tis the season``), and the import takes exactly one off a cell starting
with ``'`` followed by a formula trigger or another ``'``; any other value comes
back as written.

Why ``bom``: LibreOffice and Excel guess the encoding of a CSV file they open,
and without a byte order mark they guess the legacy Windows code page, turning
``José`` into ``JosÃ©``. ``to_csv(..., bom=True)`` starts the text with U+FEFF,
which they read as "this is UTF-8" (``netlog export --format csv --bom``).
netlog's import skips a BOM, so such a file reads back the same.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from netlog.dates import cadence_token
from netlog.records import Contact

COLUMNS = (
    "id",
    "name",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "tags",
    "met",
    "via",
    "offers",
    "seeks",
    "birthday",
    "cadence",
    "last_contact_on",
    "next_checkin_on",
    "snoozed_until",
    "note",
)
TAG_SEPARATOR = "; "
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula,
    or when it starts with ``'`` itself (so the import can tell the two apart)."""
    return ESCAPE + cell if cell.startswith((*FORMULA_TRIGGERS, ESCAPE)) else cell


def to_csv(contacts: Iterable[Contact], bom: bool = False) -> str:
    """All ``contacts`` as CSV text: a header row and one row per contact, after a
    UTF-8 byte order mark when ``bom`` (for spreadsheets, see the module docstring)."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact in contacts:
        writer.writerow([neutralise(cell) for cell in _row(contact)])
    return out.getvalue()


def _cell(value: str | int | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _row(contact: Contact) -> list[str]:
    cadence = cadence_token(contact.cadence_days) if contact.cadence_days > 0 else ""
    values: tuple[str | int | date | None, ...] = (
        contact.id,
        contact.name,
        contact.company,
        contact.title,
        # Every email, phone and link, the preferred first, as tags are joined.
        TAG_SEPARATOR.join(c.value for c in contact.emails),
        TAG_SEPARATOR.join(c.value for c in contact.phones),
        TAG_SEPARATOR.join(c.value for c in contact.urls),
        TAG_SEPARATOR.join(contact.tags),
        contact.met,
        contact.via_name,
        contact.offers,
        contact.seeks,
        contact.birthday,
        cadence,
        contact.last_contact_on,
        contact.next_checkin_on,
        contact.snoozed_until,
        contact.note,
    )
    return [_cell(value) for value in values]
