"""The report, put together from the store: stories, their sources and their findings.

Data flows one way: documents, dupes pairs and entity mentions come from the
store (cached there by the earlier stages), facts are read from each text,
documents are grouped into stories, and each story is analysed on its own.
The result is the JSON contract's dict, which every renderer takes.
"""

from __future__ import annotations

import json
import os
import random
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from corpuskit.cachekey import cache_key, library_versions
from corpuskit.config import Config
from corpuskit.documents import DOCUMENT_KEYS
from corpuskit.dupes.corpus import DupesEngine, corpus_duplicates
from corpuskit.dupes.model import DupesResult, PairResult
from corpuskit.dupes.settings import VERDICT_LIBRARIES
from corpuskit.engines.local import cpu_count, worker_pool
from corpuskit.entities.cache import decisions, resolved_entities, update_mentions
from corpuskit.entities.model import Entity, Mention
from corpuskit.errors import NotFound
from corpuskit.facts import grammar
from corpuskit.facts.corpus import corpus_facts
from corpuskit.facts.model import Facts
from corpuskit.nlp import name_models
from corpuskit.report.claims import claim_key, single_source_findings
from corpuskit.report.consensus import with_prevailing
from corpuskit.report.context import DocView, StoryContext
from corpuskit.report.coverage import analysis_limits, reads_facts
from corpuskit.report.credits import attribution_findings
from corpuskit.report.dates import date_conflict_findings
from corpuskit.report.ids import document_key, with_finding_ids
from corpuskit.report.model import CONSEQUENCE, Source, Story, verdict_of
from corpuskit.report.names import may_hold_a_respelling, mentions_by_document, name_variant_findings
from corpuskit.report.numbers import number_conflict_findings
from corpuskit.report.quotes import minor_differences, quote_variant_findings
from corpuskit.report.roles import counted_groups, independent_groups, sources
from corpuskit.report.settings import (
    DEFAULT_REPORT_SETTINGS,
    DEFAULT_STORY_SETTINGS,
    ReportSettings,
    StorySettings,
)
from corpuskit.report.stories import StoryDoc, StoryGroup, group_stories, story_candidates, story_links
from corpuskit.report.terms import corpus_terms
from corpuskit.store import Store
from corpuskit.text.terms import Terms

Progress = Callable[[str, int, int], None]


def build_report(
    store: Store, config: Config, on_progress: Progress | None = None, dupes_engine: DupesEngine | None = None
) -> dict:
    """The whole report of the corpus as the JSON contract's dict, kept in the store: asked again
    of an unchanged corpus with the same settings (to render it in another format, or to select
    other stories), it is read back instead of made again (``report_key`` says what it depends on).
    The dupes stages run on ``dupes_engine`` (default: this machine)."""
    key = report_key(store, config)
    kept = _kept(store, key)
    if kept is not None:
        return kept
    report = _build_report(store, config, on_progress, dupes_engine)
    # Made without the parser (it failed to load), the report has weaker evidence: not kept,
    # so the next run tries again.
    if grammar.parser_available():
        store.save_analysis(REPORT_CACHE, key, zlib.compress(json.dumps(report, ensure_ascii=False).encode()))
    return report


REPORT_CACHE = "report"


def kept_report(store: Store, config: Config) -> dict | None:
    """The report kept in the store for the corpus as it is and these settings, if there is one."""
    return _kept(store, report_key(store, config))


def _kept(store: Store, key: str) -> dict | None:
    cached = store.cached_analysis(REPORT_CACHE, key)
    return None if cached is None else json.loads(zlib.decompress(cached))


def report_key(store: Store, config: Config) -> str:
    """What a report depends on: the corpus (every document's fields and text), the settings of
    the stages it runs, the analyst's entity decisions, the NLP pipeline (names and parses), the
    libraries that shape verdicts and facts, and the code of every module the report imports."""
    inputs = {
        "corpus": store.corpus_fingerprint(),
        "pipeline": name_models(config.nlp).used_by(store.languages()).key(),
        "parses": grammar.parse_key(config.nlp.model),
        "decisions": decisions(config.entities.aliases, config.entities.separations, store),
        "settings": [config.dupes, config.stories, config.report],
        "libraries": library_versions(*VERDICT_LIBRARIES),
    }
    return cache_key([__name__], inputs)


