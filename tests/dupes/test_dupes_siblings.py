"""Two papers that both follow one wire story are siblings of it, not copies of each other."""

from __future__ import annotations

import json
from dataclasses import replace

from dupes_stories import LIBRARIES, article

from corpuskit.dupes import DocInput, DupesSettings, find_duplicates
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.model import PairResult, Passage
from corpuskit.dupes.siblings import separate_siblings

WIRE_DAY, PAPER_DAY = "2024-03-04", "2024-03-05"
WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER = "Northbridge Wire", "Daily Ledger", "Evening Post"

# Each paper opens with its own lines and adds its own reporting after what it took from the wire.
FIRST_INTRO = [
    "Parents in the north of the city packed a school hall on Wednesday night to plan a protest.",
    "Many said their children do homework at the branches because there is no quiet room at home.",
]
FIRST_OWN = [
    "A local bakery has offered to host a reading corner in its back room until the spring.",
    "Its owner, Priya Castellane, said she learned to read in the Elm Street branch as a girl.",
    "The city's two universities declined to say whether their libraries would open to the public.",
    "A retired headteacher has started a fund to buy laptops for pupils who lose access to computers.",
]
SECOND_INTRO = [
    "Bus routes to the last remaining branch in the centre run only once an hour in the evening.",
    "Transport campaigners warned that pensioners from the outer estates would simply stop going.",
]
SECOND_OWN = [
    "Footballers from the city's second division club read stories to toddlers at a branch in January.",
    "The club's chairman called the closures short-sighted and promised to lobby the regional mayor.",
    "Volunteers at the church on Harrow Road already lend out donated paperbacks on Saturday mornings.",
    "A survey by the local newspaper found that one household in five has no working computer.",
]


def story(wire_outlet=None, first_outlet=None, second_outlet=None, dated=True, second_copies_first=False):
    """Wire text 1 and papers 2 and 3, each paper taking a different, overlapping part of the wire."""
    wire_day, paper_day = (WIRE_DAY, PAPER_DAY) if dated else (None, None)
    second_own = SECOND_OWN + (FIRST_OWN[:3] if second_copies_first else [])
    return [
        DocInput(1, article(LIBRARIES[:6]), wire_day, wire_outlet),
        DocInput(2, article(FIRST_INTRO + LIBRARIES[:5] + FIRST_OWN), paper_day, first_outlet),
        DocInput(3, article(SECOND_INTRO + LIBRARIES[1:6] + second_own), paper_day, second_outlet),
    ]


def links(result) -> dict[tuple[int, int], tuple[str | None, str | None]]:
    return {(p.a, p.b): (p.direction, p.direction_reason) for p in result.pairs}


def test_two_papers_following_one_wire_story_are_siblings_of_it_not_copies():
    result = find_duplicates(story())
    assert links(result) == {(1, 2): ("a->b", "dates"), (1, 3): ("a->b", "dates")}
    (sibling,) = result.siblings
    assert (sibling.a, sibling.b, sibling.sources) == (2, 3, (1,))
    assert sibling.explained_a >= 0.8 and sibling.explained_b >= 0.8
    assert [(c.documents, c.origins) for c in result.clusters] == [((1, 2, 3), (1,))]
    assert result.stats["sibling_pairs"] == 1 and result.stats["linked_pairs"] == 2
    data = json.loads(json.dumps(result.to_json()))
    assert data["siblings"] == [sibling.to_json()]
    assert set(data["siblings"][0]) == {
        *("a", "b", "relation", "score", "share", "direction", "direction_reason", "passages"),
        *("sources", "explained"),
    }
    assert data["clusters"] == [{"id": 1, "documents": [1, 2, 3], "origins": [1]}]


def test_a_paper_that_also_took_the_other_papers_own_reporting_copied_it():
    result = find_duplicates(story(second_copies_first=True))
    assert (2, 3) in links(result) and result.siblings == ()
    assert [c.documents for c in result.clusters] == [(1, 2, 3)]


def test_without_dates_containment_tells_the_source_and_the_siblings():
    result = find_duplicates(story(dated=False))
    assert links(result) == {(1, 2): ("a->b", "containment"), (1, 3): ("a->b", "containment")}
    assert [(s.a, s.b, s.sources) for s in result.siblings] == [(2, 3, (1,))]
    assert [c.origins for c in result.clusters] == [(1,)]


def test_without_dates_credit_lines_tell_the_source_and_the_siblings():
    docs = story(WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER, dated=False)
    credit = f"The closures were first reported by {WIRE_OUTLET} on Tuesday."
    docs = [docs[0]] + [replace(doc, text=credit + "\n\n" + doc.text) for doc in docs[1:]]
    result = find_duplicates(docs)
    assert links(result) == {(1, 2): ("a->b", "credit"), (1, 3): ("a->b", "credit")}
    assert [(s.a, s.b, s.sources) for s in result.siblings] == [(2, 3, (1,))]


def test_a_paper_crediting_the_other_paper_copied_it():
    docs = story(WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER)
    credit = f"The plan was first reported by the {FIRST_PAPER} on Wednesday."
    docs[2] = replace(docs[2], text=credit + "\n\n" + docs[2].text)
    result = find_duplicates(docs)
    assert links(result)[(2, 3)] == ("a->b", "credit") and result.siblings == ()


def test_a_paper_published_after_the_other_may_have_copied_it():
    docs = story()
    docs[2] = replace(docs[2], published="2024-03-06")
    result = find_duplicates(docs)
    assert links(result)[(2, 3)] == ("a->b", "dates") and result.siblings == ()


