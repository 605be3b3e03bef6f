"""Keeping the database honest: ``netlog check`` and ``netlog backup``.

``check`` runs SQLite's own integrity and foreign-key checks and netlog's
invariants (values stored for speed equal what the history implies, names
folded for matching, known reasons, kinds and states, a whole search index) and
changes nothing. ``check --repair`` recomputes everything that can be derived
again, in one transaction; what cannot be derived (a damaged file, a row
pointing at a missing contact) is reported, with what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from netlog import backups
from netlog.dump_validate import ENUMS
from netlog.errors import DatabaseError
from netlog.names import fold
from netlog.records import Derived
from netlog.repository import Repository

# The stored per-contact values that the history implies (see Derived).
_DERIVED = Derived._fields


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


def check(repo: Repository, *, repair: bool = False) -> CheckReport:
    """Find (and with ``repair``, fix what can be derived again) every problem.

    A repair holds the write lock from the first read to the last write, so a
    command running beside it either lands before it (and is checked) or waits
    for it (and is kept): nothing is put back to values read earlier."""
    if not repair:
        return _check(repo, repair=False)
    with repo.transaction():
        return _check(repo, repair=True)


def _check(repo: Repository, *, repair: bool) -> CheckReport:
    report = CheckReport()
    damage = repo.integrity_errors()
    if damage:
        report.problems += [Problem("integrity", message, False) for message in damage[:20]]
        return report  # nothing else can be trusted on a damaged file
    for table, rowid, parent in repo.foreign_key_errors():
        report.problems.append(
            Problem("foreign-key", f"{table} row {rowid} points at a missing {parent}", False)
        )
    for (table, column), allowed in ENUMS.items():
        for rowid, value in repo.invalid_values(table, column, allowed):
            report.problems.append(
                Problem("invalid", f"{table} #{rowid} has {column} {value!r}", False)
            )
    for cid, cadence in repo.bad_cadences():
        report.problems.append(Problem("invalid", f"contact #{cid} has cadence {cadence}", False))

    renamed: list[int] = []
    derived_wrong = False
    for cid, name, key in repo.name_keys():
        if fold(name) != key:
            report.problems.append(
                Problem("name-key", f"contact #{cid} is not findable by its name", True)
            )
            renamed.append(cid)
        stored, expected = repo.stored_derived(cid), repo.compute_derived(cid)
        if stored is None or expected is None:
            continue
        wrong = [f for f in _DERIVED if getattr(stored, f) != getattr(expected, f)]
        if wrong:
            derived_wrong = True
            report.problems.append(
                Problem(
                    "derived",
                    f"contact #{cid} ({name}): stored {', '.join(wrong)} differ from the history",
                    True,
                )
            )
    indexed, implied = repo.search_index_rows()
    index_broken = indexed != implied or not repo.search_index_sound()
    if index_broken:
        report.problems.append(
            Problem(
                "search-index", f"the search index has {indexed} rows, expected {implied}", True
            )
        )
    if repair and (renamed or derived_wrong or index_broken):
        for cid in renamed:
            repo.refold_name(cid)
        if derived_wrong:
            repo.settle_all()
        if index_broken:
            repo.rebuild_search_index()
        report.repaired = sum(p.repairable for p in report.problems)
    return report


def backup(repo: Repository, db_path: Path, target: Path | None, now: datetime) -> Path:
    """A consistent, checked copy of the database (safe while another netlog
    writes). Into the default folder or a folder given, it takes a fresh name
    (numbered within the same second); a file path given must not exist."""
    automatic = backups.backup_path(db_path, now)
    if target is None:
        destination, exclusive = automatic, False
    elif target.is_dir():
        destination, exclusive = target / automatic.name, False
    else:
        destination, exclusive = target, True
    if destination.resolve() == db_path.resolve():
        raise DatabaseError("the backup cannot replace the database itself", "give another path")
    return backups.backup_to(repo.conn, destination, exclusive=exclusive)
