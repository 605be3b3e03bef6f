"""Data safety: schema versions and migrations, backups, check and repair,
concurrent writers, crashes mid-write, hostile input, privacy.

No test depends on timing luck: racing processes get generous time, and the
crash test accepts the database either as before or as after the import.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import TODAY, query, snapshot
from netlog import backups, db
from netlog.repository import Repository
from netlog.services import add_contact

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def fixture_db(tmp_path: Path, version: int) -> Path:
    target = tmp_path / f"v{version}.db"
    shutil.copy(SCHEMAS / f"v{version}.db", target)
    target.chmod(0o600)
    return target


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("contact", "interaction", "followup", "ledger", "ask", "life_note")
        }
    finally:
        conn.close()


# ----- schema versions and migrations
@pytest.mark.parametrize("version", range(1, db.SCHEMA_VERSION + 1))
def test_every_released_schema_opens_with_every_row_intact(tmp_path, cli, version):
    path = fixture_db(tmp_path, version)
    before = counts(path)
    assert before["contact"] == 12
    result = cli("--db", str(path), "check")  # --db given twice: the last one wins
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "No problems found." in result.stdout
    assert counts(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION


CURRENT = db.SCHEMA_VERSION
NEXT = CURRENT + 1


def _pretend_next_version(monkeypatch, migration):
    """A netlog one schema version ahead, whose last step is ``migration``."""
    from netlog import migrations

    monkeypatch.setattr(db, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, NEXT: migration})


def test_an_older_database_is_backed_up_then_migrated_in_one_transaction(tmp_path, monkeypatch):
    path = fixture_db(tmp_path, CURRENT)
    before = counts(path)

    def add_column(conn):
        conn.execute("ALTER TABLE contact ADD COLUMN pronouns TEXT")

    _pretend_next_version(monkeypatch, add_column)
    opened = db.open_database(path, now=lambda: NOW)
    assert opened.migrated_from == CURRENT
    assert opened.backup == (
        tmp_path / f"v{CURRENT}.db-backups" / f"v{CURRENT}-20261125T120000Z-v{CURRENT}.db"
    )
    assert stat.S_IMODE(opened.backup.stat().st_mode) == 0o600
    conn = opened.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == NEXT
    assert "pronouns" in [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    conn.close()
    assert counts(path) == before
    backup = sqlite3.connect(opened.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == CURRENT
    assert backup.execute("SELECT count(*) FROM contact").fetchone()[0] == 12


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = fixture_db(tmp_path, 1)
    dump_before = snapshot(path)

    def half_then_fail(conn):
        conn.execute("ALTER TABLE contact ADD COLUMN pronouns TEXT")
        conn.execute("UPDATE contact SET pronouns = 'they'")
        raise sqlite3.OperationalError("simulated failure half-way")

    # The real 1 -> 2 step runs first, then the pretended one fails: all of it goes.
    _pretend_next_version(monkeypatch, half_then_fail)
    with pytest.raises(sqlite3.OperationalError):
        db.open_database(path, now=lambda: NOW)
    assert snapshot(path) == dump_before  # not half-migrated
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1


def test_upgrade_message_through_the_cli(tmp_path, monkeypatch, cli):
    path = fixture_db(tmp_path, CURRENT)
    _pretend_next_version(monkeypatch, lambda conn: None)
    result = cli("--db", str(path), "list")
    assert result.exit_code == 0
    assert f"Upgraded {path} from schema version {CURRENT} to {NEXT} (backup: " in result.stderr


def test_automatic_backups_keep_the_newest_few(tmp_path):
    path = tmp_path / "n.db"
    folder = db.backup_dir(path)
    folder.mkdir()
    for n in range(8):
        (folder / f"n-2026010{n}T000000Z-v{n}.db").write_text("x")
    (folder / "n-manual.db").write_text("kept: not an automatic backup")
    db.prune_backups(path)
    left = sorted(p.name for p in folder.iterdir())
    assert len([n for n in left if "-v" in n]) == backups.BACKUPS_KEPT
    assert "n-20260107T000000Z-v7.db" in left and "n-20260100T000000Z-v0.db" not in left
    assert "n-manual.db" in left


def test_a_database_from_the_future_is_refused_and_untouched(tmp_path, cli):
    path = fixture_db(tmp_path, 1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    result = cli("--db", str(path), "add", "Somebody")
    assert result.exit_code == 1
    assert f"schema version 99, newer than this netlog's {CURRENT}" in result.stderr
    assert path.read_bytes() == before


# ----- backup
def test_backup_writes_a_consistent_owner_only_copy(cli, db_path, tmp_path):
    cli("add", "Ada Lovelace")
    cli("log", "ada", "coffee", "--kind", "coffee")
    result = cli("backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 0
    assert result.stdout == f"Backed up {db_path} to {tmp_path / 'copy.db'}\n"
    copy = tmp_path / "copy.db"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert query(copy, "SELECT name FROM contact") == [("Ada Lovelace",)]
    again = cli("backup", str(copy))
    assert again.exit_code == 1 and "exists already" in again.stderr
    default = cli("backup")
    assert default.exit_code == 0
    assert str(db.backup_dir(db_path)) in default.stdout


def test_backup_while_another_netlog_is_writing(cli, db_path, tmp_path):
    cli("add", "Ada Lovelace")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE contact SET title = 'uncommitted' WHERE id = 1")
    try:
        result = cli("backup", str(tmp_path / "hot.db"))
        assert result.exit_code == 0, result.stderr
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert query(tmp_path / "hot.db", "SELECT title FROM contact") == [(None,)]


# ----- check and repair
def test_check_finds_repairs_and_reports(cli, db_path):
    cli("add", "Ada Lovelace", "--on", "2026-11-01")
    cli("log", "ada", "lunch", "--kind", "meeting")
    assert cli("check").stdout == "No problems found.\n"
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE contact SET last_contact_on = '2020-01-01', name_key = 'x'")
    conn.execute("DELETE FROM search_fts WHERE rowid < 0")
    conn.commit()
    conn.close()
    before = snapshot(db_path)
    found = cli("check")
    assert found.exit_code == 1
    assert "derived: contact #1 (Ada Lovelace): stored last_contact_on" in found.stdout
    assert "name-key: contact #1" in found.stdout
    assert "search-index:" in found.stdout
    assert "netlog check --repair" in found.stderr
    assert snapshot(db_path) == before  # check alone changes nothing
    fixed = cli("check", "--repair")
    assert fixed.exit_code == 0
    assert "Repaired 3 problems." in fixed.stdout
    assert cli("check").stdout == "No problems found.\n"
    assert json.loads(cli("search", "lunch", "--json").stdout)[0]["contact"] == "Ada Lovelace"
    assert cli("log", "ada", "hello").exit_code == 0  # findable by name again


def test_check_reports_what_cannot_be_derived(cli, db_path):
    cli("add", "Ada Lovelace")
    conn = sqlite3.connect(db_path)  # foreign keys are off in a plain connection
    conn.execute(
        "INSERT INTO interaction (contact_id, occurred_on, kind, created_at) "
        "VALUES (42, '2026-01-01', 'call', 'x')"
    )
    conn.execute("UPDATE contact SET cadence_days = 0")
    conn.commit()
    conn.close()
    result = cli("check", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    kinds = {(p["kind"], p["repairable"]) for p in problems}
    assert ("foreign-key", False) in kinds
    assert ("invalid", False) in kinds


# ----- concurrency
WRITER = r"""
import sys
from datetime import datetime, timezone, date
from pathlib import Path
from netlog import db
from netlog.repository import Repository
from netlog.services import log_interaction
path, name, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = db.connect(path)
repo = Repository(conn)
for i in range(n):
    log_interaction(repo, name, f"{name} note {i}", today=date(2026, 11, 25),
                    now=datetime.now(timezone.utc), kind="message")
