"""What every store shares: the connection and the unit of work's bookkeeping.

A write that can change what a contact's history implies calls ``touch``; the
unit of work (``Repository.transaction``) recomputes every touched contact's
derived columns before it commits (``netlog.derive``). No writer sets those
columns itself.
"""

from __future__ import annotations

import sqlite3


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

    def flush(self) -> None:
        """Recompute the derived state of every touched contact now (reads inside
        a unit of work call this, so they never see stale values)."""
        raise NotImplementedError  # Repository implements it
