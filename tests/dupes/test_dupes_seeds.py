"""Acceptance on the sample corpus: one story in three versions, two other stories."""

from pathlib import Path

import pytest

from corpuskit.dupes import DocInput, find_duplicates
from corpuskit.ingest.plaintext import read_plain_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds_result():
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_plain_text(path.read_text(encoding="utf-8"))
        docs.append(DocInput(int(path.name[:3]), article.text, article.published, article.outlet))
    return find_duplicates(docs), {d.id: d for d in docs}


def test_the_three_versions_of_the_story_are_one_cluster(seeds_result):
    result, _ = seeds_result
    assert [set(c.documents) for c in result.clusters] == [{1, 2, 3}]


def test_the_other_stories_are_linked_to_nothing(seeds_result):
    result, _ = seeds_result
    linked = {d for p in result.pairs for d in (p.a, p.b)}
    assert 0 not in linked and 4 not in linked


def test_the_respelled_name_is_a_name_edit_between_the_rewrite_and_the_original(seeds_result):
    result, docs = seeds_result
    pair = next(p for p in result.pairs if (p.a, p.b) == (1, 3))
    names = [(e.a, e.b) for passage in pair.passages for e in passage.edits if e.kind == "name"]
    assert any("Anuar" in a and "Anwar" in b for a, b in names), names
    for passage in pair.passages:  # the edits sit in passages whose offsets index the texts
        assert docs[1].text[passage.a[0] : passage.a[1]] and docs[3].text[passage.b[0] : passage.b[1]]


def test_the_crediting_summary_is_derived_from_the_credited_outlet(seeds_result):
    result, docs = seeds_result
    assert docs[3].outlet  # the original's byline names its outlet
    pair = next(p for p in result.pairs if (p.a, p.b) == (2, 3))
    assert (pair.direction, pair.direction_reason) == ("b->a", "credit")


def test_the_changed_date_phrase_and_quote_are_reported(seeds_result):
    result, _ = seeds_result
    pair = next(p for p in result.pairs if (p.a, p.b) == (1, 3))
    kinds = {e.kind for passage in pair.passages for e in passage.edits}
    assert {"name", "date", "quote"} <= kinds


# The real order of the three versions: the original first, the copies one and two days later.
DATED = {3: "2023-03-01", 1: "2023-03-02", 2: "2023-03-03", 0: "2023-02-27", 4: "2023-02-28"}


@pytest.mark.parametrize("later_copy", [1, 2])
def test_with_real_dates_the_three_versions_are_still_one_cluster_with_the_respelling(later_copy):
    dates = dict(DATED)
    if later_copy == 1:  # either copy may be the later one: dates order pairs, they never remove one
        dates[1], dates[2] = dates[2], dates[1]
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_plain_text(path.read_text(encoding="utf-8"))
        doc_id = int(path.name[:3])
        docs.append(DocInput(doc_id, article.text, dates[doc_id], article.outlet or f"outlet {doc_id}"))
    result = find_duplicates(docs)
    assert [set(c.documents) for c in result.clusters] == [{1, 2, 3}]
    pair = next(p for p in result.pairs if (p.a, p.b) == (1, 3))
    assert pair.direction == "b->a"  # the original is the source
    names = [(e.a, e.b) for passage in pair.passages for e in passage.edits if e.kind == "name"]
    assert any("Anuar" in a and "Anwar" in b for a, b in names), names
