"""Parquet files: a corpuskit export (``corpuskit export``), or another tool's export of news.

Either is read a batch of rows at a time, never whole, so a file of millions of
articles passes through no Python list of them.  Another tool's file needs a
text column; its columns are mapped onto article fields by the same
``ingest.fields`` settings as JSON and CSV exports, and each row is read as a
record of those (``records.record_articles``).  A corpuskit export says so in
its file metadata: its rows are documents as a store held them, so their text
is taken as it is (it was cleaned when first ingested) and each keeps its
path, record and metadata; reading the export into another store gives the
same documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from corpuskit.config import FieldMapping
from corpuskit.documents import METADATA_FIELDS
from corpuskit.errors import first_line
from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.records import record_articles

SUFFIXES = (".parquet", ".parq", ".pq")
# The file metadata key of a corpuskit export; its value names the table ("documents", "pairs"...).
EXPORT_KEY = b"corpuskit"
# The columns of an exported documents table, besides the metadata fields.
EXPORT_COLUMNS = ("id", "source_key", "path", "record", *METADATA_FIELDS, "text")
# Columns an export may lack: those added since exports were first written (read when present).
LATER_EXPORT_COLUMNS = ("warning",)


def is_parquet(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


@dataclass(frozen=True)
class Rows:
    """A batch of a Parquet file's rows: ``first`` is the 1-based number of the first one; a row
    whose values Python cannot hold is the problem it is."""

    first: int
    records: list[dict[str, Any] | Problem]
    export: bool  # rows of a corpuskit documents export


def _records(batch: Any, first: int) -> list[dict[str, Any] | Problem]:
    """The rows of a record batch as dicts.  A value Arrow can hold and Python cannot (a date past
    the year 9999) fails the whole batch's conversion: then each row is converted alone, and
    only the rows that fail are problems."""
    try:
        return batch.to_pylist()
    except (OverflowError, ValueError, ArithmeticError):
        pass
    records: list[dict[str, Any] | Problem] = []
    for index in range(batch.num_rows):
        try:
            records.append(batch.slice(index, 1).to_pylist()[0])
        except (OverflowError, ValueError, ArithmeticError) as exc:
            records.append(Problem(f"record {first + index}: a value Python cannot read ({first_line(exc)})"))
    return records


def parquet_rows(path: str, mapping: FieldMapping, batch_rows: int) -> Iterator[Rows | Problem]:
    """The file's rows in batches (only the columns some field maps), or one problem why there
    are none; a read error part-way is a problem after the rows before it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        yield Problem(f"not a readable Parquet file ({first_line(exc)})")
        return
    schema = file.schema_arrow
    table = export_table(schema.metadata)
    if table is not None and table != "documents":
        yield Problem(f"a corpuskit export of {table}, not of articles: passed over", rejected=False)
        return
    columns = list(EXPORT_COLUMNS) if table else _mapped_columns(schema.names, mapping)
    missing = [name for name in columns if name not in schema.names]
    if table:
        columns += [name for name in LATER_EXPORT_COLUMNS if name in schema.names]
    if table and missing:
        yield Problem(f"a corpuskit documents export without the column(s) {', '.join(missing)}")
        return
    if not table and not _lower(schema.names) & _lower(mapping.text):
        shown = ", ".join(schema.names) or "none"
        yield Problem(
            f"Parquet file has no text column (columns: {shown}; expected one of "
            f"{', '.join(mapping.text)}; see ingest.fields.text)"
        )
        return
    first = 1
    try:
        for batch in file.iter_batches(batch_size=batch_rows, columns=columns):
            yield Rows(first, _records(batch, first), table is not None)
            first += batch.num_rows
    except (pa.ArrowException, OSError) as exc:
        yield Problem(f"Parquet read error after row {first - 1} ({first_line(exc)}); the rest of the file was skipped")


def rows_articles(rows: Rows, mapping: FieldMapping) -> list[tuple[int, list[Article | Problem]]]:
    """Each row's number and what it reads as (an article, with any warning, or why it is none),
    in order. Pure, so batches can be read in workers."""
    return [
        (
            number,
            [_exported(record, number)]
            if rows.export and not isinstance(record, Problem)
            else record_articles(number, None, record, mapping),
        )
        for number, record in enumerate(rows.records, start=rows.first)
    ]


def export_table(metadata: dict[bytes, bytes] | None) -> str | None:
    """The table a corpuskit export holds, from its file metadata; None for other files."""
    raw = (metadata or {}).get(EXPORT_KEY)
    if raw is None:
        return None
    try:
        table = json.loads(raw).get("table")
    except (ValueError, AttributeError):
        return None
    return table if isinstance(table, str) else None


def _exported(record: dict[str, Any], number: int) -> Article | Problem:
    text = record.get("text")
    if not isinstance(text, str) or not text:
        return Problem(f"record {number} has no text")
    # Keyed by the source key the document had in its store: unique there, and the same on
    # every reading of the export, so reading it again changes nothing.
    article = Article(
        text=text,
        record=_text_or_none(record.get("source_key")) or str(number),
        origin_path=_text_or_none(record.get("path")),
        origin_record=_text_or_none(record.get("record")),
        warning=_text_or_none(record.get("warning")),  # a flag found on the page, which the text alone may not show
    )
    for name in METADATA_FIELDS:
        setattr(article, name, _text_or_none(record.get(name)))
    return article


def _mapped_columns(names: list[str], mapping: FieldMapping) -> list[str]:
    """The file's columns that some field of ``mapping`` names (matching ignores case, as for JSON)."""
    wanted = _lower(name for field in vars(mapping).values() for name in field)
    return [name for name in names if name.lower() in wanted]


def _lower(names) -> set[str]:
    return {str(name).lower() for name in names}


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
