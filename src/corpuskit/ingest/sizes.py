"""Sizes as a user reads them, and the one-line reason for a file over ``ingest.max_file_size``."""

from __future__ import annotations

RAISE_LIMIT = "raise ingest.max_file_size in corpuskit.yaml"


def too_large(size: int, limit: int) -> str:
    shown, shown_limit = size_text(size), size_text(limit)
    if shown == shown_limit:  # rounded to the same figure: say it in bytes
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"file too large ({shown} > limit {shown_limit}; {RAISE_LIMIT})"


def over_limit(what: str, limit: int) -> str:
    """For something read only up to the limit (a decompressed file, a web archive's page),
    whose whole size is never known."""
    return f"{what} is larger than the limit ({size_text(limit)}; {RAISE_LIMIT})"


def size_text(size: int) -> str:
    """A size in the unit that fits it: 512 bytes, 2.0 KB, 20.0 MB, 1.5 GB (binary units,
    as in ingest.max_file_size)."""
    if size < 1024:
        return f"{size} byte{'' if size == 1 else 's'}"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
