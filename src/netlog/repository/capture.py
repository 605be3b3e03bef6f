"""Settings and what ``netlog capture`` reads and writes: the email index it
matches addresses with, the keys of what it counted, and its bookkeeping (files
already read, people you wrote to who are not contacts)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netlog.repository.base import Store


class CaptureStore(Store):
    # ----- settings (user data: dumped and journaled)
    def setting(self, key: str) -> str | None:
        row = self.conn.execute('SELECT value FROM setting WHERE "key" = ?', (key,)).fetchone()
        return row[0] if row else None

    def settings(self) -> dict[str, str]:
        return dict(self.conn.execute('SELECT "key", value FROM setting ORDER BY "key"'))

    def set_setting(self, key: str, value: str) -> None:
        self.touch()  # a write: refused outside a unit of work
        self.conn.execute(
            'INSERT INTO setting ("key", value) VALUES (?, ?) '
            'ON CONFLICT ("key") DO UPDATE SET value = excluded.value',
            (key, value),
        )

    def unset_setting(self, key: str) -> bool:
        self.touch()
        return self.conn.execute('DELETE FROM setting WHERE "key" = ?', (key,)).rowcount > 0

    # ----- what capture matches with
    def email_index(self) -> dict[str, list[int]]:
        """Every contact email's key -> the contacts that have it."""
        index: dict[str, list[int]] = {}
        for key, cid in self.conn.execute(
            "SELECT value_key, contact_id FROM contact_channel WHERE kind = 'email' "
            "ORDER BY contact_id"
        ):
            index.setdefault(key, []).append(cid)
        return index

    def met_days(self) -> dict[int, date]:
        """The day each contact was met (their first ``met`` interaction), for
        the contacts that have one."""
        return {
            cid: date.fromisoformat(day)
            for cid, day in self.conn.execute(
                "SELECT contact_id, min(occurred_on) FROM interaction WHERE kind = 'met' "
                "GROUP BY contact_id"
            )
        }

    # ----- what was captured
    def captured_keys(self) -> dict[tuple[str, int], tuple[str, bool]]:
        """``(key, contact_id)`` -> ``(direction, dropped)`` of everything captured."""
        return {
            (key, cid): (direction, iid is None)
            for key, cid, direction, iid in self.conn.execute(
                'SELECT "key", contact_id, direction, interaction_id FROM captured'
            )
        }

    def captured_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM captured").fetchone()[0])

    def captured_interaction(self, contact_id: int, day: date, direction: str) -> int | None:
        """The interaction earlier captures made for a contact, day and direction."""
        row = self.conn.execute(
            "SELECT i.id FROM captured c JOIN interaction i ON i.id = c.interaction_id "
            "WHERE c.contact_id = ? AND c.direction = ? AND i.occurred_on = ? "
            "ORDER BY i.id LIMIT 1",
            (contact_id, direction, day.isoformat()),
        ).fetchone()
        return int(row[0]) if row else None

    def insert_captured(self, rows: Iterable[tuple[str, int, str, int]]) -> None:
        """``(key, contact_id, direction, interaction_id)`` rows."""
        self.touch()
        self.conn.executemany(
            'INSERT OR IGNORE INTO captured ("key", contact_id, direction, interaction_id) '
            "VALUES (?, ?, ?, ?)",
            rows,
        )

    # ----- bookkeeping: files read, people written to (not dumped, not journaled)
    def capture_files(self) -> dict[str, tuple[int, int, str]]:
        return {
            path: (mtime, size, fingerprint)
            for path, mtime, size, fingerprint in self.conn.execute(
                "SELECT path, mtime_ns, size, fingerprint FROM capture_file"
            )
        }

    def save_capture_files(self, rows: Iterable[tuple[str, int, int, str]]) -> None:
        self.touch()
        self.conn.executemany(
            "INSERT OR REPLACE INTO capture_file (path, mtime_ns, size, fingerprint) "
            "VALUES (?, ?, ?, ?)",
            rows,
        )

    def capture_state(self, name: str) -> str | None:
        row = self.conn.execute(
            "SELECT value FROM capture_state WHERE name = ?", (name,)
        ).fetchone()
        return row[0] if row else None

    def set_capture_state(self, name: str, value: str) -> None:
        self.touch()
        self.conn.execute(
            "INSERT OR REPLACE INTO capture_state (name, value) VALUES (?, ?)", (name, value)
        )

    def save_recipients(self, rows: Iterable[tuple[str, str, str | None, date]]) -> None:
        """``(address key, message key, display name, day)`` of messages you sent
        to someone who is not a contact."""
        self.touch()
        self.conn.executemany(
            "INSERT OR IGNORE INTO capture_recipient (address, msg_key, name, day) "
            "VALUES (?, ?, ?, ?)",
            ((a, k, n, d.isoformat()) for a, k, n, d in rows),
        )

    def recipients(self) -> list[tuple[str, str | None, int, date, date]]:
        """Everyone you wrote to who is not a contact now: ``(address, name,
        messages, first day, last day)``, most written to first."""
        rows = self.conn.execute(
            "SELECT r.address, (SELECT n.name FROM capture_recipient n "
            "WHERE n.address = r.address AND n.name IS NOT NULL ORDER BY n.day DESC LIMIT 1), "
            "count(*), min(r.day), max(r.day) FROM capture_recipient r "
            "WHERE r.address NOT IN (SELECT value_key FROM contact_channel WHERE kind = 'email') "
            "GROUP BY r.address ORDER BY count(*) DESC, max(r.day) DESC, r.address"
        )
        return [
            (a, n, int(c), date.fromisoformat(lo), date.fromisoformat(hi))
            for a, n, c, lo, hi in rows
        ]

    def recipient_keys(self) -> set[tuple[str, str]]:
        return set(self.conn.execute("SELECT address, msg_key FROM capture_recipient"))
