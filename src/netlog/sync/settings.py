"""Where ``netlog sync`` finds its folders when no option names them: the
``setting`` table that ``netlog config`` writes (keys in ``policy.SYNC_SETTINGS``).
This is the only place that reads it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def value(repo: Any, key: str) -> str | None:
    """A setting's value, or None when it is not set (or the database has no
    settings yet)."""
    try:
        row = repo.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # no setting table: nothing was ever set
        return None
    if row is None or not str(row[0]).strip():
        return None
    return str(row[0])


def vdir(repo: Any, key: str) -> Path | None:
    """The folder a setting (``contacts.vdir``, ``tasks.vdir``) names, or None."""
    text = value(repo, key)
    return Path(text).expanduser() if text else None
