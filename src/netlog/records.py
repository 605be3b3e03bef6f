"""Plain records that cross layers: the repository returns them,
services and the scheduler consume them, renderers print them. No database or
terminal types leak through these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

KINDS = ("met", "coffee", "call", "video", "email", "message", "meeting", "event", "other")
# Kinds that netlog's own commands record (thank, loop, intro, ask).
ACTION_KINDS = ("thanks", "update", "intro", "ask")
ALL_KINDS = KINDS + ACTION_KINDS
# An ask is open until it is closed as done or declined (`asks done ID [--declined]`).
ASK_STATUSES = ("open", "done", "declined")
# A ledger entry is something you gave a contact, or got from them.
LEDGER_DIRECTIONS = ("gave", "got")


@dataclass(slots=True)
class Contact:
    id: int
    name: str
    company: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
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
    next_checkin_on: date | None = None
    snoozed_until: date | None = None
    created_at: str = ""
    updated_at: str = ""
    tags: tuple[str, ...] = ()

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(slots=True)
class ContactSummary:
    """The columns of a contact listing: enough to show, cheap to build by thousands."""

    id: int
    name: str
    company: str | None
    title: str | None
    tags: tuple[str, ...]
    last_contact_on: date | None
    next_checkin_on: date | None


@dataclass(slots=True)
class Interaction:
    id: int
    contact_id: int
    occurred_on: date
    kind: str
    summary: str | None
    created_at: str
    no_reply: bool = False


@dataclass(slots=True)
class FollowUp:
    id: int
    contact_id: int
    due_on: date
    todo: str
    interaction_id: int | None = None
    created_at: str = ""
    done_at: str | None = None
    contact_name: str = ""
    reason: str = "follow-up"


@dataclass(slots=True)
class Derived:
    """What a contact's history implies, as stored on the contact row."""

    last_contact_on: date | None
    last_kind: str | None
    last_summary: str | None
    unanswered: int
    last_attempt_on: date | None
    last_note: str | None
    last_note_on: date | None


@dataclass(slots=True)
class LedgerEntry:
    id: int
    contact_id: int
    direction: str  # gave | got
    what: str
    occurred_on: date
    interaction_id: int | None = None


@dataclass(slots=True)
class Introduction:
    id: int
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    why: str | None
    occurred_on: date


@dataclass(slots=True)
class AskRecord:
    id: int
    contact_id: int
    contact_name: str
    request: str
    company: str | None
    asked_on: date
    status: str
    closed_on: date | None = None
    outcome: str | None = None


@dataclass(slots=True)
class LifeNoteRecord:
    id: int
    contact_id: int
    noted_on: date
    text: str


@dataclass(slots=True)
class MatchProfile:
    """What `suggest` compares: what someone offers, seeks, and their tags."""

    id: int
    name: str
    offers: str | None
    seeks: str | None
    tags: tuple[str, ...]


@dataclass(slots=True)
class ContactDetail:
    """Everything ``show`` needs about one contact."""

    contact: Contact
    interactions: list[Interaction] = field(default_factory=list)
    open_followups: list[FollowUp] = field(default_factory=list)
    introduced: list[tuple[int, str]] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    asks: list[AskRecord] = field(default_factory=list)
    notes: list[LifeNoteRecord] = field(default_factory=list)
    introductions: list[Introduction] = field(default_factory=list)


@dataclass(slots=True)
class SearchHit:
    contact: Contact
    field: str
    text: str


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` hook: records become dicts of their fields
    (snake_case keys), dates ISO strings. The C encoder calls it only for those,
    so large listings serialise at C speed."""
    if isinstance(value, date):
        return value.isoformat()
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not hasattr(cls, "__dataclass_fields__"):
            raise TypeError(f"{cls.__name__} is not JSON serialisable")
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(value) if f.repr)
    return {name: getattr(value, name) for name in names}
