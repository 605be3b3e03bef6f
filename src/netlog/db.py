"""Opening the database: file creation, pragmas, schema version, first-time setup.

The connection is a stdlib ``sqlite3`` connection in autocommit mode; writes go
through ``transaction()`` (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any
error), so every command's changes land whole or not at all.

A netlog database is recognised by SQLite's ``application_id`` header field; its
schema version is ``user_version``. Creating one compiles the sqlmodel tables in
``models.py`` to DDL (the only time a daily command imports SQLAlchemy) and adds the
full-text index, all inside one transaction.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from netlog.backups import backup_dir, backup_path, backup_to, prune_backups
from netlog.errors import DatabaseBusy, DatabaseError, DatabaseTooNew, NotANetlogDatabase

APPLICATION_ID = 0x4E544C47  # "NTLG"
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 5000

# Full-text index over everything `search` looks at. Row ids encode the source so
# triggers can update single rows: contact fields at id*8+k (k 0-4), its tags at
# id*8+5, its emails, phones and links at id*8+6, what it offers and seeks at
# id*8+7; interactions at -2*id, personal notes at -2*id-1.
SEARCH_SQL = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    body, contact_id UNINDEXED, tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER contact_search_ai AFTER INSERT ON contact BEGIN
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT new.id * 8 + k, v, new.id FROM (
        SELECT 0 AS k, new.name AS v UNION ALL SELECT 1, new.company
        UNION ALL SELECT 2, new.title UNION ALL SELECT 3, new.note
        UNION ALL SELECT 4, new.met
        UNION ALL SELECT 7, trim(coalesce(new.offers, '') || ' ' || coalesce(new.seeks, '')))
    WHERE v IS NOT NULL AND v <> '';
END;
CREATE TRIGGER contact_search_au
AFTER UPDATE OF name, company, title, note, met, offers, seeks ON contact BEGIN
    DELETE FROM search_fts WHERE rowid BETWEEN old.id * 8 AND old.id * 8 + 4
        OR rowid = old.id * 8 + 7;
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT new.id * 8 + k, v, new.id FROM (
        SELECT 0 AS k, new.name AS v UNION ALL SELECT 1, new.company
        UNION ALL SELECT 2, new.title UNION ALL SELECT 3, new.note
        UNION ALL SELECT 4, new.met
        UNION ALL SELECT 7, trim(coalesce(new.offers, '') || ' ' || coalesce(new.seeks, '')))
    WHERE v IS NOT NULL AND v <> '';
END;
CREATE TRIGGER contact_search_ad AFTER DELETE ON contact BEGIN
    DELETE FROM search_fts WHERE rowid BETWEEN old.id * 8 AND old.id * 8 + 7;
END;
CREATE TRIGGER tag_search_ai AFTER INSERT ON contact_tag BEGIN
    DELETE FROM search_fts WHERE rowid = new.contact_id * 8 + 5;
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT new.contact_id * 8 + 5, group_concat(tag, ' '), new.contact_id
    FROM contact_tag WHERE contact_id = new.contact_id;
END;
CREATE TRIGGER tag_search_ad AFTER DELETE ON contact_tag BEGIN
    DELETE FROM search_fts WHERE rowid = old.contact_id * 8 + 5;
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT old.contact_id * 8 + 5, group_concat(tag, ' '), old.contact_id
    FROM contact_tag WHERE contact_id = old.contact_id HAVING count(*) > 0;
END;
CREATE TRIGGER channel_search_ai AFTER INSERT ON contact_channel BEGIN
    DELETE FROM search_fts WHERE rowid = new.contact_id * 8 + 6;
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT new.contact_id * 8 + 6, group_concat(value, ' '), new.contact_id
    FROM contact_channel WHERE contact_id = new.contact_id;
END;
CREATE TRIGGER channel_search_ad AFTER DELETE ON contact_channel BEGIN
    DELETE FROM search_fts WHERE rowid = old.contact_id * 8 + 6;
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT old.contact_id * 8 + 6, group_concat(value, ' '), old.contact_id
    FROM contact_channel WHERE contact_id = old.contact_id HAVING count(*) > 0;
END;
CREATE TRIGGER channel_search_au AFTER UPDATE OF value, contact_id ON contact_channel BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.contact_id * 8 + 6, new.contact_id * 8 + 6);
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT contact_id * 8 + 6, group_concat(value, ' '), contact_id FROM contact_channel
    WHERE contact_id IN (old.contact_id, new.contact_id) GROUP BY contact_id;
END;
CREATE TRIGGER interaction_search_ai AFTER INSERT ON interaction
WHEN new.summary IS NOT NULL AND new.summary <> '' BEGIN
    INSERT INTO search_fts(rowid, body, contact_id)
    VALUES (-2 * new.id, new.summary, new.contact_id);
END;
CREATE TRIGGER interaction_search_au AFTER UPDATE OF summary, contact_id ON interaction BEGIN
    DELETE FROM search_fts WHERE rowid = -2 * old.id;
    INSERT INTO search_fts(rowid, body, contact_id)
    SELECT -2 * new.id, new.summary, new.contact_id
    WHERE new.summary IS NOT NULL AND new.summary <> '';
END;
CREATE TRIGGER interaction_search_ad AFTER DELETE ON interaction BEGIN
    DELETE FROM search_fts WHERE rowid = -2 * old.id;
END;
CREATE TRIGGER note_search_ai AFTER INSERT ON life_note BEGIN
    INSERT INTO search_fts(rowid, body, contact_id)
    VALUES (-2 * new.id - 1, new.text, new.contact_id);
END;
CREATE TRIGGER note_search_au AFTER UPDATE OF text, contact_id ON life_note BEGIN
    DELETE FROM search_fts WHERE rowid = -2 * old.id - 1;
    INSERT INTO search_fts(rowid, body, contact_id)
    VALUES (-2 * new.id - 1, new.text, new.contact_id);
END;
CREATE TRIGGER note_search_ad AFTER DELETE ON life_note BEGIN
    DELETE FROM search_fts WHERE rowid = -2 * old.id - 1;
END;
"""


