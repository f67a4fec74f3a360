"""The unit every reader produces: one article's cleaned text and metadata."""

from __future__ import annotations

from dataclasses import dataclass

from corpuskit.documents import Metadata


@dataclass
class Article(Metadata):
    """One article as a reader found it, before it reaches the store.

    ``record`` names the article inside a multi-article file (a JSON list,
    a JSON-lines or CSV export); it is ``None`` for one-article files.
    ``line`` is the line the record starts on, for error messages.
    ``origin_path`` and ``origin_record`` are where a document read back from a
    corpuskit export was first ingested from: it keeps them as its path and record.
    ``warning`` says why the text read may not be the article; the document is kept, flagged.
    """

    text: str
    record: str | None = None
    line: int | None = None
    origin_path: str | None = None
    origin_record: str | None = None
    warning: str | None = None  # why the text read may not be the article (see ingest.quality)


@dataclass
class Problem:
    """A one-line reason why part of an input was not taken as it stood.

    ``rejected`` problems mean something was left out (a malformed JSON line,
    a binary file); the others are warnings about something that was still
    ingested as well as it could be (malformed front matter, replaced bytes).
    """

    reason: str
    line: int | None = None
    rejected: bool = True
