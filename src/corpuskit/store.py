"""The corpus store: one SQLite file. The only module that writes SQL.

Documents point at a shared ``texts`` row, so two files with identical text
are two documents (each with its own path, outlet and date) and one text.
``files`` remembers what each ingested file looked like, so that re-ingesting
an unchanged folder reads nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpuskit.documents import METADATA_FIELDS, Metadata
from corpuskit.errors import BadQuery, NotFound, StoreError

DEFAULT_DB = Path(".corpuskit") / "corpus.db"
BUSY_TIMEOUT_MS = 120_000

# Each entry moves the schema up one version; never edit a released entry. An entry is SQL, or
# the name of a function of this module (``_migration_<name>``) that takes the connection.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE texts (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL
    );
    CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash TEXT NOT NULL,
        reader_key TEXT NOT NULL,
        problems TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        source_key TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        file TEXT REFERENCES files(path) ON DELETE CASCADE,
        record TEXT,
        text_id INTEGER NOT NULL REFERENCES texts(id),
        title TEXT,
        outlet TEXT,
        author TEXT,
        published TEXT,
        url TEXT,
        language TEXT,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_text ON documents(text_id);
    CREATE INDEX documents_file ON documents(file);
    CREATE INDEX documents_path ON documents(path);
    CREATE VIEW document_texts AS
        SELECT d.id AS id, d.title AS title, t.body AS body
        FROM documents d JOIN texts t ON t.id = d.text_id;
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, body, content='document_texts', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, body)
            SELECT new.id, new.title, body FROM texts WHERE id = new.text_id;
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body)
            SELECT 'delete', old.id, old.title, body FROM texts WHERE id = old.text_id;
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text_id ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, body)
            SELECT 'delete', old.id, old.title, body FROM texts WHERE id = old.text_id;
        INSERT INTO documents_fts(rowid, title, body)
            SELECT new.id, new.title, body FROM texts WHERE id = new.text_id;
    END;
    """,
    """
    CREATE TABLE nlp_done (
        text_id INTEGER PRIMARY KEY REFERENCES texts(id) ON DELETE CASCADE,
        pipeline TEXT NOT NULL
    );
    CREATE TABLE mentions (
        text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL
    );
    CREATE INDEX mentions_text ON mentions(text_id);
    CREATE TABLE entity_decisions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        names TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE dupes_signatures (
        text_id INTEGER PRIMARY KEY REFERENCES texts(id) ON DELETE CASCADE,
        settings TEXT NOT NULL,
        signature BLOB NOT NULL
    );
    CREATE TABLE dupes_pairs (
        a INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        inputs TEXT NOT NULL,
        result TEXT,
        PRIMARY KEY (a, b)
    );
    """,
    """
    CREATE TABLE facts (
        text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
        published TEXT NOT NULL,
        version TEXT NOT NULL,
        value BLOB NOT NULL,
        PRIMARY KEY (text_id, published)
    );
    CREATE TABLE analysis_cache (
        name TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        value BLOB NOT NULL
    );
    """,
    """
    CREATE TABLE dupes_sentences (
        text_id INTEGER PRIMARY KEY REFERENCES texts(id) ON DELETE CASCADE,
        settings TEXT NOT NULL,
        hashes BLOB NOT NULL
    );
    """,
    """
    CREATE TABLE parses (
        sentence TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        doc BLOB NOT NULL,
        PRIMARY KEY (sentence, pipeline)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE text_cache (
        text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        value BLOB NOT NULL,
        PRIMARY KEY (text_id, name)
    ) WITHOUT ROWID;
    """,
    "mentions_into_text_cache",  # a function below: packing rows into arrays is not SQL
    "document_warnings",  # a function below: a column is added only where it is missing
    # The analyst's word on report findings, by finding id; kind and summary say what was decided
    # on when the finding is no longer in the report. (IF NOT EXISTS: a store whose version was set
    # back to replay an older migration, as the migration tests do, holds it already.)
    """
    CREATE TABLE IF NOT EXISTS finding_decisions (
        finding TEXT PRIMARY KEY,
        verdict TEXT NOT NULL CHECK (verdict IN ('dismissed', 'confirmed')),
        note TEXT,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


# A document's fields besides its text and where it was read: its metadata and its warning.
_STORED_FIELDS = (*METADATA_FIELDS, "warning")

# Documents whose outlet (or, without one, URL host) groups them for learning boilerplate.
_HAS_OUTLET = "trim(coalesce(d.outlet, '')) != '' OR trim(coalesce(d.url, '')) != ''"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT on ``cursor`` just added (sqlite sets it then)."""
    rowid = cursor.lastrowid
    assert rowid is not None, "no row was inserted"
    return rowid


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    hash: str
    reader_key: str
    problems: str = "[]"  # JSON list of what reading it reported, repeated while it is unchanged


