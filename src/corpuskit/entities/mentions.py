"""Mention clean-up: keep names, trim what the NER model glued to them.

The model's spans carry debris: a leading "the", a possessive "'s", quotes
and brackets, a courtesy or office title, a dateline ("TALLINN - Kari Lund"),
a second name of a list ("Melnyk, Kovalenko"); and some of its "entities"
are not names at all (numbers, dates, pieces of URLs and image sizes,
lower-case phrases, pronouns, bare titles such as "Deputy Governor").
``clean`` returns the mention narrowed to the name, or None to drop it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpuskit.entities.model import Mention
from corpuskit.entities.vocabulary import DETERMINERS, FUNCTION_WORDS, HONORIFICS, OFFICE_TITLES, PERSON_NOUNS

# Numeric and temporal labels are facts, not entities that have spellings.
NON_NAME_LABELS = {"CARDINAL", "QUANTITY", "DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}

_EDGE_PUNCTUATION = "\"'“”‘’«»„‟‹›()[]{}<>,;:!?*•·|–—-_/\\ \t\r\n"
_POSSESSIVE = re.compile(r"(?:['’`]s|s['’`]|['’`])$")
# Web debris: pieces of URLs, e-mail addresses, query strings, file names.
_URL_PIECE = re.compile(r"://|\bwww\.|[/@=?_]|\bhttps?\b|\.(?:html?|php|aspx?|jpe?g|png|gif|webp|svg|pdf)\b", re.I)
# Image sizes and srcset widths ("320w", "1024px", "2x"): digits then a short
# lower-case unit.  "3M" or "F-16" keep their capitals and survive.
_DIGIT_DEBRIS = re.compile(r"^\d+[a-z]{1,3}$")


def clean(mention: Mention) -> Mention | None:
    """The mention narrowed to the name it holds, or None when it holds none."""
    if mention.label in NON_NAME_LABELS:
        return None
    start, end = _one_part(mention.text, mention.start)
    text = mention.text[start - mention.start : end - mention.start]
    start, end = _trim(text, start, end, mention)
    text = mention.text[start - mention.start : end - mention.start]
    if not _is_name(text):
        return None
    if (start, end) == (mention.start, mention.end):
        return mention
    return replace(mention, start=start, end=end, text=text)


# Where a span joined two things: a line break (headline and body) or a
# spaced dash (a dateline "TALLINN - Kari Lund"); then a comma (a list
# "Melnyk, Kovalenko", or "TALLINN, Estonia").
_LINE_OR_DASH = re.compile(r"\s*\n\s*|\s+[-\u2013\u2014]\s+")
_COMMA = re.compile(r",\s+")


def _one_part(text: str, start: int) -> tuple[int, int]:
    """The part of the span that holds the name: across lines and dashes the
    first part with a capital letter, preferring one not all in capitals (a
    dateline); within it, what comes before a comma (the first of a list,
    the most specific of "city, country")."""
    s, e = _pick(_parts(text, 0, len(text), _LINE_OR_DASH), text, avoid_capitals=True)
    s, e = _pick(_parts(text, s, e, _COMMA), text, avoid_capitals=False)
    return start + s, start + e


def _parts(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    parts, position = [], start
    for brk in pattern.finditer(text, start, end):
        parts.append((position, brk.start()))
        position = brk.end()
    parts.append((position, end))
    return parts


def _pick(parts: list[tuple[int, int]], text: str, avoid_capitals: bool) -> tuple[int, int]:
    named = [(s, e) for s, e in parts if any(c.isupper() for c in text[s:e])]
    if avoid_capitals and len(parts) > 1:
        named = [(s, e) for s, e in named if not text[s:e].isupper()] or named
    return named[0] if named else parts[0]


def _trim(text: str, start: int, end: int, mention: Mention) -> tuple[int, int]:
    """Trim edge punctuation, possessives, a leading article and titles, repeatedly."""
    while True:
        before = (start, end)
        stripped = text.strip(_EDGE_PUNCTUATION)
        if stripped:
            offset = text.index(stripped)
            start, end = start + offset, start + offset + len(stripped)
            text = stripped
        possessive = _POSSESSIVE.search(text)
        if possessive and possessive.start() > 0:
            keep = possessive.start() + (1 if possessive.group().startswith("s") else 0)
            end = start + keep
            text = text[:keep]
        words = text.split()
        drop = 0
        if len(words) > 1 and _is_leading_word_removable(words[0], mention, start, words[1]):
            drop = 1
        elif mention.label == "PERSON":
            drop = _after_titles(words)
        if drop:
            cut = _word_offset(text, drop)
            start, text = start + cut, text[cut:]
        if (start, end) == before:
            return start, end


def _is_leading_word_removable(word: str, mention: Mention, start: int, following: str) -> bool:
    folded = word.casefold().rstrip(".")
    if folded in DETERMINERS:
        # "the Harbor Lights Group" → "Harbor Lights Group"; but a capital "The" inside a
        # sentence belongs to the name ("in The Hague"), except at its start.
        return word[0].islower() or _at_sentence_start(mention, start)
    if folded in HONORIFICS:
        return not following.isupper()  # "Miss EU" would be a title, not Ms EU
    return False


def _after_titles(words: list[str]) -> int:
    """How many leading words of a PERSON mention are titles or roles
    ("Coastal Affairs Minister Oksana Melnyk" → 3)."""
    cut = 0
    for i, word in enumerate(words[:-1]):
        if word.casefold().rstrip(".") in OFFICE_TITLES | PERSON_NOUNS:
            cut = i + 1
    return cut


def _word_offset(text: str, n: int) -> int:
    """Character offset of word ``n`` (0-based) of ``text``."""
    return [m.start() for m in re.finditer(r"\S+", text)][n]


def _at_sentence_start(mention: Mention, start: int) -> bool:
    if not mention.sentence:
        return True
    before = mention.sentence[: max(0, start - mention.sentence_start)]
    return not before.strip(_EDGE_PUNCTUATION)


def _is_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isalnum() for c in text) < 2:
        return False  # empty, numbers, single characters ("3M" stays)
    if not any(c.isupper() for c in letters):
        return False  # "sea levels", "the firm": not a proper name
    if _URL_PIECE.search(text):
        return False
    words = text.split()
    if all(_DIGIT_DEBRIS.match(w) or not any(c.isalpha() for c in w) for w in words):
        return False
    if any(_DIGIT_DEBRIS.match(w) for w in words) and len(words) == 1:
        return False
    if len(words) == 1 and not text.isupper() and text.casefold() in FUNCTION_WORDS:
        return False  # "He", "It" at the start of a sentence
    if all(w.casefold().strip(".") in OFFICE_TITLES | PERSON_NOUNS for w in words):
        return False  # "Deputy Governor", "Inspector": a role, held by many people
    return True
