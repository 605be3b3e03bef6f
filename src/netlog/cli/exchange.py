"""Commands that move data in and out: import, export, dupes, merge."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from netlog import policy
from netlog.cli.common import NameArg, duration_days, now, pick, state, today
from netlog.cli.completion import complete_tag
from netlog.cli.root import app


class ImportFormat(StrEnum):
    linkedin = "linkedin"
    vcard = "vcard"
    google = "google"
    outlook = "outlook"
    thunderbird = "thunderbird"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    vcard = "vcard"
    csv = "csv"
    json = "json"
    ics = "ics"


PROGRESS_THRESHOLD = 2000
_SUFFIX = {"vcard": "vcf", "csv": "csv", "json": "json", "ics": "ics"}  # for a hint


@app.command(
    "import",
    epilog="Examples: netlog import Connections.csv; netlog import contacts.vcf --tag family "
    "--dry-run; netlog --db new.db import backup.json",
)
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(help="Files to import.", metavar="FILE...", show_default=False)
    ],
    format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            help="Skip detection: linkedin, vcard, google, outlook, thunderbird, csv or json.",
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            help="Tag new contacts (default: linkedin for LinkedIn files).",
            metavar="TAG",
            autocompletion=complete_tag,
        ),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            help=f"Cadence for new contacts (default {policy.IMPORT_CADENCE_DAYS}d).",
            metavar="DURATION",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen to every row.")
    ] = False,
    merge_duplicates: Annotated[
        bool,
        typer.Option(
            "--merge-duplicates",
            help="Merge rows that look like an earlier row (the same email, URL or name) "
            "into it instead of keeping them apart.",
        ),
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Import contacts from LinkedIn, vCard, Google, Outlook, Thunderbird or CSV files, or
    restore a JSON dump."""
    from netlog import render, transfer

    cadence = duration_days(every)
    loaded = transfer.read_files(files)
    result = transfer.import_files(
        state(ctx).repo(),
        loaded,
        format=format.value if format else None,
        today=today(),
        now=now(),
        tags=tag,
        cadence_days=cadence,
        dry_run=dry_run,
        merge_duplicates=merge_duplicates,
        progress=lambda total: render.progress(
            total if total >= PROGRESS_THRESHOLD else 0, "Importing"
        ),
    )
    if isinstance(result, transfer.Restored):
        if json:
            render.print_json({"dry_run": dry_run, "restored": result.summary.counts})
        else:
            render.restore_report(result.summary, result.source, dry_run)
    elif json:
        render.print_json(render.import_json(result))
    else:
        render.import_report(result)


@app.command(
    epilog="Examples: netlog export --format json -o backup.json; netlog export --format vcard "
    "--tag python > python.vcf; netlog export --format csv --bom -o network.csv; "
    "netlog export --format ics --within 6w -o netlog.ics",
)
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", help="vcard, csv, json or ics.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file, atomically (a pipe or device is streamed; '-' is "
            "stdout; default: stdout).",
            metavar="FILE",
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag", help="Only contacts with this tag.", metavar="TAG", autocompletion=complete_tag
        ),
    ] = None,
    vcard_version: Annotated[
        str, typer.Option("--vcard-version", help="4.0 or 3.0.", metavar="VERSION")
    ] = "4.0",
    within: Annotated[
        str, typer.Option("--within", help="Calendar window for ics.", metavar="DURATION")
    ] = "4w",
    todo: Annotated[bool, typer.Option("--todo", help="ics: tasks (VTODO), not events.")] = False,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom", help="csv: start with a UTF-8 byte order mark, so spreadsheets read UTF-8."
        ),
    ] = False,
) -> None:
    """Export everything (json), contacts (vcard, csv) or what is coming due (ics)."""
    from netlog import dates, render, transfer
    from netlog.cli.common import _labelled

    transfer.check_export(format.value, tag=tag, vcard_version=vcard_version, bom=bom)
    day = today()
    until = None
    if format is ExportFormat.ics:
        until = _labelled("--within", lambda: dates.parse_duration(within).after(day))
    text = transfer.export_text(
        state(ctx).repo(),
        format.value,
        today=day,
        now=now(),
        tag=tag,
        vcard_version=vcard_version,
        within_until=until,
        todo=todo,
        bom=bom,
    )
    render.write_output(text, output, f"netlog.{_SUFFIX[format.value]}")


@app.command(epilog="Examples: netlog dupes; netlog dupes --json")
def dupes(
    ctx: typer.Context,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Likely duplicates: the same email or profile URL, or near-identical names."""
    from netlog import exchange, render

    pairs = exchange.duplicates(state(ctx).repo())
    if json:
        render.print_json(pairs)
    elif not pairs:
        render.message("No likely duplicates.")
    else:
        render.duplicates(pairs)


@app.command(epilog="Example: netlog merge '#12' '#40'")
def merge(
    ctx: typer.Context,
    keep: NameArg,
    other: NameArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Merge without asking.")] = False,
) -> None:
    """Merge OTHER into KEEP: history, follow-ups, notes and ledger move; OTHER goes."""
    import sys

    from netlog import exchange, render, sanitise
    from netlog.errors import ConfirmationRequired

    repo = state(ctx).repo()
    keep, other = pick(ctx, keep), pick(ctx, other)
    if not yes:
        preview = exchange.merge_preview(repo, keep, other)
        moves = ", ".join(f"{n} {what}" for what, n in preview.moves.items()) or "nothing"
        fills = f"; fills in {', '.join(preview.fills)}" if preview.fills else ""
        summary = (
            f"{preview.gone.name} (#{preview.gone.id}) into {preview.kept.name} "
            f"(#{preview.kept.id}): moves {moves}{fills}, then deletes #{preview.gone.id}"
        )
        if not sys.stdin.isatty():
            raise ConfirmationRequired(
                f"merging {summary} needs confirmation", "pass --yes to merge without a terminal"
            )
        if not typer.confirm(f"Merge {sanitise.one_line(summary)}?", err=True):
            render.message("Nothing merged.")
            return
    kept, gone = exchange.merge(repo, keep, other, now=now())
    render.print_line(f"Merged {gone.name} (#{gone.id}) into {kept.name} (#{kept.id})")
