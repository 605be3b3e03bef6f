"""The one date grammar behind every DATE, WHEN and DURATION option.

Accepted (case-insensitive, surrounding spaces ignored):

* ISO dates: ``2026-11-25``.
* ``today``, ``yesterday``, ``tomorrow``.
* ``N days|weeks|months|years ago`` and ``in N days|weeks|months|years``
  (``N`` a number, ``a`` or ``an``; singular units too).
* Weekday names (``friday``, ``fri``): for a past date (``--on``) the most
  recent such day, today included; for a future date (WHEN) the next one
  strictly after today. ``next friday`` is always the first Friday strictly
  after today, ``last friday`` the last one strictly before it.
* A month name with a day, and optionally a year: ``Nov 25``, ``25 November 2026``.
  Without a year, the nearest such day in the past (``--on``) or future (WHEN).
* Durations ``10d``, ``3w``, ``2m``, ``1y`` (also ``3 weeks``): for WHEN they mean
  "in that long"; for cadences (DURATION) they are the interval itself.

Month arithmetic stays on the calendar and clamps to the month's end: one month
after 31 January is the last day of February (29th in leap years).

Never uses dateutil's ``fuzzy=True``, which silently turns relative phrases into
wrong absolute dates.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import Literal

from netlog.errors import DateParseError

Direction = Literal["past", "future"]

_UNITS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "mos": "m", "month": "m", "months": "m",
    "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}  # fmt: skip
_UNIT_WORDS = {"d": "day", "w": "week", "m": "month", "y": "year"}
# Days per unit when a duration is used as a cadence (an interval, not a calendar step).
CADENCE_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
MAX_DURATION_DAYS = 100 * 365

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

# The grammar's patterns, compiled by ``re`` on first use (and cached there):
# compiling them all at import cost every command a millisecond, most of which
# never parse a date.
# A count and a unit: digits may touch the unit ("3w"); words need a space ("a week").
_COUNT_UNIT = r"(\d{1,5}(?=\s*[a-z])|an?(?=\s)|one(?=\s))\s*([a-z]+)"
_DURATION_RE = rf"^{_COUNT_UNIT}$"
_AGO_RE = rf"^{_COUNT_UNIT}\s+ago$"
_IN_RE = rf"^in\s+{_COUNT_UNIT}$"
_ISO_RE = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
_SLASH_RE = r"^(\d{4})/(\d{1,2})/(\d{1,2})$"
_MONTH_DAY_RE = r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$"
_DAY_MONTH_RE = r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$"

GRAMMAR_HINT = (
    "use e.g. 2026-11-25, today, yesterday, '3 days ago', 'in 2 weeks', friday, "
    "'next monday', 'Nov 25' or 10d/3w/2m/1y"
)


class Duration:
    """A count of calendar units: ``Duration(3, "w")`` is three weeks.

    A plain class rather than a frozen dataclass, which costs most of a
    millisecond to define on every start (a NamedTuple cannot name a field
    ``count``)."""

    __slots__ = ("count", "unit")

    def __init__(self, count: int, unit: str) -> None:
        self.count = count
        self.unit = unit  # one of d, w, m, y

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return (self.count, self.unit) == (other.count, other.unit)

    def __hash__(self) -> int:
        return hash((self.count, self.unit))

    def __repr__(self) -> str:
        return f"Duration(count={self.count!r}, unit={self.unit!r})"

    @property
    def days(self) -> int:
        """The length as a cadence in days (a month counts 30 days, a year 365)."""
        return self.count * CADENCE_DAYS[self.unit]

    def after(self, start: date) -> date:
        """The calendar day this long after ``start`` (month ends clamp)."""
        return shift(start, self.count, self.unit)

    def before(self, start: date) -> date:
        """The calendar day this long before ``start`` (month ends clamp)."""
        return shift(start, -self.count, self.unit)

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def shift(start: date, count: int, unit: str) -> date:
    """Move ``start`` by ``count`` units; months and years clamp to the month's end."""
    try:
        return _shift(start, count, unit)
    except (OverflowError, ValueError):
        raise DateParseError(
            f"{count}{unit} from {start.isoformat()} is beyond the calendar",
            "use a date between the years 1 and 9999",
        ) from None


def _shift(start: date, count: int, unit: str) -> date:
    if unit == "d":
        return start + timedelta(days=count)
    if unit == "w":
        return start + timedelta(weeks=count)
    from dateutil.relativedelta import relativedelta

    if unit == "m":
        return start + relativedelta(months=count)
    return start + relativedelta(years=count)


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _count(token: str) -> int:
    return 1 if token in ("a", "an", "one") else int(token)


def _unit(token: str, original: str) -> str:
    try:
        return _UNITS[token]
    except KeyError:
        raise DateParseError(
            f"unknown unit {token!r} in {original!r}", "use days, weeks, months or years"
        ) from None


