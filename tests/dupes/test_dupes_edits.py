"""Edits inside aligned passages, classified; the word diff of ``corpuskit diff``.

Each kind has cases it must be given to and cases it must not (corpuskit issue 10, item 6: an
edit means what its kind says), and formatting-only changes are no edit at all.
"""

from dupes_stories import LIBRARIES, article
from hypothesis import given, settings
from hypothesis import strategies as st

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


def both_edited(old: str, new_a: str, new_b: str) -> list[tuple[str, str, str]]:
    """Edits between two versions of the article that each replace ``old``."""
    text = article(LIBRARIES)
    assert old in text
    return edits_between(text.replace(old, new_a), text.replace(old, new_b))


def kinds(edits: list[tuple[str, str, str]]) -> set[str]:
    return {kind for kind, _, _ in edits}


# --- name --------------------------------------------------------------------


def test_a_transliterated_or_respelled_name_is_a_name_edit():
    assert edited("Tomasz Wierzbicki", "Tomasz Wierzbitsky") == [("name", "Wierzbicki", "Wierzbitsky")]
    assert edited("Margaret Okafor", "Margaret Okaffor") == [("name", "Okafor", "Okaffor")]


def test_a_changed_first_name_before_the_same_surname_is_a_name_edit():
    assert edited("Librarian Tomasz Wierzbicki", "Librarian Tom Wierzbicki") == [("name", "Tomasz", "Tom")]


def test_an_acronym_for_the_full_name_is_a_name_edit():
    assert both_edited(
        "said the decision", "told the BBC the decision", "told the British Broadcasting Corporation the decision"
    ) == [("name", "BBC", "British Broadcasting Corporation")]


def test_another_surname_or_another_person_is_wording_not_a_name():
    assert edited("Council leader Margaret Okafor", "Council leader Margaret Okoro") == [("wording", "Okafor", "Okoro")]
    assert kinds(edited("Council leader Margaret Okafor", "Council leader John Smith")) == {"wording"}
    # a phrase that merely contains a name: "X in their" / "Y with the"
    assert "name" not in kinds(
        both_edited("Margaret Okafor said", "Okafor in their view said", "Smith with the mayor said")
    )


def test_a_derived_word_is_no_respelled_name():
    assert both_edited("the town hall", "the Belgian embassy", "the Belgium embassy") == [
        ("wording", "Belgian", "Belgium")
    ]


def test_a_possessive_hyphen_or_diacritic_is_no_edit():
    assert both_edited("Council leader Margaret Okafor", "Mr Thomas's deputy", "Mr Thomas deputy") == []
    assert both_edited("Tomasz Wierzbicki", "Tomasz Taylor Lloyd", "Tomasz Taylor-Lloyd") == []
    assert edited("Tomasz Wierzbicki", "Tomasz Wierzbícki") == []


def test_an_abbreviated_title_is_no_edit():
    assert both_edited("Librarian Tomasz", "Sergeant Major Tomasz", "Sgt-Major Tomasz") == []


# --- number ------------------------------------------------------------------


def test_a_changed_number_is_a_number_edit():
    assert edited("2.4 million", "2.6 million") == [("number", "2.4", "2.6")]
    assert edited("2.4 million", "2.6m") == [("number", "2.4 million", "2.6m")]
    assert edited("for 23 years", "for 32 years") == [("number", "23", "32")]


def test_a_changed_age_after_the_same_name_is_a_number_edit():
    assert both_edited(
        "Librarian Tomasz Wierzbicki,", "Librarian Tomasz Wierzbicki, 61,", "Librarian Tomasz Wierzbicki, 62,"
    ) == [("number", "61", "62")]


def test_a_number_in_another_format_is_no_edit():
    assert edited("three public libraries", "3 public libraries") == []
    assert edited("2.4 million", "2.4m") == []
    assert edited("12,000 residents", "12 thousand residents") == []
    assert edited("for 23 years", "for twenty-three years") == []
    assert both_edited("for 23 years", "weighing 22 stone", "weighing 22st") == []


def test_unrelated_numbers_are_not_a_number_edit():
    # the ages of two people who share a surname
    assert "number" not in kinds(
        both_edited(
            "Librarian Tomasz Wierzbicki,",
            "Librarian Anna Wierzbicki, 53, and her husband Tomasz Wierzbicki,",
            "Librarian Tomasz Wierzbicki, 52, and his wife Anna Wierzbicki,",
        )
    )
    # one number dropped, another added elsewhere in the phrase
    changed = edited("close three public libraries by", "close public libraries used by 40,000 people by")
    assert "number" not in kinds(changed)
    # numbers inside a rewritten stretch
    changed = edited("signed by 12,000 residents", "that one of the 195 million people who live there signed")
    assert "number" not in kinds(changed)


