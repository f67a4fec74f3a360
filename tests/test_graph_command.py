"""`corpuskit graph`: the copy graph in GEXF, GraphML, DOT and Mermaid, matching the dupes results.

The corpus is built here: an original, an uncredited near copy from an outlet
with a hostile name, a shortened copy that credits the original, and an
unrelated article; the graph of each format is read back and compared with
`dupes --format json` on the same store.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from tests.conftest import SEEDS, Cli

from corpuskit.dupes.model import DupesResult, PairResult
from corpuskit.graph import copy_graph, write_dot, write_gexf, write_graphml, write_mermaid

HOSTILE_OUTLET = "<script>alert(\"x\")</script> & 'Q' [b] |pipe| {c} -->"
HOSTILE_TITLE = 'He said "no"; back\\slash\nnew line <b>'
UNRELATED = (
    "The town library opened its new reading wing on Saturday after two years of building work. "
    "Volunteers carried the last boxes of books up the stairs, and the mayor cut a ribbon at noon. "
    "Children's story hours will start next month, the librarian told visitors."
)


@pytest.fixture(scope="module")
def graph_cli(tmp_path_factory) -> Cli:
    """A store holding the four documents, dupes run once."""
    base = tmp_path_factory.mktemp("graph")
    original = (SEEDS / "003_7fe23b19ceaf6931.txt").read_text(encoding="utf-8")
    first_half = original[: original.rindex(".", 0, len(original) // 2) + 1]
    rows = [
        {"text": original, "title": HOSTILE_TITLE, "outlet": "Coastal Herald", "published": "2023-02-14"},
        {"text": original.replace(" said", " stated"), "title": "A copy", "outlet": HOSTILE_OUTLET},
        {
            "text": "Coastal Herald reported that foreigners are being forced to fight.\n\n" + first_half,
            "title": "Short",
            "outlet": "Morning Wire",
            "published": "2023-02-15",
        },
        {"text": UNRELATED, "title": "Library", "outlet": "Town Crier", "published": "2023-02-15"},
    ]
    rows[1]["published"] = "2023-02-15"
    for number, row in enumerate(rows, start=1):
        row["id"] = f"item-{number}"  # one document each, though all come from standard input
    cli = Cli(base / "store" / "corpus.db", base)
    result = cli("ingest", "-", "--quiet", input="".join(json.dumps(r) + "\n" for r in rows))
    assert result.exit_code == 0, result.stderr
    return cli


def graph_of(cli: Cli, fmt: str) -> str:
    result = cli("graph", "--format", fmt, "--db", str(cli.db), "--quiet")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def dupes_edges(cli: Cli) -> tuple[set, set, set]:
    """From `dupes --format json`: the copy pairs as (source, copy) (ordered by id when undirected),
    the sibling pairs and the pairs sharing only quotations."""
    listing = cli.json("dupes", "--quiet")
    copies = {(p["b"], p["a"]) if p["direction"] == "b->a" else (p["a"], p["b"]) for p in listing["pairs"]}
    siblings = {(p["a"], p["b"]) for p in listing["siblings"]}
    quotes = {(p["a"], p["b"]) for p in listing.get("shared_quotes") or []}
    return copies, siblings, quotes


GEXF = "{http://www.gexf.net/1.2draft}"


def read_gexf(text: str) -> nx.DiGraph:
    """A GEXF file read with ElementTree into a DiGraph (networkx's own reader refuses a graph
    whose edges are some directed, some not, which GEXF and Gephi allow); attribute values typed
    by their declarations; each edge's ``type`` kept."""
    root = ET.fromstring(text)
    declared = {
        (a.get("id"), klass.get("class")): (a.get("title"), a.get("type"))
        for klass in root.iter(f"{GEXF}attributes")
        for a in klass.iter(f"{GEXF}attribute")
    }
    convert = {"long": int, "integer": int, "double": float, "boolean": lambda v: v == "true", "string": str}

    def values(element, klass: str) -> dict:
        found = {}
        for value in element.iter(f"{GEXF}attvalue"):
            title, kind = declared[(value.get("for"), klass)]
            found[title] = convert[kind](value.get("value"))
        return found

    graph = nx.DiGraph()
    for node in root.iter(f"{GEXF}node"):
        graph.add_node(node.get("id"), label=node.get("label"), **values(node, "node"))
    for edge in root.iter(f"{GEXF}edge"):
        graph.add_edge(edge.get("source"), edge.get("target"), type=edge.get("type"), **values(edge, "edge"))
    return graph


