"""``number_conflict`` findings: one quantity of one owner stated with different values.

Two numbers are compared only when they are the same counted thing of the
same entity or event -- the age *of one person*, the sentence *of one
defendant*, the count *of one crowd* -- not merely the same unit:

* they count the same thing (``kind`` and ``counted`` agree);
* their owners agree (``facts.grammar`` reads the owner from the parse: the
  name or noun an age is attached to, the subject of the predicate a
  sentence or a fine belongs to).  Named owners agree when they are one
  entity (the entities stage resolved "Smith" and "John Smith" to one), or
  their fullest names agree (one holds the other's words, titles aside, and
  "Mr" is not "Mrs"); unnamed owners when their head nouns agree.  Owners
  known to differ are never compared;
* for anything but an age, what happened agrees too: the same governing
  predicate, or one the other sentence also tells of ("convicted on three
  charges" is not "sentenced on five"); where no verb is read, a known owner;
* they say it in the same place: passages dupes aligned, or sentences sharing
  content words -- except the age of one named person, which is one quantity
  wherever it is given;
* a total is not a part, nor a part the whole: "a total of 22 years" is not
  either of "10 and 12 years", "eight of the houses" is not "31 houses", "two
  other women" is not "three women"; a range's bounds are read as a range,
  never as two values.

A number that agrees with a number of the other document is not also set
against that document's other numbers: "Smith was jailed for six years and
Jones for four" in two texts is two agreeing pairs, not a conflict of six and
four.  And numbers are joined into one quantity strongest link first, never
putting two different values of one document together (a text that gives
both is telling of two quantities) nor two owners known to differ (a surname
alone may match two of one family).  Each conflict is reported once per quantity, with every value and the
documents stating it; its confidence and basis come from the evidence that
joined the values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from corpuskit.entities.model import Entity, Mention
from corpuskit.facts.grammar import Ownership, ownership
from corpuskit.facts.model import Facts, NumberFact
from corpuskit.facts.numbers import plural
from corpuskit.report.context import StoryContext, evidence_at, same_context
from corpuskit.report.grouping import pairs_sharing
from corpuskit.report.model import Finding
from corpuskit.text import lexicon
from corpuskit.text.words import word_key
from corpuskit.unionfind import UnionFind

# How strongly each kind of evidence alone says two numbers state one quantity; signals combine
# as independent ones do (1 - product of their complements).  Stated, not fitted: an aligned
# passage or one named owner nearly settles it, a shared noun or verb only points that way.
_ALIGNED = 0.6
_SAME_NAMED_OWNER = 0.6
_SAME_OWNER_NOUN = 0.3
_SAME_PREDICATE = 0.3
_CONTEXT = 0.4  # times the share of the shorter sentence's content words the other holds

# "a total of 22 years", "22 years in all": the sum of quantities, never one of them.
_TOTAL_BEFORE = re.compile(r"\b(?:total|totalling|totaling|combined|aggregate)\s+(?:of\s+)?$", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^\W{0,2}\s*(?:in\s+total|in\s+all|altogether|combined|between\s+them)\b", re.IGNORECASE)
_TOTAL_WINDOW = 24  # characters either side of a number read for a total's words
# "eight of the houses", "two other women", "three more victims": a part of a count, not the count.
_PART = re.compile(
    r"\bof\s+(?:the|these|those|them|their|his|her|its|our)\b|\b(?:other|another|further|more(?!\s+than))\b", re.I
)


@dataclass
class _Stated:
    """One number of one document, with what the comparison needs to know about it."""

    document: int
    number: NumberFact
    story: StoryContext
    names: list[tuple[int, int, Entity]]  # (start, end, entity) of the document's mentions

    @cached_property
    def owner(self) -> Ownership:
        start, end = self.number.sentence_span
        text = self.story.docs[self.document].text
        return ownership(text[start:end], start, self.number.span, self.number.head)

    @cached_property
    def entity(self) -> Entity | None:
        span = self.owner.name_span
        if span is None:
            return None
        return next((e for s, t, e in self.names if s < span[1] and span[0] < t), None)

    @cached_property
    def name_words(self) -> tuple[str, ...]:
        return _name_words(self.owner.owner_name or "")

    @cached_property
    def scope(self) -> str:
        """ "total", "part" or "whole": a total of several quantities, a part of one ("eight of the
        houses", "two other women"), or the quantity itself; only like scopes are compared."""
        text = self.story.docs[self.document].text
        start, end = self.number.span
        if _TOTAL_BEFORE.search(text[max(0, start - _TOTAL_WINDOW) : start]) or _TOTAL_AFTER.match(
            text[end : end + _TOTAL_WINDOW]
        ):
            return "total"
        return "part" if self.number.kind == "count" and _PART.search(self.number.text) else "whole"


@dataclass(frozen=True)
class _Link:
    """Why two numbers are taken for one quantity."""

    confidence: float
    basis: tuple[str, ...]
    owner: str | None = None  # whose quantity it is, when the owners are what joined the numbers


def number_conflict_findings(
    story: StoryContext,
    facts: dict[int, Facts],
    mentions: dict[int, list[tuple[Entity, Mention]]] | None = None,
) -> list[Finding]:
    if len(story.docs) < 2:
        return []
    names = {doc: _names(mentions, doc) for doc in story.docs}
    stated = [_Stated(doc, n, story, names[doc]) for doc in sorted(story.docs) for n in facts[doc].numbers if n.counted]
    candidates = pairs_sharing([[(s.number.kind, s.number.counted)] for s in stated], 1, story.settings.common_key)
    links: dict[tuple[int, int], _Link] = {}
    for i, j in sorted(candidates):
        if stated[i].document != stated[j].document:
            link = _link(story, stated[i], stated[j])
            if link is not None:
                links[i, j] = link
    kept = _without_mismatched(links, stated, story.settings.number_tolerance)
    findings = []
    for group in _quantities(kept, stated, story.settings.number_tolerance):
        members = [stated[i] for i in sorted(group)]
        if len({s.document for s in members}) > 1 and _disagree([s.number for s in members], story.settings):
            findings.append(_finding(story, members, _strongest(group, kept, stated, story.settings)))
    return findings


def agree(a: NumberFact, b: NumberFact, tolerance: float) -> bool:
    """Whether two statements of one quantity are compatible: their ranges (hedges leave a side
    open, a scaled figure such as "2.4 million" stands for what rounds to it) meet, or, when one
    looks rounded, are apart by at most ``tolerance`` of the larger value.  Rounding is not a
    conflict; 46 and 47 are (neither can be a rounding of the other)."""
    written = _gap(_bounds(a, rounded=False), _bounds(b, rounded=False))
    if written <= 0 or _gap(_bounds(a), _bounds(b)) < 0:
        return True  # as written, or what they round from, overlaps ("$1m" and "$2m" only touch)
    return (_looks_rounded(a) or _looks_rounded(b)) and written <= tolerance * max(abs(a.value), abs(b.value))


def _looks_rounded(n: NumberFact) -> bool:
    """Hedged ("about 400"), scaled ("2.4 million") or a whole number of tens ("1,000")."""
    return n.approximate or _SCALED.search(n.text) is not None or (n.value == int(n.value) and n.value % 10 == 0)


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(a[0] - b[1], b[0] - a[1])


def _bounds(n: NumberFact, rounded: bool = True) -> tuple[float, float]:
    slack = _rounding(n.text) if rounded else 0.0
    low = n.low if n.low is not None else float("-inf")  # an open side: "at least 50,000"
    high = n.high if n.high is not None else float("inf")
    return low - slack, high + slack


_SCALED = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(bn|mn|m|k|thousand|million|billion|trillion)\b", re.IGNORECASE)
_SCALE = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _rounding(text: str) -> float:
    """Half a unit of the last digit a scaled figure writes: "2.4 million" is 2.35 to 2.45 million."""
    scaled = _SCALED.search(text)
    if scaled is None:
        return 0.0
    decimals = len(scaled.group(2) or "")
    return 0.5 * 10.0**-decimals * _SCALE[scaled.group(3).lower()]


def _names(mentions: dict[int, list[tuple[Entity, Mention]]] | None, document: int) -> list[tuple[int, int, Entity]]:
    return [(m.start, m.end, e) for e, m in (mentions or {}).get(document, [])]


def _name_words(name: str) -> tuple[str, ...]:
    """The words of a name that tell who it is, without titles ("Lord", "Mr"), which come and go."""
    words = (w.lower().rstrip(".") for w in re.findall(r"[^\W\d_][\w'\u2019.-]*", name))
    return tuple(word_key(w) for w in words if w not in lexicon.TITLES)


# Titles that tell two people of one surname apart: Mr Smith is not Mrs Smith.
_GENDERED_TITLES = frozenset("mr mrs ms miss".split())


def _titles(name: str | None) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in (name or "").split()) & _GENDERED_TITLES


