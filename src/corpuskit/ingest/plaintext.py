"""The plain-text reader: clean the text, then read metadata off its head.

A saved article usually starts with some of: a headline, a label such as
"Article:", and a byline ("By Jane Doe, Some News", or a short bullet block
"• Jane Doe / • Some News").  Those lines are taken out of the body and
become the title, author and outlet.  Without a headline, the title is the
first sentence (shortened) and the body keeps it.

Decisions:

* An all-capitals headline (agency wire copy) is converted to title case,
  because a shouting title reads badly in listings; words without vowels
  ("GM", "QC", "NHS") and two-letter abbreviations ("EU", "BA") stay in
  capitals so that abbreviations survive.
* The wire's " _ " dash becomes " – ".
* In a byline, job titles after the name ("Transport Correspondent")
  are not an outlet, and a place ("in Brussels") ends the byline; the
  outlet is the first comma part after the name that is neither.
"""

from __future__ import annotations

import re

from corpuskit.documents import METADATA_FIELDS
from corpuskit.ingest.article import Article
from corpuskit.ingest.clean import clean_text
from corpuskit.text.sentences import first_sentence

__all__ = ["read_plain_text", "text_article"]

HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 25
TITLE_MAX_CHARS = 100
LEAD_IN_MIN_WORDS = 12
BYLINE_MAX_ITEMS = 3
BYLINE_ITEM_MAX_WORDS = 5
AUTHOR_MAX_WORDS = 6

_BULLET = re.compile(r"^\s*[\u2022\u00b7\u25aa\u25e6\u2023\u2219\u25cf\u25a0*+\u2013\u2014-]\s+")
# Newspaper lead paragraphs set their first word or two in capitals and go
# on in lower case ("A LOCAL man was ...", "JANE Doe, the ...").
_CAPS_LEAD_IN = re.compile(r"^(?:[A-Z]\s+)?[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)?[\s,]+[a-z]")
_INNER_CAPITALS = re.compile(r"\b[A-Za-z]*[a-z]?[A-Z][\w'\u2019]*[A-Z][\w'\u2019]*\b")
# Wire-service instructions to editors on a line of their own (a short one: a sentence that
# merely starts with these words is text).
_WIRE_NOTICE = re.compile(
    r"^(?:embargo(?:ed)?\b|for immediate release\b|not for (?:publication|broadcast)\b|"
    r"note to (?:editors|eds)\b|editors?'? note\b|advisory\b)[^\n.!?]{0,80}$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)?:$")
_BYLINE = re.compile(r"^By:?\s+(?P<rest>[A-Z].*)$")
_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|columnist|producer|analyst|"
    r"journalist|contributor|chief|bureau|desk)\b",
    re.IGNORECASE,
)
# Words of a name that may be in lower case ("Ursula von der Leyen").
_NAME_PARTICLES = {"and", "de", "der", "den", "van", "von", "da", "di", "du", "la", "le", "bin", "al", "el", "ibn", "&"}
# Kept lower case inside a title-cased headline (news style: articles,
# conjunctions and prepositions of up to three letters), except as the
# first or last word or after a colon/dash.
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "in",
    "nor",
    "of",
    "on",
    "or",
    "per",
    "so",
    "the",
    "to",
    "up",
    "v",
    "vs",
    "yet",
}
# Ordinary two-letter words; any other two-letter word in capitals is taken
# for an abbreviation and stays in capitals.
_TWO_LETTER_WORDS = {
    "am",
    "an",
    "as",
    "at",
    "be",
    "by",
    "do",
    "go",
    "he",
    "hi",
    "if",
    "in",
    "is",
    "it",
    "me",
    "my",
    "no",
    "of",
    "oh",
    "ok",
    "on",
    "or",
    "so",
    "to",
    "up",
    "we",
}


