"""Sourcing and credit lines: who the text says its information comes from.

Patterns (each names its source, a capitalised name such as "Reuters",
"The Northern Herald", "U.K. Ministry of Defense" or "Example.net"):

* ``subject_verb``: "Reuters reported", "X confirmed", "X wrote",
  "X said in a statement"; an appositive between is skipped
  ("Anna Berg, director of Y, confirmed" credits Anna Berg);
* ``according_to``: "according to the Daily Post", "according to the latest
  statistics from the Interior Ministry" (the name at the end);
* ``told``: "told Reuters", "told the Daily Post" (the outlet told);
* ``by``: "reported by X", "published by X", "seen by X", "in an interview
  with X";
* ``citing``: "citing X", "X cited";
* ``dateline``: "LONDON (Reuters) -" at the start of a paragraph;
* ``credit_line``: "Source: X", "Originally published by X" on a line.

Decisions: a pronoun or a common word ("the outlet", "they", "Officials")
is not a source, so "the outlet noted" is not reported; "said" alone is
not an attribution (every quote has one) but "said in a statement" is.
"""

from __future__ import annotations

import re

from corpuskit.facts.model import AttributionFact
from corpuskit.facts.text import Layout
from corpuskit.text import lexicon

__all__ = ["extract_attributions", "TRIGGER_WORDS"]

Span = tuple[int, int]

_CAP = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'\u2019&.-]*\w|[A-Z])"
_JOIN = r"(?:of|for|and|&|de|du|la|al|the|on|in)"
# A day or month name after a joiner ends the name: "Example.net on Monday".
_NOT_AFTER_JOIN = "(?!(?:" + "|".join(w.capitalize() for w in (*lexicon.WEEKDAYS, *lexicon.MONTH_NAMES)) + r")\b)"
_NAME = rf"{_CAP}(?:\s+(?:{_JOIN}\s+{_NOT_AFTER_JOIN})*{_CAP}){{0,6}}"
_AUX = r"(?:has|had|have|also|first|previously|later|earlier|recently|originally|then|further)"
_SUBJECT_VERBS = (
    r"reported|reports|wrote|writes|published|confirmed|confirms|informs|informed|announced|noted|notes"
    r"|said\s+in\s+a\s+(?:statement|report|post|press\s+release)|says\s+in\s+a\s+(?:statement|report)"
)
_VERB = re.compile(rf"\b(?P<verb>{_SUBJECT_VERBS})\b")
_SUBJECT_APPOSITIVE = re.compile(rf"(?P<src>{_NAME})\s*,\s*[a-z][^,\n]{{0,100}}?,\s+(?:{_AUX}\s+){{0,2}}$")
_SUBJECT_DIRECT = re.compile(rf"(?P<src>{_NAME})\s+(?:{_AUX}\s+){{0,2}}$")
# Up to the end of the clause; a full stop after a capital letter ("U.K.") does not end it.
_PHRASE = r"(?:[^,;:\n()\u201c\u201d\".]|(?<=\b[A-Z])\.|\.(?=\w))+"
_ACCORDING = re.compile(rf"\b(?P<verb>[Aa]ccording\s+to)\s+(?P<phrase>{_PHRASE})")
_CITING = re.compile(rf"\b(?P<verb>[Cc]iting)\s+(?P<phrase>{_PHRASE})")
_TOLD = re.compile(rf"\b(?P<verb>told|speaking\s+to|in\s+an\s+interview\s+with)\s+(?:the\s+)?(?P<src>{_NAME})")
_BY = re.compile(
    rf"\b(?P<verb>(?:reported|published|cited|quoted|posted|broadcast|aired|obtained|seen|released"
    rf"|compiled|produced|commissioned)\s+by)\s+(?:the\s+)?(?P<src>{_NAME})"
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .,'\u2019-]{0,60}?\s*)?\((?P<src>[A-Z][\w.&' -]{0,30})\)\s*[-\u2013\u2014]", re.MULTILINE
)
_CREDIT_LINE = re.compile(
    rf"^(?P<verb>Sources?|Credit|Courtesy(?:\s+of)?|Originally\s+published\s+(?:by|in|on|at)"
    rf"|This\s+(?:article|story)\s+(?:was\s+)?(?:first\s+|originally\s+)?(?:appeared|published)\s+(?:in|on|by))"
    rf"\s*:?\s+(?:the\s+)?(?P<src>{_NAME})",
    re.MULTILINE,
)
_NAME_END = re.compile(
    rf"(?:the\s+)?(?P<src>{_NAME})(?:\s+(?:news\s+agency|agency|newspaper|website|channel|outlet"
    rf"|television|tv|reports?|data|figures|sources?))?\s*$"
)
_NOT_NAMES = frozenset(
    "the they he she it we i this that these those there some many several its their his her our a an in on at but "
    "and also as if when while after before however meanwhile so amid amidst among despite during following "
    "according since although though because thus nevertheless nonetheless still yet now today here then perhaps "
    "finally initially eventually furthermore moreover additionally consequently".split()
)
_TIME_NAMES = frozenset(lexicon.MONTHS) | frozenset(lexicon.WEEKDAYS)
_VERB_WORDS = frozenset(
    "reported reports wrote writes published confirmed confirms informs informed announced noted notes "
    "said says".split()
)
# "said" is too common to try at every occurrence: "said in a statement" is found by its words instead.
_SAID_IN = ("said in a ", "says in a ")
_BY_WORDS = frozenset(
    "reported published cited quoted posted broadcast aired obtained seen released compiled produced "
    "commissioned".split()
)
_TOLD_WORDS = frozenset("told speaking interview".split())
# Words (lower case) where an attribution pattern may start or turn.
TRIGGER_WORDS = (_VERB_WORDS - {"said", "says"}) | _BY_WORDS | _TOLD_WORDS | {"according", "citing"}


