"""Mapping the fields of records (JSON, CSV, front matter) onto article metadata."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil import parser as dateparser

from corpuskit.config import FieldMapping
from corpuskit.documents import METADATA_FIELDS


def pick(record: dict[str, Any], keys: list[str]) -> Any:
    """The value of the first of ``keys`` present (case-insensitive) and not empty."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def as_text(value: Any) -> str | None:
    """Flatten a metadata value: lists of authors join with commas, mappings use their name."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [as_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return as_text(pick(value, ["name", "title", "value"]))
    text = str(value).strip()
    return text or None


def metadata(record: dict[str, Any], mapping: FieldMapping) -> tuple[dict[str, str | None], str | None]:
    """The article metadata a record carries, and a warning if its date is unreadable."""
    found = {name: as_text(pick(record, getattr(mapping, name))) for name in METADATA_FIELDS}
    raw_date = pick(record, mapping.published)
    found["published"], warning = normalize_date(raw_date)
    return found, warning


def normalize_date(value: Any) -> tuple[str | None, str | None]:
    """An ISO 8601 date (or date-time, when a time is given), or None with a reason."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(value)
    text = str(value).strip()
    if text.isdigit() and len(text) >= 9:
        return _from_timestamp(int(text))
    try:
        parsed = dateparser.parse(text, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None, f"unrecognised date {text[:40]!r}"
    if parsed.year == 1:
        return None, f"date {text[:40]!r} has no year"
    has_time = parsed.hour or parsed.minute or parsed.second or parsed.tzinfo
    return (parsed.isoformat() if has_time else parsed.date().isoformat()), None


def _from_timestamp(value: float) -> tuple[str | None, str | None]:
    seconds = value / 1000 if value > 1e11 else value  # milliseconds are common in exports
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat(), None
    except (OverflowError, OSError, ValueError):
        return None, f"unrecognised timestamp {value!r}"
