"""Which version of a disputed fact the story mostly carries: the original's, or most sources'.

A finding that lists versions (a name's spellings, a number's values, a
quote's wordings, an event's dates) says which one the reader should weigh
most: the version stated by strictly more independent sources than any other
(at least two; a group of copies counts once), else, among the tied, the
version of the story's original.  When neither tells, no version prevails and
``prevailing`` is null.
"""

from __future__ import annotations

from dataclasses import replace

from corpuskit.report.model import Finding, Source

# The details key that lists a finding kind's versions, each with its "documents".
VERSION_KEYS = {"name_variant": "variants", "number_conflict": "values", "quote_variant": "versions"}


def with_prevailing(finding: Finding, roles: list[Source], source_of: dict[int, int]) -> Finding:
    """``finding`` with ``details["prevailing"]`` set for the kinds that list versions;
    ``source_of`` maps each document to its independent source (its linked group)."""
    versions = _versions(finding)
    if versions is None:
        return finding
    prevailing = prevailing_version(versions, roles, source_of)
    return replace(finding, details={**finding.details, "prevailing": prevailing})


def prevailing_version(versions: list[dict], roles: list[Source], source_of: dict[int, int]) -> dict | None:
    """``{"text", "because"}`` of the version to weigh most, or None when none stands out: the
    one strictly more independent sources carry (a group of copies counts once), else, on a
    tie, the one the story's original carries.  A document in no counted source (flagged,
    alone) weighs nothing."""
    counts = [len({source_of[d] for d in v["documents"] if d in source_of}) for v in versions]
    best = max(counts, default=0)
    leaders = [v for v, count in zip(versions, counts) if count == best]
    if len(leaders) == 1 and best > 1:
        total = len(set(source_of.values()))
        return {"text": leaders[0]["text"], "because": f"{best} of {total} independent sources carry it"}
    originals = {s.document for s in roles if s.role == "original"}
    by_original = [v for v in leaders if originals & set(v["documents"])]
    if len(by_original) == 1:
        return {"text": by_original[0]["text"], "because": "the story's original carries it"}
    return None


def _versions(finding: Finding) -> list[dict] | None:
    if finding.kind == "date_conflict":
        times = finding.details.get("times") or []
        grouped: dict[str, list[int]] = {}
        for time in times:
            grouped.setdefault(time["text"], []).append(time["document"])
        return [{"text": text, "documents": docs} for text, docs in grouped.items()]
    key = VERSION_KEYS.get(finding.kind)
    return finding.details.get(key) if key else None