def _link(story: StoryContext, a: _Stated, b: _Stated) -> _Link | None:
    """The evidence that ``a`` and ``b`` state one quantity, or None when they do not."""
    aligned = story.aligned(a.document, a.number.span, b.document, b.number.span)
    context = _context_share(story, a, b)
    if not aligned and context is None and a.number.kind != "age":
        return None  # checked before the owners: it needs no parse
    if a.scope != b.scope:
        return None
    owners = _owners(a, b)
    if owners in {"different", "name and noun"}:
        return None  # "the man" may be Smith, but "Roe paid £6,000" is not "a £4,000 fee"
    predicates = _predicates(a, b)
    basis: list[str] = []
    signals: list[float] = []
    if aligned:
        basis.append("aligned passage")
        signals.append(_ALIGNED)
    if context is not None:
        basis.append(f"{round(context * 100)}% of the sentence's content words shared")
        signals.append(_CONTEXT * context)
    if owners == "same name":
        basis.append(f"same named owner ({a.owner.owner_name} / {b.owner.owner_name})")
        signals.append(_SAME_NAMED_OWNER)
    elif owners == "same noun":
        basis.append(f"same owner noun ({a.owner.owner_noun})")
        signals.append(_SAME_OWNER_NOUN)
    else:
        basis.append("owner not known in both")
    if predicates == "same":
        basis.append(f"same verb ({', '.join(sorted(a.owner.verbs & b.owner.verbs))})")
        signals.append(_SAME_PREDICATE)
    if not _enough(a.number.kind, aligned, context is not None, owners, predicates):
        return None
    owner = a.owner.owner_name or a.owner.owner_noun if owners in {"same name", "same noun"} else None
    return _Link(_combined(signals), tuple(basis), owner)


