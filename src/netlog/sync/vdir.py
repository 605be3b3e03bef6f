"""A vdir: a folder holding one item (a vCard or an iCalendar object) per file.

What netlog needs of one, after the vdir storage format vdirsyncer, khard and
todoman share: the files with one extension directly in the folder (dot files
and temporary files are not items), an "ETag" that changes whenever a file does
(here its modification time in nanoseconds and size, so an unchanged file is
never read), and writes that no reader can catch half done: a temporary file in
the same folder, flushed to disk, then renamed over the item.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from netlog.errors import InputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # the file name (vdirsyncer's href)
    etag: str


def etag_of(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Vdir:
    def __init__(self, path: Path, extension: str) -> None:
        self.path = path
        self.extension = extension

    @classmethod
    def open(cls, path: Path, extension: str, option: str) -> Vdir:
        """The folder, which must exist (vdirsyncer creates it on ``discover``)."""
        folder = path.expanduser()
        if not folder.exists():
            raise InputError(
                f"{option} {folder} does not exist",
                "create it (mkdir -p), or run 'vdirsyncer discover' to have vdirsyncer make it",
            )
        if not folder.is_dir():
            raise InputError(f"{option} {folder} is not a folder", "give the vdir's folder")
        return cls(folder.resolve(), extension)

    def entries(self) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        with os.scandir(self.path) as scan:
            for item in scan:
                name = item.name
                if name.startswith(".") or not name.endswith(self.extension):
                    continue
                if not item.is_file():
                    continue
                found[name] = Entry(name, etag_of(item.stat()))
        return found

    def read(self, name: str) -> bytes:
        return (self.path / name).read_bytes()

    def write(self, name: str, data: bytes) -> str:
        """Write an item atomically; returns its new ETag."""
        target = self.path / name
        temporary = self.path / f".{name}.netlog-{os.getpid()}.tmp"
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            if target.exists():
                os.chmod(temporary, target.stat().st_mode & 0o777)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return etag_of(target.stat())

    def delete(self, name: str) -> None:
        (self.path / name).unlink(missing_ok=True)

    def new_name(self, uid: str, taken: set[str]) -> str:
        """A file name for a new item, from its UID (as vdirsyncer does), unique."""
        stem = _UNSAFE.sub("_", uid.removeprefix("urn:uuid:")).strip("._") or "item"
        name, n = f"{stem}{self.extension}", 1
        while name in taken or (self.path / name).exists():
            n += 1
            name = f"{stem}-{n}{self.extension}"
        return name
