"""Group documents that derive from one another, without chaining.

Plain connected components chain: A copies the first half of B, C copies
the second half, and A and C -- which share nothing -- end up together.
So links are taken strongest first (like single linkage), but two groups
merge only when the merge is verified against the groups, not one neighbour:

* most of the document pairs across the two groups are linked, or
* a linking pair reuses the group's own text: the part of a member that the
  newcomer matches overlaps, by at least ``cluster_core_overlap``, the part
  of that member already shared with the rest of its group (its "core").

In the A/B/C example, C matches the half of B that A does not: no overlap
with B's core, one linked pair of two: C stays out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from corpuskit.dupes.model import DEFAULT_SETTINGS, Cluster, DupesSettings, PairResult, Span
from corpuskit.unionfind import UnionFind

__all__ = ["cluster_documents"]


def cluster_documents(
    pairs: Sequence[PairResult],
    settings: DupesSettings = DEFAULT_SETTINGS,
) -> tuple[Cluster, ...]:
    """Clusters of two or more documents, numbered from 1 in order of their smallest id."""
    spans = _pair_spans(pairs)
    joined: UnionFind[int] = UnionFind()
    members: dict[int, set[int]] = {}  # root -> the documents of its group
    for pair in sorted(pairs, key=lambda p: (-p.score, p.a, p.b)):
        left, right = joined.find(pair.a), joined.find(pair.b)
        if left == right:
            continue
        left_docs, right_docs = members.setdefault(left, {left}), members.setdefault(right, {right})
        if not _may_merge(left_docs, right_docs, spans, settings):
            continue
        keep, drop = (left, right) if len(left_docs) >= len(right_docs) else (right, left)
        joined.union(keep, drop)
        members[keep] |= members.pop(drop)
    groups = sorted((sorted(docs) for docs in members.values() if len(docs) > 1), key=lambda docs: docs[0])
    return tuple(Cluster(id=index, documents=tuple(docs)) for index, docs in enumerate(groups, start=1))


def _pair_spans(pairs: Iterable[PairResult]) -> dict[tuple[int, int], list[Span]]:
    """(x, y) -> the spans of x aligned with y."""
    spans: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for pair in pairs:
        for passage in pair.passages:
            spans[(pair.a, pair.b)].append(passage.a)
            spans[(pair.b, pair.a)].append(passage.b)
    return spans


def _may_merge(left: set[int], right: set[int], spans, settings: DupesSettings) -> bool:
    cross = [(x, y) for x in left for y in right]
    linked = [(x, y) for x, y in cross if (x, y) in spans]
    if 2 * len(linked) > len(cross):
        return True
    return any(
        _reuses_core(x, y, left, spans, settings) and _reuses_core(y, x, right, spans, settings) for x, y in linked
    )


def _reuses_core(doc: int, newcomer: int, group: set[int], spans, settings: DupesSettings) -> bool:
    """Does the newcomer match the part of ``doc`` that ``doc`` already shares with its group?"""
    if len(group) == 1:
        return True
    core = union_spans(span for other in group if other != doc for span in spans.get((doc, other), ()))
    matched = union_spans(spans.get((doc, newcomer), ()))
    size = _length(matched)
    return size > 0 and _length(_intersect(matched, core)) >= settings.cluster_core_overlap * size


def union_spans(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans merged, in order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _intersect(left: list[Span], right: list[Span]) -> list[Span]:
    result, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        start, end = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return result


def _length(spans: list[Span]) -> int:
    return sum(end - start for start, end in spans)
