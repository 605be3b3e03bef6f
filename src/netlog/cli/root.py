"""The root Typer app, its global options, and the one error boundary.

Every ``NetlogError`` raised below a command becomes one line on stderr,
``Error: <what> — <how to fix>``, and exit code 1; usage errors keep typer's exit
code 2. Nothing else reaches the user as a traceback (``--debug`` shows one).
Errors name what the user typed and what is stored (a name from an imported
file), so every line printed here goes through ``netlog.sanitise``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from netlog import __version__
from netlog.errors import NetlogError
from netlog.sanitise import one_line, safe

EPILOG = (
    "Daily flow: 'netlog add' after meeting someone, 'netlog log' after a conversation, "
    "'netlog due' each morning. Dates: ISO, today, yesterday, '3 days ago', 'in 2 weeks', "
    "friday, 'next monday'; durations 10d 3w 2m 1y. Data: --db, else $NETLOG_DB, else "
    "~/.local/share/netlog/netlog.db."
)


def error_line(text: str) -> None:
    """``Error: <what> — <how to fix>`` on stderr, sanitised: how every error
    reads, whether it ends the command or (in ``review``) only one action."""
    print(f"Error: {one_line(text)}", file=sys.stderr)


def _fail(text: str, code: int = 1) -> None:
    error_line(text)
    sys.exit(code)


def note(text: str) -> None:
    """A notice on stderr (a new database, an upgrade, a warning): sanitised,
    since it names paths, which may hold any character."""
    print(one_line(text), file=sys.stderr)


def _sanitise_usage_error(exc: Any) -> None:
    """Typer prints usage errors itself, quoting the arguments given ("No such
    command 'x'"): clean the message before it does."""
    message = getattr(exc, "message", None)
    if not isinstance(message, str):
        return
    from typer._click.exceptions import NoArgsIsHelpError

    # ``netlog`` (or a group) with no arguments: the message is the help page,
    # which stays a page; every other usage error is one line.
    exc.message = safe(message) if isinstance(exc, NoArgsIsHelpError) else one_line(message)


COMMAND_ORDER = (
    "add", "log", "due", "review", "show", "list", "search", "edit", "snooze", "done", "skip",
    "history", "amend", "drop", "undo",
    "thank", "loop", "intro", "suggest", "ask", "asks", "at", "note", "ledger", "week", "fading",
    "report",
    "import", "export", "capture", "config", "dupes", "merge", "sync", "backup", "check", "rm",
)  # fmt: skip


class NetlogGroup(TyperGroup):
    """Turns domain errors into one stderr line and an exit code, at one place."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in the order of the daily flow, then any others."""
        names = super().list_commands(ctx)
        known = [n for n in COMMAND_ORDER if n in names]
        return known + [n for n in names if n not in known]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # What was run, as typed: the label of the change it makes (netlog undo).
        ctx.meta["netlog.args"] = list(args)
        try:
            return super().parse_args(ctx, args)
        except typer.TyperException as exc:  # an unknown global option, say
            _sanitise_usage_error(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:  # usage errors: typer prints them
            _sanitise_usage_error(exc)
            raise
        except typer.Exit:
            raise
        except (KeyboardInterrupt, typer.Abort):
            # Ctrl-C, at work or at a prompt (click turns it into Abort there): the
            # shell's convention is 128 + SIGINT. A write in progress was rolled back.
            print("\nInterrupted.", file=sys.stderr)
            sys.exit(130)
        except NetlogError as exc:
            if _debug(ctx):
                raise
            _fail(str(exc), exc.exit_code)
        except sqlite3.Error as exc:
            if _debug(ctx):
                raise
            from netlog.db import explain_sqlite_error

            _fail(str(explain_sqlite_error(exc)))
        except BrokenPipeError:
            # The reader went away (``netlog due | head``): not the user's error to
            # fix. Quiet, with the status a shell gives a program SIGPIPE ended;
            # stdout goes to /dev/null so the flush at exit does not fail again.
            _quiet_on_closed_pipe()
        except OSError as exc:
            if _debug(ctx):
                raise
            _fail(
                f"{exc.strerror or exc} ({exc.filename or 'file'}) — check the path and permissions"
            )
        except Exception as exc:
            if _debug(ctx):
                raise
            _fail(
                f"unexpected {type(exc).__name__}: {exc} — this is a bug in netlog; "
                "rerun with --debug and report what it shows"
            )


def _quiet_on_closed_pipe() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(128 + 13)  # SIGPIPE


def _debug(ctx: Any) -> bool:
    obj = getattr(ctx, "obj", None)
    return bool(getattr(obj, "debug", False))


class State:
    """Global options, shared with commands through ``ctx.obj``."""

    def __init__(self, db: Path | None, debug: bool, args: list[str] | None = None) -> None:
        self.db_option = db
        self.debug = debug
        self.args = args or []  # the command line, to label the changes it makes
        self._conn: sqlite3.Connection | None = None

    @property
    def db_path(self) -> Path:
        from netlog.config import resolve_db_path

        return resolve_db_path(self.db_option)

    def repo(self) -> Any:
        """The repository over the opened (created or upgraded if needed) database."""
        from netlog import clock, db
        from netlog.repository import Repository
        from netlog.services import stamp

        if self._conn is None:
            path = self.db_path
            opened = db.open_database(path, now=clock.now)
            self._conn = opened.conn
            if opened.created:
                note(f"Created a new netlog database at {path}")
            if opened.migrated_from is not None:
                note(
                    f"Upgraded {path} from schema version {opened.migrated_from} to "
                    f"{db.SCHEMA_VERSION} (backup: {opened.backup})"
                )
            for exposed in db.exposed_files(path):
                note(f"Warning: {exposed} is readable by other users — chmod 600 '{exposed}'")
        return Repository(self._conn, command=_command_line(self.args), at=stamp(clock.now()))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _command_line(args: list[str]) -> str:
    """``netlog log ada coffee`` as typed, without the global options (--db PATH)."""
    shown, skip = [], False
    for arg in args:
        if skip or arg in ("--db", "--debug") or arg.startswith("--db="):
            skip = arg == "--db"
            continue
        shown.append(arg)
    return " ".join(["netlog", *map(_shell_word, shown)])


def _shell_word(arg: str) -> str:
    """A word as one would type it: bare, 'quoted', or "quoted" when it holds an '."""
    import re

    if arg and re.fullmatch(r"[\w@%+=:,./#-]+", arg):
        return arg
    if "'" not in arg:
        return f"'{arg}'"
    return '"' + re.sub(r'(["\\$`])', r"\\\1", arg) + '"'


app = typer.Typer(
    name="netlog",
    cls=NetlogGroup,
    help="Keep in touch with the people in your network: who to check in with, what you "
    "promised, and what to do next.",
    epilog=EPILOG,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"netlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Database file (default: $NETLOG_DB, else the user data dir).",
            metavar="PATH",
            dir_okay=True,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    state = State(db, debug, ctx.meta.get("netlog.args"))
    ctx.obj = state
    ctx.call_on_close(state.close)
