"""``date_conflict`` findings: one event placed at incompatible times.

Two time phrases in different documents date one event when they attach to
the same predicate (the verb or event noun the phrase modifies: "died in
1993", "the attack on May 3"; reporting verbs count as one) with the same
participants (a named entity or the subject), or to a reporting verb and the
report it frames when the sentences are paraphrases of each other.  Shared
story words alone are not enough: a story holds many events (the hearing,
the offence, the adjournment), and their sentences share names.  Phrases are
paired one to one between two documents, best match first, so a document's
other phrases for other events do not hide a real conflict.

Overlapping intervals agree ("January" and "late January"); disjoint ones
conflict; a year that was inferred rather than written is not compared.  A
phrase that cannot be resolved (relative to a publication date the document
lacks) is listed as "cannot be compared", with a low confidence.  Time words
inside a name the entity stage found ("USA Today", "The Mail on Sunday") are
no times.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from corpuskit.entities.model import Entity, Mention
from corpuskit.facts import extract_facts
from corpuskit.facts.grammar import parse_sentences
from corpuskit.facts.model import Facts, TimeFact
from corpuskit.facts.times import BACK, FORWARD, NO_YEAR, parse_published, reference_direction, year_inferred
from corpuskit.report.context import StoryContext, evidence_at, same_context
from corpuskit.report.grouping import components, pairs_sharing
from corpuskit.report.model import Finding
from corpuskit.report.settings import ReportSettings
from corpuskit.text.lexicon import SPEECH_VERBS

_LEADING_PREPOSITION = re.compile(r"\b(?:at|in|on|by|during|since|until|from|as of)\s*$", re.IGNORECASE)

# Phrases without a year are compared as if in one year: any year works, the last day of one keeps
# every month in the past.
COMMON_YEAR_END = "2001-12-31"
ASSUMED_YEAR = "assuming both refer to the same year, which the texts do not give"

# Reporting verbs stand for one another ("told his father", "shared his concerns with his father").
SPEECH = "(reporting verb)"
_RELATIVE_PRONOUNS = frozenset("who which that whom whose".split())
# Verbs that report what a court or inquiry was told ("..., the court heard"), besides the speech verbs.
_REPORTING_LEMMAS = SPEECH_VERBS | {"hear"}

Mentions = dict[int, list[tuple[Entity, Mention]]]


@dataclass(frozen=True)
class Dated:
    """A time phrase with what it dates: its predicate, the predicates of the reporting
    frame around it, its participants and the content words of its sentence."""

    document: int
    fact: TimeFact
    predicate: str | None
    framed: frozenset[str]
    participants: frozenset[str]  # the predicate's subject and object: named entities and head words
    objects: frozenset[str]  # the object alone ("joined the Met" is not "joined the county force")
    names: frozenset[str]  # every named entity of the sentence
    direction: str | None  # which way its clause points: what is to come, what was, or no cue


@dataclass(frozen=True)
class Link:
    """Two phrases of different documents taken to date one event, and why."""

    a: int
    b: int
    confidence: float
    basis: tuple[str, ...]


def date_conflict_findings(
    story: StoryContext, facts: dict[int, Facts], mentions: Mentions | None = None
) -> list[Finding]:
    mentions = mentions or {}
    stated = [
        (doc, t)
        for doc in sorted(story.docs)
        for t in facts[doc].times
        if t.event and not _inside_a_name(t, mentions.get(doc, ()))
    ]
    settings = story.settings
    candidates = [
        (i, j)
        for i, j in sorted(
            pairs_sharing([t.event for _, t in stated], settings.event_words_shared, settings.common_key)
        )
        if stated[i][0] != stated[j][0]
    ]
    if not candidates:
        return []
    dated = _described(story, stated, {i for pair in candidates for i in pair}, mentions)
    links = _one_to_one([link for i, j in candidates if (link := _link(story, dated, i, j))], dated)
    findings = []
    for group in components([(link.a, link.b) for link in links]):
        inside = [link for link in links if link.a in group]
        members = _best_per_document(group, inside, dated)
        kept = [link for link in inside if link.a in members and link.b in members]
        if len(members) > 1 and len({_phrase_key(dated[i].fact) for i in members}) > 1:
            finding = _judge(story, sorted(members), kept, dated)
            if finding:
                findings.append(finding)
    return findings


def overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _inside_a_name(fact: TimeFact, mentions: Iterable[tuple[Entity, Mention]]) -> bool:
    """A time word inside a name the entity stage found ("USA Today", "Mail on Sunday")."""
    start, end = fact.span
    return any(m.start < end and start < m.end for _, m in mentions)


# --- what a phrase dates ------------------------------------------------------------------------


def _described(
    story: StoryContext, stated: list[tuple[int, TimeFact]], wanted: set[int], mentions: Mentions
) -> dict[int, Dated]:
    """The phrases at ``wanted`` with their predicates and participants, their sentences parsed once."""
    sentences = sorted({(stated[i][0], stated[i][1].sentence_span) for i in wanted})
    parsed = dict(zip(sentences, _parse([_sentence_text(story, doc, span) for doc, span in sentences])))
    described = {}
    for i in sorted(wanted):
        doc, fact = stated[i]
        sentence = parsed[(doc, fact.sentence_span)]
        named = [(e, m) for e, m in mentions.get(doc, ()) if _within(m, fact.sentence_span)]
        direction = reference_direction(story.docs[doc].layout, fact.span)
        described[i] = replace(_dated(doc, fact, sentence, named), direction=direction)
    return described


def _sentence_text(story: StoryContext, doc: int, span: tuple[int, int]) -> str:
    return story.docs[doc].text[span[0] : span[1]]


def _within(mention: Mention, span: tuple[int, int]) -> bool:
    return span[0] <= mention.start and mention.end <= span[1]


def _dated(doc: int, fact: TimeFact, sentence: Any, named: list[tuple[Entity, Mention]]) -> Dated:
    """What the phrase attaches to in its parsed sentence (None when there is no parse)."""
    names = frozenset(f"entity:{e.id}" for e, _ in named)
    governor = None
    if sentence is not None:
        offset = fact.sentence_span[0]
        phrase = sentence.char_span(fact.span[0] - offset, fact.span[1] - offset, alignment_mode="expand")
        governor = _governor(phrase) if phrase is not None else None
    if governor is None:
        return Dated(doc, fact, None, frozenset(), frozenset(), frozenset(), names, None)
    subjects, objects = _arguments(governor)
    keys = _argument_keys(named, fact.sentence_span[0])
    participants = frozenset(k for token in subjects + objects for k in keys(token))
    object_keys = frozenset(k for token in objects for k in keys(token))
    return Dated(doc, fact, _predicate(governor), _framed(governor), participants, object_keys, names, None)


def _arguments(governor: Any) -> tuple[list[Any], list[Any]]:
    """The predicate's subjects (for a relative clause, the noun it describes: "Smith, who
    died") and objects; an event noun's owner ("Smith's death") and "of" ("the death of Smith")."""
    subjects, objects = [], []
    for child in governor.children:
        if child.dep_ in {"nsubj", "nsubjpass", "poss"}:
            relative = child.lower_ in _RELATIVE_PRONOUNS and governor.dep_ == "relcl"
            subjects.append(governor.head if relative else child)
        elif child.dep_ == "dobj":
            objects.append(child)
        elif governor.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ == "of":
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    return subjects, objects


