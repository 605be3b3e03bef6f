"""vCard 2.1, 3.0 and 4.0 (``.vcf``), one or many cards per file.

Written by hand rather than with a library because what matters here is the mess
real address books produce: 2.1 quoted-printable with soft line breaks that do not
start with a space, bare 2.1 parameters (``TEL;HOME;VOICE``), 2.1 base64 photos ended
by a blank line, Apple's ``item1.`` groups and 1604 "no year" birthdays, escaped
commas in data: URIs. Only what netlog stores is read; photos, keys, sounds,
addresses and unknown ``X-`` properties are skipped.

A damaged structure (a card without ``END:VCARD``, an ``END`` without ``BEGIN``)
refuses the whole file, so an import never stops half-way through a cut-short file.

Decisions:

* Name: FN (the first without LANGUAGE, else the first), else N built as "prefix
  given additional family suffix", else the first NICKNAME, else the company, else the
  first e-mail address; a card with none of these is skipped ("no name"). A company
  card (Apple's X-ABShowAs:COMPANY, or KIND:org) without FN is named after its
  company before N is tried, as the address book shows it; a person named in its N
  is kept in the note ("Contact person: ...") rather than dropped.
* N: a comma ending a component is the "Last," of a "Last, First" name split by
  words (``N:Hans;Müller\\,``): it is dropped, and when it ends the given name, that
  component is the family name, so the name reads "Hans Müller", never "Müller, Hans,".
* ORG: its first component is the company; organisational units (departments) are
  dropped, so the company stays comparable across contacts. Only the first ORG counts.
* TITLE: the first TITLE, else the first ROLE.
* NOTE: several NOTEs are joined by a blank line. A BDAY that is not a date
  (``BDAY;VALUE=text:circa 1800``, or unreadable) is kept as "Birthday: ..." in the note.
* KIND:group (and Apple's X-ADDRESSBOOKSERVER-KIND:group) cards are skipped.
* Apple's X-SOCIALPROFILE is read as a URL when it is one (it holds LinkedIn links).
* TEL as a ``tel:`` URI (4.0, ``VALUE=uri``) loses the scheme; its ``;ext=102``
  becomes " ext. 102" so the extension stays with the number, other URI parameters
  are kept as written. A bare number with VALUE=uri stays as it is.
* UID is kept as written (unescaped; ``urn:uuid:`` stays), so a re-import can be
  matched; X-ABUID (Apple's own) is not a UID and is ignored.
* Properties with ENCODING=b/BASE64 are binary and ignored whatever their name.
* Unfolding follows the RFCs: 3.0/4.0 drop the one space or tab starting a
  continuation line (``repr`` + `` esentation``), 2.1 keeps it.
* Escapes ``\\n``/``\\N``, ``\\,``, ``\\;``, ``\\\\``, Apple's ``\\:`` and the non-standard
  ``\\"`` (Gmail, Apple) and ``\\'`` (DAVx5) are undone; other backslashes are kept as
  written.
* A nested card (a 2.1 AGENT) is read as a card without END:VCARD and refused.
* EMAIL, TEL and URL keep what their TYPE says as a label: work, home, mobile (CELL),
  fax, pager, car, main, other...; PREF, INTERNET, VOICE and ``x-`` types say
  nothing about the value and are not labels. A fax or mobile type wins over work
  or home (``TEL;TYPE=WORK,FAX`` is a fax).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from netlog.importers.base import (
    REEXPORT_HINT,
    ImportedContact,
    ImportFormatError,
    ParseResult,
    Skipped,
    clean_field,
    clean_note,
    clean_tags,
    decode_bytes,
    dedupe_labelled,
    describe,
    join_notes,
    only_labels,
    order_labelled_urls,
)
from netlog.importers.datetext import normalise_birthday
from netlog.names import clean_name, fold

_BEGIN = "BEGIN:VCARD"
_END = "END:VCARD"
_BASE64_LINE = re.compile(r"^[ \t]*[A-Za-z0-9+/=]+[ \t]*$")
_QP_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
_QP_BYTE = re.compile(rb"=[0-9A-Fa-f]{2}")
_ESCAPE = re.compile(r"\\([\\;,:\"'nN])")
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_GROUP_KINDS = ("KIND", "X-ADDRESSBOOKSERVER-KIND")


@dataclass(slots=True)
class _Property:
    name: str  # upper case, group prefix removed
    params: dict[str, list[str]]  # upper-case keys; bare 2.1 parameters under TYPE/ENCODING
    value: str  # unfolded, still encoded and escaped

    def param(self, key: str) -> str:
        """The first value of a parameter, upper case, or ""."""
        values = self.params.get(key)
        return values[0].upper() if values else ""

    @property
    def encoding(self) -> str:
        return self.param("ENCODING")


def _marker(text: str) -> str:
    """A line reduced to compare with BEGIN:VCARD / END:VCARD."""
    return "".join(text.split()).upper()


def is_begin_line(text: str) -> bool:
    """Whether a line is ``BEGIN:VCARD`` (any case, any spacing)."""
    return _marker(text) == _BEGIN


def _is_marker(line: str) -> bool:
    return _marker(line) in (_BEGIN, _END)


def _head(line: str) -> str:
    """The part of a property line before its value (name and parameters)."""
    colon = line.find(":")
    return (line if colon < 0 else line[:colon]).upper()


def _logical_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Unfold physical lines into ``(first line number, logical line)``.

    * A line starting with a space or tab continues the previous one (3.0/4.0 drop
      that one character; 2.1 keeps it, as 2.1 folds only at existing whitespace).
    * A quoted-printable value ending in ``=`` continues on the next line, which
      need not start with a space (unless that line is BEGIN/END:VCARD).
    * After a base64 property, lines of base64 characters belong to it, up to a
      blank line (vCard 2.1 style); their content is dropped, it is never used.
    """
    current: list[str] = []
    start = 0
    quoted_printable = base64 = False
    version_21 = False
    for number, line in enumerate(lines, 1):
        if current:
            if quoted_printable and current[-1].endswith("=") and not _is_marker(line):
                current[-1] = current[-1][:-1]
                current.append(line)
                continue
            if line[:1] in (" ", "\t"):
                if not base64:
                    current.append(line if version_21 else line[1:])
                continue
            if base64 and _BASE64_LINE.match(line):
                continue
            if base64 and not line.strip():
                base64 = False
                continue  # the blank line ending a 2.1 base64 block
            logical = "".join(current)
            marker = _marker(logical)
            if marker == "VERSION:2.1":
                version_21 = True
            elif marker == _BEGIN:
                version_21 = False
            yield start, logical
            current = []
        if not line.strip():
            continue
        current = [line]
        start = number
        head = _head(line)
        quoted_printable = "QUOTED-PRINTABLE" in head
        base64 = bool(re.search(r"(?:ENCODING\s*=\s*(?:B|BASE64)|;\s*BASE64)\s*(?:;|$)", head))
    if current:
        yield start, "".join(current)


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    buffer: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
            buffer.append(char)
        elif char == separator and not quoted:
            parts.append("".join(buffer))
            buffer = []
        else:
            buffer.append(char)
    parts.append("".join(buffer))
    return parts


