"""Sentence parses are kept in the store: a report run again parses nothing and says the same."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.report.test_report_cache import forget_report
from typer.testing import CliRunner

from corpuskit.cli import app
from corpuskit.facts import grammar

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

pytestmark = pytest.mark.skipif(not grammar.parser_available(), reason="no spaCy model to parse with")


def report(db: Path) -> dict:
    result = CliRunner().invoke(app, ["report", "--format", "json", "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def stored_parses(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM parses").fetchone()[0]


@pytest.fixture
def store(tmp_path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "seeds"), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return db


def test_a_second_report_reads_its_parses_and_parses_nothing(store, monkeypatch):
    first = report(store)
    kept = stored_parses(store)
    assert kept > 0  # the seeds' numbers and dates needed the parser
    grammar._parse.cache_clear()  # as a new process would start
    parsed: list[str] = []
    pipeline = grammar._pipeline()
    real_pipe = pipeline.pipe

    def counting_pipe(texts, **kwargs):
        texts = list(texts)
        parsed.extend(texts)
        return real_pipe(texts, **kwargs)

    monkeypatch.setattr(pipeline, "pipe", counting_pipe)
    forget_report(store)  # made again: its stories analysed again, from the stored parses
    assert report(store) == first
    assert parsed == []
    assert stored_parses(store) == kept


def test_a_stored_parse_reads_back_as_the_parser_made_it():
    sentence = "Jane Doe, 46, of Leeds, was jailed for six years on Tuesday after 200 people watched."
    stored: dict[str, bytes] = {}
    grammar.use_parse_cache(lambda keys: {k: stored[k] for k in keys if k in stored})
    try:
        (made,) = grammar.parse_sentences([sentence])
        stored.update(grammar.new_parses())
        assert len(stored) == 1
        (read,) = grammar.parse_sentences([sentence])
        assert grammar.new_parses() == []  # read back, not parsed again
    finally:
        grammar.use_parse_cache(None)

    def attributes(doc):
        return [(t.idx, t.text, t.pos_, t.tag_, t.dep_, t.head.i, t.lemma_, t.like_num) for t in doc]

    assert read is not made
    assert attributes(read) == attributes(made)
    assert grammar.ownership(sentence, 0, (10, 12), None) == grammar.ownership(sentence, 0, (10, 12), None)


def test_without_a_cache_nothing_is_kept():
    grammar.use_parse_cache(None)
    grammar.parse_sentences(["The court sat for three days."])
    assert grammar.new_parses() == []


def test_parses_of_another_pipeline_are_dropped_when_a_report_is_made(store):
    """An upgraded model or parser code never reads the old parses again: they do not stay."""
    report(store)
    current = stored_parses(store)
    with sqlite3.connect(store) as connection:
        connection.execute("INSERT INTO parses(sentence, pipeline, doc) VALUES ('Old.', 'an old pipeline', x'00')")
    forget_report(store)
    assert report(store)
    with sqlite3.connect(store) as connection:
        pipelines = {row[0] for row in connection.execute("SELECT DISTINCT pipeline FROM parses")}
    assert "an old pipeline" not in pipelines and stored_parses(store) == current
