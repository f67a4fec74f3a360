"""``name_variant`` findings: one entity spelled differently across (or within) documents.

The entity resolver has already decided which mentions are one entity; this
keeps only the differences a reader cares about.  How writing varies is
folded into the spelling key and never reported: capitals, diacritics
("Anaïs"/"Anais"), apostrophes and possessives, digits against number words
("Radio 4"/"Radio Four", "No 1"/"number one"), a leading "the", legal forms,
courtesy titles and ranks ("Mr Kovalenko", "Sgt Kovalenko"); so are short
forms ("Kovalenko", "The Cavern"/"Cavern Club"), acronyms and plurals.  What
is reported: a letter changed inside a name (Rustam/Rostam), a different word
form ("Russia"/"Russian") or another first name with the same surname.  Two
spellings whose differing words are none of these ("Time" and a programme's
name, a building and the company named after it) are two names the resolver
merged, not a misspelling, and are not reported either.

Names the resolver kept apart are found too where dupes saw one respelt
between aligned copies (its ``name`` edits): the alignment vouches that both
spellings stand for one name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from corpuskit.entities.model import Entity, Mention
from corpuskit.entities.names import is_acronym, normalise, token_edits
from corpuskit.report.context import StoryContext, evidence_at, same_context
from corpuskit.report.model import Evidence, Finding
from corpuskit.report.settings import ReportSettings
from corpuskit.text.lexicon import DERIVATION_ENDINGS, TITLE_ABBREVIATIONS, TITLES
from corpuskit.unionfind import components

Spelling = tuple[str, ...]
Close = Callable[[str, str], bool]  # whether two words of a name are one word respelt

# Letters two forms of one word keep before their endings differ ("Russi-a"/"Russi-an"): shorter
# stems are other words that happen to start alike.
_MIN_STEM = 4
_COURTESY = TITLES | frozenset(TITLE_ABBREVIATIONS)


@dataclass(frozen=True)
class Respelling:
    """How two spellings of one name differ: ``kind`` is "letters", "word form" or "first name"."""

    kind: str
    letters: int
    where: str  # "surname", "first name" or "name"

    def reason(self) -> str:
        if self.kind == "first name":
            return "a different first name"
        if self.kind == "word form":
            return f"a different word form in the {self.where}"
        count = "one letter differs" if self.letters == 1 else f"{self.letters} letters differ"
        return f"{count} in the {self.where}"


def name_variant_findings(story: StoryContext, mentions: dict[int, list[tuple[Entity, Mention]]]) -> list[Finding]:
    """``mentions``: each document's (entity, mention) pairs, from ``mentions_by_document``."""
    by_entity: dict[int, tuple[Entity, list[Mention]]] = {}
    for doc in sorted(story.docs):
        for entity, mention in mentions.get(doc, ()):
            by_entity.setdefault(entity.id, (entity, []))[1].append(mention)
    findings = []
    reported: list[Mention] = []
    for entity, entity_mentions in by_entity.values():
        by_spelling = _group_by_spelling(entity_mentions)
        respelt = _respelt_pairs(by_spelling, entity.label == "PERSON")
        if respelt:
            findings.append(_finding(story, entity.name, entity.label, by_spelling, respelt))
            reported.extend(m for a, b, _ in respelt for m in by_spelling[a] + by_spelling[b])
    return findings + _copied_respellings(story, reported)


def _copied_respellings(story: StoryContext, reported: list[Mention]) -> list[Finding]:
    """Respellings dupes found between aligned copies ("Rustam" for "Rostam" where one text copies
    the other) of names the entity resolver kept apart, or did not find at all."""
    copied = [m for m in _name_edit_mentions(story) if not _overlaps_any(m, reported)]
    by_spelling = _group_by_spelling(copied)
    similarity = story.settings.name_copy_similarity
    # No entity label: a first name changed may be another person's, so only respellings count.
    respelt = _respelt_pairs(by_spelling, False, lambda x, y: Levenshtein.normalized_similarity(x, y) >= similarity)
    findings = []
    for group in components([], [(a, b) for a, b, _ in respelt]):
        inside = [(a, b, r) for a, b, r in respelt if a in group]
        shown = {s: _in_every_document(story, by_spelling[s]) for s in group}
        usual = max(group, key=lambda s: (len(by_spelling[s]), s))
        findings.append(_finding(story, _usual_surface(by_spelling[usual]), None, shown, inside))
    return findings


