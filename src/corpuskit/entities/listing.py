"""Entities as the commands show them: filtered, in the JSON contract's shape."""

from __future__ import annotations

from corpuskit.documents import DOCUMENT_KEYS
from corpuskit.entities.model import Entity
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
