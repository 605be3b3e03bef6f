"""Third-party CSV exports (../shared/fixtures/csv) read against what each file holds,
and the import defects found with them, each written from its repro.

Expectations were written by reading the files themselves (see
../shared/fixtures/README.md): names, e-mails, phones with the label their column
gives, companies, titles and birthdays. The shared folder sits beside the repository
root; NETLOG_SHARED_FIXTURES overrides it; without it the fixture tests skip.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED_FIXTURES, query, snapshot
from netlog.importers import ImportedContact, ImportFormatError, ParseResult, parse
from netlog.importers.outlook import parse_outlook
from netlog.importers.thunderbird import parse_thunderbird

PROPERTY = settings(max_examples=200, deadline=None)


REAL_CSVS = SHARED_FIXTURES / "csv"


def read(name: str) -> bytes:
    path = REAL_CSVS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {REAL_CSVS} (set NETLOG_SHARED_FIXTURES)")
    return path.read_bytes()


def parsed(name: str) -> ParseResult:
    return parse(read(name), filename=name)


def labels(contact: ImportedContact) -> dict[str, list[tuple[str, str | None]]]:
    """Each kind's values paired with their labels (None where the file gives none)."""

    def pairs(values: list[str], tags: list[str | None]) -> list[tuple[str, str | None]]:
        return [(v, tags[n] if n < len(tags) else None) for n, v in enumerate(values)]

    return {
        "emails": pairs(contact.emails, contact.email_labels),
        "phones": pairs(contact.phones, contact.phone_labels),
        "urls": pairs(contact.urls, contact.url_labels),
    }


# --- each fixture file, against what it holds --------------------------------------------------


def test_outlook_fixture_three_addresses_and_no_name_column():
    result = parsed("roundcube__outlook.csv")
    assert result.format == "outlook"
    [contact] = result.contacts
    # No name column at all: the first address names the contact, as for a vCard.
    assert contact == ImportedContact(
        "line 2",
        "test1@domain.tld",
        emails=["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"],
    )
    assert labels(contact)["emails"] == [(e, None) for e in contact.emails]
    assert result.skipped == [] and result.ignored == [] and result.notes == []


def test_thunderbird_fixture_every_field():
    result = parsed("roundcube__tb_plain.csv")
    assert result.format == "thunderbird"
    [contact] = result.contacts
    assert contact == ImportedContact(
        "line 2",
        "Firstname Lastname",
        company="Organization",
        title="title",
        emails=["test@domain.tld", "next@domain.tld"],  # Primary Email first
        phones=["mobile", "phone work", "phone home", "pager", "fax"],
        urls=["http://page.com", "http://webpage.tld"],
        birthday="1970-11-15",  # Birth Year, Birth Month, Birth Day
    )
    assert labels(contact)["phones"] == [
        ("mobile", "mobile"),
        ("phone work", "work"),
        ("phone home", "home"),
        ("pager", "pager"),
        ("fax", "fax"),
    ]
    assert labels(contact)["urls"] == [("http://page.com", "work"), ("http://webpage.tld", "home")]
    # Addresses and the department are not kept; the trailing unnamed column is empty.
    assert result.ignored == [
        "Home Address", "Home City", "Home State", "Home ZipCode", "Home Country",
        "Work Address", "Work City", "Work State", "Work ZipCode", "Work Country",
        "Department",
    ]  # fmt: skip


def test_gmail_fixture_old_header_generation():
    result = parsed("roundcube__gmail.csv")
    assert result.format == "google"
    [contact] = result.contacts
    assert contact == ImportedContact(
        "line 2",
        "Prefix Firstname Middle Lastname Suffix",  # the Name column, as written
        company="company",
        title="jobtitle",
        emails=["home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com"],
        phones=["pager", "mainphone", "homephone", "homefax", "mobile", "workphone", "workfax"],
        urls=["test.com", "home.page.com"],
        tags=["test"],  # "* My Contacts" is Google's own group
        note='note"note',
        birthday="1975-12-12",
    )
    assert labels(contact) == {
        "emails": [
            ("home@aaa.pl", "home"),  # "* Home"
            ("work@email.pl", "work"),
            ("unknown@email.com", None),  # an empty type
            ("other@email.com", "other"),
        ],
        "phones": [
            ("pager", "pager"), ("mainphone", "main"), ("homephone", "home"),
            ("homefax", "fax"), ("mobile", "mobile"), ("workphone", "work"),
            ("workfax", "fax"),
        ],
        "urls": [("test.com", "profile"), ("home.page.com", "home")],
    }  # fmt: skip
    assert "Relation 1 - Value" in result.ignored
    assert "Address 1 - Formatted" in result.ignored
    assert "Name Prefix" not in result.ignored  # read (as part of the name)


