import sqlite3

import pytest

from corpuskit.errors import NotFound, StoreError
from corpuskit.store import MIGRATIONS, SCHEMA_VERSION, FileRecord, FileState, NewDocument, Store

# The migration that added the analyst's decisions on report findings.
FINDING_DECISIONS = next(m for m in MIGRATIONS if "CREATE TABLE IF NOT EXISTS finding_decisions" in m)


def doc(key: str, text: str, **meta) -> NewDocument:
    return NewDocument(source_key=key, path=key, file=None, record=None, text=text, **meta)


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "c.db")
    yield s
    s.close()


def test_new_store_is_versioned_and_in_wal_mode(store):
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_ok()


def test_reopening_does_not_migrate_again(tmp_path):
    Store.open(tmp_path / "c.db").write_files([], [doc("a", "Alpha text")])
    again = Store.open(tmp_path / "c.db")
    assert again.count_documents() == 1


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "c.db"
    Store.open(path).db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer corpuskit"):
        Store.open(path)


def test_a_store_of_the_schema_before_finding_decisions_upgrades_and_keeps_everything(tmp_path):
    path = tmp_path / "c.db"
    old = Store.open(path)
    old.write_files([], [doc("a", "Alpha text"), doc("b", "Beta text")])
    merge = old.add_entity_decision("merge", ["Anna Smith", "A. Smith"])
    old.save_analysis("report", "a key", b"a kept report")
    old.db.execute("DROP TABLE finding_decisions")  # as the schema before it left a store
    old.db.execute(f"PRAGMA user_version = {MIGRATIONS.index(FINDING_DECISIONS)}")
    old.close()

    store = Store.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [d["path"] for d in store.documents()] == ["a", "b"]
    assert [d["id"] for d in store.entity_decisions()] == [merge]
    assert store.cached_analysis("report", "a key") == b"a kept report"
    assert store.finding_decisions() == []
    assert store.decide_finding("0a1b2c3d4e5f", "dismissed", "ana", None, "name_variant", "A finding.") is None
    assert [d["verdict"] for d in store.finding_decisions()] == ["dismissed"]
    assert store.integrity_ok()


def test_a_finding_decision_is_one_of_two_verdicts_and_one_a_finding(store):
    assert store.decide_finding("f1", "confirmed", "ana", "checked", "attribution", "One.") is None
    assert store.decide_finding("f1", "dismissed", "bo", None, "attribution", "One.") == "confirmed"
    assert [(d["finding"], d["verdict"], d["by"], d["note"]) for d in store.finding_decisions()] == [
        ("f1", "dismissed", "bo", None)
    ]
    with pytest.raises(sqlite3.IntegrityError):
        store.decide_finding("f2", "maybe", "ana", None, "attribution", "Two.")
    assert store.forget_finding_decision("f1") == "dismissed"
    assert store.forget_finding_decision("f1") is None
    assert store.finding_decisions() == []


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "c.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable corpuskit store"):
        Store.open(path)


def test_missing_store_for_reading(tmp_path):
    with pytest.raises(StoreError, match="run 'corpuskit ingest PATH' first"):
        Store.open(tmp_path / "none.db", create=False)


def test_identical_texts_share_one_stored_text(store):
    counts = store.write_files([], [doc("a", "Same words here", outlet="A"), doc("b", "Same words here", outlet="B")])
    assert counts == {"added": 1, "updated": 0, "unchanged": 0, "duplicates": 1}
    assert store.db.execute("SELECT count(*) FROM texts").fetchone()[0] == 1
    docs = store.documents()
    assert [d["outlet"] for d in docs] == ["A", "B"]
    assert docs[1]["duplicate_of"] == docs[0]["id"]


def test_update_replaces_text_and_search_index(store):
    store.write_files([], [doc("a", "The old harbour story", title="Old")])
    assert store.write_files([], [doc("a", "A new mountain story", title="New")])["updated"] == 1
    assert store.search("harbour") == []
    assert [r["title"] for r in store.search("mountain")] == ["New"]
    assert store.db.execute("SELECT count(*) FROM texts").fetchone()[0] == 1  # the old text is gone


def test_search_snippets_and_plain_word_fallback(store):
    store.write_files([], [doc("a", "Prisoners were sent to the front line from the colony.", title="T")])
    [hit] = store.search("colony")
    assert "\x02colony\x03" in hit["snippet"]
    assert store.search('front "line')[0]["id"] == hit["id"]  # unbalanced quote: read as plain words


def test_search_folds_diacritics(store):
    store.write_files([], [doc("a", "A café in Zürich.")])
    assert len(store.search("zurich")) == 1


def test_document_by_id_or_path(store):
    store.write_files([], [doc("a", "Text one"), doc("b", "Text two")])
    assert store.document("2")["text"] == "Text two"
    assert store.document("a")["text"] == "Text one"
    with pytest.raises(NotFound):
        store.document("99")


def test_records_missing_from_a_reread_export_are_removed(store):
    state = FileState(1, 1, "h", "k")
    two = [NewDocument("f#1", "f", "/f", "1", "First record"), NewDocument("f#2", "f", "/f", "2", "Second record")]
    store.write_files([FileRecord("/f", state, two, complete=True)])
    store.write_files([FileRecord("/f", state, two[:1], complete=True)])
    assert [d["record"] for d in store.documents()] == ["1"]


def test_prune_removes_documents_and_orphan_texts(store):
    store.write_files(
        [FileRecord("/f", FileState(1, 1, "h", "k"), [NewDocument("/f", "f", "/f", None, "Gone text")], True)]
    )
    assert store.prune_files(["/f"]) == 1
    assert store.count_documents() == 0
    assert store.db.execute("SELECT count(*) FROM texts").fetchone()[0] == 0
    assert store.search("gone") == []


def test_failed_batch_leaves_nothing_behind(store):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction():
        store.db.execute("INSERT INTO texts(hash, body) VALUES ('x', 'y')")
        raise Boom
    assert store.db.execute("SELECT count(*) FROM texts").fetchone()[0] == 0


def test_busy_timeout_is_set(store):
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 30_000
    assert isinstance(store.db, sqlite3.Connection)
