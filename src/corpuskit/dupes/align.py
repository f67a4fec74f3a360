"""Passage alignment: which sentences of one text were taken from the other.

A copied sentence is rarely copied whole and alone: rewriters merge two
source sentences into one, split one into two, reorder clauses, swap words
for synonyms and respell names.  So a sentence of one text is compared not
with single sentences of the other but with *windows* of up to
``window_sentences`` consecutive sentences, and it counts as taken from the
other text when most of its content words (``sentence_containment``, at
least ``min_matched_words`` of them) occur in one such window.  A heavily
reworded neighbour of such a sentence counts too when a smaller share of its
words (``extend_containment``) lies in the next window along: rewriters keep
the order of their source, while a sentence that merely shares the topic's
words lands anywhere.  This runs in both directions, which finds partial
copies and reordered paragraphs: each sentence looks for its source
wherever it is.

Content words are compared by their key (folded, stemmed, numbers as
digits), after unifying spellings that differ by one letter between the two
texts (Karim/Kareem, Marina/Marine), so a respelled name still counts; only
names of at least ``variant_min_length`` letters, as shorter words differ by
one letter from too many other words ("form"/"from").

Sentences a profile is told to ignore (an outlet's boilerplate, see
``boilerplate``) have no content words: they never align, and they count
in neither the aligned share nor the text it is a share of.

Aligned sentences that follow each other in both texts are joined into
passages; a passage's similarity is the word-sequence similarity (Indel,
i.e. longest common subsequence) of its two sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings, Span
from corpuskit.dupes.text import TextUnits, normalized_text
from corpuskit.unionfind import components

__all__ = ["AlignedPassage", "Alignment", "Profile", "align", "profile", "unify_spellings"]


@dataclass(frozen=True)
class AlignedPassage:
    """Consecutive aligned sentences: sentence ranges [first, end) and character spans."""

    a_sentences: tuple[int, int]
    b_sentences: tuple[int, int]
    a: Span
    b: Span
    similarity: float
    pieces: tuple[tuple[Span, Span], ...] = ()  # sentence-level matches inside, for edits
    # What the passage is evidence of (``classify.passage_kind`` reads these):
    narrative_similarity: float = 1.0  # word-sequence similarity of the words outside quotation marks
    narrative_words: int = 0  # words outside quotation marks, on the side with fewer
    quoted: float = 0.0  # share of the words inside quotation marks, on the side with more


@dataclass(frozen=True)
class Alignment:
    """Passages plus, per text, the share of its characters taken from the other."""

    passages: tuple[AlignedPassage, ...]
    share_a: float
    share_b: float
    aligned_a: frozenset[int]  # sentence indices of ``a`` found in ``b``
    aligned_b: frozenset[int]
    respelled: dict[str, str] = field(default_factory=dict)  # b's spelling -> a's (Kareem -> Karim)
    lengths_a: tuple[int, ...] = ()  # each sentence's length, to measure the share of chosen passages
    lengths_b: tuple[int, ...] = ()


def align(a: TextUnits | Profile, b: TextUnits | Profile, settings: DupesSettings = DEFAULT_SETTINGS) -> Alignment:
    """Align two texts; pass ``Profile`` objects to reuse per-text work across many pairs."""
    a, b = as_profile(a, settings), as_profile(b, settings)
    to_a = unify_spellings(a, b, settings)  # b's variant -> a's spelling
    to_b = {variant: original for original, variant in to_a.items()}  # one of b's spellings per name
    a_counts, a_windows = _window_counts(*_shared_incidence(a, b, to_b), settings.window_sentences)
    b_counts, b_windows = _window_counts(*_shared_incidence(b, a, to_a), settings.window_sentences)
    found_a = _sources(a, a_counts, a_windows, _respelled_sizes(a, to_b), settings)  # a-sentence -> window of b
    found_b = _sources(b, b_counts, b_windows, _respelled_sizes(b, to_a), settings)
    # In a's spelling, as the passages compare them: both of b's spellings of one name are that name.
    links = _links(found_a, found_b, b_counts[:, : len(a.content)].T, settings)
    passages = tuple(_passage(a, b, to_a, group) for group in _group_links(links))
    return Alignment(
        passages=tuple(sorted(passages, key=lambda p: (p.a, p.b))),
        share_a=_share(a.units, found_a, a.ignored),
        share_b=_share(b.units, found_b, b.ignored),
        aligned_a=frozenset(found_a),
        aligned_b=frozenset(found_b),
        respelled=to_a,
        lengths_a=a.lengths,
        lengths_b=b.lengths,
    )


# ---------------------------------------------------------------------------
# Per-text work, done once per text and reused for every pair it is in
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """A text's sentences as content-word sets, their windows and an index word -> sentences."""

    units: TextUnits
    content: tuple[frozenset[str], ...]
    columns: dict[str, int]  # content word -> its column of ``incidence``
    incidence: np.ndarray  # sentences x content words, 1 where the sentence has the word (float32)
    vocabulary: frozenset[str]
    window_sentences: int
    variant_min_length: int  # the setting ``names`` and ``variants`` were made with
    text_key: str  # the text with whitespace normalised: equal keys are exact copies
    names: frozenset[str]  # keys of words written with a capital: where respellings matter
    quoted: tuple[bool, ...] = ()  # per token: quoted, or the attribution of a sentence mostly quoted
    lengths: tuple[int, ...] = ()  # per sentence: its length in characters (0 if ignored)
    ignored: frozenset[int] = frozenset()  # sentences left out (empty content, in no share)


