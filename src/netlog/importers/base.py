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
from netlog.names import clean_name, fold

FORMATS = ("linkedin", "vcard", "google", "outlook", "thunderbird", "csv")
FORMAT_HINT = "pass --format " + "|".join(FORMATS)
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
    # What the source calls each email, phone and URL ("work", "home", "mobile", or
    # None where it says nothing), parallel to the value lists; empty when the file
    # labels none of them. Left out of ``==`` so that comparing what a file holds
    # stays about the values; tests check the labels on their own.
    email_labels: list[str | None] = field(default_factory=list, compare=False)
    phone_labels: list[str | None] = field(default_factory=list, compare=False)
    url_labels: list[str | None] = field(default_factory=list, compare=False)


@dataclass(slots=True)
class Skipped:
    """A row or card that was left out, and why (shown to the user as a count and a list)."""

    ref: str
    reason: str


@dataclass(slots=True)
class ParseResult:
    """Everything one file yields: its format, the contacts and what was skipped.

    ``ignored`` names the columns that held a value netlog does not keep (so the
    user knows what stayed behind, once per file, not once per row); ``notes`` are
    other things worth saying about the file, such as the lines that were not UTF-8
    and which code page read them."""

    format: str  # one of FORMATS
    contacts: list[ImportedContact]
    skipped: list[Skipped]
    ignored: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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


def decode_text(data: bytes, filename: str = "") -> str:
    """Turn a file's bytes into text with ``\\n`` newlines, or raise ImportFormatError
    (see :func:`decode_with_notes`, which also says which lines were not UTF-8)."""
    return decode_with_notes(data, filename)[0]


def decode_with_notes(data: bytes, filename: str = "") -> tuple[str, list[str]]:
    """A file's text with ``\\n`` newlines and a note per line that was not UTF-8.

    A BOM decides the encoding; otherwise UTF-8 (or UTF-16 when every other byte of
    the start is NUL). Lines that are not valid UTF-8 are decoded on their own (see
    :func:`decode_legacy`) and named in the notes ("line 7: not UTF-8, read as
    Windows-1252"): one stray byte used to turn the whole file into cp1252, so every
    accented name elsewhere became "ZoÃ« MÃ¼ller" without a word. Binary data (NUL
    bytes, many control characters) and empty files are refused here, so every
    parser starts from plausible text.
    """
    label = describe(filename)
    data = bytes(data)
    text: str | None = None
    notes: list[str] = []
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
            text, notes = _decode_lines(data)
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
    return text, notes


