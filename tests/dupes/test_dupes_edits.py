"""Edits inside aligned passages, classified; the word diff of ``corpuskit diff``."""

from dupes_stories import LIBRARIES, article

from corpuskit.dupes import DocInput, compare_documents, diff_texts


def edits_between(text_a: str, text_b: str) -> list[tuple[str, str, str]]:
    pair = compare_documents(DocInput(1, text_a), DocInput(2, text_b))
    return [(e.kind, e.a, e.b) for p in pair.passages for e in p.edits]


def edited(old: str, new: str) -> list[tuple[str, str, str]]:
    text = article(LIBRARIES)
    assert old in text
    return edits_between(text, text.replace(old, new))


def test_a_respelled_name_is_a_name_edit():
    assert edited("Tomasz Wierzbicki", "Tomasz Wierzbiecki") == [("name", "Wierzbicki", "Wierzbiecki")]


def test_another_name_is_a_name_edit():
    assert edited("Council leader Margaret Okafor", "Council leader Margaret Okoro") == [("name", "Okafor", "Okoro")]


def test_a_changed_number_is_a_number_edit():
    assert edited("2.4 million", "2.6 million") == [("number", "2.4", "2.6")]


def test_a_number_written_in_words_is_no_edit():
    assert edited("three public libraries", "3 public libraries") == []


def test_a_changed_date_phrase_is_a_date_edit_shown_with_its_date():
    assert edited("in early February", "at the end of February") == [
        ("date", "in early February", "at the end of February")
    ]
    assert edited("on Tuesday", "on Wednesday") == [("date", "Tuesday", "Wednesday")]


def test_changed_wording_inside_a_quotation_is_a_quote_edit():
    assert edited("We were promised", "We were told") == [("quote", "promised", "told")]
    assert edited("for as long as people used them", "for as long as people wanted them") == [
        ("quote", "used", "wanted")
    ]


def test_other_changed_words_are_wording_edits():
    assert edited("in heavy rain", "in pouring rain") == [("wording", "heavy", "pouring")]


def test_a_small_cut_is_an_edit_but_a_moved_sentence_is_not():
    assert edited("public consultation held in March", "consultation held in March") == [("wording", "public", "")]


def test_diff_gives_word_level_changes_of_aligned_passages():
    text = article(LIBRARIES)
    changed = text.replace("2.4 million", "2.6 million").replace("Wierzbicki", "Wierzbiecki")
    passages = diff_texts(text, changed)
    assert passages
    ops = [(c.op, c.a, c.b) for p in passages for c in p.changes if c.op != "equal"]
    assert ("replace", "2.4", "2.6") in ops and ("replace", "Wierzbicki", "Wierzbiecki") in ops
    for p in passages:
        for c in p.changes:  # each block's text is the text at its span
            assert text[c.a_span[0] : c.a_span[1]] == c.a and changed[c.b_span[0] : c.b_span[1]] == c.b
    kinds = {e.kind for p in passages for e in p.passage.edits}
    assert kinds == {"number", "name"}


def test_diff_of_unrelated_texts_is_empty():
    assert (
        diff_texts("The ferry left at noon with forty passengers.", "Shares in the bank fell sharply on Friday.") == []
    )
