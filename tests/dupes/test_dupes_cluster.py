"""Clusters: copies of one text group together; chains of unrelated halves do not."""

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article

from corpuskit.dupes import DocInput, PairResult, Passage, cluster_documents, find_duplicates


def clusters_of(texts: dict[int, str]) -> list[set[int]]:
    result = find_duplicates([DocInput(i, t) for i, t in texts.items()])
    return [set(c.documents) for c in result.clusters]


def test_a_text_made_of_two_unrelated_texts_does_not_chain_them():
    first, second = article(LIBRARIES), article(HARBOUR)
    result = find_duplicates([DocInput(1, first), DocInput(2, first + "\n\n" + second), DocInput(3, second)])
    linked = {(p.a, p.b) for p in result.pairs}
    assert linked == {(1, 2), (2, 3)}  # A~B and B~C strongly, A and C unrelated
    clusters = [set(c.documents) for c in result.clusters]
    assert {1, 2, 3} not in clusters
    assert len(clusters) == 1 and len(clusters[0]) == 2


def test_copies_of_one_story_form_one_cluster():
    text = article(LIBRARIES)
    texts = {
        1: text,
        2: text.replace("2.4 million", "2.6 million"),
        3: article(LIBRARIES_REWRITTEN),
        4: article(MUSEUM),
        5: article(HARBOUR),
        6: article(HARBOUR).replace("six crew", "seven crew"),
    }
    assert sorted(clusters_of(texts), key=min) == [{1, 2, 3}, {5, 6}]


def test_a_partial_copy_of_the_shared_text_joins_the_cluster():
    text = article(LIBRARIES)
    texts = {1: text, 2: text.replace("Tuesday", "Monday"), 3: article(HARBOUR[:3] + LIBRARIES[:4])}
    assert clusters_of(texts) == [{1, 2, 3}]


def test_cluster_ids_and_order():
    text = article(HARBOUR)
    result = find_duplicates([DocInput(9, text), DocInput(4, text), DocInput(7, article(MUSEUM))])
    assert [(c.id, c.documents) for c in result.clusters] == [(1, (4, 9))]


def _pair(a: int, b: int, a_span: tuple[int, int], score: float) -> PairResult:
    passage = Passage(a_span, (0, a_span[1] - a_span[0]), 0.8)
    return PairResult(a, b, "partial", score, 0.5, 0.5, None, (passage,))


def test_a_newcomer_joins_when_it_reuses_the_text_the_cluster_shares():
    pairs = [
        _pair(1, 2, (0, 100), 0.9),  # 2 took the first 100 characters of 1
        _pair(1, 3, (10, 90), 0.5),  # 3 took part of the same text (3 and 2 not linked)
        _pair(1, 4, (200, 300), 0.5),  # 4 took another part of 1: nothing to do with 2
    ]
    assert [set(c.documents) for c in cluster_documents(pairs)] == [{1, 2, 3}]