def _decode_lines(data: bytes) -> tuple[str, list[str]]:
    """Bytes that are not UTF-8 as a whole, line by line: UTF-8 lines stay UTF-8.

    Newlines are normalised on the bytes first (CR and LF are single bytes in UTF-8
    and every Windows code page) so the line numbers in the notes are the ones the
    parsers report for the same lines."""
    data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines: list[str] = []
    notes: list[str] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            text, codepage = decode_legacy(line)
            lines.append(text)
            notes.append(f"line {number}: not UTF-8, read as {codepage}")
    return "\n".join(lines), notes


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
    return decode_legacy(data)[0]


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Bytes that may not be UTF-8, and the code page that read the bytes that are not.

    UTF-8 where they are UTF-8; each run of other bytes as Windows-1252 unless
    Windows-1250 reads clearly better (see :func:`decode_bytes`); latin-1 for a byte
    Windows-1252 leaves undefined. The name is for messages: "UTF-8" when every
    byte was UTF-8."""
    text = data.decode("utf-8", "surrogateescape")
    if not _STRAY.search(text):
        return text, "UTF-8"
    parts = _STRAY.split(text)  # odd items: runs of bytes that are not UTF-8
    strays = [bytes(ord(char) - 0xDC00 for char in run) for run in parts[1::2]]
    western = "Windows-1252" if all(_cp1252(run) is not None for run in strays) else "Latin-1"
    candidates: list[tuple[str, str]] = []
    for codepage, decode in ((western, _legacy), ("Windows-1250", _cp1250)):
        decoded = [decode(run) for run in strays]
        if all(run is not None for run in decoded):
            pieces = parts[:]
            pieces[1::2] = decoded
            candidates.append(("".join(pieces), codepage))
    # cp1252 unless Central European reads clearly better: min keeps the first on a tie.
    return min(candidates, key=lambda candidate: _oddities(candidate[0]))


_STRAY = re.compile("([\udc80-\udcff]+)")  # bytes surrogateescape could not decode
_VOWELS = frozenset("aeiouyáéíóúýàèìòùâêîôûäëïöüAEIOUYÁÉÍÓÚÝÀÈÌÒÙÂÊÎÔÛÄËÏÖÜ")


def _cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


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


# --- labels, names and other sources' conventions -------------------------------------------------

Labelled = tuple[list[str], list[str | None]]


def dedupe_labelled(pairs: Iterable[tuple[str, str | None]]) -> Labelled:
    """``(value, label)`` pairs as parallel lists, deduplicated like :func:`dedupe`.

    A value seen twice keeps its first place; it takes the later label when the
    first had none (Outlook's "Primary Phone" often repeats the "Mobile Phone")."""
    values: list[str] = []
    labels: list[str | None] = []
    seen: dict[str, int] = {}
    for raw, label in pairs:
        value = raw.strip()
        key = value.casefold()
        if not value:
            continue
        if key in seen:
            index = seen[key]
            labels[index] = labels[index] or label
            continue
        seen[key] = len(values)
        values.append(value)
        labels.append(label)
    return values, labels


def order_labelled_urls(pairs: Iterable[tuple[str, str | None]]) -> Labelled:
    """:func:`order_urls` for labelled URLs: the label moves with its URL."""
    values, labels = dedupe_labelled(pairs)
    for index, url in enumerate(values):
        if is_linkedin_url(url):
            if index:
                values.insert(0, values.pop(index))
                labels.insert(0, labels.pop(index))
            break
    return values, labels


def only_labels(labels: list[str | None]) -> list[str | None]:
    """The labels to store: none at all when the file labelled no value, so a
    contact without labels compares and prints as before."""
    return labels if any(labels) else []


_LABEL_WORDS = {
    "work": "work", "business": "work", "office": "work", "company": "work",
    "companymain": "work", "home": "home", "personal": "home", "private": "home",
    "homepage": "home", "mobile": "mobile", "cell": "mobile", "cellular": "mobile",
    "iphone": "mobile", "handy": "mobile", "other": "other", "main": "main",
    "pager": "pager", "fax": "fax", "homefax": "fax", "workfax": "fax", "otherfax": "fax",
    "businessfax": "fax", "car": "car", "assistant": "assistant", "profile": "profile",
    "blog": "blog", "school": "school",
}  # fmt: skip
# Words a source writes that say nothing about what the value is.
_NO_LABEL = frozenset(
    {"", "pref", "internet", "voice", "x400", "text", "msg", "website", "web", "url", "custom"}
)


def channel_label(text: str | None) -> str | None:
    """What a source calls a value (``* Home``, ``Work Fax``, ``CELL``, Apple's
    ``_$!<Mobile>!$_``) as netlog's label: ``home``, ``fax``, ``mobile``; None when it
    says nothing. An unknown label is kept, lower case, as one word (a vCard export
    can only write a label of letters and digits as its TYPE)."""
    if not text:
        return None
    word = "".join(ch for ch in text.casefold() if ch.isalnum())
    if word in _NO_LABEL:
        return None
    return _LABEL_WORDS.get(word, word[:24])


_IMPORTED_ON = re.compile(r"^imported(?:\s+on)?\s+[0-9]{1,2}/[0-9]{1,2}(?:/[0-9]{2,4})?$", re.I)


def is_system_label(label: str) -> bool:
    """Google's own groups, not the user's labels: ``* myContacts``, ``* starred``
    (the ``*`` marks them), ``myContacts`` and ``starred`` as some exports write them,
    and the group each import creates (``Imported on 11/24``, ``Imported 11/24/25``)."""
    text = " ".join(label.split())
    return (
        text.startswith("*")
        or text.casefold() in ("mycontacts", "starred")
        or bool(_IMPORTED_ON.match(text))
    )


def third_party_note(value: str | None) -> str | None:
    """A note from another program's CSV: :func:`clean_note`, and Apple's and Gmail's
    ``\\"`` escape (a vCard habit carried into their CSV) as the quote it stands for."""
    return clean_note(value.replace('\\"', '"') if value else value)


_COMPANY_ENDINGS = frozenset(
    "inc inc. ltd ltd. llc llp plc gmbh ag sa s.a. co co. corp corp. bv nv oy ab srl spa kg".split()
)
_LAST_FIRST = re.compile(r"^([^,]+),\s*([^,]+)$")


def flip_last_first(
    text: str, given: str = "", family: str = "", *, confirmed: bool = False
) -> str:
    """``Müller, Hans`` as ``Hans Müller`` where the source says it is "Last, First".

    It says so when the given and family name columns hold the two halves
    (``given``/``family``), or when the value comes from a "File As" column, whose
    convention that is (``confirmed``; unless the part after the comma is a company
    ending, as in ``Acme, Inc.``). Anything else is returned cleaned, as written: a
    comma alone does not make a name "Last, First"."""
    name = clean_name(text)
    match = _LAST_FIRST.match(name)
    if not match:
        return name
    last, first = match[1].strip(), match[2].strip()
    if given or family:
        agrees = fold(last) == fold(family) and fold(first).startswith(fold(given))
        if not agrees:
            agrees = fold(first) == fold(given) and fold(last).startswith(fold(family))
        if not agrees:
            return name
    elif not confirmed or first.casefold() in _COMPANY_ENDINGS:
        return name
    return clean_name(f"{first} {last}")
