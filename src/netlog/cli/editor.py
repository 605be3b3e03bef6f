"""Long text in the user's editor: ``$VISUAL``, else ``$EDITOR``, else ``vi``
(as git does).

The commands that take a summary or a note (``log``, ``note``, ``edit --note``)
open it on a terminal when the text is missing, or with ``--edit``. The editor
gets a temporary file (owner-only) holding the text to start from, a blank line
and ``#`` comment lines that say what the text is for; after the editor exits,
the comment lines are removed and the rest tidied (``strip``). An empty result
cancels: the command changes nothing.

Imported only by a command about to open an editor, so the daily path does not
pay for ``subprocess`` and ``tempfile``. The pure parts (``build``, ``strip``,
``command``) take their inputs as arguments and are tested on their own.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import typer

from netlog.cli.common import on_a_terminal
from netlog.errors import EditorError, InputError
from netlog.sanitise import one_line

DEFAULT_EDITOR = "vi"
# The comment marker: ``#``, unless a line of the text to edit starts with it
# (a Markdown heading in an imported note), which would then be removed; the
# first of the others no line starts with takes its place (git's "auto").
COMMENT_CHARS = "#;%@!|"


@dataclass(frozen=True, slots=True)
class Template:
    """The text the editor opens, and the marker of its comment lines."""

    text: str
    comment: str


def build(about: Sequence[str], prefill: str = "", *, nothing: str) -> Template:
    """The file to edit: ``prefill`` (or an empty first line), a blank line, then
    ``about`` and a reminder of the rules as comment lines. ``nothing`` says what
    an empty text leaves undone ("nothing is logged"). Comments are one line each
    and sanitised: they quote names from the database."""
    body = prefill.replace("\r\n", "\n").strip("\n")
    lines = body.split("\n")
    comment = next((c for c in COMMENT_CHARS if not any(ln.startswith(c) for ln in lines)), "#")
    remarks = [
        *(one_line(line) for line in about),
        f"Write above. Lines starting with '{comment}' are removed;",
        f"an empty text cancels ({nothing}).",
    ]
    comments = "\n".join(f"{comment} {line}".rstrip() for line in remarks)
    return Template(f"{body}\n\n{comments}\n", comment)


def strip(text: str, comment: str = "#") -> str:
    """What the user wrote: lines starting with ``comment`` removed, trailing
    spaces of each line, blank lines at both ends and runs of blank lines (one
    is kept: a paragraph break) gone; everything else as written."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(comment):
            continue
        line = line.rstrip()
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def command(environ: Mapping[str, str]) -> tuple[list[str], str]:
    """The editor to run, split as a shell would (``code --wait``), and where it
    came from, for error messages."""
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "")
        try:
            argv = shlex.split(value)
        except ValueError as exc:
            raise EditorError(
                f"cannot read ${variable} ({value!r}): {exc}",
                "quote it as in a shell, e.g. export EDITOR='code --wait'",
            ) from None
        if argv:
            return argv, f"${variable}"
    return [DEFAULT_EDITOR], "the default: neither VISUAL nor EDITOR is set"


def run(text: str, environ: Mapping[str, str] | None = None) -> str:
    """Open ``text`` in the editor; what the file holds once the editor exits."""
    argv, source = command(os.environ if environ is None else environ)
    fd, name = tempfile.mkstemp(prefix="netlog-", suffix=".txt")  # mode 0600
    path, keep = Path(name), False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        status = _wait([*argv, name], source)
        if status != 0:
            how = f"exited with status {status}" if status > 0 else f"was killed (signal {-status})"
            raise EditorError(
                f"the editor {argv[0]!r} ({source}) {how}; nothing was changed",
                "save and quit the editor normally (in vi: :wq) to use what you wrote",
            )
        try:
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            keep = True
            raise EditorError(
                "the editor saved text that is not UTF-8; nothing was changed",
                f"save it as UTF-8 (your text is kept in {name})",
            ) from None
    finally:
        if not keep:
            path.unlink(missing_ok=True)


def _wait(argv: list[str], source: str) -> int:
    """Run the editor on this terminal. While it runs, Ctrl-C and Ctrl-\\ belong
    to the editor (vi uses them): netlog ignores them, as git does."""
    try:
        process = subprocess.Popen(argv)
    except OSError as exc:
        raise EditorError(
            f"cannot start the editor {argv[0]!r} ({source}): {exc.strerror or exc}",
            "set VISUAL or EDITOR to the editor you use, e.g. export EDITOR=nano",
        ) from None
    signals = [signal.SIGINT, *([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else [])]
    try:
        previous = [(s, signal.signal(s, signal.SIG_IGN)) for s in signals]
    except ValueError:  # not the main thread: signals are not ours to change
        previous = []
    try:
        return process.wait()
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)


def write(about: Sequence[str], prefill: str = "", *, nothing: str) -> str:
    """Let the user write the text in their editor (see ``build``); ``""`` when
    they left it empty."""
    template = build(about, prefill, nothing=nothing)
    return strip(run(template.text), template.comment)


def require_terminal(example: str) -> None:
    """``--edit`` without a terminal to run the editor on is an error."""
    if not on_a_terminal():
        raise InputError(
            "--edit needs a terminal to open your editor on",
            f"give the text as an argument instead, e.g. {example}",
        )


def cancel(what: str) -> NoReturn:
    """An empty text: say so and stop (exit 1) before anything was written."""
    print(f"Cancelled: empty text; {what}.", file=sys.stderr)
    raise typer.Exit(1)
