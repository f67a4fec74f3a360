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

__all__ = [
    "Verdict",
    "judge",
    "direction_of",
    "direction_evidence",
    "weigh_direction",
    "credits",
    "passage_kind",
    "date_order",
]


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
        shown = alignment
        linked = True if exact else _supported(shown, direction, reason, settings)
    else:
        # Quotations count once the narrative around them is shared too (``min_reuse_share``).
        reuse = _narrowed(alignment, [p for p, k in zip(alignment.passages, kinds) if k == "reuse"])
        told = max(reuse.share_a, reuse.share_b) >= settings.min_reuse_share and bool(reuse.passages)
        linked = told and _supported(shown, direction, reason, settings)
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


def _opening(lengths: tuple[int, ...]) -> int:
    """The first sentence that counts (boilerplate, such as a "listen to this article" line, has length 0)."""
    return next((index for index, length in enumerate(lengths) if length), 0)


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
        opening = _opening(alignment.lengths_b)
        container_opening_shared = any(p.b_sentences[0] <= opening for p in alignment.passages)
    elif b >= settings.rewrite_share and a <= b * kept:
        built_on = "b->a"
        opening = _opening(alignment.lengths_a)
        container_opening_shared = any(p.a_sentences[0] <= opening for p in alignment.passages)
    else:
        return ()
    if container_opening_shared:  # cut down from the longer text, or built on the shorter one
        return ("a->b", "b->a")
    return (built_on,)
