"""Speakers a quote's own tag does not name: continued quote paragraphs and pronouns.

Two news conventions, applied to the quotes of one text in order:

* A paragraph that opens with a quotation and has no tag continues the
  speaker of the last quote of the paragraph before it, when that paragraph
  ends with a quote ('... ," Smith said.' then a paragraph '"And ...').
* A pronoun speaker ("he said") stands for the last named person before it
  who could be called that pronoun: the nearest preceding *named sayer*
  (a named quote speaker, or a name that is the subject or object of a
  speech verb: "Smith said", "said Smith", "according to Smith") whose
  gender, as the text itself shows it, agrees.  A name's gender is read
  from its title ("Mr", "Mrs") and from the he/his or she/her that follow
  its mentions; a name the text gives no gender is taken as agreeing.  A
  sayer further back than ``PRONOUN_WINDOW`` characters is not used: the
  pronoun is then left unresolved (naming the wrong person is worse than
  naming none).  Only "he" and "she" are resolved: "they", "we", "I" and
  "it" stand for groups, the writer or things as often as for a named sayer.

A resolved quote keeps its ``pronoun`` and gets the name as ``speaker``, and
the name's mention as ``speaker_span``.
"""

from __future__ import annotations

import re
from bisect import insort
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from corpuskit.facts.model import QuoteFact
from corpuskit.facts.text import Layout
from corpuskit.text import lexicon

__all__ = [
    "PRONOUN_WINDOW",
    "SAYER_AFTER_VERBS",
    "attribute_untagged",
    "gender_of_names",
    "named_sayers",
    "sentence_subject",
]

Span = tuple[int, int]

# Characters from a pronoun back to the named sayer it may stand for.  Chosen
# by cross-validation grouped by publication week on PolNeAR train
# (benchmarks/quotes.py --pronoun-cv, maximising right minus wrong names; 500
# in 4 of 5 folds, held out 474 right, 154 wrong, 102 unresolved): further
# back, another person has usually come into the story and the pronoun is
# as likely to be theirs.
PRONOUN_WINDOW = 500

_MALE = frozenset("he himself".split())
_FEMALE = frozenset("she herself".split())
_GENDER_OF_PRONOUN = {"he": "m", "she": "f"}
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# How many more pronouns of one gender than the other after a name's mentions make its gender.
GENDER_MARGIN = 1
_PRONOUN_WORDS = re.compile(r"\b(?:he|himself|she|herself)\b", re.IGNORECASE)
# Words that open a noun phrase rather than a name ("the senator", "his campaign").
DETERMINERS = frozenset("a an the his her their its our my your one this that another".split())
# A name: up to four capitalised words or initials ("Mark T. Roe"); a full stop ends it otherwise.
_NAME = r"(?<![\w.])(?:(?:[A-Z]\.|[A-Z][\w'\u2019-]*)\s+){0,3}[A-Z][\w'\u2019-]*\w"
# A name opening a sentence (after a connective or an opening phrase: "Here in Avonport, Hale"),
# then its verb: "Lee agrees.", "Rep. Tom Hale (R-Ore.) also addressed".
_SUBJECT = re.compile(
    rf"\s*(?:(?:But|And|So|Then|Yet)\s+|[A-Z][^,;:\n\"\u201c\u201d]{{0,60}},\s+)?(?P<who>{_NAME})(?:\s*,[^,;\n\"\u201c\u201d]{{1,120}}?,|\s*\([^()\n]{{1,40}}\))?\s+(?=[a-z])"
)
# Verbs whose object is the sayer ("said Smith", "Said Smith, ...:"); "told Smith" and "asked Smith"
# name the one spoken to.
SAYER_AFTER_VERBS = r"said|says|added|adds|stated|wrote|writes|explained|continued|according\s+to"
# Words that open a sentence or a clause and are not part of a name before a verb ("But Smith said").
_NOT_NAME_WORDS = (
    lexicon.STOP_WORDS | lexicon.SPEAKER_PRONOUNS | frozenset(lexicon.MONTHS) | frozenset(lexicon.WEEKDAYS)
) - lexicon.TITLES


