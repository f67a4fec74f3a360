"""Quotations and who said them.

A quotation is text between quotation marks (curly, straight, guillemets,
curly or straight single quotes, wire-style ``...'') inside one paragraph;
a double mark left open runs to the end of the paragraph, as in a quote
that continues into the next one.  A straight single quote is closed by
the next apostrophe that is not inside a word, so a plural possessive
("the nurses' lawyers") ends such a quote early.  Its speaker comes from a
speech tag next to it:

* after it: '..." Petrov said', '..." said John Smith', '..." Jane Doe, a
  lawyer for the family, said', '..." according to X';
* before it: 'X said: "..."', 'X told reporters, "..."', 'X argued that
  "..."', 'Said X, who ..., "..."', 'X hit back, saying: "..."', 'X issued
  the following statement: "..."', a transcript's 'X: "..."', or a
  sentence of only a tag before the quote's sentence ('Smith agreed.').

A quote split by its tag ('"A," he said. "B."') is one QuoteFact with two
parts, unless the second part is a reply with a tag of its own, follows
another speaker's tag, or is a phrase quoted inside the tag's sentence.
Quotes with no speaker of their own get one from ``corpuskit.facts.speakers``
(a continued quote paragraph, a pronoun resolved).  Decisions:

* A comma just inside the closing mark belongs to the tag, not the words.
* Quotes of one to three words without a speaker are scare quotes or
  titles ("partial mobilization") and are skipped.
* A pronoun speaker ("she said") keeps ``pronoun``; ``speaker`` is the
  named person it stands for only when ``corpuskit.facts.speakers`` finds
  one that agrees (naming the wrong person is worse than naming none).
* From a descriptive speaker ("independent researcher Chris Owen") the
  trailing name is kept ("Chris Owen"); a phrase without a name ("an
  officer of the army", "the witness's father") is kept whole.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from corpuskit.facts.model import QuoteFact
from corpuskit.facts.speakers import (
    DETERMINERS,
    PRONOUN_WINDOW,
    SAYER_AFTER_VERBS,
    attribute_untagged,
    subject_named,
    without_opening_words,
)
from corpuskit.facts.text import Layout
from corpuskit.text import lexicon
from corpuskit.text.quotes import QUOTE_PATTERN

__all__ = ["extract_quotes", "find_tag_after", "QUOTE_PATTERN"]

Span = tuple[int, int]

# Verbs that tag a quotation: the shared speech verbs and those a quote's tag
# uses in news but that mean other things elsewhere ("he charged", "she went on").
QUOTE_VERBS = lexicon.SPEECH_VERBS | frozenset(
    "cautioned cautions responded responds interjected wondered exhorted affirms affirmed reacted joked quipped "
    "charged countered announced announces predicted predicts "
    "urged urges vowed vows pleaded begged boasted bragged mused scoffed snapped fumed agreed agrees "
    "observed observes testified recounted recalled reported reports "
    # Base forms, for plural subjects: "The two lawmakers argue that ...".
    "argue claim warn insist note explain add write admit declare state insist disagreed disagrees answered answers elaborated continues speculated".split()
    + ["shot back", "hit back", "fired back", "put it"]
    + ["pointed out", "points out", "went on", "goes on"]
)
_VERB = "|".join(sorted((re.escape(v).replace(r"\ ", r"\s+") for v in QUOTE_VERBS), key=len, reverse=True))
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Capt|Sen|Rep|Gov|Lt|Sgt|St)\."
# A word of a speaker's name: a title ("Sen."), initials ("J.J.", "E.") or any run without punctuation.
_WHO_WORD = rf"(?:{_TITLE}|[A-Z]\.(?:[A-Z]\.)*|[^\s.,;:!?\u201c\u201d\"]+)"
_WHO = rf"{_WHO_WORD}(?:\s+{_WHO_WORD}){{0,9}}?"
# What may stand between a speaker and the verb: an apposition between commas
# ("Jane Roe, the No. 2 in the party leadership, said"), a bracket ("(D-N.Y.)"),
# auxiliaries and adverbs ("has also said").
_APPOSITION = r"(?:\s*,\s*[^,;\u201c\u201d\"\n]{1,120}?,|\s*\([^()\n]{1,40}\))?"
_AUXILIARIES = r"(?:\s+(?:also|further|then|later|previously|has|had|have|once|again|simply|quickly|finally))*"
# Tag after the quote: ', Petrov said' / ' said John Smith' / ', according to X'.
_TAG_WHO_VERB = re.compile(rf"[,\s]*(?P<who>{_WHO}){_APPOSITION}{_AUXILIARIES}\s+(?P<verb>{_VERB})\b")
_TAG_VERB_WHO = re.compile(rf"[,\s]*(?P<verb>{_VERB}|according\s+to)\s+(?P<who>{_WHO})(?=\s*[,.;:!?\n(]|\s*$)")
# Tag before the quote: 'X said: ' / 'X told reporters, ' / 'X argued that ' / 'X cautioned '.
_TAG_BEFORE = re.compile(
    rf"(?P<who>{_WHO}){_APPOSITION}{_AUXILIARIES}\s+(?P<verb>{_VERB})"
    rf"(?:(?:\s+[^:,\u201c\"\n]{{1,40}}?)?\s*[:,]|\s+that|)\s*$"
)
# An inverted tag opening the sentence: 'Said Mary Roe, who grew up with him, "...'.
_TAG_BEFORE_INVERTED = re.compile(rf"\s*(?P<verb>(?i:{SAYER_AFTER_VERBS}))\s+(?P<who>{_WHO}){_APPOSITION}\s*[:,]?\s*$")
# A participle after the sentence's subject: 'Smith hit back on Monday, saying: "...' / ', telling the crowd, "'.
_PARTICIPLE_BEFORE = re.compile(
    r",\s*(?P<verb>saying|writing|adding|noting|telling|asking|tweeting|declaring|arguing|explaining|warning"
    r"|insisting|stating)(?:\s+[^,:;\u201c\"\n]{1,40}?)?\s*[:,]?\s*$"
)
# A sentence that is only a tag, before the quote's sentence: 'Avon State's Ann Lee agreed. "...'.
_TAG_SENTENCE = re.compile(rf"\s*(?P<who>{_WHO}){_APPOSITION}{_AUXILIARIES}\s+(?P<verb>{_VERB})(?:\s+\w+)?\s*[.:]\s*")
# A transcript's label: 'Lee: "..."' at the start of a sentence.
# A heading may come before it: 'TURNOUT IS UP - Mark T. Roe: "...', 'Rep. Tom Hale (R-S.C.): "'.
_LABEL_BEFORE = re.compile(
    r"\s*(?:[^\n]*?\s[-\u2013\u2014]\s+)?(?P<who>(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019.-]*[a-z][\w'\u2019.-]*)"
    r"(?:\s*\([^()\n]{1,40}\))?\s*:\s*$"
)
# A statement the sentence's subject gave: 'The mayor issued the following statement: "'.
_STATEMENT_BEFORE = re.compile(r"\b(?P<verb>statement|message|tweet|post)(?:\s+\w+){0,3}\s*[:,]\s*$")
_NOT_IN_SPEAKER = frozenset("was were is are had has have will would could can to that not".split())
_NAME_AT_END = re.compile(r"(?:(?:[A-Z][\w'\u2019.-]*|de|van|von|bin|al)\s+){0,3}[A-Z][\w'\u2019.-]*$")
_SPEAKER_CLAUSE = re.compile(r"\s+(?:in|on|at|who|whose|which|during|after|before|from|via|with|when|while)\s")
MERGE_GAP = 160  # characters of tag (an apposition included) between two parts of one split quote
# Quotes of this many words or fewer with no speaker are scare quotes or titles ("partial mobilization").
SHORT_QUOTE_WORDS = 3


class _Tag(NamedTuple):
    """A speech tag: who (span), the verb, and where the tag runs."""

    who: Span
    verb: str
    start: int
    end: int


class _Piece(NamedTuple):
    """One run of quoted words: the words' span, where the marks open and close."""

    start: int
    end: int
    opened: int
    closed: int


