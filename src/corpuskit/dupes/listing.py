"""Duplicate pairs and diffs as the commands show them (JSON contract, rows, highlighting)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from rich.text import Text

from corpuskit.documents import DOCUMENT_KEYS
from corpuskit.dupes.model import DupesResult, PairResult, SiblingPair
from corpuskit.render import md_escape, plural
from corpuskit.store import Store
from corpuskit.unionfind import components

# The most telling edits first: a changed name or number matters more than wording.
EDIT_ORDER = {"name": 0, "number": 1, "date": 2, "quote": 3, "wording": 4}
EDITS_SHOWN = 4


class DupesListing:
    """The listing of ``result`` as in the contract, filtered, each section made as it is read.

    ``sections()`` gives ``{"documents", "pairs", "siblings", "clusters", "shared_quotes"}``
    in the contract's order, each a generator: a pair's JSON (with its passages) is made
    when it is read and dropped once written, so a listing written out as it is read
    never holds its rows or its text.  Only what decides the others is worked out up front
    from the result's ids, scores and relations: the clusters and which documents to list.

    Sibling pairs are filtered like pairs.  When pairs are filtered by score
    or relation, a cluster is cut into the groups that the listed pairs and
    siblings inside it connect (the first keeps its id, others get new ones),
    and a document none of them joins is left out: a cluster must never stand
    on pairs not shown.  A cut cluster keeps the origins that are in its part.
    """

    def __init__(
        self,
        store: Store,
        result: DupesResult,
        min_score: float = 0.0,
        relations: list[str] | None = None,
        document: int | None = None,
    ) -> None:
        self._store = store
        self._result = result
        self._min_score = min_score
        self._relations = relations or []
        self._document = document
        self.clusters: list[dict] = self._cut_clusters()
        self._involved = (
            {d for p in chain(self._pairs(), self._quotes()) for d in (p.a, p.b)}
            | {d for s in self._siblings() for d in (s.a, s.b, *s.sources)}
            | {d for c in self.clusters for d in c["documents"]}
        )
        self._cluster_ids = {d: c["id"] for c in self.clusters for d in c["documents"]}

    def sections(self) -> dict[str, Iterator[dict]]:
        """The contract's sections in its order, each a generator to be read once."""
        return {
            "documents": self.documents(),
            "pairs": self.pairs(),
            "siblings": self.siblings(),
            "clusters": iter(self.clusters),
            "shared_quotes": self.shared_quotes(),
        }

    def documents(self) -> Iterator[dict]:
        """The listed documents (those of a listed pair, sibling, source, cluster or shared quote)."""
        return ({k: d[k] for k in DOCUMENT_KEYS} for d in self._store.each_document() if d["id"] in self._involved)

    def pairs(self) -> Iterator[dict]:
        return (p.to_json() for p in self._pairs())

    def siblings(self) -> Iterator[dict]:
        return (s.to_json() for s in self._siblings())

    def shared_quotes(self) -> Iterator[dict]:
        return (q.to_json() for q in self._quotes())

    def cluster_of(self, a: int, b: int) -> int | None:
        """The id of the listed cluster holding both documents, or None."""
        cluster = self._cluster_ids.get(a)
        return cluster if cluster is not None and cluster == self._cluster_ids.get(b) else None

    def _shown(self, pair: PairResult) -> bool:
        return pair.score >= self._min_score and (not self._relations or pair.relation in self._relations)

    def _asked(self, a: int, b: int) -> bool:
        return self._document is None or self._document in (a, b)

    def _pairs(self) -> Iterator[PairResult]:
        return (p for p in self._result.pairs if self._shown(p) and self._asked(p.a, p.b))

    def _siblings(self) -> Iterator[SiblingPair]:
        return (s for s in self._result.siblings if self._shown(s.pair) and self._asked(s.a, s.b))

    def _quotes(self) -> Iterator[PairResult]:
        return (q for q in self._result.shared_quotes if self._shown(q) and self._asked(q.a, q.b))

    def _cut_clusters(self) -> list[dict]:
        # Clusters are cut by the score and relation filters alone, so a cluster's ids do not
        # depend on which document is asked about.
        result = self._result
        narrowed = self._min_score > 0 or bool(self._relations)
        links_from: dict[int, list[tuple[int, int]]] = {}
        if narrowed:
            for link in chain(result.pairs, (s.pair for s in result.siblings)):
                if self._shown(link):
                    links_from.setdefault(link.a, []).append((link.a, link.b))
        clusters: list[dict] = []
        next_id = max((c.id for c in result.clusters), default=0) + 1
        for cluster in result.clusters:
            if narrowed:
                links = [link for d in cluster.documents for link in links_from.get(d, ())]
                parts = _joined_parts(cluster.documents, links)
            else:
                parts = [list(cluster.documents)]
            for number, part in enumerate(parts):
                # A cluster the listed pairs cut in two: its first part keeps the id, the others get new ones.
                cluster_id = next_id + number - 1 if number else cluster.id
                if self._document is None or self._document in part:
                    origins = [d for d in cluster.origins if d in part]
                    clusters.append({"id": cluster_id, "documents": part, "origins": origins})
            next_id += max(len(parts) - 1, 0)
        return clusters


