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

The search is matrix work: each text's sentences over its content words
(``Profile.incidence``), so a pair's shared words of every sentence with
every window of the other are one product, a block of sentences at a time
(dense for articles, sparse for long texts: ``DENSE_CELLS``).

Aligned sentences that follow each other in both texts are joined into
passages; a passage's similarity is the word-sequence similarity (Indel,
i.e. longest common subsequence) of its two sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeAlias

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein
from scipy import sparse

from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings, Span
from corpuskit.dupes.text import TextUnits, normalized_text
from corpuskit.unionfind import components

__all__ = ["AlignedPassage", "Alignment", "Profile", "align", "profile", "unify_spellings"]

# An article's matrices are small and dense numpy arrays are fastest for them: scipy's
# sparse arrays cost tens of microseconds a call.  A long text (a transcript, a
# book) has tens of thousands of sentences and words, where dense matrices would
# take gigabytes and their products minutes, so above this many cells a matrix
# is sparse, and a pair with one sparse matrix is computed sparse.
DENSE_CELLS = 1 << 18
BLOCK_CELLS = 1 << 22  # sentences x windows counted at once

Matrix: TypeAlias = np.ndarray | sparse.csr_array


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
    a_incidence, b_incidence = _same_kind(a.incidence, b.incidence)
    a_shared = _shared_incidence(a, a_incidence, b, b_incidence, to_b)  # a's sentences, b's sentences
    b_shared = _shared_incidence(b, b_incidence, a, a_incidence, to_a)
    found_a = _sources(*_best_windows(*a_shared, settings), _respelled_sizes(a, to_b), settings)  # i -> b window
    found_b = _sources(*_best_windows(*b_shared, settings), _respelled_sizes(b, to_a), settings)
    # In a's spelling, as the passages compare them: both of b's spellings of one name are that name.
    links = _links(found_a, found_b, b_shared, settings)
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
    incidence: Matrix  # sentences x content words, 1 where the sentence has the word (float32)
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
    columns, incidence = incidence_of(content)
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


def incidence_of(content: tuple[frozenset[str], ...]) -> tuple[dict[str, int], Matrix]:
    """Each content word's column, and the sentences x words matrix with 1 where a sentence has a word."""
    columns: dict[str, int] = {}
    rows, cols = [], []
    for index, words in enumerate(content):
        for word in words:
            rows.append(index)
            cols.append(columns.setdefault(word, len(columns)))
    return columns, _ones_at(rows, cols, (len(content), len(columns)))


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


