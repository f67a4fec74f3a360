"""Candidate search: which documents are worth aligning with which.

Three routes lead to a candidate:

* the same ``text_hash`` (exact copies);
* an LSH band of the MinHash in common (near-verbatim copies, sub-quadratic:
  only documents sharing a bucket are compared);
* rare anchors in common: at least ``min_shared_anchors`` of them, and at
  least ``min_anchor_share`` of the rare anchors of the document with fewer.  Only
  anchors held by few documents count (``anchor_cap``), which keeps
  boilerplate and stock phrases from making every document a candidate of
  every other; the share keeps two long texts that happen to share a few
  rare word pairs out of the costly alignment.

Candidates are ranked (exact, MinHash, anchor share) and each document keeps
its ``max_candidates`` strongest; a pair is searched when either document
keeps it.  The cap depends on the corpus size at query time, so querying
after all documents are added gives the same pairs whatever order they came
in.

``candidate_pairs_of_arrays`` does the whole corpus at once on numpy arrays
(sorting postings instead of building dictionaries of sets), in memory that
grows with the number of anchors, not the number of pairs; ``CandidateIndex``
is the incremental form for a document at a time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings
from corpuskit.dupes.signatures import Signature, band_key_array, band_keys

__all__ = ["Candidate", "CandidateIndex", "SignatureArrays", "candidate_pairs", "candidate_pairs_of_arrays"]

# Anchor postings sorted at once, and pairs made at once (at most): bound the memory of a large corpus.
_PARTITION_ENTRIES = 4_000_000
_PAIR_BUDGET = 40_000_000


@dataclass(frozen=True, order=True)
class Candidate:
    """Another document worth aligning; ``rank`` orders them, strongest first."""

    rank: tuple[int, int, float]
    doc_id: int
    exact: bool
    minhash: bool
    shared_anchors: int


def anchor_cap(settings: DupesSettings, documents: int) -> int:
    """Anchors held by more documents than this are treated as boilerplate."""
    relative = max(settings.anchor_df_floor, int(settings.anchor_max_df * documents))
    return min(relative, max(settings.anchor_df_limit, settings.anchor_df_floor))


def anchor_share(shared: int, anchors_a: int, anchors_b: int) -> float:
    """Shared rare anchors over the rare anchors of the document with fewer."""
    smaller = min(anchors_a, anchors_b)
    return shared / smaller if smaller else 0.0


def strong_enough(shared: int, share: float, settings: DupesSettings) -> bool:
    return shared >= settings.min_shared_anchors and share >= settings.min_anchor_share


class CandidateIndex:
    """``add(doc_id, signature)``, then ``candidates(doc_id)`` or ``pairs()``."""

    def __init__(self, settings: DupesSettings = DEFAULT_SETTINGS):
        self.settings = settings
        self._signatures: dict[int, Signature] = {}
        self._by_text: dict[int, set[int]] = defaultdict(set)
        self._by_band: dict[int, set[int]] = defaultdict(set)
        self._by_anchor: dict[int, set[int]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: int) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: int, signature: Signature) -> None:
        """Index one document; adding an id again replaces its old signature."""
        if doc_id in self._signatures:
            self.remove(doc_id)
        self._signatures[doc_id] = signature
        self._by_text[signature.text_hash].add(doc_id)
        for key in band_keys(signature.minhash, self.settings.lsh_bands):
            self._by_band[key].add(doc_id)
        for anchor in signature.anchors:
            self._by_anchor[anchor].add(doc_id)

    def remove(self, doc_id: int) -> None:
        signature = self._signatures.pop(doc_id, None)
        if signature is None:
            return
        _discard(self._by_text, signature.text_hash, doc_id)
        for key in band_keys(signature.minhash, self.settings.lsh_bands):
            _discard(self._by_band, key, doc_id)
        for anchor in signature.anchors:
            _discard(self._by_anchor, anchor, doc_id)

    def anchor_cap(self) -> int:
        return anchor_cap(self.settings, len(self))

    def candidates(self, doc_id: int) -> list[Candidate]:
        """Candidates of an indexed document, strongest first, at most ``max_candidates``."""
        return self.query(self._signatures[doc_id], exclude=doc_id)

    def query(self, signature: Signature, exclude: int | None = None) -> list[Candidate]:
        """Candidates of any signature (indexed or not) against the index."""
        exact = set(self._by_text.get(signature.text_hash, ())) if signature.minhash else set()
        similar: set[int] = set()
        for key in band_keys(signature.minhash, self.settings.lsh_bands):
            similar.update(self._by_band.get(key, ()))
        shared = self._shared_anchor_counts(signature.anchors)
        own_rare = self._rare_count(signature.anchors)
        shares = {
            d: anchor_share(n, own_rare, self._rare_count(self._signatures[d].anchors)) for d, n in shared.items()
        }
        enough = {d for d, n in shared.items() if strong_enough(n, shares[d], self.settings)}
        found = []
        for other in exact | similar | enough:
            if other == exclude:
                continue
            is_exact, is_similar = other in exact, other in similar
            share = shares.get(other, 0.0) if other in enough else 0.0
            rank = (-int(is_exact), -int(is_similar), -share)
            found.append(Candidate(rank, other, is_exact, is_similar, shared.get(other, 0)))
        found.sort()
        return found[: self.settings.max_candidates]

    def _shared_anchor_counts(self, anchors: Iterable[int]) -> Counter:
        cap = self.anchor_cap()
        counts: Counter = Counter()
        for anchor in anchors:
            holders = self._by_anchor.get(anchor)
            if holders and len(holders) <= cap:
                counts.update(holders)
        return counts

    def _rare_count(self, anchors: Iterable[int]) -> int:
        """Anchors under the cap: what the anchor share is counted over."""
        cap = self.anchor_cap()
        return sum(1 for anchor in anchors if len(self._by_anchor.get(anchor, ())) <= cap)

    def pairs(self) -> list[tuple[int, int]]:
        """Every candidate pair (smaller id first), each once."""
        ids = sorted(self._signatures)
        arrays = SignatureArrays.of([self._signatures[i] for i in ids], ids, self.settings)
        return candidate_pairs_of_arrays(arrays, self.settings)


@dataclass
class SignatureArrays:
    """Many signatures as arrays: what the whole-corpus search reads.

    ``anchors`` holds every document's anchors end to end, ``anchor_counts``
    how many each has (in ``ids`` order).
    """

    ids: np.ndarray  # int64 document ids
    text_hashes: np.ndarray  # uint64
    minhashes: np.ndarray  # uint64, documents x bins (empty rows for empty texts)
    has_minhash: np.ndarray  # bool
    anchors: np.ndarray  # uint32
    anchor_counts: np.ndarray  # int64

    @classmethod
    def of(cls, signatures: Sequence[Signature], ids: Sequence[int], settings: DupesSettings) -> SignatureArrays:
        builder = SignatureArraysBuilder(settings)
        for doc_id, signature in zip(ids, signatures):
            builder.add(
                doc_id,
                signature.text_hash,
                np.asarray(signature.minhash, dtype=np.uint64),
                np.asarray(signature.anchors, dtype=np.uint32),
            )
        return builder.build()


class SignatureArraysBuilder:
    """Collects signatures one by one (e.g. streamed from the store) into ``SignatureArrays``.

    Anchors go straight into one growing array (``expected_anchors``, when
    known, sizes it once), so a large corpus never holds them twice.
    """

    def __init__(self, settings: DupesSettings, expected_anchors: int = 0):
        self.bins = settings.minhash_size
        self.ids: list[int] = []
        self.text_hashes: list[int] = []
        self.has_minhash: list[bool] = []
        self.minhashes: list[np.ndarray] = []
        self.counts: list[int] = []
        self.anchors = np.zeros(max(expected_anchors, 1024), dtype=np.uint32)
        self.used = 0

    def add(self, doc_id: int, text_hash: int, minhash: np.ndarray, anchors: np.ndarray) -> None:
        self.ids.append(doc_id)
        self.text_hashes.append(text_hash)
        self.has_minhash.append(len(minhash) == self.bins)
        self.minhashes.append(minhash.copy() if len(minhash) == self.bins else np.zeros(self.bins, dtype=np.uint64))
        if self.used + len(anchors) > len(self.anchors):
            self.anchors = np.resize(self.anchors, max(2 * len(self.anchors), self.used + len(anchors)))
        self.anchors[self.used : self.used + len(anchors)] = anchors
        self.used += len(anchors)
        self.counts.append(len(anchors))

    def build(self) -> SignatureArrays:
        n = len(self.ids)
        minhashes = np.vstack(self.minhashes) if n else np.zeros((0, self.bins), dtype=np.uint64)
        self.minhashes = []
        return SignatureArrays(
            np.asarray(self.ids, dtype=np.int64),
            np.asarray(self.text_hashes, dtype=np.uint64),
            minhashes,
            np.asarray(self.has_minhash, dtype=bool),
            self.anchors[: self.used],
            np.asarray(self.counts, dtype=np.int64),
        )


def candidate_pairs(
    signatures: dict[int, Signature], settings: DupesSettings = DEFAULT_SETTINGS
) -> list[tuple[int, int]]:
    """Batch form: all candidate pairs of a set of signatures."""
    ids = sorted(signatures)
    return candidate_pairs_of_arrays(SignatureArrays.of([signatures[i] for i in ids], ids, settings), settings)


def candidate_pairs_of_arrays(
    arrays: SignatureArrays, settings: DupesSettings = DEFAULT_SETTINGS, release: bool = False
) -> list[tuple[int, int]]:
    """Every candidate pair (document ids, smaller first), each once, as ``CandidateIndex`` would give.

    ``release``: the caller no longer needs ``arrays.anchors``; they are
    dropped as soon as they are indexed, which lowers the peak memory.
    """
    n = len(arrays.ids)
    if n < 2:
        return []
    # Pairs are coded lo * n + hi over positions; strength = 4 exact + 2 MinHash + anchor share (<= 1).
    codes, scores = [], []
    rows = np.flatnonzero(arrays.has_minhash)  # texts with words: empty texts are nobody's copy
    exact = _same_key_pairs(arrays.text_hashes[rows, None], len(rows))
    exact = rows[exact // len(rows)] * n + rows[exact % len(rows)] if len(rows) else exact
    codes.append(exact)
    scores.append(np.full(len(exact), 4.0))
    if len(rows) > 1 and settings.lsh_bands > 0:
        bands = band_key_array(arrays.minhashes[rows], settings.lsh_bands)
        similar = _same_key_pairs(bands, len(rows))
        lo, hi = similar // len(rows), similar % len(rows)
        similar = rows[lo] * n + rows[hi]
        codes.append(similar)
        scores.append(np.full(len(similar), 2.0))
    anchored, share = _anchor_pairs(arrays, settings, release)
    codes.append(anchored)
    scores.append(share)
    code = np.concatenate(codes)
    score = np.concatenate(scores)
    if not len(code):
        return []
    unique, inverse = np.unique(code, return_inverse=True)
    total = np.zeros(len(unique))
    np.add.at(total, inverse, score)  # each route appears at most once per pair
    kept = _top_per_document(unique // n, unique % n, total, settings.max_candidates)
    lo, hi = arrays.ids[unique[kept] // n], arrays.ids[unique[kept] % n]
    return sorted(zip(np.minimum(lo, hi).tolist(), np.maximum(lo, hi).tolist()))


def _same_key_pairs(keys: np.ndarray, n: int) -> np.ndarray:
    """Codes lo * n + hi of the positions sharing a key in any column of ``keys`` (documents x columns)."""
    found = []
    for column in range(keys.shape[1]):
        order = np.argsort(keys[:, column], kind="stable")
        found.append(_group_pairs(keys[order, column], order.astype(np.int64), n))
    if not found:
        return np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(found))


def _group_pairs(sorted_keys: np.ndarray, members: np.ndarray, n: int, cap: int | None = None) -> np.ndarray:
    """Codes of every two members of each run of equal keys (runs longer than ``cap`` skipped)."""
    if len(sorted_keys) < 2:
        return np.zeros(0, dtype=np.int64)
    sizes = _run_sizes(sorted_keys)
    keep = (sizes >= 2) if cap is None else (sizes >= 2) & (sizes <= cap)
    keys, members = sorted_keys[keep], members[keep]
    found = []
    index = np.arange(len(keys))
    offset = 1
    while len(index):
        index = index[index + offset < len(keys)]
        index = index[keys[index + offset] == keys[index]]
        left, right = members[index], members[index + offset]
        found.append(np.minimum(left, right) * n + np.maximum(left, right))
        offset += 1
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _run_sizes(sorted_keys: np.ndarray) -> np.ndarray:
    """For each element, how many elements share its key (the keys are sorted)."""
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(sorted_keys)])
    return np.repeat(sizes, sizes)


def _anchor_pairs(
    arrays: SignatureArrays, settings: DupesSettings, release: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Codes and anchor shares of the pairs sharing enough rare anchors.

    The share is over the smaller document's rare anchors (those under the
    cap, shared or not), so a text full of boilerplate is not diluted.

    Memory is bounded in two steps.  Postings are sorted a slice of the
    anchor space at a time, keeping only anchors held by 2..cap documents
    (most anchors are held by one).  Pairs are then made a range of
    documents at a time -- every pair from the range's documents to later
    ones -- so all the anchors of one pair are counted together and the
    pairs sharing too few are dropped before the next range: the many pairs
    that share one anchor by chance are never all in memory.
    """
    n = len(arrays.ids)
    cap = anchor_cap(settings, n)
    postings, rare = _shared_postings(arrays, cap, release)
    codes, shares = [], []
    ranges = max(1, -(-sum(len(members) for _, members in postings) * cap // _PAIR_BUDGET))
    bounds = np.linspace(0, n, ranges + 1).astype(np.int64)
    for first, end in pairwise(bounds):
        pairs = np.concatenate(
            [np.zeros(0, dtype=np.int64)]
            + [
                _pairs_from(anchors, members, np.flatnonzero((members >= first) & (members < end)), n)
                for anchors, members in postings
            ]
        )
        code, count = np.unique(pairs, return_counts=True)
        del pairs
        share = count / np.maximum(np.minimum(rare[code // n], rare[code % n]), 1)
        keep = (count >= settings.min_shared_anchors) & (share >= settings.min_anchor_share)
        codes.append(code[keep])
        shares.append(share[keep])
    return np.concatenate(codes), np.concatenate(shares)


def _shared_postings(
    arrays: SignatureArrays, cap: int, release: bool = False
) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """Postings of the anchors held by 2..cap documents, as (anchors, documents) sorted by anchor then
    document, one pair of arrays per slice of the anchor space; and each document's rare anchors (held
    by at most cap)."""
    n = len(arrays.ids)
    rare = np.zeros(n, dtype=np.int64)
    parts = min(255, max(1, -(-len(arrays.anchors) // _PARTITION_ENTRIES)))
    doc_starts = np.r_[0, np.cumsum(arrays.anchor_counts)[:-1]] if n else np.zeros(0, dtype=np.int64)
    slice_of = np.empty(len(arrays.anchors), dtype=np.uint8)
    for start in range(0, len(arrays.anchors), _PARTITION_ENTRIES):  # in pieces: no full-size temporary
        slice_of[start : start + _PARTITION_ENTRIES] = arrays.anchors[start : start + _PARTITION_ENTRIES] % parts
    # Per-document counts in the smallest type that holds them: reduceat converts the whole input to it.
    count_type = np.uint16 if n and arrays.anchor_counts.max() < 2**16 else np.int64
    # Documents without anchors at the end start past the last entry, where reduceat may not index.
    inside = doc_starts < len(arrays.anchors)
    kept = []
    for part in range(parts):
        chosen = slice_of == part
        per_doc = np.zeros(n, dtype=np.int64)
        if len(chosen):
            per_doc[inside] = np.add.reduceat(chosen, doc_starts[inside], dtype=count_type)
        per_doc[arrays.anchor_counts == 0] = 0  # reduceat reads the next document's first entry for empty ones
        keys = arrays.anchors[chosen].astype(np.uint64) << np.uint64(32)
        keys |= np.repeat(np.arange(n, dtype=np.uint64), per_doc)
        del chosen, per_doc
        keys.sort()
        sizes = _run_sizes(keys >> np.uint64(32))
        rare += np.bincount((keys[sizes <= cap] & np.uint64(0xFFFFFFFF)).astype(np.int64), minlength=n)
        keys = keys[(sizes >= 2) & (sizes <= cap)]
        del sizes
        kept.append(((keys >> np.uint64(32)).astype(np.uint32), (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)))
        del keys
    if release:
        arrays.anchors = arrays.anchors[:0]
    return kept, rare


def _pairs_from(anchors: np.ndarray, members: np.ndarray, index: np.ndarray, n: int) -> np.ndarray:
    """Codes lo * n + hi of each posting at ``index`` with every later posting of the same anchor.

    Within an anchor the postings are sorted by document, so the posting at
    ``index`` is the pair's smaller document.
    """
    found = []
    offset = 1
    while len(index):
        index = index[index + offset < len(anchors)]
        index = index[anchors[index + offset] == anchors[index]]
        found.append(members[index].astype(np.int64) * n + members[index + offset])
        offset += 1
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _top_per_document(lo: np.ndarray, hi: np.ndarray, score: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the pairs among the ``limit`` strongest of either of their documents."""
    if not len(lo):
        return np.zeros(0, dtype=np.int64)
    pair = np.arange(len(lo))
    doc = np.concatenate([lo, hi])
    pair2 = np.concatenate([pair, pair])
    strength = np.concatenate([score, score])
    order = np.lexsort((-strength, doc))
    doc, pair2 = doc[order], pair2[order]
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    rank = np.arange(len(doc)) - np.repeat(starts, np.diff(np.r_[starts, len(doc)]))
    return np.unique(pair2[rank < limit])


def _discard(mapping: dict[int, set[int]], key: int, doc_id: int) -> None:
    holders = mapping.get(key)
    if holders is not None:
        holders.discard(doc_id)
        if not holders:
            del mapping[key]
