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
    keys = []
    for surface in words:
        key, _, number, _, _ = word_forms(surface)
        keys.append(NUMBER if number else key)
    return " ".join(keys)


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
    their hashes and lengths are kept.  ``result`` gives document id ->
    indices of its boilerplate sentences, for documents that have any.
    """

    def __init__(self, settings: DupesSettings = DEFAULT_SETTINGS):
        self.settings = settings
        self.outlets: dict[str, int] = {}
        self.ids: list[int] = []
        self.outlet_index: list[int] = []
        self.hashes: list[np.ndarray] = []
        self.lengths: list[np.ndarray] = []

    def add(self, doc_id: int, outlet: str | None, hashes: SentenceHashes) -> None:
        """One document; ``outlet`` as ``outlet_of`` gives it (None: nothing to learn or ignore)."""
        if outlet is None or not len(hashes[0]):
            return
        self.ids.append(doc_id)
        self.outlet_index.append(self.outlets.setdefault(outlet, len(self.outlets)))
        self.hashes.append(hashes[0])
        self.lengths.append(hashes[1])

    def result(self) -> dict[int, frozenset[int]]:
        minimum = self.settings.boilerplate_min_documents
        if not self.ids:
            return {}
        outlet_of_doc = np.asarray(self.outlet_index, dtype=np.int64)
        documents_per_outlet = np.bincount(outlet_of_doc)
        kept_docs = np.flatnonzero(documents_per_outlet[outlet_of_doc] >= minimum)  # smaller outlets: nothing
        if not len(kept_docs):
            return {}
        sizes = np.asarray([len(self.hashes[i]) for i in kept_docs], dtype=np.int64)
        doc = np.repeat(np.arange(len(kept_docs)), sizes)
        salts = np.asarray([stable_hash(name) for name in self.outlets], dtype=np.uint64)
        # One key per (outlet, sentence): the threshold is per outlet.
        key = np.concatenate([self.hashes[i] for i in kept_docs]) ^ salts[outlet_of_doc[kept_docs]][doc]
        length = np.concatenate([self.lengths[i] for i in kept_docs])
        del self.hashes, self.lengths  # one use: the learner is spent
        first = _first_in_document(doc, key)
        counts = _documents_per_key(key, first)
        recurring = counts > 1
        total = np.bincount(doc, weights=length, minlength=len(kept_docs))
        repeated = np.bincount(doc, weights=length * recurring, minlength=len(kept_docs))
        own = repeated <= self.settings.boilerplate_max_recurring * total  # mostly its own text
        counted = first & own[doc]
        learnt, documents = np.unique(key[counted], return_counts=True)
        boilerplate = np.isin(key, learnt[documents >= minimum])
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        result: dict[int, set[int]] = {}
        for index in np.flatnonzero(boilerplate).tolist():
            d = int(doc[index])
            result.setdefault(self.ids[kept_docs[d]], set()).add(index - int(starts[d]))
        return {doc_id: frozenset(found) for doc_id, found in result.items()}


def _first_in_document(doc: np.ndarray, key: np.ndarray) -> np.ndarray:
    """True at the first occurrence of each key in its document (a sentence twice in one text counts once)."""
    order = np.lexsort((key, doc))
    sorted_doc, sorted_key = doc[order], key[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (sorted_doc[1:] != sorted_doc[:-1]) | (sorted_key[1:] != sorted_key[:-1])
    first = np.zeros(len(order), dtype=bool)
    first[order] = new
    return first


def _documents_per_key(key: np.ndarray, first: np.ndarray) -> np.ndarray:
    """For each sentence, in how many documents its key occurs."""
    unique, counts = np.unique(key[first], return_counts=True)
    return counts[np.searchsorted(unique, key)]


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