_OPENING = re.compile(r"[\u201c\"\u00ab`\u2018']")


def _quoted_pieces(text: str) -> list[_Piece]:
    """Every quoted piece, in order."""
    pieces = []
    covered = 0
    for opening in _OPENING.finditer(text):
        if opening.start() < covered:
            continue
        match = QUOTE_PATTERN.match(text, opening.start())
        if match is None:
            continue
        covered = match.end()
        piece = _inner(text, match)
        if piece.end > piece.start:
            pieces.append(piece)
    return pieces


def extract_quotes(text: str, layout: Layout, pronoun_window: int = PRONOUN_WINDOW) -> list[QuoteFact]:
    """The quotes of a text with their speakers: from their own tags, then from the
    paragraph they continue or the named sayer their pronoun stands for."""
    return attribute_untagged(_tagged_quotes(text, layout), text, layout, _VERB, pronoun_window)


def _tagged_quotes(text: str, layout: Layout) -> list[QuoteFact]:
    pieces = _quoted_pieces(text)
    facts: list[QuoteFact] = []
    index = 0
    while index < len(pieces):
        parts = [pieces[index]]
        tag = find_tag_after(text, pieces[index].closed)
        tag_end = tag.end if tag else 0
        # 'A," Smith said on "Meet the Press."' -- a title inside the tag is part of the tag.
        while tag and index + 1 < len(pieces) and _inside_tag(text, tag_end, pieces[index + 1]):
            index += 1
            tag_end = pieces[index].closed
        # "A," he said. "B." -- the second part belongs to the same quote.
        while tag and index + 1 < len(pieces) and _continues(text, tag_end, pieces[index + 1]):
            index += 1
            parts.append(pieces[index])
        if tag is None:
            tag = _tag_before(text, layout, parts[0])
        index += 1
        fact = _make(text, layout, [(p.start, p.end) for p in parts], tag)
        if fact is not None:
            facts.append(fact)
    return facts


