"""Schema migrations: ``MIGRATIONS[n]`` turns a version n-1 database into version n.

``db._migrate`` backs the database up, then runs the steps in one transaction
with foreign keys off (tables that others point at are rebuilt), checks the
foreign keys, and commits: the file ends at the current version or exactly as
it was. A test migrates the released fixture of every old version and compares
its schema with a fresh database's, so a model change without a migration fails.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from netlog import db, policy

Migration = Callable[[sqlite3.Connection], None]

# netlog 1 kept one email, phone and URL per contact and put the rest into the
# note as one line: "Also: email a@x, phone 555, url https://...".
_ALSO_LINE = re.compile(r"^Also: (.+)$")
_ALSO_ITEM = re.compile(r"^(email|phone|url) (.+)$")


def split_also_lines(note: str | None) -> tuple[str | None, list[tuple[str, str]]]:
    """Take netlog 1's "Also: ..." lines out of a note: the note without them,
    and the ``(kind, value)`` pairs they held. A line that does not read as one
    stays in the note."""
    if not note:
        return note, []
    kept: list[str] = []
    found: list[tuple[str, str]] = []
    for line in note.split("\n"):
        match = _ALSO_LINE.match(line)
        items = [_ALSO_ITEM.match(part.strip()) for part in match[1].split(", ")] if match else []
        if items and all(items):
            found.extend((item[1], item[2].strip()) for item in items if item)
        else:
            kept.append(line)
    text = "\n".join(kept).strip("\n")
    return (text or None), found


_V2_CONTACT_COLUMNS = (
    "id, name, name_key, company, title, met, note, via_id, offers, seeks, birthday, "
    "cadence_days, last_contact_on, last_kind, last_summary, unanswered, last_attempt_on, "
    "last_note, last_note_on, next_checkin_on, snoozed_until, created_on, created_at, updated_at"
)


# The version 2 tables v1_to_v2 builds, as netlog 2's models compiled them
# (frozen: a later model change must not change what this step builds).
_V2_TABLES = (
    """CREATE TABLE contact (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    company VARCHAR,
    title VARCHAR,
    met VARCHAR,
    note VARCHAR,
    via_id INTEGER,
    offers VARCHAR,
    seeks VARCHAR,
    birthday VARCHAR,
    cadence_days INTEGER DEFAULT '30' NOT NULL,
    last_contact_on DATE,
    last_kind VARCHAR,
    last_summary VARCHAR,
    unanswered INTEGER DEFAULT '0' NOT NULL,
    last_attempt_on DATE,
    last_note VARCHAR,
    last_note_on DATE,
    next_checkin_on DATE NOT NULL,
    snoozed_until DATE,
    created_on DATE NOT NULL,
    source VARCHAR DEFAULT 'add' NOT NULL,
    created_at VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(via_id) REFERENCES contact (id) ON DELETE SET NULL
)""",
    "CREATE INDEX ix_contact_birthday ON contact (birthday) WHERE birthday IS NOT NULL",
    "CREATE INDEX ix_contact_due ON contact ("
    "next_checkin_on, id, name, cadence_days, last_contact_on, last_kind, last_summary, "
    "met, unanswered, last_attempt_on, last_note, last_note_on)",
    "CREATE INDEX ix_contact_name_key ON contact (name_key)",
    "CREATE INDEX ix_contact_via_id ON contact (via_id)",
    """CREATE TABLE contact_channel (
    id INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    value_key VARCHAR NOT NULL,
    label VARCHAR,
    preferred BOOLEAN DEFAULT '0' NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
)""",
    "CREATE INDEX ix_contact_channel_contact ON contact_channel (contact_id, kind)",
    "CREATE INDEX ix_contact_channel_key ON contact_channel (kind, value_key)",
    """CREATE TABLE contact_identifier (
    scheme VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (scheme, value),
    FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
)""",
    "CREATE INDEX ix_contact_identifier_contact ON contact_identifier (contact_id)",
    """CREATE TABLE dismissal (
    handle VARCHAR NOT NULL,
    contact_id INTEGER NOT NULL,
    until DATE NOT NULL,
    created_at VARCHAR NOT NULL,
    PRIMARY KEY (handle),
    FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
)""",
    "CREATE INDEX ix_dismissal_contact ON dismissal (contact_id)",
)


def _set_contact_aside(conn: sqlite3.Connection, name: str) -> None:
    """The first half of rebuilding ``contact`` from frozen DDL: the triggers,
    the search index and contact's indexes go (the end of every migration makes
    the current ones), and the table is renamed to ``name`` for its rows to be
    copied. Legacy mode: the tables that point at "contact" keep pointing at
    that name, which the rebuilt table takes."""
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{trigger}"')
    conn.execute("DROP TABLE IF EXISTS search_fts")
    indexes = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact' "
        "AND sql IS NOT NULL"
    ).fetchall()
    for (index,) in indexes:
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.execute(f"ALTER TABLE contact RENAME TO {name}")
    conn.execute("PRAGMA legacy_alter_table = OFF")


def v1_to_v2(conn: sqlite3.Connection) -> None:
    """Many emails, phones and links per contact (``contact_channel``), kept
    outside identifiers (``contact_identifier``), due items set aside
    (``dismissal``), and ``contact.created_on`` and ``source``.

    The contact table is rebuilt (so its DDL is exactly a fresh database's);
    its email, phone and url become preferred channels, and the
    note's "Also: ..." lines become channels too. Derived state is recomputed
    when the last migration step has run."""
    _set_contact_aside(conn, "_contact_v1")
    for statement in _V2_TABLES:
        conn.execute(statement)
    conn.execute(
        f"INSERT INTO contact ({_V2_CONTACT_COLUMNS}) SELECT "
        + _V2_CONTACT_COLUMNS.replace("created_on", "substr(created_at, 1, 10)")
        + " FROM _contact_v1 ORDER BY id"
    )
    rows = conn.execute(
        "SELECT id, email, phone, url, note FROM _contact_v1 ORDER BY id"
    ).fetchall()
    channels: list[tuple[int, str, str, str, int]] = []
    for cid, email, phone, url, note in rows:
        kept_note, extra = split_also_lines(note)
        given = [(k, v) for k, v in (("email", email), ("phone", phone), ("url", url)) if v]
        seen: set[tuple[str, str]] = set()
        kinds: set[str] = set()
        for kind, value in [*given, *extra]:
            key = policy.channel_key(kind, value)
            if not value.strip() or (kind, key) in seen:
                continue
            seen.add((kind, key))
            # The one netlog 1 kept in its column is the preferred one.
            channels.append((cid, kind, value.strip(), key, int(kind not in kinds)))
            kinds.add(kind)
        if kept_note != note:
            conn.execute("UPDATE contact SET note = ? WHERE id = ?", (kept_note, cid))
    conn.executemany(
        "INSERT INTO contact_channel (contact_id, kind, value, value_key, preferred) "
        "VALUES (?, ?, ?, ?, ?)",
        channels,
    )
    conn.execute("DROP TABLE _contact_v1")
    # netlog 1 stored an import's spread as a snooze; one earlier than the
    # check-in it meant to move never held anything back (a file without dates
    # put everyone on one day). Those contacts came from an import: they go back
    # to easing in by the version 2 rule, without the snooze.
    conn.execute(
        "UPDATE contact SET snoozed_until = NULL, source = 'import' "
        "WHERE snoozed_until < next_checkin_on"
    )
    for statement in db.split_sql(db.SEARCH_SQL):
        conn.execute(statement)
    from netlog.repository.integrity import rebuild_search_index

    rebuild_search_index(conn)


# The version 3 tables v2_to_v3 builds, as netlog 3's models compiled them
# (frozen like _V2_TABLES): the contact table with its indexes, then the new ones.
_V3_TABLES = (
    """CREATE TABLE contact (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    company VARCHAR,
    title VARCHAR,
    met VARCHAR,
    note VARCHAR,
    via_id INTEGER,
    offers VARCHAR,
    seeks VARCHAR,
    birthday VARCHAR,
    cadence_days INTEGER DEFAULT '30' NOT NULL,
    last_contact_on DATE,
    last_kind VARCHAR,
    last_summary VARCHAR,
    unanswered INTEGER DEFAULT '0' NOT NULL,
    last_attempt_on DATE,
    last_note VARCHAR,
    last_note_on DATE,
    typical_gap_days INTEGER,
    quiet_on DATE,
    next_checkin_on DATE NOT NULL,
    snoozed_until DATE,
    created_on DATE NOT NULL,
    source VARCHAR DEFAULT 'add' NOT NULL,
    created_at VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(via_id) REFERENCES contact (id) ON DELETE SET NULL
)""",
    "CREATE INDEX ix_contact_birthday ON contact (birthday) WHERE birthday IS NOT NULL",
    "CREATE INDEX ix_contact_due ON contact ("
    "next_checkin_on, id, name, cadence_days, last_contact_on, last_kind, last_summary, "
    "met, unanswered, last_attempt_on, last_note, last_note_on)",
    "CREATE INDEX ix_contact_name_key ON contact (name_key)",
    "CREATE INDEX ix_contact_quiet ON contact (quiet_on) WHERE quiet_on IS NOT NULL",
    "CREATE INDEX ix_contact_via_id ON contact (via_id)",
    """CREATE TABLE capture_file (
    path VARCHAR NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    fingerprint VARCHAR NOT NULL,
    PRIMARY KEY (path)
)""",
    """CREATE TABLE capture_recipient (
    address VARCHAR NOT NULL,
    msg_key VARCHAR NOT NULL,
    name VARCHAR,
    day DATE NOT NULL,
    PRIMARY KEY (address, msg_key)
)""",
    """CREATE TABLE capture_state (
    name VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY (name)
)""",
    """CREATE TABLE change_set (
    id INTEGER NOT NULL,
    uid VARCHAR NOT NULL,
    at VARCHAR NOT NULL,
    command VARCHAR NOT NULL,
    open BOOLEAN DEFAULT '0' NOT NULL,
    reverts INTEGER,
    undone_by INTEGER,
    PRIMARY KEY (id)
)""",
    "CREATE INDEX ix_change_set_open ON change_set (id) WHERE open = 1",
    """CREATE TABLE setting (
    "key" VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY ("key")
)""",
    """CREATE TABLE sync_folder (
    side VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    filter VARCHAR DEFAULT '' NOT NULL,
    synced_at VARCHAR NOT NULL,
    change_set_id INTEGER,
    change_set_uid VARCHAR,
    PRIMARY KEY (side)
)""",
    """CREATE TABLE sync_item (
    side VARCHAR NOT NULL,
    uid VARCHAR NOT NULL,
    href VARCHAR,
    etag VARCHAR,
    digest VARCHAR,
    contact_id INTEGER,
    handle VARCHAR,
    local VARCHAR NOT NULL,
    remote VARCHAR,
    PRIMARY KEY (side, uid)
)""",
    """CREATE TABLE change_row (
    id INTEGER NOT NULL,
    set_id INTEGER NOT NULL,
    tbl VARCHAR NOT NULL,
    op VARCHAR NOT NULL,
    "before" VARCHAR,
    "after" VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(set_id) REFERENCES change_set (id) ON DELETE CASCADE
)""",
    "CREATE INDEX ix_change_row_set ON change_row (set_id)",
    """CREATE TABLE review_mark (
    contact_id INTEGER NOT NULL,
    reviewed_on DATE NOT NULL,
    PRIMARY KEY (contact_id),
    FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE
)""",
    """CREATE TABLE captured (
    "key" VARCHAR NOT NULL,
    contact_id INTEGER NOT NULL,
    direction VARCHAR NOT NULL,
    interaction_id INTEGER,
    PRIMARY KEY ("key", contact_id),
    FOREIGN KEY(contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    FOREIGN KEY(interaction_id) REFERENCES interaction (id) ON DELETE SET NULL
)""",
    "CREATE INDEX ix_captured_contact ON captured (contact_id, direction)",
    "CREATE INDEX ix_captured_interaction ON captured (interaction_id)",
)


def v2_to_v3(conn: sqlite3.Connection) -> None:
    """The change journal ``netlog undo`` reads (``change_set``, ``change_row``),
    who ``netlog review`` went through today (``review_mark``), what ``netlog
    sync`` last saw (``sync_folder``, ``sync_item``), your settings
    (``setting``), what ``netlog capture`` counted (``captured``) and its
    bookkeeping (``capture_file``, ``capture_recipient``, ``capture_state``),
    and two derived contact columns, ``typical_gap_days`` and ``quiet_on``.

    The contact table is rebuilt from frozen DDL (so it is exactly a fresh
    database's) with every value it held; the new derived columns are computed
    when the migration ends, with the rest of the derived state."""
    _set_contact_aside(conn, "_contact_v2")
    for statement in _V3_TABLES:
        conn.execute(statement)
    old = [r[1] for r in conn.execute("PRAGMA table_info(_contact_v2)")]
    new = {r[1] for r in conn.execute("PRAGMA table_info(contact)")}
    columns = ", ".join(c for c in old if c in new)
    conn.execute(f"INSERT INTO contact ({columns}) SELECT {columns} FROM _contact_v2 ORDER BY id")
    conn.execute("DROP TABLE _contact_v2")


MIGRATIONS: dict[int, Migration] = {2: v1_to_v2, 3: v2_to_v3}


# ----- JSON dumps written by older netlogs
def upgrade_dump_v1(tables: dict[str, list[dict[str, object]]]) -> None:
    """A schema 1 dump's tables in schema 2's shape, in place, as ``v1_to_v2``
    does to a database: email/phone/url and the note's "Also: ..." lines become
    ``contact_channel`` rows, and ``created_on`` comes from ``created_at``."""
    channels: list[dict[str, object]] = []
    for row in tables.get("contact", []):
        given = [(k, row.pop(k, None)) for k in ("email", "phone", "url")]
        note = row.get("note")
        kept_note, extra = split_also_lines(note if isinstance(note, str) else None)
        if isinstance(note, str):
            row["note"] = kept_note
        created_at = row.get("created_at")
        if "created_on" not in row and isinstance(created_at, str):
            row["created_on"] = created_at[:10]
        seen: set[tuple[str, str]] = set()
        kinds: set[str] = set()
        for kind, value in [*given, *extra]:
            if not isinstance(value, str) or not value.strip():
                continue
            key = policy.channel_key(kind, value)
            if (kind, key) in seen:
                continue
            seen.add((kind, key))
            channels.append(
                {
                    "id": len(channels) + 1,
                    "contact_id": row.get("id"),
                    "kind": kind,
                    "value": value.strip(),
                    "value_key": key,
                    "label": None,
                    "preferred": int(kind not in kinds),
                }
            )
            kinds.add(kind)
    tables.setdefault("contact_channel", channels)
    tables.setdefault("contact_identifier", [])
