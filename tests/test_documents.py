"""The document metadata is named once: every field travels from a file to the store and back."""

from __future__ import annotations

import json

from corpuskit.config import IngestConfig
from corpuskit.documents import DOCUMENT_KEYS, METADATA_FIELDS
from corpuskit.ingest.article import Article
from corpuskit.ingest.pipeline import ingest_paths
from corpuskit.store import NewDocument, Store

VALUES = {
    "title": "A title",
    "outlet": "An Outlet",
    "author": "A. Writer",
    "published": "2024-03-05",
    "url": "https://example.org/a",
    "language": "de",
}


def test_the_store_has_a_column_for_every_field(tmp_path):
    store = Store.open(tmp_path / "c.db")
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(documents)")}
    store.close()
    assert set(METADATA_FIELDS) <= columns
    assert set(DOCUMENT_KEYS) <= columns


def test_articles_and_new_documents_carry_the_same_metadata():
    article = Article(text="Body.", **VALUES)
    document = NewDocument("key", "path", None, None, "Body.", **article.metadata())
    assert article.metadata() == document.metadata() == VALUES


def test_every_field_of_a_record_reaches_the_store(tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"text": "Some body text of the article.", **VALUES}) + "\n", encoding="utf-8")
    store = Store.open(tmp_path / "c.db")
    ingest_paths(store, [str(source)], IngestConfig())
    [row] = store.documents()
    assert {name: row[name] for name in METADATA_FIELDS} == VALUES
    assert set(DOCUMENT_KEYS) <= set(row)
    store.close()
