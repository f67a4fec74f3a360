"""General text cleaning shared by every reader.

``clean_text`` turns whatever a reader extracted (plain text, Markdown or
HTML output, a JSON/CSV text field) into one canonical shape:

* paragraphs are separated by exactly one blank line and each paragraph is
  on one line;
* consecutive list items ("• ...", "- ...", "1. ...") stay one per line and
  together form one block, so a list reads as a list;
* no leading or trailing whitespace.

On the way it normalises Unicode and whitespace, undoes the conventions of
news-agency wire copy, re-joins hard-wrapped lines and removes debris that
saved web pages leave behind (image ``srcset`` fragments, photo credits,
"Read more:" link lists, comment and share prompts).

Every heuristic here works from the *shape* of a line (URL density, HTML
attribute fragments, a label followed by a short line, a short stand-alone
prompt) and never from names of particular sites, agencies or files.  The
rule throughout is: when unsure, keep the line -- losing a sentence of the
article is worse than keeping a line of debris.
"""

from __future__ import annotations

import re
import unicodedata

from corpuskit.text.sentences import ends_sentence, sentence_spans

__all__ = ["clean_text", "drop_repeated_title"]


def clean_text(text: str) -> str:
    """Clean one article's text; see the module docstring for the shape."""
    text = normalize_line_endings(text)
    text = strip_markup_tags(text)
    if looks_like_wire_copy(text):
        # Before Unicode clean-up: the \x19 line starts are wire markers.
        text = unwrap_wire_copy(text)
    text = normalize_unicode(text)
    lines = repair_whitespace(text)
    lines = drop_debris_lines(lines)
    lines = drop_trailing_end_markers(lines)
    lines = unwrap_hard_wrapped(lines)
    return shape_paragraphs(lines)