def _argument_keys(named: list[tuple[Entity, Mention]], offset: int) -> Any:
    """Keys of an argument: the entities named in it (up to its head word and an apposition, so
    a relative clause or a phrase after it does not count), or without one its head word's
    lemma unless a pronoun ("the Metropolitan Police" and "Cambridgeshire police" differ)."""

    def keys(token: Any) -> set[str]:
        last = max([token] + [c.right_edge for c in token.children if c.dep_ == "appos"], key=lambda t: t.i)
        start, end = offset + token.left_edge.idx, offset + last.idx + len(last)
        found = {f"entity:{e.id}" for e, m in named if m.start < end and start < m.end}
        if not found and token.pos_ != "PRON":
            found.add(f"word:{token.lemma_.lower()}")
        return found

    return keys


def _governor(phrase: Any) -> Any:
    """The verb or event noun a time phrase modifies: up its head chain to the first verb,
    or noun that is not itself inside a prepositional phrase ("the attack on May 3" but
    not "in court on Monday"); a place name on the way is a misattachment, passed over."""
    inside = range(phrase.start, phrase.end)
    token = phrase.root
    while token.head.i != token.i:  # spaCy makes a new Token per access: compare positions
        token = token.head
        if token.i in inside:
            continue
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.dep_ not in {"pobj", "npadvmod"}):
            return token
    return token if token.i not in inside and token.pos_ in {"VERB", "AUX", "NOUN"} else None


