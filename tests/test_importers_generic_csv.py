"""A plain CSV whose header names netlog's fields (fixtures generic*.csv)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netlog.importers import ImportedContact, ImportFormatError, Skipped, parse

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def load(name: str):
    return parse((FIXTURES / name).read_bytes(), filename=name)


def plain(text: str):
    return parse(text.encode(), "csv", filename="people.csv")


def test_all_fields():
    result = load("generic.csv")
    assert result.format == "csv"
    assert result.contacts == [
        ImportedContact(
            ref="line 2",
            name="Ada Lovelace",
            company="Analytical Engines",
            title="Programmer",
            emails=["ada@example.com", "ada.l@example.org"],
            phones=["+44 20 7946 0000"],
            urls=["https://ada.example"],
            tags=["python", "math", "history"],
            note="Met at the meetup.\nWants an intro to Charles.",
            birthday="1815-12-10",
            met="PyCon",
            met_on=date(2024, 5, 17),
        ),
        # "not a date" in met_on: kept without a date.
        ImportedContact(
            ref="line 4",
            name="Charles Babbage",
            emails=["charles@example.com"],
            birthday="--12-26",
        ),
        # An impossible birthday is kept in the note rather than lost.
        ImportedContact(
            ref="line 6",
            name="Grace Hopper",
            company="US Navy",
            title="Rear Admiral",
            note="Birthday: 1906-13-09",
        ),
    ]
    assert result.skipped == [Skipped("line 5", "no name")]


def test_semicolons_and_first_last_columns():
    result = load("generic_semicolon.csv")
    assert result.format == "csv"
    assert result.contacts == [
        ImportedContact(
            ref="line 2",
            name="Margaret Hamilton",
            company="Apollo Software",
            title="Director",
            emails=["margaret@example.com"],
        ),
        ImportedContact(ref="line 3", name="Ken", company="Bell Labs", emails=["ken@example.com"]),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "name,email,met_on",
        "Name,Email,Met On",
        "NAME,EMAILS,MET-ON",
        " name , e-mail , met_on ",
        "Full Name,E-mail Address,metOn",
    ],
)
def test_header_spelling_does_not_matter(header):
    [contact] = plain(f"{header}\nAda Lovelace,ada@example.com,2024-05-17\n").contacts
    assert (contact.name, contact.emails, contact.met_on) == (
        "Ada Lovelace",
        ["ada@example.com"],
        date(2024, 5, 17),
    )


def test_tab_separated():
    [contact] = plain("name\ttags\nAda Lovelace\tmath;history\n").contacts
    assert contact.tags == ["math", "history"]


def test_list_cells_and_unknown_columns():
    [contact] = plain(
        "name,shoe size,email,emails,phone,url,tags\n"
        'Ada,38,"Ada <ada@example.com>, not-an-email","mailto:ADA@example.com ada2@example.com",'
        '"+1 555 0100; +1 555 0101","https://a.example https://www.linkedin.com/in/ada",'
        '"#Python, Math ;; math"\n'
    ).contacts
    assert contact.emails == ["ada@example.com", "ada2@example.com"]
    assert contact.phones == ["+1 555 0100", "+1 555 0101"]
    assert contact.urls == ["https://www.linkedin.com/in/ada", "https://a.example"]
    assert contact.tags == ["python", "math"]


def test_no_recognisable_header_lists_the_columns():
    with pytest.raises(ImportFormatError) as caught:
        plain("foo,bar,baz\n1,2,3\n")
    assert caught.value.message == "people.csv has no recognisable header"
    for column in ("name", "first_name", "company", "email", "tags", "met_on"):
        assert column in caught.value.hint


def test_a_header_without_a_name_column_is_refused():
    with pytest.raises(ImportFormatError) as caught:
        plain("email,company\nada@example.com,Acme\n")
    assert caught.value.message == "people.csv has no name column"
    assert "first_name" in caught.value.hint


def test_rows_without_a_name_are_skipped():
    result = plain("first_name,last_name,email\n,,ghost@example.com\nAda,,\n,Lovelace,\n")
    assert [c.name for c in result.contacts] == ["Ada", "Lovelace"]
    assert result.skipped == [Skipped("line 2", "no name")]
