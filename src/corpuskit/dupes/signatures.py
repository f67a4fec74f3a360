"""Per-document signatures for candidate search: computed once, stored, never recomputed.

A signature depends only on its own text and the signature settings, so a
new document is signed without touching the others, and signatures can be
computed in parallel (one map over documents) and kept in the store.

It holds three things, each for a different kind of copy:

* ``text_hash`` -- identical texts (after whitespace) are ``exact`` copies;
* ``minhash`` -- a one-permutation MinHash of word shingles (Li, Owen and
  Zhang 2012, with rotation densification) for near-verbatim copies; one
  hash per shingle instead of one per shingle *and* permutation;
* ``anchors`` -- hashed pairs of nearby content words of one sentence,
  order-free and written as consonant skeletons.  A rewritten sentence keeps
  some of its word pairs ("Smith ... 2015") even when most words change,
  and a respelled name (Karim/Kareem) keeps its skeleton, so rewrites and
  partial copies still meet in the inverted index.  They are kept as 32-bit
  values: a rare collision only adds a little noise to a document frequency,
  and the index of a large corpus is half the size.

Signing is the one step every document goes through, so it avoids the full
``analyse`` (no ``Token`` objects): words come straight from the word
pattern, their forms from the same cached ``word_forms`` the alignment
uses, and the hashing is done on numpy arrays.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings
from corpuskit.dupes.text import TextUnits, normalized_text, sentence_words, word_forms

__all__ = [
    "Signature",
    "band_keys",
    "compute_signature",
    "signature_arrays",
    "signature_of_units",
    "stable_hash",
]

_MASK64 = (1 << 64) - 1
_PRIME = np.uint64(0x100000001B3)  # the 64-bit FNV prime: combines word hashes into a sequence hash
_EMPTY = _MASK64
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = 0x9E3779B97F4A7C15
_HEADER = struct.Struct("<QII")


@dataclass(frozen=True)
class Signature:
    """Plain data: ``to_bytes``/``from_bytes`` (or the fields as lists) for storage."""

    text_hash: int
    minhash: tuple[int, ...]  # 64-bit values
    anchors: tuple[int, ...]  # 32-bit values, sorted

    def to_bytes(self) -> bytes:
        """Compact storage form: counts, the 64-bit MinHash, then the 32-bit anchors (little-endian)."""
        header = _HEADER.pack(self.text_hash, len(self.minhash), len(self.anchors))
        return (
            header + np.asarray(self.minhash, dtype="<u8").tobytes() + np.asarray(self.anchors, dtype="<u4").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        text_hash, minhash, anchors = signature_arrays(data)
        return cls(text_hash, tuple(minhash.tolist()), tuple(anchors.tolist()))


def signature_arrays(data: bytes) -> tuple[int, np.ndarray, np.ndarray]:
    """(text_hash, minhash, anchors) of a stored signature as numpy arrays, without Python ints."""
    text_hash, n_min, n_anchor = _HEADER.unpack_from(data)
    minhash = np.frombuffer(data, dtype="<u8", count=n_min, offset=_HEADER.size)
    anchors = np.frombuffer(data, dtype="<u4", count=n_anchor, offset=_HEADER.size + 8 * n_min)
    return text_hash, minhash, anchors


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (``hash()`` is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


# surface -> (hash of its key, hash of its skeleton, is a stop word); words repeat, so kept.
_WORD_HASHES: dict[str, tuple[int, int, bool]] = {}
_WORD_HASHES_LIMIT = 200_000


def _word_hashes(surface: str) -> tuple[int, int, bool]:
    found = _WORD_HASHES.get(surface)
    if found is None:
        key, skeleton, _, _, stop = word_forms(surface)
        found = (stable_hash(key), stable_hash(skeleton), stop)
        if len(_WORD_HASHES) >= _WORD_HASHES_LIMIT:
            _WORD_HASHES.clear()
        _WORD_HASHES[surface] = found
    return found


def _mix(value: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: spreads a combination of word hashes over all 64 bits."""
    value = (value ^ (value >> np.uint64(30))) * _MIX_1
    value = (value ^ (value >> np.uint64(27))) * _MIX_2
    return value ^ (value >> np.uint64(31))


def compute_signature(text: str, settings: DupesSettings = DEFAULT_SETTINGS) -> Signature:
    words = _signed_words(text)
    return Signature(
        text_hash=stable_hash(normalized_text(text)),
        minhash=one_permutation_minhash(shingle_hashes(words[0], settings.shingle_words), settings.minhash_size),
        anchors=anchor_hashes(words, settings.anchor_window, settings.anchor_sample),
    )


