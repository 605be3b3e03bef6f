"""LinkedIn Connections.csv: every export generation, messy rows, dates, speed.

The fixtures in tests/fixtures/import/linkedin_*.csv are invented people written the
way LinkedIn's exports are: CRLF, the ``Notes:`` preamble, quoted cells, old dates.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from netlog.importers import ImportedContact, ImportFormatError, Skipped, parse
from netlog.importers.datetext import parse_connected_on

FIXTURES = Path(__file__).parent / "fixtures" / "import"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MET = "Connected on LinkedIn"


def load(name: str, fmt: str | None = None):
    return parse((FIXTURES / name).read_bytes(), fmt, filename=name)


def linkedin(text: str):
    return parse(text.encode(), "linkedin", filename="Connections.csv")


def person(ref: str, name: str, **fields) -> ImportedContact:
    return ImportedContact(ref=ref, name=name, met=MET, **fields)


# --- the export generations ------------------------------------------------------------------


def test_current_export_with_preamble():
    result = load("linkedin_current.csv")
    assert result.format == "linkedin"
    assert result.skipped == []
    assert result.contacts == [
        person(
            "line 6",
            "Ada Lovelace",
            company="Analytical Engines Ltd",
            title="Chief Programmer",
            emails=["ada@analytical.example"],
            urls=["https://www.linkedin.com/in/ada-lovelace-0815"],
            met_on=date(2024, 10, 9),
        ),
        person(
            "line 7",
            "Charles Babbage",
            company="Difference Engines",
            title="Founder",
            urls=["https://www.linkedin.com/in/cbabbage"],
            met_on=date(2023, 2, 1),
        ),
        person(
            "line 8",
            "Grace Hopper",
            company="US Navy, Reserve",
            title="Rear Admiral",
            urls=["https://www.linkedin.com/in/gracehopper"],
            met_on=date(2019, 12, 31),
        ),
    ]


def test_export_with_the_preamble_deleted_and_a_bom():
    assert (FIXTURES / "linkedin_no_preamble.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    result = load("linkedin_no_preamble.csv")
    assert result.format == "linkedin"
    assert result.contacts == [
        person(
            "line 2",
            "Hedy Lamarr",
            company="Frequency Hopping Inc",
            title="Inventor",
            emails=["hedy@example.com"],
            urls=["https://www.linkedin.com/in/hedylamarr"],
            met_on=date(2022, 3, 14),
        ),
        person(
            "line 3",
            "Claude Shannon",
            company="Bell Labs",
            title="Researcher",
            urls=["https://www.linkedin.com/in/cshannon"],
            met_on=date(2016, 4, 30),
        ),
    ]


def test_older_export_without_url_and_with_us_dates():
    result = load("linkedin_old.csv")
    assert result.format == "linkedin"
    assert result.skipped == []
    assert result.contacts == [
        person(
            "line 2",
            "Alan Turing",
            company="Bletchley Park",
            title="Cryptanalyst",
            emails=["alan@bletchley.example"],
            met_on=date(2018, 1, 8),
        ),
        person(
            "line 3",
            "Joan Clarke",
            company="Bletchley Park",
            title="Cryptanalyst",
            met_on=date(2018, 1, 8),
        ),
        person(
            "line 4",
            "Tommy Flowers",
            company="General Post Office",
            title="Engineer",
            met_on=date(2017, 12, 31),
        ),
        # "13/45/18, 6:14 PM" is no date: the contact is kept without one.
        person("line 5", "Dilly Knox"),
    ]


def test_quoted_commas_and_doubled_quotes():
    result = load("linkedin_quoting.csv")
    assert [(c.name, c.company, c.title) for c in result.contacts] == [
        ("Maria Goslee, CPA", "Goslee & Partners, LLC", "Partner, Tax"),
        ('James "Tyler" Brennan', 'The "Best" Widgets', "Sales"),
    ]
    assert [c.met_on for c in result.contacts] == [date(2021, 3, 3), date(2022, 6, 15)]


def test_rows_without_a_name_are_skipped_with_their_line():
    result = load("linkedin_no_names.csv")
    assert [c.name for c in result.contacts] == ["Edsger Dijkstra"]
    assert result.contacts[0].ref == "line 3"
    # Line 4 is blank: not a row, not counted.
    assert result.skipped == [
        Skipped("line 2", "no name"),
        Skipped("line 5", "no name"),
        Skipped("line 6", "no name"),
    ]


def test_stray_whitespace_is_trimmed():
    result = load("linkedin_whitespace.csv")
    assert result.contacts == [
        person(
            "line 2",
            "Barbara Liskov",
            company="Massachusetts Institute of Technology",
            title="Professor",
            emails=["barbara@mit.example"],
            urls=["https://www.linkedin.com/in/bliskov"],
            met_on=date(2021, 11, 10),
        ),
        person(
            "line 3",
            "Niklaus Wirth",
            company="ETH Zürich",
            title="Professor",
            urls=["https://www.linkedin.com/in/nwirth"],
            met_on=date(2015, 1, 2),
        ),
    ]


def test_emoji_and_non_latin_names_are_kept():
    result = load("linkedin_unicode.csv")
    assert [c.name for c in result.contacts] == [
        "José Núñez",
        "小龙 李",
        "Ольга Иванова",
        "🚀 Rocket Ramírez",
        "محمد علي",
    ]
    assert result.contacts[1].company == "功夫有限公司"
    assert result.contacts[2].title == "Инженер"


def test_no_tags_are_set_the_caller_adds_linkedin():
    for name in ("linkedin_current.csv", "linkedin_old.csv", "linkedin_unicode.csv"):
        assert all(c.tags == [] for c in load(name).contacts)


# --- the header --------------------------------------------------------------------------------


def test_columns_are_mapped_by_name_in_any_order_and_spelling():
    text = (
        "connected_on,POSITION,Company,email address,first name,LAST NAME,Extra Column\n"
        "5 Jun 2023,Engineer,Initech,peter@initech.example,Peter,Gibbons,whatever\n"
    )
    [contact] = linkedin(text).contacts
    assert contact == person(
        "line 2",
        "Peter Gibbons",
        company="Initech",
        title="Engineer",
        emails=["peter@initech.example"],
        met_on=date(2023, 6, 5),
    )


def test_header_is_found_after_a_long_preamble():
    preamble = "Notes:\n" + '"' + "\n".join(f"note line {i}" for i in range(10)) + '"\n\n'
    result = linkedin(preamble + HEADER + "\nAda,Lovelace,,,,,09 Oct 2024\n")
    assert [(c.ref, c.name) for c in result.contacts] == [("line 14", "Ada Lovelace")]


def test_a_file_without_the_header_is_refused_with_a_hint():
    with pytest.raises(ImportFormatError) as caught:
        linkedin("name,email\nAda,ada@example.com\n")
    assert "no LinkedIn header" in caught.value.message
    assert "First Name,Last Name" in caught.value.hint


def test_header_beyond_the_scanned_lines_is_not_found():
    with pytest.raises(ImportFormatError):
        linkedin("\n".join(["junk"] * 40) + "\n" + HEADER + "\nAda,Lovelace,,,,,\n")


def test_header_only_gives_no_contacts():
    result = linkedin(HEADER + "\n")
    assert result.contacts == [] and result.skipped == []


def test_short_rows_keep_what_they_have():
    [contact] = linkedin(HEADER + "\nAda,Lovelace,https://www.linkedin.com/in/ada\n").contacts
    assert contact == person("line 2", "Ada Lovelace", urls=["https://www.linkedin.com/in/ada"])


def test_old_mac_line_endings_count_lines():
    text = HEADER + "\r" + ",,,,,,\r" + ",,,,x,,\r" + "Ada,Lovelace,,,,,09 Oct 2024\r"
    result = linkedin(text)
    assert [c.ref for c in result.contacts] == ["line 4"]
    assert result.skipped == [Skipped("line 3", "no name")]


def test_multi_line_quoted_cells_keep_line_numbers_right():
    text = HEADER + '\nAda,Lovelace,,,"Analytical\nEngines",,\nGrace,Hopper,,,,,\n'
    result = linkedin(text)
    assert [(c.ref, c.name, c.company) for c in result.contacts] == [
        ("line 2", "Ada Lovelace", "Analytical Engines"),
        ("line 4", "Grace Hopper", None),
    ]


# --- damaged files -----------------------------------------------------------------------------


def test_a_name_running_over_lines_is_an_unbalanced_quote():
    text = HEADER + '\n"Ada,Lovelace,,,,,09 Oct 2024\nGrace,Hopper,,,,,"\nAlan,Turing,,,,,\n'
    with pytest.raises(ImportFormatError) as caught:
        linkedin(text)
    assert "line 2" in caught.value.message
    assert "quote" in caught.value.hint


def test_a_file_cut_inside_a_quoted_value_is_refused():
    text = HEADER + '\nAda,Lovelace,,,,,09 Oct 2024\nGrace,Hopper,,,"US Na'
    with pytest.raises(ImportFormatError) as caught:
        linkedin(text)
    assert "ends inside a quoted value that starts on line 3" in caught.value.message


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09 Oct 2024", date(2024, 10, 9)),
        ("9 Oct 2024", date(2024, 10, 9)),
        ("09 October 2024", date(2024, 10, 9)),
        ("09 oct 2024", date(2024, 10, 9)),
        ("  09   Oct 2024 ", date(2024, 10, 9)),
        ("Oct 9, 2024", date(2024, 10, 9)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/31/17, 11:59 am", date(2017, 12, 31)),
        ("1/8/18", date(2018, 1, 8)),
        ("01/08/2018", date(2018, 1, 8)),
        ("2024-10-09", date(2024, 10, 9)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("09 Okt 2024", date(2024, 10, 9)),  # German
        ("09 déc. 2024", date(2024, 12, 9)),  # French
        ("09 mai 2024", date(2024, 5, 9)),
        ("", None),
        ("29 Feb 2023", None),
        ("31 Foo 2024", None),
        ("13/45/18, 6:14 PM", None),
        ("yesterday", None),
        ("2024", None),
    ],
)
def test_connected_on_dates(text, expected):
    assert parse_connected_on(text) == expected


# --- speed -------------------------------------------------------------------------------------


def test_twenty_thousand_rows_parse_quickly():
    rows = ["Notes:", '"When exporting your connection data..."', "", HEADER]
    rows += [
        f'First{i},"Last, {i}",https://www.linkedin.com/in/p{i},p{i}@example.com,'
        f"Company {i % 300},Engineer,{i % 28 + 1:02d} Oct 2024"
        for i in range(20_000)
    ]
    data = "\r\n".join(rows).encode()
    started = time.perf_counter()
    result = parse(data)
    elapsed = time.perf_counter() - started
    assert result.format == "linkedin"
    assert len(result.contacts) == 20_000
    assert result.contacts[-1].ref == f"line {4 + 20_000}"
    assert result.contacts[-1].name == "First19999 Last, 19999"
    assert elapsed < 5, f"took {elapsed:.2f}s"
