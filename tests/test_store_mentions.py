"""Name mentions kept as one packed value a text, and stores that kept them one row a mention."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.store import MENTIONS, MIGRATIONS, SCHEMA_VERSION, NewDocument, Store, pack_mentions, unpack_mentions

LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]) | st.text(min_size=1)
NUMBER = st.integers(0, 2**31 - 1)


def mention(start, end, label, sentence_start=0, sentence_end=100):
    return SimpleNamespace(start=start, end=end, label=label, sentence_start=sentence_start, sentence_end=sentence_end)


@given(st.lists(st.tuples(NUMBER, NUMBER, LABELS, NUMBER, NUMBER)))
def test_mentions_round_trip_sorted_by_start_with_ties_in_the_order_given(rows):
    assert unpack_mentions(pack_mentions(rows)) == sorted(rows, key=lambda row: row[0])


def _store_with_texts(path, texts: dict[str, str]) -> Store:
    store = Store.open(path)
    store.write_files([], [NewDocument(source_key=k, path=k, file=None, record=None, text=t) for k, t in texts.items()])
    return store


def test_saved_mentions_come_back_by_document_then_start_and_count_as_read(tmp_path):
    store = _store_with_texts(tmp_path / "c.db", {"a": "Anna Petrov met Boris in Oslo.", "b": "Nothing named."})
    docs = {d["path"]: d["id"] for d in store.documents()}
    ids = {path: store.text_ids_of_documents()[document] for path, document in docs.items()}
    store.save_mentions("p1", [(ids["a"], [mention(25, 29, "GPE"), mention(0, 11, "PERSON")]), (ids["b"], [])])
    assert list(store.document_mentions()) == [
        (docs["a"], 0, 11, "PERSON", 0, 100, ids["a"]),
        (docs["a"], 25, 29, "GPE", 0, 100, ids["a"]),
    ]
    assert list(store.document_mentions([docs["b"]])) == []
    assert store.mention_counts("p1")["texts"] == 2 and store.mention_counts("p2")["texts"] == 0
    assert [row[2] for row in store.texts_for_names()] == ["p1", "p1"]
    store.save_mentions("p2", [(ids["a"], [mention(16, 21, "PERSON")])])  # another model replaces them
    assert [row[1:4] for row in store.document_mentions()] == [(16, 21, "PERSON")]
    store.close()


def _old_store(path, drop_text_cache: bool):
    """A store as schema 7 (or 6, without ``text_cache``) left it: one row a mention."""
    store = _store_with_texts(path, {"a": "Anna Petrov met Boris in Oslo.", "b": "Nothing named.", "c": "Oslo again."})
    text = {d["path"]: store.text_ids_of_documents()[d["id"]] for d in store.documents()}
    made = MIGRATIONS[1]
    store.db.executescript(made[made.index("CREATE TABLE nlp_done") : made.index("CREATE TABLE entity_decisions")])
    rows = [
        (text["a"], 25, 29, "GPE", 0, 30),
        (text["a"], 0, 11, "PERSON", 0, 30),
        (text["a"], 16, 21, "PERSON", 0, 30),
    ]
    store.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)
    store.db.executemany("INSERT INTO nlp_done VALUES (?, ?)", [(text["a"], "p1"), (text["b"], "p1")])
    version = MIGRATIONS.index("mentions_into_text_cache")
    if drop_text_cache:
        store.db.execute("DROP TABLE text_cache")
        version -= 1
    store.db.execute(f"PRAGMA user_version = {version}")
    return store, text, rows


@pytest.mark.parametrize("drop_text_cache", [False, True], ids=["from schema 7", "from schema 6"])
def test_a_store_that_kept_a_row_a_mention_is_migrated_without_losing_one(tmp_path, drop_text_cache):
    path = tmp_path / "old.db"
    store, text, old_rows = _old_store(path, drop_text_cache)
    store.close()

    store = Store.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {"mentions", "nlp_done"} & tables
    assert [row[1:6] for row in store.document_mentions()] == [
        tuple(r[1:]) for r in sorted(old_rows, key=lambda r: r[1])
    ]
    # Text b was read and had no names: still read. Text c was never read: still to read.
    assert [(text_id, key) for text_id, _, key in store.texts_for_names()] == [
        (text["a"], "p1"),
        (text["b"], "p1"),
        (text["c"], None),
    ]
    assert store.db.execute("SELECT count(*) FROM text_cache WHERE name = ?", (MENTIONS,)).fetchone()[0] == 2
    store.close()


def test_rows_of_a_text_that_is_gone_do_not_stop_the_migration(tmp_path):
    path = tmp_path / "old.db"
    store, text, old_rows = _old_store(path, drop_text_cache=False)
    gone = max(text.values()) + 100  # as a deletion with foreign keys off leaves them
    store.db.execute("PRAGMA foreign_keys = OFF")
    store.db.execute("INSERT INTO nlp_done VALUES (?, 'p1')", (gone,))
    store.db.execute("INSERT INTO mentions VALUES (?, 0, 4, 'ORG', 0, 10)", (gone,))
    store.close()

    store = Store.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert len(list(store.document_mentions())) == len(old_rows)
    store.close()
