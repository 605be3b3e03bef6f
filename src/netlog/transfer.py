"""Import and export as whole operations: which files, which format, restore or
import, which exporter. The CLI parses options and renders what these return;
the work itself is in ``exchange`` (contacts in and out), ``dump`` (JSON dumps)
and the importers and exporters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netlog.errors import InputError
from netlog.repository import Repository

IMPORT_FORMATS = ("linkedin", "vcard", "google", "outlook", "thunderbird", "csv", "json")
EXPORT_FORMATS = ("vcard", "csv", "json", "ics")
# A progress display for `total` rows: a context giving a callable to advance
# it (or None when nothing is shown).
Progress = Callable[[int], AbstractContextManager[Callable[[], None] | None]]


@dataclass(frozen=True, slots=True)
class Restored:
    """A JSON dump restored (or, with ``dry_run``, checked)."""

    summary: Any  # dump.RestoreSummary
    source: str
    dry_run: bool


def read_files(paths: Sequence[Path]) -> list[tuple[str, bytes]]:
    from netlog.importers import ImportFormatError

    loaded = []
    for path in paths:
        try:
            loaded.append((str(path), path.read_bytes()))
        except OSError as exc:
            raise ImportFormatError(
                f"cannot read {path} ({exc.strerror})", "check the file name and permissions"
            ) from None
    return loaded


def import_files(
    repo: Repository,
    loaded: list[tuple[str, bytes]],
    *,
    format: str | None,
    today: date,
    now: datetime,
    tags: list[str] | None = None,
    cadence_days: int | None = None,
    dry_run: bool = False,
    merge_duplicates: bool = False,
    progress: Progress | None = None,
) -> Any:
    """Import contact files, or restore one JSON dump (detected, or ``format``).
    Returns an ``exchange.ImportReport`` or a ``Restored``."""
    from netlog import dump, exchange
    from netlog.importers import ImportFormatError, detect_format, parse

    kinds = [format or detect_format(data, name) for name, data in loaded]
    if "json" in kinds:
        if len(loaded) != 1:
            raise ImportFormatError(
                "a JSON dump is restored on its own", "import it in a separate command"
            )
        if tags or cadence_days:
            raise ImportFormatError(
                "--tag and --every do not apply to a JSON dump",
                "a dump is restored exactly as it was exported",
            )
        name, data = loaded[0]
        summary = dump.restore(repo, exchange.parse_json_file(data, name), name, dry_run=dry_run)
        return Restored(summary, name, dry_run)
    parsed = [
        (name, parse(data, kind, name)) for (name, data), kind in zip(loaded, kinds, strict=True)
    ]
    total = sum(len(p.contacts) for _, p in parsed)
    with (progress or _no_progress)(total) as advance:
        return exchange.import_contacts(
            repo,
            parsed,
            today=today,
            now=now,
            tags=tags,
            cadence_days=cadence_days,
            dry_run=dry_run,
            merge_duplicates=merge_duplicates,
            progress=advance,
        )


def export_text(
    repo: Repository,
    format: str,
    *,
    today: date,
    now: datetime,
    tag: str | None = None,
    vcard_version: str = "4.0",
    within_until: date | None = None,
    todo: bool = False,
    bom: bool = False,
) -> str:
    """The text of an export: a JSON dump of everything, contacts as vCard or
    CSV, or the due items up to ``within_until`` as iCalendar."""
    from netlog import dump, exchange

    check_export(format, tag=tag, vcard_version=vcard_version, bom=bom)
    if format == "json":
        from netlog.sanitise import json_safe

        return json_safe(dump.dump(repo))  # DEL, C1 and bidi as \u escapes, like all JSON
    if format == "ics":
        from netlog.exporters.ics import to_ics

        items = exchange.export_due(repo, today=today, within_until=within_until or today, tag=tag)
        return to_ics(items, now, todo=todo)
    if format == "vcard":
        from netlog.exporters.vcard import to_vcard

        return to_vcard(exchange.export_contacts(repo, tag), version=vcard_version)
    from netlog.exporters.csv_export import to_csv

    return to_csv(exchange.export_contacts(repo, tag), bom=bom)


def check_export(
    format: str, *, tag: str | None = None, vcard_version: str = "4.0", bom: bool = False
) -> None:
    """Refuse option combinations that make no sense, before any work (and
    before the database is opened)."""
    if format not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {format!r}", "use " + ", ".join(EXPORT_FORMATS))
    if bom and format != "csv":
        raise InputError(
            f"--bom applies to csv, not {format}", "drop --bom, or export --format csv"
        )
    if format == "json" and tag:
        raise InputError("a JSON dump holds everything", "drop --tag, or export vcard or csv")
    if format == "vcard" and vcard_version not in ("4.0", "3.0"):
        raise InputError(f"--vcard-version {vcard_version} is not supported", "use 4.0 or 3.0")


def _no_progress(total: int) -> AbstractContextManager[None]:
    import contextlib

    return contextlib.nullcontext(None)
