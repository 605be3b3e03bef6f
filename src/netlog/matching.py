"""Who could help whom: the pure rules behind `netlog suggest`.

A pair of contacts is worth introducing when what one offers matches what the
other seeks (3 points per shared word, both directions counted), or when they
share tags (1 point per tag). Pairs who already know each other through you
(introduced, or one introduced you to the other) are left out. Words are folded
(case and accents), stop words and words under three letters dropped, and a
plural "s" ignored, so "Rust mentoring" meets "a Rust mentor".

Tags shared by very many people (more than ``MAX_TAG_GROUP``) say little about a
pair and would make the pair count explode in a large network; they are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from netlog.names import fold
from netlog.records import MatchProfile

OFFER_SEEK_POINTS = 3
TAG_POINTS = 1
MAX_TAG_GROUP = 60
_STOP = frozenset(
    "the and for with from into about someone some any who what how that this their "
    "them you your our are can will help looking need needs want wants get find".split()
)


@dataclass(slots=True)
class Suggestion:
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: int
    reason: str


def keywords(text: str | None) -> set[str]:
    """Comparable words of an offers/seeks text."""
    if not text:
        return set()
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()
    result = set()
    for word in words:
        if len(word) < 3 or word in _STOP:
            continue
        for suffix in ("ing", "ers", "er", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        result.add(word)
    return result


def suggest(
    profiles: Iterable[MatchProfile], known: set[tuple[int, int]], limit: int = 20
) -> list[Suggestion]:
    """The best introductions to make, best first (ties: by names)."""
    people = {p.id: p for p in profiles}
    offers = {p.id: keywords(p.offers) for p in people.values()}
    seeks = {p.id: keywords(p.seeks) for p in people.values()}
    offered_by: dict[str, set[int]] = defaultdict(set)
    for pid, words in offers.items():
        for word in words:
            offered_by[word].add(pid)

    scores: dict[tuple[int, int], int] = defaultdict(int)
    matches: dict[tuple[int, int], list[str]] = defaultdict(list)
    for seeker, words in seeks.items():
        helpers: dict[int, set[str]] = defaultdict(set)
        for word in words:
            for helper in offered_by.get(word, ()):
                if helper != seeker:
                    helpers[helper].add(word)
        for helper, shared in helpers.items():
            pair = (min(helper, seeker), max(helper, seeker))
            scores[pair] += OFFER_SEEK_POINTS * len(shared)
            h, s = people[helper], people[seeker]
            matches[pair].append(f"{h.name} offers “{h.offers}”, {s.name} seeks “{s.seeks}”")

    by_tag: dict[str, list[int]] = defaultdict(list)
    for p in people.values():
        for tag in p.tags:
            by_tag[tag].append(p.id)
    shared_tags: dict[tuple[int, int], list[str]] = defaultdict(list)
    for tag, members in by_tag.items():
        if len(members) > MAX_TAG_GROUP:
            continue
        for a, b in combinations(sorted(members), 2):
            shared_tags[(a, b)].append(tag)
    for pair, tags in shared_tags.items():
        scores[pair] += TAG_POINTS * len(tags)

    found = []
    for pair, score in scores.items():
        if pair in known:
            continue
        one, other = people[pair[0]], people[pair[1]]
        reasons = list(dict.fromkeys(matches.get(pair, [])))
        if pair in shared_tags:
            reasons.append("both tagged " + ", ".join(sorted(shared_tags[pair])))
        found.append(Suggestion(one.id, one.name, other.id, other.name, score, "; ".join(reasons)))
    found.sort(key=lambda s: (-s.score, fold(s.a_name), fold(s.b_name)))
    return found[:limit]
