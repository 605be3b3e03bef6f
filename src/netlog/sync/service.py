"""``netlog sync``: both folders in one unit of work.

The folders come from the options, else from the settings (``contacts.vdir``,
``tasks.vdir``); at least one must be known. Contacts go first, so a contact a
card brought in has its reminders in the same run. Everything netlog changes is
one change set: ``netlog undo`` reverts a whole sync on netlog's side (the next
sync then carries the undo over to the folders).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from netlog import policy
from netlog.errors import InputError
from netlog.repository import Repository
from netlog.services import normalise_tags, stamp
from netlog.sync import settings
from netlog.sync.contacts import ContactsReport, ContactSync, Deletion
from netlog.sync.tasks import TasksReport, TaskSync
from netlog.sync.vdir import Vdir


@dataclass(frozen=True, slots=True)
class SyncReport:
    contacts: ContactsReport | None
    tasks: TasksReport | None


@dataclass(frozen=True, slots=True)
class Targets:
    contacts: Path | None
    tasks: Path | None
    tag: str | None


def targets(
    repo: Repository, contacts: Path | None, tasks: Path | None, tag: str | None
) -> Targets:
    """The folders and tag filter to use: the options, else the settings."""
    contacts = contacts or settings.vdir(repo, "contacts.vdir")
    tasks = tasks or settings.vdir(repo, "tasks.vdir")
    tag = tag or settings.value(repo, "contacts.tag")
    if contacts is None and tasks is None:
        raise InputError(
            "no folder to sync",
            "set one with 'netlog config set contacts.vdir DIR' (and tasks.vdir), "
            "or pass --contacts DIR / --tasks DIR",
        )
    return Targets(contacts, tasks, normalise_tags([tag])[0] if tag else None)


def sync(
    repo: Repository,
    chosen: Targets,
    *,
    today: date,
    now: datetime,
    prefer: str = policy.SYNC_PREFER[0],
    within_days: int = policy.SYNC_WITHIN_DAYS,
    approve: Callable[[list[Deletion]], bool] | None = None,
) -> SyncReport:
    """Sync the chosen folders; ``approve`` is asked once about the deletions
    (None: nothing is deleted, the deletions are reported)."""
    if prefer not in policy.SYNC_PREFER:
        raise InputError(f"--prefer {prefer!r}", "use --prefer netlog or --prefer remote")
    if within_days < 0:
        raise InputError("--within must not be negative", "use e.g. --within 4w")
    contacts_dir = Vdir.open(chosen.contacts, ".vcf", "--contacts") if chosen.contacts else None
    tasks_dir = Vdir.open(chosen.tasks, ".ics", "--tasks") if chosen.tasks else None
    if contacts_dir and tasks_dir and contacts_dir.path == tasks_dir.path:
        raise InputError("--contacts and --tasks are the same folder", "give each its own vdir")
    with repo.transaction():
        contacts = None
        if contacts_dir is not None:
            contacts = ContactSync(
                repo, contacts_dir, tag=chosen.tag, prefer=prefer, today=today,
                stamp_now=stamp(now),
            ).run(approve)  # fmt: skip
        tasks = None
        if tasks_dir is not None:
            tasks = TaskSync(repo, tasks_dir, today=today, now=now, within_days=within_days).run()
    return SyncReport(contacts, tasks)