class Sayer(NamedTuple):
    """A named person or body said to say something: where the name is, and the name."""

    span: Span
    name: str


def named_sayers(text: str, layout: Layout, quotes: Iterable[QuoteFact], verbs: str) -> list[Sayer]:
    """Named quote speakers, names next to a speech verb (``verbs``: a regex alternation) and
    names that open a sentence as its subject, in text order."""
    found = {q.speaker_span: q.speaker for q in quotes if q.speaker and q.speaker_span and q.pronoun is None}
    for start, _ in layout.sentences:
        span = sentence_subject(text, start)
        if span is not None and text[span[0] : span[1]].lower() not in lexicon.SPEAKER_PRONOUNS:
            found.setdefault(span, text[span[0] : span[1]])
    for pattern in _sayer_patterns(verbs):
        for match in pattern.finditer(text):
            span = _name_part(text, match.span("who"))
            if span is not None:
                found.setdefault(span, text[span[0] : span[1]])
    inside = _capitalised_inside_sentences(text)
    return sorted(Sayer(span, name) for span, name in found.items() if _is_name(text, layout, span, inside))


def subject_named(text: str, layout: Layout, sentence_start: int) -> Span | None:
    """The sentence's subject, if it is a pronoun or passes ``_is_name`` ("Even before ..." is no subject)."""
    span = sentence_subject(text, sentence_start)
    if span is None or text[span[0] : span[1]].lower() in lexicon.SPEAKER_PRONOUNS:
        return span
    return span if _is_name(text, layout, span, _capitalised_inside_sentences(text)) else None


@lru_cache(maxsize=4)
def _capitalised_inside_sentences(text: str) -> frozenset[str]:
    """Words the text capitalises after a word or comma: names, not sentence openers.  Read once
    a text (the quotes of one text ask in turn; a string's hash is computed once)."""
    return frozenset(re.findall(r"(?<=[\w,;] )([A-Z][\w'\u2019-]*)", text))


def _is_name(text: str, layout: Layout, span: Span, inside: frozenset[str]) -> bool:
    """One capitalised word opening a sentence ("Despite", "Hundreds", "Discussing") is a name only
    if the text also capitalises it inside a sentence; a contraction ("I'm") never is."""
    words = text[span[0] : span[1]].split()
    if len(words) > 1:
        return True
    word = words[0]
    if re.search(r"['\u2019](?!s$)", word):
        return False
    if layout.sentence_of(span[0])[0] < span[0] - 1 and text[: span[0]].rstrip()[-1:] not in ('"', "\u201c"):
        return True
    return word in inside


def sentence_subject(text: str, sentence_start: int) -> Span | None:
    """The name (or pronoun) that opens the sentence as its subject ("But Smith, 52, agrees"), or None."""
    subject = _SUBJECT.match(text, sentence_start)
    if subject is None or re.search(r"['\u2019]s?$", subject.group("who")):  # "Hale's aides": not the subject
        return None
    start, end = subject.span("who")
    if text[start:end].lower() in lexicon.SPEAKER_PRONOUNS:
        return start, end
    return _name_part(text, (start, end))


