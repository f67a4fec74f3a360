"""The copy graph of the corpus, for Gephi, yEd, Graphviz and Mermaid (``corpuskit graph``).

Made from the dupes results (the same ``DupesResult`` that ``dupes`` lists
and the report reads), it holds:

* a node for every document that is linked to another (a copy pair, a
  sibling pair or a pair sharing only quotations), with its id, title,
  outlet, publication date and path; a document linked to none is not
  drawn, so a corpus of unrelated texts is an empty graph, not a cloud of
  dots;
* a node for each outlet of those documents, joined to its documents by an
  ``outlet`` edge;
* an edge for every copy pair, from the source to the copy when dupes could
  tell who copied whom, or the kept report's story does (``with_story_directions``;
  else from the lower id, marked undirected), with its
  relation, similarity, shares and whether the copy credits its source; an
  undirected edge for every sibling pair (with their common sources) and
  every pair sharing only quotations -- neither is a copy.

Two documents with no pair between them get no edge, whatever their outlets
or story.  GEXF and GraphML are written by networkx; DOT and Mermaid, small
text formats, here, with every label quoted and escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corpuskit.dupes.model import DupesResult, PairResult
from corpuskit.store import Store
from corpuskit.text.credits import credit_span, outlet_names

if TYPE_CHECKING:
    import networkx as nx

GRAPH_FORMATS = ("gexf", "graphml", "dot", "mermaid")


@dataclass(frozen=True)
class Node:
    id: str  # "d<document id>" or "o<n>": safe as a node id in every format
    kind: str  # "document" or "outlet"
    label: str
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "copy", "sibling", "shared_quotes" or "outlet"
    directed: bool
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CopyGraph:
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()

    @property
    def copies(self) -> int:
        return sum(1 for e in self.edges if e.kind == "copy")


def with_story_directions(dupes: DupesResult, report: Mapping | None) -> DupesResult:
    """``dupes`` with the directions a report's stories give pairs dupes could not orient (reason
    "story": the member nearer the story's original is the source), so that the graph draws
    what the report's derivations say; ``report`` None (none kept) changes nothing."""
    told = {
        (pair["a"], pair["b"]): pair["direction"]
        for story in (report or {}).get("stories", [])
        for pair in story.get("derivation", [])
        if pair.get("direction_reason") == "story"
    }
    if not told:
        return dupes
    pairs = tuple(
        replace(pair, direction=told[(pair.a, pair.b)], direction_reason="story")
        if pair.direction is None and (pair.a, pair.b) in told
        else pair
        for pair in dupes.pairs
    )
    return replace(dupes, pairs=pairs)


def store_copy_graph(store: Store, dupes: DupesResult) -> CopyGraph:
    """The copy graph of the store's documents (the texts of copies read a batch at a time)."""
    return copy_graph(store.documents(), dupes, store.document_texts)


# Copies whose texts are read at once to look for their credit lines: memory stays bounded
# however many copies the corpus has.
CREDIT_BATCH = 500


def copy_graph(
    documents: Iterable[Mapping], dupes: DupesResult, read_texts: Callable[[list[int]], Mapping[int, str]]
) -> CopyGraph:
    """The graph of ``dupes`` over ``documents`` (rows with id, title, outlet, published, path);
    ``read_texts(ids)`` gives those documents' texts, to look for the copies' credit lines."""
    docs = {int(d["id"]): d for d in documents}
    credits = _credits(dupes.pairs, docs, read_texts)
    edges = [_copy_edge(pair, credits[(pair.a, pair.b)]) for pair in dupes.pairs]
    edges += [_peer_edge(s.pair, "sibling", {"sources": " ".join(f"d{d}" for d in s.sources)}) for s in dupes.siblings]
    edges += [_peer_edge(pair, "shared_quotes", {}) for pair in dupes.shared_quotes]
    linked = sorted({int(end[1:]) for e in edges for end in (e.source, e.target)})
    outlets = sorted({_clean(docs[d]["outlet"]) for d in linked if docs[d].get("outlet")})
    outlet_id = {name: f"o{n}" for n, name in enumerate(outlets, start=1)}
    nodes = [_document_node(docs[d]) for d in linked]
    nodes += [Node(outlet_id[name], "outlet", name, {"kind": "outlet"}) for name in outlets]
    edges += [
        Edge(f"d{d}", outlet_id[_clean(docs[d]["outlet"])], "outlet", True, {"kind": "outlet"})
        for d in linked
        if docs[d].get("outlet")
    ]
    return CopyGraph(tuple(nodes), tuple(edges))


