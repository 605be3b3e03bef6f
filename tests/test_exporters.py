"""The exporters, read back with real parsers.

vCard output is parsed with vobject, iCalendar output with icalendar (test-only
dependencies: the tests that need them skip when they are missing), CSV with the
csv module. The property tests feed arbitrary text through the real parsers;
their alphabet leaves out what the content-line formats cannot carry (control
characters other than newline and tab, and lone surrogates, which are not
characters and cannot be encoded), which the exporters drop, as tested separately.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog.exporters import content_lines, escape_text, fold
from netlog.exporters.csv_export import COLUMNS, FORMULA_TRIGGERS, to_csv
from netlog.exporters.ics import SUMMARIES, description, item_uid, placed_on, to_ics
from netlog.exporters.vcard import UID_NAMESPACE, contact_uid, split_name, to_vcard
from netlog.records import Channel, Contact
from netlog.scheduler import (
    ASK_FOLLOW_UP,
    BIRTHDAY,
    CHECK_IN,
    FOLLOW_UP,
    NUDGE,
    PROMISES,
    REASONS,
    THANK_YOU,
    BirthdayState,
    CheckinState,
    DueItem,
    OpenAsk,
    OpenFollowUp,
    due_items,
)

PROPERTY = settings(max_examples=200, deadline=None)
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, 15, tzinfo=UTC)
VERSIONS = ("4.0", "3.0")

# Text the content-line formats can carry: no control characters but newline and
# tab, no lone surrogates (see the module docstring).
CARRIABLE = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n\t")
carriable_text = st.text(CARRIABLE)

LONG_NOTE = (
    "Met at PyCon; talked about compilers, COBOL and \\ backslashes.\n"
    "Second line: café, naïve, Zoë 🚀 — "
) + "x" * 300


@pytest.fixture(scope="module")
def vobject() -> ModuleType:
    return pytest.importorskip("vobject")


@pytest.fixture(scope="module")
def icalendar() -> ModuleType:
    return pytest.importorskip("icalendar")


def full_contact(**changes: object) -> Contact:
    values: dict[str, object] = {
        "id": 7,
        "name": "José Núñez",
        "company": "Núñez & Co, Ltd; Madrid",
        "title": 'Jefe; de I+D, "labs"',
        "emails": (
            Channel("jose@example.es", "work", preferred=True),
            Channel("jose@casa.example", "home"),
        ),
        "phones": (Channel("+34 600 000 000", None, preferred=True),),
        "urls": (Channel("https://example.es/josé?a=1,2;b", None, preferred=True),),
        "met": "PyCon ES, Bilbao; 2024",
        "note": LONG_NOTE,
        "via_id": 3,
        "via_name": "Ada Lovelace",
        "offers": "mentoring, intros",
        "seeks": "a co-founder; funding",
        "birthday": "1990-04-15",
        "cadence_days": 21,
        "last_contact_on": date(2026, 10, 1),
        "next_checkin_on": date(2026, 10, 22),
        "snoozed_until": date(2026, 12, 1),
        "created_at": "2025-01-02T03:04:05Z",
        "updated_at": "2026-10-01T12:34:56Z",
        "tags": ("python", "a,b", "x;y", "café"),
    }
    values.update(changes)
    return Contact(**values)  # type: ignore[arg-type]


def physical_lines(text: str) -> list[bytes]:
    assert text.endswith("\r\n")
    return text.encode("utf-8")[:-2].split(b"\r\n")


def assert_content_lines(text: str) -> None:
    """CRLF line ends, no bare CR or LF, every physical line at most 75 octets and
    valid UTF-8 on its own (a fold never splits a character)."""
    for raw in physical_lines(text):
        assert b"\n" not in raw and b"\r" not in raw
        assert len(raw) <= 75
        raw.decode("utf-8")  # no character split across a fold


def cards(vobject: ModuleType, text: str) -> list:
    return list(vobject.readComponents(text))


def value(card, name: str) -> object:
    return card.contents[name.lower()][0].value


# ----- shared content-line helpers


def test_escape_text_escapes_the_four_specials_and_not_colons() -> None:
    assert escape_text("a\\b;c,d\ne:f") == "a\\\\b\\;c\\,d\\ne:f"
    assert escape_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree"


def test_escape_text_drops_what_the_formats_cannot_carry() -> None:
    assert escape_text("A\x00d\x1ba\x7f\ud800\tok") == "Ada\tok"


def test_fold_keeps_multibyte_characters_whole() -> None:
    line = "NOTE:" + "é" * 100 + "🚀" * 40
    folded = fold(line)
    pieces = folded.split("\r\n ")
    assert "".join(pieces) == line
    assert all(len(p.encode()) <= (75 if i == 0 else 74) for i, p in enumerate(pieces))


def test_content_lines_ends_every_line_with_crlf() -> None:
    assert content_lines(["A:1", "B:2"]) == "A:1\r\nB:2\r\n"


@PROPERTY
@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_fold_unfolds_back_and_never_exceeds_75_octets(text: str) -> None:
    line = "X-TEST:" + escape_text(text)
    out = content_lines([line])
    assert_content_lines(out)
    assert out[:-2].replace("\r\n ", "") == line


# ----- vCard


@pytest.mark.parametrize("version", VERSIONS)
def test_vcard_reads_back_every_field(vobject: ModuleType, version: str) -> None:
    text = to_vcard([full_contact(), full_contact(id=8, name="Zoë 🚀", created_at="x")], version)
    first, second = cards(vobject, text)
    assert value(first, "VERSION") == version
    assert value(first, "FN") == "José Núñez"
    assert (value(first, "N").family, value(first, "N").given) == ("Núñez", "José")
    assert value(first, "ORG") == ["Núñez & Co, Ltd; Madrid"]
    assert value(first, "TITLE") == 'Jefe; de I+D, "labs"'
    assert value(first, "EMAIL") == "jose@example.es"
    assert value(first, "TEL") == "+34 600 000 000"
    assert value(first, "URL") == "https://example.es/josé?a=1,2;b"
    assert value(first, "NOTE") == LONG_NOTE
    assert value(first, "CATEGORIES") == ["python", "a,b", "x;y", "café"]
    assert value(first, "BDAY") == ("19900415" if version == "4.0" else "1990-04-15")
    assert value(first, "REV") == (
        "20261001T123456Z" if version == "4.0" else "2026-10-01T12:34:56Z"
    )
    assert value(first, "X-NETLOG-ID") == "7"
    assert value(first, "X-NETLOG-CADENCE") == "3w"
    assert value(first, "X-NETLOG-MET") == "PyCon ES, Bilbao; 2024"
    assert value(first, "X-NETLOG-VIA") == "Ada Lovelace"
    assert value(first, "X-NETLOG-OFFERS") == "mentoring, intros"
    assert value(first, "X-NETLOG-SEEKS") == "a co-founder; funding"
    assert value(first, "X-NETLOG-SNOOZED-UNTIL") == "2026-12-01"
    assert value(first, "X-NETLOG-LAST-CONTACT") == "2026-10-01"
    assert value(second, "FN") == "Zoë 🚀"
    assert (value(second, "N").family, value(second, "N").given) == ("🚀", "Zoë")


@pytest.mark.parametrize("version", VERSIONS)
def test_vcard_lines_are_folded_crlf_content_lines(version: str) -> None:
    text = to_vcard([full_contact(), full_contact(id=9, note="é" * 300)], version)
    assert_content_lines(text)
    assert any(line.startswith(b" ") for line in physical_lines(text))  # the notes were folded
    assert text.startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n")
    assert text.count("BEGIN:VCARD") == text.count("END:VCARD") == 2


@pytest.mark.parametrize(
    ("birthday", "v4", "v3"),
    [
        ("1990-04-15", "BDAY:19900415", "BDAY:1990-04-15"),
        ("--04-15", "BDAY:--0415", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15"),
        ("--02-29", "BDAY:--0229", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29"),
        ("sometime in May", "BDAY;VALUE=text:sometime in May", None),
        (None, None, None),
        ("", None, None),
    ],
)
def test_vcard_birthday_forms(birthday: str | None, v4: str | None, v3: str | None) -> None:
    for version, expected in (("4.0", v4), ("3.0", v3)):
        lines = to_vcard([Contact(1, "Ada", birthday=birthday)], version).split("\r\n")
        bday = [line for line in lines if line.startswith("BDAY")]
        assert bday == ([expected] if expected else [])


def test_vcard_3_no_year_birthday_carries_apples_parameter(vobject: ModuleType) -> None:
    (card,) = cards(vobject, to_vcard([Contact(1, "Ada", birthday="--04-15")], "3.0"))
    assert card.bday.value == "1604-04-15"
    assert card.bday.params == {"X-APPLE-OMIT-YEAR": ["1604"]}


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Ada Lovelace", "Lovelace", "Ada"),
        ("Cher", "", "Cher"),
        ("Juan Carlos  de la Vega", "Vega", "Juan Carlos de la"),
        ("", "", ""),
    ],
)
def test_split_name(name: str, family: str, given: str) -> None:
    assert split_name(name) == (family, given)


@pytest.mark.parametrize("version", VERSIONS)
def test_vcard_single_word_name_is_a_given_name(vobject: ModuleType, version: str) -> None:
    (card,) = cards(vobject, to_vcard([Contact(1, "Cher")], version))
    assert "N:;Cher;;;\r\n" in to_vcard([Contact(1, "Cher")], version)
    assert (card.n.value.family, card.n.value.given) == ("", "Cher")


@pytest.mark.parametrize("version", VERSIONS)
def test_vcard_omits_empty_properties(version: str) -> None:
    text = to_vcard([Contact(5, "Solo", company="", title="  ", tags=("", "ok"))], version)
    names = [line.split(":")[0].split(";")[0] for line in text.split("\r\n") if line]
    assert names == [
        "BEGIN",
        "VERSION",
        "UID",
        "FN",
        "N",
        "CATEGORIES",
        "X-NETLOG-ID",
        "X-NETLOG-CADENCE",
        "END",
    ]
    assert "CATEGORIES:ok\r\n" in text


def test_vcard_uid_is_a_stable_uuid5_of_id_and_creation_time() -> None:
    contacts = [full_contact(), full_contact(id=8), full_contact(created_at="2020-01-01T00:00:00Z")]
    first = to_vcard(contacts)
    assert first == to_vcard(contacts)
    uids = re.findall(r"^UID:(\S+)\r$", first, flags=re.MULTILINE)
    assert len(set(uids)) == 3
    assert uids[0] == contact_uid(full_contact(name="Renamed", updated_at="2027-01-01T00:00:00Z"))
    parsed = uuid.UUID(uids[0].removeprefix("urn:uuid:"))
    assert parsed.version == 5
    assert parsed == uuid.uuid5(UID_NAMESPACE, "7/2025-01-02T03:04:05Z")
    # Pinned: changing the namespace would change every exported UID.
    assert str(UID_NAMESPACE) == "4ca99d8d-4a17-5b4b-a81a-401db3266067"
    assert to_vcard(contacts, "3.0").count(uids[0]) == 1


def test_vcard_rejects_other_versions() -> None:
    for version in ("2.1", "4", "", "5.0"):
        with pytest.raises(ValueError, match="vCard version"):
            to_vcard([], version)


def test_vcard_of_nothing_is_empty() -> None:
    assert to_vcard([]) == ""


def test_vcard_drops_control_characters(vobject: ModuleType) -> None:
    contact = Contact(1, "A\x00da\x1b Love\x7flace", note="one\r\ntwo\rthree\x0cfour")
    (card,) = cards(vobject, to_vcard([contact]))
    assert card.fn.value == "Ada Lovelace"
    assert card.note.value == "one\ntwo\nthreefour"


def test_vcard_cadence_token_reads_back() -> None:
    from netlog.dates import parse_duration

    for days, token in ((7, "1w"), (30, "30d"), (365, "1y"), (10, "10d")):
        text = to_vcard([Contact(1, "Ada", cadence_days=days)])
        assert f"X-NETLOG-CADENCE:{token}\r\n" in text
        assert parse_duration(token).days == days
    assert "X-NETLOG-CADENCE" not in to_vcard([Contact(1, "Ada", cadence_days=0)])


@PROPERTY
@given(
    name=carriable_text,
    note=carriable_text.filter(str.strip),  # a blank note is left out of the card
    version=st.sampled_from(VERSIONS),
)
def test_vcard_fn_and_note_round_trip_any_text(
    vobject: ModuleType, name: str, note: str, version: str
) -> None:
    text = to_vcard([Contact(1, name, note=note)], version)
    assert_content_lines(text)
    (card,) = cards(vobject, text)
    assert card.fn.value == name
    assert card.note.value == note


def test_vcard_reads_back_through_netlogs_own_importer() -> None:
    importers = pytest.importorskip("netlog.importers")
    people = [full_contact(), Contact(2, "Zoë 🚀", birthday="--02-29", tags=("ml",))]
    for version in VERSIONS:
        result = importers.parse(to_vcard(people, version).encode(), filename="netlog.vcf")
        first, second = result.contacts
        assert (first.name, first.company, first.title) == (
            "José Núñez",
            "Núñez & Co, Ltd; Madrid",
            'Jefe; de I+D, "labs"',
        )
        assert first.emails == ["jose@example.es", "jose@casa.example"]
        assert first.phones == ["+34 600 000 000"]
        assert first.urls == ["https://example.es/josé?a=1,2;b"]
        assert first.tags == ["python", "a,b", "x;y", "café"]
        assert first.note == LONG_NOTE
        assert (first.birthday, second.birthday) == ("1990-04-15", "--02-29")
        assert (second.name, second.tags) == ("Zoë 🚀", ["ml"])


# ----- CSV


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_reads_back_every_column() -> None:
    contact = full_contact(birthday="--04-15")
    text = to_csv([contact, Contact(2, "Cher")])
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = read_csv(text)
    assert rows == [
        {
            "id": "7",
            "name": "José Núñez",
            "company": "Núñez & Co, Ltd; Madrid",
            "title": 'Jefe; de I+D, "labs"',
            "email": "jose@example.es; jose@casa.example",
            "phone": "'+34 600 000 000",  # neutralised too: a spreadsheet keeps it as text
            "url": "https://example.es/josé?a=1,2;b",
            "tags": "python; a,b; x;y; café",
            "met": "PyCon ES, Bilbao; 2024",
            "via": "Ada Lovelace",
            "offers": "mentoring, intros",
            "seeks": "a co-founder; funding",
            "birthday": "'--04-15",  # neutralised: a spreadsheet would compute 4 - 15
            "cadence": "3w",
            "last_contact_on": "2026-10-01",
            "next_checkin_on": "2026-10-22",
            "snoozed_until": "2026-12-01",
            "note": LONG_NOTE,
        },
        {
            **dict.fromkeys(COLUMNS, ""),
            "id": "2",
            "name": "Cher",
            "cadence": "30d",
        },
    ]


def test_csv_of_nothing_is_the_header() -> None:
    assert to_csv([]) == ",".join(COLUMNS) + "\r\n"


def test_csv_rows_end_in_crlf_and_quote_line_breaks() -> None:
    text = to_csv([Contact(1, "Ada", note="one\ntwo")])
    assert text.endswith('"one\ntwo"\r\n')


@pytest.mark.parametrize("payload", ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_neutralises_formula_injection(payload: str) -> None:
    contact = Contact(1, payload, company=payload, note=payload, tags=(payload, "ok"))
    (row,) = read_csv(to_csv([contact]))
    assert row["name"] == row["company"] == row["note"] == "'" + payload
    assert row["tags"] == "'" + payload + "; ok"


@pytest.mark.parametrize("safe", ["Ada", " =1+1", "1-2", "ok=", "日本", "Ana's"])
def test_csv_leaves_harmless_cells_alone(safe: str) -> None:
    (row,) = read_csv(to_csv([Contact(1, safe)]))
    assert row["name"] == safe


@pytest.mark.parametrize("value", ["'tis the season", "'Ana'", "'=already quoted", "''", "'"])
def test_csv_doubles_a_values_own_leading_apostrophe(value: str) -> None:
    # The import takes one apostrophe off; a value that starts with one must keep it.
    (row,) = read_csv(to_csv([Contact(1, value, note=value)]))
    assert row["name"] == row["note"] == "'" + value


def test_csv_bom_starts_the_text_only_when_asked() -> None:
    plain = to_csv([Contact(1, "José")])
    marked = to_csv([Contact(1, "José")], bom=True)
    assert marked == "\ufeff" + plain
    assert marked.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert not plain.startswith("\ufeff")


text_or_none = st.none() | st.text()


def channels_of(draw: st.DrawFn) -> tuple[Channel, ...]:
    values = draw(st.lists(st.text(), max_size=3))
    return tuple(Channel(v, preferred=n == 0) for n, v in enumerate(values))


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    return Contact(
        id=draw(st.integers(min_value=1, max_value=10**9)),
        name=draw(st.text()),
        company=draw(text_or_none),
        title=draw(text_or_none),
        emails=channels_of(draw),
        phones=channels_of(draw),
        urls=channels_of(draw),
        met=draw(text_or_none),
        note=draw(text_or_none),
        via_name=draw(text_or_none),
        offers=draw(text_or_none),
        seeks=draw(text_or_none),
        birthday=draw(st.none() | st.sampled_from(["1990-04-15", "--04-15"]) | st.text()),
        cadence_days=draw(st.integers(min_value=1, max_value=36500)),
        last_contact_on=draw(st.none() | st.dates()),
        next_checkin_on=draw(st.none() | st.dates()),
        tags=tuple(draw(st.lists(st.text(), max_size=4))),
    )


@PROPERTY
@given(st.lists(contacts(), max_size=5))
def test_csv_no_cell_can_start_a_formula(people: list[Contact]) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(people), newline="")))
    assert len(rows) == len(people) + 1
    for row in rows:
        assert len(row) == len(COLUMNS)
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS)
    for person, row in zip(people, rows[1:], strict=True):
        cells = dict(zip(COLUMNS, row, strict=True))
        originals = {
            "id": str(person.id),
            "name": person.name,
            "company": person.company,
            "title": person.title,
            "email": "; ".join(c.value for c in person.emails),
            "phone": "; ".join(c.value for c in person.phones),
            "url": "; ".join(c.value for c in person.urls),
            "tags": "; ".join(person.tags),
            "met": person.met,
            "via": person.via_name,
            "offers": person.offers,
            "seeks": person.seeks,
            "birthday": person.birthday,
            "note": person.note,
        }
        for column, original in originals.items():
            text = original or ""
            expected = "'" + text if text.startswith((*FORMULA_TRIGGERS, "'")) else text
            assert cells[column] == expected, column


# ----- iCalendar


def sample_items(today: date = TODAY) -> list[DueItem]:
    return due_items(
        [
            CheckinState(
                1,
                "Ada Lovelace",
                30,
                date(2026, 11, 20),
                last_contact_on=date(2026, 10, 21),
                last_kind="coffee",
                last_summary="engines, looms; and\nnotes",
            )
        ],
        [
            OpenFollowUp(11, 2, "Grace Hopper", date(2026, 11, 24), "send the COBOL paper"),
            OpenFollowUp(
                12, 2, "Grace Hopper", date(2026, 11, 23), "Thank Grace", reason=THANK_YOU
            ),
        ],
        today,
        asks=[OpenAsk(21, 4, "Linus T", "an intro to the kernel team", "LF", date(2026, 11, 1))],
        birthdays=[BirthdayState(3, "Zoë 🚀", "--11-25")],
    )


def components(cal, kind: str) -> list:
    return list(cal.walk(kind))


def calendar_names(cal) -> tuple[str, str]:
    """NAME and X-WR-CALNAME, unescaped. icalendar knows neither property's type and
    returns them raw (still escaped), so they are unescaped here per RFC 5545 3.3.11."""

    def unescape(raw: object) -> str:
        return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(raw))

    return unescape(cal["NAME"]), unescape(cal["X-WR-CALNAME"])


def test_ics_events_read_back(icalendar: ModuleType) -> None:
    items = sample_items()
    assert {i.reason for i in items} == {CHECK_IN, FOLLOW_UP, THANK_YOU, ASK_FOLLOW_UP, BIRTHDAY}
    cal = icalendar.Calendar.from_ical(to_ics(items, NOW))
    events = components(cal, "VEVENT")
    assert len(events) == len(items) == 5
    assert components(cal, "VTODO") == []
    assert str(cal["PRODID"]) == "-//netlog//netlog//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert calendar_names(cal) == ("netlog", "netlog")
    by_uid = {str(e["UID"]): e for e in events}
    expected = {
        "netlog-reach-out-1@netlog": (date(2026, 11, 20), "Check in with Ada Lovelace"),
        "netlog-follow-up-2-11@netlog": (date(2026, 11, 24), "Follow up with Grace Hopper"),
        "netlog-thank-you-2-12@netlog": (date(2026, 11, 23), "Thank Grace Hopper"),
        "netlog-ask-follow-up-4-21@netlog": (
            date(2026, 11, 8),
            "Follow up with Linus T on your ask",
        ),
        "netlog-birthday-3-2026@netlog": (date(2026, 11, 25), "Zoë 🚀's birthday"),
    }
    assert set(by_uid) == set(expected)
    for uid, (due_on, summary) in expected.items():
        event = by_uid[uid]
        day = max(due_on, TODAY)  # overdue items are placed on the export day
        assert event["DTSTART"].dt == day
        assert type(event["DTSTART"].dt) is date  # all-day, not a datetime
        assert event["DTEND"].dt == day + timedelta(days=1)
        assert str(event["SUMMARY"]) == summary
        assert str(event["TRANSP"]) == "TRANSPARENT"
        if due_on < TODAY:
            assert f"Overdue: it was due on {due_on.isoformat()}" in str(event["DESCRIPTION"])
    for item in items:
        event = by_uid[item_uid(item)]
        assert str(event["DESCRIPTION"]) == description(item)
        assert [str(c) for c in event["CATEGORIES"].cats] == [item.reason]
    assert "engines, looms; and notes" in str(by_uid["netlog-reach-out-1@netlog"]["DESCRIPTION"])


def test_ics_dtstamp_is_now_in_utc(icalendar: ModuleType) -> None:
    now = datetime(2026, 11, 25, 9, 30, 15, tzinfo=timezone(timedelta(hours=2)))
    text = to_ics(sample_items(), now)
    assert "DTSTAMP:20261125T073015Z\r\n" in text
    for event in components(icalendar.Calendar.from_ical(text), "VEVENT"):
        stamp = event["DTSTAMP"].dt
        assert stamp == now
        assert stamp.utcoffset() == timedelta(0)


def test_ics_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        to_ics([], datetime(2026, 11, 25, 9, 30))


def test_ics_todos(icalendar: ModuleType) -> None:
    items = sample_items()
    cal = icalendar.Calendar.from_ical(to_ics(items, NOW, todo=True, calendar_name="Work, Inc"))
    todos = components(cal, "VTODO")
    assert components(cal, "VEVENT") == []
    assert [t["DUE"].dt for t in todos] == [placed_on(i) for i in items]
    assert all(t["DUE"].dt == TODAY for t in todos)  # every sample item is due or overdue
    assert all(type(t["DUE"].dt) is date and "DTSTART" not in t for t in todos)
    assert [str(t["UID"]) for t in todos] == [item_uid(i) for i in items]
    assert all(str(t["STATUS"]) == "NEEDS-ACTION" for t in todos)
    assert calendar_names(cal) == ("Work, Inc", "Work, Inc")


def test_ics_of_nothing_is_a_valid_empty_calendar(icalendar: ModuleType) -> None:
    text = to_ics([], NOW)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(text)
    assert cal.name == "VCALENDAR"
    assert cal.subcomponents == []
    assert str(cal["PRODID"]) == "-//netlog//netlog//EN"


def test_ics_uids_are_stable_across_exports_and_days(icalendar: ModuleType) -> None:
    def uids(today: date) -> dict[str, str]:
        now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
        cal = icalendar.Calendar.from_ical(to_ics(sample_items(today), now))
        return {str(e["CATEGORIES"].cats[0]): str(e["UID"]) for e in components(cal, "VEVENT")}

    assert to_ics(sample_items(), NOW) == to_ics(sample_items(), NOW)
    first, second = uids(TODAY), uids(TODAY)
    later = uids(TODAY + timedelta(days=9))
    assert first == second
    assert later[FOLLOW_UP] == first[FOLLOW_UP] == "netlog-follow-up-2-11@netlog"
    assert later[THANK_YOU] == first[THANK_YOU] == "netlog-thank-you-2-12@netlog"
    assert later[ASK_FOLLOW_UP] == first[ASK_FOLLOW_UP] == "netlog-ask-follow-up-4-21@netlog"
    assert later[CHECK_IN] == first[CHECK_IN] == "netlog-reach-out-1@netlog"


def test_ics_check_in_uid_rolls_with_its_date() -> None:
    # Talking to Ada moves her check-in to another day; the event keeps its UID.
    before = due_items([CheckinState(1, "Ada Lovelace", 30, date(2026, 11, 20))], [], TODAY)
    after = due_items(
        [CheckinState(1, "Ada Lovelace", 30, date(2026, 12, 20), last_contact_on=TODAY)],
        [],
        TODAY,
        horizon=TODAY + timedelta(days=60),
    )
    assert before[0].due_on != after[0].due_on
    assert item_uid(before[0]) == item_uid(after[0]) == "netlog-reach-out-1@netlog"


def test_ics_birthday_uid_is_per_year() -> None:
    this_year = due_items([], [], TODAY, birthdays=[BirthdayState(3, "Zoë", "--11-25")])
    next_year = due_items(
        [], [], TODAY + timedelta(days=365), birthdays=[BirthdayState(3, "Zoë", "--11-25")]
    )
    assert item_uid(this_year[0]) == "netlog-birthday-3-2026@netlog"
    assert item_uid(next_year[0]) == "netlog-birthday-3-2027@netlog"


def bare_item(reason: str, name: str = "Ada Lovelace", **changes: object) -> DueItem:
    fields: dict[str, object] = {
        "contact": name,
        "contact_id": 5,
        "reason": reason,
        "due_on": TODAY,
        "days_overdue": 0,
        "last_contact_on": None,
        "last_kind": None,
        "last_summary": None,
        "urgency": 1.0,
        "followup_id": 40 if reason in PROMISES else None,
        "ask_id": 50 if reason == ASK_FOLLOW_UP else None,
    }
    fields.update(changes)
    return DueItem(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reason", "summary", "uid"),
    [
        ("check-in", "Check in with Ada Lovelace", "netlog-reach-out-5@netlog"),
        ("follow-up", "Follow up with Ada Lovelace", "netlog-follow-up-5-40@netlog"),
        ("thank-you", "Thank Ada Lovelace", "netlog-thank-you-5-40@netlog"),
        (
            "close-the-loop",
            "Tell Ada Lovelace how it turned out",
            "netlog-close-the-loop-5-40@netlog",
        ),
        (
            "intro-follow-up",
            "Ask Ada Lovelace how the introduction went",
            "netlog-intro-follow-up-5-40@netlog",
        ),
        (
            "ask-follow-up",
            "Follow up with Ada Lovelace on your ask",
            "netlog-ask-follow-up-5-50@netlog",
        ),
        ("nudge", "Nudge Ada Lovelace", "netlog-reach-out-5@netlog"),
        ("birthday", "Ada Lovelace's birthday", "netlog-birthday-5-2026@netlog"),
        ("give-back", "Give back to Ada Lovelace", "netlog-give-back-5-5@netlog"),
    ],
)
def test_ics_summary_and_uid_per_reason(
    icalendar: ModuleType, reason: str, summary: str, uid: str
) -> None:
    text = to_ics([bare_item(reason)], NOW)
    (event,) = components(icalendar.Calendar.from_ical(text), "VEVENT")
    assert str(event["SUMMARY"]) == summary
    assert str(event["UID"]) == uid
    assert "DESCRIPTION" not in event  # no source: no action text, no empty property


def test_ics_covers_every_reason() -> None:
    assert set(SUMMARIES) == set(REASONS)


def test_ics_rejects_items_it_cannot_identify() -> None:
    with pytest.raises(ValueError, match="followup_id"):
        to_ics([bare_item(FOLLOW_UP, followup_id=None)], NOW)
    with pytest.raises(ValueError, match="ask_id"):
        to_ics([bare_item(ASK_FOLLOW_UP, ask_id=None)], NOW)
    with pytest.raises(ValueError, match="unknown reason"):
        to_ics([bare_item("lunch")], NOW)


def test_ics_lines_are_folded_crlf_content_lines() -> None:
    items = [bare_item(NUDGE, name="Zoë 🚀 " * 30), *sample_items()]
    text = to_ics(items, NOW)
    assert_content_lines(text)
    assert any(line.startswith(b" ") for line in physical_lines(text))


@PROPERTY
@given(
    name=carriable_text,
    todo=carriable_text,
    reason=st.sampled_from(PROMISES),
    as_todo=st.booleans(),
)
def test_ics_summary_and_description_round_trip_any_text(
    icalendar: ModuleType, name: str, todo: str, reason: str, as_todo: bool
) -> None:
    items = due_items([], [OpenFollowUp(1, 2, name, TODAY, todo, reason=reason)], TODAY)
    text = to_ics(items, NOW, todo=as_todo, calendar_name=name)
    assert_content_lines(text)
    cal = icalendar.Calendar.from_ical(text)
    (component,) = components(cal, "VTODO" if as_todo else "VEVENT")
    assert str(component["SUMMARY"]) == SUMMARIES[reason].format(name=name)
    assert str(component.get("DESCRIPTION", "")) == items[0].action
    assert calendar_names(cal) == (name, name)


def test_ics_keeps_the_order_it_is_given() -> None:
    items = sample_items()
    assert re.findall(r"UID:(\S+)", to_ics(items, NOW)) == [item_uid(i) for i in items]
    reversed_items = items[::-1]
    assert re.findall(r"UID:(\S+)", to_ics(reversed_items, NOW)) == [
        item_uid(i) for i in reversed_items
    ]
