"""What happened: interactions, personal notes, give and take, introductions,
and the history reads that derived state is computed from."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netlog import policy
from netlog.records import Interaction, Introduction, LedgerEntry, LifeNoteRecord
from netlog.repository import mappers as m
from netlog.repository.base import Store


class HistoryStore(Store):
    # ----- interactions
    def insert_interaction(
        self,
        contact_id: int,
        occurred_on: date,
        kind: str,
        summary: str | None,
        now: str,
        no_reply: bool = False,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO interaction (contact_id, occurred_on, kind, summary, no_reply, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (contact_id, occurred_on.isoformat(), kind, summary, int(no_reply), now),
        )
        self.touch(contact_id)
        return int(cur.lastrowid or 0)

    def bulk_insert_interactions(
        self, rows: Iterable[tuple[int, date, str, str | None]], now: str
    ) -> None:
        """Insert ``(contact_id, occurred_on, kind, summary)`` rows."""
        touched: set[int] = set()

        def values() -> Iterable[tuple[object, ...]]:
            for cid, day, kind, summary in rows:
                touched.add(cid)
                yield cid, day.isoformat(), kind, summary, now

        self.conn.executemany(
            "INSERT INTO interaction (contact_id, occurred_on, kind, summary, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            values(),
        )
        self.touch(*touched)

    def interactions(self, contact_id: int, limit: int | None = None) -> list[Interaction]:
        rows = self.conn.execute(
            f"SELECT {m.INTERACTION_SELECT} FROM interaction WHERE contact_id = ? "
            "ORDER BY occurred_on DESC, id DESC LIMIT ?",
            (contact_id, -1 if limit is None else limit),
        )
        return [m.interaction(r) for r in rows]

    def first_interaction_of_kind(self, contact_id: int, kind: str) -> Interaction | None:
        row = self.conn.execute(
            f"SELECT {m.INTERACTION_SELECT} FROM interaction WHERE contact_id = ? AND kind = ? "
            "ORDER BY occurred_on, id LIMIT 1",
            (contact_id, kind),
        ).fetchone()
        return m.interaction(row) if row else None

    def move_interaction(self, interaction_id: int, occurred_on: date) -> None:
        row = self.conn.execute(
            "UPDATE interaction SET occurred_on = ? WHERE id = ? RETURNING contact_id",
            (occurred_on.isoformat(), interaction_id),
        ).fetchone()
        if row:
            self.touch(row[0])

    def has_interaction(
        self, contact_id: int, occurred_on: date, kind: str, summary: str | None
    ) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM interaction WHERE contact_id = ? AND occurred_on = ? AND kind = ? "
            "AND summary IS ? LIMIT 1",
            (contact_id, occurred_on.isoformat(), kind, summary),
        ).fetchone()
        return row is not None

    # ----- what derived state is computed from (netlog.derive)
    def latest_answered(self, contact_id: int) -> tuple[int, str, str, str | None] | None:
        """``(id, day, kind, summary)`` of the latest answered interaction, by day then id."""
        row = self.conn.execute(
            "SELECT id, occurred_on, kind, summary FROM interaction "
            "WHERE contact_id = ? AND no_reply = 0 ORDER BY occurred_on DESC, id DESC LIMIT 1",
            (contact_id,),
        ).fetchone()
        return (row[0], row[1], row[2], row[3]) if row else None

    def recent_answered_days(self, contact_id: int) -> tuple[date, ...]:
        """The days of the latest answered interactions, oldest first: enough for
        the typical gap (``policy.TYPICAL_GAP_SAMPLES`` intervals between distinct
        days, read by index however long the history)."""
        rows = self.conn.execute(
            "SELECT DISTINCT occurred_on FROM interaction WHERE contact_id = ? AND no_reply = 0 "
            "ORDER BY occurred_on DESC LIMIT ?",
            (contact_id, policy.TYPICAL_GAP_SAMPLES + 1),
        )
        return tuple(reversed([date.fromisoformat(r[0]) for r in rows]))

    def attempts_after(self, contact_id: int, day: str, after_id: int) -> tuple[int, str | None]:
        """``(count, latest day)`` of unanswered attempts after an interaction."""
        row = self.conn.execute(
            "SELECT count(*), max(occurred_on) FROM interaction WHERE contact_id = ? "
            "AND no_reply = 1 AND (occurred_on > ? OR (occurred_on = ? AND id > ?))",
            (contact_id, day, day, after_id),
        ).fetchone()
        return int(row[0]), row[1]

    def latest_note(self, contact_id: int) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT text, noted_on FROM life_note WHERE contact_id = ? "
            "ORDER BY noted_on DESC, id DESC LIMIT 1",
            (contact_id,),
        ).fetchone()
        return (row[0], row[1]) if row else None

    # ----- life notes
    def insert_note(self, contact_id: int, noted_on: date, text: str, now: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO life_note (contact_id, noted_on, text, created_at) VALUES (?, ?, ?, ?)",
            (contact_id, noted_on.isoformat(), text, now),
        )
        self.touch(contact_id)
        return int(cur.lastrowid or 0)

    def notes(self, contact_id: int) -> list[LifeNoteRecord]:
        rows = self.conn.execute(
            f"SELECT {m.NOTE_COLUMNS} FROM life_note WHERE contact_id = ? "
            "ORDER BY noted_on DESC, id DESC",
            (contact_id,),
        )
        return [m.life_note(r) for r in rows]

    # ----- give and take
    def insert_ledger(
        self,
        contact_id: int,
        direction: str,
        what: str,
        occurred_on: date,
        now: str,
        interaction_id: int | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO ledger (contact_id, interaction_id, direction, what, occurred_on, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (contact_id, interaction_id, direction, what, occurred_on.isoformat(), now),
        )
        return int(cur.lastrowid or 0)

    def ledger(self, contact_id: int) -> list[LedgerEntry]:
        rows = self.conn.execute(
            f"SELECT {m.LEDGER_COLUMNS} FROM ledger WHERE contact_id = ? "
            "ORDER BY occurred_on DESC, id DESC",
            (contact_id,),
        )
        return [m.ledger_entry(r) for r in rows]

    # ----- introductions
    def insert_introduction(
        self, a_id: int, b_id: int, why: str | None, occurred_on: date, now: str
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO introduction (a_id, b_id, why, occurred_on, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (a_id, b_id, why, occurred_on.isoformat(), now),
        )
        return int(cur.lastrowid or 0)

    def introductions(self, contact_id: int) -> list[Introduction]:
        rows = self.conn.execute(
            "SELECT i.id, i.a_id, a.name, i.b_id, b.name, i.why, i.occurred_on "
            "FROM introduction i JOIN contact a ON a.id = i.a_id JOIN contact b ON b.id = i.b_id "
            "WHERE i.a_id = ? OR i.b_id = ? ORDER BY i.occurred_on DESC, i.id DESC",
            (contact_id, contact_id),
        )
        return [
            Introduction(r[0], r[1], r[2], r[3], r[4], r[5], date.fromisoformat(r[6])) for r in rows
        ]

    # ----- merge
    def holdings(self, contact_id: int) -> dict[str, int]:
        """How much of a contact's history there is, by what (a merge preview)."""
        counts: dict[str, int] = {}
        for what, sql in (
            ("interactions", "SELECT count(*) FROM interaction WHERE contact_id = ?"),
            ("open follow-ups", "SELECT count(*) FROM followup WHERE contact_id = ? "
             "AND done_at IS NULL"),
            ("favours", "SELECT count(*) FROM ledger WHERE contact_id = ?"),
            ("asks", "SELECT count(*) FROM ask WHERE contact_id = ?"),
            ("notes", "SELECT count(*) FROM life_note WHERE contact_id = ?"),
            ("emails, phones and URLs",
             "SELECT count(*) FROM contact_channel WHERE contact_id = ?"),
            ("tags", "SELECT count(*) FROM contact_tag WHERE contact_id = ?"),
        ):  # fmt: skip
            n = int(self.conn.execute(sql, (contact_id,)).fetchone()[0])
            if n:
                counts[what] = n
        return counts

    def move_everything(self, from_id: int, to_id: int, now: str) -> None:
        """Re-point all of one contact's history, channels and identifiers to
        another (for merge). An introduction between the two disappears, and so
        does asking how it went."""
        self.conn.execute(
            "UPDATE followup SET done_at = ? WHERE done_at IS NULL AND intro_id IN (SELECT id "
            "FROM introduction WHERE (a_id = ? AND b_id = ?) OR (a_id = ? AND b_id = ?))",
            (now, from_id, to_id, to_id, from_id),
        )
        # What capture counted for both stays counted once, for the one kept.
        self.conn.execute(
            'DELETE FROM captured WHERE contact_id = ? AND "key" IN '
            '(SELECT "key" FROM captured WHERE contact_id = ?)',
            (from_id, to_id),
        )
        for table in ("interaction", "followup", "ledger", "ask", "life_note", "captured"):
            self.conn.execute(
                f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (to_id, from_id)
            )
        # Channels the kept contact has already stay once; the others move, unpreferred.
        self.conn.execute(
            "DELETE FROM contact_channel WHERE contact_id = ? AND (kind, value_key) IN "
            "(SELECT kind, value_key FROM contact_channel WHERE contact_id = ?)",
            (from_id, to_id),
        )
        self.conn.execute(
            "UPDATE contact_channel SET preferred = 0 WHERE contact_id = ? AND kind IN "
            "(SELECT kind FROM contact_channel WHERE contact_id = ?)",
            (from_id, to_id),
        )
        self.conn.execute(
            "UPDATE contact_channel SET contact_id = ? WHERE contact_id = ?", (to_id, from_id)
        )
        self.conn.execute(
            "UPDATE contact_identifier SET contact_id = ? WHERE contact_id = ?", (to_id, from_id)
        )
        self.conn.execute("UPDATE introduction SET a_id = ? WHERE a_id = ?", (to_id, from_id))
        self.conn.execute("UPDATE introduction SET b_id = ? WHERE b_id = ?", (to_id, from_id))
        self.conn.execute("DELETE FROM introduction WHERE a_id = b_id")
        self.conn.execute("UPDATE contact SET via_id = ? WHERE via_id = ?", (to_id, from_id))
        self.conn.execute("UPDATE contact SET via_id = NULL WHERE id = via_id")
        self.touch(to_id)
