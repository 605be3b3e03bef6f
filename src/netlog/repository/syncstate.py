"""What ``netlog sync`` remembers between runs (``sync_folder``, ``sync_item``),
and what the change journal says changed since.

Bookkeeping, not user data: these rows are not dumped and not journaled, so
``netlog undo`` never reverts them (an undo is a change in netlog like any
other, which the next sync carries over). They are written inside the sync's
own unit of work, so a sync that fails leaves them as they were.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(slots=True)
class FolderState:
    side: str  # contacts | tasks
    path: str
    filter: str
    synced_at: str
    change_set_id: int | None
    change_set_uid: str | None


@dataclass(slots=True)
class ItemState:
    uid: str
    href: str | None
    etag: str | None
    digest: str | None
    contact_id: int | None
    handle: str | None
    local: str  # JSON
    remote: str | None  # JSON


_ITEM = "uid, href, etag, digest, contact_id, handle, local, remote"


class SyncStateStore:
    """SQL over the sync tables of one open connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _writing(self) -> None:
        if not self.conn.in_transaction:
            raise RuntimeError("sync state is written inside the sync's unit of work")

    # ----- folders
    def folder(self, side: str) -> FolderState | None:
        row = self.conn.execute(
            "SELECT side, path, filter, synced_at, change_set_id, change_set_uid "
            "FROM sync_folder WHERE side = ?",
            (side,),
        ).fetchone()
        return FolderState(*row) if row else None

    def save_folder(self, state: FolderState) -> None:
        self._writing()
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_folder (side, path, filter, synced_at, change_set_id, "
            "change_set_uid) VALUES (?, ?, ?, ?, ?, ?)",
            (state.side, state.path, state.filter, state.synced_at, state.change_set_id,
             state.change_set_uid),
        )  # fmt: skip

    # ----- items
    def items(self, side: str) -> dict[str, ItemState]:
        rows = self.conn.execute(f"SELECT {_ITEM} FROM sync_item WHERE side = ?", (side,))
        return {row[0]: ItemState(*row) for row in rows}

    def save_items(self, side: str, items: list[ItemState]) -> None:
        self._writing()
        self.conn.executemany(
            f"INSERT OR REPLACE INTO sync_item (side, {_ITEM}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (side, i.uid, i.href, i.etag, i.digest, i.contact_id, i.handle, i.local, i.remote)
                for i in items
            ],
        )

    def drop_items(self, side: str, uids: list[str]) -> None:
        self._writing()
        self.conn.executemany(
            "DELETE FROM sync_item WHERE side = ? AND uid = ?", [(side, u) for u in uids]
        )

    def forget(self, side: str) -> None:
        """Everything remembered of one side (its folder changed)."""
        self._writing()
        self.conn.execute("DELETE FROM sync_item WHERE side = ?", (side,))
        self.conn.execute("DELETE FROM sync_folder WHERE side = ?", (side,))

    # ----- the change journal
    def latest_change_set(self, before: int) -> tuple[int, str] | None:
        """The newest closed change set older than ``before`` (the open one)."""
        row = self.conn.execute(
            "SELECT id, uid FROM change_set WHERE open = 0 AND id < ? ORDER BY id DESC LIMIT 1",
            (before,),
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def journal_reaches(self, set_id: int | None, set_uid: str | None) -> bool:
        """Whether the journal still holds the set the last sync saw last: the
        journal drops its oldest sets first, so then it holds every later one."""
        if set_id is None or set_uid is None:
            return False
        row = self.conn.execute("SELECT uid FROM change_set WHERE id = ?", (set_id,)).fetchone()
        return row is not None and row[0] == set_uid

    def contacts_changed_since(self, set_id: int) -> set[int]:
        """Contacts whose row, tags, channels or identifiers a change set after
        ``set_id`` changed (an undo too), and the contacts they introduced (whose
        cards name the introducer)."""
        rows = self.conn.execute(
            "SELECT DISTINCT CASE r.tbl WHEN 'contact' THEN "
            "coalesce(json_extract(r.\"after\", '$.id'), json_extract(r.\"before\", '$.id')) "
            "ELSE coalesce(json_extract(r.\"after\", '$.contact_id'), "
            "json_extract(r.\"before\", '$.contact_id')) END "
            "FROM change_row r WHERE r.set_id > ? AND r.tbl IN "
            "('contact', 'contact_tag', 'contact_channel', 'contact_identifier')",
            (set_id,),
        )
        changed = {int(r[0]) for r in rows if r[0] is not None}
        if changed:
            marks = ", ".join("?" * len(changed))
            changed |= {
                int(r[0])
                for r in self.conn.execute(
                    f"SELECT id FROM contact WHERE via_id IN ({marks})", sorted(changed)
                )
            }
        return changed

    def contact_ids_in_scope(self, tag: str | None, archived: str) -> set[int]:
        """Contacts the address book holds: those with ``tag`` (all without one),
        except the archived."""
        sql = "SELECT id FROM contact c WHERE NOT EXISTS (SELECT 1 FROM contact_tag t WHERE "
        sql += "t.contact_id = c.id AND t.tag = ?)"
        params: list[object] = [archived]
        if tag:
            sql += (
                " AND EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id AND t.tag = ?)"
            )
            params.append(tag)
        return {int(r[0]) for r in self.conn.execute(sql, params)}

    def existing_contacts(self, ids: set[int]) -> set[int]:
        if not ids:
            return set()
        found: set[int] = set()
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            found |= {
                int(r[0])
                for r in self.conn.execute(
                    f"SELECT id FROM contact WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                )
            }
        return found

    def history_count(self, contact_id: int) -> int:
        """How much of a contact's history netlog holds (for a deletion's question)."""
        return int(
            self.conn.execute(
                "SELECT (SELECT count(*) FROM interaction WHERE contact_id = :c) + "
                "(SELECT count(*) FROM followup WHERE contact_id = :c) + "
                "(SELECT count(*) FROM ledger WHERE contact_id = :c) + "
                "(SELECT count(*) FROM life_note WHERE contact_id = :c) + "
                "(SELECT count(*) FROM ask WHERE contact_id = :c)",
                {"c": contact_id},
            ).fetchone()[0]
        )
