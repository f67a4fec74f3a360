"""Per-document signatures for candidate search: computed once, stored, never recomputed.

A signature depends only on its own text and the signature settings, so a
new document is signed without touching the others, and signatures can be
computed in parallel (one map over documents) and kept in the store.

It holds three things, each for a different kind of copy:

* ``text_hash`` -- identical texts (after whitespace) are ``exact`` copies;
* ``minhash`` -- a one-permutation MinHash of word shingles (Li, Owen and
  Zhang 2012, with rotation densification) for near-verbatim copies; one
  hash per shingle instead of one per shingle *and* permutation, so it is
  cheap in pure Python;
* ``anchors`` -- hashed pairs of nearby content words of one sentence,
  order-free and written as consonant skeletons.  A rewritten sentence keeps
  some of its word pairs ("Smith ... 2018") even when most words change,
  and a respelled name (Karim/Kareem) keeps its skeleton, so rewrites and
  partial copies still meet in the inverted index.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings
from corpuskit.dupes.text import TextUnits, analyse, normalized_text

__all__ = ["Signature", "compute_signature", "signature_of_units", "stable_hash", "band_keys"]

_MASK64 = (1 << 64) - 1
_PRIME = 0x100000001B3  # the 64-bit FNV prime: combines word hashes into a sequence hash
_EMPTY = _MASK64


@dataclass(frozen=True)
class Signature:
    """Plain data: ``to_bytes``/``from_bytes`` (or the fields as lists) for storage."""

    text_hash: int
    minhash: tuple[int, ...]
    anchors: tuple[int, ...]

    def to_bytes(self) -> bytes:
        """Compact storage form: counts, then 64-bit little-endian integers."""
        header = struct.pack("<QII", self.text_hash, len(self.minhash), len(self.anchors))
        body = struct.pack(f"<{len(self.minhash) + len(self.anchors)}Q", *self.minhash, *self.anchors)
        return header + body

    @classmethod
    def from_bytes(cls, data: bytes) -> "Signature":
        text_hash, n_min, n_anchor = struct.unpack_from("<QII", data)
        values = struct.unpack_from(f"<{n_min + n_anchor}Q", data, struct.calcsize("<QII"))
        return cls(text_hash, tuple(values[:n_min]), tuple(values[n_min:]))


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (``hash()`` is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@lru_cache(maxsize=500_000)
def word_hash(word: str) -> int:
    """``stable_hash`` of one word, cached: shingles and anchors are hashed from word hashes."""
    return stable_hash(word)


def _mix(value: int) -> int:
    """The splitmix64 finaliser: spreads a combination of word hashes over all 64 bits."""
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK64
    return value ^ (value >> 31)


def sequence_hash(words: Iterable[str]) -> int:
    """Order-sensitive hash of a word sequence (a shingle)."""
    value = 0
    for word in words:
        value = (value * _PRIME + word_hash(word)) & _MASK64
    return _mix(value)


def compute_signature(text: str, settings: DupesSettings = DEFAULT_SETTINGS) -> Signature:
    return signature_of_units(analyse(text), settings)


def signature_of_units(units: TextUnits, settings: DupesSettings = DEFAULT_SETTINGS) -> Signature:
    return Signature(
        text_hash=stable_hash(normalized_text(units.text)),
        minhash=one_permutation_minhash(shingle_hashes(units, settings.shingle_words), settings.minhash_size),
        anchors=anchor_hashes(units, settings.anchor_window, settings.anchor_sample),
    )


def shingle_hashes(units: TextUnits, size: int) -> set[int]:
    keys = [token.key for token in units.tokens]
    if not keys:
        return set()
    if len(keys) < size:
        return {sequence_hash(keys)}  # a very short text is one shingle
    return {sequence_hash(keys[i : i + size]) for i in range(len(keys) - size + 1)}


def one_permutation_minhash(hashes: set[int], bins: int) -> tuple[int, ...]:
    """Minimum hash per bin (bin = hash mod bins); empty bins borrow from the next full one."""
    if not hashes:
        return ()
    minima = [_EMPTY] * bins
    for value in hashes:
        slot = value % bins
        rest = value // bins
        if rest < minima[slot]:
            minima[slot] = rest
    return _densify(minima)


def _densify(minima: list[int]) -> tuple[int, ...]:
    """Rotation densification: an empty bin takes the next full bin's value plus an offset per step.

    Two documents then agree on an empty-bin value exactly when they agree on
    the bin it was borrowed from, which keeps the collision probability equal
    to the Jaccard similarity.
    """
    bins = len(minima)
    result = list(minima)
    for slot in range(bins):
        if minima[slot] != _EMPTY:
            continue
        for step in range(1, bins):
            source = minima[(slot + step) % bins]
            if source != _EMPTY:
                result[slot] = (source + step * 0x9E3779B97F4A7C15) & _MASK64
                break
    return tuple(result)


def _pair_hash(left: int, right: int) -> int:
    """Order-free hash of two word hashes."""
    low, high = (left, right) if left <= right else (right, left)
    return _mix((low * _PRIME + high) & _MASK64)


def band_keys(minhash: tuple[int, ...], bands: int) -> list[int]:
    """LSH band keys: two documents are candidates when any band agrees exactly."""
    if not minhash or bands <= 0:
        return []
    rows = max(1, len(minhash) // bands)
    keys = []
    for band in range(bands):
        chunk = minhash[band * rows : (band + 1) * rows]
        if chunk:
            keys.append(stable_hash(f"{band}:" + ",".join(map(str, chunk))))
    return keys


def anchor_hashes(units: TextUnits, window: int, sample: int = 1) -> tuple[int, ...]:
    """Order-free pairs of nearby content words within each sentence, hashed.

    Stop words and reporting verbs are left out first, so a pair spans the
    meaningful words of a clause ("jailed ... years", "Karim ... 2019").
    ``sample`` > 1 keeps only anchors whose hash is 0 modulo ``sample``:
    both documents keep the same anchors, so sampling shrinks the index
    without making two copies miss each other more than proportionally.
    """
    anchors = set()
    for index in range(len(units.sentences)):
        words = [token.skeleton for token in units.sentence_tokens(index) if not token.stop]
        for position, word in enumerate(words):
            for other in words[position + 1 : position + window]:
                if other == word:
                    continue
                value = _pair_hash(word_hash(word), word_hash(other))
                if value % sample == 0:
                    anchors.add(value)
    return tuple(sorted(anchors))
