"""Boilerplate: sentences an outlet prints under many different stories, learnt from the corpus.

Footers, newsletter prompts, "5 min read" lines and sign-offs recur in most
articles of an outlet; two articles of one outlet that share only those
have not taken anything from each other.  So, per outlet, a sentence whose
normal form occurs in at least ``boilerplate_min_documents`` documents is
boilerplate, and ``align`` ignores it when judging a pair: it never aligns
and it counts in neither text's share (it is not part of the article).

* The normal form is the sentence's words by their one key
  (``corpuskit.text.words.word_key``: case, diacritics, inflections folded)
  with every number written as one placeholder, so "5 min read" and "7 min
  read" are one sentence.  Sentences are those of ``dupes.text.analyse``
  (the one splitter), numbered the same way, so an index here is an index
  into ``TextUnits.sentences``.
* The outlet is the document's ``outlet`` (case and spaces folded), else the
  host of its ``url`` ("www." dropped); a document with neither belongs to no
  outlet and nothing is learnt from it or ignored in it.  The threshold is
  per outlet: a passage that one outlet prints once and another once (a
  syndicated paragraph) is never boilerplate.
* Versions of one story (updates, takes, corrections) repeat most of each
  other's sentences, and those sentences are the story, not boilerplate.
  So only documents that are mostly their own text -- at most
  ``boilerplate_max_recurring`` of their characters in sentences that occur
  in another document of their outlet -- count towards the threshold; a
  boilerplate sentence learnt from them is ignored in every document of the
  outlet, versions included.

It scales with the corpus: each text becomes a 64-bit hash and a length per
sentence (``sentence_hashes``, cheap, storable: the store keeps them per
text), and learning is a few sorts over those arrays, never the texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import numpy as np

from corpuskit.dupes.model import DEFAULT_SETTINGS, DocInput, DupesSettings
from corpuskit.dupes.signatures import stable_hash
from corpuskit.dupes.text import WORD, sentence_spans, word_forms

__all__ = [
    "NUMBER",
    "SentenceHashes",
    "BoilerplateLearner",
    "boilerplate_of",
    "outlet_of",
    "sentence_form",
    "sentence_hashes",
    "hashes_from_bytes",
    "hashes_to_bytes",
]

NUMBER = "#"  # every number's key in a sentence's normal form
_SPACES = re.compile(r"\s+")

SentenceHashes = tuple[np.ndarray, np.ndarray]  # (uint64 hash, int64 length) per analysed sentence


def sentence_form(words: Iterable[str]) -> str:
    """The normal form of a sentence given its words as written (see the module docstring)."""
    return " ".join([_KEYS.get(surface) or _key(surface) for surface in words])


# surface -> its key in a normal form; words repeat, so kept (and cleared when large).
_KEYS: dict[str, str] = {}


def _key(surface: str) -> str:
    if len(_KEYS) >= 200_000:
        _KEYS.clear()
    key, _, number, _, _ = word_forms(surface)
    found = _KEYS[surface] = NUMBER if number else key
    return found


def sentence_hashes(text: str) -> SentenceHashes:
    """(hash of the normal form, length in characters) of each sentence ``analyse`` makes of ``text``."""
    hashes, lengths = [], []
    for start, end in sentence_spans(text):
        words = WORD.findall(text, start, end)
        if words:  # ``analyse`` keeps only sentences with a word: the same numbering
            hashes.append(stable_hash(sentence_form(words)))
            lengths.append(end - start)
    return np.asarray(hashes, dtype=np.uint64), np.asarray(lengths, dtype=np.int64)


def hashes_to_bytes(hashes: SentenceHashes) -> bytes:
    """Storage form: the 64-bit hashes, then the 32-bit lengths (little-endian)."""
    return np.asarray(hashes[0], dtype="<u8").tobytes() + np.asarray(hashes[1], dtype="<u4").tobytes()


def hashes_from_bytes(data: bytes) -> SentenceHashes:
    count = len(data) // 12
    hashes = np.frombuffer(data, dtype="<u8", count=count).astype(np.uint64)
    lengths = np.frombuffer(data, dtype="<u4", count=count, offset=8 * count).astype(np.int64)
    return hashes, lengths


def outlet_of(outlet: str | None, url: str | None = None) -> str | None:
    """Which outlet's boilerplate a document shares: its outlet, else its URL's host, else None."""
    if outlet and outlet.strip():
        return "outlet:" + _SPACES.sub(" ", outlet.strip()).casefold()
    if url and url.strip():
        try:
            host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
        except ValueError:
            return None
        if host:
            return "host:" + host.removeprefix("www.")
    return None


class BoilerplateLearner:
    """Collects documents' sentence hashes, then learns each outlet's boilerplate.

    ``add`` documents one at a time (streamed from a store, say); only
    flat arrays are kept: per sentence a 64-bit key (its hash mixed with its
    outlet's, so every count is per outlet), its length and document, and
    whether it is its first occurrence in that document (13 bytes a sentence: 40 MB for 100,000
    articles of 30 sentences; learning briefly needs a few times that).  ``result`` gives
    document id -> indices of its boilerplate sentences, for documents that
    have any.
    """

    def __init__(self, settings: DupesSettings = DEFAULT_SETTINGS):
        self.settings = settings
        self.salts: dict[str, np.uint64] = {}
        self.ids: list[int] = []
        self.sizes: list[int] = []
        self.used = 0
        self.keys = np.zeros(1024, dtype=np.uint64)
        self.lengths = np.zeros(1024, dtype=np.uint32)
        self.first = np.zeros(1024, dtype=bool)

    def add(self, doc_id: int, outlet: str | None, hashes: SentenceHashes) -> None:
        """One document; ``outlet`` as ``outlet_of`` gives it (None: nothing to learn or ignore)."""
        sentences, lengths = hashes
        if outlet is None or not len(sentences):
            return
        salt = self.salts.get(outlet)
        if salt is None:
            salt = self.salts[outlet] = np.uint64(stable_hash(outlet))
        end = self.used + len(sentences)
        if end > len(self.keys):
            size = max(2 * len(self.keys), end)
            self.keys, self.lengths = np.resize(self.keys, size), np.resize(self.lengths, size)
            self.first = np.resize(self.first, size)
        self.keys[self.used : end] = np.asarray(sentences, dtype=np.uint64) ^ salt
        self.lengths[self.used : end] = lengths
        first = np.zeros(len(sentences), dtype=bool)
        first[np.unique(sentences, return_index=True)[1]] = True  # a sentence twice in one text counts once
        self.first[self.used : end] = first
        self.used = end
        self.ids.append(doc_id)
        self.sizes.append(len(sentences))

    def result(self) -> dict[int, frozenset[int]]:
        if not self.ids:
            return {}
        keys, first = self.keys[: self.used], self.first[: self.used]
        sizes = np.asarray(self.sizes, dtype=np.int64)
        doc = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
        # Equal keys side by side: each count is a sum over a run of equal keys.
        order = np.argsort(keys)
        sorted_keys = keys[order]
        run = np.zeros(len(order), dtype=np.int32)
        np.cumsum(sorted_keys[1:] != sorted_keys[:-1], out=run[1:])
        del sorted_keys
        unsorted = np.empty_like(order)
        unsorted[order] = np.arange(len(order))
        run = run[unsorted]  # each sentence's run, in document order
        del order, unsorted
        documents = np.bincount(run, weights=first)  # per key: documents it occurs in
        length = self.lengths[: self.used].astype(np.float64)
        total = np.bincount(doc, weights=length, minlength=len(sizes))
        recurring = np.bincount(doc, weights=length * (documents > 1)[run], minlength=len(sizes))
        own = recurring <= self.settings.boilerplate_max_recurring * total  # mostly its own text
        del length
        counted = np.bincount(run, weights=first & own[doc])  # per key: such documents it occurs in
        boilerplate = np.flatnonzero((counted >= self.settings.boilerplate_min_documents)[run])
        if not len(boilerplate):
            return {}
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        owner = doc[boilerplate]
        position = boilerplate - starts[owner]
        cuts = np.flatnonzero(owner[1:] != owner[:-1]) + 1
        return {
            self.ids[int(group[0])]: frozenset(indices.tolist())
            for group, indices in zip(np.split(owner, cuts), np.split(position, cuts))
        }


def boilerplate_of(
    docs: Iterable[DocInput] | Mapping[int, DocInput], settings: DupesSettings = DEFAULT_SETTINGS
) -> dict[int, frozenset[int]]:
    """Document id -> indices (into ``analyse(doc.text).sentences``) of its boilerplate sentences."""
    learner = BoilerplateLearner(settings)
    for doc in docs.values() if isinstance(docs, Mapping) else docs:
        outlet = outlet_of(doc.outlet, doc.url)
        if outlet is not None:
            learner.add(doc.id, outlet, sentence_hashes(doc.text))
    return learner.result()
