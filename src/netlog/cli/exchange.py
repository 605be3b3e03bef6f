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
    from netlog import dump, exchange, render
    from netlog.importers import ImportFormatError, detect_format, parse

    repo = state(ctx).repo()
    loaded: list[tuple[str, bytes]] = []
    for path in files:
        try:
            loaded.append((str(path), path.read_bytes()))
        except OSError as exc:
            raise ImportFormatError(
                f"cannot read {path} ({exc.strerror})", "check the file name and permissions"
            ) from None
    kinds = [format.value if format else detect_format(data, name) for name, data in loaded]
    if "json" in kinds:
        if len(loaded) != 1:
            raise ImportFormatError(
                "a JSON dump is restored on its own", "import it in a separate command"
            )
        if tag or every:
            raise ImportFormatError(
                "--tag and --every do not apply to a JSON dump",
                "a dump is restored exactly as it was exported",
            )
        name, data = loaded[0]
        summary = dump.restore(repo, exchange.parse_json_file(data, name), name, dry_run=dry_run)
        if json:
            render.print_json({"dry_run": dry_run, "restored": summary.counts})
        else:
            render.restore_report(summary, name, dry_run)
        return
    parsed = [
        (name, parse(data, kind, name)) for (name, data), kind in zip(loaded, kinds, strict=True)
    ]
    total = sum(len(p.contacts) for _, p in parsed)
    with render.progress(total if total >= PROGRESS_THRESHOLD else 0, "Importing") as advance:
        report = exchange.import_contacts(
            repo,
            parsed,
            today=today(),
            now=now(),
            tags=tag,
            cadence_days=duration_days(every),
            dry_run=dry_run,
            merge_duplicates=merge_duplicates,
            progress=advance,
        )
    if json:
        render.print_json(render.import_json(report))
    else:
        render.import_report(report)


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
    from netlog import dates, dump, exchange, render
    from netlog.cli.common import _labelled
    from netlog.errors import InputError

    if bom and format is not ExportFormat.csv:
        raise InputError(
            f"--bom applies to csv, not {format.value}", "drop --bom, or export --format csv"
        )
    repo = state(ctx).repo()
    if format is ExportFormat.json:
        if tag:
            raise InputError("a JSON dump holds everything", "drop --tag, or export vcard or csv")
        from netlog.sanitise import json_safe

        text = json_safe(dump.dump(repo))  # DEL, C1 and bidi as \u escapes, like all JSON
    elif format is ExportFormat.ics:
        from netlog.exporters.ics import to_ics

        day = today()
        until = _labelled("--within", lambda: dates.parse_duration(within).after(day))
        items = exchange.export_due(repo, today=day, within_until=until, tag=tag)
        text = to_ics(items, now(), todo=todo)
    elif format is ExportFormat.vcard:
        from netlog.exporters.vcard import to_vcard

        if vcard_version not in ("4.0", "3.0"):
            raise InputError(f"--vcard-version {vcard_version} is not supported", "use 4.0 or 3.0")
        text = to_vcard(exchange.export_contacts(repo, tag), version=vcard_version)
    else:
        from netlog.exporters.csv_export import to_csv

        text = to_csv(exchange.export_contacts(repo, tag), bom=bom)
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
