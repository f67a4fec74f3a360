"""``number_conflict`` findings: the same quantity stated with different values.

Two numbers are taken to state the same quantity when they count the same
thing (``counted``) and sit in passages that say the same thing: passages
dupes aligned, or sentences sharing enough content words.  Numbers that
count the same thing in unrelated sentences ("300 patients" in one hospital,
"200 patients" in another) are not compared, which keeps the noise down.
"""

from __future__ import annotations

from itertools import combinations

from corpuskit.facts.model import Facts, NumberFact
from corpuskit.report.context import StoryContext, evidence_at, same_context
from corpuskit.report.grouping import components, pairs_sharing
from corpuskit.report.model import Finding


def number_conflict_findings(story: StoryContext, facts: dict[int, Facts]) -> list[Finding]:
    stated = [(doc, n) for doc in sorted(story.docs) for n in facts[doc].numbers if n.counted]
    candidates = pairs_sharing([[(n.kind, n.counted)] for _, n in stated], 1, story.settings.common_key)
    links = [
        (i, j)
        for i, j in sorted(candidates)
        if stated[i][0] != stated[j][0] and _same_quantity(story, stated[i], stated[j])
    ]
    findings = []
    for group in components(links):
        members = [stated[i] for i in sorted(group)]
        if len({doc for doc, _ in members}) > 1 and _disagree([n for _, n in members], story.settings.number_tolerance):
            findings.append(_finding(story, members))
    return findings


def agree(a: NumberFact, b: NumberFact, tolerance: float) -> bool:
    """Whether two statements of one quantity are compatible (ranges and hedges overlap, give or
    take ``tolerance`` of each value: rounding is not a conflict)."""
    low_a, high_a = _bounds(a, tolerance)
    low_b, high_b = _bounds(b, tolerance)
    return low_a <= high_b and low_b <= high_a


def _bounds(n: NumberFact, tolerance: float) -> tuple[float, float]:
    slack = abs(n.value) * tolerance
    low = n.low if n.low is not None else float("-inf")  # an open side: "at least 50,000"
    high = n.high if n.high is not None else float("inf")
    return low - slack, high + slack


def _same_quantity(story: StoryContext, a: tuple[int, NumberFact], b: tuple[int, NumberFact]) -> bool:
    """Counted alike (the caller checked) and said in passages about the same thing."""
    if story.aligned(a[0], a[1].span, b[0], b[1].span):
        return True
    return same_context(
        story.content_words_at(a[0], a[1].sentence_span),
        story.content_words_at(b[0], b[1].sentence_span),
        min_shared=story.settings.number_context_words,
        min_overlap=story.settings.number_context_share,
    )


def _disagree(numbers: list[NumberFact], tolerance: float) -> bool:
    return any(not agree(a, b, tolerance) for a, b in combinations(numbers, 2))


def _finding(story: StoryContext, members: list[tuple[int, NumberFact]]) -> Finding:
    values: dict[str, dict] = {}
    for doc, n in members:
        entry = values.setdefault(n.text.casefold(), {"text": n.text, "value": n.value, "documents": []})
        if doc not in entry["documents"]:
            entry["documents"].append(doc)
    counted = members[0][1].counted or ""  # the caller compares only numbers that count something
    listed = "; ".join(f"{v['text']} ({', '.join(story.label(d) for d in v['documents'])})" for v in values.values())
    summary = f"The number of {_plural(counted)} differs: {listed}."
    evidence = tuple(evidence_at(story, doc, n.span, n.sentence_span) for doc, n in members)
    return Finding(
        "number_conflict",
        summary,
        evidence,
        {"counted": counted, "values": list(values.values())},
        weight=len({doc for doc, _ in members}),
    )


def _plural(counted: str) -> str:
    if counted.endswith(("s", "%", "km", "$")) or not counted[-1:].isalpha():
        return counted
    return counted[:-1] + "ies" if counted.endswith("y") and counted[-2:-1] not in "aeiou" else counted + "s"
