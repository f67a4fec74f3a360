"""The matrix form of the alignment's sentence search gives what the word-set definition says.

``align`` counts, for every sentence of one text, the content words it shares
with every window of up to ``window_sentences`` consecutive sentences of the
other, as a matrix product (dense numpy arrays for articles, scipy sparse
arrays for long texts); and it finds one-letter name variants with
rapidfuzz's ``cdist``.  These properties check both kinds of matrix, and the
variants, against the plain definitions, written here with Python sets, on
random texts.
"""

from __future__ import annotations

import string

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein
from scipy import sparse

from corpuskit.dupes import DEFAULT_SETTINGS
from corpuskit.dupes import align as align_module
from corpuskit.dupes.align import _best_windows, _sources, _windows, align, profile, unify_spellings
from corpuskit.dupes.text import analyse

KINDS = (np.asarray, sparse.csr_array)  # the dense form and the sparse form of one matrix

# A small vocabulary, so random sentences share words often enough to align.
WORDS = ["court", "judge", "prison", "sentence", "years", "police", "officer", "jury", "trial", "fraud", "bank"]
NAMES = ["Karim", "Karem", "Marina", "Marine", "Petrov", "Petrow", "Sandor", "Sander"]

sentence = st.lists(st.sampled_from(WORDS + NAMES), min_size=1, max_size=9)
texts = st.lists(sentence, min_size=0, max_size=7)


def as_text(sentences: list[list[str]]) -> str:
    return " ".join(" ".join(words).capitalize() + "." for words in sentences)


def best_window(words: frozenset[str], other: list[frozenset[str]], size: int):
    """The definition: the window holding the most of ``words``, then the smallest, then the earliest."""
    best, best_rank = None, None
    for first in range(len(other)):
        for end in range(first + 1, min(first + size, len(other)) + 1):
            window = frozenset().union(*other[first:end])
            rank = (len(words & window), first - end, -first)
            if best_rank is None or rank > best_rank:
                best, best_rank = (first, end), rank
    return best, (best_rank[0] if best_rank else 0)


def profiles_and_shared(a_sentences, b_sentences, kind):
    """Both texts' profiles and their sentences over the words they share (no respelling)."""
    a, b = profile(analyse(as_text(a_sentences))), profile(analyse(as_text(b_sentences)))
    words = sorted(a.columns.keys() & b.columns.keys())
    a_shared = kind(a.incidence)[:, [a.columns[w] for w in words]]
    b_shared = kind(b.incidence)[:, [b.columns[w] for w in words]]
    return a, b, a_shared, b_shared


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_window_counts_are_the_shared_words_of_each_window(a_sentences, b_sentences):
    for kind in KINDS:
        a, b, a_shared, b_shared = profiles_and_shared(a_sentences, b_sentences, kind)
        unions, windows = _windows(b_shared, DEFAULT_SETTINGS)
        counts = np.asarray(sparse.csr_array(a_shared @ unions.T).toarray()) if len(windows) else None
        for i, sentence_words in enumerate(a.content):
            for column, (first, end) in enumerate(windows.tolist()):
                window = frozenset().union(*b.content[first:end])
                assert counts[i, column] == len(sentence_words & window)


@settings(max_examples=100, deadline=None)
@given(texts, texts)
def test_each_sentence_finds_the_window_the_definition_picks(a_sentences, b_sentences):
    s = DEFAULT_SETTINGS
    for kind in KINDS:
        a, b, a_shared, b_shared = profiles_and_shared(a_sentences, b_sentences, kind)
        best, held = _best_windows(a_shared, b_shared, s)
        found = _sources(best, held, np.array([len(w) for w in a.content], dtype=np.int64), s)
        for i, sentence_words in enumerate(a.content):
            window, most = best_window(sentence_words, list(b.content), s.window_sentences)
            if b.content:
                assert (tuple(best[i]), held[i]) == (window, most) or most == 0
            needed = max(s.min_matched_words, min(s.extend_containment, s.sentence_containment) * len(sentence_words))
            if (
                len(sentence_words) >= s.min_matched_words
                and most >= needed
                and most / len(sentence_words) >= (s.sentence_containment)
            ):
                assert found.get(i) == window  # a seed: always found, in the definition's window
            elif i in found:
                assert most >= needed  # only a weaker neighbour of a seed is added


@pytest.mark.parametrize(("dense_cells", "block_cells"), [(0, 1 << 22), (0, 7), (1 << 18, 7)])
def test_sparse_matrices_and_blocks_of_sentences_give_the_same_alignment(monkeypatch, dense_cells, block_cells):
    """A long text's matrices are sparse and its counts made a block of sentences at a time: the
    alignment is the one dense matrices counted at once give."""
    a_text = " ".join(f"Judge {w} sentenced the bank fraud {w} officer today." for w in NAMES * 3)
    b_text = " ".join(f"The {w} officer was sentenced by the judge for bank fraud." for w in NAMES * 3)
    dense = align(profile(analyse(a_text)), profile(analyse(b_text)))
    monkeypatch.setattr(align_module, "DENSE_CELLS", dense_cells)
    monkeypatch.setattr(align_module, "BLOCK_CELLS", block_cells)  # 7: a block of one sentence
    a, b = profile(analyse(a_text)), profile(analyse(b_text))
    assert isinstance(a.incidence, np.ndarray) == (dense_cells > 0)
    assert dense.passages and align(a, b) == dense


def one_letter_variants(a: list[str], b: list[str]) -> dict[str, str]:
    """The definition: each long name only ``b`` has -> the first (sorted) name only ``a`` has one edit away."""
    long_a = {w for w in a if len(w) >= DEFAULT_SETTINGS.variant_min_length and w.isalpha()}
    long_b = {w for w in b if len(w) >= DEFAULT_SETTINGS.variant_min_length and w.isalpha()}
    mapping = {}
    for key in sorted(long_b - set(a)):
        matches = sorted(w for w in long_a - set(b) if Levenshtein.distance(key, w) == 1)
        if matches:
            mapping[key] = matches[0]
    return mapping


word = st.text(alphabet=string.ascii_lowercase[:6], min_size=3, max_size=7)


@settings(max_examples=300, deadline=None)
@given(st.lists(word, max_size=12), st.lists(word, max_size=12))
def test_name_variants_are_the_names_one_edit_apart(a, b):
    assert unify_spellings(a, b) == one_letter_variants(a, b)


def test_a_respelled_name_still_aligns_its_sentence():
    """What the columns of respelled names are for: Karem in one text is Karim in the other."""
    a = analyse("Karim Petrov was jailed for fraud at the crown court. The bank lost money.")
    b = analyse("Karem Petrov was jailed for fraud at the crown court. Police made no comment.")
    alignment = align(a, b)
    assert alignment.respelled == {"karem": "karim"}
    assert 0 in alignment.aligned_a and 0 in alignment.aligned_b
    assert 1 not in alignment.aligned_a and 1 not in alignment.aligned_b


def test_two_spellings_of_one_name_in_the_other_text_both_align():
    """Marine and Marino in b are each one letter from a's Marina: both read as Marina, so the
    sentence with either spelling finds its source (the word sets say so)."""
    a = analyse("Marina Petrov wept. The bank lost money.")
    b = analyse("Marine Petrov wept. Marino Petrov smiled. Police made no comment.")
    alignment = align(a, b)
    assert alignment.respelled == {"marin": "marina", "marino": "marina"}  # keys: "Marine" is "marin"
    assert alignment.aligned_b == {0}  # all three of its words are a's, read in a's spelling
    assert [(p.a_sentences, p.b_sentences) for p in alignment.passages] == [((0, 1), (0, 1))]
