"""From an alignment to a verdict: is the pair linked, which relation, what score, who copied whom.

Direction evidence, strongest first:

1. a credit line: one text says "X reported", "according to X", "told X"
   (and the like) where X is the other text's outlet -- the crediting text
   was written from the credited outlet's;
2. publication dates: the earlier text is the source;
3. containment: most of one text (``rewrite_share``) is inside the other
   and the other adds at least a third of its own (``containment_min_additions``)
   -- the longer text was built on the shorter.

A pair is linked (reported) when ``min_share`` of either text is found in
the other.  When only publication dates tell the direction, the later text
is the would-be copy, and a small share of the earlier text found in it is
more often the same facts reported twice than copying: then ``min_share``
of the later text must come from the earlier one, unless most of the
earlier text (``rewrite_share``) is inside the later one -- a short source
taken whole into a long article.  A credit line is itself evidence of use,
so a credited pair needs no more than an undated one.

The relation is measured on the copy: the share of the derived text that
comes from the source (``rewrite_share`` or more: ``rewrite``, else
``partial``); ``near_copy`` when both texts are nearly all aligned by
nearly identical passages, ``exact`` when the texts are equal.  When only
containment (or nothing) tells the direction, the relation is measured on
the text that is more covered, because a short text can be taken wholly
from a longer one (a wire story cut down) as well as grow from it.

The score is the larger share, weighted by how close the wording is:
``max(share) * (0.5 + 0.5 * similarity)``; 1.0 for an exact copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpuskit.documents import publication_order
from corpuskit.dupes.align import Alignment
from corpuskit.dupes.model import DEFAULT_SETTINGS, Direction, DocInput, DupesSettings, Relation
from corpuskit.text.credits import credits

__all__ = ["Verdict", "judge", "direction_of", "credits", "is_linked", "date_order"]


@dataclass(frozen=True)
class Verdict:
    linked: bool
    relation: Relation
    score: float
    direction: Direction | None
    reason: str | None


def judge(
    a: DocInput,
    b: DocInput,
    alignment: Alignment,
    settings: DupesSettings = DEFAULT_SETTINGS,
    exact: bool = False,
) -> Verdict:
    direction, reason = direction_of(a, b, alignment, settings)
    similarity = weighted_similarity(alignment)
    source, copy = _source_and_copy_shares(alignment, direction, reason)
    relation = _relation(alignment, copy, similarity, settings, exact)
    top = max(alignment.share_a, alignment.share_b)
    score = 1.0 if exact else top * (0.5 + 0.5 * similarity)
    linked = exact or is_linked(source, copy, reason, settings)
    return Verdict(linked, relation, round(score, 4), direction, reason)


def is_linked(
    source_share: float, copy_share: float, reason: str | None, settings: DupesSettings = DEFAULT_SETTINGS
) -> bool:
    """Worth reporting?  See the module docstring; ``reason`` is what told the direction."""
    if reason == "dates":
        return copy_share >= settings.min_share or source_share >= settings.rewrite_share
    return max(source_share, copy_share) >= settings.min_share


def weighted_similarity(alignment: Alignment) -> float:
    """Mean passage similarity, weighted by passage length (both sides)."""
    weights = [(p.a[1] - p.a[0]) + (p.b[1] - p.b[0]) for p in alignment.passages]
    if not sum(weights):
        return 0.0
    return sum(w * p.similarity for w, p in zip(weights, alignment.passages)) / sum(weights)


def _source_and_copy_shares(
    alignment: Alignment, direction: Direction | None, reason: str | None
) -> tuple[float, float]:
    """(share of the source found in the copy, share of the copy found in the source).

    Only credits and dates say which text is the copy; otherwise either text
    may be, and the more covered one is taken (see the module docstring).
    """
    if direction and reason in ("credit", "dates"):
        a_is_source = direction == "a->b"
        source, copy = (alignment.share_a, alignment.share_b) if a_is_source else (alignment.share_b, alignment.share_a)
        return source, copy
    top = max(alignment.share_a, alignment.share_b)
    return top, top


def _relation(alignment: Alignment, copied: float, similarity: float, settings: DupesSettings, exact: bool) -> Relation:
    if exact:
        return "exact"
    both = min(alignment.share_a, alignment.share_b)
    if both >= settings.near_copy_share and similarity >= settings.near_copy_similarity:
        return "near_copy"
    if copied >= settings.rewrite_share:
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
