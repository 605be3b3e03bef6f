"""Format detection, decoding, files that cannot be read, and the promise that parse()
raises nothing but ImportFormatError whatever bytes it is given."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog.errors import NetlogError
from netlog.importers import (
    FORMATS,
    ImportFormatError,
    ParseResult,
    detect_format,
    parse,
)

FIXTURES = Path(__file__).parent / "fixtures" / "import"
PROPERTY = settings(max_examples=200, deadline=None)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def refused(data: bytes, fmt: str | None = None, filename: str = "") -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        parse(data, fmt, filename=filename)
    return caught.value


# --- detection ---------------------------------------------------------------------------------


DETECTED = {
    "linkedin_current.csv": "linkedin",
    "linkedin_no_preamble.csv": "linkedin",
    "linkedin_old.csv": "linkedin",
    "linkedin_quoting.csv": "linkedin",
    "linkedin_no_names.csv": "linkedin",
    "linkedin_whitespace.csv": "linkedin",
    "linkedin_unicode.csv": "linkedin",
    "vcard21.vcf": "vcard",
    "vcard30.vcf": "vcard",
    "vcard40.vcf": "vcard",
    "vcard_utf16.vcf": "vcard",
    "google_old.csv": "google",
    "google_new.csv": "google",
    "generic.csv": "csv",
    "generic_semicolon.csv": "csv",
}


@pytest.mark.parametrize(("name", "expected"), sorted(DETECTED.items()))
def test_fixtures_are_detected_from_their_content(name, expected):
    data = (FIXTURES / name).read_bytes()
    assert detect_format(data) == expected
    assert detect_format(data, "misleading.txt") == expected
    assert parse(data).format == expected


def test_every_fixture_is_covered():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(DETECTED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEGIN:VCARD\nFN:A\nEND:VCARD\n", "vcard"),
        ("\n\n  begin:vcard\nfn:a\nend:vcard\n", "vcard"),
        ('[{"name": "Ada"}]', "json"),
        ('  \n {"contacts": []}', "json"),
        (f"{LINKEDIN_HEADER}\n", "linkedin"),
        ("First Name,Last Name,Connected On\n", "linkedin"),
        ("Name,Given Name,Family Name\n", "google"),
        ("First Name,Last Name,Labels\n", "google"),
        ("First Name,Last Name,Organization Name\n", "google"),
        ("Name,E-mail 1 - Value\n", "google"),
        ("Name,Group Membership\n", "google"),
        ("name,email\n", "csv"),
        # Company alone does not make a LinkedIn file: it also needs Position or Connected On.
        ("first_name,last_name,company\n", "csv"),
        ("first_name;last_name;company\n", "csv"),
    ],
)
def test_detection_rules(text, expected):
    assert detect_format(text.encode()) == expected


def test_vcard_wins_over_csv_looking_content():
    text = f"BEGIN:VCARD\nNOTE:{LINKEDIN_HEADER}\nFN:A\nEND:VCARD\n"
    assert detect_format(text.encode(), "Connections.csv") == "vcard"


def test_the_file_name_only_breaks_a_tie():
    damaged = b"VERSION:3.0\nFN:A\nEND:VCARD\n"
    with pytest.raises(ImportFormatError) as caught:
        detect_format(damaged)
    assert caught.value.message == "cannot tell what kind of file this is"
    assert detect_format(damaged, "contacts.VCF") == "vcard"
    # ...and then the vCard parser says what is wrong with it.
    error = refused(damaged, filename="contacts.vcf")
    assert "END:VCARD on line 3" in error.message


def test_unrecognisable_content():
    error = refused(b"just some notes\nabout people\n", filename="notes.txt")
    assert error.message == "cannot tell what kind of file notes.txt is"
    assert error.hint == "pass --format linkedin|vcard|google|outlook|thunderbird|csv"
    assert str(error) == (
        "cannot tell what kind of file notes.txt is — "
        "pass --format linkedin|vcard|google|outlook|thunderbird|csv"
    )
    assert isinstance(error, NetlogError)


# --- formats given explicitly ------------------------------------------------------------------


def test_formats_constant():
    assert FORMATS == ("linkedin", "vcard", "google", "outlook", "thunderbird", "csv")


def test_an_explicit_format_overrides_detection():
    data = (FIXTURES / "linkedin_no_preamble.csv").read_bytes()
    result = parse(data, "csv")  # First Name/Last Name/Company... read as a plain CSV
    assert result.format == "csv"
    assert [c.met for c in result.contacts] == [None, None]
    assert parse(data, " LinkedIn ").format == "linkedin"
    assert parse((FIXTURES / "vcard30.vcf").read_bytes(), "vcf").format == "vcard"


def test_an_explicit_format_that_does_not_fit():
    data = (FIXTURES / "vcard30.vcf").read_bytes()
    for fmt in ("linkedin", "google", "csv"):
        error = refused(data, fmt, filename="x.vcf")
        assert "--format" in error.hint or "netlog understands" in error.hint


def test_unknown_format():
    error = refused(b"name\nAda\n", "excel")
    assert error.message == "unknown import format 'excel'"
    assert error.hint == "pass --format linkedin|vcard|google|outlook|thunderbird|csv"


def test_json_is_detected_but_not_parsed_here():
    data = json.dumps([{"name": "Ada"}]).encode()
    assert detect_format(data) == "json"
    for fmt in (None, "json"):
        error = refused(data, fmt, filename="dump.json")
        assert error.message.startswith("dump.json is JSON")


# --- decoding ----------------------------------------------------------------------------------

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n"
ROWS = "name,company\r\nZoë Ångström,Café Crème\r\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"),
        lambda t: t.encode("utf-16-le"),  # no BOM
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("cp1252"),
        lambda t: t.encode("latin-1"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16-be",
        "utf32",
        "utf16-le-no-bom",
        "utf16-be-no-bom",
        "cp1252",
        "latin1",
    ],
)
def test_encodings(encode):
    assert [c.name for c in parse(encode(CARD)).contacts] == ["Zoë Ångström"]
    [contact] = parse(encode(ROWS)).contacts
    assert (contact.name, contact.company) == ("Zoë Ångström", "Café Crème")


def test_cp1252_punctuation_in_a_legacy_csv():
    [contact] = parse("name,note\nAda,“quoted” – dash €\n".encode("cp1252")).contacts
    assert contact.note == "“quoted” – dash €"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    [contact] = parse(b"name\nAd\x81a\n").contacts
    assert contact.name == "Ad\x81a"


# --- files that cannot be read -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        bytes(range(256)) * 4,
        b"name,email\nAda\x00,ada@example.com\n",
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20,
    ],
    ids=["png", "zip", "all-bytes", "nul-in-csv", "control-chars"],
)
def test_binary_junk(data):
    error = refused(data, filename="photo.png")
    assert error.message == "photo.png looks like a binary file, not contacts"
    assert "CSV" in error.hint and "vCard" in error.hint
    with pytest.raises(ImportFormatError):
        detect_format(data)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_files(data):
    error = refused(data, filename="empty.csv")
    assert error.message == "empty.csv is empty"


def test_truncated_utf16():
    error = refused(CARD.encode("utf-16")[:-1], filename="cut.vcf")
    assert error.message == "cut.vcf starts like UTF-16 text but is not valid UTF-16"


def test_truncated_files():
    assert "has no END:VCARD" in refused(CARD.encode()[:40]).message
    cut_csv = f'{LINKEDIN_HEADER}\nAda,Lovelace,,,"Analytical Eng'.encode()
    assert "ends inside a quoted value" in refused(cut_csv).message


def test_a_csv_with_no_recognisable_header():
    error = refused(b"foo,bar\n1,2\n", "csv")
    assert "no recognisable header" in error.message


def test_a_field_larger_than_the_csv_limit():
    data = b'name,note\nAda,"' + b"x" * 200_000 + b'"\n'
    error = refused(data)
    assert "cannot be read as CSV" in error.message


# --- never another exception -------------------------------------------------------------------


def outcome(data: bytes, fmt: str | None) -> None:
    """parse() returns a ParseResult or raises ImportFormatError; anything else fails."""
    try:
        result = parse(data, fmt)
    except ImportFormatError as error:
        assert error.message
        assert error.hint
        return
    assert isinstance(result, ParseResult)
    assert result.format in FORMATS
    for contact in result.contacts:
        assert contact.name and contact.name == " ".join(contact.name.split())
        assert contact.ref


FMT = st.sampled_from([None, *FORMATS])
FRAGMENTS = st.sampled_from(
    [
        "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", "FN:", "FN:Ada", "N:;;;;",
        "N:a;b;c;d;e", "item1.EMAIL;TYPE=work,pref:a@b.c", "TEL;HOME;VOICE:1",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=", "=", "=E9=BB", "=\n",
        "PHOTO;ENCODING=BASE64:", "QUJD", "CHARSET=utf-7", "CHARSET=idna", "CHARSET=rot13",
        "BDAY:", "BDAY:--0230", "BDAY;VALUE=text:x", "KIND:group", "CATEGORIES:a,b\\,c",
        "\\", "\\n", ";", ":", ",", '"', '""', "\n", "\r\n", "\r", " ", "\t", "\x0b",
        LINKEDIN_HEADER, "Notes:", "First Name,Last Name,Connected On", "09 Oct 2024",
        "1/8/18, 6:14 PM", "Name,E-mail 1 - Value,Labels", "* x ::: y", " ::: ",
        "name,email,tags,met_on,birthday", "name;email", "2024-02-30", "a@b.c",
        "{", "[", "\ufeff", "é", "李", "🚀",
    ]
)  # fmt: skip


@PROPERTY
@given(st.binary(max_size=2000), FMT)
def test_arbitrary_bytes(data, fmt):
    outcome(data, fmt)


@PROPERTY
@given(st.text(max_size=2000), FMT)
def test_arbitrary_text(text, fmt):
    outcome(text.encode("utf-8", "surrogatepass"), fmt)


@PROPERTY
@given(
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=60),
    FMT,
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_text_built_from_format_fragments(parts, fmt, encoding):
    outcome("".join(parts).encode(encoding, "replace"), fmt)


@PROPERTY
@given(st.lists(FRAGMENTS, min_size=1, max_size=40), FMT)
def test_lines_built_from_format_fragments(parts, fmt):
    outcome("\n".join(parts).encode(), fmt)


@PROPERTY
@given(st.integers(min_value=0, max_value=2000), FMT)
def test_every_fixture_cut_anywhere(cut, fmt):
    for path in sorted(FIXTURES.iterdir()):
        outcome(path.read_bytes()[:cut], fmt)


# --- stays light -------------------------------------------------------------------------------


def test_importers_load_no_database_or_terminal_modules():
    probe = (
        "import sys, netlog.importers\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'pydantic', 'typer', 'rich', 'rapidfuzz',"
        " 'dateutil'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
