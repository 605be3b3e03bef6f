"""Exporters: netlog's records as files other programs read.

* ``vcard.to_vcard``: contacts as vCard 4.0 or 3.0, for address books.
* ``csv_export.to_csv``: contacts as CSV, for spreadsheets.
* ``ics.to_ics``: due items as an iCalendar file, for calendars and task lists.

They are pure functions (plain records in, text out; no database, no clock, no
terminal) so a command can write them to a file or stdout, and tests can read
the output back with real parsers. Only the standard library is used.

vCard and iCalendar share one content-line syntax (RFC 6350 took it from RFC
5545), so the helpers for it live here: text escaping, dropping characters the
formats cannot carry, and folding long lines. The exporters are re-exported
lazily, so importing this package costs nothing until one is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netlog.exporters.csv_export import to_csv
    from netlog.exporters.ics import to_ics
    from netlog.exporters.vcard import to_vcard

__all__ = ["clean_text", "content_lines", "escape_text", "fold", "to_csv", "to_ics", "to_vcard"]

CRLF = "\r\n"
MAX_LINE_OCTETS = 75  # RFC 5545 3.1 and RFC 6350 3.2, not counting the CRLF

# Neither format can carry control characters other than TAB (RFC 5545 TSAFE-CHAR /
# RFC 6350 VALUE-CHAR exclude them); line breaks are escaped as "\n" instead. Lone
# surrogates are not characters at all and cannot be encoded as UTF-8.
_UNCARRIABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})

_LAZY = {
    "to_vcard": "netlog.exporters.vcard",
    "to_csv": "netlog.exporters.csv_export",
    "to_ics": "netlog.exporters.ics",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def clean_text(value: str) -> str:
    """``value`` with every line break as ``\\n`` and the characters the content-line
    formats cannot carry (control characters other than TAB, lone surrogates) dropped."""
    return _UNCARRIABLE.sub("", _LINE_BREAK.sub("\n", value))


def escape_text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11 / RFC 6350 3.4: backslash, semicolon,
    comma and line breaks (as ``\\n``); uncarriable characters are dropped."""
    return clean_text(value).translate(_ESCAPES)


def fold(line: str) -> str:
    """Fold a content line to at most 75 UTF-8 octets per physical line, continuing with
    CRLF and one space, never inside a multi-byte character. No trailing CRLF."""
    if len(line.encode("utf-8")) <= MAX_LINE_OCTETS:
        return line
    pieces: list[str] = []
    start = 0
    used = 0
    limit = MAX_LINE_OCTETS
    for index, char in enumerate(line):
        size = len(char.encode("utf-8"))
        if used + size > limit:
            pieces.append(line[start:index])
            start, used = index, 0
            limit = MAX_LINE_OCTETS - 1  # the leading space counts
        used += size
    pieces.append(line[start:])
    return (CRLF + " ").join(pieces)


def content_lines(lines: Iterable[str]) -> str:
    """Logical content lines as one text: each folded and ended with CRLF."""
    return "".join(fold(line) + CRLF for line in lines)
