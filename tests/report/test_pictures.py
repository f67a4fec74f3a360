"""The HTML report's pictures: each story's derivation graph and publication timeline, as inline SVG.

Each SVG is read back as XML (so hostile text must leave it well formed) and
checked for what it draws and what it must not; the whole page is checked for
its policy and, when Chromium is installed, rendered from the seeds.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from corpuskit.report import pictures
from corpuskit.report.html import render_html

from .fixtures import DOCUMENTS, parse_html, sample_report
from .test_render_html import _chromium, _dump_doms

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_OUTLET = "<script>alert(1)</script>"
HOSTILE_TITLE = '"\' onload="alert(2)" & </svg><b>bold'
# The policy the report has always had: the pictures must not need a weaker one.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def docs_of(report: dict) -> dict:
    return {d["id"]: d for d in report["documents"]}


def story_one() -> tuple[dict, dict]:
    report = sample_report()
    return report["stories"][0], docs_of(report)


def svg_tree(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def groups(tree: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in tree.iter(f"{SVG}g") if kind in (g.get("class") or "").split()]


def node_box(tree: ET.Element, doc_id) -> ET.Element:
    """The rect of the node whose tooltip names document ``doc_id``."""
    for node in groups(tree, "node"):
        if node.find(f"{SVG}title").text.startswith(f"Document {doc_id} "):
            return node.find(f"{SVG}rect")
    raise AssertionError(f"no node for document {doc_id}")


def chain_story(count: int) -> tuple[dict, dict]:
    """A story of ``count`` documents: 1 is the source of every other, and 2 of 3."""
    documents = [
        {"id": i, "path": f"in/{i}.txt", "title": f"Title {i}", "outlet": f"Outlet {i}", "published": None}
        for i in range(1, count + 1)
    ]
    derivation = [{"a": 1, "b": i, "relation": "partial", "direction": "a->b"} for i in range(2, count + 1)]
    derivation.append({"a": 2, "b": 3, "relation": "rewrite", "direction": "a->b"})
    story = {
        "id": 1,
        "documents": list(range(1, count + 1)),
        "sources": [{"document": i, "role": "copy" if i > 1 else "original"} for i in range(1, count + 1)],
        "derivation": derivation,
        "findings": [],
    }
    return story, {d["id"]: d for d in documents}


# ---------------------------------------------------------------------------
# Derivation graph
# ---------------------------------------------------------------------------


def test_graph_draws_every_document_and_each_copy_from_source_to_copy():
    story, docs = story_one()
    tree = svg_tree(pictures.derivation_svg(story, docs, max_nodes=40, key=1).svg)
    assert len(groups(tree, "node")) == 4  # the independent document 4 too, unlinked
    labels = [t.text for t in tree.iter(f"{SVG}text")]
    assert "1 · Coastal Herald" in labels and "4 · residents_letter.txt" in labels
    edges = groups(tree, "edge")
    assert len(edges) == 2
    for edge in edges:
        assert edge.find(f"{SVG}path").get("marker-end", "").startswith("url(#g1-")
    # The original's column is left of its copies'.
    assert float(node_box(tree, 1).get("x")) < float(node_box(tree, 2).get("x"))
    assert float(node_box(tree, 2).get("x")) == float(node_box(tree, 3).get("x"))


def test_credited_and_uncredited_copies_are_drawn_differently_and_explained_in_the_legend():
    story, docs = story_one()  # its findings: 3 credits 1, 2 does not
    edges = {e.copy: e.style for e in pictures.story_edges(story)}
    assert edges == {2: "uncredited", 3: "credited"}
    tree = svg_tree(pictures.derivation_svg(story, docs, 40, key=1).svg)
    [credited] = groups(tree, "edge-credited")
    [uncredited] = groups(tree, "edge-uncredited")
    solid, dashed = credited.find(f"{SVG}path"), uncredited.find(f"{SVG}path")
    assert solid.get("stroke-dasharray") is None and dashed.get("stroke-dasharray")
    assert solid.get("stroke") != dashed.get("stroke")
    assert "2 copied 1" in uncredited.find(f"{SVG}title").text
    legend = [t.text for t in svg_tree(pictures.legend_svg(story)).iter(f"{SVG}text")]
    assert pictures.EDGE_STYLES["credited"][3] in legend and pictures.EDGE_STYLES["uncredited"][3] in legend
    assert pictures.EDGE_STYLES["linked"][3] not in legend  # only what this picture uses


def test_a_copy_no_finding_judges_is_not_drawn_as_uncredited_and_an_undirected_pair_has_no_arrow():
    story, docs = story_one()
    story["findings"] = []  # e.g. an outlet's update of its own text: no attribution finding
    story["derivation"][1]["direction"] = None
    styles = [e.style for e in pictures.story_edges(story)]
    assert styles == ["unjudged", "linked"]
    tree = svg_tree(pictures.derivation_svg(story, docs, 40).svg)
    [linked] = groups(tree, "edge-linked")
    assert linked.find(f"{SVG}path").get("marker-end") is None
    assert groups(tree, "edge-uncredited") == []


def test_siblings_and_shared_quotations_are_links_without_arrow_that_do_not_shape_the_columns():
    story, docs = story_one()
    before = pictures.layers(story["documents"], pictures.story_edges(story))
    story["siblings"] = [{"a": 2, "b": 3, "relation": "partial", "score": 0.5, "sources": [1]}]
    story["shared_quotes"] = [{"a": 3, "b": 4, "relation": "shared_quotes", "score": 0.1}]
    edges = pictures.story_edges(story)
    assert [(e.source, e.copy, e.style) for e in edges[2:]] == [(2, 3, "sibling"), (3, 4, "shared_quotes")]
    assert pictures.layers(story["documents"], edges) == before
    tree = svg_tree(pictures.derivation_svg(story, docs, 40).svg)
    for style in ("sibling", "shared_quotes"):
        [link] = groups(tree, f"edge-{style}")
        path = link.find(f"{SVG}path")
        assert path.get("marker-end") is None and path.get("stroke-dasharray")
        assert path.get("stroke") == pictures.EDGE_STYLES[style][0]
    legend = [t.text for t in svg_tree(pictures.legend_svg(story)).iter(f"{SVG}text")]
    assert pictures.EDGE_STYLES["sibling"][3] in legend and pictures.EDGE_STYLES["shared_quotes"][3] in legend


def test_a_credit_line_that_told_the_direction_counts_as_credited_without_a_finding():
    story, _ = story_one()
    story["findings"] = []
    story["derivation"][0]["direction_reason"] = "credit"
    assert [e.style for e in pictures.story_edges(story)] == ["credited", "unjudged"]


def test_hostile_outlet_and_title_stay_text_in_well_formed_svg():
    story, docs = story_one()
    docs[1] = {**docs[1], "outlet": HOSTILE_OUTLET, "title": HOSTILE_TITLE}
    docs[3] = {**docs[3], "outlet": HOSTILE_TITLE, "published": "2024-03-06"}
    for markup in (
        pictures.derivation_svg(story, docs, 40, key='1" onload="x').svg,
        pictures.timeline_svg(story, docs),
    ):
        tree = svg_tree(markup)  # parses: nothing broke out of an attribute or element
        tags = {element.tag.removeprefix(SVG) for element in tree.iter()}
        assert tags <= {"svg", "title", "defs", "marker", "path", "g", "rect", "text", "line", "circle"}
        for element in tree.iter():
            assert not [name for name in element.attrib if name.startswith("on")]
            assert all(c.isalnum() or c == "-" for c in element.get("id", ""))
        shown = " ".join(t.text or "" for t in tree.iter() if t.tag in (f"{SVG}text", f"{SVG}title"))
        assert "<script>" in shown or HOSTILE_TITLE[:10] in shown  # shown as text, not dropped
    assert "<script>" not in pictures.derivation_svg(story, docs, 40).svg  # escaped in the markup


def test_a_story_of_one_document_gets_no_picture():
    report = sample_report()
    story, docs = report["stories"][1], docs_of(report)
    assert pictures.derivation_svg(story, docs, 40) is None
    assert pictures.timeline_svg(story, docs) is None
    report["selection"] = {"story": 2}  # asked for by id: listed with its one document
    section = render_html(report).split('id="story-2"')[1]
    assert "<svg" not in section and "Who copied whom" not in section


def test_a_large_story_draws_the_most_linked_documents_and_counts_the_others():
    story, docs = chain_story(10)
    drawing = pictures.derivation_svg(story, docs, max_nodes=4)
    tree = svg_tree(drawing.svg)
    assert drawing.left_out == 6 and len(groups(tree, "node")) == 4
    drawn = {n.find(f"{SVG}title").text.split(" ")[1] for n in groups(tree, "node")}
    assert drawn == {"1", "2", "3", "4"}  # the hub, then the most linked, then by id
    assert len(groups(tree, "edge")) == 4  # 1->2, 1->3, 1->4, 2->3: none to a document left out
    # 3 has two sources in a chain: its column is right of 2's, which is right of 1's.
    xs = [float(node_box(tree, d).get("x")) for d in (1, 2, 3)]
    assert xs[0] < xs[1] < xs[2]
    report = {"documents": list(docs.values()), "stories": [story]}
    caption = parse_html(render_html(report, max_nodes=4)).find_all("figcaption")[0].text()
    assert "6 more documents of this story are not drawn (the graph shows the 4 most linked)" in caption
    assert "not drawn" not in render_html({**report, "drawing": {"graph_max_nodes": 10}})


def test_an_edge_across_several_columns_does_not_run_behind_the_boxes_between():
    story, docs = chain_story(3)  # 1 -> 2 -> 3 and 1 -> 3: columns 0, 1, 2
    tree = svg_tree(pictures.derivation_svg(story, docs, 40).svg)
    paths = {g.find(f"{SVG}title").text.split(":")[0]: g.find(f"{SVG}path").get("d") for g in groups(tree, "edge")}
    numbers = [[float(v) for v in re.findall(r"-?[0-9.]+", paths[name])] for name in ("3 copied 1", "2 copied 1")]
    (_, y1, _, c1y, _, c2y, _, y2), (_, z1, _, d1y, _, d2y, _, z2) = numbers
    assert c1y < y1 and c2y < y2  # rises between rows
    assert d1y == z1 and d2y == z2  # the next column: straight across


def test_the_same_story_is_drawn_the_same_way_and_contradictory_directions_end():
    story, docs = chain_story(5)
    assert pictures.derivation_svg(story, docs, 40).svg == pictures.derivation_svg(copy.deepcopy(story), docs, 40).svg
    story["derivation"].append({"a": 3, "b": 1, "relation": "partial", "direction": "a->b"})  # a cycle
    layers = pictures.layers(story["documents"], pictures.story_edges(story))
    assert max(layers.values()) < len(story["documents"])


# ---------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------


def test_timeline_places_dated_documents_earliest_left_and_lists_undated_apart():
    story, docs = story_one()  # 1 on 2024-03-04, 2 and 3 on 2024-03-05, 4 undated
    dated, undated = pictures.dated_documents(story, docs)
    assert [d for _, d in dated] == [1, 2, 3] and undated == [4]
    tree = svg_tree(pictures.timeline_svg(story, docs, key=1))
    events = {g.find(f"{SVG}title").text.split(" ")[1]: g for g in groups(tree, "event")}
    assert set(events) == {"1", "2", "3"}  # the undated document is not put on the axis
    x = {d: float(g.find(f"{SVG}circle").get("cx")) for d, g in events.items()}
    assert x["1"] < x["2"] == x["3"]
    labels = [t.text for t in tree.iter(f"{SVG}text")]
    assert "2024-03-04" in labels and "2024-03-05" in labels
    page = parse_html(render_html(sample_report()))
    assert "Date unknown: 4 (inbox/residents_letter.txt)." in [p.text() for p in page.find_all("p")]


def test_labels_of_documents_of_one_day_do_not_overlap():
    story, docs = chain_story(4)
    for doc in docs.values():
        doc["published"] = "2024-05-01"
    tree = svg_tree(pictures.timeline_svg(story, docs))
    ys = [t.get("y") for g in groups(tree, "event") for t in g.iter(f"{SVG}text")]
    assert len(set(ys)) == 4  # one row each


def test_no_timeline_when_no_document_has_a_date():
    story, docs = story_one()
    for doc_id in docs:
        docs[doc_id] = {**docs[doc_id], "published": None}
    assert pictures.timeline_svg(story, docs) is None


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def test_report_page_holds_the_pictures_no_script_and_its_policy_unchanged():
    report = sample_report()
    second = copy.deepcopy(report["stories"][0])
    second["id"] = 3
    report["stories"].append(second)
    page = render_html(report)
    tree = parse_html(page)
    [policy] = [m for m in tree.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert policy.attrs["content"] == POLICY
    assert tree.find_all("script") == [] and len(tree.find_all("style")) == 1
    figures = tree.find_all("figure")
    assert len(figures) == 4  # graph and timeline of each multi-document story
    assert len([s for s in tree.find_all("svg") if "picture" in s.classes()]) == 4
    ids = [n.attrs["id"] for n in tree.find_all() if "id" in n.attrs]
    assert len(ids) == len(set(ids))  # two drawings of one story still have their own marker ids


def test_documents_drawn_are_the_story_documents_only():
    report = sample_report()
    story, docs = report["stories"][0], docs_of(report)
    tree = svg_tree(pictures.derivation_svg(story, docs, 40).svg)
    text = " ".join(t.text or "" for t in tree.iter())
    assert DOCUMENTS[4]["outlet"] not in text  # the other story's document


@pytest.mark.skipif(_chromium() is None, reason="no Chromium installed")
def test_seeds_report_pictures_render_in_headless_chromium(cli, seeds, tmp_path: Path):
    assert cli("ingest", str(seeds), "--quiet").exit_code == 0
    page = tmp_path / "report.html"
    result = cli("report", "--format", "html", "--output", str(page), "--quiet")
    assert result.exit_code == 0, result.stderr
    [dom] = _dump_doms(_chromium(), [page])
    assert dom.find_all("script") == [] and "data-ran" not in dom.find_all("body")[0].attrs
    drawings = [s for s in dom.find_all("svg") if "picture" in s.classes()]
    assert drawings, "the seeds' story of several documents has its graph"
    nodes = [g for g in drawings[0].find_all("g") if "node" in g.classes()]
    edges = [g for g in drawings[0].find_all("g") if "edge" in g.classes()]
    assert len(nodes) >= 2 and edges
    assert all(g.find_all("rect") and g.find_all("text") for g in nodes)
    assert all(g.find_all("path") for g in edges)
