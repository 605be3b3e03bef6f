"""Rows to records: the one mapper per record type, and the SQL each one reads.

A contact's columns are listed once (``CONTACT_READ``): the SELECT, the row
mapper and the documented JSON form are all generated from that list, so they
cannot drift apart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netlog.records import (
    AskRecord,
    Channel,
    Contact,
    FollowUp,
    Interaction,
    LedgerEntry,
    LifeNoteRecord,
)


def d(value: str | None) -> date | None:
    """A stored day (ISO text) as a date."""
    return date.fromisoformat(value) if value else None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def latest_day(*values: str | None) -> date | None:
    present = [v for v in values if v]
    return date.fromisoformat(max(present)) if present else None


def like(text: str) -> str:
    """``text`` as a literal LIKE pattern (``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def db_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


# ----- contacts
TAGS_SQL = "(SELECT group_concat(tag, char(31)) FROM contact_tag t WHERE t.contact_id = c.id)"


def _preferred_sql(kind: str) -> str:
    return (
        "(SELECT value FROM contact_channel h WHERE h.contact_id = c.id "
        f"AND h.kind = '{kind}' ORDER BY h.preferred DESC, h.id LIMIT 1)"
    )


def _channels_sql(kind: str, item: str) -> str:
    # Preferred first, then in the order they were added.
    return (
        f"(SELECT group_concat({item}, ';') FROM (SELECT value, label, preferred "
        f"FROM contact_channel h WHERE h.contact_id = c.id AND h.kind = '{kind}' "
        "ORDER BY h.preferred DESC, h.id))"
    )


_CHANNEL_FIELDS = {"emails": "email", "phones": "phone", "urls": "url"}
# One channel as "HEXVALUE,HEXLABEL,P" (a label of None as "-"), channels joined
# by ";": the hex digits hold any text without quoting, and reading them back
# needs no JSON parser, whose import cost every command that reads a contact 1 ms.
_CHANNEL_TUPLE = (
    "hex(value) || ',' || CASE WHEN label IS NULL THEN '-' ELSE hex(label) END "
    "|| ',' || (preferred != 0)"
)
_CHANNEL_OBJECT = (
    "json_object('value', value, 'label', label, "
    "'preferred', json(CASE WHEN preferred THEN 'true' ELSE 'false' END))"
)


def _read_sql(name: str) -> str:
    if name == "via_name":
        return "v.name"
    if name == "tags":
        return TAGS_SQL
    if name in _CHANNEL_FIELDS:
        return _channels_sql(_CHANNEL_FIELDS[name], _CHANNEL_TUPLE)
    return f"c.{name}"


# Every field of records.Contact, in order, with its SQL.
CONTACT_READ = tuple((name, _read_sql(name)) for name in Contact._fields)
CONTACT_DATES = frozenset(
    (
        "last_contact_on",
        "last_attempt_on",
        "last_note_on",
        "next_checkin_on",
        "snoozed_until",
        "created_on",
    )
)
CONTACT_FROM = " FROM contact c LEFT JOIN contact v ON v.id = c.via_id "
CONTACT_SELECT = "SELECT " + ", ".join(sql for _, sql in CONTACT_READ) + CONTACT_FROM


def _json_sql(name: str, sql: str) -> str:
    if name == "tags":
        return "(SELECT json_group_array(tag) FROM contact_tag t WHERE t.contact_id = c.id)"
    if name in _CHANNEL_FIELDS:
        return f"json(coalesce(ch.{name}, '[]'))"
    return sql


# The documented JSON form of a contact, built by SQLite itself (list and show
# both use it): C speed for big lists. The preferred email, phone and URL come
# after the title (as in netlog 1), all of them in ``emails``/``phones``/``urls``.
# Tags come out sorted: the lookup walks the (contact_id, tag) primary-key index.
# The channels are grouped once per listing (``contact_json_sql``) rather than
# looked up six times per contact: a third of the time at 20,000 contacts.
def _json_items() -> list[str]:
    items: list[str] = []
    for name, sql in CONTACT_READ:
        items.append(f"'{name}', {_json_sql(name, sql)}")
        if name == "title":
            items += [
                f"'{kind}', json_extract(ch.{kind}s, '$[0].value')"
                for kind in ("email", "phone", "url")
            ]
    return items


CONTACT_JSON = "json_object(" + ", ".join(_json_items()) + ")"


def contact_json_sql(channel_filter: str = "") -> tuple[str, str]:
    """``(WITH clause, FROM clause)`` around ``CONTACT_JSON``; ``channel_filter``
    (e.g. ``WHERE contact_id = ?``) narrows the channels grouped."""
    groups = ", ".join(
        f"json_group_array({_CHANNEL_OBJECT}) FILTER (WHERE kind = '{kind}') AS {name}"
        for name, kind in _CHANNEL_FIELDS.items()
    )
    with_ = (
        f"WITH ch AS (SELECT contact_id, {groups} FROM (SELECT * FROM contact_channel "
        f"{channel_filter} ORDER BY contact_id, preferred DESC, id) GROUP BY contact_id) "
    )
    return with_, CONTACT_FROM + "LEFT JOIN ch ON ch.contact_id = c.id "


def _channels(text: str | None) -> tuple[Channel, ...]:
    """The channels ``_CHANNEL_TUPLE`` wrote, in their order."""
    if not text:
        return ()
    found = []
    for item in text.split(";"):
        value, label, preferred = item.split(",")
        found.append(
            Channel(
                _unhex(value),
                None if label == "-" else _unhex(label),
                preferred == "1",
            )
        )
    return tuple(found)


def _unhex(digits: str) -> str:
    return bytes.fromhex(digits).decode("utf-8")


def contact(row: tuple[Any, ...]) -> Contact:
    values = dict(zip((name for name, _ in CONTACT_READ), row, strict=True))
    for name in CONTACT_DATES:
        values[name] = d(values[name])
    for name in _CHANNEL_FIELDS:
        values[name] = _channels(values[name])
    values["tags"] = tuple(values["tags"].split("\x1f")) if values["tags"] else ()
    return Contact(**values)


# ----- history and obligations
INTERACTION_COLUMNS = "id, contact_id, occurred_on, kind, summary, created_at, no_reply"
# What `interaction` reads: the columns, then whether `netlog capture` made it.
INTERACTION_SELECT = (
    INTERACTION_COLUMNS
    + ", EXISTS (SELECT 1 FROM captured WHERE captured.interaction_id = interaction.id)"
)


def interaction(r: tuple[Any, ...]) -> Interaction:
    return Interaction(
        r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], bool(r[6]), bool(r[7])
    )


