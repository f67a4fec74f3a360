"""NER in worker processes: the same mentions in the same order; no processes for a few texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit import nlp
from corpuskit.entities import cache
from corpuskit.ingest.plaintext import read_plain_text
from corpuskit.store import Store

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture(scope="module")
def pipeline():
    try:
        return nlp.load_pipeline()
    except nlp.ModelMissing:
        pytest.skip("no spaCy model installed")


@pytest.fixture(scope="module")
def texts() -> list[tuple[int, str]]:
    """The seed articles, several times over with their keys in a shuffled order."""
    cleaned = [read_plain_text(p.read_text(encoding="utf-8")).text for p in sorted(SEEDS.glob("*.txt"))]
    return [(key, cleaned[key % len(cleaned)]) for key in (7, 3, 11, 2, 9, 4, 13, 1, 6, 5, 12, 8)]


def test_two_processes_find_what_one_does_in_the_same_order(pipeline, texts):
    alone = list(nlp.extract(pipeline, texts, batch_size=2, processes=1))
    assert [key for key, _ in alone] == [key for key, _ in texts]
    assert any(found for _, found in alone)
    assert list(nlp.extract(pipeline, texts, batch_size=2, processes=2)) == alone


def test_the_pipeline_runs_only_what_finding_names_needs(pipeline):
    # The model's shared token vectors feed the tagger and parser only; NER has its own.
    assert pipeline.pipe_names == ["entity_ruler", "ner"]


def test_the_pipeline_finds_the_names_it_found_with_the_shared_token_vectors(pipeline, texts):
    import spacy

    excluded = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer"]
    before = spacy.load(nlp.resolve_model_name(), exclude=excluded)
    assert "tok2vec" in before.pipe_names
    before.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True}).add_patterns(nlp._RULER_PATTERNS)
    for _, text in texts[:5]:
        found = [(e.start_char, e.end_char, e.label_) for e in pipeline(text).ents]
        assert found and found == [(e.start_char, e.end_char, e.label_) for e in before(text).ents]


def seen_processes(monkeypatch) -> list[int]:
    """Records the processes every NER pool was asked for."""
    asked: list[int] = []
    real = nlp.worker_pool

    def recording(processes, *args, **kwargs):
        asked.append(processes)
        return real(processes, *args, **kwargs)

    monkeypatch.setattr(nlp, "worker_pool", recording)
    return asked


def test_a_few_texts_start_no_worker_process(cli, tmp_path, monkeypatch):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("Rain in Cardiff\n\nRain fell on Cardiff all day, Ms Price said.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    asked = seen_processes(monkeypatch)
    assert cache.update_mentions(Store.open(cli.db, create=False), processes=2) == 1
    assert asked == [1]


def test_enough_texts_are_read_in_the_processes_asked_for(cli, tmp_path, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(cache.PARALLEL_FROM):
        (folder / f"{number}.txt").write_text(
            f"Note {number}\n\nMs Price of Cardiff wrote note number {number} on {number + 1} May.\n", encoding="utf-8"
        )
    assert cli("ingest", str(folder)).exit_code == 0
    asked = seen_processes(monkeypatch)
    store = Store.open(cli.db, create=False)
    assert cache.update_mentions(store, processes=2) == cache.PARALLEL_FROM
    assert asked == [2]
    assert store.mention_counts(nlp.pipeline_key())["texts"] == cache.PARALLEL_FROM
