"""A hand-written report dict following the JSON contract, for testing the renderers.

Five documents: a harbour-flood story told by an original (1), an uncredited
near copy of it (2), a summary crediting it (3) and an independent account
with no outlet (4); and a single-document story (5).  Story 1 carries one
finding of each of the six kinds (two attributions: credited and not).
"""

from __future__ import annotations

import copy

DOCUMENTS = [
    {
        "id": 1,
        "path": "inbox/herald_flood.txt",
        "title": "Harbour wall gives way after storm",
        "outlet": "Coastal Herald",
        "published": "2024-03-04",
    },
    {
        "id": 2,
        "path": "inbox/baynews_flood.txt",
        "title": "Storm breaks harbour wall",
        "outlet": "Bay News",
        "published": "2024-03-05",
    },
    {
        "id": 3,
        "path": "inbox/wire_summary.txt",
        "title": "Flood summary",
        "outlet": "Morning Wire",
        "published": "2024-03-05",
    },
    {
        "id": 4,
        "path": "inbox/residents_letter.txt",
        "title": "Residents describe the night the sea came in",
        "outlet": None,
        "published": None,
    },
    {
        "id": 5,
        "path": "inbox/library.txt",
        "title": "Library opens new wing",
        "outlet": "Town Crier",
        "published": "2024-02-11",
    },
]

FINDINGS = [
    {
        "kind": "number_conflict",
        "summary": "The number of families evacuated differs: 120 in documents 1 and 2, 80 in document 4.",
        "counted": "families evacuated",
        "values": [
            {"text": "120", "value": 120.0, "documents": [1, 2]},
            {"text": "80", "value": 80.0, "documents": [4]},
        ],
        "evidence": [
            {
                "document": 1,
                "span": [210, 213],
                "text": "120",
                "context": "Some 120 families were evacuated from the lower town.",
            },
            {
                "document": 2,
                "span": [190, 193],
                "text": "120",
                "context": "About 120 families were evacuated overnight.",
            },
            {
                "document": 4,
                "span": [88, 90],
                "text": "80",
                "context": "Neighbours say 80 families had to leave their homes.",
            },
        ],
    },
    {
        "kind": "date_conflict",
        "summary": "When the wall first cracked cannot be compared: document 4 says 'last Tuesday' and has no date.",
        "event": "the harbour wall first cracked",
        "status": "cannot_compare",
        "reason": "'last Tuesday' is relative and document 4 has no publication date",
        "times": [
            {"document": 1, "text": "on 1 March", "interval": ["2024-03-01", "2024-03-01"]},
            {"document": 4, "text": "last Tuesday", "interval": None},
        ],
        "evidence": [
            {
                "document": 1,
                "span": [300, 310],
                "text": "on 1 March",
                "context": "Engineers first saw the crack on 1 March.",
            },
            {
                "document": 4,
                "span": [140, 152],
                "text": "last Tuesday",
                "context": "The wall cracked last Tuesday, residents said.",
            },
        ],
    },
    {
        "kind": "name_variant",
        "summary": (
            "Harbour master Ingrid Solberg is spelled 'Ingrid Solberg' by Coastal Herald "
            "and 'Ingrid Solbert' by Bay News."
        ),
        "entity": "Ingrid Solberg",
        "label": "PERSON",
        "variants": [
            {"text": "Ingrid Solberg", "documents": [1], "outlets": ["Coastal Herald"]},
            {"text": "Ingrid Solbert", "documents": [2], "outlets": ["Bay News"]},
        ],
        "evidence": [
            {
                "document": 1,
                "span": [400, 414],
                "text": "Ingrid Solberg",
                "context": "Harbour master Ingrid Solberg said the wall was old.",
            },
            {
                "document": 2,
                "span": [380, 394],
                "text": "Ingrid Solbert",
                "context": "Harbour master Ingrid Solbert said the wall was old.",
            },
        ],
    },
    {
        "kind": "quote_variant",
        "summary": "Ingrid Solberg's quote is worded differently in documents 1 and 2.",
        "speaker": "Ingrid Solberg",
        "versions": [
            {"text": "We had loads of warnings about that wall", "documents": [1]},
            {"text": "We had many warnings about the wall", "documents": [2]},
        ],
        "diff": [
            ["equal", "We had", "We had"],
            ["replace", "loads of", "many"],
            ["equal", "warnings about", "warnings about"],
            ["replace", "that", "the"],
            ["equal", "wall", "wall"],
        ],
        "evidence": [
            {
                "document": 1,
                "span": [500, 540],
                "text": "We had loads of warnings about that wall",
                "context": '"We had loads of warnings about that wall," she said.',
            },
            {
                "document": 2,
                "span": [470, 505],
                "text": "We had many warnings about the wall",
                "context": '"We had many warnings about the wall," she said.',
            },
        ],
    },
    {
        "kind": "attribution",
        "summary": "Morning Wire reuses Coastal Herald's reporting and credits it ('Coastal Herald reported').",
        "document": 3,
        "source_document": 1,
        "credited": True,
        "credit": "Coastal Herald reported",
        "evidence": [
            {
                "document": 3,
                "span": [0, 23],
                "text": "Coastal Herald reported",
                "context": "Coastal Herald reported that the harbour wall gave way.",
            },
            {
                "document": 1,
                "span": [0, 30],
                "text": "The harbour wall gave way",
                "context": "The harbour wall gave way on Sunday night.",
            },
        ],
    },
    {
        "kind": "attribution",
        "summary": "Bay News reproduces Coastal Herald's reporting without crediting it.",
        "document": 2,
        "source_document": 1,
        "credited": False,
        "credit": None,
        "evidence": [
            {
                "document": 2,
                "span": [0, 28],
                "text": "The storm broke the harbour wall",
                "context": "The storm broke the harbour wall on Sunday night.",
            },
            {
                "document": 1,
                "span": [0, 30],
                "text": "The harbour wall gave way",
                "context": "The harbour wall gave way on Sunday night.",
            },
        ],
    },
    {
        "kind": "single_source",
        "summary": "Only Coastal Herald states the repair cost (2.5 million euros).",
        "claim_kind": "number",
        "document": 1,
        "claim": "2.5 million euros",
        "evidence": [
            {
                "document": 1,
                "span": [600, 617],
                "text": "2.5 million euros",
                "context": "Repairs will cost 2.5 million euros, the council estimates.",
            }
        ],
    },
]

