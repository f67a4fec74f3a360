"""Facts over the store: extracted once per text and publication date, then read back.

A document's facts depend only on its text, its publication date (which
resolves "last month") and the extractor's code (``facts_key``), so they are
cached under that key; a new corpus is read in worker processes, one per core.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable

from corpuskit.cachekey import cache_key, library_versions
from corpuskit.engines.local import map_in_workers
from corpuskit.facts import extract_facts
from corpuskit.facts.model import Facts
from corpuskit.store import Store

PARALLEL_FROM = 200  # texts: below this, starting worker processes costs more than it saves
CHUNK = 64
SAVE_EVERY = 2000


def corpus_facts(
    store: Store, documents: list[dict], on_progress: Callable[[int, int], None] | None = None
) -> dict[int, Facts]:
    """Facts of every given document (``store.documents()`` rows), by document id."""
    stored_under = facts_key()
    text_of = store.text_ids_of_documents()
    key_of = {d["id"]: (text_of[d["id"]], d["published"] or "") for d in documents}
    cached = store.cached_facts(stored_under)
    found = {
        key: Facts.from_rows(json.loads(zlib.decompress(cached[key]))) for key in set(key_of.values()) if key in cached
    }
    todo = sorted(set(key_of.values()) - set(found))
    for start in range(0, len(todo), SAVE_EVERY):
        batch = todo[start : start + SAVE_EVERY]
        fresh = _extract(store, batch)
        store.save_facts(
            stored_under, [(text_id, published, _to_bytes(facts)) for (text_id, published), facts in fresh.items()]
        )
        found.update(fresh)
        if on_progress:
            on_progress(start + len(batch), len(todo))
    return {doc_id: found[key] for doc_id, key in key_of.items()}


def facts_key() -> str:
    """The extractors take no settings: their code, this module's storage format and the version of
    anyascii (text.words folds words with it) key the cache."""
    return cache_key([__name__], library_versions("anyascii"))


def _extract(store: Store, keys: list[tuple[int, str]]) -> dict[tuple[int, str], Facts]:
    bodies = dict(store.text_bodies(sorted({text_id for text_id, _ in keys})))
    jobs = [(bodies[text_id], published or None) for text_id, published in keys]
    results = map_in_workers(_extract_one, jobs, min_items=PARALLEL_FROM, chunksize=CHUNK)
    return dict(zip(keys, results))


def _extract_one(job: tuple[str, str | None]) -> Facts:
    return extract_facts(*job)


def _to_bytes(facts: Facts) -> bytes:
    return zlib.compress(json.dumps(facts.to_rows(), ensure_ascii=False, separators=(",", ":")).encode(), 1)