def _document_node(doc: Mapping) -> Node:
    title = _clean(doc.get("title"))
    attributes = {
        "kind": "document",
        "document": int(doc["id"]),
        "title": title,
        "outlet": _clean(doc.get("outlet")),
        "published": _clean(doc.get("published")),
        "path": _clean(doc.get("path")),
    }
    label = f"{doc['id']}: {title}" if title else f"document {doc['id']}"
    return Node(f"d{doc['id']}", "document", label, attributes)


def _source_and_copy(pair: PairResult) -> tuple[int, int]:
    """(source, copy) by the pair's direction; (a, b) when it is not known."""
    return (pair.b, pair.a) if pair.direction == "b->a" else (pair.a, pair.b)


def _copy_edge(pair: PairResult, credited: str) -> Edge:
    source, copy = _source_and_copy(pair)
    share = {pair.a: pair.share_a, pair.b: pair.share_b}
    attributes = {
        "kind": "copy",
        "relation": pair.relation,
        "similarity": round(pair.score, 3),
        "share_source": round(share[source], 3),  # of the edge's source's text, aligned to the target
        "share_target": round(share[copy], 3),
        "direction": "known" if pair.direction else "unknown",
        "direction_reason": pair.direction_reason or "",
        "credited": credited,
    }
    return Edge(f"d{source}", f"d{copy}", "copy", bool(pair.direction), attributes)


def _credits(
    pairs: Iterable[PairResult], docs: Mapping[int, Mapping], read_texts: Callable[[list[int]], Mapping[int, str]]
) -> dict[tuple[int, int], str]:
    """(a, b) -> whether the pair's copy credits its source: "yes" when a credit line told dupes
    the direction or the copy's credit line names the source's outlet (the matcher dupes and the
    report use), "no" when it does not, "unknown" when that cannot be asked: no direction, the
    source's outlet unknown, or both of one outlet (an update of its own text, not reuse)."""
    credits, asked = {}, []
    for pair in pairs:
        source, copy = _source_and_copy(pair)
        outlet, own = docs[source].get("outlet"), docs[copy].get("outlet")
        if not pair.direction or not outlet or (own and set(outlet_names(outlet)) & set(outlet_names(own))):
            credits[(pair.a, pair.b)] = "unknown"
        elif pair.direction_reason == "credit":
            credits[(pair.a, pair.b)] = "yes"
        else:
            asked.append((pair, copy, outlet, own))
    for start in range(0, len(asked), CREDIT_BATCH):
        batch = asked[start : start + CREDIT_BATCH]
        texts = read_texts(sorted({copy for _, copy, _, _ in batch}))
        for pair, copy, outlet, own in batch:
            credits[(pair.a, pair.b)] = "yes" if credit_span(texts[copy], outlet, own) else "no"
    return credits


def _peer_edge(pair: PairResult, kind: str, extra: dict) -> Edge:
    attributes = {
        "kind": kind,
        "relation": pair.relation,
        "similarity": round(pair.score, 3),
        "share_source": round(pair.share_a, 3),
        "share_target": round(pair.share_b, 3),
        **extra,
    }
    return Edge(f"d{pair.a}", f"d{pair.b}", kind, False, attributes)


# Characters XML 1.0 cannot hold even escaped (most control characters): removed from every text.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


def to_networkx(graph: CopyGraph, edge_types: bool = False) -> nx.DiGraph:
    """The graph as a networkx DiGraph (undirected edges stored one way); ``edge_types`` adds
    GEXF's per-edge ``type`` (directed or undirected)."""
    import networkx as nx  # here: every command imports the CLI, one writes graphs

    result = nx.DiGraph()
    for node in graph.nodes:
        result.add_node(node.id, label=node.label, **node.attributes)
    for edge in graph.edges:
        typed = {"type": "directed" if edge.directed else "undirected"} if edge_types else {}
        result.add_edge(edge.source, edge.target, **typed, **edge.attributes)
    return result