def test_google_fixture_new_header_generation():
    result = parsed("rolomind__google.csv")
    assert result.format == "google"
    expected = [
        ("John Doe", "Acme Corp", "CEO", "john@example.com", [("+1-555-0123", "work")],
         ["https://acme.com"]),
        ("Jane Smith", "Tech Co", "CTO", "jane@example.com", [("+1-555-0124", "work")], []),
        ("Bob Wilson", "Startup Inc", "Founder", "bob@startup.com", [],
         ["https://startup.com"]),
        ("Alice Brown", "AI Labs", "Director", "alice.brown@email.com",
         [("+1-555-0125", "mobile")], ["https://ailabs.com"]),
    ]  # fmt: skip
    got = [
        (c.name, c.company, c.title, *c.emails, labels(c)["phones"], c.urls)
        for c in result.contacts
    ]
    assert got == expected
    assert [c.ref for c in result.contacts] == ["line 2", "line 3", "line 4", "line 5"]
    assert all(c.birthday is None for c in result.contacts)
    # "Website 1 - Label" says "Website": no label.
    assert all(c.url_labels == [] for c in result.contacts)
    assert result.ignored == ["Address 1 - Label", "Address 1 - Formatted"]


def test_linkedin_fixture():
    result = parsed("rolomind__linkedin.csv")
    assert result.format == "linkedin"
    got = [(c.name, c.company, c.title, c.emails, c.urls, c.met_on.isoformat()) for c in
           result.contacts]  # fmt: skip
    assert got == [
        ("John Doe", "Acme Corp", "CEO", ["john@example.com"],
         ["https://linkedin.com/in/johndoe"], "2024-01-15"),
        ("Jane Smith", "Tech Co", "CTO", ["jane@example.com"],
         ["https://linkedin.com/in/janesmith"], "2024-02-20"),
        ("Bob Wilson", "Startup Inc", "Founder", [],
         ["https://linkedin.com/in/bobwilson"], "2023-03-10"),
        ("Alice Brown", "AI Labs", "Director of Engineering", ["alice.brown@email.com"],
         ["https://linkedin.com/in/alicebrown"], "2023-12-25"),
        ("Charlie Davis", "Stealth", "Co-founder", ["charlie@startup.com"],
         ["https://linkedin.com/in/charliedavis"], "2025-05-05"),
    ]  # fmt: skip
    assert all(c.birthday is None and c.phones == [] for c in result.contacts)
    assert result.ignored == []


# --- the defects, each from its repro ----------------------------------------------------------

OUTLOOK_HEADER = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department",'
    '"Job Title","Business Street","Business Phone","Home Phone","Mobile Phone",'
    '"Other Phone","Birthday","Categories","E-mail Address","E-mail Type",'
    '"E-mail Display Name","E-mail 2 Address","Notes","Priority","Sensitivity","Web Page",'
    '"Personal Web Page"'
)


def outlook(*rows: str) -> ParseResult:
    return parse("\r\n".join([OUTLOOK_HEADER, *rows, ""]).encode(), filename="outlook.csv")


def test_outlook_title_is_the_honorific_not_the_job():
    result = outlook(
        '"Ms.","Zoë","","Müller","","Acme","","Engineer","","+1 555 0100","+1 555 0101",'
        '"+1 555 0102","+1 555 0103","3/22/1980","Friends;Work","zoe@example.com","SMTP",'
        '"Zoë Müller (zoe@example.com)","zoe@home.example","a note","Normal","Normal",'
        '"https://zoe.example","https://home.zoe.example"'
    )
    assert result.format == "outlook"
    [zoe] = result.contacts
    assert zoe.title == "Engineer"  # Job Title, never "Ms."
    assert zoe.name == "Zoë Müller"  # the honorific is not the first name either
    assert zoe.company == "Acme"
    assert zoe.birthday == "1980-03-22"
    assert zoe.tags == ["friends", "work"]
    assert zoe.note == "a note"
    assert labels(zoe) == {
        "emails": [("zoe@example.com", None), ("zoe@home.example", None)],
        "phones": [
            ("+1 555 0102", "mobile"),
            ("+1 555 0100", "work"),
            ("+1 555 0101", "home"),
            ("+1 555 0103", "other"),
        ],
        "urls": [("https://zoe.example", None), ("https://home.zoe.example", "home")],
    }
    # Title held a value netlog does not keep; E-mail Type and the default Priority
    # and Sensitivity are Outlook's bookkeeping, not worth a word.
    assert result.ignored == ["Title"]


