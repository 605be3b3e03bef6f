"""Plain records that cross layers: the repository returns them,
services and the scheduler consume them, renderers print them. No database or
terminal types leak through these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

KINDS = ("met", "coffee", "call", "video", "email", "message", "meeting", "event", "other")


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
    cadence_days: int = 30
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
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


@dataclass(slots=True)
class ContactDetail:
    """Everything ``show`` needs about one contact."""

    contact: Contact
    interactions: list[Interaction] = field(default_factory=list)
    open_followups: list[FollowUp] = field(default_factory=list)
    introduced: list[tuple[int, str]] = field(default_factory=list)


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
