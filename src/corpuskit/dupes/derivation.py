"""Per document: how much of it comes from all its sources together.

A pair verdict looks at one source at a time, but an article is often
written from several texts of one story (a wire story and its updates, two
agency takes), each supplying a few paragraphs: judged one by one, each looks
like a partial source when together they supply the whole article.  So, for
every document with at least one linked source, its sources are taken
together and measured the way the text-reuse literature does:

* ``aligned_share`` -- share of the text aligned (by passages) to any source;
* ``pair_share`` -- the largest share aligned to a single source;
* ``verbatim_share`` -- share of its words inside runs of at least
  ``verbatim_run_words`` (three) words that occur word for word in a source
  (the coverage greedy string tiling measures, found through hashed word
  n-grams of that length);
* its length: a short piece made from wire copy is usually a cut-down
  whole, a long one usually adds its own reporting.

Sources: the linked documents a credit line or the publication dates say
it was derived from, or, when nothing says so, any linked document not
derived from it -- except texts of the same publication day, which are
siblings written from earlier sources rather than sources of each other.

The verdict -- derived wholly (``rewrite``) or in part (``partial``) -- is a
logistic regression over ``FEATURES``, fitted with cross-validation on a
labelled corpus of journalistic text reuse (benchmarks/meter_fit.py) and
frozen here; ``derived_whole_probability`` is its cut-off.  The fit leans
on verbatim runs, so a text nearly all aligned to its sources
(``near_copy_share``) is derived wholly however much it was reworded.
Whether a document is derived at all stays the pair verdict's (it is linked
to a source): measured on that corpus, taking the sources together did not
separate derived articles from independent reports of the same event any
better than the pair verdict, because such reports share the event's facts
with every source.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from corpuskit.dupes.classify import date_order
from corpuskit.dupes.cluster import union_spans
from corpuskit.dupes.model import (
    DEFAULT_SETTINGS,
    DocInput,
    DupesSettings,
    PairResult,
    Relation,
    Span,
)
from corpuskit.dupes.text import TextUnits, analyse

__all__ = ["FEATURES", "Derivation", "derive_documents", "whole_probability"]

FEATURES = ("aligned_share", "verbatim_share", "log_words")
# Logistic regression weights for "derived wholly" over FEATURES (raw scale) and the intercept,
# fitted by benchmarks/dupes_cv.py on the verdicts of the default settings; see README "Duplicate
# detection accuracy".  They are a fitted model, not thresholds, so they stay constants (refit them
# rather than tune them; the fit measured verbatim_share with the default verbatim_run_words).  Its
# cut-off is a setting.  dupes_cv.py refits it inside each fold (grouped by story) for its figures.
_WHOLE_WEIGHTS = (-0.6936, 6.2301, -1.3632)
_WHOLE_INTERCEPT = 4.4228


@dataclass(frozen=True)
class Derivation:
    """What one document owes to its sources taken together (see the module docstring)."""

    doc: int
    sources: tuple[int, ...]
    relation: Relation  # "rewrite" (derived wholly) or "partial"
    whole_probability: float
    aligned_share: float
    pair_share: float
    verbatim_share: float
    features: tuple[float, ...] = ()  # the values of FEATURES, for refitting

    def to_json(self) -> dict:
        return {
            "doc": self.doc,
            "sources": list(self.sources),
            "relation": self.relation,
            "aligned_share": round(self.aligned_share, 3),
            "pair_share": round(self.pair_share, 3),
            "verbatim_share": round(self.verbatim_share, 3),
        }


def derive_documents(
    docs: Mapping[int, DocInput] | Sequence[DocInput],
    pairs: Iterable[PairResult],
    settings: DupesSettings = DEFAULT_SETTINGS,
    units: Mapping[int, TextUnits] | None = None,
) -> dict[int, Derivation]:
    """A ``Derivation`` for every document that has at least one source among the linked ``pairs``."""
    by_id = docs if isinstance(docs, Mapping) else {doc.id: doc for doc in docs}
    sources, spans, pair_shares = _sources(list(pairs), by_id)
    texts = _TextCache(by_id, units)
    result = {}
    for doc_id in sorted(sources):
        features = _features(texts, doc_id, sources[doc_id], spans[doc_id], settings)
        probability = whole_probability(features)
        whole = probability >= settings.derived_whole_probability or features[0] >= settings.near_copy_share
        result[doc_id] = Derivation(
            doc=doc_id,
            sources=tuple(sorted(sources[doc_id])),
            relation="rewrite" if whole else "partial",
            whole_probability=round(probability, 4),
            aligned_share=round(features[0], 4),
            pair_share=round(pair_shares[doc_id], 4),
            verbatim_share=round(features[1], 4),
            features=features,
        )
    return result


def whole_probability(features: Sequence[float]) -> float:
    """The fitted model's probability that a document with these FEATURES is derived wholly."""
    z = _WHOLE_INTERCEPT + sum(w * x for w, x in zip(_WHOLE_WEIGHTS, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def _sources(pairs: list[PairResult], by_id: Mapping[int, DocInput]):
    """doc -> its sources, doc -> its spans aligned to a source, doc -> its largest share with one source."""
    sources: dict[int, set[int]] = defaultdict(set)
    spans: dict[int, list[Span]] = defaultdict(list)
    shares: dict[int, float] = defaultdict(float)
    for pair in pairs:
        if _is_source(pair, pair.a, pair.b, by_id):
            sources[pair.b].add(pair.a)
            spans[pair.b].extend(p.b for p in pair.passages)
            shares[pair.b] = max(shares[pair.b], pair.share_b)
        if _is_source(pair, pair.b, pair.a, by_id):
            sources[pair.a].add(pair.b)
            spans[pair.a].extend(p.a for p in pair.passages)
            shares[pair.a] = max(shares[pair.a], pair.share_a)
    return sources, spans, shares


def _is_source(pair: PairResult, source: int, copy: int, by_id: Mapping[int, DocInput]) -> bool:
    """A credit or the dates settle it; else (containment or nothing) texts of one day are siblings."""
    told = "a->b" if source == pair.a else "b->a"
    if pair.direction_reason in ("credit", "dates"):
        return pair.direction == told
    if pair.direction and pair.direction != told:
        return False
    first, second = by_id[source].published, by_id[copy].published
    return not (first and second) or date_order(first, second) == "a->b"


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------


class _TextCache:
    """Each text analysed once, with its word keys and the hashes of its word runs."""

    def __init__(self, by_id: Mapping[int, DocInput], units: Mapping[int, TextUnits] | None):
        self.by_id, self.units = by_id, dict(units or {})
        self.keys: dict[int, list[str]] = {}
        self.grams: dict[tuple[int, int], set[int]] = {}

    def units_of(self, doc_id: int) -> TextUnits:
        if doc_id not in self.units:
            self.units[doc_id] = analyse(self.by_id[doc_id].text)
        return self.units[doc_id]

    def keys_of(self, doc_id: int) -> list[str]:
        if doc_id not in self.keys:
            self.keys[doc_id] = [token.key for token in self.units_of(doc_id).tokens]
        return self.keys[doc_id]

    def grams_of(self, doc_id: int, size: int) -> set[int]:
        if (doc_id, size) not in self.grams:
            keys = self.keys_of(doc_id)
            self.grams[(doc_id, size)] = {hash(tuple(keys[i : i + size])) for i in range(len(keys) - size + 1)}
        return self.grams[(doc_id, size)]


def _features(
    texts: _TextCache, doc_id: int, sources: set[int], spans: list[Span], settings: DupesSettings
) -> tuple[float, ...]:
    """The values of FEATURES."""
    return (
        _aligned_share(texts.units_of(doc_id), spans),
        _run_share(texts, doc_id, sources, settings.verbatim_run_words),
        math.log1p(len(texts.keys_of(doc_id))),
    )


def _aligned_share(units: TextUnits, spans: list[Span]) -> float:
    """Share of the text (by sentence length) inside a passage aligned to a source."""
    total = sum(sentence.length for sentence in units.sentences)
    if not total or not spans:
        return 0.0
    merged = union_spans(spans)
    covered, k = 0, 0
    for sentence in units.sentences:
        while k < len(merged) and merged[k][1] <= sentence.start:
            k += 1
        if k < len(merged) and merged[k][0] < sentence.end:
            covered += sentence.length
    return covered / total


def _run_share(texts: _TextCache, doc_id: int, sources: set[int], size: int) -> float:
    """Share of the text's words inside a run of ``size`` words that occurs verbatim in a source."""
    keys = texts.keys_of(doc_id)
    if len(keys) < size:
        return 0.0
    pool = set().union(*(texts.grams_of(source, size) for source in sources))
    covered = [False] * len(keys)
    for i in range(len(keys) - size + 1):
        if hash(tuple(keys[i : i + size])) in pool:
            covered[i : i + size] = [True] * size
    return sum(covered) / len(keys)