def _build_report(
    store: Store, config: Config, on_progress: Progress | None, dupes_engine: DupesEngine | None = None
) -> dict:
    """The report made from the store's documents and the stages' caches.

    Names are found (NER) only where a finding can use them, in worker processes, one per
    core: in the documents that can share a story with another (``story_candidates``, told
    before any name is known) and in those that may spell one name two ways on their own
    (``may_hold_a_respelling``). The others are stories of one document without a name
    finding whatever their names are, and ``corpuskit entities`` reads them when asked.
    Mentions are cached per text, so a document that comes to share a story later gets its
    names on the next report."""
    rows = store.documents()
    progress = on_progress or (lambda stage, done, total: None)
    grammar.use_model(config.nlp.model)  # owners of numbers and events of times: the configured model
    dupes = corpus_duplicates(store, config.dupes, on_progress=progress, engine=dupes_engine)
    texts = store.document_texts([r["id"] for r in rows])
    views = {
        r["id"]: DocView(
            r["id"],
            texts[r["id"]],
            r["title"],
            r["outlet"],
            r["published"],
            r.get("author"),
            compared=reads_facts(r["language"]) and not r.get("warning"),
            flagged=bool(r.get("warning")),
        )
        for r in rows
    }
    links = story_links(dupes, texts, config.stories)
    terms = corpus_terms(
        store, config.stories.min_term_length, lambda done, total: progress("count words", done, total)
    )
    named = story_candidates(_story_docs(views, terms=terms), links[0], config.stories, links[1])
    named |= {d for d, view in views.items() if d not in named and may_hold_a_respelling(view.text)}
    text_of = store.text_ids_of_documents()
    update_mentions(
        store,
        name_models(config.nlp),
        config.nlp.batch_size,
        cpu_count(),
        on_progress=lambda done, total: progress("find names", done, total),
        texts={text_of[d] for d in named},
    )
    entities = resolved_entities(
        store,
        name_models(config.nlp),
        decisions(config.entities.aliases, config.entities.separations, store),
        documents=named,
    )
    # Other languages' facts are not read: rules written with English words would misread them.
    read = [r for r in rows if reads_facts(r["language"])]
    facts = corpus_facts(store, read, on_progress=lambda done, total: progress("read facts", done, total))
    facts.update({r["id"]: Facts() for r in rows if r["id"] not in facts})
    parses = grammar.parse_key(config.nlp.model)
    store.drop_parses_except(parses)
    grammar.parser_available()  # loaded here, once: the story workers fork with it
    grammar.use_parse_cache(StoredParses(store.path, parses))
    try:
        stories = analyse_stories(
            views,
            dupes,
            entities,
            facts,
            config.stories,
            config.report,
            on_progress=lambda done, total: progress("analyse stories", done, total),
            on_parses=lambda made: store.save_parses(parses, made),
            links=links,
            terms=terms,
        )
    finally:
        grammar.use_parse_cache(None)
    stories = with_finding_ids(stories, {r["id"]: document_key(r) for r in rows})
    limits = analysis_limits(rows, name_models(config.nlp))
    return {
        "documents": [{k: r[k] for k in DOCUMENT_KEYS} for r in rows],
        "summary": {
            "documents": len(rows),
            "stories": len(stories),
            "multi_source_stories": sum(1 for s in stories if len(s["documents"]) > 1),
            "findings": sum(len(s["findings"]) for s in stories),
            "not_fully_analysed": len(limits),
        },
        "stories": stories,
        "not_fully_analysed": limits,
    }


def _story_docs(
    views: dict[int, DocView],
    entity_keys: dict[int, tuple[str, ...]] | None = None,
    terms: dict[int, Terms] | None = None,
) -> list[StoryDoc]:
    keys, kept = entity_keys or {}, terms or {}
    return [StoryDoc(v.id, v.text, v.published, v.outlet, keys.get(v.id, ()), kept.get(v.id)) for v in views.values()]


