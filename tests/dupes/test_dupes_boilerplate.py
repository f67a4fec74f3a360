"""Boilerplate is not evidence: what an outlet prints under many stories is learnt and ignored.

Footers, newsletter prompts and reading-time lines recur in the documents of one
outlet; two of its articles that share only those are not linked, while a real copy
between two outlets that carry their own footers is found as before.
"""

from __future__ import annotations

import json
from dataclasses import replace

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article

from corpuskit.dupes import DocInput, compare_documents, find_duplicates
from corpuskit.dupes import corpus as dupes_corpus
from corpuskit.dupes.boilerplate import boilerplate_of, outlet_of, sentence_hashes
from corpuskit.dupes.settings import DupesSettings
from corpuskit.dupes.text import analyse

DEFAULTS = DupesSettings()
NO_LEARNING = replace(DEFAULTS, boilerplate_min_documents=1_000_000)

# Invented stories besides those of dupes_stories, each about something else.
BRIDGE = [
    "The old swing bridge over the Carrow canal will stay shut until May after engineers found rust in its gears.",
    "Repairs were first estimated at 300,000 pounds but the bill has since doubled.",
    "Cyclists now face a detour of almost two miles through the industrial estate.",
    "The county says a temporary footbridge would cost more than fixing the original.",
    "Boat owners have been told to moor downstream until the works are finished.",
]
ORCHARD = [
    "A community orchard on the edge of Milton Green has produced its first harvest since volunteers replanted it.",
    "More than 40 apple and pear trees were put in three winters ago on land once used as a rubbish tip.",
    "Volunteers pressed 600 litres of juice at a weekend event attended by several hundred people.",
    "The parish council has agreed to pay for a new fence to keep deer away from the young trees.",
    "Organisers hope to add a small plum grove next year if a lottery grant is approved.",
]


def reading_time(minutes: int) -> str:
    return f"{minutes} min read"


def footer(outlet: str) -> list[str]:
    return [
        f"Get the {outlet} morning briefing with the day's top local stories delivered to your inbox before breakfast.",
        f"Copyright {outlet} Media Group Limited, registered in England and Wales under company number 01234567.",
        f"All rights reserved by {outlet}; no part of this article may be reproduced without written permission.",
    ]


def carried(story: list[str], outlet: str, minutes: int = 5) -> str:
    """A story as an outlet prints it: reading time on top, the outlet's footer at the end."""
    return reading_time(minutes) + "\n\n" + article(story) + "\n\n" + "\n\n".join(footer(outlet))


def linked(result, a: int, b: int):
    return next((p for p in result.pairs if {p.a, p.b} == {a, b}), None)


def test_two_articles_of_one_outlet_sharing_only_the_footer_are_not_linked():
    docs = [
        DocInput(1, carried(LIBRARIES, "Valley Post", 5), "2024-03-04", "Valley Post"),
        DocInput(2, carried(HARBOUR, "Valley Post", 7), "2024-03-05", "Valley Post"),
        DocInput(3, carried(MUSEUM, "Valley Post", 4), "2024-03-06", "Valley Post"),
    ]
    # Without learning, the footer and reading time alone link them: the case is real.
    assert linked(find_duplicates(docs, NO_LEARNING), 1, 2) is not None
    result = find_duplicates(docs)
    assert result.pairs == ()
    learnt = boilerplate_of(docs)
    units = analyse(docs[0].text)
    assert [units.text[units.sentences[i].start : units.sentences[i].end] for i in sorted(learnt[1])] == [
        reading_time(5),
        *footer("Valley Post"),
    ]


