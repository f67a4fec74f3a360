"""Story terms kept per text: the word part of each document's story vector, made once.

A text's terms (``text.terms.text_terms``) depend on nothing but the text, the
minimum term length and the code that keys words, so every report after the
first reads them back instead of counting and keying every word of the corpus
again (at 137,000 documents that was 57 s a grouping, and the report groups
twice: on words alone to choose where to read names, then with the names).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from corpuskit.cachekey import cache_key, library_versions
from corpuskit.store import Store
from corpuskit.text import terms as text_terms_module
from corpuskit.text.terms import Terms, terms_from_bytes, terms_to_bytes, text_terms

CACHE = "story terms"  # the analysis's name in the store, with the minimum length: each kept apart
SAVE_EVERY = 5000  # texts per transaction: an interrupted run keeps what it made


def corpus_terms(
    store: Store, min_length: int, on_progress: Callable[[int, int], None] | None = None
) -> dict[int, Terms]:
    """Every document's word terms and counts, by document id (made and kept for new texts);
    ``on_progress(done, total)`` counts the texts made."""
    name, key = cache_name(min_length), terms_key(min_length)
    todo = store.texts_without_cached(name, key)
    report = on_progress or (lambda done, total: None)
    if todo:
        report(0, len(todo))
    for start in range(0, len(todo), SAVE_EVERY):
        made = []
        for text_id, body in store.text_bodies(todo[start : start + SAVE_EVERY]):
            made.append((text_id, terms_to_bytes(text_terms(body, min_length))))
            report(start + len(made), len(todo))
        store.save_text_analyses(name, key, made)
    return {document: terms_from_bytes(blob) for document, blob in store.document_text_analyses(name, key)}


def cache_name(min_length: int) -> str:
    return f"{CACHE} {min_length}"


def terms_key(min_length: int) -> str:
    """The code that makes terms and their stored form (and keys words, with anyascii, and lower-cases
    and splits them, with the Unicode tables of this Python) and the setting."""
    inputs = {"min_term_length": min_length, "unicode": unicodedata.unidata_version, **library_versions("anyascii")}
    return cache_key([text_terms_module.__name__], inputs)