def read_plain_text(text: str) -> Article:
    """Read one plain-text article: cleaned body plus title, author, outlet."""
    blocks = [block for block in clean_text(text).split("\n\n") if block]
    while len(blocks) > 1 and _is_wire_notice(blocks[0]):
        blocks.pop(0)  # "EMBARGOED TO 0001 TUESDAY": instructions to editors, neither title nor text
    title = None
    if len(blocks) > 1 and looks_like_headline(blocks[0]):
        headline = blocks.pop(0)
        # The body's spellings matter only to a headline in capitals, and finding them reads every word.
        title = headline_title(headline, spellings_in("\n".join(blocks)) if is_all_caps(headline) else None)
        if blocks and _LABEL.match(blocks[0]) and len(blocks) > 1:
            blocks.pop(0)  # "Article:", "Summary:" -- a label, not content
    author = outlet = None
    if len(blocks) > 1:
        byline = parse_byline(blocks[0])
        if byline is not None:
            author, outlet = byline
            blocks.pop(0)
    if title is None and blocks:
        title = first_sentence_title(blocks[0])
    return Article(text="\n\n".join(blocks), title=title, author=author, outlet=outlet)


def text_article(text: str, known: dict[str, str | None]) -> Article:
    """The article of a text that came with metadata (a record's fields, a document's
    properties): what came with it wins; without a title, the text's head gives the title,
    author and outlet it lacks, as it does for a plain-text file."""
    article = Article(text=clean_text(text)) if known.get("title") else read_plain_text(text)
    for name in METADATA_FIELDS:
        setattr(article, name, known.get(name) or getattr(article, name))
    return article


def _is_wire_notice(block: str) -> bool:
    """An instruction to editors in wire style: in capitals or with a time ("Embargoed until
    00:01"); a headline that starts with the same word ("Embargo on arms sales lifted") is not."""
    return bool(_WIRE_NOTICE.match(block)) and (is_all_caps(block) or any(c.isdigit() for c in block))


def looks_like_headline(block: str) -> bool:
    """A short single line that does not read as a sentence, label or byline."""
    if "\n" in block or _BULLET.match(block) or _BYLINE.match(block) or _LABEL.match(block):
        return False
    words = len(block.split())
    if len(block) > HEADLINE_MAX_CHARS or words > HEADLINE_MAX_WORDS:
        return False
    if words >= LEAD_IN_MIN_WORDS and _CAPS_LEAD_IN.match(block):
        return False  # "A LOCAL man was ..." -- a lead paragraph missing its full stop
    if block.startswith("(") and block.endswith(")"):
        return False  # a bracketed note
    ending = block.rstrip("\"'\u201d\u2019)")
    if ending.endswith((".", ",", ";", ":")) or (words >= LEAD_IN_MIN_WORDS and ending.endswith(("?", "!"))):
        return False  # a sentence; only short questions/exclamations pass as headlines
    return any(c.isalpha() for c in block)


def headline_title(line: str, spellings: dict[str, str] | None = None) -> str:
    """The headline as a title: wire dashes fixed, capitals made readable.

    ``spellings`` maps lower-case words to how the body writes them (its
    abbreviations and names with inner capitals: VAT, McCartney), so a
    title in capitals gets the body's own capitalisation for them.
    """
    line = re.sub(r"(?<=\S) _ (?=\S)", " \u2013 ", line).strip()
    return title_case(line, spellings) if is_all_caps(line) else line


def spellings_in(body: str) -> dict[str, str]:
    """Words the body writes with capitals inside them: abbreviations (VAT, IRA) and names such as
    McCartney or O'Neill, which title-casing a headline in capitals would break ("Mccartney").

    Lead-ins in capitals ("A LOCAL man was ...") are left out: they start a paragraph.
    """
    found: dict[str, str] = {}
    for paragraph in body.split("\n"):
        if is_all_caps(paragraph):
            continue  # a subheading in capitals spells nothing as the prose does
        lead_in = _CAPS_LEAD_IN.match(paragraph)
        for word in _INNER_CAPITALS.findall(paragraph):
            if not (lead_in and paragraph.startswith(word)):
                found.setdefault(_letters(word).lower(), _letters(word))
    return found


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def title_case(text: str, spellings: dict[str, str] | None = None) -> str:
    """Title-case an all-capitals headline; words in ``spellings`` are written as given there."""
    words = text.split(" ")
    result = []
    for index, word in enumerate(words):
        starts_phrase = index in (0, len(words) - 1) or words[index - 1].endswith((":", "\u2013", "\u2014", "-"))
        result.append(_title_word(word, starts_phrase, spellings or {}))
    return " ".join(result)


