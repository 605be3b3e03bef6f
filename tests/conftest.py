"""Shared fixtures: a temporary database, a fixed "today", and a CLI runner.

Every CLI test runs the real Typer app in process against its own SQLite file,
with ``NETLOG_TODAY`` pinning the clock (no patching of ``datetime``), colour
off and a fixed width so output is stable.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netlog.cli import app

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETLOG_TODAY", TODAY.isoformat())
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("NETLOG_OUTPUT", raising=False)
    monkeypatch.delenv("NETLOG_DB", raising=False)
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
