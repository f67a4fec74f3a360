"""Exports with many articles: JSON (a list or an object holding one), JSON lines, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from corpuskit.config import FieldMapping
from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.fields import as_text, metadata, pick
from corpuskit.ingest.html import visible_text
from corpuskit.ingest.plaintext import text_article
from corpuskit.ingest.yamlload import TOO_DEEP

# Keys under which exports commonly nest their list of articles.
_CONTAINER_KEYS = (
    "articles",
    "items",
    "documents",
    "docs",
    "data",
    "results",
    "records",
    "posts",
    "entries",
    "stories",
    "hits",
)
_HTML_TAGS = re.compile(r"<(?:p|div|br|span|a|h[1-6]|li|em|strong)\b[^>]*>", re.IGNORECASE)


def read_json(source: str, mapping: FieldMapping) -> list[Article | Problem]:
    try:
        data = json.loads(source)
    except RecursionError:
        return [Problem(f"not valid JSON: {TOO_DEEP}")]
    except json.JSONDecodeError as exc:
        if _looks_like_json_lines(source):
            return list(read_json_lines(source.splitlines(), mapping))
        return [Problem(f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno)]
    records = _find_records(data)
    if records is None:
        return [Problem("JSON holds no article records (expected an object or a list of objects)")]
    return list(_read_records(((i + 1, None, r) for i, r in enumerate(records)), mapping))


def read_json_lines(lines: Iterable[str], mapping: FieldMapping) -> Iterator[Article | Problem]:
    """Each good line is an article; a malformed line is reported and the others kept."""

    def parsed():
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield number, number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, number, Problem(f"malformed JSON line: {exc.msg} (column {exc.colno})", line=number)
            except RecursionError:
                yield number, number, Problem(f"malformed JSON line: {TOO_DEEP}", line=number)

    return _read_records(parsed(), mapping)


def read_csv(
    source: str, mapping: FieldMapping, delimiter: str | None = None, field_limit: int | None = None
) -> list[Article | Problem]:
    """Rows of a CSV (or, with ``delimiter``, TSV) export; ``field_limit`` is the longest
    field read (the csv module's default, 131,072 characters, is shorter than many articles)."""
    previous_limit = csv.field_size_limit()
    if field_limit is not None:
        csv.field_size_limit(max(previous_limit, field_limit))
    try:
        return _read_csv(source, mapping, delimiter)
    finally:
        csv.field_size_limit(previous_limit)


def _read_csv(source: str, mapping: FieldMapping, delimiter: str | None) -> list[Article | Problem]:
    delimiter = delimiter or _sniff_delimiter(source)
    reader = csv.DictReader(io.StringIO(source, newline=""), delimiter=delimiter)
    out: list[Article | Problem] = []
    start = [1]  # the line the record being read starts on
    try:
        if not reader.fieldnames or pick(dict.fromkeys(reader.fieldnames, "x"), mapping.text) is None:
            columns = ", ".join(reader.fieldnames or []) or "none"
            return [
                Problem(
                    f"CSV has no text column (columns: {columns}; "
                    f"expected one of {', '.join(mapping.text)}; see ingest.fields.text)",
                    line=1,
                )
            ]
        out.extend(_read_records(_rows_with_start_lines(reader, start), mapping))
    except csv.Error as exc:
        out.append(Problem(f"CSV error: {exc}; the rest of the file was skipped", line=start[0]))
    return out


def _read_records(rows: Iterable[tuple[int, int | None, Any]], mapping: FieldMapping) -> Iterator[Article | Problem]:
    keys = RecordKeys()
    for index, line, record in rows:
        yield from keys.unique(index, record_articles(index, line, record, mapping))


def record_articles(index: int, line: int | None, record: Any, mapping: FieldMapping) -> list[Article | Problem]:
    """The article of the ``index``-th record of an export (starting on ``line``, if it has
    lines), with a warning it may bring, or why it is none. Pure: records can be read anywhere."""
    if isinstance(record, Problem):
        return [record]
    try:
        return _record_to_article(record, mapping, index, line)
    except RecursionError:  # a field nested deeper than the readers go
        where = f"record {index}" if line is None else f"line {line}"
        return [Problem(f"{where}: {TOO_DEEP}", line=line)]


class RecordKeys:
    """The record keys of one export seen so far: a repeated id would overwrite its twin, so the
    second is told apart by its position (``id@index``)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def unique(self, index: int, items: list[Article | Problem]) -> list[Article | Problem]:
        for item in items:
            if isinstance(item, Article):
                if item.record in self._seen:
                    item.record = f"{item.record}@{index}"
                if item.record is not None:
                    self._seen.add(item.record)
        return items


def _record_to_article(record: Any, mapping: FieldMapping, index: int, line: int | None) -> list[Article | Problem]:
    # With a line, the message follows "path:line: " (the line is not said twice); a record of a
    # JSON list, which has none, is named by its position.
    where = f"record {index}" if line is None else "the record"
    prefix = f"record {index}: " if line is None else ""
    if not isinstance(record, dict):
        return [Problem(f"{where} is not an object", line=line)]
    value = pick(record, mapping.text)
    if value is not None and not _is_text(value):
        return [Problem(f"{prefix}its text field holds {type(value).__name__} data, not text", line=line)]
    raw_text = "\n\n".join(value) if isinstance(value, list) else as_text(value)
    if not raw_text:
        return [Problem(f"{where} has no text (looked for: {', '.join(mapping.text)})", line=line)]
    meta, date_warning = metadata(record, mapping)
    if _HTML_TAGS.search(raw_text):
        raw_text = visible_text(raw_text)
    article = text_article(raw_text, meta)
    if not article.text:
        return [Problem(f"{where} has no text after cleaning", line=line)]
    article.record, article.line = as_text(pick(record, mapping.id)) or str(index), line
    found: list[Article | Problem] = [article]
    if date_warning:
        found.append(Problem(f"{prefix}{date_warning}; kept without a date", line=line, rejected=False))
    return found


def _is_text(value: Any) -> bool:
    """Article text is a string, or a list of strings (paragraphs); a number or an object is not."""
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _rows_with_start_lines(reader: csv.DictReader, start: list[int]) -> Iterator[tuple[int, int, dict]]:
    """Rows with the line each starts on (a quoted field may span several lines);
    ``start[0]`` is kept at the line of the row being read, for errors."""
    start[0] = reader.line_num + 1
    for row in reader:
        yield start[0], start[0], row
        start[0] = reader.line_num + 1


def _find_records(data: Any) -> list | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    for key in _CONTAINER_KEYS:
        if isinstance(data.get(key), list):
            return data[key]
    lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if len(lists) == 1:
        return lists[0]
    return [data]


def _looks_like_json_lines(source: str) -> bool:
    lines = [line for line in source.splitlines()[:5] if line.strip()]
    return len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines)


def _sniff_delimiter(source: str) -> str:
    try:
        return csv.Sniffer().sniff(source[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","
