"""Backups of the database: a file under a backup's name is a whole, checked copy.

``netlog backup`` and the backup written before a migration both come here. The
copy is made with SQLite's online backup API (consistent while another netlog
writes) into a partial file beside the target (see ``netlog.files``), flushed
to disk, checked (``PRAGMA integrity_check`` and netlog's ``application_id``,
on a fresh read-only connection), and only then linked under its final name,
which it never replaces. A backup interrupted at any point (SIGKILL, SIGTERM,
a closed terminal, a full disk) leaves no file under the final name, so an
empty or truncated file can never pass for a backup (opened, it would look like
a new, empty database) and nothing that lists backups ever sees a partial one.

Automatic names carry the UTC second; two backups in the same second get
``-2``, ``-3``... rather than colliding. Every file is readable by the owner only.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from netlog.errors import DatabaseError

BACKUPS_KEPT = 5
MAX_NUMBER = 1000  # same-second backups of one database before giving up


def backup_dir(path: Path) -> Path:
    """Where the backups of the database at ``path`` go: ``<db>-backups/``."""
    return path.parent / f"{path.name}-backups"


def backup_path(path: Path, when: datetime, label: str = "") -> Path:
    """``<db>-backups/<db name>-20261125T181140Z[-label].db``. ``backup_to``
    numbers it (``...-2.db``) if a backup of the same second exists."""
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = f"-{label}" if label else ""
    return backup_dir(path) / f"{path.stem}-{stamp}{suffix}.db"


def numbered(target: Path, n: int) -> Path:
    """The ``n``-th name for ``target`` (1: itself; then ``<stem>-n<suffix>``)."""
    return target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")


def backup_to(conn: sqlite3.Connection, target: Path, *, exclusive: bool = False) -> Path:
    """Copy the database of ``conn`` to ``target``; returns where it went.

    If ``target`` exists, the copy goes to the first free ``numbered`` name, or
    with ``exclusive`` (a path the user chose) it is refused. Either way no
    existing file is ever replaced, and the name appears only once the copy is
    complete, on disk and checked. Partial files an earlier, killed backup left
    in the folder more than an hour ago are removed first."""
    from netlog import files  # not on the path of every command that opens the database

    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the backup folder {folder} ({exc.strerror})",
            "choose a backup path in a folder you can write to",
        ) from None
    if exclusive and os.path.lexists(target):
        raise DatabaseError(f"{target} exists already", "choose another backup path")
    files.remove_stale_partials(folder)
    with files.signals_raise():
        try:
            fd, partial = files.partial_file(folder, target.name)
        except OSError as exc:
            raise _cannot_write(target, exc) from None
        os.close(fd)
        try:
            _copy(conn, partial, target)
            files.fsync_path(partial)
            _verify(partial, target)
            written = _place(partial, target, exclusive)
        except BaseException:
            _remove(partial)
            raise
    files.fsync_folder(folder)
    return written


def _copy(conn: sqlite3.Connection, partial: Path, target: Path) -> None:
    try:
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise DatabaseError(
            f"cannot write the backup {target} ({exc}); the database is unchanged",
            f"check the free space and permissions of {target.parent}",
        ) from None


def _verify(partial: Path, target: Path) -> None:
    """The copy, read back from disk on its own connection, is a whole netlog
    database: a short write or a failing disk is found now, not on restore."""
    from netlog.db import APPLICATION_ID

    try:
        check = sqlite3.connect(f"{partial.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [row[0] for row in check.execute("PRAGMA integrity_check")]
            app_id = check.execute("PRAGMA application_id").fetchone()[0]
        finally:
            check.close()
    except sqlite3.Error as exc:
        result, app_id = [str(exc)], None
    if result != ["ok"] or app_id != APPLICATION_ID:
        raise DatabaseError(
            f"the copy for {target} did not read back whole ({'; '.join(result[:3])}); "
            "nothing was written there",
            f"check the disk holding {target.parent} and try again",
        )


def _place(partial: Path, target: Path, exclusive: bool) -> Path:
    from netlog import files

    for n in range(1, 2 if exclusive else MAX_NUMBER):
        candidate = numbered(target, n)
        try:
            files.link_new(partial, candidate)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot_write(candidate, exc) from None
        return candidate
    if exclusive:
        raise DatabaseError(f"{target} exists already", "choose another backup path")
    raise DatabaseError(
        f"{MAX_NUMBER} backups named like {target} exist already", "choose another backup path"
    )


def _cannot_write(target: Path, exc: OSError) -> DatabaseError:
    return DatabaseError(
        f"cannot write the backup {target} ({exc.strerror or exc})",
        "choose a backup path in a folder you can write to",
    )


def _remove(partial: Path) -> None:
    """The partial file and any SQLite journal beside it."""
    for path in (partial, *(Path(f"{partial}{end}") for end in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def prune_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Keep the newest ``keep`` automatic (pre-migration) backups of ``path``:
    ``<stem>-<UTC second>-v<N>[-<n>].db``. Manual backups and anything else in
    the folder, partial files included, are never touched."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return
    automatic = re.compile(re.escape(path.stem) + r"-(\d{8}T\d{6}Z)-v\d+(?:-(\d+))?\.db")
    found: list[tuple[tuple[str, int], Path]] = []
    for entry in folder.iterdir():
        match = automatic.fullmatch(entry.name)
        if match and entry.is_file():
            found.append(((match[1], int(match[2] or 1)), entry))
    found.sort()
    for _, old in found[: max(len(found) - keep, 0)]:
        old.unlink(missing_ok=True)
