"""Story grouping: which documents report the same event.

A story holds the copies and rewrites that ``dupes`` found, and also the
independent reports of the same event, which share few sentences but the
same rare names, places and vocabulary.  The mechanism:

1. Each document becomes a TF-IDF vector of its content words (stemmed keys,
   stop words out) and its entity keys (weighted up: a resolved name is
   stronger evidence than a word).  Words in most documents carry no
   evidence of one event, so IDF weighting and a document-frequency cap
   drop them; each vector keeps only its strongest terms.
2. Similarities are computed only for pairs that share a rare term (an
   inverted index, multiplied out with numpy), never all against all.
3. Publication dates, when both are known, scale a similarity down with the
   days between them, and too far apart means unrelated.
4. Average-link clustering over that sparse graph, starting from the dupes
   components (copies always share a story): two groups merge only while the
   mean similarity over *all* their cross pairs stays above the threshold, so
   one bridging document cannot chain two unrelated stories together.

Everything here is a pure function over plain data (no store access), so it
can be mapped over a distributed engine later.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from corpuskit.dupes.text import is_stopword, word_key

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_ENTITY_PREFIX = "\x00"  # entity keys never collide with words


@dataclass(frozen=True)
class StoryDoc:
    """One document as story grouping needs it.

    ``entities``: canonical keys (resolved entity ids or names) of the entities
    mentioned, one per mention or one per entity; ``published``: ISO date or
    date-time, or None.
    """

    id: int
    text: str
    published: str | None = None
    outlet: str | None = None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryGroup:
    """Documents about one event.  ``title_document`` is the most central
    member (highest summed similarity to the others; earliest, then lowest
    id, on ties); ``cohesion`` the mean similarity over the member pairs
    (0.0 for a single document)."""

    documents: tuple[int, ...]
    title_document: int
    cohesion: float = 0.0


@dataclass(frozen=True)
class StorySettings:
    """Chosen on the METER courts split (``benchmarks/stories.py``), then fixed."""

    threshold: float = 0.2          # average-link similarity needed to merge two groups
    entity_weight: float = 2.0      # an entity key counts this much more than a word
    terms_per_document: int = 80    # strongest terms kept in each vector
    max_document_share: float = 0.1  # terms in more of the corpus than this are dropped
    min_document_cap: int = 30      # ...but a term in this many documents is always kept
    min_similarity: float = 0.05    # weaker pairs are not even kept as graph edges
    max_days_apart: int = 7         # known dates further apart: never one story
    days_half_life: float = 3.0     # similarity halves with every this many days between dates


DEFAULT_SETTINGS = StorySettings()


def group_stories(docs: Sequence[StoryDoc], links: Iterable[tuple[int, int]] = (),
                  settings: StorySettings = DEFAULT_SETTINGS) -> list[StoryGroup]:
    """Every document in exactly one story; the documents of each dupes link in the same one.

    Links naming a document not in ``docs`` are ignored (the caller may pass
    the whole corpus's links for a subset).  Stories come largest first, then
    by their lowest document id.
    """
    ids = [doc.id for doc in docs]
    if len(set(ids)) != len(ids):
        raise ValueError("group_stories: document ids must be unique")
    if not docs:
        return []
    vectors = _vectors(docs, settings)
    similarities = _date_scaled(_pair_similarities(vectors, settings), docs, settings)
    components = _components(ids, links)
    clusters = _average_link(components, similarities, settings.threshold)
    return _as_groups(clusters, similarities, docs)


def independent_sources(group_docs: Iterable[int], links: Iterable[tuple[int, int]]) -> int:
    """How many independent sources a story has: copies of one original count once
    (connected components of the dupes links between the story's documents)."""
    members = set(group_docs)
    parents = _union_find(members, [(a, b) for a, b in links if a in members and b in members])
    return len({_root(parents, d) for d in members})


# ---------------------------------------------------------------- vectors


def _vectors(docs: Sequence[StoryDoc], settings: StorySettings) -> list[dict[int, float]]:
    """Pruned, L2-normalised TF-IDF vectors over term numbers."""
    keys: dict[str, str | None] = {}   # word as written -> its key; one corpus repeats words a lot
    counts = [_term_counts(doc, keys) for doc in docs]
    frequency = Counter(term for terms in counts for term in terms)
    idf = _idf(frequency, len(docs), settings)
    numbers: dict[str, int] = {}
    vectors = []
    for terms in counts:
        weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in terms.items() if t in idf}
        # The norm counts every term, so words only one document has still make it
        # less like the others; only shared terms can link, so only they are kept.
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        shared = sorted((w, t) for t, w in weights.items() if frequency[t] > 1)[-settings.terms_per_document:]
        vectors.append({numbers.setdefault(t, len(numbers)): w / norm for w, t in shared})
    return vectors


def _idf(frequency: Counter, documents: int, settings: StorySettings) -> dict[str, float]:
    """Inverse document frequency of each term, entity keys weighted up; terms in
    too much of the corpus are left out (they are evidence of no event in particular)."""
    cap = max(settings.min_document_cap, settings.max_document_share * documents)
    idf = {}
    for term, df in frequency.items():
        if df <= cap:
            weight = math.log(1.0 + documents / df)
            idf[term] = weight * settings.entity_weight if term.startswith(_ENTITY_PREFIX) else weight
    return idf


def _term_counts(doc: StoryDoc, keys: dict[str, str | None]) -> Counter:
    terms: Counter = Counter()
    for word, count in Counter(_WORD.findall(doc.text)).items():
        key = keys.get(word, "")
        if key == "":
            key = keys[word] = _content_key(word)
        if key is not None:
            terms[key] += count
    terms.update(_ENTITY_PREFIX + key.casefold() for key in doc.entities)
    return terms


def _content_key(word: str) -> str | None:
    """The stemmed key of a content word; None for stop words and very short words."""
    key = word_key(word)
    return key if len(key) > 2 and not is_stopword(key) else None


# ---------------------------------------------------------------- similarities


def _pair_similarities(vectors: list[dict[int, float]], settings: StorySettings) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair of documents (by position) sharing a kept term,
    above ``min_similarity``: the postings of each term multiplied out in numpy."""
    terms, positions, weights = [], [], []
    for position, vector in enumerate(vectors):
        terms.extend(vector)
        positions.extend([position] * len(vector))
        weights.extend(vector.values())
    if not terms:
        return {}
    order = np.lexsort((np.array(positions), np.array(terms)))
    term_of = np.array(terms)[order]
    position_of = np.array(positions, dtype=np.int64)[order]
    weight_of = np.array(weights)[order]
    pair_keys, products = _posting_products(term_of, position_of, weight_of)
    if not len(pair_keys):
        return {}
    unique, inverse = np.unique(pair_keys, return_inverse=True)
    totals = np.bincount(inverse, weights=products)
    n = len(vectors)
    keep = totals >= settings.min_similarity
    return {(int(k // n), int(k % n)): float(s) for k, s in zip(unique[keep], totals[keep])}


def _posting_products(term_of: np.ndarray, position_of: np.ndarray, weight_of: np.ndarray):
    """For each term, every pair of its postings: (pair key a*n+b, weight product).

    Postings are grouped by the length of their term's list, so each length is
    one vectorised step however many terms have it."""
    n = int(position_of.max()) + 1
    starts = np.flatnonzero(np.r_[True, term_of[1:] != term_of[:-1]])
    lengths = np.diff(np.r_[starts, len(term_of)])
    keys, products = [], []
    for length in np.unique(lengths[lengths > 1]):
        group_starts = starts[lengths == length]
        i, j = np.triu_indices(int(length), k=1)
        first = group_starts[:, None] + i[None, :]
        second = group_starts[:, None] + j[None, :]
        keys.append((position_of[first] * n + position_of[second]).ravel())
        products.append((weight_of[first] * weight_of[second]).ravel())
    if not keys:
        return np.empty(0, dtype=np.int64), np.empty(0)
    return np.concatenate(keys), np.concatenate(products)


def _date_scaled(similarities: dict[tuple[int, int], float], docs: Sequence[StoryDoc],
                 settings: StorySettings) -> dict[tuple[int, int], float]:
    """Similarities by document id, lowered with the days between known dates."""
    days = [_day(doc.published) for doc in docs]
    scaled = {}
    for (a, b), similarity in similarities.items():
        if days[a] is not None and days[b] is not None:
            apart = abs((days[a] - days[b]).days)
            if apart > settings.max_days_apart:
                continue
            similarity *= 0.5 ** (apart / settings.days_half_life)
        if similarity >= settings.min_similarity:
            scaled[(docs[a].id, docs[b].id)] = similarity
    return scaled


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None   # an unreadable date is an unknown date, not an error


# ---------------------------------------------------------------- clustering


def _components(ids: list[int], links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The starting groups: documents joined by dupes links, the rest alone."""
    members = set(ids)
    parents = _union_find(members, [(a, b) for a, b in links if a in members and b in members])
    groups: dict[int, list[int]] = defaultdict(list)
    for doc_id in ids:
        groups[_root(parents, doc_id)].append(doc_id)
    return list(groups.values())


def _union_find(members: Iterable[int], pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    parents = {m: m for m in members}
    for a, b in pairs:
        ra, rb = _root(parents, a), _root(parents, b)
        if ra != rb:
            parents[max(ra, rb)] = min(ra, rb)
    return parents


def _root(parents: dict[int, int], item: int) -> int:
    while parents[item] != item:
        parents[item] = parents[parents[item]]
        item = parents[item]
    return item


def _average_link(components: list[list[int]], similarities: dict[tuple[int, int], float],
                  threshold: float) -> list[list[int]]:
    """Merge the two groups with the highest mean cross-pair similarity (absent pairs
    count 0) until no pair of groups reaches ``threshold``."""
    group_of = {d: g for g, members in enumerate(components) for d in members}
    members = {g: list(m) for g, m in enumerate(components)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), similarity in similarities.items():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            sums[ga][gb] = sums[ga].get(gb, 0.0) + similarity
            sums[gb][ga] = sums[gb].get(ga, 0.0) + similarity
    heap = []
    for ga, neighbours in sums.items():
        for gb, total in neighbours.items():
            if ga < gb:
                _push(heap, members, ga, gb, total, threshold)
    while heap:
        _, ga, gb, size_a, size_b = heapq.heappop(heap)
        # Sizes only grow, so an entry whose sizes changed is stale.
        if ga not in members or gb not in members or (len(members[ga]), len(members[gb])) != (size_a, size_b):
            continue
        _merge(ga, gb, members, sums)
        for gc, total in sums[ga].items():
            _push(heap, members, ga, gc, total, threshold)
    return list(members.values())


def _push(heap: list, members: dict[int, list[int]], ga: int, gb: int, total: float, threshold: float) -> None:
    mean = total / (len(members[ga]) * len(members[gb]))
    if mean >= threshold:
        heapq.heappush(heap, (-mean, ga, gb, len(members[ga]), len(members[gb])))


def _merge(ga: int, gb: int, members: dict[int, list[int]], sums: dict[int, dict[int, float]]) -> None:
    """Group ``gb`` into ``ga``: members and cross-pair sums move over."""
    members[ga].extend(members.pop(gb))
    for gc, total in sums.pop(gb, {}).items():
        del sums[gc][gb]
        if gc != ga:
            sums[ga][gc] = sums[ga].get(gc, 0.0) + total
            sums[gc][ga] = sums[ga][gc]
    sums[ga].pop(gb, None)


def _as_groups(clusters: list[list[int]], similarities: dict[tuple[int, int], float],
               docs: Sequence[StoryDoc]) -> list[StoryGroup]:
    by_id = {doc.id: doc for doc in docs}
    group_of = {d: g for g, members in enumerate(clusters) for d in members}
    centrality: Counter = Counter()
    inside: Counter = Counter()
    for (a, b), similarity in similarities.items():
        if group_of[a] == group_of[b]:
            centrality[a] += similarity
            centrality[b] += similarity
            inside[group_of[a]] += similarity
    groups = []
    for g, members in enumerate(clusters):
        title = min(members, key=lambda d: (-centrality[d], _day(by_id[d].published) or date.max, d))
        pairs = len(members) * (len(members) - 1) // 2
        groups.append(StoryGroup(tuple(sorted(members)), title, inside[g] / pairs if pairs else 0.0))
    groups.sort(key=lambda group: (-len(group.documents), group.documents[0]))
    return groups
