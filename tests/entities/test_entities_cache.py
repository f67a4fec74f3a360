"""Resolved entities are kept in the store and reused until the corpus, decisions or code change."""

from __future__ import annotations

import pytest

from corpuskit.entities import cache


@pytest.fixture
def ingested(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    return cli


def forbid_resolving(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("resolved again although nothing changed")

    monkeypatch.setattr(cache, "resolve", fail)


def test_a_second_run_reuses_the_resolution(ingested, monkeypatch):
    first = ingested.json("entities")
    forbid_resolving(monkeypatch)
    assert ingested.json("entities") == first


def test_an_analyst_decision_resolves_again(ingested, monkeypatch):
    ingested.json("entities")
    calls = []
    real = cache.resolve
    monkeypatch.setattr(cache, "resolve", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert ingested("entities", "merge", "Olga Romanova", "Ms. Romanova").exit_code == 0
    ingested.json("entities")
    assert calls == [1]


def test_a_changed_document_resolves_again(ingested, seeds, monkeypatch):
    ingested.json("entities")
    path = next(seeds.glob("003_*.txt"))
    path.write_text(
        path.read_text(encoding="utf-8") + "\nMarta Kovalenko, a lawyer, was not reached.\n", encoding="utf-8"
    )
    assert ingested("ingest", str(seeds)).exit_code == 0
    names = {e["name"] for e in ingested.json("entities")["entities"]}
    assert "Marta Kovalenko" in names


def test_round_trip_keeps_what_the_commands_show(ingested):
    from corpuskit.store import Store

    store = Store.open(ingested.db, create=False)
    entities = cache.resolve(cache.corpus_mentions(store))
    back = cache.entities_from_bytes(cache.entities_to_bytes(entities))
    assert [(e.id, e.name, e.label, e.why, e.documents, len(e.mentions)) for e in back] == [
        (e.id, e.name, e.label, e.why, e.documents, len(e.mentions)) for e in entities
    ]
    assert [[(v.text, v.count, v.documents) for v in e.variants] for e in back] == [
        [(v.text, v.count, v.documents) for v in e.variants] for e in entities
    ]
