"""Story terms kept per text: the word part of each document's story vector, made once.

A text's terms (``stories.text_terms``) depend on nothing but the text, the
minimum term length and the code that keys words, so every report after the
first reads them back instead of counting and keying every word of the corpus
again (at 137,000 documents that was 57 s a grouping, and the report groups
twice: on words alone to choose where to read names, then with the names).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from corpuskit.cachekey import cache_key, library_versions
from corpuskit.report.stories import text_terms
from corpuskit.store import Store

CACHE = "story terms"
SAVE_EVERY = 5000  # texts per transaction: an interrupted run keeps what it made

Terms = tuple[tuple[str, ...], tuple[int, ...]]


def corpus_terms(
    store: Store, min_length: int, on_progress: Callable[[int, int], None] | None = None
) -> dict[int, Terms]:
    """Every document's word terms and counts, by document id (made and kept for new texts);
    ``on_progress(done, total)`` counts the texts made."""
    key = terms_key(min_length)
    todo = store.texts_without_cached(CACHE, key)
    report = on_progress or (lambda done, total: None)
    if todo:
        report(0, len(todo))
    for start in range(0, len(todo), SAVE_EVERY):
        made = []
        for text_id, body in store.text_bodies(todo[start : start + SAVE_EVERY]):
            made.append((text_id, terms_to_bytes(text_terms(body, min_length))))
            report(start + len(made), len(todo))
        store.save_text_analyses(CACHE, key, made)
    return {document: terms_from_bytes(blob) for document, blob in store.document_text_analyses(CACHE, key)}


def terms_key(min_length: int) -> str:
    """The code that makes terms (and keys words, with anyascii), this module's format and the setting."""
    return cache_key([__name__], {"min_term_length": min_length, **library_versions("anyascii")})


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
    return tuple(words), tuple(counts)
