"""The JSON dump: everything netlog stores, in an open, versioned format.

It is the backup format and the way to move a network between machines:
``netlog export --format json`` writes it, ``netlog import dump.json`` restores
it into an empty database, and exporting again gives the identical file (no
timestamps of the export itself; rows in id order; keys in column order).

Shape::

    {"format": "netlog-dump", "version": 1, "schema_version": 2,
     "tables": {"contact": [{column: value, ...}, ...], "contact_tag": [...], ...}}

Every column of every table is included, derived ones too (``name_key``,
``last_*``, ``next_checkin_on``), so a restore is exact; dates are ISO strings,
instants UTC ISO 8601, booleans 0/1 as SQLite stores them. A dump of an older
schema is brought to the current one on restore (``migrations.upgrade_dump_v1``),
and every contact's derived values are recomputed from the restored history.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from netlog import db
from netlog.errors import NetlogError
from netlog.repository import DUMP_TABLES, DumpStore, Repository

FORMAT = "netlog-dump"
VERSION = 1


class DumpError(NetlogError):
    """A dump that cannot be restored."""


def dump(repo: Repository) -> str:
    """The whole database as dump text (deterministic for the same data)."""
    store = DumpStore(repo.conn)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": db.SCHEMA_VERSION,
        "tables": {table: store.rows(table) for table in DUMP_TABLES},
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def looks_like_dump(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


@dataclass(slots=True)
class RestoreSummary:
    counts: dict[str, int]

    @property
    def contacts(self) -> int:
        return self.counts.get("contact", 0)


def restore(repo: Repository, data: Any, source: str, dry_run: bool = False) -> RestoreSummary:
    """Load a parsed dump into an empty database, exactly, in one transaction."""
    tables = _validate(data, source, repo)
    counts = {table: len(rows) for table, rows in tables.items()}
    store = DumpStore(repo.conn)
    if not store.is_empty():
        raise DumpError(
            f"{source} is a full netlog dump and this database already has data",
            "restore it into a new database: netlog --db new.db import " + source,
        )
    if dry_run:
        return RestoreSummary(counts)
    try:
        with repo.transaction():
            if not store.is_empty():  # another netlog wrote since we looked
                raise DumpError(
                    f"{source} is a full netlog dump and this database already has data",
                    "restore it into a new database: netlog --db new.db import " + source,
                )
            store.defer_foreign_keys()
            for table in DUMP_TABLES:
                store.insert_rows(table, tables[table])
            repo.settle_all()
    except (sqlite3.IntegrityError, sqlite3.OperationalError, sqlite3.InterfaceError) as exc:
        raise DumpError(
            f"{source} is inconsistent ({exc}); nothing was imported",
            "export it again from the netlog that wrote it",
        ) from None
    return RestoreSummary(counts)


def _validate(data: Any, source: str, repo: Repository) -> dict[str, list[dict[str, Any]]]:
    if not looks_like_dump(data):
        raise DumpError(
            f"{source} is not a netlog dump", "export one with: netlog export --format json"
        )
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise DumpError(
            f"{source} is a version {version} dump, newer than this netlog reads ({VERSION})",
            "upgrade netlog to import it",
        )
    schema = data.get("schema_version")
    if not isinstance(schema, int) or schema > db.SCHEMA_VERSION:
        raise DumpError(
            f"{source} comes from schema version {schema}, newer than this netlog's "
            f"{db.SCHEMA_VERSION}",
            "upgrade netlog to import it",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise DumpError(f"{source} has no 'tables' object", "is the file complete?")
    if schema < 2:
        from netlog.migrations import upgrade_dump_v1

        contacts = tables.get("contact", [])
        if isinstance(contacts, list) and all(isinstance(r, dict) for r in contacts):
            upgrade_dump_v1(tables)
    store = DumpStore(repo.conn)
    result: dict[str, list[dict[str, Any]]] = {}
    for table in DUMP_TABLES:
        rows = tables.get(table, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DumpError(f"{source}: '{table}' is not a list of rows", "is the file complete?")
        known = set(store.columns(table))
        for n, row in enumerate(rows, 1):
            if not row:
                raise DumpError(f"{source}: {table} row {n} is empty", "is the file complete?")
            unknown = set(row) - known
            if unknown:
                raise DumpError(
                    f"{source}: {table} row {n} has unknown columns {sorted(unknown)}",
                    "was it written by a newer netlog?",
                )
            for value in row.values():
                if value is not None and not isinstance(value, str | int | float):
                    raise DumpError(
                        f"{source}: {table} row {n} holds a {type(value).__name__}",
                        "values must be text, numbers or null",
                    )
        result[table] = rows
    extra = set(tables) - set(DUMP_TABLES)
    if extra:
        raise DumpError(
            f"{source} has tables this netlog does not know: {sorted(extra)}",
            "was it written by a newer netlog?",
        )
    return result
