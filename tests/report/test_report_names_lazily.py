"""The report finds names only where a story of several documents can use them (issue 12 item 4).

A document that can share no story is a story of one document whatever its
names are, so `report` runs no NER on it; `entities` reads it when asked; a
document that comes to share a story later gets its names on the next report
(mentions are cached per text, so only the texts not read yet are read)."""

from __future__ import annotations

import pytest
from tests.report.test_report_cache import forget_report

from corpuskit.entities import cache
from corpuskit.nlp import pipeline_key
from corpuskit.report.names import may_hold_a_respelling
from corpuskit.report.settings import StorySettings
from corpuskit.report.stories import StoryDoc, story_candidates
from corpuskit.store import Store

COURT = (
    "Gardener jailed over canal fraud\n\n"
    "Rosalind Trevethan, a gardener from Mallowby, was jailed for four years at Ferncastle Crown Court "
    "on Tuesday for defrauding the Ferncastle Canal Trust of 240,000 pounds.\n\n"
    "Judge Edmund Halloway told Trevethan that she had betrayed the volunteers who trusted her. "
    "The court heard that Trevethan forged invoices for repairs to the locks over six years.\n\n"
    "Detective Sergeant Aled Prosser said the trust had lost most of its savings. "
    "\u201cThe volunteers gave their weekends to the canal and she took their money,\u201d he said.\n\n"
    "Trevethan, 52, admitted nine counts of fraud. The trust said it would rebuild its accounts."
)
FARM = (
    "Orchard harvest doubles after mild spring\n\n"
    "Apple growers across the southern valleys picked twice as much fruit this autumn as last year, "
    "after a mild spring spared the blossom from frost.\n\n"
    "Cold stores are full and several cider makers have stopped buying windfalls. "
    "Prices at the wholesale markets fell by a third in September, growers said.\n\n"
    "Some farms have left pears on the trees because pickers were hard to find in the wet weeks."
)


COPY = COURT.replace("Trevethan", "Trevethen")  # a second outlet's copy, the defendant's name respelt


def write(folder, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text + "\n", encoding="utf-8")


def ingested(cli, folder, **files: str):
    """``files`` (name without ``.txt``: text) written into ``folder`` and ingested."""
    for name, text in files.items():
        write(folder, f"{name}.txt", text)
    assert cli("ingest", str(folder)).exit_code == 0
    return cli


def read_by_ner(cli) -> dict[str, int]:
    """How many stored texts and documents the current NER pipeline has read."""
    return Store.open(cli.db, create=False).mention_counts(pipeline_key())


def story_of(report: dict, doc: int) -> dict:
    return next(s for s in report["stories"] if doc in s["documents"])


def doc_ids(report: dict) -> dict[str, int]:
    return {d["path"].rsplit("/", 1)[-1]: d["id"] for d in report["documents"]}


def test_a_document_alone_gets_no_names_in_the_report_and_gets_them_from_entities(cli, tmp_path):
    ingested(cli, tmp_path / "corpus", court=COURT, farm=FARM)
    report = cli.json("report")
    assert sorted(len(s["documents"]) for s in report["stories"]) == [1, 1]
    assert read_by_ner(cli)["texts"] == 0
    names = {e["name"] for e in cli.json("entities")["entities"]}
    assert "Rosalind Trevethan" in names
    counts = read_by_ner(cli)
    assert counts["texts"] == counts["all_texts"] == 2 and counts["documents"] == 2


def test_a_document_that_comes_to_share_a_story_gets_its_names_on_the_next_report(cli, tmp_path):
    ingested(cli, tmp_path / "corpus", court=COURT, farm=FARM)
    before = cli.json("report")
    assert all(not s["findings"] for s in before["stories"])
    assert read_by_ner(cli)["texts"] == 0
    ingested(cli, tmp_path / "corpus", copy=COPY)
    after = cli.json("report")
    ids = doc_ids(after)
    story = story_of(after, ids["court.txt"])
    assert story["documents"] == sorted([ids["court.txt"], ids["copy.txt"]])
    variants = [f for f in story["findings"] if f["kind"] == "name_variant"]
    assert variants, story["findings"]
    assert {"Trevethan", "Trevethen"} <= {v["text"] for f in variants for v in f["variants"]}, variants
    # The court story, a singleton before, was read now; the farm story, still alone, was not.
    counts = read_by_ner(cli)
    assert counts["texts"] == 2 and counts["documents"] == 2
    assert story_of(after, ids["farm.txt"])["documents"] == [ids["farm.txt"]]


