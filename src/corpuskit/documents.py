"""What a document carries besides its text, named once for ingest, the store and
every listing, so a new field cannot reach one of them and miss another."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(kw_only=True)
class Metadata:
    """The fields an article may carry besides its text; any of them may be unknown.

    Keyword-only, so the records that extend it keep their own fields first.
    """

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    url: str | None = None
    language: str | None = None

    def metadata(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in METADATA_FIELDS}


METADATA_FIELDS = tuple(field.name for field in fields(Metadata))

# The keys every JSON output's "documents" list gives each document (the JSON contract).
DOCUMENT_KEYS = ("id", "path", "title", "outlet", "published")
