"""The only place that reads the clock.

Domain code takes ``today``/``now`` as arguments; the CLI edge calls these. Setting
``NETLOG_TODAY=YYYY-MM-DD`` pins "today" (for tests, demos and reproducible
benchmarks) without patching ``datetime``.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo

from netlog.errors import InputError


def today() -> date:
    """The user's local calendar day, or ``NETLOG_TODAY`` when set."""
    pinned = os.environ.get("NETLOG_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise InputError(
                f"NETLOG_TODAY={pinned!r} is not a date", "use YYYY-MM-DD or unset it"
            ) from None
    return date.today()


def now() -> datetime:
    """The current instant in UTC (aware). Stored timestamps are always UTC."""
    return datetime.now(UTC)


def local_tz() -> tzinfo:
    """The user's time zone, for the local day of a mail or an event:
    ``NETLOG_TZ`` (an IANA name, for tests and demos), else the system's."""
    name = os.environ.get("NETLOG_TZ")
    if name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(
                f"NETLOG_TZ={name!r} is not a time zone",
                "use a name like Europe/Berlin or unset it",
            ) from None
    from dateutil.tz import tzlocal

    return tzlocal()
