"""Contacts as a vCard file (``.vcf``), for address books.

People keep their address book in a phone or a mail client, and a vCard file is
what all of them import. Version 4.0 (RFC 6350) is the default; 3.0 (RFC 2426)
is offered because Apple Contacts and Google Contacts still read it best.

Decisions:

* N is split from the display name: the last word is the family name, the rest
  the given names; a single word is a given name. FN keeps the name as written.
* BDAY: 4.0 writes ``19900415``, or ``--0415`` when the year is unknown. 3.0 has no
  way to omit the year, so it writes Apple's convention
  ``BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15`` (1604 is a leap year, so 29 February
  survives). A stored birthday that is not a date is written as
  ``BDAY;VALUE=text`` in 4.0 and left out in 3.0, which has no text birthdays.
* UID is ``urn:uuid:`` and a name-based UUID (version 5) of the contact id and its
  creation time, in netlog's own namespace (``UID_NAMESPACE``). It never changes
  between exports, so re-importing updates cards instead of duplicating them; the
  creation time keeps two databases (or a reused id) from colliding.
* REV is the contact's ``updated_at``.
* netlog's own fields ride along as ``X-NETLOG-*`` properties, which other readers
  keep but ignore, so a round trip through an address book loses nothing:
  X-NETLOG-ID, X-NETLOG-CADENCE (a duration such as ``3w``), X-NETLOG-MET,
  X-NETLOG-VIA (the introducer's name), X-NETLOG-OFFERS, X-NETLOG-SEEKS,
  X-NETLOG-SNOOZED-UNTIL and X-NETLOG-LAST-CONTACT (ISO dates).
* Every text value is escaped (backslash, comma, semicolon, line breaks), including
  each tag in CATEGORIES, where a bare comma would split one tag into two. Control
  characters the format cannot carry are dropped. Empty properties are left out,
  except FN and N, which vCard 3.0 requires.
* Lines are folded at 75 UTF-8 octets (never inside a character) and end in CRLF.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import date

from netlog.dates import cadence_token
from netlog.exporters import clean_text, content_lines, escape_text
from netlog.records import Channel, Contact

VERSIONS = ("4.0", "3.0")
# 4ca99d8d-4a17-5b4b-a81a-401db3266067. Fixed forever: changing it changes every UID.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:netlog:contact")

_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_DAY = re.compile(r"^--(\d{2})-?(\d{2})$")
_TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")
APPLE_NO_YEAR = 1604  # the leap year Apple Contacts writes for "year unknown"


def to_vcard(contacts: Iterable[Contact], version: str = "4.0") -> str:
    """All ``contacts`` as one vCard file of the given ``version`` ("4.0" or "3.0")."""
    if version not in VERSIONS:
        raise ValueError(f"unsupported vCard version {version!r}: use 4.0 or 3.0")
    return "".join(content_lines(_card(contact, version)) for contact in contacts)


def contact_uid(contact: Contact) -> str:
    """The stable ``urn:uuid:`` identifying ``contact`` in every export."""
    return uid_for(contact.id, contact.created_at)


def uid_for(contact_id: int, created_at: str) -> str:
    """``contact_uid`` from the two values it is made of (re-import matching)."""
    return "urn:uuid:" + str(uuid.uuid5(UID_NAMESPACE, f"{contact_id}/{created_at}"))


def split_name(name: str) -> tuple[str, str]:
    """``(family, given)``: the last word, and the words before it; one word is given."""
    words = name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    return words[-1], " ".join(words[:-1])


def _present(value: str | None) -> str | None:
    """The value, or None when nothing would be left of it in a card."""
    if value is None or not clean_text(value).strip():
        return None
    return value


def _card(contact: Contact, version: str) -> list[str]:
    family, given = split_name(contact.name)
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"UID:{contact_uid(contact)}",
        f"FN:{escape_text(contact.name)}",
        f"N:{escape_text(family)};{escape_text(given)};;;",
    ]

    def text(name: str, value: str | None) -> None:
        value = _present(value)
        if value is not None:
            lines.append(f"{name}:{escape_text(value)}")

    def day(name: str, value: date | None) -> None:
        if value is not None:
            lines.append(f"{name}:{value.isoformat()}")

    text("ORG", contact.company)
    text("TITLE", contact.title)
    for prop, channels in (("EMAIL", contact.emails), ("TEL", contact.phones),
                           ("URL", contact.urls)):  # fmt: skip
        for channel in channels:
            if _present(channel.value) is not None:
                lines.append(f"{prop}{_type_params(channel, version)}:{escape_text(channel.value)}")
    text("NOTE", contact.note)
    birthday = _birthday(contact.birthday, version)
    if birthday:
        lines.append(birthday)
    tags = [escape_text(tag) for tag in contact.tags if _present(tag) is not None]
    if tags:
        lines.append("CATEGORIES:" + ",".join(tags))
    revision = _revision(contact.updated_at, version)
    if revision:
        lines.append(f"REV:{revision}")
    lines.append(f"X-NETLOG-ID:{contact.id}")
    if contact.cadence_days > 0:  # cadence_token(0) would be "0y", which does not read back
        lines.append(f"X-NETLOG-CADENCE:{cadence_token(contact.cadence_days)}")
    text("X-NETLOG-MET", contact.met)
    text("X-NETLOG-VIA", contact.via_name)
    text("X-NETLOG-OFFERS", contact.offers)
    text("X-NETLOG-SEEKS", contact.seeks)
    day("X-NETLOG-SNOOZED-UNTIL", contact.snoozed_until)
    day("X-NETLOG-LAST-CONTACT", contact.last_contact_on)
    lines.append("END:VCARD")
    return lines


def _type_params(channel: Channel, version: str) -> str:
    """``;TYPE=work`` and the preferred mark: ``PREF=1`` in 4.0, ``TYPE=pref`` in 3.0."""
    types = [channel.label] if channel.label and channel.label.isalnum() else []
    params = []
    if channel.preferred and version == "3.0":
        types.append("pref")
    if types:
        params.append("TYPE=" + ",".join(types))
    if channel.preferred and version == "4.0":
        params.append("PREF=1")
    return "".join(";" + p for p in params)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _birthday(birthday: str | None, version: str) -> str | None:
    """The BDAY line for a stored birthday (``YYYY-MM-DD`` or ``--MM-DD``), or None."""
    if birthday is None or _present(birthday) is None:
        return None
    full = _FULL_DATE.match(birthday)
    if full and _valid(int(full[1]), int(full[2]), int(full[3])):
        year, month, day = full[1], full[2], full[3]
        return f"BDAY:{year}{month}{day}" if version == "4.0" else f"BDAY:{year}-{month}-{day}"
    partial = _MONTH_DAY.match(birthday)
    if partial and _valid(2000, int(partial[1]), int(partial[2])):  # 2000: a leap year
        month, day = partial[1], partial[2]
        if version == "4.0":
            return f"BDAY:--{month}{day}"
        return f"BDAY;X-APPLE-OMIT-YEAR={APPLE_NO_YEAR}:{APPLE_NO_YEAR}-{month}-{day}"
    return f"BDAY;VALUE=text:{escape_text(birthday)}" if version == "4.0" else None


def _revision(updated_at: str, version: str) -> str | None:
    """REV: 4.0 wants an ISO 8601 basic timestamp, 3.0 shows the extended form."""
    match = _TIMESTAMP.match(updated_at or "")
    if not match:
        return None
    if version == "4.0":
        return "{}{}{}T{}{}{}Z".format(*match.groups())
    return updated_at
