"""Gzip-compressed files (``page.html.gz``, ``export.jsonl.gz``): decompressed in memory, never
past the size limit, so a small archive that inflates to gigabytes (a gzip bomb) costs at most
the limit."""

from __future__ import annotations

import gzip
import io
import os
import zlib

from corpuskit.ingest.article import library_reason
from corpuskit.ingest.sizes import over_limit

GZIP_MAGIC = b"\x1f\x8b"
_SUFFIXES = (".gz", ".gzip")
# Enough of the decompressed start to recognise a format by its first bytes, and the most of a
# compressed start that is inflated to find them.
HEAD_BYTES = 64
HEAD_INPUT_BYTES = HEAD_BYTES * 64


class BrokenGzip(ValueError):
    """The archive cannot be decompressed (or decompresses past the limit); the message says why."""


def is_gzip(path: str, data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC) or path.lower().endswith(_SUFFIXES)


def inner_name(path: str) -> str:
    """The name of what a gzip file holds: ``page.html.gz`` holds ``page.html``."""
    stem, extension = os.path.splitext(path)
    return stem if extension.lower() in _SUFFIXES else path


def gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes (every member of a multi-member archive), reading at most
    ``limit`` + 1 bytes of them."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
            inner = archive.read(limit + 1)
    except EOFError:
        raise BrokenGzip("broken gzip archive: it ends before its data does (truncated?)") from None
    except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise BrokenGzip(f"broken gzip archive: {library_reason(exc)}") from None
    if len(inner) > limit:
        raise BrokenGzip(over_limit("the gzip archive's content", limit))
    return inner


def gzip_head(data: bytes) -> bytes:
    """The first decompressed bytes, or none when the archive is broken (``gunzip`` says why)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:HEAD_INPUT_BYTES], HEAD_BYTES)
    except zlib.error:
        return b""