def create_search_index(conn: sqlite3.Connection) -> None:
    """(Re)create the full-text index and every trigger (the index's and the
    journal's) as this netlog defines them, and fill the index from the tables:
    the end of every migration."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("DROP TABLE IF EXISTS search_fts")
    for statement in split_sql(SEARCH_SQL):
        conn.execute(statement)
    for statement in journal_statements(conn):
        conn.execute(statement)
    from netlog.repository.integrity import rebuild_search_index

    rebuild_search_index(conn)


# The change journal (``change_set``/``change_row``, read by ``netlog undo``):
# triggers on every table of the user's data record each row before and after a
# change, as JSON, into the set the open unit of work opened. Outside one (a
# migration) there is no open set and the INSERT ... SELECT records nothing. An
# UPDATE that changes no value is not recorded. The triggers are generated from
# the tables' columns as they are, so a migration that adds a column is
# journaled in full once its last step recreates them.
def journal_statements(conn: sqlite3.Connection) -> list[str]:
    from netlog.repository.dumpstore import DUMP_TABLES

    statements = []
    for table in DUMP_TABLES:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]

        def image(alias: str, cols: list[str] = columns) -> str:
            return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in cols) + ")"

        changed = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in columns)
        record = 'INSERT INTO change_row (set_id, tbl, op, "before", "after") SELECT id, '
        statements += [
            f"CREATE TRIGGER journal_{table}_ai AFTER INSERT ON {table} BEGIN "
            f"{record}'{table}', 'insert', NULL, {image('new')} "
            "FROM change_set WHERE open = 1; END",
            f"CREATE TRIGGER journal_{table}_au AFTER UPDATE ON {table} WHEN {changed} BEGIN "
            f"{record}'{table}', 'update', {image('old')}, {image('new')} "
            "FROM change_set WHERE open = 1; END",
            f"CREATE TRIGGER journal_{table}_ad AFTER DELETE ON {table} BEGIN "
            f"{record}'{table}', 'delete', {image('old')}, NULL "
            "FROM change_set WHERE open = 1; END",
        ]
    return statements


def schema_statements(only: tuple[str, ...] | None = None) -> list[str]:
    """The DDL of the sqlmodel tables compiled for SQLite, with their indexes
    (of ``only`` these tables, for a migration). The full-text index and its
    triggers are ``SEARCH_SQL``."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from netlog import models

    assert models  # importing it declares the tables
    dialect = sqlite_dialect.dialect()
    statements: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        if only is not None and table.name not in only:
            continue
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def _empty_or_sqlite(path: Path) -> bool:
    """An empty file (it becomes a new database) or one with SQLite's header."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        return True  # unreadable: sqlite3 says why, with the usual message
    return head == b"" or head == b"SQLite format 3\x00"


def _create_file(path: Path) -> None:
    """Create the database file (and missing parents) readable by the owner only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            os.close(fd)
        except FileExistsError:
            pass  # created by another netlog since we looked
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the database at {path} ({exc.strerror})",
            "pass --db or set NETLOG_DB to a writable file path",
        ) from None