def _name_edit_mentions(story: StoryContext) -> list[Mention]:
    """Both sides of every ``name`` edit dupes found inside the story's aligned passages."""
    mentions = []
    for pair in story.pairs:
        for passage in pair.passages:
            for edit in passage.edits:
                if edit.kind != "name":
                    continue
                a = edit.a_span or _find_in(story.docs[pair.a].text, edit.a, passage.a)
                b = edit.b_span or _find_in(story.docs[pair.b].text, edit.b, passage.b)
                if a and b:
                    mentions += [Mention(pair.a, *a, edit.a, ""), Mention(pair.b, *b, edit.b, "")]
    return mentions


def _in_every_document(story: StoryContext, mentions: list[Mention]) -> list[Mention]:
    """A spelling's mentions with its first use in every document of the story, so the finding
    says every document that writes it, not only the pair dupes compared, and quotes each first
    use as the resolver's findings do."""
    found = set(mentions)
    for doc in sorted(story.docs):
        text = story.docs[doc].text
        span = _find_in(text, mentions[0].text, (0, len(text)))
        if span:
            found.add(Mention(doc, *span, mentions[0].text, ""))
    return sorted(found, key=lambda m: (m.document, m.start))


def _find_in(text: str, words: str, passage: tuple[int, int]) -> tuple[int, int] | None:
    """Where ``words`` first stand as whole words in a passage (edits read from the cache have no spans)."""
    found = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)").search(text, *passage)
    return found.span() if found else None


def _overlaps_any(mention: Mention, reported: list[Mention]) -> bool:
    return any(m.document == mention.document and m.start < mention.end and mention.start < m.end for m in reported)


