"""Credit lines: where a text says it took its reporting from a named outlet.

The one matcher for "X reported", "according to X", "told X", "speaking to
X", "said in an interview with X", "in a statement to X", "reported by
X", "citing X", "via X", "an X investigation", a dateline naming the agency
("LONDON (Reuters) -") and a credit line ("This article first appeared in
X", "Source: X").  Dupes reads it to tell which text of a
pair is the copy, and the report to tell which member of a story is the
original and whether a copy credits it; one matcher, so the two can never
disagree about the same line.

The outlet's name must be written as a proper noun ("the guardian said" is
not a credit of The Guardian), and it may leave out generic words ("Metro"
credits "Metro News Online").  In "X reported" the outlet must be the
subject of the verb: right before it, or before an apposition between
commas ("X, a local paper, reported"); "Unlike X, the minister said" is not
a credit.  A text naming its own outlet ("told Metro" in Metro's own story)
credits nobody.
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
    r"|understands|confirmed|confirms)"
)
# What may stand between the outlet and its verb: what kind of outlet it is, then
# auxiliaries and adverbs ("the Herald newspaper has previously reported").
_KIND = r"(?:\s+(?:news\s+agency|agency|newspaper|paper|website|site|channel|outlet|magazine|tabloid|broadcaster))?"
_AUXILIARIES = r"(?:\s+(?:has|had|have|also|first|previously|later|earlier|recently|originally|then|exclusively))*"
# An apposition: "X, the local paper, reported".
_APPOSITION = r"(?:\s*,\s*[a-z][^,.;\n]{0,80},)?"


def credits(text: str, outlet: str | None, own_outlet: str | None = None) -> bool:
    """Does ``text`` credit ``outlet``?  See the module docstring."""
    return credit_span(text, outlet, own_outlet) is not None


def credit_span(text: str, outlet: str | None, own_outlet: str | None = None) -> Span | None:
    """The first credit of ``outlet`` in ``text`` (the name with its credit words), or None."""
    names = outlet_names(outlet)
    if not names or (own_outlet and set(names) & set(outlet_names(own_outlet))):
        return None
    found = [
        m.span()
        for name in names
        if _name_pattern(name).search(text)  # every credit names the outlet: most texts never do
        for pattern in _credit_patterns(name)
        if (m := pattern.search(text))
    ]
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
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(_proper_noun(name))


@lru_cache(maxsize=1024)
def _credit_patterns(name: str) -> list[re.Pattern]:
    n = r"(?:(?i:the)\s+)?" + _proper_noun(name) + r"(?:'s)?"
    return [
        re.compile(rf"\b{n}\b{_KIND}{_APPOSITION}{_AUXILIARIES}\s+{_REPORT_VERBS}\b"),
        re.compile(rf"\b(?i:according\s+to|citing)\s+{n}\b"),
        # The outlet spoken to: "told X", "speaking exclusively to X", "in a statement to X".
        re.compile(
            rf"\b(?i:told|telling|tells|(?:speaking|spoke|talking|talked)(?:\s+exclusively)?\s+to"
            rf"|interview\s+with|(?:statement|comments?|remarks)\s+to)\s+{n}\b"
        ),
        re.compile(rf"\b(?:reported|revealed|published|first\s+reported|broken|obtained|seen)\s+by\s+{n}\b"),
        re.compile(rf"\b(?i:via|courtesy\s+of|sources?:|credit:)\s+{n}\b"),
        re.compile(rf"\b{n}\s+(?:report|reporting|investigation|article|story|interview|analysis)\b"),
        # A dateline: "LONDON (Reuters) -" at the start of a line.
        re.compile(rf"^[A-Z][A-Za-z .,'\u2019-]{{0,60}}?\s*\({n}\)\s*[-\u2013\u2014]", re.MULTILINE),
        # A credit line of its own: "This article first appeared in X", "Originally published by X".
        re.compile(
            rf"^(?i:this\s+(?:article|story)\s+(?:was\s+)?(?:first\s+|originally\s+)?(?:appeared|published)"
            rf"|originally\s+published)\s+(?i:in|on|by|at)\s+{n}\b",
            re.MULTILINE,
        ),
    ]


def _proper_noun(name: str) -> str:
    """Each word capitalised in the text, whatever the metadata's case ("guardian" -> "Guardian")."""
    words = []
    for word in name.split():
        head, rest = word[0], word[1:]
        first = re.escape(head.upper()) if head.isalpha() else re.escape(head)
        words.append(first + (f"(?i:{re.escape(rest)})" if rest else ""))
    return r"\s+".join(words)
