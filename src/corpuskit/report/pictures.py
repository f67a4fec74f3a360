"""The report's pictures: each story's derivation graph and its publication timeline, as inline SVG.

Drawn here, in Python, as SVG markup with presentation attributes only (no
script, no ``<style>``, no external resource), so the HTML report's
Content-Security-Policy holds as it is.  Every piece of report text passes
through ``_e`` (element content and attributes alike); element ids are made
from a key the caller gives and reduced to letters, digits and dashes.

The layout is layered and deterministic: a document's column is the length
of the longest chain of copies that leads to it (originals on the left), and
within a column documents are ordered by where their sources sit, then by
publication date and id.  The timeline places documents on a day axis by
their ``published`` date; those without one are listed apart by the caller.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from corpuskit.documents import published_date
from corpuskit.report import outline

# Sizes in SVG user units (pixels at 100%): a node holds two short lines of 11-12px text.
NODE_WIDTH, NODE_HEIGHT = 220, 44
COLUMN_GAP, ROW_GAP, MARGIN = 100, 18, 12
SAME_COLUMN_BULGE = 60  # how far an edge between two documents of one column swings out to the right
LONG_EDGE_LIFT = (NODE_HEIGHT + ROW_GAP) / 2 / 0.75  # see ``_edge``
BULGE_LABEL_ROOM = 45  # half the width of the longest relation label ("shared quotes") at 10px
# Average width of a character, in ems, of the sans-serif fonts in use (wider in bold): labels are
# cut by it to fit their box, since SVG text does not wrap and the browser's fonts are unknown here.
CHARACTER_EMS, BOLD_CHARACTER_EMS = 0.53, 0.6
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"

# How each kind of edge is drawn: colour, dash pattern (None: solid), whether it has an arrow, legend text.
EDGE_STYLES = {
    "credited": ("#1e8449", None, True, "copied, and the copy credits its source"),
    "uncredited": ("#c0392b", "7 4", True, "copied without credit to its source"),
    "unjudged": ("#566573", None, True, "copied; credit not judged (same outlet, same day, or its finding hidden)"),
    "linked": ("#7f8c8d", "2 4", False, "shares text; who copied whom cannot be told"),
    "sibling": ("#7d3c98", "8 3 2 3", False, "siblings: both took from a common source (not a copy)"),
    "shared_quotes": ("#b9770e", "1 3", False, "share only quotations (not a copy)"),
}
# Edges that say nothing of who copied whom: they do not shape the columns.
UNDIRECTED = frozenset(name for name, style in EDGE_STYLES.items() if not style[2])
# The label of a link that is not a copy, in place of its relation.
PEER_LABELS = {"sibling": "siblings", "shared_quotes": "shared quotes"}
PEER_WIDTH = 1.6
# A line's width by the pair's relation: the more of one text is the other's, the thicker.
RELATION_WIDTHS = {"exact": 4.0, "near copy": 4.0, "rewrite": 2.6, "partial": 1.4}
# Edges are labelled with their relation only up to this many: more labels overlap and hide the
# lines, and the widths tell the relations apart anyway.
EDGE_LABELS_UP_TO = 6
# A document's fill by its role in the story (``sources`` of the report).
ROLE_FILLS = {"original": "#d6eaf8", "copy": "#fdebd0", "linked": "#eeeeee", "independent": "#ffffff"}
ROLE_LEGEND = {
    "original": "original",
    "copy": "copy",
    "linked": "linked (direction unknown)",
    "independent": "independent report",
}


def _e(value: Any) -> str:
    """Text made inert for SVG/HTML content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _id_part(value: Any) -> str:
    """A piece of an element id: letters, digits and dashes only, whatever the report holds."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", str(value))[:40] or "x"


def _cut(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut to what fits ``width`` units at font ``size``, with an ellipsis when cut."""
    most = max(int(width / (size * (BOLD_CHARACTER_EMS if bold else CHARACTER_EMS))), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def id_order(doc_id: Any) -> tuple:
    """Documents in id order: numbers by value (2 before 10), anything else after, as text."""
    return (0, doc_id, "") if isinstance(doc_id, int) else (1, 0, str(doc_id))


def short_name(doc_id: Any, docs: dict[Any, dict]) -> str:
    """A document's name for a small label: its outlet, else its file's name, else "document N"."""
    doc = docs.get(doc_id) or {}
    if doc.get("outlet"):
        return str(doc["outlet"])
    return PurePath(str(doc["path"])).name if doc.get("path") else f"document {doc_id}"


# ---------------------------------------------------------------------------
# Derivation graph
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """A pair of the story drawn as a line: ``source`` -> ``copy`` (for the UNDIRECTED styles, just the two ends)."""

    source: Any
    copy: Any
    style: str  # a key of EDGE_STYLES
    relation: str


def story_edges(story: dict) -> list[Edge]:
    """The story's derivation pairs as edges from source to copy, each styled by what is known of
    its credit: the attribution findings say credited or not; a pair whose direction a credit line
    told is credited; a copy the findings do not judge (an outlet's own update, texts of one day)
    is drawn as such, never as uncredited.  The story's siblings and pairs sharing only quotations
    follow, as links without direction."""
    credited = _credits(story)
    edges = []
    for pair in story.get("derivation") or []:
        a, b, direction = pair.get("a"), pair.get("b"), pair.get("direction")
        relation = str(pair.get("relation") or "").replace("_", " ")
        if direction not in ("a->b", "b->a"):
            edges.append(Edge(a, b, "linked", relation))
            continue
        source, copy = (a, b) if direction == "a->b" else (b, a)
        told = credited.get((copy, source))
        if told is None and pair.get("direction_reason") == "credit":
            told = True
        style = "unjudged" if told is None else ("credited" if told else "uncredited")
        edges.append(Edge(source, copy, style, relation))
    for style, key in (("sibling", "siblings"), ("shared_quotes", "shared_quotes")):
        edges += [Edge(link.get("a"), link.get("b"), style, PEER_LABELS[style]) for link in story.get(key) or []]
    return edges


def _credits(story: dict) -> dict[tuple[Any, Any], bool]:
    """(copy, source) -> whether the copy credits it, from the story's attribution findings."""
    told: dict[tuple[Any, Any], bool] = {}
    for finding in story.get("findings") or []:
        if finding.get("kind") != "attribution":
            continue
        sources = finding.get("source_documents") or [finding.get("source_document")]
        for source in sources:
            told[(finding.get("document"), source)] = bool(finding.get("credited"))
    return told


@dataclass(frozen=True)
class Drawing:
    """One picture: its SVG markup and how many documents it leaves out."""

    svg: str
    left_out: int = 0


def derivation_svg(story: dict, docs: dict[Any, dict], max_nodes: int, key: Any = "") -> Drawing | None:
    """The story's derivation graph (None for a story of one document): at most ``max_nodes``
    documents, those with the most links first; ``left_out`` counts the others."""
    members = list(story.get("documents") or [])
    if len(members) < 2:
        return None
    edges = story_edges(story)
    drawn = _most_linked(members, edges, max_nodes)
    kept = set(drawn)
    edges = [e for e in edges if e.source in kept and e.copy in kept]
    roles = {s.get("document"): s.get("role") for s in story.get("sources") or []}
    places = _layout(drawn, edges, docs)
    prefix = f"g{_id_part(key)}"
    width = MARGIN * 2 + max(x for x, _ in places.values()) + NODE_WIDTH
    # An edge within one column swings out right of it, with its label at the tip: room for both.
    width += SAME_COLUMN_BULGE + BULGE_LABEL_ROOM if any(places[e.source][0] == places[e.copy][0] for e in edges) else 0
    height = MARGIN * 2 + max(y for _, y in places.values()) + NODE_HEIGHT
    parts = [
        _svg_open(
            width, height, f"{prefix}-title", "Who copied whom: documents of the story and the copies between them"
        ),
        "<defs>"
        + "".join(_marker(f"{prefix}-{_id_part(name)}", style[0]) for name, style in EDGE_STYLES.items() if style[2])
        + "</defs>",
        *(_edge(edge, places, prefix, len(edges) <= EDGE_LABELS_UP_TO) for edge in edges),
        *(_node(doc, places[doc], roles.get(doc), docs) for doc in sorted(drawn, key=id_order)),
        "</svg>",
    ]
    return Drawing("".join(parts), len(members) - len(drawn))


def _most_linked(members: list, edges: list[Edge], max_nodes: int) -> list:
    """The documents to draw: all when they fit, else the ``max_nodes`` with the most edges."""
    if len(members) <= max_nodes:
        return members
    degree: dict[Any, int] = defaultdict(int)
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.copy] += 1
    ranked = sorted(members, key=lambda d: (-degree[d], id_order(d)))
    return ranked[: max(max_nodes, 1)]


