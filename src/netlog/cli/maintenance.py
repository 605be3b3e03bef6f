"""Commands that look after the database: backup, check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netlog.cli.common import now, state
from netlog.cli.root import app


@app.command(
    epilog="Examples: netlog backup; netlog backup ~/Dropbox/netlog-backup.db",
)
def backup(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write the copy (a file or a folder; default: beside the "
            "database, in <db>-backups/).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a consistent copy of the database (safe while netlog is in use)."""
    from netlog import maintenance, render

    st = state(ctx)
    written = maintenance.backup(st.repo(), st.db_path, path, now())
    render.print_line(f"Backed up {st.db_path} to {written}")


@app.command(epilog="Examples: netlog check; netlog check --repair")
def check(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Fix what can be derived again from the history.")
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Check the database: SQLite's integrity and netlog's own invariants."""
    from netlog import maintenance, render

    report = maintenance.check(state(ctx).repo(), repair=repair)
    if json:
        render.print_json(
            {
                "ok": report.ok,
                "repaired": report.repaired,
                "problems": [
                    {"kind": p.kind, "detail": p.detail, "repairable": p.repairable}
                    for p in report.problems
                ],
            }
        )
    else:
        render.check_report(report)
    if not report.ok:
        raise typer.Exit(1)
