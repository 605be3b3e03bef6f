"""Shell completion of contact names and tags, and how each shell receives them.

Typer keeps only candidates that start with the typed text, case- and
accent-sensitively, and hands values to the shells unquoted (bash inserts them
verbatim; typer's zsh format drops apostrophes). Names match by their folded
full name or any word of it, so matching happens here (``Candidate`` tells
typer's prefix filter the match is already made) and the shell classes below
quote what they print for the shell that reads it. Loading stays light: stdlib
``sqlite3`` and the repository, never rich or SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import typer

from netlog.sanitise import one_line

__all__ = ["Candidate", "complete_name", "complete_tag"]

LIMIT = 50
# Characters bash reads as themselves in a word; anything else gets a backslash.


class Candidate(str):
    """A completion value that already matched the typed text (by folded name
    or word): typer's case-sensitive prefix filter must keep it."""

    __slots__ = ()

    def startswith(self, *args: Any, **kwargs: Any) -> bool:
        return True


def _connect(ctx: typer.Context) -> sqlite3.Connection | None:
    """The database the command line names, read-only; None when it does not
    exist (completion never creates one)."""
    from pathlib import Path

    from netlog.config import resolve_db_path

    root = ctx.find_root()
    option = root.params.get("db") if root.params else None
    path = resolve_db_path(option)
    if not Path(path).is_file():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)


def complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    """Contact names whose folded full name or any word starts with the folded
    typed text ("tomas", "her" -> "Tomás Herrera"). Never creates a database,
    never fails. Several matches all come back in full, so the shell lists them."""
    try:
        conn = _connect(ctx)
        if conn is None:
            return []
        from netlog.repository import Repository

        try:
            names = Repository(conn).names_starting(incomplete, limit=LIMIT)
        finally:
            conn.close()
    except Exception:
        return []
    # The shell shows candidates as they are: a name with control characters or
    # bidi overrides is left out (it is still reachable by its #ID).
    return [Candidate(name) for name in names if one_line(name) == name]


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    """Existing tags starting with the folded typed text (instead of file names)."""
    try:
        conn = _connect(ctx)
        if conn is None:
            return []
        from netlog.repository import Repository

        try:
            tags = Repository(conn).tags_starting(incomplete, limit=LIMIT)
        finally:
            conn.close()
    except Exception:
        return []
    return [Candidate(tag) for tag in tags if one_line(tag) == tag]
