"""Finding ids: a short name for each finding that the analyst's decisions can refer to.

An id is made from what the finding is about, never from where it sits in the
report: its kind, the documents of its evidence (each by its path as ingested
and its record, which stay the same when other documents are added or the
store is made again, unlike the store's integer ids) and the values it
compares (the spellings, figures, times, quote versions or claim).  So the
same corpus gives the same ids on every run, a document added to another story
changes none of them, and a finding whose documents or values change (a new
copy joins it, a spelling is corrected) is a new finding with a new id.
Confidence, wording and ranking are left out: a better analysis of the same
thing keeps its id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from corpuskit.cachekey import value_key

# 12 hex digits (48 bits): short enough to type, and two findings of a corpus of a million
# findings share one with a chance of about 1 in 500; the report's own ids are made unique.
FINDING_ID_LENGTH = 12
# Part of every id's input: a deliberate change of what ids are made from bumps it.
ID_SCHEME = 1


def document_key(document: dict) -> str:
    """A document as ids name it: its path as ingested, and its record inside a multi-article file."""
    record = document.get("record")
    return f"{document['path']}#{record}" if record else str(document["path"])


def _texts(items: Iterable[dict], key: str = "text") -> list[str]:
    return sorted(str(item.get(key) or "") for item in items)


def _docs(ids: Iterable[Any], keys: dict[int, str]) -> list[str]:
    return sorted({keys.get(d, str(d)) for d in ids})


# What each kind compares, as plain values (documents by their keys).
_Subject = Callable[[dict, dict[int, str]], dict]
_SUBJECTS: dict[str, _Subject] = {
    # Not the entity's name or label: the resolver picks those over the whole corpus's mentions.
    "name_variant": lambda f, keys: {"variants": _texts(f.get("variants") or [])},
    "number_conflict": lambda f, keys: {
        "counted": f.get("counted"),
        "owner": f.get("owner"),
        "values": _texts(f.get("values") or []),
    },
    "date_conflict": lambda f, keys: {"event": f.get("event"), "times": _texts(f.get("times") or [])},
    "quote_variant": lambda f, keys: {"speaker": f.get("speaker"), "versions": _texts(f.get("versions") or [])},
    "attribution": lambda f, keys: {
        "document": _docs([f.get("document")], keys),
        "sources": _docs(f.get("source_documents") or [f.get("source_document")], keys),
        "credited": bool(f.get("credited")),
    },
    "single_source": lambda f, keys: {
        "claim_kind": f.get("claim_kind"),
        "claim": f.get("claim"),
        "document": _docs([f.get("document")], keys),
    },
}


def _identity(finding: dict, keys: dict[int, str], exact: bool) -> dict:
    """What a finding's id is made of; ``exact`` adds each piece of evidence with its place, to
    tell apart two findings that compare the same values in the same documents."""
    subject = _SUBJECTS.get(str(finding.get("kind")), lambda f, k: {"summary": f.get("summary")})
    identity = {
        "scheme": ID_SCHEME,
        "kind": finding.get("kind"),
        "documents": _docs((e.get("document") for e in finding.get("evidence") or []), keys),
        **subject(finding, keys),
    }
    if exact:
        identity["evidence"] = sorted(
            (keys.get(e.get("document"), ""), e.get("span"), e.get("text")) for e in finding.get("evidence") or []
        )
    return identity


def finding_id(finding: dict, keys: dict[int, str], exact: bool = False) -> str:
    return value_key(_identity(finding, keys, exact), FINDING_ID_LENGTH)


def with_finding_ids(stories: list[dict], keys: dict[int, str]) -> list[dict]:
    """The stories with an ``id`` first in each finding, unique in the report: findings that
    would share one get ids that also name their evidence's places, and (only if those too are
    the same, a finding repeated whole) their order among themselves."""
    plain = [[finding_id(f, keys) for f in story["findings"]] for story in stories]
    shared = {found for found, count in Counter(i for ids in plain for i in ids).items() if count > 1}
    seen: Counter[str] = Counter()
    named = []
    for story, ids in zip(stories, plain):
        findings = []
        for finding, found in zip(story["findings"], ids):
            if found in shared:
                found = finding_id(finding, keys, exact=True)
                seen[found] += 1
                if seen[found] > 1:
                    found = value_key([found, seen[found]], FINDING_ID_LENGTH)
            findings.append({"id": found, **{k: v for k, v in finding.items() if k != "id"}})
        named.append({**story, "findings": findings})
    return named
