"""The stages put together: sign, find candidates, verify, cluster and tell siblings.

Each stage is a pure function over a batch, so a caller can run them one by
one (and cache or distribute them) or all at once with ``find_duplicates``:

1. ``compute_signature`` per document (a map);
2. ``candidate_pairs`` over all signatures (or ``CandidateIndex`` one document at a time);
3. ``compare_documents`` per candidate pair (a map over pairs; needs both texts);
4. ``sibling_aware_result`` over the linked pairs (small: one machine): ``cluster_documents``,
   and the pairs two texts share through common sources set apart as siblings (``siblings``).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from corpuskit.dupes.align import AlignedPassage, Alignment, Profile, align, profile
from corpuskit.dupes.boilerplate import boilerplate_of
from corpuskit.dupes.classify import judge
from corpuskit.dupes.edits import WordChange, classify_edits, word_changes
from corpuskit.dupes.index import candidate_pairs
from corpuskit.dupes.model import DEFAULT_SETTINGS, DocInput, DupesResult, DupesSettings, PairResult, Passage
from corpuskit.dupes.siblings import sibling_aware_result
from corpuskit.dupes.signatures import Signature, compute_signature
from corpuskit.dupes.text import TextUnits, analyse, normalized_text

__all__ = [
    "find_duplicates",
    "split_shared_quotes",
    "compare_documents",
    "could_link",
    "verify_pairs",
    "diff_texts",
    "DiffPassage",
    "passage_edits",
]

# Analysed texts kept for reuse while verifying pairs (a few MB each thousand).
PROFILE_CACHE_SIZE = 4096


def find_duplicates(
    docs: Sequence[DocInput],
    settings: DupesSettings = DEFAULT_SETTINGS,
    signatures: Mapping[int, Signature] | None = None,
) -> DupesResult:
    """Every linked pair, the sibling pairs and the clusters of a batch of documents.

    ``signatures`` may hold stored signatures (made with the same
    ``settings.signature_key()``); missing ones are computed.  Each outlet's
    boilerplate is learnt from ``docs`` (``boilerplate``) and ignored in its pairs.
    """
    started = time.perf_counter()
    by_id = {doc.id: doc for doc in docs}
    signed = {doc.id: (signatures or {}).get(doc.id) or compute_signature(doc.text, settings) for doc in docs}
    candidates = candidate_pairs(signed, settings)
    searched = time.perf_counter()
    ignore = boilerplate_of(docs, settings)
    learnt = time.perf_counter()
    pairs, quotes = split_shared_quotes(verify_pairs(by_id, candidates, settings, ignore=ignore))
    verified = time.perf_counter()
    result = sibling_aware_result(pairs, settings)
    stats = {
        "documents": len(docs),
        "candidate_pairs": len(candidates),
        "linked_pairs": len(result.pairs),
        "sibling_pairs": len(result.siblings),
        "boilerplate_sentences": sum(len(found) for found in ignore.values()),
        "seconds_signatures_and_search": round(searched - started, 3),
        "seconds_boilerplate": round(learnt - searched, 3),
        "seconds_verification": round(verified - learnt, 3),
        "seconds_clustering": round(time.perf_counter() - verified, 3),
    }
    return replace(result, stats=stats, shared_quotes=tuple(quotes))


def split_shared_quotes(results: Iterable[PairResult]) -> tuple[list[PairResult], list[PairResult]]:
    """(linked pairs, pairs that share only quotations)."""
    pairs: list[PairResult] = []
    quotes: list[PairResult] = []
    for result in results:
        (quotes if result.relation == "shared_quotes" else pairs).append(result)
    return pairs, quotes


def verify_pairs(
    docs: Mapping[int, DocInput],
    candidates: Iterable[tuple[int, int]],
    settings: DupesSettings = DEFAULT_SETTINGS,
    units: Mapping[int, TextUnits] | None = None,
    ignore: Mapping[int, frozenset[int]] | None = None,
) -> list[PairResult]:
    """Align and judge candidate pairs; linked pairs come back, and pairs that share only
    quotations (relation ``shared_quotes``; ``split_shared_quotes`` sets them apart).

    ``ignore`` maps a document id to the indices of sentences (of
    ``analyse(text).sentences``) that are no evidence in any pair: its
    outlet's boilerplate (``boilerplate.boilerplate_of``).

    Each text is analysed once for all its pairs while it is in a bounded
    cache (pairs sorted by id keep a document's pairs together), so memory
    does not grow with the corpus.
    """
    profiles: OrderedDict[int, Profile] = OrderedDict()

    def profile_of(doc: DocInput) -> Profile:
        if doc.id in profiles:
            profiles.move_to_end(doc.id)
        else:
            analysed = (units or {}).get(doc.id) or analyse(doc.text)
            profiles[doc.id] = profile(analysed, settings, (ignore or {}).get(doc.id, frozenset()))
            if len(profiles) > PROFILE_CACHE_SIZE:
                profiles.popitem(last=False)
        return profiles[doc.id]

    results = []
    for left, right in sorted((min(pair), max(pair)) for pair in candidates):
        a, b = docs[left], docs[right]
        result = compare_documents(a, b, settings, profile_of(a), profile_of(b))
        if result is not None:
            results.append(result)
    return results


def compare_documents(
    a: DocInput,
    b: DocInput,
    settings: DupesSettings = DEFAULT_SETTINGS,
    prepared_a: TextUnits | Profile | None = None,
    prepared_b: TextUnits | Profile | None = None,
) -> PairResult | None:
    """The relation of two documents, or None when they are not linked.

    Two documents that share only quotations come back with the relation
    ``shared_quotes``: not a copy pair (``split_shared_quotes`` sets them apart).

    ``prepared_a``/``prepared_b`` may carry the texts already analysed
    (``analyse``) or profiled (``align.profile``), to share that work
    across the many pairs a document is in.
    """
    if a.id > b.id:
        a, b, prepared_a, prepared_b = b, a, prepared_b, prepared_a
    profile_a = _as_profile(prepared_a, a.text, settings)
    profile_b = _as_profile(prepared_b, b.text, settings)
    units_a, units_b = profile_a.units, profile_b.units
    exact = bool(profile_a.text_key) and profile_a.text_key == profile_b.text_key
    if not exact and not could_link(profile_a, profile_b, settings):
        return None
    alignment = _whole_text_alignment(units_a, units_b) if exact else align(profile_a, profile_b, settings)
    verdict = judge(a, b, alignment, settings, exact=exact)
    if not verdict.linked and not verdict.shared_quotes:
        return None
    passages = tuple(
        Passage(
            p.a,
            p.b,
            round(p.similarity, 4),
            () if exact else passage_edits(units_a, units_b, p, alignment.respelled, settings),
        )
        for p in verdict.passages
    )
    return PairResult(
        a=a.id,
        b=b.id,
        relation=verdict.relation,
        score=verdict.score,
        share_a=round(verdict.share_a, 4),
        share_b=round(verdict.share_b, 4),
        direction=verdict.direction,
        passages=passages,
        direction_reason=verdict.reason,
    )


def could_link(a: Profile, b: Profile, settings: DupesSettings = DEFAULT_SETTINGS) -> bool:
    """False when no alignment of the two texts can reach ``min_share``: the costly alignment is skipped.

    An upper bound of ``align``'s shares, from word sets alone: a sentence
    can only be aligned when enough of its content words occur anywhere in
    the other text (``align._sources`` asks at least this before looking at
    windows), counting every name missing from the other text as possibly
    respelled there.  Unrelated candidates fail it in microseconds.
    """
    return max(_share_bound(a, b, settings), _share_bound(b, a, settings)) >= settings.min_share


def _share_bound(text: Profile, other: Profile, settings: DupesSettings) -> float:
    weak = min(settings.extend_containment, settings.sentence_containment)
    other_words = other.columns.keys()
    total = covered = 0
    ignored = text.ignored
    for index, (sentence, words) in enumerate(zip(text.units.sentences, text.content)):
        if ignored and index in ignored:
            continue  # in no share (``align``)
        total += sentence.length
        if len(words) < settings.min_matched_words:
            continue
        found = words & other_words
        present = len(found) + len((words & text.names) - found)
        if present >= max(settings.min_matched_words, weak * len(words)):
            covered += sentence.length
    return covered / total if total else 0.0


def passage_edits(
    a: TextUnits,
    b: TextUnits,
    passage: AlignedPassage,
    respelled: dict[str, str],
    settings: DupesSettings = DEFAULT_SETTINGS,
) -> tuple:
    """Edits sentence match by sentence match, so a phrase moved to another sentence is not an edit."""
    pieces = passage.pieces or ((passage.a, passage.b),)
    return tuple(
        edit for a_span, b_span in pieces for edit in classify_edits(a, b, a_span, b_span, respelled, settings)
    )


def _as_profile(prepared: TextUnits | Profile | None, text: str, settings: DupesSettings) -> Profile:
    if isinstance(prepared, Profile):
        return prepared
    return profile(prepared or analyse(text), settings)


def _whole_text_alignment(a: TextUnits, b: TextUnits) -> Alignment:
    whole = AlignedPassage((0, len(a.sentences)), (0, len(b.sentences)), _text_span(a), _text_span(b), 1.0)
    return Alignment((whole,), 1.0, 1.0, frozenset(range(len(a.sentences))), frozenset(range(len(b.sentences))))


def _text_span(units: TextUnits) -> tuple[int, int]:
    if not units.sentences:
        return (0, len(units.text))
    return (units.sentences[0].start, units.sentences[-1].end)


@dataclass(frozen=True)
class DiffPassage:
    """One aligned passage of ``corpuskit diff``: where it is, how similar, and the word diff."""

    passage: Passage
    changes: tuple[WordChange, ...]

    def to_json(self) -> dict:
        data = self.passage.to_json()
        data["changes"] = [[c.op, c.a, c.b] for c in self.changes]
        return data


def diff_texts(a_text: str, b_text: str, settings: DupesSettings = DEFAULT_SETTINGS) -> list[DiffPassage]:
    """Aligned passages of two texts with word-level changes, in the order of ``a``.

    Unlike ``compare_documents`` this never says "not linked": whatever
    aligns is shown, so a user can look at a weak pair too.
    """
    units_a, units_b = analyse(a_text), analyse(b_text)
    if normalized_text(a_text) == normalized_text(b_text) and a_text.strip():
        alignment = _whole_text_alignment(units_a, units_b)
    else:
        alignment = align(units_a, units_b, settings)
    result = []
    for p in alignment.passages:
        edits = passage_edits(units_a, units_b, p, alignment.respelled, settings)
        changes = word_changes(units_a, units_b, p.a, p.b)
        result.append(DiffPassage(Passage(p.a, p.b, round(p.similarity, 4), edits), tuple(changes)))
    return result
