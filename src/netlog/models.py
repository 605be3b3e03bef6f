"""The schema, declared once as sqlmodel tables.

These classes are the single declaration of netlog's tables, columns, keys and
indexes: ``db.py`` compiles them to SQLite DDL when it creates a database, and
bulk or rare operations may use them through SQLAlchemy. The commands people run
many times a day talk to the same tables through the stdlib ``sqlite3`` driver
(see ``netlog.repository``) so they never pay SQLAlchemy's import; the test suite
runs every repository query against a database built from these models.

Conventions: calendar days are ``DATE`` columns holding ISO ``YYYY-MM-DD`` text;
instants are ``*_at`` text columns in UTC, ISO 8601 with a ``Z`` suffix.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class Contact(SQLModel, table=True):
    """A person you keep in touch with."""

    __tablename__ = "contact"
    __table_args__ = (
        # `due` reads everything it needs about the people due from this index
        # alone (no row lookups): the daily command's one range scan.
        Index(
            "ix_contact_due",
            "next_checkin_on",
            "id",
            "name",
            "cadence_days",
            "last_contact_on",
            "last_kind",
            "last_summary",
            "met",
            "unanswered",
            "last_attempt_on",
            "last_note",
            "last_note_on",
        ),
        Index("ix_contact_birthday", "birthday", sqlite_where=text("birthday IS NOT NULL")),
        Index("ix_contact_quiet", "quiet_on", sqlite_where=text("quiet_on IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    # Case- and accent-folded name, for matching what people type (see names.fold).
    name_key: str = Field(index=True)
    company: str | None = None
    title: str | None = None
    # Emails, phones and links are rows of contact_channel.
    # Where or how you met ("PyCon 2026 hallway").
    met: str | None = None
    note: str | None = None
    # Who introduced you.
    via_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="SET NULL", index=True
    )
    # What they can help with, and what they are looking for (for `suggest`).
    offers: str | None = None
    seeks: str | None = None
    # "YYYY-MM-DD", or "--MM-DD" when the year is unknown (the vCard convention).
    birthday: str | None = None
    cadence_days: int = Field(default=30, sa_column_kwargs={"server_default": "30"})
    # Derived from the history and the rules, recomputed for every contact a
    # transaction touched when it commits (netlog.derive), so `due` never reads
    # the history and no command writes these itself:
    # the latest answered interaction (by day, then id)...
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    # ...the unanswered attempts (`log --no-reply`) since then...
    unanswered: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    last_attempt_on: date | None = None
    # ...and the latest personal note, quoted as a talking point.
    last_note: str | None = None
    last_note_on: date | None = None
    # ...their rhythm: the median days between their latest conversations
    # (policy.typical_gap), which `due` compares silence with...
    typical_gap_days: int | None = None
    # ...and the first day their silence counts as quiet (insight.fading.quiet_from):
    # the `due` rule for fading ties is an index range scan on it.
    quiet_on: date | None = None
    # Derived (scheduler.next_checkin): when netlog next suggests reaching out.
    next_checkin_on: date
    # Not derived: what the user said (`snooze`); a later conversation ends it.
    snoozed_until: date | None = None
    # The day the contact was added, by netlog's clock (NETLOG_TODAY in tests),
    # and how: "add", or the format of the file it was imported from.
    created_on: date
    source: str = Field(default="add", sa_column_kwargs={"server_default": "add"})
    created_at: str
    updated_at: str


class ContactChannel(SQLModel, table=True):
    """One email address, phone number or link of a contact: any number of each,
    with an optional label and one preferred per kind."""

    __tablename__ = "contact_channel"
    __table_args__ = (
        Index("ix_contact_channel_contact", "contact_id", "kind"),
        # Finding a contact by any of their addresses (name resolution, import,
        # capture): the normalised key, compared the same way everywhere.
        Index("ix_contact_channel_key", "kind", "value_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    kind: str  # email | phone | url (policy.CHANNEL_KINDS)
    value: str
    # policy.channel_key(kind, value): casefolded email, digits of a phone, bare URL.
    value_key: str
    label: str | None = None
    preferred: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class ContactIdentifier(SQLModel, table=True):
    """An identifier another program gave the contact (a vCard UID, a LinkedIn
    profile, a Google resource name): a re-import or sync finds the contact by it
    even after a rename."""

    __tablename__ = "contact_identifier"
    __table_args__ = (Index("ix_contact_identifier_contact", "contact_id"),)

    scheme: str = Field(primary_key=True)  # vcard-uid | linkedin | google | ...
    value: str = Field(primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")


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
    kind: str = Field(default="other", sa_column_kwargs={"server_default": "other"})
    summary: str | None = None
    # An attempt that got no answer (`log --no-reply`): it does not restart the
    # cadence, it schedules a patient nudge.
    no_reply: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    created_at: str


class FollowUp(SQLModel, table=True):
    """Something you owe a contact by a day: a promised follow-up, a thank-you,
    telling them how their help turned out, asking how an introduction went."""

    __tablename__ = "followup"
    # Every foreign key is indexed: deleting a contact or an interaction must not
    # scan the children once per deleted row.
    __table_args__ = (
        Index("ix_followup_open_due", "done_at", "due_on"),
        Index("ix_followup_contact", "contact_id"),
        Index("ix_followup_interaction", "interaction_id"),
        Index("ix_followup_ledger", "ledger_id"),
        Index("ix_followup_intro", "intro_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    interaction_id: int | None = Field(
        default=None, foreign_key="interaction.id", ondelete="SET NULL"
    )
    # follow-up | thank-you | close-the-loop | intro-follow-up
    reason: str = Field(default="follow-up", sa_column_kwargs={"server_default": "follow-up"})
    due_on: date
    todo: str
    # What created it: a favour received (thank-you, close-the-loop), an introduction.
    ledger_id: int | None = Field(default=None, foreign_key="ledger.id", ondelete="SET NULL")
    intro_id: int | None = Field(default=None, foreign_key="introduction.id", ondelete="SET NULL")
    created_at: str
    done_at: str | None = None


class Ledger(SQLModel, table=True):
    """Give and take: what you gave a contact, or got from them."""

    __tablename__ = "ledger"
    __table_args__ = (
        Index("ix_ledger_contact", "contact_id", "occurred_on"),
        Index("ix_ledger_interaction", "interaction_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    interaction_id: int | None = Field(
        default=None, foreign_key="interaction.id", ondelete="SET NULL"
    )
    direction: str  # gave | got
    what: str
    occurred_on: date
    created_at: str


class Introduction(SQLModel, table=True):
    """You introduced two contacts to each other."""

    __tablename__ = "introduction"
    __table_args__ = (
        Index("ix_introduction_a", "a_id"),
        Index("ix_introduction_b", "b_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    a_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    b_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    why: str | None = None
    occurred_on: date
    created_at: str


class Ask(SQLModel, table=True):
    """A request you made of a contact: best an introduction, not a resume to pass on."""

    __tablename__ = "ask"
    __table_args__ = (
        Index("ix_ask_contact", "contact_id"),
        Index("ix_ask_status", "status", "asked_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    request: str
    company: str | None = None
    asked_on: date
    status: str = Field(
        default="open", sa_column_kwargs={"server_default": "open"}
    )  # or done, declined
    closed_on: date | None = None
    outcome: str | None = None
    created_at: str


class LifeNote(SQLModel, table=True):
    """A dated personal detail: what is going on in their life."""

    __tablename__ = "life_note"
    __table_args__ = (Index("ix_life_note_contact", "contact_id", "noted_on"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    noted_on: date
    text: str
    created_at: str


class Dismissal(SQLModel, table=True):
    """A due item set aside until a day (``netlog skip``, ``netlog snooze ID``)
    for the reasons netlog computes rather than stores: this year's birthday, a
    give-back, an ask's follow-up. Check-ins use the contact's snooze and
    promises their own row instead."""

    __tablename__ = "dismissal"
    __table_args__ = (Index("ix_dismissal_contact", "contact_id"),)

    handle: str = Field(primary_key=True)  # the item's handle: b12, g12, a3
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    until: date  # hidden before this day (and only occurrences due before it)
    created_at: str


class ReviewMark(SQLModel, table=True):
    """Who ``netlog review`` has been through, and on which day: someone reviewed
    today (any action, or "next") is not shown again today, so a review that was
    left half-way goes on where it stopped. One row per contact, rewritten by
    each review; only the row for today means anything. Not in JSON dumps: it is
    the progress of one day's review, not part of the network."""

    __tablename__ = "review_mark"

    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    reviewed_on: date


