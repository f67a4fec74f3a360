"""``single_source`` findings: specific claims that only one independent source of a story makes.

A claim is single-source only where it could have been corroborated.  Copies
of one original are one source, and in a story of one source every claim is
single-source by definition, so saying so adds nothing.  Two kinds of claim
qualify:

* a claim of one independent source in a story with several, that none of the
  others carries;
* a claim a reuser added in its own words, outside every passage it shares
  with the story's other documents, that none of them carries (the one thing
  of a partial copy that rests on the reuser alone).

A claim is listed only when it is specific (a count, sum, share or measure
with what it counts, not "scores of fans"; or a quote of a named speaker) and
when no document that could carry it does, checked verbatim and reworded: the
same value in a sentence about the same thing, the quote's words in one
sentence.  Another independent source anywhere in the corpus stating the same
quantity of the same thing corroborates it too.  The claim names one
document: the first of its source that states it (the original when its
copies repeat it); the copies are listed in the details.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from corpuskit.facts.model import Facts, NumberFact, QuoteFact
from corpuskit.render import plural
from corpuskit.report.context import StoryContext, evidence_at, same_context
from corpuskit.report.model import Finding, Source
from corpuskit.report.quotes import distinctive_words, quote_candidates, quote_words, same_quote
from corpuskit.report.roles import source_groups
from corpuskit.text import lexicon
from corpuskit.text.words import content_words
from corpuskit.unionfind import components

CLAIM_KINDS = ("count", "money", "percent", "measure")
_EXACT_NUMBER_WORDS = frozenset(lexicon.NUMBER_WORDS) - {"hundred"}
_WORD = re.compile(r"[a-z]+")


def claim_key(number: NumberFact, digits: int) -> tuple[str, float] | None:
    """What makes two statements one claim: the thing counted and the value (to ``digits``
    significant digits, so a rounded restatement corroborates the precise one)."""
    if number.kind not in CLAIM_KINDS or not number.counted:
        return None
    return (number.counted, _rounded(number.value, digits))


def single_source_findings(
    story: StoryContext,
    facts: dict[int, Facts],
    sources_stating: Callable[[tuple[str, float]], int],
    roles: list[Source] | None = None,
) -> list[Finding]:
    """``sources_stating(key)``: how many independent sources in the corpus state the claim;
    ``roles``: the story's sources, to name an original before its copies."""
    groups = source_groups(story)
    if len(story.docs) < 2:
        return []
    sources = _Sources(story, facts, groups, roles or [])
    listed = story.settings.claims_per_story
    numbers = _lone_numbers(sources, sources_stating)
    quotes = _lone_quotes(sources)
    numbers = numbers[: listed - min(len(quotes), story.settings.quotes_per_story)]
    return numbers + quotes[: listed - len(numbers)]


class _Sources:
    """A story's independent sources (linked groups) and what each document states."""

    def __init__(self, story: StoryContext, facts: dict[int, Facts], groups: list[set[int]], roles: list[Source]):
        self.story = story
        self.facts = facts
        self.groups = groups
        self.group_of = {d: i for i, group in enumerate(groups) for d in group}
        self.originals = {s.document for s in roles if s.role == "original"}
        self.copied_from = {s.document: s.copied_from for s in roles}
        self._windows: dict[str, list[tuple[int, int]]] | None = None

    def owner(self, doc: int, span: tuple[int, int]) -> tuple[str, int]:
        """Whose claim a statement is: ("own", doc) for a reuser's own material, outside every
        passage it shares with the story's other documents, else ("source", its group).  Only a
        document known to have copied has material of its own; an original's is its source's."""
        linked = {o for o in self.groups[self.group_of[doc]] - {doc} if self.story.pair_of(doc, o)}
        if self.reused_by(doc) and not any(self.story.aligned_here(doc, span, o) for o in linked):
            return ("own", doc)
        return ("source", self.group_of[doc])

    def reused_by(self, doc: int) -> tuple[int, ...]:
        """The documents ``doc`` copied from, as the story's roles tell them."""
        return self.copied_from.get(doc, ())

    def may_report(self, owner: tuple[str, int]) -> bool:
        """A source's claims only where there are other sources whose silence tells (compared
        documents); a reuser's own claims where any other document tells."""
        if owner[0] == "own":
            return bool(self.others(owner))
        return any(self.group_of[d] != owner[1] for d in self.others(owner))

    def others(self, owner: tuple[str, int]) -> list[int]:
        """The documents that could corroborate an owner's claim: all but the reuser for its own
        material, those outside the source for a source's; only those compared (a flagged or
        other-language document's silence says nothing)."""
        if owner[0] == "own":
            chosen = (d for d in self.story.docs if d != owner[1])
        else:
            chosen = (d for d in self.story.docs if self.group_of[d] != owner[1])
        return sorted(d for d in chosen if self.story.docs[d].compared)

    def named(self, stating: list[int]) -> tuple[int, list[int]]:
        """The one document a claim is credited to (an original first, else the first stating
        it) and the other documents of its source that repeat it."""
        first = min(stating, key=lambda d: (d not in self.originals, d))
        return first, sorted(set(stating) - {first})

    def windows_with(self, key: str) -> list[tuple[int, int]]:
        """The (document, first sentence) of every run of ``claim_quote_sentences`` sentences
        holding the content word ``key``: an index built once per story, so each quote is
        looked up, not compared with every run of every document."""
        if self._windows is None:
            self._windows = defaultdict(list)
            size = self.story.settings.claim_quote_sentences
            for doc in sorted(self.story.docs):
                sentences = self.story.docs[doc].layout.sentences
                for first in range(len(sentences)):
                    span = (sentences[first][0], sentences[min(first + size, len(sentences)) - 1][1])
                    for word in self.sentence_words(doc, span):
                        self._windows[word].append((doc, first))
        return self._windows.get(key, [])

    def sentence_words(self, doc: int, span: tuple[int, int]) -> frozenset[str]:
        return self.story.content_words_at(doc, span)


