"""Parquet: another tool's export of news read by the field settings, a batch of rows at a time,
and bad files rejected in one line; the files are made here with pyarrow."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpuskit.ingest import parquet, pipeline
from corpuskit.store import Store

LONG = "The council said on Monday that {n} families had left the valley after the flood. " * 3


def news_table(rows: int = 4) -> pa.Table:
    return pa.table(
        {
            "article_id": [f"n{i}" for i in range(rows)],
            "headline": [f"Story {i}" for i in range(rows)],
            "content": [LONG.format(n=100 + i) for i in range(rows)],
            "publish_date": [dt.datetime(2024, 3, 1 + i, 9, 30) for i in range(rows)],
            "authors": [["Ann Lee", "Bo Park"]] + [[] for _ in range(rows - 1)],
            "source": ["Valley Post"] * rows,
            "views": list(range(rows)),
        }
    )


def documents(cli) -> list[dict]:
    return cli.json("docs")["documents"]


def test_a_news_export_is_read_by_the_field_settings(cli, tmp_path):
    pq.write_table(news_table(), tmp_path / "news.parquet")
    result = cli("ingest", "news.parquet")
    assert result.exit_code == 0, result.stderr
    found = documents(cli)
    assert [d["record"] for d in found] == ["n0", "n1", "n2", "n3"]
    first = found[0]
    assert (first["title"], first["outlet"], first["author"]) == ("Story 0", "Valley Post", "Ann Lee, Bo Park")
    assert first["published"] == "2024-03-01T09:30:00"
    assert first["path"] == "news.parquet"
    store = Store.open(cli.db, create=False)
    assert store.document("1")["text"] == LONG.format(n=100).strip()


def test_a_column_named_in_the_settings_is_the_text(cli, tmp_path):
    table = pa.table({"story": [LONG.format(n=7)], "headline": ["Flood"]})
    pq.write_table(table, tmp_path / "custom.parquet")
    assert cli("ingest", "custom.parquet").exit_code == 1  # no column the default settings know
    (tmp_path / "corpuskit.yaml").write_text("ingest:\n  fields:\n    text: [story]\n")
    result = cli("ingest", "custom.parquet")
    assert result.exit_code == 0, result.stderr
    assert [d["title"] for d in documents(cli)] == ["Flood"]


def test_bad_rows_are_named_and_the_others_kept(cli, tmp_path):
    table = pa.table(
        {
            "id": ["a", "b", "a", "d"],
            "text": [LONG.format(n=1), None, LONG.format(n=3), LONG.format(n=4)],
            "date": ["2024-05-01", "2024-05-02", "yesterday-ish", "2024-05-04"],
        }
    )
    pq.write_table(table, tmp_path / "rows.parquet")
    result = cli("ingest", "rows.parquet")
    assert result.exit_code == 1
    assert "rows.parquet: record 2 has no text" in result.stderr
    assert "record 3: unrecognised date 'yesterday-ish'; kept without a date" in result.stderr
    assert [d["record"] for d in documents(cli)] == ["a", "a@3", "d"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.write_bytes(b"PAR1 this is not a Parquet file"), "not a readable Parquet file"),
        (lambda path: path.write_bytes(b""), "not a readable Parquet file"),
        (
            lambda path: pq.write_table(pa.table({"headline": ["x"], "views": [1]}), path),
            "Parquet file has no text column (columns: headline, views; expected one of text, content",
        ),
        (lambda path: _truncated(path), "not a readable Parquet file"),
    ],
    ids=["not parquet", "empty", "no text column", "truncated"],
)
def test_a_bad_file_is_one_line_and_the_other_files_are_kept(cli, tmp_path, make, reason):
    make(tmp_path / "bad.parquet")
    pq.write_table(news_table(2), tmp_path / "good.parquet")
    result = cli("ingest", ".")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "bad.parquet" in line]
    assert len(lines) == 1 and reason in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(documents(cli)) == 2


def _truncated(path):
    pq.write_table(news_table(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_a_large_file_is_read_in_batches_and_a_rewritten_file_drops_its_removed_rows(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARQUET_BATCH_ROWS", 3)
    written: list[int] = []
    real = Store.write_files

    def counting(self, files, loose=(), touched=()):
        files = list(files)
        written.extend(len(f.documents) for f in files)
        return real(self, files, loose, touched)

    monkeypatch.setattr(Store, "write_files", counting)
    path = tmp_path / "news.parquet"
    pq.write_table(news_table(8), path)
    assert cli("ingest", "news.parquet").exit_code == 0
    assert written == [3, 3, 2]  # a transaction a batch, never the whole file
    pq.write_table(news_table(8).slice(0, 5), path)
    result = cli("ingest", "news.parquet")
    assert result.exit_code == 0, result.stderr
    assert [d["record"] for d in documents(cli)] == [f"n{i}" for i in range(5)]


def test_an_ingest_cut_short_keeps_its_batches_and_the_next_one_finishes(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARQUET_BATCH_ROWS", 2)
    pq.write_table(news_table(6), tmp_path / "news.parquet")
    real = Store.write_files
    calls = []

    def interrupted(self, files, loose=(), touched=()):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, files, loose, touched)

    monkeypatch.setattr(Store, "write_files", interrupted)
    result = cli("ingest", "news.parquet")
    assert result.exit_code != 0
    monkeypatch.setattr(Store, "write_files", real)
    assert [d["record"] for d in documents(cli)] == ["n0", "n1"]
    again = cli("ingest", "news.parquet", "--format", "json")
    assert again.exit_code == 0, again.stderr
    counts = json.loads(again.stdout)
    assert (counts["added"], counts["unchanged"]) == (4, 2)
    assert cli("ingest", "news.parquet").stdout.startswith("nothing changed")


def test_an_unchanged_file_is_not_read_again(cli, tmp_path, monkeypatch):
    pq.write_table(news_table(), tmp_path / "news.parquet")
    assert cli("ingest", "news.parquet").exit_code == 0
    monkeypatch.setattr(pipeline, "parquet_rows", lambda *a: pytest.fail("read again"))
    result = cli("ingest", "news.parquet")
    assert result.exit_code == 0 and "4 unchanged" in result.stdout
    os.utime(tmp_path / "news.parquet", ns=(1, 1))  # touched, the same bytes: hashed, not read
    result = cli("ingest", "news.parquet")
    assert result.exit_code == 0 and "4 unchanged" in result.stdout


def test_the_reader_reads_only_the_columns_a_field_maps(tmp_path):
    path = tmp_path / "news.parquet"
    pq.write_table(news_table(), path)
    read = [item for item in parquet.parquet_rows(str(path), pipeline.IngestConfig().fields, 10)]
    assert len(read) == 1 and isinstance(read[0], parquet.Rows)
    assert "views" not in read[0].records[0] and "content" in read[0].records[0]


def test_a_date_python_cannot_hold_rejects_its_row_only(cli, tmp_path):
    far = pa.array([0, 300_000 * 365 * 86_400, 86_400], type=pa.timestamp("s"))  # year 300,000 in the middle
    table = pa.table({"text": [LONG.format(n=i) for i in range(3)], "id": ["a", "b", "c"], "published": far})
    pq.write_table(table, tmp_path / "far.parquet")
    (tmp_path / "after.txt").write_text("A later file.\n\nIt is still ingested after the bad row.\n")
    result = cli("ingest", ".")
    assert result.exit_code == 1
    assert "far.parquet: record 2: a value Python cannot read" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert sorted(d["record"] or d["path"] for d in documents(cli)) == ["a", "after.txt", "c"]


def test_ids_repeated_across_batches_are_told_apart(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARQUET_BATCH_ROWS", 2)
    table = pa.table({"id": ["x", "y", "x", "x", "z"], "text": [LONG.format(n=i) for i in range(5)]})
    pq.write_table(table, tmp_path / "ids.parquet")
    assert cli("ingest", "ids.parquet").exit_code == 0
    assert [d["record"] for d in documents(cli)] == ["x", "y", "x@3", "x@4", "z"]


def test_an_export_read_into_its_own_store_adds_nothing(cli, seeds, tmp_path):
    assert cli("ingest", str(seeds)).exit_code == 0
    assert cli("export", "own").exit_code == 0
    result = cli("ingest", "own/documents.parquet")
    assert result.exit_code == 0, result.stderr
    assert "5 rows are documents of this store (an export of it): passed over" in result.stderr
    assert len(documents(cli)) == 5


def test_documents_are_numbered_in_the_order_their_files_are_found(cli, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a.txt").write_text("First file.\n\nIts text comes first.\n")
    pq.write_table(news_table(2), folder / "b.parquet")
    (folder / "c.txt").write_text("Third file.\n\nIts text comes last.\n")
    assert cli("ingest", "files").exit_code == 0
    assert [Path(d["path"]).name for d in documents(cli)] == ["a.txt", "b.parquet", "b.parquet", "c.txt"]
