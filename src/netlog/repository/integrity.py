"""The SQL behind ``netlog check``: SQLite's own checks, netlog's invariants,
and the search index's upkeep."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from netlog.names import fold
from netlog.repository.base import Store


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Rebuild the full-text index from the tables by letting its triggers
    (``db.SEARCH_SQL``) write every row again: they stay the one place that says
    what is indexed."""
    conn.execute("DELETE FROM search_fts")
    conn.execute("UPDATE contact SET name = name")  # contact_search_au: its fields
    conn.execute("UPDATE interaction SET summary = summary")  # interaction_search_au
    conn.execute("UPDATE life_note SET text = text")  # note_search_au
    conn.execute(  # tag_search_ai's statement, once per contact instead of per tag
        "INSERT INTO search_fts(rowid, body, contact_id) SELECT contact_id * 8 + 5, "
        "group_concat(tag, ' '), contact_id FROM contact_tag GROUP BY contact_id"
    )
    conn.execute(  # channel_search_ai's, likewise
        "INSERT INTO search_fts(rowid, body, contact_id) SELECT contact_id * 8 + 6, "
        "group_concat(value, ' '), contact_id FROM contact_channel GROUP BY contact_id"
    )


def search_index_rows(conn: sqlite3.Connection) -> tuple[int, int]:
    """(rows in the index, rows the tables imply): equal when the index is whole."""
    indexed = conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
    expected = conn.execute(
        "SELECT (SELECT count(*) FROM contact WHERE name <> '') "
        "+ (SELECT count(*) FROM contact WHERE company <> '') "
        "+ (SELECT count(*) FROM contact WHERE title <> '') "
        "+ (SELECT count(*) FROM contact WHERE note <> '') "
        "+ (SELECT count(*) FROM contact WHERE met <> '') "
        "+ (SELECT count(*) FROM contact WHERE "
        "trim(coalesce(offers, '') || ' ' || coalesce(seeks, '')) <> '') "
        "+ (SELECT count(*) FROM life_note) "
        "+ (SELECT count(DISTINCT contact_id) FROM contact_tag) "
        "+ (SELECT count(DISTINCT contact_id) FROM contact_channel) "
        "+ (SELECT count(*) FROM interaction WHERE summary <> '')"
    ).fetchone()[0]
    return int(indexed), int(expected)


class IntegrityStore(Store):
    def integrity_errors(self) -> list[str]:
        """SQLite's ``integrity_check``: empty when the file is sound."""
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows

    def foreign_key_errors(self, limit: int = 50) -> list[tuple[str, int, str]]:
        """``(table, rowid, parent)`` of rows pointing at a missing row."""
        rows = self.conn.execute("PRAGMA foreign_key_check").fetchall()[:limit]
        return [(r[0], r[1], r[2]) for r in rows]

    def invalid_values(
        self, table: str, column: str, allowed: Sequence[str], limit: int = 50
    ) -> list[tuple[int, object]]:
        marks = ", ".join("?" * len(allowed))
        rows = self.conn.execute(
            f"SELECT rowid, {column} FROM {table} WHERE {column} NOT IN ({marks}) LIMIT ?",
            [*allowed, limit],
        )
        return [(r[0], r[1]) for r in rows]

    def bad_cadences(self) -> list[tuple[int, int]]:
        return list(
            self.conn.execute("SELECT id, cadence_days FROM contact WHERE cadence_days < 1")
        )

    def refold_name(self, contact_id: int) -> None:
        """Recompute a contact's matching key from its name."""
        row = self.conn.execute("SELECT name FROM contact WHERE id = ?", (contact_id,)).fetchone()
        if row:
            self.conn.execute(
                "UPDATE contact SET name_key = ? WHERE id = ?", (fold(row[0]), contact_id)
            )

    def search_index_rows(self) -> tuple[int, int]:
        return search_index_rows(self.conn)

    def search_index_sound(self) -> bool:
        """FTS5's own check of the index against its content."""
        try:
            self.conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError:
            return False
        return True

    def rebuild_search_index(self) -> None:
        rebuild_search_index(self.conn)
