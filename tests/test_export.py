"""`corpuskit export --format parquet`: the tables hold what the JSON contracts hold, an export read
back into a new store gives the same corpus and the same dupes results, and nothing half-written
is left when it fails."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.conftest import SEEDS, Cli

from corpuskit import export
from corpuskit.config import Config
from corpuskit.store import Store

ALL_TABLES = ["documents", "pairs", "siblings", "shared_quotes", "clusters", "stories", "findings"]
DOCUMENT_COLUMNS = ["id", "path", "record", "title", "outlet", "author", "published", "url", "language"]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> tuple[Cli, dict, dict, Path]:
    """The seeds with dupes and the report made, and their export."""
    root = tmp_path_factory.mktemp("export")
    shutil.copytree(SEEDS, root / "seeds")
    cli = Cli(root / "store" / "corpus.db", root)
    assert cli("ingest", "seeds").exit_code == 0
    dupes, report = cli.json("dupes"), cli.json("report")
    result = cli("export", "out")
    assert result.exit_code == 0, result.stderr
    return cli, dupes, report, root / "out"


def rows(folder: Path, table: str) -> list[dict]:
    return pq.read_table(folder / f"{table}.parquet").to_pylist()


def test_every_table_is_written_and_named_in_its_metadata(analysed):
    _, _, _, folder = analysed
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.parquet" for t in ALL_TABLES)
    for table in ALL_TABLES:
        metadata = pq.read_schema(folder / f"{table}.parquet").metadata
        assert json.loads(metadata[b"corpuskit"])["table"] == table


def test_the_dupes_tables_hold_the_dupes_contract(analysed):
    cli, dupes, _, folder = analysed
    listed = cli("dupes", "--format", "jsonl")
    assert [json.loads(line) for line in listed.stdout.splitlines()] == rows(folder, "pairs")
    assert rows(folder, "pairs"), "the seeds have copy pairs"
    assert rows(folder, "clusters") == dupes["clusters"]
    assert rows(folder, "shared_quotes") == dupes["shared_quotes"]
    assert rows(folder, "siblings") == dupes["siblings"]


def test_the_report_tables_hold_every_finding_whole_in_order(analysed):
    _, _, report, folder = analysed
    findings = rows(folder, "findings")
    expected = [(s["id"], f) for s in report["stories"] for f in s["findings"]]
    assert [(r["story"], json.loads(r["finding"])) for r in findings] == expected
    assert [r["kind"] for r in findings] == [f["kind"] for _, f in expected]
    assert [r["id"] for r in findings] == [f["id"] for _, f in expected] and all(r["id"] for r in findings)
    assert all(
        r["documents"] == sorted({e["document"] for e in f["evidence"]}) for r, (_, f) in zip(findings, expected)
    )
    stories = rows(folder, "stories")
    assert [(s["id"], s["documents"], s["findings"]) for s in stories] == [
        (s["id"], s["documents"], len(s["findings"])) for s in report["stories"]
    ]


def test_the_documents_table_holds_every_document_and_its_stored_text(analysed):
    cli, _, _, folder = analysed
    store = Store.open(cli.db, create=False)
    exported = rows(folder, "documents")
    assert [r["id"] for r in exported] == [d["id"] for d in store.documents()]
    for row in exported:
        stored = store.document(str(row["id"]))
        assert row["text"] == stored["text"]
        assert {k: row[k] for k in DOCUMENT_COLUMNS} == {k: stored[k] for k in DOCUMENT_COLUMNS}


def test_an_export_read_into_a_new_store_is_the_same_corpus_with_the_same_copies(analysed, tmp_path):
    _, dupes, _, folder = analysed
    again = Cli(tmp_path / "again.db", tmp_path)
    result = again("ingest", str(folder))  # the folder: the result tables are passed over
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("done: 5 added")
    assert "pairs.parquet: a corpuskit export of pairs, not of articles: passed over" in result.stderr
    assert again("export", "second").exit_code == 0
    first, second = rows(folder, "documents"), rows(tmp_path / "second", "documents")
    keep = [*DOCUMENT_COLUMNS, "content_hash", "text"]
    assert [{k: r[k] for k in keep} for r in second] == [{k: r[k] for k in keep} for r in first]
    assert again.json("dupes")["pairs"] == dupes["pairs"]
    assert again("ingest", str(folder / "documents.parquet")).stdout.startswith("nothing changed")


def test_without_dupes_or_a_report_only_the_documents_are_written_and_the_rest_is_said(cli, seeds, tmp_path):
    assert cli("ingest", str(seeds)).exit_code == 0
    result = cli("export", "--format", "parquet", "only")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "only").iterdir()) == ["documents.parquet"]
    assert "left out dupes results: `corpuskit dupes` has not been run" in result.stdout
    assert "left out stories and findings: no report of the corpus as it is" in result.stdout


def test_a_report_of_an_older_corpus_is_not_exported(cli, seeds, tmp_path):
    assert cli("ingest", str(seeds)).exit_code == 0
    store = Store.open(cli.db, create=False)
    store.save_analysis("report", "a key of another corpus", b"not this corpus's report")
    assert export.kept_report(store, Config()) is None


def test_each_table_is_written_a_row_group_at_a_time(cli, seeds, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "ROWS_PER_GROUP", 2)
    assert cli("ingest", str(seeds)).exit_code == 0
    assert cli("export", "groups").exit_code == 0
    assert pq.ParquetFile(tmp_path / "groups" / "documents.parquet").num_row_groups == 3


def test_an_export_that_fails_leaves_no_file_that_looks_whole(cli, seeds, tmp_path, monkeypatch):
    assert cli("ingest", str(seeds)).exit_code == 0
    monkeypatch.setattr(export, "ROWS_PER_GROUP", 2)
    real = Store.each_document_with_text

    def failing(self):
        for number, row in enumerate(real(self)):
            if number == 3:
                raise KeyboardInterrupt
            yield row

    monkeypatch.setattr(Store, "each_document_with_text", failing)
    result = cli("export", "cut")
    assert result.exit_code == 130
    assert list((tmp_path / "cut").iterdir()) == []


def test_a_folder_that_cannot_be_made_is_one_line(cli, seeds, tmp_path):
    assert cli("ingest", str(seeds)).exit_code == 0
    (tmp_path / "taken").write_text("a file, not a folder")
    result = cli("export", "taken/out")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot create the folder taken/out" in result.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert cli("export", "locked").exit_code == 2


def test_a_new_export_replaces_the_tables_of_an_older_one(analysed, cli, seeds, tmp_path):
    _, _, _, folder = analysed
    target = tmp_path / "shared"
    shutil.copytree(folder, target)
    (target / "notes.parquet").write_bytes(b"someone else's file")
    assert cli("ingest", str(seeds)).exit_code == 0  # a store with neither dupes nor a report
    assert cli("export", "shared").exit_code == 0
    assert sorted(p.name for p in target.iterdir()) == ["documents.parquet", "notes.parquet"]


def test_an_export_that_fails_late_leaves_the_older_export_whole(analysed, cli, seeds, tmp_path, monkeypatch):
    _, _, _, folder = analysed
    target = tmp_path / "older"
    shutil.copytree(folder, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    assert cli("ingest", str(seeds)).exit_code == 0

    def failing(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "kept_report", failing)  # after documents.parquet is written
    assert cli("export", "older").exit_code == 130
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
