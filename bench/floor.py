"""The floor of any typer CLI: a bare typer app that parses netlog's command
lines and exits, doing nothing else.

    python bench/floor.py log "Ada Lovelace" "benchmark call" --kind call
    python bench/floor.py --db /tmp/x.db capture ~/Mail --json
    _FLOOR_COMPLETE=complete_bash COMP_WORDS="floor log Rad" COMP_CWORD=2 python bench/floor.py

It has a twin of every command ``bench/run.py`` times: log, add, show, search,
snooze, done, due, list, week, fading, report, capture and sync, the root's
``--db``/``--version``/``--debug`` and ``-h``/``--help``, and bash completion
(``_FLOOR_COMPLETE``). The commands declare the same arguments and options as
netlog's (names, short names, types, lists, flags, choices, completion
callbacks), and the app is built with the same typer settings, so parsing one
costs what parsing netlog's costs: the difference between a netlog command and
its twin here is what netlog itself costs -- its imports, opening the database,
the work and the output. Nothing here reads or writes a file, and completion
offers nothing. Standard library and typer only.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


def _names(incomplete: str) -> list[str]:
    return []


class Sort(StrEnum):
    name = "name"
    last = "last"
    next = "next"
    strength = "strength"


class Prefer(StrEnum):
    netlog = "netlog"
    remote = "remote"


Name = Annotated[str, typer.Argument(autocompletion=_names, metavar="NAME")]
Opt = Annotated[str | None, typer.Option()]
Many = Annotated[list[str] | None, typer.Option()]
Tag = Annotated[str | None, typer.Option("--tag", autocompletion=_names)]
Limit = Annotated[int | None, typer.Option("--limit", "-n")]
Json = Annotated[bool, typer.Option("--json")]
Yes = Annotated[bool, typer.Option("--yes", "-y")]

app = typer.Typer(
    name="floor",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[Path | None, typer.Option("--db", dir_okay=True)] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    """The global options."""


@app.command()
def log(
    name: Name,
    summary: Annotated[str | None, typer.Argument()] = None,
    kind: Annotated[str, typer.Option("--kind", "-k", autocompletion=_names)] = "other",
    on: Opt = None,
    follow_up: Annotated[str | None, typer.Option("--follow-up", "-f")] = None,
    todo: Opt = None,
    gave: Many = None,
    got: Many = None,
    no_reply: Annotated[bool, typer.Option("--no-reply")] = False,
    edit: Annotated[bool, typer.Option("--edit", "-e")] = False,
) -> None:
    """log NAME [SUMMARY] [options]"""


@app.command()
def add(
    name: Annotated[str, typer.Argument()],
    company: Opt = None,
    title: Opt = None,
    email: Many = None,
    phone: Many = None,
    url: Many = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", autocompletion=_names)] = None,
    met: Opt = None,
    via: Annotated[str | None, typer.Option("--via", autocompletion=_names)] = None,
    every: Opt = None,
    on: Opt = None,
    note: Opt = None,
    offers: Opt = None,
    seeks: Opt = None,
    birthday: Opt = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """add NAME [options]"""


@app.command()
def show(name: Name, json: Json = False) -> None:
    """show NAME"""


@app.command()
def search(text: Annotated[str, typer.Argument()], json: Json = False) -> None:
    """search TEXT"""


@app.command()
def snooze(name: Name, until: Annotated[str, typer.Argument()]) -> None:
    """snooze NAME|ID WHEN"""


@app.command()
def done(
    names: Annotated[list[str], typer.Argument(autocompletion=_names)],
    all_: Annotated[bool, typer.Option("--all")] = False,
) -> None:
    """done ID... | NAME"""


@app.command()
def due(
    within: Annotated[str | None, typer.Option("--within", "-w")] = None,
    tag: Tag = None,
    limit: Limit = None,
    json: Json = False,
) -> None:
    """due [options]"""


@app.command("list")
def list_(
    tag: Tag = None,
    company: Opt = None,
    sort: Annotated[Sort, typer.Option("--sort")] = Sort.name,
    json: Json = False,
) -> None:
    """list [options]"""


@app.command()
def week(since: Opt = None, json: Json = False) -> None:
    """week [options]"""


@app.command()
def fading(tag: Tag = None, limit: Limit = None, json: Json = False) -> None:
    """fading [options]"""


@app.command()
def report(output: Annotated[str, typer.Option("--output", "-o")]) -> None:
    """report -o FILE"""


@app.command()
def capture(
    paths: Annotated[list[Path], typer.Argument()],
    me: Many = None,
    include_cc: Annotated[bool, typer.Option("--include-cc")] = False,
    max_recipients: Annotated[int, typer.Option("--max-recipients")] = 10,
    no_subjects: Annotated[bool, typer.Option("--no-subjects")] = False,
    since: Opt = None,
    unknown: Annotated[int, typer.Option("--unknown", min=0)] = 5,
    add_unknown: Annotated[bool, typer.Option("--add-unknown")] = False,
    yes: Yes = False,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    json: Json = False,
) -> None:
    """capture PATH... [options]"""


@app.command()
def sync(
    contacts: Annotated[Path | None, typer.Option("--contacts")] = None,
    tasks: Annotated[Path | None, typer.Option("--tasks")] = None,
    tag: Opt = None,
    within: Opt = None,
    prefer: Annotated[Prefer, typer.Option("--prefer")] = Prefer.netlog,
    yes: Yes = False,
    json: Json = False,
) -> None:
    """sync [options]"""


if __name__ == "__main__":
    app(prog_name="floor")