def test_a_copy_between_two_outlets_with_their_own_footers_keeps_its_relation():
    plain = compare_documents(
        DocInput(1, article(LIBRARIES), "2024-03-04", "Valley Post"),
        DocInput(2, article(LIBRARIES_REWRITTEN), "2024-03-05", "Harbour Gazette"),
    )
    assert plain is not None
    docs = [
        DocInput(1, carried(LIBRARIES, "Valley Post"), "2024-03-04", "Valley Post"),
        DocInput(2, carried(LIBRARIES_REWRITTEN, "Harbour Gazette", 6), "2024-03-05", "Harbour Gazette"),
        DocInput(3, carried(HARBOUR, "Valley Post"), "2024-03-06", "Valley Post"),
        DocInput(4, carried(MUSEUM, "Valley Post"), "2024-03-07", "Valley Post"),
        DocInput(5, carried(BRIDGE, "Harbour Gazette"), "2024-03-06", "Harbour Gazette"),
        DocInput(6, carried(ORCHARD, "Harbour Gazette"), "2024-03-07", "Harbour Gazette"),
    ]
    learnt = boilerplate_of(docs)
    assert set(learnt) == {1, 2, 3, 4, 5, 6} and all(len(found) == 4 for found in learnt.values())
    result = find_duplicates(docs)
    pair = linked(result, 1, 2)
    assert pair is not None
    assert (pair.relation, pair.direction) == (plain.relation, plain.direction)
    # The shares are of the articles themselves: the footers count in neither.
    assert (pair.share_a, pair.share_b) == (plain.share_a, plain.share_b)
    assert {(p.a, p.b) for p in result.pairs} == {(1, 2)}


def test_the_threshold_is_per_outlet():
    outlets = ["Valley Post", "Harbour Gazette", "Milton Herald"]
    shared = footer("Regional News Network")  # one syndication footer, printed once by each outlet
    stories = [LIBRARIES, HARBOUR, MUSEUM]
    docs = [
        DocInput(i + 1, article(story) + "\n\n" + "\n\n".join(shared), None, outlet)
        for i, (story, outlet) in enumerate(zip(stories, outlets))
    ]
    assert boilerplate_of(docs) == {}
    # The same documents under one outlet: now it is that outlet's boilerplate.
    assert set(boilerplate_of([replace(doc, outlet="Valley Post") for doc in docs])) == {1, 2, 3}
    # Without an outlet nothing is learnt; the host of the URL stands in for a missing outlet.
    assert boilerplate_of([replace(doc, outlet=None) for doc in docs]) == {}
    same_site = [replace(doc, outlet=None, url=f"https://www.valleypost.example/news/{doc.id}") for doc in docs]
    assert set(boilerplate_of(same_site)) == {1, 2, 3}
    other_sites = [replace(doc, outlet=None, url=f"https://site{doc.id}.example/news") for doc in docs]
    assert boilerplate_of(other_sites) == {}


def test_an_outlet_is_its_name_with_case_and_spaces_folded_else_its_host():
    assert outlet_of(" Valley  Post ") == outlet_of("valley post") != outlet_of("Valley Times")
    assert outlet_of(None, "https://www.valleypost.example/a") == outlet_of("", "valleypost.example/b")
    assert outlet_of("Valley Post", "https://other.example/") == outlet_of("Valley Post")
    assert outlet_of(None, None) is None and outlet_of("  ", "") is None


def test_numbers_are_one_placeholder_and_sentences_are_numbered_as_analyse_numbers_them():
    five, seven = sentence_hashes("5 min read"), sentence_hashes("Seven min read")
    assert five[0].tolist() == seven[0].tolist()
    text = "First line of a story.\n\n\u2014\n\nSecond line of it.\n\n7 min read"
    hashes, lengths = sentence_hashes(text)
    units = analyse(text)
    assert len(hashes) == len(units.sentences) == 3
    assert lengths.tolist() == [s.length for s in units.sentences]
    assert hashes[2] == five[0][0]


