"""``attribution`` findings: a document that reuses another's reporting, with or without credit.

A copy credits its original when one of its credit lines ("Reuters
reported", "told Reuters", "according to X") names the original's outlet:
the same matcher dupes tells direction with (``corpuskit.text.credits``).
When the original's outlet is unknown, only a copy that credits no source
at all is reported, since then the reuse is uncredited whoever wrote it.
"""

from __future__ import annotations

from dataclasses import replace

from corpuskit.documents import publication_order
from corpuskit.facts.model import AttributionFact, Facts
from corpuskit.report.context import StoryContext, evidence_at
from corpuskit.report.model import Evidence, Finding, Source
from corpuskit.report.roles import credits_document
from corpuskit.text.credits import credit_span


def attribution_findings(story: StoryContext, sources: list[Source], facts: dict[int, Facts]) -> list[Finding]:
    findings = []
    for source in sources:
        for original in source.copied_from:
            if story.same_outlet(source.document, original):
                continue  # an outlet's update of its own earlier text: not reuse of another's reporting
            if _published_together(story, source.document, original) and not _direction_told(
                story, source.document, original
            ):
                continue  # two outlets of one morning: neither can have copied the other's print edition
            finding = _credit(story, source.document, original, facts[source.document].attributions)
            if finding:
                findings.append(_with_confidence(story, finding, source.document, original))
    return findings


def _published_together(story: StoryContext, a: int, b: int) -> bool:
    return publication_order(story.docs[a].published, story.docs[b].published) == 0


def _direction_told(story: StoryContext, copy: int, original: int) -> bool:
    """Whether the texts themselves say who copied whom (a credit line), not only their shapes
    or the story's roles: the one evidence that holds between texts published at once."""
    pair = story.pair_of(copy, original)
    return bool(pair and pair.direction and pair.direction_reason == "credit") or credits_document(
        story, copy, original
    )


# How surely a relation shows that one text was taken from the other: a near copy cannot be
# chance; a partial copy shares only some passages, which a common source can explain too.
RELATION_CONFIDENCE = {"near_copy": 0.9, "rewrite": 0.8, "partial": 0.65}
DIRECTION_BASIS = {
    "credit": "a credit line tells who copied whom",
    "dates": "publication dates tell who copied whom",
    "containment": "only the texts' shapes tell who copied whom",
}


def _with_confidence(story: StoryContext, finding: Finding, copy: int, original: int) -> Finding:
    """The finding's confidence: the relation's, less when the direction rests on weak evidence
    (the texts' shapes only, or the story's roles rather than the pair), more with a credit line."""
    pair = story.pair_of(copy, original)
    relation = pair.relation if pair else "partial"
    confidence = RELATION_CONFIDENCE.get(relation, 0.6)
    basis = [f"{relation.replace('_', ' ')} found by dupes"]
    reason = pair.direction_reason if pair and pair.direction else None
    if reason in DIRECTION_BASIS:
        basis.append(DIRECTION_BASIS[reason])
        confidence -= 0.15 if reason == "containment" else 0.0
    else:
        basis.append("the direction is inferred from the story's original")
        confidence -= 0.2
    if finding.details.get("credited"):
        basis.append("the credit line names the source's outlet")
    return replace(finding, confidence=round(min(max(confidence, 0.05), 0.98), 3), basis=tuple(basis))


def _credit(story: StoryContext, copy: int, original: int, attributions: tuple[AttributionFact, ...]) -> Finding | None:
    outlet = story.docs[original].outlet
    credit = credit_span(story.docs[copy].text, outlet, story.docs[copy].outlet)
    pair = story.pair_of(copy, original)
    reuses = (
        f"{story.label(copy)} reuses the reporting of {story.label(original)} "
        f"({pair.relation.replace('_', ' ') if pair else 'reuse'})"
    )
    reuse = _reuse_evidence(story, copy, original)
    if credit:
        text = story.docs[copy].text[credit[0] : credit[1]]
        evidence = (evidence_at(story, copy, credit), *reuse)
        return _finding(f'{reuses} and credits it: "{text}".', evidence, copy, original, text)
    if outlet is None and attributions:
        return None  # it credits someone; whether that is the original cannot be told
    # "Any other source" only when the copy credits no one at all: its other credits were not matched.
    whom = (f"{outlet}" if attributions else f"{outlet} or any other source") if outlet else "any source"
    return _finding(f"{reuses} without crediting {whom}.", reuse, copy, original, None)


def _finding(summary: str, evidence: tuple[Evidence, ...], copy: int, original: int, credit: str | None) -> Finding:
    """An uncredited reuse weighs more: it is the finding an analyst must act on."""
    details = {"document": copy, "source_document": original, "credited": credit is not None, "credit": credit}
    return Finding("attribution", summary, evidence, details, weight=1 if credit else 2)


def _reuse_evidence(story: StoryContext, copy: int, original: int) -> tuple[Evidence, ...]:
    """The longest aligned passage, on both sides: what was taken."""
    pair = story.pair_of(copy, original)
    if pair is None or not pair.passages:
        return ()
    passage = max(pair.passages, key=lambda p: (p.a[1] - p.a[0]) + (p.b[1] - p.b[0]))
    spans = {pair.a: passage.a, pair.b: passage.b}
    return tuple(evidence_at(story, doc, spans[doc], spans[doc]) for doc in (copy, original))