def test_a_year_changed_is_a_date_not_a_number():
    assert edited("since 2019", "since 2018") == [("date", "2019", "2018")]


# --- date --------------------------------------------------------------------


def test_a_changed_date_phrase_is_a_date_edit_shown_with_its_date():
    assert edited("in early February", "at the end of February") == [
        ("date", "in early February", "at the end of February")
    ]
    assert edited("on Tuesday", "on Wednesday") == [("date", "Tuesday", "Wednesday")]
    assert edited("on Tuesday", "yesterday") == [("date", "on Tuesday", "yesterday")]


def test_a_time_expression_added_or_dropped_is_a_date_edit():
    assert edited("voted on Tuesday to close", "voted to close") == [("date", "on Tuesday", "")]
    assert edited("held in March found", "held last night found") == [("date", "in March", "last night")]


def test_the_same_time_written_otherwise_is_no_edit():
    assert edited("held in March", "held in Mar.") == []
    assert both_edited("in early February", "in October last year", "last October") == []


def test_a_phrase_that_merely_contains_a_time_is_wording():
    assert edited("in heavy rain", "this autumn") == [("wording", "in heavy rain", "this autumn")]
    changed = edited("handed in a petition", "revealed yesterday a petition")
    assert "date" not in kinds(changed)


# --- quote and wording ------------------------------------------------------------


def test_changed_wording_inside_a_quotation_is_a_quote_edit():
    assert edited("We were promised", "We were told") == [("quote", "promised", "told")]
    assert edited("for as long as people used them", "for as long as people wanted them") == [
        ("quote", "used", "wanted")
    ]
    assert edited("promised these buildings", "promised the buildings") == [("quote", "these", "the")]


def test_a_function_word_outside_quotation_marks_is_wording_not_quote():
    assert edited("replace the branches", "replace these branches") == [("wording", "the", "these")]
    assert edited("by the end of the year", "following the end of the year") == [("wording", "by", "following")]


def test_other_changed_words_are_wording_edits():
    assert edited("in heavy rain", "in pouring rain") == [("wording", "heavy", "pouring")]


def test_a_contraction_written_out_is_no_edit():
    assert edited("would stay open", "will stay open") == [("quote", "would", "will")]
    assert both_edited("We were promised", "I have been promised", "I've been promised") == []


# Changes of formatting only, each applicable to the article; any of them together is no edit.
FORMATTING = [
    ("2.4 million", "2.4m"),
    ("12,000", "12 thousand"),
    ("for 23 years", "for twenty-three years"),
    ("Elm Street", "Elm-Street"),
    ("Wierzbicki", "Wierzbícki"),
    ("on Tuesday", "on TUESDAY"),
    ("Council leader", "Council Leader"),
    ("held in March", "held in Mar."),
    ("the council's", "the councils\u2019"),
]


@settings(max_examples=30, deadline=None)
@given(st.sets(st.sampled_from(range(len(FORMATTING))), min_size=1))
def test_formatting_only_changes_never_yield_an_edit(chosen):
    text = article(LIBRARIES)
    changed = text
    for index in sorted(chosen):
        old, new = FORMATTING[index]
        assert old in changed
        changed = changed.replace(old, new, 1)
    assert edits_between(text, changed) == []


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


# Phrases, each whole: relative times, ones with a letter IGNORECASE folds to ASCII (ſ, K), and others.
_TIME_PHRASES = [
    "two days later",
    "two dayſ later",
    "last weeK",
    "the previous week",
    "overnight",
    "THIS YEAR",
    "a few months ago",
    "Police said",
    "İstanbul",
    "é",
    "ı",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TIME_PHRASES), min_size=0, max_size=8))
def test_relative_times_are_matched_as_ignorecase_would_in_any_text(phrases):
    """Relative times are matched in the lower-case text (faster) unless a letter that
    IGNORECASE folds to an ASCII one is there; the matches are those of IGNORECASE either way."""
    from corpuskit.dupes.edits import _RELATIVE_TIME, _relative_times
    from corpuskit.text.words import lowered

    text = " ".join(phrases) + "."
    found = [(m.span(), " ".join(m.group().lower().split())) for m in _relative_times(text, lowered(text))]
    assert found == [(m.span(), " ".join(m.group().lower().split())) for m in _RELATIVE_TIME.finditer(text)]


def test_a_long_s_in_a_relative_time_is_read_as_ignorecase_reads_it():
    from corpuskit.dupes.edits import _relative_times
    from corpuskit.text.words import lowered

    text = "He left two dayſ later."
    assert [m.group() for m in _relative_times(text, lowered(text))] == ["two dayſ later"]