def mentions_by_document(entities: list[Entity]) -> dict[int, list[tuple[Entity, Mention]]]:
    """Every mention under its document, with its entity: a story then reads only its own."""
    found: dict[int, list[tuple[Entity, Mention]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            found.setdefault(mention.document, []).append((entity, mention))
    return found


def spelling_key(text: str) -> Spelling:
    """A spelling as a reader sees it: the name key (``normalise``: case, diacritics, apostrophes,
    possessives, number words, a leading "the", legal forms) without titles before the name."""
    key = normalise(text)
    while len(key) > 1 and key[0] in _COURTESY:
        key = key[1:]
    return key


def spelling_difference(a: Spelling, b: Spelling, surface_a: str, surface_b: str, person: bool = False) -> str | None:
    """Why two spellings of one name differ ("one letter differs in the name"), or None when they
    differ only as writing does (short form, acronym, plural) or are two different names."""
    respelling = respelling_of(a, b, surface_a, surface_b, person)
    return respelling.reason() if respelling else None


def respelling_of(
    a: Spelling, b: Spelling, surface_a: str, surface_b: str, person: bool, close: Close | None = None
) -> Respelling | None:
    """The telling difference between two spellings, or None (see the module docstring).  ``close``
    says whether two words are one respelt; by default within the entity resolver's letter budget."""
    if a == b or len(a) != len(b) or is_acronym(surface_a) or is_acronym(surface_b):
        return None
    changed = [(i, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if all(_inflection(x, y) for _, x, y in changed) or (len(a) > 1 and len(changed) == len(a)):
        return None  # grammar, or every word changed: another name, not a respelling
    kinds = [_change_kind(i, x, y, a, b, person, close or _within_budget) for i, x, y in changed]
    if None in kinds:
        return None
    kind = next((k for k in ("first name", "word form") if k in kinds), "letters")
    letters = sum(Levenshtein.distance(x, y) for _, x, y in changed)
    return Respelling(kind, letters, _where(changed[0][0], len(a), person))


def _change_kind(index: int, x: str, y: str, a: Spelling, b: Spelling, person: bool, close: Close) -> str | None:
    """How one word of a name changed: respelt, another form of the word, or another first name."""
    if _derived(x, y):
        return "word form"
    if _inflection(x, y) or close(x, y):
        return "letters"
    if person and index == 0 and len(a) > 1 and a[-1] == b[-1]:
        return "first name"
    return None


def _within_budget(x: str, y: str) -> bool:
    return token_edits(x, y) is not None


def _where(index: int, length: int, person: bool) -> str:
    if not person or length == 1:
        return "name"
    return "surname" if index == length - 1 else "first name" if index == 0 else "name"


def _inflection(x: str, y: str) -> bool:
    """Plural or genitive endings: "Asian"/"Asians" is grammar, not spelling."""
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and long[len(short) :] in ("s", "es")


def _derived(x: str, y: str) -> bool:
    """One word derived from the other's stem ("Russia"/"Russian", "Belgium"/"Belgian")."""
    stem = 0
    while stem < min(len(x), len(y)) and x[stem] == y[stem]:
        stem += 1
    endings = {x[stem:], y[stem:]} - {""}
    return stem >= _MIN_STEM and bool(endings) and endings <= DERIVATION_ENDINGS


# A capitalised word inside a sentence (after a word, a comma or a closing quotation mark): the
# shape of a name, without the capital that begins every sentence.
_INNER_CAPITALISED = re.compile(r"(?<=[\w,;:\u2019'\u201d)] )[A-Z][\w'\u2019-]*\w")
# What two forms of one stem may end with ("Iraq"/"Iraqi", "Democratic"/"Democrats", "Latina"/"Latino").
_FORM_ENDINGS = DERIVATION_ENDINGS | {"", "s", "es", "us", "i", "a", "o", "y", "ns", "ans", "ians"}


def may_hold_a_respelling(text: str) -> bool:
    """Whether one document alone could hold a name spelled two ways, told before its names are
    known: two capitalised words inside its sentences one respelling apart (within the entity
    resolver's letter budget, "Kovalenko"/"Kovalenco", "Keidis"/"Kiedis"), beginning with the same
    letter and not two forms of one stem. The report finds the names of such a document even when
    it shares no story with another, since a story of one document can show that finding."""
    by_letter: dict[str, set[str]] = defaultdict(set)
    for match in _INNER_CAPITALISED.finditer(text):
        key = normalise(match.group())
        if len(key) == 1 and len(key[0]) >= _MIN_STEM:
            by_letter[key[0][0]].add(key[0])
    return any(
        _one_respelling(a, b) for words in by_letter.values() if len(words) > 1 for a, b in combinations(words, 2)
    )


def _one_respelling(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 2:
        return False
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    if stem >= _MIN_STEM and {a[stem:], b[stem:]} <= _FORM_ENDINGS:
        return False
    return token_edits(a, b) is not None


def _group_by_spelling(mentions: list[Mention]) -> dict[Spelling, list[Mention]]:
    groups: dict[Spelling, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: (m.document, m.start)):
        key = spelling_key(mention.text)
        if key:
            groups[key].append(mention)
    return groups


def _respelt_pairs(
    by_spelling: dict[Spelling, list[Mention]], person: bool, close: Close | None = None
) -> list[tuple[Spelling, Spelling, Respelling]]:
    """The pairs of spellings that differ from each other in a telling way."""
    respelt = []
    for a, b in combinations(by_spelling, 2):
        respelling = respelling_of(a, b, by_spelling[a][0].text, by_spelling[b][0].text, person, close)
        if respelling:
            respelt.append((a, b, respelling))
    return respelt


def _pair_confidence(
    story: StoryContext, a: list[Mention], b: list[Mention], respelling: Respelling
) -> tuple[float, tuple[str, ...]]:
    """How likely two spellings are one name misspelt, and why: how surely they name one thing,
    times how telling the change is."""
    evidence, base = _same_thing_evidence(story, a, b)
    return base * _change_factor(respelling, story.settings), (respelling.reason(), evidence)


def _same_thing_evidence(story: StoryContext, a: list[Mention], b: list[Mention]) -> tuple[str, float]:
    settings = story.settings
    across = [(m, n) for m in _first_per_document(a) for n in _first_per_document(b) if m.document != n.document]
    if any(story.aligned(m.document, (m.start, m.end), n.document, (n.start, n.end)) for m, n in across):
        return "in passages aligned as copies", settings.name_aligned_confidence
    if any(_same_statement(story, m, n, settings) for m, n in across):
        return "in sentences saying the same", settings.name_context_confidence
    return "joined only by the entity resolver", settings.name_resolved_confidence


def _same_statement(story: StoryContext, m: Mention, n: Mention, settings: ReportSettings) -> bool:
    words_m = story.content_words_at(m.document, story.sentence_of(m.document, (m.start, m.end)))
    words_n = story.content_words_at(n.document, story.sentence_of(n.document, (n.start, n.end)))
    return same_context(words_m, words_n, settings.name_context_words, settings.name_context_share)


def _change_factor(respelling: Respelling, settings: ReportSettings) -> float:
    if respelling.kind == "first name":
        return settings.name_first_name_factor
    if respelling.kind == "word form":
        return settings.name_word_form_factor
    return settings.name_letter_factor ** max(0, respelling.letters - 1)


def _finding(
    story: StoryContext,
    name: str,
    label: str | None,
    by_spelling: dict[Spelling, list[Mention]],
    respelt: list[tuple[Spelling, Spelling, Respelling]],
) -> Finding:
    scored = [_pair_confidence(story, by_spelling[a], by_spelling[b], r) for a, b, r in respelt]
    confidence, basis = max(scored)
    shown = {s for a, b, _ in respelt for s in (a, b)}
    spellings = {s: by_spelling[s] for s in sorted(shown, key=lambda s: (-len(by_spelling[s]), s))}
    variants: list[dict] = []
    evidence: list[Evidence] = []
    for mentions in spellings.values():
        documents = sorted({m.document for m in mentions})
        variants.append(
            {"text": _usual_surface(mentions), "documents": documents, "outlets": story.outlets_of(documents)}
        )
        quoted = _first_per_document(mentions)[: story.settings.evidence_per_spelling]
        evidence.extend(evidence_at(story, m.document, (m.start, m.end)) for m in quoted)
    mentioned: set[int] = {d for v in variants for d in v["documents"]}
    where = "across documents" if len(mentioned) > 1 else f"within {story.label(next(iter(mentioned)))}"
    listed = " / ".join(f'"{v["text"]}" ({", ".join(story.label(d) for d in v["documents"])})' for v in variants)
    return Finding(
        "name_variant",
        f"{name} is spelled differently {where}: {listed}.",
        tuple(evidence),
        {"entity": name, "label": label, "variants": variants},
        weight=len(mentioned) + len(story.outlets_of(sorted(mentioned))),
        confidence=confidence,
        basis=basis,
    )


def _usual_surface(mentions: list[Mention]) -> str:
    """The spelling as most often written, preferring a form without a possessive ending."""
    counts = Counter(m.text for m in mentions)
    return min(counts, key=lambda t: (bool(re.search(r"['\u2019]s?$", t)), -counts[t], t))


def _first_per_document(mentions: list[Mention]) -> list[Mention]:
    """The first mention in each document, in document order."""
    first: dict[int, Mention] = {}
    for mention in mentions:
        first.setdefault(mention.document, mention)
    return list(first.values())
