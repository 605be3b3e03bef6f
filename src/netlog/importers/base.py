"""What every importer returns, the one error they raise, and how raw bytes become text.

The parsers are pure (bytes in, plain records out, no database) so that a later
``netlog import`` can preview, count skipped rows and refuse a damaged file before
anything is written, and so that they can be fuzzed on their own. Everything the
formats share lives here: the records, decoding (exports arrive as UTF-8 with or
without BOM, UTF-16 from Windows tools, or cp1252/latin-1 from old phones and
Outlook) and the small clean-up rules applied to every field.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from netlog.errors import NetlogError
from netlog.names import clean_name

FORMATS = ("linkedin", "vcard", "google", "csv")
FORMAT_HINT = "pass --format linkedin|vcard|google|csv"
REEXPORT_HINT = "the file looks cut short or damaged: export it again; nothing was imported"


class ImportFormatError(NetlogError):
    """The whole file cannot be read: one message and one hint, nothing is imported."""


@dataclass(slots=True)
class ImportedContact:
    """One person found in a file, in netlog's terms but not yet in the database."""

    ref: str  # where it came from, for messages: "line 7", "card 3"
    name: str  # display name, cleaned with netlog.names.clean_name
    company: str | None = None
    title: str | None = None
    emails: list[str] = field(default_factory=list)  # file order, deduplicated ignoring case
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # a LinkedIn profile URL first when present
    tags: list[str] = field(default_factory=list)  # lower-case, as in the file
    note: str | None = None
    birthday: str | None = None  # "YYYY-MM-DD", or "--MM-DD" when the year is unknown
    met_on: date | None = None  # LinkedIn "Connected On"
    met: str | None = None  # e.g. "Connected on LinkedIn", or where you met
    # netlog's own fields, from its vCard (X-NETLOG-*) and CSV exports:
    cadence_days: int | None = None
    offers: str | None = None
    seeks: str | None = None
    via: str | None = None  # the introducer's name
    snoozed_until: date | None = None
    # The day of the latest conversation netlog knew of when it wrote the file
    # (X-NETLOG-LAST-CONTACT, the CSV's last_contact_on): the import turns it into
    # history, never into the stored last_contact_on itself (see exchange).
    last_contact_on: date | None = None
    # The card's own identifier (vCard UID, as written: "urn:uuid:..." stays whole), so
    # a file imported again can be matched to what the first import created.
    uid: str | None = None


@dataclass(slots=True)
class Skipped:
    """A row or card that was left out, and why (shown to the user as a count and a list)."""

    ref: str
    reason: str


@dataclass(slots=True)
class ParseResult:
    """Everything one file yields: its format, the contacts and what was skipped."""

    format: str  # "linkedin" | "vcard" | "google" | "csv"
    contacts: list[ImportedContact]
    skipped: list[Skipped]


# --- decoding -----------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters no text export contains (tab, newlines, \x0b used by Outlook for
# line breaks inside a cell, and \x0c are fine).
_JUNK_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_HINT = "export your contacts as CSV (LinkedIn, Google) or vCard (.vcf) and import that"


def describe(filename: str) -> str:
    """How messages name the file: its name as given, or "the file"."""
    return filename or "the file"


def _legacy(data: bytes) -> str:
    """Bytes that are not UTF-8: Windows-1252 (a superset of latin-1's printable range),
    or latin-1 when a byte is undefined in cp1252. Never fails."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_text(data: bytes, filename: str = "", per_line: bool = False) -> str:
    """Turn a file's bytes into text with ``\\n`` newlines, or raise ImportFormatError.

    A BOM decides the encoding; otherwise UTF-8 (or UTF-16 when every other byte of
    the start is NUL), falling back to cp1252/latin-1. With ``per_line`` the fallback
    is decided line by line, for vCard files that mix cards written by different
    programs. Binary data (NUL bytes, many control characters)
    and empty files are refused here, so every parser starts from plausible text.
    """
    label = describe(filename)
    data = bytes(data)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                data = data[len(bom) :]
                break
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                name = encoding[:6].upper()  # UTF-16 or UTF-32
                raise ImportFormatError(
                    f"{label} starts like {name} text but is not valid {name}", REEXPORT_HINT
                ) from None
            break
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise ImportFormatError(f"{label} looks like a binary file, not contacts", _BINARY_HINT)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if per_line:
                text = "\n".join(_decode_line(line) for line in data.split(b"\n"))
            else:
                text = _legacy(data)
    # CR CR LF is a CRLF file that went through a text-mode copy once more: one break.
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    text = text.rstrip("\x1a")  # \x1a: DOS end of file
    sample = text[:10_000]
    if "\x00" in sample or len(_JUNK_CONTROLS.findall(sample)) > max(2, len(sample) // 100):
        raise ImportFormatError(f"{label} looks like a binary file, not contacts", _BINARY_HINT)
    if not text.strip():
        raise ImportFormatError(
            f"{label} is empty", "export your contacts again and import the new file"
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Text some Windows tools save as UTF-16 without a BOM: mostly ASCII, so every
    other byte of the start is NUL. None when the data does not look like that."""
    head = data[:400]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    for encoding, text_bytes, zero_bytes in (
        ("utf-16-le", head[0::2], head[1::2]),
        ("utf-16-be", head[1::2], head[0::2]),
    ):
        if text_bytes.count(0) == 0 and zero_bytes.count(0) >= pairs * 0.9:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(line)


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes from inside a file (quoted-printable vCard values) in their declared charset,
    else as UTF-8 where they are UTF-8: an unknown or wrong charset never fails.

    Only the bytes that are not UTF-8 (a stray ``=80``, or 8-bit text written without
    a charset) are read as legacy Windows text, so one bad byte does not turn a whole
    UTF-8 value into mojibake. Windows-1252 unless Windows-1250 (Central European)
    reads clearly better, see ``_oddities``: the bytes name no code page, and guessing
    Western alone turned Polish names into Spanish-looking ones."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, ValueError):  # unknown codec, bad bytes (UnicodeError)
            pass
    text = data.decode("utf-8", "surrogateescape")
    if not _STRAY.search(text):
        return text
    parts = _STRAY.split(text)  # odd items: runs of bytes that are not UTF-8
    strays = [bytes(ord(char) - 0xDC00 for char in run) for run in parts[1::2]]
    candidates = []
    for decode in (_legacy, _cp1250):
        decoded = [decode(run) for run in strays]
        if all(run is not None for run in decoded):
            pieces = parts[:]
            pieces[1::2] = decoded
            candidates.append("".join(pieces))
    # cp1252 unless Central European reads clearly better: min keeps the first on a tie.
    return min(candidates, key=_oddities)


