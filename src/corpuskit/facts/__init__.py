"""Facts with provenance: numbers, time expressions, quotes and attributions, with character spans.

``extract_facts(text, published=None)`` -> ``Facts`` reads one document's
stored text; every span indexes that text.  Pure Python and regular
expressions (no model), deterministic, and a pure function of its inputs,
so it can be mapped over batches of documents anywhere.

Module map: ``text`` (sentences, paragraphs, trigger words, content
words) -> ``times`` (first, so that numbers inside dates are not read as
quantities) -> ``numbers`` -> ``quotes`` -> ``attributions``; ``model``
holds the data classes.

Speed: one scan finds the trigger words (digits, number and time words,
reporting verbs); each extractor tries its full pattern only at those
offsets, and sentences are cut only in paragraphs that hold a fact.
"""

from __future__ import annotations

import re

from corpuskit.facts import attributions, numbers, times
from corpuskit.facts.attributions import extract_attributions
from corpuskit.facts.model import AttributionFact, Facts, NumberFact, QuoteFact, Span, TimeFact
from corpuskit.facts.numbers import extract_numbers, singular
from corpuskit.facts.quotes import extract_quotes
from corpuskit.facts.text import Layout, word_alternation
from corpuskit.facts.times import extract_times, parse_published

__all__ = [
    "extract_facts",
    "Facts",
    "NumberFact",
    "TimeFact",
    "QuoteFact",
    "AttributionFact",
    "Span",
    "parse_published",
    "singular",
]


# Every word where some extractor may find something, digits and currency
# signs: one scan of the lower-cased text finds them all, and the
# extractors try their full patterns only there.
TRIGGERS = re.compile(
    r"\b(?:\d+|"
    + word_alternation(numbers.TRIGGER_WORDS | times.TRIGGER_WORDS | attributions.TRIGGER_WORDS)
    + r")\b|[$\u00a3\u20ac\u00a5\u20bd]"
)


def extract_facts(text: str, published: str | None = None) -> Facts:
    """All the facts of one text.  ``published`` is an ISO date (or date-time); relative
    time phrases are resolved against it, and left unresolved (with the reason) without it."""
    if not isinstance(text, str):
        raise TypeError(f"extract_facts needs the document text as a string, not {type(text).__name__}")
    layout = Layout(text, TRIGGERS)
    times = extract_times(text, layout, parse_published(published))
    numbers = extract_numbers(text, layout, [t.span for t in times])
    return Facts(
        numbers=tuple(numbers),
        times=tuple(times),
        quotes=tuple(extract_quotes(text, layout)),
        attributions=tuple(extract_attributions(text, layout)),
    )
