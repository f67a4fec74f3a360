"""Candidate search: incremental, sub-quadratic, robust to a respelled name, deaf to boilerplate."""

import random

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article

from corpuskit.dupes import CandidateIndex, DocInput, DupesSettings, compute_signature, find_duplicates, verify_pairs


def _corpus() -> dict[int, str]:
    texts = {
        1: article(LIBRARIES),
        2: article(LIBRARIES_REWRITTEN),
        3: article(HARBOUR),
        4: article(MUSEUM),
        5: article(HARBOUR[:3] + LIBRARIES[2:5]),
        6: article(LIBRARIES).replace("Wierzbicki", "Wierzbiecki"),
    }
    return texts


def test_adding_documents_later_finds_the_same_pairs_as_one_batch():
    texts = _corpus()
    batch = CandidateIndex()
    for doc_id, text in texts.items():
        batch.add(doc_id, compute_signature(text))
    expected = set(batch.pairs())

    index = CandidateIndex()
    found = set()
    for doc_id in (1, 3, 4):
        index.add(doc_id, compute_signature(texts[doc_id]))
    found |= set(index.pairs())
    for doc_id in (5, 2, 6):  # new documents arrive: only their own candidates are searched
        index.add(doc_id, compute_signature(texts[doc_id]))
        found |= {tuple(sorted((doc_id, c.doc_id))) for c in index.candidates(doc_id)}
    assert found == expected
    assert {(1, 2), (1, 5), (1, 6)} <= found

    docs = {i: DocInput(i, t) for i, t in texts.items()}
    incremental = {(p.a, p.b): p for p in verify_pairs(docs, sorted(found))}
    whole = {(p.a, p.b): p for p in find_duplicates(list(docs.values())).pairs}
    assert incremental == whole


def test_a_respelled_name_still_makes_a_candidate():
    index = CandidateIndex()
    index.add(1, compute_signature("Karim Haddad, 34, was fined by magistrates in Leeds for selling fake perfume."))
    query = compute_signature("Kareem Haddad, 34, was fined by magistrates in Leeds for selling fake perfume.")
    assert [c.doc_id for c in index.query(query)] == [1]


def test_boilerplate_shared_by_many_documents_makes_no_candidates():
    rng = random.Random(7)
    words = "apple river stone cloud lamp ticket garden mirror violin candle harbor pepper".split()
    footer = "Subscribe to the Evening Courier newsletter for daily headlines delivered before breakfast every weekday."
    settings = DupesSettings(anchor_df_floor=5, anchor_max_df=0.05)
    index = CandidateIndex(settings)
    for doc_id in range(40):
        body = " ".join(rng.choice(words) + str(rng.randrange(10**6)) for _ in range(150)) + "."
        index.add(doc_id, compute_signature(body + "\n\n" + footer, settings))
    assert index.pairs() == []


def test_unrelated_documents_are_not_candidates():
    index = CandidateIndex()
    index.add(1, compute_signature(article(HARBOUR)))
    index.add(2, compute_signature(article(MUSEUM)))
    assert index.pairs() == []


def test_remove_and_replace():
    index = CandidateIndex()
    index.add(1, compute_signature(article(LIBRARIES)))
    index.add(2, compute_signature(article(LIBRARIES)))
    assert index.pairs() == [(1, 2)]
    index.add(2, compute_signature(article(HARBOUR)))  # the document changed
    assert index.pairs() == []
    index.remove(1)
    assert len(index) == 1 and 1 not in index
