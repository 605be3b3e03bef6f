"""Every third-party vCard in ../shared/fixtures/vcards, read against what the file
holds (see ../shared/fixtures/README.md for what each one exercises).

The folder sits beside the repository root, not inside it: it is shared by several
checkouts and holds other projects' files under their own licences. Set
NETLOG_SHARED_FIXTURES to its path when the checkout lives elsewhere; without it the
tests here skip, they never fail for want of the folder.

Each expectation was written from the file itself (names as the card displays them,
decoded: quoted-printable, UTF-16 without BOM, 8-bit Windows bytes), not from what the
parser happened to print, so a change in the parser that loses or mangles data fails.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED_FIXTURES
from netlog.importers import FORMATS, ImportedContact, ImportFormatError, ParseResult, Skipped
from netlog.importers import parse as parse_any

REAL_VCARDS = SHARED_FIXTURES / "vcards"
NAMES = sorted(p.name for p in REAL_VCARDS.glob("*.vcf")) if REAL_VCARDS.is_dir() else []
needs_fixtures = pytest.mark.skipif(
    not REAL_VCARDS.is_dir(),
    reason=f"{REAL_VCARDS} is not there (set NETLOG_SHARED_FIXTURES to the fixtures folder)",
)


def read(name: str) -> bytes:
    path = REAL_VCARDS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {REAL_VCARDS}")
    return path.read_bytes()


def parse(name: str) -> ParseResult:
    return parse_any(read(name), filename=name)


def card(name: str, ref: str = "card 1", **fields) -> ImportedContact:
    return ImportedContact(ref=ref, name=name, **fields)


def enye(count: int) -> str:
    """``count`` Ñ separated by spaces, as the Android card's ``=C3=91=20`` runs decode."""
    return " ".join("Ñ" * count)


# The BSD licence ez-vcard's sample cards carry as their NOTE.
LICENSE = (
    'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY '
    "EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES "
    "OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT "
    "SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, "
    "INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED "
    "TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR "
    "BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN "
    "CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY "
    "WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE."
)
# Lotus Notes wrote it on one line with \n breaks and its own stray spaces ("P URPOSE").
LOTUS_NOTE = (
    'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"\n'
    "AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO , THE\n"
    "IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR P URPOSE\n"
    "ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTOR S BE\n"
    "LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR\n"
    "CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF\n"
    " SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS \n"
    "INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN\n"
    " CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)\n"
    "A RISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE\n"
    " POSSIBILITY OF SUCH DAMAGE."
)
OUTLOOK_NOTE = (
    "THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS'' AND ANY EXPRESS OR IMPLIED "
    "WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY "
    "AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL GEORGE "
    "EL-HADDAD OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, "
    "EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF "
    "SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) "
    "HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, "
    "OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS "
    "SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE."
)
IBM_PHONES = [f"905-{n}-1234" for n in ("555", "666", "777", "888", "999", "111", "222")]

