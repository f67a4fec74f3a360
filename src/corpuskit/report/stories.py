"""Story grouping: which documents report the same event.

A story holds the copies and rewrites that ``dupes`` found, and also the
independent reports of the same event, which share few sentences but the
same rare names, places and vocabulary.  The mechanism:

1. Each document becomes a TF-IDF vector of its content words (stemmed keys,
   stop words out) and its entity keys (resolved names: "Petrov" and "Petrow"
   count as one term; ``entity_weight`` scales them).  Words in most
   documents carry no evidence of one event, so IDF weighting and a
   document-frequency cap drop them; each vector keeps only its strongest
   shared terms.
2. Similarities are computed only for pairs that share a rare term (an
   inverted index, multiplied out with numpy), never all against all.
3. Event links -- two outlets quoting one statement (dupes' shared-quote
   pairs with a quotation of some length, ``story_links``) -- raise their
   pair's similarity to ``event_link_similarity`` when published within
   ``event_link_days``: the event's evidence when an independent follow-up
   or another angle shares few rare words with the main report.
4. Publication dates, when both are known, scale a similarity down with the
   days between them, and too far apart means unrelated.
5. Average-link clustering over that sparse graph, starting from the dupes
   components (copies always share a story): two groups merge only while the
   mean similarity over *all* their cross pairs stays above the threshold and
   most of those pairs are similar at all, so one bridging document cannot
   chain two unrelated stories together.

Everything here is a pure function over plain data (no store access), so it
can be mapped over a distributed engine later.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from corpuskit import unionfind
from corpuskit.documents import published_date
from corpuskit.dupes.model import DupesResult, PairResult
from corpuskit.report.settings import DEFAULT_STORY_SETTINGS, StorySettings
from corpuskit.text.terms import text_terms
from corpuskit.text.words import word_spans

_ENTITY_PREFIX = "\x00"  # entity keys never collide with words (no word term holds a NUL)


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
    terms: tuple[tuple[str, ...], tuple[int, ...]] | None = None  # text_terms of text, when kept


@dataclass(frozen=True)
class StoryGroup:
    """Documents about one event.  ``title_document`` is the most central
    member (highest summed similarity to the others; earliest, then lowest
    id, on ties); ``cohesion`` the mean similarity over the member pairs
    (0.0 for a single document)."""

    documents: tuple[int, ...]
    title_document: int
    cohesion: float = 0.0


DEFAULT_SETTINGS = DEFAULT_STORY_SETTINGS


def group_stories(
    docs: Sequence[StoryDoc],
    links: Iterable[tuple[int, int]] = (),
    settings: StorySettings = DEFAULT_SETTINGS,
    event_links: Iterable[tuple[int, int]] = (),
) -> list[StoryGroup]:
    """Every document in exactly one story; the documents of each dupes link in the same one.

    ``event_links``: pairs that independent evidence says report one event (two
    outlets quoting one statement) without either being a copy: their similarity
    is raised to ``event_link_similarity`` before the date scaling, so they join
    when their dates are close and the rest of the two groups agrees, never by
    themselves.  Links naming a document not in ``docs`` are ignored (the caller
    may pass the whole corpus's links for a subset).  Stories come largest first,
    then by their lowest document id.
    """
    ids = [doc.id for doc in docs]
    if len(set(ids)) != len(ids):
        raise ValueError("group_stories: document ids must be unique")
    if not docs:
        return []
    days = [published_date(doc.published) for doc in docs]
    day = _day_numbers(days)
    position = {doc_id: p for p, doc_id in enumerate(ids)}
    components = [[position[d] for d in group] for group in _components(ids, links)]
    events = _event_pairs(docs, days, event_links, settings)
    # The cap on each document's edges spares the edges its links already vouch for: inside one
    # group of dupes links, and event links (a large syndicated story keeps all its edges).
    group = np.empty(len(docs), dtype=np.int64)
    for number, members in enumerate(components):
        group[members] = number
    pairs = _pair_arrays(*_postings(docs, settings), days, settings, _Spared(group, events))
    pairs = _with_event_links(pairs, events, len(docs), settings)
    pairs = _date_scaled(pairs, day, settings)
    clusters = _average_link(components, pairs, settings)
    return _as_groups(clusters, pairs, docs)


def story_candidates(
    docs: Sequence[StoryDoc],
    links: Iterable[tuple[int, int]] = (),
    settings: StorySettings = DEFAULT_SETTINGS,
    event_links: Iterable[tuple[int, int]] = (),
) -> set[int]:
    """The documents that can be in a story of more than one document, told before their names are
    known: those a dupes link or an event link joins to another, and those whose similarity on words
    alone (and dates, as ``group_stories`` scales it) reaches ``candidate_similarity`` with another.

    Average-link merges a document into a group only when its mean similarity to the group reaches
    ``threshold``, so some pair of it must; entity keys move a pair's similarity (on METER and PolNeAR the
    similarity on words alone was at least 0.39 of the one with entity keys for the pairs above
    the threshold), so ``candidate_similarity`` sits well below ``threshold``. The other documents
    stay single-document stories whatever their names are, and the report reads no names in them.
    """
    ids = {doc.id for doc in docs}
    chosen = {d for a, b in links if a in ids and b in ids and a != b for d in (a, b)}
    if len(docs) < 2:
        return chosen
    loose = replace(settings, min_similarity=min(settings.min_similarity, settings.candidate_similarity))
    words_only = [replace(doc, entities=()) for doc in docs]
    days = [published_date(doc.published) for doc in words_only]
    # As group_stories judges pairs (event links raised, dates scaled), on arrays: the whole
    # corpus is here, and only which documents have a strong enough pair matters.
    day = _day_numbers(days)
    pairs = _pair_arrays(*_postings(words_only, loose), days, loose)
    strong = (
        pairs.similarity * _date_factor(day[pairs.first], day[pairs.second], loose) >= settings.candidate_similarity
    )
    chosen.update(docs[p].id for p in np.unique(np.r_[pairs.first[strong], pairs.second[strong]]).tolist())
    for a, b in _event_pairs(words_only, days, event_links, loose):
        factor = float(_date_factor(day[[a]], day[[b]], loose)[0])
        near = abs(int(day[a]) - int(day[b])) <= loose.max_days_apart  # both dated: event links need dates
        if near and settings.event_link_similarity * factor >= settings.candidate_similarity:
            chosen.update((docs[a].id, docs[b].id))
    return chosen


def story_links(
    dupes: DupesResult, texts: Mapping[int, str], settings: StorySettings = DEFAULT_SETTINGS
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The dupes evidence of one story: links (every cluster member to its cluster's first
    document) and event links (``quoting_one_statement``).

    Clusters, not every pair: dupes verifies cluster members against the whole cluster
    (siblings of one source included), so a stray pair between two clusters does not
    chain two stories together."""
    links = [(c.documents[0], d) for c in dupes.clusters for d in c.documents[1:]]
    return links, quoting_one_statement(dupes.shared_quotes, texts, settings.event_quote_words)


