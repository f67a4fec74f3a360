"""``name_variant`` findings: one entity spelled differently across (or within) documents.

The entity resolver has already decided which mentions are one entity; this
keeps only the differences a reader cares about.  Short forms ("Kovalenko" for
"Marta Kovalenko"), acronyms, capitals, possessives and plurals are how
writing works, not disagreements; a letter changed inside a name, a different
word form ("Russia"/"Russian") or a number written as a word are.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from corpuskit.entities.model import Entity, Mention
from corpuskit.entities.names import is_acronym, surface_tokens, words
from corpuskit.report.context import StoryContext, evidence_at
from corpuskit.report.model import Evidence, Finding


def name_variant_findings(story: StoryContext, mentions: dict[int, list[tuple[Entity, Mention]]]) -> list[Finding]:
    """``mentions``: each document's (entity, mention) pairs, from ``mentions_by_document``."""
    by_entity: dict[int, tuple[Entity, list[Mention]]] = {}
    for doc in sorted(story.docs):
        for entity, mention in mentions.get(doc, ()):
            by_entity.setdefault(entity.id, (entity, []))[1].append(mention)
    findings = []
    for entity, entity_mentions in by_entity.values():
        by_spelling = _group_by_spelling(entity_mentions)
        variants = _variant_spellings(by_spelling)
        if variants:
            findings.append(_finding(story, entity, {s: by_spelling[s] for s in variants}))
    return findings


def mentions_by_document(entities: list[Entity]) -> dict[int, list[tuple[Entity, Mention]]]:
    """Every mention under its document, with its entity: a story then reads only its own."""
    found: dict[int, list[tuple[Entity, Mention]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            found.setdefault(mention.document, []).append((entity, mention))
    return found


def spelling_key(text: str) -> tuple[str, ...]:
    """A spelling as a reader sees it: case, apostrophes and a possessive ending do not count."""
    tokens = []
    for token in surface_tokens(text.replace("\u2019", "'")):
        token = re.sub(r"'s?$", "", token.casefold()).replace(".", "")
        if token:
            tokens.append(token)
    return tuple(tokens)


def _group_by_spelling(mentions: list[Mention]) -> dict[tuple[str, ...], list[Mention]]:
    groups: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: (m.document, m.start)):
        key = spelling_key(mention.text)
        if key:
            groups[key].append(mention)
    return groups


def _variant_spellings(by_spelling: dict[tuple[str, ...], list[Mention]]) -> list[tuple[str, ...]]:
    """The spellings that differ from another spelling of the same name in a telling way."""
    telling: set[tuple[str, ...]] = set()
    for a, b in combinations(by_spelling, 2):
        if spelling_difference(a, b, by_spelling[a][0].text, by_spelling[b][0].text):
            telling.update((a, b))
    return sorted(telling, key=lambda s: (-len(by_spelling[s]), s))


def spelling_difference(a: tuple[str, ...], b: tuple[str, ...], surface_a: str, surface_b: str) -> str | None:
    """Why two spellings of one name differ ("one letter", "number word"), or None when they
    differ only as writing does (short form, acronym, plural)."""
    if a == b or len(a) != len(b) or is_acronym(surface_a) or is_acronym(surface_b):
        return None
    if words(surface_a) == words(surface_b):
        return "number written as a word"
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    if all(_inflection(x, y) for x, y in changed):
        return None
    letters = sum(Levenshtein.distance(x, y) for x, y in changed)
    return "one letter differs" if letters == 1 else f"{letters} letters differ"


def _inflection(x: str, y: str) -> bool:
    """Plural or genitive endings: "Asian"/"Asians" is grammar, not spelling."""
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and long[len(short) :] in ("s", "es")


def _finding(story: StoryContext, entity: Entity, spellings: dict[tuple[str, ...], list[Mention]]) -> Finding:
    variants: list[dict] = []
    evidence: list[Evidence] = []
    for mentions in spellings.values():
        documents = sorted({m.document for m in mentions})
        shown = _usual_surface(mentions)
        variants.append({"text": shown, "documents": documents, "outlets": story.outlets_of(documents)})
        quoted = _quoted(mentions, story.settings.evidence_per_spelling)
        evidence.extend(evidence_at(story, m.document, (m.start, m.end)) for m in quoted)
    mentioned: set[int] = {d for v in variants for d in v["documents"]}
    where = "across documents" if len(mentioned) > 1 else f"within {story.label(next(iter(mentioned)))}"
    listed = " / ".join(f'"{v["text"]}" ({", ".join(story.label(d) for d in v["documents"])})' for v in variants)
    summary = f"{entity.name} is spelled differently {where}: {listed}."
    return Finding(
        "name_variant",
        summary,
        tuple(evidence),
        {"entity": entity.name, "label": entity.label, "variants": variants},
        weight=len(mentioned) + len(story.outlets_of(sorted(mentioned))),
    )


def _usual_surface(mentions: list[Mention]) -> str:
    """The spelling as most often written, preferring a form without a possessive ending."""
    counts = Counter(m.text for m in mentions)
    return min(counts, key=lambda t: (bool(re.search(r"['\u2019]s?$", t)), -counts[t], t))


def _quoted(mentions: list[Mention], limit: int) -> list[Mention]:
    """The first mention in each document, up to ``limit``."""
    first: dict[int, Mention] = {}
    for mention in mentions:
        first.setdefault(mention.document, mention)
    return list(first.values())[:limit]