class Opened(NamedTuple):
    """An open database and what opening it did (for the CLI to tell the user)."""

    conn: sqlite3.Connection
    created: bool = False
    migrated_from: int | None = None
    backup: Path | None = None


def connect(path: Path, now: Callable[[], datetime] | None = None) -> sqlite3.Connection:
    """Open (creating or migrating if needed) the netlog database at ``path``."""
    return open_database(path, now).conn


def open_database(path: Path, now: Callable[[], datetime] | None = None) -> Opened:
    """Open the database at ``path``: create it on first use (owner-only file),
    refuse files that are not netlog's or are newer than this code, and migrate
    an older schema after writing a backup beside it. ``now`` names the backup."""
    if path.is_dir():
        raise DatabaseError(
            f"the database path {path} is a folder", "pass --db with a file path, e.g. ~/netlog.db"
        )
    if not path.exists():
        _create_file(path)
    elif not _empty_or_sqlite(path):
        # SQLite would take a short file (under a page) as empty and write a
        # database over it: a one-line note passed by mistake must stay as it is.
        raise NotANetlogDatabase(
            f"{path} is not a netlog database (not an SQLite file, or damaged)",
            "pass --db with another path; if it was yours, restore a backup",
        )
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DatabaseError(
            f"cannot open the database at {path} ({exc})", "check the path and its permissions"
        ) from None
    try:
        opened = _prepare(conn, path, now)
    except BaseException:
        conn.close()
        raise
    return opened


def _prepare(conn: sqlite3.Connection, path: Path, now: Callable[[], datetime] | None) -> Opened:
    created = False
    migrated_from: int | None = None
    backup: Path | None = None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise explain_sqlite_error(exc, path) from None
    except sqlite3.DatabaseError:
        raise NotANetlogDatabase(
            f"{path} is not a netlog database (not an SQLite file, or damaged)",
            "pass --db with another path; if it was yours, restore a backup",
        ) from None
    if app_id != APPLICATION_ID:
        if tables:
            raise NotANetlogDatabase(
                f"{path} is an SQLite database of another program, not netlog's",
                "pass --db with another path",
            )
        created = _initialise(conn, path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"{path} has schema version {version}, newer than this netlog's {SCHEMA_VERSION}",
            "upgrade netlog (pip install -U netlog) to open it",
        )
    if version < SCHEMA_VERSION:
        # Before foreign keys are on: a migration rebuilds tables that others point at.
        backup = _migrate(conn, path, version, now or _utc_now)
        migrated_from = version
    # In WAL mode, NORMAL syncs the log at each checkpoint rather than at each
    # commit: a command still never leaves the database damaged, but an OS
    # crash or power cut right after one may undo it. That fsync was 5 of the
    # 10 ms of database work in a `log` on this machine (see the README).
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return Opened(conn, created, migrated_from, backup)


def _utc_now() -> datetime:
    """When a caller gave no clock (scripts, tests): the one clock, ``netlog.clock``."""
    from netlog import clock

    return clock.now()


# ----- schema versions and migrations
# netlog.migrations.MIGRATIONS[n] turns a version n-1 database into version n.
# Every schema change adds one (and a fixture database of the old version in
# tests/fixtures/schemas).


