"""What every store shares: the connection and the unit of work's bookkeeping.

A write that can change what a contact's history implies calls ``touch``; the
unit of work (``Repository.transaction``) recomputes every touched contact's
derived columns before it commits (``netlog.derive``). No writer sets those
columns itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


class WriteOutsideTransaction(RuntimeError):
    """A write was attempted outside ``Repository.transaction()``: a bug in netlog."""


class Store:
    """The state the stores share (they are mixed into ``Repository``)."""

    conn: sqlite3.Connection
    # Contacts touched in the open unit of work (None: no unit of work open)...
    _dirty: set[int] | None
    # ...and those it created (their first history is not a "later conversation").
    _created: set[int]

    def touch(self, *contact_ids: int) -> None:
        """Mark contacts whose derived state must be recomputed at commit."""
        if self._dirty is None:
            raise WriteOutsideTransaction("a write outside a unit of work")
        self._dirty.update(contact_ids)

    def names_of(self, ids: Iterable[int]) -> dict[int, str]:
        """These contacts' names (those that exist), by id: one query for a
        listing's worth, where a whole contact is six lookups more each."""
        wanted = sorted(set(ids))
        names: dict[int, str] = {}
        for start in range(0, len(wanted), 500):  # well under SQLite's variable limit
            chunk = wanted[start : start + 500]
            names.update(
                self.conn.execute(
                    f"SELECT id, name FROM contact WHERE id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return names

    def flush(self) -> None:
        """Recompute the derived state of every touched contact now (reads inside
        a unit of work call this, so they never see stale values)."""
        raise NotImplementedError  # Repository implements it