# --- numbers ---------------------------------------------------------------------------------------


def _lone_numbers(sources: _Sources, sources_stating: Callable[[tuple[str, float]], int]) -> list[Finding]:
    settings = sources.story.settings
    stating: dict[tuple[tuple[str, int], tuple[str, float]], list[tuple[int, NumberFact]]] = defaultdict(list)
    for doc in sorted(sources.story.docs):
        for number in sources.facts[doc].numbers:
            key = claim_key(number, settings.claim_digits)
            if key and _specific(number, settings.claim_min_count):
                stating[(sources.owner(doc, number.span), key)].append((doc, number))
    owners_of_key: dict[tuple[str, float], set[tuple[str, int]]] = defaultdict(set)
    for owner, key in stating:
        owners_of_key[key].add(owner)
    lone = [
        (key, owner, members)
        for (owner, key), members in stating.items()
        if sources.may_report(owner)
        and len(owners_of_key[key]) == 1
        and sources_stating(key) <= 1
        and not _number_elsewhere(sources, owner, *members[0])
    ]
    lone.sort(key=lambda item: (-abs(item[0][1]), item[0][0]))
    return [_number_finding(sources, owner, members) for _, owner, members in lone[: settings.claims_per_story]]


def _specific(number: NumberFact, min_count: int) -> bool:
    """A claim someone could check: a named thing, an exact figure ("scores of fans" and "tens of
    thousands" are not), and a value beyond the small counts of prose."""
    if not _exact(number.text):
        return False
    return number.kind != "count" or number.value >= min_count