def _predicate(token: Any) -> str:
    """The predicate's lemma; a copula stands for a common-noun subject ("the hearing is on
    Monday"), else it names no event ("be", never linked)."""
    if _is_speech(token):
        return SPEECH
    if token.lemma_ == "be":
        subject = next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        return subject.lemma_.lower() if subject is not None else "be"
    return token.lemma_.lower()


def _is_speech(token: Any) -> bool:
    return token.pos_ == "VERB" and (token.lower_ in SPEECH_VERBS or token.lemma_.lower() in _REPORTING_LEMMAS)


def _framed(governor: Any) -> frozenset[str]:
    """The other predicates of a reporting frame: a phrase on "told" may date what was told,
    and one on the reported verb may date the telling."""
    if _is_speech(governor):
        return frozenset(_predicate(child) for child in governor.children if child.dep_ == "ccomp")
    if governor.dep_ == "ccomp" and _is_speech(governor.head):
        return frozenset({SPEECH})
    return frozenset()


def _parse(texts: list[str]) -> list[Any]:
    """Parsed sentences, or Nones when no spaCy model can be loaded (then only aligned,
    paraphrased sentences can date one event)."""
    return parse_sentences(texts)


# --- which phrases date one event ----------------------------------------------------------------


def _link(story: StoryContext, dated: dict[int, Dated], i: int, j: int) -> Link | None:
    """Whether phrases ``i`` and ``j`` date one event, with the confidence that they do."""
    a, b = dated[i], dated[j]
    if a.predicate in {None, "be"} or _reports_of_other_days(story, a.fact, b.fact, a.document, b.document):
        return None
    if _report_day(a) != _report_day(b):
        return None  # the day a court heard something is not the day of what it heard
    if {a.direction, b.direction} == {FORWARD, BACK}:
        return None  # "appeared yesterday" and "will appear on August 25": this hearing and the next
    aligned = story.aligned(a.document, a.fact.span, b.document, b.fact.span)
    wording = "aligned passage" if aligned else "paraphrased sentence" if _paraphrase(a, b, story.settings) else None
    if a.predicate == b.predicate:
        return _same_predicate_link(i, j, a, b, wording, story.settings)
    reported = (a.predicate in b.framed) or (b.predicate in a.framed)
    if reported and wording and a.names & b.names:
        basis = ("a report and its reporting verb: the phrase may date either", wording)
        return Link(i, j, story.settings.date_reported_confidence, basis)
    return None


def _report_day(dated: Dated) -> bool:
    """A reporting verb dated by a day counted from publication ("a court heard today", "he
    said on Monday"): that is the day of the report itself, comparable only with another."""
    fact = dated.fact
    return dated.predicate == SPEECH and fact.relative and fact.granularity == "day" and not year_inferred(fact.text)


def _same_predicate_link(
    i: int, j: int, a: Dated, b: Dated, wording: str | None, settings: ReportSettings
) -> Link | None:
    """One predicate is one event with the same subject or object, or in the same wording
    naming the same entity; two different objects are two events.  A reporting verb says
    little of its own: it needs the same wording too."""
    speech = a.predicate == SPEECH
    if a.objects and b.objects and not a.objects & b.objects and not speech:  # whom one tells varies
        return None
    shared = a.participants & b.participants
    # Who did it is unknown on a side without participants ("he was cautioned"): the same
    # wording is then enough; two known, different participants need a name in common.
    named = bool(a.names & b.names) or not (a.participants and b.participants)
    enough = (
        (wording and (shared or named))
        if a.predicate == SPEECH
        else (shared or wording == "aligned passage" or (wording and named))
    )
    if not enough:
        return None
    confidence = settings.date_same_predicate_confidence
    basis = [_predicate_basis(a.predicate or "")]
    if shared:
        confidence += settings.date_participant_bonus
        basis.append("the same " + ("person or thing named" if _named(shared) else "subject or object"))
    if wording:
        confidence += settings.date_context_bonus
        basis.append(wording)
    return Link(i, j, min(confidence, 1.0), tuple(basis))


def _reports_of_other_days(story: StoryContext, a: TimeFact, b: TimeFact, doc_a: int, doc_b: int) -> bool:
    """Phrases counted from publication dates ("today", "on Monday") in documents published
    days apart: reports of different days of a story (a trial's), not one event."""
    if not (a.relative and b.relative) or year_inferred(a.text) or year_inferred(b.text):
        return False
    first, second = (parse_published(story.docs[d].published) for d in (doc_a, doc_b))
    return (
        first is not None and second is not None and abs((first - second).days) > story.settings.date_report_days_apart
    )