def profile(
    units: TextUnits, settings: DupesSettings = DEFAULT_SETTINGS, ignore: frozenset[int] = frozenset()
) -> Profile:
    content = tuple(
        frozenset()
        if index in ignore
        else frozenset(units.tokens[i].key for i in range(s.first_token, s.end_token) if not units.tokens[i].stop)
        for index, s in enumerate(units.sentences)
    )
    columns: dict[str, int] = {}
    for words in content:
        for word in words:
            columns.setdefault(word, len(columns))
    incidence = np.zeros((len(content), len(columns)), dtype=np.float32)
    for index, words in enumerate(content):
        incidence[index, [columns[word] for word in words]] = 1.0
    return Profile(
        units=units,
        content=content,
        columns=columns,
        incidence=incidence,
        vocabulary=frozenset(token.key for token in units.tokens),
        window_sentences=settings.window_sentences,
        variant_min_length=settings.variant_min_length,
        text_key=normalized_text(units.text),
        names=_names(units, settings.variant_min_length),
        quoted=_quoted_tokens(units),
        lengths=tuple(0 if index in ignore else s.length for index, s in enumerate(units.sentences)),
        ignored=frozenset(ignore),
    )


def _quoted_tokens(units: TextUnits) -> tuple[bool, ...]:
    """Per token, whether it is quoted speech: inside quotation marks, or in a sentence
    mostly inside them (its attribution, "X said", belongs to the quotation)."""
    inside, k, quotes = [], 0, units.quotes
    for token in units.tokens:
        while k < len(quotes) and quotes[k][1] <= token.start:
            k += 1
        inside.append(k < len(quotes) and quotes[k][0] <= token.start)
    flags = list(inside)
    for sentence in units.sentences:
        tokens = range(sentence.first_token, sentence.end_token)
        if 2 * sum(inside[t] for t in tokens) >= len(tokens):
            for t in tokens:
                flags[t] = True
    return tuple(flags)


def as_profile(text: TextUnits | Profile, settings: DupesSettings) -> Profile:
    if (
        isinstance(text, Profile)
        and text.window_sentences == settings.window_sentences
        and text.variant_min_length == settings.variant_min_length
    ):
        return text
    if isinstance(text, Profile):
        return profile(text.units, settings, text.ignored)
    return profile(text, settings)


# ---------------------------------------------------------------------------
# Comparable words
# ---------------------------------------------------------------------------


def unify_spellings(
    a: Profile | Iterable[str], b: Profile | Iterable[str], settings: DupesSettings = DEFAULT_SETTINGS
) -> dict[str, str]:
    """Map names only ``b`` has to a name only ``a`` has that differs by one letter (Karem -> Karim).

    Only between words missing from the other text: if both texts use both
    spellings, they are two words, not a variant.  Only names are matched:
    they are what outlets respell, and common words one letter apart are
    usually different words ("form"/"from").  The names of one text are
    measured against the other's all at once (rapidfuzz's ``cdist``, in
    compiled code).  Only names of at least ``variant_min_length`` letters
    (a ``Profile`` brings the names it was made with).
    """
    a_words, a_names = _vocabulary_names(a, settings.variant_min_length)
    b_words, b_names = _vocabulary_names(b, settings.variant_min_length)
    only_b = sorted(b_names - a_words)
    # Sorted: the first match is the smallest, so a verdict does not change with the hash seed.
    only_a = sorted(a_names - b_words)
    if not only_b or not only_a:
        return {}
    distances = process.cdist(only_b, only_a, scorer=Levenshtein.distance, score_cutoff=1, dtype=np.int32)
    close = distances <= 1  # never 0: a word of one text only is not a word of the other
    return {only_b[row]: only_a[int(close[row].argmax())] for row in np.flatnonzero(close.any(axis=1)).tolist()}


