"""find_duplicates end to end: edge cases and the result contract."""

import json

from dupes_stories import LIBRARIES, article

from corpuskit.dupes import DocInput, DupesSettings, compute_signature, find_duplicates


def test_no_documents():
    result = find_duplicates([])
    assert result.pairs == () and result.clusters == ()
    assert result.to_json() == {"pairs": [], "siblings": [], "clusters": [], "shared_quotes": []}


def test_one_document():
    result = find_duplicates([DocInput(1, article(LIBRARIES))])
    assert result.pairs == () and result.clusters == ()


def test_empty_and_tiny_documents_do_not_fail():
    result = find_duplicates([DocInput(1, ""), DocInput(2, "   "), DocInput(3, "Hi."), DocInput(4, "Hi.")])
    assert [(p.a, p.b, p.relation) for p in result.pairs] == [(3, 4, "exact")]


def test_two_documents_with_one_text_are_exact():
    text = article(LIBRARIES)
    result = find_duplicates([DocInput(1, text, "2024-01-02", "A"), DocInput(2, text, "2024-01-01", "B")])
    (pair,) = result.pairs
    assert (pair.relation, pair.direction) == ("exact", "b->a")
    assert [(c.documents, c.origins) for c in result.clusters] == [((1, 2), (2,))]


def test_stored_signatures_are_used():
    text = article(LIBRARIES)
    docs = [DocInput(1, text), DocInput(2, text.replace("Tuesday", "Monday"))]
    stored = {d.id: compute_signature(d.text) for d in docs}
    assert find_duplicates(docs, signatures=stored).pairs == find_duplicates(docs).pairs


def test_result_is_json_serialisable():
    text = article(LIBRARIES)
    result = find_duplicates([DocInput(1, text), DocInput(2, text.replace("Tuesday", "Monday"))])
    data = json.loads(json.dumps(result.to_json()))
    assert data["pairs"][0]["relation"] == "near_copy"
    assert data["clusters"] == [{"id": 1, "documents": [1, 2], "origins": []}]  # undated: no origin
    assert data["siblings"] == []


def test_only_the_signature_fields_change_the_signature_key():
    assert DupesSettings(min_share=0.3).signature_key() == DupesSettings().signature_key()
    assert DupesSettings(shingle_words=4).signature_key() != DupesSettings().signature_key()


def test_a_cached_verdict_reads_back_equal_to_the_verdict_made(copies_ingested, tmp_path):
    """The cache keeps every field unrounded and each edit's spans (the listing's JSON does not),
    so what a second run reads is what the first run made: the report must not change with it."""
    from tests.stage_corpus import copy_of

    from corpuskit.dupes.corpus import corpus_duplicates, pair_from_json, verdict_to_json

    store = copy_of(copies_ingested, tmp_path / "corpus.db")
    made = corpus_duplicates(store)
    assert made.pairs and any(e.a_span for p in made.pairs for passage in p.passages for e in passage.edits)
    for pair in made.pairs:
        assert pair_from_json(json.loads(verdict_to_json(pair))) == pair
    again = corpus_duplicates(store)  # every verdict from the cache now
    assert again.pairs == made.pairs and again.siblings == made.siblings
