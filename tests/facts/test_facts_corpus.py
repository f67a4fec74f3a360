"""Facts over the store: cached per text and date, the same whether read serially or in workers."""

from __future__ import annotations

import pytest

from corpuskit.facts import corpus as facts_corpus
from corpuskit.facts import extract_facts
from corpuskit.store import Store


@pytest.fixture
def store(cli, seeds) -> Store:
    assert cli("ingest", str(seeds)).exit_code == 0
    return Store.open(cli.db, create=False)


def test_facts_match_extracting_each_text(store):
    documents = store.documents()
    found = facts_corpus.corpus_facts(store, documents)
    texts = store.document_texts([d["id"] for d in documents])
    assert found == {d["id"]: extract_facts(texts[d["id"]], d["published"]) for d in documents}


def test_second_read_comes_from_the_cache(store, monkeypatch):
    documents = store.documents()
    first = facts_corpus.corpus_facts(store, documents)

    def fail(*args):
        raise AssertionError("extracted again")

    monkeypatch.setattr(facts_corpus, "extract_facts", fail)
    assert facts_corpus.corpus_facts(store, documents) == first


def test_a_publication_date_is_part_of_the_key(store):
    documents = store.documents()
    facts_corpus.corpus_facts(store, documents)
    dated = [{**d, "published": "2023-02-14"} for d in documents]
    found = facts_corpus.corpus_facts(store, dated)
    resolved = [t for f in found.values() for t in f.times if t.text == "the end of last month"]
    assert resolved and resolved[0].interval == ("2023-01-21", "2023-01-31")


def test_worker_processes_give_the_same_facts(store, monkeypatch):
    monkeypatch.setattr(facts_corpus, "PARALLEL_FROM", 1)
    parallel = facts_corpus._extract(store, [(t, "") for t in sorted(store.text_ids_of_documents().values())])
    serial = {
        key: extract_facts(text, None)
        for key, text in (
            ((t, ""), body) for t, body in store.text_bodies(sorted(store.text_ids_of_documents().values()))
        )
    }
    assert parallel == serial