def quoting_one_statement(
    shared_quotes: Iterable[PairResult], texts: Mapping[int, str], min_words: int
) -> list[tuple[int, int]]:
    """The pairs of ``shared_quotes`` (dupes pairs that share quotations and are not copies)
    with one shared passage of at least ``min_words`` words on each side: two reports of one
    statement.  Shorter shared phrases -- slogans, names, catchphrases, even several of them --
    recur from one event of the same people to the next."""
    return [
        (pair.a, pair.b)
        for pair in shared_quotes
        if pair.a in texts
        and pair.b in texts
        and _longest_passage_words(texts[pair.a], texts[pair.b], pair) >= min_words
    ]


def _longest_passage_words(text_a: str, text_b: str, pair: PairResult) -> int:
    """The words of the pair's longest shared passage, counted on its shorter side."""
    return max(
        (min(len(word_spans(text_a, *passage.a)), len(word_spans(text_b, *passage.b))) for passage in pair.passages),
        default=0,
    )


# ---------------------------------------------------------------- vectors


def _postings(docs: Sequence[StoryDoc], settings: StorySettings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each document's strongest shared terms as (term, document position, weight)
    postings, sorted by term then position.  Weights are TF-IDF, L2-normalised over
    all of the document's terms, so a dot product of two documents' postings is
    their cosine similarity restricted to the kept terms."""
    term, position, count, names = _term_counts(docs, settings.min_term_length)
    frequency = np.bincount(term, minlength=len(names))
    weight = (1.0 + np.log(count)) * _idf(frequency, names, len(docs), settings)[term]
    norm = np.sqrt(np.bincount(position, weights=weight * weight, minlength=len(docs)))
    weight = weight / np.where(norm > 0, norm, 1.0)[position]
    # Only terms another document has can link; the norm above still counted the rest.
    shared = (frequency[term] > 1) & (weight > 0)
    term, position, weight = term[shared], position[shared], weight[shared]
    strongest = _top_per_document(position, weight, settings.terms_per_document)
    term, position, weight = term[strongest], position[strongest], weight[strongest]
    order = np.lexsort((position, term))
    return term[order], position[order], weight[order]


def _term_counts(docs: Sequence[StoryDoc], min_length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(term number, document position, count) of every term of every document, sorted by
    position then term, and the terms by number (in order of first appearance)."""
    numbers: dict[str, int] = {}
    term_list: list[int] = []
    position_list: list[int] = []
    count_list: list[int] = []
    for doc_position, doc in enumerate(docs):
        words, counts = doc.terms if doc.terms is not None else text_terms(doc.text, min_length)
        entities = Counter(_ENTITY_PREFIX + key.casefold() for key in doc.entities)
        term_list.extend([numbers.setdefault(term, len(numbers)) for term in (*words, *entities)])
        position_list.extend([doc_position] * (len(words) + len(entities)))
        count_list.extend(counts)
        count_list.extend(entities.values())
    term = np.array(term_list, dtype=np.int64)
    position = np.array(position_list, dtype=np.int64)
    order = np.lexsort((term, position))
    return term[order], position[order], np.array(count_list, dtype=np.float64)[order], list(numbers)


def _idf(frequency: np.ndarray, terms: list[str], documents: int, settings: StorySettings) -> np.ndarray:
    """Inverse document frequency of each term, entity keys weighted up; 0 for terms in
    too much of the corpus (they are evidence of no event in particular)."""
    idf = np.log1p(documents / np.maximum(frequency, 1))
    idf[frequency > max(settings.min_document_cap, settings.max_document_share * documents)] = 0.0
    entity = np.fromiter((t.startswith(_ENTITY_PREFIX) for t in terms), dtype=bool, count=len(terms))
    idf[entity] *= settings.entity_weight
    return idf


def _top_per_document(position: np.ndarray, weight: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` heaviest postings of each document."""
    if not len(position):
        return np.empty(0, dtype=np.int64)
    order = np.lexsort((-weight, position))
    sorted_position = position[order]
    starts = np.flatnonzero(np.r_[True, sorted_position[1:] != sorted_position[:-1]])
    first_of_document = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank = np.arange(len(order)) - first_of_document
    return order[rank < k]


# ---------------------------------------------------------------- similarities


def _pair_arrays(
    term: np.ndarray,
    position: np.ndarray,
    weight: np.ndarray,
    days: Sequence[date | None],
    settings: StorySettings,
    spared: _Spared | None = None,
) -> _PairArrays:
    """Similarity of every pair of documents (by position, lower first) sharing a kept term, when at
    least ``min_similarity`` and, if both dates are known, at most ``max_days_apart`` apart (further
    pairs are never one story, so they are never multiplied out); each document keeps its
    ``max_neighbours`` most similar others (a pair stays while either side keeps it; the pairs
    ``spared`` names stay whatever their rank, and take no document's place).

    Documents are ranked by date, so a term's partners of a dated posting are one run of its
    postings; the postings are multiplied out a block of documents at a time (at most about
    ``PRODUCTS_PER_BLOCK`` products), so memory holds one block and the pairs kept, not every
    product of the corpus."""
    count = len(days)
    day = _day_numbers(days)
    by_date = np.argsort(day, kind="stable")  # undated first (-1), then by day
    rank = np.empty(count, dtype=np.int64)
    rank[by_date] = np.arange(count)
    postings = _RankedPostings.of(term, rank[position], weight, day[by_date], _window(settings))
    ranked_spared = (spared or _Spared(np.arange(count), [])).ranked(rank, by_date)
    held: list[_PairArrays] = []
    held_pairs = kept_pairs = 0
    for block in postings.blocks(count):
        held.append(postings.similarities(block, count, settings.min_similarity))
        held_pairs += len(held[-1])
        if held_pairs > max(PRUNE_FROM, 2 * kept_pairs):
            held = [_PairArrays.joined(held).strongest(day[by_date], settings, ranked_spared)]
            held_pairs = kept_pairs = len(held[0])
    pairs = _PairArrays.joined(held).strongest(day[by_date], settings, ranked_spared)
    first, second = by_date[pairs.first], by_date[pairs.second]
    low, high = np.minimum(first, second), np.maximum(first, second)
    order = np.argsort(low * count + high, kind="stable")
    return _PairArrays(low[order], high[order], pairs.similarity[order])


PRODUCTS_PER_BLOCK = 1 << 22  # posting products multiplied out at once (about 200 MB of arrays)
PRUNE_FROM = 1 << 22  # pairs held before they are cut to each document's strongest


@dataclass(frozen=True)
class _RankedPostings:
    """Postings sorted by term, then by their document's date rank; ``ends[i]``: the end of
    posting ``i``'s partners (the later postings of its term it can pair with)."""

    rank: np.ndarray
    weight: np.ndarray
    ends: np.ndarray

    @classmethod
    def of(cls, term: np.ndarray, rank: np.ndarray, weight: np.ndarray, ranked_day: np.ndarray, max_days: int):
        order = np.lexsort((rank, term))
        term, rank, weight = term[order], rank[order], weight[order]
        return cls(rank, weight, _partner_ends(term, ranked_day[rank], max_days))

    def blocks(self, documents: int) -> Iterator[np.ndarray]:
        """Posting indices a block of documents (by rank) at a time: every product a pair of documents
        has comes from the postings of its lower-ranked document, so a block's sums are whole."""
        partners = self.ends - np.arange(len(self.ends)) - 1
        per_document = np.bincount(self.rank, weights=partners, minlength=documents)
        before = np.cumsum(per_document) - per_document
        block_of_rank = (before // PRODUCTS_PER_BLOCK).astype(np.int64)
        by_rank = np.argsort(self.rank, kind="stable")
        block_of_posting = block_of_rank[self.rank[by_rank]]
        cuts = np.flatnonzero(np.r_[True, block_of_posting[1:] != block_of_posting[:-1], True])
        for start, stop in zip(cuts[:-1], cuts[1:]):
            yield by_rank[start:stop]

    def similarities(self, chosen: np.ndarray, documents: int, min_similarity: float) -> _PairArrays:
        """The summed products of the pairs whose lower-ranked document has the postings ``chosen``."""
        partners = self.ends[chosen] - chosen - 1
        first = np.repeat(chosen, partners)
        offsets = np.arange(len(first)) - np.repeat(np.cumsum(partners) - partners, partners)
        second = first + 1 + offsets
        keys, inverse = np.unique(self.rank[first] * documents + self.rank[second], return_inverse=True)
        sums = np.bincount(inverse, weights=self.weight[first] * self.weight[second])
        keep = sums >= min_similarity
        return _PairArrays(keys[keep] // documents, keys[keep] % documents, sums[keep])


def _partner_ends(term: np.ndarray, day: np.ndarray, max_days: int) -> np.ndarray:
    """Per posting (sorted by term, then day; undated -1 first): the end of the later postings of its
    term that it can pair with -- all of them for an undated document, those at most ``max_days``
    later for a dated one."""
    if not len(term):
        return np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, term[1:] != term[:-1]])
    term_end = np.repeat(np.r_[starts[1:], len(term)], np.diff(np.r_[starts, len(term)]))
    span = int(day.max()) + max_days + 2  # one term's keys never reach the next term's
    key = term * span + day + 1
    return np.where(day < 0, term_end, np.searchsorted(key, key + max_days, side="right"))


def _day_numbers(days: Sequence[date | None]) -> np.ndarray:
    """Each date as its day number (``date.toordinal``); -1 when unknown."""
    return np.fromiter((d.toordinal() if d else -1 for d in days), dtype=np.int64, count=len(days))


def _date_factor(day_a: np.ndarray, day_b: np.ndarray, settings: StorySettings) -> np.ndarray:
    """What ``_date_scaled`` multiplies a pair's similarity by: halved every ``days_half_life`` days
    apart, 1 when either date is unknown (day number -1). Each distinct gap is raised in Python,
    as the grouping always has: numpy's vectorised power can differ in the last bit."""
    dated = (day_a >= 0) & (day_b >= 0)
    gaps = np.where(dated, np.abs(day_a - day_b), 0)
    longest = int(gaps.max()) if len(gaps) else 0
    if longest < _GAP_TABLE:  # pairs are at most max_days_apart apart: a table of every gap
        table = np.array([0.5 ** (gap / settings.days_half_life) for gap in range(longest + 1)])
        return np.where(dated, table[gaps], 1.0)
    distinct, where = np.unique(gaps, return_inverse=True)
    table = np.array([0.5 ** (gap / settings.days_half_life) for gap in distinct.tolist()])
    return np.where(dated, table[where], 1.0)


_GAP_TABLE = 1 << 16


# Day numbers (``date.toordinal``) run to 3,652,059 (31 Dec 9999): a longer window is the same window.
_LONGEST_WINDOW = 4_000_000


def _window(settings: StorySettings) -> int:
    """``max_days_apart``, no longer than any two dates can be apart (so day keys never overflow)."""
    return min(settings.max_days_apart, _LONGEST_WINDOW)


@dataclass(frozen=True)
class _Spared:
    """Pairs the cap on edges keeps whatever their rank: those inside one ``group`` (per position)
    and the ``pairs`` named (positions)."""

    group: np.ndarray
    pairs: list[tuple[int, int]]

    def ranked(self, rank: np.ndarray, by_date: np.ndarray) -> _RankedSpared:
        keys = sorted(min(rank[a], rank[b]) * len(rank) + max(rank[a], rank[b]) for a, b in self.pairs)
        return _RankedSpared(self.group[by_date], np.array(keys, dtype=np.int64))


@dataclass(frozen=True)
class _RankedSpared:
    group: np.ndarray  # per rank
    keys: np.ndarray  # the named pairs' keys (lower rank * documents + higher), sorted

    def of(self, pairs: _PairArrays) -> np.ndarray:
        spared = self.group[pairs.first] == self.group[pairs.second]
        if len(self.keys):
            spared |= np.isin(pairs.first * len(self.group) + pairs.second, self.keys)
        return spared


@dataclass(frozen=True)
class _PairArrays:
    """Pairs of document ranks (``first`` below ``second``) and their similarity, in key order."""

    first: np.ndarray
    second: np.ndarray
    similarity: np.ndarray

    @classmethod
    def joined(cls, parts: list[_PairArrays]) -> _PairArrays:
        if not parts:
            return cls(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0))
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in ("first", "second", "similarity")))

    def __len__(self) -> int:
        return len(self.first)

    def strongest(self, ranked_day: np.ndarray, settings: StorySettings, spared: _RankedSpared) -> _PairArrays:
        """The spared pairs, and the others among either document's ``max_neighbours`` most similar
        of the others (dates scaled as the grouping scales them; ties by key). A pair cut here is
        cut at the end too: later blocks only add competitors."""
        keep = spared.of(self)
        free = np.flatnonzero(~keep)
        first, second = self.first[free], self.second[free]
        scaled = self.similarity[free] * _date_factor(ranked_day[first], ranked_day[second], settings)
        both = _top_per_document(np.r_[first, second], np.r_[scaled, scaled], settings.max_neighbours)
        keep[free[both % max(len(free), 1)]] = True
        return _PairArrays(self.first[keep], self.second[keep], self.similarity[keep])


def _event_pairs(
    docs: Sequence[StoryDoc], days: list[date | None], event_links: Iterable[tuple[int, int]], settings: StorySettings
) -> list[tuple[int, int]]:
    """The event links (by position, lower first; each once, in order) published at most
    ``event_link_days`` apart: a statement is reported in the days it is made; quoted later, it is
    recalled in another event. Undated, one quote does not make one event."""
    position = {doc.id: p for p, doc in enumerate(docs)}
    found: dict[tuple[int, int], None] = {}
    for a, b in event_links:
        if a not in position or b not in position or a == b:
            continue
        pair = (min(position[a], position[b]), max(position[a], position[b]))
        apart = _days_between(days[pair[0]], days[pair[1]])
        if apart is not None and apart <= settings.event_link_days:
            found.setdefault(pair)
    return list(found)


def _with_event_links(
    pairs: _PairArrays, event_pairs: list[tuple[int, int]], documents: int, settings: StorySettings
) -> _PairArrays:
    """The pairs (positions below ``documents``) with each event pair's similarity raised to
    ``event_link_similarity``; event pairs that share no kept term come after the others."""
    if not event_pairs:
        return pairs
    keys = pairs.first * documents + pairs.second
    wanted = np.array([a * documents + b for a, b in event_pairs], dtype=np.int64)
    at = np.searchsorted(keys, wanted)
    known = at < len(keys)
    known[known] = keys[at[known]] == wanted[known]
    similarity = pairs.similarity.copy()
    similarity[at[known]] = np.maximum(similarity[at[known]], settings.event_link_similarity)
    new = wanted[~known]
    return _PairArrays(
        np.r_[pairs.first, new // documents],
        np.r_[pairs.second, new % documents],
        np.r_[similarity, np.full(len(new), settings.event_link_similarity)],
    )


def _date_scaled(pairs: _PairArrays, day: np.ndarray, settings: StorySettings) -> _PairArrays:
    """The pairs lowered with the days between known dates; those further than ``max_days_apart``
    apart, or left below ``min_similarity``, dropped."""
    first, second = day[pairs.first], day[pairs.second]
    near = (first < 0) | (second < 0) | (np.abs(first - second) <= _window(settings))
    scaled = pairs.similarity * _date_factor(first, second, settings)
    keep = near & (scaled >= settings.min_similarity)
    return _PairArrays(pairs.first[keep], pairs.second[keep], scaled[keep])


def _days_between(day_a: date | None, day_b: date | None) -> int | None:
    """Days between two publication dates; None when either is unknown."""
    return abs((day_a - day_b).days) if day_a is not None and day_b is not None else None


# ---------------------------------------------------------------- clustering


def _components(ids: list[int], links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The starting groups: documents joined by dupes links, the rest alone."""
    members = set(ids)
    return unionfind.components(ids, [(a, b) for a, b in links if a in members and b in members])


def _average_link(components: list[list[int]], pairs: _PairArrays, settings: StorySettings) -> list[list[int]]:
    """Merge the two groups with the highest mean cross-pair similarity (absent pairs
    count 0) while it reaches ``threshold`` and enough of the cross pairs are similar
    at all (``min_linked_share``): a bridging document similar to two small stories
    raises their mean, but it is one document, not most of the pairs."""
    group_of = np.empty(sum(len(m) for m in components), dtype=np.int64)
    for g, group in enumerate(components):
        group_of[group] = g
    members = {g: list(m) for g, m in enumerate(components)}
    cross: dict[int, dict[int, list[float]]] = defaultdict(dict)  # group -> group -> [sum, pairs]
    for ga, gb, total, count in _cross_sums(group_of[pairs.first], group_of[pairs.second], pairs.similarity):
        cross[ga][gb] = cross[gb][ga] = [total, count]
    heap: list = []
    for ga, neighbours in cross.items():
        for gb, link in neighbours.items():
            if ga < gb:
                _push(heap, members, ga, gb, link, settings)
    while heap:
        _, ga, gb, size_a, size_b = heapq.heappop(heap)
        # Sizes only grow, so an entry whose sizes changed is stale.
        if ga not in members or gb not in members or (len(members[ga]), len(members[gb])) != (size_a, size_b):
            continue
        _merge(ga, gb, members, cross)
        for gc, link in cross[ga].items():
            _push(heap, members, ga, gc, link, settings)
    return list(members.values())


def _cross_sums(group_a: np.ndarray, group_b: np.ndarray, similarity: np.ndarray) -> list[tuple[int, int, float, int]]:
    """(group, other group, summed similarity, pairs) of every two groups some pair joins; sums
    added in pair order (``bincount`` adds in input order), as a loop over the pairs would."""
    apart = group_a != group_b
    low, high = np.minimum(group_a, group_b)[apart], np.maximum(group_a, group_b)[apart]
    span = int(high.max()) + 1 if len(high) else 1
    keys, inverse = np.unique(low * span + high, return_inverse=True)
    totals = np.bincount(inverse, weights=similarity[apart], minlength=len(keys))
    counts = np.bincount(inverse, minlength=len(keys))
    return list(zip((keys // span).tolist(), (keys % span).tolist(), totals.tolist(), counts.tolist()))


def _push(
    heap: list, members: dict[int, list[int]], ga: int, gb: int, link: list[float], settings: StorySettings
) -> None:
    pairs = len(members[ga]) * len(members[gb])
    mean = link[0] / pairs
    if mean >= settings.threshold and link[1] >= settings.min_linked_share * pairs:
        heapq.heappush(heap, (-mean, ga, gb, len(members[ga]), len(members[gb])))


def _merge(ga: int, gb: int, members: dict[int, list[int]], cross: dict[int, dict[int, list[float]]]) -> None:
    """Group ``gb`` into ``ga``: members and cross-pair sums move over."""
    members[ga].extend(members.pop(gb))
    for gc, link in cross.pop(gb, {}).items():
        del cross[gc][gb]
        if gc != ga:
            merged = cross[ga].get(gc, [0.0, 0])
            merged = [merged[0] + link[0], merged[1] + link[1]]
            cross[ga][gc] = cross[gc][ga] = merged


def _as_groups(clusters: list[list[int]], pairs: _PairArrays, docs: Sequence[StoryDoc]) -> list[StoryGroup]:
    """The clusters (of positions) as stories of document ids, each with its most central member."""
    group_of = np.empty(len(docs), dtype=np.int64)
    for g, members in enumerate(clusters):
        group_of[members] = g
    inside = group_of[pairs.first] == group_of[pairs.second]
    # Each document's summed similarity to its group, added in pair order as a loop would.
    ends = np.column_stack((pairs.first[inside], pairs.second[inside])).ravel()
    centrality = np.bincount(ends, weights=np.repeat(pairs.similarity[inside], 2), minlength=len(docs)).tolist()
    cohesion = np.bincount(group_of[pairs.first[inside]], weights=pairs.similarity[inside], minlength=len(clusters))
    groups = []
    for g, members in enumerate(clusters):
        title = min(members, key=lambda p: (-centrality[p], published_date(docs[p].published) or date.max, docs[p].id))
        count = len(members) * (len(members) - 1) // 2
        documents = tuple(sorted(docs[p].id for p in members))
        groups.append(StoryGroup(documents, docs[title].id, float(cohesion[g]) / count if count else 0.0))
    groups.sort(key=lambda group: (-len(group.documents), group.documents[0]))
    return groups
