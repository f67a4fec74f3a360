"""Ingest: discover files, read each into articles, write them to the store in batches.

Reading a file is a pure function of the file and the settings (``read_file``),
so it can run in worker processes now and on a distributed engine later; only
``ingest_paths`` talks to the store, one transaction per batch.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import IO

from corpuskit.batches import batched
from corpuskit.cachekey import cache_key, library_versions
from corpuskit.config import FieldMapping, IngestConfig
from corpuskit.engines.local import cpu_count, map_in_workers, worker_pool
from corpuskit.ingest.article import Article, Problem
from corpuskit.ingest.decode import BinaryFile, decode_bytes
from corpuskit.ingest.discover import Skipped, SourceFile, discover
from corpuskit.ingest.docx import ZIP_MAGIC, is_docx, read_docx
from corpuskit.ingest.gzipped import BrokenGzip, gunzip, gzip_head, inner_name, is_gzip
from corpuskit.ingest.html import read_html
from corpuskit.ingest.mail import ENVELOPE, read_mail, read_mailbox, read_mailbox_stream
from corpuskit.ingest.manifest import ManifestIndex
from corpuskit.ingest.markdown import read_markdown
from corpuskit.ingest.parquet import Rows, is_parquet, parquet_rows, rows_articles
from corpuskit.ingest.pdf import PDF_MAGIC, read_pdf
from corpuskit.ingest.plaintext import read_plain_text
from corpuskit.ingest.quality import notice_warning
from corpuskit.ingest.records import RecordKeys, read_csv, read_json, read_json_lines
from corpuskit.ingest.sizes import too_large
from corpuskit.ingest.warc import SNIFF_BYTES, is_web_archive, read_warc, read_warc_stream, starts_as_web_archive
from corpuskit.store import FileRecord, FileState, NewDocument, Store, text_hash
from corpuskit.text import language as language_detection
from corpuskit.text.language import contradicted_language, document_language, load_detector

_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}


@dataclass
class Issue:
    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    pruned: int = 0
    rejected: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def count(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + value)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.duplicates or self.pruned)


@dataclass
class FileOutcome:
    """What reading one file gave: a record for the store, or only problems."""

    source: SourceFile
    record: FileRecord | None
    problems: list[Problem]
    unchanged: bool = False


def ingest_paths(
    store: Store,
    paths: list[str],
    config: IngestConfig,
    prune: bool = False,
    jobs: int | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders; returns what changed and what was rejected. Files are read in
    ``jobs`` processes; by default one a core when a batch has ``PARALLEL_FROM`` files to read."""
    report = IngestReport()
    manifests = ManifestIndex(config.fields)
    sources: list[SourceFile] = []
    for found in discover(paths, config.exclude, config.follow_symlinks):
        if isinstance(found, Skipped):
            report.rejected.append(Issue(found.path, found.reason))
        else:
            sources.append(found)
    known = store.file_states()
    per_file = store.documents_per_file()
    done = 0
    if on_file and sources:
        on_file(0, len(sources))
    for batch in batched(sources, config.batch_size):
        todo: list[tuple[SourceFile, str, FileState | None]] = []
        for source in batch:
            reader_key = _reader_key(config, manifests.lookup(source.absolute, source.root, source.path))
            state = known.get(source.absolute)
            if state and (state.size, state.mtime_ns, state.reader_key) == (source.size, source.mtime_ns, reader_key):
                report.unchanged += per_file.get(source.absolute, 0)
                _repeat_problems(report, source.path, state)
            elif is_parquet(source.path):
                # The files before it first, so that document ids follow the order files are found in.
                _write_batch(store, _read_all(todo, config, manifests, jobs), per_file, report)
                todo = []
                overrides = manifests.lookup(source.absolute, source.root, source.path)
                _ingest_parquet(store, ParquetSource(source, overrides, reader_key, state), config, jobs, report)
            else:
                todo.append((source, reader_key, state))
        _write_batch(store, _read_all(todo, config, manifests, jobs), per_file, report)
        done += len(batch)
        if on_file:
            on_file(done, len(sources))
    for error in manifests.errors:
        report.rejected.append(Issue(error.path, error.reason, error.line))
    for warning in manifests.warnings:
        report.warnings.append(Issue(warning.path, warning.reason, warning.line))
    if prune:
        seen = {s.absolute for s in sources}
        roots = [os.path.realpath(p) for p in paths]
        gone = [p for p in known if p not in seen and _under(p, roots) and not os.path.exists(p)]
        report.pruned = store.prune_files(gone)
    return report


