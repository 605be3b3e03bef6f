"""The one sanitiser for everything netlog prints.

Names, notes and companies arrive from any imported file, so stored text is
untrusted: a name holding ``ESC ] 52 ;`` writes to the clipboard, ``ESC ] 0 ;``
retitles the window, ``U+202E`` makes a line read backwards. Every string that
reaches stdout or stderr as text for a person (tables, plain lines, messages,
errors, "did you mean" suggestions, pick lists, prompts) passes through
``safe`` or ``one_line``; JSON passes through ``json_safe``.

What is neutralised: C0 controls (``\\t`` and ``\\n`` stay in ``safe``), ESC,
DEL, the C1 controls U+0080–U+009F (8-bit CSI, OSC, ST...) and the bidirectional
formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
In text each becomes U+FFFD, a visible "something was here" that cannot be
confused with data (a backslash escape could be); in JSON each becomes its
``\\uXXXX`` escape, which decodes to the same string. Nothing here imports more
than ``re``, so the error path and every daily command can use it.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Compiled by ``re`` on first use (and cached there): only text that is not
# printable needs it, and compiling it at import cost every start 0.5 ms.
_UNSAFE = rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]"
# In JSON the C0 controls are escaped by the encoder already (SQLite's and
# Python's); DEL, C1 and bidi are left as they are: valid, but raw. JSON goes
# out as UTF-8, so the search runs on bytes: a few single-byte scans (memchr)
# for the lead bytes of those characters decide the common case; the pattern
# runs only when one is there. Megabytes of ``list --json`` stay fast.
_JSON_LEADS = (b"\x7f", b"\xc2", b"\xd8", b"\xe2")
_JSON_UNSAFE_UTF8 = (
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def safe(text: object) -> str:
    """``text`` as a string a terminal shows literally: tabs and newlines kept,
    every other control, escape and bidi override replaced by U+FFFD."""
    if text is None:
        return ""
    text = str(text)
    # isprintable() runs in C and is false for every character replaced below
    # (and for \t, \n and some harmless ones): the common case costs nothing.
    return text if text.isprintable() else re.sub(_UNSAFE, REPLACEMENT, text)


def one_line(text: object) -> str:
    """``safe`` and on one line (for table cells, TSV, a pick list): tabs and
    newlines become spaces and runs of whitespace one space."""
    if text is None:
        return ""
    text = str(text)
    if text.isprintable():
        return text
    flat = text.replace("\t", " ").replace("\n", " ")
    return " ".join(re.sub(_UNSAFE, REPLACEMENT, flat).split())


def json_safe_utf8(data: bytes) -> bytes:
    """UTF-8 JSON with DEL, C1 controls and bidi overrides written as ``\\uXXXX``.

    Equivalent JSON (a decoder gives back the same strings), so it is applied
    to all JSON output, piped or not: a script sees the same data, a terminal
    (or ``cat`` of a saved file) sees no escape sequences. The characters can
    only occur inside strings (JSON's own syntax is ASCII without DEL), where an
    escape is always valid."""
    if not any(lead in data for lead in _JSON_LEADS):
        return data
    return _escaped(data)


def json_utf8(text: str) -> bytes:
    """JSON text as the UTF-8 netlog writes: ``json_safe_utf8`` of it, with a
    quicker test first. Each character it escapes is one ``isprintable`` is
    false for, so text that passes is written as it is: a due listing holds a
    dash or a curly quote in every action (their UTF-8 starts like a bidi
    override's), and the pattern over its 3 MB cost 14 ms, ``isprintable`` 5."""
    data = text.encode("utf-8")
    if not any(lead in data for lead in _JSON_LEADS) or text.isprintable():
        return data
    return _escaped(data)


def _escaped(data: bytes) -> bytes:
    return re.sub(_JSON_UNSAFE_UTF8, lambda m: b"\\u%04x" % ord(m.group().decode()), data)


def json_safe(text: str) -> str:
    """``json_safe_utf8`` for JSON held as a string."""
    if text.isascii() and "\x7f" not in text:
        return text
    return json_safe_utf8(text.encode("utf-8")).decode("utf-8")


def terminal_stream(text: str) -> str:
    """A whole file (an export) shown on a terminal: ``safe`` after turning
    CRLF line ends (vCard, iCalendar) into newlines, which look the same there."""
    return safe(text.replace("\r\n", "\n"))