def _vocabulary_names(text, min_length: int) -> tuple[frozenset[str], frozenset[str]]:
    if isinstance(text, Profile):
        return text.vocabulary, text.names
    words = frozenset(text)
    return words, frozenset(w for w in words if _variant_candidate(w, min_length))


def _names(units: TextUnits, min_length: int) -> frozenset[str]:
    return frozenset(
        t.key for t in units.tokens if t.capitalised and not t.stop and _variant_candidate(t.key, min_length)
    )


def _variant_candidate(key: str, min_length: int) -> bool:
    return len(key) >= min_length and key.isalpha()


def _respelled(words: frozenset[str], mapping: dict[str, str]) -> frozenset[str]:
    """A sentence's words in the other text's spelling (usually no change at all)."""
    if not mapping or mapping.keys().isdisjoint(words):
        return words
    return frozenset(mapping.get(word, word) for word in words)


# ---------------------------------------------------------------------------
# Sentence -> window of source sentences
# ---------------------------------------------------------------------------


def _shared_incidence(text: Profile, other: Profile, respell: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Both texts' sentences over the content words they share, ``text``'s words in ``other``'s
    spelling (``respell``), in the same column order: the only words that can align a sentence.
    Two spellings of one name in ``text`` are one word in ``other``: their columns are joined."""
    columns: dict[int, list[int]] = {}  # other's column -> text's columns spelling that word
    for word, column in text.columns.items():
        found = other.columns.get(respell.get(word, word))
        if found is not None:
            columns.setdefault(found, []).append(column)
    if not columns:
        return text.incidence[:, :0], other.incidence[:, :0]
    shared = [text.incidence[:, spellings].max(axis=1) for spellings in columns.values()]
    return np.stack(shared, axis=1), other.incidence[:, list(columns)]


def _respelled_sizes(text: Profile, respell: dict[str, str]) -> np.ndarray:
    """Each sentence's number of content words in the other text's spelling: two spellings of
    one name there count once."""
    sizes = text.incidence.sum(axis=1).astype(np.int64)
    if len(set(respell.values())) < len(respell):  # rare: two names respelled as one
        sizes = np.array([len(_respelled(words, respell)) for words in text.content], dtype=np.int64)
    return sizes


def _window_counts(text: np.ndarray, other: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shared words of each sentence of ``text`` with each window of ``other``, and each window's
    [first, end).  Windows are every 1..``size`` consecutive sentences, ordered by width and then
    by first sentence, so the first column of a row's largest count is its smallest, earliest
    window; the first ``len(other)`` columns are single sentences."""
    unions, bounds = [], []
    union = other
    for width in range(1, min(size, len(other)) + 1):
        if width > 1:
            union = np.maximum(union[:-1], other[width - 1 :])
        first = np.arange(len(union))
        unions.append(union)
        bounds.append(np.stack([first, first + width], axis=1))
    if not unions or not len(text):
        return np.zeros((len(text), 0), dtype=np.float32), np.zeros((0, 2), dtype=np.int64)
    return text @ np.concatenate(unions).T, np.concatenate(bounds)


def _sources(
    text: Profile, counts: np.ndarray, windows: np.ndarray, sizes: np.ndarray, settings: DupesSettings
) -> dict[int, tuple[int, int]]:
    """For each sentence of ``text`` taken from the other text, the window [first, end) it was taken from.

    Seed and extend: a sentence with most of its words in one window
    (``sentence_containment``) is taken; a neighbour with fewer
    (``extend_containment``) is taken too when its window lies next to the
    taken sentence's window -- a rewrite keeps the order of its source,
    which a sentence that merely shares topic words does not.  Each sentence
    is scored by its best window: the most of its words, then the smallest.
    """
    if not counts.shape[1]:
        return {}
    weak = min(settings.extend_containment, settings.sentence_containment)
    best = counts.argmax(axis=1)
    held = counts[np.arange(len(counts)), best].astype(np.int64)
    needed = np.maximum(settings.min_matched_words, weak * sizes)
    scored = {  # sentence -> (window, share of its words in the window)
        index: ((int(windows[best[index], 0]), int(windows[best[index], 1])), int(held[index]) / int(sizes[index]))
        for index in np.flatnonzero((sizes >= settings.min_matched_words) & (held >= needed)).tolist()
    }
    found = {i: window for i, (window, share) in scored.items() if share >= settings.sentence_containment}
    return _extend(found, scored)


def _extend(found: dict[int, tuple[int, int]], scored: dict) -> dict[int, tuple[int, int]]:
    """Add weaker neighbours whose windows continue a found sentence's window."""
    queue = list(found)
    while queue:
        index = queue.pop()
        first, end = found[index]
        for neighbour in (index - 1, index + 1):
            if neighbour in found or neighbour not in scored:
                continue
            (n_first, n_end), _ = scored[neighbour]
            if n_first <= end and n_end >= first:  # touching or overlapping windows
                found[neighbour] = (n_first, n_end)
                queue.append(neighbour)
    return found


# ---------------------------------------------------------------------------
# Sentence links -> passages
# ---------------------------------------------------------------------------


def _links(found_a, found_b, shared: np.ndarray, settings: DupesSettings) -> set[tuple[int, int]]:
    """Sentence pairs (i in a, j in b) inside an aligned window that share enough words themselves
    (``shared``: words of each sentence of a in each sentence of b).

    A found sentence's window may hold a neighbour that only shares a word
    or two with it; that neighbour is not part of the passage.
    """
    links: set[tuple[int, int]] = set()
    enough = settings.min_matched_words
    for i, (first, end) in found_a.items():
        links.update((i, j) for j in range(first, end) if end - first == 1 or shared[i, j] >= enough)
    for j, (first, end) in found_b.items():
        links.update((i, j) for i in range(first, end) if end - first == 1 or shared[i, j] >= enough)
    return links


def _group_links(links: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Links that are neighbours in both texts (one sentence apart at most) form one passage."""
    neighbouring = (
        ((i, j), (i + di, j + dj))
        for i, j in links
        for di in (0, 1)
        for dj in (-1, 0, 1)
        if (di or dj) and (i + di, j + dj) in links
    )
    return components(links, neighbouring)


def _passage(a: Profile, b: Profile, to_a: dict[str, str], group) -> AlignedPassage:
    a_first, a_end = min(i for i, _ in group), max(i for i, _ in group) + 1
    b_first, b_end = min(j for _, j in group), max(j for _, j in group) + 1
    a_tokens = _token_range(a.units, a_first, a_end)
    b_tokens = _token_range(b.units, b_first, b_end)
    a_keys = [a.units.tokens[t].key for t in a_tokens]
    b_keys = [to_a.get(key, key) for key in (b.units.tokens[t].key for t in b_tokens)]
    a_told = [a.units.tokens[t].key for t in a_tokens if not a.quoted[t]]
    b_told = [to_a.get(key, key) for key in (b.units.tokens[t].key for t in b_tokens if not b.quoted[t])]
    return AlignedPassage(
        a_sentences=(a_first, a_end),
        b_sentences=(b_first, b_end),
        a=_sentence_span(a.units, a_first, a_end),
        b=_sentence_span(b.units, b_first, b_end),
        similarity=Indel.normalized_similarity(a_keys, b_keys),
        pieces=_pieces(a.units, b.units, group),
        narrative_similarity=Indel.normalized_similarity(a_told, b_told) if a_told and b_told else 0.0,
        narrative_words=min(len(a_told), len(b_told)),
        quoted=max(1 - len(a_told) / max(len(a_keys), 1), 1 - len(b_told) / max(len(b_keys), 1)),
    )


def _token_range(units: TextUnits, first: int, end: int) -> range:
    return range(units.sentences[first].first_token, units.sentences[end - 1].end_token)


def _pieces(a: TextUnits, b: TextUnits, group) -> tuple[tuple[Span, Span], ...]:
    """Sentence-level matches: links that share a sentence form one piece (a merge or a split)."""
    by_sentence = defaultdict(list)
    for i, j in group:
        by_sentence["a", i].append((i, j))
        by_sentence["b", j].append((i, j))
    sharing = ((links[0], other) for links in by_sentence.values() for other in links[1:])
    pieces = []
    for component in components(group, sharing):
        a_range = (min(i for i, _ in component), max(i for i, _ in component) + 1)
        b_range = (min(j for _, j in component), max(j for _, j in component) + 1)
        pieces.append((_sentence_span(a, *a_range), _sentence_span(b, *b_range)))
    return tuple(sorted(pieces))


def _sentence_span(units: TextUnits, first: int, end: int) -> Span:
    return units.sentences[first].start, units.sentences[end - 1].end


def _share(units: TextUnits, found: dict[int, tuple[int, int]], ignored: frozenset[int] = frozenset()) -> float:
    total = sum(sentence.length for index, sentence in enumerate(units.sentences) if index not in ignored)
    if not total:
        return 0.0
    return sum(units.sentences[index].length for index in found) / total