def analyse_stories(
    views: dict[int, DocView],
    dupes: DupesResult,
    entities: list[Entity],
    facts: dict[int, Facts],
    story_settings: StorySettings = DEFAULT_STORY_SETTINGS,
    settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
    on_progress: Callable[[int, int], None] | None = None,
    on_parses: Callable[[list[tuple[str, bytes]]], None] | None = None,
    links: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None,
    terms: dict[int, Terms] | None = None,
) -> list[dict]:
    """Group the documents into stories and analyse each; stories as JSON dicts, numbered from 1.
    ``on_progress(done, total)`` counts the stories analysed; ``on_parses`` is given the sentence
    parses each story's analysis made (``grammar.new_parses``), to keep them; ``links``:
    ``story_links`` of ``dupes``, when the caller has them already; ``terms``: the documents' kept
    ``text_terms`` (made with ``story_settings.min_term_length``), when there are."""
    cluster_links, event_links = links or story_links(dupes, {v.id: v.text for v in views.values()}, story_settings)
    groups = group_stories(
        _story_docs(views, _entity_keys(entities), terms), cluster_links, story_settings, event_links
    )
    corpus = _Corpus(
        views,
        facts,
        mentions_by_document(entities),
        _pairs_by_document(dupes),
        _corroboration({v.id: v.outlet for v in views.values()}, dupes, facts, settings.claim_digits),
        settings,
        _peers_by_document(dupes),
    )
    # Analysed in a fixed shuffled order: the groups come largest first, and a story of one
    # document costs next to nothing, so in their own order the rate (and the time left)
    # would only be known at the end. Each story's analysis is its own: the order changes
    # no result.
    numbered = list(enumerate(groups, start=1))
    random.Random(len(numbered)).shuffle(numbered)
    report = on_progress or (lambda done, total: None)
    report(0, len(numbered))
    stories: list[dict] = [{}] * len(numbered)
    # Stories are independent: workers inherit the corpus without copying it through
    # a pipe; only story numbers and results travel. All are handed out at once.
    with worker_pool(cpu_count() if len(numbered) >= PARALLEL_FROM else 1, shared=corpus) as workers:
        results = workers.map(_Corpus.analyse, numbered, STORY_CHUNK, ahead=len(numbered))
        for done, ((number, _), (story, parses)) in enumerate(zip(numbered, results), start=1):
            stories[number - 1] = story
            if parses and on_parses:
                on_parses(parses)
            report(done, len(numbered))
    return stories


PARALLEL_FROM = 500  # stories: fewer are analysed faster than worker processes start
STORY_CHUNK = 8  # stories per task: small, so progress is seen as it goes


@dataclass
class _Corpus:
    """What every story's analysis reads: the documents, their facts, mentions and dupes pairs."""

    views: dict[int, DocView]
    facts: dict[int, Facts]
    mentions: dict[int, list[tuple[Entity, Mention]]]
    pairs_of: dict[int, list]
    sources_stating: Callable
    settings: ReportSettings
    # Each document's sibling and shared-quotation links (``_peers_by_document``): not copies, but
    # shown with the story's derivation so that a reader sees why its members belong together.
    peers_of: dict[int, list[tuple[str, dict]]] = field(default_factory=dict)

    def analyse(self, item: tuple[int, StoryGroup]) -> tuple[dict, list[tuple[str, bytes]]]:
        """The story's JSON, and the sentence parses its analysis made (a worker's are sent back)."""
        number, group = item
        members = set(group.documents)
        context = StoryContext(
            {d: self.views[d] for d in sorted(members)},
            [p for d in members for p in self.pairs_of[d] if p.a == d and p.b in members],
            self.settings,
        )
        story = analyse_story(number, context, group.title_document, self.mentions, self.facts, self.sources_stating)
        peers = [
            (kind, link) for d in sorted(members) for kind, link in self.peers_of.get(d, ()) if link["b"] in members
        ]
        story = replace(
            story,
            siblings=tuple(link for kind, link in peers if kind == "siblings"),
            shared_quotes=tuple(link for kind, link in peers if kind == "shared_quotes"),
        )
        return story.to_json(), grammar.new_parses()