def layers(documents: list, edges: list[Edge]) -> dict[Any, int]:
    """Each document's column: the longest chain of copies leading to it (0 for an original or an
    unlinked document).  Bounded by the number of documents, so even contradictory directions
    (a cycle) end."""
    layer = {d: 0 for d in documents}
    directed = [e for e in edges if e.style not in UNDIRECTED]
    for _ in range(len(documents)):
        changed = False
        for edge in directed:
            if layer[edge.copy] < layer[edge.source] + 1 and layer[edge.source] + 1 < len(documents):
                layer[edge.copy] = layer[edge.source] + 1
                changed = True
        if not changed:
            break
    return layer


def _layout(documents: list, edges: list[Edge], docs: dict[Any, dict]) -> dict[Any, tuple[float, float]]:
    """Top-left corner of each document's box: columns by ``layers``, each column ordered by the
    mean row of its documents' sources (fewer crossings), then by publication date and id, and
    centred on the tallest column."""
    layer = layers(documents, edges)
    sources: dict[Any, list] = defaultdict(list)
    for edge in edges:
        if edge.style not in UNDIRECTED:
            sources[edge.copy].append(edge.source)
    row: dict[Any, float] = {}
    columns = [sorted((d for d in documents if layer[d] == n), key=id_order) for n in range(max(layer.values()) + 1)]
    columns = [column for column in columns if column]
    for column in columns:
        column.sort(key=lambda d: (_mean(row.get(s) for s in sources[d]), _date_key(docs, d), id_order(d)))
        row.update({d: float(i) for i, d in enumerate(column)})
    tallest = max(len(column) for column in columns)
    places: dict[Any, tuple[float, float]] = {}
    for n, column in enumerate(columns):
        offset = (tallest - len(column)) * (NODE_HEIGHT + ROW_GAP) / 2
        for i, doc in enumerate(column):
            places[doc] = (n * (NODE_WIDTH + COLUMN_GAP), offset + i * (NODE_HEIGHT + ROW_GAP))
    return places