def _paraphrase(a: Dated, b: Dated, settings: ReportSettings) -> bool:
    return same_context(
        frozenset(a.fact.event),
        frozenset(b.fact.event),
        min_shared=settings.event_paraphrase_words,
        min_overlap=settings.event_context_share,
    )


def _named(participants: frozenset[str]) -> bool:
    return any(p.startswith("entity:") for p in participants)


def _predicate_basis(predicate: str) -> str:
    return "both on a reporting verb" if predicate == SPEECH else f'the same predicate ("{predicate}")'


def _one_to_one(links: list[Link], dated: dict[int, Dated]) -> list[Link]:
    """Per pair of documents, each phrase keeps its best match only: strongest first, and of
    equal ones those that agree (a phrase that agrees with another dates that event)."""
    kept: list[Link] = []
    used: set[tuple[int, int]] = set()  # (phrase, the other document)
    for link in sorted(links, key=lambda k: (-k.confidence, not _agree(dated[k.a].fact, dated[k.b].fact), k.a, k.b)):
        a, b = dated[link.a], dated[link.b]
        if (link.a, b.document) in used or (link.b, a.document) in used:
            continue
        used.update({(link.a, b.document), (link.b, a.document)})
        kept.append(link)
    return kept


def _best_per_document(group: set[int], links: list[Link], dated: dict[int, Dated]) -> set[int]:
    """A document's phrase best matched to the others' (the strongest links in all)."""
    strength: dict[int, float] = defaultdict(float)
    for link in links:
        strength[link.a] += link.confidence
        strength[link.b] += link.confidence
    best: dict[int, int] = {}
    for i in sorted(group, key=lambda i: (-strength[i], i)):
        best.setdefault(dated[i].document, i)
    return set(best.values())


def _phrase_key(fact: TimeFact) -> str:
    return " ".join(fact.phrase.casefold().removeprefix("the ").split())


# --- the verdict ----------------------------------------------------------------------------------


def _judge(story: StoryContext, members: list[int], links: list[Link], dated: dict[int, Dated]) -> Finding | None:
    """A conflict when two linked phrases disagree, else "cannot be compared" when one of
    them cannot be placed; the members are one phrase per document."""
    all_phrases = [dated[i].fact for i in members]
    placed = {i: _in_a_common_year(dated[i].fact, all_phrases, story.settings.common_year_phrases) for i in members}
    clashes = [
        (link, placed[link.a], placed[link.b])
        for link in links
        if placed[link.a].interval
        and placed[link.b].interval
        and _phrase_key(placed[link.a]) != _phrase_key(placed[link.b])  # one wording: one account
        and not _agree(placed[link.a], placed[link.b])
    ]
    shown = [(dated[i].document, placed[i]) for i in members]
    unresolved = [(doc, t) for doc, t in shown if not t.interval]
    if clashes:
        link, a, b = max(clashes, key=lambda c: c[0].confidence)
        return _conflict(story, shown, unresolved, link, a, b)
    if unresolved and links:  # no link between the shown phrases: nothing says they date one event
        return _cannot_compare(story, shown, unresolved, links)
    return None


def _agree(a: TimeFact, b: TimeFact) -> bool:
    """Whether two placed phrases can date one event: their intervals overlap, by day and
    month only when either's year was inferred rather than written."""
    if not (a.interval and b.interval):
        return True
    if year_inferred(a.text) or year_inferred(b.text):
        first, second = _month_and_day(a.interval), _month_and_day(b.interval)
        return first is None or second is None or overlap(first, second)
    return overlap(a.interval, b.interval)


def _month_and_day(interval: tuple[str, str]) -> tuple[str, str] | None:
    """The interval as months and days ("03-21"), or None when it runs over a new year."""
    start, end = interval
    if start[:-5] != end[:-5]:
        return None
    return start[-5:], end[-5:]


def _conflict(
    story: StoryContext,
    shown: list[tuple[int, TimeFact]],
    unresolved: list[tuple[int, TimeFact]],
    link: Link,
    a: TimeFact,
    b: TimeFact,
) -> Finding:
    settings = story.settings
    reason = f'"{a.text}" ({_interval_text(a)}) and "{b.text}" ({_interval_text(b)}) do not overlap'
    confidence, basis = link.confidence, list(link.basis)
    if ASSUMED_YEAR in (a.reason, b.reason):
        reason += f" ({ASSUMED_YEAR})"
        confidence *= settings.date_assumed_year_factor
        basis.append("year assumed")
    if _near_miss(a, b, settings.date_near_miss_days):
        confidence *= settings.date_near_miss_factor
        basis.append("days apart, counted from publication dates")
    if unresolved:
        reason += "; " + "; ".join(f'"{t.text}" cannot be compared ({t.reason or "unresolved"})' for _, t in unresolved)
    verdict = "they conflict"
    if unresolved:
        verdict += "; " + ", ".join(f'"{t.text}"' for _, t in unresolved) + " cannot be compared"
    return _finding(story, shown, "conflict", reason, verdict, confidence, tuple(basis))


