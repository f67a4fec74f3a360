"""What changed inside an aligned passage: word-level changes and their kinds.

Two levels of comparison:

* ``word_changes`` -- the word diff of two spans (equal / replace / delete /
  insert blocks with the text of each side), what ``corpuskit diff`` shows;
* ``classify_edits`` -- the changes worth reporting, each with a kind.

An edit means what its kind says (corpuskit issue 10, item 6):

* ``date`` -- a time expression changed, was added or was dropped.  Each
  changed side is time expressions and connectives only ("in", "on", "the",
  "that": no verb, pronoun or noun), and the two sides say different times.  Time expressions are those
  of ``corpuskit.facts.times`` ("12 March", "late May", "last month",
  "yesterday", "on Monday", "in 2015"), a bare year, and relative phrases of
  the time vocabulary that the facts cannot place ("last night", "this
  autumn", "two days later").  Two times are one when they resolve to the same
  days against two reference publication days: "Dec 8, 1988" / "December 8,
  1988" and "last October" / "October last year" are no edit.
* ``number`` -- one quantity's value changed: each side is one number and
  nothing else, in the same place (the word before or after it is the same on
  both sides, so it counts the same thing), and the values
  (``facts.numbers.number_value``) differ.  "5 million" / "5m" and "22 stone"
  / "22st" are no edit; a number added or dropped is wording; in a rewritten
  stretch only a number at its edge, next to the same word on both sides, is
  paired (other numbers there are not counterparts).
* ``name`` -- both sides are spellings of one name: name-like words only
  (capitalised, not a title, function word, month or weekday, not headline
  capitals) that are a respelling or transliteration (Levenshtein similarity of
  their ASCII forms at least ``name_similarity``: Smyth/Smith 0.8,
  Katarina/Katerina 0.88), an acronym of the other ("BRI" / "Bristol Royal
  Infirmary"), or a first name changed before the same surname that begins the
  same (``first_name_prefix`` letters: "Dave"/"David Jones").  Two different people, a
  place for another, a title for a name are wording.  Inside a longer change, a
  name is paired only with a respelling of it (same first letter, at least
  ``variant_min_length`` letters).
* ``quote`` -- any other change inside quotation marks: every changed word of
  both sides is quoted (an insertion or a deletion: the place where the words
  are missing is inside a quotation too).  Function words count: a changed
  word of a quotation is a misquote, which is what the kind is for.
* ``wording`` -- anything else.
* no edit at all -- formatting only: case, diacritics, hyphens and spaces, a
  possessive "'s", contractions ("I've" / "I have"), an abbreviated title
  ("Sgt" / "Sergeant"), the format of a number or a date.

Kinds are decided in that order for a changed block as a whole; a block that
is none of date, number and name has its edge number and respelled names taken
out as edits of their own, and the rest is one edit (date, quote or wording).
Long insertions and deletions (more than ``max_small_edit_words``) are
additions or cuts, not edits: they show in the diff, not as edits.  A replaced
block longer than ``max_block_words`` is a rewritten stretch: only its edge
numbers and respelled names are edits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from corpuskit.dupes.align import unify_spellings
from corpuskit.dupes.model import DEFAULT_SETTINGS, DupesSettings, Edit, EditKind, Span
from corpuskit.dupes.text import TextUnits, Token
from corpuskit.facts import times as facts_times
from corpuskit.facts.numbers import number_value
from corpuskit.facts.text import Layout, word_alternation
from corpuskit.text import lexicon
from corpuskit.text.words import WORD

__all__ = ["WordChange", "word_changes", "classify_edits"]

# Two publication days, of different weekdays, months and years: two time phrases that resolve
# to the same days against both say one time ("last October" / "October last year").
_REFERENCE_DAYS = (date(2001, 3, 14), date(2004, 10, 2))
_TIME_TRIGGERS = re.compile(r"\b(?:\d+|" + word_alternation(facts_times.TRIGGER_WORDS) + r")\b")
_SMALL_NUMBERS = "|".join(sorted(lexicon.NUMBER_WORDS, key=len, reverse=True))
# Relative times the facts do not place: "last night", "this autumn", "the following day",
# "two days later", "earlier this year" (the "earlier" of it).
_RELATIVE_TIME = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:last|this|next|that|the\s+(?:previous|following|next|same))\s+"
    rf"(?:{'|'.join(sorted(lexicon.DAY_PARTS | lexicon.SEASONS))}|day|week|weekend|month|year)\b"
    rf"|\b(?:\d+|{_SMALL_NUMBERS}|an?|a\s+few|several)\s+(?:{'|'.join(sorted(lexicon.TIME_UNITS))})"
    r"\s+(?:later|earlier|before|after|ago)\b"
    r"|\bovernight\b",
    re.IGNORECASE,
)
_RELATIVE_TIME_LOWER = re.compile(_RELATIVE_TIME.pattern)  # for lower-case text (``_relative_times``)
_FOLDED_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
# A year written alone ("the 1997 election"), unless a plural noun follows: "2000 people" is a count.
_BARE_YEAR = re.compile(r"(?<![\w.,$\u00a3\u20ac-])(?:1[89]|20)\d\d(?![\w-]|[.,]\d)(?!\s+(?:people|[a-z]+s)\b)")
_POSSESSIVE = re.compile(r"'s$|(?<=s)'$")
_NOT_LETTERS = re.compile(r"[^a-z0-9]")
# Headline capitals ("BANNED drink-driver"): a word this long in capitals is shouted, not an acronym.
_SHOUTED_LENGTH = 5


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
    """The reportable edits of one passage, each classified (see the module docstring).

    Names that differ only by a letter (Karim/Kareem; ``respelled`` from the
    alignment, or found here) are first made equal, so the comparison lines
    them up; they then come back as edits of their own.
    """
    a_tokens, b_tokens = _tokens_in(a, a_span), _tokens_in(b, b_span)
    a_keys = [t.key for t in a_tokens]
    variants = respelled if respelled is not None else _respellings_between(a_tokens, b_tokens, settings)
    b_keys = [variants.get(t.key, t.key) for t in b_tokens]
    edits = []
    for tag, a_start, a_end, b_start, b_end in _merged_opcodes(a_keys, b_keys):
        a_side = _Side(a, a_tokens, a_start, a_end, _block_span(a_tokens[a_start:a_end], a_tokens, a_start, a_span)[0])
        b_side = _Side(b, b_tokens, b_start, b_end, _block_span(b_tokens[b_start:b_end], b_tokens, b_start, b_span)[0])
        if tag == "equal":
            edits.extend(_respellings(a_side, b_side, settings))
        elif tag == "replace" or max(a_end - a_start, b_end - b_start) <= settings.max_small_edit_words:
            edits.extend(_block_edits(a_side, b_side, settings))
    return tuple(edits)


class _Side(NamedTuple):
    """One side of a changed block: the words of its passage piece and which of them changed."""

    units: TextUnits
    words: list[Token]  # all words of the passage piece
    start: int  # the changed ones are words[start:end]
    end: int
    position: int  # where they are (an empty side: where the other side's words would be)

    @property
    def tokens(self) -> list[Token]:
        return self.words[self.start : self.end]

    @property
    def before(self) -> Token | None:
        """The unchanged word just before the change (the same word on both sides), if any."""
        return self.words[self.start - 1] if self.start > 0 else None

    @property
    def after(self) -> Token | None:
        return self.words[self.end] if self.end < len(self.words) else None

    def part(self, tokens: list[Token]) -> _Side:
        """The side reduced to ``tokens`` (a run of its changed words), with no unchanged neighbours."""
        if not tokens:
            return _Side(self.units, [], 0, 0, self.position)
        return _Side(self.units, tokens, 0, len(tokens), tokens[0].start)


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


def _respellings(a: _Side, b: _Side, settings: DupesSettings) -> list[Edit]:
    """Equal-after-unification words whose spelling differs: names (or typos in quotes/wording)."""
    edits = []
    for left, right in zip(a.tokens, b.tokens):
        if left.key == right.key or _same_form([left], [right]):
            continue
        name = _name_like(left, a.units, b.units) and _name_like(right, b.units, a.units)
        if name and _respelled(_plain([left]), _plain([right]), settings):
            kind: EditKind = "name"
        else:
            kind = "quote" if _quoted(a.part([left])) and _quoted(b.part([right])) else "wording"
        edits.append(_edit(kind, a.units, b.units, [left], [right]))
    return edits


# ---------------------------------------------------------------------------
# One changed block
# ---------------------------------------------------------------------------


def _block_edits(a: _Side, b: _Side, settings: DupesSettings) -> list[Edit]:
    """Edits of one changed block: one date, number or name edit when the block is one, else
    its edge numbers and respelled names one by one and the rest as one edit."""
    if _same_form(a.tokens, b.tokens):
        return []
    for typed in (_date_edit, _number_edit, _name_edit):
        found = typed(a, b, settings)
        if found is not None:
            return found
    return _part_edits(a, b, settings)


def _part_edits(a: _Side, b: _Side, settings: DupesSettings) -> list[Edit]:
    """A block that is no single date, number or name: its edge numbers, its respelled names, the rest."""
    edits = []
    a_rest, b_rest = a.tokens, b.tokens
    for at_start in (True, False):
        quantities = _edge_quantities(a, b, a_rest, b_rest, at_start, settings)
        if quantities is None:
            continue
        (a_number, a_value), (b_number, b_value) = quantities
        if a_value != b_value:
            edits.append(_edit("number", a.units, b.units, a_number, b_number))
        a_rest = [t for t in a_rest if t not in a_number]
        b_rest = [t for t in b_rest if t not in b_number]
    for left, right in _name_pairs(a, b, a_rest, b_rest, settings):
        edits.append(_edit("name", a.units, b.units, [left], [right]))
        a_rest = [t for t in a_rest if t is not left]
        b_rest = [t for t in b_rest if t is not right]
    long_block = max(len(a.tokens), len(b.tokens)) > settings.max_block_words
    if (a_rest or b_rest) and not long_block and not _same_form(a_rest, b_rest):
        a_part, b_part = a.part(a_rest), b.part(b_rest)
        dated = _date_edit(a_part, b_part, settings)
        if dated is not None:
            edits.extend(dated)
        else:
            kind: EditKind = "quote" if _quoted(a_part) and _quoted(b_part) else "wording"
            edits.append(_edit(kind, a.units, b.units, a_rest, b_rest))
    return sorted(edits, key=lambda e: (e.a_span or (0, 0), e.b_span or (0, 0)))


def _edit(kind: EditKind, a: TextUnits, b: TextUnits, a_block, b_block) -> Edit:
    a_range = (a_block[0].start, a_block[-1].end) if a_block else None
    b_range = (b_block[0].start, b_block[-1].end) if b_block else None
    return _edit_at(kind, a, b, a_range, b_range)


def _edit_at(kind: EditKind, a: TextUnits, b: TextUnits, a_range: Span | None, b_range: Span | None) -> Edit:
    return Edit(
        kind=kind,
        a=a.text[slice(*a_range)] if a_range else "",
        b=b.text[slice(*b_range)] if b_range else "",
        a_span=a_range,
        b_span=b_range,
    )


# ---------------------------------------------------------------------------
# Formatting only
# ---------------------------------------------------------------------------


def _same_form(a_tokens: list[Token], b_tokens: list[Token]) -> bool:
    """Whether two runs of words differ in formatting only (see the module docstring)."""
    return _plain(a_tokens) == _plain(b_tokens)


def _plain(tokens: list[Token]) -> str:
    return "".join(_plain_word(t.surface, t.key, t.number) for t in tokens)


@lru_cache(maxsize=100_000)
def _plain_word(surface: str, key: str, number: bool) -> str:
    """A word with its formatting dropped: ASCII lower case, no possessive, contractions and
    abbreviated titles written out, numbers as their folded key ("three" -> "3"), letters only."""
    if number:
        return key
    word = anyascii(surface).lower()
    if word in lexicon.CONTRACTIONS:
        word = lexicon.CONTRACTIONS[word]
    else:
        for ending, long_form in lexicon.CONTRACTION_ENDINGS.items():
            if word.endswith(ending) and len(word) > len(ending):
                word = word[: -len(ending)] + long_form
                break
    word = _POSSESSIVE.sub("", word)
    parts = re.split(r"[-.]", word)
    return _NOT_LETTERS.sub("", "".join(lexicon.TITLE_ABBREVIATIONS.get(part, part) for part in parts))


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


class _Time(NamedTuple):
    start: int
    end: int
    meaning: tuple  # the days it resolves to against each reference day, or its words


def _date_edit(a: _Side, b: _Side, settings: DupesSettings) -> list[Edit] | None:
    """The date edit of a block whose sides are time expressions (and function words) only:
    one edit when they say different times, none when the same; None when it is no date change."""
    a_times, b_times = _time_side(a, b), _time_side(b, a)
    if a_times is None or b_times is None or not (a_times[0] or b_times[0]):
        return None
    if a_times[0] == b_times[0]:
        return []
    return [_edit_at("date", a.units, b.units, a_times[1], b_times[1])]


def _time_side(side: _Side, other: _Side) -> tuple[frozenset, Span | None] | None:
    """(what times the side says, the span to show) when its changed words are time expressions
    and connectives only ("in", "on", "the", "that"); None when some other word changed.  A side of connectives only
    (or none) says the times of its unchanged neighbours that the other side's time expressions
    reach into ("early February" -> "February": the dropped "early" changes the time; "in
    October last year" -> "last October": "in" -> "last" does not)."""
    found = _times_over(side.units.text, side.tokens)
    for token in side.tokens:
        if not any(_overlaps(t, token) for t in found) and token.surface.lower() not in lexicon.CONNECTIVES:
            return None
    if not found:
        other_times = _times_over(other.units.text, other.tokens)
        for near, own in ((other.before, side.before), (other.after, side.after)):
            if near is not None and own is not None and any(_overlaps(t, near) for t in other_times):
                found.extend(_times_over(side.units.text, [own]))
        if side.tokens and not found:
            return None
    return frozenset(t.meaning for t in found), _cover(found, side.tokens)


def _overlaps(time: _Time, token: Token) -> bool:
    return time.start < token.end and token.start < time.end


def _times_over(text: str, tokens: list[Token]) -> list[_Time]:
    """The time expressions of ``text`` that overlap ``tokens`` (they do not overlap each other,
    so both their starts and their ends are in order)."""
    if not tokens:
        return []
    times, starts, ends = _time_index(text)
    return list(times[bisect_right(ends, tokens[0].start) : bisect_left(starts, tokens[-1].end)])


@lru_cache(maxsize=2048)
def _time_index(text: str) -> tuple[tuple[_Time, ...], list[int], list[int]]:
    times = _times_of(text)
    return times, [t.start for t in times], [t.end for t in times]


def _cover(times: list[_Time], tokens: list[Token]) -> Span | None:
    starts = [t.start for t in times] + [t.start for t in tokens]
    ends = [t.end for t in times] + [t.end for t in tokens]
    return (min(starts), max(ends)) if starts else None


def _times_of(text: str) -> tuple[_Time, ...]:
    """The time expressions of a text with what each means (see the module docstring)."""
    found = []
    layout = Layout(text, _TIME_TRIGGERS)
    for phrase in facts_times.time_phrases(text, layout):
        said = " ".join(phrase.match.group().lower().split())
        resolutions = (facts_times.resolve_phrase(phrase, day) for day in _REFERENCE_DAYS)
        meaning = tuple(resolution[0] or said for resolution in resolutions if resolution is not None)
        if meaning:
            found.append(_Time(*phrase.match.span(), meaning))
    for match in (*_relative_times(text, layout.lower), *_BARE_YEAR.finditer(text)):
        words = " ".join(match.group().lower().split())
        inside = [t for t in found if t.start < match.end() and match.start() < t.end]
        if not inside:
            found.append(_Time(match.start(), match.end(), (words,)))
        elif all(match.start() < t.start or t.end < match.end() for t in inside) and len(inside) == 1:
            # "earlier this year": a relative phrase reaching past a facts time qualifies it
            time = inside[0]
            found.remove(time)
            found.append(_Time(min(time.start, match.start()), max(time.end, match.end()), (*time.meaning, words)))
    return tuple(sorted(found))


def _relative_times(text: str, lower: str) -> list[re.Match[str]]:
    """The matches of ``_RELATIVE_TIME`` in ``text``.  Matched in the lower-case copy without
    IGNORECASE, two and a half times faster, unless the text holds one of the four letters that
    IGNORECASE matches to an ASCII letter and lower-casing does not make one (İ, ı, ſ, K)."""
    if _FOLDED_TO_ASCII.search(text):
        return list(_RELATIVE_TIME.finditer(text))
    return list(_RELATIVE_TIME_LOWER.finditer(lower))


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


def _number_edit(a: _Side, b: _Side, settings: DupesSettings) -> list[Edit] | None:
    """The number edit of a block whose sides are one number each, in the same place."""
    if a.before is None and a.after is None:
        return None  # no unchanged word beside it: nothing says the two count the same thing
    if _timed(a) or _timed(b):
        return None  # a year against a number: not one quantity
    a_value, b_value = _quantity(a, a.tokens, b.tokens), _quantity(b, b.tokens, a.tokens)
    if a_value is None or b_value is None:
        return None
    if a_value == b_value:
        return []
    if not _same_place(a, a.tokens, b, b.tokens, settings) or _other_units(a.tokens, b.tokens):
        return None
    return [_edit("number", a.units, b.units, a.tokens, b.tokens)]


def _same_place(a: _Side, a_run: list[Token], b: _Side, b_run: list[Token], settings: DupesSettings) -> bool:
    """Whether two numbers stand in the same place of their sentences, so they count the same thing:
    the same words before and after them, ``number_context_words`` at least ("total of 17 charges" /
    "total of 13 charges"; "the 54-year-old mother" and "the 28-year-old daughter" are two); when
    punctuation follows (an age after a name, a sum closing a sentence: "Frank Walters, 51," /
    "fined \u00a3500.") what they belong to comes before, and that many less one words before must be
    the same ("Sandra Walters, 53" and "Frank Walters, 52" are two people)."""
    most = settings.number_context_words
    a_first, a_last = a.words.index(a_run[0]), a.words.index(a_run[-1]) + 1
    b_first, b_last = b.words.index(b_run[0]), b.words.index(b_run[-1]) + 1
    left = _matching(a.words, b.words, a_first - 1, b_first - 1, -1, most)
    right = _matching(a.words, b.words, a_last, b_last, 1, most)
    if _punctuated_after(a, a_last) or _punctuated_after(b, b_last):
        return left >= most - 1
    return left >= 1 and right >= 1 and left + right >= most


def _matching(a_words: list[Token], b_words: list[Token], i: int, j: int, step: int, most: int) -> int:
    """How many words from ``a_words[i]`` and ``b_words[j]`` on (in the direction ``step``) are the same."""
    count = 0
    while count < most and 0 <= i < len(a_words) and 0 <= j < len(b_words) and a_words[i].key == b_words[j].key:
        count, i, j = count + 1, i + step, j + step
    return count


def _punctuated_after(side: _Side, index: int) -> bool:
    """Whether punctuation (or the end of the sentence piece) follows the word before ``index``."""
    if index >= len(side.words):
        return True
    between = side.units.text[side.words[index - 1].end : side.words[index].start]
    return any(mark in between for mark in ",;:.)(\u2013\u2014")


def _other_units(a_run: list[Token], b_run: list[Token]) -> bool:
    """Whether the two numbers carry different glued units ("18cm" / "7in"): a conversion, not one value."""
    units = [re.findall(r"\d([a-z]+)$", run[-1].surface.lower()) for run in (a_run, b_run)]
    glued = [u[0] for u in units if u and u[0] in lexicon.UNIT_ABBREVIATIONS]
    return len(glued) == 2 and glued[0] != glued[1]


def _quantity(side: _Side, tokens: list[Token], other: list[Token]) -> float | None:
    """The value of ``tokens`` when they are one number (with the number words just around the
    change: "2.4" of "2.4 million"), or a number and the unit the other side glues on ("22 stone"
    against "22st"); None otherwise."""
    if not tokens:
        return None
    if len(tokens) > 1 and not _is_number_word(tokens[-1]) and _glued_unit_of(other, tokens[-1]):
        tokens = tokens[:-1]
    if not all(_is_number_word(t) for t in tokens):
        return None
    first, last = side.words.index(tokens[0]), side.words.index(tokens[-1])
    while first > 0 and first == side.start and _is_number_word(side.words[first - 1]):
        first -= 1
    while last + 1 < len(side.words) and last + 1 == side.end and _is_number_word(side.words[last + 1]):
        last += 1
    return number_value(side.units.text[side.words[first].start : side.words[last].end])


def _timed(side: _Side) -> bool:
    return bool(_times_over(side.units.text, side.tokens))


def _is_number_word(token: Token) -> bool:
    """A number, a scale word ("million") or number words joined by hyphens ("twenty-three")."""
    if token.number:
        return True
    word = token.surface.lower()
    return word in lexicon.SCALE_NAMES or all(part in lexicon.NUMBER_WORDS for part in word.split("-"))


def _glued_unit_of(other: list[Token], word: Token) -> bool:
    """Whether the other side's number ends in a unit abbreviation that begins ``word`` ("22st", "stone")."""
    if not other:
        return False
    match = re.search(r"\d([a-z]+)$", other[-1].surface.lower())
    unit = match.group(1) if match else ""
    return unit in lexicon.UNIT_ABBREVIATIONS and word.surface.lower().startswith(unit)


def _edge_quantities(
    a: _Side, b: _Side, a_rest: list[Token], b_rest: list[Token], at_start: bool, settings: DupesSettings
):
    """The numbers at one edge of a changed block, when that edge touches an unchanged word (the
    same on both sides, so the two count the same thing): ((tokens, value) of a, of b), or None."""
    if (a.before if at_start else a.after) is None or not a_rest or not b_rest:
        return None
    edge = 0 if at_start else -1
    if a_rest[edge] is not a.tokens[edge] or b_rest[edge] is not b.tokens[edge]:
        return None  # that edge was taken already
    runs = []
    for side, rest in ((a, a_rest), (b, b_rest)):
        run = _number_run(rest, at_start)
        if not run or _times_over(side.units.text, run):
            return None
        runs.append(run)
    if at_start:  # the unit the other side glues on: "22 stone by" / "22st at"
        for run, rest, other in ((runs[0], a_rest, runs[1]), (runs[1], b_rest, runs[0])):
            if len(run) < len(rest) and _glued_unit_of(other, rest[len(run)]):
                run.append(rest[len(run)])
    values = _quantity(a, runs[0], runs[1]), _quantity(b, runs[1], runs[0])
    if values[0] is None or values[1] is None:
        return None
    if values[0] != values[1] and (not _same_place(a, runs[0], b, runs[1], settings) or _other_units(runs[0], runs[1])):
        return None
    return (runs[0], values[0]), (runs[1], values[1])


def _number_run(tokens: list[Token], at_start: bool) -> list[Token]:
    """The number words at the start (or the end) of ``tokens``."""
    ordered = tokens if at_start else tokens[::-1]
    run = []
    for token in ordered:
        if not _is_number_word(token):
            break
        run.append(token)
    return run if at_start else run[::-1]


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def _name_edit(a: _Side, b: _Side, settings: DupesSettings) -> list[Edit] | None:
    """The name edit of a block whose two sides are spellings of one name; None otherwise."""
    a_name, b_name = _name_words(a, b.units), _name_words(b, a.units)
    if not a_name or not b_name or not _one_name(a_name, b_name, a, b, settings):
        return None
    return [_edit("name", a.units, b.units, a.tokens, b.tokens)]


def _name_words(side: _Side, other: TextUnits) -> list[Token] | None:
    """The changed words when they are a name (a leading "the" aside), else None."""
    tokens = side.tokens
    if tokens and tokens[0].surface.lower() == "the":
        tokens = tokens[1:]
    if tokens and all(_name_like(t, side.units, other) for t in tokens):
        return tokens
    return None


def _one_name(a_name: list[Token], b_name: list[Token], a: _Side, b: _Side, settings: DupesSettings) -> bool:
    a_plain, b_plain = _plain(a_name), _plain(b_name)
    if _respelled(a_plain, b_plain, settings):
        return True
    if _acronym_of(a_name, b_name) or _acronym_of(b_name, a_name):
        return True
    # a first name changed before the same surname: "Dave Jones" / "David Jones"
    surname = a.after
    return (
        len(a_name) == len(b_name) == 1
        and surname is not None
        and _name_like(surname, a.units, b.units)
        and _common_prefix(a_plain, b_plain) >= settings.first_name_prefix
        and not _derived(a_plain, b_plain)
    )


def _respelled(a: str, b: str, settings: DupesSettings) -> bool:
    """Whether two names (plain forms) are one respelled: similar enough, and not one word derived
    from the other ("Chile"/"Chilean", "Belgium"/"Belgian", "West"/"Western", "Though"/"Although")."""
    if a[:1] != b[:1] or Levenshtein.normalized_similarity(a, b) < settings.name_similarity:
        return False
    shorter, longer = sorted((a, b), key=len)
    return not (longer.startswith(shorter) or longer.endswith(shorter) or _derived(a, b))


def _derived(a: str, b: str) -> bool:
    """Whether two words are one stem with two derivation endings ("belgium"/"belgian", "west"/"western")."""
    stem = _common_prefix(a, b)
    return {a[stem:], b[stem:]} <= lexicon.DERIVATION_ENDINGS | {""}


def _acronym_of(short: list[Token], long: list[Token]) -> bool:
    """ "BRI" of "Bristol Royal Infirmary", "NHS" of "National Health Service"."""
    if len(short) != 1 or len(long) < 2 or not short[0].surface.isupper():
        return False
    initials = "".join(t.surface[0] for t in long if t.surface.lower() not in lexicon.FUNCTION_WORDS)
    return initials.upper() == short[0].surface


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return size


def _name_pairs(
    a: _Side, b: _Side, a_rest: list[Token], b_rest: list[Token], settings: DupesSettings
) -> list[tuple[Token, Token]]:
    """Respelled names inside a longer change: each name of one side with the most similar name of
    the other that begins with the same letter (Kattab/Khattab), if similar enough."""
    a_keys, b_keys = {t.key for t in a_rest}, {t.key for t in b_rest}
    candidates = [t for t in b_rest if t.key not in a_keys and _respellable(t, b.units, a.units, settings)]
    pairs = []
    for left in a_rest:
        if left.key in b_keys or not _respellable(left, a.units, b.units, settings):
            continue
        left_plain = _plain([left])
        scored = [
            (Levenshtein.normalized_similarity(left_plain, _plain([right])), right)
            for right in candidates
            if _plain([right])[:1] == left_plain[:1] and _respelled(left_plain, _plain([right]), settings)
        ]
        if scored:
            right = max(scored, key=lambda item: item[0])[1]
            pairs.append((left, right))
            candidates.remove(right)
    return pairs


def _respellable(token: Token, units: TextUnits, other: TextUnits, settings: DupesSettings) -> bool:
    return len(_plain([token])) >= settings.variant_min_length and _name_like(token, units, other)


def _name_like(token: Token, units: TextUnits, other: TextUnits) -> bool:
    """A word that can be (part of) a name: capitalised, not a number, function word, title,
    month or weekday, nor shouted headline capitals; a sentence's first word only when neither
    text writes it in lower case (so its capital is its own)."""
    surface = token.surface
    if not surface[:1].isupper() or token.number or token.stop:
        return False
    word = anyascii(surface).lower().rstrip(".")
    word = _POSSESSIVE.sub("", word)
    if word in lexicon.FUNCTION_WORDS or word in lexicon.TITLES or word in lexicon.TITLE_ABBREVIATIONS:
        return False
    if word in lexicon.MONTHS or word in lexicon.WEEKDAYS:
        return False
    if surface.isupper() and len(surface) >= _SHOUTED_LENGTH:
        return False
    if token.initial:
        return word not in _lower_words(units.text) and word not in _lower_words(other.text)
    return True


@lru_cache(maxsize=2048)
def _lower_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case."""
    return frozenset(w for w in WORD.findall(text) if w[:1].islower())


# ---------------------------------------------------------------------------
# Quotes and positions
# ---------------------------------------------------------------------------


def _quoted(side: _Side) -> bool:
    """Whether the side's changed words are all inside quotation marks (an empty side: its place)."""
    ranges = side.units.quotes
    if not side.tokens:
        return any(start < side.position < end for start, end in ranges)
    return all(any(start <= t.start and t.end <= end for start, end in ranges) for t in side.tokens)


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