def signature_of_units(units: TextUnits, settings: DupesSettings = DEFAULT_SETTINGS) -> Signature:
    """The same signature as ``compute_signature(units.text)`` (the units are not needed)."""
    return compute_signature(units.text, settings)


def _signed_words(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key hashes of every word; skeleton hashes and sentence numbers of the content words)."""
    per_sentence = sentence_words(text)
    surfaces = [surface for words in per_sentence for surface in words]
    if not surfaces:
        empty = np.zeros(0, dtype=np.uint64)
        return empty, empty, np.zeros(0, dtype=np.int64)
    forms = [_word_hashes(surface) for surface in surfaces]
    count = len(forms)
    keys = np.fromiter((f[0] for f in forms), dtype=np.uint64, count=count)
    skeletons = np.fromiter((f[1] for f in forms), dtype=np.uint64, count=count)
    content = ~np.fromiter((f[2] for f in forms), dtype=bool, count=count)
    sentences = np.repeat(np.arange(len(per_sentence)), [len(words) for words in per_sentence])
    return keys, skeletons[content], sentences[content]


def shingle_hashes(keys: np.ndarray, size: int) -> np.ndarray:
    """Distinct hashes of the word ``size``-grams (a text shorter than that is one shingle)."""
    if not len(keys):
        return np.zeros(0, dtype=np.uint64)
    size = min(size, len(keys))
    count = len(keys) - size + 1
    value = np.zeros(count, dtype=np.uint64)
    for offset in range(size):
        value = value * _PRIME + keys[offset : offset + count]
    return np.unique(_mix(value))


def one_permutation_minhash(hashes: np.ndarray, bins: int) -> tuple[int, ...]:
    """Minimum hash per bin (bin = hash mod bins); empty bins borrow from the next full one."""
    if not len(hashes):
        return ()
    minima = np.full(bins, _EMPTY, dtype=np.uint64)
    np.minimum.at(minima, (hashes % np.uint64(bins)).astype(np.int64), hashes // np.uint64(bins))
    return _densify(minima.tolist())


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
                result[slot] = (source + step * _GOLDEN) & _MASK64
                break
    return tuple(result)


def band_keys(minhash: Iterable[int], bands: int) -> list[int]:
    """LSH band keys: two documents are candidates when any band agrees exactly."""
    values = np.asarray(minhash, dtype=np.uint64)
    if not len(values) or bands <= 0:
        return []
    return band_key_array(values[None, :], bands)[0].tolist()


def band_key_array(minhashes: np.ndarray, bands: int) -> np.ndarray:
    """Band keys of many MinHashes at once: (documents x bins) -> (documents x bands)."""
    rows = max(1, minhashes.shape[1] // bands)
    used = min(bands, minhashes.shape[1] // rows)
    chunks = minhashes[:, : used * rows].reshape(len(minhashes), used, rows)
    value = np.arange(1, used + 1, dtype=np.uint64)[None, :] * np.uint64(_GOLDEN)
    for row in range(rows):
        value = value * _PRIME + chunks[:, :, row]
    return _mix(value)


def anchor_hashes(words: tuple[np.ndarray, np.ndarray, np.ndarray], window: int, sample: int = 1) -> tuple[int, ...]:
    """Order-free pairs of nearby content words within each sentence, hashed to 32 bits.

    Stop words and reporting verbs are left out first, so a pair spans the
    meaningful words of a clause ("jailed ... years", "Karim ... 2019").
    ``sample`` > 1 keeps only anchors whose hash is 0 modulo ``sample``:
    both documents keep the same anchors, so sampling shrinks the index
    without making two copies miss each other more than proportionally.
    """
    _, skeletons, sentences = words
    found = []
    for offset in range(1, max(1, window)):
        left, right = skeletons[:-offset], skeletons[offset:]
        keep = (sentences[:-offset] == sentences[offset:]) & (left != right)
        low, high = np.minimum(left[keep], right[keep]), np.maximum(left[keep], right[keep])
        found.append(_mix(low * _PRIME + high))
    if not found:
        return ()
    values = np.concatenate(found)
    if sample > 1:
        values = values[values % np.uint64(sample) == 0]
    return tuple(np.unique((values & np.uint64(0xFFFFFFFF)).astype(np.uint32)).tolist())