FOLLOWUP_COLUMNS = "id, contact_id, due_on, todo, interaction_id, created_at, done_at, reason"


def followup(r: tuple[Any, ...]) -> FollowUp:
    return FollowUp(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], r[6], reason=r[7])


LEDGER_COLUMNS = "id, contact_id, direction, what, occurred_on, interaction_id"


def ledger_entry(r: tuple[Any, ...]) -> LedgerEntry:
    return LedgerEntry(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5])


ASK_SELECT = (
    "SELECT a.id, a.contact_id, c.name, a.request, a.company, a.asked_on, a.status, "
    "a.closed_on, a.outcome FROM ask a JOIN contact c ON c.id = a.contact_id"
)


def ask(r: tuple[Any, ...]) -> AskRecord:
    return AskRecord(
        id=r[0],
        contact_id=r[1],
        contact_name=r[2],
        request=r[3],
        company=r[4],
        asked_on=date.fromisoformat(r[5]),
        status=r[6],
        closed_on=d(r[7]),
        outcome=r[8],
    )


NOTE_COLUMNS = "id, contact_id, noted_on, text"


def life_note(r: tuple[Any, ...]) -> LifeNoteRecord:
    return LifeNoteRecord(r[0], r[1], date.fromisoformat(r[2]), r[3])