def _inner(text: str, match: re.Match[str]) -> _Piece:
    """The quoted words, trimmed of spaces and a final comma."""
    name = next(k for k, v in match.groupdict().items() if v is not None)
    start, end = match.span(name)
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return _Piece(start, end, match.start(), match.end())


def _inside_tag(text: str, tag_end: int, piece: _Piece) -> bool:
    """A short quoted title in the tag's own sentence ('said on NBC's "Meet the Press"')."""
    between = text[tag_end : piece.opened]
    return (
        len(between) <= MERGE_GAP
        and "\n" not in between
        and not _ENDS_CLAUSE.search(between)
        and len(text[piece.start : piece.end].split()) <= SHORT_QUOTE_WORDS
    )


def _continues(text: str, tag_end: int, piece: _Piece) -> bool:
    """Is ``piece`` the second part of the quote whose tag ends at ``tag_end`` ('"A," he said. "B."')?

    Not when the tag's sentence goes on into a quoted phrase ('he said, calling it "fake news"'),
    when another tag comes between ('he said. Smith replied: "B"'), or when the piece has a tag of
    its own (a reply: '"A?" he asked. "B," she said.').
    """
    between = text[tag_end : piece.opened]
    # The clause may end inside a title's marks: 'said Hale, host of "Night Desk." "I mean ...'.
    if len(between) > MERGE_GAP or "\n" in between or not _ENDS_CLAUSE.search(text[max(0, tag_end - 3) : piece.opened]):
        return False
    return not _ANY_VERB.search(between) and find_tag_after(text, piece.closed) is None


_ENDS_CLAUSE = re.compile(r"[.,;:!?\u2014\u2013-][\"'\u201d\u2019]?\s*$")
_ANY_VERB = re.compile(rf"\b(?:{_VERB})\b", re.IGNORECASE)


def find_tag_after(text: str, position: int) -> _Tag | None:
    """The speech tag that starts right after a closing quotation mark, if any.

    Only a quote that closes a clause ('...,"' / '..."' + ',' / '...!"', also
    when a quote inside it closes first: '...win anywhere,'"') takes a tag
    after it: 'a "scare quote" they said' does not.
    """
    window = text[position : position + 260]
    if not window[:1] or window[:1] not in ", \u00a0\t":
        return None
    if window[:1] != "," and _last_before_mark(text, position) not in _CLAUSE_END:
        return None
    for pattern in (_TAG_VERB_WHO, _TAG_WHO_VERB):
        match = pattern.match(window)
        if match and _plausible_speaker(match.group("who")):
            return _Tag(
                (position + match.start("who"), position + match.end("who")),
                " ".join(match.group("verb").lower().split()),
                position,
                position + match.end(),
            )
    return None


_CLAUSE_END = frozenset(",.!?\u2026-\u2014")
_INNER_CLOSING = "'\u2019\u201d\""


def _last_before_mark(text: str, position: int) -> str:
    """The character before the closing mark that ends at ``position``, past any inner closing marks."""
    index = position - 2
    while index > 0 and text[index] in _INNER_CLOSING:
        index -= 1
    return text[index] if index >= 0 else ""


