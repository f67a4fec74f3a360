"""The dupes listing under filters: a cluster never stands on pairs that are not shown."""

from __future__ import annotations

from corpuskit.dupes.listing import dupes_listing
from corpuskit.dupes.model import Cluster, DupesResult, PairResult, Passage


class NoDocuments:
    def each_document(self):
        return iter([])


def pair(a: int, b: int, relation: str, score: float = 0.5) -> PairResult:
    return PairResult(a, b, relation, score, 0.5, 0.5, None, (Passage((0, 10), (0, 10), 0.9),))


# 1-2 rewrite, 2-3 partial, 3-4 rewrite: one cluster, joined through the partial pair.
CHAIN = DupesResult(
    pairs=(pair(1, 2, "rewrite"), pair(2, 3, "partial"), pair(3, 4, "rewrite")),
    clusters=(Cluster(7, (1, 2, 3, 4)),),
)


def listed_clusters(**filters) -> list[dict]:
    return dupes_listing(NoDocuments(), CHAIN, **filters)["clusters"]  # type: ignore[arg-type]


def test_unfiltered_the_cluster_is_listed_whole():
    assert listed_clusters() == [{"id": 7, "documents": [1, 2, 3, 4], "origins": []}]


def test_a_relation_filter_cuts_the_cluster_where_the_hidden_pair_joined_it():
    assert listed_clusters(relations=["rewrite"]) == [
        {"id": 7, "documents": [1, 2], "origins": []},
        {"id": 8, "documents": [3, 4], "origins": []},
    ]


def test_a_document_no_listed_pair_joins_is_left_out():
    assert listed_clusters(relations=["partial"]) == [{"id": 7, "documents": [2, 3], "origins": []}]


def test_with_a_document_only_its_part_of_the_cut_cluster_is_listed_under_the_same_id():
    assert listed_clusters(relations=["rewrite"], document=4) == [{"id": 8, "documents": [3, 4], "origins": []}]
