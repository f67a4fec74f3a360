"""Paragraphs and sentences as character spans of the text they were found in.

The one sentence splitter of the package.  Offsets always index the text
the caller gave (the stored cleaned text), never a normalised copy, so a
span found here can be quoted, highlighted and compared across stages.

A line break always ends a sentence: cleaned texts keep one paragraph per
line, and a sentence never runs across paragraphs.  Inside a line a
sentence ends at ``.``, ``!``, ``?`` or ``...`` (with any closing quotes or
brackets) before a capital, a digit or an opening quote -- except a full
stop after an abbreviation ("Mr", "No") or an initial ("J. Smith").
"""

from __future__ import annotations

import re

from corpuskit.text.lexicon import ABBREVIATIONS

__all__ = [
    "Span",
    "paragraph_spans",
    "sentence_spans",
    "first_sentence",
    "ends_sentence",
    "trimmed",
]

Span = tuple[int, int]

# One pattern per boundary kind, each starting with a character class: the
# regex engine scans fast for a leading class and slowly for an alternation.
# Up to two opening marks: a quotation may open with a doubled apostrophe ('').
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]{0,2}[A-Z0-9])")
_PARAGRAPH_END = re.compile(r"\n+")
# A line that ends like a finished sentence or clause (what line re-joining asks).
_LINE_FINISHED = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_OPENING_MARKS = "([\"'\u201c\u2018"


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The lines of ``text[start:end]`` (paragraphs, in a cleaned text), trimmed, never empty."""
    stop = len(text) if end is None else end
    spans = []
    for match in _PARAGRAPH_END.finditer(text, start, stop):
        spans.append(trimmed(text, start, match.start()))
        start = match.end()
    spans.append(trimmed(text, start, stop))
    return [(s, e) for s, e in spans if e > s]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of ``text[start:end]``, in order, trimmed, never empty."""
    return [span for line in paragraph_spans(text, start, end) for span in _sentences_in_line(text, *line)]


def _sentences_in_line(text: str, line_start: int, line_end: int) -> list[Span]:
    spans = []
    start = line_start
    for match in _SENTENCE_END.finditer(text, line_start, line_end):
        if match.group().startswith(".") and _ends_with_abbreviation(text, start, match.start()):
            continue
        spans.append(trimmed(text, start, match.end()))
        start = match.end()
    spans.append(trimmed(text, start, line_end))
    return [(s, e) for s, e in spans if e > s]


def _ends_with_abbreviation(text: str, start: int, stop: int) -> bool:
    """A full stop after "Mr", "No" or an initial ("J. Smith") does not end a sentence."""
    words = text[max(start, stop - 40) : stop].split()
    word = words[-1].lower().lstrip(_OPENING_MARKS) if words else ""
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def first_sentence(text: str) -> str:
    """The first sentence of ``text``'s first line ('' for a blank text)."""
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else ""


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends like a finished sentence or clause (``:`` and ``;`` included)."""
    return _LINE_FINISHED.search(line) is not None


def trimmed(text: str, start: int, end: int) -> Span:
    """``(start, end)`` narrowed to leave out whitespace at either side."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
