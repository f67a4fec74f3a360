"""``quote_variant`` findings: one quote reproduced with different wording.

Quotes are matched across documents by their words (a reworded quote still
shares most of them) or by one speaker saying overlapping words; identical
quotes agree and are not reported.  The diff is word by word, so "loads of"
against "many" shows as one replacement.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from corpuskit.facts.model import Facts, QuoteFact
from corpuskit.report.context import StoryContext, evidence_of
from corpuskit.report.grouping import components, pairs_sharing
from corpuskit.report.model import Finding
from corpuskit.report.settings import ReportSettings

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def quote_variant_findings(story: StoryContext, facts: dict[int, Facts]) -> list[Finding]:
    settings = story.settings
    stated = [
        (doc, q)
        for doc in sorted(story.docs)
        for q in facts[doc].quotes
        if len(quote_words(q)) >= settings.quote_min_words
    ]
    # Quotes that share few distinctive words cannot be one quote: only the others are compared word by word.
    candidates = quote_candidates([q for _, q in stated], settings)
    links = [
        (i, j)
        for i, j in sorted(candidates)
        if stated[i][0] != stated[j][0] and same_quote(stated[i][1], stated[j][1], settings.same_quote_share)
    ]
    findings = []
    for group in components(links):
        members = [stated[i] for i in sorted(group)]
        versions = _versions(members)
        if len(versions) > 1:
            findings.append(_finding(story, members, versions))
    return findings


def quote_words(quote: QuoteFact) -> list[str]:
    return _WORD.findall(quote.quote.replace("\u2019", "'"))


def quote_candidates(quotes: list[QuoteFact], settings: ReportSettings) -> set[tuple[int, int]]:
    """Index pairs of the quotes that share enough distinctive words to be compared."""
    keys = [distinctive_words(q, settings.distinctive_word_length) for q in quotes]
    return pairs_sharing(keys, settings.quote_shared_words, settings.common_key)


def same_quote(a: QuoteFact, b: QuoteFact, share: float) -> bool:
    """At least ``share`` of the shorter quote's words, in order, are in the other one."""
    words_a, words_b = quote_keys(a), quote_keys(b)
    matched = sum(block.size for block in SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks())
    return matched >= share * min(len(words_a), len(words_b))


def word_diff(a: str, b: str) -> list[list[str]]:
    """``[op, a words, b words]`` runs turning ``a`` into ``b``; ops as in difflib."""
    words_a, words_b = a.split(), b.split()
    keys_a, keys_b = [_key(w) for w in words_a], [_key(w) for w in words_b]
    return [
        [op, " ".join(words_a[i1:i2]), " ".join(words_b[j1:j2])]
        for op, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    ]


def distinctive_words(quote: QuoteFact, min_length: int) -> frozenset[str]:
    """The quote's content words: what two versions of one quote keep in common."""
    return frozenset(w for w in quote_keys(quote) if len(w) >= min_length)


def quote_keys(quote: QuoteFact) -> list[str]:
    return [w.casefold() for w in quote_words(quote)]


def _key(word: str) -> str:
    return "".join(_WORD.findall(word.replace("\u2019", "'"))).casefold()


def _versions(members: list[tuple[int, QuoteFact]]) -> list[dict]:
    versions: dict[tuple[str, ...], dict] = {}
    for doc, quote in members:
        entry = versions.setdefault(tuple(quote_keys(quote)), {"text": quote.quote, "documents": []})
        if doc not in entry["documents"]:
            entry["documents"].append(doc)
    return list(versions.values())


def _finding(story: StoryContext, members: list[tuple[int, QuoteFact]], versions: list[dict]) -> Finding:
    speakers = [q.speaker for _, q in members if q.speaker]
    speaker = Counter(speakers).most_common(1)[0][0] if speakers else None  # ties: the first named
    diff = word_diff(versions[0]["text"], versions[1]["text"])
    changed = [d for d in diff if d[0] != "equal"]
    shown = "; ".join(
        f'"{d[1]}" → "{d[2]}"' if d[1] and d[2] else f'"{d[1] or d[2]}" {"dropped" if d[1] else "added"}'
        for d in changed[:3]
    )
    who = f"A quote attributed to {speaker}" if speaker else "A quote"
    summary = (
        f"{who} is worded differently in {len(versions)} versions ({story.labels(d for d, _ in members)}): {shown}."
    )
    details = {"speaker": speaker, "versions": versions, "diff": diff}
    return Finding("quote_variant", summary, evidence_of(story, members), details, weight=len({d for d, _ in members}))
