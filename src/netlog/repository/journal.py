"""The change journal: one set per unit of work, row images written by triggers
(``db.journal_statements``), and putting a set's rows back for ``netlog undo``.

A set is opened when a unit of work begins and closed when it commits; one
that recorded nothing is dropped, so reads and refused commands leave no trace.
Only the latest ``KEEP`` sets are kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from netlog.records import ChangeSetRecord, RowChange
from netlog.repository.base import Store

KEEP = 200  # change sets kept (undo reaches this far back)

# Each journaled table's primary key (the rest of a row image is its values).
PRIMARY_KEYS = {
    "contact": ("id",),
    "contact_tag": ("contact_id", "tag"),
    "contact_channel": ("id",),
    "contact_identifier": ("scheme", "value"),
    "interaction": ("id",),
    "ledger": ("id",),
    "introduction": ("id",),
    "followup": ("id",),
    "ask": ("id",),
    "life_note": ("id",),
    "dismissal": ("handle",),
    "setting": ("key",),
    "captured": ("key", "contact_id"),
}

_SET = "id, uid, at, command, reverts, undone_by"


class JournalConflict(RuntimeError):
    """A row is not as the set being undone left it (changed outside netlog)."""

    def __init__(self, table: str, key: dict[str, Any]) -> None:
        super().__init__(f"{table} {key}")
        self.table, self.key = table, key


class JournalStore(Store):
    _command: str
    _at: str | None

    change_set_id: int  # the set of the open unit of work

    def open_change_set(self) -> int:
        at = self._at or _sqlite_now(self)
        cursor = self.conn.execute(
            "INSERT INTO change_set (uid, at, command, open) VALUES (?, ?, ?, 1)",
            (os.urandom(16).hex(), at, self._command),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def close_change_set(self, set_id: int) -> bool:
        """Close the open set; True when it recorded something (else it is dropped)."""
        recorded = self.conn.execute(
            "SELECT 1 FROM change_row WHERE set_id = ? LIMIT 1", (set_id,)
        ).fetchone()
        if recorded is None:
            self.conn.execute("DELETE FROM change_set WHERE id = ?", (set_id,))
            return False
        self.conn.execute("UPDATE change_set SET open = 0 WHERE id = ?", (set_id,))
        # Keep the latest KEEP commands (undos do not count: undoing must not
        # push out what is left to undo). Deleted explicitly rather than by
        # cascade: undo runs with foreign keys off.
        cutoff = self.conn.execute(
            "SELECT id FROM change_set WHERE reverts IS NULL ORDER BY id DESC LIMIT 1 OFFSET ?",
            (KEEP,),
        ).fetchone()
        if cutoff is not None:
            self.conn.execute("DELETE FROM change_row WHERE set_id <= ?", cutoff)
            self.conn.execute("DELETE FROM change_set WHERE id <= ?", cutoff)
        return True

    def change_sets(self, limit: int = 20) -> list[ChangeSetRecord]:
        """The latest closed sets, newest first."""
        rows = self.conn.execute(
            f"SELECT {_SET} FROM change_set WHERE open = 0 ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [self._record(row) for row in rows]

    def undoable(self) -> ChangeSetRecord | None:
        """The set ``undo`` reverts: the latest that is neither an undo nor undone.
        Every set after it is one of those, so its rows are as it left them."""
        row = self.conn.execute(
            f"SELECT {_SET} FROM change_set WHERE open = 0 AND reverts IS NULL "
            "AND undone_by IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return self._record(row) if row else None

    def row_changes(self, set_id: int) -> list[RowChange]:
        import json  # history and undo only: every write imports this module

        rows = self.conn.execute(
            'SELECT tbl, op, "before", "after" FROM change_row WHERE set_id = ? ORDER BY id',
            (set_id,),
        ).fetchall()
        return [
            RowChange(tbl, op, json.loads(b) if b else None, json.loads(a) if a else None)
            for tbl, op, b, a in rows
        ]

    def revert_rows(self, changes: list[RowChange]) -> None:
        """Put back every row as it was before ``changes``, newest change first.
        Each row must be exactly as the change left it, else ``JournalConflict``
        (the caller rolls back). Run with foreign keys off: the rows come back
        exactly, so no cascade may act on them."""
        for change in reversed(changes):
            image = change.after if change.after is not None else change.before
            assert image is not None
            keys = PRIMARY_KEYS[change.tbl]
            where = " AND ".join(f"{_q(k)} IS ?" for k in keys)
            key = [image[k] for k in keys]
            columns = list(image)
            current = self.conn.execute(
                f"SELECT {_names(columns)} FROM {change.tbl} WHERE {where}",
                key,
            ).fetchone()
            now = dict(zip(columns, current, strict=True)) if current else None
            if now != change.after:
                raise JournalConflict(change.tbl, dict(zip(keys, key, strict=True)))
            if change.before is None:
                self.conn.execute(f"DELETE FROM {change.tbl} WHERE {where}", key)
            elif change.after is None:
                names = list(change.before)
                self.conn.execute(
                    f"INSERT INTO {change.tbl} ({_names(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    [change.before[n] for n in names],
                )
            else:
                names = list(change.before)
                self.conn.execute(
                    f"UPDATE {change.tbl} SET {', '.join(f'{_q(n)} = ?' for n in names)} "
                    f"WHERE {where}",
                    [*(change.before[n] for n in names), *key],
                )

    def mark_undone(self, set_id: int) -> None:
        """The open set reverted ``set_id``: each names the other."""
        self.conn.execute(
            "UPDATE change_set SET undone_by = ? WHERE id = ?", (self.change_set_id, set_id)
        )
        self.conn.execute(
            "UPDATE change_set SET reverts = ? WHERE id = ?", (set_id, self.change_set_id)
        )

    def dangling_references(self) -> list[tuple[str, int, str]]:
        """Rows pointing at missing ones (checked before an undo commits)."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute("PRAGMA foreign_key_check")]

    @contextmanager
    def foreign_keys_off(self) -> Iterator[None]:
        """Foreign keys off for what runs inside (outside any transaction: SQLite
        ignores the pragma within one), on again after."""
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def _record(self, row: tuple[Any, ...]) -> ChangeSetRecord:
        counts = self.conn.execute(
            "SELECT count(*) FROM change_row WHERE set_id = ?", (row[0],)
        ).fetchone()[0]
        return ChangeSetRecord(
            id=row[0], uid=row[1], at=row[2], command=row[3], reverts=row[4],
            undone_by=row[5], rows=int(counts),
        )  # fmt: skip


def _sqlite_now(store: Store) -> str:
    """When no clock was given (scripts, the benchmark generator): SQLite's."""
    return str(store.conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0])


def _q(name: str) -> str:
    return f'"{name}"'


def _names(names: list[str]) -> str:
    return ", ".join(_q(n) for n in names)