def _mean(values) -> float:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else -1.0


def _date_key(docs: dict[Any, dict], doc_id: Any) -> str:
    day = published_date((docs.get(doc_id) or {}).get("published"))
    return day.isoformat() if day else "9999"  # undated last


def _svg_open(width: float, height: float, title_id: str, title: str) -> str:
    return (
        f'<svg class="picture" xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family="{_e(FONT)}" '
        f'aria-labelledby="{title_id}"><title id="{title_id}">{_e(title)}</title>'
    )


def _marker(marker_id: str, colour: str) -> str:
    return (
        f'<marker id="{marker_id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
        'markerUnits="userSpaceOnUse" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
    )


def _edge(edge: Edge, places: dict[Any, tuple[float, float]], prefix: str, labelled: bool) -> str:
    """A curve from the source's box to the copy's (arrow at the copy), as wide as the relation
    is close, and when ``labelled`` with the relation's name at its middle."""
    colour, dash, arrow, meaning = EDGE_STYLES[edge.style]
    (sx, sy), (cx, cy) = places[edge.source], places[edge.copy]
    middle = NODE_HEIGHT / 2
    if sx == cx:  # one column: out of the right side and back in
        start, end = (sx + NODE_WIDTH, sy + middle), (cx + NODE_WIDTH, cy + middle)
        bend = (start[0] + SAME_COLUMN_BULGE, start[1]), (end[0] + SAME_COLUMN_BULGE, end[1])
    else:
        right = 1 if sx < cx else -1
        start = (sx + (NODE_WIDTH if right > 0 else 0), sy + middle)
        end = (cx + (0 if right > 0 else NODE_WIDTH), cy + middle)
        pull = right * COLUMN_GAP / 2
        # Across more than one column, the curve rises into the gap between rows, so that it does
        # not run hidden behind the boxes of the columns between (a cubic peaks at 3/4 of its lift).
        lift = LONG_EDGE_LIFT if abs(cx - sx) > NODE_WIDTH + COLUMN_GAP else 0.0
        bend = (start[0] + pull, start[1] - lift), (end[0] - pull, end[1] - lift)
    (x1, y1), ((c1x, c1y), (c2x, c2y)), (x2, y2) = start, bend, end
    label_x, label_y = (x1 + 3 * c1x + 3 * c2x + x2) / 8, (y1 + 3 * c1y + 3 * c2y + y2) / 8  # the curve's midpoint
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    marker = f' marker-end="url(#{prefix}-{_id_part(edge.style)})"' if arrow else ""
    what = f"{edge.copy} copied {edge.source}" if arrow else f"{edge.source} and {edge.copy}"
    label = (
        f'<text x="{label_x:.1f}" y="{label_y - 4:.1f}" text-anchor="middle" font-size="10" fill="{colour}" '
        f'stroke="#fbfbf8" stroke-width="3" paint-order="stroke">{_e(edge.relation)}</text>'
        if labelled
        else ""
    )
    return (
        f'<g class="edge edge-{edge.style}"><title>{_e(f"{what}: {edge.relation}; {meaning}")}</title>'
        f'<path d="M{x1:.1f},{y1:.1f} C{c1x:.1f},{c1y:.1f} {c2x:.1f},{c2y:.1f} {x2:.1f},{y2:.1f}" fill="none" '
        f'stroke="{colour}" stroke-width="{RELATION_WIDTHS.get(edge.relation, PEER_WIDTH)}"{dashes}{marker}/>{label}</g>'
    )


