"""Candidate search: which documents are worth aligning with which.

An in-memory inverted index over stored signatures, built by ``add`` one
document at a time, so a new document can be searched against an existing
corpus without re-signing anything.  Three routes lead to a candidate:

* the same ``text_hash`` (exact copies);
* an LSH band of the MinHash in common (near-verbatim copies, sub-quadratic:
  only documents sharing a bucket are compared);
* at least ``min_shared_anchors`` anchors in common, counting only anchors
  held by few documents.  The document-frequency cap is what keeps
  boilerplate and stock phrases ("said in a statement", a newsletter footer) from
  making every document a candidate of every other.

The cap depends on the corpus size at query time, so querying after all
documents are added gives the same pairs whatever order they came in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings
from corpuskit.dupes.signatures import Signature, band_keys

__all__ = ["Candidate", "CandidateIndex", "candidate_pairs"]


@dataclass(frozen=True, order=True)
class Candidate:
    """Another document worth aligning; ``rank`` orders them, strongest first."""

    rank: tuple[int, int, int]
    doc_id: int
    exact: bool
    minhash: bool
    shared_anchors: int


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
        """Anchors held by more documents than this are treated as boilerplate."""
        return max(self.settings.anchor_df_floor, int(self.settings.anchor_max_df * len(self)))

    def candidates(self, doc_id: int) -> list[Candidate]:
        """Candidates of an indexed document, strongest first, at most ``max_candidates``."""
        return self.query(self._signatures[doc_id], exclude=doc_id)

    def query(self, signature: Signature, exclude: int | None = None) -> list[Candidate]:
        """Candidates of any signature (indexed or not) against the index."""
        exact = set(self._by_text.get(signature.text_hash, ()))
        similar = set()
        for key in band_keys(signature.minhash, self.settings.lsh_bands):
            similar.update(self._by_band.get(key, ()))
        shared = self._shared_anchor_counts(signature.anchors)
        enough = {d for d, n in shared.items() if n >= self.settings.min_shared_anchors}
        found = []
        for other in exact | similar | enough:
            if other == exclude:
                continue
            is_exact, is_similar, count = other in exact, other in similar, shared.get(other, 0)
            rank = (-int(is_exact), -int(is_similar), -count)
            found.append(Candidate(rank, other, is_exact, is_similar, count))
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

    def pairs(self) -> list[tuple[int, int]]:
        """Every candidate pair (smaller id first), each once."""
        found = set()
        for doc_id in self._signatures:
            for candidate in self.candidates(doc_id):
                found.add((min(doc_id, candidate.doc_id), max(doc_id, candidate.doc_id)))
        return sorted(found)


def candidate_pairs(signatures: dict[int, Signature], settings: DupesSettings = DEFAULT_SETTINGS) -> list[tuple[int, int]]:
    """Batch form: all candidate pairs of a set of signatures."""
    index = CandidateIndex(settings)
    for doc_id, signature in signatures.items():
        index.add(doc_id, signature)
    return index.pairs()


def _discard(mapping: dict[int, set[int]], key: int, doc_id: int) -> None:
    holders = mapping.get(key)
    if holders is not None:
        holders.discard(doc_id)
        if not holders:
            del mapping[key]
