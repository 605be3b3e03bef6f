"""vCard 2.1/3.0/4.0: every feature the importer reads and damaged files. Real files
from other projects' test suites are read in test_vcard_fixtures.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlog.importers import ImportedContact, ImportFormatError, Skipped, parse
from netlog.importers.datetext import normalise_birthday

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def load(name: str):
    return parse((FIXTURES / name).read_bytes(), "vcard", filename=name)


def cards(*bodies: str, version: str = "3.0", newline: str = "\n"):
    """Parse cards built from property lines (BEGIN/VERSION/END added)."""
    text = "".join(
        f"BEGIN:VCARD\nVERSION:{version}\n{body.strip(chr(10))}\nEND:VCARD\n" for body in bodies
    )
    return parse(text.replace("\n", newline).encode("utf-8"), "vcard", filename="x.vcf")


def one(body: str, version: str = "3.0", newline: str = "\n") -> ImportedContact:
    result = cards(body, version=version, newline=newline)
    assert result.skipped == []
    [contact] = result.contacts
    return contact


# --- the fixture files -------------------------------------------------------------------------


def test_vcard21_file():
    result = load("vcard21.vcf")
    assert result.format == "vcard"
    assert result.skipped == []
    assert result.contacts == [
        ImportedContact(
            ref="card 1",
            name="Dr. Jürgen Müller",
            company="Müller & Söhne",  # QP in ISO-8859-1; the unit "Vertrieb" is dropped
            emails=["juergen@example.de"],
            phones=["+49 30 1234567", "+49 30 7654321", "+49 170 1112223"],
            note=(
                "Erste Zeile\nZweite Zeile mit Grüßen und einem sehr langen Text, "
                "der weich umbrochen wird."
            ),
            birthday="1965-08-07",
        ),
        ImportedContact(
            ref="card 2",
            name="Åsa Svensson",  # raw cp1252 bytes in an otherwise UTF-8 file; from N
            phones=["08-123 456"],
            note="Bare QP param – with a dash\n\nPath C:\\Users\\asa stays",
        ),
    ]


def test_vcard30_file():
    result = load("vcard30.vcf")
    assert result.skipped == [Skipped("card 4", "no name")]
    katherine, orbital, anonymous, margaret = result.contacts
    assert katherine == ImportedContact(
        ref="card 1",
        name="Katherine Johnson",
        company="NASA",
        title="Research Mathematician",
        emails=["kjohnson@nasa.example", "katherine@home.example"],
        phones=["+1-757-555-0100", "+1-757-555-0101"],
        urls=["https://www.linkedin.com/in/katherine-johnson", "https://example.org/katherine"],
        tags=["nasa", "mathematicians", "hidden figures"],
        note=(
            "Computed trajectories, launch windows; and more.\nA backslash \\ here."
            "\n\nAnother note, folded over two lines."
        ),
        birthday="1918-08-26",
    )
    assert (orbital.ref, orbital.name, orbital.company) == (
        "card 2",
        "Orbital Dynamics Inc.",
        "Orbital Dynamics Inc.",
    )
    assert (anonymous.ref, anonymous.name) == ("card 3", "anon@example.org")
    assert margaret == ImportedContact(
        ref="card 5",
        name="Dr. Margaret Heafield Hamilton PhD",
        phones=["+1-617-555-0199"],
        birthday="--08-17",
    )


def test_vcard40_file():
    result = load("vcard40.vcf")
    assert result.skipped == [Skipped("card 2", "a group, not a person")]
    assert result.contacts == [
        ImportedContact(
            ref="card 1",
            name="Dorothy Vaughan",  # the FN without LANGUAGE
            emails=["dorothy@example.com"],
            urls=["https://linkedin.com/in/dvaughan", "https://example.com/dv"],
            note="Line one\nLine two",
            birthday="1910-09-20",
        ),
        ImportedContact(ref="card 3", name="山田 花子", birthday="--04-15"),
        ImportedContact(
            ref="card 4", name="Annie Easley", note="Rocket scientist.\n\nBirthday: circa 1933"
        ),
        ImportedContact(ref="card 5", name="Mary Jackson", birthday="--04-09"),
    ]


def test_utf16_file_with_bom():
    [contact] = load("vcard_utf16.vcf").contacts
    assert (contact.name, contact.emails) == ("Zoë Ångström", ["zoe@example.se"])


# --- lines: folding, quoted-printable, base64 --------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_folded_lines_are_unfolded(newline):
    contact = one("FN:Katherine Jo\n hnson\nNOTE:one\n\t two\n  three", newline=newline)
    assert contact.name == "Katherine Johnson"
    assert contact.note == "one two three"


def test_cr_cr_lf_line_ends_are_one_break():
    """A CRLF file copied once more in text mode: folding and soft breaks still hold."""
    contact = one(
        "FN:Katherine Jo\n hnson\nNOTE;ENCODING=QUOTED-PRINTABLE:one=\n two", newline="\r\r\n"
    )
    assert (contact.name, contact.note) == ("Katherine Johnson", "one two")


def test_vcard21_folding_keeps_the_whitespace():
    contact = one("FN:Ada Lovelace\nNOTE:first half\n second half", version="2.1")
    assert contact.note == "first half second half"


def test_quoted_printable_soft_breaks_and_charsets():
    contact = one(
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen =\n"
        "M=C3=BC=\n"
        "ller\n"
        "ORG;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Caf=E9 Cr=E8me\n"
        "TITLE;QUOTED-PRINTABLE:Gr=C3=BC=C3=9Fe\n"  # no charset: UTF-8
        "NOTE;CHARSET=NO-SUCH-CHARSET;ENCODING=QUOTED-PRINTABLE:na=C3=AFve=0D=0Aline",
        version="2.1",
    )
    assert contact.name == "Jürgen Müller"
    assert contact.company == "Café Crème"
    assert contact.title == "Grüße"
    assert contact.note == "naïve\nline"


def test_quoted_printable_latin1_bytes_in_a_utf8_charset_fall_back():
    contact = one("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=E9e", version="2.1")
    assert contact.name == "Renée"


def test_one_stray_byte_does_not_spoil_a_utf8_value():
    contact = one(
        "FN:X\nORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=91=\n=C3=91=80",
        version="2.1",
    )
    assert contact.company == "ÑÑÑ€"  # not "Ã‘Ã‘Ã‘€"


@pytest.mark.parametrize(
    ("qp", "expected"),
    [
        ("Piotr Iksi=F1ski", "Piotr Iksiński"),  # ñ before a consonant is not Spanish
        ("Gda=F1sk", "Gdańsk"),
        ("Wroc=B3aw", "Wrocław"),  # cp1252 would put a ³ inside the word
        ("=A3=F3d=9F", "Łódź"),
        ("Pe=F1a Ni=F1o", "Peña Niño"),  # otherwise Windows-1252, as before
        ("Ren=E9e =C5sa", "Renée Åsa"),
        ("=BFQu=E9?", "¿Qué?"),
    ],
)
def test_8bit_quoted_printable_without_a_charset(qp, expected):
    assert one(f"FN;ENCODING=QUOTED-PRINTABLE:{qp}", version="2.1").name == expected


def test_a_trailing_soft_break_does_not_swallow_end_vcard():
    result = parse(
        b"BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ada=\nEND:VCARD\n", "vcard"
    )
    assert [c.name for c in result.contacts] == ["Ada"]


def test_binary_data_is_ignored_in_every_form():
    big = "\n".join(" " + "QUJD" * 18 for _ in range(5000))  # ~360 KB folded over 5000 lines
    raw_21 = "\n".join("QUJD" * 19 for _ in range(50))
    contact = one(
        "FN:Photo Person\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:/9j/\n{big}\n"
        "LOGO:data:image/png;base64\\,iVBORw0KGgo\n AAAA\n"
        "SOUND;ENCODING=BASE64:UklGR\n"
        "KEY;ENCODING=b:bXlrZXk=\n"
        "EMAIL:photo@example.com"
    )
    assert (contact.name, contact.emails) == ("Photo Person", ["photo@example.com"])
    contact_21 = one(
        f"FN:Old Phone\nPHOTO;ENCODING=BASE64;JPEG:\n{raw_21}\n\nTEL;HOME:+1 555 0100",
        version="2.1",
    )
    assert (contact_21.name, contact_21.phones) == ("Old Phone", ["+1 555 0100"])


# --- properties --------------------------------------------------------------------------------


def test_escapes():
    contact = one(
        "FN:Public\\, John\n"
        "NOTE:a\\,b\\;c\\nd\\Ne\\\\f\n"
        "URL:http\\://example.com/x"  # Apple escapes the colon
    )
    assert contact.name == "Public, John"
    assert contact.note == "a,b;c\nd\ne\\f"
    assert contact.urls == ["http://example.com/x"]


def test_non_standard_quote_escapes():
    contact = one("FN:X\nNOTE:say \\\"hi\\\" \\: it\\'s\nCATEGORIES:A,B\\'C")
    assert contact.note == 'say "hi" : it\'s'
    assert contact.tags == ["a", "b'c"]


def test_groups_and_parameters_in_both_styles():
    contact = one(
        "FN:Grouped\n"
        "item1.EMAIL;type=INTERNET;type=pref:one@example.com\n"
        "item1.X-ABLabel:_$!<Other>!$_\n"
        "EMAIL;TYPE=work,pref:two@example.com\n"
        "EMAIL;INTERNET;HOME:ONE@example.com\n"
        "TEL;HOME;VOICE:+1 555 0101\n"
        'TEL;TYPE="work,voice";PREF=1:+1 555 0102\n'
        "item2.URL:https://example.org\n"
        "item3.TEL;type=CELL:+1 555 0103",
        version="2.1",
    )
    assert contact.emails == ["one@example.com", "two@example.com"]
    assert contact.phones == ["+1 555 0101", "+1 555 0102", "+1 555 0103"]
    assert contact.urls == ["https://example.org"]


def test_uri_values_lose_their_scheme():
    contact = one("FN:X\nEMAIL:mailto:x@example.com\nTEL;VALUE=uri:tel:+1-555-0100", "4.0")
    assert (contact.emails, contact.phones) == (["x@example.com"], ["+1-555-0100"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tel:+1-418-656-9254;ext=102", "+1-418-656-9254 ext. 102"),
        ("TEL:+1-555-0100;EXT=7", "+1-555-0100 ext. 7"),
        ("tel:7042;phone-context=example.com", "7042;phone-context=example.com"),
        ("tel:+1-555-0100;ext=", "+1-555-0100"),
        ("tel:%2B44%2020", "+44 20"),
        ("67545678", "67545678"),  # VALUE=uri but a bare number (khard bug 195)
    ],
)
def test_tel_uris(value, expected):
    assert one(f"FN:X\nTEL;VALUE=uri:{value}", "4.0").phones == [expected]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        ("Hans;Müller\\,;;;", "Hans Müller"),  # "Müller, Hans" split by words
        ("Müller\\,;Hans;;;", "Hans Müller"),
        ("Müller\\, Hans;;;;", "Müller, Hans"),  # a comma inside a component stays
        ("Doe;John;Richter\\, James;Mr.;Sr.", "Mr. John Richter, James Doe Sr."),
        ("Doe,;John,;;;", "John Doe"),
    ],
)
def test_n_never_ends_in_a_stray_comma(n, expected):
    assert one(f"N:{n}").name == expected


def test_company_cards():
    apple = one("N:;;;;\nNICKNAME:Nick\nORG:Apple Computer AG;\nX-ABShowAs:COMPANY")
    assert (apple.name, apple.company, apple.note) == ("Apple Computer AG",) * 2 + (None,)
    with_person = one("N:Müller;Jörg;;;\nORG:Apple Computer AG;\nNOTE:HQ\nX-ABShowAs:COMPANY")
    assert with_person.name == "Apple Computer AG"
    assert with_person.note == "Contact person: Jörg Müller\n\nHQ"
    kind_org = one("KIND:org\nN:;;;;\nNICKNAME:ACME\nORG:Acme Inc.;Sales", "4.0")
    assert kind_org.name == "Acme Inc."
    fn_is_the_person = one("FN:Jörg Müller\nN:Müller;Jörg;;;\nORG:Apple\nX-ABShowAs:COMPANY")
    assert (fn_is_the_person.name, fn_is_the_person.note) == ("Jörg Müller", None)
    a_person = one("N:Müller;Jörg;;;\nNICKNAME:Jö\nORG:Apple")  # not a company card
    assert (a_person.name, a_person.note) == ("Jörg Müller", None)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("UID:urn:uuid:f81d4fae-7dec-11d0", "urn:uuid:f81d4fae-7dec-11d0"),
        ("UID:  abc-123  ", "abc-123"),
        ("UID:a\\,b\\;c", "a,b;c"),
        ("UID;VALUE=text:x@example.org", "x@example.org"),
        ("UID:\nUID:second", "second"),
        ("X-ABUID:2E4C\\:ABPerson", None),  # Apple's own id is not a UID
        ("", None),
    ],
)
def test_uid(body, expected):
    assert one(f"FN:X\n{body}").uid == expected


def test_linkedin_url_goes_first_also_from_apple_social_profiles():
    contact = one(
        "FN:Social\n"
        "URL:https://social.example\n"
        "X-SOCIALPROFILE;type=twitter:x-apple:social\n"
        "item1.X-SOCIALPROFILE;type=linkedin:http\\://www.linkedin.com/in/social"
    )
    assert contact.urls == ["http://www.linkedin.com/in/social", "https://social.example"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("FN:Given Family\nN:Other;Name;;;", "Given Family"),
        ("N:Family;Given;Additional;Prefix;Suffix", "Prefix Given Additional Family Suffix"),
        ("FN:\nN:Lovelace;Ada;;;", "Ada Lovelace"),
        ("FN:   \nN:Lovelace;Ada;King,Byron;Countess;", "Countess Ada King Byron Lovelace"),
        ("N:Lovelace;Ada", "Ada Lovelace"),  # fewer than five components
        ("N:Solo", "Solo"),
        ("FN;LANGUAGE=fr:Jean\nFN:John", "John"),
        ("FN;ALTID=1;LANGUAGE=en:Taro\nFN;ALTID=1;LANGUAGE=ja:太郎", "Taro"),
        ("N;LANGUAGE=ja:山田;太郎;;;\nN:Yamada;Taro;;;", "Taro Yamada"),
        ("N:;;;;\nNICKNAME:Nick,Other", "Nick"),
        ("N:;;;;\nORG:Acme Corp;Sales\nEMAIL:info@acme.example", "Acme Corp"),
        ("EMAIL:only@example.com", "only@example.com"),
        ("FN:  Ada   \n  Lovelace", "Ada Lovelace"),
    ],
)
def test_name_choice(body, expected):
    assert one(body).name == expected


def test_a_name_taken_from_the_email_address_is_cleaned():
    assert one("EMAIL:odd\x1cname@example.com").name == "odd name@example.com"


def test_a_card_with_no_usable_name_is_skipped():
    result = cards("FN:Named", "N:;;;;\nTEL:+1 555 0100\nNOTE:who is this?", "FN:\nN:;;;;")
    assert [c.name for c in result.contacts] == ["Named"]
    assert result.skipped == [Skipped("card 2", "no name"), Skipped("card 3", "no name")]


def test_org_title_notes_and_categories():
    contact = one(
        "FN:Org Person\n"
        "ORG:Example Corp.;North Division;Marketing\n"
        "ORG:Second Org\n"
        "ROLE:Executive\n"
        "TITLE:CEO\n"
        "NOTE:first\n"
        "NOTE:\n"
        "NOTE:second\n"
        "CATEGORIES:Business,NETWORKING, Friends \n"
        "CATEGORIES:business,Book\\, Club,#,#Hashtag"
    )
    assert contact.company == "Example Corp."
    assert contact.title == "CEO"
    assert contact.note == "first\n\nsecond"
    assert contact.tags == ["business", "networking", "friends", "book, club", "hashtag"]


def test_role_stands_in_for_a_missing_title():
    assert one("FN:R\nROLE:Treasurer").title == "Treasurer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1970-01-01", "1970-01-01"),
        ("19700101", "1970-01-01"),
        ("--0415", "--04-15"),
        ("--04-15", "--04-15"),
        ("--0229", "--02-29"),
        ("16040101", "--01-01"),
        ("1604-04-15", "--04-15"),
        ("0000-04-15", "--04-15"),
        ("1970-01-01T00:00:00Z", "1970-01-01"),
        ("19700101T000000Z", "1970-01-01"),
        (" 1985-04-15 ", "1985-04-15"),
        ("1970-02-30", None),
        ("--1301", None),
        ("circa 1800", None),
        ("1985", None),
        ("", None),
    ],
)
def test_birthday_forms(text, expected):
    assert normalise_birthday(text) == expected


def test_birthdays_in_cards():
    assert one("FN:A\nBDAY:19700101").birthday == "1970-01-01"
    assert one("FN:A\nBDAY:--0415", "4.0").birthday == "--04-15"
    assert one("FN:A\nBDAY:16040415").birthday == "--04-15"
    text_bday = one("FN:A\nNOTE:Friend.\nBDAY;VALUE=text:circa 1800", "4.0")
    assert (text_bday.birthday, text_bday.note) == (None, "Friend.\n\nBirthday: circa 1800")
    looks_like_date = one("FN:A\nBDAY;VALUE=text:1970-01-01", "4.0")
    assert (looks_like_date.birthday, looks_like_date.note) == (None, "Birthday: 1970-01-01")
    unreadable = one("FN:A\nBDAY:the 5th of May")
    assert (unreadable.birthday, unreadable.note) == (None, "Birthday: the 5th of May")


def test_groups_are_skipped():
    result = cards(
        "KIND:group\nFN:The Doe Family\nMEMBER:mailto:kid@example.com",
        "X-ADDRESSBOOKSERVER-KIND:group\nFN:Apple Group",
        "KIND:org\nFN:Acme Inc.",
        "KIND:individual\nFN:Person",
        version="4.0",
    )
    assert [c.name for c in result.contacts] == ["Acme Inc.", "Person"]
    assert result.skipped == [
        Skipped("card 1", "a group, not a person"),
        Skipped("card 2", "a group, not a person"),
    ]


def test_unknown_and_x_properties_are_ignored():
    contact = one(
        "FN:Plain\nX-SKYPE:skype\nX-JABBER:jab\nIMPP:xmpp:a@b\nGEO:1;2\nADR:;;Street;;;;\n"
        "REV:20240101T000000Z\nUID:123\nNICKNAME:nick\nWHATEVER;X=1:y\nno colon line"
    )
    assert contact == ImportedContact(ref="card 1", name="Plain", uid="123")


def test_lower_case_and_spaced_markers_blank_lines_and_text_between_cards():
    text = (
        "\n\nsome junk before\nbegin:vcard\nversion:3.0\nfn:lower\nend:vcard\n\n"
        "junk between\nBEGIN : VCARD\nFN:Upper\n\nEND:VCARD  \n"
    )
    result = parse(text.encode(), "vcard")
    assert [(c.ref, c.name) for c in result.contacts] == [("card 1", "lower"), ("card 2", "Upper")]


# --- damaged files -----------------------------------------------------------------------------


def refused(text: str) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        parse(text.encode(), "vcard", filename="contacts.vcf")
    return caught.value


def test_missing_end_at_end_of_file():
    error = refused("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEMAIL:b@example.com\n")
    assert error.message == "card 2 (line 4) of contacts.vcf has no END:VCARD: the file ends first"
    assert "nothing was imported" in error.hint


def test_begin_without_end():
    error = refused("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n")
    assert "card 1 (line 1)" in error.message
    assert "next BEGIN:VCARD on line 3" in error.message


def test_end_without_begin():
    error = refused("BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\nEND:VCARD\n")
    assert error.message == "END:VCARD on line 5 of contacts.vcf has no BEGIN:VCARD before it"


def test_no_cards_at_all():
    error = refused("FN:nobody\nEMAIL:x@example.com\n")
    assert "no vCard" in error.message
    assert "--format" in error.hint


def test_a_cut_short_base64_photo():
    error = refused("BEGIN:VCARD\nVERSION:2.1\nFN:A\nPHOTO;ENCODING=BASE64:\nQUJDRA\nQUJD")
    assert "card 1 (line 1)" in error.message
