"""Where ``netlog sync`` finds its folders when no option names them: the
settings ``netlog config`` writes (keys in ``policy.SYNC_SETTINGS``), read
through the repository like every setting."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def value(repo: Any, key: str) -> str | None:
    """A setting's value, or None when it is not set (or set empty)."""
    text = repo.setting(key)
    return str(text) if text is not None and str(text).strip() else None


def vdir(repo: Any, key: str) -> Path | None:
    """The folder a setting (``contacts.vdir``, ``tasks.vdir``) names, or None."""
    text = value(repo, key)
    return Path(text).expanduser() if text else None