conn.close()
"""


def test_several_processes_logging_at_once_lose_nothing(tmp_path):
    path = tmp_path / "busy.db"
    conn = db.connect(path)
    repo = Repository(conn)
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Linus Torvalds"]
    for name in names:
        add_contact(repo, name, today=TODAY, now=NOW)
    conn.close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, "100"], stderr=subprocess.PIPE
        )
        for name in names
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    assert query(path, "SELECT count(*) FROM interaction WHERE kind = 'message'") == [(400,)]
    for name in names:
        rows = query(
            path,
            "SELECT count(*) FROM interaction i JOIN contact c ON c.id = i.contact_id "
            "WHERE c.name = ? AND i.kind = 'message'",
            name,
        )
        assert rows == [(100,)]
    assert query(path, "PRAGMA integrity_check") == [("ok",)]


def test_a_lock_held_too_long_is_a_clear_busy_message(cli, db_path, monkeypatch):
    cli("add", "Ada Lovelace")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli("log", "ada", "hi")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the database") and "is busy" in result.stderr


# ----- crash safety
def _linkedin_rows(n: int) -> str:
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rows += [
        f"Person,{i},https://www.linkedin.com/in/p{i},,Co {i % 50},Eng,01 Jan 2024"
        for i in range(n)
    ]
    return "\n".join(rows) + "\n"


def test_an_import_killed_mid_way_leaves_the_database_before_or_after(tmp_path, cli):
    path = tmp_path / "crash.db"
    big = tmp_path / "Connections.csv"
    big.write_text(_linkedin_rows(20000))
    assert cli("--db", str(path), "add", "Existing Person").exit_code == 0
    seen = set()
    for delay in (0.3, 0.6, 0.9, 1.5):
        env = {**os.environ, "NETLOG_TODAY": TODAY.isoformat()}
        proc = subprocess.Popen(
            [sys.executable, "-m", "netlog", "--db", str(path), "import", str(big)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        contacts = query(path, "SELECT count(*) FROM contact")[0][0]
        assert contacts in (1, 20001), contacts
        seen.add(contacts)
        result = cli("--db", str(path), "check")
        assert result.exit_code == 0, result.stdout
        if contacts == 20001:
            break
    assert 1 in seen  # at least one kill landed mid-import and was rolled back


# ----- hostile input
HOSTILE_NAMES = [
    "Zoë 🚀 Ünïcødé",
    "שלום עליכם",  # right-to-left
    "e\u0301mile Zola",  # combining accent
    "Robert'); DROP TABLE contact;--",
    "A" * 10_000,
    "Tab\tNew\nLine\x1b[31mRed\x07",
    "\u202eevil override",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_hostile_names_are_stored_and_shown_safely(cli, db_path, name):
    result = cli("add", name, "--on", "2026-01-01", "--note", name)
    assert result.exit_code == 0, result.stderr
    stored = query(db_path, "SELECT name FROM contact")[0][0]
    # whitespace cleaned and accents composed (NFC), nothing else changed or lost
    assert stored == unicodedata.normalize("NFC", " ".join(name.split()))
    assert query(db_path, "SELECT count(*) FROM contact") == [(1,)]
    for mode in ("plain", "table"):
        for args in (["list"], ["show", "#1"], ["due"], ["search", name[:5] or "x"]):
            out = cli(*args, env={"NETLOG_OUTPUT": mode}).stdout
            assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, (mode, args)
    data = json.loads(cli("show", "#1", "--json").stdout)
    assert data["name"] == stored and data["note"] == name.strip()
    assert cli("log", "#1", "hello").exit_code == 0


def test_an_empty_file_becomes_a_new_database(tmp_path, cli):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    result = cli("--db", str(path), "add", "Ada Lovelace")
    assert result.exit_code == 0
    assert f"Created a new netlog database at {path}" in result.stderr


def test_a_truncated_database_is_reported_not_trusted(tmp_path, cli):
    path = fixture_db(tmp_path, 1)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    for args in (["list"], ["add", "New Person"], ["check"]):
        result = cli("--db", str(path), *args)
        assert result.exit_code == 1, args
        line = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else result.stdout
        assert "damaged" in line or "integrity" in result.stdout or "not a netlog" in line, (
            args, result.stdout, result.stderr,
        )  # fmt: skip
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_full_disk_loses_nothing(db_path, cli, monkeypatch):
    cli("add", "Ada Lovelace")
    before = snapshot(db_path)
    original = db.open_database

    def tiny_disk(path, now=None):
        opened = original(path, now)
        pages = opened.conn.execute("PRAGMA page_count").fetchone()[0]
        opened.conn.execute(f"PRAGMA max_page_count = {pages}")
        return opened

    monkeypatch.setattr(db, "open_database", tiny_disk)
    result = cli("log", "ada", "x" * 200_000)
    assert result.exit_code == 1
    assert "is full; nothing was changed" in result.stderr
    monkeypatch.undo()
    assert snapshot(db_path) == before


def test_a_read_only_database_reads_but_explains_writes(unprivileged):
    path = unprivileged.folder / "n.db"
    assert unprivileged.run("--db", str(path), "add", "Ada Lovelace").exit_code == 0
    path.chmod(0o400)
    listed = unprivileged.run("--db", str(path), "list")
    assert listed.exit_code == 0 and "Ada Lovelace" in listed.stdout
    result = unprivileged.run("--db", str(path), "add", "Grace Hopper")
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_dump_with_hostile_content_is_refused_whole(cli, db_path, tmp_path):
    bad = {"format": "netlog-dump", "version": 1, "schema_version": 1}
    bad["tables"] = {"contact": [{"id": 1, "name": {"nested": True}}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert 'contact row 1 (id 1), column name: {"nested": true} is not text' in result.stderr
    orphan = {"id": 1, "contact_id": 5, "occurred_on": "2026-01-01", "kind": "call"}
    orphan["created_at"] = "2026-01-01T00:00:00Z"
    inconsistent = {"format": "netlog-dump", "version": 1, "schema_version": 1}
    inconsistent["tables"] = {"interaction": [orphan]}
    path.write_text(json.dumps(inconsistent))
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "column contact_id: 5 is not the id of a contact row in the dump" in result.stderr
    assert query(db_path, "SELECT count(*) FROM interaction") == [(0,)]


# ----- privacy
def test_database_wal_shm_and_backups_are_owner_only(cli, db_path):
    cli("add", "Ada Lovelace")
    cli("backup")
    conn = sqlite3.connect(db_path)  # keep the WAL and shared-memory files around
    conn.execute("SELECT 1").fetchall()
    for path in [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"),
                 *db.backup_dir(db_path).iterdir()]:  # fmt: skip
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    conn.close()


def test_warns_when_others_can_read_the_database(cli, db_path):
    cli("add", "Ada Lovelace")
    db_path.chmod(0o644)
    result = cli("list")
    assert result.exit_code == 0
    assert f"Warning: {db_path} is readable by other users — chmod 600" in result.stderr


def test_no_command_imports_a_network_client():
    """netlog never talks to the network: no module imports a network client."""
    src = Path(__file__).resolve().parents[1] / "src" / "netlog"
    banned = ("socket", "urllib.request", "http.client", "requests", "httpx", "ftplib", "smtplib")
    for path in src.rglob("*.py"):
        text = path.read_text()
        for module in banned:
            assert f"import {module}" not in text and f"from {module} import" not in text, path


# ----- property-based hostile input
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from netlog import dump as dump_module  # noqa: E402
from netlog.errors import NetlogError  # noqa: E402

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _dumpish() -> st.SearchStrategy:
    """Dumps that look right at the top and are wrong anywhere below."""
    row = st.dictionaries(
        st.sampled_from(
            [
                "id",
                "name",
                "name_key",
                "contact_id",
                "created_at",
                "updated_at",
                "next_checkin_on",
                "occurred_on",
                "kind",
                "bogus",
            ]
        ),
        _json_values,
        max_size=6,
    )
    tables = st.dictionaries(
        st.sampled_from(["contact", "interaction", "contact_tag", "ask", "nope"]),
        st.lists(row, max_size=3) | _json_values,
        max_size=3,
    )
    return st.fixed_dictionaries(
        {
            "format": st.just("netlog-dump"),
            "version": st.sampled_from([1, 2, "1", None]),
            "schema_version": st.sampled_from([1, 2, None]),
            "tables": tables | _json_values,
        }
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(_json_values, _dumpish()))
def test_any_json_is_restored_or_refused_whole(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "n.db"
    conn = db.connect(path)
    repo = Repository(conn)
    try:
        dump_module.restore(repo, data, "fuzz.json")
    except NetlogError:
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
    finally:
        conn.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=300), note=st.text(max_size=300))
def test_any_name_is_stored_or_refused_and_never_breaks_the_terminal(tmp_path_factory, name, note):
    from typer.testing import CliRunner

    from netlog.cli import app

    path = tmp_path_factory.mktemp("names") / "n.db"
    runner = CliRunner()
    env = {"NETLOG_TODAY": TODAY.isoformat(), "NETLOG_OUTPUT": "table"}
    added = runner.invoke(app, ["--db", str(path), "add", name, "--note", note], env=env)
    assert added.exception is None or isinstance(added.exception, SystemExit)
    assert "Traceback" not in added.stderr
    if added.exit_code != 0:  # an empty name (after tidying whitespace), or a leading dash
        return
    for args in (["list"], ["show", "#1"], ["due", "--within", "1y"]):
        shown = runner.invoke(app, ["--db", str(path), *args], env=env)
        assert shown.exit_code == 0, shown.stderr
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
