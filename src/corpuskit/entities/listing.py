"""Entities as the commands show them: filtered, in the JSON contract's shape."""

from __future__ import annotations

from corpuskit.documents import DOCUMENT_KEYS
from corpuskit.entities.model import Entity
from corpuskit.errors import CorpuskitError
from corpuskit.nlp import NAME_LABELS
from corpuskit.store import Store


def entity_listing(
    store: Store,
    entities: list[Entity],
    label: str | None = None,
    min_docs: int = 1,
    variants_only: bool = False,
    document: int | None = None,
) -> dict:
    """``{"documents": [...], "entities": [...]}``, most widely reported entities first."""
    chosen = [e for e in entities if _wanted(e, label, min_docs, variants_only, document)]
    chosen.sort(key=lambda e: (-len(e.documents), -len(e.mentions), e.name.casefold()))
    mentioned = sorted({d for e in chosen for d in e.documents})
    documents = {d["id"]: d for d in store.documents()}
    return {
        "documents": [{k: documents[i][k] for k in DOCUMENT_KEYS} for i in mentioned if i in documents],
        "entities": [_as_json(e) for e in chosen],
    }


def check_label(entities: list[Entity], label: str) -> str | None:
    """A label no entity can have is a usage error naming the labels there are; a known
    label that this corpus happens not to have is a warning (returned), since the result
    is then rightly empty."""
    present = sorted({e.label for e in entities})
    wanted = label.upper()
    if wanted in present:
        return None
    found = f"the labels in this corpus are {', '.join(present)}" if present else "this corpus has no entities yet"
    if wanted not in NAME_LABELS:
        known = ", ".join(sorted(NAME_LABELS))
        raise CorpuskitError(f"unknown label {label!r}: {found} (labels: {known})")
    return f"no entity is labelled {wanted}: {found}"


def _wanted(entity: Entity, label: str | None, min_docs: int, variants_only: bool, document: int | None) -> bool:
    if label and entity.label != label.upper():
        return False
    if len(entity.documents) < min_docs:
        return False
    if variants_only and len(entity.variants) < 2:
        return False
    return document is None or document in entity.documents


def _as_json(entity: Entity) -> dict:
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "documents": entity.documents,
        "mentions": len(entity.mentions),
        "variants": [{"text": v.text, "count": v.count, "documents": v.documents} for v in entity.variants],
        "why": entity.why,
    }


def flat_rows(listing: dict) -> list[dict]:
    """One row an entity with its lists joined, for CSV, Markdown and JSON lines."""
    return [
        {
            **e,
            "documents": " ".join(map(str, e["documents"])),
            "variants": "; ".join(f"{v['text']} ({v['count']})" for v in e["variants"]),
            "why": "; ".join(e["why"]),
        }
        for e in listing["entities"]
    ]


def table_rows(listing: dict) -> list[dict]:
    """One row an entity for the terminal: name, label, documents, outlets, variants."""
    outlets = {d["id"]: d["outlet"] for d in listing["documents"]}
    rows = []
    for entity in listing["entities"]:
        named_outlets = {outlets.get(d) for d in entity["documents"]} - {None}
        rows.append(
            {
                "id": entity["id"],
                "name": entity["name"],
                "label": entity["label"],
                "docs": len(entity["documents"]),
                "outlets": len(named_outlets) or "",
                "variants": ", ".join(f"{v['text']} ×{v['count']}" for v in entity["variants"]),
            }
        )
    return rows
