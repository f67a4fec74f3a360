"""The NLP stage over the store: find names in texts not yet analysed, and read them back.

Mentions are cached per stored text and pipeline (model, version, patterns),
so a second run on an unchanged corpus loads no model and does no NLP work;
each batch is saved in its own transaction, so an interrupted run resumes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from corpuskit.cachekey import cache_key
from corpuskit.entities.model import Decisions, Entity, Mention, Variant
from corpuskit.entities.resolve import resolve
from corpuskit.nlp import DEFAULT_MODELS, MODEL_LANGUAGE, NameModels, extract, load_pipeline
from corpuskit.store import Store

SAVE_EVERY = 200  # texts per transaction
PARALLEL_FROM = 16  # texts: fewer are read faster here than worker processes start


def update_mentions(
    store: Store,
    models: NameModels = DEFAULT_MODELS,
    batch_size: int = 32,
    processes: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
    texts: Iterable[int] | None = None,
) -> int:
    """Run NER on every text whose names are not cached from its language's pipeline, or on
    those of ``texts`` (text ids); in ``processes`` worker processes when there are at least
    ``PARALLEL_FROM`` texts to read. A text in a language no model reads is kept with no names.
    Returns how many texts it read."""
    todo = texts_to_read(store, models, texts)
    total = sum(len(ids) for ids in todo.values())
    if not total:
        return 0
    report = on_progress or (lambda done, total: None)
    report(0, total)  # before the model loads, which takes a few seconds
    done = 0
    for work in name_work(store, models, todo):
        if work.model is None:
            done += len(work.texts)
            report(done, total)
        else:
            done += _read_names(store, work, batch_size, processes, _Shifted(report, done, total))
    return done


@dataclass(frozen=True)
class NameWork:
    """The texts of one language whose names are to be found with its model (none: no names)."""

    language: str
    model: str | None
    key: str  # what their names are saved under
    texts: list[int]


def name_work(store: Store, models: NameModels, todo: dict[str | None, list[int]]) -> list[NameWork]:
    """``todo`` (``texts_to_read``) as work for each language, in a stable order; the texts of
    a language no model reads are saved with no names here, so that they are not asked again."""
    works = []
    for language, ids in sorted(todo.items(), key=lambda item: item[0] or ""):
        work = NameWork(language or MODEL_LANGUAGE, models.model_for(language), models.text_key(language), ids)
        if work.model is None:
            store.save_mentions(work.key, [(text_id, []) for text_id in ids])
        works.append(work)
    return works


@dataclass(frozen=True)
class _Shifted:
    """Progress of one language's texts, reported as progress of them all."""

    report: Callable[[int, int], None]
    before: int
    total: int

    def __call__(self, done: int) -> None:
        self.report(self.before + done, self.total)


def texts_to_read(store: Store, models: NameModels, texts: Iterable[int] | None = None) -> dict[str | None, list[int]]:
    """Per language, the texts (of ``texts``, when given) whose names are not cached under
    that language's key: new, changed, read by another model, or now of another language."""
    wanted = None if texts is None else set(texts)
    keys: dict[str | None, str] = {}
    todo: dict[str | None, list[int]] = {}
    for text_id, languages, cached in store.texts_for_names():
        if wanted is not None and text_id not in wanted:
            continue
        language = models.text_language(languages)
        if language not in keys:
            keys[language] = models.text_key(language)
        if cached != keys[language]:
            todo.setdefault(language, []).append(text_id)
    return todo


def _read_names(store: Store, work: NameWork, batch_size: int, processes: int, report: Callable[[int], None]) -> int:
    assert work.model is not None, "texts no model reads are saved with no names"
    nlp = load_pipeline(work.model, work.language)
    workers = processes if len(work.texts) >= PARALLEL_FROM else 1
    pending: list = []
    done = 0
    for found in extract(nlp, store.text_bodies(work.texts), batch_size=batch_size, processes=workers):
        pending.append(found)
        if len(pending) >= SAVE_EVERY:
            done += _save(store, work.key, pending)
        report(done + len(pending))  # each text: NER is slow enough to show it
    return done + _save(store, work.key, pending)


