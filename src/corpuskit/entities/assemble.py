"""What an entity shows: its display name, its spellings and why they are one."""

from __future__ import annotations

from collections import Counter, defaultdict

from corpuskit.entities.model import Mention, Variant
from corpuskit.entities.names import describe_spellings, is_acronym


def display_name(surfaces: Counter) -> str:
    """The most frequent full form: among spellings of several words that are
    not acronyms, if there are any, the most frequent; ties go to the longer
    spelling, then to the first seen (``surfaces`` is in document order)."""

    def fullness(surface: str) -> tuple:
        acronym = is_acronym(surface)
        several_words = len(surface.split()) > 1
        return (several_words and not acronym, not acronym, surfaces[surface], len(surface.split()))

    return max(surfaces, key=fullness)


def variants(mentions: list[Mention]) -> list[Variant]:
    """Every distinct surface text, with its count and documents, most frequent first."""
    counts: Counter = Counter()
    documents: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        counts[m.text] += 1
        documents[m.text].add(m.document)
    return [Variant(text, n, sorted(documents[text])) for text, n in counts.most_common()]


def spelling_whys(key_surfaces: Counter, present: Counter) -> list[str]:
    """One line for each other spelling of one key ("Number Four ~ Number 4:
    number word"), against its most frequent spelling in the entity."""
    ordered = [s for s, _ in key_surfaces.most_common() if s in present]
    return [w for s in ordered[1:] if (w := describe_spellings(s, ordered[0]))]
