"""Candidate pairs for fuzzy matching without comparing every name with every other.

Deletion neighbourhoods (the SymSpell idea): two words within k edits of
each other share a string obtained by deleting at most k letters from each.
So each token is indexed under its deletion variants (as many deletions as
its edit budget allows), per token count and position.  A name looks up
candidates through its most selective position only; the full comparison
then checks every token.  With 100,000 distinct names a name meets the few
names that share a near-spelling of its rarest word, not the 100,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from corpuskit.entities.names import Key, edit_budget

# Beyond this many candidates through its most selective token a name is
# too common a spelling to be a variant of anything; skip it.
MAX_CANDIDATES = 5000


def deletion_variants(token: str) -> frozenset[str]:
    """The token and every string made by deleting up to its edit budget of letters."""
    budget = edit_budget(len(token))
    if any(c.isdigit() for c in token):
        budget = 0  # numbers must match exactly
    variants = {token}
    frontier = {token}
    for _ in range(budget):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        variants |= frontier
    return frozenset(variants)


class FuzzyIndex:
    def __init__(self, keys: Iterable[Key]):
        self.keys = list(dict.fromkeys(keys))
        # One set per distinct token, for this index only: a surname in a thousand names is
        # expanded once, and the sets go with the index.
        self._deletions: dict[str, frozenset[str]] = {}
        # (token count, position) -> deletion variant -> key numbers: a dict a slot, not a
        # tuple a variant (the index is most of resolution's peak memory).
        self._postings: dict[tuple[int, int], defaultdict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for number, key in enumerate(self.keys):
            for position, token in enumerate(key):
                slot = self._postings[(len(key), position)]
                for variant in self._variants(token):
                    slot[variant].append(number)

    def _variants(self, token: str) -> frozenset[str]:
        known = self._deletions.get(token)
        if known is None:
            known = self._deletions[token] = deletion_variants(token)
        return known

    def candidate_pairs(self) -> Iterator[tuple[Key, Key]]:
        """Each unordered pair of keys that may be within the fuzzy budget, once."""
        for number, key in enumerate(self.keys):
            for other in self._candidates(number, key):
                if other > number:
                    yield key, self.keys[other]

    def _candidates(self, number: int, key: Key) -> set[int]:
        best: set[int] | None = None
        for position, token in enumerate(key):
            slot = self._postings[(len(key), position)]
            found: set[int] = set()
            for variant in self._variants(token):
                found.update(slot.get(variant, ()))
            if best is None or len(found) < len(best):
                best = found
        if best is None or len(best) > MAX_CANDIDATES:
            return set()
        best.discard(number)
        return best
