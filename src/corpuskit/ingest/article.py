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


# A library's message about a damaged file may quote pages of its bytes: the line is cut here.
REASON_MAX_CHARS = 120
# Errors a library raises on damage whose message speaks of its own code ("'NoneType' object has
# no attribute 'startswith'"), not of the file: named by their kind alone.
_INTERNAL_ERRORS = (AttributeError, TypeError, KeyError, IndexError, AssertionError)


def library_reason(exc: BaseException) -> str:
    """A reader library's complaint about a damaged file, as the end of one line."""
    if isinstance(exc, _INTERNAL_ERRORS):
        return f"damaged past what the reader can parse ({type(exc).__name__})"
    lines = str(exc).strip().splitlines()
    text = " ".join(lines[0].split()) if lines else type(exc).__name__
    return text if len(text) <= REASON_MAX_CHARS else text[: REASON_MAX_CHARS - 1].rstrip() + "\u2026"
