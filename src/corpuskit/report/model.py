"""The report's data: stories, their sources and their findings, with evidence.

Plain frozen data; ``to_json`` gives the public JSON contract of
``corpuskit report`` (see README), which the renderers take as input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FindingKind = Literal[
    "name_variant", "number_conflict", "date_conflict", "quote_variant", "attribution", "single_source"
]
Role = Literal["original", "copy", "linked", "independent"]

# How much a finding of each kind matters when true: a wrong figure or date misleads readers, a
# misquote or misspelt name misrepresents someone, uncredited reuse is about an outlet's conduct, a
# lone claim asks for a check.  Findings are ranked by this times their confidence, so a likely
# misspelling comes before a doubtful date conflict.
CONSEQUENCE = {
    "number_conflict": 1.0,
    "date_conflict": 0.9,
    "quote_variant": 0.8,
    "name_variant": 0.8,
    "attribution": 0.7,
    "single_source": 0.5,
}
KIND_RANK = {kind: rank for rank, kind in enumerate(CONSEQUENCE)}


@dataclass(frozen=True)
class Evidence:
    """Where a finding is seen: a span of one document's stored text, and its sentence."""

    document: int
    span: tuple[int, int]
    text: str
    context: str

    def to_json(self) -> dict:
        return {"document": self.document, "span": list(self.span), "text": self.text, "context": self.context}


@dataclass(frozen=True)
class Finding:
    """One thing a reader should know about a story; ``details`` holds the kind-specific keys."""

    kind: FindingKind
    summary: str
    evidence: tuple[Evidence, ...]
    details: dict = field(default_factory=dict)
    weight: float = 0.0  # orders findings of one kind and confidence: larger is more consequential
    confidence: float = 0.5  # how likely the finding is true and worth reporting, 0 to 1
    basis: tuple[str, ...] = ()  # what the confidence rests on, in a few words each

    @property
    def rank_score(self) -> float:
        return CONSEQUENCE[self.kind] * self.confidence

    def sort_key(self) -> tuple:
        return (-round(self.rank_score, 6), KIND_RANK[self.kind], -self.weight, self.summary)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "summary": self.summary,
            "confidence": round(self.confidence, 3),
            "basis": list(self.basis),
            "evidence": [e.to_json() for e in self.evidence],
            **self.details,
        }


@dataclass(frozen=True)
class Source:
    """A document's place in its story: an original, a copy of one (``copied_from`` says which),
    linked (it shares text with others, but who copied whom cannot be told), or independent;
    ``flagged`` when its text may not be the article (``docs --flagged``), so that it is no
    independent source on its own."""

    document: int
    outlet: str | None
    published: str | None
    role: Role
    copied_from: tuple[int, ...] = ()
    flagged: bool = False

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "outlet": self.outlet,
            "published": self.published,
            "role": self.role,
            "copied_from": list(self.copied_from),
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class Story:
    id: int
    title: str
    documents: tuple[int, ...]
    independent_sources: int
    sources: tuple[Source, ...]
    derivation: tuple[dict, ...]
    findings: tuple[Finding, ...]
    # Quotes whose versions differ only trivially (a filler word, a courtesy title): one note, no findings.
    minor_differences: tuple[dict, ...] = ()
    # Links between members that are not copies: two texts from a common source, two that share
    # only quotations (dupes' ``siblings`` and ``shared_quotes`` inside the story).
    siblings: tuple[dict, ...] = ()
    shared_quotes: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "documents": list(self.documents),
            "independent_sources": self.independent_sources,
            "sources": [s.to_json() for s in self.sources],
            "derivation": list(self.derivation),
            "findings": [f.to_json() for f in self.findings],
            "minor_differences": list(self.minor_differences),
            "siblings": list(self.siblings),
            "shared_quotes": list(self.shared_quotes),
        }


# The analyst's word on a finding, as its JSON carries it: ``"decision": {"verdict": ...}``, added
# when a report is shown (``corpuskit.report.decisions``), never kept in the report itself.
Verdict = Literal["dismissed", "confirmed"]


def verdict_of(finding: dict) -> Verdict | None:
    """ "dismissed" or "confirmed" when the analyst decided on the finding, else None."""
    return (finding.get("decision") or {}).get("verdict")