def _enough(kind: str, aligned: bool, context: bool, owners: str, predicates: str) -> bool:
    """Whether the evidence makes two numbers one quantity (owners already not known to differ).

    An age belongs to its owner alone: one named person's age is one quantity anywhere, one
    unnamed owner's ("a 46-year-old man") in one passage, and an age without a known owner in
    both is not compared.  Anything else also needs one event:
    the same verb (or one told of in both sentences), or, where no verb is read, a known owner.
    """
    if kind == "age":  # an age whose owner is not known in both is anyone's: one passage names several
        return owners == "same name" or (owners == "same noun" and (aligned or context))
    if predicates == "different":
        return False  # "found guilty of 46 charges" is not "jailed on six charges", even in one passage
    if predicates == "same":
        return aligned or context
    return (aligned or context) and owners in {"same name", "same noun"}  # no verb read: the owner must say it


def _owners(a: _Stated, b: _Stated) -> str:
    """ "same name", "same noun", "different", "name and noun" (one named, the other not: "the
    man" may be Smith) or "unknown" (an owner not found in one of them)."""
    if a.owner.owner_name and b.owner.owner_name:
        if a.entity is not None and b.entity is not None and a.entity.id == b.entity.id:
            return "same name"
        titles_a, titles_b = _titles(a.owner.owner_name), _titles(b.owner.owner_name)
        if titles_a and titles_b and not titles_a & titles_b:
            return "different"
        return "same name" if _same_name(_fullest(a), _fullest(b)) else "different"
    if not (a.owner.owner_name or a.owner.owner_noun) or not (b.owner.owner_name or b.owner.owner_noun):
        return "unknown"
    if a.owner.owner_name or b.owner.owner_name:
        return "name and noun"
    return "same noun" if a.owner.owner_noun == b.owner.owner_noun else "different"


