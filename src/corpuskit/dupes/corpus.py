"""Duplicate detection over the store: signatures and verified pairs are cached.

A signature depends only on its text and the signature settings, so only
new or changed texts are signed; so do a text's sentence hashes, from which
each outlet's boilerplate is learnt again on every run (a few sorts over
arrays).  A verified pair is recomputed only when one of its texts, dates,
outlets or learnt boilerplate sentences, or the settings, changed. Adding documents to
an analysed corpus therefore costs their signatures, one candidate search
over arrays, and the alignment of their own new pairs.

Memory stays bounded: signatures are streamed from the store into arrays
(no per-document objects), texts are read a batch of pairs at a time, and
verdicts are saved a batch at a time.  On a large corpus signing and
verification run in a pool of worker processes (one per core), started
before anything large is loaded so the workers share nothing big.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from typing import Protocol

from corpuskit.batches import batched, save_as_computed
from corpuskit.cachekey import cache_key, library_versions
from corpuskit.dupes.boilerplate import (
    BoilerplateLearner,
    hashes_from_bytes,
    hashes_to_bytes,
    outlet_of,
    sentence_hashes,
)
from corpuskit.dupes.index import SignatureArraysBuilder, candidate_pairs_of_arrays
from corpuskit.dupes.model import DEFAULT_SETTINGS, DocInput, DupesResult, DupesSettings, Edit, PairResult, Passage
from corpuskit.dupes.pipeline import split_shared_quotes, verify_pairs
from corpuskit.dupes.settings import BOILERPLATE_MODULE, LIBRARIES, VERDICT_LIBRARIES
from corpuskit.dupes.siblings import sibling_aware_result
from corpuskit.dupes.signatures import compute_signature, signature_arrays
from corpuskit.engines.local import IN_PROCESS, Workers, cpu_count, worker_pool
from corpuskit.store import Store
from corpuskit.unionfind import components

SIGN_BATCH = 500  # texts per signing task (and per save)
VERIFY_BATCH = 400  # candidate pairs per verification task (and per save and progress step)
POOL_MIN_DOCUMENTS = 2000  # below this, worker processes cost more than they save
Progress = Callable[[str, int, int], None]


def corpus_duplicates(
    store: Store,
    settings: DupesSettings = DEFAULT_SETTINGS,
    on_progress: Progress | None = None,
    engine: DupesEngine | None = None,
) -> DupesResult:
    """Every linked pair, the sibling pairs and the clusters of the whole corpus (siblings and
    clusters are corpus-wide: made from the verdicts each run, never cached).  The heavy stages
    run on ``engine`` (by default this machine, ``LocalDupes``); whichever runs them, the
    verdicts are cached in the store and the result is made from them here."""
    if engine is not None:
        return _duplicates(store, settings, on_progress, engine)
    # Forked now, while this process is still small.
    processes = cpu_count() if store.count_documents() >= POOL_MIN_DOCUMENTS else 1
    with worker_pool(processes) as workers:
        return _duplicates(store, settings, on_progress, LocalDupes(store, workers))


def _duplicates(
    store: Store, settings: DupesSettings, on_progress: Progress | None, engine: DupesEngine
) -> DupesResult:
    candidates, ignore = engine.candidates(settings, on_progress)
    verified = verified_pairs(store, candidates, settings, engine, on_progress, ignore)
    pairs, quotes = split_shared_quotes(verified)
    return replace(sibling_aware_result(pairs, settings), shared_quotes=tuple(quotes))


# What a verification batch gives: each pair with its verdict, or None when it was not linked.
Verdicts = list[tuple[int, int, PairResult | None]]
# A document's (content hash, published, outlet, its boilerplate sentences as a key): what its
# verdicts depend on besides the other document and the settings.
Facts = dict[int, tuple[str, str | None, str | None, str]]


class DupesEngine(Protocol):
    """Where the heavy dupes stages run: ``LocalDupes`` here, ``engines.spark.SparkDupes`` on Spark."""

    def candidates(
        self, settings: DupesSettings, on_progress: Progress | None
    ) -> tuple[list[tuple[int, int]], dict[int, frozenset[int]]]:
        """The candidate pairs of the corpus and each document's boilerplate sentences."""
        ...

    def verify(
        self, pairs: list[tuple[int, int]], facts: Facts, settings: DupesSettings, ignore: dict[int, frozenset[int]]
    ) -> Iterator[Verdicts]:
        """The verdicts of ``pairs``, a batch at a time, as ``verify_pairs`` makes them."""
        ...