def _tag_before(text: str, layout: Layout, piece: _Piece) -> _Tag | None:
    """The tag in the sentence before the opening mark: 'X said: "..."', 'X told reporters, "..."',
    'X argued that "..."', 'Said X, who ..., "..."' or a transcript's 'X: "..."'."""
    sentence_start = layout.sentence_of(piece.opened)[0]
    start = max(sentence_start, piece.opened - 260)
    before = text[start : piece.opened]
    if sentence_start >= start:
        for pattern in (_TAG_BEFORE_INVERTED, _LABEL_BEFORE):
            match = pattern.fullmatch(before)
            if match and _plausible_speaker(match.group("who")) and not _is_verb(match.group("who")):
                verb = match.groupdict().get("verb") or ":"
                return _Tag((start + match.start("who"), start + match.end("who")), verb.lower(), start, piece.opened)
    match = _TAG_BEFORE.search(text, start, piece.opened) if _ANY_VERB.search(before) else None
    if match and _plausible_speaker(match.group("who")):
        return _Tag(match.span("who"), " ".join(match.group("verb").lower().split()), match.start(), match.end())
    participle = _PARTICIPLE_BEFORE.search(before) or _STATEMENT_BEFORE.search(before)
    subject = subject_named(text, layout, sentence_start) if participle else None
    if participle and subject:
        return _Tag(subject, participle.group("verb"), sentence_start, piece.opened)
    return _tag_sentence_before(text, layout, sentence_start, piece)


def _tag_sentence_before(text: str, layout: Layout, sentence_start: int, piece: _Piece) -> _Tag | None:
    """'Smith agreed. "..."': a sentence of only a tag, right before the sentence the quote opens."""
    paragraph_start = layout.paragraph_of(piece.opened)[0]
    if text[sentence_start : piece.opened].strip() or sentence_start <= paragraph_start:
        return None
    previous = layout.sentence_of(sentence_start - 1)
    match = _TAG_SENTENCE.fullmatch(text, previous[0], sentence_start)
    if not match or not _plausible_speaker(match.group("who")):
        return None
    return _Tag(match.span("who"), " ".join(match.group("verb").lower().split()), match.start(), match.end())


def _is_verb(words: str) -> bool:
    return any(w.lower() in QUOTE_VERBS for w in words.split())


def _plausible_speaker(who: str) -> bool:
    words = who.split()
    if not words or len(words) > 10 or any(w.lower() in _NOT_IN_SPEAKER for w in words):
        return False
    if len(words) == 1 and words[0].rstrip(".").lower() in lexicon.TITLES:  # "Sen" of "Sen. Tom Hale who ..."
        return False
    first = words[0]
    if _is_verb(who):
        return False
    if first[0].isupper() or first.lower() in DETERMINERS or first.lower() in lexicon.SPEAKER_PRONOUNS:
        return True
    # "independent researcher Chris Owen": a description ending in a name
    return len(words) <= 6 and bool(_NAME_AT_END.search(who))


def _make(text: str, layout: Layout, parts: list[Span], tag: _Tag | None) -> QuoteFact | None:
    quote = " ".join(" ".join(text[s:e].split()) for s, e in parts)
    speaker, speaker_span, pronoun = _speaker(text, tag)
    if len(quote.split()) <= SHORT_QUOTE_WORDS and speaker is None and pronoun is None:
        return None
    start, end = parts[0][0], parts[-1][1]
    return QuoteFact(
        span=(start, end),
        text=text[start:end],
        sentence_span=layout.sentences_over(start, end),
        quote=quote,
        parts=tuple(parts),
        speaker=speaker,
        speaker_span=speaker_span,
        pronoun=pronoun,
        verb=tag.verb if tag else None,
    )


# Words that open a tag's clause but not its speaker: "Then she", "But Smith".
_OPENING_CONNECTIVES = lexicon.CONNECTIVES - DETERMINERS


def _speaker(text: str, tag: _Tag | None) -> tuple[str | None, Span | None, str | None]:
    if tag is None:
        return None, None, None
    start, end = without_opening_words(text, tag.who, _OPENING_CONNECTIVES) or tag.who
    who = text[start:end]
    first = who.split()[0].lower() if who.split() else ""
    if first in lexicon.SPEAKER_PRONOUNS:  # "she", or a clause: "He then adopted an accent and joked"
        return None, None, first
    clause = _SPEAKER_CLAUSE.search(who)
    if clause and who[:1].isupper():  # "Jane Doe in a Facebook post", "Jo Bloggs, whose son died"
        end = start + clause.start()
        who = text[start:end]
    name = _NAME_AT_END.search(who)
    if (
        name
        and name.start() > 0
        and who.split()[0].lower() not in DETERMINERS
        and re.search(r"\b[a-z]", who[: name.start()])
        and not who[: name.start()].rstrip().endswith(("of", "of the"))
    ):
        start += name.start()
    return text[start:end], (start, end), None
