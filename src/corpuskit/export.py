"""The corpus and its results as Parquet files, for Spark, pandas, DuckDB and ``corpuskit ingest``.

``export_parquet`` writes into a folder, each table a batch of rows at a time:

* ``documents.parquet``: every document, its metadata and its stored text (the
  text that every offset indexes);
* when ``dupes`` has been run on the store: ``pairs``, ``siblings``,
  ``shared_quotes`` and ``clusters``, the sections of the dupes JSON contract,
  one row a pair or cluster, nested as in JSON (brought up to date first, from
  the cached verdicts: what ``corpuskit dupes`` would list now);
* when the store keeps a report of the corpus as it is, with these settings:
  ``stories`` and ``findings`` (each finding whole as JSON beside its common
  keys, since every kind has keys of its own).

Each file says in its metadata that it is a corpuskit export and of what, so
``corpuskit ingest documents.parquet`` reads the documents back as they were.
A file is written under a temporary name and renamed when complete: an export
cut short leaves no file that looks whole.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpuskit import __version__
from corpuskit.batches import batched
from corpuskit.config import Config
from corpuskit.documents import METADATA_FIELDS
from corpuskit.dupes.corpus import corpus_duplicates
from corpuskit.dupes.listing import DupesListing, pair_records
from corpuskit.errors import OutputError
from corpuskit.ingest.parquet import EXPORT_KEY, export_table
from corpuskit.report.build import kept_report
from corpuskit.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

Progress = Callable[[str, int, int], None]

# Rows written at a time: one row group of the file.
ROWS_PER_GROUP = 2_000


@dataclass
class Exported:
    """What an export wrote: rows per file, and what it left out and why."""

    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def export_parquet(
    store: Store, folder: str | os.PathLike, config: Config, on_progress: Progress | None = None
) -> Exported:
    """Every table there is into ``folder``: written first into a folder of its own inside it,
    then moved into place, and the tables of an earlier export that this one has not (dupes never
    run, no report kept) removed, so the folder never mixes two exports."""
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=target))
    except OSError as exc:
        raise OutputError(f"cannot create the folder {target}: {exc.strerror or exc}") from exc
    try:
        exported = _write_tables(store, staging, config, on_progress or (lambda stage, done, total: None))
        for name in TABLES:
            written, kept = staging / f"{name}.parquet", target / f"{name}.parquet"
            if written.exists():
                os.replace(written, kept)
            elif _is_export(kept):
                kept.unlink()
    except OSError as exc:
        raise OutputError(f"cannot write into {target}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return replace(exported, folder=target)


# Every table an export may write, in the order it writes them.
TABLES = ("documents", "pairs", "siblings", "shared_quotes", "clusters", "stories", "findings")


def _write_tables(store: Store, folder: Path, config: Config, progress: Progress) -> Exported:
    import pyarrow as pa

    exported = Exported(folder)
    schemas = table_schemas(pa)
    exported.rows["documents"] = write_documents(store, folder, progress)
    if store.has_dupes_results():
        listing = DupesListing(store, corpus_duplicates(store, config.dupes, on_progress=progress))
        for name, rows in (
            ("pairs", pair_records(listing)),
            ("siblings", listing.siblings()),
            ("shared_quotes", listing.shared_quotes()),
            ("clusters", iter(listing.clusters)),
        ):
            exported.rows[name] = _write(folder, name, schemas[name], rows)
    else:
        exported.left_out.append("dupes results: `corpuskit dupes` has not been run on this store")
    report = kept_report(store, config)
    if report is None:
        exported.left_out.append("stories and findings: no report of the corpus as it is (run `corpuskit report`)")
    else:
        exported.rows["stories"] = _write(folder, "stories", schemas["stories"], _story_rows(report))
        exported.rows["findings"] = _write(folder, "findings", schemas["findings"], _finding_rows(report))
    return exported


def _is_export(path: Path) -> bool:
    """Whether ``path`` is a table of a corpuskit export (another file of that name is left alone)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not path.is_file():
        return False
    try:
        return export_table(pq.read_schema(path).metadata) is not None
    except (pa.ArrowException, OSError):
        return False