def _cannot_compare(
    story: StoryContext, shown: list[tuple[int, TimeFact]], unresolved: list[tuple[int, TimeFact]], links: list[Link]
) -> Finding:
    reason = "; ".join(
        f'"{t.text}" in {story.label(doc)}: {t.reason or "cannot be placed in time"}' for doc, t in unresolved
    )
    best = max(links, key=lambda k: k.confidence)
    basis = ("a phrase cannot be placed in time", *best.basis)
    confidence = story.settings.date_cannot_compare_confidence * best.confidence
    return _finding(story, shown, "cannot_compare", reason, "they cannot be compared", confidence, basis)


def _near_miss(a: TimeFact, b: TimeFact, days: int) -> bool:
    """Two phrases counted from publication dates that miss by a few days: a publication
    date given as the next morning, not two accounts of the event."""
    if not (a.relative and b.relative) or {a.granularity, b.granularity} != {"day"}:
        return False
    if ASSUMED_YEAR in (a.reason, b.reason) or year_inferred(a.phrase) or year_inferred(b.phrase):
        return False  # a written day and month ("until August 24"): no publication date was counted from
    first, second = _interval(a), _interval(b)
    gap = max(
        date.fromisoformat(first[0]) - date.fromisoformat(second[1]),
        date.fromisoformat(second[0]) - date.fromisoformat(first[1]),
    )
    return gap.days <= days


def _finding(
    story: StoryContext,
    shown: list[tuple[int, TimeFact]],
    status: str,
    reason: str,
    verdict: str,
    confidence: float,
    basis: tuple[str, ...],
) -> Finding:
    phrases = " / ".join(f'"{t.text}" ({story.label(doc)})' for doc, t in shown)
    return Finding(
        "date_conflict",
        f"The sources date the same event differently: {phrases}: {verdict}.",
        tuple(evidence_at(story, doc, t.span, t.sentence_span) for doc, t in shown),
        {
            "event": _event_text(story, shown[0]),
            "status": status,
            "reason": reason,
            "times": [
                {"document": doc, "text": t.text, "interval": list(t.interval) if t.interval else None}
                for doc, t in shown
            ],
        },
        weight=2 if status == "conflict" else 1,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        basis=basis,
    )


def _in_a_common_year(fact: TimeFact, others: list[TimeFact], needed: int) -> TimeFact:
    """A month phrase without a year ("late March"), placed in the same year as the other
    phrases without a year, so "the start of March" and "late March" can still be
    compared; its interval then carries no year of its own (shown as the month and day).
    Only when ``needed`` of the event's phrases (``others``, itself included) lack a year."""
    if fact.interval or fact.reason != NO_YEAR or sum(o.reason == NO_YEAR for o in others) < needed:
        return fact
    placed = extract_facts(fact.text, COMMON_YEAR_END).times
    if len(placed) != 1 or not placed[0].interval:
        return fact
    start, end = placed[0].interval
    return replace(fact, interval=(start[5:], end[5:]), reason=ASSUMED_YEAR)


def _interval(fact: TimeFact) -> tuple[str, str]:
    """The interval of a phrase that was placed in time (a resolved one)."""
    assert fact.interval is not None, "the phrase was not placed in time"
    return fact.interval


def _interval_text(fact: TimeFact) -> str:
    start, end = _interval(fact)
    return start if start == end else f"{start} to {end}"


def _event_text(story: StoryContext, member: tuple[int, TimeFact]) -> str:
    """The dated sentence without its time phrase, as a short description of the event."""
    doc, fact = member
    text = story.docs[doc].text
    start, end = fact.sentence_span
    before = _LEADING_PREPOSITION.sub("", text[start : fact.span[0]])
    sentence = before + text[fact.span[1] : end].lstrip(" ,")
    words = " ".join(sentence.split()).strip(" ,;:.")
    return words[:1].upper() + words[1:160] + ("…" if len(words) > 160 else "")