def _ones_at(rows, cols, shape: tuple[int, int], dense: bool | None = None) -> Matrix:
    """A float32 matrix of ``shape`` with 1 at each (row, col): dense if small (or as told)."""
    if dense is None:
        dense = shape[0] * shape[1] <= DENSE_CELLS
    if dense:
        matrix = np.zeros(shape, dtype=np.float32)
        matrix[rows, cols] = 1.0
        return matrix
    return sparse.csr_array((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=shape)


def _same_kind(a: Matrix, b: Matrix) -> tuple[Matrix, Matrix]:
    """Both dense, or both sparse when either is."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a, b
    return sparse.csr_array(a), sparse.csr_array(b)


def _binary(matrix: Matrix) -> Matrix:
    """1 where ``matrix`` is not 0: a word is in a sentence or a window once, however often joined."""
    if isinstance(matrix, np.ndarray):
        return np.minimum(matrix, 1.0, out=matrix)
    matrix.data = np.minimum(matrix.data, 1.0)
    return matrix


def _row_max(matrix: Matrix) -> np.ndarray:
    """Each row's largest value, flat (scipy before 1.14 gives sparse rows a column of them)."""
    largest = matrix.max(axis=1)
    return np.asarray(largest if isinstance(largest, np.ndarray) else largest.toarray()).ravel()


def _row_argmax(matrix: Matrix) -> np.ndarray:
    """Each row's first column holding its largest value (scipy's sparse rows as numpy's), flat."""
    return np.asarray(matrix.argmax(axis=1)).ravel()


def _shared_incidence(
    text: Profile, incidence: Matrix, other: Profile, other_incidence: Matrix, respell: dict[str, str]
) -> tuple[Matrix, Matrix]:
    """Both texts' sentences over the content words they share, ``text``'s words in ``other``'s
    spelling (``respell``), in the same column order: the only words that can align a sentence.
    Two spellings of one name in ``text`` are one word in ``other``: their columns are joined."""
    text_columns: list[int] = []
    shared_columns: list[int] = []
    shared: dict[int, int] = {}  # other's column -> its column here
    for word, column in text.columns.items():
        found = other.columns.get(respell.get(word, word))
        if found is not None:
            text_columns.append(column)
            shared_columns.append(shared.setdefault(found, len(shared)))
    dense = isinstance(incidence, np.ndarray)
    joined = _ones_at(text_columns, shared_columns, (len(text.columns), len(shared)), dense)
    return _binary(incidence @ joined), other_incidence[:, np.fromiter(shared, dtype=np.int64, count=len(shared))]


def _respelled_sizes(text: Profile, respell: dict[str, str]) -> np.ndarray:
    """Each sentence's number of content words in the other text's spelling: two spellings of
    one name there count once."""
    if len(set(respell.values())) < len(respell):  # rare: two names respelled as one
        return np.array([len(_respelled(words, respell)) for words in text.content], dtype=np.int64)
    return np.array([len(words) for words in text.content], dtype=np.int64)


def _windows(other: Matrix, settings: DupesSettings) -> tuple[Matrix, np.ndarray]:
    """The words of each window of ``other`` and its [first, end).  Windows are every
    1..``window_sentences`` consecutive sentences, ordered by width and then by first sentence,
    so the first of a sentence's best windows is its smallest, earliest one."""
    sentences = other.shape[0]
    widths = range(1, min(settings.window_sentences, sentences) + 1)
    bounds = np.array([(first, first + w) for w in widths for first in range(sentences - w + 1)], dtype=np.int64)
    bounds = bounds.reshape(-1, 2)
    members = [(row, member) for row, (first, end) in enumerate(bounds.tolist()) for member in range(first, end)]
    rows, cols = zip(*members) if members else ((), ())
    windows = _ones_at(list(rows), list(cols), (len(bounds), sentences), isinstance(other, np.ndarray))
    return _binary(windows @ other), bounds


def _best_windows(text: Matrix, other: Matrix, settings: DupesSettings) -> tuple[np.ndarray, np.ndarray]:
    """For each sentence of ``text``, the window of ``other`` holding most of its words (the
    first such, see ``_windows``) as [first, end), and how many of its words that window holds.

    The sentences x windows counts are one matrix product, made a block of
    sentences at a time so that a long text's counts never exist whole.
    """
    unions, bounds = _windows(other, settings)
    best = np.zeros((text.shape[0], 2), dtype=np.int64)
    held = np.zeros(text.shape[0], dtype=np.int64)
    if not len(bounds):
        return best, held
    step = max(1, BLOCK_CELLS // len(bounds))
    for first in range(0, text.shape[0], step):
        counts = text[first : first + step] @ unions.T
        best[first : first + step] = bounds[_row_argmax(counts)]
        held[first : first + step] = _row_max(counts)
    return best, held


def _sources(
    best: np.ndarray, held: np.ndarray, sizes: np.ndarray, settings: DupesSettings
) -> dict[int, tuple[int, int]]:
    """For each sentence of ``text`` taken from the other text, the window [first, end) it was taken from.

    Seed and extend: a sentence with most of its words in one window
    (``sentence_containment``) is taken; a neighbour with fewer
    (``extend_containment``) is taken too when its window lies next to the
    taken sentence's window -- a rewrite keeps the order of its source,
    which a sentence that merely shares topic words does not.  Each sentence
    is scored by its best window (``best``, holding ``held`` of its ``sizes`` words).
    """
    weak = min(settings.extend_containment, settings.sentence_containment)
    needed = np.maximum(settings.min_matched_words, weak * sizes)
    scored = {  # sentence -> (window, share of its words in the window)
        index: ((int(best[index, 0]), int(best[index, 1])), int(held[index]) / int(sizes[index]))
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


def _links(found_a, found_b, b_shared: tuple[Matrix, Matrix], settings: DupesSettings) -> set[tuple[int, int]]:
    """Sentence pairs (i in a, j in b) inside an aligned window that share enough words themselves
    (counted in ``b_shared``, b's sentences and a's over the words they share, in a's spelling).

    A found sentence's window may hold a neighbour that only shares a word
    or two with it; that neighbour is not part of the passage.
    """
    inside = [(i, j, end - first) for i, (first, end) in found_a.items() for j in range(first, end)]
    inside += [(i, j, end - first) for j, (first, end) in found_b.items() for i in range(first, end)]
    if not inside:
        return set()
    a_sentences, b_sentences, widths = (np.array(column, dtype=np.int64) for column in zip(*inside))
    b_words, a_words = b_shared
    shared = np.asarray((b_words[b_sentences] * a_words[a_sentences]).sum(axis=1)).ravel()
    enough = (widths == 1) | (shared >= settings.min_matched_words)
    return set(zip(a_sentences[enough].tolist(), b_sentences[enough].tolist()))


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