class Setting(SQLModel, table=True):
    """One of your settings (``netlog config``): your own email addresses
    (``me.email``) and the like. Yours, like the contacts: dumped and journaled."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)  # policy.SETTINGS
    value: str


class Captured(SQLModel, table=True):
    """A message or calendar occurrence ``netlog capture`` counted for a contact,
    by a stable key (``mail:<Message-ID>``, ``mail-hash:...`` without one,
    ``ics:<UID>/<RECURRENCE-ID>``), so capturing the same sources again adds
    nothing. The interaction it became is NULL once that was dropped: the key
    stays, so it is never captured again."""

    __tablename__ = "captured"
    __table_args__ = (
        Index("ix_captured_interaction", "interaction_id"),
        Index("ix_captured_contact", "contact_id", "direction"),
    )

    key: str = Field(primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    direction: str  # sent | received | meeting (policy.CAPTURE_DIRECTIONS)
    interaction_id: int | None = Field(
        default=None, foreign_key="interaction.id", ondelete="SET NULL"
    )


class CaptureFile(SQLModel, table=True):
    """Bookkeeping of ``netlog capture``: a file already read (a Maildir message,
    an mbox, an ``.ics``), by path, modification time and size, and under which
    contacts and settings (``fingerprint``): an unchanged file is not read again."""

    __tablename__ = "capture_file"

    path: str = Field(primary_key=True)
    mtime_ns: int
    size: int
    fingerprint: str


class CaptureRecipient(SQLModel, table=True):
    """Bookkeeping of ``netlog capture``: someone you wrote to who was not a
    contact then, one row per message, for the list of people you do not track
    yet (``--unknown``, ``--add-unknown``)."""

    __tablename__ = "capture_recipient"

    address: str = Field(primary_key=True)  # policy.email_key of the address
    msg_key: str = Field(primary_key=True)
    name: str | None = None  # the display name the message gave
    day: date


class CaptureState(SQLModel, table=True):
    """Bookkeeping of ``netlog capture``: what the file records above assume
    (how many ``captured`` rows there were after the last capture)."""

    __tablename__ = "capture_state"

    name: str = Field(primary_key=True)
    value: str


class ChangeSet(SQLModel, table=True):
    """What one command changed, as a unit: ``netlog undo`` reverts the latest
    one. Every write of netlog runs in a unit of work that opens one (rows are
    recorded by triggers, so no writer can forget); a set that recorded nothing
    is dropped when the unit commits. ``uid`` names the set on every machine, so
    the journal can later carry changes between copies of the database."""

    __tablename__ = "change_set"
    __table_args__ = (
        # The triggers look up the one open set on every recorded row.
        Index("ix_change_set_open", "id", sqlite_where=text("open = 1")),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str
    at: str  # when the command ran (UTC instant)
    command: str  # what was run, as typed ("netlog log ada 'coffee'")
    # The set being written now (exactly one while a unit of work is open).
    open: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # An undo's own set names the set it reverted; that set names the undo.
    reverts: int | None = None
    undone_by: int | None = None


class ChangeRow(SQLModel, table=True):
    """One row-level change of a set: the row before and after, as JSON objects
    of column -> value (``before`` is NULL for an insert, ``after`` for a delete)."""

    __tablename__ = "change_row"
    __table_args__ = (Index("ix_change_row_set", "set_id"),)

    id: int | None = Field(default=None, primary_key=True)
    set_id: int = Field(foreign_key="change_set.id", ondelete="CASCADE")
    tbl: str
    op: str  # insert | update | delete
    before: str | None = None
    after: str | None = None


class SyncFolder(SQLModel, table=True):
    """``netlog sync``'s bookkeeping: the folder (vdir) each side was last synced
    with, and how far the change journal had got then, so the next sync reads
    only the changes made since."""

    __tablename__ = "sync_folder"

    side: str = Field(primary_key=True)  # contacts | tasks
    path: str  # the folder synced, resolved
    filter: str = Field(default="", sa_column_kwargs={"server_default": ""})  # contacts' --tag
    synced_at: str  # UTC instant of the last sync
    # The latest change set whose changes the last sync had seen, and its uid (a
    # set that is gone or has another uid means the journal no longer reaches back).
    change_set_id: int | None = None
    change_set_uid: str | None = None


class SyncItem(SQLModel, table=True):
    """``netlog sync``'s bookkeeping: one card or task as both sides had it at the
    last sync, so a change on either side (and a change on both) can be told."""

    __tablename__ = "sync_item"

    side: str = Field(primary_key=True)  # contacts | tasks
    uid: str = Field(primary_key=True)  # the card's or task's UID
    # The file in the folder; None once it was deleted there (kept so a task
    # deleted elsewhere is not written again).
    href: str | None = None
    etag: str | None = None  # "mtime_ns:size" as last seen: unchanged files are not read
    digest: str | None = None  # sha256 of the file's bytes as last read or written
    # The contact (cards) or the due item's handle (tasks). Not a foreign key: a
    # contact deleted in netlog must still be found here to carry the deletion over.
    contact_id: int | None = None
    handle: str | None = None
    local: str  # netlog's side as JSON, as it was at the last sync
    remote: str | None = None  # the folder's side as JSON, as read back at the last sync
