"""Whole-database reads and writes for JSON dumps (backup and restore)."""

from __future__ import annotations

import sqlite3

# Every table a dump carries, parents before children (a test checks this list
# against the sqlmodel tables).
DUMP_TABLES = (
    "contact",
    "contact_tag",
    "contact_channel",
    "contact_identifier",
    "interaction",
    "ledger",
    "introduction",
    "followup",
    "ask",
    "life_note",
    "dismissal",
    "setting",
    "captured",
)
# Tables of netlog's own bookkeeping, not of the user's data: a dump does not
# carry them and the change journal does not record them. ``change_set`` and
# ``change_row`` are the journal itself (a restore starts a new one);
# ``review_mark`` is how far today's ``netlog review`` got, not part of the
# network (a backup restored another day would only show everyone again, as a
# new day does anyway); ``sync_folder`` and ``sync_item`` are what the last
# ``netlog sync`` saw (after a restore the next sync compares each card and
# task with what it remembers, as after a long pause; undo never reverts them);
# ``capture_*`` are what ``netlog capture`` read (after a restore it reads every
# file again once, finding what it counted in ``captured``, which a dump carries).
BOOKKEEPING_TABLES = (
    "change_set", "change_row", "review_mark", "sync_folder", "sync_item",
    "capture_file", "capture_recipient", "capture_state",
)  # fmt: skip
# A stable order for tables without an id column.
_ORDER = {
    "contact_tag": "contact_id, tag",
    "contact_identifier": "scheme, value",
    "dismissal": "handle",
    "setting": "key",
    "captured": "key, contact_id",
}


class DumpStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")]

    def rows(self, table: str) -> list[dict[str, object]]:
        """Every row of ``table`` in a stable order, as column -> value."""
        names = self.columns(table)
        order = _ORDER.get(table, "id")
        cursor = self.conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}")
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def is_empty(self) -> bool:
        return all(
            self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0 for t in DUMP_TABLES
        )

    def insert_rows(self, table: str, rows: list[dict[str, object]]) -> None:
        """Insert rows exactly as given (ids included). Run inside a transaction
        with deferred foreign keys: contacts may name introducers inserted later."""
        batches: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for row in rows:  # rows are written as given, batched by their set of columns
            batches.setdefault(tuple(row), []).append(row)
        for names, batch in batches.items():
            self.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                ([row[n] for n in names] for row in batch),
            )

    def defer_foreign_keys(self) -> None:
        self.conn.execute("PRAGMA defer_foreign_keys = ON")
