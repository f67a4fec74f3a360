"""What entity resolution takes and gives."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """One named-entity mention as the NER model found it.

    ``start``/``end`` are character offsets into the document's stored text;
    ``sentence`` is the text of the sentence holding it and ``sentence_start``
    that sentence's offset, so ``sentence[start - sentence_start:end - sentence_start]``
    is the mention itself (context for label decisions).
    """

    document: int
    start: int
    end: int
    text: str
    label: str
    sentence: str = ""
    sentence_start: int = 0


@dataclass
class Variant:
    text: str
    count: int
    documents: list[int]


@dataclass
class Entity:
    """One real-world entity: its display name, label, mentions and why they were merged."""

    id: int
    name: str
    label: str
    mentions: list[Mention]
    variants: list[Variant] = field(default_factory=list)
    why: list[str] = field(default_factory=list)

    @property
    def documents(self) -> list[int]:
        return sorted({m.document for m in self.mentions})


@dataclass(frozen=True)
class Decisions:
    """An analyst's word, which resolution obeys over its own rules.

    ``aliases``: groups of spellings that are one entity.
    ``separations``: groups of spellings that must never share an entity.
    Spellings are matched after case folding.
    """

    aliases: tuple[tuple[str, ...], ...] = ()
    separations: tuple[tuple[str, ...], ...] = ()
