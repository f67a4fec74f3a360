"""Near-duplicate, syndicated and rewritten articles: who copied whom, how much, what changed.

Public API (see each module for the reasoning behind it):

* ``find_duplicates(docs, settings)`` -- the whole job for a batch of ``DocInput``;
* ``compute_signature(text, settings)`` / ``Signature`` -- per-document, storable;
* ``CandidateIndex`` -- ``add(doc_id, signature)``, ``candidates(doc_id)``, ``pairs()``;
* ``compare_documents(a, b, settings)`` -- verify one pair: ``PairResult`` or None;
* ``cluster_documents(pairs, settings)`` -- clusters verified against the cluster;
* ``diff_texts(a_text, b_text)`` -- aligned passages with word-level changes.
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
)
from corpuskit.dupes.pipeline import DiffPassage, compare_documents, diff_texts, find_duplicates, verify_pairs
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
    "candidate_pairs",
    "cluster_documents",
    "compare_documents",
    "compute_signature",
    "diff_texts",
    "find_duplicates",
    "verify_pairs",
]
