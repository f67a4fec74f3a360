"""Siblings: two texts that share material only because both took it from a common source.

Two papers of the same morning that both follow one wire story share
whole paragraphs, and a pair verdict, which sees two texts at a time, links
them as if one copied the other.  After verification the corpus is looked at
as a whole: a linked pair (B, C) is a *sibling* pair when

* B and C have common sources: documents A linked to both and, by the
  direction of those links, the source of each (``A->B`` and ``A->C``:
  a credit line, dates or containment told it -- see ``classify``);
* those sources explain what B and C share: at least
  ``sibling_explained_share`` of the text of B aligned with C lies inside
  text of B aligned with a common source, and likewise for C (the sources
  taken together, like an article's sources in ``derivation``);
* neither a credit line nor the dates tell a direction between B and C: a
  text that says it took from the other did, and a text published after the
  other may have been written from it (a paper works from the latest wire
  take, which repeats the earlier one) -- siblings are peers, such as two
  papers of the same morning.  Containment between them (the weakest
  evidence) does not keep them linked: their common sources explain it.

A sibling pair is then not reported as a copy: it leaves ``pairs`` and is
listed in ``siblings`` with its sources.  When B also took material of C's
own -- a paragraph C added to the wire story -- that material is not
explained by the sources, and the pair stays a copy.  Without a direction
on the links to A nothing says A is the source rather than a copy of B or
C (in three copies of one text, any one would "explain" the other two), so
undirected links make no siblings.

The siblings stay connected through their sources: a pair is a sibling pair
only while its links to at least one common source are themselves kept (a
pair whose links to its sources were set apart as siblings too is a link
again, until every sibling pair keeps the links to a source that explain
it), so no document is cut off from its sources.  Clusters are made from every verified link, siblings
included, as before; each gets its ``origins``: the members every link of
theirs inside the cluster says are the source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from corpuskit.dupes.cluster import cluster_documents, union_spans
from corpuskit.dupes.model import (
    DEFAULT_SETTINGS,
    Cluster,
    DupesResult,
    DupesSettings,
    PairResult,
    SiblingPair,
    Span,
)

__all__ = ["sibling_aware_result", "separate_siblings", "cluster_origins"]

Key = tuple[int, int]
# The direction reasons that make a pair a copy whatever its sources explain (see the module docstring).
TOLD_ORDER = ("credit", "dates")


def sibling_aware_result(
    pairs: Sequence[PairResult], settings: DupesSettings = DEFAULT_SETTINGS, stats: dict | None = None
) -> DupesResult:
    """The verified links as reported: clusters of all of them, copies in ``pairs``, siblings apart."""
    clusters = cluster_documents(pairs, settings)  # siblings stay in one cluster with their source
    kept, siblings = separate_siblings(pairs, settings)
    return DupesResult(
        pairs=tuple(kept),
        clusters=cluster_origins(clusters, kept),
        stats=dict(stats or {}),
        siblings=tuple(siblings),
    )


def separate_siblings(
    pairs: Sequence[PairResult], settings: DupesSettings = DEFAULT_SETTINGS
) -> tuple[list[PairResult], list[SiblingPair]]:
    """(the pairs that stay links, the sibling pairs), both in the order of ``pairs``."""
    verified = _Verified(pairs)
    everything = set(verified.by_key)
    removed = {key for key in everything if verified.siblings(key, everything, settings)}
    while True:
        kept = everything - removed
        unexplained = [key for key in removed if not verified.siblings(key, kept, settings)]
        if not unexplained:
            break
        # Their links to their sources went as siblings too: they are links again (which can only
        # give other pairs more kept sources, so a few rounds settle it).
        removed -= set(unexplained)
    kept = everything - removed
    siblings = []
    for pair in pairs:
        found = verified.siblings((pair.a, pair.b), kept, settings) if (pair.a, pair.b) in removed else None
        if found:
            siblings.append(found)
    return [pair for pair in pairs if (pair.a, pair.b) in kept], siblings


def cluster_origins(clusters: Iterable[Cluster], pairs: Sequence[PairResult]) -> tuple[Cluster, ...]:
    """The clusters, each with its origins: members every link of theirs in the cluster says are the source."""
    touching: dict[int, list[PairResult]] = defaultdict(list)
    for pair in pairs:
        touching[pair.a].append(pair)
        touching[pair.b].append(pair)
    result = []
    for cluster in clusters:
        members = set(cluster.documents)
        origins = []
        for doc in cluster.documents:
            links = [p for p in touching[doc] if {p.a, p.b} <= members]
            if links and all(_source(p) == doc for p in links):
                origins.append(doc)
        result.append(Cluster(cluster.id, cluster.documents, tuple(origins)))
    return tuple(result)


# ---------------------------------------------------------------------------
# Is a pair explained by its common sources?
# ---------------------------------------------------------------------------


class _Verified:
    """The verified links, indexed by document, with the spans each text has aligned with each other."""

    def __init__(self, pairs: Sequence[PairResult]):
        self.by_key: dict[Key, PairResult] = {(p.a, p.b): p for p in pairs}
        self.keys_of: dict[int, list[Key]] = defaultdict(list)
        self.spans: dict[Key, list[Span]] = defaultdict(list)  # (x, y) -> the spans of x aligned with y
        for pair in pairs:
            self.keys_of[pair.a].append((pair.a, pair.b))
            self.keys_of[pair.b].append((pair.a, pair.b))
            for passage in pair.passages:
                self.spans[(pair.a, pair.b)].append(passage.a)
                self.spans[(pair.b, pair.a)].append(passage.b)

    def siblings(self, key: Key, links: set[Key], settings: DupesSettings) -> SiblingPair | None:
        """The pair as siblings of its common sources among ``links``, or None when it is not one."""
        pair = self.by_key[key]
        if pair.direction_reason in TOLD_ORDER:  # one of the two came first and may be the other's source
            return None
        sources = self.sources_of(pair.a, links) & self.sources_of(pair.b, links)
        if not sources:
            return None
        explained_a, explained_b = (self.explained(doc, other, sources) for doc, other in (key, key[::-1]))
        if min(explained_a, explained_b) < settings.sibling_explained_share:
            return None
        return SiblingPair(pair, tuple(sorted(sources)), round(explained_a, 4), round(explained_b, 4))

    def sources_of(self, doc: int, links: set[Key]) -> set[int]:
        """The documents linked to ``doc`` by ``links`` whose link says they are its source."""
        sources = (_source(self.by_key[key]) for key in self.keys_of[doc] if key in links)
        return {source for source in sources if source is not None and source != doc}

    def explained(self, doc: int, other: int, sources: set[int]) -> float:
        """Share of ``doc``'s text aligned with ``other`` that is aligned with one of ``sources`` too."""
        return _inside(self.spans[(doc, other)], [span for s in sources for span in self.spans[(doc, s)]])


def _source(pair: PairResult) -> int | None:
    if pair.direction is None:
        return None
    return pair.a if pair.direction == "a->b" else pair.b


def _inside(spans: list[Span], container: list[Span]) -> float:
    """Share of the length of ``spans`` (merged) that lies inside ``container`` (merged)."""
    merged, around = union_spans(spans), union_spans(container)
    total = sum(end - start for start, end in merged)
    if not total:
        return 0.0
    inside, j = 0, 0
    for start, end in merged:
        while j < len(around) and around[j][1] <= start:
            j += 1
        k = j
        while k < len(around) and around[k][0] < end:
            inside += max(0, min(end, around[k][1]) - max(start, around[k][0]))
            k += 1
    return inside / total