def _save(store: Store, key: str, pending: list) -> int:
    store.save_mentions(key, pending)
    count = len(pending)
    pending.clear()
    return count


def corpus_mentions(store: Store, documents: Iterable[int] | None = None) -> Iterator[Mention]:
    """Every cached mention of every document (or of the ``documents`` given, by id), with its
    surface text and sentence, one at a time: a corpus's sentences are most of its text."""
    bodies: dict[int, str] = {}
    sentences: dict[tuple[int, int], str] = {}
    surfaces: dict[str, str] = {}  # one string a spelling: a name said a million times is one object
    for document, start, end, label, sentence_start, sentence_end, text_id in store.document_mentions(documents):
        if text_id not in bodies:  # rows come grouped by document: keep one text at a time
            bodies = {text_id: next(store.text_bodies([text_id]))[1]}
            sentences = {}
        body = bodies[text_id]
        sentence = sentences.get((text_id, sentence_start))
        if sentence is None:
            sentence = sentences[(text_id, sentence_start)] = body[sentence_start:sentence_end]
        surface = body[start:end]
        yield Mention(document, start, end, surfaces.setdefault(surface, surface), label, sentence, sentence_start)


def decisions(configured_aliases: list[list[str]], configured_separations: list[list[str]], store: Store) -> Decisions:
    """The analyst's decisions: corpuskit.yaml first, then those recorded with merge/split."""
    recorded = store.entity_decisions()
    aliases = [tuple(g) for g in configured_aliases] + [tuple(d["names"]) for d in recorded if d["kind"] == "merge"]
    separations = [tuple(g) for g in configured_separations] + [
        tuple(d["names"]) for d in recorded if d["kind"] == "split"
    ]
    return Decisions(aliases=tuple(aliases), separations=tuple(separations))


def resolved_entities(
    store: Store, models: NameModels, decided: Decisions, documents: Iterable[int] | None = None
) -> list[Entity]:
    """The corpus's entities, resolved once and kept in the store until the corpus, the NLP
    pipeline, the analyst's decisions or the resolver's code change.

    With ``documents`` (ids), the entities of those documents' mentions alone, resolved among
    themselves (what the report reads: the documents that can share a story), kept apart from
    the whole corpus's, so that ``entities`` and ``report`` do not undo each other's cache."""
    chosen = None if documents is None else sorted(set(documents))
    name = "entities" if chosen is None else "story entities"
    fingerprint = resolution_key(store.corpus_fingerprint(), models.used_by(store.languages()).key(), decided, chosen)
    cached = store.cached_analysis(name, fingerprint)
    if cached is not None:
        return entities_from_bytes(cached)
    entities = resolve(corpus_mentions(store, chosen), decided)
    store.save_analysis(name, fingerprint, entities_to_bytes(entities))
    return entities


def resolution_key(corpus: str, pipeline: str, decided: Decisions, documents: list[int] | None = None) -> str:
    """What resolved entities depend on: the corpus, the mentions' pipeline, the analyst's
    decisions, the documents resolved (None: all) and the code of the resolver and of this
    module's storage format."""
    inputs: dict = {"corpus": corpus, "pipeline": pipeline, "decisions": [decided.aliases, decided.separations]}
    if documents is not None:
        inputs["documents"] = hashlib.sha1(",".join(map(str, documents)).encode()).hexdigest()
    return cache_key([__name__], inputs)


def entities_to_bytes(entities: list[Entity]) -> bytes:
    """Entities as compressed JSON; mention sentences are left out (they are context for resolving)."""
    rows = [
        [
            e.id,
            e.name,
            e.label,
            e.why,
            [[v.text, v.count, v.documents] for v in e.variants],
            [[m.document, m.start, m.end, m.text, m.label, m.sentence_start] for m in e.mentions],
        ]
        for e in entities
    ]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def entities_from_bytes(blob: bytes) -> list[Entity]:
    entities = []
    for entity_id, name, label, why, variants, mentions in json.loads(zlib.decompress(blob)):
        entities.append(
            Entity(
                entity_id,
                name,
                label,
                [Mention(d, s, e, text, lab, "", ss) for d, s, e, text, lab, ss in mentions],
                [Variant(t, c, docs) for t, c, docs in variants],
                why,
            )
        )
    return entities
