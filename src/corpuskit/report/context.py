"""What the analyses of one story share: its documents, their texts, outlets and sentences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from corpuskit.dupes.model import PairResult
from corpuskit.facts.text import Layout
from corpuskit.report.model import Evidence
from corpuskit.report.settings import DEFAULT_REPORT_SETTINGS, ReportSettings
from corpuskit.text.words import content_words


class Located(Protocol):
    """A fact read from a text: where it stands and the sentence it was read in."""

    @property
    def span(self) -> tuple[int, int]: ...

    @property
    def sentence_span(self) -> tuple[int, int] | None: ...


@dataclass(frozen=True)
class DocView:
    """A document as the report sees it."""

    id: int
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    # Whether what it leaves out tells anything: False for a document whose facts are not read
    # (another language) or whose text may not be the article (flagged): its silence on a
    # claim is no evidence that only one source makes it.
    compared: bool = True
    # Its text may not be the article (a notice, a caption, a page read whole): no source alone.
    flagged: bool = False

    @cached_property
    def layout(self) -> Layout:
        """Sentence bounds, found paragraph by paragraph only where asked (the facts' own splitter)."""
        return Layout(self.text)


@dataclass
class StoryContext:
    """One story's documents, the dupes pairs between them, and the thresholds its findings use."""

    docs: dict[int, DocView]
    pairs: list[PairResult] = field(default_factory=list)
    settings: ReportSettings = DEFAULT_REPORT_SETTINGS
    _content_words: dict = field(default_factory=dict, repr=False)
    # Results two analyses of the story share (each under its own key), computed once.
    memo: dict = field(default_factory=dict, repr=False)

    @cached_property
    def documents(self) -> frozenset[int]:
        return frozenset(self.docs)

    def label(self, document: int) -> str:
        """How a reader knows a document: its outlet with its id, or the id alone."""
        outlet = self.docs[document].outlet
        return f"{outlet} (document {document})" if outlet else f"document {document}"

    def labels(self, documents: Iterable[int]) -> str:
        """The documents' labels in id order, for a summary that names where something stands."""
        return ", ".join(self.label(d) for d in sorted(set(documents)))

    def same_outlet(self, a: int, b: int) -> bool:
        """Whether two documents come from one outlet (its takes, updates and editions)."""
        outlet_a, outlet_b = self.docs[a].outlet, self.docs[b].outlet
        return bool(outlet_a and outlet_b and outlet_a.casefold() == outlet_b.casefold())

    def outlets_of(self, documents: list[int]) -> list[str]:
        return sorted({o for d in documents if (o := self.docs[d].outlet)})

    def pair_of(self, a: int, b: int) -> PairResult | None:
        return self._pairs_by_documents.get((min(a, b), max(a, b)))

    @cached_property
    def _pairs_by_documents(self) -> dict[tuple[int, int], PairResult]:
        return {(p.a, p.b): p for p in self.pairs}

    def aligned(self, a: int, span_a: tuple[int, int], b: int, span_b: tuple[int, int]) -> bool:
        """Whether two spans sit in passages dupes aligned to each other (so they say the same thing)."""
        pair = self.pair_of(a, b)
        if pair is None:
            return False
        if pair.a != a:
            span_a, span_b = span_b, span_a
        return any(_inside(span_a, p.a) and _inside(span_b, p.b) for p in pair.passages)

    def aligned_here(self, document: int, span: tuple[int, int], other: int) -> bool:
        """Whether a span of ``document`` sits in a passage dupes aligned with ``other``."""
        pair = self.pair_of(document, other)
        if pair is None:
            return False
        return any(_inside(span, p.a if pair.a == document else p.b) for p in pair.passages)

    def sentence_of(self, document: int, span: tuple[int, int]) -> tuple[int, int]:
        return self.docs[document].layout.sentences_over(span[0], max(span[1], span[0] + 1))

    def content_words_at(self, document: int, span: tuple[int, int]) -> frozenset[str]:
        """``content_words`` of a stretch of a document, computed once per stretch."""
        key = (document, span)
        if key not in self._content_words:
            self._content_words[key] = content_words(self.docs[document].text[span[0] : span[1]])
        return self._content_words[key]


def evidence_of(story: StoryContext, members: Iterable[tuple[int, Located]]) -> tuple[Evidence, ...]:
    """Evidence for each (document, fact) of a finding, quoting the sentence the fact was read in."""
    return tuple(evidence_at(story, document, fact.span, fact.sentence_span) for document, fact in members)


def same_context(a: frozenset[str], b: frozenset[str], min_shared: int, min_overlap: float) -> bool:
    """Two sentences about the same thing: enough shared content words, relative to the shorter."""
    shared = len(a & b)
    return shared >= min_shared and shared >= min_overlap * min(len(a), len(b))


def _inside(span: tuple[int, int], passage: tuple[int, int]) -> bool:
    return passage[0] <= span[0] and span[1] <= passage[1]


def evidence_at(
    story: StoryContext, document: int, span: tuple[int, int], sentence: tuple[int, int] | None = None
) -> Evidence:
    """Evidence for a span, quoting its sentence (cut around the span when very long)."""
    text = story.docs[document].text
    start, end = sentence or story.sentence_of(document, span)
    limit = story.settings.context_limit
    if end - start > limit:
        start = max(start, span[0] - limit // 2)
        end = min(end, max(span[1], start + limit))
    return Evidence(document, span, text[span[0] : span[1]], " ".join(text[start:end].split()))
