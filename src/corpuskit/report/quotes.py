"""``quote_variant`` findings: one quote reproduced with different wording.

Quotes are matched across documents by their words (a reworded quote still
shares most of them); quotes two different named speakers said are never one
(a question and its answer).  Two versions are compared only where they
align: what one has beyond the other's ends is a cut, not a change, so a
quote cut short, or the wire's consecutive sentences joined by a paper,
differs in nothing.  Inside the aligned part a change is a misquote only when
it changes content words: typography, case, diacritics, digits against number
words, singular and plural and punctuation fold into the word keys
(``word_key``), and a dropped filler word ("so", "that", an article) or
courtesy title is minor (``minor_differences``, never a finding).  Words a
version lacks that its own document carries right there (the quote was cut
at a speech tag) are not missing.  The diff is word by word, so "loads of"
against "many" shows as one replacement.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial

from anyascii import anyascii

from corpuskit.entities.names import token_edits
from corpuskit.facts.model import Facts, QuoteFact
from corpuskit.report.context import StoryContext, evidence_of
from corpuskit.report.grouping import pairs_sharing
from corpuskit.report.model import Finding
from corpuskit.report.names import spelling_key
from corpuskit.report.settings import ReportSettings
from corpuskit.text import lexicon
from corpuskit.text.lexicon import (
    CONTRACTIONS,
    FUNCTION_WORDS,
    GRAMMAR_FORMS,
    QUOTE_FILLER_WORDS,
    TITLE_ABBREVIATIONS,
    TITLES,
)
from corpuskit.text.words import WORD, word_key

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_POSSESSIVE = re.compile(r"\w['\u2019]s\b|\ws['\u2019](?!\w)")  # "Rustam's", "the parents'"; not "O'Neill"
_COURTESY = TITLES | frozenset(TITLE_ABBREVIATIONS)
_CHANGE_BASIS = {
    "replace": "content words replaced",
    "delete": "content words dropped",
    "insert": "content words added",
}

Stated = tuple[int, QuoteFact]  # a quote with its document
Pair = tuple[int, int]
Scored = tuple[float, tuple[str, ...]]  # a confidence and its basis
# Whether the version lacking a run of words (0: a, 1: b) lacks them only in its quote: (side, the
# word index where they are missing, the run with a neighbour on either side) -> bool.
Carries = Callable[[int, int, tuple[tuple[str, ...], ...]], bool]


@dataclass(frozen=True)
class Change:
    """One changed run inside the aligned part of two versions: ``kind`` is "content", "minor" (a
    filler word or title) or "carried" (the shorter version's document has the words there)."""

    op: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    kind: str

    def as_diff(self) -> list[str]:
        return [self.op, " ".join(self.old), " ".join(self.new)]


@dataclass(frozen=True)
class Comparison:
    """Two versions of one quote compared where they align."""

    diff: tuple[tuple[str, str, str], ...]  # (op, a words, b words) over the aligned part only
    changes: tuple[Change, ...]
    matched: int  # words equal in both
    shorter: int  # words of the shorter version
    within: tuple[bool, bool]  # whether all of a's words, and all of b's, are in the aligned part

    @property
    def whole(self) -> bool:
        """Nothing cut at either end."""
        return all(self.within)

    @property
    def content(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == "content")

    @property
    def identical(self) -> bool:
        return self.whole and not self.changes


def quote_variant_findings(story: StoryContext, facts: dict[int, Facts]) -> list[Finding]:
    stated, compared = _compared(story, facts)
    scored = {
        pair: _confidence(story, stated[pair[0]], stated[pair[1]], comparison)
        for pair, comparison in compared.items()
        if comparison.content
    }
    findings = []
    for pair, members in _clusters(scored, compared):
        findings.append(_finding(story, stated, pair, members, compared[pair], scored[pair]))
    return findings


def _clusters(scored: dict[Pair, Scored], compared: dict[Pair, Comparison]) -> list[tuple[Pair, list[int]]]:
    """Each changed pair, strongest first, with its versions elsewhere: the quotes identical or
    changed against either of its two, or holding all of one of them unchanged (each quote in one
    finding).  One step only, not chains: two sentences a paper joined are each one quote of the
    join, not versions of each other through it."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for (i, j), comparison in compared.items():
        if comparison.changes and not comparison.content:
            continue  # minor differences: a note, not a version
        if comparison.content or comparison.within[0]:
            neighbours[i].add(j)  # j holds i's words (changed or not)
        if comparison.content or comparison.within[1]:
            neighbours[j].add(i)
    taken: set[int] = set()
    clusters = []
    for pair in sorted(scored, key=lambda p: (-scored[p][0], p)):
        if taken.isdisjoint(pair):
            members = ({*pair} | neighbours[pair[0]] | neighbours[pair[1]]) - taken
            taken |= members
            clusters.append((pair, sorted(members)))
    return clusters


def minor_differences(story: StoryContext, facts: dict[int, Facts]) -> list[dict]:
    """Quotes whose versions differ only in minor ways (a filler word, a courtesy title), as plain
    data for one note per story: the two documents, the quote and its word changes."""
    stated, compared = _compared(story, facts)
    notes = []
    for (i, j), comparison in sorted(compared.items()):
        minor = [c.as_diff() for c in comparison.changes if c.kind == "minor"]
        if minor and not comparison.content:
            notes.append({"documents": [stated[i][0], stated[j][0]], "quote": stated[i][1].quote, "changes": minor})
    return notes


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


def distinctive_words(quote: QuoteFact, min_length: int) -> frozenset[str]:
    """The quote's content words: what two versions of one quote keep in common."""
    return frozenset(w for w in quote_keys(quote) if len(w) >= min_length)


def quote_keys(quote: QuoteFact) -> list[str]:
    return [w.casefold() for w in quote_words(quote)]


def different_speakers(a: QuoteFact, b: QuoteFact) -> bool:
    """Both quotes name a speaker and the names share no word: two people, so two quotes.  A
    description ("the farmer") may be either person, so it tells nothing."""
    names_a, names_b = _name_words(a.speaker), _name_words(b.speaker)
    return bool(names_a and names_b) and not _one_name(names_a, names_b)


def _name_words(speaker: str | None) -> set[str]:
    """The capitalised words of a speaker, titles and function words left out ("But Mr Farmer":
    farmer); none for a description ("the farmer", "Rustam's father"), which may be anyone."""
    if not speaker or _POSSESSIVE.search(speaker):
        return set()
    capitalised = [w for w in speaker.split() if w[:1].isupper()]
    return set(spelling_key(" ".join(capitalised))) - FUNCTION_WORDS - _COURTESY if capitalised else set()


def _one_name(a: set[str], b: set[str]) -> bool:
    """Some word of one speaker's name is a word of the other's, or that word respelt (Rustam/Rostam)."""
    return any(token_edits(x, y) is not None for x in a for y in b)


def compare_versions(a: str, b: str, anchor: int, carried: Carries | None = None) -> Comparison | None:
    """Two wordings compared where they align: between the first and the last run of at least
    ``anchor`` equal words (or the longest run, when shorter) or of words both versions begin or end
    with, or beyond them a shorter run that begins or ends one version and is no shorter than the
    change beside it (a longer change makes the short run a chance match in a cut); None when no
    word is shared.
    ``carried`` tells whether the version lacking some words has them in its document, to tell a
    missing word from a cut."""
    words_a, words_b = WORD.findall(a), WORD.findall(b)
    keys_a, keys_b = [word_key(w) for w in words_a], [word_key(w) for w in words_b]
    opcodes = SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    runs = [i2 - i1 if op == "equal" else 0 for op, i1, i2, _, _ in opcodes]
    if not any(runs):
        return None
    both_ends = (0, len(opcodes) - 1)  # equal words both versions begin (or end) with
    anchors = [n for n, run in enumerate(runs) if run >= min(anchor, max(runs)) or (run and n in both_ends)]
    first, last = anchors[0], anchors[-1]
    if first >= 2 and 0 in opcodes[first - 2][1::2] and runs[first - 2] >= _width(opcodes[first - 1]):
        first -= 2  # the quote's first words, then a change: "There were many" / "There were loads of"
    ends = (len(keys_a), len(keys_b))
    if (
        last + 2 < len(opcodes)
        and _ends_a_version(opcodes[last + 2], ends)
        and runs[last + 2] >= _width(opcodes[last + 1])
    ):
        last += 2  # a change, then the last words of a version: "went absolutely mad" / "went mad"
    aligned = opcodes[first : last + 1]
    changes = []
    for op, i1, i2, j1, j2 in aligned:
        if op != "equal":
            kind = _change_kind(op, (keys_a, i1, i2, words_a), (keys_b, j1, j2, words_b), carried)
            changes.append(Change(op, tuple(words_a[i1:i2]), tuple(words_b[j1:j2]), kind))
    spans_a, spans_b = [m.span() for m in WORD.finditer(a)], [m.span() for m in WORD.finditer(b)]
    return Comparison(
        diff=tuple(
            (op, _run_text(a, spans_a, i1, i2), _run_text(b, spans_b, j1, j2)) for op, i1, i2, j1, j2 in aligned
        ),
        changes=tuple(changes),
        matched=sum(i2 - i1 for op, i1, i2, _, _ in aligned if op == "equal"),
        shorter=min(len(keys_a), len(keys_b)),
        within=(_all_aligned(opcodes, aligned, 1), _all_aligned(opcodes, aligned, 3)),
    )


def _width(opcode: tuple) -> int:
    """Words of the longer side of a change."""
    _, i1, i2, j1, j2 = opcode
    return max(i2 - i1, j2 - j1)


def _ends_a_version(opcode: tuple, ends: tuple[int, int]) -> bool:
    _, _, i2, _, j2 = opcode
    return i2 == ends[0] or j2 == ends[1]


def _all_aligned(opcodes: list, aligned: list, start: int) -> bool:
    """Whether the cut runs hold no word of one version (``start``: 1 for a's, 3 for b's indexes)."""
    cut = [op for op in opcodes if op not in aligned]
    return all(op[start] == op[start + 1] for op in cut)


Side = tuple[list[str], int, int, list[str]]  # keys, start, end, surfaces of one version's run


def _change_kind(op: str, a: Side, b: Side, carried: Carries | None) -> str:
    (keys_a, i1, i2, words_a), (keys_b, j1, j2, words_b) = a, b
    old, new = keys_a[i1:i2], keys_b[j1:j2]
    if _letters(words_a[i1:i2]) == _letters(words_b[j1:j2]) or set(old + new) <= QUOTE_FILLER_WORDS:
        return "minor"  # "cheese-wire"/"cheese wire"; "so", "that" or an article
    if op == "replace" and _grammar_only(words_a[i1:i2], words_b[j1:j2]):
        return "minor"  # "was"/"were", "It's"/"This is": tense and agreement, not content
    if op == "replace" and (_one_amount(words_a[i1:i2], words_b[j1:j2]) or _acronym_of(words_a[i1:i2], words_b[j1:j2])):
        return "minor"  # "£1m"/"£1 million", "EC"/"European Commission": one thing written two ways
    if (
        op == "delete"
        and _title_before_name(old, words_a[i2])
        or op == "insert"
        and _title_before_name(new, words_b[j2])
    ):
        return "minor"
    if carried and op == "delete" and _carries(carried, 1, j1, keys_a, i1, i2):
        return "carried"
    if carried and op == "insert" and _carries(carried, 0, i1, keys_b, j1, j2):
        return "carried"
    return "content"


def _run_text(text: str, spans: list[tuple[int, int]], first: int, end: int) -> str:
    """Words ``first`` to ``end`` of a version as written, with the punctuation between them
    ("a choice. They were"), for the diff a reader sees."""
    return text[spans[first][0] : spans[end - 1][1]] if end > first else ""


_SCALE_SUFFIXES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion"}


def _one_amount(old: list[str], new: list[str]) -> bool:
    """Whether two runs write one amount ("1m" and "1 million", "2bn" and "2 billion")."""
    return len(old) + len(new) <= 4 and _amount(old) is not None and _amount(old) == _amount(new)


def _amount(words: list[str]) -> str | None:
    joined = "".join(words).casefold().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]*)", joined)
    if match is None:
        return None
    return match.group(1) + _SCALE_SUFFIXES.get(match.group(2), match.group(2))


