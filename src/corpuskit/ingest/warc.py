"""Web archives (WARC and the older ARC, plain or gzip-compressed) through warcio: each HTML page
captured (a ``response`` record of an HTML type with HTTP status 200) is one article, read as a
saved web page is, with the captured URL as its url and the capture time as its date when the
page gives none.  Requests, metadata, revisits, images and error pages are passed over.

An archive is read from its file a record at a time (``read_warc_stream``), whatever its size
(crawlers write them a gigabyte each): only a page is held whole, within ``ingest.max_file_size``."""

from __future__ import annotations

import contextlib
import gzip
import io
import re
import zlib
from typing import IO, TYPE_CHECKING

from corpuskit.ingest.article import Article, Problem, library_reason
from corpuskit.ingest.decode import BinaryFile, decode_bytes
from corpuskit.ingest.fields import normalize_date
from corpuskit.ingest.gzipped import GZIP_MAGIC, HEAD_BYTES, HEAD_INPUT_BYTES, gzip_head
from corpuskit.ingest.html import read_html
from corpuskit.ingest.quality import DEFAULT_CHECKS, QualityChecks
from corpuskit.ingest.records import RecordKeys
from corpuskit.ingest.sizes import over_limit

if TYPE_CHECKING:
    from warcio.archiveiterator import ArchiveIterator

WARC_EXTENSIONS = (".warc", ".arc")
# How a WARC record ("WARC/1.0" and its line end) and an ARC file begin.
_MAGIC = re.compile(rb"\s*(?:WARC/\d\.\d+\r?\n|filedesc://)")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What warcio says of a web archive gzip-compressed whole, which it cannot read a record at a time.
_NOT_PER_RECORD = "non-chunked gzip file"


# The pages of a compressed archive together are read up to this many times its size (and at
# least ingest.max_file_size): HTML seldom compresses past 10 to 1, and an archive that would
# inflate past this is a gzip bomb, which must not fill the memory a page at a time.
MAX_INFLATION = 50
_BOMB = f"the web archive's pages decompress to more than {MAX_INFLATION} times its size (a gzip bomb?)"


class _WholeFileGzip(Exception):
    """The archive is one gzip member: read it decompressed instead."""


def is_web_archive(path: str, head: bytes) -> bool:
    """By its name (``.warc``, ``.arc``: a ``.gz`` already taken off) or its first bytes."""
    return path.lower().endswith(WARC_EXTENSIONS) or bool(_MAGIC.match(head))


# What is read of a file's start to tell a web archive by its first bytes.
SNIFF_BYTES = HEAD_INPUT_BYTES


def starts_as_web_archive(start: bytes) -> bool:
    """Whether a file's first ``SNIFF_BYTES`` are a web archive's, plain or gzip-compressed
    (by its bytes alone: a file only named ``.warc`` is read whole, within the size limit)."""
    return bool(_MAGIC.match(gzip_head(start) if start.startswith(GZIP_MAGIC) else start[:HEAD_BYTES]))


def read_warc(data: bytes, limit: int, checks: QualityChecks = DEFAULT_CHECKS) -> list[Article | Problem]:
    """An article for each HTML page of the archive; a record that breaks is one line naming it,
    and the others are kept.  A page larger than ``limit`` bytes is passed over, with a line."""
    return read_warc_stream(io.BytesIO(data), len(data), limit, checks)


def read_warc_stream(stream: IO[bytes], size: int, limit: int, checks: QualityChecks) -> list[Article | Problem]:
    """``read_warc`` of an archive read from ``stream`` (``size`` bytes, positioned at its start)."""
    start = stream.read(SNIFF_BYTES)
    stream.seek(0)
    compressed = start.startswith(GZIP_MAGIC)
    head = gzip_head(start) if compressed else start[:HEAD_BYTES]
    if compressed and not head:
        return [Problem("broken gzip archive: its start cannot be decompressed")]
    if not _MAGIC.match(head):  # warcio would take any line of five words for an ARC record
        return [Problem("not a web archive: it starts with neither a WARC record nor an ARC file header")]
    from warcio.archiveiterator import ArchiveIterator  # here: every command imports the pipeline, few read WARCs

    records = ArchiveIterator(stream, arc2warc=True)
    budget = max(limit, MAX_INFLATION * size)
    # warcio writes its warnings to stderr itself; they are counted (err_count) and said in one line.
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            found, count = _read_records(records, limit, budget, checks)
        except _WholeFileGzip:  # gzip-compressed whole, not a record at a time: read inflating
            stream.seek(0)
            inflating = _Inflating(stream)
            items = read_warc_stream(inflating, size, limit, checks)  # type: ignore[arg-type]
            return items + ([Problem(inflating.broken)] if inflating.broken else [])
    if not found:
        return [Problem(f"no HTML pages in the web archive ({_records(count)}, none an HTML response with status 200)")]
    if records.err_count:
        misplaced = f"{_records(records.err_count)} not followed by a blank line (a wrong Content-Length?)"
        found.append(Problem(f"{misplaced}; read as found", rejected=False))
    return found


