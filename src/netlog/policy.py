"""netlog's rules as values: one home for every number, kind and normal form.

The scheduler, the services, the importers, the SQL and the CLI's help texts all
read these, so a rule changes in one place. Pure: stdlib only, cheap to import
(every command loads it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple

# ----- cadences: how often netlog suggests a check-in
DEFAULT_CADENCE_DAYS = 30  # `netlog add` without --every
IMPORT_CADENCE_DAYS = 180  # people brought in by `netlog import`

# ----- delays, in days
QUIET_DAYS = 3  # after any contact, netlog's own suggestions wait this long
NUDGE_WAITS = (7, 14)  # after the 1st and 2nd unanswered attempt


def nudging(unanswered: int) -> bool:
    """After this many unanswered attempts, is the next suggestion a nudge (else
    netlog has gone back to the usual cadence)?"""
    return 0 < unanswered <= len(NUDGE_WAITS)


THANK_AFTER_DAYS = 1  # a thank-you is due the day after a favour
CLOSE_LOOP_AFTER_DAYS = 30  # then tell them how it turned out
INTRO_FOLLOW_UP_DAYS = 14  # ask both people how an introduction went
ASK_FOLLOW_UP_DAYS = 7  # a gentle follow-up on an open ask
GIVE_BACK_AFTER_DAYS = 14  # after the latest favour, while you took more than you gave
GIVE_BACK_SKIP_DAYS = 30  # `netlog skip g12`: a give-back set aside for this long
SUMMARY_QUOTE_CHARS = 70  # how much of a past conversation a suggestion quotes
REVIEW_FAVOURS_SHOWN = 3  # `netlog review`: the latest favours (given or got) a card lists

# ----- kinds of interaction
KINDS = ("met", "coffee", "call", "video", "email", "message", "meeting", "event", "other")
# Kinds that netlog's own commands record (thank, loop, intro, ask).
ACTION_KINDS = ("thanks", "update", "intro", "ask")
ALL_KINDS = KINDS + ACTION_KINDS

# ----- capture: interactions from your mail and calendars (`netlog capture`)
# How a captured message or event counted: you wrote (an attempt until they
# answer, like `log --no-reply`), they wrote to you (answered), you met.
CAPTURE_DIRECTIONS = ("sent", "received", "meeting")
CAPTURE_MAX_RECIPIENTS = 10  # a message to more people (or an event with more) is a broadcast
CAPTURE_UNKNOWN = 5  # how many people you write to but do not track the summary names
# Senders that are machines, by the local part of the address (a pattern,
# case-insensitive; capture compiles it: half a millisecond no other command pays).
CAPTURE_ROBOT_SENDERS = (
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|notifications?|notify|alerts?|"
    r"mailer[-_.]daemon|postmaster|bounces?|newsletters?|automated|auto[-_.]?confirm|"
    r"calendar[-_.]notification|messages?[-_.]noreply)(?:[-+_.].*)?$"
)
BULK_PRECEDENCE = ("bulk", "list", "junk")

# ----- settings (`netlog config`): capture's here, sync's below, all in SETTINGS
CAPTURE_SETTINGS = {
    "me.email": "your own email addresses, comma-separated (netlog capture needs them)",
}


def parse_addresses(text: str) -> list[str]:
    """A ``me.email`` value: addresses separated by commas, semicolons or spaces,
    without repeats (compared as ``email_key``). Raises PolicyError naming the
    first value that is not an address."""
    found: list[str] = []
    keys: set[str] = set()
    for part in re.split(r"[,;\s]+", text):
        value = part.strip().strip("<>")
        if not value:
            continue
        if not is_email(value):
            raise PolicyError(part)
        if email_key(value) not in keys:
            keys.add(email_key(value))
            found.append(value)
    return found


# ----- states of stored obligations
ASK_STATES = ("open", "done", "declined")
LEDGER_DIRECTIONS = ("gave", "got")

# ----- ways to reach someone: a contact has any number of each
CHANNEL_KINDS = ("email", "phone", "url")


class PolicyError(ValueError):
    """A value that breaks one of these rules; services turn it into an InputError."""


# ----- tags
def normalise_tag(raw: str) -> str | None:
    """One tag as stored: lower-case (Unicode casefold), words joined by dashes,
    no leading ``#``. None when nothing is left."""
    tag = "-".join(raw.strip().lstrip("#").casefold().split())
    return tag or None