def _title_word(word: str, starts_phrase: bool, spellings: dict[str, str]) -> str:
    letters = _letters(word)
    if not letters:
        return word
    if letters.lower() in spellings:
        return _respelt(word, spellings[letters.lower()])
    lower = letters.lower()
    if not re.search(r"[aeiouy]", lower) or (len(lower) == 2 and lower not in _TWO_LETTER_WORDS):
        return word  # an abbreviation: GM, QC, NHS, EU
    if lower in _SMALL_WORDS and not starts_phrase and word.isalpha():
        return word.lower()
    parts = word.split("-")
    return "-".join(
        part.lower() if position and part.lower() in _SMALL_WORDS else _capitalise(part)
        for position, part in enumerate(parts)
    )  # "Door-to-Door"


def _respelt(word: str, spelling: str) -> str:
    """``word`` with its letters replaced, in order, by ``spelling``'s (punctuation kept)."""
    letters = iter(spelling)
    return "".join(next(letters) if c.isalpha() else c for c in word)


def _capitalise(part: str) -> str:
    """Upper-case the first letter, lower-case the rest ("STAR'S" -> "Star's")."""
    for position, char in enumerate(part):
        if char.isalpha():
            return part[:position] + char.upper() + part[position + 1 :].lower()
        if char.isdigit():
            return part.lower()  # "50MPH" -> "50mph"
    return part


def parse_byline(block: str) -> tuple[str, str | None] | None:
    """(author, outlet) from a "By ..." line or a short bullet block, else None."""
    match = _BYLINE.match(block)
    if match and "\n" not in block:
        return _parse_by_line(match.group("rest"))
    return _parse_bullet_byline(block)


def _parse_by_line(rest: str) -> tuple[str, str | None] | None:
    """ "Jane Doe, Legal Correspondent, Some News" -> ("Jane Doe", "Some News")."""
    parts = [part.strip() for part in rest.rstrip(".").split(",") if part.strip()]
    if not parts:
        return None
    # A place ends the useful part: "Jane Doe in Paris", "Some News, in Zeist, ..."
    parts = [_strip_place(part) for part in parts]
    if "" in parts:
        parts = parts[: parts.index("")]
    if not parts or not _is_name(parts[0], AUTHOR_MAX_WORDS):
        return None
    outlets = [part for part in parts[1:] if not _ROLE_WORDS.search(part)]
    return _readable_name(parts[0]), (outlets[0] if outlets else None)


def _strip_place(part: str) -> str:
    return re.sub(r"(?:^|\s+)in\s+[A-Z].*$", "", part).strip()


def _parse_bullet_byline(block: str) -> tuple[str, str | None] | None:
    """A block of 1-3 short bullet items: first the author, then the outlet."""
    lines = block.split("\n")
    if len(lines) > BYLINE_MAX_ITEMS or not all(_BULLET.match(line) for line in lines):
        return None
    items = [_BULLET.sub("", line).strip() for line in lines]
    if not all(_is_name(item, BYLINE_ITEM_MAX_WORDS) for item in items):
        return None
    return _readable_name(items[0]), (items[1] if len(items) > 1 else None)


def _is_name(text: str, max_words: int) -> bool:
    """Short, capitalised words and no sentence punctuation."""
    words = text.split()
    if not words or len(words) > max_words or re.search(r"[.!?;:\"\u201c\u201d]", text.rstrip(".")):
        return False
    return all(word[:1].isupper() or word.lower() in _NAME_PARTICLES for word in words)


def _readable_name(name: str) -> str:
    return title_case(name) if is_all_caps(name) else name


def first_sentence_title(block: str) -> str:
    """The first sentence of the text, cut at a word to fit the title length."""
    line = _BULLET.sub("", block.split("\n", 1)[0]).strip()
    sentence = first_sentence(line)
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS - 1]
    if " " in cut and not sentence[TITLE_MAX_CHARS - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # do not end on half a word
    return cut.rstrip(" ,;:\u2013\u2014-") + "\u2026"