class StoredParses:
    """The store's parses, read through a connection of each process's own (workers are forked,
    and a SQLite connection must not cross a fork)."""

    def __init__(self, path: os.PathLike | str, pipeline: str):
        self.path, self.pipeline = path, pipeline
        self._opened: tuple[int, Store] | None = None

    def __call__(self, sentences: list[str]) -> dict[str, bytes]:
        if self._opened is None or self._opened[0] != os.getpid():
            self._opened = (os.getpid(), Store.open(self.path, create=False))
        return self._opened[1].parses(self.pipeline, sentences)


def analyse_story(
    number: int,
    story: StoryContext,
    title_document: int,
    mentions: dict[int, list[tuple[Entity, Mention]]],
    facts: dict[int, Facts],
    sources_stating: Callable,
) -> Story:
    roles = sources(story)
    findings = [
        *number_conflict_findings(story, facts, mentions),
        *date_conflict_findings(story, facts, mentions),
        *name_variant_findings(story, mentions),
        *quote_variant_findings(story, facts),
        *attribution_findings(story, roles, facts),
        *single_source_findings(story, facts, sources_stating, roles),
    ]
    groups = counted_groups(story)
    source_of = {d: i for i, group in enumerate(groups) for d in group}  # a flagged-only group: none
    findings = sorted(
        (
            with_prevailing(replace(f, summary=f.summary[:1].upper() + f.summary[1:]), roles, source_of)
            for f in findings
        ),
        key=lambda f: f.sort_key(),
    )
    title = _title(story, roles, title_document)
    return Story(
        number,
        title,
        tuple(sorted(story.docs)),
        len(groups),
        tuple(roles),
        tuple(_derivation(p, roles) for p in story.pairs),
        tuple(findings),
        tuple(minor_differences(story, facts)),
    )


def _title(story: StoryContext, roles: list, title_document: int) -> str:
    """The original's title when one is known, else the most central document's."""
    original = next((s.document for s in roles if s.role == "original"), title_document)
    doc = story.docs[original]
    return doc.title or doc.text[:80]


# A story's derivation lists each pair as dupes writes it, without the passages.
DERIVATION_KEYS = ("a", "b", "relation", "direction", "direction_reason", "share", "score")


def _derivation(pair: PairResult, roles: list[Source]) -> dict:
    """The pair as dupes gave it; where dupes could not tell who copied whom but the story's
    roles do (the member nearer the story's original is the source), that direction, with the
    reason "story", so the derivation and the sources table tell one story."""
    as_dupes = pair.to_json()
    derivation = {key: as_dupes[key] for key in DERIVATION_KEYS}
    if pair.direction is None:
        parents = {s.document: s.copied_from for s in roles}
        if pair.a in parents.get(pair.b, ()):
            derivation.update(direction="a->b", direction_reason="story")
        elif pair.b in parents.get(pair.a, ()):
            derivation.update(direction="b->a", direction_reason="story")
    return derivation


def _entity_keys(entities: list[Entity]) -> dict[int, tuple[str, ...]]:
    keys: dict[int, set[str]] = defaultdict(set)
    for entity in entities:
        for doc in entity.documents:
            keys[doc].add(f"{entity.label}:{entity.id}")
    return {doc: tuple(sorted(k)) for doc, k in keys.items()}


def _pairs_by_document(dupes: DupesResult) -> dict[int, list]:
    pairs: dict[int, list] = defaultdict(list)
    for pair in dupes.pairs:
        pairs[pair.a].append(pair)
    return pairs


# A story's siblings and shared quotations, each as dupes lists it without passages and shares
# (the derivation's keys that apply: they are links between peers, with no direction).
PEER_KEYS = ("a", "b", "relation", "score")


def _peers_by_document(dupes: DupesResult) -> dict[int, list[tuple[str, dict]]]:
    """Each document's sibling pairs (with their common ``sources``) and pairs sharing only
    quotations, under the lower id of each pair."""
    peers: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    for sibling in dupes.siblings:
        as_dupes = sibling.to_json()
        link = {key: as_dupes[key] for key in PEER_KEYS} | {"sources": as_dupes["sources"]}
        peers[sibling.a].append(("siblings", link))
    for pair in dupes.shared_quotes:
        as_dupes = pair.to_json()
        peers[pair.a].append(("shared_quotes", {key: as_dupes[key] for key in PEER_KEYS}))
    return peers