def _exact(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(w in _EXACT_NUMBER_WORDS for w in _WORD.findall(text.lower()))


def _number_elsewhere(sources: _Sources, owner: tuple[str, int], doc: int, number: NumberFact) -> bool:
    """Whether another independent source of the story states the same value about the same
    thing, whatever it calls it: the same head noun, or a sentence sharing the claim's context."""
    settings = sources.story.settings
    value = _rounded(number.value, settings.claim_digits)
    context = sources.sentence_words(doc, number.sentence_span)
    for other in sources.others(owner):
        for candidate in sources.facts[other].numbers:
            if _rounded(candidate.value, settings.claim_digits) != value:
                continue
            if candidate.head and candidate.head == number.head:
                return True
            words = sources.sentence_words(other, candidate.sentence_span)
            if same_context(context, words, settings.claim_context_words, settings.number_context_share):
                return True
    return False


def _number_finding(sources: _Sources, owner: tuple[str, int], members: list[tuple[int, NumberFact]]) -> Finding:
    doc, repeated = sources.named(sorted({d for d, _ in members}))
    number = next(n for d, n in members if d == doc)
    summary = f'Only {sources.story.label(doc)} states "{number.text}"; {_absent_from(sources, owner)}.'
    claim = _Claim("number", number.text, "a figure with what it counts", number.head is not None, abs(number.value))
    return _claim_finding(sources, owner, doc, repeated, number, claim, summary)


@dataclass(frozen=True)
class _Claim:
    kind: str  # "number" or "quote"
    text: str
    specific: str  # why it is checkable, for the basis
    named_thing: bool  # the counted thing or the speaker is named
    weight: float


def _claim_finding(
    sources: _Sources,
    owner: tuple[str, int],
    doc: int,
    repeated: list[int],
    fact: NumberFact | QuoteFact,
    claim: _Claim,
    summary: str,
) -> Finding:
    """The finding for a claim credited to ``doc`` (its copies ``repeated``), with its evidence."""
    details = {
        "claim_kind": claim.kind,
        "document": doc,
        "claim": claim.text,
        "repeated_by": repeated,
        "other_sources": _checked_against(sources, owner),
    }
    confidence, basis = _confidence(sources, owner, claim.named_thing, claim.specific)
    evidence = (evidence_at(sources.story, doc, fact.span, fact.sentence_span),)
    return Finding("single_source", summary, evidence, details, claim.weight, confidence, basis)


# --- quotes ----------------------------------------------------------------------------------------


def _lone_quotes(sources: _Sources) -> list[Finding]:
    """Attributed quotes that only one of a story's independent sources carries; versions of
    one quote within that source (takes, copies, a quote split in two) make one finding."""
    settings = sources.story.settings
    stated = [
        (doc, q)
        for doc in sorted(sources.story.docs)
        for q in sources.facts[doc].quotes
        if q.speaker and len(quote_words(q)) >= settings.claim_quote_min_words
    ]
    owners = [sources.owner(doc, q.span) for doc, q in stated]
    carried_elsewhere, within = set(), []
    for i, j in sorted(quote_candidates([q for _, q in stated], settings)):
        if not same_quote(stated[i][1], stated[j][1], settings.same_quote_share):
            continue
        if owners[i] == owners[j]:
            within.append((i, j))
        else:
            carried_elsewhere |= {i, j}
    lone = []
    for group in _quote_groups(len(stated), within):
        if carried_elsewhere & group:
            continue
        first = min(group)
        owner = owners[first]
        if sources.may_report(owner) and not _quote_elsewhere(sources, owner, stated[first][1]):
            lone.append((owner, [stated[i] for i in sorted(group)]))
    return [_quote_finding(sources, owner, members) for owner, members in lone[: settings.claims_per_story]]


def _quote_groups(count: int, links: list[tuple[int, int]]) -> list[set[int]]:
    """Every quote's group of versions (a quote matching no other is a group of its own), in order."""
    return [set(group) for group in components(range(count), links)]


def _quote_elsewhere(sources: _Sources, owner: tuple[str, int], quote: QuoteFact) -> bool:
    """Whether another independent source has the quote's words, quoted or not, reworded or
    split: ``claim_quote_sentences`` consecutive sentences of it hold ``claim_quote_share`` of
    the quote's distinctive words."""
    settings = sources.story.settings
    keys = content_words(" ".join(distinctive_words(quote, settings.distinctive_word_length)))
    if not keys:
        return False
    others = set(sources.others(owner))
    hits = Counter(window for key in keys for window in sources.windows_with(key) if window[0] in others)
    return any(count >= settings.claim_quote_share * len(keys) for count in hits.values())


def _quote_finding(sources: _Sources, owner: tuple[str, int], members: list[tuple[int, QuoteFact]]) -> Finding:
    doc, repeated = sources.named(sorted({d for d, _ in members}))
    quote = next(q for d, q in members if d == doc)
    words = quote_words(quote)
    shown = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    summary = (
        f'Only {sources.story.label(doc)} quotes {quote.speaker} saying "{shown}"; {_absent_from(sources, owner)}.'
    )
    claim = _Claim("quote", quote.quote, "a direct quote with its speaker", True, len(words))
    return _claim_finding(sources, owner, doc, repeated, quote, claim, summary)


def _confidence(
    sources: _Sources, owner: tuple[str, int], named_thing: bool, specific: str
) -> tuple[float, tuple[str, ...]]:
    """More independent sources that could have carried a claim and do not make its being
    single-source more telling; a thing counted without a head noun is less checkable."""
    other_sources = _checked_against(sources, owner)
    confidence = 0.4 + 0.15 * min(other_sources, 3) + (0.05 if named_thing else 0.0)
    if owner[0] == "own":
        where = f"the story's {plural(len(sources.others(owner)), 'other document')}"
    else:
        where = plural(other_sources, "other independent source")
    return min(confidence, 0.95), (specific, f"looked for in {where}, verbatim and reworded")


def _checked_against(sources: _Sources, owner: tuple[str, int]) -> int:
    """How many independent sources the claim was looked for in."""
    return len({sources.group_of[d] for d in sources.others(owner)})


def _absent_from(sources: _Sources, owner: tuple[str, int]) -> str:
    """Where the claim was looked for and not found, in words."""
    if owner[0] != "own":
        return f"it is not found in {_plural_sources(_checked_against(sources, owner))} of the story"
    doc = owner[1]
    others = sources.story.labels(sources.others(owner))
    reused = sources.reused_by(doc)
    where = f"none of the story's other documents ({others}) carries it"
    return where + (f", though it otherwise reuses {sources.story.labels(reused)}" if reused else "")


def _plural_sources(count: int) -> str:
    return "the other independent source" if count == 1 else f"the {count} other independent sources"


def _rounded(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")
