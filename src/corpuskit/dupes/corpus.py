"""Duplicate detection over the store: signatures and verified pairs are cached.

A signature depends only on its text and the signature settings, so only
new or changed texts are signed; a verified pair is recomputed only when one
of its texts, dates or outlets, or the settings, changed. Adding documents to
an analysed corpus therefore costs their signatures and their own candidates.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from corpuskit.dupes.cluster import cluster_documents
from corpuskit.dupes.index import CandidateIndex
from corpuskit.dupes.model import DEFAULT_SETTINGS, DocInput, DupesResult, DupesSettings, Edit, PairResult, Passage
from corpuskit.dupes.pipeline import verify_pairs
from corpuskit.dupes.signatures import Signature, compute_signature
from corpuskit.store import Store

SIGN_BATCH = 500
VERIFY_BATCH = 1000  # candidate pairs per progress step


def corpus_duplicates(store: Store, settings: DupesSettings = DEFAULT_SETTINGS,
                      on_progress: Callable[[str, int, int], None] | None = None) -> DupesResult:
    """Every linked pair and the clusters of the whole corpus."""
    update_signatures(store, settings, on_progress)
    documents = {d["id"]: d for d in store.documents()}
    text_of = store.text_ids_of_documents()
    stored = {text_id: Signature.from_bytes(blob) for text_id, blob in store.signatures(settings.signature_key()).items()}
    index = CandidateIndex(settings)
    for doc_id in sorted(documents):
        index.add(doc_id, stored[text_of[doc_id]])
    pairs = verified_pairs(store, documents, index.pairs(), settings, on_progress)
    return DupesResult(pairs=tuple(pairs), clusters=cluster_documents(pairs, settings))


def update_signatures(store: Store, settings: DupesSettings,
                      on_progress: Callable[[str, int, int], None] | None = None) -> int:
    key = settings.signature_key()
    todo = store.texts_without_signature(key)
    done = 0
    batch = []
    for text_id, body in store.text_bodies(todo):
        batch.append((text_id, compute_signature(body, settings).to_bytes()))
        if len(batch) >= SIGN_BATCH:
            store.save_signatures(key, batch)
            done += len(batch)
            batch = []
            if on_progress:
                on_progress("sign", done, len(todo))
    store.save_signatures(key, batch)
    return done + len(batch)


def verified_pairs(store: Store, documents: dict[int, dict], candidates: list[tuple[int, int]],
                   settings: DupesSettings, on_progress: Callable[[str, int, int], None] | None = None
                   ) -> list[PairResult]:
    """Candidate pairs verified by alignment, reusing every cached verdict still valid."""
    cached = store.cached_pairs()
    results: list[PairResult] = []
    fresh: list[tuple[int, int, str, str | None]] = []
    todo = []
    for a, b in sorted((min(p), max(p)) for p in candidates):
        fingerprint = _inputs(documents[a], documents[b], settings)
        hit = cached.get((a, b))
        if hit and hit[0] == fingerprint:
            if hit[1]:
                results.append(pair_from_json(json.loads(hit[1])))
        else:
            todo.append((a, b, fingerprint))
    texts = store.document_texts({i for a, b, _ in todo for i in (a, b)})
    inputs = {i: _doc_input(documents[i], text) for i, text in texts.items()}
    for start in range(0, len(todo), VERIFY_BATCH):
        batch = todo[start:start + VERIFY_BATCH]
        linked = {(r.a, r.b): r for r in verify_pairs(inputs, [(a, b) for a, b, _ in batch], settings)}
        for a, b, fingerprint in batch:
            result = linked.get((a, b))
            fresh.append((a, b, fingerprint, json.dumps(result.to_json()) if result else None))
        results.extend(linked.values())
        if on_progress:
            on_progress("compare", min(start + VERIFY_BATCH, len(todo)), len(todo))
    store.save_pairs(fresh)
    return sorted(results, key=lambda r: (r.a, r.b))


def _doc_input(document: dict, text: str) -> DocInput:
    return DocInput(document["id"], text, document["published"], document["outlet"])


def _inputs(a: dict, b: dict, settings: DupesSettings) -> str:
    """Everything a pair's verdict depends on: both texts, dates, outlets and the settings."""
    parts = [repr(settings)] + [str(d[k]) for d in (a, b) for k in ("content_hash", "published", "outlet")]
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def pair_from_json(data: dict) -> PairResult:
    """A cached verdict back as a PairResult (the JSON contract plus the direction's reason)."""
    passages = tuple(
        Passage(tuple(p["a"]), tuple(p["b"]), p["similarity"],
                tuple(Edit(e["kind"], e["a"], e["b"]) for e in p["edits"]))
        for p in data["passages"])
    return PairResult(a=data["a"], b=data["b"], relation=data["relation"], score=data["score"],
                      share_a=data["share"]["a"], share_b=data["share"]["b"], direction=data["direction"],
                      passages=passages, direction_reason=data.get("direction_reason"))