def normalise_tags(values: list[str] | tuple[str, ...]) -> list[str]:
    """Tags as stored, in order, without repeats. A comma or semicolon separates
    tags inside one value (``"python, ml"`` is two). Raises PolicyError for a
    value made only of separators."""
    result: list[str] = []
    for raw in values:
        parts = [p for p in raw.replace(";", ",").split(",") if p.strip()]
        if not parts:
            raise PolicyError(raw)
        for part in parts:
            tag = normalise_tag(part)
            if tag is None:
                raise PolicyError(raw)
            if tag not in result:
                result.append(tag)
    return result


# ----- channels: emails, phones, urls
def email_key(email: str) -> str:
    """An email address as compared: NFKC, Unicode casefold, no surrounding space.
    Stored beside the address (``contact_channel.value_key``) so SQL and Python
    compare the same way, with an index."""
    return unicodedata.normalize("NFKC", email).strip().casefold()


def phone_key(phone: str) -> str:
    """A phone number as compared: its digits, with a leading ``+`` kept; a
    "number" without digits (``+1-800-FLOWERS`` has some; an export's placeholder
    like ``mainphone`` has none) is compared by its letters instead."""
    text = phone.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return text.casefold()
    return ("+" + digits) if text.startswith("+") else digits


def url_key(url: str) -> str:
    """A URL compared loosely: no scheme, ``www.``, query, fragment or trailing slash."""
    text = url.strip().casefold()
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.startswith("www."):
        text = text[4:]
    return text.split("?", 1)[0].split("#", 1)[0].rstrip("/")


def channel_key(kind: str, value: str) -> str:
    """The matching key of an email, phone or url (see the three functions above)."""
    if kind == "email":
        return email_key(value)
    if kind == "phone":
        return phone_key(value)
    return url_key(value)


def is_email(text: str) -> bool:
    """Good enough to tell an address from a name: one ``@`` with text around it,
    no spaces, and not a URN (LinkedIn writes ``urn:li:member:...`` there)."""
    text = text.strip()
    local, _, domain = text.partition("@")
    return bool(local and domain) and " " not in text and "@" not in domain


_LABEL = r"^([A-Za-z][\w-]{0,23}):(?!//)(.+)$"  # compiled by re on first use


def split_label(text: str) -> tuple[str | None, str]:
    """``"work:ada@example.com"`` -> ``("work", "ada@example.com")``; a plain value
    (or a URL, whose ``https:`` is not a label) has no label."""
    match = re.match(_LABEL, text.strip())
    if match and match.group(1).casefold() not in ("http", "https", "mailto", "tel"):
        return match.group(1).casefold(), match.group(2).strip()
    return None, text.strip()


# ----- birthdays
# A NamedTuple: immutable, and cheap to define on every start (see records).
class Birthday(NamedTuple):
    """A birthday as netlog stores it: ``YYYY-MM-DD``, or ``--MM-DD`` when the
    year is unknown (the vCard convention)."""

    month: int
    day: int
    year: int | None = None

    @classmethod
    def parse(cls, stored: str) -> Birthday:
        """Read the stored form; PolicyError for anything else."""
        try:
            if stored.startswith("--") and len(stored) == 7 and stored[4] == "-":
                month, day = int(stored[2:4]), int(stored[5:7])
                date(2000, month, day)  # a leap year: 29 February is a real birthday
                return cls(month, day)
            full = date.fromisoformat(stored)
            if len(stored) != 10:
                raise ValueError(stored)
            return cls(full.month, full.day, full.year)
        except (ValueError, IndexError):
            raise PolicyError(stored) from None

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def on(self, year: int) -> date:
        """The day it falls on in ``year``; 29 February falls on 28 February in
        years without one (the day before the missing date, so wishes are never late)."""
        if self.month == 2 and self.day == 29:
            try:
                return date(year, 2, 29)
            except ValueError:
                return date(year, 2, 28)
        return date(year, self.month, self.day)