def test_outlook_blank_birthday_and_file_as():
    header = "First Name,Last Name,File As,E-mail Address,Birthday,Anniversary,Gender"
    text = "\n".join(
        [
            header,
            ',,"Müller, Hans",hans@example.com,0/0/00,0/0/00,Unspecified',
            'Ada,Lovelace,"Lovelace, Ada",ada@example.com,12/10/1815,,',
            ",,,nobody@example.com,not a date,,",
        ]
    )
    result = parse(text.encode(), filename="outlook.csv")
    assert result.format == "outlook"
    hans, ada, nobody = result.contacts
    assert (hans.name, hans.birthday) == ("Hans Müller", None)
    assert (ada.name, ada.birthday) == ("Ada Lovelace", "1815-12-10")
    assert (nobody.name, nobody.note) == ("nobody@example.com", "Birthday: not a date")
    assert result.ignored == []  # 0/0/00 and Unspecified are Outlook's "nothing"


def test_google_made_outlook_csv():
    header = (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
        "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
        "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,"
        "Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,"
        "Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,"
        "Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,"
        "Business City,Business State,Business Postal Code,Business Country/Region,"
        "Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,"
        "Other City,Other State,Other Postal Code,Other Country/Region,Personal Web Page,"
        "Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes"
    )
    cells = dict.fromkeys(header.split(","), "")
    cells.update(
        {
            "First Name": "Hans", "Last Name": "Müller", "Title": "Dr.", "Suffix": "Jr.",
            "E-mail Address": "hans@example.com", "E-mail 3 Address": "h@example.org",
            "Home Phone": "+49 30 1", "Business Phone": "+49 30 2", "Job Title": "CTO",
            "Company": "Beispiel GmbH", "Personal Web Page": "https://hans.example",
            "Birthday": "1970-01-31", "Notes": 'He said \\"hi\\"', "Spouse": "Greta",
        }
    )  # fmt: skip
    text = header + "\n" + ",".join(cells.values()) + "\n"
    result = parse(text.encode(), filename="contacts.csv")
    assert result.format == "outlook"
    [hans] = result.contacts
    assert (hans.name, hans.title, hans.company) == ("Hans Müller Jr.", "CTO", "Beispiel GmbH")
    assert hans.emails == ["hans@example.com", "h@example.org"]
    assert labels(hans)["phones"] == [("+49 30 2", "work"), ("+49 30 1", "home")]
    assert labels(hans)["urls"] == [("https://hans.example", "home")]
    assert hans.birthday == "1970-01-31"
    assert hans.note == 'He said "hi"'
    assert result.ignored == ["Title", "Spouse"]


def test_outlook_with_semicolons():
    text = (
        "First Name;Last Name;Job Title;E-mail Address;Mobile Phone;Home Phone\n"
        "Ada;L;Eng;a@b.c;1;2\n"
    )
    [ada] = parse(text.encode(), filename="x.csv").contacts
    assert (ada.name, ada.title, labels(ada)["phones"]) == (
        "Ada L",
        "Eng",
        [("1", "mobile"), ("2", "home")],
    )


TB_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Job Title,Department,"
    "Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Notes,"
)


def test_thunderbird_primary_email_and_birthday():
    text = "\n".join(
        [
            TB_HEADER,
            "Ada,Lovelace,Ada L.,,ada@example.com,,,,,,,,,,,,,1815,12,10,,,",
            ",,Grace,,grace@example.com,g@example.org,,,,,,,,,,,,,4,15,,,",
            ",,,,only@example.com,,,,,,,,,,,,,1970,,,,,",
        ]
    )
    result = parse(text.encode(), filename="tb.csv")
    assert result.format == "thunderbird"
    ada, grace, only = result.contacts
    assert (ada.name, ada.emails, ada.birthday) == (
        "Ada Lovelace",
        ["ada@example.com"],
        "1815-12-10",
    )
    # Birth Day without a year is --MM-DD, never a date in the year 15.
    assert (grace.name, grace.emails, grace.birthday) == (
        "Grace",
        ["grace@example.com", "g@example.org"],
        "--04-15",
    )
    assert (only.name, only.birthday, only.note) == ("only@example.com", None, "Birthday: 1970-?-?")


