"""Google Contacts CSV in both header generations (fixtures google_old.csv, google_new.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlog.importers import ImportedContact, ImportFormatError, Skipped, parse

FIXTURES = Path(__file__).parent / "fixtures" / "import"
NEW_HEADER = (
    "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,"
    "Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value"
)


def load(name: str):
    return parse((FIXTURES / name).read_bytes(), filename=name)


def google(text: str):
    return parse(text.encode(), "google", filename="contacts.csv")


def test_older_header_generation():
    result = load("google_old.csv")
    assert result.format == "google"
    assert result.contacts == [
        ImportedContact(
            ref="line 2",
            name="Radia Perlman",
            company="Packet Systems",
            title="Network Architect",
            # " ::: " splits a cell; RADIA@... duplicates radia@... ignoring case.
            emails=["radia@example.net", "perlman@example.org", "radia.home@example.com"],
            phones=["+1 555 0101", "+1 555 0102"],
            urls=["https://www.linkedin.com/in/radiaperlman", "https://radia.example"],
            tags=["networking", "friends"],  # "* myContacts" and "* starred" are system groups
            note="Spanning tree.\nMet at a conference.",
            birthday="1951-12-18",
        ),
        ImportedContact(ref="line 4", name="Vint Gray Cerf", birthday="--06-23"),
        ImportedContact(ref="line 5", name="nobody@example.com", emails=["nobody@example.com"]),
        ImportedContact(ref="line 7", name="Bob Kahn", note="Birthday: sometime in 1938"),
    ]
    # Line 2's note spans two lines, so Vint starts on line 4; line 6 has a phone only.
    assert result.skipped == [Skipped("line 6", "no name")]


def test_newer_header_generation():
    result = load("google_new.csv")
    assert result.format == "google"
    assert result.contacts == [
        ImportedContact(
            ref="line 2",
            name="Frances Elizabeth Allen",
            company="IBM Research",
            title="Fellow",
            emails=["fran@example.com"],
            phones=["+1 555 0111"],
            urls=["https://www.linkedin.com/in/frances-allen", "https://fran.example"],
            tags=["work", "compilers"],
            note="Compilers.",
            birthday="1932-08-04",
        ),
        ImportedContact(ref="line 3", name="Dr. Jean Sammet PhD", birthday="--03-23"),
        ImportedContact(ref="line 4", name="Grandma", phones=["+1 555 0122"]),
        ImportedContact(
            ref="line 5", name="Acme Plumbing", company="Acme Plumbing", phones=["+1 555 0133"]
        ),
    ]
    assert result.skipped == [Skipped("line 6", "no name")]


def test_name_column_wins_over_the_parts():
    result = google(
        "Name,Given Name,Family Name,E-mail 1 - Value\n"
        "Ada King,Ada,Lovelace,\n"
        ",Ada,Lovelace,\n"
        ",,,ada@example.com ::: other@example.com\n"
    )
    assert [c.name for c in result.contacts] == ["Ada King", "Ada Lovelace", "ada@example.com"]


@pytest.mark.parametrize(
    ("labels", "tags"),
    [
        ("* myContacts ::: Friends ::: * starred", ["friends"]),
        ("Friends:::Book Club :::  VIP", ["friends", "book club", "vip"]),
        ("* myContacts", []),
        ("", []),
        ("Work ::: work ::: WORK", ["work"]),
        ("# ::: #Team", ["team"]),
    ],
)
def test_labels_become_tags(labels, tags):
    [contact] = google(f'{NEW_HEADER}\nAda,,Lovelace,,,,,,"{labels}",,,,\n').contacts
    assert contact.tags == tags


def test_multiple_companies_and_titles_take_the_first():
    [contact] = google(
        f"{NEW_HEADER}\nAda,,Lovelace,,Analytical ::: Royal Society,Programmer ::: Fellow,,,,,,,\n"
    ).contacts
    assert (contact.company, contact.title) == ("Analytical", "Programmer")


def test_short_rows_and_missing_columns():
    [contact] = google(f"{NEW_HEADER}\nAda,,Lovelace\n").contacts
    assert contact == ImportedContact(ref="line 2", name="Ada Lovelace")


def test_a_non_google_file_is_refused_with_a_hint():
    with pytest.raises(ImportFormatError) as caught:
        google("name,email\nAda,ada@example.com\n")
    assert "Google Contacts header" in caught.value.message
    assert "E-mail 1 - Value" in caught.value.hint


def test_truncated_inside_a_note_is_refused():
    with pytest.raises(ImportFormatError) as caught:
        google(f'{NEW_HEADER}\nAda,,Lovelace,,,,,"A note that was cut\n')
    assert "line 2" in caught.value.message