def doc_edges(graph: nx.DiGraph, kind: str) -> set:
    return {(int(u[1:]), int(v[1:])) for u, v, data in graph.edges(data=True) if data["kind"] == kind}


def test_gexf_reads_back_and_matches_the_dupes_results(graph_cli):
    graph = read_gexf(graph_of(graph_cli, "gexf"))
    copies, siblings, quotes = dupes_edges(graph_cli)
    assert copies, "the corpus has copies"
    assert doc_edges(graph, "copy") == copies
    assert doc_edges(graph, "sibling") == siblings and doc_edges(graph, "shared_quotes") == quotes
    linked = {d for pair in copies | siblings | quotes for d in pair}
    documents = {n for n, data in graph.nodes(data=True) if data["kind"] == "document"}
    assert documents == {f"d{d}" for d in linked}
    assert "d4" not in graph  # the unrelated article: no node, no edge
    assert (1, 2) in copies and (1, 3) in copies
    assert graph.edges["d1", "d2"]["credited"] == "no" and graph.edges["d1", "d3"]["credited"] == "yes"
    assert (
        graph.edges["d1", "d2"]["relation"] in ("exact", "near_copy") and graph.edges["d1", "d2"]["type"] == "directed"
    )
    assert 0 < graph.edges["d1", "d2"]["similarity"] <= 1
    node = graph.nodes["d1"]
    assert node["title"] == HOSTILE_TITLE
    assert (node["outlet"], node["published"], node["document"]) == ("Coastal Herald", "2023-02-14", 1)
    outlets = {data["label"] for n, data in graph.nodes(data=True) if data["kind"] == "outlet"}
    assert outlets == {"Coastal Herald", HOSTILE_OUTLET, "Morning Wire"}  # not the unrelated Town Crier


def test_graphml_reads_back_with_the_same_nodes_and_edges_as_gexf(graph_cli):
    graphml = nx.read_graphml(_saved(graph_of(graph_cli, "graphml"), graph_cli.cwd / "g.graphml"))
    gexf = read_gexf(graph_of(graph_cli, "gexf"))
    assert set(graphml.nodes) == set(gexf.nodes) and set(graphml.edges) == set(gexf.edges)
    assert graphml.nodes["d2"]["outlet"] == HOSTILE_OUTLET
    assert graphml.edges["d1", "d3"]["credited"] == "yes"


def test_dot_is_well_quoted_and_lists_every_edge(graph_cli):
    dot = graph_of(graph_cli, "dot")
    copies, siblings, quotes = dupes_edges(graph_cli)
    statements = _dot_statements(dot)
    edges = {(int(m[1]), int(m[2])) for s in statements if (m := re.match(r'"d(\d+)" -> "d(\d+)"', s))}
    assert edges == copies | siblings | quotes
    assert not any(s.startswith('"d4"') for s in statements)
    uncredited = next(s for s in statements if s.startswith('"d1" -> "d2"'))
    assert 'style="dashed"' in uncredited and 'credited="no"' in uncredited
    assert 'style="solid"' in next(s for s in statements if s.startswith('"d1" -> "d3"'))
    assert r'label="1: He said \"no\"; back\\slash\nnew line <b>"' in dot


def _dot_statements(dot: str) -> list[str]:
    """The statements of a DOT graph, checked strictly: one per line, every quoted string closed
    (a backslash escapes the next character), nothing outside quotes but ids, = , ; [ ] ->."""
    lines = dot.strip().splitlines()
    assert lines[0] == "digraph copies {" and lines[-1] == "}"
    statements = []
    for line in lines[1:-1]:
        bare = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line.strip())
        assert '"' not in bare.replace('""', ""), line  # no quote left open or stray
        assert re.fullmatch(r'[A-Za-z0-9_=;,\[\] ">-]*', bare), line
        statements.append(line.strip())
    return statements


