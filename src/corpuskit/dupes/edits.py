"""What changed inside an aligned passage: word-level changes and their kinds.

Two levels of comparison:

* ``word_changes`` -- the word diff of two spans (equal / replace / delete /
  insert blocks with the text of each side), what ``corpuskit diff`` shows;
* ``classify_edits`` -- the changes worth reporting, each with a kind:
  ``number`` (a number changed), ``date`` (a date or time phrase changed),
  ``name`` (a name spelled or given differently), ``quote`` (the wording of
  a quotation changed), ``wording`` (anything else).

Kinds are decided in that order, because a number or a date inside a quote
is first of all a changed number or date.  Long insertions and deletions
(more than ``max_small_edit_words``) are additions or cuts, not edits: they
show in the diff, not as edits.  A replaced block longer than
``max_block_words`` is a rewritten stretch: only its changed numbers and
names are edits.  Two names are one name respelled when their Levenshtein
similarity is at least ``name_similarity`` (Smyth/Smith 0.8,
Katarina/Katerina 0.88).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from corpuskit.dupes.align import unify_spellings
from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings, Edit, EditKind, Span
from corpuskit.dupes.text import TextUnits, Token
from corpuskit.text import lexicon

__all__ = ["WordChange", "word_changes", "classify_edits", "edit_kind"]

_DATE_WORDS = (
    frozenset(lexicon.MONTHS)
    | frozenset(lexicon.WEEKDAYS)
    | frozenset(
        "yesterday today tomorrow tonight morning afternoon evening night week weekend month year decade "
        "century ago spring summer autumn winter".split()
    )
)
# Words that make a date phrase only next to a date word ("early March", "end of last month").
_DATE_MODIFIERS = frozenset(
    "early late start end beginning middle mid last next previous past this earlier later "
    "recent recently ago since until before after during".split()
)
# Months that are also ordinary words: dates only when capitalised.
_VERB_MONTHS = frozenset({"may", "march"})
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}$|^\d{1,2}(?:am|pm)$|^(?:1[89]|20)\d{2}$")


@dataclass(frozen=True)
class WordChange:
    """One block of a word diff: op is equal, replace, delete or insert."""

    op: str
    a: str
    b: str
    a_span: Span
    b_span: Span


def word_changes(a: TextUnits, b: TextUnits, a_span: Span, b_span: Span) -> list[WordChange]:
    """Word diff of two spans; each block carries the exact text of both sides."""
    a_tokens, b_tokens = _tokens_in(a, a_span), _tokens_in(b, b_span)
    changes = []
    for op in Levenshtein.opcodes([t.key for t in a_tokens], [t.key for t in b_tokens]):
        a_block = a_tokens[op.src_start : op.src_end]
        b_block = b_tokens[op.dest_start : op.dest_end]
        a_range = _block_span(a_block, a_tokens, op.src_start, a_span)
        b_range = _block_span(b_block, b_tokens, op.dest_start, b_span)
        changes.append(WordChange(op.tag, a.text[slice(*a_range)], b.text[slice(*b_range)], a_range, b_range))
    return changes


def classify_edits(
    a: TextUnits,
    b: TextUnits,
    a_span: Span,
    b_span: Span,
    respelled: dict[str, str] | None = None,
    settings: DupesSettings = DEFAULT_SETTINGS,
) -> tuple[Edit, ...]:
    """The reportable edits of one passage, each classified.

    Names that differ only by a letter (Karim/Kareem; ``respelled`` from the
    alignment, or found here) are first made equal, so the comparison lines
    them up; they then come back as edits of their own.
    """
    a_tokens, b_tokens = _tokens_in(a, a_span), _tokens_in(b, b_span)
    a_keys = [t.key for t in a_tokens]
    variants = respelled if respelled is not None else _respellings_between(a_tokens, b_tokens, settings)
    b_keys = [variants.get(t.key, t.key) for t in b_tokens]
    quotes = (a.quotes, b.quotes)
    edits = []
    for tag, a_start, a_end, b_start, b_end in _merged_opcodes(a_keys, b_keys):
        a_block, b_block = a_tokens[a_start:a_end], b_tokens[b_start:b_end]
        if tag == "equal":
            edits.extend(_respellings(a, b, a_block, b_block, quotes))
        elif tag == "replace" or max(len(a_block), len(b_block)) <= settings.max_small_edit_words:
            context = (_neighbours(a_tokens, a_start, a_end), _neighbours(b_tokens, b_start, b_end))
            edits.extend(_block_edits(a, b, a_block, b_block, context, quotes, settings))
    return tuple(edits)


def _merged_opcodes(a_keys: list[str], b_keys: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Word opcodes with neighbouring changes joined: "at the start of" -> "in late" is one change."""
    merged: list[list] = []
    for op in Levenshtein.opcodes(a_keys, b_keys):
        if op.tag != "equal" and merged and merged[-1][0] != "equal":
            merged[-1][0] = "replace"
            merged[-1][2], merged[-1][4] = op.src_end, op.dest_end
        else:
            merged.append([op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [tuple(op) for op in merged]


def _respellings_between(a_tokens: list[Token], b_tokens: list[Token], settings: DupesSettings) -> dict[str, str]:
    return unify_spellings([t.key for t in a_tokens], [t.key for t in b_tokens], settings)


def _block_edits(a, b, a_block, b_block, context, quotes, settings: DupesSettings) -> list[Edit]:
    """Edits of one changed block: its changed names and numbers one by one, then the rest.

    The rest is one edit (date, quote or wording) when the block is short;
    a longer block is a rewritten stretch whose wording the diff shows.
    """
    edits = []
    explained: set[int] = set()
    for left, right in _name_pairs(a_block, b_block, settings.name_similarity):
        edits.append(_edit("name", a, b, [left], [right]))
        explained.update((id(left), id(right)))
    if _number_changed(a_block, b_block):
        a_numbers, b_numbers = [t for t in a_block if t.number], [t for t in b_block if t.number]
        edits.append(_edit("number", a, b, a_numbers, b_numbers))
        explained.update(id(t) for t in a_numbers + b_numbers)
    rest_a = [t for t in a_block if id(t) not in explained]
    rest_b = [t for t in b_block if id(t) not in explained]
    if (rest_a or rest_b) and max(len(a_block), len(b_block)) <= settings.max_block_words:
        kind = edit_kind(rest_a, rest_b, context, _inside_quotes(rest_a, rest_b, quotes))
        if kind == "date":
            rest_a, rest_b = _with_date_words(rest_a, context[0]), _with_date_words(rest_b, context[1])
        edits.append(_edit(kind, a, b, rest_a, rest_b))
    return sorted(edits, key=lambda e: (e.a_span or (0, 0), e.b_span or (0, 0)))


def _name_pairs(a_block: list[Token], b_block: list[Token], similarity: float) -> list[tuple[Token, Token]]:
    """Names of one side matched to the most similar differing name of the other (Smyth/Smith)."""
    b_keys = {t.key for t in b_block}
    a_keys = {t.key for t in a_block}
    others = [t for t in b_block if _is_name(t) and t.key not in a_keys]
    pairs = []
    for left in a_block:
        if not _is_name(left) or left.key in b_keys:
            continue
        right = _closest_name(left, others, similarity)
        if right is not None:
            pairs.append((left, right))
            others.remove(right)
    return pairs


def _closest_name(name: Token, candidates: list[Token], similarity: float) -> Token | None:
    """The candidate spelled most like ``name``, if at least ``similarity`` of their spelling agrees."""
    scored = [(Levenshtein.normalized_similarity(name.key, other.key), other) for other in candidates]
    scored = [item for item in scored if item[0] >= similarity]
    return max(scored, key=lambda item: item[0])[1] if scored else None


def _with_date_words(tokens: list[Token], context: list[Token]) -> list[Token]:
    """A changed date modifier is shown with the date it modifies ("start of" -> "start of March")."""
    if not tokens:
        return tokens
    before = [t for t in context if t.end <= tokens[0].start and _has_date_word([t])]
    after = [t for t in context if t.start >= tokens[-1].end and _has_date_word([t])]
    return before[-1:] + tokens + after[:1]


def edit_kind(
    a_block: list[Token],
    b_block: list[Token],
    context: tuple[list[Token], list[Token]] = ([], []),
    in_quote: bool = False,
) -> EditKind:
    """Kind of one changed block; ``context`` are the words just around it."""
    if _number_changed(a_block, b_block):
        return "number"
    if _date_changed(a_block, b_block, context):
        return "date"
    if _name_changed(a_block, b_block):
        return "name"
    if in_quote:
        return "quote"
    return "wording"


def _respellings(a, b, a_block, b_block, quotes) -> list[Edit]:
    """Equal-after-unification words whose spelling differs: names (or typos in quotes/wording)."""
    edits = []
    for left, right in zip(a_block, b_block):
        if left.key == right.key:
            continue
        if _is_name(left) or _is_name(right):
            kind: EditKind = "name"
        else:
            kind = "quote" if _inside_quotes([left], [right], quotes) else "wording"
        edits.append(_edit(kind, a, b, [left], [right]))
    return edits


def _number_changed(a_block, b_block) -> bool:
    a_numbers = {t.key for t in a_block if t.number}
    b_numbers = {t.key for t in b_block if t.number}
    return bool(a_numbers) and bool(b_numbers) and a_numbers != b_numbers


def _date_changed(a_block, b_block, context) -> bool:
    """A date word changed, or a modifier changed right next to a date word ("start of"/"late" March)."""
    if _date_words(a_block) != _date_words(b_block):
        return True
    near_date = _has_date_word(context[0]) or _has_date_word(context[1])
    modifies = any(t.key in _DATE_MODIFIERS for t in a_block + b_block)
    return near_date and modifies


def _has_date_word(tokens) -> bool:
    return bool(_date_words(tokens))


def _date_words(tokens) -> set[str]:
    return {t.key for t in tokens if _is_date_word(t)}


def _is_date_word(token: Token) -> bool:
    word = token.surface.lower()
    if word in _VERB_MONTHS:
        return token.capitalised  # "May" the month, "may" the verb
    return word in _DATE_WORDS or bool(_TIME.match(word))


def _name_changed(a_block, b_block) -> bool:
    """Each side is a name, or mostly names, and they differ ("Mr Smith" -> "Mr Jones")."""
    a_names = {t.key for t in a_block if _is_name(t)}
    b_names = {t.key for t in b_block if _is_name(t)}
    if not a_names or not b_names or a_names == b_names:
        return False
    return 2 * len(a_names) >= len(a_block) and 2 * len(b_names) >= len(b_block)


def _is_name(token: Token) -> bool:
    """A capitalised word that is not capitalised only for opening its sentence (nor a month or day)."""
    return (
        token.capitalised
        and not token.number
        and not token.stop
        and not token.initial
        and token.surface.lower() not in _DATE_WORDS
    )


def _inside_quotes(a_block, b_block, quotes) -> bool:
    return _any_inside(a_block, quotes[0]) or _any_inside(b_block, quotes[1])


def _any_inside(tokens, ranges) -> bool:
    return any(start <= t.start and t.end <= end for t in tokens for start, end in ranges)


def _neighbours(tokens, start, end, width=2):
    return list(tokens[max(0, start - width) : start]) + list(tokens[end : end + width])


def _edit(kind: EditKind, a: TextUnits, b: TextUnits, a_block, b_block) -> Edit:
    a_range = (a_block[0].start, a_block[-1].end) if a_block else None
    b_range = (b_block[0].start, b_block[-1].end) if b_block else None
    return Edit(
        kind=kind,
        a=a.text[slice(*a_range)] if a_range else "",
        b=b.text[slice(*b_range)] if b_range else "",
        a_span=a_range,
        b_span=b_range,
    )


def _tokens_in(units: TextUnits, span: Span) -> list[Token]:
    first = bisect_left(units.tokens, span[0], key=lambda t: t.start)
    last = first
    while last < len(units.tokens) and units.tokens[last].end <= span[1]:
        last += 1
    return list(units.tokens[first:last])


def _block_span(block, tokens, position, span: Span) -> Span:
    """Character range of a block; an empty block sits where its neighbour ends."""
    if block:
        return block[0].start, block[-1].end
    if position > 0:
        end = tokens[position - 1].end
        return end, end
    return span[0], span[0]