@dataclass
class NewDocument(Metadata):
    """What ingest hands the store for one article."""

    source_key: str
    path: str
    file: str | None
    record: str | None
    text: str
    warning: str | None = None  # why the text may not be the article: the document is flagged


@dataclass
class FileRecord:
    path: str
    state: FileState
    documents: list[NewDocument]
    complete: bool  # False when part of the file was rejected: keep records it no longer yields


def resolve_db_path(db: str | os.PathLike | None) -> Path:
    if db:
        return Path(db)
    env = os.environ.get("CORPUSKIT_DB")
    return Path(env) if env else DEFAULT_DB


class Store:
    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.db = connection
        self.path = path

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, create: bool = True) -> Store:
        path = resolve_db_path(path)
        if not create and not path.exists():
            raise StoreError(f"no corpus at {path}: run 'corpuskit ingest PATH' first (or pass --db)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            connection.row_factory = sqlite3.Row
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            store = cls(connection, path)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable corpuskit store ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc.strerror or exc})") from None
        return store

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer corpuskit (schema {version}); upgrade corpuskit")
        with self.transaction():
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                step = MIGRATIONS[number]
                if step.isidentifier():
                    globals()[f"_migration_{step}"](self.db)
                else:
                    for statement in _split_sql(step):
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; IMMEDIATE takes the write lock up front so two
        writers queue on the busy timeout instead of failing on lock upgrade."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- ingest --------------------------------------------------------------------

    def file_states(self) -> dict[str, FileState]:
        rows = self.db.execute("SELECT path, size, mtime_ns, hash, reader_key, problems FROM files")
        return {r["path"]: FileState(r["size"], r["mtime_ns"], r["hash"], r["reader_key"], r["problems"]) for r in rows}

    def documents_per_file(self) -> dict[str, int]:
        rows = self.db.execute("SELECT file, count(*) FROM documents WHERE file IS NOT NULL GROUP BY file")
        return {file: count for file, count in rows}

    def write_files(
        self, files: Iterable[FileRecord], loose: Iterable[NewDocument] = (), touched: Iterable[FileRecord] = ()
    ) -> dict[str, int]:
        """Write one batch in one transaction; returns counts of added/updated/unchanged/duplicates.

        ``touched`` files kept their bytes but not their size or time: only their state is noted.
        """
        counts = {"added": 0, "updated": 0, "unchanged": 0, "duplicates": 0}
        with self.transaction():
            for record in touched:
                self._upsert_file(record.path, record.state)
            for record in files:
                self._upsert_file(record.path, record.state)
                for document in record.documents:
                    counts[self._upsert_document(document)] += 1
                if record.complete:
                    self._drop_missing_records(record)
            for document in loose:
                counts[self._upsert_document(document)] += 1
        return counts

    def _upsert_file(self, path: str, state: FileState) -> None:
        self.db.execute(
            "INSERT INTO files(path, size, mtime_ns, hash, reader_key, problems) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
            "hash = excluded.hash, reader_key = excluded.reader_key, problems = excluded.problems",
            (path, state.size, state.mtime_ns, state.hash, state.reader_key, state.problems),
        )

    def _upsert_document(self, doc: NewDocument) -> str:
        text_id, text_is_new = self._text_id(doc.text)
        old = self.db.execute("SELECT * FROM documents WHERE source_key = ?", (doc.source_key,)).fetchone()
        values = [*doc.metadata().values(), doc.warning]
        stamp = now()
        if old is None:
            self.db.execute(
                "INSERT INTO documents(source_key, path, file, record, text_id, "
                + ", ".join(_STORED_FIELDS)
                + ", ingested_at, updated_at) VALUES ("
                + ", ".join("?" * (7 + len(_STORED_FIELDS)))
                + ")",
                (doc.source_key, doc.path, doc.file, doc.record, text_id, *values, stamp, stamp),
            )
            return "added" if text_is_new else "duplicates"
        if old["text_id"] == text_id and old["path"] == doc.path and [old[f] for f in _STORED_FIELDS] == values:
            return "unchanged"
        self.db.execute(
            "UPDATE documents SET path = ?, text_id = ?, "
            + ", ".join(f"{f} = ?" for f in _STORED_FIELDS)
            + ", updated_at = ? WHERE id = ?",
            (doc.path, text_id, *values, stamp, old["id"]),
        )
        self._drop_orphan_text(old["text_id"])
        return "updated"

    def _text_id(self, text: str) -> tuple[int, bool]:
        digest = text_hash(text)
        cursor = self.db.execute("INSERT OR IGNORE INTO texts(hash, body) VALUES (?, ?)", (digest, text))
        if cursor.rowcount:
            return _inserted_id(cursor), True
        return self.db.execute("SELECT id FROM texts WHERE hash = ?", (digest,)).fetchone()[0], False

    def _drop_orphan_text(self, text_id: int) -> None:
        self.db.execute(
            "DELETE FROM texts WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE text_id = ?)",
            (text_id, text_id),
        )

    def finish_file(self, path: str, state: FileState, keep: set[str] | None) -> None:
        """Note the state of a file whose documents were written a batch at a time; with ``keep``
        (the file was read whole), its documents that are not in it are gone."""
        with self.transaction():
            self._upsert_file(path, state)
            if keep is not None:
                self._drop_documents_except(path, keep)

    def _drop_missing_records(self, record: FileRecord) -> None:
        """A re-read export that no longer holds a record no longer has that document."""
        self._drop_documents_except(record.path, {d.source_key for d in record.documents})

    def _drop_documents_except(self, path: str, keep: set[str]) -> None:
        rows = self.db.execute("SELECT id, source_key, text_id FROM documents WHERE file = ?", (path,))
        for row in rows.fetchall():
            if row["source_key"] not in keep:
                self._delete_document(row["id"], row["text_id"])

    def _delete_document(self, doc_id: int, text_id: int) -> None:
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self._drop_orphan_text(text_id)

    def prune_files(self, gone: Iterable[str]) -> int:
        """Remove files (and their documents) that no longer exist; returns documents removed."""
        removed = 0
        with self.transaction():
            for path in gone:
                rows = self.db.execute("SELECT id, text_id FROM documents WHERE file = ?", (path,)).fetchall()
                for row in rows:
                    self._delete_document(row["id"], row["text_id"])
                removed += len(rows)
                self.db.execute("DELETE FROM files WHERE path = ?", (path,))
        return removed

    # -- reading -------------------------------------------------------------------

    def count_documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def languages(self) -> set[str | None]:
        """The languages of the corpus's documents (None for a document without one)."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT language FROM documents")}

    def documents(self, limit: int | None = None, offset: int = 0, flagged: bool = False) -> list[dict]:
        return list(self.each_document(limit, offset, flagged))

    def each_document(self, limit: int | None = None, offset: int = 0, flagged: bool = False) -> Iterator[dict]:
        """The documents (without their text) in id order, read one at a time as they are asked for;
        with ``flagged``, only those whose text may not be the article (a warning)."""
        where = " WHERE d.warning IS NOT NULL" if flagged else ""
        rows = self.db.execute(
            _DOCUMENT_SELECT + where + " ORDER BY d.id LIMIT ? OFFSET ?", (limit if limit is not None else -1, offset)
        )
        return (dict(r) for r in rows)

    def each_document_with_text(self) -> Iterator[dict]:
        """Every document with its source key, metadata, warning and text, in id order, streamed."""
        rows = self.db.execute(
            "SELECT d.id, d.source_key, d.path, d.record, "
            + ", ".join(f"d.{name}" for name in METADATA_FIELDS)
            + ", d.warning, t.hash AS content_hash, t.body AS text FROM documents d JOIN texts t ON t.id = d.text_id "
            "ORDER BY d.id"
        )
        return (dict(r) for r in rows)

    def document_facts(self, columns: Sequence[str]) -> Iterator[tuple]:
        """Every document's values of ``columns`` (document fields, or ``content_hash``), streamed."""
        known = {"id", "content_hash", "path", "record", "source_key", *METADATA_FIELDS}
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"not a document column: {', '.join(unknown)}")
        chosen = ", ".join("t.hash" if c == "content_hash" else f"d.{c}" for c in columns)
        return (tuple(r) for r in self.db.execute(f"SELECT {chosen} FROM documents d JOIN texts t ON t.id = d.text_id"))

    def existing_source_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` that are a document's source key in this store."""
        wanted, found = list(keys), set[str]()
        for start in range(0, len(wanted), 900):  # SQLite's limit on bound parameters
            chunk = wanted[start : start + 900]
            rows = self.db.execute(
                f"SELECT source_key FROM documents WHERE source_key IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def text_hashes(self, text_ids: Iterable[int]) -> dict[int, str]:
        """Text id -> content hash, for the ids given."""
        found: dict[int, str] = {}
        ids = list(text_ids)
        for start in range(0, len(ids), 900):  # SQLite's limit on bound parameters
            chunk = ids[start : start + 900]
            rows = self.db.execute(f"SELECT id, hash FROM texts WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((r[0], r[1]) for r in rows)
        return found

    def has_dupes_results(self) -> bool:
        """Whether ``dupes`` has been run on this store: locally it signs every text, on Spark it
        leaves verdicts (a corpus with no candidate pair at all leaves none)."""
        found = "SELECT 1 FROM dupes_signatures UNION ALL SELECT 1 FROM dupes_pairs LIMIT 1"
        return self.db.execute(found).fetchone() is not None

    def document(self, ref: str) -> dict:
        """A document by id, by path as ingested, or by absolute path."""
        row = None
        if ref.isdigit() and int(ref) < 2**63:  # larger numbers are no SQLite id: perhaps a file name
            row = self.db.execute(_DOCUMENT_SELECT + " WHERE d.id = ?", (int(ref),)).fetchone()
        if row is None:
            absolute = os.path.abspath(ref)
            row = self.db.execute(
                _DOCUMENT_SELECT + " WHERE d.path = ? OR d.source_key = ? OR d.file = ? ORDER BY d.id LIMIT 1",
                (ref, absolute, absolute),
            ).fetchone()
        if row is None:
            raise NotFound(f"no document {ref!r} in the corpus (see 'corpuskit docs' for ids and paths)")
        document = dict(row)
        document["text"] = self.db.execute(
            "SELECT t.body FROM documents d JOIN texts t ON t.id = d.text_id WHERE d.id = ?", (document["id"],)
        ).fetchone()[0]
        return document

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search; the query is FTS5 syntax, falling back to plain words.

        A top-level ``-word`` (or ``-"a phrase"``) excludes documents holding it,
        as in web search; FTS5 itself has only a binary NOT. A query with
        nothing to look for (empty, or only operators such as ``*``) is a
        ``BadQuery``, not a silent empty result. Snippets mark each match with
        the control characters STX … ETX, for the renderers to show as they see fit.
        """
        include, exclude = _split_query(query)
        if not include and not exclude:
            raise BadQuery(f'nothing to search for in {query!r}: give words, a "phrase", a prefix* or -word to exclude')
        if not include:
            return self._documents_without(exclude, limit)
        sql = (
            "SELECT d.id, d.path, d.title, d.outlet, d.published, "
            "snippet(documents_fts, 1, char(2), char(3), '…', 16) AS snippet, bm25(documents_fts) AS rank "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (_fts_query(include, exclude, literal=False), limit)).fetchall()
        except sqlite3.OperationalError:
            rows = self.db.execute(sql, (_fts_query(include, exclude, literal=True), limit)).fetchall()
        return [dict(r) for r in rows]

    def _documents_without(self, exclude: list[str], limit: int) -> list[dict]:
        """Documents holding none of ``exclude``, in id order, the start of the text as snippet."""
        sql = (
            "SELECT d.id, d.path, d.title, d.outlet, d.published, "
            "substr(t.body, 1, 120) || '…' AS snippet, 0.0 AS rank "
            "FROM documents d JOIN texts t ON t.id = d.text_id "
            "WHERE d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) ORDER BY d.id LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (_fts_any(exclude, literal=False), limit)).fetchall()
        except sqlite3.OperationalError:
            rows = self.db.execute(sql, (_fts_any(exclude, literal=True), limit)).fetchall()
        return [dict(r) for r in rows]

    def contains_phrase(self, phrase: str) -> bool:
        """Whether some document's title or text holds ``phrase`` (case and diacritics folded)."""
        words = _quote_words(phrase)
        if not words:
            return False
        match = '"' + phrase.replace('"', '""') + '"'
        return (
            self.db.execute("SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1", (match,)).fetchone()
            is not None
        )

    # -- name mentions (cache of the NLP stage) ----------------------------------------

    def texts_for_names(self) -> Iterator[tuple[int, frozenset[str | None], str | None]]:
        """(text id, the languages of its documents, key its names are cached under or None) of
        every text, by id."""
        rows = self.db.execute(
            "SELECT t.id, (SELECT json_group_array(DISTINCT d.language) FROM documents d WHERE d.text_id = t.id), "
            "c.key FROM texts t LEFT JOIN text_cache c ON c.text_id = t.id AND c.name = ? ORDER BY t.id",
            (MENTIONS,),
        )
        return ((text_id, frozenset(json.loads(languages)), key) for text_id, languages, key in rows)

    def _texts_not_keyed(self, table: str, key_column: str, key: str) -> list[int]:
        """Ids of the texts whose row in a per-text cache ``table`` is missing or made under
        another key (``table`` and ``key_column`` are this module's own names, never input)."""
        rows = self.db.execute(
            f"SELECT t.id FROM texts t LEFT JOIN {table} c ON c.text_id = t.id "
            f"WHERE c.{key_column} IS NULL OR c.{key_column} != ? ORDER BY t.id",
            (key,),
        )
        return [r[0] for r in rows]

    def mention_counts(self, pipeline: str) -> dict[str, int]:
        """How much of the corpus this pipeline has read: ``texts`` and ``documents`` analysed
        (with or without names found), of ``all_texts`` texts of ``characters`` characters."""
        texts, documents = self.db.execute(
            "SELECT (SELECT count(*) FROM text_cache WHERE name = ? AND key = ?), "
            "(SELECT count(*) FROM documents d JOIN text_cache c ON c.text_id = d.text_id "
            "WHERE c.name = ? AND c.key = ?)",
            (MENTIONS, pipeline, MENTIONS, pipeline),
        ).fetchone()
        all_texts, characters = self.db.execute("SELECT count(*), coalesce(sum(length(body)), 0) FROM texts").fetchone()
        return {"texts": texts, "documents": documents, "all_texts": all_texts, "characters": characters}

    def all_text_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM texts ORDER BY id")]

    def text_bodies(self, text_ids: list[int]) -> Iterator[tuple[int, str]]:
        for start in range(0, len(text_ids), 500):
            chunk = text_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"SELECT id, body FROM texts WHERE id IN ({marks}) ORDER BY id", chunk)

    def save_mentions(self, pipeline: str, found: Iterable[tuple[int, list]]) -> None:
        """Replace the mentions of each text (objects with ``start``, ``end``, ``label``,
        ``sentence_start`` and ``sentence_end``), in one transaction, and mark it done."""
        self.save_text_analyses(
            MENTIONS,
            pipeline,
            (
                (
                    text_id,
                    pack_mentions([(m.start, m.end, m.label, m.sentence_start, m.sentence_end) for m in mentions]),
                )
                for text_id, mentions in found
            ),
        )

    def document_mentions(self, documents: Iterable[int] | None = None) -> Iterator[tuple]:
        """(document id, start, end, label, sentence_start, sentence_end, text id) for every document,
        or for the ``documents`` given (ids), by document then start."""
        select = (
            "SELECT d.id, c.text_id, c.value FROM documents d JOIN text_cache c ON c.text_id = d.text_id "
            "WHERE c.name = ?"
        )
        if documents is None:
            chunks: Iterable = [self.db.execute(select + " ORDER BY d.id", (MENTIONS,))]
        else:
            ids = sorted(set(documents))
            chunks = (
                self.db.execute(
                    f"{select} AND d.id IN ({','.join('?' * len(ids[i : i + 500]))}) ORDER BY d.id",
                    (MENTIONS, *ids[i : i + 500]),
                )
                for i in range(0, len(ids), 500)
            )
        for rows in chunks:
            for document, text_id, blob in rows:
                for start, end, label, sentence_start, sentence_end in unpack_mentions(blob):
                    yield document, start, end, label, sentence_start, sentence_end, text_id

    def text_ids_of_documents(self) -> dict[int, int]:
        return dict(self.db.execute("SELECT id, text_id FROM documents"))

    # -- duplicate detection caches -----------------------------------------------------

    def texts_without_signature(self, settings: str) -> list[int]:
        return self._texts_not_keyed("dupes_signatures", "settings", settings)

    def save_signatures(self, settings: str, signatures: Iterable[tuple[int, bytes]]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT INTO dupes_signatures(text_id, settings, signature) VALUES (?, ?, ?) "
                "ON CONFLICT(text_id) DO UPDATE SET settings = excluded.settings, signature = excluded.signature",
                [(text_id, settings, blob) for text_id, blob in signatures],
            )

    def signatures(self, settings: str) -> dict[int, bytes]:
        """Stored signatures by text id."""
        rows = self.db.execute("SELECT text_id, signature FROM dupes_signatures WHERE settings = ?", (settings,))
        return dict(rows)

    def document_signatures(self, settings: str) -> Iterator[tuple[int, bytes]]:
        """(document id, stored signature) in id order, streamed: documents without one are left out."""
        return self.db.execute(
            "SELECT d.id, s.signature FROM documents d JOIN dupes_signatures s ON s.text_id = d.text_id "
            "WHERE s.settings = ? ORDER BY d.id",
            (settings,),
        )

    def signature_anchor_room(self, settings: str) -> int:
        """An upper bound of the 32-bit anchors in the documents' stored signatures (for preallocation)."""
        row = self.db.execute(
            "SELECT coalesce(sum(length(s.signature) - 16), 0) / 4 FROM documents d "
            "JOIN dupes_signatures s ON s.text_id = d.text_id WHERE s.settings = ?",
            (settings,),
        ).fetchone()
        return int(row[0])

    def parses(self, pipeline: str, sentences: Sequence[str]) -> dict[str, bytes]:
        """Stored parses (``facts.grammar``) of the sentences with these keys, by key."""
        found: dict[str, bytes] = {}
        for start in range(0, len(sentences), 500):  # SQLite bounds the parameters of one query
            chunk = sentences[start : start + 500]
            rows = self.db.execute(
                f"SELECT sentence, doc FROM parses WHERE pipeline = ? AND sentence IN ({','.join('?' * len(chunk))})",
                (pipeline, *chunk),
            )
            found.update(rows)
        return found

    def drop_parses_except(self, pipeline: str) -> None:
        """Forget the parses of every other pipeline (an older model or parser code): they are
        never read again, and would otherwise grow the store with every upgrade."""
        with self.transaction():
            self.db.execute("DELETE FROM parses WHERE pipeline != ?", (pipeline,))

    def save_parses(self, pipeline: str, parses: Iterable[tuple[str, bytes]]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO parses(sentence, pipeline, doc) VALUES (?, ?, ?)",
                [(sentence, pipeline, doc) for sentence, doc in parses],
            )

    def texts_without_sentence_hashes(self, key: str) -> list[int]:
        """Texts of documents with an outlet or a URL (whose boilerplate is learnt) and no
        sentence hashes made under ``key``."""
        rows = self.db.execute(
            "SELECT t.id FROM texts t LEFT JOIN dupes_sentences c ON c.text_id = t.id "
            "WHERE (c.settings IS NULL OR c.settings != ?) AND EXISTS (SELECT 1 FROM documents d "
            f"WHERE d.text_id = t.id AND ({_HAS_OUTLET})) ORDER BY t.id",
            (key,),
        )
        return [r[0] for r in rows]

    def save_sentence_hashes(self, key: str, found: Iterable[tuple[int, bytes]]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT INTO dupes_sentences(text_id, settings, hashes) VALUES (?, ?, ?) "
                "ON CONFLICT(text_id) DO UPDATE SET settings = excluded.settings, hashes = excluded.hashes",
                [(text_id, key, blob) for text_id, blob in found],
            )

    def document_sentence_hashes(self, key: str) -> Iterator[tuple[int, str | None, str | None, bytes]]:
        """(document id, outlet, url, stored sentence hashes) of the documents with an outlet or
        a URL and hashes made under ``key``, in id order, streamed."""
        return self.db.execute(
            "SELECT d.id, d.outlet, d.url, s.hashes FROM documents d JOIN dupes_sentences s ON s.text_id = d.text_id "
            f"WHERE s.settings = ? AND ({_HAS_OUTLET}) ORDER BY d.id",
            (key,),
        )

    def dupes_facts(self) -> dict[int, tuple[str, str | None, str | None]]:
        """Document id -> (content hash, published, outlet): what a pair verdict depends on besides settings."""
        rows = self.db.execute(
            "SELECT d.id, t.hash, d.published, d.outlet FROM documents d JOIN texts t ON t.id = d.text_id"
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def cached_pair_inputs(self) -> dict[tuple[int, int], str]:
        """(a, b) -> fingerprint of what was compared, without the (larger) results."""
        return {(r[0], r[1]): r[2] for r in self.db.execute("SELECT a, b, inputs FROM dupes_pairs")}

    def cached_linked_results(self) -> Iterator[tuple[int, int, str, str]]:
        """(a, b, fingerprint, result JSON) of every cached pair that was linked, streamed."""
        return self.db.execute("SELECT a, b, inputs, result FROM dupes_pairs WHERE result IS NOT NULL ORDER BY a, b")

    def save_pairs(self, pairs: Iterable[tuple[int, int, str, str | None]]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT INTO dupes_pairs(a, b, inputs, result) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(a, b) DO UPDATE SET inputs = excluded.inputs, result = excluded.result",
                list(pairs),
            )

    def document_texts(self, ids: Iterable[int]) -> dict[int, str]:
        """The texts of some documents, by document id."""
        ids = list(ids)
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(
                    f"SELECT d.id, t.body FROM documents d JOIN texts t ON t.id = d.text_id WHERE d.id IN ({marks})",
                    chunk,
                )
            )
        return found

    # -- facts (cache of the facts stage, per text and publication date) ----------------

    def cached_facts(self, key: str) -> dict[tuple[int, str], bytes]:
        """(text id, publication date or "") -> stored facts made under this cache key (the column
        is named ``version`` from before keys covered the code)."""
        rows = self.db.execute("SELECT text_id, published, value FROM facts WHERE version = ?", (key,))
        return {(r[0], r[1]): r[2] for r in rows}

    def save_facts(self, key: str, found: Iterable[tuple[int, str, bytes]]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT INTO facts(text_id, published, version, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(text_id, published) DO UPDATE SET version = excluded.version, value = excluded.value",
                [(text_id, published, key, value) for text_id, published, value in found],
            )

    # -- per-text analyses (named; each valid under its key) ----------------------------

    def texts_without_cached(self, name: str, key: str) -> list[int]:
        """Ids of the texts with no ``name`` analysis made under ``key``."""
        rows = self.db.execute(
            "SELECT t.id FROM texts t LEFT JOIN text_cache c ON c.text_id = t.id AND c.name = ? "
            "WHERE c.key IS NULL OR c.key != ? ORDER BY t.id",
            (name, key),
        )
        return [r[0] for r in rows]

    def save_text_analyses(self, name: str, key: str, found: Iterable[tuple[int, bytes]]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT INTO text_cache(text_id, name, key, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(text_id, name) DO UPDATE SET key = excluded.key, value = excluded.value",
                [(text_id, name, key, value) for text_id, value in found],
            )

    def document_text_analyses(self, name: str, key: str) -> Iterator[tuple[int, bytes]]:
        """(document id, stored ``name`` analysis of its text made under ``key``), streamed."""
        return self.db.execute(
            "SELECT d.id, c.value FROM documents d JOIN text_cache c ON c.text_id = d.text_id "
            "WHERE c.name = ? AND c.key = ?",
            (name, key),
        )

    # -- whole-corpus analysis results (entity resolution), valid for one fingerprint ----

    def corpus_fingerprint(self) -> str:
        """Changes whenever a document is added or removed, or its text or any field of it changes,
        its warning included (a text by its hash: a row id can be used again once its text is gone)."""
        digest = hashlib.sha1()
        for row in self.db.execute(
            "SELECT d.id, t.hash, d.path, d.record, d.title, d.outlet, d.author, d.published, d.url, d.language, "
            "d.warning "
            "FROM documents d JOIN texts t ON t.id = d.text_id ORDER BY d.id"
        ):
            digest.update("\x00".join("" if value is None else str(value) for value in row).encode() + b"\x01")
        return digest.hexdigest()

    def cached_analysis(self, name: str, fingerprint: str) -> bytes | None:
        row = self.db.execute(
            "SELECT value FROM analysis_cache WHERE name = ? AND fingerprint = ?", (name, fingerprint)
        ).fetchone()
        return row[0] if row else None

    def save_analysis(self, name: str, fingerprint: str, value: bytes) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO analysis_cache(name, fingerprint, value) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET fingerprint = excluded.fingerprint, value = excluded.value",
                (name, fingerprint, value),
            )

    # -- analyst decisions ----------------------------------------------------------------

    def add_entity_decision(self, kind: str, names: list[str]) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO entity_decisions(kind, names, created_at) VALUES (?, ?, ?)",
                (kind, json.dumps(names, ensure_ascii=False), now()),
            )
        return _inserted_id(cursor)

    def entity_decisions(self) -> list[dict]:
        rows = self.db.execute("SELECT id, kind, names, created_at FROM entity_decisions ORDER BY id")
        return [
            {"id": r["id"], "kind": r["kind"], "names": json.loads(r["names"]), "created_at": r["created_at"]}
            for r in rows
        ]

    def remove_entity_decision(self, decision_id: int) -> bool:
        with self.transaction():
            return self.db.execute("DELETE FROM entity_decisions WHERE id = ?", (decision_id,)).rowcount > 0

    def decide_finding(
        self, finding: str, verdict: str, by: str, note: str | None, kind: str, summary: str
    ) -> str | None:
        """Record the analyst's verdict on a finding (replacing an earlier one); the earlier verdict, if any."""
        with self.transaction():
            row = self.db.execute("SELECT verdict FROM finding_decisions WHERE finding = ?", (finding,)).fetchone()
            self.db.execute(
                "INSERT INTO finding_decisions(finding, verdict, note, decided_by, decided_at, kind, summary) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(finding) DO UPDATE SET verdict = excluded.verdict, "
                "note = excluded.note, decided_by = excluded.decided_by, decided_at = excluded.decided_at, "
                "kind = excluded.kind, summary = excluded.summary",
                (finding, verdict, note, by, now(), kind, summary),
            )
        return row[0] if row else None

    def finding_decisions(self) -> list[dict]:
        """Every recorded verdict on a finding, oldest first."""
        rows = self.db.execute(
            "SELECT finding, verdict, decided_by, decided_at, note, kind, summary FROM finding_decisions "
            "ORDER BY decided_at, finding"
        )
        return [
            {
                "finding": r["finding"],
                "verdict": r["verdict"],
                "by": r["decided_by"],
                "at": r["decided_at"],
                "note": r["note"],
                "kind": r["kind"],
                "summary": r["summary"],
            }
            for r in rows
        ]

    def forget_finding_decision(self, finding: str) -> str | None:
        """Remove the verdict on a finding; the verdict it was, or None when there was none."""
        with self.transaction():
            row = self.db.execute("SELECT verdict FROM finding_decisions WHERE finding = ?", (finding,)).fetchone()
            self.db.execute("DELETE FROM finding_decisions WHERE finding = ?", (finding,))
        return row[0] if row else None

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_DOCUMENT_SELECT = (
    "SELECT d.id, d.path, d.record, d.title, d.outlet, d.author, d.published, d.url, d.language, "
    "d.warning, d.ingested_at, d.updated_at, t.hash AS content_hash, length(t.body) AS characters, "
    "(SELECT min(o.id) FROM documents o WHERE o.text_id = d.text_id AND o.id < d.id) AS duplicate_of "
    "FROM documents d JOIN texts t ON t.id = d.text_id"
)


def _quote_words(query: str) -> str:
    """Plain words for FTS5: each quoted, so punctuation cannot be read as syntax; a piece
    without a letter or digit is dropped, since it can match nothing."""
    words = [w.replace('"', '""') for w in query.split() if _WORD.search(w)]
    return " ".join(f'"{w}"' for w in words)


_WORD = re.compile(r"\w")
_QUERY_TOKEN = re.compile(r'-?"[^"]*"?|[^\s]+')


def _split_query(query: str) -> tuple[list[str], list[str]]:
    """The pieces of a query to find, and the ``-word`` pieces to exclude (outside parentheses only)."""
    include: list[str] = []
    exclude: list[str] = []
    depth = 0
    for token in _QUERY_TOKEN.findall(query):
        if depth == 0 and token.startswith("-") and len(token) > 1:
            if _WORD.search(token):
                exclude.append(token[1:])
            continue
        if not token.startswith('"'):
            depth = max(0, depth + token.count("(") - token.count(")"))
        include.append(token)
    if not any(_WORD.search(t) for t in include):
        include = []
    return include, exclude


def _fts_any(pieces: list[str], literal: bool) -> str:
    return " OR ".join(f"({_quote_words(p) if literal else p})" for p in pieces)


def _fts_query(include: list[str], exclude: list[str], literal: bool) -> str:
    joined = " ".join(include)
    positive = _quote_words(joined) if literal else joined
    if not exclude:
        return positive
    return f"({positive}) NOT ({_fts_any(exclude, literal)})"


def _split_sql(script: str) -> list[str]:
    """Statements of a migration; triggers hold semicolons inside BEGIN … END."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements


MENTIONS = "mentions"  # the per-text analysis holding a text's name mentions (a pipeline's key)


def pack_mentions(rows: Sequence[tuple[int, int, str, int, int]]) -> bytes:
    """A text's mentions (start, end, label, sentence start, sentence end) as arrays, not rows:
    the labels once (a JSON list: a model's labels are any strings), then one row of five
    little-endian 32-bit numbers a mention (the label by its place in that list), sorted by start."""
    labels = list(dict.fromkeys(label for _, _, label, _, _ in rows))
    number = {label: i for i, label in enumerate(labels)}
    ordered = sorted(rows, key=lambda row: row[0])
    table = np.array([(s, e, number[label], ss, se) for s, e, label, ss, se in ordered], dtype="<i4").reshape(-1, 5)
    names = json.dumps(labels, ensure_ascii=False).encode()
    return np.array([len(names)], dtype="<u4").tobytes() + names + table.tobytes()


def unpack_mentions(blob: bytes) -> list[tuple[int, int, str, int, int]]:
    size = int(np.frombuffer(blob, dtype="<u4", count=1)[0])
    labels = json.loads(blob[4 : 4 + size])
    table = np.frombuffer(blob, dtype="<i4", offset=4 + size).reshape(-1, 5).tolist()
    return [(s, e, labels[label], ss, se) for s, e, label, ss, se in table]


def _migration_document_warnings(db: sqlite3.Connection) -> None:
    """Each document's warning: why the text read from its file may not be its article
    (``ingest.quality``), or NULL."""
    if "warning" not in {row[1] for row in db.execute("PRAGMA table_info(documents)")}:
        db.execute("ALTER TABLE documents ADD COLUMN warning TEXT")


def _migration_mentions_into_text_cache(db: sqlite3.Connection) -> None:
    """Schema 8: each text's mentions from one row a mention (``mentions``, ``nlp_done``) into one
    packed value in ``text_cache``; no mention is lost, and no text is read again (rows of a text
    that is gone, left by deleting with foreign keys off, are dropped with their tables)."""
    rows = db.execute(
        "SELECT n.text_id, n.pipeline, m.start, m.end, m.label, m.sentence_start, m.sentence_end "
        "FROM nlp_done n JOIN texts t ON t.id = n.text_id LEFT JOIN mentions m ON m.text_id = n.text_id "
        "ORDER BY n.text_id, m.start, m.rowid"
    )
    for (text_id, pipeline), group in itertools.groupby(rows, key=lambda row: (row[0], row[1])):
        found = [tuple(row[2:]) for row in group if row[2] is not None]
        db.execute(
            "INSERT INTO text_cache(text_id, name, key, value) VALUES (?, ?, ?, ?)",
            (text_id, MENTIONS, pipeline, pack_mentions(found)),
        )
    db.execute("DROP TABLE mentions")
    db.execute("DROP TABLE nlp_done")