def _acronym_of(old: list[str], new: list[str]) -> bool:
    """Whether one run is the other's initials ("EC" and "European Commission")."""
    short, long = (old, new) if len(old) < len(new) else (new, old)
    if len(short) != 1 or not short[0].isupper() or len(short[0]) < 2:
        return False
    initials = "".join(w[0] for w in long if w.casefold() not in lexicon.CONNECTIVES)
    return initials.upper() == short[0]


def _grammar_only(old: list[str], new: list[str]) -> bool:
    """Whether two runs of words (as written) differ only by forms of the same function words
    (``GRAMMAR_FORMS``), contractions written out ("it's" is "it is")."""
    old, new = _expanded(old), _expanded(new)
    return len(old) == len(new) and all(x == y or _same_form(x, y) for x, y in zip(old, new))


def _same_form(x: str, y: str) -> bool:
    return any(x in forms and y in forms for forms in GRAMMAR_FORMS)


def _expanded(surfaces: list[str]) -> list[str]:
    """Lower-case words with their punctuation stripped and contractions written out."""
    words = [re.sub(r"[^\w']", "", w.replace("\u2019", "'")).casefold() for w in surfaces]
    return [part for word in words for part in CONTRACTIONS.get(word, word).split()]


def _letters(words: list[str]) -> str:
    """The letters and digits of a run of words, for telling a word split or joined from a change."""
    return re.sub(r"\W|_", "", anyascii("".join(words)).casefold())