def drop_repeated_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that only repeats its title (a page's <h1>, a
    document's heading under a title property of the same words): the title is metadata."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    if first.strip().casefold() == title.casefold():
        return rest.strip()
    return text


# ---------------------------------------------------------------------------
# Characters and whitespace
# ---------------------------------------------------------------------------

# All the ways a document can spell "a space".
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only break words apart for search and matching.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# C0 controls except the newline, DEL, and C1 controls (U+0080-U+009F).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def normalize_line_endings(text: str) -> str:
    """CRLF and lone CR (old Mac files) become LF, so lines split one way."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_unicode(text: str) -> str:
    """NFC-normalise and remove characters that carry no text.

    Space variants become a plain space, zero-width characters and soft
    hyphens go, and control characters other than the newline are removed
    (wire files mark line starts with \\x19).  C1 controls are almost always
    Windows-1252 punctuation read as Latin-1 (U+0093 for a curly quote), so
    they are mapped back to that punctuation where cp1252 defines them.
    """
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROLS.sub(_control_replacement, text)


def _control_replacement(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return ""


def repair_whitespace(text: str) -> list[str]:
    """Split into lines; strip trailing spaces and collapse inner runs.

    Leading indentation is kept for now because re-joining hard-wrapped
    text uses it to see where paragraphs start; it is removed when the
    paragraphs are shaped.
    """
    lines = []
    for line in text.split("\n"):
        stripped = line.strip(" ")
        indent = line[: len(line) - len(line.lstrip(" "))] if stripped else ""
        lines.append(indent + re.sub(" {2,}", " ", stripped))
    return lines


# ---------------------------------------------------------------------------
# Markup left in text
# ---------------------------------------------------------------------------

# Only real HTML element names count, so "a < b" or "<not a tag>" survive.
_BLOCK_TAGS = (
    "html|head|body|title|meta|link|p|div|br|hr|pre|center|h[1-6]|ul|ol|li|"
    "table|tr|td|th|thead|tbody|blockquote|section|article|header|footer|"
    "nav|aside|figure|figcaption|form|main"
)
_INLINE_TAGS = "a|b|i|u|em|strong|span|font|img|small|big|sub|sup|abbr|cite|code|source|picture"
_HIDDEN_ELEMENTS = re.compile(r"<(script|style|title)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b(?:\s[^<>]*)?/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})\b(?:\s[^<>]*)?/?>", re.IGNORECASE)


def strip_markup_tags(text: str) -> str:
    """Remove HTML tags that survived into a text file.

    Some saved "text" files are really an HTML page wrapped around the text
    (e.g. an archive search page with the copy inside <PRE>).  Block
    tags become line breaks so that what they separated stays apart; the
    content of <title>, <script> and <style> is page furniture and goes too.
    """
    if "<" not in text or not (_BLOCK_TAG.search(text) or _INLINE_TAG.search(text)):
        return text
    text = _HIDDEN_ELEMENTS.sub("\n", text)
    text = _BLOCK_TAG.sub("\n", text)
    return _INLINE_TAG.sub("", text)


# ---------------------------------------------------------------------------
# News-agency wire copy
# ---------------------------------------------------------------------------

_RULE = re.compile(r"^\s*[-=_*]{10,}\s*$")
# "hh:mm dd/mm/yy: Page n (desk) CATEGORY Catchline" -- time, date, page.
_WIRE_TIMESTAMP = re.compile(r"^\s*\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{2,4}:?\s+Page\s+\d+\b.*$", re.IGNORECASE)
_WIRE_LINE_START = "\x19"
_WIRE_PARAGRAPH_END = "<"
# Desk codes that close a take: end, ends, mf ("more follows"), mfl, more.
_WIRE_END_MARKER = re.compile(r"^\W*(?:end|ends|mf|mfl|more|more follows)\W*$", re.IGNORECASE)
# A note to editors in brackets: "(reopens)", "(with pic)", "(Memo to CSEs: ...)".
_WIRE_EDITORIAL_NOTE = re.compile(r"^\(.*\)\W*$", re.DOTALL)
_LEADING_NOTE = re.compile(r"^\((?:[^()]|\([^()]*\))*\)\s+(?=\S)")
_HEADER_SCAN_LINES = 25


def looks_like_wire_copy(text: str) -> bool:
    """Recognise wire copy by its markers, never by the file name.

    Wire copy ends each paragraph with "<" and starts each line after a
    paragraph break with \\x19; a page header carries a "hh:mm dd/mm/yy:
    Page n" timestamp.  Some "<" paragraph ends are required; with them, a
    good share of marked lines or the header is enough.
    """
    lines = [line for line in text.split("\n") if line.strip() and not _RULE.match(line)]
    if not lines:
        return False
    closed = sum(1 for line in lines if line.rstrip().endswith(_WIRE_PARAGRAPH_END))
    if not closed:
        return False  # without paragraph ends there is nothing to unwrap by
    marked = sum(
        1 for line in lines if line.rstrip().endswith(_WIRE_PARAGRAPH_END) or line.startswith(_WIRE_LINE_START)
    )
    has_header = any(_WIRE_TIMESTAMP.match(line) for line in lines[:_HEADER_SCAN_LINES])
    return (marked >= 2 and marked / len(lines) >= 0.3) or has_header


def unwrap_wire_copy(text: str) -> str:
    """Turn wire copy into plain paragraphs separated by blank lines.

    The page header goes, lines are re-joined into the paragraphs that "<"
    closes, desk codes ("end", "mf") and bracketed notes to editors at the
    top go, and the typewriter conventions are undone.
    """
    lines = _drop_wire_header(text.split("\n"))
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.lstrip(_WIRE_LINE_START).strip()
        closes = line.endswith(_WIRE_PARAGRAPH_END)
        if closes:
            line = line[: -len(_WIRE_PARAGRAPH_END)].rstrip()
        if line:
            current.append(line)
        # "<" closes a paragraph; a stray blank line only does when the
        # paragraph so far ends a sentence (wire files have blank lines
        # in mid-sentence, e.g. "... it said the\n\nboard had agreed.<").
        blank_break = not line and current and ends_sentence(_CONTROLS.sub("", current[-1]))
        if (closes or blank_break) and current:
            paragraphs.append(_join_wrapped(current))
            current = []
    if current:
        paragraphs.append(_join_wrapped(current))
    paragraphs = [p for p in paragraphs if not _WIRE_END_MARKER.match(p)]
    paragraphs = _drop_leading_editorial_notes(paragraphs)
    return "\n\n".join(apply_wire_conventions(p) for p in paragraphs)


def _drop_wire_header(lines: list[str]) -> list[str]:
    """Drop everything up to the last rule/timestamp line of the header.

    Only lines before the first marked paragraph end are considered, so a
    rule inside the story itself is never taken for the header.
    """
    last_header = -1
    for index, line in enumerate(lines[:_HEADER_SCAN_LINES]):
        if line.rstrip().endswith(_WIRE_PARAGRAPH_END):
            break
        if _RULE.match(line) or _WIRE_TIMESTAMP.match(line):
            last_header = index
    return lines[last_header + 1 :]


def _drop_leading_editorial_notes(paragraphs: list[str]) -> list[str]:
    """Bracketed notes before the story are for editors, not readers.

    They are kept when nothing else is left (an advisory-only take), so the
    text never becomes empty because of this rule.
    """
    start = 0
    while start < len(paragraphs) and _WIRE_EDITORIAL_NOTE.match(paragraphs[start]):
        start += 1
    if start == len(paragraphs):
        return paragraphs
    # A note run into the headline: "(Corrected repetition ...) HEADLINE".
    first = _LEADING_NOTE.sub("", paragraphs[start], count=1)
    return [first or paragraphs[start], *paragraphs[start + 1 :]]


def apply_wire_conventions(paragraph: str) -> str:
    """Undo the typewriter conventions of wire copy.

    ``TeX-style'' quotes become curly quotes, a `single' quote opened with a
    backtick gets its curly pair, " _ " is the wire's dash, and "#" straight
    before a digit is the pound sign (wire character sets had no "£").
    """
    paragraph = paragraph.replace("``", "\u201c").replace("''", "\u201d")
    paragraph = re.sub(r"`([^`\n]*?)'(?![A-Za-z])", "\u2018\\1\u2019", paragraph)
    paragraph = paragraph.replace("`", "\u2018")
    paragraph = re.sub(r"(?<=\S) _ (?=\S)", " \u2013 ", paragraph)
    return re.sub(r"#(?=\d)", "\u00a3", paragraph)


# ---------------------------------------------------------------------------
# Debris from saved web pages
# ---------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_IMAGE_PATH = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|avif|svg)\b\S*", re.IGNORECASE)
# "240w," -- a width descriptor in an image srcset list.
_SRCSET_WIDTH = re.compile(r"(?<=\s)\d{2,5}[wx]\b,?")
# attr="value" fragments of an HTML tag (alt="...", height="549").
_HTML_ATTRIBUTE = re.compile(r"\b[a-z][a-z-]*=\"[^\"]*\"", re.IGNORECASE)
_MARKUP_HINT = re.compile(r'="|://|www\.|\.(?:jpe?g|png|gif|webp|avif|svg)\b', re.IGNORECASE)
_BARE_URL_LINE = re.compile(r"^[<(\[]?(?:https?://|www\.)\S+[>)\]]?[.,;]?$", re.IGNORECASE)

# "image source, Agency", "Image caption, ...", "Media caption, ...".
_MEDIA_LABEL_LINE = re.compile(
    r"^(?:image|media|video|photo|picture|audio)\s+(?:source|caption|credit)s?\s*[,:]", re.IGNORECASE
)
# A lone "Caption," / "Image caption:" label: the next short line is the caption.
_CAPTION_LABEL = re.compile(r"^(?:image\s+|photo\s+|media\s+)?caption\s*[,:]?$", re.IGNORECASE)
# "Photo: Name", "Photograph: Name" / "Credit: Name" starting a short line.
_CREDIT_LINE = re.compile(
    r"^(?:photo(?:graph)?|picture|image|foto|credit|photo credit|image credit)s?\s*[:©]\s*\S", re.IGNORECASE
)
# A caption with the credit glued on ("... crowd at the stationPhoto: Name")
# or set off by a separator ("... in the city | Photo: Name").
_GLUED_CREDIT = re.compile(
    r"(?:(?<=[a-z0-9)])|\s[|/\u2013\u2014-]\s)(?:Photo(?:graph)?|Picture|Image|Foto|Credit)s?:\s*[^.:!?]{1,60}$"
)
# "© Name" / "(c) Name" on its own.
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\))\s*\S", re.IGNORECASE)
# A picture-library credit: a few capitalised words ending "Images", "Photo"...
_LIBRARY_CREDIT = re.compile(r"^(?:(?:[A-Z][\w&.'-]*|via)\s+){1,6}(?:Images|Photos?|Pictures|Photography)$")
# A single upper-case agency code (2-6 capitals) under a caption.
_AGENCY_CODE = re.compile(r"^[A-Z]{2,6}$")

# "Read more:", "See also:", "Related:", "Also read:" -- link-list labels.
_LINK_LIST_LABEL = re.compile(
    r"^(?:(?:read|see|watch|listen)\s*:"
    r"|(?:read|see|also)\s+(?:also|more|next|read|see)\s*:?"
    r"|related(?:\s+(?:articles?|stories|story|content|links?|news|posts?|topics?|reading|coverage))?\s*:?"
    r"|more on this(?:\s+(?:story|topic|subject))?\s*:?)$",
    re.IGNORECASE,
)
# The same labels with one linked headline on the same line.
_INLINE_LINK_LABEL = re.compile(r"^(?:read|see) (?:also|more)\s*:|^related\s*:|^also read\s*:", re.IGNORECASE)

# Short prompts that stand alone: comment, share, follow, sign-up, ads.
_PROMPT_PATTERNS = [
    r"(?:leave|post|write|add) (?:a|your|us a) \w+(?: \w+){0,2}",  # "Leave a reply", any (mis)spelling
    r"(?:\d+ )?comments?(?: \(\d+\))?",
    r"(?:view|show|see|read|load|add|join|hide) (?:all |the |more )?(?:\d+ )?comments?(?: \w+){0,2}",
    r"comments? (?:are |is )?(?:closed|open|disabled)(?: \w+){0,4}",
    r"share(?: (?:this|the) (?:article|story|page|post|video))?(?: (?:on|via|with) \w+)?",
    r"share (?:on|via) \w+(?: \w+)?",
    r"follow (?:us|me|[A-Z]\w*(?: [A-Z]\w*)?) on \w+(?: (?:and|or|,) ?\w+)*",
    r"(?:sign up|subscribe)(?: now)?(?: (?:for|to) (?:our|the|my) .{0,40})?",
    r"advertisement|advert|sponsored(?: content)?|promoted(?: content)?",
    r"(?:story|article) continues below(?: \w+)?|scroll (?:down )?to continue(?: reading)?|continue reading",
    r"skip to (?:main )?content",
    r"(?:click|tap) here(?: to .{0,60})?",
]
_PROMPT_LINE = re.compile(rf"^(?:{'|'.join(_PROMPT_PATTERNS)})\W*$", re.IGNORECASE)
_PROMPT_MAX_WORDS = 12
_CAPTION_MAX_WORDS = 40
_LINK_TITLE_MAX_WORDS = 25

_BULLET = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25ab\u25e6\u2023\u2219\u25cf\u25cb\u25a0\u25a1\u27a2\u25ba*+\u2013\u2014-]|\d{1,2}[.)])\s+\S"
)


