"""The data the dupes library takes and gives back, and its settings.

Everything here is plain data (ints, floats, strings, tuples), so results
can be stored, sent to another process or mapped on a cluster unchanged.
``to_json`` methods give the public JSON contract of ``corpuskit dupes``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Literal

__all__ = [
    "DocInput",
    "DupesSettings",
    "DEFAULT_SETTINGS",
    "Edit",
    "Passage",
    "PairResult",
    "Cluster",
    "DupesResult",
    "Relation",
    "EditKind",
]

Relation = Literal["exact", "near_copy", "rewrite", "partial"]
EditKind = Literal["name", "number", "date", "quote", "wording"]
Span = tuple[int, int]


@dataclass(frozen=True)
class DocInput:
    """One document as the library needs it.

    ``text`` is the stored cleaned text: every offset in the results indexes it.
    ``published`` is an ISO date or date-time, ``outlet`` the publisher's name;
    both may be ``None`` and only serve to tell who copied whom.
    """

    id: int
    text: str
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class DupesSettings:
    """Every threshold of the library in one place.

    The alignment and relation defaults were chosen on a labelled
    journalistic text-reuse corpus (see benchmarks/); the scores there
    change little within about +-0.05 of them.  ``shingle_words``,
    ``minhash_size``, ``anchor_window`` and ``anchor_sample`` shape the
    stored signatures: changing them changes ``signature_key``, and stored
    signatures must be recomputed.  The others apply when searching and
    verifying; cached verdicts stay valid when only the candidate-search
    fields change (``corpus.SEARCH_FIELDS``).
    """

    # --- signatures -----------------------------------------------------
    shingle_words: int = 5  # word shingles for MinHash (near-verbatim copies)
    minhash_size: int = 64  # one-permutation MinHash bins
    lsh_bands: int = 16  # 16 bands x 4 rows: pairs above ~0.5 Jaccard meet in a band
    anchor_window: int = 3  # content words paired with the next 1..window-1 content words
    anchor_sample: int = 1  # keep anchors whose hash is 0 mod this (1 = all); 2 halves the index
    # (with min_shared_anchors=2 it finds about the same candidates: for very large corpora)
    # --- candidate search ------------------------------------------------
    anchor_max_df: float = 0.005  # anchors in more than this share of documents are boilerplate
    anchor_df_floor: int = 10  # ... but the cap is never below this many documents
    anchor_df_limit: int = 20  # ... nor above this many: bounds the pairs one anchor makes (memory at 100k)
    min_shared_anchors: int = 4  # rare word pairs two documents must share to be compared
    min_anchor_share: float = 0.02  # ... and this share of the rare anchors of the document with fewer
    max_candidates: int = 50  # per document, strongest first: bounds the work per document
    # --- alignment --------------------------------------------------------
    sentence_containment: float = 0.7  # share of a sentence's content words found in one window
    extend_containment: float = 0.5  # ... or this share, next to a sentence that was found
    min_matched_words: int = 3  # content words a sentence must share to align at all
    window_sentences: int = 3  # a sentence may be rewritten from up to this many sentences
    # --- relation ----------------------------------------------------------
    min_share: float = 0.15  # a pair is reported when this much of one text is aligned
    rewrite_share: float = 0.6  # the copy is a rewrite (not partial) when this much of it is
    near_copy_share: float = 0.9  # both texts this much aligned ...
    near_copy_similarity: float = 0.9  # ... by passages this similar: a near copy
    # --- document derivation (all sources together, see derivation.py) --------
    derived_whole_probability: float = 0.5  # cut-off of the fitted "derived wholly" model
    # --- clustering ----------------------------------------------------------
    cluster_core_overlap: float = 0.5  # a joining link must reuse this much of the cluster's text

    def signature_key(self) -> str:
        """A short fingerprint of the fields that shape signatures, for cache invalidation."""
        names = ("shingle_words", "minhash_size", "anchor_window", "anchor_sample")
        data = json.dumps({name: getattr(self, name) for name in names}, sort_keys=True)
        return hashlib.sha1(f"dupes-signature-v3:{data}".encode()).hexdigest()[:16]

    @classmethod
    def from_mapping(cls, values: dict) -> DupesSettings:
        """Settings from a config mapping; unknown keys are an error, so typos do not pass silently."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown dupes setting(s): {', '.join(unknown)}")
        return cls(**values)


DEFAULT_SETTINGS = DupesSettings()


@dataclass(frozen=True)
class Edit:
    """One change inside an aligned passage: what ``a`` says and what ``b`` says instead."""

    kind: EditKind
    a: str
    b: str
    a_span: Span | None = None
    b_span: Span | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "a": self.a, "b": self.b}


@dataclass(frozen=True)
class Passage:
    """Two character ranges, one in each text, that say the same thing."""

    a: Span
    b: Span
    similarity: float
    edits: tuple[Edit, ...] = ()

    def to_json(self) -> dict:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "similarity": round(self.similarity, 3),
            "edits": [edit.to_json() for edit in self.edits],
        }


@dataclass(frozen=True)
class PairResult:
    """How two documents relate; ``a`` < ``b`` by id, direction "a->b" means b copied a."""

    a: int
    b: int
    relation: Relation
    score: float
    share_a: float
    share_b: float
    direction: Literal["a->b", "b->a"] | None
    passages: tuple[Passage, ...]
    direction_reason: str | None = None

    def to_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "relation": self.relation,
            "score": round(self.score, 3),
            "share": {"a": round(self.share_a, 3), "b": round(self.share_b, 3)},
            "direction": self.direction,
            "direction_reason": self.direction_reason,
            "passages": [passage.to_json() for passage in self.passages],
        }


@dataclass(frozen=True)
class Cluster:
    id: int
    documents: tuple[int, ...]

    def to_json(self) -> dict:
        return {"id": self.id, "documents": list(self.documents)}


@dataclass(frozen=True)
class DupesResult:
    pairs: tuple[PairResult, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    stats: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """The ``pairs`` and ``clusters`` of the contract; the caller adds ``documents``."""
        return {
            "pairs": [pair.to_json() for pair in self.pairs],
            "clusters": [cluster.to_json() for cluster in self.clusters],
        }
