"""Verification batches keep the pairs of connected documents together."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from corpuskit.dupes.corpus import _pair_batches
from corpuskit.unionfind import components

pair_lists = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40)).filter(lambda p: p[0] < p[1]).map(tuple), unique=True, max_size=80
)


@given(pair_lists, st.integers(1, 10))
def test_every_pair_once_and_a_group_split_only_when_the_batch_is_full(pairs, size):
    batches = _pair_batches(pairs, size)
    assert sorted(p for batch in batches for p in batch) == sorted(pairs)
    group_of = {doc: i for i, group in enumerate(components([], pairs)) for doc in group}
    for batch, following in zip(batches, batches[1:]):
        assert len(batch) <= 2 * size
        split = group_of[batch[-1][0]] == group_of[following[0][0]]
        assert not split or len(batch) == 2 * size


def test_a_large_group_is_cut_so_that_few_documents_are_in_two_batches():
    """Ids scattered along one long chain of links (one connected group, many batches):
    cut in walking order, a document's pairs land in the same batch nearly always."""
    ids = random.Random(7).sample(range(10_000), 400)
    pairs = [(min(a, b), max(a, b)) for a, b in zip(ids, ids[1:] + ids[:1])]
    batches = _pair_batches(pairs, 10)
    analyses = sum(len({doc for pair in batch for doc in pair}) for batch in batches)
    assert sorted(p for batch in batches for p in batch) == sorted(pairs)
    assert analyses / len(ids) < 1.2  # sorted by id instead: 1.6
