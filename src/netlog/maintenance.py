"""Keeping the database honest: ``netlog check`` and ``netlog backup``.

``check`` runs SQLite's own integrity and foreign-key checks and netlog's
invariants (values stored for speed equal what the history implies, names
folded for matching, known reasons, kinds and states, a whole search index) and
changes nothing. ``check --repair`` recomputes everything that can be derived
again, in one transaction; what cannot be derived (a damaged file, a row
pointing at a missing contact) is reported, with what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

from netlog import db
from netlog.dump_validate import ENUMS
from netlog.errors import DatabaseError
from netlog.names import fold
from netlog.records import Derived
from netlog.repository import Repository
from netlog.services import expected_next_checkin, stamp

# The stored per-contact values that the history implies (see Derived).
_DERIVED = tuple(f.name for f in fields(Derived))


@dataclass(slots=True)
class Problem:
    kind: str  # integrity | foreign-key | derived | name-key | invalid | search-index
    detail: str
    repairable: bool


@dataclass(slots=True)
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    repaired: int = 0

    @property
    def ok(self) -> bool:
        return not self.remaining

    @property
    def remaining(self) -> list[Problem]:
        if self.repaired:
            return [p for p in self.problems if not p.repairable]
        return self.problems


def check(repo: Repository, *, repair: bool = False, now: datetime | None = None) -> CheckReport:
    """Find (and with ``repair``, fix what can be derived again) every problem."""
    conn = repo.conn
    report = CheckReport()
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        for (message,) in rows[:20]:
            report.problems.append(Problem("integrity", message, False))
        return report  # nothing else can be trusted on a damaged file
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:50]:
        report.problems.append(
            Problem("foreign-key", f"{table} row {rowid} points at a missing {parent}", False)
        )
    for (table, column), allowed in ENUMS.items():
        marks = ", ".join("?" * len(allowed))
        bad = conn.execute(
            f"SELECT id, {column} FROM {table} WHERE {column} NOT IN ({marks})", allowed
        ).fetchall()
        for rowid, value in bad[:50]:
            report.problems.append(
                Problem("invalid", f"{table} #{rowid} has {column} {value!r}", False)
            )
    for cid, cadence in conn.execute("SELECT id, cadence_days FROM contact WHERE cadence_days < 1"):
        report.problems.append(Problem("invalid", f"contact #{cid} has cadence {cadence}", False))

    fixes: list[tuple[int, dict[str, object]]] = []
    for contact in repo.all_contacts():
        change: dict[str, object] = {}
        if fold(contact.name) != _name_key(repo, contact.id):
            report.problems.append(
                Problem("name-key", f"contact #{contact.id} is not findable by its name", True)
            )
            change["name"] = contact.name  # rewriting the name recomputes its key
        derived = repo.compute_derived(contact.id)
        wrong = [f for f in _DERIVED if getattr(contact, f) != getattr(derived, f)]
        expected = expected_next_checkin(
            contact, derived, contact.cadence_days, contact.snoozed_until
        )
        if contact.next_checkin_on != expected:
            wrong.append("next_checkin_on")
        if wrong:
            report.problems.append(
                Problem(
                    "derived",
                    f"contact #{contact.id} ({contact.name}): stored {', '.join(wrong)} "
                    "differ from the history",
                    True,
                )
            )
            change.update({f: getattr(derived, f) for f in _DERIVED})
            change["next_checkin_on"] = expected
        if change:
            fixes.append((contact.id, change))
    indexed, implied = db.search_index_rows(conn)
    index_broken = indexed != implied
    if not index_broken:
        try:
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except Exception:
            index_broken = True
    if index_broken:
        report.problems.append(
            Problem(
                "search-index", f"the search index has {indexed} rows, expected {implied}", True
            )
        )
    if repair and (fixes or index_broken):
        if now is None:
            raise ValueError("repair needs now")
        with repo.transaction():
            for cid, change in fixes:
                repo.update_contact(cid, now=stamp(now), **change)
            if index_broken:
                db.rebuild_search_index(conn)
        report.repaired = sum(p.repairable for p in report.problems)
    return report


def _name_key(repo: Repository, contact_id: int) -> str:
    row = repo.conn.execute("SELECT name_key FROM contact WHERE id = ?", (contact_id,)).fetchone()
    return row[0] if row else ""


def backup(repo: Repository, db_path: Path, target: Path | None, now: datetime) -> Path:
    """A consistent copy of the database (safe while another netlog writes)."""
    destination = target or db.backup_path(db_path, now)
    if destination.is_dir():
        destination = destination / db.backup_path(db_path, now).name
    if destination.resolve() == db_path.resolve():
        raise DatabaseError("the backup cannot replace the database itself", "give another path")
    return db.backup_to(repo.conn, destination)
