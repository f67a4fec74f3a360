"""Candidate search and verification at scale: the fast paths give the same answers as the plain ones."""

import itertools
import random
from dataclasses import fields, replace

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article

from corpuskit.config import IngestConfig
from corpuskit.dupes import (
    CandidateIndex,
    DocInput,
    DupesSettings,
    compute_signature,
    find_duplicates,
)
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.align import align, profile
from corpuskit.dupes.index import anchor_cap, candidate_pairs
from corpuskit.dupes.pipeline import could_link
from corpuskit.dupes.text import analyse
from corpuskit.ingest.pipeline import ingest_paths
from corpuskit.store import Store


def _texts() -> dict[int, str]:
    rng = random.Random(3)
    stories = [LIBRARIES, LIBRARIES_REWRITTEN, HARBOUR, MUSEUM]
    texts = {}
    for doc_id in range(1, 25):
        story = list(rng.choice(stories))
        rng.shuffle(story)
        texts[doc_id] = article(story[: rng.randrange(3, len(story) + 1)])
    return texts


def test_batch_search_equals_the_union_of_each_documents_candidates():
    settings = DupesSettings(max_candidates=3)  # small, so the per-document cut matters
    texts = _texts()
    signatures = {doc_id: compute_signature(text, settings) for doc_id, text in texts.items()}
    index = CandidateIndex(settings)
    for doc_id, signature in signatures.items():
        index.add(doc_id, signature)
    one_by_one = {tuple(sorted((doc_id, c.doc_id))) for doc_id in texts for c in index.candidates(doc_id)}
    assert set(candidate_pairs(signatures, settings)) == one_by_one
    assert len(one_by_one) < len(texts) * (len(texts) - 1) // 2


def test_a_few_shared_rare_anchors_between_long_texts_make_no_candidate():
    shared = "Councillor Wierzbicki praised the Elm Street librarians for 23 years of service."
    first = article(LIBRARIES + HARBOUR) + "\n\n" + shared
    second = article(MUSEUM) + "\n\n" + shared
    strict, loose = DupesSettings(min_anchor_share=0.2), DupesSettings(min_anchor_share=0.0)
    signatures = {1: compute_signature(first), 2: compute_signature(second)}
    assert candidate_pairs(signatures, loose) == [(1, 2)]
    assert candidate_pairs(signatures, strict) == []


def test_the_anchor_cap_grows_with_the_corpus_but_not_past_its_limit():
    settings = DupesSettings(anchor_max_df=0.01, anchor_df_floor=10, anchor_df_limit=50)
    assert anchor_cap(settings, 100) == 10
    assert anchor_cap(settings, 3_000) == 30
    assert anchor_cap(settings, 1_000_000) == 50


def test_pairs_that_cannot_link_are_never_linked_by_alignment():
    settings = DupesSettings()
    texts = _texts()
    texts[30] = article(LIBRARIES).replace("Wierzbicki", "Wierzbiecki").replace("Okafor", "Okafur")
    profiles = {doc_id: profile(analyse(text), settings) for doc_id, text in texts.items()}
    skipped = 0
    for a, b in itertools.combinations(sorted(profiles), 2):
        if not could_link(profiles[a], profiles[b], settings):
            skipped += 1
            alignment = align(profiles[a], profiles[b], settings)
            assert max(alignment.share_a, alignment.share_b) < settings.min_share, (a, b)
    assert skipped  # the bound does cut something
    assert could_link(profiles[1], profiles[1], settings)


def test_worker_processes_give_the_same_verdicts(tmp_path, monkeypatch):
    texts = _texts()
    serial_store, pooled_store = (Store.open(str(tmp_path / name)) for name in ("serial.db", "pooled.db"))
    for store in (serial_store, pooled_store):
        _fill(store, tmp_path, texts)
    serial = dupes_corpus.corpus_duplicates(serial_store)
    monkeypatch.setattr(dupes_corpus, "POOL_MIN_DOCUMENTS", 0)
    monkeypatch.setattr(dupes_corpus, "VERIFY_BATCH", 5)
    monkeypatch.setattr(dupes_corpus, "SIGN_BATCH", 4)
    pooled = dupes_corpus.corpus_duplicates(pooled_store)
    assert serial.pairs and [p.to_json() for p in pooled.pairs] == [p.to_json() for p in serial.pairs]
    assert pooled.clusters == serial.clusters
    whole = find_duplicates([DocInput(i, t) for i, t in texts.items()])
    assert {(p.a, p.b) for p in whole.pairs} == {(p.a, p.b) for p in serial.pairs}


def _fill(store: Store, folder, texts: dict[int, str]) -> None:
    corpus = folder / "corpus"
    corpus.mkdir(exist_ok=True)
    for doc_id, text in texts.items():
        (corpus / f"{doc_id:03d}.txt").write_text(text, encoding="utf-8")
    ingest_paths(store, [str(corpus)], IngestConfig())


def _analysed_corpus(tmp_path):
    """A store with a dupes run done, its settings and its first result."""
    store = Store.open(str(tmp_path / "c.db"))
    _fill(store, tmp_path, _texts())
    settings = DupesSettings()
    first = dupes_corpus.corpus_duplicates(store, settings)
    assert first.pairs
    return store, settings, first


def no_comparison(*args, **kwargs):
    raise AssertionError("a cached verdict was recomputed")


def test_tuning_the_search_keeps_cached_verdicts_and_tuning_the_verdicts_does_not(tmp_path, monkeypatch):
    store, settings, first = _analysed_corpus(tmp_path)
    with monkeypatch.context() as patched:
        patched.setattr(dupes_corpus, "verify_pairs", no_comparison)
        narrower = dupes_corpus.corpus_duplicates(store, replace(settings, max_candidates=1))
    assert {(p.a, p.b) for p in narrower.pairs} <= {(p.a, p.b) for p in first.pairs}

    calls = []
    real = dupes_corpus.verify_pairs
    monkeypatch.setattr(dupes_corpus, "verify_pairs", lambda *a, **k: calls.append(1) or real(*a, **k))
    verdict_field = next(
        f.name
        for f in fields(settings)
        if f.name not in (*dupes_corpus.SEARCH_FIELDS, *dupes_corpus.CORPUS_FIELDS, *dupes_corpus.BOILERPLATE_FIELDS)
        and isinstance(getattr(settings, f.name), float)
    )
    dupes_corpus.corpus_duplicates(store, replace(settings, **{verdict_field: getattr(settings, verdict_field) + 0.01}))
    assert calls


def test_the_corpus_wide_settings_keep_cached_verdicts(tmp_path, monkeypatch):
    store, settings, first = _analysed_corpus(tmp_path)
    monkeypatch.setattr(dupes_corpus, "verify_pairs", no_comparison)
    for name in ("cluster_core_overlap", "derived_whole_probability", "sibling_explained_share"):
        changed = replace(settings, **{name: 0.9})
        assert dupes_corpus.verdict_key(changed) == dupes_corpus.verdict_key(settings), name
        again = dupes_corpus.corpus_duplicates(store, changed)
        assert {(p.a, p.b) for p in again.pairs} == {(p.a, p.b) for p in first.pairs}


def test_empty_texts_are_not_candidates_of_one_another():
    signatures = {doc_id: compute_signature(text) for doc_id, text in enumerate(["", " ", "\n\n", "...", "x"])}
    assert candidate_pairs(signatures) == []
    index = CandidateIndex()
    for doc_id, signature in signatures.items():
        index.add(doc_id, signature)
    assert all(index.candidates(doc_id) == [] for doc_id in signatures)
