"""Words and sentences of a text, with character offsets into that text.

Everything downstream (signatures, alignment, edits) works on the tokens
made here, so offsets always index the text the caller gave us (the stored
cleaned text) and never a normalised copy.

Each word gets three forms:

* ``surface`` -- the characters as written, for showing edits;
* ``key`` -- folded to ASCII, lower case, lightly stemmed, digits without
  separators and small number words as digits ("Six" -> "6",
  "2,500" -> "2500"), so that trivial respellings compare equal;
* ``skeleton`` -- the key with its vowels dropped after the first letter and
  doubled letters collapsed ("karim" and "kaarim" -> "krm"), so that a
  one-letter change in a name still lets two texts meet in the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from corpuskit import lexicon

try:
    from anyascii import anyascii as _to_ascii
except ImportError:  # pragma: no cover - anyascii is a declared dependency

    def _to_ascii(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c))


__all__ = [
    "Token",
    "Sentence",
    "TextUnits",
    "analyse",
    "tokenize",
    "split_sentences",
    "word_key",
    "skeleton",
    "is_stopword",
    "quoted_ranges",
    "normalized_text",
    "sentence_bounds",
    "sentence_words",
    "word_forms",
]

# A word: letters/digits joined by inner apostrophes, hyphens or dots
# ("don't", "Aberdeen-based", "U.K."); a number with its separators.
_WORD = re.compile(r"\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|m|bn|km|kg|pc)?\b|\w+(?:['\u2019.\-]\w+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|\n+")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = lexicon.ABBREVIATIONS
_NUMBER_WORDS = {**lexicon.NUMBER_WORDS, **lexicon.SCALE_WORDS}
# English function words and reporting verbs: they carry no evidence that
# one text was taken from another, so they never anchor a match alone.
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yet said says say told tell
    mr mrs ms dr would could may might must shall us one 1 new also last first year yesterday today
    week month time""".split()
)


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

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        sentence = self.sentences[index]
        return self.tokens[sentence.first_token : sentence.end_token]


def analyse(text: str) -> TextUnits:
    """Tokens and sentences of ``text`` in one pass.

    Sentences are cut first and each is tokenised on its own, so a token
    knows whether it opens its sentence when it is made; every text a
    corpus holds passes through here, so tokens are built as plain tuples.
    """
    tokens: list[Token] = []
    sentences = []
    for start, end in _sentence_bounds(text):
        first = len(tokens)
        for match in _WORD.finditer(text, start, end):
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


def tokenize(text: str) -> tuple[Token, ...]:
    return tuple(_make_token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text))


def _make_token(start: int, end: int, surface: str) -> Token:
    return Token(start, end, surface, *_word_forms(surface))


@lru_cache(maxsize=200_000)
def _word_forms(surface: str) -> tuple[str, str, bool, bool, bool]:
    """(key, skeleton, number, capitalised, stop) of a word as written; words repeat, so cached."""
    key = word_key(surface)
    number = key[:1].isdigit()
    return key, key if number else skeleton(key), number, surface[:1].isupper(), is_stopword(key)


def word_forms(surface: str) -> tuple[str, str, bool, bool, bool]:
    """(key, skeleton, number, capitalised, stop) of a word as written."""
    return _word_forms(surface)


@lru_cache(maxsize=200_000)
def word_key(surface: str) -> str:
    """The comparable form of a word; see the module docstring."""
    word = _to_ascii(surface).lower().replace("'", "").replace("-", "")
    if word[:1].isdigit():
        return re.sub(r"(?<=\d)[,](?=\d{3})", "", word)
    word = word.replace(".", "")
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return _stem(word)


def _stem(word: str) -> str:
    """Strip the commonest English inflections, so "forced"/"forces"/"force" meet."""
    if len(word) <= 4:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """First letter plus the consonants, doubled letters collapsed: robust to one vowel change."""
    if not key:
        return key
    rest = re.sub(r"[aeiouyhw]", "", key[1:])
    return re.sub(r"(.)\1+", r"\1", key[0] + rest)


def is_stopword(key: str) -> bool:
    return key in _STOPWORDS or len(key) < 2


def split_sentences(text: str, tokens: tuple[Token, ...]) -> tuple[Sentence, ...]:
    """Sentences of ``text`` (paragraph breaks always end one), with their token ranges."""
    bounds = _sentence_bounds(text)
    sentences = []
    token_index = 0
    for start, end in bounds:
        first = token_index
        while token_index < len(tokens) and tokens[token_index].start < end:
            token_index += 1
        if token_index > first:
            sentences.append(Sentence(start, end, first, token_index))
    return tuple(sentences)


def sentence_words(text: str) -> list[list[str]]:
    """The words of each sentence as written: what signing needs, without building tokens."""
    return [_WORD.findall(text, start, end) for start, end in _sentence_bounds(text)]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences (paragraph breaks always end one)."""
    return _sentence_bounds(text)


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text, start, match.start()):
            continue
        bounds.append(_trimmed(text, start, match.end()))
        start = match.end()
    bounds.append(_trimmed(text, start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _ends_with_abbreviation(text: str, start: int, stop: int) -> bool:
    """A full stop after "Mr", "No" or an initial ("J. Smith") does not end a sentence."""
    words = text[start:stop].split()
    word = words[-1].lower().lstrip("(\"'\u201c") if words else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalized_text(text: str) -> str:
    """Whitespace does not make two texts different."""
    return re.sub(r"\s+", " ", text).strip()


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly, straight or wire ``...'')."""
    ranges = []
    for match in re.finditer(r"\u201c[^\u201d\n]*\u201d?|``[^\n]*?''|\"[^\"\n]*\"?|\u00ab[^\u00bb\n]*\u00bb?", text):
        ranges.append((match.start(), match.end()))
    return ranges
