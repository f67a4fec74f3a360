"""The document metadata is named once: every field travels from a file to the store and back."""

from __future__ import annotations

import json
from datetime import date

from corpuskit.config import IngestConfig
from corpuskit.documents import DOCUMENT_KEYS, METADATA_FIELDS, publication_order, published_date
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


# --- the publication date: one reading of ``published`` for every command ----------------------


def test_published_date_of_a_date_and_a_date_time():
    assert published_date("2024-03-01") == date(2024, 3, 1)
    assert published_date(" 2024-03-01 ") == date(2024, 3, 1)
    assert published_date("2024-03-01T10:00") == date(2024, 3, 1)
    assert published_date("2024-03-01T10:00:00") == date(2024, 3, 1)
    assert published_date("2024-03-01 10:00:00") == date(2024, 3, 1)


def test_published_date_is_the_local_day_as_written():
    # 23:30 in New York is 04:30 on 2 March in UTC; the outlet's day is 1 March.
    assert published_date("2024-03-01T23:30:00-05:00") == date(2024, 3, 1)
    assert published_date("2024-03-02T00:30:00+02:00") == date(2024, 3, 2)  # 1 March in UTC
    assert published_date("2024-03-01T23:30:00Z") == date(2024, 3, 1)
    assert published_date("2024-03-01T23:30:00+00:00") == date(2024, 3, 1)


def test_an_unreadable_published_value_is_an_unknown_date():
    for value in (None, "", "   ", "yesterday", "March 1, 2024", "2024-13-01", "2024-02-30", "0000-01-01", "2024"):
        assert published_date(value) is None, value
        assert publication_order(value, "2024-03-01") is None
        assert publication_order("2024-03-01", value) is None
    # A readable date followed by an unreadable time is that date, without a time.
    assert published_date("2024-03-01Tnoon") == date(2024, 3, 1)
    assert publication_order("2024-03-01Tnoon", "2024-03-01T10:00") == 0
    # The calendar's edge is no error either.
    assert published_date("0001-01-01T00:00:00+05:00") == date(1, 1, 1)


def test_publication_order_of_date_times_compares_moments():
    assert publication_order("2024-03-01T09:00", "2024-03-01T10:00") == -1
    assert publication_order("2024-03-01T10:00", "2024-03-01T09:00") == 1
    assert publication_order("2024-03-01T10:00", "2024-03-01T10:00:00") == 0
    # 09:00 at +01:00 is 08:00 UTC, before 10:00 UTC; a date-time without a zone is UTC.
    assert publication_order("2024-03-05T09:00:00+01:00", "2024-03-05T10:00:00Z") == -1
    assert publication_order("2024-03-05T09:00:00+01:00", "2024-03-05T08:00:00") == 0
    # Across midnight UTC: written on 1 March in New York, but after 02:00 UTC on 2 March.
    assert publication_order("2024-03-01T23:30:00-05:00", "2024-03-02T02:00:00Z") == 1


def test_a_date_only_value_and_a_date_time_of_the_same_day_are_neither_earlier():
    assert publication_order("2024-03-01", "2024-03-01T10:00") == 0
    assert publication_order("2024-03-01T10:00", "2024-03-01") == 0
    assert publication_order("2024-03-01", "2024-03-01T23:30:00-05:00") == 0  # the local day, 1 March
    assert publication_order("2024-03-02", "2024-03-01T23:30:00-05:00") == 1
    assert publication_order("2024-02-29", "2024-03-01T00:10:00+01:00") == -1
    assert publication_order("2024-03-01", "2024-03-02") == -1
    assert publication_order("2024-03-01", "2024-03-01") == 0