def test_one_non_utf8_byte_leaves_the_other_accents_alone():
    good = "name,company\nZoë Müller,Café Crème\nJosé Núñez,Ångström AB\n".encode()
    bad = b"Ren\xe9" + " Dupont,Société\n".encode()  # cp1252 é, then UTF-8 é
    result = parse(good + bad + "Łukasz Żółw,Kraków\n".encode(), filename="mixed.csv")
    names = [(c.name, c.company) for c in result.contacts]
    assert names == [
        ("Zoë Müller", "Café Crème"),
        ("José Núñez", "Ångström AB"),
        ("René Dupont", "Société"),
        ("Łukasz Żółw", "Kraków"),
    ]
    assert result.notes == ["line 4: not UTF-8, read as Windows-1252"]


def test_utf16_with_bom_still_reads():
    text = "name,company\r\nZoë Müller,Café\r\n"
    result = parse(text.encode("utf-16"), filename="u16.csv")
    assert [(c.name, c.company) for c in result.contacts] == [("Zoë Müller", "Café")]
    assert result.notes == []


def test_linkedin_urn_is_not_an_email():
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,urn:li:member:664293716,Acme,Eng,"
        "09 Oct 2024\n"
    )
    [ada] = parse(text.encode()).contacts
    assert ada.emails == []


def test_google_last_first_name_is_turned_round():
    text = (
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Group Membership,Notes\n"
        '"Müller, Hans",Hans,Müller,* Work,hans@example.com,'
        "Imported on 11/24 ::: * myContacts ::: * starred ::: Imported 11/24/25 ::: Friends,"
        '"Says \\""hi\\"""\n'  # the cell: Says \"hi\" (CSV doubles the quotes)
        '"Smith, Jones & Co",,,,info@example.com,,\n'
    )
    result = parse(text.encode(), filename="google.csv")
    hans, firm = result.contacts
    assert hans.name == "Hans Müller"
    assert hans.name.split()[0] == "Hans"  # how the scheduler greets him
    assert hans.tags == ["friends"]  # Google's own groups are not tags
    assert hans.note == 'Says "hi"'
    assert labels(hans)["emails"] == [("hans@example.com", "work")]
    assert firm.name == "Smith, Jones & Co"  # nothing says it is "Last, First"


def test_google_file_as_confirms_last_first():
    text = 'Name,File As,E-mail 1 - Value\n"Müller, Hans","Müller, Hans",h@example.com\n'
    [hans] = parse(text.encode()).contacts
    assert hans.name == "Hans Müller"


def test_ignored_columns_listed_once_per_file():
    text = "name,email,shoe size,colour,empty\nAda,a@b.c,38,,\nGrace,g@b.c,39,blue,\nAl,,,,\n"
    result = parse(text.encode(), filename="people.csv")
    assert result.ignored == ["shoe size", "colour"]


def test_unknown_csv_is_refused_by_name():
    with pytest.raises(ImportFormatError) as caught:
        parse(b"a,b,c,d,e,f,g,h\n1,2,3,4,5,6,7,8\n", filename="mystery.csv")
    assert caught.value.message == (
        "mystery.csv is a CSV netlog does not recognise (header: a, b, c, d, e, f…)"
    )
    assert caught.value.hint.startswith("pass --format csv with netlog's column names")
    assert caught.value.hint.endswith("see the README")


def test_other_formats_refused_by_name():
    with pytest.raises(ImportFormatError) as caught:
        parse(b"dn: cn=Ada,mail=ada@example.com\ncn: Ada\n", filename="abook.ldif")
    assert "LDIF" in caught.value.message
    with pytest.raises(ImportFormatError) as caught:
        parse(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 10, filename="contacts.xlsx")
    assert caught.value.message == "contacts.xlsx is an Excel workbook, not a CSV"


def test_vcard_type_labels():
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n"
        "EMAIL;TYPE=INTERNET,WORK,PREF:ada@work.example\r\nEMAIL;TYPE=internet:ada@x.example\r\n"
        "TEL;TYPE=CELL:1\r\nTEL;TYPE=WORK;TYPE=FAX:2\r\nTEL;HOME;VOICE:3\r\n"
        "URL;TYPE=home:https://ada.example\r\nEND:VCARD\r\n"
    )
    [ada] = parse(card.encode()).contacts
    assert labels(ada) == {
        "emails": [("ada@work.example", "work"), ("ada@x.example", None)],
        "phones": [("1", "mobile"), ("2", "fax"), ("3", "home")],
        "urls": [("https://ada.example", "home")],
    }


# --- end to end through the CLI ----------------------------------------------------------------