@lru_cache(maxsize=4)
def _sayer_patterns(verbs: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'Smith (, a lawyer,) (quickly) said' and 'said Smith'."""
    before = re.compile(rf"(?P<who>{_NAME})(?:\s*,[^,;\n\"\u201c\u201d]{{1,120}}?,)?(?:\s+\w+ly)?\s+(?:{verbs})\b")
    after = re.compile(rf"\b(?:{SAYER_AFTER_VERBS})\s+(?P<who>{_NAME})(?=\s*[,.;:!?(]|\s*$)")
    return before, after


def _name_part(text: str, span: Span) -> Span | None:
    """The name without the sentence words before it ("But Smith" -> "Smith"), or None."""
    return without_opening_words(text, span, _NOT_NAME_WORDS)


def without_opening_words(text: str, span: Span, opening: frozenset[str]) -> Span | None:
    """``span`` from its first word not in ``opening`` (lower case, full stop dropped), or None."""
    start, end = span
    for word in re.finditer(r"\S+", text[start:end]):
        if word.group().lower().strip(".") not in opening:
            return start + word.start(), end
    return None


def name_key(name: str) -> str:
    """The word a text repeats for a person: the last word of the name, possessive dropped."""
    words = re.findall(r"\w+(?:['\u2019]\w+)*", name)
    return _possessive_dropped(words[-1]).casefold() if words else ""


def gender_of_names(text: str, layout: Layout, names: Collection[str]) -> dict[str, str | None]:
    """The gender ("m", "f" or None) the text shows for each name: its title, or the pronouns
    in the rest of each sentence that mentions it and in the next if that opens with one.  A first and last
    name ("Ann Hale") is read from its own mentions first, apart from others of its family;
    failing that, from the mentions of the last name (``name_key``)."""
    male: Counter[str] = Counter()
    female: Counter[str] = Counter()
    keys = {name_key(n) for n in names} - {""}
    for mention in _CAPITALISED.finditer(text):
        key = _possessive_dropped(mention.group("word")).casefold()
        if key in keys:
            _count_evidence(text, layout, mention, key, male, female)
    full_names = {full for n in names if (full := _full_name(n))}
    for full in full_names:
        for mention in re.finditer(rf"\b(?P<title>)(?P<word>{re.escape(full)})\b", text):
            _count_evidence(text, layout, mention, full, male, female)
    by_key = {key: _gender(male[key], female[key]) for key in keys | full_names}
    return {n: by_key.get(_full_name(n) or "") or by_key.get(name_key(n)) for n in names}


def _full_name(name: str) -> str | None:
    """The last two capitalised words of a name, when it has two ("Ann Hale"), else None."""
    words = [w for w in name.split() if w[:1].isupper() and not w.endswith(".")]
    return " ".join(words[-2:]) if len(words) >= 2 else None


def _count_evidence(
    text: str, layout: Layout, mention: re.Match[str], key: str, male: Counter[str], female: Counter[str]
) -> None:
    title = _TITLE_GENDER.get((mention.group("title") or "").lower())
    male[key] += 3 * (title == "m")
    female[key] += 3 * (title == "f")
    for word in _PRONOUN_WORDS.findall(text, mention.end(), _evidence_end(layout, mention.end())):
        male[key] += word.lower() in _MALE
        female[key] += word.lower() in _FEMALE


def _gender(male: int, female: int) -> str | None:
    return "m" if male >= female + GENDER_MARGIN else "f" if female >= male + GENDER_MARGIN else None


_CAPITALISED = re.compile(r"\b(?:(?P<title>Mr|Mrs|Ms|Miss)\.?\s+)?(?P<word>[A-Z][\w'\u2019-]*\w)")


def _possessive_dropped(word: str) -> str:
    return re.sub(r"['\u2019]s$", "", word)


def _evidence_end(layout: Layout, offset: int) -> int:
    """Where the pronouns that may stand for a name mentioned at ``offset`` end: the end of its
    sentence, or of the next one when that opens with "he" or "she" ('Smith spoke. She said ...')."""
    end = layout.sentence_of(offset)[1]
    rest = layout.text[end:]
    following = end + len(rest) - len(rest.lstrip())
    if _OPENING_PRONOUN.match(layout.text, following):
        return layout.sentence_of(following)[1]
    return end


_OPENING_PRONOUN = re.compile(r"(?:He|She)\b")


def attribute_untagged(
    quotes: list[QuoteFact], text: str, layout: Layout, verbs: str, window: int = PRONOUN_WINDOW
) -> list[QuoteFact]:
    """The quotes with continued paragraphs and he/she resolved (see the module docstring)."""
    continued = _continue_paragraphs(quotes, text, layout)
    return _resolve_pronouns(continued, text, layout, named_sayers(text, layout, continued, verbs), window)


def _continue_paragraphs(quotes: list[QuoteFact], text: str, layout: Layout) -> list[QuoteFact]:
    result: list[QuoteFact] = []
    for quote in quotes:
        previous = result[-1] if result else None
        if (
            previous is not None
            and quote.speaker is None
            and quote.pronoun is None
            and _continues(previous, quote, text, layout)
        ):
            quote = replace(
                quote, speaker=previous.speaker, speaker_span=previous.speaker_span, pronoun=previous.pronoun
            )
        result.append(quote)
    return result


def _continues(previous: QuoteFact, quote: QuoteFact, text: str, layout: Layout) -> bool:
    """Does ``quote`` open the paragraph right after the one that ``previous`` (the quote before it) ends?"""
    if previous.speaker is None and previous.pronoun is None:
        return False
    paragraph = layout.paragraph_of(quote.span[0])
    before = layout.paragraph_of(max(paragraph[0] - 1, 0))
    opens = not text[paragraph[0] : quote.span[0]].strip(_OPENING_MARKS)
    # Only the previous quote's tag may follow it in its paragraph, not a story going on.
    ends_before = before[0] <= previous.span[1] <= before[1] and before[1] - previous.span[1] <= CONTINUED_TAG
    return before != paragraph and opens and ends_before


_OPENING_MARKS = " \t\u00a0\"'\u201c\u2018`\u00ab"
# Characters after a quote in its paragraph that can still be its tag ('," Mayor Jane Ross said on Monday.').
CONTINUED_TAG = 200


def _resolve_pronouns(
    quotes: list[QuoteFact], text: str, layout: Layout, sayers: list[Sayer], window: int
) -> list[QuoteFact]:
    genders = gender_of_names(text, layout, {s.name for s in sayers})
    mention = {s.span: s.span for s in sayers}  # where each sayer's name is written
    resolved = []
    for quote in quotes:
        wanted = _GENDER_OF_PRONOUN.get(quote.pronoun or "")
        if quote.speaker is None and wanted is not None:
            sayer = _last_sayer(sayers, quote, genders, wanted, window)
            if sayer is not None:
                quote = replace(quote, speaker=sayer.name, speaker_span=mention[sayer.span])
                # '"B," he added.' after '"A," he said.': the pronoun goes on standing for the same
                # person, so the resolved quote is where the window counts from next.
                at = Sayer((quote.span[1], quote.span[1]), sayer.name)
                mention[at.span] = mention[sayer.span]
                insort(sayers, at)
        resolved.append(quote)
    return resolved


def _last_sayer(
    sayers: list[Sayer], quote: QuoteFact, genders: dict[str, str | None], wanted: str, window: int
) -> Sayer | None:
    """The nearest named sayer before the quote's sentence, within ``window``, whose gender agrees
    (or that the text gives no gender).  A role with no name
    ("the senator") is passed over: the name further back says more."""
    limit = quote.sentence_span[0]
    near = [
        s
        for s in sayers
        if s.span[1] <= limit
        and limit - s.span[1] <= window
        and _has_name(s.name)
        and not any(a <= s.span[0] < b for a, b in quote.parts)
    ]
    agreeing = [s for s in near if genders.get(s.name) in (wanted, None)]
    return agreeing[-1] if agreeing else None


def _has_name(name: str) -> bool:
    """Does a capitalised word follow the first ("the former president": no; "Sen. Ted Cruz": yes)?"""
    words = name.split()
    return words[0][:1].isupper() and words[0].lower() not in DETERMINERS or any(w[:1].isupper() for w in words[1:])
