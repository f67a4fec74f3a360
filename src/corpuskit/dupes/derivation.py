"""Per document: how much of it comes from all its sources together.

A pair verdict looks at one source at a time, but an article is often
written from several texts of one story (a wire story and its updates, two
agency takes), each supplying a few paragraphs: judged one by one, none of
them may look like much.  So, per document, the linked texts it was (or may
have been) derived from are taken together:

* ``sources`` -- linked documents it was derived from: a credit line or the
  publication dates say so, or nothing says otherwise (a containment
  direction the other way, or the same publication day: texts of one day
  are siblings, each written from earlier sources);
* ``related`` -- the sources plus the documents linked to a source that are
  not later than the document (other versions of the source story: an
  article may take a sentence from an update that it shares too little
  with to be linked to on its own).  Documents derived from this one, and
  documents published after it, never count;
* ``aligned_share`` -- the share of its text aligned to any source;
* ``word_share`` -- the share of its content words (occurrences) found
  anywhere in the related texts.

The verdict, fitted on a labelled corpus of journalistic text reuse (see
benchmarks/meter.py) and fixed: the document is derived when
``derived_word_share`` of its content words are in the related texts, or
``derived_aligned_share`` of it is aligned -- texts that report the same
event independently share passages and facts but use fewer of the source's
words; derived wholly (``rewrite``) when ``derived_whole_share`` of it is
aligned to its sources, else ``partial``; ``None`` when it is not derived
although it shares passages with the linked texts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from corpuskit.dupes.classify import _date_order
from corpuskit.dupes.model import DEFAULT_SETTINGS, DocInput, DupesSettings, PairResult, Relation, Span
from corpuskit.dupes.text import TextUnits, analyse

__all__ = ["Derivation", "derive_documents"]


@dataclass(frozen=True)
class Derivation:
    """What one document owes to the documents it is linked to (see the module docstring)."""

    doc: int
    sources: tuple[int, ...]
    related: tuple[int, ...]
    aligned_share: float
    word_share: float
    relation: Relation | None  # "rewrite" (derived wholly), "partial", or None (not derived)

    def to_json(self) -> dict:
        return {
            "doc": self.doc,
            "relation": self.relation,
            "sources": list(self.sources),
            "related": list(self.related),
            "aligned_share": round(self.aligned_share, 3),
            "word_share": round(self.word_share, 3),
        }


def derive_documents(
    docs: Mapping[int, DocInput] | Sequence[DocInput],
    pairs: Iterable[PairResult],
    settings: DupesSettings = DEFAULT_SETTINGS,
    units: Mapping[int, TextUnits] | None = None,
) -> dict[int, Derivation]:
    """A ``Derivation`` for every document that has at least one source among ``pairs``."""
    by_id = docs if isinstance(docs, Mapping) else {doc.id: doc for doc in docs}
    pairs = list(pairs)
    sources, spans = _sources_and_spans(pairs, by_id)
    linked, derived = _links(pairs)
    analysed: dict[int, TextUnits] = dict(units or {})

    def units_of(doc_id: int) -> TextUnits:
        if doc_id not in analysed:
            analysed[doc_id] = analyse(by_id[doc_id].text)
        return analysed[doc_id]

    result = {}
    for doc_id in sorted(sources):
        related = _related(doc_id, sources[doc_id], linked, derived.get(doc_id, set()), by_id)
        doc_units = units_of(doc_id)
        aligned = _aligned_share(doc_units, spans[doc_id])
        words = _word_share(doc_units, [units_of(other) for other in related])
        result[doc_id] = Derivation(
            doc=doc_id,
            sources=tuple(sorted(sources[doc_id])),
            related=tuple(sorted(related)),
            aligned_share=round(aligned, 4),
            word_share=round(words, 4),
            relation=_relation(aligned, words, settings),
        )
    return result


def _relation(aligned: float, words: float, settings: DupesSettings) -> Relation | None:
    if words < settings.derived_word_share and aligned < settings.derived_aligned_share:
        return None
    return "rewrite" if aligned >= settings.derived_whole_share else "partial"


def _sources_and_spans(
    pairs: list[PairResult], by_id: Mapping[int, DocInput]
) -> tuple[dict[int, set[int]], dict[int, list[Span]]]:
    """doc -> its sources, and doc -> the spans of it aligned to a source."""
    sources: dict[int, set[int]] = defaultdict(set)
    spans: dict[int, list[Span]] = defaultdict(list)
    for pair in pairs:
        if _is_source(pair, pair.a, pair.b, by_id):
            sources[pair.b].add(pair.a)
            spans[pair.b].extend(p.b for p in pair.passages)
        if _is_source(pair, pair.b, pair.a, by_id):
            sources[pair.a].add(pair.b)
            spans[pair.a].extend(p.a for p in pair.passages)
    return sources, spans


def _is_source(pair: PairResult, source: int, copy: int, by_id: Mapping[int, DocInput]) -> bool:
    """A credit or the dates settle it; else (containment or nothing) texts of one day are siblings."""
    told = "a->b" if source == pair.a else "b->a"
    if pair.direction_reason in ("credit", "dates"):
        return pair.direction == told
    if pair.direction and pair.direction != told:
        return False
    return _may_precede(by_id[source], by_id[copy])


def _links(pairs: list[PairResult]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """doc -> every linked document, and doc -> the linked documents derived from it."""
    linked: dict[int, set[int]] = defaultdict(set)
    derived: dict[int, set[int]] = defaultdict(set)
    for pair in pairs:
        linked[pair.a].add(pair.b)
        linked[pair.b].add(pair.a)
        if pair.direction:
            source, copy = (pair.a, pair.b) if pair.direction == "a->b" else (pair.b, pair.a)
            derived[source].add(copy)
    return linked, derived


def _related(
    doc_id: int, sources: set[int], linked: dict[int, set[int]], derived: set[int], by_id: Mapping[int, DocInput]
) -> set[int]:
    """The sources and, through them, earlier texts linked to a source (not derived from ``doc_id``)."""
    related = set(sources)
    for source in sources:
        for other in linked.get(source, ()):
            if other != doc_id and other not in derived and _may_precede(by_id[other], by_id[doc_id]):
                related.add(other)
    return related


def _may_precede(other: DocInput, doc: DocInput) -> bool:
    """Published before ``doc``, or undated: a text of the same day or later is a sibling, not a source."""
    if not (other.published and doc.published):
        return True
    return _date_order(other.published, doc.published) == "a->b"


def _aligned_share(units: TextUnits, spans: list[Span]) -> float:
    total = sum(sentence.length for sentence in units.sentences)
    if not total or not spans:
        return 0.0
    covered = 0
    for sentence in units.sentences:
        if any(start < sentence.end and sentence.start < end for start, end in spans):
            covered += sentence.length
    return covered / total


def _word_share(units: TextUnits, related: list[TextUnits]) -> float:
    """Share of the document's content-word occurrences that occur in any related text."""
    words = [token.key for token in units.tokens if not token.stop]
    if not words:
        return 0.0
    pool = {token.key for other in related for token in other.tokens if not token.stop}
    return sum(word in pool for word in words) / len(words)