def test_a_report_after_entities_resolves_nothing_again(cli, tmp_path, monkeypatch):
    ingested(cli, tmp_path / "corpus", court=COURT, copy=COPY, farm=FARM)
    first = cli.json("report")
    cli.json("entities")

    def fail(*args, **kwargs):
        raise AssertionError("resolved again although nothing changed")

    monkeypatch.setattr(cache, "resolve", fail)
    forget_report(cli.db)  # made again, from the stages' caches
    assert cli.json("report") == first  # the report's entities were kept apart from the whole corpus's
    cli.json("entities")


def test_a_story_of_several_documents_gets_names_whether_or_not_entities_ran_first(cli, tmp_path):
    ingested(cli, tmp_path / "corpus", court=COURT, copy=COPY, farm=FARM)
    lazily = cli.json("report")
    cli.json("entities")  # now every document has its names
    forget_report(cli.db)
    assert cli.json("report") == lazily


def story_doc(doc_id: int, text: str, published: str | None = None) -> StoryDoc:
    return StoryDoc(doc_id, text, published)


def test_candidates_are_the_linked_and_the_similar_documents():
    docs = [
        story_doc(1, COURT, "2026-03-03"),
        story_doc(2, COPY, "2026-03-04"),
        story_doc(3, FARM, "2026-03-03"),
        story_doc(4, "Tide tables for the harbour this week, with the times of high water.", "2026-03-03"),
        story_doc(5, "Minutes of the parish council meeting on the village hall roof.", "2026-03-03"),
    ]
    assert story_candidates(docs) == {1, 2}
    assert story_candidates(docs, links=[(4, 5)]) == {1, 2, 4, 5}
    assert story_candidates(docs, event_links=[(3, 4)]) == {1, 2, 3, 4}
    # Dates too far apart make two texts two stories, so neither is a candidate.
    apart = [story_doc(1, COURT, "2026-03-03"), story_doc(2, COURT, "2026-05-03")]
    assert story_candidates(apart) == set()
    assert story_candidates(docs[:1]) == set()
    assert story_candidates([]) == set()


def test_an_event_link_chooses_its_documents_only_when_their_dates_allow_one_story():
    docs = [
        story_doc(1, "Tide tables for the harbour this week, with the times of high water.", "2026-03-03"),
        story_doc(2, "Minutes of the parish council meeting on the village hall roof.", "2026-03-05"),
        story_doc(3, "Minutes of the parish council meeting on the village hall roof.", None),
    ]
    assert story_candidates(docs[:2], event_links=[(1, 2)]) == {1, 2}
    # Two days apart is within the event's days but further than any story may span here.
    assert story_candidates(docs[:2], settings=StorySettings(max_days_apart=1), event_links=[(1, 2)]) == set()
    # An undated document's shared quotation is no event link (one quote does not make one event).
    assert story_candidates([docs[0], docs[2]], event_links=[(1, 3)]) == set()


LOCKS = "Boats return to the Ferncastle canal as the locks reopen for the summer, the trust said."


@pytest.mark.parametrize(("similarity", "chosen"), [(0.1, {1, 2, 3}), (0.2, {1, 2})])
def test_the_candidate_similarity_is_a_setting(similarity, chosen):
    # The note on the canal's locks shares a few words with the court story (about 0.17 similar).
    docs = [story_doc(1, COURT), story_doc(2, COURT.replace("four years", "five years")), story_doc(3, LOCKS)]
    docs.append(story_doc(4, FARM))
    assert story_candidates(docs, settings=StorySettings(candidate_similarity=similarity)) == chosen


@pytest.mark.parametrize(
    "text",
    [
        "Head librarian Marta Kovalenko cut the ribbon. Later Marta Kovalenco told visitors it was done.",
        "The singer Anthony Keidis sang first. Fans cheered when Kiedis came back on stage.",
    ],
)
def test_a_document_that_may_spell_a_name_two_ways_needs_its_names(text):
    assert may_hold_a_respelling(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Russia said Russian troops had left.",  # two forms of one stem
        "The Democratic candidate thanked the Democrats who voted.",
        "Forces in Iraq trained the Iraqi police.",
        "Both Donald and Ronald spoke.",  # another first letter: another name
        "Wall street fell. Well, it did.",  # capitals that begin sentences are not names
        "Nobody here is named at all.",
    ],
)
def test_forms_of_one_word_and_sentence_capitals_are_not_respellings(text):
    assert not may_hold_a_respelling(text)


def test_a_lone_document_that_spells_a_name_two_ways_gets_its_names_and_its_finding(cli, tmp_path):
    court = COURT.replace("Trevethan, 52, admitted", "Rosalind Trevethen, 52, admitted")
    ingested(cli, tmp_path / "corpus", court=court, farm=FARM)
    report = cli.json("report")
    court = story_of(report, doc_ids(report)["court.txt"])
    assert len(court["documents"]) == 1
    assert [f["kind"] for f in court["findings"]] == ["name_variant"], court["findings"]
    assert read_by_ner(cli)["texts"] == 1  # the farm story, alone and without such a name, was not read