def parse_duration(text: str) -> Duration:
    """Parse a DURATION (``10d``, ``3w``, ``2m``, ``1y``, ``3 weeks``); it must be positive."""
    norm = _normalise(text)
    match = re.match(_DURATION_RE, norm)
    if not match:
        raise DateParseError(
            f"{text!r} is not a duration", "use a number and a unit: 10d, 3w, 2m or 1y"
        )
    count, unit = _count(match.group(1)), _unit(match.group(2), text)
    if count <= 0:
        raise DateParseError(f"{text!r} is not a positive duration", "use e.g. 10d, 3w, 2m or 1y")
    duration = Duration(count, unit)
    if duration.days > MAX_DURATION_DAYS:
        raise DateParseError(f"{text!r} is longer than 100 years", "use e.g. 10d, 3w, 2m or 1y")
    return duration


def parse_date(text: str, today: date, prefer: Direction = "past") -> date:
    """Parse a DATE relative to ``today``.

    ``prefer`` settles the forms that could point either way (a bare weekday, a
    month and day without a year): ``past`` for when something happened,
    ``future`` for when something should happen.
    """
    norm = _normalise(text)
    if not norm:
        raise DateParseError("an empty date", GRAMMAR_HINT)
    if norm == "today":
        return today
    if norm == "yesterday":
        return today - timedelta(days=1)
    if norm == "tomorrow":
        return today + timedelta(days=1)

    for regex in (_ISO_RE, _SLASH_RE):
        match = re.match(regex, norm)
        if match:
            return _checked_date(int(match[1]), int(match[2]), int(match[3]), text)

    match = re.match(_AGO_RE, norm)
    if match:
        return shift(today, -_count(match[1]), _unit(match[2], text))
    match = re.match(_IN_RE, norm)
    if match:
        return shift(today, _count(match[1]), _unit(match[2], text))

    words = norm.split(" ")
    if len(words) == 2 and words[0] in ("next", "last", "this") and words[1] in _WEEKDAYS:
        target = _WEEKDAYS[words[1]]
        if words[0] == "next":
            return _next_weekday(today, target)
        if words[0] == "last":
            return _previous_weekday(today, target, include_today=False)
        return _next_weekday(today - timedelta(days=1), target)  # this friday: today or after
    if len(words) == 1 and norm in _WEEKDAYS:
        target = _WEEKDAYS[norm]
        if prefer == "past":
            return _previous_weekday(today, target, include_today=True)
        return _next_weekday(today, target)

    month_day = _month_day(norm, text)
    if month_day is not None:
        month, day, year = month_day
        if year is not None:
            return _checked_date(year, month, day, text)
        return _nearest_month_day(today, month, day, prefer, text)

    duration = re.match(_DURATION_RE, norm)
    if duration:
        _unit(duration[2], text)  # an unknown unit is the clearer complaint
        hint = f"did you mean 'in {norm}' or '{norm} ago'?"
        raise DateParseError(f"{text!r} is a duration, not a date", hint)
    raise DateParseError(f"cannot read {text!r} as a date", GRAMMAR_HINT)


def parse_when(text: str, today: date) -> date:
    """Parse a WHEN: any DATE (future-leaning), or a DURATION meaning "in that long"."""
    norm = _normalise(text)
    match = re.match(_DURATION_RE, norm)
    if match and match[2] in _UNITS:
        return parse_duration(norm).after(today)
    return parse_date(text, today, prefer="future")


