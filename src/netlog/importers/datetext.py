"""Dates as contact exports write them, parsed without the locale.

``strptime("%b")`` depends on the process locale, so a German desktop would fail on
LinkedIn's ``09 Oct 2024``; the month table here is explicit (English, plus the
abbreviations of a few other languages LinkedIn exports have been seen in). Never
raises: a date that cannot be read is ``None`` and the caller decides what that means.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
    # German, French, Spanish, Portuguese, Italian, Dutch (keys without accents)
    "januar": 1, "janner": 1, "februar": 2, "mrz": 3, "marz": 3, "mai": 5,
    "juni": 6, "juli": 7, "okt": 10, "oktober": 10, "dez": 12, "dezember": 12,
    "janv": 1, "janvier": 1, "fevr": 2, "fevrier": 2, "mars": 3, "avr": 4, "avril": 4,
    "juin": 6, "juil": 7, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "decembre": 12,
    "ene": 1, "enero": 1, "febrero": 2, "marzo": 3, "abr": 4, "abril": 4, "mayo": 5,
    "junio": 6, "julio": 7, "ago": 8, "agosto": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "dic": 12, "diciembre": 12,
    "fev": 2, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "set": 9, "setembro": 9, "out": 10, "outubro": 10, "novembro": 11, "dezembro": 12,
    "gen": 1, "gennaio": 1, "febbraio": 2, "aprile": 4, "mag": 5, "maggio": 5, "giu": 6,
    "giugno": 6, "lug": 7, "luglio": 7, "settembre": 9, "ott": 10, "ottobre": 10,
    "dicembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip

_LETTERS = r"[^\W\d_]+"  # a word of letters in any script
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DAY_MONTH_YEAR = re.compile(
    rf"^([0-9]{{1,2}})\.?[\s\-/]+({_LETTERS})\.?[\s\-/,]+([0-9]{{4}}|[0-9]{{2}})$"
)
_MONTH_DAY_YEAR = re.compile(
    rf"^({_LETTERS})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+([0-9]{{4}})$"
)
# US numeric dates, optionally with LinkedIn's old time of day: "1/8/18, 6:14 PM".
_US_NUMERIC = re.compile(
    r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})"
    r"(?:,?\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s*[ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)

_BDAY_FULL = re.compile(r"^([0-9]{4})-?([0-9]{2})-?([0-9]{2})$")
_BDAY_NO_YEAR = re.compile(r"^--([0-9]{2})-?([0-9]{2})$")
# Years address books write when they know only the day: Apple and Thunderbird use 1604
# (a leap year before any living person), others 0000.
NO_YEAR_PLACEHOLDERS = frozenset({0, 1604})


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int | None:
    folded = unicodedata.normalize("NFKD", word.lower())
    return _MONTHS.get("".join(ch for ch in folded if not unicodedata.combining(ch)).rstrip("."))


def _full_year(text: str) -> int:
    """Two-digit years are this century: LinkedIn has only existed since 2003."""
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def parse_iso_date(text: str) -> date | None:
    """``YYYY-MM-DD`` (single-digit month and day allowed), else None."""
    match = _ISO.match(text.strip())
    return _checked(int(match[1]), int(match[2]), int(match[3])) if match else None


def parse_connected_on(text: str) -> date | None:
    """A LinkedIn "Connected On" value in any export generation, else None.

    ``09 Oct 2024`` (current), ``Oct 9, 2024``, ``1/8/18, 6:14 PM`` and ``01/08/2018``
    (older exports, US month/day order) and ISO dates.
    """
    value = " ".join(text.split())
    if not value:
        return None
    iso = parse_iso_date(value)
    if iso is not None:
        return iso
    match = _DAY_MONTH_YEAR.match(value)
    if match:
        month = _month(match[2])
        return _checked(_full_year(match[3]), month, int(match[1])) if month else None
    match = _MONTH_DAY_YEAR.match(value)
    if match:
        month = _month(match[1])
        return _checked(int(match[3]), month, int(match[2])) if month else None
    match = _US_NUMERIC.match(value)
    if match:
        return _checked(_full_year(match[3]), int(match[1]), int(match[2]))
    return None


def normalise_birthday(text: str) -> str | None:
    """A birthday as ``YYYY-MM-DD`` or ``--MM-DD`` (year unknown), else None.

    Accepts the vCard forms (``1970-01-01``, ``19700101``, ``--0415``, ``--04-15``, a
    date-time such as ``1970-01-01T00:00:00Z``) and Google's; a placeholder year
    (1604, 0000) means the year is unknown.
    """
    value = text.strip()
    cut = value.upper().find("T")
    if cut > 0:
        value = value[:cut]
    match = _BDAY_FULL.match(value)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if year in NO_YEAR_PLACEHOLDERS:
            return _no_year(month, day)
        return f"{year:04d}-{month:02d}-{day:02d}" if _checked(year, month, day) else None
    match = _BDAY_NO_YEAR.match(value)
    if match:
        return _no_year(int(match[1]), int(match[2]))
    return None


def _no_year(month: int, day: int) -> str | None:
    # 2000 is a leap year, so 29 February is accepted.
    return f"--{month:02d}-{day:02d}" if _checked(2000, month, day) else None


_US_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})$")


def is_blank_us_date(text: str) -> bool:
    """Outlook's "no date": ``0/0/00`` (or ``0/0/0000``), written in every empty
    Birthday and Anniversary cell."""
    match = _US_DATE.match(text.strip())
    return match is not None and int(match[1]) == 0 and int(match[2]) == 0


def us_birthday(text: str, today: date | None = None) -> str | None:
    """An Outlook birthday (``M/D/YYYY``, US order whatever the locale of the
    export's header) as ``YYYY-MM-DD``; the forms :func:`normalise_birthday` reads
    are accepted too (Google's own "Outlook CSV" writes ISO dates). A two-digit year
    is the latest one not in the future: birthdays are in the past. None when it
    cannot be read or is Outlook's blank ``0/0/00``."""
    value = text.strip()
    match = _US_DATE.match(value)
    if not match:
        return normalise_birthday(value)
    month, day, year_text = int(match[1]), int(match[2]), match[3]
    year = int(year_text)
    if len(year_text) == 2:
        this_year = (today or date.today()).year
        year += this_year // 100 * 100
        if year > this_year:
            year -= 100
    if year in NO_YEAR_PLACEHOLDERS:
        return _no_year(month, day)
    return f"{year:04d}-{month:02d}-{day:02d}" if _checked(year, month, day) else None


def split_birthday(year: str, month: str, day: str) -> str | None:
    """Thunderbird's Birth Year, Birth Month and Birth Day columns as one birthday:
    ``YYYY-MM-DD``, or ``--MM-DD`` without a year. None when month or day is missing
    or the date does not exist."""
    try:
        month_number, day_number = int(month.strip()), int(day.strip())
        year_number = int(year.strip()) if year.strip() else None
    except ValueError:
        return None
    if year_number is None or year_number in NO_YEAR_PLACEHOLDERS:
        return _no_year(month_number, day_number)
    if _checked(year_number, month_number, day_number) is None:
        return None
    return f"{year_number:04d}-{month_number:02d}-{day_number:02d}"