def _fullest(stated: _Stated) -> tuple[str, ...]:
    """The owner's name as the entities stage knows it in full ("Peter Quinlan" for "Mr Quinlan"),
    else as the sentence gives it: two entities the stage did not merge may still be one person
    ("Lord John Avon", "Lord Avon"), but not two whose full names differ."""
    local = stated.name_words
    known = _name_words(stated.entity.name) if stated.entity is not None else ()
    return known if len(known) > len(local) and _same_name(known, local) else local


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "John Smith" and "Smith": the same last word, and one name's words all in the other."""
    return bool(a and b) and a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def _predicates(a: _Stated, b: _Stated) -> str:
    """ "same" when the two phrases take part in one verb: their governing verbs, or those of
    clauses describing them (the men "who were arrested" and "police arrested 18 men")."""
    if a.owner.predicate is None or b.owner.predicate is None:
        return "unknown"
    return "same" if a.owner.verbs & b.owner.verbs else "different"


def _context_share(story: StoryContext, a: _Stated, b: _Stated) -> float | None:
    """The share of the shorter sentence's content words the other holds, when enough are shared."""
    words_a = story.content_words_at(a.document, a.number.sentence_span)
    words_b = story.content_words_at(b.document, b.number.sentence_span)
    settings = story.settings
    if not same_context(words_a, words_b, settings.number_context_words, settings.number_context_share):
        return None
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _combined(signals: list[float]) -> float:
    doubt = 1.0
    for signal in signals:
        doubt *= 1.0 - signal
    return 1.0 - doubt


def _without_mismatched(
    links: dict[tuple[int, int], _Link], stated: list[_Stated], tolerance: float
) -> dict[tuple[int, int], _Link]:
    """Drop a number's links to disagreeing numbers of a document where it has an agreeing one:
    that one is its counterpart, and the others are other quantities (another defendant's)."""
    agreeing: dict[tuple[int, int], bool] = defaultdict(bool)  # (number, other document) -> has a match
    for i, j in links:
        if agree(stated[i].number, stated[j].number, tolerance):
            agreeing[i, stated[j].document] = True
            agreeing[j, stated[i].document] = True
    return {
        (i, j): link
        for (i, j), link in links.items()
        if agree(stated[i].number, stated[j].number, tolerance)
        or not (agreeing[i, stated[j].document] or agreeing[j, stated[i].document])
    }


def _quantities(links: dict[tuple[int, int], _Link], stated: list[_Stated], tolerance: float) -> list[set[int]]:
    """Numbers joined into quantities, strongest link first; a link that would put two different
    values of one document into one quantity is not followed: a text that gives both "46 charges"
    and "six charges" says they are two quantities, and so does a text giving two sums of money."""
    sets: UnionFind[int] = UnionFind()
    members: dict[int, list[int]] = {}
    for i, j in sorted(links, key=lambda pair: (-links[pair].confidence, pair)):
        root_i, root_j = sets.find(i), sets.find(j)
        if root_i == root_j:
            continue
        group_i, group_j = members.get(root_i, [i]), members.get(root_j, [j])
        if _one_document_differs(group_i, group_j, stated, tolerance) or _owners_differ(group_i, group_j, stated):
            continue
        members.pop(root_i, None)
        members.pop(root_j, None)
        members[sets.union(i, j)] = group_i + group_j
    return [set(group) for group in members.values()]