# ----- the first check-in of someone netlog knows no history of
def first_checkin_offset(contact_id: int, cadence_days: int) -> int:
    """Days from a contact's creation to its first check-in when there is no
    history at all (an imported address book): somewhere in the second half of
    the cadence, spread by id so that a large import does not fall due at once.
    The multiplier is Knuth's: consecutive ids land far apart."""
    half = max(cadence_days // 2, 1)
    return cadence_days - half + (contact_id * 2654435761 % 2**32) % half


# ----- netlog sync: contacts and reminders in vdir folders (see netlog.sync)
# Settings `netlog sync` reads (key -> description); netlog config lists them.
SYNC_SETTINGS = {
    "contacts.vdir": "address-book folder (a vdir of .vcf files) `netlog sync` keeps in step",
    "tasks.vdir": "task-list folder (a vdir of .ics files) `netlog sync` writes reminders to",
    "contacts.tag": "only contacts with this tag (cards in this category) are synced",
}
# Every setting `netlog config` knows (key -> what it is).
SETTINGS = {**CAPTURE_SETTINGS, **SYNC_SETTINGS}
SYNC_WITHIN_DAYS = 28  # reminders for what falls due within this many days
SYNC_ALARM_HOURS = 9  # a reminder's alarm rings at 09:00 on the day it falls due
# A contact whose card was deleted elsewhere keeps its history under this tag;
# `due` leaves archived contacts out (`netlog edit NAME --untag archived` brings one back).
SYNC_ARCHIVED_TAG = ARCHIVED_TAG = "archived"
SYNC_PREFER = ("netlog", "remote")  # who wins a conflict; the first is the default
SYNC_CARD_VERSION = "4.0"  # new cards; "3.0" where the folder holds mostly 3.0 cards

# ----- relationship strength (netlog.insight.strength; the formula is in the README)
STRENGTH_HALF_LIFE_DAYS = 90  # recency: worth half after this long without a conversation
STRENGTH_YEAR_DAYS = 365  # frequency, reciprocity and depth look at this window
STRENGTH_FREQUENCY_HALF = 6  # answered conversations a year that make frequency 0.5
STRENGTH_TENURE_HALF_YEARS = 2  # years known that make tenure 0.5
# How much each part weighs in the 0-100 score (they sum to 1).
STRENGTH_WEIGHTS = {
    "recency": 0.35,
    "frequency": 0.25,
    "reciprocity": 0.15,
    "depth": 0.15,
    "tenure": 0.10,
}
# Depth by kind of interaction: time together weighs more than a message. A kind
# not listed (one a future importer brings) weighs DEFAULT_DEPTH.
KIND_DEPTH = {
    "met": 1.0,
    "meeting": 1.0,
    "coffee": 1.0,
    "video": 0.8,
    "call": 0.7,
    "event": 0.6,  # a group: less one-to-one than a meeting
    "email": 0.3,
    "message": 0.3,
    "thanks": 0.4,
    "update": 0.4,
    "intro": 0.4,
    "ask": 0.4,
    "other": 0.5,
}
DEFAULT_DEPTH = 0.5

# ----- fading ties (netlog.insight.fading)
FADING_GAP_FACTOR = 3  # silence longer than this many typical gaps: fading
FADING_MIN_SILENCE_DAYS = 14  # never fading after less than two weeks of silence


def quiet_from(last_contact_on: date, gap_days: int) -> date:
    """The first day a tie counts as quiet: more than FADING_GAP_FACTOR times its
    typical gap since the last conversation, and at least FADING_MIN_SILENCE_DAYS."""
    wait = max(FADING_GAP_FACTOR * gap_days + 1, FADING_MIN_SILENCE_DAYS)
    return last_contact_on + timedelta(days=wait)


TYPICAL_GAP_SAMPLES = 12  # the typical gap: median of the latest this many intervals
TYPICAL_GAP_MIN_SAMPLES = 3  # fewer intervals than this: no rhythm to compare with


def typical_gap(days: Sequence[date]) -> int | None:
    """Someone's own rhythm: the median number of days between their latest
    conversations (the last 12 intervals between distinct days, oldest first
    in ``days``); None with fewer than 3 intervals to go on. The unit of work
    stores it (``typical_gap_days``); strength and fading read it."""
    distinct = sorted(set(days))[-(TYPICAL_GAP_SAMPLES + 1) :]
    gaps = sorted((b - a).days for a, b in pairwise(distinct))
    if len(gaps) < TYPICAL_GAP_MIN_SAMPLES:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return gaps[middle]
    return round((gaps[middle - 1] + gaps[middle]) / 2)


FADING_LOOKBACK_DAYS = 90  # strength now against strength this many days ago
FADING_DROP_POINTS = 15  # a fall of at least this many points: fading
FADING_SKIP_DAYS = 30  # `netlog skip t12`: a fading tie set aside for this long

# ----- the week in review
WEEK_DAYS = 7  # `netlog week` without --since: today and the six days before