def drop_debris_lines(lines: list[str]) -> list[str]:
    """Remove lines (and label + follower pairs) that are web-page leftovers.

    Works on the lines before hard-wrapped text is re-joined, so a label and
    the short line after it can still be seen as a pair.  A prompt counts
    only when it stands alone: after a blank line or a finished sentence, so
    a wrapped sentence that ends "... any\\ncomments." is left alone.
    """
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        previous = kept[-1].strip() if kept else ""
        if not line:
            kept.append(lines[index])
            index += 1
            continue
        if _CAPTION_LABEL.match(line):
            index = _skip_caption(lines, index + 1)
            continue
        if _LINK_LIST_LABEL.match(line) and _stands_alone(line, previous):
            index = _skip_link_list(lines, index + 1)
            continue
        if is_debris_line(line, previous):
            index += 1
            continue
        kept.append(lines[index])
        index += 1
    return kept


def is_debris_line(line: str, previous: str = "") -> bool:
    """True for one line of page debris; ``previous`` is the line above."""
    return (
        is_markup_fragment(line)
        or bool(_BARE_URL_LINE.match(line))
        or is_media_credit(line, previous)
        or (_stands_alone(line, previous) and _is_prompt(line))
        or (_stands_alone(line, previous) and _is_inline_link(line))
    )


