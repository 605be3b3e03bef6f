"""What you owe people and asked of them: follow-ups (promises, thank-yous,
loops to close, intro follow-ups) and asks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netlog.records import AskRecord, FollowUp
from netlog.repository import mappers as m
from netlog.repository.base import Store


class ObligationStore(Store):
    # ----- follow-ups
    def insert_followup(
        self,
        contact_id: int,
        due_on: date,
        todo: str,
        now: str,
        interaction_id: int | None,
        reason: str = "follow-up",
        ledger_id: int | None = None,
        intro_id: int | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO followup (contact_id, interaction_id, reason, due_on, todo, "
            "ledger_id, intro_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                contact_id,
                interaction_id,
                reason,
                due_on.isoformat(),
                todo,
                ledger_id,
                intro_id,
                now,
            ),
        )
        return int(cur.lastrowid or 0)

    def bulk_insert_followups(
        self, rows: Iterable[tuple[int, date, str, str | None]], now: str
    ) -> None:
        """Insert ``(contact_id, due_on, todo, done_at)`` rows."""
        self.conn.executemany(
            "INSERT INTO followup (contact_id, due_on, todo, created_at, done_at) "
            "VALUES (?, ?, ?, ?, ?)",
            ((cid, day.isoformat(), todo, now, done) for cid, day, todo, done in rows),
        )

    def complete_followups(
        self,
        contact_id: int,
        now: str,
        due_by: date | None = None,
        reasons: Iterable[str] | None = None,
    ) -> int:
        """Mark open follow-ups done: those due on or before ``due_by`` (or all),
        of the given ``reasons`` (or any)."""
        # ``+done_at``: one contact's follow-ups are a few rows of ix_followup_contact;
        # left to itself SQLite walks every open one due by the day (ms at 20k).
        sql = "UPDATE followup SET done_at = ? WHERE contact_id = ? AND +done_at IS NULL"
        params: list[object] = [now, contact_id]
        if due_by is not None:
            sql += " AND due_on <= ?"
            params.append(due_by.isoformat())
        if reasons is not None:
            wanted = list(reasons)
            sql += f" AND reason IN ({', '.join('?' * len(wanted))})"
            params.extend(wanted)
        return int(self.conn.execute(sql, params).rowcount)

    def complete_followup_ids(self, ids: Iterable[int], now: str) -> int:
        """Mark these follow-ups done (those still open)."""
        cur = self.conn.executemany(
            "UPDATE followup SET done_at = ? WHERE id = ? AND done_at IS NULL",
            [(now, fid) for fid in ids],
        )
        return int(cur.rowcount)

    def open_followups(self, contact_id: int) -> list[FollowUp]:
        rows = self.conn.execute(
            f"SELECT {m.FOLLOWUP_COLUMNS} FROM followup WHERE contact_id = ? AND +done_at IS NULL "
            "ORDER BY due_on, id",
            (contact_id,),
        )
        return [m.followup(r) for r in rows]

    def followup_contact(self, followup_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT contact_id FROM followup WHERE id = ?", (followup_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def move_followup(self, followup_id: int, due_on: date) -> None:
        self.conn.execute(
            "UPDATE followup SET due_on = ? WHERE id = ?", (due_on.isoformat(), followup_id)
        )

    # ----- due items set aside (netlog skip)
    def dismiss(self, handle: str, contact_id: int, until: date, now: str) -> None:
        self.conn.execute(
            "INSERT INTO dismissal (handle, contact_id, until, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (handle) DO UPDATE SET until = excluded.until, "
            "created_at = excluded.created_at",
            (handle, contact_id, until.isoformat(), now),
        )

    def dismissals(self, today: date) -> dict[str, date]:
        """Handles set aside beyond ``today``, and until when."""
        rows = self.conn.execute(
            "SELECT handle, until FROM dismissal WHERE until > ?", (today.isoformat(),)
        )
        return {handle: date.fromisoformat(until) for handle, until in rows}

    # ----- asks
    def insert_ask(
        self, contact_id: int, request: str, company: str | None, asked_on: date, now: str
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO ask (contact_id, request, company, asked_on, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (contact_id, request, company, asked_on.isoformat(), now),
        )
        return int(cur.lastrowid or 0)

    def asks(self, contact_id: int | None = None, status: str | None = "open") -> list[AskRecord]:
        clauses: list[str] = []
        params: list[object] = []
        if contact_id is not None:
            clauses.append("a.contact_id = ?")
            params.append(contact_id)
        if status is not None:
            clauses.append("a.status = ?")
            params.append(status)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.conn.execute(m.ASK_SELECT + where + " ORDER BY a.asked_on, a.id", params)
        return [m.ask(r) for r in rows]

    def get_ask(self, ask_id: int) -> AskRecord | None:
        row = self.conn.execute(m.ASK_SELECT + " WHERE a.id = ?", (ask_id,)).fetchone()
        return m.ask(row) if row else None

    def close_ask(self, ask_id: int, status: str, closed_on: date, outcome: str | None) -> None:
        self.conn.execute(
            "UPDATE ask SET status = ?, closed_on = ?, outcome = ? WHERE id = ?",
            (status, closed_on.isoformat(), outcome, ask_id),
        )
