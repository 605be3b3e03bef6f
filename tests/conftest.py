"""Shared fixtures: a temporary database, a fixed "today", and a CLI runner.

Every CLI test runs the real Typer app in process against its own SQLite file,
with ``NETLOG_TODAY`` pinning the clock (no patching of ``datetime``), colour
off and a fixed width so output is stable.
"""

from __future__ import annotations

import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netlog.cli import app

TODAY = date(2026, 11, 25)  # a Wednesday


def _shared_fixtures() -> Path:
    """``../shared/fixtures`` beside the repository root, or NETLOG_SHARED_FIXTURES.

    The root is found by its pyproject.toml rather than by counting parents, so the
    path holds wherever a test file sits in the tree and wherever the clone is."""
    override = os.environ.get("NETLOG_SHARED_FIXTURES")
    if override:
        return Path(override).expanduser()
    here = Path(__file__).resolve()
    root = next((p for p in here.parents if (p / "pyproject.toml").is_file()), here.parent.parent)
    return root.parent / "shared" / "fixtures"


# Third-party sample files (see the README there); tests skip when it is absent.
SHARED_FIXTURES = _shared_fixtures()


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETLOG_TODAY", TODAY.isoformat())
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("NETLOG_OUTPUT", raising=False)
    monkeypatch.delenv("NETLOG_DB", raising=False)
    # Never the developer's own editor: tests that open one set a fake.
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    # Never touch the real user data dir, whatever a test forgets.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def out_lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "n.db"


@pytest.fixture
def cli(db_path: Path) -> Callable[..., Run]:
    """``cli("add", "Ada")`` runs ``netlog --db <tmp> add Ada`` and returns the result."""
    runner = CliRunner()

    def run(
        *args: str, input: str | None = None, today: date | None = None, env: dict | None = None
    ) -> Run:
        environment = dict(env or {})
        if today is not None:
            environment["NETLOG_TODAY"] = today.isoformat()
        result = runner.invoke(app, ["--db", str(db_path), *args], input=input, env=environment)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def snapshot(db_path: Path) -> list[str]:
    """Every row of every table (and the schema), to prove a command changed nothing."""
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def ada(cli: Callable[..., Run]) -> Run:
    """Ada, met two months ago at PyCon, checked in every three weeks."""
    result = cli(
        "add", "Ada Lovelace", "--company", "Analytical", "--title", "CTO",
        "--met", "PyCon 2026 hallway", "--every", "3w", "--tag", "python",
        "--on", "2026-09-25", "--email", "ada@example.com",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result


@dataclass
class Unprivileged:
    """Somewhere to run netlog as a user whom file modes bind. Root ignores
    them, so as root (CI here) the commands run as ``nobody`` through
    ``setpriv``, in a folder that user owns; as anyone else, as that user."""

    folder: Path
    uid: int
    gid: int

    def own(self, *paths: Path) -> None:
        """Hand files made by the test to the user the commands run as."""
        if os.geteuid() == 0:
            for path in paths:
                os.chown(path, self.uid, self.gid, follow_symlinks=False)

    def run(self, *args: str) -> Run:
        command = [sys.executable, "-m", "netlog", *args]
        if os.geteuid() == 0:
            command = [
                "setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups",
                *command,
            ]  # fmt: skip
        env = {
            **os.environ,
            "NETLOG_TODAY": TODAY.isoformat(),
            "NO_COLOR": "1",
            "HOME": str(self.folder),
            "XDG_DATA_HOME": str(self.folder / "xdg"),
        }
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=self.folder, timeout=60
        )
        return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[Unprivileged]:
    if os.geteuid() != 0:
        yield Unprivileged(tmp_path, os.getuid(), os.getgid())
        return
    if shutil.which("setpriv") is None:
        pytest.fail("running as root needs setpriv (util-linux) to test file permissions")
    user = pwd.getpwnam("nobody")
    folder = Path(tempfile.mkdtemp(prefix="netlog-unprivileged-"))
    folder.chmod(0o755)
    os.chown(folder, user.pw_uid, user.pw_gid)
    try:
        yield Unprivileged(folder, user.pw_uid, user.pw_gid)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def on_a_terminal(
    db_path: Path,
    args: list[str],
    answers: Sequence[tuple[bytes, bytes]] = (),
) -> tuple[int, str]:
    """Run ``netlog ARGS`` on a real pseudo-terminal against ``db_path``; each
    ``(prompt, answer)`` is typed once the prompt has appeared one more time
    than before (so the same prompt can be answered twice). Returns the exit
    code and everything the terminal showed."""
    import pty
    import select
    import time

    master, slave = pty.openpty()
    env = {**os.environ, "NETLOG_TODAY": TODAY.isoformat(), "NETLOG_DB": str(db_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "netlog", *args],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    pending, seen = list(answers), b""
    asked: dict[bytes, int] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.3)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if pending:
            prompt, answer = pending[0]
            if seen.count(prompt) > asked.get(prompt, 0):
                asked[prompt] = asked.get(prompt, 0) + 1
                os.write(master, answer)
                pending.pop(0)
        if proc.poll() is not None and not ready:
            break
    code = proc.wait(timeout=30)
    os.close(master)
    return code, seen.decode(errors="replace")