def test_cli_import_keeps_labels_and_reports_ignored_columns(cli, db_path, tmp_path):
    path = tmp_path / "outlook.csv"
    row = (
        '"Ms.","Zoë","","Müller","","Acme","","Engineer","","+1 555 0100","","+1 555 0102",'
        '"","0/0/00","","zoe@example.com","SMTP","","","","Normal","Normal","",""'
    )
    second = row.replace("Zoë", "Ren\udce9").replace("zoe@", "rene@")
    data = (OUTLOOK_HEADER + "\n" + row + "\n").encode() + second.encode("utf-8", "surrogateescape")
    path.write_bytes(data + b"\n")
    run = cli("import", str(path))
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"Imported {path} (outlook): 2 new, 0 updated, 0 unchanged, 0 skipped"
    ]
    stderr = run.stderr.splitlines()
    assert stderr.count(f"{path}: ignored columns: Title") == 1
    assert f"{path} line 3: not UTF-8, read as Windows-1252" in stderr
    assert query(db_path, "SELECT name, title FROM contact ORDER BY id") == [
        ("Zoë Müller", "Engineer"),
        ("René Müller", "Engineer"),
    ]
    assert query(
        db_path,
        "SELECT kind, value, label, preferred FROM contact_channel WHERE contact_id = 1 "
        "ORDER BY id",
    ) == [
        ("email", "zoe@example.com", None, 1),
        ("phone", "+1 555 0102", "mobile", 1),
        ("phone", "+1 555 0100", "work", 0),
    ]
    as_json = json.loads(cli("import", str(path), "--json", "--dry-run").stdout)
    [entry] = as_json["files"]
    assert entry["format"] == "outlook"
    assert entry["ignored_columns"] == ["Title"]
    assert entry["notes"] == ["line 3: not UTF-8, read as Windows-1252"]


def test_cli_refuses_an_unknown_csv_with_one_line(cli, db_path, tmp_path):
    cli("list")  # the database exists before the refusal
    before = snapshot(db_path)
    path = tmp_path / "mystery.csv"
    path.write_bytes(b"a,b,c\n1,2,3\n")
    run = cli("import", str(path))
    assert run.exit_code == 1
    assert run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith(f"Error: {path} is a CSV netlog does not recognise (header: a, b, c)")
    assert "--format csv" in line and "Traceback" not in run.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("name", ["roundcube__tb_plain.csv", "roundcube__outlook.csv"])
def test_cli_imports_the_fixture_files(cli, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(read(name))
    run = cli("import", str(path))
    assert run.exit_code == 0, run.stderr
    fmt = "thunderbird" if "tb_" in name else "outlook"
    assert run.stdout.splitlines() == [
        f"Imported {path} ({fmt}): 1 new, 0 updated, 0 unchanged, 0 skipped"
    ]


# --- never another exception -------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        OUTLOOK_HEADER, TB_HEADER, "\n", "\r\n", ",", ";", '"', '""', "0/0/00", "2/30/1999",
        "13/45/99", "12/31/1", "1970", "02", "29", "99999999999", "Müller, Hans", "a@b.c",
        "urn:li:member:1", "Imported on 11/24", "* starred", "\\\"", "\x0b", "é", "\udce9",
    ]
)  # fmt: skip


def _outcome(parser: object, data: bytes) -> None:
    """Data or ImportFormatError, never another exception (through parse() so the
    bytes are decoded as they would be)."""
    fmt = "outlook" if parser is parse_outlook else "thunderbird"
    try:
        result = parse(data, fmt, filename="x.csv")
    except ImportFormatError as error:
        assert error.message and error.hint
        return
    assert result.format == fmt
    for contact in result.contacts:
        assert contact.name == " ".join(contact.name.split()) and contact.name
        assert len(contact.phone_labels) in (0, len(contact.phones))
        assert len(contact.url_labels) in (0, len(contact.urls))


@PROPERTY
@given(st.binary(max_size=2000), st.sampled_from([parse_outlook, parse_thunderbird]))
def test_any_bytes_to_outlook_and_thunderbird(data, parser):
    _outcome(parser, data)


@PROPERTY
@given(
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=60),
    st.sampled_from([parse_outlook, parse_thunderbird]),
)
def test_format_fragments_to_outlook_and_thunderbird(parts, parser):
    _outcome(parser, "".join(parts).encode("utf-8", "surrogateescape"))
    _outcome(parser, "".join(parts).encode("cp1252", "replace"))


@PROPERTY
@given(
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=60),
    st.sampled_from([parse_outlook, parse_thunderbird]),
)
def test_the_parsers_themselves_on_any_text(parts, parser):
    try:
        result = parser("".join(parts), "x.csv")
    except ImportFormatError as error:
        assert error.message and error.hint
        return
    assert isinstance(result, ParseResult)