# What each file yields, contact by contact and field by field.
EXPECTED: dict[str, list[ImportedContact]] = {
    "ezvcard__John_Doe_ANDROID.vcf": [
        # The first two cards have neither N nor FN: the e-mail address names them.
        card("john.doe@company.com", emails=["john.doe@company.com"], tags=["my contacts"]),
        card(
            "jane.doe@company.com",
            "card 2",
            emails=["jane.doe@company.com"],
            tags=["my contacts"],
        ),
        card(enye(5), "card 3", phones=["123456789"], tags=["my contacts"]),
        card(
            enye(11),  # across a soft line break: "=C3=91=" + "=20=C3=91..."
            "card 4",
            phones=["123456", "234567", "3456789", "45678901"],
            tags=["my contacts"],
            # Each NOTE is three soft-broken lines whose breaks fall between two Ñ.
            note=f"{enye(8)}{enye(8)}{enye(5)}\n\n{enye(8)}{enye(8)}{enye(5)}",
        ),
        card(
            enye(4),
            "card 5",
            company="Ñ" * 12,  # the first of two ORGs
            emails=["bob@company.com", "Ñ" * 14],  # a QP EMAIL that is no address, kept
            phones=["123456"],  # cell, work and work fax are the same number
            urls=["www.company.com", "http://www.company.com"],
        ),
        card(
            "ÑÑÑÑ",
            "card 6",
            company="Ñ" * 44,  # its soft break is followed by an empty line
            emails=["henry@company.com"],
            phones=["55556666"],
            tags=["my contacts"],
        ),
    ],
    "ezvcard__John_Doe_BLACK_BERRY.vcf": [
        card("John Doe", company="Acme Solutions", phones=["+96123456789"]),
    ],
    "ezvcard__John_Doe_EVOLUTION.vcf": [
        card(
            "Mr. John Richter, James Doe Sr.",
            company="IBM",
            title="Money Counter",
            emails=["john.doe@ibm.com"],  # folded in the middle of the address
            phones=["905-666-1234", "905-555-1234"],
            urls=["http://www.ibm.com"],
            tags=["vip"],
            note=LICENSE,
            birthday="1980-03-22",
            uid="477343c8e6bf375a9bac1f96a5000837",
        ),
    ],
    "ezvcard__John_Doe_GMAIL.vcf": [
        card(
            "Mr. John Richter, James Doe Sr.",
            company="IBM",
            title="Money Counter",
            emails=["john.doe@ibm.com"],
            phones=["905-555-1234", "905-666-1234"],
            urls=["http://www.ibm.com"],  # written http\://
            note=LICENSE + "\nFavotire Color: Blue",  # \" is a quote
            birthday="1980-03-22",
        ),
    ],
    "ezvcard__John_Doe_IPHONE.vcf": [
        card(
            "Mr. John Richter James Doe Sr.",
            company="IBM",
            title="Money Counter",
            emails=["john.doe@ibm.com"],
            phones=IBM_PHONES,  # the last one is item2.TEL, labelled AssistantPhone
            urls=["http://www.ibm.com"],
            birthday="2012-06-06",
        ),
    ],
    "ezvcard__John_Doe_LOTUS_NOTES.vcf": [
        card(
            "Mr. Doe John I Johny",
            company="IBM",
            title="Generic Accountant",  # TITLE wins over ROLE
            emails=["john.doe@ibm.com", "billy_bob@gmail.com"],
            phones=["+1 (212) 204-34456", "00-1-212-555-7777"],
            urls=["http://www.sun.com"],
            note=LOTUS_NOTE,
            birthday="1980-05-21",
            uid="0e7602cc-443e-4b82-b4b1-90f62f99a199",
        ),
    ],
    "ezvcard__John_Doe_MAC_ADDRESS_BOOK.vcf": [
        card(
            "Mr. John Richter,James Doe Sr.",
            company="IBM",
            title="Money Counter",
            emails=["john.doe@ibm.com"],
            phones=[IBM_PHONES[i] for i in (2, 1, 0, 3, 4, 5, 6)],
            urls=["http://www.ibm.com"],
            note=LICENSE + "\nFavotire Color: Blue",  # \" and \: undone
            birthday="2012-06-06",
        ),
    ],
    "ezvcard__John_Doe_MS_OUTLOOK.vcf": [
        card(
            "Mr. John Richter James Doe Sr.",
            company="IBM",
            title="Money Counter",
            emails=["john.doe@ibm.cm"],  # sic
            phones=["(905) 555-1234", "(905) 666-1234"],
            urls=["http://www.ibm.com"],
            note=OUTLOOK_NOTE,
            birthday="1980-03-22",
        ),
    ],
    "ezvcard__gmail-list.vcf": [
        card("Arnold Smith", emails=["asmithk@gmail.com"]),
        card("Chris Beatle", "card 2", emails=["chrisy55d@yahoo.com"]),
        card("Doug White", "card 3", emails=["dwhite@gmail.com"]),
    ],
    "ezvcard__outlook-2003.vcf": [
        card(
            "John Doe III",
            company="Company, The",  # an unescaped comma in ORG is part of the name
            title="The Job Title",
            emails=["jdoe@hotmail.com"],
            phones=["BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"],
            urls=["http://web-page-address.com"],
            note="This is the note field!!\nSecond line\n\nThird line is empty",
            birthday="1980-03-21",
        ),
    ],
    "ezvcard__outlook-2007.vcf": [
        card(
            "Mr. Michael Angstadt Jr.",
            company="TheCompany",
            title="TheJobTitle",
            emails=["mike.angstadt@gmail.com"],
            phones=["(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"],
            urls=["http://mikeangstadt.name"],  # URL;HOME and URL;WORK are the same
            note=(
                "This is the NOTE field\t\n"  # the tab is in the file
                "I assume it encodes this text inside a NOTE vCard type.\n"
                "But I'm not sure because there's text formatting going on here.\n"
                "It does not preserve the formatting"
            ),
            birthday="1922-03-10",
        ),
    ],
    "ezvcard__rfc2426-example.vcf": [
        card(
            "Frank Dawson",
            company="Lotus Development Corporation",
            emails=["Frank_Dawson@Lotus.com", "fdawson@earthlink.net"],
            phones=["+1-919-676-9515", "+1-919-676-9564"],
            urls=["http://home.earthlink.net/~fdawson"],
        ),
        card(
            "Tim Howes",
            "card 2",
            company="Netscape Communications Corp.",
            emails=["howes@netscape.com"],
            phones=["+1-415-937-3419", "+1-415-528-4164"],
        ),
    ],
    "ezvcard__rfc6350-example.vcf": [
        card(
            "Simon Perreault",
            company="Viagenie",
            emails=["simon.perreault@viagenie.ca"],
            phones=["+1-418-656-9254 ext. 102", "+1-418-262-6501"],  # tel: URIs
            urls=["http://nomis80.org"],
            birthday="--02-03",
        ),
    ],
    "ezvcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        card(
            "John Doe",
            company="TheOrganization",
            title="TheTitle",
            emails=[
                "doe.john@hotmail.com",
                "additional-email@company.com",
                "additional-email1@company.com",
                "additional-email2@company.com",
                "additional-email3@company.com",
            ],
            phones=["555-555-1111", "555-555-2222", "555-555-5555", "555-555-3333", "555-555-4444"],
            urls=["http://www.private-webpage.com", "http://www.work-webpage.com"],
            tags=["category1, category2, category3"],  # escaped commas: one category
            note=(
                "This is the notes field.\nSecond Line\n\nFourth Line\n"
                'You can put anything in the "note" field; even curse words.'
            ),
            birthday="1970-09-21",
        ),
    ],
    "khard__altid.vcf": [
        card(
            "altid",
            note=(
                "RFC6350 requires N to have cardinality <=1 but allows alternative "
                "representations to be included if they are linked by the ALTID parameter."
            ),
            uid="altid",
        ),
    ],
    "khard__category.vcf": [
        card("contact with category", emails=["foo@example.org"], tags=["bar"], uid="cat1"),
    ],
    "khard__contact_with_multiple_values.vcf": [
        card(
            "Dr. Mark Schröder II",
            company="Company1",
            title="Manager",
            emails=["mark@example.com", "mark@example.org"],
            phones=["0161 99999999", "090 11122200", "090 33344400", "090 55566600"],
            urls=["http://example.com", "https://example.org"],
            tags=["cat1", "cat2", "cät3", "one more"],
            note="multi-line\nnote\n\nsingle line note",
            birthday="1992-12-21",
            uid="mu5cusrwial7me8se03h6uhngag59w1uwd3g",
        ),
    ],
    "khard__korean-c.vcf": [card("최유림")],
    "khard__labels.vcf": [
        card("labeled guy", company="Test Inc", uid="51953f58-237e-429a-a271-cb47c026a895"),
    ],
    # Both NOTEs are folded where a space stood, with one space of indent: RFC 6350
    # unfolding removes exactly that one, so the words join ("encodeddata").
    "khard__photov3.vcf": [
        card(
            "with photo v3",
            note=(
                'From the RFC: ENCODING must be "b" (which enforces base64 encodeddata), '
                "TYPE may be present, but if it is present it must be a validIANA image "
                "type. The value can be the image data or an uri."
            ),
            uid="photov3",
        ),
    ],
    "khard__photov4.vcf": [
        card(
            "with photo v4",
            note="The RFC6350 for vCard 4.0 specifies that the value for PHOTO shouldbe a "
            "single uri.",
            uid="photov4",
        ),
    ],
    "khard__tel-value-uri.vcf": [
        card("bug 195", phones=["67545678"], uid="bf3lycta2gmsk1ts57owath965h38709zoyu"),
    ],
    "khard__text-bday.vcf": [
        card("text birthday", note="Birthday: circa 1800", uid="testuid3"),
    ],
    "radicale__broken-vcard.vcf": [
        card(
            "test-misses-N-or-FN@example.com",  # neither N nor FN
            emails=["test-misses-N-or-FN@example.com"],
            uid="C68582D2-2E60-0001-C2C0-000000000000.vcf",
        ),
    ],
    "radicale__contact2-with-bday.vcf": [
        card("Test-FN", birthday="1970-01-01", uid="contact2-with-bday"),
    ],
    "radicale__contact4-with-bday-no-year.vcf": [
        card(
            "Test bday without year Thunderbird CardBook",
            birthday="--01-01",  # 16040101: 1604 stands for "no year"
            uid="d0bd27f0-5c7c-4540-b9b6-91314b8361f1",
        ),
    ],
    "radicale__contact_multiple.vcf": [
        card("Contact1", uid="contact1"),
        card("Contact2", "card 2", uid="contact2"),
    ],
    "radicale__contact_multiple_v4.vcf": [
        card("Contact1", uid="contact1"),
        card("Contact2", "card 2", uid="contact2"),
    ],
    "radicale__contact_photo_with_data_uri.vcf": [card("Contact", uid="contact")],
    "radicale__contact_photo_with_data_uri_v4.vcf": [card("Contact", uid="contact")],
    "radicale__vcard-quoted-printable1.vcf": [
        card(
            "黄世勇",
            urls=["http://weibo.com/3094900433?闪闪H红星"],  # across a QP soft break
            uid="vcard-quoted-printable1",
        ),
    ],
    "roundcube__apple.vcf": [
        card("Apple Computer AG", company="Apple Computer AG", urls=["http://www.apple.ch"]),
    ],
    "roundcube__johndoe.vcf": [
        card(
            "John Doë",  # the raw byte 0xEB in CHARSET=windows-1252
            company="roundcube.net",
            emails=["inbox@roundcube.net", "roundcube@gmail.com"],
            phones=["+123456789", "+987654321"],
            note="The notes...",
        ),
    ],
    "roundcube__photo.vcf": [
        card(
            "Apple Computer AG",  # FN, and X-ABShowAs:COMPANY
            company="Apple Computer AG",
            note="Contact person: Jörg Müller",  # from N, not dropped
        ),
    ],
    "roundcube__thebat.vcf": [
        # =F1 without a charset: ń in Windows-1250, as the Polish name (the Polish
        # placeholder surname) needs; Windows-1252 would give "Iksiñski".
        card("Piotr Iksiński", emails=["piotr.iksinski@somedomain.com"]),
    ],
    "roundcube__utf-16_sample.vcf": [card("Ǽgean ĽdaMonté")],
    "vcard4android__allfields-vcard3.vcf": [
        card(
            "Ämi Display",
            company="ABC, Inc.",
            title="Director, Research and Development",
            emails=["private@example.com", "work@example.com"],
            phones=["+49 1234 56788", "+1-800-MYFAX"],
            urls=["https://www.davx5.com/", "http://www.swbyps.restaurant.french/~chezchic.html"],
            tags=["a", "b'c"],  # B\'C
            note="This fax number is operational 0800 to 1715 EST, Mon-Fri.\n\nSecond note",
            birthday="1996-04-15",  # 1996-04-15T201243+04:00
            uid="mostfields1@at.bitfire.vcard4android",
        ),
    ],
    "vcard4android__unknown-properties-with-labels.vcf": [card("Unknown property with label")],
    "vcard4android__vcard4.vcf": [card("VCard 4 Test", birthday="--04-16", uid="vcard4test")],
    "vobject__photo-test.vcf": [card("should be ok to share", phones=["+49123456789"])],
    "vobject__radicale-1587.vcf": [card("Given Family")],
    "vobject__vcard40_full.vcf": [
        card(
            "Dr. John Q. Public, III",  # the FN without LANGUAGE
            company="Example Corp.",
            title="CEO",
            emails=["john.public@example.com", "johnny@personal.example.org"],
            phones=["+1-555-555-5555", "+1-555-123-4567"],
            urls=["http://www.example.com/~jqpublic"],
            tags=["business", "networking"],
            note="This is a note about John.\nHe likes vCards.",
            birthday="1985-04-15",
            uid="urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        ),
    ],
    "vobject__vcard40_group.vcf": [],  # KIND:group only
    "vobject__vcard40_multilang.vcf": [
        card("Yamada Taro", uid="urn:uuid:multilang-vcard-example"),  # first FN: all have LANGUAGE
    ],
}
SKIPPED = {"vobject__vcard40_group.vcf": [Skipped("card 1", "a group, not a person")]}
# Files netlog refuses, and the message that names them.
REFUSED = {
    "khard__unparsable.vcf": (
        "card 1 (line 1) of khard__unparsable.vcf has no END:VCARD: the file ends first"
    ),
}