def test_mermaid_starts_with_a_flowchart_lists_the_edges_and_escapes_names(graph_cli):
    text = graph_of(graph_cli, "mermaid")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    copies, siblings, quotes = dupes_edges(graph_cli)
    links = {
        (int(m[1]), int(m[2]))
        for line in lines
        if (m := re.fullmatch(r"\s*d(\d+) (?:\S+\|\"[^\"]*\"\||\S+) d(\d+)", line))
    }
    assert links == copies | siblings | quotes
    assert re.search(r"^\s*d1 -\.->\|\"(exact|near copy), not credited\"\| d2$", text, re.M)
    assert re.search(r"^\s*d1 -->\|\"[a-z ]+, credited\"\| d3$", text, re.M)
    for line in lines[1:]:  # every label is one quoted string holding no quote, bracket, pipe or markup
        for label in re.findall(r'"([^"]*)"', line):
            assert not set(label) & set("<>[]{}|&\\\n")
    assert "#60;script#62;" in text and "<script>" not in text


def test_documents_linked_to_none_give_an_empty_graph_and_a_note(tmp_path: Path):
    cli = Cli(tmp_path / "store" / "corpus.db", tmp_path)
    rows = [{"text": UNRELATED, "outlet": "Town Crier"}, {"text": "Rain is expected on Thursday. " * 5}]
    assert cli("ingest", "-", "--quiet", input="".join(json.dumps(r) + "\n" for r in rows)).exit_code == 0
    for fmt in ("gexf", "graphml", "dot", "mermaid"):
        result = cli("graph", "--format", fmt, "--db", str(cli.db), "--quiet")
        assert result.exit_code == 0
        assert result.stderr.strip().splitlines() == [
            "note: no copy, sibling or shared quotation between documents: the graph is empty"
        ]
        if fmt in ("gexf", "graphml"):
            ET.fromstring(result.stdout)  # still a valid document
            read = read_gexf if fmt == "gexf" else lambda text: nx.read_graphml(_saved(text, tmp_path / "e.graphml"))
            assert read(result.stdout).number_of_nodes() == 0
    assert graph_of(cli, "mermaid") == "flowchart LR\n"
    assert graph_of(cli, "dot").splitlines()[-1] == "}"


def test_output_writes_the_file_and_a_bad_path_is_one_line(graph_cli):
    target = graph_cli.cwd / "copies.gexf"
    result = graph_cli("graph", "--format", "gexf", "--output", str(target), "--db", str(graph_cli.db), "--quiet")
    assert result.exit_code == 0 and result.stdout == ""
    assert read_gexf(target.read_text(encoding="utf-8")).number_of_edges() > 0
    missing = graph_cli.cwd / "no such folder" / "g.dot"
    bad = graph_cli("graph", "--format", "dot", "--output", str(missing), "--db", str(graph_cli.db))
    assert bad.exit_code == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and "cannot write" in bad.stderr
    assert not missing.parent.exists()


def test_an_unknown_format_is_a_usage_error(graph_cli):
    result = graph_cli("graph", "--format", "png", "--db", str(graph_cli.db))
    assert result.exit_code == 2 and "png" in result.stderr


def test_no_store_is_one_line(tmp_path: Path):
    cli = Cli(tmp_path / "none" / "corpus.db", tmp_path)
    result = cli("graph", "--format", "dot", "--db", str(cli.db))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_the_report_has_the_same_siblings_and_draws_them(graph_cli):
    _, siblings, quotes = dupes_edges(graph_cli)
    assert siblings, "the two copies of one original are siblings"
    report = graph_cli.json("report", "--db", str(graph_cli.db), "--quiet")
    [story] = [s for s in report["stories"] if 1 in s["documents"]]
    assert {(p["a"], p["b"]) for p in story["siblings"]} == siblings
    assert {(p["a"], p["b"]) for p in story["shared_quotes"]} <= quotes
    assert all(p["sources"] for p in story["siblings"])
    page = graph_cli("report", "--format", "html", "--db", str(graph_cli.db), "--quiet").stdout
    assert page.count('<g class="edge edge-sibling">') == len(siblings)


