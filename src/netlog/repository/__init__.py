"""The only place that speaks SQL for netlog's commands, split by what it stores.

A thin layer over a stdlib ``sqlite3`` connection whose tables are declared in
``models.py``. It returns plain records (``records.py``) and scheduler inputs,
never cursors or rows, and it never prints or prompts.

``Repository.transaction()`` is the unit of work: one ``BEGIN IMMEDIATE`` ...
``COMMIT`` (rolled back on any error) that recomputes, before it commits, the
derived state of every contact its writes touched (``netlog.derive``). Writes
outside it are refused, so no path can forget.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from netlog import db, derive
from netlog.names import fold
from netlog.records import Channel, Derived
from netlog.repository import mappers as m
from netlog.repository.capture import CaptureStore
from netlog.repository.contacts import CONTACT_FIELDS, ContactStore
from netlog.repository.corrections import CorrectionStore
from netlog.repository.dumpstore import BOOKKEEPING_TABLES, DUMP_TABLES, DumpStore
from netlog.repository.history import HistoryStore
from netlog.repository.insight import InsightStore
from netlog.repository.integrity import IntegrityStore
from netlog.repository.journal import JournalStore
from netlog.repository.obligations import ObligationStore
from netlog.repository.readmodels import ReadModels
from netlog.repository.reviews import ReviewStore

__all__ = ["BOOKKEEPING_TABLES", "CONTACT_FIELDS", "DUMP_TABLES", "DumpStore", "Repository"]

_STORED = (
    "cadence_days, created_on, snoozed_until, source, last_contact_on, last_kind, last_summary, "
    "unanswered, last_attempt_on, last_note, last_note_on, next_checkin_on, typical_gap_days, "
    "quiet_on"
)


class Repository(
    ReadModels,
    InsightStore,
    HistoryStore,
    ObligationStore,
    ReviewStore,
    IntegrityStore,
    JournalStore,
    CorrectionStore,
    CaptureStore,
    ContactStore,
):
    """Queries and writes over one open connection."""

    def __init__(self, conn: sqlite3.Connection, command: str = "", at: str | None = None) -> None:
        """``command`` and ``at`` (a UTC instant, from the CLI's clock) label the
        change sets this repository's units of work record."""
        self.conn = conn
        self._dirty = None
        self._created = set()
        self._command, self._at = command, at

    # ----- the unit of work
    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One transaction; derived state of touched contacts is made true before
        it commits, and its row changes form one set of the change journal.
        Nested use joins the open one."""
        if self._dirty is not None:
            yield self
            return
        self._dirty, self._created = set(), set()
        try:
            with db.transaction(self.conn):
                self.change_set_id = self.open_change_set()
                yield self
                self.flush()
                self.close_change_set(self.change_set_id)
        finally:
            self._dirty, self._created = None, set()

    def flush(self) -> None:
        if not self._dirty:
            return
        touched = sorted(self._dirty)
        self._dirty.clear()
        for contact_id in touched:
            self._settle(contact_id)

    def _settle(self, contact_id: int) -> None:
        row = self.conn.execute(
            f"SELECT {_STORED} FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
        if row is None:
            return  # deleted in this unit of work
        stored = _derived(row[4:])
        snoozed = m.d(row[2])
        history = self._history(contact_id, row[0], m.d(row[1]) or date.min, snoozed, row[3])
        new = derive.derive(history)
        if snoozed and contact_id not in self._created and derive.ends_snooze(stored, new):
            snoozed = None
            new = derive.derive(self._history(contact_id, row[0], history.created_on, None, row[3]))
        if new == stored and snoozed == m.d(row[2]):
            return
        self.conn.execute(
            "UPDATE contact SET last_contact_on = ?, last_kind = ?, last_summary = ?, "
            "unanswered = ?, last_attempt_on = ?, last_note = ?, last_note_on = ?, "
            "next_checkin_on = ?, typical_gap_days = ?, quiet_on = ?, snoozed_until = ? "
            "WHERE id = ?",
            (
                m.iso(new.last_contact_on),
                new.last_kind,
                new.last_summary,
                new.unanswered,
                m.iso(new.last_attempt_on),
                new.last_note,
                m.iso(new.last_note_on),
                new.next_checkin_on.isoformat(),
                new.typical_gap_days,
                m.iso(new.quiet_on),
                m.iso(snoozed),
                contact_id,
            ),
        )

    def _history(
        self, contact_id: int, cadence: int, created_on: date, snoozed: date | None, source: str
    ) -> derive.History:
        last = self.latest_answered(contact_id)
        last_id, day = (last[0], last[1]) if last else (0, "")
        attempts, attempt_day = self.attempts_after(contact_id, day, last_id)
        note = self.latest_note(contact_id)
        return derive.History(
            contact_id=contact_id,
            cadence_days=cadence,
            created_on=created_on,
            source=source,
            snoozed_until=snoozed,
            last=(date.fromisoformat(last[1]), last[2], last[3]) if last else None,
            attempts=attempts,
            last_attempt_on=m.d(attempt_day),
            note=(note[0], date.fromisoformat(note[1])) if note else None,
            recent_days=self.recent_answered_days(contact_id),
        )

    # ----- what check compares
    def stored_derived(self, contact_id: int) -> Derived | None:
        row = self.conn.execute(
            f"SELECT {_STORED} FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
        return _derived(row[4:]) if row else None

    def compute_derived(self, contact_id: int) -> Derived | None:
        """What the history and rules imply for a contact, without storing it."""
        row = self.conn.execute(
            "SELECT cadence_days, created_on, snoozed_until, source FROM contact WHERE id = ?",
            (contact_id,),
        ).fetchone()
        if row is None:
            return None
        return derive.derive(
            self._history(contact_id, row[0], m.d(row[1]) or date.min, m.d(row[2]), row[3])
        )

    def contact_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM contact ORDER BY id")]

    def settle_all(self) -> None:
        """Recompute every contact's derived state inside the open transaction
        (a migration, a restore, ``check --repair``). It only makes the stored
        values agree with the history: it never ends a snooze."""
        if not self.conn.in_transaction:
            raise RuntimeError("settle_all needs an open transaction")
        saved = self._dirty, self._created
        ids = self.contact_ids()
        self._dirty, self._created = set(ids), set(ids)
        try:
            self.flush()
        finally:
            self._dirty, self._created = saved

    # ----- bulk loading (imports, the benchmark generator)
    def bulk_insert_contacts(
        self, rows: list[dict[str, Any]], now: str, created_on: date
    ) -> list[int]:
        """Insert many contacts at once (same keys in every row); returns their ids
        in order. A row's ``tags`` key holds its tags and ``channels`` its
        ``(kind, Channel)`` pairs. Runs inside the caller's unit of work."""
        if not rows:
            return []
        fields = [k for k in rows[0] if k not in ("tags", "channels")]
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            raise ValueError(f"unknown contact fields: {sorted(unknown)}")
        columns = [*fields, "name_key", "next_checkin_on", "created_on", "created_at", "updated_at"]
        start = self.conn.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0] + 1
        ids = list(range(start, start + len(rows)))
        day = created_on.isoformat()
        stamps = (day, day, now, now)  # next_checkin_on (a placeholder), created_on, *_at
        self.conn.executemany(
            f"INSERT INTO contact (id, {', '.join(columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})",
            (
                [cid, *(m.db_value(row[f]) for f in fields), fold(str(row["name"])), *stamps]
                for cid, row in zip(ids, rows, strict=True)
            ),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO contact_tag (contact_id, tag) VALUES (?, ?)",
            ((cid, t) for cid, row in zip(ids, rows, strict=True) for t in _list(row, "tags")),
        )
        self._bulk_channels(
            (cid, kind, ch)
            for cid, row in zip(ids, rows, strict=True)
            for kind, ch in _list(row, "channels")
        )
        self._created.update(ids)
        self.touch(*ids)
        return ids

    def _bulk_channels(self, rows: Iterable[tuple[int, str, Channel]]) -> None:
        from netlog.policy import channel_key

        self.conn.executemany(
            "INSERT INTO contact_channel (contact_id, kind, value, value_key, label, preferred) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (cid, kind, ch.value, channel_key(kind, ch.value), ch.label, int(ch.preferred))
                for cid, kind, ch in rows
            ),
        )


def _list(row: dict[str, Any], key: str) -> list[Any]:
    value = row.get(key, ())
    return list(value) if isinstance(value, list | tuple) else []


def _derived(row: tuple[Any, ...]) -> Derived:
    return Derived(
        last_contact_on=m.d(row[0]),
        last_kind=row[1],
        last_summary=row[2],
        unanswered=row[3],
        last_attempt_on=m.d(row[4]),
        last_note=row[5],
        last_note_on=m.d(row[6]),
        next_checkin_on=date.fromisoformat(row[7]),
        typical_gap_days=row[8],
        quiet_on=m.d(row[9]),
    )