def test_versions_of_one_story_are_not_boilerplate_of_their_outlet():
    # Three updates of one story by one outlet (each adds a sentence), and the outlet's footer
    # under other stories: the story stays linked to its updates, only the footer is learnt.
    updates = [LIBRARIES[:7], LIBRARIES[:8], LIBRARIES[:9]]
    docs = [DocInput(i + 1, carried(v, "Valley Post"), None, "Valley Post") for i, v in enumerate(updates)]
    others = [HARBOUR, MUSEUM, BRIDGE]
    docs += [DocInput(4 + i, carried(s, "Valley Post"), None, "Valley Post") for i, s in enumerate(others)]
    learnt = boilerplate_of(docs)
    assert set(learnt) == {1, 2, 3, 4, 5, 6}
    assert all(len(found) == 4 for found in learnt.values()), learnt  # the reading time and the footer
    result = find_duplicates(docs)
    assert {(p.a, p.b) for p in result.pairs} == {(1, 2), (1, 3), (2, 3)}
    # Counting every document, the story's sentences in all three would be boilerplate too, and
    # the first update no longer linked to the others.
    every_document = replace(DEFAULTS, boilerplate_max_recurring=1.0)
    assert len(boilerplate_of(docs, every_document)[1]) == 4 + 7
    assert {(p.a, p.b) for p in find_duplicates(docs, every_document).pairs} == {(2, 3)}


def test_a_sentence_twice_in_one_document_counts_once():
    doc = carried(HARBOUR, "Valley Post") + "\n\n" + "\n\n".join(footer("Valley Post"))
    docs = [DocInput(1, doc, None, "Valley Post"), DocInput(2, carried(MUSEUM, "Valley Post"), None, "Valley Post")]
    assert boilerplate_of(docs) == {}


# ---------------------------------------------------------------------------
# The store path: `corpuskit ingest` + `corpuskit dupes`
# ---------------------------------------------------------------------------


def write_records(path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def record(key: str, story: list[str], outlet: str, published: str, minutes: int = 5) -> dict:
    return {
        "id": key,
        "title": story[0][:40],
        "text": carried(story, outlet, minutes),
        "outlet": outlet,
        "published": published,
    }


def memory_pairs(cli) -> list[dict]:
    """``find_duplicates`` over the documents of the store, as the JSON contract."""
    listing = cli.json("docs")["documents"]
    docs = []
    for entry in listing:
        shown = cli.json("show", str(entry["id"]))["documents"][0]
        docs.append(DocInput(entry["id"], shown["text"], entry["published"], entry["outlet"]))
    return [pair.to_json() for pair in find_duplicates(docs).pairs]


def test_the_store_path_agrees_and_a_new_document_expires_the_verdicts_it_changes(cli, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_records(
        corpus / "first.jsonl",
        [
            record("a", LIBRARIES, "Valley Post", "2024-03-04"),
            record("b", HARBOUR, "Valley Post", "2024-03-05", 7),
            record("c", LIBRARIES_REWRITTEN, "Harbour Gazette", "2024-03-05"),
            record("d", BRIDGE, "Harbour Gazette", "2024-03-06"),
        ],
    )
    assert cli("ingest", str(corpus)).exit_code == 0
    ids = {d["title"][:20]: d["id"] for d in cli.json("docs")["documents"]}
    a, b = ids[LIBRARIES[0][:20]], ids[HARBOUR[0][:20]]
    before = cli.json("dupes")["pairs"]
    # Two documents of an outlet are too few to learn from: its footer still links a and b.
    assert any({p["a"], p["b"]} == {a, b} for p in before)
    assert before == memory_pairs(cli)

    write_records(corpus / "second.jsonl", [record("e", MUSEUM, "Valley Post", "2024-03-07", 4)])
    assert cli("ingest", str(corpus)).exit_code == 0
    compared: list[tuple[int, int]] = []
    real = dupes_corpus.verify_pairs

    def recording(docs, pairs, *args, **kwargs):
        pairs = list(pairs)
        compared.extend(pairs)
        return real(docs, pairs, *args, **kwargs)

    monkeypatch.setattr(dupes_corpus, "verify_pairs", recording)
    after = cli.json("dupes")["pairs"]
    # A third Valley Post document makes its footer boilerplate: the a-b verdict was made again.
    assert (min(a, b), max(a, b)) in compared
    assert not any({p["a"], p["b"]} == {a, b} for p in after)
    assert after == memory_pairs(cli)
    # The copy between the two outlets is still found.
    c = ids[LIBRARIES_REWRITTEN[0][:20]]
    assert any({p["a"], p["b"]} == {a, c} for p in after)

    # Nothing changed: every verdict is reused.
    compared.clear()
    assert cli.json("dupes")["pairs"] == after
    assert compared == []