def test_control_characters_are_dropped_so_the_xml_stays_valid():
    docs = [
        {"id": 1, "title": "bell\x07 and nul\x00", "outlet": "Out\x01let", "published": None, "path": "a"},
        {"id": 2, "title": "b", "outlet": None, "published": None, "path": "b"},
    ]
    pair = PairResult(1, 2, "near_copy", 0.9, 0.9, 0.9, "a->b", (), "dates")
    graph = copy_graph(docs, DupesResult(pairs=(pair,)), lambda ids: dict.fromkeys(ids, "text"))
    for written in (write_gexf(graph), write_graphml(graph)):
        ET.fromstring(written)
    assert graph.nodes[0].attributes["title"] == "bell and nul"
    assert [e.attributes["credited"] for e in graph.edges if e.kind == "copy"] == ["no"]
    assert "Outlet" in write_dot(graph) and "Outlet" in write_mermaid(graph)
    assert [e.kind for e in graph.edges] == ["copy", "outlet"]  # document 2 has no outlet: no outlet edge


def _saved(text: str, path: Path) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_copies_texts_are_read_a_batch_at_a_time_and_only_where_a_credit_is_asked(monkeypatch):
    import corpuskit.graph as graph_module

    docs = [{"id": i, "title": "", "outlet": f"Outlet {i}", "published": None, "path": str(i)} for i in range(1, 5)]
    docs[3]["outlet"] = "Outlet 1"  # 4 is an update of the outlet of 1: its credit is not asked
    pairs = (
        PairResult(1, 2, "partial", 0.5, 0.5, 0.5, "a->b", (), "dates"),
        PairResult(1, 3, "partial", 0.5, 0.5, 0.5, "a->b", (), "dates"),
        PairResult(1, 4, "partial", 0.5, 0.5, 0.5, "a->b", (), "dates"),
        PairResult(2, 3, "partial", 0.5, 0.5, 0.5, None, (), None),
    )
    asked: list[list[int]] = []

    def read_texts(ids):
        asked.append(ids)
        return {i: "Outlet 1 reported the news." if i == 3 else "No credit here." for i in ids}

    monkeypatch.setattr(graph_module, "CREDIT_BATCH", 1)
    graph = copy_graph(docs, DupesResult(pairs=pairs), read_texts)
    assert asked == [[2], [3]]
    credited = {(e.source, e.target): e.attributes["credited"] for e in graph.edges if e.kind == "copy"}
    assert credited == {("d1", "d2"): "no", ("d1", "d3"): "yes", ("d1", "d4"): "unknown", ("d2", "d3"): "unknown"}


def test_a_pair_the_kept_report_orients_by_its_story_is_drawn_so(tmp_path: Path):
    """The seeds: dupes cannot tell who copied whom between documents 2 and 4, the report's
    story can (4 is the original); the graph agrees with the report once one is kept, and draws
    no direction before (it never makes a report)."""
    cli = Cli(tmp_path / "corpus.db", tmp_path)
    assert cli("ingest", str(SEEDS), "--quiet").exit_code == 0

    def copy_edges() -> dict:
        drawn = nx.parse_graphml(graph_of(cli, "graphml"))
        return {(a, b): e["direction_reason"] for a, b, e in drawn.edges(data=True) if e["kind"] == "copy"}

    assert copy_edges()[("d2", "d4")] == "", "before a report: from the lower id, no direction"
    derivation = {(d["a"], d["b"]): d for d in cli.json("report")["stories"][0]["derivation"]}
    assert (derivation[(2, 4)]["direction"], derivation[(2, 4)]["direction_reason"]) == ("b->a", "story")
    edges = copy_edges()
    assert edges[("d4", "d2")] == "story" and ("d2", "d4") not in edges
    assert edges[("d4", "d3")] == "credit", "a direction dupes gave is drawn as it was"


def test_the_graph_needs_no_name_model(tmp_path: Path):
    """dupes and graph run without spaCy's models; looking for a kept report must not need one."""
    cli = Cli(tmp_path / "corpus.db", tmp_path)
    assert cli("ingest", str(SEEDS), "--quiet").exit_code == 0
    (tmp_path / "corpuskit.yaml").write_text("nlp:\n  model: xx_not_installed_model\n", encoding="utf-8")
    result = cli("graph", "--format", "mermaid", "--db", str(cli.db), "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("flowchart") and "d4" in result.stdout