def _migrate(
    conn: sqlite3.Connection, path: Path, version: int, now: Callable[[], datetime]
) -> Path:
    """Back the database up beside itself, then apply every migration in one
    transaction: it ends at the current version or exactly as it was."""
    from netlog.migrations import MIGRATIONS

    missing = [v for v in range(version + 1, SCHEMA_VERSION + 1) if v not in MIGRATIONS]
    if missing:
        raise DatabaseError(
            f"{path} has schema version {version} and this netlog cannot upgrade it",
            "upgrade with an intermediate netlog release, or restore a JSON export",
        )
    backup = backup_to(conn, backup_path(path, now(), f"v{version}"))
    try:
        conn.execute("BEGIN IMMEDIATE")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](conn)
        create_search_index(conn)  # always the current one, whatever the steps did
        # Undo does not reach back across an upgrade: the rows it would put back
        # have the old tables' shape.
        conn.execute("DELETE FROM change_row")
        conn.execute("DELETE FROM change_set")
        # Derived state by this netlog's rules, once the tables are current.
        from netlog.repository import Repository

        Repository(conn).settle_all()
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise DatabaseError(
                f"{path} could not be upgraded: {problems[0][0]} row {problems[0][1]} points "
                f"at a missing {problems[0][2]}; nothing was changed",
                "run 'netlog check' with the netlog that wrote it, then try again",
            )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    prune_backups(path)
    return backup


# ----- backups: in netlog.backups (whole, checked copies); imported above, so
# db.backup_to, db.backup_path, db.backup_dir and db.prune_backups keep working.


def exposed_files(path: Path) -> list[Path]:
    """The database, its WAL and shared-memory files and backups, where others
    than the owner may read them."""
    candidates = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    folder = backup_dir(path)
    if folder.is_dir():
        candidates += sorted(folder.glob("*.db"))
    exposed = []
    for candidate in candidates:
        try:
            if candidate.stat().st_mode & 0o077:
                exposed.append(candidate)
        except OSError:
            continue
    return exposed


def _to_wal(conn: sqlite3.Connection) -> None:
    """Switch a new file to WAL. That takes the file's exclusive lock, and
    SQLite can answer "busy" at once, without waiting, while several netlogs
    start on the same new file: retried until the busy timeout, as a lock the
    busy handler waits for would be."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _initialise(conn: sqlite3.Connection, path: Path) -> bool:
    """Turn an empty file into a netlog database, atomically. Safe when several
    netlogs start on a new file at once: the first to take the write lock
    creates the schema, the others find it made. True when this one made it."""
    try:
        _to_wal(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                conn.execute("ROLLBACK")
                return False
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise NotANetlogDatabase(
                    f"{path} is an SQLite database of another program, not netlog's",
                    "pass --db with another path",
                )
            for statement in schema_statements():
                conn.execute(statement)
            for statement in split_sql(SEARCH_SQL):
                conn.execute(statement)
            for statement in journal_statements(conn):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:
        raise explain_sqlite_error(exc, path) from None
    return True


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain inner semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite gave up on a lock another connection holds."""
    text = str(exc)
    return "locked" in text or "busy" in text


def explain_sqlite_error(exc: sqlite3.Error, path: Path | None = None) -> DatabaseError:
    """Turn an SQLite error into a message a user can act on."""
    text = str(exc)
    if is_busy(exc):
        return DatabaseBusy(
            f"the database{_at(path)} is busy (another netlog is writing to it)",
            "wait a moment and try again",
        )
    if "malformed" in text or "not a database" in text:
        return DatabaseError(
            f"the database{_at(path)} is damaged ({text})",
            "run 'netlog check' to see what is wrong, and restore your latest backup",
        )
    if "full" in text:
        return DatabaseError(
            f"the disk holding the database{_at(path)} is full; nothing was changed",
            "free some space and try again",
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            f"the database{_at(path)} is read-only: reading works, writing does not",
            "make the file (and its folder) writable, or pass --db",
        )
    return DatabaseError(f"database error{_at(path)}: {text}", "run with --debug for details")


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # may fail too (deferred foreign keys, a full disk)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _at(path: Path | None) -> str:
    return f" {path}" if path else ""
