"""Per document, all its sources together: an article written from two wire texts is wholly derived."""

from dupes_stories import HARBOUR, LIBRARIES, article

from corpuskit.dupes import DocInput, find_duplicates
from corpuskit.dupes.derivation import derive_documents

WIRE_DAY, PAPER_DAY = "2024-03-04", "2024-03-05"


def derivations(docs):
    return derive_documents(docs, find_duplicates(docs).pairs)


def test_an_article_made_of_two_wire_texts_is_wholly_derived_though_each_pair_is_partial():
    first, second = DocInput(1, article(LIBRARIES[:5]), WIRE_DAY), DocInput(2, article(LIBRARIES[5:]), WIRE_DAY)
    paper = DocInput(3, article(LIBRARIES), PAPER_DAY)
    result = find_duplicates([first, second, paper])
    assert {(p.a, p.b, p.relation) for p in result.pairs} == {(1, 3, "partial"), (2, 3, "partial")}
    derived = derive_documents([first, second, paper], result.pairs)
    assert set(derived) == {3}  # the wire texts have no earlier source
    whole = derived[3]
    assert whole.sources == (1, 2) and whole.relation == "rewrite"
    assert whole.aligned_share > 0.95 and whole.verbatim_share > 0.95 and whole.pair_share < 0.7


def test_a_few_lifted_paragraphs_in_a_longer_story_are_partial():
    source = DocInput(1, article(LIBRARIES), WIRE_DAY)
    host = DocInput(2, article(HARBOUR + LIBRARIES[1:4] + HARBOUR[::-1]), PAPER_DAY)
    derived = derivations([source, host])
    assert derived[2].relation == "partial" and derived[2].sources == (1,)
    assert 0.2 < derived[2].aligned_share < 0.5


def test_texts_of_one_day_are_siblings_not_sources():
    text = article(LIBRARIES)
    docs = [DocInput(1, text, PAPER_DAY), DocInput(2, text.replace("2.4 million", "2.6 million"), PAPER_DAY)]
    assert derivations(docs) == {}


def test_a_later_text_is_never_a_source_of_an_earlier_one():
    text = article(LIBRARIES)
    docs = [DocInput(1, text, PAPER_DAY), DocInput(2, text.replace("2.4 million", "2.6 million"), WIRE_DAY)]
    derived = derivations(docs)
    assert set(derived) == {1} and derived[1].sources == (2,)


def test_without_dates_either_text_may_be_the_source():
    text = article(LIBRARIES)
    derived = derivations([DocInput(1, text), DocInput(2, text.replace("2.4 million", "2.6 million"))])
    assert set(derived) == {1, 2}
    assert all(d.relation == "rewrite" and d.aligned_share == 1.0 for d in derived.values())


def test_no_pairs_no_derivations():
    assert derive_documents([DocInput(1, article(LIBRARIES))], []) == {}
    assert derive_documents([], []) == {}