def write_gexf(graph: CopyGraph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_gexf(to_networkx(graph, edge_types=True))) + "\n"


def write_graphml(graph: CopyGraph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(graph))) + "\n"


def _dot_string(value: object) -> str:
    """A DOT quoted string: backslashes and double quotes escaped, line breaks as \\n."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


# How each edge is drawn in DOT and Mermaid: a credited copy solid, an uncredited one dashed,
# links that are not copies dotted and without arrow.
_DOT_STYLES = {"yes": "solid", "no": "dashed", "unknown": "solid"}


def write_dot(graph: CopyGraph) -> str:
    lines = ["digraph copies {", "  rankdir=LR;", "  node [shape=box];"]
    for node in graph.nodes:
        attrs = {"label": node.label, **node.attributes}
        if node.kind == "outlet":
            attrs["shape"] = "ellipse"
        lines.append(f"  {_dot_string(node.id)} [{_dot_attributes(attrs)}];")
    for edge in graph.edges:
        attrs = dict(edge.attributes)
        if edge.kind == "copy":
            attrs["style"] = _DOT_STYLES[attrs["credited"]]
            attrs["label"] = str(attrs["relation"]).replace("_", " ")
        else:
            attrs["style"] = "dotted"
        if not edge.directed:
            attrs["dir"] = "none"
        lines.append(f"  {_dot_string(edge.source)} -> {_dot_string(edge.target)} [{_dot_attributes(attrs)}];")
    return "\n".join([*lines, "}"]) + "\n"


def _dot_attributes(attrs: Mapping) -> str:
    return ", ".join(f"{name}={_dot_string(value)}" for name, value in attrs.items())


# Characters shown as themselves in a Mermaid label; any other is written as an entity code (#35;),
# so no quote, bracket, pipe or markup in a title can end the label or become markup.
_MERMAID_PLAIN = re.compile(r"[A-Za-z0-9 ,.:;/_'()-]")


def _mermaid_text(value: object) -> str:
    return '"' + "".join(c if _MERMAID_PLAIN.fullmatch(c) else f"#{ord(c)};" for c in str(value)) + '"'


def write_mermaid(graph: CopyGraph) -> str:
    lines = ["flowchart LR"]
    for node in graph.nodes:
        label = node.label if node.kind == "outlet" else _document_label(node)
        shape = ("([", "])") if node.kind == "outlet" else ("[", "]")
        lines.append(f"  {node.id}{shape[0]}{_mermaid_text(label)}{shape[1]}")
    for edge in graph.edges:
        lines.append(f"  {edge.source} {_mermaid_link(edge)} {edge.target}")
    return "\n".join(lines) + "\n"


def _document_label(node: Node) -> str:
    outlet = node.attributes.get("outlet")
    return f"{node.label} ({outlet})" if outlet else node.label


def _mermaid_link(edge: Edge) -> str:
    """The link between two nodes: solid arrow for a copy, dashed for an uncredited one, a line
    without arrow when the direction is unknown, dotted for links that are not copies."""
    if edge.kind == "outlet":
        return "--o"
    attributes = edge.attributes
    if edge.kind != "copy":
        return f"-.-|{_mermaid_text(edge.kind.replace('_', ' '))}|"
    words = [str(attributes["relation"]).replace("_", " ")]
    if not edge.directed:
        return f"---|{_mermaid_text(words[0] + ', direction unknown')}|"
    credited = attributes["credited"]
    words += {"yes": ["credited"], "no": ["not credited"], "unknown": []}[credited]
    arrow = "-.->" if credited == "no" else "-->"
    return f"{arrow}|{_mermaid_text(', '.join(words))}|"


WRITERS = {"gexf": write_gexf, "graphml": write_graphml, "dot": write_dot, "mermaid": write_mermaid}


def render_graph(graph: CopyGraph, fmt: str) -> str:
    """The graph in one of ``GRAPH_FORMATS``."""
    return WRITERS[fmt](graph)