def _checked_date(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateParseError(f"{original!r} is not a valid date ({exc})", GRAMMAR_HINT) from None


def _month_day(norm: str, original: str) -> tuple[int, int, int | None] | None:
    match = re.match(_MONTH_DAY_RE, norm)
    if match and match[1] in _MONTHS:
        return _MONTHS[match[1]], int(match[2]), int(match[3]) if match[3] else None
    match = re.match(_DAY_MONTH_RE, norm)
    if match and match[2] in _MONTHS:
        return _MONTHS[match[2]], int(match[1]), int(match[3]) if match[3] else None
    return None


def _nearest_month_day(today: date, month: int, day: int, prefer: Direction, original: str) -> date:
    _checked_date(2000, month, day, original)  # 2000 is a leap year: 29 Feb passes
    step = -1 if prefer == "past" else 1
    year = today.year
    for _ in range(9):  # 29 February needs up to 8 years to recur
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and (
            (prefer == "past" and candidate <= today) or (prefer == "future" and candidate >= today)
        ):
            return candidate
        year += step
    raise DateParseError(f"cannot place {original!r} in a year", GRAMMAR_HINT)


def _next_weekday(today: date, target: int) -> date:
    ahead = (target - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _previous_weekday(today: date, target: int, include_today: bool) -> date:
    back = (today.weekday() - target) % 7
    if back == 0 and not include_today:
        back = 7
    return today - timedelta(days=back)


def describe_cadence(days: int) -> str:
    """``21`` -> ``every 3 weeks``; ``30`` -> ``every 30 days``; ``365`` -> ``every year``."""
    if days % 365 == 0:
        n, word = days // 365, "year"
    elif days % 7 == 0:
        n, word = days // 7, "week"
    else:
        n, word = days, "day"
    return f"every {word}" if n == 1 else f"every {n} {word}s"


def cadence_token(days: int) -> str:
    """The shortest DURATION that reads back as ``days`` (``21`` -> ``3w``)."""
    if days % 365 == 0:
        return f"{days // 365}y"
    if days % 7 == 0:
        return f"{days // 7}w"
    return f"{days}d"


def _add_months(day: date, months: int) -> date:
    """``shift`` by months without dateutil (this runs for every row of ``due``):
    the same calendar step, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def _days_in_month(year: int, month: int) -> int:
    """What ``calendar.monthrange`` says, without importing it (1 ms on ``show``)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _whole_months(earlier: date, later: date) -> int:
    """Calendar months from ``earlier`` to ``later``: the largest ``n`` with
    ``n`` months after ``earlier`` (clamped, as ``shift`` does) not past ``later``,
    so "2 months ago" read by ``parse_date`` is described as "2 months ago" again."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if months > 0 and _add_months(earlier, months) > later:
        months -= 1
    return max(months, 0)


@functools.lru_cache(maxsize=8192)
def span(earlier: date, later: date) -> str:
    """The distance between two days as a person says it: exact days below four
    weeks (``27 days``), then weeks (``5 weeks``, from 28 days), calendar months
    (``3 months``, from 60 days or two calendar months), calendar years
    (``2 years``, from 365 days).
    Rounded down, so a late item never sounds later than it is; "2843 days" is
    exact but unreadable, and the exact date is in ``--json``. Cached: ``due``
    words thousands of rows against one today, over a few thousand distinct days
    (measured: 40 ms of a 9,868-item ``due`` without the cache)."""
    days = (later - earlier).days
    if days < 28:
        return f"{days} day" if days == 1 else f"{days} days"
    months = _whole_months(earlier, later)
    if days < 60 and months < 2:  # 31 Jan to 31 Mar is 59 days and 2 months: months
        return f"{days // 7} weeks"
    if days < 365:
        # 60 days is "2 months" even when the calendar counts 1 month and 29 days.
        return f"{min(max(months, 2), 11)} months"
    years = max(months // 12, 1)  # 365 days fall short of a calendar year across 29 Feb
    return "1 year" if years == 1 else f"{years} years"


def relative_days(day: date, today: date) -> str:
    """``today``, ``yesterday``, ``tomorrow``, ``5 days ago``, ``in 3 weeks``,
    ``2 years ago`` (``span`` says how the distance is worded)."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    return f"{span(day, today)} ago" if delta < 0 else f"in {span(today, day)}"


def lateness(due_on: date, today: date) -> str:
    """How a due date stands: ``due today``, ``5 days late``, ``2 years late``,
    ``in 3 weeks`` (worded by ``span``)."""
    delta = (today - due_on).days
    if delta == 0:
        return "due today"
    if delta > 0:
        return f"{span(due_on, today)} late"
    return "tomorrow" if delta == -1 else f"in {span(today, due_on)}"


_BDAY_MD_RE = r"^(?:--)?(\d{1,2})-(\d{1,2})$"
_BDAY_COMPACT_RE = r"^--(\d{2})(\d{2})$"


def parse_birthday(text: str, today: date) -> str:
    """A birthday, with or without the year: ``1990-04-15`` -> ``"1990-04-15"``;
    ``04-15``, ``--04-15``, ``--0415``, ``Apr 15``, ``15 April`` -> ``"--04-15"``;
    ``April 15, 1990`` -> ``"1990-04-15"``. 29 February is accepted without a year."""
    hint = "use YYYY-MM-DD, or MM-DD when you do not know the year (e.g. 04-15)"
    try:
        return _parse_birthday(text, today, hint)
    except DateParseError as exc:
        raise DateParseError(exc.message, hint) from None


def _parse_birthday(text: str, today: date, hint: str) -> str:
    norm = _normalise(text)
    if not norm:
        raise DateParseError("an empty birthday", hint)
    match = re.match(_ISO_RE, norm) or re.match(_SLASH_RE, norm)
    if match:
        day = _checked_date(int(match[1]), int(match[2]), int(match[3]), text)
        if day > today:
            raise DateParseError(f"the birthday {text!r} is in the future", hint)
        return day.isoformat()
    match = re.match(_BDAY_MD_RE, norm) or re.match(_BDAY_COMPACT_RE, norm)
    month_day = (int(match[1]), int(match[2]), None) if match else _month_day(norm, text)
    if month_day is None:
        raise DateParseError(f"cannot read {text!r} as a birthday", hint)
    month, day_of_month, year = month_day
    if year is not None:
        return _parse_birthday(f"{year:04d}-{month:02d}-{day_of_month:02d}", today, hint)
    _checked_date(2000, month, day_of_month, text)  # a leap year: 29 February passes
    return f"--{month:02d}-{day_of_month:02d}"