class LocalDupes:
    """The dupes stages on this machine, in ``workers``, with their inputs cached in the store."""

    def __init__(self, store: Store, workers: Workers = IN_PROCESS):
        self.store = store
        self.workers = workers

    def candidates(
        self, settings: DupesSettings, on_progress: Progress | None
    ) -> tuple[list[tuple[int, int]], dict[int, frozenset[int]]]:
        update_signatures(self.store, settings, on_progress, self.workers)
        update_sentence_hashes(self.store, on_progress, self.workers)
        return corpus_candidates(self.store, settings), corpus_boilerplate(self.store, settings)

    def verify(
        self, pairs: list[tuple[int, int]], facts: Facts, settings: DupesSettings, ignore: dict[int, frozenset[int]]
    ) -> Iterator[Verdicts]:
        def tasks() -> Iterator[VerifyTask]:
            for batch in _pair_batches(pairs, VERIFY_BATCH):
                texts = self.store.document_texts({i for pair in batch for i in pair})
                docs = [DocInput(i, text, facts[i][1], facts[i][2]) for i, text in texts.items()]
                yield docs, batch, settings, {i: ignore[i] for i in texts if i in ignore}

        return self.workers.map(verify_batch, tasks())


def corpus_candidates(store: Store, settings: DupesSettings) -> list[tuple[int, int]]:
    """Candidate pairs of every document with a stored signature (see ``index``)."""
    key = settings.signature_key()
    builder = SignatureArraysBuilder(settings, store.signature_anchor_room(key))
    for doc_id, blob in store.document_signatures(key):
        builder.add(doc_id, *signature_arrays(blob))  # copied: the blob is freed
    arrays = builder.build()
    del builder
    return candidate_pairs_of_arrays(arrays, settings, release=True)


# ---------------------------------------------------------------------------
# Signatures
# ---------------------------------------------------------------------------


def update_signatures(
    store: Store, settings: DupesSettings, on_progress: Progress | None = None, workers: Workers | None = None
) -> int:
    key = settings.signature_key()
    todo = store.texts_without_signature(key)
    bodies = ((row[0], row[1]) for row in store.text_bodies(todo))
    tasks = ((batch, settings) for batch in batched(bodies, SIGN_BATCH))
    signed = (workers or IN_PROCESS).map(_sign_batch, tasks)
    return save_as_computed(signed, lambda batch: store.save_signatures(key, batch), "sign", len(todo), on_progress)


def _sign_batch(task: tuple[list[tuple[int, str]], DupesSettings]) -> list[tuple[int, bytes]]:
    texts, settings = task
    return [(text_id, compute_signature(body, settings).to_bytes()) for text_id, body in texts]


# ---------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------


def sentence_hash_key() -> str:
    """Key of stored sentence hashes: the code that makes them and the libraries that shape them."""
    return cache_key([BOILERPLATE_MODULE], library_versions(*LIBRARIES))


def update_sentence_hashes(store: Store, on_progress: Progress | None = None, workers: Workers | None = None) -> int:
    """Hash the sentences of every text (of a document with an outlet or URL) not hashed yet."""
    key = sentence_hash_key()
    todo = store.texts_without_sentence_hashes(key)
    bodies = ((row[0], row[1]) for row in store.text_bodies(todo))
    hashed = (workers or IN_PROCESS).map(_hash_batch, batched(bodies, SIGN_BATCH))
    return save_as_computed(
        hashed, lambda batch: store.save_sentence_hashes(key, batch), "boilerplate", len(todo), on_progress
    )


def _hash_batch(texts: list[tuple[int, str]]) -> list[tuple[int, bytes]]:
    return [(text_id, hashes_to_bytes(sentence_hashes(body))) for text_id, body in texts]


