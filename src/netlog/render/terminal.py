"""Rich on a terminal: the console, and the progress bar of long jobs."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console

from netlog.render.output import colourless


def console(stderr: bool = False) -> Console:
    """A Rich console. With ``NO_COLOR`` set it writes no escape codes at all:
    Rich itself drops only colours and keeps bold and dim."""
    return Console(
        highlight=False,
        stderr=stderr,
        soft_wrap=False,
        color_system=None if colourless() else "auto",
    )


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A transient bar on stderr; yields the function that advances it."""
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as shown:
        task = shown.add_task(label, total=total)
        yield lambda: shown.advance(task)
