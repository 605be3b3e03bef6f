"""Writing files so that a name holds a whole file or nothing.

A file netlog writes (a backup, an export) is first written under a temporary
name in the same folder, ``.<name>.partial-<random>``: hidden, and without the
final suffix, so nothing (a listing of backups, a glob for ``*.db``, a person
looking for ``backup.json``) mistakes it for the real thing. It is flushed to
disk, then renamed into place, and the folder is flushed so the rename itself
survives a power cut. A process killed half-way leaves at most a partial file,
never a half file under the final name; the next write into that folder removes
partial files old enough to be certainly abandoned.

SIGTERM and SIGHUP (``kill``, a closed terminal) would end the process without
running any cleanup; while a file is being written they raise instead, so the
partial file is removed on the way out. SIGKILL cannot be caught: that is what
the clean-up of stale partial files is for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netlog.errors import InputError

PARTIAL = ".partial-"
STALE_SECONDS = 3600  # no write netlog makes takes an hour: older partials are abandoned


class Interrupted(SystemExit):
    """SIGTERM or SIGHUP arrived while a file was being written. A ``SystemExit``
    (exit status 128 + the signal number, as if the signal had ended the process),
    so it passes every ``except Exception`` on its way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def partial_file(folder: Path, name: str) -> tuple[int, Path]:
    """Create ``folder/.<name>.partial-<random>`` (owner-only, ``O_EXCL``); returns
    the open file descriptor and its path."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}{PARTIAL}")
    return fd, Path(tmp)


# What ``partial_file`` names look like (tempfile adds 8 characters), with the
# journal SQLite may keep beside one: nothing else is ever cleaned up.
_PARTIAL_NAME = re.compile(r"\..+\.partial-[a-z0-9_]{8}(?:-journal|-wal|-shm)?")


def is_partial(path: Path) -> bool:
    """Whether ``path`` is a temporary file of ``partial_file`` (or SQLite's
    journal beside one)."""
    return _PARTIAL_NAME.fullmatch(path.name) is not None


def remove_stale_partials(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Delete partial files in ``folder`` last modified more than ``older_than``
    seconds ago (left by a killed process); returns what was removed. Never
    fails: a file that cannot be removed stays, harmlessly."""
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if _PARTIAL_NAME.fullmatch(entry.name) is None:
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def fsync_path(path: Path) -> None:
    """Flush a written file to the disk."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename, a new name) to the disk. Not every
    platform or file system can (Windows cannot open a folder): best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def link_new(source: Path, target: Path) -> None:
    """Give ``source`` the name ``target``, which must not exist, atomically,
    then drop the name ``source``. ``FileExistsError`` if ``target`` exists:
    never replaces a file. A hard link is atomic and refuses to overwrite on
    every POSIX file system; where links are not supported (FAT, some network
    shares) a rename after a check is the closest there is; on Windows a rename
    refuses to overwrite by itself."""
    if os.name == "nt":
        os.rename(source, target)
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(17, "File exists", str(target)) from None
        os.rename(source, target)
        return
    with contextlib.suppress(OSError):  # the copy is in place; a leftover is cleaned later
        os.unlink(source)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise ``Interrupted`` (so ``finally``
    blocks remove partial files) instead of ending the process on the spot.
    Only the main thread can set handlers; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, stop)
        except (OSError, ValueError):
            continue
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


# ----- export targets (``netlog export -o PATH``)
_FD_ALIAS = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")
_STD_NAMES = {"-": 1, "/dev/stdout": 1, "/dev/stderr": 2}


@dataclass(frozen=True)
class Target:
    """Where ``-o PATH`` writes. ``kind``: ``fd`` (an open descriptor: ``-``,
    ``/dev/stdout``, ``/dev/fd/N``, written in place, as the shell opened it),
    ``stream`` (a pipe or a character device such as a terminal, opened and
    written in order, never replaced), or ``file`` (a regular file, new or
    not, written atomically at ``real``: where a symbolic link points)."""

    kind: str
    path: Path
    real: Path
    fd: int | None = None

    @property
    def label(self) -> str:
        """The path for messages (see ``describe``)."""
        return describe(self.path, self.real)


def export_target(path: Path, example_name: str = "netlog.txt") -> Target:
    """What kind of thing ``path`` is, or an ``InputError`` saying why netlog will
    not write there (a folder, a folder that does not exist, a socket...)."""
    text = str(path)
    if text in _STD_NAMES:
        return Target("fd", path, path, _STD_NAMES[text])
    alias = _FD_ALIAS.fullmatch(text)
    if alias:
        return Target("fd", path, path, int(alias[1]))
    try:
        st = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refuse(path, Path(os.path.realpath(path)), exc) from None
    real = Path(os.path.realpath(path))
    if st is None:
        folder = real.parent
        if not folder.is_dir():
            raise InputError(
                f"cannot write {describe(path, real)}: the folder {folder} does not exist",
                "create it first, or choose another -o path",
            )
        return Target("file", path, real)
    if stat.S_ISDIR(st.st_mode):
        raise InputError(
            f"{describe(path, real)} is a folder, not a file",
            f"give a file name in it, e.g. -o {path / example_name}",
        )
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
        return Target("stream", path, real)
    if stat.S_ISREG(st.st_mode):
        return Target("file", path, real)
    raise InputError(
        f"{describe(path, real)} is not a regular file, a pipe or a terminal",
        "choose a file path for -o",
    )


def describe(path: Path, real: Path) -> str:
    """``path`` as given, or for a symbolic link the file it leads to (what is
    actually written, or cannot be) and the link: ``/data/x.csv (where out.csv
    points)``."""
    return f"{real} (where {path} points)" if os.path.islink(path) else str(path)


def _refuse(path: Path, real: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError(f"{path} is a loop of symbolic links", "choose another -o path")
    return InputError(
        f"cannot write {describe(path, real)} ({exc.strerror or exc})",
        "check the path and its permissions, or choose another -o path",
    )


def write_stream(target: Target, text: str) -> None:
    """Write to a pipe or a device in order, without creating, truncating or
    replacing anything (a FIFO stays a FIFO). A terminal (``-o /dev/tty``) gets
    the text sanitised, like everything netlog shows there."""
    from netlog.sanitise import terminal_stream

    try:
        fd = os.open(target.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with open(fd, "wb") as out:
            out.write((terminal_stream(text) if out.isatty() else text).encode("utf-8"))
    except OSError as exc:
        raise _refuse(target.path, target.real, exc) from None


def write_atomic(target: Target, data: bytes) -> None:
    """Write a regular file so that its name holds the old content or the new,
    never half: a partial file in the real target's folder, flushed, renamed
    over the target, the folder flushed. The file is readable by the owner only.
    Stale partial files of killed writes in that folder are removed first."""
    folder = target.real.parent
    remove_stale_partials(folder)
    with signals_raise():
        try:
            fd, partial = partial_file(folder, target.real.name)
        except OSError as exc:
            raise _refuse(target.path, target.real, exc) from None
        try:
            with open(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, target.real)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            if isinstance(exc, OSError):
                raise _refuse(target.path, target.real, exc) from None
            raise
    fsync_folder(folder)
