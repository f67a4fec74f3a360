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
    """One finding per reuser and source outlet: a paper that took three wire takes reuses one
    outlet's reporting, told once with every take it drew on (``source_documents``)."""
    taken: dict[tuple[int, str], list[int]] = {}
    for source in sources:
        for original in source.copied_from:
            if story.same_outlet(source.document, original):
                continue  # an outlet's update of its own earlier text: not reuse of another's reporting
            if _published_together(story, source.document, original) and not _direction_told(
                story, source.document, original
            ):
                continue  # two outlets of one morning: neither can have copied the other's print edition
            taken.setdefault((source.document, _outlet_key(story, original)), []).append(original)
    findings = []
    for (copy, _), originals in taken.items():
        primary = max(
            originals, key=lambda o: (_relation_confidence(story, copy, o), _taken_length(story, copy, o), -o)
        )
        finding = _credit(story, copy, primary, sorted(originals), facts[copy].attributions)
        if finding:
            findings.append(_with_confidence(story, finding, copy, primary))
    return findings


def _outlet_key(story: StoryContext, document: int) -> str:
    """Documents of one outlet are one source to credit; a document without outlet is its own."""
    outlet = story.docs[document].outlet
    return outlet.casefold() if outlet else f"\x00{document}"


def _relation_confidence(story: StoryContext, copy: int, original: int) -> float:
    pair = story.pair_of(copy, original)
    return RELATION_CONFIDENCE.get(pair.relation if pair else "partial", 0.6)


def _taken_length(story: StoryContext, copy: int, original: int) -> int:
    pair = story.pair_of(copy, original)
    return sum(p.a[1] - p.a[0] for p in pair.passages) if pair else 0


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
    confidence = _relation_confidence(story, copy, original)
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


def _credit(
    story: StoryContext, copy: int, original: int, originals: list[int], attributions: tuple[AttributionFact, ...]
) -> Finding | None:
    """The finding for ``copy`` reusing ``originals`` (one outlet's documents; ``original`` the
    one it took most from, whose passage is quoted)."""
    outlet = story.docs[original].outlet
    credit = credit_span(story.docs[copy].text, outlet, story.docs[copy].outlet)
    pair = story.pair_of(copy, original)
    whose = story.label(original) if len(originals) == 1 else f"{outlet} (documents {', '.join(map(str, originals))})"
    reuses = (
        f"{story.label(copy)} reuses the reporting of {whose} ({pair.relation.replace('_', ' ') if pair else 'reuse'})"
    )
    reuse = _reuse_evidence(story, copy, original)
    if credit:
        text = story.docs[copy].text[credit[0] : credit[1]]
        evidence = (evidence_at(story, copy, credit), *reuse)
        return _finding(f'{reuses} and credits it: "{text}".', evidence, copy, (original, originals), text)
    if outlet is None and attributions:
        return None  # it credits someone; whether that is the original cannot be told
    # "Any other source" only when the copy credits no one at all: its other credits were not matched.
    whom = (f"{outlet}" if attributions else f"{outlet} or any other source") if outlet else "any source"
    return _finding(f"{reuses} without crediting {whom}.", reuse, copy, (original, originals), None)


def _finding(
    summary: str, evidence: tuple[Evidence, ...], copy: int, sources: tuple[int, list[int]], credit: str | None
) -> Finding:
    """An uncredited reuse weighs more: it is the finding an analyst must act on.  ``sources``:
    the document whose passage the evidence quotes, and every document of its outlet reused."""
    source, originals = sources
    details = {
        "document": copy,
        "source_document": source,
        "source_documents": originals,
        "credited": credit is not None,
        "credit": credit,
    }
    return Finding("attribution", summary, evidence, details, weight=1 if credit else 2)


def _reuse_evidence(story: StoryContext, copy: int, original: int) -> tuple[Evidence, ...]:
    """The longest aligned passage, on both sides: what was taken."""
    pair = story.pair_of(copy, original)
    if pair is None or not pair.passages:
        return ()
    passage = max(pair.passages, key=lambda p: (p.a[1] - p.a[0]) + (p.b[1] - p.b[0]))
    spans = {pair.a: passage.a, pair.b: passage.b}
    return tuple(evidence_at(story, doc, spans[doc], spans[doc]) for doc in (copy, original))