def dupes_listing(
    store: Store,
    result: DupesResult,
    min_score: float = 0.0,
    relations: list[str] | None = None,
    document: int | None = None,
) -> dict:
    """The whole ``DupesListing`` as one dict of lists (for small results and tests)."""
    sections = DupesListing(store, result, min_score, relations, document).sections()
    return {key: list(rows) for key, rows in sections.items()}


def _joined_parts(members: tuple[int, ...] | list[int], links: list[tuple[int, int]]) -> list[list[int]]:
    """The groups of two or more ``members`` that the listed ``links`` connect, in member order."""
    inside = set(members)
    links = [(a, b) for a, b in links if a in inside and b in inside]
    joined = {d for link in links for d in link}
    order = {d: i for i, d in enumerate(members)}
    parts = [sorted(group, key=order.__getitem__) for group in components([d for d in members if d in joined], links)]
    return sorted((part for part in parts if len(part) >= 2), key=lambda part: order[part[0]])


def pair_records(listing: DupesListing) -> Iterator[dict]:
    """The contract's pairs, each with the id of the listed cluster holding it (or None): one JSON line each."""
    for pair in listing.pairs():
        pair["cluster"] = listing.cluster_of(pair["a"], pair["b"])
        yield pair


def cluster_rows(listing: DupesListing) -> list[dict]:
    """One flat row a cluster: its documents and their titles."""
    titles = {d["id"]: d["title"] or d["path"] for d in listing.documents()}
    return [
        {
            "cluster": c["id"],
            "documents": " ".join(map(str, c["documents"])),
            "titles": " | ".join(titles[d] for d in c["documents"]),
        }
        for c in listing.clusters
    ]


def sibling_rows(listing: DupesListing) -> Iterator[dict]:
    """One flat row a sibling pair: the two documents, their common sources, shares and explained shares."""
    for s in listing.siblings():
        yield {
            "a": s["a"],
            "b": s["b"],
            "sources": " ".join(map(str, s["sources"])),
            "share": _side_by_side(s["share"]),
            "explained": _side_by_side(s["explained"]),
        }


def pair_rows(listing: DupesListing) -> Iterator[dict]:
    """One flat row a pair: shares (side by side, and each as a number), its cluster, the most telling edits."""
    for pair in listing.pairs():
        edits = sorted((e for p in pair["passages"] for e in p["edits"]), key=lambda e: EDIT_ORDER[e["kind"]])
        shown = [f"{e['kind']}: {e['a'] or '∅'} → {e['b'] or '∅'}" for e in _unique(edits)[:EDITS_SHOWN]]
        cluster = listing.cluster_of(pair["a"], pair["b"])
        yield {
            "a": pair["a"],
            "b": pair["b"],
            "relation": pair["relation"],
            "score": pair["score"],
            "share": _side_by_side(pair["share"]),
            "share_a": pair["share"]["a"],
            "share_b": pair["share"]["b"],
            "direction": pair["direction"] or "",
            "cluster": "" if cluster is None else cluster,
            "edits": "; ".join(shown),
        }


