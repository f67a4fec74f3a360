"""From an alignment to a verdict: is the pair linked, which relation, what score, who copied whom.

What counts as evidence.  Independent reports of one event share its
names, numbers and content words, and quote the same statements; what they
do not share is the reporter's own wording.  So each aligned passage is
typed (``passage_kind``): ``reuse`` when its words outside quotation marks
are worded alike (``passage_wording``, over at least ``min_narrative_words``
such words), ``quotation`` when little but quoted speech is shared (the
attribution of a mostly quoted sentence, "X said", counts as quotation),
``vocabulary`` otherwise (the same facts in other words).  Only reuse
passages make a pair; a pair whose passages are only quotations is
returned with the relation ``shared_quotes`` -- not a copy, listed apart.
A linked pair shows its reuse and quotation passages.  A credit line ("X
reported") is itself evidence of use: then every passage counts.

Direction evidence, strongest first:

1. a credit line: one text says "X reported", "according to X", "told X"
   (and the like) where X is the other text's outlet -- the crediting text
   was written from the credited outlet's;
2. publication dates: the earlier text is the source;
3. containment: most of one text (``rewrite_share``) is inside the other
   and the other adds at least a third of its own (``containment_min_additions``)
   -- the longer text was built on the shorter.

A pair is linked when ``min_share`` of the copy is reused, or -- when a
credit or the dates say which is the source -- ``min_share`` of the source
was taken in passages of at least ``sequence_sentences`` sentences: a long
article built around part of a short original.  Dates order a pair; they
never remove a link the text supports.  When nothing tells the direction,
``min_share`` of either text will do.

The relation is measured on the copy (the more covered text when the
direction is unknown): ``near_copy`` when at least ``near_copy_share`` of it
is inside passages at least ``near_copy_similarity`` alike -- a verbatim copy
of the whole source or of part of it; ``rewrite`` when ``rewrite_share`` of
it is inside reworded passages; else ``partial``; ``exact`` for equal texts.

The score is the larger share, weighted by how close the wording is:
``max(share) * (0.5 + 0.5 * similarity)``; 1.0 for an exact copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from corpuskit.documents import publication_order
from corpuskit.dupes.align import AlignedPassage, Alignment
from corpuskit.dupes.model import DEFAULT_SETTINGS, Direction, DocInput, DupesSettings, Relation
from corpuskit.text.credits import credits

__all__ = ["Verdict", "judge", "passage_kind", "direction_of", "credits", "date_order"]


@dataclass(frozen=True)
class Verdict:
    linked: bool
    relation: Relation | Literal["shared_quotes"]
    score: float
    direction: Direction | None
    reason: str | None
    passages: tuple[AlignedPassage, ...] = ()  # the passages the verdict stands on
    share_a: float = 0.0  # share of each text inside those passages
    share_b: float = 0.0

    @property
    def shared_quotes(self) -> bool:
        """Not a copy: the two texts share quotations (and no more than the event's facts around them)."""
        return self.relation == "shared_quotes"


PassageKind = Literal["reuse", "quotation", "vocabulary"]


def passage_kind(passage: AlignedPassage, settings: DupesSettings = DEFAULT_SETTINGS) -> PassageKind:
    """What an aligned passage is evidence of.

    ``reuse``: the words outside quotation marks (at least ``min_narrative_words`` on
    each side) are worded alike (``passage_wording``) -- the reporter's own phrasing was
    taken.  ``quotation``: little but quoted words in common -- two reports of one
    statement.  ``vocabulary``: the same names and facts in other words -- two reports of
    one event.
    """
    if passage.narrative_words >= settings.min_narrative_words:
        return "reuse" if passage.narrative_similarity >= settings.passage_wording else "vocabulary"
    return "quotation" if passage.quoted > 0 else "vocabulary"


def judge(
    a: DocInput,
    b: DocInput,
    alignment: Alignment,
    settings: DupesSettings = DEFAULT_SETTINGS,
    exact: bool = False,
) -> Verdict:
    """Linked, shared quotes only, or neither; the relation, score and direction (module docstring)."""
    kinds = [passage_kind(p, settings) for p in alignment.passages]
    shown = _narrowed(alignment, [p for p, k in zip(alignment.passages, kinds) if k != "vocabulary"])
    direction, reason = direction_of(a, b, shown, settings)
    if exact or reason == "credit":  # a credit line is itself evidence of use: every passage counts
        evidence = shown = alignment
    else:
        evidence = _narrowed(alignment, [p for p, k in zip(alignment.passages, kinds) if k == "reuse"])
    linked = exact or _supported(evidence, direction, reason, settings)
    if not linked:
        quotes = _narrowed(alignment, [p for p, k in zip(alignment.passages, kinds) if k == "quotation"])
        if not quotes.passages:
            return Verdict(False, "partial", 0.0, None, None)
        return Verdict(
            False, "shared_quotes", _score(quotes), None, None, quotes.passages, quotes.share_a, quotes.share_b
        )
    similarity = weighted_similarity(shown)
    copy = _copy_share(shown, direction, reason)
    relation = _relation(copy, similarity, settings, exact)
    score = 1.0 if exact else _score(shown)
    return Verdict(True, relation, score, direction, reason, shown.passages, shown.share_a, shown.share_b)


def _supported(evidence: Alignment, direction: Direction | None, reason: str | None, settings: DupesSettings) -> bool:
    """Does the reused wording make a pair?  ``min_share`` of the copy, or of the source when
    it was taken in sequences of at least ``sequence_sentences`` sentences (a long article
    built around part of a short one); when nothing tells which is the copy, of either."""
    copy = _copy_share(evidence, direction, reason)
    if copy >= settings.min_share:
        return True
    if not (direction and reason in ("credit", "dates")):
        return False
    runs = [p for p in evidence.passages if _sentences(p) >= settings.sequence_sentences]
    source = _narrowed(evidence, runs)
    return (source.share_a if direction == "a->b" else source.share_b) >= settings.min_share


def _sentences(passage: AlignedPassage) -> int:
    return min(passage.a_sentences[1] - passage.a_sentences[0], passage.b_sentences[1] - passage.b_sentences[0])


def _narrowed(alignment: Alignment, passages: list[AlignedPassage]) -> Alignment:
    """The alignment restricted to some of its passages, with the shares of their aligned sentences
    (a passage may also hold a neighbour of an aligned sentence, which is not counted)."""
    a_sentences = {i for p in passages for i in range(*p.a_sentences)} & alignment.aligned_a
    b_sentences = {j for p in passages for j in range(*p.b_sentences)} & alignment.aligned_b
    return replace(
        alignment,
        passages=tuple(passages),
        share_a=_share(alignment.lengths_a, a_sentences),
        share_b=_share(alignment.lengths_b, b_sentences),
        aligned_a=frozenset(a_sentences),
        aligned_b=frozenset(b_sentences),
    )


def _share(lengths: tuple[int, ...], sentences: set[int]) -> float:
    total = sum(lengths)
    return sum(lengths[i] for i in sentences if i < len(lengths)) / total if total else 0.0


def _score(alignment: Alignment) -> float:
    """The larger share, weighted by how close the wording is."""
    top = max(alignment.share_a, alignment.share_b)
    return round(top * (0.5 + 0.5 * weighted_similarity(alignment)), 4)


def weighted_similarity(alignment: Alignment) -> float:
    """Mean passage similarity, weighted by passage length (both sides)."""
    weights = [(p.a[1] - p.a[0]) + (p.b[1] - p.b[0]) for p in alignment.passages]
    if not sum(weights):
        return 0.0
    return sum(w * p.similarity for w, p in zip(weights, alignment.passages)) / sum(weights)


def _copy_share(alignment: Alignment, direction: Direction | None, reason: str | None) -> float:
    """The share of the derived text found in its source.

    Only credits and dates say which text is the copy; otherwise either text
    may be, and the more covered one is taken (see the module docstring).
    """
    if direction and reason in ("credit", "dates"):
        return alignment.share_b if direction == "a->b" else alignment.share_a
    return max(alignment.share_a, alignment.share_b)


def _relation(copied: float, similarity: float, settings: DupesSettings, exact: bool) -> Relation:
    """``near_copy``: the copy is nearly all the source's words (of all of it or of a part);
    ``rewrite``: most of it comes from the source, reworded; else ``partial``."""
    if exact:
        return "exact"
    verbatim = similarity >= settings.near_copy_similarity
    if copied >= settings.near_copy_share and verbatim:
        return "near_copy"
    if copied >= settings.rewrite_share and not verbatim:
        return "rewrite"
    return "partial"


# ---------------------------------------------------------------------------
# Direction
# ---------------------------------------------------------------------------


def direction_of(
    a: DocInput, b: DocInput, alignment: Alignment, settings: DupesSettings = DEFAULT_SETTINGS
) -> tuple[Direction | None, str | None]:
    """("a->b" | "b->a" | None, reason) where "a->b" means b was derived from a."""
    a_credits_b, b_credits_a = credits(a.text, b.outlet, a.outlet), credits(b.text, a.outlet, b.outlet)
    if a_credits_b != b_credits_a:
        return ("b->a", "credit") if a_credits_b else ("a->b", "credit")
    order = date_order(a.published, b.published)
    if order:
        return order, "dates"
    contained = _containment_order(alignment, settings)
    if contained:
        return contained, "containment"
    return None, None


def date_order(first: str | None, second: str | None) -> Direction | None:
    """Which date is earlier: "a->b" when ``first`` is, "b->a" when ``second`` is, None when
    equal or not comparable (``corpuskit.documents.publication_order``: a date without a
    time compares by day only, so it is not earlier or later than a date-time that day)."""
    order = publication_order(first, second)
    if not order:
        return None
    return "a->b" if order < 0 else "b->a"


def _containment_order(alignment: Alignment, settings: DupesSettings) -> Direction | None:
    """The text mostly found in the other is its source when the other adds enough of its own
    (``containment_min_additions``, a third by default)."""
    a, b = alignment.share_a, alignment.share_b
    kept = 1 - settings.containment_min_additions
    if a >= settings.rewrite_share and b <= a * kept:
        return "a->b"
    if b >= settings.rewrite_share and a <= b * kept:
        return "b->a"
    return None
