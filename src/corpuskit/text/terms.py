"""A text's word terms: the words of its story vector, counted and keyed once.

Kept apart from the grouping so that the stored terms (``report.terms``) are
keyed by this code alone: a change to how stories are grouped does not make
every text's terms be counted again.
"""

from __future__ import annotations

import string
import sys
from collections import Counter

import numpy as np

from corpuskit.text.words import is_stopword, word_key

Terms = tuple[tuple[str, ...], tuple[int, ...]]  # the terms, and their counts

# Stripped from both ends of a whitespace-separated word (splitting on spaces is
# much faster than a word pattern, and the words are keyed once per spelling);
# NUL too, so that a caller may mark keys of its own with it.
_PUNCTUATION = string.punctuation + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2013\u2026\x00"


def text_terms(text: str, min_length: int) -> Terms:
    """A text's word terms (stemmed keys; stop words and keys shorter than ``min_length`` out) and
    their counts, in order of first appearance: the words of its story vector, which depend on
    nothing else in the corpus, so they are kept per text. Two spellings of one term ("jailed",
    "jail") add up."""
    known = _TERM_OF_SPELLING.setdefault(min_length, {})
    if len(known) > _KNOWN_SPELLINGS:
        known.clear()
    counts: dict[str, int] = {}
    for spelling, count in Counter(text.lower().replace("\u2014", " ").split()).items():
        term = known.get(spelling, "")
        if term == "":  # never seen: key it once (a term is never empty)
            term = known[spelling] = _word_term(spelling, min_length)
        if term is not None:
            counts[term] = counts.get(term, 0) + count
    return tuple(counts), tuple(counts.values())


# Spellings keyed so far, per minimum length: words are keyed once per spelling, not once per text.
_TERM_OF_SPELLING: dict[int, dict[str, str | None]] = {}
_KNOWN_SPELLINGS = 1 << 19


def _word_term(spelling: str, min_length: int) -> str | None:
    """A spelling's term: None for stop words and keys shorter than ``min_length``."""
    key = word_key(spelling.strip(_PUNCTUATION))
    return None if len(key) < min_length or is_stopword(key) else key


# Terms come from splitting on whitespace, which \x1f is to str.split: no term holds it.
_SEPARATOR = "\x1f"


def terms_to_bytes(terms: Terms) -> bytes:
    """How many terms, and their counts, as little-endian 32-bit numbers; then the terms in UTF-8,
    one separator apart."""
    words, counts = terms
    return np.array([len(counts), *counts], dtype="<u4").tobytes() + _SEPARATOR.join(words).encode()


def terms_from_bytes(blob: bytes) -> Terms:
    size = int(np.frombuffer(blob, dtype="<u4", count=1)[0])
    counts = np.frombuffer(blob, dtype="<u4", count=size, offset=4).tolist()
    words = blob[4 * (size + 1) :].decode().split(_SEPARATOR) if size else []
    # One string a term for the whole corpus, not one a document (a third of the memory at scale).
    return tuple(map(sys.intern, words)), tuple(counts)