def _title_before_name(keys: list[str], following: str) -> bool:
    """ "Mr" dropped before "Karimov": house style, not a misquote."""
    return set(keys) <= _COURTESY and following[:1].isupper()


def _carries(carried: Carries, side: int, at: int, keys: list[str], start: int, end: int) -> bool:
    run = tuple(keys[start:end])
    return carried(side, at, (tuple(keys[start - 1 : start]) + run, run + tuple(keys[end : end + 1])))


class _DocumentWords:
    """Each document's word keys, to find whether a version lacks words only in its quote: where
    two quoted parts meet (the words stand outside the quotation marks, as "he said" does), or
    anywhere next to a word they stand by in the other version (the quote was cut there)."""

    def __init__(self, story: StoryContext) -> None:
        self._story = story
        self._joined: dict[int, str] = {}

    def has(
        self, versions: tuple[Stated, Stated], side: int, at: int, neighboured: tuple[tuple[str, ...], ...]
    ) -> bool:
        document, quote = versions[side]
        if at in _part_starts(self._story.docs[document].text, quote):
            return True  # missing where one quoted part ends and the next begins: outside the quotation marks
        if document not in self._joined:
            words = WORD.findall(self._story.docs[document].text)
            self._joined[document] = " " + " ".join(word_key(w) for w in words) + " "
        return any(f" {' '.join(keys)} " in self._joined[document] for keys in neighboured)


