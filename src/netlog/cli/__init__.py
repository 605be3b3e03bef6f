"""The command-line interface: parse, call a service, render."""

from __future__ import annotations

from netlog.cli import (  # noqa: F401  (registers the commands)
    activity,
    contacts,
    exchange,
    maintenance,
    practices,
)
from netlog.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="netlog")
