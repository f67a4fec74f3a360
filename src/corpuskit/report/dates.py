"""``date_conflict`` findings: one event placed at incompatible times.

Time phrases in different documents date the same event when they sit in
passages dupes aligned, or when the sentences around them share enough of
their content words.  Overlapping intervals agree ("January" and "late
January"); disjoint ones conflict; a phrase that cannot be resolved (relative
to a publication date the document lacks) is reported as "cannot be
compared", with the reason, rather than dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations

from corpuskit.facts import extract_facts
from corpuskit.facts.model import Facts, TimeFact
from corpuskit.facts.times import NO_YEAR
from corpuskit.report.context import StoryContext, evidence_at, same_context
from corpuskit.report.grouping import components, pairs_sharing
from corpuskit.report.model import Finding

_LEADING_PREPOSITION = re.compile(r"\b(?:at|in|on|by|during|since|until|from|as of)\s*$", re.IGNORECASE)

# Phrases without a year are compared as if in one year: any year works, the last day of one keeps
# every month in the past.
COMMON_YEAR_END = "2001-12-31"
ASSUMED_YEAR = "assuming both refer to the same year, which the texts do not give"


def date_conflict_findings(story: StoryContext, facts: dict[int, Facts]) -> list[Finding]:
    stated = [(doc, t) for doc in sorted(story.docs) for t in facts[doc].times if t.event]
    # Phrases dating one event share its words (aligned copies share most of them): pairs with
    # fewer in common than ``same_context`` asks for are never compared.
    settings = story.settings
    candidates = pairs_sharing([t.event for _, t in stated], settings.event_words_shared, settings.common_key)
    links = [
        (i, j)
        for i, j in sorted(candidates)
        if stated[i][0] != stated[j][0] and _same_event(story, *stated[i], *stated[j])
    ]
    findings = []
    for group in components(links):
        members = _one_per_document([stated[i] for i in sorted(group)])
        if len(members) > 1 and len({_phrase_key(t) for _, t in members}) > 1:
            finding = _judge(story, members)
            if finding:
                findings.append(finding)
    return findings


def overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _same_event(story: StoryContext, da: int, a: TimeFact, db: int, b: TimeFact) -> bool:
    if story.aligned(da, a.span, db, b.span):
        return True
    settings = story.settings
    return same_context(
        frozenset(a.event),
        frozenset(b.event),
        min_shared=settings.event_words_shared,
        min_overlap=settings.event_context_share,
    )


def _one_per_document(members: list[tuple[int, TimeFact]]) -> list[tuple[int, TimeFact]]:
    """A document's first phrase for the event: a second one usually restates it."""
    first: dict[int, TimeFact] = {}
    for doc, fact in members:
        first.setdefault(doc, fact)
    return list(first.items())


def _phrase_key(fact: TimeFact) -> str:
    return " ".join(fact.phrase.casefold().removeprefix("the ").split())


def _judge(story: StoryContext, members: list[tuple[int, TimeFact]]) -> Finding | None:
    all_phrases = [m for _, m in members]
    members = [(doc, _in_a_common_year(t, all_phrases, story.settings.common_year_phrases)) for doc, t in members]
    resolved = [(doc, t) for doc, t in members if t.interval]
    clashes = [(a, b) for a, b in combinations(resolved, 2) if not overlap(_interval(a[1]), _interval(b[1]))]
    unresolved = [(doc, t) for doc, t in members if not t.interval]
    if clashes:
        status = "conflict"
        (da, a), (db, b) = clashes[0]
        reason = f'"{a.text}" ({_interval_text(a)}) and "{b.text}" ({_interval_text(b)}) do not overlap'
        if a.reason == ASSUMED_YEAR or b.reason == ASSUMED_YEAR:
            reason += f" ({ASSUMED_YEAR})"
    elif unresolved:
        status = "cannot_compare"
        reason = "; ".join(
            f'"{t.text}" in {story.label(doc)}: {t.reason or "cannot be placed in time"}' for doc, t in unresolved
        )
    else:
        return None
    if clashes and unresolved:
        reason += "; " + "; ".join(f'"{t.text}" cannot be compared ({t.reason or "unresolved"})' for _, t in unresolved)
    phrases = " / ".join(f'"{t.text}" ({story.label(doc)})' for doc, t in members)
    if status == "conflict":
        verdict = "they conflict"
        if unresolved:
            verdict += "; " + ", ".join(f'"{t.text}"' for _, t in unresolved) + " cannot be compared"
    else:
        verdict = "they cannot be compared"
    summary = f"The sources date the same event differently: {phrases}: {verdict}."
    return Finding(
        "date_conflict",
        summary,
        tuple(evidence_at(story, doc, t.span, t.sentence_span) for doc, t in members),
        {
            "event": _event_text(story, members[0]),
            "status": status,
            "reason": reason,
            "times": [
                {"document": doc, "text": t.text, "interval": list(t.interval) if t.interval else None}
                for doc, t in members
            ],
        },
        weight=2 if status == "conflict" else 1,
    )


def _in_a_common_year(fact: TimeFact, others: list[TimeFact], needed: int) -> TimeFact:
    """A month phrase without a year ("late March"), placed in the same year as the other
    phrases without a year, so "the start of March" and "late March" can still be
    compared; its interval then carries no year of its own (shown as the month and day).
    Only when ``needed`` of the event's phrases (``others``, itself included) lack a year."""
    if fact.interval or fact.reason != NO_YEAR or sum(o.reason == NO_YEAR for o in others) < needed:
        return fact
    placed = extract_facts(fact.text, COMMON_YEAR_END).times
    if len(placed) != 1 or not placed[0].interval:
        return fact
    start, end = placed[0].interval
    return replace(fact, interval=(start[5:], end[5:]), reason=ASSUMED_YEAR)


def _interval(fact: TimeFact) -> tuple[str, str]:
    """The interval of a phrase that was placed in time (a resolved one)."""
    assert fact.interval is not None, "the phrase was not placed in time"
    return fact.interval


def _interval_text(fact: TimeFact) -> str:
    start, end = _interval(fact)
    return start if start == end else f"{start} to {end}"


def _event_text(story: StoryContext, member: tuple[int, TimeFact]) -> str:
    """The dated sentence without its time phrase, as a short description of the event."""
    doc, fact = member
    text = story.docs[doc].text
    start, end = fact.sentence_span
    before = _LEADING_PREPOSITION.sub("", text[start : fact.span[0]])
    sentence = before + text[fact.span[1] : end].lstrip(" ,")
    words = " ".join(sentence.split()).strip(" ,;:.")
    return words[:1].upper() + words[1:160] + ("…" if len(words) > 160 else "")
