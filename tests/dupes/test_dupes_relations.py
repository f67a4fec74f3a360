"""Relations, shares and scores on small constructed pairs."""

from dupes_stories import HARBOUR, LIBRARIES, LIBRARIES_REWRITTEN, MUSEUM, article

from corpuskit.dupes import DocInput, compare_documents


def compare(text_a: str, text_b: str, **meta):
    return compare_documents(DocInput(1, text_a, **meta.get("a", {})), DocInput(2, text_b, **meta.get("b", {})))


def test_identical_text_is_exact_whatever_the_whitespace():
    text = article(LIBRARIES)
    pair = compare(text, "\n" + text.replace("\n\n", "\n\n  ") + "  ")
    assert pair.relation == "exact" and pair.score == 1.0
    assert (pair.share_a, pair.share_b) == (1.0, 1.0)


def test_small_edits_make_a_near_copy():
    text = article(LIBRARIES)
    pair = compare(text, text.replace("2.4 million", "2.6 million").replace("early February", "late February"))
    assert pair.relation == "near_copy"
    assert pair.share_a == pair.share_b == 1.0 and pair.score > 0.9


def test_a_retelling_of_every_sentence_is_a_rewrite():
    pair = compare(article(LIBRARIES), article(LIBRARIES_REWRITTEN))
    assert pair.relation == "rewrite"
    assert min(pair.share_a, pair.share_b) >= 0.8
    assert 0 < pair.score < 1


def test_three_sentences_lifted_into_another_story_are_partial():
    host = article(HARBOUR[:3] + LIBRARIES[1:4] + HARBOUR[3:])
    pair = compare(article(LIBRARIES), host)
    assert pair.relation == "partial"
    assert 0.2 < pair.share_a < 0.5 and 0.2 < pair.share_b < 0.6
    (passage,) = pair.passages
    lifted = host[passage.b[0] : passage.b[1]]
    assert lifted.startswith("Council leader Margaret Okafor") and lifted.endswith("betrayal of working families.")


def test_reordered_paragraphs_are_still_aligned():
    paragraphs = article(LIBRARIES).split("\n\n")
    pair = compare("\n\n".join(paragraphs), "\n\n".join(reversed(paragraphs)))
    assert pair.relation in {"near_copy", "rewrite"}
    assert pair.share_a == pair.share_b == 1.0
    assert len(pair.passages) == len(paragraphs)


def test_same_topic_other_facts_is_no_pair():
    assert compare(article(LIBRARIES), article(MUSEUM)) is None
    assert compare(article(LIBRARIES), article(HARBOUR)) is None


def test_offsets_index_each_text():
    text_a, text_b = article(LIBRARIES), article(LIBRARIES_REWRITTEN)
    pair = compare(text_a, text_b)
    for passage in pair.passages:
        assert 0 <= passage.a[0] < passage.a[1] <= len(text_a)
        assert 0 <= passage.b[0] < passage.b[1] <= len(text_b)
        assert 0.0 <= passage.similarity <= 1.0


def test_json_contract_of_a_pair():
    data = compare(article(LIBRARIES), article(LIBRARIES_REWRITTEN)).to_json()
    assert set(data) >= {"a", "b", "relation", "score", "share", "direction", "passages"}
    assert set(data["share"]) == {"a", "b"}
    for passage in data["passages"]:
        assert set(passage) == {"a", "b", "similarity", "edits"}
        assert all(set(edit) == {"kind", "a", "b"} for edit in passage["edits"])


def test_empty_texts_are_no_pair():
    assert compare("", "") is None
    assert compare("", article(LIBRARIES)) is None


def test_a_cut_and_paste_excerpt_is_a_near_copy_not_a_rewrite():
    excerpt = article(LIBRARIES[:5])  # the first half, word for word
    pair = compare(article(LIBRARIES), excerpt)
    assert pair.relation == "near_copy"
    assert pair.share_b == 1.0 and pair.share_a < 0.7


def test_a_verbatim_copy_of_part_with_own_additions_is_partial_not_rewrite():
    copy = article(LIBRARIES[:7] + HARBOUR[:4])  # seven of its eleven sentences taken word for word
    pair = compare(article(LIBRARIES), copy)
    assert pair.relation == "partial"