def _corroboration(
    outlets: dict[int, str | None], dupes: DupesResult, facts: dict[int, Facts], digits: int
) -> Callable:
    """How many independent sources in the whole corpus state each claim (counted as a story's are)."""
    source_of = {d: i for i, group in enumerate(independent_groups(outlets, dupes.pairs)) for d in group}
    stating: dict[tuple, set[int]] = defaultdict(set)
    for doc, found in facts.items():
        for number in found.numbers:
            key = claim_key(number, digits)
            if key:
                stating[key].add(source_of[doc])
    return lambda key: len(stating.get(key, ()))


def select_stories(report: dict, story: int | None = None, min_documents: int = 1, min_confidence: float = 0.0) -> dict:
    """The report narrowed to one story or to stories of at least ``min_documents``, with findings
    below ``min_confidence`` hidden (counted in ``selection``); the ``documents`` list keeps those
    the chosen stories hold, the summary counts the whole corpus; ``highlights`` are the most
    consequential findings of the selection."""
    chosen = [
        s for s in report["stories"] if (story is None or s["id"] == story) and len(s["documents"]) >= min_documents
    ]
    if story is not None and not chosen and not any(s["id"] == story for s in report["stories"]):
        raise NotFound(f"no story {story}: the report has stories 1 to {len(report['stories'])}")
    hidden = sum(1 for s in chosen for f in s["findings"] if _below(f, min_confidence))
    if hidden:
        chosen = [_above(s, min_confidence) for s in chosen]
    held = {d for s in chosen for d in s["documents"]}
    documents = (
        [d for d in report["documents"] if d["id"] in held]
        if story is not None or min_documents > 1
        else report["documents"]
    )
    limits = [d for d in report.get("not_fully_analysed", []) if d["id"] in held or documents is report["documents"]]
    narrowed = {
        **report,
        "documents": documents,
        "stories": chosen,
        "highlights": highlights(chosen),
        "not_fully_analysed": limits,
    }
    selection: dict = {}
    if story is not None:  # asked for by id: shown whatever it holds, one document or no finding
        selection["story"] = story
    if min_confidence > 0:
        selection.update(min_confidence=min_confidence, hidden_findings=hidden)
    if selection:
        narrowed["selection"] = selection
    return narrowed


def _below(finding: dict, min_confidence: float) -> bool:
    """A finding ``min_confidence`` hides: one the analyst has not decided on (a confirmed one is
    always shown, a dismissed one as ``--show-dismissed`` says)."""
    return finding["confidence"] < min_confidence and verdict_of(finding) is None


def _above(story: dict, min_confidence: float) -> dict:
    """The story with its findings below ``min_confidence`` left out, and how many (``hidden_findings``)."""
    kept = [f for f in story["findings"] if not _below(f, min_confidence)]
    hidden = len(story["findings"]) - len(kept)
    return {**story, "findings": kept, **({"hidden_findings": hidden} if hidden else {})}


HIGHLIGHTS = 5  # findings at the top of the report: what an editor reads first


def highlights(stories: list[dict], count: int = HIGHLIGHTS) -> list[dict]:
    """The most consequential findings across stories (consequence of the kind times confidence),
    one per story so that one large story does not fill the top; each as its story, its number
    within the story (from 1), its id, kind, summary and confidence. A finding the analyst
    dismissed (shown with ``--show-dismissed``) is never one."""
    ranked = []
    for s in stories:
        # A story's findings are ranked already: its first undismissed one is its strongest.
        number, f = next(
            ((n, f) for n, f in enumerate(s["findings"], start=1) if verdict_of(f) != "dismissed"), (0, None)
        )
        if len(s["documents"]) > 1 and f is not None:
            ranked.append((CONSEQUENCE[f["kind"]] * f["confidence"], s["id"], number, f))
    ranked.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [
        {
            "story": sid,
            "finding": number,
            "id": f.get("id"),
            "kind": f["kind"],
            "summary": f["summary"],
            "confidence": f["confidence"],
        }
        for _, sid, number, f in ranked[:count]
    ]
