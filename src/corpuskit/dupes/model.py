"""The data the dupes library takes and gives back, and its settings.

Everything here is plain data (ints, floats, strings, tuples), so results
can be stored, sent to another process or mapped on a cluster unchanged.
``to_json`` methods give the public JSON contract of ``corpuskit dupes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from corpuskit.dupes.settings import DEFAULT_SETTINGS, DupesSettings

__all__ = [
    "DocInput",
    "DupesSettings",
    "DEFAULT_SETTINGS",
    "Edit",
    "Passage",
    "PairResult",
    "Cluster",
    "SiblingPair",
    "DupesResult",
    "Relation",
    "EditKind",
    "Direction",
]

Relation = Literal["exact", "near_copy", "rewrite", "partial", "shared_quotes"]
EditKind = Literal["name", "number", "date", "quote", "wording"]
Direction = Literal["a->b", "b->a"]  # "a->b": b was derived from a
Span = tuple[int, int]


@dataclass(frozen=True)
class DocInput:
    """One document as the library needs it.

    ``text`` is the stored cleaned text: every offset in the results indexes it.
    ``published`` is an ISO date or date-time, ``outlet`` the publisher's name;
    both may be ``None`` and serve to tell who copied whom; the outlet (else the
    host of ``url``) also groups the documents whose boilerplate is learnt together.
    """

    id: int
    text: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


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
    direction: Direction | None
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
class SiblingPair:
    """Two linked texts whose shared material their common sources explain: not a copy of each other.

    ``pair`` is the verified link (its relation, score, shares and passages); ``sources`` are the
    documents both were derived from; ``explained_a``/``explained_b`` the share of each text's
    material aligned with the other that lies in material aligned with those sources.
    """

    pair: PairResult
    sources: tuple[int, ...]
    explained_a: float
    explained_b: float

    @property
    def a(self) -> int:
        return self.pair.a

    @property
    def b(self) -> int:
        return self.pair.b

    def to_json(self) -> dict:
        return {
            **self.pair.to_json(),  # the verified link, in the shape of a pair
            "sources": list(self.sources),
            "explained": {"a": round(self.explained_a, 3), "b": round(self.explained_b, 3)},
        }


@dataclass(frozen=True)
class Cluster:
    """Documents that derive from one another; ``origins`` the members every link of theirs in the
    cluster says are the source (nothing in the cluster is derived from them), empty when the
    evidence names none."""

    id: int
    documents: tuple[int, ...]
    origins: tuple[int, ...] = ()

    def to_json(self) -> dict:
        return {"id": self.id, "documents": list(self.documents), "origins": list(self.origins)}


@dataclass(frozen=True)
class DupesResult:
    """``pairs``: the links between a copy and its source; ``siblings``: linked pairs that are
    not (see ``siblings``); ``clusters`` hold both."""

    pairs: tuple[PairResult, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    stats: dict = field(default_factory=dict)
    siblings: tuple[SiblingPair, ...] = ()
    # Pairs that share quotations and nothing of each other's own wording: not copies.
    shared_quotes: tuple[PairResult, ...] = ()

    def to_json(self) -> dict:
        """The ``pairs``, ``siblings``, ``clusters`` and ``shared_quotes`` of the contract; the caller adds ``documents``."""
        return {
            "pairs": [pair.to_json() for pair in self.pairs],
            "siblings": [sibling.to_json() for sibling in self.siblings],
            "clusters": [cluster.to_json() for cluster in self.clusters],
            "shared_quotes": [pair.to_json() for pair in self.shared_quotes],
        }
