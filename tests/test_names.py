"""Pure unit tests for name matching (netlog.names): folding, cleaning, fuzzy picks."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlog.names import FUZZY_ACCEPT, FUZZY_SUGGEST, clean_name, fold, fuzzy_rank, pick_fuzzy

PROPERTY = settings(max_examples=200, deadline=None)

PEOPLE = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Anna Karenina", "Annie Easley"]


def keyed(names: list[str]) -> list[tuple[int, str, str]]:
    """Rows as the repository hands them over: ``(id, name, fold(name))``, ids from 1."""
    return [(i, name, fold(name)) for i, name in enumerate(names, 1)]


# --- fold --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  José  NÚÑEZ ", "jose nunez"),
        ("José Núñez", "jose nunez"),
        ("jose nunez", "jose nunez"),
        ("JOSE\tNUNEZ\n", "jose nunez"),
        ("Jose\u0301 Nu\u0303n\u0303ez", "jose nunez"),  # decomposed accents
        ("Zoë Ångström", "zoe angstrom"),
        ("François Façade", "francois facade"),
        ("Straße", "strasse"),  # casefold, not just lower
        ("Ａｄａ", "ada"),  # full-width letters (compatibility forms)
        ("ﬁona", "fiona"),  # ligature
        ("Ada\u00a0Lovelace", "ada lovelace"),  # no-break space
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Núñez", "jose nunez"),
        ("  JOSÉ   núñez", "José Núñez "),
        ("Ada Lovelace", "ADA  LOVELACE"),
    ],
)
def test_fold_makes_spellings_of_one_name_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Ada", "Adam"), ("Ann", "Anne"), ("Jo Se", "Jose")])
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@PROPERTY
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@PROPERTY
@given(st.text())
def test_fold_output_is_trimmed_single_spaced_and_unaccented(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert not any(ch.isspace() and ch != " " for ch in folded)
    assert not any(unicodedata.combining(ch) for ch in folded)


# Latin-script names; the Turkish dotless "ı" is left out because Unicode case folding
# keeps it apart from "i" while "ı".upper() is "I".
LATIN = st.characters(categories=["L", "Zs"], max_codepoint=0x24F, exclude_characters="ı")


@PROPERTY
@given(st.text(alphabet=LATIN))
def test_fold_ignores_case(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


# --- clean_name --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ("  Ada   Lovelace  ", "Ada Lovelace"),
        ("Ada\tLovelace\n", "Ada Lovelace"),
        ("José  Núñez", "José Núñez"),  # keeps case and accents
        ("Jose\u0301", "Jos\u00e9"),  # composes to NFC
        ("", ""),
    ],
)
def test_clean_name(text: str, expected: str) -> None:
    assert clean_name(text) == expected


@PROPERTY
@given(st.text())
def test_clean_name_is_idempotent_and_folds_like_the_original(text: str) -> None:
    cleaned = clean_name(text)
    assert clean_name(cleaned) == cleaned
    assert "  " not in cleaned
    assert fold(cleaned) == fold(text)


# --- fuzzy_rank and pick_fuzzy -----------------------------------------------------------------


def test_fuzzy_rank_finds_a_misspelt_name() -> None:
    ranked = fuzzy_rank("ada lovlace", keyed(PEOPLE))
    assert ranked, "expected at least one candidate"
    best_id, best_name, best_score = ranked[0]
    assert (best_id, best_name) == (1, "Ada Lovelace")
    assert best_score >= FUZZY_ACCEPT
    assert all(score < best_score - 5 for _, _, score in ranked[1:])
    assert pick_fuzzy(ranked) == 1


def test_fuzzy_rank_returns_display_names_and_sorted_scores() -> None:
    ranked = fuzzy_rank("anna", keyed(PEOPLE))
    names = [name for _, name, _ in ranked]
    assert "Anna Karenina" in names
    assert "Grace Hopper" not in names
    scores = [score for _, _, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= FUZZY_SUGGEST for score in scores)


def test_fuzzy_rank_drops_candidates_below_the_suggest_cutoff() -> None:
    assert fuzzy_rank("zzzz qqqq", keyed(PEOPLE)) == []


def test_fuzzy_rank_of_nothing_is_nothing() -> None:
    assert fuzzy_rank("ada", []) == []


def test_fuzzy_rank_respects_the_limit() -> None:
    rows = keyed([f"Sam Smith {n}" for n in range(10)])
    assert len(fuzzy_rank("sam smith", rows)) == 5
    assert len(fuzzy_rank("sam smith", rows, limit=2)) == 2


def test_pick_fuzzy_refuses_a_close_tie_between_similar_names() -> None:
    ranked = fuzzy_rank("ann", keyed(["Anna", "Anne", "Grace Hopper"]))
    assert {name for _, name, _ in ranked} == {"Anna", "Anne"}
    assert pick_fuzzy(ranked) is None


def test_pick_fuzzy_never_silently_picks_anna_or_annie() -> None:
    ranked = fuzzy_rank("ann", keyed(["Anna", "Annie"]))
    assert pick_fuzzy(ranked) is None


def test_pick_fuzzy_refuses_a_strong_tie() -> None:
    ranked = fuzzy_rank("jon smith", keyed(["Jon Smithe", "Jon Smiths"]))
    assert len(ranked) == 2
    assert ranked[0][2] >= FUZZY_ACCEPT  # both are good matches, neither is clear
    assert pick_fuzzy(ranked) is None


def test_pick_fuzzy_refuses_a_weak_single_match() -> None:
    ranked = fuzzy_rank("alen", keyed(["Alan Turing", "Grace Hopper"]))
    assert [name for _, name, _ in ranked] == ["Alan Turing"]
    assert FUZZY_SUGGEST <= ranked[0][2] < FUZZY_ACCEPT  # offered as a suggestion only
    assert pick_fuzzy(ranked) is None


@pytest.mark.parametrize(
    ("ranked", "expected"),
    [
        ([], None),
        ([(1, "Ada", 100.0)], 1),
        ([(1, "Ada", 90.0)], 1),  # at the accept threshold
        ([(1, "Ada", 89.9)], None),  # just below it
        ([(1, "Ada", 95.0), (2, "Adam", 90.0)], 1),  # beats the runner-up by exactly 5
        ([(1, "Ada", 95.0), (2, "Adam", 90.1)], None),  # by less than 5
        ([(1, "Anna", 92.0), (2, "Anne", 92.0)], None),  # a tie
        ([(7, "Ada", 100.0), (2, "Adam", 60.0), (3, "Adele", 60.0)], 7),
    ],
)
def test_pick_fuzzy_thresholds(ranked: list[tuple[int, str, float]], expected: int | None) -> None:
    assert pick_fuzzy(ranked) == expected