def is_markup_fragment(line: str) -> bool:
    """An image srcset list or the attribute tail of an HTML tag.

    Recognised by shape: several attr="..." pairs, srcset width descriptors
    next to image paths, a "/>" tag end, or a line that is mostly URLs.
    Prose may contain one URL; it does not consist of them.
    """
    if not _MARKUP_HINT.search(line):
        return False  # every rule below needs an attribute, a URL or an image path: skip prose fast
    attributes = len(_HTML_ATTRIBUTE.findall(line))
    widths = len(_SRCSET_WIDTH.findall(line))
    images = len(_IMAGE_PATH.findall(line))
    if attributes >= 2 or (widths >= 2 and images >= 1):
        return True
    if re.search(r"\"\s*/?>\s*$", line) and attributes >= 1:
        return True
    url_chars = sum(len(m) for m in _URL.findall(line)) + sum(
        len(m) for m in _IMAGE_PATH.findall(line) if not _URL.match(m)
    )
    return url_chars >= 0.5 * len(line.replace(" ", "")) and (len(_URL.findall(line)) + images) >= 2


def is_media_credit(line: str, previous: str = "") -> bool:
    """Photo/picture credits and "Image caption, ..." lines.

    A single upper-case agency code counts only directly under a line that
    does not end a sentence -- i.e. under a caption -- because on its own an
    upper-case word could be a heading.
    """
    words = len(line.split())
    if _MEDIA_LABEL_LINE.match(line):
        return True
    if (_CREDIT_LINE.match(line) or _COPYRIGHT_LINE.match(line)) and words <= 8:
        return True
    if _LIBRARY_CREDIT.match(line):
        return True
    if words <= 30 and _GLUED_CREDIT.search(line) and not re.search(r"[.!?]\s", line):
        return True
    return bool(_AGENCY_CODE.match(line) and previous and not ends_sentence(previous) and not _BULLET.match(previous))


