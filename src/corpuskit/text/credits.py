"""Credit lines: where a text says it took its reporting from a named outlet.

The one matcher for "X reported", "according to X", "told X", "reported by
X", "via X", "an X investigation".  Dupes reads it to tell which text of a
pair is the copy, and the report to tell which member of a story is the
original and whether a copy credits it; one matcher, so the two can never
disagree about the same line.

The outlet's name must be written as a proper noun ("the guardian said" is
not a credit of The Guardian), and it may leave out generic words ("Metro"
credits "Metro News Online").  A text naming its own outlet ("told Metro" in
Metro's own story) credits nobody.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["credit_span", "credits", "outlet_names"]

Span = tuple[int, int]

# Words an outlet's name may carry that a credit line leaves out ("Metro News Online" -> "Metro").
_GENERIC_OUTLET_WORDS = frozenset(
    "the news online com co uk newspaper magazine daily weekly inc ltd agency service tv radio".split()
)
_REPORT_VERBS = (
    r"(?:reported|reports|said|says|wrote|writes|revealed|reveals|published|broadcast|learned|learnt"
    r"|understands|first reported|has reported|has learned)"
)


def credits(text: str, outlet: str | None, own_outlet: str | None = None) -> bool:
    """Does ``text`` credit ``outlet``?  See the module docstring."""
    return credit_span(text, outlet, own_outlet) is not None


def credit_span(text: str, outlet: str | None, own_outlet: str | None = None) -> Span | None:
    """The first credit of ``outlet`` in ``text`` (the name with its credit words), or None."""
    names = outlet_names(outlet)
    if not names or (own_outlet and set(names) & set(outlet_names(own_outlet))):
        return None
    found = [m.span() for name in names for pattern in _credit_patterns(name) if (m := pattern.search(text))]
    return min(found) if found else None


def outlet_names(outlet: str | None) -> list[str]:
    """The ways a text may name an outlet: in full, and without generic words ("Metro News Online" -> "Metro")."""
    if not outlet or not outlet.strip():
        return []
    full = outlet.strip()
    words = [w for w in re.split(r"[\s.]+", full) if w]
    core = " ".join(w for w in words if w.lower() not in _GENERIC_OUTLET_WORDS)
    names = [full]
    if core and core != full and len(core) >= 2:
        names.append(core)
    return names


@lru_cache(maxsize=1024)
def _credit_patterns(name: str) -> list[re.Pattern]:
    n = r"(?:(?i:the)\s+)?" + _proper_noun(name) + r"(?:'s)?"
    return [
        re.compile(rf"\b{n}\b[^.!?\n]{{0,40}}?\b{_REPORT_VERBS}\b"),
        re.compile(rf"\b(?i:according\s+to)\s+{n}\b"),
        re.compile(rf"\b(?i:told|telling|tells|speaking\s+to|spoke\s+to|interview\s+with)\s+{n}\b"),
        re.compile(rf"\b(?:reported|revealed|published|first\s+reported|broken)\s+by\s+{n}\b"),
        re.compile(rf"\b(?i:via|courtesy\s+of|sources?:)\s+{n}\b"),
        re.compile(rf"\b{n}\s+(?:report|reporting|investigation|article|story|interview|analysis)\b"),
    ]


def _proper_noun(name: str) -> str:
    """Each word capitalised in the text, whatever the metadata's case ("guardian" -> "Guardian")."""
    words = []
    for word in name.split():
        head, rest = word[0], word[1:]
        first = re.escape(head.upper()) if head.isalpha() else re.escape(head)
        words.append(first + (f"(?i:{re.escape(rest)})" if rest else ""))
    return r"\s+".join(words)
