"""The floor of any typer CLI: a bare typer app that parses netlog's daily
command lines and exits, doing nothing else.

    python bench/floor.py log "Ada Lovelace" "benchmark call" --kind call
    _FLOOR_COMPLETE=complete_bash COMP_WORDS="floor log Rad" COMP_CWORD=2 python bench/floor.py

The commands declare the same arguments and options as netlog's (names, types,
lists, flags, a completion callback on NAME), so the difference between a
netlog command and this one is what netlog itself costs: its imports, opening
the database, the work and the output. Standard library and typer only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def _names(incomplete: str) -> list[str]:
    return []


Name = Annotated[str, typer.Argument(autocompletion=_names, metavar="NAME")]
Opt = Annotated[str | None, typer.Option()]
Many = Annotated[list[str] | None, typer.Option()]
Json = Annotated[bool, typer.Option("--json")]

app = typer.Typer(name="floor", no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def root(
    db: Annotated[Path | None, typer.Option("--db")] = None,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    """The global options."""


@app.command()
def log(
    name: Name,
    summary: Annotated[str | None, typer.Argument()] = None,
    kind: Annotated[str, typer.Option("--kind")] = "other",
    on: Opt = None,
    follow_up: Annotated[str | None, typer.Option("--follow-up")] = None,
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
    tag: Many = None,
    met: Opt = None,
    via: Opt = None,
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
    within: Opt = None,
    tag: Opt = None,
    limit: Annotated[int | None, typer.Option()] = None,
    json: Json = False,
) -> None:
    """due [options]"""


@app.command("list")
def list_(
    tag: Opt = None,
    company: Opt = None,
    sort: Annotated[str, typer.Option()] = "name",
    json: Json = False,
) -> None:
    """list [options]"""


if __name__ == "__main__":
    app(prog_name="floor")