def ingest_json_lines(store: Store, lines: Iterable[str], config: IngestConfig, label: str = "<stdin>") -> IngestReport:
    """Ingest JSON lines (from standard input); each record is keyed by its id, URL or text."""
    report = IngestReport()
    documents = []
    for item in read_json_lines(lines, config.fields):
        if isinstance(item, Problem):
            _note(report, label, item)
            continue
        # Records without an id are keyed by their line number, which means
        # nothing across two runs: fall back to the URL, then to the text.
        document = _document(item, "", label, None, config)
        has_id = document.record and document.record != str(item.line)
        key = f"id:{document.record}" if has_id else (f"url:{document.url}" if document.url else None)
        documents.append(replace(document, source_key=f"stdin:{key or 'sha:' + text_hash(document.text)}"))
    for start in range(0, len(documents), config.batch_size):
        report.count(store.write_files([], documents[start : start + config.batch_size]))
    return report


def read_file(
    source: SourceFile, config: IngestConfig, overrides: dict, reader_key: str, previous: FileState | None = None
) -> FileOutcome:
    """Read one file into documents. Pure: no store access, so it can run anywhere.

    Never raises: a file that breaks a reader is a rejected file, and the run goes on.
    """
    try:
        return _read_file(source, config, overrides, reader_key, previous)
    except RecursionError:
        return _rejected(source, "could not be read: nested too deeply")
    except Exception as exc:  # noqa: BLE001 - one file must not end the run
        return _rejected(
            source, f"could not be read: {type(exc).__name__}: {exc} (a bug in corpuskit; please report it)"
        )


