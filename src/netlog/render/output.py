"""The I/O edge: where netlog's output leaves for stdout and stderr.

Which medium a command gets (``use_table``: a Rich table on a terminal, plain
text in a pipe, ``NETLOG_OUTPUT`` to choose), messages for the person on
stderr, JSON on stdout, exports to stdout or a file, one line of text. With
``netlog.sanitise`` this is the path to the terminal: every string written here
is sanitised (``safe``, ``terminal_stream``, ``json_utf8``; the text of
``netlog.render.plain`` arrives sanitised cell by cell), and the one other
writer, the Rich console of ``netlog.render.terminal``, prints only ``Text``
built from sanitised strings. Standard library only: piped and JSON output never
load rich (the progress bar and the Rich console are in ``terminal``, imported
when a terminal shows them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from netlog.records import json_default
from netlog.sanitise import json_utf8, safe, terminal_stream

if TYPE_CHECKING:
    from netlog.render.views import Line

# Above this many rows a Rich table takes seconds to lay out; print plain text.
MAX_TABLE_ROWS = 500


def use_table(stream: TextIO | None = None) -> bool:
    """Rich tables when writing to a terminal; ``NETLOG_OUTPUT=plain|table`` overrides."""
    forced = os.environ.get("NETLOG_OUTPUT", "").lower()
    if forced in ("plain", "table"):
        return forced == "table"
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def colourless() -> bool:
    """``NO_COLOR`` is set: the terminal gets no escape codes at all (not even
    bold and dim, which Rich itself would keep)."""
    return os.environ.get("NO_COLOR", "") != ""


def message(text: str) -> None:
    """A message for the person (not data): stderr, plain."""
    print(safe(text), file=sys.stderr)


def print_line(text: str) -> None:
    """One line of data on stdout."""
    sys.stdout.write(safe(text) + "\n")


def say(lines: Iterable[Line]) -> None:
    """A command's report, in order: data lines on stdout, notes on stderr."""
    for line in lines:
        if line.message:
            message(line.text)
        else:
            print_line(line.text)


def write_text(text: str) -> None:
    """Text a plain renderer built (``netlog.render.plain``, which sanitised
    every stored string in it) on stdout, as it is."""
    sys.stdout.write(text)


def write_lines(lines: Iterable[str], batch: int = 1000) -> None:
    """A plain renderer's lines (each with its newline) on stdout, a thousand
    at a time: a long listing is never held whole as one text."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= batch:
            sys.stdout.write("".join(chunk))
            chunk.clear()
    sys.stdout.write("".join(chunk))


def print_json_objects(chunks: Iterable[list[str]]) -> None:
    """A JSON array of objects that are already text (built by the database),
    given a batch at a time: written as they come to a pipe, pretty on a
    terminal."""
    if sys.stdout.isatty():
        import json  # here and below: a daily command's text output needs no JSON

        whole = "[" + ",".join(text for chunk in chunks for text in chunk) + "]"
        _write_json(json.dumps(json.loads(whole), ensure_ascii=False, indent=2))
        return
    write = _json_writer()
    opening = b"["
    for chunk in chunks:
        if chunk:
            write(opening + json_utf8(",".join(chunk)))
            opening = b","
    write(b"[]\n" if opening == b"[" else b"]\n")


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster to
    write) for a pipe, where a script or ``jq`` reads it."""
    import json

    if sys.stdout.isatty():
        _write_json(json.dumps(data, ensure_ascii=False, indent=2, default=json_default))
        return
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default)
    if not isinstance(data, list) or len(data) <= _JSON_BATCH:
        _write_json(encoder.encode(data))
        return
    # A long array a batch at a time: the encoder's one 3 MB text for ten
    # thousand due items took 45 ms, batches of a thousand 33.
    write = _json_writer()
    opening = "["
    for start in range(0, len(data), _JSON_BATCH):
        text = encoder.encode(data[start : start + _JSON_BATCH])
        write(json_utf8(opening + text[1:-1]))
        opening = ","
    write(b"]\n")


_JSON_BATCH = 1000


def _write_json(text: str) -> None:
    """JSON and a newline on stdout, as UTF-8, with DEL, C1 and bidi characters
    escaped (``json_utf8``), piped or not. Megabytes for a large network:
    encoded once, and written as bytes when stdout is UTF-8 anyway."""
    write = _json_writer()
    write(json_utf8(text) + b"\n")


def _json_writer() -> Callable[[bytes], object]:
    """Where UTF-8 JSON goes: stdout's bytes when stdout is UTF-8 anyway (after
    whatever was written to it as text), else its text."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is not None and _is_utf8(getattr(out, "encoding", None)):
        out.flush()
        return buffer.write  # type: ignore[no-any-return]
    return lambda data: out.write(data.decode("utf-8"))


def _is_utf8(encoding: str | None) -> bool:
    import codecs

    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def progress(total: int, label: str) -> Any:
    """A progress bar on stderr for long jobs at a terminal; otherwise a no-op.
    Use as ``with progress(n, "Importing") as advance: ... advance()``."""
    import contextlib

    if not total or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from netlog.render.terminal import progress_bar

    return progress_bar(total, label)


def write_output(text: str, path: Any, example_name: str = "netlog.txt") -> None:
    """Export text to stdout, or to what ``-o`` names (``netlog.files.export_target``):
    a regular file is replaced atomically (through a symbolic link, the file it
    points to), a pipe or a device is written as a stream, a folder is refused.
    Whatever goes to a terminal is sanitised like every other output."""
    if path is None:
        _write_stream(text, sys.stdout)
        return
    from pathlib import Path

    from netlog import files

    target = files.export_target(Path(path), example_name)
    if target.kind == "fd":
        if target.fd in (1, 2):
            _write_stream(text, sys.stdout if target.fd == 1 else sys.stderr)
            return
        _write_fd(text, target)
    elif target.kind == "stream":
        files.write_stream(target, text)
    else:
        files.write_atomic(target, text.encode("utf-8"))
    message(f"Wrote {target.label}")


def _write_stream(text: str, stream: TextIO) -> None:
    stream.write(terminal_stream(text) if stream.isatty() else text)
    stream.flush()


def _write_fd(text: str, target: Any) -> None:
    """``-o /dev/fd/N``: the descriptor the shell opened (``3>file``), as it is."""
    from netlog.errors import InputError

    fd = target.fd
    data = (terminal_stream(text) if os.isatty(fd) else text).encode("utf-8")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise InputError(
            f"cannot write {target.path} ({exc.strerror})",
            "open that descriptor for writing (e.g. 3>file), or choose another -o path",
        ) from None
