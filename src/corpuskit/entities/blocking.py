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

import hashlib
from collections.abc import Iterable, Iterator

import numpy as np

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
        # One array of variant hashes per distinct token, for this index only: a surname in a
        # thousand names is expanded once.
        self._hashes: dict[str, np.ndarray] = {}
        # (token count, position) -> the hashes of every key's variants there, sorted, and the
        # key number of each: arrays, not a dict of lists (the index was most of resolution's
        # peak memory: about 7 KB a distinct name as Python objects, under 1 KB as arrays).
        self._slots = _sorted_slots(self._slot_postings())

    def _slot_postings(self) -> dict[tuple[int, int], tuple[list[np.ndarray], list[int]]]:
        postings: dict[tuple[int, int], tuple[list[np.ndarray], list[int]]] = {}
        for number, key in enumerate(self.keys):
            for position, token in enumerate(key):
                hashes, numbers = postings.setdefault((len(key), position), ([], []))
                hashes.append(self._variants(token))
                numbers.append(number)
        return postings

    def _variants(self, token: str) -> np.ndarray:
        known = self._hashes.get(token)
        if known is None:
            known = self._hashes[token] = variant_hashes(deletion_variants(token))
        return known

    def candidate_pairs(self) -> Iterator[tuple[Key, Key]]:
        """Each unordered pair of keys that may be within the fuzzy budget, once."""
        # What a token finds in a slot, worked out once: a first name in a thousand names of
        # two words is looked up once, not a thousand times (the lookups are most of the time).
        sharing: dict[tuple[int, int, str], _Sharing] = {}
        for number, key in enumerate(self.keys):
            for other in self._candidates(number, key, sharing):
                if other > number:
                    yield key, self.keys[other]

    def _candidates(self, number: int, key: Key, sharing: dict[tuple[int, int, str], _Sharing]) -> list[int]:
        best: np.ndarray | None = None
        for position, token in enumerate(key):
            place = (len(key), position, token)
            found = sharing.get(place)
            if found is None:
                found = sharing[place] = _Sharing(self._slots[(len(key), position)], self._variants(token))
            # A position whose fewest keys is not below the best found cannot be chosen (the
            # first of equals is), and one over the limit only when every position is (then
            # none is used): neither needs its keys.
            if found.fewest > MAX_CANDIDATES or (best is not None and found.fewest >= len(best)):
                continue
            keys = found.keys()
            if best is None or len(keys) < len(best):
                best = keys
        if best is None or len(best) > MAX_CANDIDATES:
            return []
        return [other for other in best.tolist() if other != number]


class _Sharing:
    """The keys of one slot that share a deletion variant with one token; counted at once (a
    lower bound: the most keys of any one variant), listed when needed."""

    __slots__ = ("_found", "_high", "_low", "_slot", "fewest")

    def __init__(self, slot: _Slot, variants: np.ndarray):
        self._slot = slot
        self._low, self._high = slot.rows(variants)
        self.fewest = int((self._high - self._low).max(initial=0))
        self._found: np.ndarray | None = None

    def keys(self) -> np.ndarray:
        if self._found is None:
            self._found = self._slot.keys_in(self._low, self._high)
        return self._found


class _Slot:
    """The keys of one (token count, position): each key's variant hashes, sorted, with its number."""

    def __init__(self, hashes: list[np.ndarray], numbers: list[int]):
        flat = np.concatenate(hashes)
        owners = np.repeat(np.asarray(numbers, dtype=np.int64), [len(h) for h in hashes])
        order = np.argsort(flat, kind="stable")
        self.hashes = flat[order]
        self.numbers = owners[order]

    def rows(self, variants: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where each of these variant hashes starts and ends among the sorted hashes."""
        return np.searchsorted(self.hashes, variants, side="left"), np.searchsorted(self.hashes, variants, side="right")

    def keys_in(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """The numbers of the keys in rows low[i]..high[i], each once, ascending."""
        lengths = high - low
        total = int(lengths.sum())
        if not total:
            return self.numbers[:0]
        starts = np.repeat(low - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        return np.unique(self.numbers[starts])


def _sorted_slots(postings: dict[tuple[int, int], tuple[list[np.ndarray], list[int]]]) -> dict[tuple[int, int], _Slot]:
    return {slot: _Slot(hashes, numbers) for slot, (hashes, numbers) in postings.items()}


def variant_hashes(variants: Iterable[str]) -> np.ndarray:
    """A stable 64-bit hash of each variant, each once, ascending (the same in every process,
    unlike ``hash``).  Two variants sharing a hash would count as one: that can change which
    position a name looks through, so the candidates; at 64 bits, about one chance in a
    million at a million variants."""
    hashes = [int.from_bytes(hashlib.blake2b(v.encode(), digest_size=8).digest(), "little") for v in variants]
    return np.unique(np.array(hashes, dtype=np.uint64))  # sorted: the searches in a slot stay close
