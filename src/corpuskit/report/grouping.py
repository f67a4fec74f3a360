"""Small graph helpers for findings: which statements to compare, and which belong together."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from itertools import combinations

from corpuskit.unionfind import components as connected


def pairs_sharing(keys: Sequence[Iterable[Hashable]], min_shared: int, common: int) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose key sets share at least ``min_shared`` keys.

    An inverted index, so a large story does not compare every statement with
    every other; keys held by more than ``common`` statements are skipped, as
    they match everything.
    """
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for index, item_keys in enumerate(keys):
        for key in set(item_keys):
            postings[key].append(index)
    shared: Counter = Counter()
    for members in postings.values():
        if len(members) <= common:
            shared.update(combinations(members, 2))
    return {pair for pair, count in shared.items() if count >= min_shared}


def components(links: Iterable[tuple[int, int]]) -> list[set[int]]:
    """Groups of indexes joined by links, in the order of their first link;
    unlinked indexes are left out."""
    return [set(group) for group in connected([], links)]