def _read_records(
    records: ArchiveIterator, limit: int, budget: int, checks: QualityChecks
) -> tuple[list[Article | Problem], int]:
    """The items of every record, and how many records there were.  The pages together are read
    up to ``budget`` bytes."""
    from warcio.exceptions import ArchiveLoadFailed

    found: list[Article | Problem] = []
    keys, number, iterator = RecordKeys(), 0, iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except ArchiveLoadFailed as exc:
            if _NOT_PER_RECORD in str(exc):
                raise _WholeFileGzip from None
            found.append(_broken(number, exc))
            break
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways (an AttributeError on a record without a URI...) on damage
            found.append(_broken(number, exc))
            break
        number += 1
        if record.length is None and record.format == "warc":  # its end is unknown: the rest is lost in it
            found.append(Problem(f"record {number} has no Content-Length; the records after it were not read"))
            break
        if not _is_html_page(record):
            continue
        page = _Page(record, number)
        payload = page.payload(min(limit, budget))
        if isinstance(payload, Problem) and budget < limit and page.over:
            found.append(Problem(f"{_BOMB}; the records from {page.name} on were not read"))
            break
        budget -= len(payload) if isinstance(payload, bytes) else 0
        found += keys.unique(number, [payload] if isinstance(payload, Problem) else page.items(payload, checks))
    return found, number


def _broken(number: int, exc: Exception) -> Problem:
    if not number:
        return Problem(f"not a readable web archive: {library_reason(exc)}")
    return Problem(f"web archive broken after record {number}: {library_reason(exc)}; the rest was not read")


class _Inflating(io.RawIOBase):
    """A gzip stream inflated a block at a time that ends where its data breaks, keeping what
    came before (``gzip.GzipFile`` drops a whole read's worth at a truncation); ``broken``
    then says why, in one line."""

    BLOCK = 1024  # what a truncation can cost, at most

    def __init__(self, compressed: IO[bytes]) -> None:
        self._gzip = gzip.GzipFile(fileobj=compressed)
        self.broken: str | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.broken = None
        return self._gzip.seek(offset, whence)

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.broken:
            return 0
        try:
            chunk = self._gzip.read(min(len(buffer), self.BLOCK))
        except EOFError:
            chunk, self.broken = b"", "broken gzip archive: it ends before its data does (truncated?)"
        except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            chunk, self.broken = b"", f"broken gzip archive: {library_reason(exc)}"
        if self.broken:
            self.broken += "; the pages before the break were kept"
        buffer[: len(chunk)] = chunk
        return len(chunk)


class _Page:
    """An HTML response record: its payload, then its article."""

    def __init__(self, record, number: int) -> None:
        self.record = record
        self.uri = record.rec_headers.get_header("WARC-Target-URI") or None
        self.name = f"record {number} ({self.uri})" if self.uri else f"record {number}"
        self.number = number
        self.over = False  # whether the payload went past the limit it was read with

    def payload(self, limit: int) -> bytes | Problem:
        """The page's bytes (HTTP transfer and content encodings undone), at most ``limit``."""
        try:
            payload = self.record.content_stream().read(limit + 1)
        except Exception as exc:  # noqa: BLE001 - a broken chunked or compressed body raises warcio's, zlib's and others
            return Problem(f"{self.name}: could not be read: {library_reason(exc)}")
        if len(payload) > limit:
            self.over = True
            return Problem(f"{self.name}: {over_limit('the page', limit)}")
        if getattr(self.record.raw_stream, "limit", 0) > 0:  # the bytes its Content-Length promised are not all there
            return Problem(f"{self.name}: truncated (the archive ends inside it)")
        return payload

    def items(self, payload: bytes, checks: QualityChecks) -> list[Article | Problem]:
        try:
            html = _decoded(payload, self.record.http_headers.get_header("Content-Type") or "")
        except BinaryFile as exc:
            return [Problem(f"{self.name}: {exc}")]
        captured, _ = normalize_date(self.record.rec_headers.get_header("WARC-Date"))
        items = []
        for item in read_html(html, checks):
            if isinstance(item, Article):
                item.record, item.url = self.uri or str(self.number), self.uri or item.url
                item.published = item.published or captured
            else:
                item.reason = f"{self.name}: {item.reason}"
            items.append(item)
        return items


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return record.http_headers.get_statuscode() == "200" and content_type in _HTML_TYPES


def _decoded(payload: bytes, content_type: str) -> str:
    """The page's text in the charset its server named, or, without a usable one, as a file's."""
    charset = next(
        (
            p.split("=", 1)[1].strip(" \"'")
            for p in content_type.split(";")[1:]
            if p.strip().lower().startswith("charset=")
        ),
        None,
    )
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload).text


def _records(count: int) -> str:
    return f"{count} record{'' if count == 1 else 's'}"