def extract_attributions(text: str, layout: Layout) -> list[AttributionFact]:
    triggers = [(p, w) for p, w in layout.triggers if w in TRIGGER_WORDS] + _said_in(layout.lower)
    triggers.sort()
    facts = (
        _subject_verb(text, layout, triggers)
        + _phrase_patterns(text, layout, triggers)
        + _named_patterns(text, layout, triggers)
        + _line_patterns(text, layout)
    )
    facts.sort(key=lambda f: (f.span, f.pattern))
    unique: list[AttributionFact] = []
    for fact in facts:  # one fact per source mention: the first pattern that read it
        if not any(u.source_span == fact.source_span for u in unique):
            unique.append(fact)
    return unique


def _said_in(lower: str) -> list[tuple[int, str]]:
    found = []
    for phrase in _SAID_IN:
        position = lower.find(phrase)
        while position != -1:
            found.append((position, phrase[:4]))
            position = lower.find(phrase, position + 1)
    return found


def _subject_verb(text: str, layout: Layout, triggers: list[tuple[int, str]]) -> list[AttributionFact]:
    facts = []
    for position, word in triggers:
        verb = _VERB.match(text, position) if word in _VERB_WORDS else None
        if verb is None:
            continue
        sentence_start = layout.sentence_of(verb.start())[0]
        window_start = max(sentence_start, verb.start() - 200)
        before = text[window_start : verb.start()]
        match = _SUBJECT_APPOSITIVE.search(before) or _SUBJECT_DIRECT.search(before)
        if not match:
            continue
        source = _clean_source(
            text,
            window_start + match.start("src"),
            window_start + match.end("src"),
            sentence_initial=window_start + match.start("src") == sentence_start,
        )
        if source is None:
            continue
        facts.append(_fact(text, layout, (source[0], verb.end()), source, verb.group("verb"), "subject_verb"))
    return facts