def _is_prompt(line: str) -> bool:
    return len(line.split()) <= _PROMPT_MAX_WORDS and bool(_PROMPT_LINE.match(line))


def _is_inline_link(line: str) -> bool:
    """ "Read more: Some linked headline" -- a label and a short title, no sentence."""
    if not _INLINE_LINK_LABEL.match(line):
        return False
    rest = line.split(":", 1)[1].strip()
    return bool(rest) and len(rest.split()) <= _LINK_TITLE_MAX_WORDS and not rest.endswith(".")


def _stands_alone(line: str, previous: str) -> bool:
    """A line that starts a unit: capitalised, and after a blank line or a finished sentence."""
    starts_upper = line[:1].isupper() or line[:1].isdigit()
    return starts_upper and (not previous or ends_sentence(previous) or bool(_BULLET.match(previous)))


def _skip_caption(lines: list[str], index: int) -> int:
    """Skip blank lines and one short caption line after a "Caption," label."""
    follower = _next_nonblank(lines, index)
    if follower is None:
        return len(lines)
    text = lines[follower].strip()
    if len(text.split()) <= _CAPTION_MAX_WORDS and not _BULLET.match(text):
        return follower + 1
    return index


def _skip_link_list(lines: list[str], index: int) -> int:
    """Skip the bullets/links after a "Read more:" label (or one short title)."""
    follower = _next_nonblank(lines, index)
    if follower is None:
        return len(lines)
    first = lines[follower].strip()
    if not (_BULLET.match(first) or _BARE_URL_LINE.match(first)):
        if len(first.split()) <= _LINK_TITLE_MAX_WORDS and not ends_sentence(first):
            return follower + 1
        return index
    position = follower
    while position < len(lines):
        text = lines[position].strip()
        if text and not (_BULLET.match(text) or _BARE_URL_LINE.match(text)):
            break
        if _is_prose_teaser(text):
            break  # the outlet's own sentences (names, claims) stay; only the label and links go
        if not text:
            upcoming = _next_nonblank(lines, position)
            if upcoming is None or not (
                _BULLET.match(lines[upcoming]) or _BARE_URL_LINE.match(lines[upcoming].strip())
            ):
                break
        position += 1
    return position


