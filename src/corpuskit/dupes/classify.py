"""From an alignment to a verdict: is the pair linked, which relation, what score, who copied whom.

Direction is judged on all its evidence together (``direction_of``), each
piece a vote for one text being the source, weighed:

1. a credit line (weight 4): one text says "X reported", "according to X",
   "told X" (and the like) where X is the other text's outlet -- the
   crediting text was written from the credited outlet's.  When each text
   credits the other's outlet, the two votes cancel;
2. publication dates (weight 2): the earlier text is the source; the same
   day (or a missing date) says nothing.  A date can be wrong (an update, a
   reprint, a time zone), so dates never overrule a credit line;
3. containment (weight 1): most of one text (``rewrite_share``) is inside
   the other and the other adds at least a third of its own
   (``containment_min_additions``).  That shape alone has two readings: the
   longer text was built on the shorter, or the shorter was cut down from
   the longer.  When the longer text opens with its own material (its first
   sentence is not in the shorter one), it was built on it: a writer who
   takes a text and adds to it writes an intro of their own, an editor who
   cuts a text keeps its intro.  When the shorter text is the longer one's
   opening, either reading fits and containment votes both ways -- it says
   nothing alone, and dates or a credit line choose the reading.

The side with more weight is the source; ``direction_reason`` names the
heaviest evidence for it (``credit``, ``dates`` or ``containment``).  When
the weights are even -- evidence points both ways and nothing else tells --
there is no direction and the reason is ``conflicting``; with no evidence at
all both are None.  (Measured on METER courts without dates: the longer text
opening with its own material told the wire/newspaper direction right 86
times in 100; the shorter text being the longer one's opening was a cut-down
wire story about 70 times in 100 and built on it 30.)

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

__all__ = [
    "Verdict",
    "judge",
    "direction_of",
    "direction_evidence",
    "weigh_direction",
    "credits",
    "is_linked",
    "date_order",
]


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


# The weight of each kind of direction evidence: a credit line outweighs dates and containment
# together, dates outweigh containment (they choose which of its two readings is right).
EVIDENCE_WEIGHTS = {"credit": 4, "dates": 2, "containment": 1}
Evidence = tuple[str, Direction]  # (kind, the direction it votes for)


def direction_of(
    a: DocInput, b: DocInput, alignment: Alignment, settings: DupesSettings = DEFAULT_SETTINGS
) -> tuple[Direction | None, str | None]:
    """("a->b" | "b->a" | None, reason) where "a->b" means b was derived from a.

    The evidence weighed together (see the module docstring): the reason is the heaviest
    evidence for the winning side, "conflicting" when the weights are even, None when
    nothing tells.
    """
    return weigh_direction(direction_evidence(a, b, alignment, settings))


def direction_evidence(
    a: DocInput, b: DocInput, alignment: Alignment, settings: DupesSettings = DEFAULT_SETTINGS
) -> list[Evidence]:
    """Every vote of the evidence: credit lines, dates, containment (a kind may vote both ways)."""
    evidence: list[Evidence] = []
    if credits(b.text, a.outlet, b.outlet):
        evidence.append(("credit", "a->b"))
    if credits(a.text, b.outlet, a.outlet):
        evidence.append(("credit", "b->a"))
    order = date_order(a.published, b.published)
    if order:
        evidence.append(("dates", order))
    evidence.extend(("containment", direction) for direction in _containment_votes(alignment, settings))
    return evidence


def weigh_direction(evidence: list[Evidence]) -> tuple[Direction | None, str | None]:
    """The side with more weight, and the heaviest kind of evidence that is for it on balance."""
    net: dict[str, int] = {}  # kind -> weight for "a->b" minus weight for "b->a"
    for kind, direction in evidence:
        net[kind] = net.get(kind, 0) + (EVIDENCE_WEIGHTS[kind] if direction == "a->b" else -EVIDENCE_WEIGHTS[kind])
    total = sum(net.values())
    if not total:
        return (None, "conflicting") if evidence else (None, None)
    winner: Direction = "a->b" if total > 0 else "b->a"
    deciding = max((kind for kind, value in net.items() if value * total > 0), key=EVIDENCE_WEIGHTS.__getitem__)
    return winner, deciding


def date_order(first: str | None, second: str | None) -> Direction | None:
    """Which date is earlier: "a->b" when ``first`` is, "b->a" when ``second`` is, None when
    equal or not comparable (``corpuskit.documents.publication_order``: a date without a
    time compares by day only, so it is not earlier or later than a date-time that day)."""
    order = publication_order(first, second)
    if not order:
        return None
    return "a->b" if order < 0 else "b->a"


def _containment_votes(alignment: Alignment, settings: DupesSettings) -> tuple[Direction, ...]:
    """What containment says: nothing, the built-on reading, or both readings (see the module docstring).

    The text mostly found in the other (``rewrite_share``) is contained when the other adds
    enough of its own (``containment_min_additions``, a third by default); the other's opening
    is shared when an aligned passage starts at its first sentence.
    """
    a, b = alignment.share_a, alignment.share_b
    kept = 1 - settings.containment_min_additions
    if a >= settings.rewrite_share and b <= a * kept:
        built_on: Direction = "a->b"
        container_opening_shared = any(p.b_sentences[0] == 0 for p in alignment.passages)
    elif b >= settings.rewrite_share and a <= b * kept:
        built_on = "b->a"
        container_opening_shared = any(p.a_sentences[0] == 0 for p in alignment.passages)
    else:
        return ()
    if container_opening_shared:  # cut down from the longer text, or built on the shorter one
        return ("a->b", "b->a")
    return (built_on,)
