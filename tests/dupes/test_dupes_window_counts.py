"""The matrix form of the alignment's sentence search gives what the word-set definition says.

``align`` counts, for every sentence of one text, the content words it shares
with every window of up to ``window_sentences`` consecutive sentences of the
other, as one matrix product; and it finds one-letter name variants with
rapidfuzz's ``cdist``.  These properties check both against the plain
definitions, written here with Python sets, on random texts.
"""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from corpuskit.dupes import DEFAULT_SETTINGS
from corpuskit.dupes.align import _sources, _window_counts, align, profile, unify_spellings
from corpuskit.dupes.text import analyse

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


def profiles_and_counts(a_sentences, b_sentences):
    """Both texts' profiles and the window counts of a's sentences over b (no respelling)."""
    a, b = profile(analyse(as_text(a_sentences))), profile(analyse(as_text(b_sentences)))
    words = sorted(a.columns.keys() & b.columns.keys())
    a_shared = a.incidence[:, [a.columns[w] for w in words]]
    b_shared = b.incidence[:, [b.columns[w] for w in words]]
    counts, windows = _window_counts(a_shared, b_shared, DEFAULT_SETTINGS.window_sentences)
    return a, b, counts, windows


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_window_counts_are_the_shared_words_of_each_window(a_sentences, b_sentences):
    a, b, counts, windows = profiles_and_counts(a_sentences, b_sentences)
    for i, sentence_words in enumerate(a.content):
        for column, (first, end) in enumerate(windows.tolist()):
            window = frozenset().union(*b.content[first:end])
            assert counts[i, column] == len(sentence_words & window)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_each_sentence_finds_the_window_the_definition_picks(a_sentences, b_sentences):
    a, b, counts, windows = profiles_and_counts(a_sentences, b_sentences)
    found = _sources(a, counts, windows, a.incidence.sum(axis=1).astype(int), DEFAULT_SETTINGS)
    s = DEFAULT_SETTINGS
    for i, sentence_words in enumerate(a.content):
        window, held = best_window(sentence_words, list(b.content), s.window_sentences)
        needed = max(s.min_matched_words, min(s.extend_containment, s.sentence_containment) * len(sentence_words))
        if (
            len(sentence_words) >= s.min_matched_words
            and held >= needed
            and held / len(sentence_words) >= (s.sentence_containment)
        ):
            assert found.get(i) == window  # a seed: always found, in the definition's window
        elif i in found:
            assert held >= needed  # only a weaker neighbour of a seed is added


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