def shared_quote_rows(listing: DupesListing) -> Iterator[dict]:
    """One flat row a pair that shares only quotations: not a copy, listed so a reader can compare them."""
    for pair in listing.shared_quotes():
        yield {"a": pair["a"], "b": pair["b"], "share": _side_by_side(pair["share"]), "passages": len(pair["passages"])}


def _side_by_side(shares: dict) -> str:
    """A pair's ``{"a", "b"}`` shares as one cell: "0.93 / 0.41"."""
    return f"{shares['a']:.2f} / {shares['b']:.2f}"


def _unique(edits: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for edit in edits:
        key = (edit["kind"], edit["a"], edit["b"])
        if key not in seen:
            seen.add(key)
            kept.append(edit)
    return kept


def _md_inline(text: str) -> str:
    """Escaped like a table cell, but the spaces at either end are kept (they join pieces)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + md_escape(text) + trail


def side_pieces(passage, text: str, side: str) -> list[tuple[bool, str]]:
    """(changed?, text) pieces of one side of a diff passage, with the original
    punctuation and spacing between words kept (each piece runs to the next)."""
    blocks = [(c.op != "equal", getattr(c, f"{side}_span")) for c in passage.changes]
    blocks = [(changed, span) for changed, span in blocks if span[1] > span[0]]
    end = getattr(passage.passage, side)[1]
    pieces = []
    for index, (changed, (start, stop)) in enumerate(blocks):
        following = blocks[index + 1][1][0] if index + 1 < len(blocks) else max(stop, end)
        pieces.append((changed, text[start:stop]))
        if following > stop:
            pieces.append((False, text[stop:following]))
    return pieces


def highlighted_sides(passage, text_a: str, text_b: str) -> tuple[Text, Text]:
    """The two sides of a diff passage, words only in A red, words only in B green."""
    sides = []
    for side, text, style in (("a", text_a, "bold red"), ("b", text_b, "bold green")):
        rendered = Text()
        for changed, piece in side_pieces(passage, text, side):
            rendered.append(piece, style=style if changed else None)
        sides.append(rendered)
    return sides[0], sides[1]


def diff_markdown(a: dict, b: dict, passages: list) -> str:
    """Aligned passages as Markdown: ~~words only in A~~, **words only in B**."""
    lines = [
        f"# {md_escape(a['title'] or a['path'])} ↔ {md_escape(b['title'] or b['path'])}",
        "",
        f"A: document {a['id']} ({md_escape(a['path'])}); B: document {b['id']} ({md_escape(b['path'])}); "
        f"{plural(len(passages), 'aligned passage')}.",
        "",
    ]
    for number, passage in enumerate(passages, start=1):
        lines += [f"## Passage {number} (similarity {passage.passage.similarity:.2f})", ""]
        for label, document, side, mark in (("A", a, "a", "~~"), ("B", b, "b", "**")):
            pieces = side_pieces(passage, document["text"], side)
            words = "".join(f"{mark}{md_escape(t)}{mark}" if changed else _md_inline(t) for changed, t in pieces)
            lines += [f"> **{label}** {words}", ">"]
        lines.pop()
        edits = [f"{e.kind}: {md_escape(e.a) or '∅'} → {md_escape(e.b) or '∅'}" for e in passage.passage.edits]
        lines += ["", *(f"- {e}" for e in edits), ""]
    return _CROWDED_MARKS.sub(r"\1 \2", "\n".join(lines)) + "\n"


# Two marked runs back to back ("~~a~~~~b~~") must not read as one long mark.
_CROWDED_MARKS = re.compile(r"(~~|\*\*)(~~|\*\*)")
