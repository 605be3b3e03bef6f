"""The schema, declared once as sqlmodel tables.

These classes are the single declaration of netlog's tables, columns, keys and
indexes: ``db.py`` compiles them to SQLite DDL when it creates a database, and
bulk or rare operations may use them through SQLAlchemy. The commands people run
many times a day talk to the same tables through the stdlib ``sqlite3`` driver
(see ``repository.py``) so they never pay SQLAlchemy's import; the test suite
runs every repository query against a database built from these models.

Conventions: calendar days are ``DATE`` columns holding ISO ``YYYY-MM-DD`` text;
instants are ``*_at`` text columns in UTC, ISO 8601 with a ``Z`` suffix.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Contact(SQLModel, table=True):
    """A person you keep in touch with."""

    __tablename__ = "contact"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    # Case- and accent-folded name, for matching what people type (see names.fold).
    name_key: str = Field(index=True)
    company: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    # Where or how you met ("PyCon 2026 hallway").
    met: str | None = None
    note: str | None = None
    # Who introduced you.
    via_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    cadence_days: int = 30
    # Derived from the latest interaction (by day, then id), kept true by every write
    # in the same transaction, so `due` never reads the history.
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    # Derived: max(last contact (or creation) + cadence, snoozed_until). Indexed for `due`.
    next_checkin_on: date = Field(index=True)
    snoozed_until: date | None = None
    created_at: str
    updated_at: str


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"

    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    tag: str = Field(primary_key=True, index=True)


class Interaction(SQLModel, table=True):
    """Something that happened between you and a contact, on a calendar day."""

    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_contact_day", "contact_id", "occurred_on"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    occurred_on: date
    kind: str = "other"
    summary: str | None = None
    created_at: str


class FollowUp(SQLModel, table=True):
    """Something you promised to do for or with a contact by a day."""

    __tablename__ = "followup"
    __table_args__ = (
        Index("ix_followup_open_due", "done_at", "due_on"),
        Index("ix_followup_contact", "contact_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    interaction_id: int | None = Field(
        default=None, foreign_key="interaction.id", ondelete="SET NULL"
    )
    due_on: date
    todo: str
    created_at: str
    done_at: str | None = None
