"""The only place that speaks SQL for the daily commands.

A thin layer over a stdlib ``sqlite3`` connection whose tables are declared in
``models.py``. It returns plain records (``records.py``) and scheduler inputs, never
cursors or rows, and it never prints or prompts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from netlog import db
from netlog.names import fold
from netlog.records import (
    AskRecord,
    Contact,
    ContactSummary,
    Derived,
    FollowUp,
    Interaction,
    Introduction,
    LedgerEntry,
    LifeNoteRecord,
    MatchProfile,
    SearchHit,
)
from netlog.scheduler import Balance, BirthdayState, CheckinState, OpenAsk, OpenFollowUp

CONTACT_FIELDS = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "url",
    "met",
    "note",
    "via_id",
    "offers",
    "seeks",
    "birthday",
    "cadence_days",
    "last_contact_on",
    "last_kind",
    "last_summary",
    "unanswered",
    "last_attempt_on",
    "last_note",
    "last_note_on",
    "next_checkin_on",
    "snoozed_until",
)

# A contact as read: every field of records.Contact, in order, with its SQL. The
# one list behind the SELECT, the row mapper and the documented JSON form.
_TAGS_SQL = "(SELECT group_concat(tag, char(31)) FROM contact_tag t WHERE t.contact_id = c.id)"
_CONTACT_READ = tuple(
    (name, "v.name" if name == "via_name" else _TAGS_SQL if name == "tags" else f"c.{name}")
    for name in Contact.__dataclass_fields__
)
_CONTACT_DATES = frozenset(
    ("last_contact_on", "last_attempt_on", "last_note_on", "next_checkin_on", "snoozed_until")
)
_CONTACT_SELECT = (
    "SELECT " + ", ".join(sql for _, sql in _CONTACT_READ)
    + " FROM contact c LEFT JOIN contact v ON v.id = c.via_id "
)  # fmt: skip

# The documented JSON form of a contact, built by SQLite itself (list and show
# both use it): C speed for big lists. Tags come out sorted: the lookup walks
# the (contact_id, tag) primary-key index.
_CONTACT_JSON = (
    "json_object("
    + ", ".join(
        f"'{name}', "
        + (
            "(SELECT json_group_array(tag) FROM contact_tag t WHERE t.contact_id = c.id)"
            if name == "tags"
            else sql
        )
        for name, sql in _CONTACT_READ
    )
    + ")"
)

# Listings read every contact anyway: the unary + keeps SQLite from walking an
# index and fetching rows in random order, which is slower than scan-then-sort.
SORTS = {
    "name": "+c.name_key, c.id",
    "last": "c.last_contact_on IS NULL, +c.last_contact_on DESC, +c.name_key, c.id",
    "next": "+c.next_checkin_on, +c.name_key, c.id",
}


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _latest_day(*values: str | None) -> date | None:
    present = [v for v in values if v]
    return date.fromisoformat(max(present)) if present else None


def _contact(row: tuple) -> Contact:
    values = dict(zip((name for name, _ in _CONTACT_READ), row, strict=True))
    for name in _CONTACT_DATES:
        values[name] = _d(values[name])
    values["tags"] = tuple(values["tags"].split("\x1f")) if values["tags"] else ()
    return Contact(**values)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _db_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


class Repository:
    """Queries and writes over one open connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        with db.transaction(self.conn):
            yield self

    # ----- contacts: reading
    def get_contact(self, contact_id: int) -> Contact | None:
        row = self.conn.execute(_CONTACT_SELECT + " WHERE c.id = ?", (contact_id,)).fetchone()
        return _contact(row) if row else None

    def ids_by_name_key(self, key: str) -> list[tuple[int, str]]:
        rows = self.conn.execute(
            "SELECT id, name FROM contact WHERE name_key = ? ORDER BY id", (key,)
        )
        return list(rows)

    def ids_by_prefix(self, key: str, limit: int = 50) -> list[tuple[int, str]]:
        """Contacts whose folded name, or any word of it, starts with ``key``."""
        pattern = _like(key)
        rows = self.conn.execute(
            "SELECT id, name FROM contact WHERE name_key LIKE ? ESCAPE '\\' "
            "OR name_key LIKE ? ESCAPE '\\' ORDER BY name_key, id LIMIT ?",
            (pattern + "%", "% " + pattern + "%", limit),
        )
        return list(rows)

    def ids_by_email(self, email: str) -> list[tuple[int, str]]:
        rows = self.conn.execute(
            "SELECT id, name FROM contact WHERE lower(email) = lower(?) ORDER BY id", (email,)
        )
        return list(rows)

    def name_keys(self) -> list[tuple[int, str, str]]:
        return list(self.conn.execute("SELECT id, name, name_key FROM contact"))

    def names_starting(self, prefix: str, limit: int = 50) -> list[str]:
        """Names for tab completion: full-name prefix first, then word prefixes."""
        return list(dict.fromkeys(name for _, name in self.ids_by_prefix(fold(prefix), limit)))

    def list_contacts(
        self, tag: str | None = None, company: str | None = None, sort: str = "name"
    ) -> list[ContactSummary]:
        where, params = self._filters(tag, company)
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.company, c.title, (SELECT group_concat(tag, char(31)) "
            "FROM contact_tag t WHERE t.contact_id = c.id), c.last_contact_on, "
            "c.next_checkin_on FROM contact c" + where + " ORDER BY " + SORTS[sort],
            params,
        )
        fromiso = date.fromisoformat
        return [
            ContactSummary(
                r[0],
                r[1],
                r[2],
                r[3],
                tuple(r[4].split("\x1f")) if r[4] else (),
                fromiso(r[5]) if r[5] else None,
                fromiso(r[6]) if r[6] else None,
            )
            for r in rows
        ]

    def contacts_json(
        self, tag: str | None = None, company: str | None = None, sort: str = "name"
    ) -> str:
        """The listing as a JSON array (text), each contact in its documented form."""
        where, params = self._filters(tag, company)
        # SQLite joins the objects too: one string crosses into Python, not 20,000.
        sql = (
            f"SELECT '[' || coalesce(group_concat(j, ','), '') || ']' FROM (SELECT "
            f"{_CONTACT_JSON} AS j FROM contact c LEFT JOIN contact v ON v.id = c.via_id"
            f"{where} ORDER BY {SORTS[sort]})"
        )
        return str(self.conn.execute(sql, params).fetchone()[0])

    def contact_json(self, contact_id: int) -> str:
        row = self.conn.execute(
            f"SELECT {_CONTACT_JSON} FROM contact c LEFT JOIN contact v ON v.id = c.via_id "
            "WHERE c.id = ?",
            (contact_id,),
        ).fetchone()
        return row[0] if row else "null"

    def _filters(self, tag: str | None, company: str | None) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if tag:
            clauses.append("c.id IN (SELECT contact_id FROM contact_tag WHERE tag = ?)")
            params.append(tag.strip().lower())
        if company:
            clauses.append("c.company LIKE ? ESCAPE '\\'")
            params.append("%" + _like(company.strip()) + "%")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def count_contacts(self) -> int:
        return self.conn.execute("SELECT count(*) FROM contact").fetchone()[0]

    def introduced_by(self, contact_id: int) -> list[tuple[int, str]]:
        return list(
            self.conn.execute(
                "SELECT id, name FROM contact WHERE via_id = ? ORDER BY name_key", (contact_id,)
            )
        )

    # ----- contacts: writing
    def insert_contact(self, *, now: str, tags: Iterable[str] = (), **fields: object) -> int:
        fields = {k: _db_value(v) for k, v in fields.items()}
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            raise ValueError(f"unknown contact fields: {sorted(unknown)}")
        fields["name_key"] = fold(str(fields["name"]))
        columns = [*fields, "created_at", "updated_at"]
        values = [*fields.values(), now, now]
        cur = self.conn.execute(
            f"INSERT INTO contact ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            values,
        )
        contact_id = int(cur.lastrowid or 0)
        self.add_tags(contact_id, tags)
        return contact_id

    def update_contact(self, contact_id: int, *, now: str, **fields: object) -> None:
        """Set ``fields`` (none is fine) and bump ``updated_at``."""
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            raise ValueError(f"unknown contact fields: {sorted(unknown)}")
        values = {k: _db_value(v) for k, v in fields.items()}
        if "name" in values:
            values["name_key"] = fold(str(values["name"]))
        values["updated_at"] = now
        assignments = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(
            f"UPDATE contact SET {assignments} WHERE id = ?", [*values.values(), contact_id]
        )

    def add_tags(self, contact_id: int, tags: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO contact_tag (contact_id, tag) VALUES (?, ?)",
            [(contact_id, tag) for tag in tags],
        )

    def remove_tags(self, contact_id: int, tags: Iterable[str]) -> None:
        self.conn.executemany(
            "DELETE FROM contact_tag WHERE contact_id = ? AND tag = ?",
            [(contact_id, tag) for tag in tags],
        )

    def delete_contact(self, contact_id: int) -> None:
        self.conn.execute("DELETE FROM contact WHERE id = ?", (contact_id,))

    # ----- imports, merges
    def all_contacts(self) -> list[Contact]:
        """Every contact, by name (imports, exports, duplicate detection)."""
        return [
            _contact(r) for r in self.conn.execute(_CONTACT_SELECT + " ORDER BY +c.name_key, c.id")
        ]

    def has_interaction(
        self, contact_id: int, occurred_on: date, kind: str, summary: str | None
    ) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM interaction WHERE contact_id = ? AND occurred_on = ? AND kind = ? "
            "AND summary IS ? LIMIT 1",
            (contact_id, occurred_on.isoformat(), kind, summary),
        ).fetchone()
        return row is not None

    def move_everything(self, from_id: int, to_id: int, now: str) -> None:
        """Re-point all of one contact's history to another (for merge). An
        introduction between the two disappears, and so does asking how it went."""
        self.conn.execute(
            "UPDATE followup SET done_at = ? WHERE done_at IS NULL AND intro_id IN (SELECT id "
            "FROM introduction WHERE (a_id = ? AND b_id = ?) OR (a_id = ? AND b_id = ?))",
            (now, from_id, to_id, to_id, from_id),
        )
        for table in ("interaction", "followup", "ledger", "ask", "life_note"):
            self.conn.execute(
                f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (to_id, from_id)
            )
        self.conn.execute("UPDATE introduction SET a_id = ? WHERE a_id = ?", (to_id, from_id))
        self.conn.execute("UPDATE introduction SET b_id = ? WHERE b_id = ?", (to_id, from_id))
        self.conn.execute("DELETE FROM introduction WHERE a_id = b_id")
        self.conn.execute("UPDATE contact SET via_id = ? WHERE via_id = ?", (to_id, from_id))
        self.conn.execute("UPDATE contact SET via_id = NULL WHERE id = via_id")

    # ----- bulk loading (imports, the benchmark generator)
    def bulk_insert_contacts(self, rows: list[dict[str, object]], now: str) -> list[int]:
        """Insert many contacts at once (same keys in every row); returns their ids
        in order. Tags go in a row's ``tags`` key. Runs inside the caller's transaction."""
        if not rows:
            return []
        fields = [k for k in rows[0] if k != "tags"]
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            raise ValueError(f"unknown contact fields: {sorted(unknown)}")
        columns = [*fields, "name_key", "created_at", "updated_at"]
        start = self.conn.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0] + 1
        ids = list(range(start, start + len(rows)))
        self.conn.executemany(
            f"INSERT INTO contact (id, {', '.join(columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})",
            (
                [cid, *(_db_value(row[f]) for f in fields), fold(str(row["name"])), now, now]
                for cid, row in zip(ids, rows, strict=True)
            ),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO contact_tag (contact_id, tag) VALUES (?, ?)",
            ((cid, tag) for cid, row in zip(ids, rows, strict=True) for tag in row.get("tags", ())),
        )
        return ids

    def bulk_insert_interactions(
        self, rows: Iterable[tuple[int, date, str, str | None]], now: str
    ) -> None:
        """Insert ``(contact_id, occurred_on, kind, summary)`` rows. The caller keeps
        each contact's derived dates true (see ``refresh_derived``)."""
        self.conn.executemany(
            "INSERT INTO interaction (contact_id, occurred_on, kind, summary, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            ((cid, day.isoformat(), kind, summary, now) for cid, day, kind, summary in rows),
        )

    def bulk_insert_followups(
        self, rows: Iterable[tuple[int, date, str, str | None]], now: str
    ) -> None:
        """Insert ``(contact_id, due_on, todo, done_at)`` rows."""
        self.conn.executemany(
            "INSERT INTO followup (contact_id, due_on, todo, created_at, done_at) "
            "VALUES (?, ?, ?, ?, ?)",
            ((cid, day.isoformat(), todo, now, done) for cid, day, todo, done in rows),
        )

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
        return int(cur.lastrowid or 0)

    def interactions(self, contact_id: int, limit: int | None = None) -> list[Interaction]:
        rows = self.conn.execute(
            "SELECT id, contact_id, occurred_on, kind, summary, created_at, no_reply "
            "FROM interaction WHERE contact_id = ? ORDER BY occurred_on DESC, id DESC LIMIT ?",
            (contact_id, -1 if limit is None else limit),
        )
        return [
            Interaction(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], bool(r[6]))
            for r in rows
        ]

    def first_interaction_of_kind(self, contact_id: int, kind: str) -> Interaction | None:
        row = self.conn.execute(
            "SELECT id, contact_id, occurred_on, kind, summary, created_at, no_reply "
            "FROM interaction WHERE contact_id = ? AND kind = ? ORDER BY occurred_on, id LIMIT 1",
            (contact_id, kind),
        ).fetchone()
        if row is None:
            return None
        return Interaction(row[0], row[1], date.fromisoformat(row[2]), *row[3:6], bool(row[6]))

    def move_interaction(self, interaction_id: int, occurred_on: date) -> None:
        self.conn.execute(
            "UPDATE interaction SET occurred_on = ? WHERE id = ?",
            (occurred_on.isoformat(), interaction_id),
        )

    def refresh_derived(self, contact_id: int) -> Derived:
        """Recompute and store what the contact's history implies: the latest
        answered interaction (by day, then id), the unanswered attempts after it,
        and the latest personal note. The one home of those rules; every write
        that adds, moves or removes interactions or notes calls it inside its
        transaction, so `due` never reads the history."""
        derived = self.compute_derived(contact_id)
        self.conn.execute(
            "UPDATE contact SET last_contact_on = ?, last_kind = ?, last_summary = ?, "
            "unanswered = ?, last_attempt_on = ?, last_note = ?, last_note_on = ? WHERE id = ?",
            (
                _iso(derived.last_contact_on),
                derived.last_kind,
                derived.last_summary,
                derived.unanswered,
                _iso(derived.last_attempt_on),
                derived.last_note,
                _iso(derived.last_note_on),
                contact_id,
            ),
        )
        return derived

    def compute_derived(self, contact_id: int) -> Derived:
        """What the history implies (see ``refresh_derived``), without storing it."""
        last = self.conn.execute(
            "SELECT id, occurred_on, kind, summary FROM interaction "
            "WHERE contact_id = ? AND no_reply = 0 ORDER BY occurred_on DESC, id DESC LIMIT 1",
            (contact_id,),
        ).fetchone()
        last_id, day, kind, summary = last if last else (0, "", None, None)
        attempts = self.conn.execute(
            "SELECT count(*), max(occurred_on) FROM interaction WHERE contact_id = ? "
            "AND no_reply = 1 AND (occurred_on > ? OR (occurred_on = ? AND id > ?))",
            (contact_id, day, day, last_id),
        ).fetchone()
        note = self.conn.execute(
            "SELECT text, noted_on FROM life_note WHERE contact_id = ? "
            "ORDER BY noted_on DESC, id DESC LIMIT 1",
            (contact_id,),
        ).fetchone()
        return Derived(
            last_contact_on=_d(day),
            last_kind=kind,
            last_summary=summary,
            unanswered=attempts[0],
            last_attempt_on=_d(attempts[1]),
            last_note=note[0] if note else None,
            last_note_on=_d(note[1]) if note else None,
        )

    # ----- follow-ups (promises, thank-yous, loops to close, intro follow-ups)
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

    def complete_followups(
        self,
        contact_id: int,
        now: str,
        due_by: date | None = None,
        reasons: Iterable[str] | None = None,
    ) -> int:
        """Mark open follow-ups done: those due on or before ``due_by`` (or all),
        of the given ``reasons`` (or any)."""
        sql = "UPDATE followup SET done_at = ? WHERE contact_id = ? AND done_at IS NULL"
        params: list[object] = [now, contact_id]
        if due_by is not None:
            sql += " AND due_on <= ?"
            params.append(due_by.isoformat())
        if reasons is not None:
            wanted = list(reasons)
            sql += f" AND reason IN ({', '.join('?' * len(wanted))})"
            params.extend(wanted)
        return self.conn.execute(sql, params).rowcount

    def open_followups(self, contact_id: int) -> list[FollowUp]:
        rows = self.conn.execute(
            "SELECT id, contact_id, due_on, todo, interaction_id, created_at, done_at, reason "
            "FROM followup WHERE contact_id = ? AND done_at IS NULL ORDER BY due_on, id",
            (contact_id,),
        )
        return [
            FollowUp(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], r[6], reason=r[7])
            for r in rows
        ]

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
            "SELECT id, contact_id, direction, what, occurred_on, interaction_id FROM ledger "
            "WHERE contact_id = ? ORDER BY occurred_on DESC, id DESC",
            (contact_id,),
        )
        return [LedgerEntry(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5]) for r in rows]

    def balances(self, tag: str | None = None) -> list[Balance]:
        """Gave/got counts for every contact with a ledger, with what `due` needs."""
        where, params = self._filters(tag, None)
        rows = self.conn.execute(
            "SELECT c.id, c.name, l.gave, l.got, l.last_got, c.last_contact_on, "
            "c.last_attempt_on, c.last_kind, c.last_summary FROM (SELECT contact_id, "
            "sum(direction = 'gave') AS gave, sum(direction = 'got') AS got, "
            "max(CASE WHEN direction = 'got' THEN occurred_on END) AS last_got "
            "FROM ledger GROUP BY contact_id) l JOIN contact c ON c.id = l.contact_id" + where,
            params,
        )
        return [
            Balance(r[0], r[1], r[2], r[3], _d(r[4]), _latest_day(r[5], r[6]), _d(r[5]), r[7], r[8])
            for r in rows
        ]

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
        return [Introduction(*r[:6], date.fromisoformat(r[6])) for r in rows]

    def connected_pairs(self) -> set[tuple[int, int]]:
        """Pairs who already know each other through you: introduced, or one
        introduced you to the other. Each pair as (smaller id, larger id)."""
        rows = self.conn.execute(
            "SELECT a_id, b_id FROM introduction UNION ALL "
            "SELECT id, via_id FROM contact WHERE via_id IS NOT NULL"
        )
        return {(min(a, b), max(a, b)) for a, b in rows}

    def matchable_contacts(self) -> list[MatchProfile]:
        """Contacts with offers, seeks or tags: the input of `suggest`."""
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.offers, c.seeks, (SELECT group_concat(tag, char(31)) "
            "FROM contact_tag t WHERE t.contact_id = c.id) AS tags FROM contact c "
            "WHERE c.offers IS NOT NULL OR c.seeks IS NOT NULL OR tags IS NOT NULL"
        )
        return [
            MatchProfile(r[0], r[1], r[2], r[3], tuple(r[4].split("\x1f")) if r[4] else ())
            for r in rows
        ]

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
        clauses, params = [], []
        if contact_id is not None:
            clauses.append("a.contact_id = ?")
            params.append(contact_id)
        if status is not None:
            clauses.append("a.status = ?")
            params.append(status)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.conn.execute(
            "SELECT a.id, a.contact_id, c.name, a.request, a.company, a.asked_on, a.status, "
            "a.closed_on, a.outcome FROM ask a JOIN contact c ON c.id = a.contact_id"
            + where
            + " ORDER BY a.asked_on, a.id",
            params,
        )
        return [AskRecord(*r[:5], date.fromisoformat(r[5]), r[6], _d(r[7]), r[8]) for r in rows]

    def get_ask(self, ask_id: int) -> AskRecord | None:
        row = self.conn.execute(
            "SELECT a.id, a.contact_id, c.name, a.request, a.company, a.asked_on, a.status, "
            "a.closed_on, a.outcome FROM ask a JOIN contact c ON c.id = a.contact_id "
            "WHERE a.id = ?",
            (ask_id,),
        ).fetchone()
        return (
            AskRecord(*row[:5], date.fromisoformat(row[5]), row[6], _d(row[7]), row[8])
            if row
            else None
        )

    def close_ask(self, ask_id: int, status: str, closed_on: date, outcome: str | None) -> None:
        self.conn.execute(
            "UPDATE ask SET status = ?, closed_on = ?, outcome = ? WHERE id = ?",
            (status, closed_on.isoformat(), outcome, ask_id),
        )

    def asks_due(self, until: date, tag: str | None = None) -> list[OpenAsk]:
        """Open asks whose gentle follow-up could fall by ``until`` (the scheduler
        decides exactly when)."""
        where, params = self._filters(tag, None)
        where = (where + " AND " if where else " WHERE ") + "a.status = 'open' AND a.asked_on <= ?"
        rows = self.conn.execute(
            "SELECT a.id, c.id, c.name, a.request, a.company, a.asked_on, c.last_contact_on, "
            "c.last_attempt_on, c.last_kind, c.last_summary FROM ask a "
            "JOIN contact c ON c.id = a.contact_id" + where,
            [*params, until.isoformat()],
        )
        return [
            OpenAsk(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                date.fromisoformat(r[5]),
                _latest_day(r[6], r[7]),
                _d(r[6]),
                r[8],
                r[9],
            )
            for r in rows
        ]

    def companies(self) -> list[tuple[int, str]]:
        return list(self.conn.execute("SELECT id, company FROM contact WHERE company IS NOT NULL"))

    # ----- life notes and birthdays
    def insert_note(self, contact_id: int, noted_on: date, text: str, now: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO life_note (contact_id, noted_on, text, created_at) VALUES (?, ?, ?, ?)",
            (contact_id, noted_on.isoformat(), text, now),
        )
        return int(cur.lastrowid or 0)

    def notes(self, contact_id: int) -> list[LifeNoteRecord]:
        rows = self.conn.execute(
            "SELECT id, contact_id, noted_on, text FROM life_note WHERE contact_id = ? "
            "ORDER BY noted_on DESC, id DESC",
            (contact_id,),
        )
        return [LifeNoteRecord(r[0], r[1], date.fromisoformat(r[2]), r[3]) for r in rows]

    def birthdays(self, tag: str | None = None) -> list[BirthdayState]:
        where, params = self._filters(tag, None)
        where = (where + " AND " if where else " WHERE ") + "c.birthday IS NOT NULL"
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.birthday, c.last_contact_on, c.last_kind, c.last_summary "
            "FROM contact c" + where,
            params,
        )
        return [BirthdayState(r[0], r[1], r[2], _d(r[3]), r[4], r[5]) for r in rows]

    # ----- due
    def checkin_candidates(self, until: date, tag: str | None = None) -> list[CheckinState]:
        """Contacts whose stored next check-in falls on or before ``until``, with
        their stored latest interaction: an index range scan, never the history."""
        where, params = self._filters(tag, None)
        where = (where + " AND " if where else " WHERE ") + "c.next_checkin_on <= ?"
        sql = f"""
            SELECT c.id, c.name, c.cadence_days, c.next_checkin_on, c.last_contact_on,
                   c.last_kind, c.last_summary, c.met, c.unanswered, c.last_attempt_on,
                   c.last_note, c.last_note_on
            FROM contact c {where}"""
        rows = self.conn.execute(sql, [*params, until.isoformat()])
        fromiso = date.fromisoformat
        return [
            CheckinState(
                r[0],
                r[1],
                r[2],
                fromiso(r[3]),
                fromiso(r[4]) if r[4] else None,
                r[5],
                r[6],
                r[7],
                r[8],
                fromiso(r[9]) if r[9] else None,
                r[10],
                fromiso(r[11]) if r[11] else None,
            )
            for r in rows
        ]

    def followups_due(self, until: date, tag: str | None = None) -> list[OpenFollowUp]:
        where, params = self._filters(tag, None)
        where = (where + " AND " if where else " WHERE ") + "f.done_at IS NULL AND f.due_on <= ?"
        sql = f"""
            SELECT f.id, c.id, c.name, f.due_on, f.todo, c.cadence_days, c.last_contact_on,
                   c.last_kind, c.last_summary, f.reason
            FROM followup f JOIN contact c ON c.id = f.contact_id {where}"""
        rows = self.conn.execute(sql, [*params, until.isoformat()])
        return [
            OpenFollowUp(
                followup_id=r[0],
                contact_id=r[1],
                name=r[2],
                due_on=date.fromisoformat(r[3]),
                todo=r[4],
                cadence_days=r[5],
                last_contact_on=_d(r[6]),
                last_kind=r[7],
                last_summary=r[8],
                reason=r[9],
            )
            for r in rows
        ]

    # ----- search
    def search(self, text: str, limit: int = 200) -> list[SearchHit]:
        """Contacts matching every word of ``text`` (as word prefixes) in one of
        their fields, tags or interaction summaries; best matches first."""
        words = [w for w in fold(text).replace('"', " ").split() if w]
        if not words:
            return []
        query = " ".join(f'"{w}"*' for w in words)
        rows = self.conn.execute(
            "SELECT rowid, contact_id, body FROM search_fts WHERE search_fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            (query, limit * 4),
        ).fetchall()
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for rowid, contact_id, body in rows:
            if contact_id in seen:
                continue
            seen.add(contact_id)
            contact = self.get_contact(contact_id)
            if contact is None:
                continue
            hits.append(SearchHit(contact, _source(rowid), body))
            if len(hits) >= limit:
                break
        return hits


def _source(rowid: int) -> str:
    if rowid < 0:
        return "interaction"
    return ("name", "company", "title", "note", "met", "tags", "", "")[rowid % 8]


# Every table a dump carries, parents before children (a test checks this list
# against the sqlmodel tables).
DUMP_TABLES = (
    "contact",
    "contact_tag",
    "interaction",
    "ledger",
    "introduction",
    "followup",
    "ask",
    "life_note",
)


class DumpStore:
    """Whole-database reads and writes for JSON dumps (backup and restore)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")]

    def rows(self, table: str) -> list[dict[str, object]]:
        """Every row of ``table`` in a stable order, as column -> value."""
        names = self.columns(table)
        order = "contact_id, tag" if table == "contact_tag" else "id"
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

    def set_next_checkin(self, contact_id: int, day: date) -> None:
        """Store a restored contact's next check-in as its history implies, leaving
        ``updated_at`` as the dump has it (``update_contact`` would bump it)."""
        self.conn.execute(
            "UPDATE contact SET next_checkin_on = ? WHERE id = ?", (day.isoformat(), contact_id)
        )
