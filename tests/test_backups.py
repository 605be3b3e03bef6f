"""Backups are whole or absent: a file under a backup's name is always a
complete, checked copy, however the process writing it ends.

The kill test runs the real ``netlog backup`` against a 20,000-contact database
and stops it with SIGKILL or SIGTERM after random delays spread over the time a
backup takes on this machine (measured first); the delays are seeded, so a
failure can be rerun with the same ones.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import TODAY, query
from netlog import backups, db, files
from netlog.errors import DatabaseError

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CONTACTS = 20_000
TRIALS = 24
SEED = 20261125


def _bench_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def _env() -> dict[str, str]:
    return {**os.environ, "NETLOG_TODAY": TODAY.isoformat()}


def _netlog(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "netlog", *args], env=_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs,
    )  # fmt: skip


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, str]:
    """A 20,000-contact database (built once, through netlog's storage code) and
    the hash of a backup of it that ``netlog check`` found clean."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.db"
    _bench_generate()(path, CONTACTS, 2 * CONTACTS, today=date(2026, 11, 25))
    reference = folder / "reference.db"
    conn = db.connect(path)
    try:
        backups.backup_to(conn, reference, exclusive=True)
    finally:
        conn.close()
    digest = _sha(reference)
    checked = subprocess.run(
        [sys.executable, "-m", "netlog", "--db", str(reference), "check"],
        env={**os.environ, "NETLOG_TODAY": TODAY.isoformat()}, capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0 and checked.stdout == "No problems found.\n", checked
    return path, digest


def _assert_whole(copy: Path, reference_digest: str) -> None:
    """``copy`` is a complete netlog database: byte for byte the reference copy
    that ``netlog check`` passed, or else one that passes the check itself."""
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID, copy
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], copy
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == CONTACTS, copy
    finally:
        conn.close()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600, copy
    if _sha(copy) != reference_digest:
        scratch = copy.with_name(f"checked-{copy.name}")
        shutil.copy(copy, scratch)
        result = subprocess.run(
            [sys.executable, "-m", "netlog", "--db", str(scratch), "check"],
            env=_env(), capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0 and result.stdout == "No problems found.\n", result


def test_a_killed_backup_leaves_no_file_or_a_whole_copy(big, tmp_path):
    source, digest = big
    out = tmp_path / "out"
    out.mkdir()
    default_folder = backups.backup_dir(source)
    # How long a whole backup takes here, start to exit: the delays cover it.
    started = time.monotonic()
    proc = _netlog("--db", str(source), "backup", str(out / "timing.db"))
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    took = time.monotonic() - started
    _assert_whole(out / "timing.db", digest)

    rng = random.Random(SEED)
    outcomes = {"absent": 0, "whole": 0}
    partial_after_kill = 0
    for trial in range(TRIALS):
        sig = signal.SIGKILL if trial % 2 == 0 else signal.SIGTERM
        delay = rng.uniform(0.3 * took, 1.1 * took)
        into_default = trial % 4 in (2, 3)  # half into <db>-backups/, numbered names
        target = out / f"trial-{trial}.db"
        args = ["--db", str(source), "backup"] + ([] if into_default else [str(target)])
        before = set(default_folder.iterdir()) if default_folder.exists() else set()
        partials_before = {p for p in out.iterdir() if files.is_partial(p)}
        proc = _netlog(*args)
        time.sleep(delay)
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        context = f"trial {trial}: {sig.name} after {delay:.3f}s (a backup takes {took:.3f}s)"
        if into_default:
            new = set(default_folder.iterdir()) - before if default_folder.exists() else set()
            finals = [p for p in new if not files.is_partial(p)]
            partials = [p for p in new if files.is_partial(p)]
        else:
            finals = [target] if os.path.lexists(target) else []
            partials = [p for p in out.iterdir() if files.is_partial(p)]
            partials = [p for p in partials if p not in partials_before]
        assert len(finals) <= 1, (context, finals)
        for final in finals:
            assert not final.name.startswith("."), context
            _assert_whole(final, digest)
        if finals:
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
            assert code != 0, context  # no file, so it must not have claimed success
        if sig == signal.SIGTERM:
            assert partials == [], (context, "SIGTERM must clean up its partial file")
        else:
            partial_after_kill += bool(partials)
    # Nothing that lists backups sees the partial files SIGKILL left behind.
    backups.prune_backups(source, keep=1)
    assert all(files.is_partial(p) or p.suffix == ".db" for p in default_folder.iterdir())
    # The delays hit both sides of the finish line, and some landed mid-copy.
    assert outcomes["absent"] and outcomes["whole"], outcomes
    assert partial_after_kill, "no SIGKILL landed while the copy was being written"


def test_two_backups_in_the_same_second_get_distinct_names(cli, db_path):
    cli("add", "Ada Lovelace")
    conn = db.connect(db_path)
    try:
        first = backups.backup_to(conn, backups.backup_path(db_path, NOW))
        second = backups.backup_to(conn, backups.backup_path(db_path, NOW))
        third = backups.backup_to(conn, backups.backup_path(db_path, NOW, "v1"))
        fourth = backups.backup_to(conn, backups.backup_path(db_path, NOW, "v1"))
    finally:
        conn.close()
    assert first.name == "n-20261125T120000Z.db"
    assert second.name == "n-20261125T120000Z-2.db"
    assert (third.name, fourth.name) == ("n-20261125T120000Z-v1.db", "n-20261125T120000Z-v1-2.db")
    for path in (first, second, third, fourth):
        assert query(path, "SELECT name FROM contact") == [("Ada Lovelace",)]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    folder = backups.backup_dir(db_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (first, second, third, fourth)
    )
    # Default backups through the CLI, twice within a second: two files.
    assert cli("backup").exit_code == 0 and cli("backup").exit_code == 0
    assert len(list(folder.iterdir())) == 6


def test_pruning_orders_numbered_backups_and_ignores_partial_files(tmp_path):
    path = tmp_path / "n.db"
    folder = backups.backup_dir(path)
    folder.mkdir()
    names = [
        "n-20260101T000000Z-v1.db", "n-20260101T000000Z-v1-2.db", "n-20260101T000000Z-v1-10.db",
        "n-20260102T000000Z-v2.db",
    ]  # fmt: skip
    for name in names:
        (folder / name).write_text("x")
    (folder / ".n-20260103T000000Z-v3.db.partial-abcd1234").write_text("half")
    (folder / "n-20260101T000000Z.db").write_text("a manual backup")
    backups.prune_backups(path, keep=2)
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(
        [
            ".n-20260103T000000Z-v3.db.partial-abcd1234",
            "n-20260101T000000Z.db",
            "n-20260101T000000Z-v1-10.db",
            "n-20260102T000000Z-v2.db",
        ]
    )


def test_the_next_backup_removes_stale_partial_files_only(cli, db_path, tmp_path):
    cli("add", "Ada Lovelace")
    stale = tmp_path / ".old.db.partial-x1y2z3w4"
    stale_journal = tmp_path / ".old.db.partial-x1y2z3w4-journal"
    fresh = tmp_path / ".busy.db.partial-a1b2c3d4"
    unrelated = tmp_path / ".hidden-but-mine"
    lookalike = tmp_path / ".notes.partial-of-mine.txt"
    for path in (stale, stale_journal, fresh, unrelated, lookalike):
        path.write_text("x")
    hours_ago = time.time() - 2 * files.STALE_SECONDS
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(stale_journal, (hours_ago, hours_ago))
    os.utime(unrelated, (hours_ago, hours_ago))
    os.utime(lookalike, (hours_ago, hours_ago))
    assert cli("backup", str(tmp_path / "copy.db")).exit_code == 0
    assert not stale.exists() and not stale_journal.exists()
    assert fresh.exists()  # maybe another backup in progress
    assert unrelated.exists() and lookalike.exists()  # not netlog's


def test_a_copy_that_does_not_verify_is_never_placed(cli, db_path, tmp_path, monkeypatch):
    cli("add", "Ada Lovelace")
    target = tmp_path / "copy.db"

    def short_write(conn, partial, target):
        partial.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # a truncated copy

    monkeypatch.setattr(backups, "_copy", short_write)
    result = cli("backup", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the copy for {target} did not read back whole")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.glob("*copy.db*")) == []  # neither the final name nor a partial


def test_a_backup_never_replaces_an_existing_file(cli, db_path, tmp_path):
    cli("add", "Ada Lovelace")
    target = tmp_path / "mine.db"
    target.write_text("something precious")
    result = cli("backup", str(target))
    assert result.exit_code == 1 and "exists already" in result.stderr
    assert target.read_text() == "something precious"
    dangling = tmp_path / "link.db"
    dangling.symlink_to(tmp_path / "nowhere.db")
    result = cli("backup", str(dangling))
    assert result.exit_code == 1 and "exists already" in result.stderr
    assert not (tmp_path / "nowhere.db").exists()
    assert [p for p in tmp_path.iterdir() if files.is_partial(p)] == []


def test_an_unwritable_backup_folder_is_one_clear_error(cli, db_path, tmp_path):
    cli("add", "Ada Lovelace")
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    result = cli("backup", str(blocker / "copy.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot create the backup folder {blocker}")
    assert len(result.stderr.splitlines()) == 1


def test_the_migration_backup_is_written_the_same_way(tmp_path, monkeypatch):
    source = Path(__file__).parent / "fixtures" / "schemas" / "v1.db"
    path = tmp_path / "v1.db"
    shutil.copy(source, path)
    path.chmod(0o600)  # a schema 1 database: opening it migrates it, after a backup
    seen = []
    original = backups.backup_to

    def spy(conn, target, **kwargs):
        written = original(conn, target, **kwargs)
        seen.append((target, written, sorted(p.name for p in target.parent.iterdir())))
        return written

    monkeypatch.setattr(db, "backup_to", spy)
    opened = db.open_database(path, now=lambda: NOW)
    opened.conn.close()
    [(target, written, listing)] = seen
    assert written == opened.backup == target
    assert listing == [target.name]  # no partial file left beside it
    conn = sqlite3.connect(written)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    conn.close()


def test_a_failed_verification_stops_the_migration(tmp_path, monkeypatch):
    source = Path(__file__).parent / "fixtures" / "schemas" / "v1.db"
    path = tmp_path / "v1.db"
    shutil.copy(source, path)
    before = path.read_bytes()  # a schema 1 database: opening it would migrate it

    def broken(partial, target):
        raise DatabaseError(f"the copy for {target} did not read back whole", "check the disk")

    monkeypatch.setattr(backups, "_verify", broken)
    with pytest.raises(DatabaseError, match="did not read back whole"):
        db.open_database(path, now=lambda: NOW)
    assert path.read_bytes() == before
    assert list(backups.backup_dir(path).iterdir()) == []
