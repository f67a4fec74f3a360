"""Roles inside a story: who copied whom, the original of each group of copies, independent sources.

Dupes says which documents share text and, where the evidence allows, the
direction.  A story adds one more clue dupes does not use: a copy that
credits another member's outlet ("Reuters reported") names its original;
the credit line is read with the matcher dupes reads it with
(``corpuskit.text.credits``), so a story's roles and a pair's direction
agree about it.
Within a group of linked documents the original is, in order of evidence:
the member other members credit, the one only ever copied from, the
earliest published -- by the publication order dupes uses for a pair's
direction (``corpuskit.documents.publication_order``), so a date without a
time is never earlier or later than a date-time of the same day.  When
nothing tells, no member is called the original.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Set

from corpuskit.documents import publication_order, published_date
from corpuskit.dupes.model import PairResult
from corpuskit.report.context import StoryContext
from corpuskit.report.model import Role, Source
from corpuskit.text.credits import credits
from corpuskit.unionfind import components


def linked_groups(documents: Set[int], pairs: list[PairResult]) -> list[set[int]]:
    """Connected components of the dupes links: each is one independent source."""
    links = [(p.a, p.b) for p in pairs if p.a in documents and p.b in documents]
    return [set(group) for group in components(sorted(documents), links)]


def source_groups(story: StoryContext) -> list[set[int]]:
    """The story's independent sources (``independent_groups`` of its documents)."""
    return independent_groups({d: v.outlet for d, v in story.docs.items()}, story.pairs)


def counted_groups(story: StoryContext) -> list[set[int]]:
    """The story's independent sources that count as sources: not a group of flagged documents
    only (a paywall notice or a caption grouped into a story is no source on its own)."""
    return [group for group in source_groups(story) if not all(story.docs[d].flagged for d in group)]


def independent_groups(outlets: Mapping[int, str | None], pairs: Iterable[PairResult]) -> list[set[int]]:
    """Independent sources among documents (``outlets``: each one's outlet or None): linked
    documents are one source, and so are the documents of one outlet (its wire takes, its
    updates): an outlet does not corroborate itself."""
    by_outlet: dict[str, int] = {}
    links = [(p.a, p.b) for p in pairs if p.a in outlets and p.b in outlets]
    for doc in sorted(outlets):
        outlet = outlets[doc]
        if outlet:
            links.append((by_outlet.setdefault(outlet.casefold(), doc), doc))
    return [set(group) for group in components(sorted(outlets), links)]


def credits_document(story: StoryContext, copy: int, original: int) -> bool:
    """Whether ``copy``'s text credits ``original``'s outlet (not its own)."""
    return credits(story.docs[copy].text, story.docs[original].outlet, story.docs[copy].outlet)


def sources(story: StoryContext) -> list[Source]:
    """Each document's role and the documents it copied from (credit lines are read from the texts)."""
    copied_from: dict[int, tuple[int, ...]] = {}
    originals: set[int] = set()
    linked: set[int] = set()
    for group in linked_groups(story.documents, story.pairs):
        if len(group) == 1:
            continue
        linked |= group
        original = original_of(group, story)
        parents = _parents(group, story.pairs, original, {d: story.docs[d].published for d in group})
        copied_from.update(parents)
        if original is not None:
            originals.add(original)
    result = []
    for doc_id in sorted(story.docs):
        doc = story.docs[doc_id]
        doc_parents = copied_from.get(doc_id, ())
        # A document is called a copy only with what it copied: the sources table and the
        # derivation then tell one story.
        role: Role = (
            "original"
            if doc_id in originals
            else "copy"
            if doc_parents
            else "linked"
            if doc_id in linked
            else "independent"
        )
        result.append(Source(doc_id, doc.outlet, doc.published, role, doc_parents, doc.flagged))
    return result


def original_of(group: set[int], story: StoryContext) -> int | None:
    credited = [d for d in group if any(credits_document(story, o, d) for o in group if o != d)]
    if len(credited) == 1:
        return credited[0]
    copied = {_copier(p) for p in story.pairs if p.direction and {p.a, p.b} <= group}
    only_copied_from = [
        d
        for d in group
        if d not in copied and any(_source(p) == d for p in story.pairs if p.direction and {p.a, p.b} <= group)
    ]
    if len(only_copied_from) == 1:
        return only_copied_from[0]
    return _earliest(group, story)


def _earliest(group: set[int], story: StoryContext) -> int | None:
    """The dated member published before every other dated one (``publication_order``: a
    date-only member and a date-time member of the same day are of one day, neither earlier)."""
    dated = sorted(d for d in group if published_date(story.docs[d].published) is not None)
    for d in dated:
        if all(publication_order(story.docs[d].published, story.docs[o].published) == -1 for o in dated if o != d):
            return d
    return None


def _parents(
    group: set[int], pairs: list[PairResult], original: int | None, published: dict[int, str | None]
) -> dict[int, tuple[int, ...]]:
    """Copied-from lists: stated directions first, then the nearer member on the way to the
    original, unless it was published at the same time as the copy or later."""
    parents: dict[int, set[int]] = defaultdict(set)
    undirected = []
    for pair in pairs:
        if not {pair.a, pair.b} <= group:
            continue
        if pair.direction:
            parents[_copier(pair)].add(_source(pair))
        else:
            undirected.append(pair)
    if original is not None:
        depth = _depths(group, pairs, original)
        for pair in undirected:
            near, far = sorted((pair.a, pair.b), key=lambda d: depth.get(d, len(group)))
            nearer = depth.get(near) is not None and depth.get(far, -1) > depth[near]
            if nearer and not parents[far] and publication_order(published[near], published[far]) in (-1, None):
                parents[far].add(near)  # never a copy of a text published with it or after it
    return {d: tuple(sorted(p)) for d, p in parents.items() if p and d != original}


def _depths(group: set[int], pairs: list[PairResult], root: int) -> dict[int, int]:
    neighbours = _neighbours([p for p in pairs if {p.a, p.b} <= group])
    depth, queue = {root: 0}, deque([root])
    while queue:
        doc = queue.popleft()
        for n in neighbours[doc]:
            if n not in depth:
                depth[n] = depth[doc] + 1
                queue.append(n)
    return depth


def _neighbours(pairs: list[PairResult]) -> dict[int, set[int]]:
    neighbours: dict[int, set[int]] = defaultdict(set)
    for pair in pairs:
        neighbours[pair.a].add(pair.b)
        neighbours[pair.b].add(pair.a)
    return neighbours


def _copier(pair: PairResult) -> int:
    return pair.b if pair.direction == "a->b" else pair.a


def _source(pair: PairResult) -> int:
    return pair.a if pair.direction == "a->b" else pair.b
