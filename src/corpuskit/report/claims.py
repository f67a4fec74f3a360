"""``single_source`` findings: specific claims that only one independent source makes.

Copies of one original are one source, and a claim counts as corroborated
when another independent source anywhere in the corpus states the same
quantity of the same thing.  Only specific quantities are listed (what is
counted must be named, durations and ages are left out) and only a few per
story, the largest first: a list of every number would bury the ones that matter.
Attributed quotes count too where a story has several independent sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from corpuskit.facts.model import Facts, NumberFact, QuoteFact
from corpuskit.report.context import StoryContext, evidence_at, evidence_of
from corpuskit.report.model import Finding
from corpuskit.report.quotes import quote_candidates, quote_words, same_quote
from corpuskit.report.roles import linked_groups

CLAIM_KINDS = ("count", "money", "percent", "measure")


def claim_key(number: NumberFact, digits: int) -> tuple[str, float] | None:
    """What makes two statements one claim: the thing counted and the value (to ``digits``
    significant digits, so a rounded restatement corroborates the precise one)."""
    if number.kind not in CLAIM_KINDS or not number.counted:
        return None
    return (number.counted, float(f"{number.value:.{digits}g}"))


def single_source_findings(
    story: StoryContext, facts: dict[int, Facts], sources_stating: Callable[[tuple[str, float]], int]
) -> list[Finding]:
    """``sources_stating(key)``: how many independent sources in the corpus state the claim."""
    listed = story.settings.claims_per_story
    numbers = _lone_numbers(story, facts, sources_stating)
    quotes = _lone_quotes(story, facts)
    numbers = numbers[: listed - min(len(quotes), story.settings.quotes_per_story)]
    return numbers + quotes[: listed - len(numbers)]


def _lone_numbers(
    story: StoryContext, facts: dict[int, Facts], sources_stating: Callable[[tuple[str, float]], int]
) -> list[Finding]:
    stating: dict[tuple[str, float], list[tuple[int, NumberFact]]] = defaultdict(list)
    for doc in sorted(story.docs):
        for number in facts[doc].numbers:
            key = claim_key(number, story.settings.claim_digits)
            if key and _specific(number, story.settings.claim_min_count):
                stating[key].append((doc, number))
    lone = [(key, members) for key, members in stating.items() if sources_stating(key) <= 1]
    lone.sort(key=lambda item: (-abs(item[0][1]), item[0][0]))
    return [_finding(story, members) for _, members in lone[: story.settings.claims_per_story]]


def _lone_quotes(story: StoryContext, facts: dict[int, Facts]) -> list[Finding]:
    """Attributed quotes that only one of a story's independent sources carries.

    Only where the story has other independent sources that could have
    carried them: in a one-source story every quote is single-sourced, and
    saying so adds nothing.
    """
    groups = linked_groups(set(story.documents), story.pairs)
    if len(groups) < 2:
        return []
    group_of = {d: i for i, group in enumerate(groups) for d in group}
    settings = story.settings
    stated = [
        (doc, q)
        for doc in sorted(story.docs)
        for q in facts[doc].quotes
        if q.speaker and len(quote_words(q)) >= settings.claim_quote_min_words
    ]
    carried_elsewhere = set()
    for i, j in quote_candidates([q for _, q in stated], settings):
        (doc_i, quote_i), (doc_j, quote_j) = stated[i], stated[j]
        if group_of[doc_i] != group_of[doc_j] and same_quote(quote_i, quote_j, settings.same_quote_share):
            carried_elsewhere |= {i, j}
    lone = [stated[i] for i in range(len(stated)) if i not in carried_elsewhere]
    return [_quote_finding(story, doc, q) for doc, q in lone[: settings.claims_per_story]]


def _quote_finding(story: StoryContext, doc: int, quote: QuoteFact) -> Finding:
    words = quote_words(quote)
    shown = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    summary = (
        f'Only {story.label(doc)} quotes {quote.speaker} saying "{shown}"; '
        f"the story's other independent sources do not carry it."
    )
    return Finding(
        "single_source",
        summary,
        (evidence_at(story, doc, quote.span, quote.sentence_span),),
        {"claim_kind": "quote", "document": doc, "claim": quote.quote},
        weight=len(words),
    )


def _specific(number: NumberFact, min_count: int) -> bool:
    """A claim someone could check: a named thing and a value beyond the small counts of prose."""
    return number.kind != "count" or number.value >= min_count


def _finding(story: StoryContext, members: list[tuple[int, NumberFact]]) -> Finding:
    doc, number = members[0]
    summary = (
        f'Only one independent source states "{number.text}" ({story.labels(d for d, _ in members)}); '
        "no other source in the corpus corroborates it."
    )
    details = {"claim_kind": "number", "document": doc, "claim": number.text}
    return Finding("single_source", summary, evidence_of(story, members), details, weight=abs(number.value))
