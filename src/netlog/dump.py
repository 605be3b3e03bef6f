"""The JSON dump: everything netlog stores, in an open, versioned format.

It is the backup format and the way to move a network between machines:
``netlog export --format json`` writes it, ``netlog import dump.json`` restores
it into an empty database, and exporting again gives the identical file (no
timestamps of the export itself; rows in id order; keys in column order).

Shape::

    {"format": "netlog-dump", "version": 1, "schema_version": 3,
     "tables": {"contact": [{column: value, ...}, ...], "contact_tag": [...], ...}}

Every column of every table of your data is included (not netlog's own
bookkeeping, ``BOOKKEEPING_TABLES``: the change journal, today's review),
derived ones too (``name_key``, ``last_*``, ``next_checkin_on``), so a restore
is exact; dates are ISO strings,
instants UTC ISO 8601, booleans 0/1 as SQLite stores them. A dump of an older
schema is brought to the current one first (``migrations.upgrade_dump_v1``).

A restore checks every value against its column before writing anything
(``dump_validate``) and computes the derived values again from the restored
history, so what it writes is always something netlog itself could have written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from netlog import db, policy
from netlog.dump_validate import DumpError, check_tables
from netlog.names import fold
from netlog.repository import DUMP_TABLES, DumpStore, Repository

FORMAT = "netlog-dump"
VERSION = 1
# The per-contact values the history implies (see records.Derived).


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
    """Load a parsed dump into an empty database, exactly, in one transaction.

    Every value is checked against its column first (``dump_validate``): a dump
    that any command could not read is refused whole, before anything is
    written. The values a contact's history implies (``name_key``, ``last_*``,
    ``next_checkin_on``) are computed again rather than trusted, so an edited
    dump restores to a database ``netlog check`` finds healthy; for a dump
    netlog wrote they come out identical."""
    tables = _validate(data, source)
    counts = {table: len(rows) for table, rows in tables.items()}
    store = DumpStore(repo.conn)
    if not store.is_empty():
        raise DumpError(
            f"{source} is a full netlog dump and this database already has data",
            "restore it into a new database: netlog --db new.db import " + source,
        )
    if dry_run:
        return RestoreSummary(counts)
    tables["contact"] = [{**row, "name_key": fold(row["name"])} for row in tables["contact"]]
    tables["contact_channel"] = [
        {**row, "value_key": policy.channel_key(row["kind"], row["value"])}
        for row in tables["contact_channel"]
    ]
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
            repo.settle_all()  # without touching updated_at: a restore changes nobody
    except (sqlite3.IntegrityError, sqlite3.OperationalError, sqlite3.InterfaceError) as exc:
        raise DumpError(
            f"{source} is inconsistent ({exc}); nothing was imported",
            "export it again from the netlog that wrote it",
        ) from None
    return RestoreSummary(counts)


def _validate(data: Any, source: str) -> dict[str, list[dict[str, Any]]]:
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
    if schema < 2 and isinstance(tables, dict):
        from netlog.migrations import upgrade_dump_v1

        contacts = tables.get("contact")
        if isinstance(contacts, list) and all(isinstance(r, dict) for r in contacts):
            upgrade_dump_v1(tables)
    return check_tables(tables, source, DUMP_TABLES)
