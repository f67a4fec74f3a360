"""The facts found in one text, as plain frozen data.

Every fact knows where it is: ``span`` (start, end) indexes the text given
to ``extract_facts`` and ``text == source[start:end]``; ``sentence_span`` is
the sentence (or, for a quote running over several, the sentences) around it.
Everything is ints, floats, strings and tuples, so facts pickle, compare and
serialise unchanged; ``to_json`` gives a JSON-able dict with lists for tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Span", "NumberFact", "TimeFact", "QuoteFact", "AttributionFact", "Facts"]

Span = tuple[int, int]


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def _tupled(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


class _Fact:
    """``to_json`` shared by the fact classes: every field, tuples as lists."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class NumberFact(_Fact):
    """A quantity: "around 300 patients", "2.4 million voters", "85 km".

    ``value`` is the best single value; ``low``/``high`` bound it (equal to
    ``value`` for a plain number, ``None`` on an open side: "at least 50,000"
    has ``high=None``).  ``counted`` is the lower-case singular noun phrase
    of what is counted ("registered voter"), or the unit for a measure
    ("km", "month", "%", "$"); ``head`` is its last word ("worker").
    ``kind``: "count", "money", "percent", "measure", "duration" or "age".
    ``qualifier`` is the hedge before the number ("around", "at least",
    "tens of"), and ``approximate`` says whether there is one.
    """

    span: Span
    text: str
    sentence_span: Span
    value: float
    low: float | None
    high: float | None
    counted: str | None
    head: str | None
    unit: str | None
    kind: str
    approximate: bool
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class TimeFact(_Fact):
    """A time expression: "late March", "the end of last month", "12 March 2023".

    ``interval`` is (first day, last day) as ISO dates, inclusive, or None
    when it cannot be resolved; ``relative`` says the phrase depends on the
    publication date ("last year", and also "late March", whose year is
    not written); ``reason`` says why an unresolved phrase is unresolved.
    ``granularity``: "day", "week", "part_of_month", "month", "year".
    ``event`` is the sorted bag of content-word keys of the sentence it
    dates (the phrase's own words left out), so two documents' phrases can
    be matched by what they date.
    """

    span: Span
    text: str
    sentence_span: Span
    phrase: str
    interval: tuple[str, str] | None
    relative: bool
    resolved: bool
    reason: str | None
    granularity: str
    event: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteFact(_Fact):
    """Quoted words, possibly in parts split by a speech tag.

    ``span`` runs from the first quoted word to the last (the quotation
    marks left out); ``parts`` are the spans of the quoted pieces and
    ``quote`` their words joined by one space (without the "he said" between
    them).  ``speaker``/``speaker_span`` are the named speaker when the text
    gives one; a pronoun speaker ("she said") sets ``pronoun``, and ``speaker``
    is then the named person it was resolved to (``facts.speakers``), or None
    when none agrees.  ``verb`` is the speech verb of the tag, if any.
    """

    span: Span
    text: str
    sentence_span: Span
    quote: str
    parts: tuple[Span, ...]
    speaker: str | None
    speaker_span: Span | None
    pronoun: str | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class AttributionFact(_Fact):
    """Sourcing or a credit line: "Reuters reported", "according to the Daily Post".

    ``span`` covers the whole pattern; ``source``/``source_span`` the named
    source in it ("Reuters", "the Daily Post", "Reuters" in "told Reuters").
    ``verb`` is the words that make it an attribution ("reported",
    "according to", "told", "citing", "source:", "dateline") and ``pattern``
    the shape: "subject_verb", "according_to", "told", "by", "citing",
    "dateline" or "credit_line".
    """

    span: Span
    text: str
    sentence_span: Span
    source: str
    source_span: Span
    verb: str
    pattern: str


@dataclass(frozen=True, slots=True)
class Facts:
    """All the facts of one text, each kind in text order."""

    numbers: tuple[NumberFact, ...] = ()
    times: tuple[TimeFact, ...] = ()
    quotes: tuple[QuoteFact, ...] = ()
    attributions: tuple[AttributionFact, ...] = ()

    def to_rows(self) -> dict[str, list[list[Any]]]:
        """Compact form for caching: each fact as the list of its field values, in field order."""
        return {
            key: [[_jsonable(getattr(f, name.name)) for name in fields(f)] for f in getattr(self, key)]
            for key in _KINDS
        }

    @classmethod
    def from_rows(cls, data: dict[str, list[list[Any]]]) -> Facts:
        """The inverse of ``to_rows``."""
        return cls(**{key: tuple(kind(*map(_tupled, row)) for row in data[key]) for key, kind in _KINDS.items()})

    def to_json(self) -> dict[str, Any]:
        return {
            "numbers": [f.to_json() for f in self.numbers],
            "times": [f.to_json() for f in self.times],
            "quotes": [f.to_json() for f in self.quotes],
            "attributions": [f.to_json() for f in self.attributions],
        }


_KINDS = {"numbers": NumberFact, "times": TimeFact, "quotes": QuoteFact, "attributions": AttributionFact}
