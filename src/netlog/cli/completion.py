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

import os
import re
import sqlite3
from typing import Any

import typer
from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete

from netlog.names import fold
from netlog.sanitise import one_line

__all__ = ["Candidate", "complete_name", "complete_tag", "register_shells"]

LIMIT = 50
# Characters bash reads as themselves in a word; anything else gets a backslash.
_BASH_UNSAFE = re.compile(r"[^\w@%+=:,./-]")


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


def bash_word(value: str) -> str:
    """``value`` as bash must receive it in COMPREPLY (inserted verbatim): every
    space, quote or other special character backslash-escaped, so
    ``Seán O'Brien`` stays one argument."""
    return _BASH_UNSAFE.sub(lambda m: "\\" + m.group(0), value)


def _common_prefix(words: list[str]) -> str:
    """The longest text every word starts with (readline inserts it)."""
    shortest = min(words, key=len)
    for i, ch in enumerate(shortest):
        if any(word[i] != ch for word in words):
            return shortest[:i]
    return shortest


def _lenient(raw: str, parsed: str) -> str:
    """What was typed, for matching. An unclosed quote in the word (``o'b``)
    makes the shell's reading drop the apostrophe ("ob"); a name is matched by
    the text as written then, backslashes and a leading quote removed."""
    import shlex

    try:
        shlex.split(raw)
    except ValueError:
        text = re.sub(r"\\(.)", r"\1", raw)
        return text[1:] if text[:1] in "'\"" else text
    return parsed


class NetlogBash(BashComplete):
    """Bash: quoted values. When several candidates share a prefix that does not
    continue what was typed ("nowak" -> "Jan Nowak", "Jana Nowak"), readline
    would replace the typed word by it; the typed word is offered too then, so
    readline keeps it and lists the names."""

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        words = os.environ["COMP_WORDS"].split("\n")
        cword = int(os.environ["COMP_CWORD"])
        raw = words[cword] if 0 <= cword < len(words) else ""
        return args, _lenient(raw, incomplete) if raw else incomplete

    def format_completion(self, item: CompletionItem) -> str:
        return bash_word(str(item.value))

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        out = [self.format_completion(item) for item in self.get_completions(args, incomplete)]
        if len(out) > 1 and incomplete:
            shared = _common_prefix(out)
            if shared and not fold(shared.replace("\\", "")).startswith(fold(incomplete)):
                words = os.environ.get("COMP_WORDS", "").split("\n")
                cword = int(os.environ.get("COMP_CWORD", "0"))
                typed = words[cword] if 0 <= cword < len(words) else bash_word(incomplete)
                out.insert(0, typed)
        return "\n".join(out)


def _zsh_single(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


class _TypedLine:
    """Zsh and fish pass the line as typed (_TYPER_COMPLETE_ARGS): its last
    word is read leniently, as for bash."""

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()  # type: ignore[misc]
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        raw = "" if line.endswith(" ") else (line.split() or [""])[-1]
        if raw and len(line.split()) > 1:
            incomplete = _lenient(raw, incomplete)
        return args, incomplete


class NetlogFish(_TypedLine, FishComplete):
    """Fish: typer's format (one raw value a line; fish quotes on insertion)."""


class NetlogZsh(_TypedLine, ZshComplete):
    """Zsh: typer's script evaluates our output. Values from netlog's completers
    go to ``compadd -U`` (zsh inserts them quoted itself and does not re-filter
    them by a case-sensitive prefix), single-quoted for that evaluation so an
    apostrophe survives. Commands and options keep typer's format."""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if items and all(isinstance(item.value, Candidate) for item in items):
            return "compadd -U -- " + " ".join(_zsh_single(str(i.value)) for i in items)
        return super().complete()


def register_shells() -> None:
    """Put netlog's bash and zsh formats in place of typer's (call after typer
    has built the command, which registers its own)."""
    add_completion_class(NetlogBash, "bash")
    add_completion_class(NetlogZsh, "zsh")
    add_completion_class(NetlogFish, "fish")
