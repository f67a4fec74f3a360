"""Story grouping on small constructed corpora: what must and must not be one story."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit.ingest.plaintext import read_plain_text
from corpuskit.report.stories import (
    StoryDoc,
    StoryGroup,
    group_stories,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Two independent reports of one court case: no sentence in common, but the same
# rare names, place, charge and vocabulary.
FERRY_A = (
    "Captain Ilse Varnhagen was jailed for six years at Grimsby Crown Court after the Humber ferry "
    "Saltmarsh Queen capsized off Spurn Point, drowning four passengers. The jury heard she had "
    "been drinking rum before the crossing and ignored a gale warning from the coastguard."
)
FERRY_B = (
    "A ferry skipper who had drunk rum before sailing into a gale was sent to prison for six years. "
    "Ilse Varnhagen, 52, captained the Saltmarsh Queen when it overturned near Spurn Point on the "
    "Humber. Grimsby Crown Court was told four passengers drowned and the coastguard had warned her."
)
# Background: other events, so that rarity means something.
OTHERS = [
    (
        "The Glenrock distillery in Speyside announced record whisky exports to Japan and Taiwan, "
        "with sales of its peated single malt up by a third on the previous season."
    ),
    (
        "Councillors in Dunmore voted to close the Larchfield library branch and move its books to the "
        "town hall, despite a petition signed by eleven hundred residents."
    ),
    (
        "Astronomers at the Kielder observatory photographed the comet Halvorsen-Teague as it passed "
        "within forty million miles of Earth, the closest approach for three centuries."
    ),
    (
        "The striker Tomasz Wielgosz scored twice as Harrowgate Athletic beat Fenwick Rovers in the cup "
        "replay, sending the club into the quarter-finals for the first time."
    ),
    (
        "Farmers across the Fens reported that the wet spring had halved the sugar beet harvest, and the "
        "Norfolk growers' association asked ministers for emergency support."
    ),
]


def docs_of(texts: list[str], **extra) -> list[StoryDoc]:
    return [StoryDoc(i, text, **extra) for i, text in enumerate(texts, start=1)]


def group_of(groups: list[StoryGroup], doc_id: int) -> tuple[int, ...]:
    return next(g.documents for g in groups if doc_id in g.documents)


def test_two_independent_reports_of_one_event_are_one_story():
    groups = group_stories(docs_of([FERRY_A, FERRY_B, *OTHERS]))
    assert group_of(groups, 1) == (1, 2)
    assert all(len(group_of(groups, i)) == 1 for i in range(3, 3 + len(OTHERS)))


def test_an_unrelated_article_sharing_a_common_word_stays_apart():
    other_ferry = (
        "Passengers on the Isle of Wight ferry faced delays of two hours on Saturday after a "
        "fault with the ramp at the Portsmouth terminal, the operator said."
    )
    groups = group_stories(docs_of([FERRY_A, FERRY_B, other_ferry, *OTHERS]))
    assert group_of(groups, 1) == (1, 2)
    assert group_of(groups, 3) == (3,)


def test_a_bridge_document_does_not_chain_two_stories():
    library_a = OTHERS[1]
    library_b = (
        "Residents of Dunmore protested outside the town hall after councillors decided to shut "
        "the Larchfield library branch; the petition had eleven hundred signatures."
    )
    # Half about the ferry case, half about the library: similar to both sides.
    bridge = (
        "Ilse Varnhagen, the Saltmarsh Queen captain jailed at Grimsby Crown Court over the Spurn "
        "Point capsize, once lived in Dunmore, where councillors have voted to close the Larchfield "
        "library branch despite the petition."
    )
    texts = [FERRY_A, FERRY_B, library_a, library_b, bridge, *[t for t in OTHERS if t != library_a]]
    groups = group_stories(docs_of(texts))
    assert group_of(groups, 1) == group_of(groups, 2)
    assert group_of(groups, 3) == group_of(groups, 4)
    assert group_of(groups, 1) != group_of(groups, 3)


def test_dupes_links_are_always_honoured():
    groups = group_stories(docs_of([FERRY_A, *OTHERS]), links=[(2, 3), (3, 4), (1, 99)])
    assert group_of(groups, 2) == (2, 3, 4)
    assert group_of(groups, 1) == (1,)


def test_every_document_is_in_exactly_one_story():
    docs = docs_of([FERRY_A, FERRY_B, *OTHERS])
    groups = group_stories(docs, links=[(3, 4)])
    listed = [d for g in groups for d in g.documents]
    assert sorted(listed) == [d.id for d in docs]
    assert all(g.title_document in g.documents for g in groups)
    assert [len(g.documents) for g in groups] == sorted((len(g.documents) for g in groups), reverse=True)


def test_reports_months_apart_are_not_one_story_but_links_still_join_them():
    dated = [
        StoryDoc(1, FERRY_A, "2024-03-01"),
        StoryDoc(2, FERRY_B, "2024-09-20"),
        *[StoryDoc(i, t, "2024-03-02") for i, t in enumerate(OTHERS, start=3)],
    ]
    assert group_of(group_stories(dated), 1) == (1,)
    assert group_of(group_stories(dated, links=[(1, 2)]), 1) == (1, 2)
    # A day apart (and an unreadable date, which counts as unknown) is no obstacle.
    close = [
        StoryDoc(1, FERRY_A, "2024-03-01"),
        StoryDoc(2, FERRY_B, "2024-03-02T08:00:00"),
        *[StoryDoc(i, t, "not a date") for i, t in enumerate(OTHERS, start=3)],
    ]
    assert group_of(group_stories(close), 1) == (1, 2)


def test_shared_entity_keys_join_reports_that_share_few_words():
    short_a = "Police named the victim of Tuesday's crash as a delivery driver from Harwick."
    short_b = "Tributes were paid on Wednesday to a father of three killed on the bypass."
    docs = [
        StoryDoc(1, short_a, entities=("person:77", "gpe:harwick")),
        StoryDoc(2, short_b, entities=("person:77", "gpe:harwick")),
        *[StoryDoc(i, t, entities=(f"org:{i}",)) for i, t in enumerate(OTHERS, start=3)],
    ]
    assert group_of(group_stories(docs), 1) == (1, 2)
    assert group_of(group_stories([StoryDoc(d.id, d.text) for d in docs]), 1) == (1,)


def test_empty_input_and_one_document():
    assert group_stories([]) == []
    assert group_stories([StoryDoc(7, FERRY_A)]) == [StoryGroup((7,), 7, 0.0)]
    assert group_stories([StoryDoc(7, "")]) == [StoryGroup((7,), 7, 0.0)]


def test_duplicate_document_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        group_stories([StoryDoc(1, FERRY_A), StoryDoc(1, FERRY_B)])


def test_seeds_the_three_versions_of_the_bbc_story_are_one_story_without_any_links():
    # Files 001-003 are the BBC story and two rewrites of it; 000 and 004 are other stories.
    docs = [
        StoryDoc(int(path.name[:3]), read_plain_text(path.read_text(encoding="utf-8")).text)
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    assert [g.documents for g in group_stories(docs)] == [(1, 2, 3), (0,), (4,)]