@needs_fixtures
def test_every_real_vcard_file_is_listed():
    assert sorted([*EXPECTED, *REFUSED]) == NAMES


@needs_fixtures
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_vcard_file(name):
    result = parse(name)
    assert result.format == "vcard"
    assert result.contacts == EXPECTED[name]
    assert result.skipped == SKIPPED.get(name, [])


@needs_fixtures
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_real_vcard_file_refused_by_name(name):
    with pytest.raises(ImportFormatError) as caught:
        parse(name)
    assert caught.value.message == REFUSED[name]
    assert "nothing was imported" in caught.value.hint


# --- damaged copies never raise anything but ImportFormatError ---------------------------------


@needs_fixtures
@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(NAMES or ["none"]),
    fmt=st.sampled_from([None, *FORMATS]),
    edits=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=4)), max_size=6),
    cut=st.floats(0, 1),
)
def test_damaged_copies_of_every_file(name, fmt, edits, cut):
    data = bytearray(read(name))
    for where, replacement in edits:
        at = int(where * len(data))
        data[at : at + len(replacement)] = replacement
    del data[int(cut * len(data)) :]
    try:
        result = parse_any(bytes(data), fmt, filename=name)
    except ImportFormatError as error:
        assert error.message and error.hint
        return
    for contact in result.contacts:
        assert contact.name and contact.name == " ".join(contact.name.split())