def _node(doc_id: Any, place: tuple[float, float], role: Any, docs: dict[Any, dict]) -> str:
    """A box with the document's id and outlet on one line and its title, cut to fit, below."""
    x, y = place
    title = (docs.get(doc_id) or {}).get("title") or ""
    name = _cut(f"{doc_id} · {short_name(doc_id, docs)}", NODE_WIDTH - 12, 12, bold=True)
    fill = ROLE_FILLS.get(role, ROLE_FILLS["independent"]) if isinstance(role, str) else ROLE_FILLS["independent"]
    return (
        f'<g class="node"><title>{_e(outline.document_heading(doc_id, docs))}</title>'
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="5" fill="{fill}" '
        f'stroke="#1d1d1f" stroke-width="1"/>'
        f'<text x="{x + 6:.1f}" y="{y + 17:.1f}" font-size="12" font-weight="bold" fill="#1d1d1f">{_e(name)}</text>'
        f'<text x="{x + 6:.1f}" y="{y + 34:.1f}" font-size="11" fill="#333">{_e(_cut(title, NODE_WIDTH - 12, 11))}</text>'
        "</g>"
    )


def legend_svg(story: dict) -> str:
    """What the lines and fills mean: only the kinds this story's picture uses."""
    edges = story_edges(story)
    styles = {e.style for e in edges}
    relations = {e.relation for e in edges}
    roles = {s.get("role") for s in story.get("sources") or []}
    rows = [(name, "edge") for name in EDGE_STYLES if name in styles]
    rows += [(name, "width") for name in RELATION_WIDTHS if name in relations]
    rows += [(role, "role") for role in ROLE_FILLS if role in roles]
    height = MARGIN + len(rows) * 20
    longest = max((len(_legend_text(name, kind)) for name, kind in rows), default=0)
    width = round(LEGEND_TEXT_X + longest * LEGEND_FONT * CHARACTER_EMS * 1.1)  # a tenth spare: fonts vary
    parts = [
        f'<svg class="legend" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{_e(FONT)}" role="img" aria-label="Legend">'
    ]
    for i, (name, kind) in enumerate(rows):
        y = 6 + i * 20
        meaning = _legend_text(name, kind)
        if kind == "edge":
            colour, dash, _, _ = EDGE_STYLES[name]
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<line x1="4" y1="{y + 8}" x2="44" y2="{y + 8}" stroke="{colour}" stroke-width="2"{dashes}/>')
        elif kind == "width":
            parts.append(
                f'<line x1="4" y1="{y + 8}" x2="44" y2="{y + 8}" stroke="#566573" stroke-width="{RELATION_WIDTHS[name]}"/>'
            )
        else:
            parts.append(
                f'<rect x="14" y="{y + 1}" width="20" height="14" rx="3" fill="{ROLE_FILLS[name]}" stroke="#1d1d1f"/>'
            )
        parts.append(
            f'<text x="{LEGEND_TEXT_X}" y="{y + 12}" font-size="{LEGEND_FONT}" fill="#1d1d1f">{_e(meaning)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


LEGEND_TEXT_X, LEGEND_FONT = 54, 12  # where a legend row's words start (after its sample), their size


def _legend_text(name: str, kind: str) -> str:
    if kind == "edge":
        return EDGE_STYLES[name][3]
    return f"line width: {name}" if kind == "width" else ROLE_LEGEND[name]


# ---------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------

TIMELINE_WIDTH = 760
TIMELINE_SIDE = 20  # room at either end of the axis
LABEL_ROW = 18  # height of one row of labels above the axis
LABEL_GAP = 10  # least room between two labels of one row
TIMELINE_LABEL_WIDTH = 180  # a label longer than this is cut


def dated_documents(story: dict, docs: dict[Any, dict]) -> tuple[list[tuple[date, Any]], list]:
    """The story's documents with their publication day, in order, and those without a known date."""
    dated, undated = [], []
    for doc_id in story.get("documents") or []:
        day = published_date((docs.get(doc_id) or {}).get("published"))
        if day is None:
            undated.append(doc_id)
        else:
            dated.append((day, doc_id))
    return sorted(dated, key=lambda item: (item[0], id_order(item[1]))), undated


def timeline_svg(story: dict, docs: dict[Any, dict], key: Any = "") -> str | None:
    """The story's dated documents on a day axis, their labels stacked in rows so none overlap;
    None when no document of the story has a date or the story has one document."""
    dated, _ = dated_documents(story, docs)
    if len(story.get("documents") or []) < 2 or not dated:
        return None
    first, last = dated[0][0], dated[-1][0]
    span = max((last - first).days, 1)
    inner = TIMELINE_WIDTH - 2 * TIMELINE_SIDE
    placed = []  # (x of the day, x where its label starts, row, label)
    row_ends: list[float] = []
    for day, doc_id in dated:
        at = TIMELINE_SIDE + (inner / 2 if first == last else (day - first).days / span * inner)
        label = _cut(f"{doc_id} · {short_name(doc_id, docs)}", TIMELINE_LABEL_WIDTH, 11)
        width = len(label) * 11 * CHARACTER_EMS
        start = min(at, TIMELINE_WIDTH - TIMELINE_SIDE - width)
        row = next((r for r, end in enumerate(row_ends) if start >= end + LABEL_GAP), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = start + width
        placed.append((at, start, row, label, doc_id))
    axis = MARGIN + len(row_ends) * LABEL_ROW + 8
    height = axis + 30
    parts = [
        _svg_open(TIMELINE_WIDTH, height, f"t{_id_part(key)}-title", "Publication timeline of the story's documents"),
        f'<line x1="{TIMELINE_SIDE}" y1="{axis}" x2="{TIMELINE_WIDTH - TIMELINE_SIDE}" y2="{axis}" '
        'stroke="#1d1d1f" stroke-width="1.5"/>',
    ]
    for day in sorted({first, last}):
        at = TIMELINE_SIDE + (inner / 2 if first == last else (day - first).days / span * inner)
        anchor = "middle" if first == last else ("start" if day == first else "end")
        parts.append(
            f'<text x="{at:.1f}" y="{axis + 20}" font-size="11" text-anchor="{anchor}" fill="#333">'
            f"{_e(day.isoformat())}</text>"
        )
    for at, start, row, label, doc_id in placed:
        y = MARGIN + row * LABEL_ROW + 12
        parts.append(
            f'<g class="event"><title>{_e(outline.document_heading(doc_id, docs))}</title>'
            f'<line x1="{at:.1f}" y1="{y + 3}" x2="{at:.1f}" y2="{axis}" stroke="#aab" stroke-width="1"/>'
            f'<circle cx="{at:.1f}" cy="{axis}" r="4" fill="#2471a3"/>'
            f'<text x="{start:.1f}" y="{y}" font-size="11" fill="#1d1d1f">{_e(label)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