def _phrase_patterns(text: str, layout: Layout, triggers: list[tuple[int, str]]) -> list[AttributionFact]:
    facts = []
    for position, word in triggers:
        if word not in {"according", "citing"}:
            continue
        pattern, name = (_ACCORDING, "according_to") if word == "according" else (_CITING, "citing")
        match = pattern.match(text, position)
        if match is not None:
            fact = _phrase_fact(text, layout, match, name)
            if fact is not None:
                facts.append(fact)
    return facts


# Words between "according to"/"citing" and the end of the name: more is a clause, not a source.
_MAX_PHRASE_WORDS = {"according_to": 14, "citing": 6}


def _phrase_fact(text: str, layout: Layout, match: re.Match[str], name: str) -> AttributionFact | None:
    phrase = match.group("phrase").rstrip()
    if phrase.count(" ") >= _MAX_PHRASE_WORDS[name]:
        return None
    found = _NAME_END.search(phrase)
    if not found:
        return None
    start = match.start("phrase") + found.start("src")
    source = _clean_source(text, start, match.start("phrase") + found.end("src"), sentence_initial=False)
    if source is None:
        return None
    return _fact(text, layout, (match.start(), match.start("phrase") + len(phrase)), source, match.group("verb"), name)


def _named_patterns(text: str, layout: Layout, triggers: list[tuple[int, str]]) -> list[AttributionFact]:
    matches = []
    for position, word in triggers:
        if word in _TOLD_WORDS:
            start = (
                position - 6 if word == "interview" and layout.lower[position - 6 : position] == "in an " else position
            )
            matches.append((_TOLD.match(text, start), "told"))
        if word in _BY_WORDS:
            matches.append((_BY.match(text, position), "by"))
    return _facts_of(text, layout, matches)


def _line_patterns(text: str, layout: Layout) -> list[AttributionFact]:
    """Datelines and credit lines: only at the start of a paragraph."""
    matches = []
    for start, _ in layout.paragraphs:
        if "(" in text[start : start + 80]:
            matches.append((_DATELINE.match(text, start), "dateline"))
        matches.append((_CREDIT_LINE.match(text, start), "credit_line"))
    return _facts_of(text, layout, matches)


def _facts_of(text: str, layout: Layout, matches: list[tuple[re.Match[str] | None, str]]) -> list[AttributionFact]:
    facts = []
    for match, name in matches:
        if match is not None:
            source = _clean_source(text, match.start("src"), match.end("src"), sentence_initial=False)
            if source is None:
                continue
            verb = "dateline" if name == "dateline" else match.group("verb")
            facts.append(
                _fact(
                    text, layout, (match.start(), source[1] if name != "dateline" else match.end()), source, verb, name
                )
            )
    return facts


def _clean_source(text: str, start: int, end: int, sentence_initial: bool) -> Span | None:
    """The name without leading function words ("The", "In"), or None when nothing name-like is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (words[0].group().lower() in _NOT_NAMES or words[0].group().lower() in _TIME_NAMES):
        words.pop(0)
        sentence_initial = False
    while words and (words[-1].group().lower() in {"of", "for", "and", "&", "the", "in", "on"}):
        words.pop()
    if not words:
        return None
    if len(words) == 1:
        word = words[0].group()
        if word.lower() in _TIME_NAMES or word.lower() in lexicon.SPEAKER_PRONOUNS:
            return None
        if sentence_initial and word.endswith("s") and not word.isupper():
            return None  # "Officials reported": a common plural at the start of a sentence
    return start + words[0].start(), start + words[-1].end()


def _fact(text: str, layout: Layout, span: Span, source: Span, verb: str, pattern: str) -> AttributionFact:
    start, end = span
    return AttributionFact(
        span=(start, end),
        text=text[start:end],
        sentence_span=layout.sentence_of(start),
        source=text[source[0] : source[1]],
        source_span=source,
        verb=" ".join(verb.lower().split()),
        pattern=pattern,
    )