def _one_document_differs(a: list[int], b: list[int], stated: list[_Stated], tolerance: float) -> bool:
    """Whether a document gives one value in ``a`` and another in ``b``: compared by value, not by
    range, since "up to £30,000 and £8,000" in one sentence are two sums though the ranges meet."""
    return any(
        stated[x].document == stated[y].document and not _same_value(stated[x].number, stated[y].number, tolerance)
        for x in a
        for y in b
    )


def _owners_differ(a: list[int], b: list[int], stated: list[_Stated]) -> bool:
    """Whether a named owner in ``a`` is not one in ``b``: "Hale" may join "Tom Hale"
    and "Ann Hale" each, but they are two people, and their ages two quantities."""
    named_a = [stated[x] for x in a if stated[x].owner.owner_name]
    named_b = [stated[y] for y in b if stated[y].owner.owner_name]
    return any(_owners(x, y) == "different" for x in named_a for y in named_b)


def _same_value(a: NumberFact, b: NumberFact, tolerance: float) -> bool:
    return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value))


def _disagree(numbers: list[NumberFact], settings) -> bool:
    return any(not agree(a, b, settings.number_tolerance) for a, b in combinations(numbers, 2))


def _strongest(group: set[int], links: dict[tuple[int, int], _Link], stated: list[_Stated], settings) -> _Link:
    """The link that sets two different values against each other most surely (the finding's
    evidence); when the values meet only through agreeing numbers, the weakest link of the chain."""
    inside = {pair: link for pair, link in links.items() if pair[0] in group and pair[1] in group}
    clashing = [
        link
        for (i, j), link in inside.items()
        if not agree(stated[i].number, stated[j].number, settings.number_tolerance)
    ]
    if clashing:
        return max(clashing, key=lambda link: link.confidence)
    return min(inside.values(), key=lambda link: link.confidence)


def _finding(story: StoryContext, members: list[_Stated], link: _Link) -> Finding:
    values: dict[str, dict] = {}
    for s in members:
        entry = values.setdefault(
            s.number.text.casefold(), {"text": s.number.text, "value": s.number.value, "documents": []}
        )
        if s.document not in entry["documents"]:
            entry["documents"].append(s.document)
    counted = members[0].number.counted or ""  # the caller compares only numbers that count something
    owner = link.owner
    listed = "; ".join(f"{v['text']} ({', '.join(story.label(d) for d in v['documents'])})" for v in values.values())
    summary = f"{_quantity(members[0].number, counted, owner)} differs: {listed}."
    evidence = tuple(evidence_at(story, s.document, s.number.span, s.number.sentence_span) for s in members)
    return Finding(
        "number_conflict",
        summary,
        evidence,
        {"counted": counted, "owner": owner, "values": list(values.values())},
        weight=len({s.document for s in members}),
        confidence=round(link.confidence, 3),
        basis=link.basis,
    )


# How a summary names a quantity of each kind ("the length in years"), then whose it is.
_QUANTITY = {
    "age": "the age",
    "money": "the sum in {counted}",
    "duration": "the length in {plural}",
    "measure": "the size in {plural}",
    "percent": "the percentage",
    "count": "the number of {plural}",
}


def _quantity(number: NumberFact, counted: str, owner: str | None) -> str:
    """ "the age of John Smith", "the length in years for Graham Fenwick", "the number of men"."""
    what = _QUANTITY.get(number.kind, _QUANTITY["count"]).format(counted=counted, plural=plural(counted))
    if number.kind == "percent" and counted != "%":
        what += f" of {plural(counted)}"
    if owner is None:
        return what
    return f"{what} of {owner}" if number.kind == "age" else f"{what} for {owner}"