def corpus_boilerplate(store: Store, settings: DupesSettings) -> dict[int, frozenset[int]]:
    """Document id -> its boilerplate sentences, learnt from the stored sentence hashes (``boilerplate``)."""
    learner = BoilerplateLearner(settings)
    for doc_id, outlet, url, blob in store.document_sentence_hashes(sentence_hash_key()):
        learner.add(doc_id, outlet_of(outlet, url), hashes_from_bytes(blob))
    return learner.result()


# ---------------------------------------------------------------------------
# Verdicts
# ---------------------------------------------------------------------------


def verified_pairs(
    store: Store,
    candidates: list[tuple[int, int]],
    settings: DupesSettings,
    engine: DupesEngine,
    on_progress: Progress | None = None,
    ignore: dict[int, frozenset[int]] | None = None,
) -> list[PairResult]:
    """Candidate pairs verified by alignment on ``engine``, reusing every cached verdict still
    valid; each batch of new verdicts is saved as it comes.

    ``ignore``: document id -> its boilerplate sentences (``corpus_boilerplate``);
    they are part of a document's facts, so a verdict expires when they change.
    """
    ignore = ignore or {}
    facts = {doc: (*fact, _ignored_key(ignore.get(doc))) for doc, fact in store.dupes_facts().items()}
    settings_key = verdict_key(settings)
    cached = store.cached_pair_inputs()
    todo: list[tuple[int, int, str]] = []
    valid: set[tuple[int, int]] = set()
    for a, b in sorted({(min(p), max(p)) for p in candidates}):
        fingerprint = _fingerprint(settings_key, facts[a], facts[b])
        if cached.get((a, b)) == fingerprint:
            valid.add((a, b))
        else:
            todo.append((a, b, fingerprint))
    del cached
    results = [
        pair_from_json(json.loads(result))
        for a, b, fingerprint, result in store.cached_linked_results()
        if (a, b) in valid
    ]
    results.extend(_verify_todo(store, todo, facts, settings, on_progress, engine, ignore))
    return sorted(results, key=lambda r: (r.a, r.b))


def _ignored_key(ignored: frozenset[int] | None) -> str:
    return ",".join(map(str, sorted(ignored))) if ignored else ""


def _verify_todo(
    store: Store,
    todo: list[tuple[int, int, str]],
    facts: Facts,
    settings: DupesSettings,
    on_progress: Progress | None,
    engine: DupesEngine,
    ignore: dict[int, frozenset[int]],
) -> list[PairResult]:
    """Verify the pairs with no valid verdict, saving each batch's verdicts as it comes."""
    fingerprints = {(a, b): fingerprint for a, b, fingerprint in todo}
    verified = engine.verify([(a, b) for a, b, _ in todo], facts, settings, ignore)
    results: list[PairResult] = []
    done = 0
    if on_progress and todo:
        on_progress("compare", 0, len(todo))
    for batch in verified:
        store.save_pairs((a, b, fingerprints[(a, b)], verdict_to_json(r) if r else None) for a, b, r in batch)
        results.extend(r for _, _, r in batch if r is not None)
        done += len(batch)
        if on_progress:
            on_progress("compare", done, len(todo))
    return results


VerifyTask = tuple[list[DocInput], list[tuple[int, int]], DupesSettings, dict[int, frozenset[int]]]


def verify_batch(task: VerifyTask) -> Verdicts:
    """The verdicts of a batch of pairs whose documents ``task`` holds: the one verification
    function every engine maps."""
    docs, pairs, settings, ignore = task
    linked = {(r.a, r.b): r for r in verify_pairs({doc.id: doc for doc in docs}, pairs, settings, ignore=ignore)}
    return [(a, b, linked.get((a, b))) for a, b in pairs]


def _pair_batches(pairs: list[tuple[int, int]], size: int) -> list[list[tuple[int, int]]]:
    """Pairs in batches that keep connected documents together, so each text is analysed about once.

    A group of connected documents larger than a batch (chance candidates join
    thousands at 20,000 articles) is cut in breadth-first order, so that the
    pairs of one batch share their documents as much as the links allow
    (at 27,000 documents: 1.6 analyses per text instead of 2.1).
    """
    position = _breadth_first_positions(pairs)
    group_of = {doc: lowest for group in components([], pairs) for lowest in (min(group),) for doc in group}
    ordered = sorted(pairs, key=lambda pair: (group_of[pair[0]], *sorted((position[pair[0]], position[pair[1]]))[::-1]))
    batches: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, pair in enumerate(ordered):
        current.append(pair)
        next_group = group_of[ordered[index + 1][0]] if index + 1 < len(ordered) else None
        if len(current) >= size and next_group != group_of[pair[0]] or len(current) >= 2 * size:
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches


