"""Contacts: their fields, tags, emails/phones/links and outside identifiers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from netlog import policy
from netlog.names import fold
from netlog.records import Channel, Contact, ContactSummary
from netlog.repository import mappers as m
from netlog.repository.base import Store

# What a writer may set on a contact row. The derived columns are not here:
# only the unit of work writes them (see netlog.derive).
CONTACT_FIELDS = (
    "name",
    "company",
    "title",
    "met",
    "note",
    "via_id",
    "offers",
    "seeks",
    "birthday",
    "cadence_days",
    "snoozed_until",
    "source",
)
# Fields whose change moves the next check-in.
_SCHEDULE_FIELDS = frozenset(("cadence_days", "snoozed_until"))

# Listings read every contact anyway: the unary + keeps SQLite from walking an
# index and fetching rows in random order, which is slower than scan-then-sort.
SORTS = {
    "name": "+c.name_key, c.id",
    "last": "c.last_contact_on IS NULL, +c.last_contact_on DESC, +c.name_key, c.id",
    "next": "+c.next_checkin_on, +c.name_key, c.id",
}


def _check_fields(fields: Iterable[str]) -> None:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"unknown contact fields: {sorted(unknown)}")


class ContactStore(Store):
    # ----- reading
    def get_contact(self, contact_id: int) -> Contact | None:
        self.flush()
        row = self.conn.execute(m.CONTACT_SELECT + " WHERE c.id = ?", (contact_id,)).fetchone()
        return m.contact(row) if row else None

    def all_contacts(self) -> list[Contact]:
        """Every contact, by name (imports, exports, duplicate detection)."""
        self.flush()
        rows = self.conn.execute(m.CONTACT_SELECT + " ORDER BY +c.name_key, c.id")
        return [m.contact(r) for r in rows]

    def ids_by_name_key(self, key: str) -> list[tuple[int, str]]:
        rows = self.conn.execute(
            "SELECT id, name FROM contact WHERE name_key = ? ORDER BY id", (key,)
        )
        return list(rows)

    def ids_by_prefix(self, key: str, limit: int = 50) -> list[tuple[int, str]]:
        """Contacts whose folded name, or any word of it, starts with ``key``."""
        pattern = m.like(key)
        rows = self.conn.execute(
            "SELECT id, name FROM contact WHERE name_key LIKE ? ESCAPE '\\' "
            "OR name_key LIKE ? ESCAPE '\\' ORDER BY name_key, id LIMIT ?",
            (pattern + "%", "% " + pattern + "%", limit),
        )
        return list(rows)

    def ids_by_channel(self, kind: str, value: str) -> list[tuple[int, str]]:
        """Contacts with this email, phone or link (compared by policy.channel_key)."""
        rows = self.conn.execute(
            "SELECT DISTINCT c.id, c.name FROM contact_channel h JOIN contact c "
            "ON c.id = h.contact_id WHERE h.kind = ? AND h.value_key = ? ORDER BY c.id",
            (kind, policy.channel_key(kind, value)),
        )
        return list(rows)

    def ids_by_email(self, email: str) -> list[tuple[int, str]]:
        return self.ids_by_channel("email", email)

    def name_keys(self) -> list[tuple[int, str, str]]:
        return list(self.conn.execute("SELECT id, name, name_key FROM contact"))

    def names_starting(self, prefix: str, limit: int = 50) -> list[str]:
        """Names for tab completion: full-name prefix first, then word prefixes.
        A trailing space ends a word ("Jan " is Jan Kowalski, not Jana Nowak)."""
        key = fold(prefix)
        if key and prefix[-1:].isspace():
            key += " "
        return list(dict.fromkeys(name for _, name in self.ids_by_prefix(key, limit)))

    def ids_with_tag(self, tag: str) -> set[int]:
        return {r[0] for r in self.conn.execute(
            "SELECT contact_id FROM contact_tag WHERE tag = ?", (tag,)
        )}  # fmt: skip

    def tags_starting(self, prefix: str, limit: int = 50) -> list[str]:
        """Tags in use whose folded form starts with the folded ``prefix`` (tab
        completion of ``--tag``). Tags are few: folding in Python keeps accents
        out of the comparison without a stored key."""
        key = fold(prefix)
        rows = self.conn.execute("SELECT DISTINCT tag FROM contact_tag ORDER BY tag")
        return [tag for (tag,) in rows if fold(tag).startswith(key)][:limit]

    def list_contacts(
        self, tag: str | None = None, company: str | None = None, sort: str = "name"
    ) -> list[ContactSummary]:
        self.flush()
        where, params = self.filters(tag, company)
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.company, c.title, " + m.TAGS_SQL + ", c.last_contact_on, "
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
    ) -> Iterator[list[str]]:
        """The listing, each contact in its documented JSON form (one text each,
        built by SQLite), a thousand at a time, in order. Written as they come:
        SQLite joining 20,000 objects into one 15 MB text, and that text
        encoded whole, took 45 ms more, and as much memory again."""
        self.flush()
        where, params = self.filters(tag, company)
        with_, from_ = m.contact_json_sql()
        cursor = self.conn.execute(
            f"{with_}SELECT {m.CONTACT_JSON}{from_}{where} ORDER BY {SORTS[sort]}", params
        )
        while rows := cursor.fetchmany(1000):
            yield [text for (text,) in rows]

    def contact_json(self, contact_id: int) -> str:
        self.flush()
        with_, from_ = m.contact_json_sql("WHERE contact_id = ?")
        row = self.conn.execute(
            f"{with_}SELECT {m.CONTACT_JSON}{from_}WHERE c.id = ?", (contact_id, contact_id)
        ).fetchone()
        return str(row[0]) if row else "null"

    def filters(
        self, tag: str | None, company: str | None, contact_ids: Sequence[int] | None = None
    ) -> tuple[str, list[object]]:
        """A WHERE clause over ``contact c`` for the listing filters (and, for
        acting on single due items, a few contacts by id)."""
        clauses: list[str] = []
        params: list[object] = []
        if contact_ids is not None:
            clauses.append(f"c.id IN ({', '.join('?' * len(contact_ids)) or 'NULL'})")
            params.extend(contact_ids)
        if tag:
            clauses.append("c.id IN (SELECT contact_id FROM contact_tag WHERE tag = ?)")
            params.append(policy.normalise_tag(tag) or tag)
        if company:
            clauses.append("c.company LIKE ? ESCAPE '\\'")
            params.append("%" + m.like(company.strip()) + "%")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def count_contacts(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM contact").fetchone()[0])

    def introduced_by(self, contact_id: int) -> list[tuple[int, str]]:
        return list(
            self.conn.execute(
                "SELECT id, name FROM contact WHERE via_id = ? ORDER BY name_key", (contact_id,)
            )
        )

    def companies(self) -> list[tuple[int, str]]:
        return list(self.conn.execute("SELECT id, company FROM contact WHERE company IS NOT NULL"))

    # ----- writing
    def insert_contact(
        self,
        *,
        now: str,
        created_on: date,
        tags: Iterable[str] = (),
        channels: Iterable[tuple[str, Channel]] = (),
        **fields: object,
    ) -> int:
        """A new contact; its derived columns are filled in at commit."""
        _check_fields(fields)
        values = {k: m.db_value(v) for k, v in fields.items()}
        values["name_key"] = fold(str(values["name"]))
        # A placeholder the unit of work replaces before commit (NOT NULL column).
        values["next_checkin_on"] = created_on.isoformat()
        columns = [*values, "created_on", "created_at", "updated_at"]
        row = [*values.values(), created_on.isoformat(), now, now]
        cur = self.conn.execute(
            f"INSERT INTO contact ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            row,
        )
        contact_id = int(cur.lastrowid or 0)
        self._created.add(contact_id)
        self.touch(contact_id)
        self.add_tags(contact_id, tags)
        for kind, channel in channels:
            self.add_channel(contact_id, kind, channel)
        return contact_id

    def update_contact(self, contact_id: int, *, now: str, **fields: object) -> None:
        """Set ``fields`` (none is fine) and bump ``updated_at``."""
        _check_fields(fields)
        values = {k: m.db_value(v) for k, v in fields.items()}
        if "name" in values:
            values["name_key"] = fold(str(values["name"]))
        values["updated_at"] = now
        assignments = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(
            f"UPDATE contact SET {assignments} WHERE id = ?", [*values.values(), contact_id]
        )
        if _SCHEDULE_FIELDS & set(fields):
            self.touch(contact_id)

    def delete_contact(self, contact_id: int) -> None:
        self.conn.execute("DELETE FROM contact WHERE id = ?", (contact_id,))
        if self._dirty is not None:
            self._dirty.discard(contact_id)

    # ----- tags
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

    # ----- emails, phones, links
    def add_channel(self, contact_id: int, kind: str, channel: Channel) -> bool:
        """Add an email, phone or link; a value the contact has already (by its
        key) only takes the new label. The first of a kind is preferred, and a
        preferred one takes over from the others. True when something changed."""
        key = policy.channel_key(kind, channel.value)
        row = self.conn.execute(
            "SELECT id, label, preferred FROM contact_channel WHERE contact_id = ? AND kind = ? "
            "AND value_key = ?",
            (contact_id, kind, key),
        ).fetchone()
        has_any = self.conn.execute(
            "SELECT 1 FROM contact_channel WHERE contact_id = ? AND kind = ? LIMIT 1",
            (contact_id, kind),
        ).fetchone()
        preferred = channel.preferred or has_any is None
        if preferred and has_any is not None:
            self.conn.execute(
                "UPDATE contact_channel SET preferred = 0 WHERE contact_id = ? AND kind = ? "
                "AND value_key <> ?",
                (contact_id, kind, key),
            )
        if row is None:
            self.conn.execute(
                "INSERT INTO contact_channel (contact_id, kind, value, value_key, label, "
                "preferred) VALUES (?, ?, ?, ?, ?, ?)",
                (contact_id, kind, channel.value, key, channel.label, int(preferred)),
            )
            return True
        label = channel.label if channel.label is not None else row[1]
        keep_preferred = bool(row[2]) or preferred
        if (label, keep_preferred) == (row[1], bool(row[2])):
            return False
        self.conn.execute(
            "UPDATE contact_channel SET label = ?, preferred = ? WHERE id = ?",
            (label, int(keep_preferred), row[0]),
        )
        return True

    def remove_channel(self, contact_id: int, kind: str, value: str) -> bool:
        """Remove one (by its key); if it was preferred, the oldest left takes over."""
        removed = self.conn.execute(
            "DELETE FROM contact_channel WHERE contact_id = ? AND kind = ? AND value_key = ?",
            (contact_id, kind, policy.channel_key(kind, value)),
        ).rowcount
        self._ensure_preferred(contact_id, kind)
        return bool(removed)

    def remove_channels(self, contact_id: int, kind: str) -> int:
        return int(
            self.conn.execute(
                "DELETE FROM contact_channel WHERE contact_id = ? AND kind = ?", (contact_id, kind)
            ).rowcount
        )

    def prefer_channel(self, contact_id: int, kind: str, value: str) -> bool:
        key = policy.channel_key(kind, value)
        found = self.conn.execute(
            "SELECT 1 FROM contact_channel WHERE contact_id = ? AND kind = ? AND value_key = ?",
            (contact_id, kind, key),
        ).fetchone()
        if found is None:
            return False
        self.conn.execute(
            "UPDATE contact_channel SET preferred = (value_key = ?) WHERE contact_id = ? "
            "AND kind = ?",
            (key, contact_id, kind),
        )
        return True

    def _ensure_preferred(self, contact_id: int, kind: str) -> None:
        self.conn.execute(
            "UPDATE contact_channel SET preferred = 1 WHERE id = (SELECT min(id) FROM "
            "contact_channel WHERE contact_id = ? AND kind = ?) AND NOT EXISTS (SELECT 1 FROM "
            "contact_channel WHERE contact_id = ? AND kind = ? AND preferred)",
            (contact_id, kind, contact_id, kind),
        )

    def all_channels(self) -> list[tuple[int, str, str, str]]:
        """``(contact_id, kind, value, value_key)`` of every contact (imports, dupes)."""
        return list(
            self.conn.execute(
                "SELECT contact_id, kind, value, value_key FROM contact_channel ORDER BY id"
            )
        )

    # ----- identifiers other programs gave a contact
    def add_identifier(self, contact_id: int, scheme: str, value: str) -> bool:
        """Remember an outside identifier; one already held by a contact stays theirs."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO contact_identifier (scheme, value, contact_id) VALUES (?, ?, ?)",
            (scheme, value, contact_id),
        )
        return bool(cur.rowcount)

    def ids_by_identifier(self, scheme: str, value: str) -> int | None:
        row = self.conn.execute(
            "SELECT contact_id FROM contact_identifier WHERE scheme = ? AND value = ?",
            (scheme, value),
        ).fetchone()
        return int(row[0]) if row else None

    def all_identifiers(self) -> list[tuple[int, str, str]]:
        """``(contact_id, scheme, value)`` of every contact."""
        return list(self.conn.execute("SELECT contact_id, scheme, value FROM contact_identifier"))

    def identifiers(self, contact_id: int) -> list[tuple[str, str]]:
        return list(
            self.conn.execute(
                "SELECT scheme, value FROM contact_identifier WHERE contact_id = ? "
                "ORDER BY scheme, value",
                (contact_id,),
            )
        )
