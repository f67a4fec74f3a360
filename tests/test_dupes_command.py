"""`corpuskit dupes` and `corpuskit diff` over the store: findings, contract, cache, filters."""

import json
import os

import pytest

from corpuskit.dupes import corpus as dupes_corpus


@pytest.fixture
def ingested(cli, seeds):
    assert cli("ingest", str(seeds)).exit_code == 0
    return cli


def ids_by_file(listing: dict) -> dict[str, int]:
    return {os.path.basename(d["path"])[:3]: d["id"] for d in listing["documents"]}


def seed_ids(cli) -> dict[str, int]:
    return {os.path.basename(d["path"])[:3]: d["id"] for d in cli.json("docs")["documents"]}


def test_the_three_versions_of_one_story_are_one_cluster(ingested):
    listing = ingested.json("dupes")
    ids = seed_ids(ingested)
    clusters = [set(c["documents"]) for c in listing["clusters"]]
    assert {ids["001"], ids["002"], ids["003"]} in clusters
    linked = {d for p in listing["pairs"] for d in (p["a"], p["b"])}
    assert ids["000"] not in linked and ids["004"] not in linked


def test_the_respelled_name_is_an_edit_of_an_aligned_passage(ingested):
    listing = ingested.json("dupes")
    ids = seed_ids(ingested)
    pair = next(p for p in listing["pairs"] if {p["a"], p["b"]} == {ids["001"], ids["003"]})
    edits = [(e["kind"], {e["a"], e["b"]}) for passage in pair["passages"] for e in passage["edits"]]
    assert any(kind == "name" and {"Anuar", "Anwar"} <= {w.rstrip("’'s") for w in words} for kind, words in edits), (
        edits
    )


def test_json_contract(ingested):
    listing = ingested.json("dupes")
    assert set(listing) >= {"documents", "pairs", "siblings", "clusters"}
    known = {d["id"] for d in listing["documents"]}
    for pair in listing["pairs"]:
        assert set(pair) >= {"a", "b", "relation", "score", "share", "direction", "passages"}
        assert pair["relation"] in {"exact", "near_copy", "rewrite", "partial"}
        assert 0 <= pair["score"] <= 1 and set(pair["share"]) == {"a", "b"}
        assert pair["direction"] in {"a->b", "b->a", None}
        assert {pair["a"], pair["b"]} <= known
        for passage in pair["passages"]:
            assert passage["a"][0] < passage["a"][1] and passage["b"][0] < passage["b"][1]
            for edit in passage["edits"]:
                assert edit["kind"] in {"name", "number", "date", "quote", "wording"}


def test_offsets_index_the_stored_text(ingested):
    listing = ingested.json("dupes")
    pair = listing["pairs"][0]
    text_a = ingested.json("show", str(pair["a"]))["documents"][0]["text"]
    start, end = pair["passages"][0]["a"]
    assert 0 <= start < end <= len(text_a)


def test_filters(ingested):
    ids = seed_ids(ingested)
    everything = ingested.json("dupes")["pairs"]
    only = ingested.json("dupes", "--doc", str(ids["003"]))["pairs"]
    assert only and all(ids["003"] in (p["a"], p["b"]) for p in only)
    relation = everything[0]["relation"]
    assert all(p["relation"] == relation for p in ingested.json("dupes", "--relation", relation)["pairs"])
    assert ingested.json("dupes", "--min-score", "1.0")["pairs"] == [p for p in everything if p["score"] >= 1.0]


def test_other_formats(ingested):
    table = ingested("dupes").stdout
    assert "1 cluster\n" in table or "1 cluster " in table
    assert " pairs" in table
    rows = ingested("dupes", "--format", "jsonl").stdout.splitlines()
    assert rows and all("relation" in json.loads(r) for r in rows)
    csv_header = "a,b,relation,score,share_a,share_b,direction,cluster,edits"
    assert ingested("dupes", "--format", "csv").stdout.startswith(csv_header)


def test_second_run_reuses_every_verdict(ingested, monkeypatch):
    first = ingested.json("dupes")

    def no_comparison(*args, **kwargs):
        raise AssertionError("a cached pair was compared again")

    monkeypatch.setattr(dupes_corpus, "verify_pairs", no_comparison)
    assert ingested.json("dupes") == first


def test_exact_copies_and_new_documents(cli, seeds, tmp_path):
    cli("ingest", str(seeds))
    before = cli.json("dupes")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "copy.txt").write_text((seeds / "000_29e249357fffdf77.txt").read_text(encoding="utf-8"), encoding="utf-8")
    cli("ingest", str(extra))
    after = cli.json("dupes")
    ids = seed_ids(cli)
    copy_id = max(d["id"] for d in cli.json("docs")["documents"])
    exact = [p for p in after["pairs"] if {p["a"], p["b"]} == {ids["000"], copy_id}]
    assert exact and exact[0]["relation"] == "exact" and exact[0]["score"] == 1.0
    assert [p for p in after["pairs"] if copy_id not in (p["a"], p["b"])] == before["pairs"]


def test_empty_and_single_document_corpora(cli, tmp_path):
    (tmp_path / "c").mkdir()
    cli("ingest", "c")
    assert cli.json("dupes") == {"documents": [], "pairs": [], "siblings": [], "clusters": [], "shared_quotes": []}
    (tmp_path / "c" / "a.txt").write_text("One lonely article about a bridge that will reopen next month.\n")
    cli("ingest", "c")
    assert cli.json("dupes") == {"documents": [], "pairs": [], "siblings": [], "clusters": [], "shared_quotes": []}


def test_diff_shows_the_passages_side_by_side(ingested):
    ids = seed_ids(ingested)
    a, b = str(ids["001"]), str(ids["003"])
    data = ingested.json("diff", a, b)
    assert [d["id"] for d in data["documents"]] == [ids["001"], ids["003"]]
    assert data["passages"] and all("changes" in p for p in data["passages"])
    table = ingested("diff", a, b).stdout
    assert "1 aligned passage " in table and "Anwar" in table and "Anuar" in table
    md = ingested("diff", a, b, "--format", "md").stdout
    assert "## Passage 1" in md and "~~" in md and "**" in md


def test_diff_of_unknown_document(ingested):
    result = ingested("diff", "1", "999")
    assert result.exit_code == 2 and "no document '999'" in result.stderr