def _part_starts(text: str, quote: QuoteFact) -> set[int]:
    """The word indexes of ``quote.quote`` where a quoted part after the first begins."""
    starts, words = set(), 0
    for start, end in quote.parts:
        if words:
            starts.add(words)
        words += len(WORD.findall(text, start, end))
    return starts


def _compared(story: StoryContext, facts: dict[int, Facts]) -> tuple[list[Stated], dict[Pair, Comparison]]:
    """The story's quotes, and the comparison of every pair (in different documents) taken as one
    quote; computed once a story, for its findings and its minor note."""
    if "quotes.compared" not in story.memo:
        story.memo["quotes.compared"] = _compare_all(story, facts)
    return story.memo["quotes.compared"]


def _compare_all(story: StoryContext, facts: dict[int, Facts]) -> tuple[list[Stated], dict[Pair, Comparison]]:
    settings = story.settings
    stated = [
        (doc, q)
        for doc in sorted(story.docs)
        for q in facts[doc].quotes
        if len(quote_words(q)) >= settings.quote_min_words
    ]
    # Quotes that share few distinctive words cannot be one quote: only the others are compared word by word.
    candidates = quote_candidates([q for _, q in stated], settings)
    words = _DocumentWords(story)
    compared = {}
    for i, j in sorted(candidates):
        (doc_i, a), (doc_j, b) = stated[i], stated[j]
        if doc_i == doc_j or story.same_outlet(doc_i, doc_j) or different_speakers(a, b):
            continue  # an outlet's own takes and updates are its wording, not a misquote of another's
        if not same_quote(a, b, settings.same_quote_share):
            continue
        carried = partial(words.has, (stated[i], stated[j]))
        comparison = compare_versions(a.quote, b.quote, settings.quote_anchor_words, carried)
        if comparison:
            compared[(i, j)] = comparison
    return stated, compared


