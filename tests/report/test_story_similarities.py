"""Story grouping's pair similarities against their definition, on random postings.

The definition: two documents' similarity is the sum, over the terms both
kept, of their weights' products; a pair is an edge when that sum reaches
``min_similarity`` and their dates (when both are known) are at most
``max_days_apart`` apart; each document keeps its ``max_neighbours``
strongest edges (dates scaled), and an edge stays while either side keeps it.
The code computes this a block of documents at a time in date order; these
tests make the blocks tiny so that every boundary is crossed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.report import stories
from corpuskit.report.settings import DEFAULT_STORY_SETTINGS

UNCAPPED = replace(DEFAULT_STORY_SETTINGS, max_neighbours=10**9, min_similarity=0.05, max_days_apart=3)


@st.composite
def corpora(draw):
    documents = draw(st.integers(2, 14))
    days = [
        None
        if draw(st.booleans()) and draw(st.booleans())
        else date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 12)))
        for _ in range(documents)
    ]
    postings = draw(
        st.sets(st.tuples(st.integers(0, 6), st.integers(0, documents - 1)), min_size=1, max_size=documents * 5)
    )
    term, position = (np.array(column, dtype=np.int64) for column in zip(*sorted(postings)))
    weight = np.array([draw(st.floats(0.01, 1.0)) for _ in postings])
    return term, position, weight, days


def defined_similarities(term, position, weight, days, settings) -> dict[tuple[int, int], float]:
    vectors: dict[int, dict[int, float]] = {}
    for t, p, w in zip(term.tolist(), position.tolist(), weight.tolist()):
        vectors.setdefault(p, {})[t] = w
    found = {}
    for a in range(len(days)):
        for b in range(a + 1, len(days)):
            shared = set(vectors.get(a, {})) & set(vectors.get(b, {}))
            if not shared:
                continue
            if days[a] and days[b] and abs((days[a] - days[b]).days) > settings.max_days_apart:
                continue
            similarity = sum(vectors[a][t] * vectors[b][t] for t in shared)
            if similarity >= settings.min_similarity:
                found[(a, b)] = similarity
    return found


def pair_similarities(term, position, weight, days, settings) -> dict[tuple[int, int], float]:
    pairs = stories._pair_arrays(term, position, weight, days, settings)
    return dict(zip(zip(pairs.first.tolist(), pairs.second.tolist()), pairs.similarity.tolist()))


@given(corpora())
@settings(max_examples=200, deadline=None)
def test_pairs_are_the_defined_ones_in_blocks_of_any_size(corpus):
    term, position, weight, days = corpus
    expected = defined_similarities(term, position, weight, days, UNCAPPED)
    for block in (3, 1 << 22):
        original = stories.PRODUCTS_PER_BLOCK
        stories.PRODUCTS_PER_BLOCK = block
        try:
            found = pair_similarities(term, position, weight, days, UNCAPPED)
        finally:
            stories.PRODUCTS_PER_BLOCK = original
        assert found.keys() == expected.keys()
        assert all(found[pair] == pytest.approx(expected[pair]) for pair in expected)
        assert list(found) == sorted(found)  # lower position first, in pair order


def _scaled(similarity: float, day_a, day_b, settings) -> float:
    if day_a and day_b:
        return similarity * 0.5 ** (abs((day_a - day_b).days) / settings.days_half_life)
    return similarity


@given(corpora(), st.integers(1, 4))
@settings(max_examples=200, deadline=None)
def test_each_document_keeps_its_strongest_edges_and_an_edge_stays_while_either_side_keeps_it(corpus, keep):
    term, position, weight, days = corpus
    capped = replace(UNCAPPED, max_neighbours=keep)
    every = defined_similarities(term, position, weight, days, UNCAPPED)
    original = stories.PRODUCTS_PER_BLOCK, stories.PRUNE_FROM
    stories.PRODUCTS_PER_BLOCK, stories.PRUNE_FROM = 3, 2  # prune after (nearly) every block
    try:
        found = pair_similarities(term, position, weight, days, capped)
    finally:
        stories.PRODUCTS_PER_BLOCK, stories.PRUNE_FROM = original
    assert set(found) <= set(every)
    strength = {pair: _scaled(s, days[pair[0]], days[pair[1]], capped) for pair, s in every.items()}
    for pair in every:
        # With ties the kept one of equals is the code's choice: only clear cases are pinned.
        ranks = []
        for side in pair:
            others = [strength[p] for p in every if side in p and p != pair]
            ranks.append(
                (sum(s > strength[pair] + 1e-12 for s in others), sum(s >= strength[pair] - 1e-12 for s in others))
            )
        if any(above_or_equal < keep for _, above_or_equal in ranks):
            assert pair in found
        if all(above >= keep for above, _ in ranks):
            assert pair not in found


def test_documents_further_apart_than_the_window_are_never_paired_even_when_identical():
    term = np.array([0, 0, 0], dtype=np.int64)
    position = np.array([0, 1, 2], dtype=np.int64)
    weight = np.array([1.0, 1.0, 1.0])
    days = [date(2024, 1, 1), date(2024, 1, 9), None]
    found = pair_similarities(term, position, weight, days, replace(UNCAPPED, max_days_apart=7))
    assert set(found) == {(0, 2), (1, 2)}  # 8 days apart: no edge; undated: an edge to both
    found = pair_similarities(term, position, weight, days, replace(UNCAPPED, max_days_apart=8))
    assert set(found) == {(0, 1), (0, 2), (1, 2)}


def test_a_document_similar_to_many_keeps_only_its_strongest_but_they_keep_theirs():
    # Document 0 shares a term with each of 1..5, more strongly with the lower ones; 1..5 share nothing else.
    term = np.array([1, 2, 3, 4, 5, 1, 2, 3, 4, 5], dtype=np.int64)
    position = np.array([0, 0, 0, 0, 0, 1, 2, 3, 4, 5], dtype=np.int64)
    weight = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.9, 0.8, 0.7, 0.6, 0.5])
    days = [None] * 6
    found = pair_similarities(term, position, weight, days, replace(UNCAPPED, max_neighbours=2))
    # Each of 1..5 keeps its only edge, so every edge stays: a hub cannot cut its spokes' edges.
    assert set(found) == {(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)}
    # Two hubs over the same five spokes, and one edge kept a document: each hub's strongest other is the
    # other hub (five shared terms), and each spoke has two equal edges, of which it keeps one.
    term = np.r_[term, term[:5]]
    position = np.r_[position, [6, 6, 6, 6, 6]]
    weight = np.r_[weight, weight[:5]]
    found = pair_similarities(term, position, weight, [None] * 7, replace(UNCAPPED, max_neighbours=1))
    assert (0, 6) in found
    for spoke in range(1, 6):
        assert ((0, spoke) in found) + ((spoke, 6) in found) == 1
    assert len(found) == 6


@pytest.mark.parametrize("half_life", [7.0, 10.0, 3.3, 1.0])
def test_the_date_factor_is_python_s_power_to_the_last_bit(half_life):
    settings = replace(UNCAPPED, days_half_life=half_life)
    gaps = list(range(0, 61)) + [365, 4000]
    day_a = np.array([730_000] * len(gaps) + [-1, 730_000], dtype=np.int64)
    day_b = np.array([730_000 + g for g in gaps] + [730_010, -1], dtype=np.int64)
    expected = [0.5 ** (g / half_life) for g in gaps] + [1.0, 1.0]
    assert stories._date_factor(day_a, day_b, settings).tolist() == expected


def _reports(count: int) -> list[stories.StoryDoc]:
    base = "Harbour master Ilse Varnhagen closed the Saltmarsh ferry terminal after the Humber gale warning"
    return [stories.StoryDoc(i, f"{base} report{i} extra{i}", "2024-03-01") for i in range(1, count + 1)]


def test_the_cap_on_edges_spares_a_story_held_together_by_dupes_links():
    docs = _reports(12)
    links = [(1, i) for i in range(2, 9)]  # eight syndicated copies; four independent reports beside them
    whole = stories.group_stories(docs, links, UNCAPPED)
    assert [g.documents for g in whole] == [tuple(range(1, 13))]
    capped = replace(UNCAPPED, max_neighbours=3)
    assert [g.documents for g in stories.group_stories(docs, links, capped)] == [tuple(range(1, 13))]


def test_a_window_longer_than_any_two_dates_is_the_same_window():
    docs = [stories.StoryDoc(d.id, d.text, f"2024-03-{d.id:02d}") for d in _reports(6)]
    longest = stories.group_stories(docs, settings=replace(UNCAPPED, max_days_apart=10**19))
    assert longest == stories.group_stories(docs, settings=replace(UNCAPPED, max_days_apart=10**6))
    assert len(longest) == 1