def _breadth_first_positions(pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Each document's place in a breadth-first walk of the pair graph (lowest id first)."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in pairs:
        neighbours[a].append(b)
        neighbours[b].append(a)
    position: dict[int, int] = {}
    for start in sorted(neighbours):
        if start in position:
            continue
        position[start] = len(position)
        queue = deque([start])
        while queue:
            for other in sorted(neighbours[queue.popleft()]):
                if other not in position:
                    position[other] = len(position)
                    queue.append(other)
    return position


# Fields that only decide which pairs are compared, not what a comparison says.
SEARCH_FIELDS = (
    "shingle_words",
    "minhash_size",
    "lsh_bands",
    "anchor_window",
    "anchor_sample",
    "anchor_max_df",
    "anchor_df_floor",
    "anchor_df_limit",
    "min_shared_anchors",
    "min_anchor_share",
    "max_candidates",
)


# Settings applied after the verdicts, to all of them together (derivation.py, cluster.py, siblings.py):
# a pair's cached verdict does not depend on them either.
CORPUS_FIELDS = ("derived_whole_probability", "verbatim_run_words", "cluster_core_overlap", "sibling_explained_share")
# Settings of boilerplate learning: they reach a verdict only through the boilerplate sentences
# of its two documents, which are part of its fingerprint, so only the verdicts they change expire.
BOILERPLATE_FIELDS = ("boilerplate_min_documents", "boilerplate_max_recurring")


def verdict_key(settings: DupesSettings) -> str:
    """Key of the settings, code and libraries a verdict depends on: tuning the candidate search
    or the corpus-wide steps keeps the cached verdicts, a change to the code that verifies or
    stores them does not."""
    skipped = (*SEARCH_FIELDS, *CORPUS_FIELDS, *BOILERPLATE_FIELDS)
    values: dict = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name not in skipped}
    values["libraries"] = library_versions(*VERDICT_LIBRARIES)
    return cache_key([__name__], values)


def _fingerprint(settings_key: str, a: tuple, b: tuple) -> str:
    """Everything a pair's verdict depends on: both texts, dates, outlets, boilerplate sentences and the settings."""
    parts = [settings_key] + [str(value) for value in (*a, *b)]
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def verdict_to_json(result: PairResult) -> str:
    """A verdict as the cache keeps it: every field, unrounded, with each edit's spans (the
    listing's JSON rounds and leaves the spans out), so that it reads back equal to the verdict
    made, and a cached report is the report of a first run.  Written as arrays, not objects:
    a corpus keeps tens of edits a linked pair, and every run reads every verdict back (objects
    were two thirds of the reading time at 100,000 articles)."""
    passages = [
        [*p.a, *p.b, p.similarity, [[e.kind, e.a, e.b, e.a_span, e.b_span] for e in p.edits]] for p in result.passages
    ]
    fields = (result.relation, result.score, result.share_a, result.share_b, result.direction, result.direction_reason)
    return json.dumps([result.a, result.b, *fields, passages], ensure_ascii=False)


def pair_from_json(data: list) -> PairResult:
    """A cached verdict back as the PairResult it was (``verdict_to_json``)."""
    a, b, relation, score, share_a, share_b, direction, reason, passages = data
    return PairResult(
        a=a,
        b=b,
        relation=relation,
        score=score,
        share_a=share_a,
        share_b=share_b,
        direction=direction,
        passages=tuple(
            Passage(
                (a0, a1),
                (b0, b1),
                similarity,
                tuple(Edit(kind, old, new, _span(a_span), _span(b_span)) for kind, old, new, a_span, b_span in edits),
            )
            for a0, a1, b0, b1, similarity, edits in passages
        ),
        direction_reason=reason,
    )


def _span(value: list[int] | None) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None
