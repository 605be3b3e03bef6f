"""Parsers for contact exports: LinkedIn Connections.csv, vCard, Google Contacts CSV
and a generic CSV with netlog's field names.

Pure functions, bytes in and plain records out: no database, typer or rich, so the
``netlog import`` command can preview, report skipped rows and refuse a damaged
file before writing anything, and the parsers can be tested and fuzzed alone.
``parse`` raises only ImportFormatError (a NetlogError: message and hint).
"""

from __future__ import annotations

from netlog.importers.base import (
    FORMATS,
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
)
from netlog.importers.detect import detect_format, parse

__all__ = [
    "FORMATS",
    "ImportFormatError",
    "ImportedContact",
    "ParseResult",
    "Skipped",
    "detect_format",
    "parse",
]