def _read_file(
    source: SourceFile, config: IngestConfig, overrides: dict, reader_key: str, previous: FileState | None
) -> FileOutcome:
    try:
        with open(source.absolute, "rb") as handle:
            start = handle.read(SNIFF_BYTES)
            streamed = _streamed_reader(source.path, start, config)
            if streamed is not None:
                return _read_streamed(handle, streamed, source, config, overrides, reader_key, previous)
            if source.size > config.max_file_size:
                return _rejected(source, too_large(source.size, config.max_file_size))
            data = start + handle.read(config.max_file_size + 1 - len(start))
    except OSError as exc:
        return _rejected(source, f"cannot read: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    unchanged = _unchanged(source, digest, reader_key, previous)
    if unchanged is not None:
        return unchanged
    if not data.strip():
        return _rejected(source, "empty file")
    return _file_outcome(source, _read_bytes(source.path, data, config), digest, config, overrides, reader_key)


StreamedReader = Callable[[IO[bytes], int], list[Article | Problem]]


def _streamed_reader(path: str, start: bytes, config: IngestConfig) -> StreamedReader | None:
    """The reader of a file read from its handle a record at a time, whatever its size, by its
    first bytes: a web archive (crawlers write them a gigabyte each) or an mbox file (a mail
    export); ``ingest.max_file_size`` then holds for each page or message.  None for the others."""
    limit, checks = config.max_file_size, config.quality
    if starts_as_web_archive(start):
        return lambda handle, size: read_warc_stream(handle, size, limit, checks)
    if path.lower().endswith(".mbox") and start.startswith(ENVELOPE):
        return lambda handle, size: read_mailbox_stream(handle, limit, checks)
    return None


def _read_streamed(
    handle: io.BufferedReader,
    reader: StreamedReader,
    source: SourceFile,
    config: IngestConfig,
    overrides: dict,
    reader_key: str,
    previous: FileState | None,
) -> FileOutcome:
    """A file read from its open ``handle`` by a streamed reader: hashed, then read, in one
    opening of the file, so both see the same bytes."""
    handle.seek(0)
    digest = hashlib.file_digest(handle, "sha256").hexdigest()
    unchanged = _unchanged(source, digest, reader_key, previous)
    if unchanged is not None:
        return unchanged
    handle.seek(0)
    return _file_outcome(source, reader(handle, source.size), digest, config, overrides, reader_key)


def _unchanged(source: SourceFile, digest: str, reader_key: str, previous: FileState | None) -> FileOutcome | None:
    """A file whose bytes and reader are those of the last time (touched only): as it was."""
    touched = _touched(source, digest, reader_key, previous)
    return None if touched is None else FileOutcome(source, touched, _stored_problems(touched.state), unchanged=True)


def _file_outcome(
    source: SourceFile,
    items: list[Article | Problem],
    digest: str,
    config: IngestConfig,
    overrides: dict,
    reader_key: str,
) -> FileOutcome:
    """What a file read as: its documents and problems, and the state to know it by next time."""
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    if not articles:
        if not any(p.rejected for p in problems):
            problems.append(Problem("no article text found"))
        return FileOutcome(source, None, problems)
    documents = [
        _document(a, _source_key(source, a), source.path, source.absolute, config, overrides) for a in articles
    ]
    problems += [_flagged(document, article) for document, article in zip(documents, articles) if document.warning]
    if "language" not in overrides:  # a manifest's language is the user's own word
        problems += [doubt for article in articles if (doubt := _language_doubt(article, config))]
    state = FileState(source.size, source.mtime_ns, digest, reader_key, json.dumps([vars(p) for p in problems]))
    complete = not any(p.rejected for p in problems)
    return FileOutcome(source, FileRecord(source.absolute, state, documents, complete), problems)


def _read_bytes(path: str, data: bytes, config: IngestConfig, compressed: bool = False) -> list[Article | Problem]:
    """A file's articles and problems, by the reader its name or first bytes call for: the
    binary formats (gzip, PDF, DOCX, web archives) and e-mail on their bytes, the others decoded
    to text first.  ``compressed``: the bytes came out of a gzip archive."""
    extension = os.path.splitext(path)[1].lower()
    if is_gzip(path, data):
        return _read_gzip(path, data, config, compressed)
    if data.startswith(PDF_MAGIC) or extension == ".pdf":
        return read_pdf(data)
    if data.startswith(ZIP_MAGIC) and (extension == ".docx" or is_docx(data)):
        return read_docx(data)
    if is_web_archive(path, data):
        return read_warc(data, config.max_file_size, config.quality)
    if extension == ".eml":
        return read_mail(data, config.quality)
    if extension == ".mbox":
        return read_mailbox(data, config.max_file_size, config.quality)
    try:
        decoded = decode_bytes(data)
    except BinaryFile as exc:
        return [Problem(str(exc))]
    warning = [Problem(decoded.warning, rejected=False)] if decoded.warning else []
    return warning + _parse(path, decoded.text, config)


def _read_gzip(path: str, data: bytes, config: IngestConfig, compressed: bool) -> list[Article | Problem]:
    """What a gzip archive holds, read by the reader of its inner name (``page.html.gz``) or
    content.  A web archive goes to warcio whole (it decompresses a record at a time); one
    gzip inside another is not opened, so the limit holds for what is finally read."""
    inner = inner_name(path)
    if is_web_archive(inner, gzip_head(data)):
        return read_warc(data, config.max_file_size, config.quality)
    if compressed:
        return [Problem("a gzip archive inside a gzip archive: not read")]
    if is_parquet(inner):  # read a batch at a time from its file, which a decompressed copy is not
        return [Problem("a gzip-compressed Parquet file: decompress it first (Parquet compresses its own columns)")]
    try:
        content = gunzip(data, config.max_file_size)
    except BrokenGzip as exc:
        return [Problem(str(exc))]
    if not content.strip():
        return [Problem("empty file (once decompressed)")]
    return _read_bytes(inner, content, config, compressed=True)


def _parse(path: str, text: str, config: IngestConfig) -> list[Article | Problem]:
    kind = _kind(path, text)
    if kind == "markdown":
        return read_markdown(text, config.fields)
    if kind == "html":
        return read_html(text, config.quality)
    if kind == "json":
        return read_json(text, config.fields)
    if kind == "jsonl":
        return list(read_json_lines(text.splitlines(), config.fields))
    if kind in ("csv", "tsv"):
        return read_csv(text, config.fields, "\t" if kind == "tsv" else None, field_limit=config.max_file_size)
    article = read_plain_text(text)
    return [article] if article.text else [Problem("no text after cleaning")]


def _kind(path: str, text: str) -> str:
    kind = _KINDS.get(os.path.splitext(path)[1].lower())
    if kind:
        return kind
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or "<html" in head:
        return "html"
    return "text"


def _document(
    article: Article, key: str, path: str, file: str | None, config: IngestConfig, overrides: dict | None = None
) -> NewDocument:
    values = {name: _without_surrogates(value) for name, value in article.metadata().items()}
    values.update(overrides or {})
    text = _without_surrogates(article.text) or ""
    values["language"] = document_language(values["language"], text, config.language, config.language_confidence)
    warning = article.warning or notice_warning(text, config.quality)
    if article.origin_path is not None:  # read back from an export: where it came from first
        path, record = article.origin_path, article.origin_record
    else:
        record = article.record
    return NewDocument(
        source_key=key, path=path, file=file, record=_without_surrogates(record), text=text, warning=warning, **values
    )


# A lone surrogate ("\ud800" escaped in JSON or YAML) is no character: it cannot be stored
# as UTF-8, so it becomes the replacement character, as undecodable bytes do.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", value) if value else value


def _source_key(source: SourceFile, article: Article) -> str:
    return source.absolute if article.record is None else f"{source.absolute}#{article.record}"


# The libraries whose behaviour shapes what a file reads as (lxml is trafilatura's parser and
# python-docx's; cryptography opens encrypted PDFs).
READER_LIBRARIES = (
    "trafilatura",
    "charset-normalizer",
    "lxml",
    "markdown-it-py",
    "anyascii",
    "pypdf",
    "cryptography",
    "python-docx",
    "warcio",
    "py3langid",
)


def _reader_key(config: IngestConfig, overrides: dict) -> str:
    """Everything besides the bytes that shapes what a file reads as: the settings and the code
    of the readers, so files are re-read when either changes."""
    return cache_key(
        [__name__, language_detection.__name__],
        {
            "language": [config.language, config.language_confidence],
            "quality": config.quality,  # which documents are flagged
            "fields": config.fields,
            "overrides": overrides,
            "libraries": library_versions(*READER_LIBRARIES),
        },
    )


# Files to read before worker processes are worth starting (each is forked for the batch).
PARALLEL_FROM = 64


def _read_all(todo: list, config: IngestConfig, manifests: ManifestIndex, jobs: int | None) -> list[FileOutcome]:
    calls = [(s, config, manifests.lookup(s.absolute, s.root, s.path), key, state) for s, key, state in todo]
    if jobs is None:
        jobs = cpu_count() if len(calls) >= PARALLEL_FROM else 1
    if jobs > 1 and calls:
        load_detector()
    return map_in_workers(_read_file_star, calls, processes=jobs, chunksize=max(1, len(calls) // (max(1, jobs) * 4)))


def _read_file_star(call: tuple) -> FileOutcome:
    return read_file(*call)


def _write_batch(store: Store, outcomes: list[FileOutcome], per_file: dict[str, int], report: IngestReport) -> None:
    records, touched = [], []
    for outcome in outcomes:
        for problem in outcome.problems:
            _note(report, outcome.source.path, problem)
        if outcome.unchanged:
            assert outcome.record is not None, "an unchanged file keeps its record"
            report.unchanged += per_file.get(outcome.source.absolute, 0)
            touched.append(outcome.record)
        elif outcome.record:
            records.append(outcome.record)
    if records or touched:
        report.count(store.write_files(records, touched=touched))


# Rows of a Parquet file read at a time, and written in one transaction of the store.
PARQUET_BATCH_ROWS = 1_000
# A smaller Parquet file is read in this process: worker processes would cost more than they save.
PARQUET_PARALLEL_BYTES = 4 * 1024 * 1024


def _touched(source: SourceFile, digest: str, reader_key: str, previous: FileState | None) -> FileRecord | None:
    """The record of a file whose bytes and reader are those last read (only its time changed), or None."""
    if previous and (previous.hash, previous.reader_key) == (digest, reader_key):
        state = FileState(source.size, source.mtime_ns, digest, reader_key, previous.problems)
        return FileRecord(source.absolute, state, [], complete=False)
    return None


@dataclass(frozen=True)
class ParquetSource:
    file: SourceFile
    overrides: dict
    reader_key: str
    previous: FileState | None


def _ingest_parquet(
    store: Store, source: ParquetSource, config: IngestConfig, jobs: int | None, report: IngestReport
) -> None:
    """A Parquet file, a batch of rows at a time (read in workers), each batch written in its own
    transaction: the file is never held whole, whatever its size.  Its state is noted last, so a
    read cut short keeps the rows written so far and the next run reads the file again, finding
    them unchanged.  Never raises on the file: one that breaks the reader is a rejected file, and
    the run goes on (as ``read_file`` does)."""
    try:
        _read_parquet(store, source, config, jobs, report)
    except RecursionError:
        _note(report, source.file.path, Problem("could not be read: nested too deeply"))
    except Exception as exc:  # noqa: BLE001 - one file must not end the run
        reason = f"could not be read: {type(exc).__name__}: {exc} (a bug in corpuskit; please report it)"
        _note(report, source.file.path, Problem(reason))


def _read_parquet(
    store: Store, source: ParquetSource, config: IngestConfig, jobs: int | None, report: IngestReport
) -> None:
    file = source.file
    try:
        with open(file.absolute, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        _note(report, file.path, Problem(f"cannot read: {exc.strerror or exc}"))
        return
    touched = _touched(file, digest, source.reader_key, source.previous)
    if touched is not None:
        report.count(store.write_files([], touched=[touched]))
        report.unchanged += store.documents_per_file().get(file.absolute, 0)
        _repeat_problems(report, file.path, touched.state)
        return
    # Until the whole file is in, its state matches no file (no time, no hash): a read cut short
    # is read again.
    reading = FileState(file.size, -1, "", source.reader_key, "[]")
    keys, kept, problems = RecordKeys(), set[str](), list[Problem]()
    own = 0  # rows of an export of this very store: its documents already
    items = ((item, config.fields) for item in parquet_rows(file.absolute, config.fields, PARQUET_BATCH_ROWS))
    processes = jobs if jobs is not None else (cpu_count() if file.size >= PARQUET_PARALLEL_BYTES else 1)
    if processes > 1:
        load_detector()
    with worker_pool(processes) as workers:
        for batch in workers.map(_parquet_batch, items):
            found = [item for number, items_of in batch for item in keys.unique(number, items_of)]
            articles = [item for item in found if isinstance(item, Article)]
            here = store.existing_source_keys(a.record for a in articles if a.origin_path is not None and a.record)
            documents = [
                _document(a, _source_key(file, a), file.path, file.absolute, config, source.overrides)
                for a in articles
                if not (a.origin_path is not None and a.record in here)
            ]
            own += len(articles) - len(documents)
            for problem in (item for item in found if isinstance(item, Problem)):
                problems.append(problem)
                _note(report, file.path, problem)
            if documents:
                report.count(store.write_files([FileRecord(file.absolute, reading, documents, complete=False)]))
                kept.update(d.source_key for d in documents)
    if own:
        warning = f"{own} rows are documents of this store (an export of it): passed over"
        problems.append(Problem(warning, rejected=False))
        _note(report, file.path, problems[-1])
    if not kept:
        if not problems:
            _note(report, file.path, Problem("no article text found"))
        return
    done = FileState(file.size, file.mtime_ns, digest, source.reader_key, json.dumps([vars(p) for p in problems]))
    complete = not any(p.rejected for p in problems)
    store.finish_file(file.absolute, done, kept if complete else None)


def _parquet_batch(item: tuple[Rows | Problem, FieldMapping]) -> list[tuple[int, list[Article | Problem]]]:
    rows, fields = item
    if isinstance(rows, Problem):
        return [(0, [rows])]
    return rows_articles(rows, fields)


def _flagged(document: NewDocument, article: Article) -> Problem:
    """The warning of a document kept although its text may not be the article."""
    where = f"record {article.record}: " if article.record is not None else ""
    return Problem(f"{where}{document.warning}; kept, flagged (corpuskit docs --flagged)", article.line, rejected=False)


def _language_doubt(article: Article, config: IngestConfig) -> Problem | None:
    """A warning when the text is surely in another language than its metadata tag says."""
    if article.origin_path is not None:  # read back from an export: its language was settled
        return None
    detected = contradicted_language(article.language, article.text, config.language_confidence)
    if detected is None:
        return None
    where = f"record {article.record}: " if article.record is not None else ""
    reason = (
        f"{where}its metadata says the language is '{article.language}' but the text reads as '{detected}': "
        "the metadata kept (give the language in a manifest if it is wrong)"
    )
    return Problem(reason, article.line, rejected=False)


def _stored_problems(state: FileState) -> list[Problem]:
    return [Problem(**p) for p in json.loads(state.problems)]


def _repeat_problems(report: IngestReport, path: str, state: FileState) -> None:
    """A file skipped as unchanged still has the bad lines it had: say so again."""
    for problem in _stored_problems(state):
        _note(report, path, problem)


def _note(report: IngestReport, path: str, problem: Problem) -> None:
    (report.rejected if problem.rejected else report.warnings).append(Issue(path, problem.reason, problem.line))


def _rejected(source: SourceFile, reason: str) -> FileOutcome:
    return FileOutcome(source, None, [Problem(reason)])


def _under(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
