"""Mention clean-up: keep names, trim what the NER model glued to them.

The model's spans carry debris: a leading "the", a possessive "'s", quotes
and brackets, a courtesy title; and some of its "entities" are not names at
all (numbers, dates, pieces of URLs and image sizes, lower-case phrases).
``clean`` returns the mention narrowed to the name, or None to drop it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpuskit.entities.model import Mention

# Numeric and temporal labels are facts, not entities that have spellings.
NON_NAME_LABELS = {"CARDINAL", "QUANTITY", "DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}

# Courtesy titles are never part of a name ("Mr Shorten" is Shorten).
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam", "mme", "mlle", "herr", "frau"}
# Office titles precede a person's name but also start organisation names
# ("General Electric", "President's Choice"), so they are only removed from
# mentions already labelled PERSON.
OFFICE_TITLES = {
    "president", "vice-president", "senator", "sen", "rep", "representative", "gov",
    "governor", "gen", "general", "col", "colonel", "capt", "captain", "lt",
    "lieutenant", "sgt", "sergeant", "brigadier", "major", "commander", "admiral",
    "judge", "justice", "chancellor", "premier", "minister", "secretary", "mayor",
    "ambassador", "rev", "reverend", "father", "bishop", "cardinal", "rabbi", "imam",
    "sheikh", "coach", "chairman", "chairwoman", "ceo", "deputy", "prime", "foreign",
}

# Role words that, alone or with an office title, name no one in particular.
ROLE_WORDS = {"minister", "manager", "professor", "director", "chief", "executive", "officer", "head", "spokesman", "spokeswoman", "president", "vice", "state", "attorney", "solicitor", "inspector", "superintendent", "detective", "constable", "chair"}

# Closed-class words that a careless span (or a coreference annotation) may
# offer as a "name": pronouns and determiners are never names.
FUNCTION_WORDS = {
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "he", "him",
    "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we",
    "our", "ours", "ourselves", "they", "them", "their", "theirs", "themselves",
    "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
    "here", "there", "one", "ones", "someone", "anyone", "everyone",
}

# Determiners before a name are not part of it ("the Wagner Group", "his
# Prime Minister").
ARTICLES = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"}

_EDGE_PUNCTUATION = "\"'“”‘’«»„‟‹›()[]{}<>,;:!?*•·|–—-_/\\ \t\r\n"
_POSSESSIVE = re.compile(r"(?:['’`]s|s['’`]|['’`])$")
# Web debris: pieces of URLs, e-mail addresses, query strings, file names.
_URL_PIECE = re.compile(r"://|\bwww\.|[/@=?_]|\bhttps?\b|\.(?:html?|php|aspx?|jpe?g|png|gif|webp|svg|pdf)\b", re.I)
# Image sizes and srcset widths ("320w", "1024px", "2x"): digits then a short
# lower-case unit.  "3M" or "F-16" keep their capitals and survive.
_DIGIT_DEBRIS = re.compile(r"^\d+[a-z]{1,3}$")


def clean(mention: Mention) -> Mention | None:
    """The mention narrowed to the name it holds, or None when it holds none."""
    if mention.label in NON_NAME_LABELS:
        return None
    start, end = _first_line(mention.text, mention.start)
    text = mention.text[start - mention.start:end - mention.start]
    start, end = _trim(text, start, end, mention)
    text = mention.text[start - mention.start:end - mention.start]
    if not _is_name(text):
        return None
    if (start, end) == (mention.start, mention.end):
        return mention
    return replace(mention, start=start, end=end, text=text)


def _first_line(text: str, start: int) -> tuple[int, int]:
    """A span running over a line break joined two lines; keep the first that has a name."""
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for s, e in parts:
        if any(c.isupper() for c in text[s:e]):
            return start + s, start + e
    s, e = parts[0] if parts else (0, 0)
    return start + s, start + e


def _trim(text: str, start: int, end: int, mention: Mention) -> tuple[int, int]:
    """Trim edge punctuation, possessives, a leading article and titles, repeatedly."""
    while True:
        before = (start, end)
        stripped = text.strip(_EDGE_PUNCTUATION)
        if stripped:
            offset = text.index(stripped)
            start, end = start + offset, start + offset + len(stripped)
            text = stripped
        possessive = _POSSESSIVE.search(text)
        if possessive and possessive.start() > 0:
            keep = possessive.start() + (1 if possessive.group().startswith("s") else 0)
            end = start + keep
            text = text[:keep]
        words = text.split()
        if len(words) > 1 and _is_leading_word_removable(words[0], mention, start):
            cut = text.index(words[1], len(words[0]))
            start, text = start + cut, text[cut:]
        if (start, end) == before:
            return start, end


def _is_leading_word_removable(word: str, mention: Mention, start: int) -> bool:
    folded = word.casefold().rstrip(".")
    if folded in ARTICLES:
        # "the Wagner Group" → "Wagner Group"; but a capital "The" inside a
        # sentence belongs to the name ("in The Hague"), except at its start.
        return word[0].islower() or _at_sentence_start(mention, start)
    if folded in HONORIFICS:
        return True
    return folded in OFFICE_TITLES and mention.label == "PERSON"


def _at_sentence_start(mention: Mention, start: int) -> bool:
    if not mention.sentence:
        return True
    before = mention.sentence[:max(0, start - mention.sentence_start)]
    return not before.strip(_EDGE_PUNCTUATION)


def _is_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False  # empty, numbers, single letters
    if not any(c.isupper() for c in letters):
        return False  # "climate change", "the company": not a proper name
    if _URL_PIECE.search(text):
        return False
    words = text.split()
    if all(_DIGIT_DEBRIS.match(w) or not any(c.isalpha() for c in w) for w in words):
        return False
    if any(_DIGIT_DEBRIS.match(w) for w in words) and len(words) == 1:
        return False
    if len(words) == 1 and not text.isupper() and text.casefold() in FUNCTION_WORDS:
        return False  # "He", "It" at the start of a sentence
    if all(w.casefold().strip(".") in OFFICE_TITLES | ROLE_WORDS for w in words):
        return False  # "Prime Minister", "Professor": a role, held by many people
    return True