def test_without_any_direction_nothing_is_a_sibling():
    # Three copies of one text: any one would explain the other two, so none is said to.
    text = article(LIBRARIES)
    docs = [DocInput(i, text.replace("2.4", str(i))) for i in (1, 2, 3)]
    result = find_duplicates(docs)
    assert len(result.pairs) == 3 and result.siblings == ()
    assert [c.origins for c in result.clusters] == [()]


def whole(a: int, b: int, direction: str | None, score: float = 0.5) -> PairResult:
    """A link aligning the first 100 characters of both texts."""
    reason = "containment" if direction else None
    return PairResult(a, b, "rewrite", score, 0.8, 0.8, direction, (Passage((0, 100), (0, 100), 0.9),), reason)


def test_sibling_links_never_cut_a_document_off_its_sources():
    # 1 is the source of 2, 3 and 4; 2 of 3 and 4: every pair among 2, 3, 4 is explained by 1,
    # and 2-3, 2-4 by 2 as well -- but 3-4 may only go while 3 and 4 keep a link to a source.
    pairs = [
        whole(1, 2, "a->b", 0.9),
        whole(1, 3, "a->b"),
        whole(1, 4, "a->b"),
        whole(2, 3, "a->b"),
        whole(2, 4, "a->b"),
        whole(3, 4, None),
    ]
    kept, siblings = separate_siblings(pairs)
    assert {(p.a, p.b) for p in kept} == {(1, 2), (1, 3), (1, 4)}
    assert {(s.a, s.b): s.sources for s in siblings} == {(2, 3): (1,), (2, 4): (1,), (3, 4): (1,)}
    # Without the links from 1 to 3 and 4, 2 is their source and stays linked to them.
    kept, siblings = separate_siblings([pairs[0], pairs[3], pairs[4], pairs[5]])
    assert {(p.a, p.b) for p in kept} == {(1, 2), (2, 3), (2, 4)}
    assert {(s.a, s.b): s.sources for s in siblings} == {(3, 4): (2,)}


def test_a_pair_whose_only_source_link_went_as_siblings_is_a_link_again():
    # 1 is the source of 2 and 3, 2 of 3 and 4; 2-3 is explained by 1, 3-4 by 2 -- but with 2-3 set
    # apart, 3 keeps no link to 2, and 3-4 stays a link.
    pairs = [whole(1, 2, "a->b"), whole(1, 3, "a->b"), whole(2, 3, "a->b"), whole(2, 4, "a->b"), whole(3, 4, None)]
    kept, siblings = separate_siblings(pairs)
    assert {(s.a, s.b): s.sources for s in siblings} == {(2, 3): (1,)}
    assert {(p.a, p.b) for p in kept} == {(1, 2), (1, 3), (2, 4), (3, 4)}


def test_the_explained_share_is_a_setting():
    # The second paper's copy of the first one's reporting is about 0.4 of what the two share.
    docs = story(second_copies_first=True)
    assert find_duplicates(docs).siblings == ()
    assert len(find_duplicates(docs, DupesSettings(sibling_explained_share=0.55)).siblings) == 1


def test_the_dupes_command_lists_siblings_apart_and_keeps_them_in_the_cluster(cli, tmp_path, monkeypatch):
    feed = tmp_path / "feed"
    feed.mkdir()
    outlets = (WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER)
    records = [
        {"title": f"Libraries {doc.id}", "text": doc.text, "published": doc.published, "outlet": outlet}
        for doc, outlet in zip(story(), outlets)
    ]
    (feed / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert cli("ingest", str(feed)).exit_code == 0
    listing = cli.json("dupes")
    ids = {d["title"]: d["id"] for d in listing["documents"]}
    wire, first, second = ids["Libraries 1"], ids["Libraries 2"], ids["Libraries 3"]
    assert {(p["a"], p["b"]) for p in listing["pairs"]} == {(wire, first), (wire, second)}
    assert [(s["a"], s["b"], s["sources"]) for s in listing["siblings"]] == [(first, second, [wire])]
    assert listing["clusters"] == [{"id": 1, "documents": sorted(ids.values()), "origins": [wire]}]
    assert cli.json("dupes", "--doc", str(second))["siblings"] == listing["siblings"]
    table = cli("dupes").stdout
    assert "1 sibling pair" in table

    # Siblings are told after the cached verdicts, every run: a second run compares nothing.
    def no_comparison(*args, **kwargs):
        raise AssertionError("a cached pair was compared again")

    monkeypatch.setattr(dupes_corpus, "verify_pairs", no_comparison)
    assert cli.json("dupes") == listing


def test_the_report_takes_the_papers_as_copies_of_the_wire_story_not_of_each_other():
    from corpuskit.facts import extract_facts
    from corpuskit.report import build
    from corpuskit.report.context import DocView

    docs = story(WIRE_OUTLET, FIRST_PAPER, SECOND_PAPER)
    views = {d.id: DocView(d.id, d.text, f"title {d.id}", d.outlet, d.published) for d in docs}
    facts = {d.id: extract_facts(d.text) for d in docs}
    (report,) = build.analyse_stories(views, find_duplicates(docs), [], facts)
    assert report["documents"] == [1, 2, 3] and report["independent_sources"] == 1
    assert {(p["a"], p["b"]) for p in report["derivation"]} == {(1, 2), (1, 3)}
    roles = {s["document"]: (s["role"], s["copied_from"]) for s in report["sources"]}
    assert roles == {1: ("original", []), 2: ("copy", [1]), 3: ("copy", [1])}
