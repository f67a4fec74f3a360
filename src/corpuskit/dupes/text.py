"""Tokens and sentences of a text as dupes reads them, with character offsets into that text.

Sentences, word spans and keys come from the text layer (``corpuskit.text``);
this module packs them into the tuples every later dupes step (signatures,
alignment, edits) works on, so offsets always index the stored cleaned text
and never a normalised copy.

Each word gets three forms:

* ``surface`` -- the characters as written, for showing edits;
* ``key`` -- ``word_key`` with numbers folded ("Six" -> "6", "2,500" ->
  "2500"), so that trivial respellings compare equal;
* ``skeleton`` -- the key with its vowels dropped after the first letter and
  doubled letters collapsed ("karim" and "kaarim" -> "krm"), so that a
  one-letter change in a name still lets two texts meet in the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from corpuskit.text.quotes import quoted_ranges
from corpuskit.text.sentences import sentence_spans
from corpuskit.text.words import WORD, is_stopword, normalized_text, skeleton, word_key

__all__ = [
    "Token",
    "Sentence",
    "TextUnits",
    "analyse",
    "word_key",
    "skeleton",
    "is_stopword",
    "quoted_ranges",
    "normalized_text",
    "sentence_words",
    "word_forms",
]


class Token(NamedTuple):
    """One word of a text: where it is, how it is written, how it compares.

    A named tuple: texts have many words, and tuples are cheap to make.
    """

    start: int
    end: int
    surface: str
    key: str
    skeleton: str
    number: bool
    capitalised: bool
    stop: bool
    initial: bool = False  # first word of its sentence (so its capital says nothing)


class Sentence(NamedTuple):
    """A sentence as a character range and the range of its tokens."""

    start: int
    end: int
    first_token: int
    end_token: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class TextUnits:
    """A text cut into tokens and sentences; the unit every later stage reads."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[tuple[int, int], ...] = ()  # character ranges inside quotation marks


def analyse(text: str) -> TextUnits:
    """Tokens and sentences of ``text`` in one pass.

    Sentences are cut first and each is tokenised on its own, so a token
    knows whether it opens its sentence when it is made; every text a
    corpus holds passes through here, so tokens are built as plain tuples.
    """
    tokens: list[Token] = []
    sentences = []
    for start, end in sentence_spans(text):
        first = len(tokens)
        for match in WORD.finditer(text, start, end):
            surface = match.group()
            forms = _FORMS.get(surface) or _cache_forms(surface)
            tokens.append(_new_tuple(Token, (match.start(), match.end(), surface, *forms, len(tokens) == first)))
        if len(tokens) > first:
            sentences.append(Sentence(start, end, first, len(tokens)))
    return TextUnits(text, tuple(tokens), tuple(sentences), tuple(quoted_ranges(text)))


_new_tuple = tuple.__new__
_FORMS: dict[str, tuple[str, str, bool, bool, bool]] = {}


def _cache_forms(surface: str) -> tuple[str, str, bool, bool, bool]:
    if len(_FORMS) >= 200_000:
        _FORMS.clear()
    forms = _FORMS[surface] = _word_forms(surface)
    return forms


@lru_cache(maxsize=200_000)
def _word_forms(surface: str) -> tuple[str, str, bool, bool, bool]:
    """(key, skeleton, number, capitalised, stop) of a word as written; words repeat, so cached."""
    key = word_key(surface)
    number = key[:1].isdigit()
    return key, key if number else skeleton(key), number, surface[:1].isupper(), is_stopword(key)


def word_forms(surface: str) -> tuple[str, str, bool, bool, bool]:
    """(key, skeleton, number, capitalised, stop) of a word as written."""
    return _word_forms(surface)


def sentence_words(text: str) -> list[list[str]]:
    """The words of each sentence as written: what signing needs, without building tokens."""
    return [WORD.findall(text, start, end) for start, end in sentence_spans(text)]