def _parse_property(line: str) -> _Property | None:
    """``group.NAME;PARAM=a,b;BARE:value`` as a property; None for a line without a colon."""
    colon, quoted = -1, False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            colon = index
            break
    if colon < 0:
        return None
    head, value = line[:colon], line[colon + 1 :]
    parts = _split_outside_quotes(head, ";")
    name = parts[0].strip().rsplit(".", 1)[-1].upper()
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            key, raw = part.split("=", 1)
            key = key.strip().upper()
            values = [v.strip().strip('"') for v in _split_outside_quotes(raw, ",")]
        else:
            key = "ENCODING" if part.upper() in _BARE_ENCODINGS else "TYPE"
            values = [part]
        params.setdefault(key, []).extend(values)
    return _Property(name, params, value)


def _split_escaped(value: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not escaped by a backslash."""
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    buffer: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            buffer.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(buffer))
            buffer = []
        else:
            buffer.append(char)
        index += 1
    parts.append("".join(buffer))
    return parts


def _unescape(value: str) -> str:
    r"""``\n``/``\N`` are line breaks; ``\\``, ``\;``, ``\,``, ``\:`` (Apple), ``\"`` and ``\'``
    the character.

    Other backslashes stay, so a Windows path in a 2.1 note survives."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def _decode_qp(value: str, charset: str) -> str:
    """Quoted-printable ``=XX`` escapes decoded as bytes (soft breaks are already
    joined). A bare ``=`` is never literal in quoted-printable: one left at the end is
    a dangling soft break.

    The declared charset decodes each run of escapes, literal text staying as it is.
    Without one that fits (none, unknown, or bytes that are not in it), the value is
    decoded whole as UTF-8 where it is UTF-8 and legacy Windows text elsewhere, so the
    code page for stray bytes is judged with the letters around them (``Iksi=F1ski``).
    """
    value = value.removesuffix("=")
    if charset:
        try:
            return _QP_RUN.sub(lambda m: _qp_bytes(m[0]).decode(charset), value)
        except (LookupError, ValueError):  # unknown codec, bytes not in it (UnicodeError)
            pass
    if value.isascii():
        return decode_bytes(_QP_BYTE.sub(lambda m: _qp_bytes(m[0].decode()), value.encode()), None)
    return _QP_RUN.sub(lambda m: decode_bytes(_qp_bytes(m[0]), None), value)


def _qp_bytes(run: str) -> bytes:
    return bytes.fromhex(run.replace("=", ""))


def _text(prop: _Property, raw: str | None = None) -> str:
    """A (component of a) value decoded and unescaped."""
    value = prop.value if raw is None else raw
    if prop.encoding == "QUOTED-PRINTABLE":
        value = _decode_qp(value, prop.param("CHARSET"))
    return _unescape(value)


def _components(prop: _Property, separator: str = ";") -> list[str]:
    return [_text(prop, part) for part in _split_escaped(prop.value, separator)]


def _pick(props: list[_Property]) -> list[_Property]:
    """FN/N candidates in preference order: without LANGUAGE first, then the rest."""
    return [p for p in props if "LANGUAGE" not in p.params] + [
        p for p in props if "LANGUAGE" in p.params
    ]


def _name_from_n(prop: _Property) -> str:
    """N as "prefix given additional family suffix" (see the module docstring for the
    comma of a "Last, First" name)."""
    parts = [_split_escaped(c, ",") for c in _split_escaped(prop.value, ";")]
    words = [clean_name(" ".join(_text(prop, v) for v in part)) for part in parts]
    words += [""] * (5 - len(words))
    family, given, additional, prefix, suffix = words[:5]
    if given.endswith(",") and not family.endswith(","):
        family, given = given, family
    words = [w.strip(", ") for w in (prefix, given, additional, family, suffix)]
    return clean_name(" ".join(words))


def _strip_scheme(value: str, scheme: str) -> str:
    value = value.strip()
    return value[len(scheme) :].strip() if value.lower().startswith(scheme) else value


def _phone(prop: _Property) -> str:
    """A TEL value; a ``tel:`` URI as the number, its extension written after it."""
    value = _text(prop).strip()
    if not value.lower().startswith("tel:"):
        return value
    number, *params = value[len("tel:") :].split(";")
    phone = unquote(number).strip()
    for param in params:
        key, _, extension = param.partition("=")
        if key.strip().lower() == "ext":
            if extension.strip():
                phone += f" ext. {unquote(extension).strip()}"
        elif param.strip():
            phone += f";{param.strip()}"  # phone-context, isub: kept, not lost
    return phone


_TYPE_LABELS = {
    "work": "work", "home": "home", "cell": "mobile", "mobile": "mobile", "iphone": "mobile",
    "fax": "fax", "pager": "pager", "car": "car", "main": "main", "other": "other",
    "video": "video", "isdn": "isdn", "textphone": "tty",
}  # fmt: skip
_WINNING_LABELS = ("fax", "mobile", "pager")  # what the value is beats where it is


def _label(prop: _Property) -> str | None:
    """The label a property's TYPE parameters give (see the module docstring)."""
    labels = [
        _TYPE_LABELS[word]
        for value in prop.params.get("TYPE", [])
        for word in (part.strip().lower() for part in value.split(","))
        if word in _TYPE_LABELS
    ]
    for winner in _WINNING_LABELS:
        if winner in labels:
            return winner
    return labels[0] if labels else None


def _is_company_card(all_of: Any) -> bool:
    """Apple's X-ABShowAs:COMPANY or 4.0 KIND:org: the card stands for its company."""
    return any(_text(p).strip().upper() == "COMPANY" for p in all_of("X-ABSHOWAS")) or any(
        _text(p).strip().lower() == "org" for p in all_of("KIND")
    )


def _card(ref: str, props: list[_Property]) -> ImportedContact | Skipped:
    """One card's properties as a contact, or why it was skipped."""
    by_name: dict[str, list[_Property]] = {}
    for prop in props:
        if prop.encoding in ("B", "BASE64"):
            continue  # binary data whatever the property
        by_name.setdefault(prop.name, []).append(prop)

    def all_of(name: str) -> list[_Property]:
        return by_name.get(name, [])

    for kind in _GROUP_KINDS:
        if any(_text(p).strip().lower() == "group" for p in all_of(kind)):
            return Skipped(ref, "a group, not a person")

    emails, email_labels = dedupe_labelled(
        (_strip_scheme(_text(p), "mailto:"), _label(p)) for p in all_of("EMAIL")
    )
    phones, phone_labels = dedupe_labelled((_phone(p), _label(p)) for p in all_of("TEL"))
    url_pairs = [(_text(p).strip(), _label(p)) for p in all_of("URL")]
    url_pairs += [
        (value, None)
        for value in (_text(p).strip() for p in all_of("X-SOCIALPROFILE"))
        if value.lower().startswith(("http://", "https://"))
    ]
    urls, url_labels = order_labelled_urls(url_pairs)
    orgs = all_of("ORG")
    company = next((c for c in map(clean_field, _components(orgs[0])) if c), None) if orgs else None
    title = next(
        (t for t in (clean_field(_text(p)) for p in all_of("TITLE") + all_of("ROLE")) if t),
        None,
    )
    notes = [clean_note(_text(p)) for p in all_of("NOTE")]
    birthday = None
    bdays = all_of("BDAY")  # only the first counts
    if bdays:
        raw = _text(bdays[0]).strip()
        if bdays[0].param("VALUE") != "TEXT":
            birthday = normalise_birthday(raw)
        if birthday is None and raw:
            notes.append(f"Birthday: {clean_name(raw)}")
    tags = clean_tags(
        tag for prop in all_of("CATEGORIES") for tag in _components(prop, separator=",")
    )

    netlog = _netlog_fields(all_of)
    company_card = _is_company_card(all_of)
    person = next((n for n in map(_name_from_n, _pick(all_of("N"))) if n), "")
    name = next((n for n in (clean_name(_text(p)) for p in _pick(all_of("FN"))) if n), "")
    if not name and company_card and company:
        name = company
    name = name or person
    if not name:
        nicknames = (clean_name(c) for p in all_of("NICKNAME") for c in _components(p, ","))
        name = next((n for n in nicknames if n), "")
    name = name or company or next((n for n in map(clean_name, emails) if n), "")
    if not name:
        return Skipped(ref, "no name")
    if company_card and person and fold(person) != fold(name):
        notes.insert(0, f"Contact person: {person}")
    uid = next((u for u in (_text(p).strip() for p in all_of("UID")) if u), None)
    return ImportedContact(
        ref=ref,
        name=name,
        company=company,
        title=title,
        emails=emails,
        phones=phones,
        urls=urls,
        tags=tags,
        note=join_notes(*notes),
        birthday=birthday,
        uid=uid,
        email_labels=only_labels(email_labels),
        phone_labels=only_labels(phone_labels),
        url_labels=only_labels(url_labels),
        **netlog,
    )


def _netlog_fields(all_of: Any) -> dict[str, Any]:
    """netlog's own X-NETLOG-* properties (its vCard export), so a round trip keeps
    cadence, where you met, who introduced you, offers, seeks, a snooze and the day
    of the last contact."""
    from netlog.dates import parse_duration
    from netlog.errors import DateParseError
    from netlog.importers.datetext import parse_iso_date

    def first(name: str) -> str | None:
        values = [clean_field(_text(p)) for p in all_of(name)]
        return next((v for v in values if v), None)

    fields: dict[str, Any] = {
        "met": first("X-NETLOG-MET"),
        "via": first("X-NETLOG-VIA"),
        "offers": first("X-NETLOG-OFFERS"),
        "seeks": first("X-NETLOG-SEEKS"),
    }
    cadence = first("X-NETLOG-CADENCE")
    if cadence:
        # An unreadable cadence falls back to the import default.
        with contextlib.suppress(DateParseError):
            fields["cadence_days"] = parse_duration(cadence).days
    snoozed = first("X-NETLOG-SNOOZED-UNTIL")
    if snoozed:
        fields["snoozed_until"] = parse_iso_date(snoozed)
    last_contact = first("X-NETLOG-LAST-CONTACT")
    if last_contact:
        fields["last_contact_on"] = parse_iso_date(last_contact)
    return {k: v for k, v in fields.items() if v is not None}


def parse_vcard(text: str, filename: str = "") -> ParseResult:
    """Parse decoded vCard text (see module docstring)."""
    label = describe(filename)
    contacts: list[ImportedContact] = []
    skipped: list[Skipped] = []
    count = 0
    begin_line = 0
    props: list[_Property] | None = None
    for line_no, logical in _logical_lines(text.split("\n")):
        marker = _marker(logical)
        if marker == _BEGIN:
            if props is not None:
                raise ImportFormatError(
                    f"card {count} (line {begin_line}) of {label} has no END:VCARD before "
                    f"the next BEGIN:VCARD on line {line_no}",
                    REEXPORT_HINT,
                )
            count += 1
            begin_line = line_no
            props = []
        elif marker == _END:
            if props is None:
                raise ImportFormatError(
                    f"END:VCARD on line {line_no} of {label} has no BEGIN:VCARD before it",
                    REEXPORT_HINT,
                )
            result = _card(f"card {count}", props)
            if isinstance(result, Skipped):
                skipped.append(result)
            else:
                contacts.append(result)
            props = None
        elif props is not None:
            prop = _parse_property(logical)
            if prop is not None:
                props.append(prop)
        # Anything else outside a card is ignored.
    if props is not None:
        raise ImportFormatError(
            f"card {count} (line {begin_line}) of {label} has no END:VCARD: the file ends first",
            REEXPORT_HINT,
        )
    if count == 0:
        raise ImportFormatError(
            f"{label} contains no vCard (no BEGIN:VCARD line)",
            "a .vcf file holds BEGIN:VCARD ... END:VCARD blocks; "
            "pass --format linkedin|google|csv if the file is something else",
        )
    return ParseResult("vcard", contacts, skipped)
