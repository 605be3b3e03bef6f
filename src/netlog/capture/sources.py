"""What a path given to ``netlog capture`` holds, as a list of files to read.

A Maildir (``cur/`` and ``new/``; Maildir++ ``.Folder`` subfolders and trees of
Maildirs such as mbsync's ``~/Mail`` too), an mbox file (Thunderbird's folders,
Gmail Takeout), ``.eml`` files, ``.ics`` files and folders of them (a vdir).
Each file carries what its bookkeeping row compares: a stable name (a Maildir
message's name without its flags, which change), its modification time and size.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from netlog.capture.mail import is_mbox, looks_like_message
from netlog.errors import InputError

MAILDIR_PARTS = ("cur", "new")
# Files next to mail that are never mail: indexes, sync state, settings.
_NOT_MAIL = (".msf", ".dat", ".json", ".sqlite", ".db", ".lock", ".log", ".txt", ".vcf", ".html")
KINDS = ("maildir", "mbox", "eml", "ics")


@dataclass(frozen=True, slots=True)
class Unit:
    """One file to read."""

    path: str
    state_key: str  # its capture_file row
    kind: str  # maildir (one message) | mbox | eml | ics
    mtime_ns: int
    size: int


def _unit(path: str, key: str, kind: str, stat: os.stat_result) -> Unit:
    return Unit(path, key, kind, stat.st_mtime_ns, stat.st_size)


def _peek(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(512)
    except OSError:
        return b""


def _file_kind(path: str, explicit: bool) -> str | None:
    name = os.path.basename(path).lower()
    if name.endswith(".ics"):
        return "ics"
    if name.endswith(".eml"):
        return "eml"
    if name.startswith(".") or (not explicit and name.endswith(_NOT_MAIL)):
        return None
    head = _peek(path).lstrip(b"\xef\xbb\xbf")
    if head.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if is_mbox(head):
        return "mbox"
    if explicit and looks_like_message(head):
        return "eml"
    return None


def _maildir_units(folder: str) -> list[Unit]:
    units = []
    for part in MAILDIR_PARTS:
        try:
            entries = list(os.scandir(os.path.join(folder, part)))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if not entry.is_file():
                    continue
                stat = entry.stat()
            except OSError:
                continue  # moved by a sync running beside us
            base = entry.name.split(":", 1)[0].split("!2,", 1)[0]
            units.append(_unit(entry.path, f"{folder}/{base}", "maildir", stat))
    return units


def find(paths: list[Path]) -> list[Unit]:
    """Every file to read under ``paths``, or an InputError naming the first
    path that holds nothing netlog can read."""
    units: dict[str, Unit] = {}
    for given in paths:
        path = given.expanduser()
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(
                f"{given} does not exist", "give a Maildir, an mbox, .eml or .ics file, or a folder"
            ) from None
        found: list[Unit] = []
        if real.is_file():
            kind = _file_kind(str(real), explicit=True)
            if kind is None:
                raise InputError(
                    f"{given} is not an mbox, .eml or .ics file",
                    "give a Maildir (with cur/ and new/), an mbox, .eml or .ics file, or a folder",
                )
            found.append(_unit(str(real), str(real), kind, real.stat()))
        elif real.is_dir():
            found = _walk(str(real))
            if not found:
                raise InputError(
                    f"{given} holds no mail or calendar files netlog reads",
                    "give a Maildir (with cur/ and new/), a folder of .eml or .ics files, "
                    "or an mbox file",
                )
        else:
            raise InputError(f"{given} is not a file or a folder", "give a Maildir or a file")
        for unit in found:
            units.setdefault(unit.path, unit)
    return sorted(units.values(), key=lambda u: u.path)


def _walk(root: str) -> list[Unit]:
    found: list[Unit] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        if any(part in dirs for part in MAILDIR_PARTS):
            found += _maildir_units(folder)
            dirs[:] = [d for d in dirs if d not in (*MAILDIR_PARTS, "tmp")]
        for name in sorted(files):
            path = os.path.join(folder, name)
            kind = _file_kind(path, explicit=False)
            if kind is None:
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found.append(_unit(path, path, kind, stat))
    return found