_STRAY = re.compile("([\udc80-\udcff]+)")  # bytes surrogateescape could not decode
_VOWELS = frozenset("aeiouyáéíóúýàèìòùâêîôûäëïöüAEIOUYÁÉÍÓÚÝÀÈÌÒÙÂÊÎÔÛÄËÏÖÜ")


def _cp1250(data: bytes) -> str | None:
    try:
        return data.decode("cp1250")
    except UnicodeDecodeError:
        return None


def _oddities(text: str) -> int:
    """How un-text-like a legacy reading is, to choose Windows-1252 or -1250 for 8-bit
    bytes without a charset (The Bat! writes Polish names so): a symbol touching a
    letter (``Wroc³aw``, ``£ódŸ``, ``ma¿e`` read as cp1252), an ``ñ`` before a
    consonant (``Iksiñski``: Spanish ñ precedes a vowel) or an ``ń`` before a vowel
    (Polish writes ``ni`` there). Only the characters on which the two differ matter."""
    count = 0
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        category = unicodedata.category(char)
        if char in "¿¡":  # Spanish opens a question with them: odd only inside a word
            odd = before.isalpha()
        elif category[0] == "S" or category == "No":
            odd = before.isalpha() or after.isalpha()
        elif char in "ñÑ":
            odd = after not in _VOWELS
        elif char in "ńŃ":
            odd = after in _VOWELS
        else:
            odd = False
        count += odd
    return count


# --- field clean-up -----------------------------------------------------------------------------


def clean_field(value: str | None) -> str | None:
    """A one-line value (company, title) with whitespace collapsed; None when empty."""
    if value is None:
        return None
    return clean_name(value) or None


def clean_note(value: str | None) -> str | None:
    """A note keeps its line breaks (Outlook writes them as \\x0b); None when empty."""
    if value is None:
        return None
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").strip()
    return text or None


def join_notes(*notes: str | None) -> str | None:
    """Several notes as one, separated by a blank line."""
    parts = [note for note in notes if note]
    return "\n\n".join(parts) or None


def dedupe(values: Iterable[str]) -> list[str]:
    """Stripped, non-empty values in their order, the first of each case-insensitive twin."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in values:
        value = raw.strip()
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            result.append(value)
    return result


_LINKEDIN_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^/?#\s]*\.)?linkedin\.com(?:[/:?#]|$)", re.IGNORECASE
)


def is_linkedin_url(url: str) -> bool:
    """A LinkedIn URL (profile or otherwise): ``linkedin.com`` is its host."""
    return _LINKEDIN_URL.match(url.strip()) is not None


def order_urls(urls: Iterable[str]) -> list[str]:
    """Deduplicated URLs with the first LinkedIn URL moved to the front."""
    result = dedupe(urls)
    for index, url in enumerate(result):
        if is_linkedin_url(url):
            if index:
                result.insert(0, result.pop(index))
            break
    return result


def clean_tags(values: Iterable[str]) -> list[str]:
    """Tags lower-cased with whitespace collapsed and a hashtag's ``#`` dropped; empty
    ones (``""``, ``"#"``) dropped and duplicates removed."""
    return dedupe(" ".join(value.lower().split()).lstrip("#").strip() for value in values)