SAMPLE_REPORT = {
    "documents": DOCUMENTS,
    "summary": {"documents": 5, "stories": 2, "multi_source_stories": 1, "findings": len(FINDINGS)},
    "stories": [
        {
            "id": 1,
            "title": "Harbour wall gives way after storm",
            "documents": [1, 2, 3, 4],
            "independent_sources": 2,
            "sources": [
                {
                    "document": 1,
                    "outlet": "Coastal Herald",
                    "published": "2024-03-04",
                    "role": "original",
                    "copied_from": [],
                },
                {"document": 2, "outlet": "Bay News", "published": "2024-03-05", "role": "copy", "copied_from": [1]},
                {
                    "document": 3,
                    "outlet": "Morning Wire",
                    "published": "2024-03-05",
                    "role": "copy",
                    "copied_from": [1],
                },
                {"document": 4, "outlet": None, "published": None, "role": "independent", "copied_from": []},
            ],
            "derivation": [
                {
                    "a": 1,
                    "b": 2,
                    "relation": "near_copy",
                    "direction": "a->b",
                    "share": {"a": 0.95, "b": 0.9},
                    "score": 0.91,
                },
                {
                    "a": 1,
                    "b": 3,
                    "relation": "partial",
                    "direction": "a->b",
                    "share": {"a": 0.2, "b": 0.7},
                    "score": 0.4,
                },
            ],
            "findings": FINDINGS,
        },
        {
            "id": 2,
            "title": "Library opens new wing",
            "documents": [5],
            "independent_sources": 1,
            "sources": [
                {
                    "document": 5,
                    "outlet": "Town Crier",
                    "published": "2024-02-11",
                    "role": "independent",
                    "copied_from": [],
                }
            ],
            "derivation": [],
            "findings": [],
        },
    ],
}


def sample_report() -> dict:
    """A fresh deep copy, so a test may change it freely."""
    return copy.deepcopy(SAMPLE_REPORT)


def single_document_report() -> dict:
    """A corpus where no story has more than one document."""
    return {
        "documents": DOCUMENTS[4:],
        "summary": {"documents": 1, "stories": 1, "multi_source_stories": 0, "findings": 0},
        "stories": [copy.deepcopy(SAMPLE_REPORT["stories"][1])],
    }


def empty_report() -> dict:
    return {
        "documents": [],
        "summary": {"documents": 0, "stories": 0, "multi_source_stories": 0, "findings": 0},
        "stories": [],
    }


# Keys whose values come from article text or metadata (never the contract's fixed vocabulary).
ARTICLE_TEXT_KEYS = frozenset(
    {
        "title",
        "path",
        "outlet",
        "summary",
        "text",
        "context",
        "entity",
        "counted",
        "event",
        "reason",
        "speaker",
        "credit",
        "claim",
    }
)


def with_article_text(report: dict, change) -> dict:
    """A copy of ``report`` with ``change(text)`` applied to every article-derived string (diff words, outlets too)."""

    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            if key == "diff":
                return [[op, change(a) if a else a, change(b) if b else b] for op, a, b in value]
            if key == "outlets":
                return [change(o) for o in value]
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in ARTICLE_TEXT_KEYS:
            return change(value)
        return value

    return walk(copy.deepcopy(report))


# --- reading rendered HTML back, to test what a browser would build ------------------------------


class Node:
    """An element of parsed HTML: tag, attributes, children (nodes and text)."""

    def __init__(self, tag: str, attrs: dict, parent: Node | None = None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    found.append(child)
                found += child.find_all(tag)
        return found

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def parse_html(markup: str) -> Node:
    """A tree of the elements and text in ``markup`` (stdlib parser; tolerant of unclosed tags)."""
    from html.parser import HTMLParser

    root = Node("#root", {})

    class Builder(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.current = root

        def handle_starttag(self, tag, attrs):
            node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
            self.current.children.append(node)
            if tag not in _VOID:
                self.current = node

        def handle_startendtag(self, tag, attrs):
            self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

        def handle_endtag(self, tag):
            node = self.current
            while node is not root and node.tag != tag:
                node = node.parent
            if node is not root:
                self.current = node.parent

        def handle_data(self, data):
            self.current.children.append(data)

    builder = Builder()
    builder.feed(markup)
    builder.close()
    return root


def squash(text: str) -> str:
    """Whitespace runs as one space: how Markdown and HTML show text."""
    return " ".join(text.split())
