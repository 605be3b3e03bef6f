"""History as a list of correctable entries, and the SQL that amends or drops one.

An entry is named by a ref: a letter for its table and its row id (``i12`` a
conversation, ``n4`` a note, ``a3`` an ask, ``v7`` a favour, ``x2`` an
introduction, ``f9`` a follow-up). ``a`` and ``f`` are the same handles ``due``
shows for those items.
"""

from __future__ import annotations

from datetime import date

from netlog.records import HistoryEntry
from netlog.repository.base import Store

# ref letter -> (table, its text column, its day column)
ENTRY_TABLES = {
    "i": ("interaction", "summary", "occurred_on"),
    "n": ("life_note", "text", "noted_on"),
    "a": ("ask", "request", "asked_on"),
    "v": ("ledger", "what", "occurred_on"),
    "x": ("introduction", "why", "occurred_on"),
    "f": ("followup", "todo", "due_on"),
}
ENTRY_KINDS = {
    "i": "conversation",
    "n": "note",
    "a": "ask",
    "v": "favour",
    "x": "introduction",
    "f": "follow-up",
}

# One row per entry: ref letter, id, contact id, day, text, detail, created_at,
# captured (a conversation `netlog capture` made).
_ENTRIES = """
SELECT 'i', id, contact_id, occurred_on, coalesce(summary, ''),
       kind || CASE WHEN no_reply THEN ', no reply' ELSE '' END
       || CASE WHEN is_captured THEN ', captured' ELSE '' END, created_at, is_captured
  FROM (SELECT *, EXISTS (SELECT 1 FROM captured c WHERE c.interaction_id = interaction.id)
          AS is_captured FROM interaction WHERE {c})
UNION ALL SELECT 'n', id, contact_id, noted_on, text, '', created_at, 0 FROM life_note WHERE {c}
UNION ALL SELECT 'a', id, contact_id, asked_on, request || coalesce(' at ' || company, ''),
       status || coalesce(' ' || closed_on, ''), created_at, 0 FROM ask WHERE {c}
UNION ALL SELECT 'v', id, contact_id, occurred_on, what, direction, created_at, 0
  FROM ledger WHERE {c}
UNION ALL SELECT 'f', id, contact_id, due_on, todo,
       reason || CASE WHEN done_at IS NULL THEN ', open' ELSE ', done' END, created_at, 0
  FROM followup WHERE {c}
UNION ALL SELECT 'x', i.id, p.contact_id, i.occurred_on, coalesce(i.why, ''),
       'with ' || other.name, i.created_at, 0
  FROM introduction i
  JOIN (SELECT id, a_id AS contact_id, b_id AS other_id FROM introduction
        UNION ALL SELECT id, b_id, a_id FROM introduction) p ON p.id = i.id
  JOIN contact other ON other.id = p.other_id
  WHERE {pc}
"""


class CorrectionStore(Store):
    def history_entries(
        self, contact_id: int | None = None, limit: int | None = None
    ) -> list[HistoryEntry]:
        """A contact's entries, latest day first; without a contact, the latest
        entered (by anyone), newest first."""
        if contact_id is None:
            sql = _ENTRIES.format(c="1", pc="1") + " ORDER BY 7 DESC, 2 DESC"
        else:
            sql = _ENTRIES.format(c="contact_id = :c", pc="p.contact_id = :c")
            sql += " ORDER BY 4 DESC, 7 DESC, 2 DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.conn.execute(sql, {"c": contact_id}).fetchall()
        names = self.names_of(r[2] for r in rows)
        return [
            HistoryEntry(
                ref=f"{r[0]}{r[1]}",
                kind=ENTRY_KINDS[r[0]],
                day=date.fromisoformat(r[3]),
                text=r[4],
                detail=r[5],
                contact_id=r[2],
                contact=names.get(r[2], ""),
                captured=bool(r[7]),
            )
            for r in rows
        ]

    def entry(self, letter: str, row_id: int) -> HistoryEntry | None:
        table = ENTRY_TABLES[letter][0]
        if letter == "x":
            row = self.conn.execute(
                "SELECT a_id FROM introduction WHERE id = ?", (row_id,)
            ).fetchone()
        else:
            row = self.conn.execute(
                f"SELECT contact_id FROM {table} WHERE id = ?", (row_id,)
            ).fetchone()
        if row is None:
            return None
        for entry in self.history_entries(row[0]):
            if entry.ref == f"{letter}{row_id}":
                return entry
        return None  # pragma: no cover - the row exists, so its entry does

    def entry_contacts(self, letter: str, row_id: int) -> list[int]:
        """The contacts whose history holds the entry (both sides of an introduction)."""
        if letter == "x":
            row = self.conn.execute(
                "SELECT a_id, b_id FROM introduction WHERE id = ?", (row_id,)
            ).fetchone()
            return list(row) if row else []
        table = ENTRY_TABLES[letter][0]
        row = self.conn.execute(
            f"SELECT contact_id FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        return [row[0]] if row else []

    def amend_entry(self, letter: str, row_id: int, fields: dict[str, object]) -> None:
        """Set columns of one entry's row (the caller checked them)."""
        table = ENTRY_TABLES[letter][0]
        self.conn.execute(
            f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
            [*fields.values(), row_id],
        )
        self.touch(*self.entry_contacts(letter, row_id))

    def linked_entries(self, letter: str, row_id: int) -> list[tuple[str, int]]:
        """What was recorded together with an entry and goes with it: a
        conversation's follow-ups and favours (and theirs), a favour's thank-you
        and close-the-loop, an introduction's follow-up."""
        linked: list[tuple[str, int]] = []
        if letter == "i":
            ledger = [r[0] for r in self.conn.execute(
                "SELECT id FROM ledger WHERE interaction_id = ? ORDER BY id", (row_id,)
            )]  # fmt: skip
            linked += [("v", i) for i in ledger]
            linked += [("f", r[0]) for r in self.conn.execute(
                "SELECT id FROM followup WHERE interaction_id = ? OR ledger_id IN "
                f"({', '.join('?' * len(ledger))}) ORDER BY id", (row_id, *ledger),
            )]  # fmt: skip
        elif letter in ("v", "x"):
            column = "ledger_id" if letter == "v" else "intro_id"
            linked += [("f", r[0]) for r in self.conn.execute(
                f"SELECT id FROM followup WHERE {column} = ? ORDER BY id", (row_id,)
            )]  # fmt: skip
        return linked

    def drop_entry(self, letter: str, row_id: int) -> None:
        table = ENTRY_TABLES[letter][0]
        self.touch(*self.entry_contacts(letter, row_id))
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