_TEASER_MIN_WORDS = 15


def _is_prose_teaser(item: str) -> bool:
    """A related-article item written as sentences, not a bare headline or link.

    A headline is one clause; a teaser that runs to a second sentence carries
    the outlet's own reporting (and its spelling of names), so it is kept.
    """
    return len(item.split()) >= _TEASER_MIN_WORDS and len(sentence_spans(item)) > 1


def _next_nonblank(lines: list[str], index: int) -> int | None:
    while index < len(lines):
        if lines[index].strip():
            return index
        index += 1
    return None


# Press-release / agency end marks on the last line: "ENDS", "-end-", "###".
_END_MARK = re.compile(r"^[\s\-\u2013\u2014(\[]*(?:ends?|###|-30-|\*\*\*)[\s\-\u2013\u2014)\]]*$", re.IGNORECASE)


def drop_trailing_end_markers(lines: list[str]) -> list[str]:
    """Remove end marks ("ENDS", "-end-", "###") alone on the last lines.

    A lone upper-case agency code as the very last line is the
    source credit of the copy, not part of the story, and goes as well.
    """
    lines = list(lines)
    while lines and (not lines[-1].strip() or _END_MARK.match(lines[-1].strip())):
        lines.pop()
    if len(lines) > 1 and _AGENCY_CODE.match(lines[-1].strip()):
        lines.pop()
    return lines


# ---------------------------------------------------------------------------
# Hard-wrapped text
# ---------------------------------------------------------------------------

# Beyond this width a "wrapped" line is really a paragraph written on one line.
_MAX_WRAP_WIDTH = 120
_MIN_WRAPPED_LINES = 3


def unwrap_hard_wrapped(lines: list[str]) -> list[str]:
    """Re-join lines that a fixed-width wrap split, keeping paragraph lines apart.

    Text written one paragraph per line must not be merged, so a block is
    treated as wrapped only when its lines are of similar, moderate width and
    many of them stop mid-sentence.  Then a line is continued when the next
    line's first word would not have fitted on it (the wrap moved it down).
    Everywhere, a line that stops mid-sentence followed by a line starting in
    lower case is continued: no paragraph starts in lower case.
    """
    text_width = wrap_width(lines)
    blocks: list[list[str]] = []
    for block in _blocks(lines):
        joined = _join_block(block, wrap_width(block) or text_width)
        if blocks and _continues_across_blank(blocks[-1][-1], joined[0]):
            # A stray blank line inside a sentence ("... yesterday\n\nfor ...").
            blocks[-1][-1] = _join_wrapped([blocks[-1][-1], joined[0]])
            joined = joined[1:]
            if not joined:
                continue
        blocks.append(joined)
    result: list[str] = []
    for block in blocks:
        result.extend([*block, ""])
    return result[:-1]


