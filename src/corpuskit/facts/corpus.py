"""Facts over the store: extracted once per text and publication date, then read back.

A document's facts depend only on its text, its publication date (which
resolves "last month") and the extractor's code (``facts_key``), so they are
cached under that key; a new corpus is read in worker processes, one per core.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator

from corpuskit.cachekey import cache_key, library_versions
from corpuskit.engines.local import Workers, cpu_count, worker_pool
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
    key_of = fact_keys(store, documents)
    cached = store.cached_facts(stored_under)
    found = {
        key: Facts.from_rows(json.loads(zlib.decompress(cached[key]))) for key in set(key_of.values()) if key in cached
    }
    todo = sorted(set(key_of.values()) - set(found))
    report = on_progress or (lambda done, total: None)
    if todo:
        report(0, len(todo))
    # One pool for every batch, forked before the first is read.
    with worker_pool(cpu_count() if len(todo) >= PARALLEL_FROM else 1) as workers:
        for start in range(0, len(todo), SAVE_EVERY):
            fresh: dict[tuple[int, str], Facts] = {}
            for key, facts in _extract_each(store, todo[start : start + SAVE_EVERY], workers):
                fresh[key] = facts
                report(start + len(fresh), len(todo))
            store.save_facts(
                stored_under,
                [(text_id, published, facts_bytes(facts)) for (text_id, published), facts in fresh.items()],
            )
            found.update(fresh)
    return {doc_id: found[key] for doc_id, key in key_of.items()}


def fact_keys(store: Store, documents: list[dict]) -> dict[int, tuple[int, str]]:
    """Each document's facts key: (its text id, its publication date or ""), since a document's facts
    are those of its text read on its date."""
    text_of = store.text_ids_of_documents()
    return {d["id"]: (text_of[d["id"]], d["published"] or "") for d in documents}


def missing_facts(store: Store, documents: list[dict]) -> list[tuple[int, str]]:
    """The facts keys of ``documents`` with no facts cached under the current key, sorted."""
    cached = store.cached_facts(facts_key())
    return sorted(set(fact_keys(store, documents).values()) - set(cached))


def facts_key() -> str:
    """The extractors take no settings: their code, this module's storage format and the version of
    anyascii (text.words folds words with it) key the cache."""
    return cache_key([__name__], library_versions("anyascii"))


def _extract(store: Store, keys: list[tuple[int, str]]) -> dict[tuple[int, str], Facts]:
    """Facts of each (text id, publication date), in worker processes from ``PARALLEL_FROM`` keys on."""
    with worker_pool(cpu_count() if len(keys) >= PARALLEL_FROM else 1) as workers:
        return dict(_extract_each(store, keys, workers))


def _extract_each(
    store: Store, keys: list[tuple[int, str]], workers: Workers
) -> Iterator[tuple[tuple[int, str], Facts]]:
    """(key, facts) of each (text id, publication date) in ``workers``, in order, as they come."""
    bodies = dict(store.text_bodies(sorted({text_id for text_id, _ in keys})))
    jobs = [(bodies[text_id], published or None) for text_id, published in keys]
    # All chunks handed out at once: the jobs are in memory already.
    return zip(keys, workers.map(_extract_one, jobs, CHUNK, ahead=len(jobs)))


def _extract_one(job: tuple[str, str | None]) -> Facts:
    return extract_facts(*job)


def facts_bytes(facts: Facts) -> bytes:
    """Facts as the store keeps them."""
    return zlib.compress(json.dumps(facts.to_rows(), ensure_ascii=False, separators=(",", ":")).encode(), 1)