def write_documents(store: Store, folder: str | os.PathLike, on_progress: Progress | None = None) -> int:
    """``documents.parquet`` alone into ``folder`` (which exists); the rows written."""
    import pyarrow as pa

    progress = on_progress or (lambda stage, done, total: None)
    return _write(Path(folder), "documents", table_schemas(pa)["documents"], _document_rows(store, progress))


def _document_rows(store: Store, progress: Progress) -> Iterator[dict[str, Any]]:
    total = store.count_documents()
    progress("export documents", 0, total)
    for done, document in enumerate(store.each_document_with_text(), start=1):
        yield document
        if done % ROWS_PER_GROUP == 0 or done == total:
            progress("export documents", done, total)


def _story_rows(report: dict) -> Iterator[dict[str, Any]]:
    for story in report["stories"]:
        rest = {k: v for k, v in story.items() if k != "findings"}
        yield {**story, "findings": len(story["findings"]), "story": json.dumps(rest, ensure_ascii=False)}


def _finding_rows(report: dict) -> Iterator[dict[str, Any]]:
    for story in report["stories"]:
        for rank, finding in enumerate(story["findings"], start=1):
            yield {
                **finding,
                "story": story["id"],
                "rank": rank,
                "documents": sorted({e["document"] for e in finding.get("evidence", [])}),
                "finding": json.dumps(finding, ensure_ascii=False),
            }


def _write(folder: Path, name: str, schema: pa.Schema, rows: Iterable[dict[str, Any]]) -> int:
    """``rows`` into ``folder/name.parquet`` a row group at a time; the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / f"{name}.parquet"
    partial = folder / f".{name}.parquet.partial"
    schema = schema.with_metadata({EXPORT_KEY: json.dumps({"table": name, "version": __version__}).encode()})
    written = 0
    try:
        with pq.ParquetWriter(partial, schema) as writer:
            for chunk in batched(rows, ROWS_PER_GROUP):
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                written += len(chunk)
            if not written:  # a file with the columns and no rows, so every table can be read
                writer.write_table(schema.empty_table())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written


def table_schemas(pa: Any) -> dict[str, pa.Schema]:
    """The columns of each table, typed as the JSON contracts are (ids int64, shares double)."""
    ids = pa.list_(pa.int64())
    span = pa.list_(pa.int64())
    share = pa.struct([("a", pa.float64()), ("b", pa.float64())])
    edit = pa.struct([("kind", pa.string()), ("a", pa.string()), ("b", pa.string())])
    passage = pa.struct([("a", span), ("b", span), ("similarity", pa.float64()), ("edits", pa.list_(edit))])
    pair = [
        ("a", pa.int64()),
        ("b", pa.int64()),
        ("relation", pa.string()),
        ("score", pa.float64()),
        ("share", share),
        ("direction", pa.string()),
        ("direction_reason", pa.string()),
        ("passages", pa.list_(passage)),
    ]
    evidence = pa.struct([("document", pa.int64()), ("span", span), ("text", pa.string()), ("context", pa.string())])
    return {
        "documents": pa.schema(
            [
                ("id", pa.int64()),
                ("source_key", pa.string()),
                ("path", pa.string()),
                ("record", pa.string()),
                *((name, pa.string()) for name in METADATA_FIELDS),
                ("warning", pa.string()),
                ("content_hash", pa.string()),
                ("text", pa.string()),
            ]
        ),
        "pairs": pa.schema([*pair, ("cluster", pa.int64())]),
        "siblings": pa.schema([*pair, ("sources", ids), ("explained", share)]),
        "shared_quotes": pa.schema(pair),
        "clusters": pa.schema([("id", pa.int64()), ("documents", ids), ("origins", ids)]),
        "stories": pa.schema(
            [
                ("id", pa.int64()),
                ("title", pa.string()),
                ("documents", ids),
                ("independent_sources", pa.int64()),
                ("findings", pa.int64()),
                ("story", pa.string()),
            ]
        ),
        "findings": pa.schema(
            [
                ("story", pa.int64()),
                ("rank", pa.int64()),
                ("id", pa.string()),
                ("kind", pa.string()),
                ("summary", pa.string()),
                ("confidence", pa.float64()),
                ("documents", ids),
                ("evidence", pa.list_(evidence)),
                ("finding", pa.string()),
            ]
        ),
    }