def _continues_across_blank(previous: str, line: str) -> bool:
    """Only the strongest sign joins across a blank line: an unfinished line
    followed by a lower-case start, which no paragraph has."""
    return bool(line.strip()[:1].islower() and not ends_sentence(previous.strip()))


def wrap_width(lines: list[str]) -> int | None:
    """The wrap width of hard-wrapped lines, or None if they are not wrapped."""
    candidates = [
        line.strip()
        for line, following in zip(lines, lines[1:])
        if line.strip() and following.strip() and not _BULLET.match(line) and not _BULLET.match(following)
    ]
    if len(candidates) < _MIN_WRAPPED_LINES:
        return None
    lengths = sorted(len(line) for line in candidates)
    # The longest line, unless it is an outlier (a URL, a table row).
    typical = lengths[int(0.9 * (len(lengths) - 1))]
    width = max(length for length in lengths if length <= typical * 1.15)
    if width > _MAX_WRAP_WIDTH:
        return None
    slack = max(10, width // 4)
    full = sum(1 for length in lengths if length >= width - slack)
    unfinished = sum(1 for line in candidates if not ends_sentence(line))
    if full < 0.5 * len(candidates) or unfinished < 0.4 * len(candidates):
        return None
    return width


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _join_block(block: list[str], width: int | None) -> list[str]:
    joined: list[str] = []
    margin = min(_indent(line) for line in block)
    last_line = ""  # the previous physical line, as the wrap left it
    in_item = False  # inside a bullet item, indented lines continue it
    for line in block:
        indented = _indent(line) > margin
        if joined and _continues(last_line, line, width, in_item, indented):
            joined[-1] = _join_wrapped([joined[-1], line])
        else:
            in_item = bool(_BULLET.match(line))
            joined.append(line)
        last_line = line
    return joined


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _continues(previous: str, line: str, width: int | None, in_item: bool, indented: bool) -> bool:
    """Does ``line`` continue the physical line ``previous`` (did a wrap move it down)?"""
    text = line.strip()
    prev = previous.strip()
    if _BULLET.match(text) or re.match(r"By [A-Z]", text):  # a list item or a byline
        return False
    if not ends_sentence(prev) and text[:1].islower():
        return True
    if width is None:
        return False
    if indented != in_item:
        # An indented line starts a new paragraph -- except under a list
        # item, where only an indented line continues the item.
        return False
    first_word = text.split(" ", 1)[0]
    return len(prev) + 1 + len(first_word) > width


def _join_wrapped(parts: list[str]) -> str:
    """Join wrapped pieces with a space; a line-end hyphen joins without one."""
    joined = parts[0].strip()
    for part in parts[1:]:
        part = part.strip()
        if re.search(r"[A-Za-z]-$", joined) and part[:1].isalpha():
            joined += part
        else:
            joined += " " + part
    return joined


# ---------------------------------------------------------------------------
# Output shape
# ---------------------------------------------------------------------------


def shape_paragraphs(lines: list[str]) -> str:
    """Paragraphs one per line, separated by one blank line.

    List items that follow each other (with or without blank lines between
    them) stay together in one block, one item per line.
    """
    blocks: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if blocks and _BULLET.match(text) and _BULLET.match(blocks[-1].rsplit("\n", 1)[-1]):
            blocks[-1] += "\n" + text
        else:
            blocks.append(text)
    return "\n\n".join(blocks)
