"""The one sentence splitter on the cases that used to differ between stages."""

from __future__ import annotations

from corpuskit.text.sentences import ends_sentence, first_sentence, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Smith met J. Jones at No. 6 Hill Road. They talked (in the U.K. office). Then they left!"
    assert _sentences(text) == [
        "Mr. Smith met J. Jones at No. 6 Hill Road.",
        "They talked (in the U.K. office).",
        "Then they left!",
    ]


def test_closing_quotes_stay_with_their_sentence_and_a_line_break_always_ends_one():
    text = "\u201cWe are ready.\u201d She left.\nA heading without a stop\nNext line."
    assert _sentences(text) == ["\u201cWe are ready.\u201d", "She left.", "A heading without a stop", "Next line."]


def test_a_quoted_abbreviation_is_still_an_abbreviation():
    assert _sentences("He wrote \u2018Dr. Smith is right\u2019 and left.") == [
        "He wrote \u2018Dr. Smith is right\u2019 and left."
    ]
    assert _sentences('He said "Mr. Jones" was away.') == ['He said "Mr. Jones" was away.']


def test_first_sentence_and_finished_lines():
    assert first_sentence("Mr. Smith won. He was glad.") == "Mr. Smith won."
    assert first_sentence("  ") == ""
    assert ends_sentence("the board agreed.\u201d") and ends_sentence("He said:")
    assert not ends_sentence("it said the")


def test_a_title_of_office_before_a_name_does_not_end_a_sentence():
    text = "Sen. Ada Park and Gov. Lee met Det. Supt. Ray Holt. The talks ended."
    assert _sentences(text) == ["Sen. Ada Park and Gov. Lee met Det. Supt. Ray Holt.", "The talks ended."]


def test_a_sentence_may_open_with_a_doubled_apostrophe():
    text = "The vote was close. ''We will appeal,'' she said. ''It is not over.''"
    assert _sentences(text) == ["The vote was close.", "''We will appeal,'' she said.", "''It is not over.''"]


def test_a_full_stop_before_a_lower_case_word_does_not_end_a_sentence():
    assert _sentences("He paid approx. ten pounds. Then he left.") == ["He paid approx. ten pounds.", "Then he left."]
