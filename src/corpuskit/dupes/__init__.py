"""Near-duplicate, syndicated and rewritten articles: who copied whom, how much, what changed.

Public API (see each module for the reasoning behind it):

* ``find_duplicates(docs, settings, signatures=None)`` -- the whole job for a batch of ``DocInput``;
* ``compute_signature(text, settings)`` -> ``Signature`` -- per document, storable
  (``to_bytes``/``from_bytes``), valid while ``settings.signature_key()`` is unchanged;
* ``CandidateIndex(settings)`` -- ``add(doc_id, signature)``, ``remove(doc_id)``,
  ``candidates(doc_id)``, ``query(signature)``, ``pairs()``;
  ``candidate_pairs(signatures, settings)`` -- the same pairs for a whole batch at once, on
  numpy arrays (``index.candidate_pairs_of_arrays`` for signatures streamed from a store);
* ``compare_documents(a, b, settings)`` -- verify one pair: ``PairResult`` or None
  (pairs that cannot reach ``min_share`` are dropped by ``could_link`` before aligning);
  ``verify_pairs(docs, pairs, settings)`` does many, analysing each text once;
* ``cluster_documents(pairs, settings)`` -- clusters verified against the cluster;
  ``siblings.sibling_aware_result(pairs, settings)`` -- the corpus-wide step after verification:
  clusters (with their ``origins``), and pairs whose shared text their common sources explain set
  apart as ``SiblingPair``s;
* ``diff_texts(a_text, b_text, settings)`` -- aligned passages with word-level changes.

Module map: ``text`` (words, sentences, offsets) -> ``signatures`` ->
``index`` (candidates) -> ``boilerplate`` (each outlet's recurring sentences, ignored) ->
``align`` (passages, shares) -> ``edits`` (word
changes and their kinds) -> ``classify`` (relation, score, direction) ->
``cluster`` and ``siblings``; ``pipeline`` strings them together; ``model`` holds the data
classes, ``settings`` the ``DupesSettings`` (corpuskit.yaml's ``dupes:``); ``corpus`` runs it over the store (cached
signatures and verdicts, worker processes on large corpora).
"""

from corpuskit.dupes.cluster import cluster_documents
from corpuskit.dupes.index import Candidate, CandidateIndex, candidate_pairs
from corpuskit.dupes.model import (
    DEFAULT_SETTINGS,
    Cluster,
    DocInput,
    DupesResult,
    DupesSettings,
    Edit,
    PairResult,
    Passage,
    SiblingPair,
)
from corpuskit.dupes.pipeline import (
    DiffPassage,
    compare_documents,
    could_link,
    diff_texts,
    find_duplicates,
    verify_pairs,
)
from corpuskit.dupes.signatures import Signature, compute_signature

__all__ = [
    "DEFAULT_SETTINGS",
    "Candidate",
    "CandidateIndex",
    "Cluster",
    "DiffPassage",
    "DocInput",
    "DupesResult",
    "DupesSettings",
    "Edit",
    "PairResult",
    "Passage",
    "Signature",
    "SiblingPair",
    "candidate_pairs",
    "cluster_documents",
    "compare_documents",
    "compute_signature",
    "could_link",
    "diff_texts",
    "find_duplicates",
    "verify_pairs",
]
