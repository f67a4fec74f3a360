"""The report is kept in the store: asked again of an unchanged corpus, it is read back; any
change to what it depends on (a document, a setting, an analyst's decision) makes it again."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from corpuskit.config import Config
from corpuskit.report import build
from corpuskit.store import Store


def forget_report(db: Path) -> None:
    """Drop the kept report, so the next one is made again (to test the stages under it)."""
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM analysis_cache WHERE name = ?", (build.REPORT_CACHE,))


@pytest.fixture
def ingested(cli, seeds):
    assert cli("ingest", str(seeds), "--quiet").exit_code == 0
    return cli


FORMATS = ("json", "md", "html", "table")


def test_the_same_report_again_is_read_back_in_every_format(ingested, monkeypatch):
    made = {}
    for kind in FORMATS:  # each rendered from a report made, not read back
        forget_report(ingested.db)
        made[kind] = ingested("report", "--format", kind).stdout

    def fail(*args, **kwargs):
        raise AssertionError("the report was made again although nothing changed")

    monkeypatch.setattr(build, "_build_report", fail)
    for kind, output in made.items():
        assert ingested("report", "--format", kind).stdout == output  # read back, rendered the same


def test_a_changed_document_setting_or_decision_makes_the_report_again(ingested):
    store = Store.open(ingested.db, create=False)
    try:
        config = Config()
        keys = {build.report_key(store, config)}
        keys.add(build.report_key(store, replace(config, report=replace(config.report, claim_digits=2))))
        keys.add(build.report_key(store, replace(config, stories=replace(config.stories, candidate_similarity=0.5))))
        store.add_entity_decision("merge", ["Anwar", "Anuar"])
        keys.add(build.report_key(store, config))
        store.db.execute("UPDATE documents SET title = 'Another title' WHERE id = (SELECT min(id) FROM documents)")
        keys.add(build.report_key(store, config))
        assert len(keys) == 5
        same = replace(config, nlp=replace(config.nlp, batch_size=7))  # how fast, not what: the same report
        assert build.report_key(store, same) == build.report_key(store, config)
    finally:
        store.close()


def test_a_retitled_document_is_in_the_next_report(ingested):
    before = ingested.json("report")
    with sqlite3.connect(ingested.db) as connection:
        (first,) = connection.execute("SELECT min(id) FROM documents").fetchone()
        connection.execute("UPDATE documents SET title = 'A title set later' WHERE id = ?", (first,))
    after = ingested.json("report")
    assert [d["title"] for d in after["documents"] if d["id"] == first] == ["A title set later"]
    assert after != before


def test_a_report_made_without_the_parser_is_not_kept(ingested, monkeypatch):
    """The parser failed to load (no parse: weaker evidence for number owners and event dates):
    the report is given, and made again next time."""
    from corpuskit.facts import grammar

    forget_report(ingested.db)
    monkeypatch.setattr(grammar, "parser_available", lambda: False)
    assert ingested.json("report")["stories"]
    with sqlite3.connect(ingested.db) as connection:
        kept = connection.execute("SELECT count(*) FROM analysis_cache WHERE name = ?", (build.REPORT_CACHE,))
        assert kept.fetchone() == (0,)
