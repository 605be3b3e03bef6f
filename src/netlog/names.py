"""How names typed at the prompt are compared with stored names: the one home of
that rule. Pure functions; the repository stores ``fold(name)`` as ``name_key``."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``"  José  Núñez"`` -> ``"jose nunez"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def clean_name(text: str) -> str:
    """A display name with surrounding and repeated whitespace removed (NFC)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


FUZZY_ACCEPT = 90.0  # a single fuzzy match at or above this is taken as meant
FUZZY_SUGGEST = 60.0  # candidates at or above this are offered as "did you mean"


def fuzzy_rank(
    query_key: str, keyed: list[tuple[int, str, str]], limit: int = 5
) -> list[tuple[int, str, float]]:
    """Rank ``(id, name, key)`` rows by similarity to ``query_key``: ``(id, name, score)``."""
    if not keyed:
        return []
    from rapidfuzz import fuzz, process

    keys = [row[2] for row in keyed]
    found = process.extract(
        query_key, keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=FUZZY_SUGGEST
    )
    return [(keyed[i][0], keyed[i][1], score) for _, score, i in found]


def pick_fuzzy(ranked: list[tuple[int, str, float]]) -> int | None:
    """The id of a fuzzy match clear enough to act on, or None.

    Clear means: the best scores at least ``FUZZY_ACCEPT`` and beats the runner-up
    by 5 points, so "ada lovlace" finds Ada Lovelace but "ann" never silently
    picks one of Anna and Annie.
    """
    if not ranked or ranked[0][2] < FUZZY_ACCEPT:
        return None
    if len(ranked) > 1 and ranked[1][2] > ranked[0][2] - 5:
        return None
    return ranked[0][0]


_COMPANY_NOISE = frozenset(
    "the inc incorporated corp corporation co company llc ltd limited gmbh ag sa plc "
    "bv nv oy ab srl spa pty lp llp group holdings".split()
)


def company_words(text: str) -> list[str]:
    """A company name as comparable words: folded, punctuation and legal suffixes
    dropped (``"ACME Corp."`` -> ``["acme"]``)."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(text))
    words = cleaned.split()
    meaningful = [w for w in words if w not in _COMPANY_NOISE]
    return meaningful or words


def company_matches(query: str, company: str | None) -> bool:
    """Loose company matching: every word of the query starts a word of the
    company, in order of appearance not required (``Acme`` finds ``ACME Corp.``,
    ``analytical eng`` finds ``Analytical Engines Ltd``)."""
    if not company:
        return False
    wanted = company_words(query)
    have = company_words(company)
    return bool(wanted) and all(any(h.startswith(w) for h in have) for w in wanted)
