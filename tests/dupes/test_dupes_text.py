"""Tokens and sentences keep offsets into the given text; keys make trivial respellings equal."""

from corpuskit.dupes.text import analyse, skeleton, word_key


def test_offsets_index_the_text_given():
    text = "Mr. Smith paid \u00a32,500 on 3 May.\n\n\u201cIt was fair,\u201d he said. Six days later he left."
    units = analyse(text)
    for token in units.tokens:
        assert text[token.start : token.end] == token.surface
    sentences = [text[s.start : s.end] for s in units.sentences]
    assert sentences == [
        "Mr. Smith paid \u00a32,500 on 3 May.",
        "\u201cIt was fair,\u201d he said.",
        "Six days later he left.",
    ]


def test_keys_fold_case_accents_numbers_and_inflections():
    assert word_key("Six") == word_key("6") == "6"
    assert word_key("2,500") == "2500"
    assert word_key("Caf\u00e9") == word_key("cafe")
    assert word_key("forced") == word_key("forces") == word_key("force")
    assert word_key("Smith's") == word_key("Smith")


def test_a_one_vowel_respelling_keeps_its_skeleton():
    assert skeleton(word_key("Karim")) == skeleton(word_key("Kareem"))
    assert skeleton(word_key("Katarina")) == skeleton(word_key("Katerina"))


def test_quoted_words_and_sentence_starts_are_marked():
    units = analyse("Police said \u201cnobody was hurt\u201d today. Nobody else spoke.")
    inside = [t.surface for t in units.tokens if any(s <= t.start < e for s, e in units.quotes)]
    assert inside == ["nobody", "was", "hurt"]
    assert [t.surface for t in units.tokens if t.initial] == ["Police", "Nobody"]


def test_empty_text_has_no_units():
    units = analyse("")
    assert units.tokens == () and units.sentences == ()
