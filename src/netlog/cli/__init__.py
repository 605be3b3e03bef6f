"""The command-line interface: parse, call a service, render.

Commands live in a few modules (``contacts``, ``activity``, ``practices``,
``exchange``, ``maintenance``, ``review``, ``insight``) that register themselves on the root
app in ``root``. ``main`` imports only the module of the command being run, so a
daily command does not pay for building the other twenty-odd; ``netlog.cli.app``
(what tests and scripts use) loads them all.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

COMMAND_HOME = {
    "add": "contacts", "edit": "contacts", "show": "contacts", "list": "contacts",
    "search": "contacts", "rm": "contacts",
    "log": "activity", "due": "activity", "snooze": "activity", "done": "activity",
    "skip": "activity",
    "thank": "practices", "loop": "practices", "intro": "practices", "suggest": "practices",
    "ask": "practices", "asks": "practices", "at": "practices", "note": "practices",
    "ledger": "practices",
    "import": "exchange", "export": "exchange", "dupes": "exchange", "merge": "exchange",
    "backup": "maintenance", "check": "maintenance",
    "history": "history", "amend": "history", "drop": "history", "undo": "history",
    "review": "review", "sync": "sync", "capture": "capture", "config": "capture",
    "fading": "insight", "week": "insight", "report": "insight",
}  # fmt: skip
MODULES = (
    "contacts", "activity", "practices", "exchange", "maintenance", "history", "review", "sync",
    "capture", "insight",
)  # fmt: skip
_GLOBAL_WITH_VALUE = ("--db",)

__all__ = ["COMMAND_HOME", "app", "load", "main"]


def load(modules: tuple[str, ...] = MODULES) -> Any:
    """Register the commands of ``modules`` (all by default); returns the app."""
    for module in modules:
        importlib.import_module(f"netlog.cli.{module}")
    from netlog.cli.root import app

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(name)


def command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (after global options), if any."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_WITH_VALUE:
            next(args, None)
        elif arg.startswith("-"):
            if arg in ("-h", "--help", "--version") or arg.startswith("--install"):
                return None
            continue
        else:
            return arg
    return None


def completing_command(environ: dict[str, str]) -> str | None:
    """During tab completion, the command already typed before the word being
    completed (bash: COMP_WORDS/COMP_CWORD; zsh and fish: _TYPER_COMPLETE_ARGS)."""
    from typer._click.shell_completion import split_arg_string

    # Split as typer does: an unclosed quote (``o'b``) is a partial word, not an error.
    try:
        if "COMP_WORDS" in environ:
            words = split_arg_string(environ["COMP_WORDS"])
            before = words[1 : int(environ.get("COMP_CWORD", len(words)))]
        else:
            line = environ.get("_TYPER_COMPLETE_ARGS", "")
            words = split_arg_string(line)
            before = words[1:] if line.endswith(" ") else words[1:-1]
    except ValueError:
        return None
    return command_in(before)


def main() -> None:
    """Console-script entry point."""
    completing = "_NETLOG_COMPLETE" in os.environ
    command = completing_command(dict(os.environ)) if completing else command_in(sys.argv[1:])
    app = load((COMMAND_HOME[command],)) if command in COMMAND_HOME else load()
    if command is None and not completing:
        # No command to run (--help, --version, no arguments): the root needs
        # only each command's name and help line.
        root_only(app)(prog_name="netlog")
        return
    with only_command(app, command):
        if not completing:
            app(prog_name="netlog")
            return
        # Building the command registers typer's shell formats; netlog's (quoting
        # names for bash and zsh) replace them before the completion runs.
        from typer.main import get_command

        from netlog.cli.shells import register_shells

        command_object = get_command(app)
        register_shells()
        command_object(prog_name="netlog")


@contextmanager
def only_command(app: Any, command: str | None) -> Iterator[None]:
    """While a known command runs, the app holds that command alone: typer
    builds every registered command's options before it parses (the module of
    ``edit`` holds five others, some with twenty options: 8 ms of ``show``).
    Restored afterwards, for whoever builds the app next in this process."""
    if command not in COMMAND_HOME:
        yield
        return
    from typer.main import get_command_name

    registered = app.registered_commands
    app.registered_commands = [
        c
        for c in registered
        if (c.name or get_command_name(c.callback.__name__ if c.callback else "")) == command
    ]
    try:
        yield
    finally:
        app.registered_commands = registered


def root_only(app: Any) -> Any:
    """The root group as typer builds it, except that each command is a
    stand-in with its name and help but no options: the root's help lists them
    and runs none. Building the 37 commands' options for it took typer 35 ms,
    most of ``netlog --help``. Sub-groups (``asks``, ``config``) are built whole."""
    import inspect

    from typer.core import TyperCommand
    from typer.main import get_command, get_command_name

    registered = app.registered_commands
    app.registered_commands = []
    try:
        group: Any = get_command(app)
    finally:
        app.registered_commands = registered
    stand_ins = {}
    for info in registered:
        name = info.name or get_command_name(info.callback.__name__)
        doc = info.help
        stand_ins[name] = TyperCommand(
            name=name,
            help=inspect.getdoc(info.callback) if doc is None else inspect.cleandoc(doc),
            epilog=info.epilog,
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
            rich_markup_mode=app.rich_markup_mode,
            rich_help_panel=info.rich_help_panel,
        )
    group.commands = {**stand_ins, **group.commands}
    return group
