"""Duplicate pairs and diffs as the commands show them (JSON contract, rows, highlighting)."""

from __future__ import annotations

import re

from rich.text import Text

from corpuskit.documents import DOCUMENT_KEYS
from corpuskit.dupes.model import DupesResult
from corpuskit.render import md_escape, plural
from corpuskit.store import Store
from corpuskit.unionfind import components

# The most telling edits first: a changed name or number matters more than wording.
EDIT_ORDER = {"name": 0, "number": 1, "date": 2, "quote": 3, "wording": 4}
EDITS_SHOWN = 4


def dupes_listing(
    store: Store,
    result: DupesResult,
    min_score: float = 0.0,
    relations: list[str] | None = None,
    document: int | None = None,
) -> dict:
    """``{"documents", "pairs", "siblings", "clusters", "shared_quotes"}`` as in the contract, filtered.

    Sibling pairs are filtered like pairs.  When pairs are filtered by score
    or relation, a cluster is cut into the groups that the listed pairs and
    siblings inside it connect (the first keeps its id, others get new ones),
    and a document none of them joins is left out: a cluster must never stand
    on pairs not shown.  A cut cluster keeps the origins that are in its part.
    """

    def shown(pair) -> bool:
        return pair.score >= min_score and (not relations or pair.relation in relations)

    # Clusters are cut by the score and relation filters alone, so a cluster's ids do not
    # depend on which document is asked about.
    kept = [p.to_json() for p in result.pairs if shown(p)]
    kept_siblings = [s.to_json() for s in result.siblings if shown(s.pair)]
    pairs = [p for p in kept if document is None or document in (p["a"], p["b"])]
    siblings = [s for s in kept_siblings if document is None or document in (s["a"], s["b"])]
    narrowed = min_score > 0 or bool(relations)
    clusters: list[dict] = []
    next_id = max((c.id for c in result.clusters), default=0) + 1
    for cluster in result.clusters:
        parts = _joined_parts(cluster.documents, kept + kept_siblings) if narrowed else [list(cluster.documents)]
        for number, part in enumerate(parts):
            # A cluster the listed pairs cut in two: its first part keeps the id, the others get new ones.
            cluster_id = next_id + number - 1 if number else cluster.id
            if document is None or document in part:
                origins = [d for d in cluster.origins if d in part]
                clusters.append({"id": cluster_id, "documents": part, "origins": origins})
        next_id += max(len(parts) - 1, 0)
    quotes = [q.to_json() for q in result.shared_quotes if shown(q) and (document is None or document in (q.a, q.b))]
    involved = (
        {d for p in pairs + quotes for d in (p["a"], p["b"])}
        | {d for s in siblings for d in (s["a"], s["b"], *s["sources"])}
        | {d for c in clusters for d in c["documents"]}
    )
    documents = [{k: d[k] for k in DOCUMENT_KEYS} for d in store.documents() if d["id"] in involved]
    return {"documents": documents, "pairs": pairs, "siblings": siblings, "clusters": clusters, "shared_quotes": quotes}


def _joined_parts(members: tuple[int, ...] | list[int], pairs: list[dict]) -> list[list[int]]:
    """The groups of two or more ``members`` that the listed ``pairs`` connect, in member order."""
    inside = set(members)
    links = [(p["a"], p["b"]) for p in pairs if p["a"] in inside and p["b"] in inside]
    joined = {d for link in links for d in link}
    order = {d: i for i, d in enumerate(members)}
    parts = [sorted(group, key=order.__getitem__) for group in components([d for d in members if d in joined], links)]
    return sorted((part for part in parts if len(part) >= 2), key=lambda part: order[part[0]])


def _cluster_of(listing: dict) -> dict[tuple[int, int], int]:
    membership = {d: c["id"] for c in listing["clusters"] for d in c["documents"]}
    return {
        (p["a"], p["b"]): membership[p["a"]]
        for p in listing["pairs"]
        if p["a"] in membership and membership[p["a"]] == membership.get(p["b"])
    }


def pair_records(listing: dict) -> list[dict]:
    """The contract's pairs, each with the id of the listed cluster holding it (or None): one JSON line each."""
    clusters = _cluster_of(listing)
    return [{**pair, "cluster": clusters.get((pair["a"], pair["b"]))} for pair in listing["pairs"]]


def cluster_rows(listing: dict) -> list[dict]:
    """One flat row a cluster: its documents and their titles."""
    titles = {d["id"]: d["title"] or d["path"] for d in listing["documents"]}
    return [
        {
            "cluster": c["id"],
            "documents": " ".join(map(str, c["documents"])),
            "titles": " | ".join(titles[d] for d in c["documents"]),
        }
        for c in listing["clusters"]
    ]


def sibling_rows(listing: dict) -> list[dict]:
    """One flat row a sibling pair: the two documents, their common sources, shares and explained shares."""
    return [
        {
            "a": s["a"],
            "b": s["b"],
            "sources": " ".join(map(str, s["sources"])),
            "share": f"{s['share']['a']:.2f} / {s['share']['b']:.2f}",
            "explained": f"{s['explained']['a']:.2f} / {s['explained']['b']:.2f}",
        }
        for s in listing["siblings"]
    ]


def pair_rows(listing: dict) -> list[dict]:
    """One flat row a pair: shares (side by side, and each as a number), its cluster, the most telling edits."""
    clusters = _cluster_of(listing)
    rows = []
    for pair in listing["pairs"]:
        edits = sorted((e for p in pair["passages"] for e in p["edits"]), key=lambda e: EDIT_ORDER[e["kind"]])
        shown = [f"{e['kind']}: {e['a'] or '∅'} → {e['b'] or '∅'}" for e in _unique(edits)[:EDITS_SHOWN]]
        rows.append(
            {
                "a": pair["a"],
                "b": pair["b"],
                "relation": pair["relation"],
                "score": pair["score"],
                "share": f"{pair['share']['a']:.2f} / {pair['share']['b']:.2f}",
                "share_a": pair["share"]["a"],
                "share_b": pair["share"]["b"],
                "direction": pair["direction"] or "",
                "cluster": clusters.get((pair["a"], pair["b"]), ""),
                "edits": "; ".join(shown),
            }
        )
    return rows


def shared_quote_rows(listing: dict) -> list[dict]:
    """One flat row a pair that shares only quotations: not a copy, listed so a reader can compare them."""
    return [
        {
            "a": pair["a"],
            "b": pair["b"],
            "share": f"{pair['share']['a']:.2f} / {pair['share']['b']:.2f}",
            "passages": len(pair["passages"]),
        }
        for pair in listing["shared_quotes"]
    ]


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