def _confidence(story: StoryContext, a: Stated, b: Stated, comparison: Comparison) -> Scored:
    """How likely a changed pair is one quote misquoted, and why: how surely the versions are one
    quote, times the share of the shorter one's words the other has."""
    settings = story.settings
    (doc_a, quote_a), (doc_b, quote_b) = a, b
    if story.aligned(doc_a, quote_a.span, doc_b, quote_b.span):
        evidence, base = "in passages aligned as copies", settings.quote_aligned_confidence
    elif _one_name(_name_words(quote_a.speaker), _name_words(quote_b.speaker)):
        evidence, base = "same speaker named with both", settings.quote_speaker_confidence
    else:
        evidence, base = "matched by shared wording only", settings.quote_wording_confidence
    changed = sorted({_CHANGE_BASIS[c.op] for c in comparison.content})
    return base * comparison.matched / max(1, comparison.shorter), (*changed, evidence)


def _finding(
    story: StoryContext, stated: list[Stated], pair: Pair, group: list[int], comparison: Comparison, scored: Scored
) -> Finding:
    confidence, basis = scored
    members = [stated[i] for i in group]
    versions = _versions([stated[pair[0]], stated[pair[1]], *members])
    shown = "; ".join(
        f'"{" ".join(c.old)}" → "{" ".join(c.new)}"' if c.op == "replace" else _one_sided(c)
        for c in comparison.content[:3]
    )
    speakers = [q.speaker for _, q in members if q.speaker]
    speaker = Counter(speakers).most_common(1)[0][0] if speakers else None  # ties: the first named
    who = f"A quote attributed to {speaker}" if speaker else "A quote"
    summary = (
        f"{who} is worded differently in {len(versions)} versions ({story.labels(d for d, _ in members)}): {shown}."
    )
    details = {"speaker": speaker, "versions": versions, "diff": [list(d) for d in comparison.diff]}
    return Finding(
        "quote_variant",
        summary,
        evidence_of(story, members),
        details,
        weight=len({d for d, _ in members}),
        confidence=confidence,
        basis=basis,
    )


def _one_sided(change: Change) -> str:
    words = " ".join(change.old or change.new)
    return f'"{words}" {"dropped" if change.op == "delete" else "added"}'


def _versions(members: list[Stated]) -> list[dict]:
    """Each distinct wording with the documents that carry it, the compared pair first."""
    versions: dict[tuple[str, ...], dict] = {}
    for doc, quote in members:
        entry = versions.setdefault(
            tuple(word_key(w) for w in WORD.findall(quote.quote)), {"text": quote.quote, "documents": []}
        )
        if doc not in entry["documents"]:
            entry["documents"].append(doc)
    return list(versions.values())
