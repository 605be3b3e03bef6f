"""Use cases that read where the network stands: strength, fading ties, the
week in review and the report's data. Plain functions over a repository and
``today``; the figures come from the pure ``netlog.insight`` models."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from netlog.errors import InputError
from netlog.insight.strength import Strength, strength, strengths_of
from netlog.policy import FADING_LOOKBACK_DAYS, STRENGTH_YEAR_DAYS, WEEK_DAYS, normalise_tag
from netlog.records import ContactSummary
from netlog.repository import Repository

if TYPE_CHECKING:
    from netlog.insight.fading import FadingTie
    from netlog.insight.records import TieHistory
    from netlog.insight.week import WeekReview
    from netlog.report.model import Report

# fading, week and the report import the models they use when they run:
# ``show`` reads a strength and need not load the rest of netlog.insight.


def window(today: date) -> date:
    """The first day of history strength and fading read: a year before the
    day 90 days ago (what came earlier is summed up, see ``tie_histories``)."""
    return today - timedelta(days=STRENGTH_YEAR_DAYS + FADING_LOOKBACK_DAYS)


def contact_strength(repo: Repository, contact_id: int, today: date) -> Strength:
    [history] = repo.tie_histories([contact_id])
    return strength(history, today)


def strengths(
    repo: Repository, today: date, contact_ids: list[int] | None = None
) -> dict[int, Strength]:
    """Every contact's strength (or only ``contact_ids``'), by id."""
    return strengths_of(repo.tie_histories(contact_ids, window(today)), today)


def contacts_by_strength(
    repo: Repository, today: date, *, tag: str | None = None, company: str | None = None
) -> tuple[list[ContactSummary], dict[int, int]]:
    """The listing, strongest first (then by name), and each one's score."""
    from netlog import services

    found = services.list_contacts(repo, tag=tag, company=company, sort="name")
    ids = [c.id for c in found]
    scores = {
        cid: s.score for cid, s in strengths(repo, today, ids if tag or company else None).items()
    }
    found.sort(key=lambda c: -scores.get(c.id, 0))  # stable: by name within a score
    return found, scores


def contacts_by_strength_json(
    repo: Repository, today: date, *, tag: str | None = None, company: str | None = None
) -> list[dict[str, Any]]:
    """``list --sort strength --json``: the documented contact objects, strongest
    first, each with its ``strength`` (score and parts)."""
    import json

    from netlog import services

    chunks = services.list_contacts_json(repo, tag=tag, company=company, sort="name")
    contacts: list[dict[str, Any]] = [json.loads(text) for chunk in chunks for text in chunk]
    ids = [c["id"] for c in contacts]
    found = strengths(repo, today, ids if tag or company else None)
    for c in contacts:
        s = found[c["id"]]
        c["strength"] = {"score": s.score, **s.parts()}
    contacts.sort(key=lambda c: -int(c["strength"]["score"]))
    return contacts


def fading(
    repo: Repository,
    *,
    today: date,
    tag: str | None = None,
    limit: int | None = None,
    histories: list[TieHistory] | None = None,
) -> list[FadingTie]:
    """Every fading tie, strongest first (``limit``: the strongest N)."""
    from netlog.insight.fading import fading_ties

    if limit is not None and limit < 1:
        raise InputError("--limit must be at least 1", "use e.g. --limit 10")
    if histories is None:
        ids = sorted(repo.ids_with_tag(normalise_tag(tag) or tag)) if tag else None
        histories = repo.tie_histories(ids, window(today))
    found = fading_ties(histories, today)
    return found[:limit] if limit is not None else found


class Period(NamedTuple):
    since: date
    until: date


def week_period(since: date | None, today: date) -> Period:
    """The days ``week`` reviews: ``--since`` (default six days ago) to today."""
    start = since if since is not None else today - timedelta(days=WEEK_DAYS - 1)
    if start > today:
        raise InputError(
            f"--since {start.isoformat()} is after today",
            "give a past day, e.g. --since 'last monday' or --since 2w",
        )
    return Period(start, today)


def week(repo: Repository, *, today: date, since: date | None = None) -> WeekReview:
    from netlog.insight.fading import fading_ties
    from netlog.insight.timeline import overdue_series
    from netlog.insight.week import week_review

    period = week_period(since, today)
    histories = repo.tie_histories(since=window(today))
    before = today - timedelta(days=WEEK_DAYS)
    now_, then = overdue_series(histories, repo.promises(), [today, before])
    return week_review(
        since=period.since,
        until=period.until,
        contacted=repo.contacted(period.since, period.until),
        favours=repo.favours_between(period.since, period.until),
        asks=repo.asks_between(period.since, period.until),
        introductions=repo.introductions_between(period.since, period.until),
        overdue_now=now_,
        overdue_before=then,
        fading=fading_ties(histories, today),
    )


def report(repo: Repository, *, today: date) -> Report:
    """The report's view model (``netlog.report.model``) from the whole network."""
    from netlog.insight.timeline import overdue_series
    from netlog.report.model import GiveTake, Person, build_report, heatmap_days, series_days

    histories = repo.tie_histories(since=window(today))
    days = heatmap_days({}, today)
    return build_report(
        today=today,
        people=[Person(*row) for row in repo.network_people()],
        strengths=strengths_of(histories, today),
        introductions=repo.introduction_pairs(),
        activity=repo.daily_activity(days[0].day, today),
        balances=[GiveTake(b.contact_id, b.name, b.gave, b.got) for b in repo.balances()],
        overdue=overdue_series(histories, repo.promises(), series_days(today)),
    )
