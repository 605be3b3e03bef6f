"""Where the database lives: ``--db``, then ``NETLOG_DB``, then the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "netlog"
DB_FILENAME = "netlog.db"


def default_db_path() -> Path:
    """The platform's user data dir (Linux: ``$XDG_DATA_HOME/netlog/netlog.db``)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """The database path the user asked for, by precedence; ``~`` is expanded."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("NETLOG_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()
