"""Pure unit tests for the date grammar (netlog.dates): no database, no CLI."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog.dates import (
    Duration,
    cadence_token,
    describe_cadence,
    lateness,
    parse_date,
    parse_duration,
    parse_when,
    relative_days,
    shift,
    span,
)
from netlog.errors import DateParseError, InputError

TODAY = date(2026, 11, 25)  # a Wednesday
WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

PROPERTY = settings(max_examples=200, deadline=None)


def test_fixed_today_is_a_wednesday() -> None:
    assert TODAY.weekday() == 2


# --- absolute and named days -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25", date(2026, 11, 25)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1999-1-5", date(1999, 1, 5)),
        ("2026/11/03", date(2026, 11, 3)),
        ("  2026-11-25  ", date(2026, 11, 25)),
        ("today", TODAY),
        ("TODAY", TODAY),
        ("  Today ", TODAY),
        ("yesterday", date(2026, 11, 24)),
        ("tomorrow", date(2026, 11, 26)),
    ],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_iso_and_named_days(text: str, expected: date, prefer: str) -> None:
    assert parse_date(text, TODAY, prefer) == expected


def test_named_days_cross_month_and_year_boundaries() -> None:
    assert parse_date("yesterday", date(2026, 3, 1)) == date(2026, 2, 28)
    assert parse_date("tomorrow", date(2026, 12, 31)) == date(2027, 1, 1)
    assert parse_date("yesterday", date(2028, 3, 1)) == date(2028, 2, 29)


# --- relative phrases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days ago", date(2026, 11, 22)),
        ("1 day ago", date(2026, 11, 24)),
        ("0 days ago", TODAY),
        ("a day ago", date(2026, 11, 24)),
        ("a week ago", date(2026, 11, 18)),
        ("one week ago", date(2026, 11, 18)),
        ("2 weeks ago", date(2026, 11, 11)),
        ("2 months ago", date(2026, 9, 25)),
        ("a month ago", date(2026, 10, 25)),
        ("1 year ago", date(2025, 11, 25)),
        ("an year ago", date(2025, 11, 25)),
        ("3d ago", date(2026, 11, 22)),
        ("3 DAYS AGO", date(2026, 11, 22)),
        ("  3   days    ago ", date(2026, 11, 22)),
        ("in 3 days", date(2026, 11, 28)),
        ("in 1 day", date(2026, 11, 26)),
        ("in a day", date(2026, 11, 26)),
        ("in 0 days", TODAY),
        ("in 2 weeks", date(2026, 12, 9)),
        ("in a week", date(2026, 12, 2)),
        ("in 2 months", date(2027, 1, 25)),
        ("in 1 year", date(2027, 11, 25)),
        ("in 10d", date(2026, 12, 5)),
        ("in 3w", date(2026, 12, 16)),
        ("in 2 wks", date(2026, 12, 9)),
        ("in 6 mos", date(2027, 5, 25)),
        ("in 2 yrs", date(2028, 11, 25)),
    ],
)
def test_relative_phrases(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected
    # A relative phrase is unambiguous: the preference does not matter, and WHEN agrees.
    assert parse_date(text, TODAY, "future") == expected
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("in an hour", "hour"),
        ("in 2 hours", "hours"),
        ("5 minutes ago", "minutes"),
        ("3 fortnights ago", "fortnights"),
        ("in 3 fortnights", "fortnights"),
    ],
)
def test_relative_phrases_with_unknown_units_are_rejected(text: str, unit: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_date(text, TODAY)
    assert exc.value.message == f"unknown unit {unit!r} in {text!r}"
    assert exc.value.hint == "use days, weeks, months or years"


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "in 1 month", date(2026, 2, 28)),
        (date(2028, 1, 31), "in 1 month", date(2028, 2, 29)),
        (date(2026, 1, 31), "in 2 months", date(2026, 3, 31)),
        (date(2026, 1, 31), "in 3 months", date(2026, 4, 30)),
        (date(2026, 3, 31), "1 month ago", date(2026, 2, 28)),
        (date(2028, 3, 31), "1 month ago", date(2028, 2, 29)),
        (date(2026, 5, 31), "1 month ago", date(2026, 4, 30)),
        (date(2026, 12, 31), "in 2 months", date(2027, 2, 28)),
        (date(2028, 2, 29), "in 1 year", date(2029, 2, 28)),
        (date(2028, 2, 29), "1 year ago", date(2027, 2, 28)),
        (date(2028, 2, 29), "in 4 years", date(2032, 2, 29)),
        (date(2028, 2, 29), "in 12 months", date(2029, 2, 28)),
    ],
)
def test_month_and_year_steps_clamp_to_month_end(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today) == expected


def test_shift_weeks_and_days_are_exact() -> None:
    assert shift(date(2026, 2, 28), 1, "d") == date(2026, 3, 1)
    assert shift(date(2028, 2, 28), 1, "d") == date(2028, 2, 29)
    assert shift(date(2026, 11, 25), -3, "w") == date(2026, 11, 4)
    assert shift(date(2026, 1, 31), 1, "m") == date(2026, 2, 28)
    assert shift(date(2028, 2, 29), -1, "y") == date(2027, 2, 28)


# --- weekdays ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        # today is Wednesday 2026-11-25
        ("wednesday", date(2026, 11, 25), date(2026, 12, 2)),
        ("wed", date(2026, 11, 25), date(2026, 12, 2)),
        ("thursday", date(2026, 11, 19), date(2026, 11, 26)),
        ("thu", date(2026, 11, 19), date(2026, 11, 26)),
        ("friday", date(2026, 11, 20), date(2026, 11, 27)),
        ("FRI", date(2026, 11, 20), date(2026, 11, 27)),
        ("sunday", date(2026, 11, 22), date(2026, 11, 29)),
        ("monday", date(2026, 11, 23), date(2026, 11, 30)),
        ("tuesday", date(2026, 11, 24), date(2026, 12, 1)),
        ("tues", date(2026, 11, 24), date(2026, 12, 1)),
    ],
)
def test_bare_weekday_leans_past_or_future(text: str, past: date, future: date) -> None:
    # past: the most recent such day, today included; future: the next one strictly after today.
    assert parse_date(text, TODAY) == past
    assert parse_date(text, TODAY, "past") == past
    assert parse_date(text, TODAY, "future") == future
    assert parse_when(text, TODAY) == future


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next friday", date(2026, 11, 27)),
        ("next wednesday", date(2026, 12, 2)),  # never today
        ("next tuesday", date(2026, 12, 1)),
        ("last friday", date(2026, 11, 20)),
        ("last wednesday", date(2026, 11, 18)),  # never today
        ("last thursday", date(2026, 11, 19)),
        ("this friday", date(2026, 11, 27)),
        ("this wednesday", date(2026, 11, 25)),  # today counts as "this"
        ("this tuesday", date(2026, 12, 1)),
        ("Next   Fri", date(2026, 11, 27)),
    ],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_next_last_this_weekday(text: str, expected: date, prefer: str) -> None:
    assert parse_date(text, TODAY, prefer) == expected


def test_next_friday_on_a_friday_is_a_week_later_and_last_friday_a_week_earlier() -> None:
    friday = date(2026, 11, 27)
    assert parse_date("next friday", friday) == date(2026, 12, 4)
    assert parse_date("last friday", friday) == date(2026, 11, 20)
    assert parse_date("this friday", friday) == friday
    assert parse_date("friday", friday, "past") == friday
    assert parse_date("friday", friday, "future") == date(2026, 12, 4)


# --- month names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("Nov 25", date(2026, 11, 25), date(2026, 11, 25)),  # today is both nearest past/future
        ("nov. 25th", date(2026, 11, 25), date(2026, 11, 25)),
        ("25 November", date(2026, 11, 25), date(2026, 11, 25)),
        ("Nov 24", date(2026, 11, 24), date(2027, 11, 24)),
        ("november 26", date(2025, 11, 26), date(2026, 11, 26)),
        ("Dec 1", date(2025, 12, 1), date(2026, 12, 1)),
        ("1st dec", date(2025, 12, 1), date(2026, 12, 1)),
        ("Jan 3", date(2026, 1, 3), date(2027, 1, 3)),
        ("3 mar", date(2026, 3, 3), date(2027, 3, 3)),
        ("feb 29", date(2024, 2, 29), date(2028, 2, 29)),
        ("29 February", date(2024, 2, 29), date(2028, 2, 29)),
    ],
)
def test_month_day_without_year_picks_nearest_in_preferred_direction(
    text: str, past: date, future: date
) -> None:
    assert parse_date(text, TODAY, "past") == past
    assert parse_date(text, TODAY, "future") == future
    assert parse_when(text, TODAY) == future


@pytest.mark.parametrize(
    "text",
    ["25 November 2025", "Nov 25 2025", "nov 25, 2025", "25th nov, 2025", "November 25th 2025"],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_month_day_with_year_is_exact(text: str, prefer: str) -> None:
    assert parse_date(text, TODAY, prefer) == date(2025, 11, 25)


def test_feb_29_from_a_leap_day_and_across_a_century() -> None:
    assert parse_date("feb 29", date(2028, 2, 29), "past") == date(2028, 2, 29)
    assert parse_date("feb 29", date(2028, 3, 1), "future") == date(2032, 2, 29)
    # 2100 is not a leap year: the next 29 February after 2096 is in 2104.
    assert parse_date("feb 29", date(2096, 3, 1), "future") == date(2104, 2, 29)
    assert parse_date("feb 29", date(2104, 2, 28), "past") == date(2096, 2, 29)


# --- durations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "duration", "days"),
    [
        ("10d", Duration(10, "d"), 10),
        ("3w", Duration(3, "w"), 21),
        ("2m", Duration(2, "m"), 60),
        ("1y", Duration(1, "y"), 365),
        ("3 weeks", Duration(3, "w"), 21),
        ("1 week", Duration(1, "w"), 7),
        ("a week", Duration(1, "w"), 7),
        ("6 months", Duration(6, "m"), 180),
        ("2 years", Duration(2, "y"), 730),
        ("10000d", Duration(10000, "d"), 10000),
        ("36500d", Duration(36500, "d"), 36500),
        (" 3W ", Duration(3, "w"), 21),
        ("3  weeks", Duration(3, "w"), 21),
    ],
)
def test_parse_duration(text: str, duration: Duration, days: int) -> None:
    parsed = parse_duration(text)
    assert parsed == duration
    assert parsed.days == days


@pytest.mark.parametrize(
    ("duration", "text"),
    [(Duration(10, "d"), "10d"), (Duration(3, "w"), "3w"), (Duration(1, "y"), "1y")],
)
def test_duration_str_reads_back(duration: Duration, text: str) -> None:
    assert str(duration) == text
    assert parse_duration(str(duration)) == duration


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (TODAY, "10d", date(2026, 12, 5)),
        (TODAY, "3w", date(2026, 12, 16)),
        (TODAY, "3 weeks", date(2026, 12, 16)),
        (TODAY, "2m", date(2027, 1, 25)),
        (TODAY, "1y", date(2027, 11, 25)),
        # WHEN steps on the calendar (not 30/365-day cadence days) and clamps month ends
        (date(2026, 1, 31), "1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "1m", date(2028, 2, 29)),
        (date(2026, 1, 1), "1m", date(2026, 2, 1)),  # 31 days, not 30
        (date(2028, 2, 29), "1y", date(2029, 2, 28)),
        (date(2027, 3, 1), "1y", date(2028, 3, 1)),  # 366 days, not 365
    ],
)
def test_parse_when_reads_a_duration_as_in_that_long(
    today: date, text: str, expected: date
) -> None:
    assert parse_when(text, today) == expected


def test_duration_after_and_before_are_calendar_steps() -> None:
    assert Duration(1, "m").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Duration(1, "m").before(date(2026, 3, 31)) == date(2026, 2, 28)
    assert Duration(2, "w").before(TODAY) == date(2026, 11, 11)


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "an empty date"),
        ("   ", "an empty date"),
        ("2026-02-30", "'2026-02-30' is not a valid date (day is out of range for month)"),
        ("2026-13-01", "'2026-13-01' is not a valid date (month must be in 1..12)"),
        ("2026/02/29", "'2026/02/29' is not a valid date"),
        ("Feb 30", "'Feb 30' is not a valid date"),
        ("31 April 2026", "'31 April 2026' is not a valid date"),
        ("feb 29 2026", "'feb 29 2026' is not a valid date"),
        ("soon", "cannot read 'soon' as a date"),
        ("next week", "cannot read 'next week' as a date"),
        ("next fryday", "cannot read 'next fryday' as a date"),
        ("2026-11-25T10:00", "cannot read '2026-11-25T10:00' as a date"),
        ("-3 days ago", "cannot read '-3 days ago' as a date"),
    ],
)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_parse_date_errors_say_what_is_wrong(text: str, fragment: str, prefer: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_date(text, TODAY, prefer)
    assert fragment in exc.value.message
    assert exc.value.hint  # every date error says how to fix it
    assert fragment in str(exc.value)


def test_date_errors_are_input_errors_with_the_grammar_hint() -> None:
    with pytest.raises(InputError) as exc:
        parse_date("soon", TODAY)
    assert "2026-11-25" in exc.value.hint
    assert "'in 2 weeks'" in exc.value.hint
    assert "10d/3w/2m/1y" in exc.value.hint


@pytest.mark.parametrize("text", ["3d", "3 days", "2w", "10 weeks", "1y"])
def test_bare_duration_as_date_suggests_in_or_ago(text: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_date(text, TODAY)
    assert exc.value.message == f"{text!r} is a duration, not a date"
    assert exc.value.hint == f"did you mean 'in {text}' or '{text} ago'?"


def test_bare_duration_hint_shows_the_normalised_text() -> None:
    with pytest.raises(DateParseError) as exc:
        parse_date("  3D ", TODAY)
    assert exc.value.hint == "did you mean 'in 3d' or '3d ago'?"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "'' is not a duration"),
        ("soon", "'soon' is not a duration"),
        ("-3d", "'-3d' is not a duration"),
        ("3.5d", "'3.5d' is not a duration"),
        ("3 weeks ago", "'3 weeks ago' is not a duration"),
        ("in 3 weeks", "'in 3 weeks' is not a duration"),
        ("100000d", "'100000d' is not a duration"),
        ("0d", "'0d' is not a positive duration"),
        ("0 weeks", "'0 weeks' is not a positive duration"),
        ("3 fortnights", "unknown unit 'fortnights' in '3 fortnights'"),
        ("5h", "unknown unit 'h' in '5h'"),
    ],
)
def test_parse_duration_errors_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_duration(text)
    assert exc.value.message == fragment
    assert exc.value.hint


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0d", "'0d' is not a positive duration"),
        ("-3d", "cannot read '-3d' as a date"),
        ("soon", "cannot read 'soon' as a date"),
        ("", "an empty date"),
        ("2026-02-30", "is not a valid date"),
        ("3 fortnights ago", "unknown unit 'fortnights'"),
    ],
)
def test_parse_when_errors_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_when(text, TODAY)
    assert fragment in exc.value.message


@pytest.mark.parametrize(
    ("today", "text", "message"),
    [
        (TODAY, "in 9999 years", "9999y from 2026-11-25 is beyond the calendar"),
        (TODAY, "9999 years ago", "-9999y from 2026-11-25 is beyond the calendar"),
        (TODAY, "in 8000 years", "8000y from 2026-11-25 is beyond the calendar"),
        (date(9999, 12, 31), "in 1 day", "1d from 9999-12-31 is beyond the calendar"),
        (date(1, 1, 1), "1 week ago", "-1w from 0001-01-01 is beyond the calendar"),
        (date(9999, 12, 1), "in 1 month", "1m from 9999-12-01 is beyond the calendar"),
    ],
)
def test_relative_dates_beyond_the_calendar_are_date_errors(
    today: date, text: str, message: str
) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_date(text, today)
    assert exc.value.message == message
    assert exc.value.hint == "use a date between the years 1 and 9999"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9999y", "is longer than 100 years"),
        ("99999y", "is longer than 100 years"),
        ("in 9999 years", "is beyond the calendar"),
    ],
)
def test_when_beyond_the_calendar_is_a_date_error(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_when(text, TODAY)
    assert message in exc.value.message


@pytest.mark.parametrize("text", ["august", "anytime", "an", "aweek"])
def test_word_starting_with_an_article_is_not_called_a_duration(text: str) -> None:
    with pytest.raises(DateParseError) as exc:
        parse_date(text, TODAY)
    assert exc.value.message == f"cannot read {text!r} as a date"
    assert "duration" not in str(exc.value)


@pytest.mark.parametrize("text", ["am", "ad", "aw", "ay", "oned"])
def test_article_glued_to_a_unit_is_not_a_duration(text: str) -> None:
    # 'am' must not silently mean "a month" (nor 'ad' "a day"): articles need a space.
    with pytest.raises(DateParseError) as exc:
        parse_duration(text)
    assert exc.value.message == f"{text!r} is not a duration"
    with pytest.raises(DateParseError):
        parse_when(text, TODAY)


# --- describing cadences and distances --------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "text", "token"),
    [
        (1, "every day", "1d"),
        (10, "every 10 days", "10d"),
        (7, "every week", "1w"),
        (21, "every 3 weeks", "3w"),
        (30, "every 30 days", "30d"),
        (60, "every 60 days", "60d"),
        (365, "every year", "1y"),
        (730, "every 2 years", "2y"),
        (2555, "every 7 years", "7y"),  # divisible by both 7 and 365: years win
    ],
)
def test_describe_cadence_and_cadence_token(days: int, text: str, token: str) -> None:
    assert describe_cadence(days) == text
    assert cadence_token(days) == token
    assert parse_duration(token).days == days


@PROPERTY
@given(st.integers(min_value=1, max_value=36500))
def test_cadence_token_reads_back_for_small_cadences(days: int) -> None:
    assert parse_duration(cadence_token(days)).days == days


@PROPERTY
@given(st.integers(min_value=1, max_value=99999), st.sampled_from("dwmy"))
def test_cadence_token_reads_back_for_every_parsable_cadence(count: int, unit: str) -> None:
    try:
        days = parse_duration(f"{count}{unit}").days
    except DateParseError:
        return  # longer than 100 years: refused, so never stored
    assert parse_duration(cadence_token(days)).days == days


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (TODAY, "today"),
        (date(2026, 11, 24), "yesterday"),
        (date(2026, 11, 26), "tomorrow"),
        (date(2026, 11, 20), "5 days ago"),
        (date(2026, 11, 28), "in 3 days"),
        (date(2025, 11, 25), "1 year ago"),
    ],
)
def test_relative_days(day: date, text: str) -> None:
    assert relative_days(day, TODAY) == text


@pytest.mark.parametrize(
    ("due_on", "text"),
    [
        (TODAY, "due today"),
        (date(2026, 11, 24), "1 day late"),
        (date(2026, 11, 20), "5 days late"),
        (date(2026, 11, 26), "tomorrow"),
        (date(2026, 11, 28), "in 3 days"),
    ],
)
def test_lateness(due_on: date, text: str) -> None:
    assert lateness(due_on, TODAY) == text


# Wording of durations at its edges: exact days below four weeks, then weeks,
# calendar months from 60 days (or two calendar months), calendar years from
# 365 days; always rounded down.
SPAN_EDGES = [
    # (earlier, later, span)
    (date(2026, 11, 23), date(2026, 11, 25), "2 days"),
    (date(2026, 10, 29), date(2026, 11, 25), "27 days"),
    (date(2026, 10, 28), date(2026, 11, 25), "4 weeks"),
    (date(2026, 10, 21), date(2026, 11, 25), "5 weeks"),
    (date(2026, 9, 27), date(2026, 11, 25), "8 weeks"),  # 59 days
    (date(2026, 9, 26), date(2026, 11, 25), "2 months"),  # 60 days
    (date(2026, 7, 1), date(2026, 8, 30), "2 months"),  # 60 days, 1 calendar month: still 2
    (date(2026, 8, 26), date(2026, 11, 25), "2 months"),  # 91 days, a day short of 3 months
    (date(2026, 8, 25), date(2026, 11, 25), "3 months"),
    (date(2025, 11, 26), date(2026, 11, 25), "11 months"),  # 364 days
    (date(2025, 11, 25), date(2026, 11, 25), "1 year"),  # 365 days
    # month ends clamp as in the date grammar: 3 months after 30 Nov is 28 Feb
    (date(2025, 11, 30), date(2026, 2, 28), "3 months"),
    (date(2026, 1, 31), date(2026, 5, 30), "3 months"),
    (date(2026, 1, 31), date(2026, 5, 31), "4 months"),
    (date(2026, 1, 31), date(2026, 3, 31), "2 months"),  # 59 days, but 2 calendar months
    (date(2025, 12, 31), date(2026, 2, 28), "2 months"),  # likewise
    (date(2026, 1, 30), date(2026, 3, 29), "8 weeks"),  # 58 days, 1 month 30 days
    # leap years
    (date(2023, 3, 1), date(2024, 2, 29), "1 year"),  # 365 days across 29 Feb, 11 months
    (date(2024, 2, 29), date(2025, 2, 28), "1 year"),
    (date(2024, 2, 29), date(2028, 2, 28), "3 years"),
    (date(2024, 2, 29), date(2028, 2, 29), "4 years"),
    (date(2022, 11, 26), date(2026, 11, 25), "3 years"),  # 1460 days: not 4 years yet
    (date(2022, 11, 25), date(2026, 11, 25), "4 years"),
    (date(2019, 2, 24), date(2026, 11, 25), "7 years"),  # 2831 days
]


@pytest.mark.parametrize(("earlier", "later", "text"), SPAN_EDGES)
def test_span_edges(earlier: date, later: date, text: str) -> None:
    assert span(earlier, later) == text
    assert relative_days(earlier, later) == f"{text} ago"
    assert relative_days(later, earlier) == f"in {text}"
    assert lateness(earlier, later) == f"{text} late"
    assert lateness(later, earlier) == ("tomorrow" if (later - earlier).days == 1 else f"in {text}")


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("2 months ago", date(2026, 4, 30)),
        ("2 months ago", date(2026, 3, 31)),
        ("3 months ago", date(2026, 5, 31)),
        ("1 year ago", date(2025, 2, 28)),
        ("4 years ago", date(2028, 2, 29)),
        ("5 weeks ago", date(2026, 11, 25)),
    ],
)
def test_relative_days_reads_back(text: str, today: date) -> None:
    """What the date grammar reads is described in the same words."""
    assert relative_days(parse_date(text, today), today) == text


# --- properties --------------------------------------------------------------------------------

wide_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 12, 31))


def _parses_or_rejects(parse, text: str, kinds: type | tuple[type, ...]) -> None:
    try:
        result = parse(text)
    except DateParseError as exc:
        assert exc.message
        return
    assert isinstance(result, kinds)


@PROPERTY
@given(st.text(), st.sampled_from(["past", "future"]))
def test_parse_date_returns_a_date_or_raises_date_parse_error(text: str, prefer: str) -> None:
    _parses_or_rejects(lambda t: parse_date(t, TODAY, prefer), text, date)


@PROPERTY
@given(st.text())
def test_parse_when_returns_a_date_or_raises_date_parse_error(text: str) -> None:
    _parses_or_rejects(lambda t: parse_when(t, TODAY), text, date)


@PROPERTY
@given(st.text())
def test_parse_duration_returns_a_positive_duration_or_raises(text: str) -> None:
    try:
        result = parse_duration(text)
    except DateParseError:
        return
    assert isinstance(result, Duration)
    assert result.count > 0
    assert result.days > 0


@PROPERTY
@given(
    st.from_regex(
        r"\A(in )?(\d{1,5} ?|a |an |one )"
        r"(d|days?|w|weeks?|m|months?|y|years?|fortnights?)( ago)?\Z"
    ),
    wide_dates,
)
def test_grammar_shaped_text_returns_a_date_or_raises(text: str, today: date) -> None:
    _parses_or_rejects(lambda t: parse_date(t, today), text, date)
    _parses_or_rejects(lambda t: parse_when(t, today), text, date)


@PROPERTY
@given(wide_dates, st.integers(min_value=0, max_value=400))
def test_in_n_days_and_n_days_ago_are_exact(today: date, n: int) -> None:
    assert parse_date(f"in {n} days", today) == today + timedelta(days=n)
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)
    assert parse_when(f"in {n} days", today) == today + timedelta(days=n)


@PROPERTY
@given(wide_dates, st.integers(min_value=0, max_value=400))
def test_in_n_months_then_n_months_ago_never_overshoots(today: date, n: int) -> None:
    ahead = parse_date(f"in {n} months", today)
    assert ahead >= today
    back = parse_date(f"{n} months ago", ahead)
    # Clamping can only pull a day back to its month's end, never push it forward.
    assert back <= today
    assert (back.year, back.month) == (today.year, today.month)


@PROPERTY
@given(st.dates(), wide_dates, st.sampled_from(["past", "future"]))
def test_iso_round_trip(day: date, today: date, prefer: str) -> None:
    assert parse_date(day.isoformat(), today, prefer) == day
    assert parse_when(day.isoformat(), today) == day


@PROPERTY
@given(wide_dates, st.integers(min_value=0, max_value=6))
def test_next_weekday_is_one_to_seven_days_ahead(today: date, weekday: int) -> None:
    name = WEEKDAY_NAMES[weekday]
    nxt = parse_date(f"next {name}", today)
    assert 1 <= (nxt - today).days <= 7
    assert nxt.weekday() == weekday
    last = parse_date(f"last {name}", today)
    assert 1 <= (today - last).days <= 7
    assert last.weekday() == weekday
    this = parse_date(f"this {name}", today)
    assert 0 <= (this - today).days <= 6
    assert this.weekday() == weekday


@PROPERTY
@given(wide_dates, st.integers(min_value=0, max_value=6))
def test_bare_weekday_past_and_future(today: date, weekday: int) -> None:
    name = WEEKDAY_NAMES[weekday]
    past = parse_date(name, today, "past")
    future = parse_date(name, today, "future")
    assert 0 <= (today - past).days <= 6
    assert 1 <= (future - today).days <= 7
    assert past.weekday() == future.weekday() == weekday


def test_timestamps_are_stored_in_utc_whatever_the_zone() -> None:
    from datetime import datetime, timedelta, timezone

    from netlog.services import stamp

    kolkata = timezone(timedelta(hours=5, minutes=30))
    assert stamp(datetime(2026, 11, 25, 1, 30, tzinfo=kolkata)) == "2026-11-24T20:00:00Z"
    assert stamp(datetime(2028, 2, 29, 23, 59, 59, tzinfo=UTC)) == "2028-02-29T23:59:59Z"
    with pytest.raises(ValueError):
        stamp(datetime(2026, 11, 25, 12, 0))  # naive: ambiguous, refused


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_is_the_calendar_s(year: int, month: int) -> None:
    """netlog counts a month's days itself (importing calendar cost every
    ``show`` a millisecond): the same answer as the standard library's."""
    import calendar

    from netlog.dates import _days_in_month

    assert _days_in_month(year, month) == calendar.monthrange(year, month)[1]
