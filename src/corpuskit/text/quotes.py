"""Quotation spans: the one pattern for text inside quotation marks.

Curly, straight, guillemet and wire-style (``...'') double quotes, and
single quotes, each inside one paragraph; a straight opening mark may be
closed by a curly closing one, as texts that mix the two styles do.  A double mark left open runs to
the end of the paragraph, as a quote that continues into the next one
does.  A single quote is closed only by a mark that is not an apostrophe
inside a word ("the nurses' lawyers" does not end it).
"""

from __future__ import annotations

import re

__all__ = ["QUOTE_PATTERN", "quoted_ranges"]

QUOTE_PATTERN = re.compile(
    r"\u201c(?P<curly>[^\u201d\u201c\n]+)(?:\u201d|(?=\n|$))"
    # A straight opening mark may be closed by a curly one ('"It is over,\u201d he said'): texts mix them.
    r"|\"(?P<straight>[^\"\u201d\n]+)(?:[\"\u201d]|(?=\n|$))"
    r"|\u00ab(?P<guillemet>[^\u00bb\n]+)\u00bb"
    r"|``(?P<wire>[^\n]*?)''"
    r"|(?<![\w])\u2018(?P<single>[^\u2019\n]+?)\u2019(?![\w])"
    # Straight single quotes (British style): an apostrophe inside a word ("don't") does not close them.
    r"|(?<![\w'])'(?P<straight_single>(?=[^\W\d_])(?:[^'\n]|'(?=[^\W\d_]))+?)(?<=\S)'(?![^\W_])"
)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations of ``text``, marks included, in order."""
    return [match.span() for match in QUOTE_PATTERN.finditer(text)]
