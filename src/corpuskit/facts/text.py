"""Sentences, paragraphs and content words of a text, with offsets into it.

The fact extractors need four things from a text: where their trigger
words are (so that full patterns are tried only there), the sentence a
match sits in (``sentence_span``), the paragraph (quotes pair up within
one), and the content words of a sentence (what a time phrase dates).
One ``Layout`` per text answers them, by binary search over offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from corpuskit.text import lexicon
from corpuskit.text.sentences import paragraph_spans, sentence_spans
from corpuskit.text.words import content_keys as _content_keys
from corpuskit.text.words import lowered

__all__ = ["Layout", "content_keys", "word_alternation", "lowered", "NON_CONTENT"]

Span = tuple[int, int]

# Words that say nothing about which event a sentence is about: stop words
# and the vocabulary of time phrases themselves.
NON_CONTENT = lexicon.STOP_WORDS | lexicon.TIME_WORDS | {"according", "s"}


class Layout:
    """Sentence and paragraph bounds of one text, and where its trigger words are.

    ``triggers`` are (offset, lower-case word) of every match of
    ``trigger_pattern`` in the lower-cased text: the extractors try their
    full patterns only there, which is what keeps them fast.
    """

    def __init__(self, text: str, trigger_pattern: re.Pattern[str] | None = None):
        self.text = text
        self.lower = lowered(text)
        self.paragraphs = paragraph_spans(text)
        self.triggers: list[tuple[int, str]] = (
            [(m.start(), m.group()) for m in trigger_pattern.finditer(self.lower)] if trigger_pattern else []
        )
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        # Sentences are cut per paragraph when first asked for: most paragraphs hold no fact.
        self._sentences: dict[Span, tuple[list[Span], list[int]]] = {}

    @property
    def sentences(self) -> list[Span]:
        return [s for p in self.paragraphs for s in self._sentences_in(p)[0]]

    def sentence_of(self, offset: int) -> Span:
        paragraph = self.paragraph_of(offset)
        bounds, starts = self._sentences_in(paragraph)
        return _containing(bounds, starts, offset, paragraph[1])

    def _sentences_in(self, paragraph: Span) -> tuple[list[Span], list[int]]:
        if paragraph not in self._sentences:
            bounds = sentence_spans(self.text, *paragraph)
            self._sentences[paragraph] = (bounds, [s for s, _ in bounds])
        return self._sentences[paragraph]

    def sentences_over(self, start: int, end: int) -> Span:
        """From the start of the sentence holding ``start`` to the end of the one holding ``end - 1``."""
        first = self.sentence_of(start)
        last = self.sentence_of(max(start, end - 1))
        return first[0], max(first[1], last[1])

    def paragraph_of(self, offset: int) -> Span:
        return _containing(self.paragraphs, self._paragraph_starts, offset, len(self.text))


def word_alternation(words: set[str] | frozenset[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie ("a(?:go|ired)"): far fewer tries per position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def _containing(bounds: list[Span], starts: list[int], offset: int, length: int) -> Span:
    index = bisect_right(starts, offset) - 1
    if index < 0:
        return (0, bounds[0][1]) if bounds else (0, length)
    return bounds[index]


def content_keys(lower: str, start: int, end: int, skip: Span | None = None) -> tuple[str, ...]:
    """Sorted distinct keys of the content words in ``lower[start:end]`` (lower-cased text),
    leaving out ``skip``: what a time phrase dates."""
    return _content_keys(lower, start, end, skip, NON_CONTENT)
