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
from functools import lru_cache

from anyascii import anyascii

from corpuskit import lexicon

__all__ = ["Layout", "content_keys", "word_key", "word_alternation", "lowered"]

Span = tuple[int, int]

# A sentence ends at . ! ? or … (with closing quotes/brackets) before a
# capital, a digit or an opening quote; a line break always ends one.
# (Two patterns, each starting with a character class, because the regex
# engine scans fast for a leading class and slowly for an alternation.)
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_PARAGRAPH_END = re.compile(r"\n+")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# Words that say nothing about which event a sentence is about: function
# words, reporting verbs and the vocabulary of time phrases themselves.
_NON_CONTENT = (
    frozenset(
        """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yet said says say told tell mr mrs ms dr may might must shall us one new also last
    first year years yesterday today tomorrow week weeks month months day days ago early late mid middle
    start beginning end next previous this recently according there s""".split()
    )
    | frozenset(lexicon.MONTHS)
    | frozenset(lexicon.WEEKDAYS)
)


class Layout:
    """Sentence and paragraph bounds of one text, and where its trigger words are.

    ``triggers`` are (offset, lower-case word) of every match of
    ``trigger_pattern`` in the lower-cased text: the extractors try their
    full patterns only there, which is what keeps them fast.
    """

    def __init__(self, text: str, trigger_pattern: re.Pattern[str] | None = None):
        self.text = text
        self.lower = lowered(text)
        self.paragraphs = _bounds(text, _PARAGRAPH_END, check_abbreviation=False)
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
            bounds = _sentence_bounds(self.text, [paragraph])
            self._sentences[paragraph] = (bounds, [s for s, _ in bounds])
        return self._sentences[paragraph]

    def sentences_over(self, start: int, end: int) -> Span:
        """From the start of the sentence holding ``start`` to the end of the one holding ``end - 1``."""
        first = self.sentence_of(start)
        last = self.sentence_of(max(start, end - 1))
        return first[0], max(first[1], last[1])

    def paragraph_of(self, offset: int) -> Span:
        return _containing(self.paragraphs, self._paragraph_starts, offset, len(self.text))


def lowered(text: str) -> str:
    """``text`` in lower case, with the same length (so offsets carry over)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


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


def _sentence_bounds(text: str, lines: list[Span]) -> list[Span]:
    """Sentences inside each line: a line break always ends a sentence."""
    bounds = []
    for line_start, line_end in lines:
        start = line_start
        if _SENTENCE_END.search(text, line_start, line_end) is None:
            bounds.append((line_start, line_end))
            continue
        for match in _SENTENCE_END.finditer(text, line_start, line_end):
            if match.group().startswith(".") and _ends_with_abbreviation(text, start, match.start()):
                continue
            bounds.append(_trimmed(text, start, match.end()))
            start = match.end()
        bounds.append(_trimmed(text, start, line_end))
    return [(s, e) for s, e in bounds if e > s]


def _containing(bounds: list[Span], starts: list[int], offset: int, length: int) -> Span:
    index = bisect_right(starts, offset) - 1
    if index < 0:
        return (0, bounds[0][1]) if bounds else (0, length)
    return bounds[index]


def _bounds(text: str, pattern: re.Pattern[str], check_abbreviation: bool) -> list[Span]:
    bounds = []
    start = 0
    for match in pattern.finditer(text):
        if check_abbreviation and match.group().startswith(".") and _ends_with_abbreviation(text, start, match.start()):
            continue
        bounds.append(_trimmed(text, start, match.end()))
        start = match.end()
    bounds.append(_trimmed(text, start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _ends_with_abbreviation(text: str, start: int, stop: int) -> bool:
    """A full stop after "Mr", "No" or an initial ("J. Smith") does not end a sentence."""
    space = text.rfind(" ", start, stop)
    word = text[space + 1 : stop].lower().lstrip("(\"'\u201c\u2018")
    return word in lexicon.ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """ASCII, lower case, the commonest inflections stripped ("forced", "forces" -> "forc")."""
    word = anyascii(word).lower().replace("'", "")
    if len(word) <= 4:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


# A word without its possessive ending, in lower-cased text.
_CONTENT_WORD = re.compile(r"([^\W\d_]{2,}(?:['\u2019-][^\W\d_]+)*?)(?:['\u2019]s)?\b")


def content_keys(lower: str, start: int, end: int, skip: Span | None = None) -> tuple[str, ...]:
    """Sorted distinct keys of the content words in ``lower[start:end]`` (lower-cased text),
    leaving out ``skip``."""
    if skip:
        words = _CONTENT_WORD.findall(lower, start, max(start, skip[0])) + _CONTENT_WORD.findall(
            lower, min(end, skip[1]), end
        )
    else:
        words = _CONTENT_WORD.findall(lower, start, end)
    return tuple(sorted({word_key(w) for w in set(words) - _NON_CONTENT}))
