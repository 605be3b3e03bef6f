"""Plain, immutable records that cross layers: the repository returns them,
services and the scheduler consume them, renderers print them. No database or
terminal types leak through these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

KINDS = ("met", "coffee", "call", "video", "email", "message", "meeting", "event", "other")


@dataclass(frozen=True, slots=True)
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
    next_checkin_on: date | None = None
    snoozed_until: date | None = None
    created_at: str = ""
    updated_at: str = ""
    tags: tuple[str, ...] = ()

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True, slots=True)
class Interaction:
    id: int
    contact_id: int
    occurred_on: date
    kind: str
    summary: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: int
    contact_id: int
    due_on: date
    todo: str
    interaction_id: int | None = None
    created_at: str = ""
    done_at: str | None = None
    contact_name: str = ""


@dataclass(frozen=True, slots=True)
class ContactDetail:
    """Everything ``show`` needs about one contact."""

    contact: Contact
    interactions: list[Interaction] = field(default_factory=list)
    open_followups: list[FollowUp] = field(default_factory=list)
    introduced: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SearchHit:
    contact: Contact
    field: str
    text: str


def to_json(value: Any) -> Any:
    """Records to JSON-ready values: ISO dates, snake_case keys, lists not tuples."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_json(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
