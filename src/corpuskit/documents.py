"""What a document carries besides its text, named once for ingest, the store and
every listing, so a new field cannot reach one of them and miss another."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime


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


# ---------------------------------------------------------------------------
# The publication date: the one reading of ``published`` for every command.
#
# ``published`` is an ISO 8601 date ("2024-03-01") or date-time
# ("2024-03-01T10:00", "2024-03-01T23:30:00-05:00", "...Z"), as ingest writes it
# (``corpuskit.ingest.fields.normalize_date``).
#
# * The calendar date is the local one as written: "2024-03-01T23:30:00-05:00"
#   is 1 March, although it is 2 March in UTC.  That is the day the outlet
#   printed, and the day the text's "today" and "yesterday" count from.
# * The moment of a date-time is compared in UTC; one without a time zone is
#   taken as UTC.
# * A value that is not ISO 8601 is an unknown date (None), never an error;
#   a date followed by an unreadable rest is read as that date.
# ---------------------------------------------------------------------------


def published_date(value: str | None) -> date | None:
    """The calendar day of a ``published`` value (local as written), or None when unknown."""
    parsed = _published(value)
    return parsed[0] if parsed else None


def publication_order(first: str | None, second: str | None) -> int | None:
    """-1 when ``first`` was published before ``second``, 1 when after, 0 when at the same
    time, None when either date is unknown.

    Two date-times compare by their moment (in UTC).  When either value is a date
    without a time, only the calendar days compare: a date-only value and a
    date-time on the same day are the same day, so neither is earlier.
    """
    a, b = _published(first), _published(second)
    if a is None or b is None:
        return None
    (day_a, moment_a), (day_b, moment_b) = a, b
    if moment_a is not None and moment_b is not None:
        return (moment_a > moment_b) - (moment_a < moment_b)
    return (day_a > day_b) - (day_a < day_b)


def _published(value: str | None) -> tuple[date, datetime | None] | None:
    """(calendar day as written, moment as a naive UTC date-time or None for a date only)."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return date.fromisoformat(text), None
    except ValueError:
        pass
    try:
        written = datetime.fromisoformat(text)
        moment = written.astimezone(UTC).replace(tzinfo=None) if written.tzinfo else written
    except (ValueError, OverflowError):
        try:
            return date.fromisoformat(text[:10]), None
        except ValueError:
            return None
    return written.date(), moment
