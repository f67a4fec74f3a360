"""Name keys and name comparison (corpuskit.entities.names)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.entities import blocking
from corpuskit.entities.blocking import FuzzyIndex, deletion_variants
from corpuskit.entities.names import (
    describe_spellings,
    explains_acronym,
    fuzzy_edits,
    is_acronym,
    is_initials_of,
    normalise,
    related,
    token_edits,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "U.S"),
        ("U.S.", "US"),
        ("West-Germany", "West Germany"),
        ("Penal Colony Number Six", "Penal Colony Number 6"),
        ("Penal Colony No. 6", "Penal Colony Number 6"),
        ("Burlington Industries Inc", "Burlington Industries"),
        ("The Boeing Company", "Boeing"),
        ("J.P. Morgan and Co Inc", "J.P. Morgan"),
        ("Dominion Textiles Inc of Canada", "Dominion Textiles"),
        ("Pennzoil Co PZL", "Pennzoil"),
        ("Pan Am Corp's", "Pan Am"),
        ("GAFs", "GAF"),
        ("Škoda", "skoda"),
        ("Zürich", "Zurich"),
        ("Волгоград", "Volgograd"),
    ],
)
def test_spellings_with_one_key(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bush campaign", "Bush"),  # a lower-case head noun makes another thing
        ("Number 6", "Number 7"),
        ("General Motors Acceptance Corp", "General Motors Corp"),
    ],
)
def test_spellings_with_different_keys(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anuar", "Anwar"),
        ("Valentina Chupik", "Valentine Chupik"),
        ("Volodymyr Osyechkin", "Volodymyr Osechkin"),
        ("Russia Behind Bars", "Russian Behind Bars"),
        ("Western Digital Corp", "Western Digtial Corp"),  # swapped letters: one edit
        ("Alexei Navalny", "Alexey Navalny"),
    ],
)
def test_fuzzy_matches(a: str, b: str) -> None:
    assert fuzzy_edits(normalise(a), normalise(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Austria", "Australia"),  # two edits in seven letters
        ("Iran", "Iraq"),  # a consonant in a short word
        ("Mark Smith", "Mary Smith"),  # different first names
        ("John Smith", "Jane Smith"),
        ("Jon Smith", "Jan Smith"),  # three letters: no edit allowed
        ("Smith Jones", "Smyth Jonas"),  # every word misspelt: another name
        ("Vladimir", "Vladimir Putin"),  # different numbers of words
        ("Route 6", "Route 9"),
    ],
)
def test_fuzzy_non_matches(a: str, b: str) -> None:
    assert fuzzy_edits(normalise(a), normalise(b)) is None


def test_edit_budget_grows_with_length() -> None:
    assert token_edits("abc", "abd") is None
    assert token_edits("anuar", "anwar") == 1
    assert token_edits("valentina", "valantine") == 2
    assert token_edits("valent", "vxlxnt") is None


def test_acronyms() -> None:
    assert is_acronym("ISW") and is_acronym("U.S.") and is_acronym("GAFs")
    assert not is_acronym("Isw") and not is_acronym("A") and not is_acronym("NATIONWIDE")
    assert is_initials_of("isw", normalise("Institute for the Study of War"))
    assert is_initials_of("sec", normalise("U.S. Securities and Exchange Commission"))
    assert not is_initials_of("isw", normalise("Institute of Strategy"))
    assert explains_acronym("pmc", ("wagner", "private", "military", "company"))
    assert not explains_acronym("xyz", ("wagner", "private", "military", "company"))


def test_related_names_and_unrelated_ones() -> None:
    assert related(normalise("Chupik"), normalise("Valentina Chupik"))
    assert related(normalise("ISW"), normalise("Institute for the Study of War"))
    assert related(normalise("Gerald R. Ford"), normalise("Gerald Ford"))
    assert not related(normalise("John Smith"), normalise("Jane Smith"))
    assert not related(normalise("Chupik"), normalise("Olga Romanova"))


def test_describe_spellings() -> None:
    assert (
        describe_spellings("Penal Colony Number Six", "Penal Colony Number 6") == "Number Six ~ Number 6: number word"
    )
    assert describe_spellings("Wagner Group", "Wagner") == "Wagner Group ~ Wagner: company suffix"
    assert describe_spellings("WASHINGTON", "Washington") == "WASHINGTON ~ Washington: capitals differ"
    assert describe_spellings("U.S", "U.S.").endswith("punctuation differs")


def test_fuzzy_index_finds_close_names_only() -> None:
    keys = [normalise(n) for n in ("Valentina Chupik", "Valentine Chupik", "Olga Romanova", "Anuar", "Anwar", "Moscow")]
    pairs = {frozenset(p) for p in FuzzyIndex(keys).candidate_pairs()}
    assert frozenset({normalise("Valentina Chupik"), normalise("Valentine Chupik")}) in pairs
    assert frozenset({normalise("Anuar"), normalise("Anwar")}) in pairs
    assert all(normalise("Moscow") not in p for p in pairs)


def test_fuzzy_index_is_not_quadratic() -> None:
    # 3,000 unrelated names: candidate pairs stay near zero, not 4.5 million.
    keys = [(f"name{i:04d}x", f"family{i % 97:03d}") for i in range(3000)]
    assert sum(1 for _ in FuzzyIndex(keys).candidate_pairs()) < 3000


def _reference_candidate_pairs(keys: list) -> set[frozenset]:
    """The index's definition with sets of strings: each key looks through its position with
    the fewest keys sharing a deletion variant there (the first such position on a tie), skips
    itself when that is over MAX_CANDIDATES, and pairs with the later keys found."""
    keys = list(dict.fromkeys(keys))
    sharing: dict[tuple[int, int, str], set[int]] = {}
    for number, key in enumerate(keys):
        for position, token in enumerate(key):
            for variant in deletion_variants(token):
                sharing.setdefault((len(key), position, variant), set()).add(number)
    pairs = set()
    for number, key in enumerate(keys):
        best: set[int] | None = None
        for position, token in enumerate(key):
            found = set().union(*(sharing.get((len(key), position, v), set()) for v in deletion_variants(token)))
            if best is None or len(found) < len(best):
                best = found
        if best is not None and len(best) <= blocking.MAX_CANDIDATES:
            pairs |= {frozenset((key, keys[other])) for other in best if other > number}
    return pairs


_TOKENS = st.text(alphabet="abcdeno1", min_size=1, max_size=7)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_TOKENS, min_size=1, max_size=3).map(tuple), max_size=30),
    st.one_of(st.just(blocking.MAX_CANDIDATES), st.integers(min_value=1, max_value=5)),
)
def test_fuzzy_index_gives_the_pairs_of_its_definition(keys: list, limit: int) -> None:
    # A small limit puts names at the edge of "too common to be a variant".
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocking, "MAX_CANDIDATES", limit)
        found = [frozenset(p) for p in FuzzyIndex(keys).candidate_pairs()]
        assert len(found) == len(set(found)), "a pair was given twice"
        assert set(found) == _reference_candidate_pairs(keys)


def test_fuzzy_index_looks_through_the_first_of_equally_selective_words() -> None:
    keys = [("ab", "cd"), ("ab", "xy"), ("zz", "cd")]
    assert {frozenset(p) for p in FuzzyIndex(keys).candidate_pairs()} == {frozenset(keys[:2])}


def test_fuzzy_index_skips_a_spelling_too_common_to_be_a_variant(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [("marta",), ("marte",), ("marty",), ("marto",), ("zorro",), ("zoro",)]
    assert frozenset({("marta",), ("marte",)}) in {frozenset(p) for p in FuzzyIndex(keys).candidate_pairs()}
    monkeypatch.setattr(blocking, "MAX_CANDIDATES", 3)
    pairs = {frozenset(p) for p in FuzzyIndex(keys).candidate_pairs()}
    assert pairs == {frozenset({("zorro",), ("zoro",)})}  # four keys share "mart": none looks further
    assert pairs == _reference_candidate_pairs(keys)


@pytest.mark.parametrize(("limit", "pairs"), [(1, 0), (2, 1)])
def test_fuzzy_index_limit_counts_the_name_itself(monkeypatch: pytest.MonkeyPatch, limit: int, pairs: int) -> None:
    monkeypatch.setattr(blocking, "MAX_CANDIDATES", limit)
    assert len(list(FuzzyIndex([("abcd",), ("abce",)]).candidate_pairs())) == pairs  # "abc": two names


def test_variant_hashes_are_the_same_in_every_process() -> None:
    script = (
        "from corpuskit.entities.blocking import variant_hashes; print(variant_hashes(['melnyk', 'melnik']).tolist())"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
