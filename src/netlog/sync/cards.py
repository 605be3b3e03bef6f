"""A contact as the fields ``netlog sync`` merges, read from netlog or from a
card, and a card written or updated from netlog's side.

The fields: name, company, title, note, birthday, met, via (the introducer's
name), offers, seeks and cadence (netlog's own ride along as ``X-NETLOG-*``),
tags (CATEGORIES) and every email, phone and link with its label, the preferred
one first. Cards are read by netlog's vCard importer and written by its
exporter, so sync and ``import``/``export`` read and write the same way.

A card that came from elsewhere is never rewritten whole: only the properties
of the fields that changed in netlog are replaced, so what netlog does not
keep (photos, addresses, the phone's own properties) stays on the card.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from netlog import policy
from netlog.exporters import content_lines
from netlog.exporters.vcard import to_vcard
from netlog.importers.base import ImportedContact, ImportFormatError
from netlog.importers.vcard import parse_vcard
from netlog.records import Contact

Fields = dict[str, Any]

SCALARS = ("name", "company", "title", "note", "birthday", "met", "via", "offers", "seeks",
           "cadence")  # fmt: skip
LISTS = ("email", "phone", "url")  # of [value, label], the preferred first
TAGS = "tags"
# The card properties that hold each field.
PROPERTIES = {
    "name": ("FN", "N"),
    "company": ("ORG",),
    "title": ("TITLE",),
    "note": ("NOTE",),
    "birthday": ("BDAY",),
    "met": ("X-NETLOG-MET",),
    "via": ("X-NETLOG-VIA",),
    "offers": ("X-NETLOG-OFFERS",),
    "seeks": ("X-NETLOG-SEEKS",),
    "cadence": ("X-NETLOG-CADENCE",),
    "email": ("EMAIL",),
    "phone": ("TEL",),
    "url": ("URL",),
    "tags": ("CATEGORIES",),
}
_ALWAYS = ("REV", "X-NETLOG-ID")  # rewritten whenever netlog changes a card
_VERSION = re.compile(r"^VERSION:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE)


class CardError(ValueError):
    """A file that is not one card netlog can read (reported, never touched)."""


def _text(value: str | None) -> str | None:
    return value if value and value.strip() else None


def _tags(tags: Any, hidden: tuple[str, ...]) -> list[str]:
    found = {t for t in (policy.normalise_tag(str(tag)) for tag in tags) if t}
    return sorted(found - set(hidden))


def local_fields(contact: Contact) -> Fields:
    """A netlog contact as sync fields (the archive tag is netlog's own)."""
    fields: Fields = {
        "name": contact.name,
        "company": _text(contact.company),
        "title": _text(contact.title),
        "note": _text(contact.note),
        "birthday": _text(contact.birthday),
        "met": _text(contact.met),
        "via": _text(contact.via_name),
        "offers": _text(contact.offers),
        "seeks": _text(contact.seeks),
        "cadence": contact.cadence_days,
        TAGS: _tags(contact.tags, (policy.SYNC_ARCHIVED_TAG,)),
    }
    for kind in LISTS:
        fields[kind] = [[c.value, c.label] for c in contact.channels(kind)]
    return fields


def remote_fields(person: ImportedContact) -> Fields:
    """A parsed card as sync fields."""
    fields: Fields = {
        "name": person.name,
        "company": _text(person.company),
        "title": _text(person.title),
        "note": _text(person.note),
        "birthday": _text(person.birthday),
        "met": _text(person.met),
        "via": _text(person.via),
        "offers": _text(person.offers),
        "seeks": _text(person.seeks),
        "cadence": person.cadence_days,
        TAGS: _tags(person.tags, ()),
    }
    for kind, values, labels in (
        ("email", person.emails, person.email_labels),
        ("phone", person.phones, person.phone_labels),
        ("url", person.urls, person.url_labels),
    ):
        fields[kind] = [[v, labels[n] if n < len(labels) else None] for n, v in enumerate(values)]
    return fields


@dataclasses.dataclass(slots=True)
class Card:
    uid: str | None
    version: str
    fields: Fields


def read_card(data: bytes, name: str) -> Card:
    """One file of an address-book folder; CardError when it is not one person's card."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CardError("not UTF-8 text") from None
    try:
        parsed = parse_vcard(text.replace("\r\n", "\n"), name)
    except ImportFormatError as exc:
        raise CardError(exc.message) from None
    if len(parsed.contacts) + len(parsed.skipped) != 1:
        raise CardError("holds more than one card")
    if not parsed.contacts:
        raise CardError(parsed.skipped[0].reason)
    person = parsed.contacts[0]
    match = _VERSION.search(text)
    version = "3.0" if match and match[1] in ("3.0", "2.1") else "4.0"
    return Card(person.uid, version, remote_fields(person))


def new_card(contact: Contact, version: str) -> bytes:
    """A whole card for a contact netlog adds to the folder (its UID is netlog's)."""
    plain = contact._replace(last_contact_on=None, snoozed_until=None)
    return to_vcard([plain], version).encode("utf-8")


def _logical(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line.strip():
            lines.append(line)
    return lines


def _name(line: str) -> str:
    head = re.split(r"[;:]", line, maxsplit=1)[0]
    return head.rsplit(".", 1)[-1].strip().upper()


def patch_card(data: bytes, contact: Contact, changed: set[str], version: str) -> bytes:
    """The card in ``data`` with the properties of the ``changed`` fields taken
    from ``contact``; everything else on it stays as written."""
    generated = _logical(new_card(contact, version).decode("utf-8"))
    owned = {p for field in changed for p in PROPERTIES[field]} | set(_ALWAYS)
    replacement = [line for line in generated if _name(line) in owned]
    lines = _logical(data.decode("utf-8-sig"))
    out: list[str] = []
    for line in lines:
        name = _name(line)
        if name == "END" and line.strip().upper() == "END:VCARD":
            out.extend(replacement)
        if name in owned:
            continue
        out.append(line)
    return content_lines(out).encode("utf-8")


def card_version(data: bytes) -> str:
    match = _VERSION.search(data.decode("utf-8-sig", errors="replace"))
    return "3.0" if match and match[1] in ("3.0", "2.1") else "4.0"
