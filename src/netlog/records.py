"""Plain records that cross layers: the repository returns them,
services and the scheduler consume them, renderers print them. No database or
terminal types leak through these.
"""

# No ``from __future__ import annotations``: typing.NamedTuple compiles every
# string annotation of its fields, which made defining these records cost twice
# as much on every start.

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from netlog.policy import ACTION_KINDS, ALL_KINDS, KINDS

__all__ = ["ACTION_KINDS", "ALL_KINDS", "KINDS"]  # re-exported: the kinds live in policy


class Channel(NamedTuple):
    """One email address, phone number or link of a contact."""

    value: str
    label: str | None = None  # work, home, mobile... as the user or the source said
    preferred: bool = False


# A NamedTuple: a contact read is a snapshot (writers go through the
# repository), and defining a 28-field dataclass costs 2 ms on every start.
class Contact(NamedTuple):
    id: int
    name: str
    company: str | None = None
    title: str | None = None
    # Every email, phone and link, the preferred one first.
    emails: tuple[Channel, ...] = ()
    phones: tuple[Channel, ...] = ()
    urls: tuple[Channel, ...] = ()
    met: str | None = None
    note: str | None = None
    via_id: int | None = None
    via_name: str | None = None
    offers: str | None = None
    seeks: str | None = None
    birthday: str | None = None
    cadence_days: int = 30
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    unanswered: int = 0
    last_attempt_on: date | None = None
    last_note: str | None = None
    last_note_on: date | None = None
    typical_gap_days: int | None = None  # the median days between their conversations
    next_checkin_on: date | None = None
    snoozed_until: date | None = None
    created_on: date | None = None
    source: str = "add"
    created_at: str = ""
    updated_at: str = ""
    tags: tuple[str, ...] = ()

    @property
    def email(self) -> str | None:
        """The preferred email address."""
        return self.emails[0].value if self.emails else None

    @property
    def phone(self) -> str | None:
        return self.phones[0].value if self.phones else None

    @property
    def url(self) -> str | None:
        return self.urls[0].value if self.urls else None

    def channels(self, kind: str) -> tuple[Channel, ...]:
        """``emails``, ``phones`` or ``urls`` by their kind name (``email``...)."""
        return self.emails if kind == "email" else self.phones if kind == "phone" else self.urls

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


class ContactSummary(NamedTuple):
    """The columns of a contact listing: enough to show, cheap to build by thousands."""

    id: int
    name: str
    company: str | None
    title: str | None
    tags: tuple[str, ...]
    last_contact_on: date | None
    next_checkin_on: date | None


class Interaction(NamedTuple):
    id: int
    contact_id: int
    occurred_on: date
    kind: str
    summary: str | None
    created_at: str
    no_reply: bool = False
    captured: bool = False  # made by `netlog capture` from mail or a calendar


class FollowUp(NamedTuple):
    id: int
    contact_id: int
    due_on: date
    todo: str
    interaction_id: int | None = None
    created_at: str = ""
    done_at: str | None = None
    contact_name: str = ""
    reason: str = "follow-up"


class Derived(NamedTuple):
    """What a contact's history and rules imply, as stored on the contact row.
    Only the unit of work writes these (see ``netlog.derive``)."""

    last_contact_on: date | None
    last_kind: str | None
    last_summary: str | None
    unanswered: int
    last_attempt_on: date | None
    last_note: str | None
    last_note_on: date | None
    next_checkin_on: date
    typical_gap_days: int | None = None
    quiet_on: date | None = None


class LedgerEntry(NamedTuple):
    id: int
    contact_id: int
    direction: str  # gave | got
    what: str
    occurred_on: date
    interaction_id: int | None = None


class Introduction(NamedTuple):
    id: int
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    why: str | None
    occurred_on: date


class AskRecord(NamedTuple):
    id: int
    contact_id: int
    contact_name: str
    request: str
    company: str | None
    asked_on: date
    status: str
    closed_on: date | None = None
    outcome: str | None = None


class LifeNoteRecord(NamedTuple):
    id: int
    contact_id: int
    noted_on: date
    text: str


class MatchProfile(NamedTuple):
    """What `suggest` compares: what someone offers, seeks, and their tags."""

    id: int
    name: str
    offers: str | None
    seeks: str | None
    tags: tuple[str, ...]


class ContactDetail(NamedTuple):
    """Everything ``show`` needs about one contact."""

    contact: Contact
    interactions: list[Interaction]
    open_followups: list[FollowUp]
    introduced: list[tuple[int, str]]
    ledger: list[LedgerEntry]
    asks: list[AskRecord]
    notes: list[LifeNoteRecord]
    introductions: list[Introduction]


class SearchHit(NamedTuple):
    """One contact found by ``search``: who, and the first field that matched."""

    contact_id: int
    name: str
    field: str
    text: str


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def as_json(records: Sequence[NamedTuple]) -> list[dict[str, Any]]:
    """NamedTuple records as the dicts ``--json`` prints (field names as keys)."""
    return [r._asdict() for r in records]


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` hook: dataclass records become dicts of their
    fields (snake_case keys), dates ISO strings. The C encoder calls it only for
    those, so large listings serialise at C speed. NamedTuple records would be
    written as arrays: ``as_json`` turns them into dicts first."""
    if isinstance(value, date):
        return value.isoformat()
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not hasattr(cls, "__dataclass_fields__"):
            raise TypeError(f"{cls.__name__} is not JSON serialisable")
        from dataclasses import fields  # only the dataclasses of commands off the daily path

        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(value) if f.repr)
    return {name: getattr(value, name) for name in names}


# The journal's and the history's records are NamedTuples (immutable, and a
# tenth of a frozen dataclass's start-up cost: every command imports this module).
class ChangeSetRecord(NamedTuple):
    """One entry of the change journal: what one command changed."""

    id: int
    uid: str
    at: str  # UTC instant
    command: str
    reverts: int | None
    undone_by: int | None
    rows: int


class RowChange(NamedTuple):
    """One row of a change set, before and after (None: it did not exist)."""

    tbl: str
    op: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class HistoryEntry(NamedTuple):
    """One correctable thing in a contact's history, named by its ref (``i12``)."""

    ref: str
    kind: str  # conversation | note | ask | favour | introduction | follow-up
    day: date
    text: str
    detail: str  # "call", "call, no reply", "gave", "open", "done 2026-11-30"...
    contact_id: int
    contact: str
    captured: bool = False  # a conversation `netlog capture` made
