"""Word keys and the shared word lists: one key, one stop-word list, variants built from it."""

from __future__ import annotations

from corpuskit.entities import labels
from corpuskit.facts import numbers
from corpuskit.facts.text import NON_CONTENT
from corpuskit.text import lexicon
from corpuskit.text.words import content_keys, word_key


def test_number_folding_is_an_explicit_option():
    assert word_key("Six") == word_key("6") == "6"
    assert word_key("Six", fold_numbers=False) == "six"
    assert word_key("2,500") == "2500" and word_key("2,500", fold_numbers=False) == "2,500"


def test_keys_fold_trivial_differences():
    assert word_key("U.K.") == word_key("UK") == "uk"
    assert word_key("Aberdeen-based") == word_key("aberdeenbased")
    assert word_key("Caf\u00e9") == word_key("cafe")
    assert word_key("forced") == word_key("forces") == word_key("force")


def test_content_keys_leave_out_stop_words_numbers_and_the_skipped_span():
    text = "six new hospitals opened in the northern province last week"
    assert content_keys(text, 0, len(text)) == ("hospital", "northern", "open", "provinc")
    assert content_keys(text, 0, len(text), skip=(0, 17)) == ("northern", "open", "provinc")


def test_stage_lists_are_built_from_the_shared_ones():
    assert lexicon.STOP_WORDS <= NON_CONTENT and lexicon.TIME_WORDS <= NON_CONTENT
    assert lexicon.STOP_WORDS <= labels._NOT_A_NOUN
    # "two new hospitals": a counted phrase may hold some stop words, never ends at them.
    assert "new" not in numbers._PHRASE_STOP and "the" in numbers._PHRASE_STOP
